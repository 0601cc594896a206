//! Reading a value found in code or configuration as an audit target.

use std::path::Path;

/// A model a codebase uses, as glassbox audits it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A Hugging Face Hub model, `hf:org/name[@revision]`.
    Hub {
        /// `org/name` (or a legacy single-segment id).
        id: String,
        /// The pinned revision, if any.
        revision: Option<String>,
    },
    /// A folder of the codebase holding weights (relative to the root, `/`-separated).
    Local {
        /// The folder, relative to the checked root (`.` for the root itself).
        path: String,
    },
}

impl Target {
    /// The spec as written in reports and policies: `hf:org/name[@rev]` or `./path`.
    pub fn spec(&self) -> String {
        match self {
            Target::Hub { id, revision: None } => format!("hf:{id}"),
            Target::Hub {
                id,
                revision: Some(r),
            } => format!("hf:{id}@{r}"),
            Target::Local { path } if path == "." => "./".into(),
            Target::Local { path } => format!("./{path}"),
        }
    }

    /// Parses a spec as written in a policy (`hf:org/name[@rev]`, `org/name`, `./path`).
    pub fn parse_spec(spec: &str) -> Result<Target, String> {
        let s = spec.trim();
        if let Some(p) = s.strip_prefix("./") {
            let p = p.trim_end_matches('/');
            return Ok(Target::Local {
                path: if p.is_empty() { ".".into() } else { p.into() },
            });
        }
        let body = s.strip_prefix("hf:").unwrap_or(s);
        let (id, rev) = match body.split_once('@') {
            Some((i, r)) => (i, Some(r.to_string())),
            None => (body, None),
        };
        if !is_hub_id(id, false) {
            return Err(format!(
                "`{spec}` is not a model target (hf:org/name[@revision] or ./folder)"
            ));
        }
        if rev.as_deref().is_some_and(|r| !is_revision(r)) {
            return Err(format!("`{spec}` has an invalid revision"));
        }
        Ok(Target::Hub {
            id: id.to_string(),
            revision: rev,
        })
    }

    /// The Hub id without revision, or the local path.
    pub fn name(&self) -> &str {
        match self {
            Target::Hub { id, .. } => id,
            Target::Local { path } => path,
        }
    }

    /// The pinned revision of a Hub target.
    pub fn revision(&self) -> Option<&str> {
        match self {
            Target::Hub { revision, .. } => revision.as_deref(),
            Target::Local { .. } => None,
        }
    }
}

/// Whether `s` is a Hub repository id: one (legacy, only when `need_org` is false) or two
/// segments of `[A-Za-z0-9._-]`, no `--` or `..`, segments not starting or ending with `-`/`.`.
pub fn is_hub_id(s: &str, need_org: bool) -> bool {
    let parts: Vec<&str> = s.split('/').collect();
    let n_ok = if need_org {
        parts.len() == 2
    } else {
        matches!(parts.len(), 1 | 2)
    };
    n_ok && s.len() <= 96
        && !s.contains("--")
        && !s.contains("..")
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                && !p.starts_with(['-', '.'])
                && !p.ends_with(['-', '.'])
        })
        // A single word of digits or a version number is not a model.
        && parts.iter().any(|p| p.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Whether `r` can be a Git revision (branch, tag or commit).
pub fn is_revision(r: &str) -> bool {
    !r.is_empty()
        && r.len() <= 256
        && !r.contains("..")
        && !r.chars().any(|c| c.is_control() || c == ' ')
}

/// What a found value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Read {
    /// A model to audit.
    Model(Target),
    /// Looks like a model reference but cannot be audited; the note says why.
    Note(String),
    /// Not a model reference at all (a task name, a plain word under a generic key).
    Ignore,
}

/// Reads a value found in `file` (relative to `root`, `/`-separated) as a target.
pub(crate) fn read(root: &Path, file: &str, raw: &crate::hits::Raw) -> Read {
    let v = raw.value.trim();
    if v.is_empty() {
        return Read::Ignore;
    }
    let hub = v
        .strip_prefix("https://huggingface.co/")
        .or_else(|| v.strip_prefix("https://hf.co/"))
        .or_else(|| v.strip_prefix("hf:"))
        .map(|s| s.trim_end_matches('/'));
    if let Some(id) = hub {
        let id = id.strip_prefix("models/").unwrap_or(id);
        return hub_target(id, raw, false);
    }
    if v.starts_with("./") || v.starts_with("../") || v.starts_with('/') || v.starts_with('~') {
        return local(root, file, v, raw);
    }
    hub_target(v, raw, raw.generic)
}

fn hub_target(id: &str, raw: &crate::hits::Raw, need_org: bool) -> Read {
    if !is_hub_id(id, need_org) {
        return Read::Ignore;
    }
    match &raw.revision {
        Some(r) if !is_revision(r) => Read::Note(format!(
            "{}: `{id}` pinned to an invalid revision `{r}`",
            raw.what
        )),
        r => Read::Model(Target::Hub {
            id: id.to_string(),
            revision: r.clone(),
        }),
    }
}

/// A local path, looked up next to the file and then under the root; only paths inside the
/// root can be audited (a checkout must not make glassbox read the rest of the machine).
fn local(root: &Path, file: &str, v: &str, raw: &crate::hits::Raw) -> Read {
    if v.starts_with('/') || v.starts_with('~') {
        return Read::Note(format!(
            "{}: `{v}` is outside the checked folder and is not audited",
            raw.what
        ));
    }
    let dir = Path::new(file).parent().unwrap_or(Path::new(""));
    for base in [dir, Path::new("")] {
        let Some(rel) = normalise(&base.join(v)) else {
            continue;
        };
        let abs = root.join(&rel);
        if abs.exists() {
            let folder = if abs.is_file() {
                Path::new(&rel)
                    .parent()
                    .map(|p| p.to_string_lossy().into_owned())
            } else {
                Some(rel.clone())
            };
            let path = folder
                .filter(|f| !f.is_empty())
                .unwrap_or_else(|| ".".into());
            return Read::Model(Target::Local { path });
        }
    }
    Read::Note(format!(
        "{}: local path `{v}` does not exist in the checked folder",
        raw.what
    ))
}

/// `a/./b/../c` → `a/c`, `/`-separated; `None` when it climbs out of the root.
fn normalise(p: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hits::Raw;

    fn raw(v: &str, generic: bool) -> Raw {
        Raw {
            line: 1,
            value: v.into(),
            revision: None,
            generic,
            what: "test".into(),
        }
    }

    #[test]
    fn hub_ids_urls_and_generic_keys() {
        let root = Path::new("/nonexistent");
        let hub = |id: &str| {
            Read::Model(Target::Hub {
                id: id.into(),
                revision: None,
            })
        };
        assert_eq!(read(root, "a.py", &raw("org/name", false)), hub("org/name"));
        assert_eq!(read(root, "a.py", &raw("gpt2", false)), hub("gpt2"));
        assert_eq!(read(root, "a.yml", &raw("gpt-4o", true)), Read::Ignore);
        assert_eq!(
            read(root, "a.yml", &raw("https://huggingface.co/org/x/", true)),
            hub("org/x")
        );
        assert_eq!(read(root, "a.yml", &raw("org--x/y", false)), Read::Ignore);
        assert_eq!(read(root, "a.yml", &raw("1.5", false)), Read::Ignore);
        assert!(matches!(
            read(root, "a.py", &raw("/etc/model", false)),
            Read::Note(_)
        ));
    }

    #[test]
    fn specs_round_trip() {
        for s in ["hf:org/name", "hf:org/name@abc", "./models/x", "./"] {
            assert_eq!(Target::parse_spec(s).unwrap().spec(), s);
        }
        assert_eq!(Target::parse_spec("org/n").unwrap().spec(), "hf:org/n");
        assert!(Target::parse_spec("hf:not a model").is_err());
        assert_eq!(normalise(Path::new("a/../../b")), None);
        assert_eq!(normalise(Path::new("a/./b/../c")).as_deref(), Some("a/c"));
    }
}
