//! Git repositories: a local bare repository (made with the `git` CLI) as a source and as a
//! clone source, read from the object database with the commit recorded.

mod common;

use std::path::{Path, PathBuf};

use common::git_server::{bare_repo, git as git_cmd};
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

/// The path of a loose object in a bare repository.
fn loose(bare: &Path, oid: &str) -> PathBuf {
    bare.join("objects").join(&oid[..2]).join(&oid[2..])
}

/// The object id of `HEAD:<path>`.
fn oid_of(bare: &Path, path: &str) -> String {
    git_cmd(bare, &["rev-parse", &format!("HEAD:{path}")]).unwrap()
}

fn kinds_at<'a>(rel: &'a glassbox_sources::Release, path: &str) -> Vec<&'a str> {
    rel.problems
        .iter()
        .filter(|p| p.evidence.iter().any(|l| l.path.as_deref() == Some(path)))
        .map(|p| p.kind.id())
        .collect()
}

/// Snapshots leave out large blobs: a blob or a folder's tree absent from the object database
/// is a `missing-object` finding at its path, the file stays in the inventory by name, and
/// every other file is read as usual.
#[test]
fn absent_loose_objects_are_findings_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    if git_cmd(dir.path(), &["--version"]).is_none() {
        eprintln!("git CLI unavailable: skipping");
        return;
    }
    let head = bare_repo(dir.path(), "snap.git", &fixture_files());
    let bare = dir.path().join("snap.git");
    let shard = "model-00002-of-00002.safetensors";
    let (blob, text, tree) = (
        oid_of(&bare, shard),
        oid_of(&bare, "docs/long.md"),
        oid_of(&bare, "data"),
    );
    for oid in [&blob, &text, &tree] {
        std::fs::remove_file(loose(&bare, oid)).expect("a loose object in the clone");
    }
    assert!(git_cmd(&bare, &["cat-file", "-e", &blob]).is_none());

    let rel = git::open(
        bare.to_str().unwrap(),
        &GitOptions::default(),
        &Limits::default(),
    )
    .expect("the audit goes on");
    assert_eq!(rel.target.revision.as_deref(), Some(head.as_str()));

    let w = rel.file(shard).expect("kept in the inventory");
    assert_eq!(w.artifact.kind, glassbox_core::ArtifactKind::Weights);
    assert_eq!((w.artifact.size, &w.head, &w.content), (0, &None, &None));
    assert_eq!(kinds_at(&rel, shard), ["missing-object"]);
    assert!(rel.object_missing(shard));
    let finding = rel
        .problems
        .iter()
        .find(|p| p.evidence[0].path.as_deref() == Some(shard))
        .unwrap();
    assert_eq!(finding.severity, glassbox_core::Severity::Medium);
    assert!(
        finding.message.contains(&blob)
            && finding.message.contains("absent from the object database"),
        "{}",
        finding.message
    );

    let doc = rel.file("docs/long.md").expect("kept in the inventory");
    assert!(doc.content.is_none());
    assert_eq!(kinds_at(&rel, "docs/long.md"), ["missing-object"]);
    // A folder without its tree: one finding at the folder, its files unknown.
    assert_eq!(kinds_at(&rel, "data"), ["missing-object"]);
    assert!(rel
        .files
        .iter()
        .all(|f| !f.artifact.path.starts_with("data/")));

    // Everything else is read as from the folder.
    let readme = rel.file("README.md").unwrap();
    assert!(readme.text().unwrap().contains("# Tiny model"));
    let first = rel.file("model-00001-of-00002.safetensors").unwrap();
    assert!(first.head.is_some());
    assert!(!rel.object_missing("model-00001-of-00002.safetensors"));
    assert_eq!(
        rel.problems
            .iter()
            .filter(|p| p.kind == "missing-object")
            .count(),
        3,
        "{:?}",
        rel.problems
    );
}

/// The same from a pack built without the blob (as snapshots are served), through
/// `resolve_release` as the CLI calls it.
#[test]
fn a_pack_without_a_blob_gives_the_same_finding() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    if git_cmd(dir.path(), &["--version"]).is_none() {
        eprintln!("git CLI unavailable: skipping");
        return;
    }
    bare_repo(dir.path(), "snap.git", &fixture_files());
    let bare = dir.path().join("snap.git");
    let gone = oid_of(&bare, "tiny.gguf");
    let all = git_cmd(&bare, &["rev-list", "--objects", "--all"]).unwrap();
    let keep: String = all
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|oid| *oid != gone)
        .map(|oid| format!("{oid}\n"))
        .collect();
    // Only the new pack holds objects: the loose ones (all of them) go.
    std::fs::remove_dir_all(bare.join("objects")).unwrap();
    std::fs::create_dir_all(bare.join("objects/pack")).unwrap();
    let src = dir.path().join(".work/snap.git/.git");
    let mut child = Command::new("git")
        .args(["--git-dir", src.to_str().unwrap(), "pack-objects", "-q"])
        .arg(bare.join("objects/pack/pack"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(keep.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert!(git_cmd(&bare, &["cat-file", "-e", &gone]).is_none());
    assert!(git_cmd(&bare, &["cat-file", "-e", "HEAD:README.md"]).is_some());

    let rel = resolve_release(
        bare.to_str().unwrap(),
        &ResolveOptions::default(),
        None,
        &Limits::default(),
    )
    .expect("the audit goes on");
    assert_eq!(kinds_at(&rel, "tiny.gguf"), ["missing-object"]);
    assert!(rel.file("tiny.gguf").unwrap().head.is_none());
    assert!(rel.file("README.md").unwrap().content.is_some());
    assert_eq!(rel.files.len(), fixture_files().len());
}
