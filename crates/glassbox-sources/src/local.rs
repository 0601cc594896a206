//! A release in a local folder: a Hugging Face-style model repository, a git checkout, or both.
//!
//! The walk skips `.git`, bounds the file count and depth, follows symlinks only inside the
//! folder and detects loops; every file is classified and the bytes detectors need are read
//! (bounded), in parallel.

use glassbox_core::codes::SourceCode;
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use glassbox_core::{Artifact, ArtifactKind, Finding, Location, Severity, TargetInfo};
use rayon::prelude::*;

use crate::classify::{kind_of, wants_text};
use crate::release::{Limits, Release, ReleaseFile, SourceError};

/// Resolves a local folder into a release.
pub fn open(spec: &str, path: &Path, limits: &Limits) -> Result<Release, SourceError> {
    let meta = fs::metadata(path).map_err(|e| SourceError::NotFound {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(SourceError::NotFound {
            path: path.display().to_string(),
            reason: "not a folder".into(),
        });
    }
    let root = fs::canonicalize(path).map_err(|e| SourceError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let mut problems = Vec::new();
    let entries = walk_within(&root, &root, limits, &mut problems);
    let bytes_read = AtomicU64::new(0);
    let mut files: Vec<ReleaseFile> = entries
        .into_par_iter()
        .map(|(rel, abs, size)| read_file(rel, abs, size, limits, &bytes_read))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(f, problem)| {
            if let Some(p) = problem {
                problems.push(p);
            }
            f
        })
        .collect();
    files.sort_by(|a, b| a.artifact.path.cmp(&b.artifact.path));
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| spec.to_string());
    Ok(Release {
        target: TargetInfo {
            spec: spec.to_string(),
            kind: "local".into(),
            name,
            revision: None,
        },
        root: Some(root),
        files,
        bytes_read: bytes_read.into_inner(),
        problems,
    })
}

type Entry = (String, PathBuf, u64);

pub use glassbox_core::release::GGUF_HEAD_BYTES;

/// Walks `root`, following symlinks only to targets inside `allowed` (the release folder itself,
/// or for the Hub cache the repository folder whose `blobs/` the snapshot links into).
pub(crate) fn walk_within(
    root: &Path,
    allowed: &Path,
    limits: &Limits,
    problems: &mut Vec<Finding>,
) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::from([root.to_path_buf()]);
    let mut stack = vec![(root.to_path_buf(), String::new(), 0usize)];
    let mut limit_hit = false;
    while let Some((dir, rel, depth)) = stack.pop() {
        let read = match fs::read_dir(&dir) {
            Ok(r) => r,
            Err(e) => {
                problems.push(Finding::new(
                    SourceCode::UnreadableFile,
                    Severity::Medium,
                    format!("cannot list folder: {e}"),
                    Location::file(display(&rel)),
                ));
                continue;
            }
        };
        let mut names: Vec<_> = read.filter_map(Result::ok).collect();
        names.sort_by_key(|e| e.file_name());
        for entry in names {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == ".git" {
                continue;
            }
            let rel_path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let abs = entry.path();
            let Ok(lmeta) = fs::symlink_metadata(&abs) else {
                continue;
            };
            let (meta, target) = if lmeta.file_type().is_symlink() {
                match fs::canonicalize(&abs) {
                    Ok(t) if t.starts_with(allowed) => match fs::metadata(&t) {
                        Ok(m) => (m, t),
                        Err(_) => continue,
                    },
                    Ok(t) => {
                        problems.push(Finding::new(
                            SourceCode::SymlinkOutside,
                            Severity::Medium,
                            format!(
                                "symlink points outside the release ({}); not followed",
                                t.display()
                            ),
                            Location::file(&rel_path),
                        ));
                        continue;
                    }
                    Err(e) => {
                        problems.push(Finding::new(
                            SourceCode::BrokenSymlink,
                            Severity::Low,
                            format!("symlink cannot be resolved: {e}"),
                            Location::file(&rel_path),
                        ));
                        continue;
                    }
                }
            } else {
                (lmeta, abs.clone())
            };
            if meta.is_dir() {
                if depth + 1 > limits.max_depth {
                    problems.push(Finding::new(
                        SourceCode::LimitReached,
                        Severity::Medium,
                        format!(
                            "folder nesting deeper than {} levels; not descended",
                            limits.max_depth
                        ),
                        Location::file(&rel_path),
                    ));
                    continue;
                }
                if !visited.insert(target.clone()) {
                    problems.push(Finding::new(
                        SourceCode::SymlinkLoop,
                        Severity::Low,
                        "symlink leads back to a folder already walked; not followed again",
                        Location::file(&rel_path),
                    ));
                    continue;
                }
                stack.push((target, rel_path, depth + 1));
            } else if meta.is_file() {
                if out.len() >= limits.max_files {
                    if !limit_hit {
                        problems.push(Finding::new(
                            SourceCode::LimitReached,
                            Severity::High,
                            format!(
                                "more than {} files; the rest were not inventoried",
                                limits.max_files
                            ),
                            Location::file(&rel_path),
                        ));
                        limit_hit = true;
                    }
                    continue;
                }
                out.push((rel_path, target, meta.len()));
            }
        }
    }
    out
}

fn display(rel: &str) -> String {
    if rel.is_empty() {
        ".".into()
    } else {
        rel.to_string()
    }
}

fn read_prefix(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    File::open(path)?.take(limit).read_to_end(&mut buf)?;
    Ok(buf)
}

fn read_file(
    rel: String,
    abs: PathBuf,
    size: u64,
    limits: &Limits,
    counter: &AtomicU64,
) -> (ReleaseFile, Option<Finding>) {
    let mut kind = kind_of(&rel);
    let mut file = ReleaseFile {
        artifact: Artifact {
            path: rel.clone(),
            size,
            kind,
            lfs: None,
            sha256: None,
            url: None,
        },
        local_path: Some(abs.clone()),
        content: None,
        content_truncated: false,
        head: None,
    };
    let unreadable = |e: std::io::Error| {
        Some(Finding::new(
            SourceCode::UnreadableFile,
            Severity::Medium,
            format!("cannot read: {e}"),
            Location::file(&rel),
        ))
    };
    if size <= glassbox_formats::lfs::MAX_POINTER_SIZE && size > 0 {
        match fs::read(&abs) {
            Ok(bytes) => {
                counter.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                if let Some(ptr) = glassbox_formats::lfs::parse_pointer(&bytes) {
                    let real_kind = kind;
                    file.artifact.lfs = Some(ptr);
                    file.artifact.kind = ArtifactKind::LfsPointer;
                    kind = real_kind;
                }
                if wants_text(kind, &rel)
                    || file.artifact.lfs.is_some()
                    || kind == ArtifactKind::Weights
                {
                    if kind == ArtifactKind::Weights {
                        file.head = Some(bytes.clone());
                    }
                    file.content = Some(bytes);
                }
                return (file, None);
            }
            Err(e) => return (file, unreadable(e)),
        }
    }
    if wants_text(kind, &rel) {
        match read_prefix(&abs, limits.max_text_bytes) {
            Ok(bytes) => {
                counter.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                file.content_truncated = (bytes.len() as u64) < size;
                file.content = Some(bytes);
            }
            Err(e) => return (file, unreadable(e)),
        }
    } else if kind == ArtifactKind::Weights {
        match read_weights_head(&abs, &rel, size, limits) {
            Ok(head) => {
                counter.fetch_add(head.len() as u64, Ordering::Relaxed);
                file.head = Some(head);
            }
            Err(e) => return (file, unreadable(e)),
        }
    }
    (file, None)
}

/// Reads what a weights parser needs: for safetensors the 8-byte length and the header it
/// announces (bounded by the file and the reference limit), for other formats a 64 KiB prefix.
fn read_weights_head(
    abs: &Path,
    rel: &str,
    size: u64,
    limits: &Limits,
) -> std::io::Result<Vec<u8>> {
    let mut f = File::open(abs)?;
    if rel.to_ascii_lowercase().ends_with(".safetensors") {
        let mut len = [0u8; 8];
        let got = f.read(&mut len)?;
        let mut head = len[..got].to_vec();
        if got == 8 {
            let n = u64::from_le_bytes(len);
            let want = n.min(size.saturating_sub(8)).min(limits.max_header_bytes);
            if n <= limits.max_header_bytes {
                f.take(want).read_to_end(&mut head)?;
            }
        }
        return Ok(head);
    }
    // GGUF keeps its metadata (tokenizer vocabularies included) before the tensor data: a
    // bounded prefix holds it for all but the largest vocabularies.
    let prefix: u64 = if rel.to_ascii_lowercase().ends_with(".gguf") {
        GGUF_HEAD_BYTES
    } else {
        64 << 10
    };
    let mut head = Vec::new();
    f.take(prefix).read_to_end(&mut head)?;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_skips_git_and_bounds_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join(".git/objects")).unwrap();
        fs::write(root.join(".git/config"), "x").unwrap();
        fs::create_dir_all(root.join("src")).unwrap();
        fs::write(root.join("src/train.py"), "loss.backward()\n").unwrap();
        fs::write(root.join("README.md"), "# hi\n").unwrap();
        let ptr = format!(
            "version https://git-lfs.github.com/spec/v1\noid sha256:{}\nsize 123456\n",
            "b".repeat(64)
        );
        fs::write(root.join("model.safetensors"), ptr).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root, root.join("src/loop")).unwrap();
            std::os::unix::fs::symlink("/etc", root.join("outside")).unwrap();
        }
        let rel = open("x", root, &Limits::default()).unwrap();
        let paths: Vec<_> = rel.files.iter().map(|f| f.artifact.path.as_str()).collect();
        assert_eq!(
            paths,
            vec!["README.md", "model.safetensors", "src/train.py"]
        );
        let w = rel.file("model.safetensors").unwrap();
        assert_eq!(w.artifact.kind, ArtifactKind::LfsPointer);
        assert_eq!(w.artifact.lfs.as_ref().unwrap().size, 123456);
        #[cfg(unix)]
        {
            let kinds: Vec<_> = rel.problems.iter().map(|p| p.kind.id()).collect();
            assert!(kinds.contains(&"symlink-loop"), "{kinds:?}");
            assert!(kinds.contains(&"symlink-outside"), "{kinds:?}");
        }
    }

    #[test]
    fn file_limit_is_a_finding() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            fs::write(dir.path().join(format!("f{i}.txt")), "x").unwrap();
        }
        let limits = Limits {
            max_files: 3,
            ..Limits::default()
        };
        let rel = open("x", dir.path(), &limits).unwrap();
        assert_eq!(rel.files.len(), 3);
        assert!(rel.problems.iter().any(|p| p.kind == "limit-reached"));
    }

    #[test]
    fn missing_folder_is_an_error() {
        assert!(open(
            "nope",
            Path::new("/nonexistent/glassbox"),
            &Limits::default()
        )
        .is_err());
    }
}
