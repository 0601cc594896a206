//! The Hub source against the mock Hub on 127.0.0.1: the same release as a folder and the
//! cache, metadata-only reads, pinned URLs, and every fault the issue lists.

mod common;

use std::time::{Duration, Instant};

use common::mock_hub::{Fault, MockHub, MockRepo};
use common::{comparable, fixture_files, opts, write_folder};
use glassbox_sources::hf::{FetchScope, Hub, HubOptions, RepoRef};
use glassbox_sources::{cache, local, resolve_release, Limits, Release, SourceError};

fn limits() -> Limits {
    Limits {
        max_text_bytes: 16 << 10,
        ..Limits::default()
    }
}

fn hub(endpoint: &str) -> Hub {
    Hub::new(HubOptions {
        http: glassbox_sources::loopback_http(endpoint),
        ..HubOptions::default()
    })
    .unwrap()
}

fn open(h: &Hub, spec: &str) -> Result<Release, SourceError> {
    h.open(
        spec,
        &RepoRef::parse(spec).unwrap(),
        &limits(),
        FetchScope::All,
    )
}

fn assert_same(a: &Release, b: &Release) {
    let fa: Vec<_> = a.files.iter().map(comparable).collect();
    let fb: Vec<_> = b.files.iter().map(comparable).collect();
    assert_eq!(fa.len(), fb.len());
    for (x, y) in fa.iter().zip(&fb) {
        assert_eq!(x, y);
    }
    let pa: Vec<_> = a.problems.iter().map(|p| (&p.kind, &p.evidence)).collect();
    let pb: Vec<_> = b.problems.iter().map(|p| (&p.kind, &p.evidence)).collect();
    assert_eq!(pa, pb);
}

#[test]
fn folder_hub_and_cache_give_the_same_release() {
    let files = fixture_files();
    let dir = tempfile::tempdir().unwrap();
    write_folder(&dir.path().join("folder"), &files);
    let from_folder = local::open("folder", &dir.path().join("folder"), &limits()).unwrap();

    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(files.clone()));
    let h = hub(&mock.endpoint);
    let from_hub = open(&h, "hf:org/tiny").unwrap();
    assert_same(&from_folder, &from_hub);

    let sha = mock.sha("models", "org/tiny");
    let cache_dir = dir.path().join("cache");
    cache::write_layout(
        &cache_dir,
        &RepoRef::parse("hf:org/tiny").unwrap(),
        &sha,
        &files,
    )
    .unwrap();
    let from_cache = cache::open(
        "hf:org/tiny",
        &cache_dir,
        &RepoRef::parse("hf:org/tiny").unwrap(),
        &mock.endpoint,
        &limits(),
    )
    .unwrap();
    assert_same(&from_folder, &from_cache);

    // Hub specifics: pinned URLs, LFS sha256, the resolved commit.
    assert_eq!(from_hub.target.kind, "hf");
    assert_eq!(from_hub.target.revision.as_deref(), Some(sha.as_str()));
    assert_eq!(from_cache.target.revision.as_deref(), Some(sha.as_str()));
    let shard = from_hub.file("model-00001-of-00002.safetensors").unwrap();
    assert_eq!(
        shard.artifact.url.as_deref().unwrap(),
        format!(
            "{}/org/tiny/resolve/{sha}/model-00001-of-00002.safetensors",
            mock.endpoint
        )
    );
    use sha2::Digest;
    let real: String = sha2::Sha256::digest(&files[5].1)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(shard.artifact.sha256.as_deref(), Some(real.as_str()));
    assert_eq!(
        from_cache
            .file("model-00001-of-00002.safetensors")
            .unwrap()
            .artifact
            .sha256
            .as_deref(),
        Some(real.as_str())
    );
    // Long text truncated at the bound, identically.
    assert!(from_hub.file("docs/long.md").unwrap().content_truncated);
}

#[test]
fn weights_are_never_downloaded_for_an_audit() {
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(fixture_files()));
    let h = hub(&mock.endpoint);
    let rel = open(&h, "hf:org/tiny").unwrap();
    // Shard 2 is 200 KB of data behind a tiny header: only the probe is read.
    let shard2 = mock.bytes_for("model-00002-of-00002.safetensors");
    assert!(shard2 <= 16 << 10, "{shard2} bytes");
    let gguf = mock.bytes_for("tiny.gguf");
    assert_eq!(gguf, 100_008, "a GGUF prefix up to local::GGUF_HEAD_BYTES");
    assert!(mock.bytes_for("blob.parquet") == 0);
    // Shard 1's 30 KB header needs a second range request.
    assert!(mock.requests_matching("model-00001-of-00002.safetensors") == 2);
    assert!(
        rel.file("model-00002-of-00002.safetensors")
            .unwrap()
            .head
            .as_ref()
            .unwrap()
            .len()
            < 200
    );
}

#[test]
fn tree_endpoint_pagination_and_ignored_range_give_the_same_release() {
    let files = fixture_files();
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(files.clone()));
    mock.add_model(
        "org/tree",
        MockRepo::new(files.clone()).with(Fault::NoSiblingSizes),
    );
    mock.add_model(
        "org/norange",
        MockRepo::new(files.clone()).with(Fault::IgnoresRange),
    );
    mock.add_model(
        "org/cdn",
        MockRepo::new(files.clone()).with(Fault::CdnRedirect),
    );
    let h = hub(&mock.endpoint);
    let base = open(&h, "hf:org/tiny").unwrap();
    for spec in ["hf:org/tree", "hf:org/norange", "hf:org/cdn"] {
        let other = open(&h, spec).unwrap();
        assert_same(&base, &other);
    }
    assert!(
        mock.requests_matching("/tree/") >= 5,
        "tree pages of 2 entries"
    );
    assert!(mock.requests_matching("GET /cdn/") > 0);
}

#[test]
fn revisions_resolve_and_missing_ones_are_named() {
    let mock = MockHub::start();
    let mut repo = MockRepo::new(fixture_files());
    repo.revisions.push("v1.0".into());
    mock.add_model("org/tiny", repo);
    let h = hub(&mock.endpoint);
    let rel = open(&h, "hf:org/tiny@v1.0").unwrap();
    assert_eq!(rel.target.revision.unwrap(), mock.sha("models", "org/tiny"));
    let e = open(&h, "hf:org/tiny@v9").unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("revision v9 of org/tiny not found at {}", mock.endpoint)
    );
    let e = open(&h, "hf:org/missing").unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "repository org/missing (revision main) not found at {}",
            mock.endpoint
        )
    );
}

#[test]
fn gated_and_private_repositories() {
    let mock = MockHub::start();
    mock.add_model(
        "org/gated",
        MockRepo::new(fixture_files()).with(Fault::Gated {
            token: "hf_good".into(),
        }),
    );
    mock.add_model(
        "org/private",
        MockRepo::new(fixture_files()).with(Fault::Private),
    );
    let h = hub(&mock.endpoint);
    let e = open(&h, "hf:org/gated").unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "gated: accept the terms at {}/org/gated and set HF_TOKEN",
            mock.endpoint
        )
    );
    let e = open(&h, "hf:org/private").unwrap_err();
    assert!(
        e.to_string().starts_with(&format!(
            "gated: accept the terms at {}/org/private and set HF_TOKEN",
            mock.endpoint
        )),
        "{e}"
    );

    let with_token = Hub::new(HubOptions {
        http: glassbox_sources::hf::HttpConfig {
            token: Some("hf_good".into()),
            ..glassbox_sources::loopback_http(&mock.endpoint)
        },
        ..HubOptions::default()
    })
    .unwrap();
    let rel = open(&with_token, "hf:org/gated").unwrap();
    assert!(rel.file("README.md").unwrap().content.is_some());
    let wrong = Hub::new(HubOptions {
        http: glassbox_sources::hf::HttpConfig {
            token: Some("hf_wrong_secret".into()),
            ..glassbox_sources::loopback_http(&mock.endpoint)
        },
        ..HubOptions::default()
    })
    .unwrap();
    let e = open(&wrong, "hf:org/gated").unwrap_err();
    assert!(
        !e.to_string().contains("hf_wrong_secret") && !format!("{e:?}").contains("hf_wrong_secret")
    );
}

#[test]
fn rate_limits_and_server_errors_are_retried_within_bounds() {
    let mock = MockHub::start();
    mock.add_model(
        "org/limited",
        MockRepo::new(fixture_files()).with(Fault::RateLimited {
            times: 1,
            retry_after: "1".into(),
        }),
    );
    mock.add_model(
        "org/flaky",
        MockRepo::new(fixture_files()).with(Fault::Flaky { times: 2 }),
    );
    mock.add_model(
        "org/down",
        MockRepo::new(fixture_files()).with(Fault::Flaky { times: 100 }),
    );
    mock.add_model(
        "org/long-wait",
        MockRepo::new(fixture_files()).with(Fault::RateLimited {
            times: 100,
            retry_after: "3600".into(),
        }),
    );
    let h = hub(&mock.endpoint);
    let t = Instant::now();
    open(&h, "hf:org/limited").unwrap();
    assert!(
        t.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    open(&h, "hf:org/flaky").unwrap();
    let e = open(&h, "hf:org/down").unwrap_err();
    assert!(
        e.to_string().contains("server error 503 after 4 attempts"),
        "{e}"
    );
    let e = open(&h, "hf:org/long-wait").unwrap_err();
    assert!(
        matches!(
            e,
            SourceError::RateLimited {
                retry_after_secs: 3600,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("retry after 3600 s"));
}

#[test]
fn slow_truncated_oversized_malformed_and_redirected_answers_are_clear_errors() {
    let mock = MockHub::start();
    mock.add_model(
        "org/slow",
        MockRepo::new(fixture_files()).with(Fault::SlowLoris(Duration::from_secs(30))),
    );
    mock.add_model(
        "org/cut",
        MockRepo::new(fixture_files()).with(Fault::Truncated),
    );
    mock.add_model(
        "org/huge",
        MockRepo::new(fixture_files()).with(Fault::Oversized(3 << 20)),
    );
    mock.add_model(
        "org/endless",
        MockRepo::new(fixture_files()).with(Fault::OversizedChunked(3 << 20)),
    );
    mock.add_model(
        "org/bad-json",
        MockRepo::new(fixture_files()).with(Fault::Malformed),
    );
    mock.add_model(
        "org/away",
        MockRepo::new(fixture_files()).with(Fault::Redirect(
            "http://evil.invalid/api/models/org/away".into(),
        )),
    );
    mock.add_model(
        "org/away-port",
        MockRepo::new(fixture_files()).with(Fault::Redirect("http://127.0.0.1:1/x".into())),
    );
    mock.add_model(
        "org/cdn-away",
        MockRepo::new(fixture_files()).with(Fault::CdnForeign("http://cdn.evil.invalid".into())),
    );
    let http = glassbox_sources::hf::HttpConfig {
        read_timeout: Duration::from_millis(300),
        max_retries: 1,
        max_json_bytes: 1 << 20,
        ..glassbox_sources::loopback_http(&mock.endpoint)
    };
    let h = Hub::new(HubOptions {
        http,
        ..HubOptions::default()
    })
    .unwrap();

    let t = Instant::now();
    let e = open(&h, "hf:org/slow").unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(10), "bounded time");
    assert!(e.to_string().contains("after 2 attempts"), "{e}");

    let e = open(&h, "hf:org/cut").unwrap_err();
    assert!(e.to_string().contains("body cut short"), "{e}");

    for spec in ["hf:org/huge", "hf:org/endless"] {
        let e = open(&h, spec).unwrap_err();
        assert!(
            matches!(e, SourceError::TooLarge { limit: 1048576, .. }),
            "{spec}: {e}"
        );
    }
    let e = open(&h, "hf:org/bad-json").unwrap_err();
    assert!(e.to_string().contains("malformed model info JSON"), "{e}");
    let e = open(&h, "hf:org/away").unwrap_err();
    assert_eq!(e.to_string(), format!("{}/api/models/org/away/revision/main?blobs=true: redirect to foreign host `evil.invalid` refused", mock.endpoint));
    let e = open(&h, "hf:org/away-port").unwrap_err();
    assert!(matches!(e, SourceError::ForeignRedirect { .. }), "{e}");

    // A file whose CDN redirect leaves the endpoint: inventoried, not read, and said so.
    let rel = open(&h, "hf:org/cdn-away").unwrap();
    let shard = rel.file("model-00001-of-00002.safetensors").unwrap();
    assert!(shard.head.is_none());
    assert!(rel.problems.iter().any(|p| p.kind == "unreadable-file"
        && p.message
            .contains("redirect to foreign host `cdn.evil.invalid` refused")));
}

#[test]
fn download_hashes_weights_without_keeping_them() {
    let mock = MockHub::start();
    let files = fixture_files();
    mock.add_model("org/tiny", MockRepo::new(files.clone()));
    let (seen, progress) = glassbox_testkit::progress::Recorder::start();
    let h = Hub::new(HubOptions {
        http: glassbox_sources::loopback_http(&mock.endpoint),
        download: true,
        progress,
        ..HubOptions::default()
    })
    .unwrap();
    let rel = open(&h, "hf:org/tiny").unwrap();
    assert!(rel.problems.is_empty(), "{:?}", rel.problems);
    assert!(mock.bytes_for("model-00002-of-00002.safetensors") > 200_000);
    // Every downloaded byte was announced and reported, file by file.
    assert!(seen.expected() > 200_000, "{}", seen.expected());
    assert_eq!(seen.done(), seen.expected());
    assert!(
        seen.messages()
            .contains(&"downloading tiny.gguf".to_string()),
        "{:?}",
        seen.messages()
    );
    use sha2::Digest;
    let gguf = files.iter().find(|f| f.0 == "tiny.gguf").unwrap();
    let want: String = sha2::Sha256::digest(&gguf.1)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        rel.file("tiny.gguf").unwrap().artifact.sha256.as_deref(),
        Some(want.as_str())
    );
}

#[test]
fn offline_uses_the_cache_and_opens_no_socket() {
    let mock = MockHub::start();
    let files = fixture_files();
    mock.add_model("org/tiny", MockRepo::new(files.clone()));
    let dir = tempfile::tempdir().unwrap();
    let sha = mock.sha("models", "org/tiny");
    cache::write_layout(
        dir.path(),
        &RepoRef::parse("hf:org/tiny").unwrap(),
        &sha,
        &files,
    )
    .unwrap();
    let mut o = opts(&mock.endpoint, Some(dir.path()));
    o.set_offline(true);
    let hub = o.hub().unwrap();
    assert!(hub.is_none());
    let rel = resolve_release("hf:org/tiny", &o, None, &limits()).unwrap();
    assert_eq!(rel.target.kind, "hf-cache");
    let e = resolve_release("hf:org/absent", &o, None, &limits()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("offline: hf:org/absent@main is not in the local Hugging Face cache"),
        "{e}"
    );
    o.follow.enabled = true;
    let r = glassbox_sources::resolve_with("hf:org/tiny", &o, &limits()).unwrap();
    assert!(
        r.linked
            .iter()
            .any(|l| l.note.as_deref().is_some_and(|n| n.starts_with("offline:"))),
        "{:?}",
        r.linked
    );
    assert_eq!(
        mock.state
            .connections
            .load(std::sync::atomic::Ordering::SeqCst),
        0
    );
}

#[test]
fn unreachable_hub_falls_back_to_a_cached_snapshot() {
    let files = fixture_files();
    let dir = tempfile::tempdir().unwrap();
    let sha = "ab".repeat(20);
    cache::write_layout(
        dir.path(),
        &RepoRef::parse("hf:org/tiny").unwrap(),
        &sha,
        &files,
    )
    .unwrap();
    // A port with nothing listening.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut o = opts(&format!("http://127.0.0.1:{port}"), Some(dir.path()));
    o.http.max_retries = 0;
    let hub = o.hub().unwrap();
    let rel = resolve_release("hf:org/tiny", &o, hub.as_ref(), &limits()).unwrap();
    assert_eq!(rel.target.kind, "hf-cache");
    assert!(rel.problems.iter().any(|p| p.kind == "hub-unreachable"));
    let e = resolve_release("hf:org/other", &o, hub.as_ref(), &limits()).unwrap_err();
    assert!(e.to_string().contains("connection"), "{e}");
}

#[test]
fn many_repositories_share_a_bounded_pool() {
    let mock = MockHub::start();
    let specs: Vec<String> = (0..12)
        .map(|i| {
            mock.add_model(&format!("org/m{i}"), MockRepo::new(fixture_files()));
            format!("hf:org/m{i}")
        })
        .collect();
    let mut o = opts(&mock.endpoint, None);
    o.jobs = 2;
    let out = glassbox_sources::resolve_many(&specs, &o, &limits(), 3);
    assert!(out.iter().all(|r| r.is_ok()));
    // 3 repositories at a time, but one client with 2 exchanges in flight at most (one
    // connection may still be closing when the next opens).
    let max = mock
        .state
        .max_active
        .load(std::sync::atomic::Ordering::SeqCst);
    let total = mock
        .state
        .connections
        .load(std::sync::atomic::Ordering::SeqCst);
    eprintln!(
        "max {max} at once, {total} connections, {} requests",
        mock.state
            .requests
            .load(std::sync::atomic::Ordering::SeqCst)
    );
    assert!(max <= 3, "{max} connections at once");
}

/// Found by the hostile-server tests (#16): a Hub that sends its headers at once and then the
/// body one byte a second satisfies every per-read timeout; the whole-call limit ended the
/// attempt, and the client then tried four more times. Now the first whole-call timeout ends
/// the request, with a message saying why.
#[test]
fn a_body_sent_one_byte_a_second_is_not_retried() {
    use common::hostile_http::{self, Misbehaviour};
    let server = hostile_http::start(Misbehaviour::DripBody);
    let http = glassbox_sources::hf::HttpConfig {
        read_timeout: Duration::from_secs(5),
        call_timeout: Duration::from_secs(2),
        max_retries: 4,
        ..glassbox_sources::loopback_http(&server.base)
    };
    let h = Hub::new(HubOptions {
        http,
        ..HubOptions::default()
    })
    .unwrap();
    let e = open(&h, "hf:org/tiny").unwrap_err();
    assert!(e.to_string().contains("whole-call time limit"), "{e}");
    assert_eq!(
        server
            .connections
            .load(std::sync::atomic::Ordering::Relaxed),
        1,
        "retried: {e}"
    );
}
