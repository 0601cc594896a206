//! The local Hugging Face cache (reference/formats.md §2.1): `{models|datasets|spaces}--org--name`
//! folders holding `refs/<rev>` (a commit), `snapshots/<commit>/<path>` (relative symlinks) and
//! `blobs/<etag>` (an LFS blob's name is its sha256). Opening a cached repository opens no
//! socket; that is what `--offline` relies on.
//!
//! Snapshot symlinks point into `blobs/` of the same repository folder, outside the snapshot,
//! so this walk allows targets anywhere inside the repository folder (and nowhere else).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use glassbox_core::TargetInfo;
use rayon::prelude::*;

use crate::hf::read::{read_file, DiskFile};
use crate::hf::repo::{encode_path, RepoRef};
use crate::release::{Limits, Release, SourceError};

/// The cache folder from the environment: `HF_HUB_CACHE` (or the legacy
/// `HUGGINGFACE_HUB_CACHE`), else `$HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`, else
/// `~/.cache/huggingface/hub`.
pub fn cache_dir() -> Option<PathBuf> {
    cache_dir_from(|k| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// [`cache_dir`] with the environment given as a function (for tests).
pub fn cache_dir_from(env: impl Fn(&str) -> Option<PathBuf>) -> Option<PathBuf> {
    if let Some(p) = env("HF_HUB_CACHE").or_else(|| env("HUGGINGFACE_HUB_CACHE")) {
        return Some(p);
    }
    if let Some(h) = env("HF_HOME") {
        return Some(h.join("hub"));
    }
    if let Some(x) = env("XDG_CACHE_HOME") {
        return Some(x.join("huggingface").join("hub"));
    }
    env("HOME").map(|h| h.join(".cache").join("huggingface").join("hub"))
}

/// The repository folder name: `models--org--name`.
pub fn repo_folder_name(repo: &RepoRef) -> String {
    format!("{}--{}", repo.kind.api(), repo.id.replace('/', "--"))
}

/// The commit a revision names in a cached repository: a 40-hex revision as is, else the
/// content of `refs/<revision>`.
pub fn resolve_commit(folder: &Path, revision: &str) -> Result<Option<String>, SourceError> {
    if crate::hf::hub::is_commit(revision) {
        return Ok(Some(revision.to_ascii_lowercase()));
    }
    if revision
        .split('/')
        .any(|s| s.is_empty() || s == ".." || s == ".")
    {
        return Err(SourceError::Invalid {
            spec: revision.to_string(),
            reason: "bad revision".into(),
        });
    }
    let path = folder.join("refs").join(revision);
    match fs::read(&path) {
        Ok(bytes) if bytes.len() <= 256 => {
            let s = String::from_utf8_lossy(&bytes).trim().to_ascii_lowercase();
            if crate::hf::hub::is_commit(&s) {
                Ok(Some(s))
            } else {
                Err(SourceError::Invalid {
                    spec: path.display().to_string(),
                    reason: "ref does not hold a 40-hex commit".into(),
                })
            }
        }
        Ok(_) => Err(SourceError::Invalid {
            spec: path.display().to_string(),
            reason: "ref file too long".into(),
        }),
        Err(_) => Ok(None),
    }
}

/// Where a cached repository's snapshot is, if the cache has it.
pub fn locate(cache: &Path, repo: &RepoRef) -> Result<Option<(PathBuf, String)>, SourceError> {
    let folder = cache.join(repo_folder_name(repo));
    if !folder.is_dir() {
        return Ok(None);
    }
    let Some(commit) = resolve_commit(&folder, &repo.revision)? else {
        return Ok(None);
    };
    let snap = folder.join("snapshots").join(&commit);
    Ok(snap.is_dir().then_some((snap, commit)))
}

/// Opens a cached repository as a release; `Offline` error when the cache does not hold it.
pub fn open(
    spec: &str,
    cache: &Path,
    repo: &RepoRef,
    endpoint: &str,
    limits: &Limits,
) -> Result<Release, SourceError> {
    let what = format!("hf:{}@{}", repo.display_id(), repo.revision);
    let (snap, commit) = locate(cache, repo)?.ok_or_else(|| SourceError::Offline {
        what,
        cache: cache.display().to_string(),
    })?;
    let folder =
        fs::canonicalize(cache.join(repo_folder_name(repo))).map_err(|e| SourceError::Io {
            path: cache.display().to_string(),
            source: e,
        })?;
    let snap = fs::canonicalize(&snap).map_err(|e| SourceError::Io {
        path: snap.display().to_string(),
        source: e,
    })?;
    // The walk below checks symlinks against the repository folder, not the folder it starts
    // from: a snapshot that is itself a link out of the cache would be read whole.
    if !snap.starts_with(&folder) {
        return Err(SourceError::Invalid {
            spec: folder.join("snapshots").join(&commit).display().to_string(),
            reason: format!(
                "snapshot points outside the cache's repository folder (to {}); not read",
                snap.display()
            ),
        });
    }
    let mut problems = Vec::new();
    // Snapshot files are symlinks into the repository's own `blobs/`: followed there, never
    // beyond the repository folder.
    let entries = crate::local::walk_within(&snap, &folder, limits, &mut problems);
    let counter = AtomicU64::new(0);
    let read: Vec<_> = entries
        .into_par_iter()
        .map(|(rel, target, size)| {
            let r = read_file(&rel, size, &DiskFile(&target), limits, &counter);
            (rel, target, r)
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for (rel, target, r) in read {
        let (mut file, problem) = r?;
        if let Some(p) = problem {
            problems.push(p);
        }
        let blob = target
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if blob.len() == 64
            && blob.bytes().all(|b| b.is_ascii_hexdigit())
            && target.parent().and_then(|p| p.file_name()) == Some("blobs".as_ref())
        {
            file.artifact.sha256 = Some(blob);
        }
        file.artifact.url = Some(format!(
            "{endpoint}/{}{}/resolve/{commit}/{}",
            repo.kind.url_prefix(),
            repo.id,
            encode_path(&rel)
        ));
        file.local_path = Some(target);
        files.push(file);
    }
    files.sort_by(|a, b| a.artifact.path.cmp(&b.artifact.path));
    Ok(Release {
        target: TargetInfo {
            spec: spec.to_string(),
            kind: "hf-cache".into(),
            name: repo.display_id(),
            revision: Some(commit),
        },
        root: Some(snap),
        files,
        bytes_read: counter.into_inner(),
        problems,
    })
}

/// Writes a repository into a cache folder in the Hub's layout (blobs named by sha256 for
/// weights and by a content hash otherwise, relative symlinks from the snapshot, a ref).
/// Used by tests and benchmarks to build caches without the network.
#[cfg(unix)]
pub fn write_layout(
    cache: &Path,
    repo: &RepoRef,
    commit: &str,
    files: &[(String, Vec<u8>)],
) -> std::io::Result<PathBuf> {
    use sha2::Digest;
    let folder = cache.join(repo_folder_name(repo));
    fs::create_dir_all(folder.join("blobs"))?;
    let refp = folder.join("refs").join(&repo.revision);
    fs::create_dir_all(refp.parent().expect("refs/"))?;
    fs::write(&refp, commit)?;
    let snap = folder.join("snapshots").join(commit);
    for (path, bytes) in files {
        let sha: String = sha2::Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        fs::write(folder.join("blobs").join(&sha), bytes)?;
        let link = snap.join(path);
        fs::create_dir_all(link.parent().expect("in snapshot"))?;
        let ups = "../".repeat(path.matches('/').count() + 2);
        let _ = fs::remove_file(&link);
        std::os::unix::fs::symlink(format!("{ups}blobs/{sha}"), &link)?;
    }
    Ok(snap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_dir_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| PathBuf::from(v))
            }
        };
        assert_eq!(
            cache_dir_from(env(&[("HF_HUB_CACHE", "/a"), ("HF_HOME", "/b")])),
            Some("/a".into())
        );
        assert_eq!(
            cache_dir_from(env(&[("HF_HOME", "/b"), ("XDG_CACHE_HOME", "/c")])),
            Some("/b/hub".into())
        );
        assert_eq!(
            cache_dir_from(env(&[("XDG_CACHE_HOME", "/c"), ("HOME", "/h")])),
            Some("/c/huggingface/hub".into())
        );
        assert_eq!(
            cache_dir_from(env(&[("HOME", "/h")])),
            Some("/h/.cache/huggingface/hub".into())
        );
        assert_eq!(cache_dir_from(env(&[])), None);
    }

    #[cfg(unix)]
    #[test]
    fn opens_layout_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let repo = RepoRef::parse("hf:org/name").unwrap();
        let commit = "0123456789abcdef0123456789abcdef01234567";
        let snap = write_layout(
            dir.path(),
            &repo,
            commit,
            &[
                ("README.md".into(), b"# card\n".to_vec()),
                ("sub/dir/train.py".into(), b"loss.backward()\n".to_vec()),
            ],
        )
        .unwrap();
        std::os::unix::fs::symlink("/etc/hostname", snap.join("evil")).unwrap();
        let rel = open(
            "hf:org/name",
            dir.path(),
            &repo,
            "https://huggingface.co",
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(rel.target.kind, "hf-cache");
        assert_eq!(rel.target.revision.as_deref(), Some(commit));
        let paths: Vec<_> = rel.files.iter().map(|f| f.artifact.path.as_str()).collect();
        assert_eq!(paths, vec!["README.md", "sub/dir/train.py"]);
        assert_eq!(
            rel.file("sub/dir/train.py").unwrap().text().unwrap(),
            "loss.backward()\n"
        );
        assert!(
            rel.file("README.md")
                .unwrap()
                .artifact
                .sha256
                .as_ref()
                .unwrap()
                .len()
                == 64
        );
        assert!(rel.problems.iter().any(|p| p.kind == "symlink-outside"));
        let pinned = RepoRef {
            revision: commit.into(),
            explicit_revision: true,
            ..repo.clone()
        };
        assert_eq!(
            open("x", dir.path(), &pinned, "e", &Limits::default())
                .unwrap()
                .files
                .len(),
            2
        );
        let missing = RepoRef::parse("hf:org/other").unwrap();
        let err = open(
            "hf:org/other",
            dir.path(),
            &missing,
            "e",
            &Limits::default(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("offline: hf:org/other@main is not in the local Hugging Face cache"),
            "{err}"
        );
        assert!(resolve_commit(dir.path(), "../../etc").is_err());
    }

    /// Found by the hostile-release corpus (#16): a snapshot folder that is a symlink out of
    /// the cache was walked and its files read into the release.
    #[cfg(unix)]
    #[test]
    fn a_snapshot_linked_outside_the_cache_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("secret.txt"), b"not in the cache\n").unwrap();
        let cache = dir.path().join("hub");
        let repo = RepoRef::parse("hf:org/away").unwrap();
        let folder = cache.join(repo_folder_name(&repo));
        let commit = "0123456789abcdef0123456789abcdef01234567";
        fs::create_dir_all(folder.join("refs")).unwrap();
        fs::create_dir_all(folder.join("snapshots")).unwrap();
        fs::write(folder.join("refs/main"), commit).unwrap();
        std::os::unix::fs::symlink(&outside, folder.join("snapshots").join(commit)).unwrap();
        let err = open("hf:org/away", &cache, &repo, "e", &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("snapshot points outside"), "{err}");
    }
}
