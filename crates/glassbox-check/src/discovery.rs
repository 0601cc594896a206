//! Finding the models a codebase uses: a walk of the tree (the `ignore` crate: `.gitignore`,
//! hidden files, bounded file size) that hands each source file to its extractor and groups the
//! literal references by target.
//!
//! Memory is bounded by what is found, not by the size of the tree: files are read one at a time
//! per thread and dropped once their references are taken.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use serde::Serialize;

use crate::files::{kind_of, unreadable, FileKind, VENDORED};
use crate::hits::Hits;
use crate::target::{Read, Target};
use crate::{config, js, modelfile, python};

/// A place in the codebase that references a model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Reference {
    /// Path relative to the checked root, `/`-separated.
    pub path: String,
    /// 1-based line; `None` for a reference by the file itself (a weights file).
    pub line: Option<u32>,
}

/// A model the codebase uses, with every place that references it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// What to audit.
    pub target: Target,
    /// Where it is referenced, sorted.
    pub references: Vec<Reference>,
}

/// A reference that cannot be read without running the code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unresolved {
    /// Where.
    #[serde(flatten)]
    pub at: Reference,
    /// What could not be read, and why.
    pub message: String,
}

/// A file that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Skipped {
    /// Path relative to the checked root.
    pub path: String,
    /// Why (too large, binary, minified, not UTF-8, unreadable).
    pub reason: String,
}

/// Everything discovery found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Models by target, in target order.
    pub models: Vec<Model>,
    /// References built at run time.
    pub unresolved: Vec<Unresolved>,
    /// Source files not read.
    pub skipped: Vec<Skipped>,
    /// Source files read.
    pub files_read: u64,
}

/// Bounds of a discovery walk.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest source file read, in bytes.
    pub max_file_bytes: u64,
    /// Threads walking the tree.
    pub threads: usize,
    /// Gitignore-style globs (relative to the root) of paths not read.
    pub exclude: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_bytes: 1 << 20,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get().min(8)),
            exclude: Vec::new(),
        }
    }
}

/// What one source text references: `(line, value)` of literal model names and
/// `(line, note)` of references built at run time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRefs {
    /// Literal values as written.
    pub models: Vec<(u32, String)>,
    /// Unresolved references.
    pub unresolved: Vec<(u32, String)>,
}

/// Extracts what one source text, named `name` (its kind comes from the name), references.
/// Never panics, on any input.
pub fn extract_source(name: &str, src: &str) -> SourceRefs {
    let hits = match kind_of(name) {
        Some(k) => extract(k, src),
        None => Hits::default(),
    };
    SourceRefs {
        models: hits.models.into_iter().map(|r| (r.line, r.value)).collect(),
        unresolved: hits.unresolved,
    }
}

fn extract(kind: FileKind, src: &str) -> Hits {
    match kind {
        FileKind::Python => python::extract(src),
        FileKind::Js(d) => js::extract(src, d),
        FileKind::Config(c) => config::extract(src, c),
        FileKind::Modelfile => modelfile::extract(src),
        FileKind::Weights => Hits::default(),
    }
}

/// What one thread collected.
#[derive(Default)]
struct Found {
    refs: Vec<(Target, Reference)>,
    unresolved: Vec<Unresolved>,
    skipped: Vec<Skipped>,
    files_read: u64,
}

/// Walks `root` and finds the models it uses.
pub fn discover(root: &Path, opts: &Options) -> Discovery {
    let found = Mutex::new(Found::default());
    let mut excludes = ignore::overrides::OverrideBuilder::new(root);
    for g in &opts.exclude {
        // The policy checked each glob; one that does not parse excludes nothing.
        let _ = excludes.add(&format!("!{g}"));
    }
    let excludes = excludes
        .build()
        .unwrap_or_else(|_| ignore::overrides::Override::empty());
    let walker = ignore::WalkBuilder::new(root)
        .overrides(excludes)
        .require_git(false)
        .threads(opts.threads.max(1))
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && VENDORED.contains(&e.file_name().to_string_lossy().as_ref()))
        })
        .build_parallel();
    walker.run(|| {
        let found = &found;
        let mut local = Found::default();
        Box::new(move |entry| {
            if let Ok(entry) = entry {
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    visit(root, entry.path(), opts, &mut local);
                }
            }
            // Hand over what this file gave, so a long walk keeps little per thread.
            if !local.refs.is_empty() || !local.unresolved.is_empty() || !local.skipped.is_empty() {
                let mut f = found.lock().unwrap_or_else(|p| p.into_inner());
                f.refs.append(&mut local.refs);
                f.unresolved.append(&mut local.unresolved);
                f.skipped.append(&mut local.skipped);
            }
            if local.files_read > 0 {
                found.lock().unwrap_or_else(|p| p.into_inner()).files_read += local.files_read;
                local.files_read = 0;
            }
            ignore::WalkState::Continue
        })
    });
    let found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    group(found)
}

fn group(found: Found) -> Discovery {
    let mut by_target: BTreeMap<Target, Vec<Reference>> = BTreeMap::new();
    for (t, r) in found.refs {
        by_target.entry(t).or_default().push(r);
    }
    let models = by_target
        .into_iter()
        .map(|(target, mut references)| {
            references.sort();
            references.dedup();
            Model { target, references }
        })
        .collect();
    let mut unresolved = found.unresolved;
    unresolved.sort();
    let mut skipped = found.skipped;
    skipped.sort();
    Discovery {
        models,
        unresolved,
        skipped,
        files_read: found.files_read,
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn visit(root: &Path, path: &Path, opts: &Options, out: &mut Found) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let Some(kind) = kind_of(&name) else {
        return;
    };
    let rel = relative(root, path);
    if kind == FileKind::Weights {
        let folder = Path::new(&rel)
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".into());
        out.refs.push((
            Target::Local { path: folder },
            Reference {
                path: rel,
                line: None,
            },
        ));
        return;
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > opts.max_file_bytes {
        out.skipped.push(Skipped {
            path: rel,
            reason: format!("larger than {} bytes ({size})", opts.max_file_bytes),
        });
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.skipped.push(Skipped {
                path: rel,
                reason: format!("unreadable: {e}"),
            });
            return;
        }
    };
    if let Some(reason) = unreadable(&bytes) {
        out.skipped.push(Skipped { path: rel, reason });
        return;
    }
    out.files_read += 1;
    let src = String::from_utf8_lossy(&bytes);
    let hits = extract(kind, &src);
    for raw in &hits.models {
        let at = Reference {
            path: rel.clone(),
            line: Some(raw.line),
        };
        match crate::target::read(root, &rel, raw) {
            Read::Model(t) => out.refs.push((t, at)),
            Read::Note(message) => out.unresolved.push(Unresolved { at, message }),
            Read::Ignore => {}
        }
    }
    for (line, message) in hits.unresolved {
        out.unresolved.push(Unresolved {
            at: Reference {
                path: rel.clone(),
                line: Some(line),
            },
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, bytes: &[u8]) {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    #[test]
    fn a_tree_is_walked_grouped_and_bounded() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        write(
            r,
            "app/main.py",
            b"m = AutoModel.from_pretrained('org/a')\n",
        );
        write(r, "web/x.ts", b"\nawait pipeline('ner', 'org/a');\n");
        write(r, "cfg/train.yaml", b"model_name_or_path: org/b\n");
        write(r, "models/tiny/model.safetensors", b"x");
        write(
            r,
            "ignored/y.py",
            b"AutoModel.from_pretrained('org/ignored')\n",
        );
        write(r, ".gitignore", b"ignored/\n");
        write(r, "node_modules/z.js", b"pipeline('ner', 'org/vendored')\n");
        write(r, "big.py", &vec![b'#'; 70_000]);
        write(r, "bin.py", b"from_pretrained\0");
        write(r, "latin.py", b"from_pretrained('\xe9')\n");
        write(
            r,
            "dist/app.min.js",
            &[b"pipeline('a','org/m');".repeat(1000), vec![b'\n']].concat(),
        );
        write(
            r,
            "tests/fixtures/t.py",
            b"AutoModel.from_pretrained('org/fixture')\n",
        );
        let opts = Options {
            max_file_bytes: 64 << 10,
            threads: 2,
            exclude: vec!["tests/fixtures/**".into()],
        };
        let found = discover(r, &opts);
        let specs: Vec<String> = found.models.iter().map(|m| m.target.spec()).collect();
        assert_eq!(specs, ["hf:org/a", "hf:org/b", "./models/tiny"]);
        let a = &found.models[0].references;
        assert_eq!(
            a,
            &[
                Reference {
                    path: "app/main.py".into(),
                    line: Some(1)
                },
                Reference {
                    path: "web/x.ts".into(),
                    line: Some(2)
                },
            ]
        );
        assert_eq!(found.models[2].references[0].line, None);
        let skipped: Vec<(&str, &str)> = found
            .skipped
            .iter()
            .map(|s| (s.path.as_str(), s.reason.split(' ').next().unwrap()))
            .collect();
        assert_eq!(
            skipped,
            [
                ("big.py", "larger"),
                ("bin.py", "binary"),
                ("dist/app.min.js", "minified"),
                ("latin.py", "not"),
            ]
        );
    }
}
