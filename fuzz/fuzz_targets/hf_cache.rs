//! The Hugging Face cache layout, built on disk from structured input: refs with arbitrary
//! contents, snapshot entries that are files, symlinks (into blobs, up and out of the cache,
//! absolute, dangling, to themselves) or folders. Opening it must stay inside the repository
//! folder and never panic.
#![no_main]
use std::os::unix::fs::symlink;
use std::path::Path;

use arbitrary::Arbitrary;
use glassbox_sources::hf::repo::RepoRef;
use glassbox_sources::{cache, Limits};
use libfuzzer_sys::fuzz_target;

const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";

#[derive(Arbitrary, Debug)]
enum Entry {
    File(Vec<u8>),
    /// A symlink with an arbitrary target (relative or absolute, anywhere).
    Link(String),
    /// A symlink to `../../blobs/<name>` with that blob written.
    Blob(String, Vec<u8>),
    Dir,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// Contents of `refs/main`; `None` leaves it out.
    main_ref: Option<Vec<u8>>,
    /// The revision asked for (`main`, a commit, anything).
    revision: String,
    entries: Vec<(String, Entry)>,
}

/// A path component: no separators, not empty, not `.` or `..`.
fn component(s: &str) -> Option<String> {
    let c: String = s.chars().filter(|c| *c != '/' && *c != '\0').take(40).collect();
    (!c.is_empty() && c != "." && c != "..").then_some(c)
}

fn build(root: &Path, inp: &Input) -> std::io::Result<()> {
    let repo = root.join("models--org--x");
    let snap = repo.join("snapshots").join(COMMIT);
    std::fs::create_dir_all(&snap)?;
    std::fs::create_dir_all(repo.join("blobs"))?;
    std::fs::create_dir_all(repo.join("refs"))?;
    if let Some(r) = &inp.main_ref {
        std::fs::write(repo.join("refs/main"), r)?;
    }
    for (name, e) in inp.entries.iter().take(12) {
        // `a|b` makes a sub-folder, so entries can nest.
        let parts: Vec<String> = name.split('|').filter_map(component).take(3).collect();
        if parts.is_empty() {
            continue;
        }
        let path = parts.iter().fold(snap.clone(), |p, c| p.join(c));
        let _ = std::fs::create_dir_all(path.parent().unwrap());
        let _ = match e {
            Entry::File(b) => std::fs::write(&path, b),
            Entry::Link(t) => symlink(t.replace('\0', ""), &path),
            Entry::Blob(b, bytes) => match component(b) {
                Some(b) => std::fs::write(repo.join("blobs").join(&b), bytes)
                    .and_then(|_| symlink(format!("../../blobs/{b}"), &path)),
                None => Ok(()),
            },
            Entry::Dir => std::fs::create_dir_all(&path),
        };
    }
    Ok(())
}

fuzz_target!(|inp: Input| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let cache_dir = dir.path().join("hub");
    if build(&cache_dir, &inp).is_err() {
        return;
    }
    let spec = format!("hf:org/x@{}", inp.revision);
    let Ok(repo) = RepoRef::parse(&spec) else { return };
    let limits = Limits {
        max_files: 64,
        ..Limits::default()
    };
    if let Ok(rel) = cache::open(&spec, &cache_dir, &repo, "https://hf.invalid", &limits) {
        let inside = std::fs::canonicalize(cache_dir.join("models--org--x")).unwrap();
        for f in &rel.files {
            if let Some(p) = &f.local_path {
                assert!(p.starts_with(&inside), "{} read outside the repository", p.display());
            }
        }
    }
});
