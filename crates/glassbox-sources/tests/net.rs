//! Corporate-network settings against real servers on 127.0.0.1: TLS with a CA generated at
//! test time (the mock Hub and the git smart-HTTP server behind a rustls front), the CA bundle
//! trusted or not, and a CONNECT proxy that records what it is asked, used or skipped per
//! `NO_PROXY`. Settings go in through `NetOptions`, never the process environment.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::fixture_files;
use common::git_server::{self, bare_repo, http_backend};
use common::mock_hub::{MockHub, MockRepo};
use common::tls::{ConnectProxy, TestPki, TlsFront};
use glassbox_sources::git::{self, GitOptions};
use glassbox_sources::hf::{FetchScope, HttpConfig, Hub, HubOptions, RepoRef};
use glassbox_sources::net::{CaBundle, Net, NetOptions, ProxySetting};
use glassbox_sources::Limits;

fn ca(path: &Path) -> Vec<CaBundle> {
    vec![CaBundle {
        origin: "SSL_CERT_FILE".into(),
        path: path.to_path_buf(),
    }]
}

fn net(o: NetOptions) -> Net {
    Net::new(&o).unwrap()
}

fn hub(endpoint: &str, net: Net) -> Hub {
    Hub::new(HubOptions {
        http: HttpConfig {
            net,
            ..glassbox_sources::loopback_http(endpoint)
        },
        ..HubOptions::default()
    })
    .unwrap()
}

fn tiny() -> RepoRef {
    RepoRef::parse("hf:org/tiny").unwrap()
}

/// The mock Hub with `org/tiny`, behind TLS issued by `pki`'s CA.
fn tls_hub(pki: &TestPki) -> (MockHub, TlsFront) {
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(fixture_files()));
    let front = TlsFront::start(pki, mock.endpoint.trim_start_matches("http://"));
    (mock, front)
}

fn proxy_setting(origin: &str, url: String) -> Option<ProxySetting> {
    Some(ProxySetting {
        origin: origin.into(),
        url,
    })
}

/// Trust `ca_file` and send https through `proxy_url` (set as `origin`), except for `no_proxy`.
fn https_via_proxy(ca_file: &Path, origin: &str, proxy_url: String, no_proxy: Option<&str>) -> Net {
    net(NetOptions {
        ca_bundles: ca(ca_file),
        https_proxy: proxy_setting(origin, proxy_url),
        no_proxy: no_proxy.map(String::from),
        ..NetOptions::default()
    })
}

#[test]
fn hub_over_tls_trusts_the_ca_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::generate();
    let ca_file = pki.write_ca(dir.path());
    let (mock, front) = tls_hub(&pki);
    let trusted = net(NetOptions {
        ca_bundles: ca(&ca_file),
        ..NetOptions::default()
    });
    assert_eq!(trusted.extra_roots(), 1);
    // The certificate names both; the IP form checks an IP SAN, the other SNI and a DNS SAN.
    for endpoint in [front.url_ip(), front.url_localhost()] {
        let h = hub(&endpoint, trusted.clone());
        let info = h.info(&tiny(), true).unwrap();
        assert_eq!(info.sha, Some(mock.sha("models", "org/tiny")));
    }
    assert!(front.handshakes.load(std::sync::atomic::Ordering::SeqCst) >= 2);

    // A whole metadata audit (info, tree, resolve, Range reads) through TLS.
    let h = hub(&front.url_localhost(), trusted);
    let rel = h
        .open("hf:org/tiny", &tiny(), &Limits::default(), FetchScope::All)
        .unwrap();
    let card = rel.file("README.md").unwrap();
    assert!(card.text().unwrap().contains("Tiny model"));
    assert!(card
        .artifact
        .url
        .as_deref()
        .unwrap()
        .starts_with(&front.url_localhost()));
}

#[test]
fn without_the_ca_the_certificate_is_refused_once_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::generate();
    let (_mock, front) = tls_hub(&pki);
    let other = TestPki::generate().write_ca(dir.path());
    for n in [
        Net::default(),
        net(NetOptions {
            ca_bundles: ca(&other),
            ..NetOptions::default()
        }),
    ] {
        let before = front.connections.load(std::sync::atomic::Ordering::SeqCst);
        let e = hub(&front.url_ip(), n)
            .info(&tiny(), false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("TLS certificate not trusted"), "{e}");
        // No roots for it: unknown issuer; another CA of the same name: a bad signature.
        assert!(
            e.contains("UnknownIssuer") || e.contains("BadSignature"),
            "{e}"
        );
        assert!(e.contains("SSL_CERT_FILE"), "{e}");
        // Not retried: an untrusted certificate does not heal.
        let after = front.connections.load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!(after - before, 1, "{e}");
    }
    assert_eq!(
        front.handshakes.load(std::sync::atomic::Ordering::SeqCst),
        0
    );
}

#[test]
fn hub_goes_through_the_proxy_unless_no_proxy_names_the_host() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::generate();
    let ca_file = pki.write_ca(dir.path());
    let (mock, front) = tls_hub(&pki);
    let proxy = ConnectProxy::start();
    let port = front.addr.rsplit(':').next().unwrap().to_string();
    let via_proxy = |no_proxy: Option<&str>| {
        https_via_proxy(
            &ca_file,
            "HTTPS_PROXY",
            format!("http://user:pw-secret@{}", proxy.addr),
            no_proxy,
        )
    };

    // TLS to the Hub inside the tunnel: the proxy sees the host name and credentials only.
    let info = hub(&front.url_localhost(), via_proxy(None))
        .info(&tiny(), false)
        .unwrap();
    assert_eq!(info.sha, Some(mock.sha("models", "org/tiny")));
    let seen = proxy.log.lock().unwrap().clone();
    assert!(!seen.is_empty());
    for (line, auth) in &seen {
        assert_eq!(line, &format!("CONNECT localhost:{port} HTTP/1.1"));
        assert_eq!(auth.as_deref(), Some("Basic dXNlcjpwdy1zZWNyZXQ="));
    }

    // Loopback is not skipped implicitly; NO_PROXY decides, by name, suffix or address.
    for no_proxy in ["localhost", ".localhost,other.example", "127.0.0.1/8"] {
        let before = proxy.lines().len();
        let endpoint = if no_proxy.starts_with("127") {
            front.url_ip()
        } else {
            front.url_localhost()
        };
        hub(&endpoint, via_proxy(Some(no_proxy)))
            .info(&tiny(), false)
            .unwrap();
        assert_eq!(proxy.lines().len(), before, "NO_PROXY={no_proxy}");
    }
    let before = proxy.lines().len();
    hub(&front.url_ip(), via_proxy(Some("localhost")))
        .info(&tiny(), false)
        .unwrap();
    assert!(proxy.lines().len() > before, "127.0.0.1 is not `localhost`");

    // A plain-http endpoint uses HTTP_PROXY (tunnelled too), not HTTPS_PROXY.
    let plain = net(NetOptions {
        http_proxy: proxy_setting("http_proxy", proxy.addr.clone()),
        https_proxy: proxy_setting("HTTPS_PROXY", "http://127.0.0.1:9".into()),
        ..NetOptions::default()
    });
    hub(&mock.endpoint, plain).info(&tiny(), false).unwrap();
    let mock_port = mock.endpoint.rsplit(':').next().unwrap();
    assert_eq!(
        proxy.lines().last().unwrap(),
        &format!("CONNECT 127.0.0.1:{mock_port} HTTP/1.1")
    );
}

#[test]
fn a_dead_proxy_is_an_error_that_hides_its_credentials() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(fixture_files()));
    let n = net(NetOptions {
        all_proxy: proxy_setting("ALL_PROXY", format!("http://user:pw-secret@{addr}")),
        ..NetOptions::default()
    });
    let h = Hub::new(HubOptions {
        http: HttpConfig {
            net: n,
            max_retries: 0,
            ..glassbox_sources::loopback_http(&mock.endpoint)
        },
        ..HubOptions::default()
    })
    .unwrap();
    let e = h.info(&tiny(), false).unwrap_err();
    let shown = format!("{e} {e:?} {:?}", h.endpoint());
    assert!(!shown.contains("pw-secret"), "{shown}");
    assert_eq!(
        mock.state
            .requests
            .load(std::sync::atomic::Ordering::SeqCst),
        0
    );
}

/// A git smart-HTTP server with `org/repo.git` behind TLS, or `None` without `git http-backend`.
fn tls_git(root: &Path, pki: &TestPki) -> Option<(git_server::Server, TlsFront, String)> {
    let backend = match http_backend() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipping: git http-backend unavailable ({why})");
            return None;
        }
    };
    let files = vec![
        ("README.md".to_string(), b"# Tiny\n".to_vec()),
        ("train.py".to_string(), b"loss.backward()\n".to_vec()),
    ];
    let head = bare_repo(root, "org/repo.git", &files);
    let server = git_server::smart_http(root, &backend);
    let front = TlsFront::start(pki, server.base.trim_start_matches("http://"));
    Some((server, front, head))
}

fn git_opts(cache: PathBuf, net: Net) -> GitOptions {
    GitOptions {
        cache_dir: Some(cache),
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(5),
        net,
        ..GitOptions::default()
    }
}

#[test]
fn git_clone_over_tls_with_the_ca_bundle_and_through_the_proxy() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::generate();
    let ca_file = pki.write_ca(dir.path());
    let Some((_server, front, head)) = tls_git(&dir.path().join("srv"), &pki) else {
        return;
    };
    let url = format!("{}/org/repo.git", front.url_localhost());

    let e = git::open(
        &url,
        &git_opts(dir.path().join("c0"), Net::default()),
        &Limits::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("TLS certificate is not trusted"), "{e}");
    assert!(e.contains("SSL_CERT_FILE"), "{e}");

    let trusted = net(NetOptions {
        ca_bundles: ca(&ca_file),
        ..NetOptions::default()
    });
    let rel = git::open(
        &url,
        &git_opts(dir.path().join("c1"), trusted),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(rel.target.revision.as_deref(), Some(head.as_str()));
    assert!(rel.file("train.py").is_some());

    let proxy = ConnectProxy::start();
    let port = front.addr.rsplit(':').next().unwrap().to_string();
    let via_proxy = |no_proxy: Option<&str>| {
        https_via_proxy(
            &ca_file,
            "https_proxy",
            format!("http://user:pw-secret@{}", proxy.addr),
            no_proxy,
        )
    };
    let rel = git::open(
        &url,
        &git_opts(dir.path().join("c2"), via_proxy(None)),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(rel.target.revision.as_deref(), Some(head.as_str()));
    let seen = proxy.log.lock().unwrap().clone();
    assert!(!seen.is_empty());
    for (line, auth) in &seen {
        assert_eq!(line, &format!("CONNECT localhost:{port} HTTP/1.1"));
        assert_eq!(auth.as_deref(), Some("Basic dXNlcjpwdy1zZWNyZXQ="));
    }

    let before = proxy.lines().len();
    git::open(
        &url,
        &git_opts(
            dir.path().join("c3"),
            via_proxy(Some("localhost:".to_string() + &port).as_deref()),
        ),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(proxy.lines().len(), before, "NO_PROXY=localhost:{port}");
}

#[test]
fn card_links_may_reach_a_private_proxy_but_not_a_private_host() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::generate();
    let ca_file = pki.write_ca(dir.path());
    let Some((_server, front, head)) = tls_git(&dir.path().join("srv"), &pki) else {
        return;
    };
    let url = format!("{}/org/repo.git", front.url_localhost());
    let proxy = ConnectProxy::start();
    // Proxy and repository are both on loopback, which a card link may not reach directly;
    // through the proxy the user configured, only the proxy is connected to.
    let proxy_url = format!("http://{}", proxy.addr.replace("127.0.0.1", "localhost"));
    let card = |no_proxy: Option<&str>, cache: &str| GitOptions {
        card_link: true,
        ..git_opts(
            dir.path().join(cache),
            https_via_proxy(&ca_file, "HTTPS_PROXY", proxy_url.clone(), no_proxy),
        )
    };
    let rel = git::open(&url, &card(None, "c1"), &Limits::default()).unwrap();
    assert_eq!(rel.target.revision.as_deref(), Some(head.as_str()));
    assert!(!proxy.lines().is_empty());

    // Reached directly, the same loopback host is refused when connecting.
    let before = proxy.lines().len();
    let e = git::open(&url, &card(Some("localhost"), "c2"), &Limits::default())
        .unwrap_err()
        .to_string();
    assert!(e.contains("private, loopback or link-local"), "{e}");
    assert_eq!(proxy.lines().len(), before);
}
