//! `glassbox audit` with the network variables as a user sets them: `SSL_CERT_FILE` and
//! `REQUESTS_CA_BUNDLE` against the mock Hub behind real TLS (a CA generated at test time), a
//! bad bundle (exit 2 naming the variable and file), and `HTTPS_PROXY` through a recording
//! CONNECT proxy, with credentials that never reach the output.

use glassbox_testkit as common;
mod spawn;

use std::path::Path;
use std::process::Output;

use common::fixture_files;
use common::mock_hub::{MockHub, MockRepo};
use common::tls::{ConnectProxy, TestPki, TlsFront};

fn glassbox(endpoint: &str, home: &Path, vars: &[(&str, &str)]) -> Output {
    let mut cmd = spawn::glassbox();
    cmd.args([
        "audit",
        "hf:org/tiny",
        "--format",
        "json",
        "--no-follow",
        "--timeout",
        "5",
    ]);
    cmd.env("HF_ENDPOINT", endpoint)
        .env("HF_HUB_CACHE", home.join("hf"))
        .env("XDG_CACHE_HOME", home)
        .env("HOME", home)
        .env("NO_COLOR", "1");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().expect("run glassbox")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn ca_bundle_variables_reach_the_hub_client() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::generate();
    let ca = pki.write_ca(dir.path());
    let ca = ca.to_str().unwrap();
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(fixture_files()));
    let front = TlsFront::start(&pki, mock.endpoint.trim_start_matches("http://"));
    let endpoint = front.url_localhost();

    for var in ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"] {
        let out = glassbox(&endpoint, dir.path(), &[(var, ca)]);
        assert!(out.status.success(), "{var}: {}", stderr(&out));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(report.to_string().contains(&endpoint), "{var}");
    }

    let out = glassbox(&endpoint, dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("TLS certificate not trusted"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_ca_bundle_is_exit_2_naming_the_variable_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.pem");
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "hello\n").unwrap();
    for (var, path) in [
        ("SSL_CERT_FILE", &missing),
        ("REQUESTS_CA_BUNDLE", &garbage),
    ] {
        let p = path.to_str().unwrap();
        let out = glassbox("http://127.0.0.1:9", dir.path(), &[(var, p)]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{var}={p}: ")),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn https_proxy_carries_the_audit_and_its_credentials_stay_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::generate();
    let ca = pki.write_ca(dir.path());
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(fixture_files()));
    let front = TlsFront::start(&pki, mock.endpoint.trim_start_matches("http://"));
    let proxy = ConnectProxy::start();
    let proxy_url = format!("http://user:pw-secret@{}", proxy.addr);
    let out = glassbox(
        &front.url_localhost(),
        dir.path(),
        &[
            ("SSL_CERT_FILE", ca.to_str().unwrap()),
            ("HTTPS_PROXY", &proxy_url),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!proxy.lines().is_empty());
    assert!(proxy
        .lines()
        .iter()
        .all(|l| l.starts_with("CONNECT localhost:")));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("pw-secret"));

    // NO_PROXY skips it.
    let before = proxy.lines().len();
    let out = glassbox(
        &front.url_localhost(),
        dir.path(),
        &[
            ("SSL_CERT_FILE", ca.to_str().unwrap()),
            ("https_proxy", &proxy_url),
            ("no_proxy", "localhost"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(proxy.lines().len(), before);

    // A proxy that is not there: exit 2, and neither stream shows the password.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://user:pw-secret@{}", closed.local_addr().unwrap());
    drop(closed);
    let out = glassbox(
        &front.url_localhost(),
        dir.path(),
        &[
            ("SSL_CERT_FILE", ca.to_str().unwrap()),
            ("HTTPS_PROXY", &dead),
            ("HF_HUB_CACHE", dir.path().join("empty").to_str().unwrap()),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let all = format!("{}{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
    assert!(!all.contains("pw-secret"), "{all}");

    // An unusable proxy URL: exit 2 naming the variable, password redacted.
    let out = glassbox(
        &front.url_localhost(),
        dir.path(),
        &[("HTTPS_PROXY", "socks5://user:pw-secret@127.0.0.1:1080")],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("HTTPS_PROXY=socks5://***@127.0.0.1:1080"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("pw-secret"));
}
