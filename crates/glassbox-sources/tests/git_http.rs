//! Git over HTTP against a real smart-HTTP server on 127.0.0.1 (`git http-backend` behind a
//! CGI bridge): a shallow clone with the commit recorded, a missing repository, a server that
//! never answers, redirects (followed for targets the user names, never for card links) and a
//! card link whose host resolves to loopback.

mod common;

use std::path::Path;
use std::time::Duration;

use common::git_server::{self, bare_repo, http_backend, Server};
use glassbox_sources::git::{self, GitOptions};
use glassbox_sources::Limits;

fn release_files() -> Vec<(String, Vec<u8>)> {
    vec![
        (
            "README.md".into(),
            b"---\nlicense: apache-2.0\n---\n# Tiny\n\nTrained with `train.py`.\n".to_vec(),
        ),
        (
            "train.py".into(),
            b"for batch in loader:\n    loss.backward()\n    optimizer.step()\n".to_vec(),
        ),
        ("LICENSE".into(), b"Apache License\nVersion 2.0\n".to_vec()),
    ]
}

/// A server with `org/repo.git`, or `None` when `git http-backend` is missing.
fn served(root: &Path) -> Option<(Server, String)> {
    let backend = match http_backend() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipping: git http-backend unavailable ({why})");
            return None;
        }
    };
    let head = bare_repo(root, "org/repo.git", &release_files());
    Some((git_server::smart_http(root, &backend), head))
}

fn options(cache: &Path) -> GitOptions {
    GitOptions {
        cache_dir: Some(cache.to_path_buf()),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        ..GitOptions::default()
    }
}

#[test]
fn http_clone_is_shallow_cached_and_pins_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let Some((server, head)) = served(&dir.path().join("srv")) else {
        return;
    };
    let url = format!("{}/org/repo.git", server.base);
    let cache = dir.path().join("cache");
    let rel = git::open(&url, &options(&cache), &Limits::default()).unwrap();
    assert_eq!(rel.target.kind, "git");
    assert_eq!(rel.target.name, "org/repo");
    assert_eq!(rel.target.revision.as_deref(), Some(head.as_str()));
    let train = rel.file("train.py").expect("train.py cloned");
    assert!(train.text().unwrap().contains("loss.backward()"));
    assert_eq!(
        train.artifact.url.as_deref(),
        Some(format!("git+{url}@{head}#train.py").as_str())
    );
    let clones: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(clones.len(), 1, "{clones:?}");
    assert!(clones[0].join("shallow").is_file(), "depth-1 clone");

    // The size bound holds over HTTP too, and leaves nothing behind.
    let tiny = GitOptions {
        max_clone_bytes: 1,
        ..options(&dir.path().join("c2"))
    };
    let e = git::open(&url, &tiny, &Limits::default()).unwrap_err();
    assert!(e.to_string().contains("clone larger than 1 bytes"), "{e}");
    assert_eq!(std::fs::read_dir(dir.path().join("c2")).unwrap().count(), 0);
}

#[test]
fn missing_repository_names_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let Some((server, _)) = served(&dir.path().join("srv")) else {
        return;
    };
    let url = format!("{}/org/absent.git", server.base);
    let e = git::open(
        &url,
        &options(&dir.path().join("cache")),
        &Limits::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with(&format!("git {url}: ")), "{e}");
    assert!(e.contains("repository not found (HTTP 404)"), "{e}");
}

#[test]
fn a_server_that_never_answers_is_a_bounded_error() {
    let dir = tempfile::tempdir().unwrap();
    let server = git_server::silent();
    let url = format!("{}/org/repo.git", server.base);
    let opts = GitOptions {
        read_timeout: Duration::from_secs(1),
        ..options(&dir.path().join("cache"))
    };
    let e = git::open(&url, &opts, &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&format!("git {url}: ")), "{e}");
    assert!(e.contains("did not answer within 1 s"), "{e}");
    assert!(
        server
            .connections
            .load(std::sync::atomic::Ordering::Relaxed)
            >= 1
    );
}

#[test]
fn redirects_are_followed_for_named_targets_and_never_for_card_links() {
    let dir = tempfile::tempdir().unwrap();
    let Some((server, head)) = served(&dir.path().join("srv")) else {
        return;
    };
    // Another address (same machine, another port): a different authority.
    let hop = git_server::redirecting(server.base.clone());
    let url = format!("{}/org/repo.git", hop.base);

    let named = git::open(&url, &options(&dir.path().join("c1")), &Limits::default()).unwrap();
    assert_eq!(named.target.revision.as_deref(), Some(head.as_str()));

    let card = GitOptions {
        card_link: true,
        ..options(&dir.path().join("c2"))
    };
    let e = git::open(&url, &card, &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with(&format!("git {url}: ")), "{e}");
    assert!(e.contains("redirect is not followed"), "{e}");
}

#[test]
fn card_links_never_connect_to_a_host_resolving_to_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let Some((server, _)) = served(&dir.path().join("srv")) else {
        return;
    };
    let port = server.base.rsplit(':').next().unwrap();
    let url = format!("http://localhost:{port}/org/repo.git");
    let card = GitOptions {
        card_link: true,
        ..options(&dir.path().join("cache"))
    };
    let e = git::open(&url, &card, &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("resolves to a private, loopback"), "{e}");
    assert_eq!(
        server
            .connections
            .load(std::sync::atomic::Ordering::Relaxed),
        0,
        "never connected"
    );
    // The same URL named by the user is cloned.
    let named = git::open(&url, &options(&dir.path().join("c2")), &Limits::default());
    assert!(named.is_ok(), "{:?}", named.err());
}
