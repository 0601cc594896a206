//! Git repositories: a local bare repository (made with the `git` CLI) as a source and as a
//! clone source, read from the object database with the commit recorded.

mod common;

use std::path::{Path, PathBuf};

use common::git_server::git as git_cmd;
use common::{comparable, fixture_files, write_folder};
use glassbox_sources::git::{self, GitOptions};
use glassbox_sources::{local, resolve_release, Limits, ResolveOptions};

/// A worktree and a bare clone of it; `None` when the `git` CLI is missing.
fn repos(dir: &Path) -> Option<(PathBuf, PathBuf, String)> {
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    write_folder(&work, &fixture_files());
    git_cmd(&work, &["init", "-q"])?;
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", work.join("escape")).unwrap();
    git_cmd(&work, &["add", "-A"])?;
    git_cmd(&work, &["commit", "-q", "-m", "first"])?;
    let head = git_cmd(&work, &["rev-parse", "HEAD"])?;
    git_cmd(dir, &["clone", "-q", "--bare", "work", "bare.git"])?;
    Some((work, dir.join("bare.git"), head))
}

#[test]
fn bare_repository_and_worktree_give_the_folder_release_and_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let Some((work, bare, head)) = repos(dir.path()) else {
        eprintln!("git CLI unavailable: skipping");
        return;
    };
    let plain = dir.path().join("plain");
    write_folder(&plain, &fixture_files());
    let limits = Limits {
        max_text_bytes: 16 << 10,
        ..Limits::default()
    };
    let folder = local::open("plain", &plain, &limits).unwrap();

    let opts = ResolveOptions::default();
    let from_bare = resolve_release(bare.to_str().unwrap(), &opts, None, &limits).unwrap();
    assert_eq!(from_bare.target.kind, "git");
    assert_eq!(from_bare.target.revision.as_deref(), Some(head.as_str()));
    let a: Vec<_> = folder.files.iter().map(comparable).collect();
    let b: Vec<_> = from_bare.files.iter().map(comparable).collect();
    assert_eq!(a, b);
    assert!(
        from_bare
            .problems
            .iter()
            .any(|p| p.kind == "symlink-skipped"),
        "{:?}",
        from_bare.problems
    );

    let from_work = resolve_release(work.to_str().unwrap(), &opts, None, &limits).unwrap();
    assert_eq!(from_work.target.kind, "git");
    assert_eq!(from_work.target.revision.as_deref(), Some(head.as_str()));
}

#[test]
fn shallow_clone_into_the_cache_bounded_and_reused_offline() {
    let dir = tempfile::tempdir().unwrap();
    let Some((_, bare, head)) = repos(dir.path()) else {
        eprintln!("git CLI unavailable: skipping");
        return;
    };
    // A second commit, so that depth 1 is observable.
    let work = dir.path().join("work");
    std::fs::write(work.join("NOTES.md"), "more\n").unwrap();
    git_cmd(&work, &["add", "-A"]).unwrap();
    git_cmd(&work, &["commit", "-q", "-m", "second"]).unwrap();
    git_cmd(&work, &["push", "-q", bare.to_str().unwrap(), "HEAD:main"]).unwrap();
    let head2 = git_cmd(&work, &["rev-parse", "HEAD"]).unwrap();
    assert_ne!(head, head2);

    let url = format!("file://{}", bare.display());
    let cache = dir.path().join("glassbox-cache");
    let opts = GitOptions {
        cache_dir: Some(cache.clone()),
        ..GitOptions::default()
    };
    let rel = git::open(&url, &opts, &Limits::default()).unwrap();
    assert_eq!(rel.target.revision.as_deref(), Some(head2.as_str()));
    assert!(rel.file("NOTES.md").is_some());
    let clone_dir = std::fs::read_dir(&cache)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(clone_dir.join("shallow").is_file(), "depth-1 clone");

    let offline = GitOptions {
        offline: true,
        ..opts.clone()
    };
    assert_eq!(
        git::open(&url, &offline, &Limits::default())
            .unwrap()
            .target
            .revision
            .as_deref(),
        Some(head2.as_str())
    );
    let other = format!("file://{}/nope.git", dir.path().display());
    assert!(git::open(&other, &offline, &Limits::default())
        .unwrap_err()
        .to_string()
        .contains("offline"));

    let tiny = GitOptions {
        cache_dir: Some(dir.path().join("c2")),
        max_clone_bytes: 1,
        ..GitOptions::default()
    };
    let e = git::open(&url, &tiny, &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("clone larger than 1 bytes"), "{e}");
    assert!(
        std::fs::read_dir(dir.path().join("c2"))
            .unwrap()
            .next()
            .is_none(),
        "partial clone removed"
    );
}

#[test]
fn missing_repository_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let opts = GitOptions {
        cache_dir: Some(dir.path().to_path_buf()),
        ..GitOptions::default()
    };
    let e = git::open(
        &format!("file://{}/absent.git", dir.path().display()),
        &opts,
        &Limits::default(),
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("git file://"), "{e}");
}

#[test]
fn a_blob_missing_from_the_repository_copy_is_a_finding_not_an_error() {
    // Partial snapshots (`--filter=blob:limit`) list blobs they do not hold.
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("LICENSE"), "MIT License\n").unwrap();
    std::fs::write(work.join("big.json"), "{\"a\": 1}\n").unwrap();
    if git_cmd(&work, &["init", "-q"]).is_none() {
        eprintln!("git CLI unavailable: skipping");
        return;
    }
    git_cmd(&work, &["add", "-A"]).unwrap();
    git_cmd(&work, &["commit", "-q", "-m", "first"]).unwrap();
    let blob = git_cmd(&work, &["rev-parse", "HEAD:big.json"]).unwrap();
    // A bare copy of the object database with loose objects, less one blob.
    let bare = dir.path().join("bare.git");
    git_cmd(dir.path(), &["clone", "-q", "--mirror", "work", "bare.git"]).unwrap();
    let packs = bare.join("objects/pack");
    let pack = std::fs::read_dir(&packs)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "pack"));
    if let Some(pack) = pack {
        let bytes = std::fs::read(&pack).unwrap();
        std::fs::remove_dir_all(&packs).unwrap();
        std::fs::create_dir_all(&packs).unwrap();
        let mut child = std::process::Command::new("git")
            .args(["unpack-objects", "-q"])
            .current_dir(&bare)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(&bytes).unwrap();
        assert!(child.wait().unwrap().success());
    }
    let loose = bare.join("objects").join(&blob[..2]).join(&blob[2..]);
    std::fs::remove_file(&loose).unwrap();
    let r = resolve_release(
        bare.to_str().unwrap(),
        &ResolveOptions::default(),
        None,
        &Limits::default(),
    )
    .unwrap();
    assert!(r.files.iter().any(|f| f.artifact.path == "big.json"));
    assert!(
        r.problems.iter().any(
            |p| p.kind == "unreadable-file" && p.message.contains("not in the repository copy")
        ),
        "{:?}",
        r.problems
    );
    let lic = r
        .files
        .iter()
        .find(|f| f.artifact.path == "LICENSE")
        .unwrap();
    assert_eq!(lic.content.as_deref(), Some(&b"MIT License\n"[..]));
}
