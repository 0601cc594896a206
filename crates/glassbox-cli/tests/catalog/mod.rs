//! Running `glassbox serve` and `glassbox worker` as child processes against the mock Hub, and
//! talking HTTP to them, for the catalog tests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::mock_hub::{MockHub, MockRepo};
use crate::spawn;

/// The write token the tests give the server.
pub const TOKEN: &str = "test-token-0123456789";

/// A `glassbox serve` or `glassbox worker` child process; killed when dropped.
pub struct Proc {
    child: Child,
    /// `http://127.0.0.1:PORT` for a server, empty for a worker.
    pub base: String,
    /// Everything it wrote to stderr so far.
    pub log: Arc<Mutex<String>>,
}

impl Proc {
    /// Kills the process with SIGKILL (what `kill -9` sends) and waits for it.
    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// `glassbox ARGS` with the Hub at `hub`, caches in `home`, the test token, and no card links
/// followed (the fixture card links public hosts).
fn command(args: &[&str], hub: &str, home: &Path) -> std::process::Command {
    let mut cmd = spawn::glassbox();
    cmd.args(args)
        .env("HF_ENDPOINT", hub)
        .env("HF_HUB_CACHE", home.join("hub-cache"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("HOME", home)
        .env("GLASSBOX_SERVER_TOKEN", TOKEN)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn drain(child: &mut Child, log: Arc<Mutex<String>>) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            log.lock().unwrap().push_str(&format!("{line}\n"));
            let _ = tx.send(line);
        }
    });
    rx
}

/// Starts `glassbox serve` on a free loopback port with `extra` arguments (database, workers…).
pub fn serve(extra: &[&str], hub: &str, home: &Path) -> Proc {
    serve_with_env(extra, hub, home, &[])
}

/// [`serve`] with further environment variables.
pub fn serve_with_env(extra: &[&str], hub: &str, home: &Path, env: &[(&str, &str)]) -> Proc {
    let mut args = vec![
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--no-follow",
        "--heartbeat",
        "1",
    ];
    args.extend_from_slice(extra);
    let mut cmd = command(&args, hub, home);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn glassbox serve");
    let log = Arc::new(Mutex::new(String::new()));
    let rx = drain(&mut child, log.clone());
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(rest) = line.strip_prefix("glassbox: catalog at ") {
                    let base = rest.split('/').take(3).collect::<Vec<_>>().join("/");
                    return Proc { child, base, log };
                }
            }
            Err(_) => panic!("glassbox serve did not start: {}", log.lock().unwrap()),
        }
    }
}

/// Starts `glassbox worker` with `extra` arguments.
pub fn worker(extra: &[&str], hub: &str, home: &Path) -> Proc {
    let mut args = vec!["worker", "--no-follow", "--heartbeat", "1"];
    args.extend_from_slice(extra);
    let mut child = command(&args, hub, home)
        .spawn()
        .expect("spawn glassbox worker");
    let log = Arc::new(Mutex::new(String::new()));
    drain(&mut child, log.clone());
    Proc {
        child,
        base: String::new(),
        log,
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// GET with an optional token: status, content type and body.
pub fn get(url: &str, token: Option<&str>) -> (u16, String, String) {
    let mut req = agent().get(url);
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.call().expect("GET");
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    (status, ctype, body)
}

/// GET a JSON answer.
pub fn get_json(url: &str, token: Option<&str>) -> (u16, Value) {
    let (status, _, body) = get(url, token);
    (
        status,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{url}: not JSON ({e}): {body}")),
    )
}

/// POST a body with an optional token and content type; the answer as JSON.
pub fn post(url: &str, body: &str, token: Option<&str>) -> (u16, Value) {
    let mut req = agent().post(url).header("Content-Type", "application/json");
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.send(body).expect("POST");
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{url}: not JSON ({e}): {text}")),
    )
}

/// POSTs a body, giving the status, or the transport error when the server closed the
/// connection before reading it all (what a server may do after refusing an oversized body).
pub fn post_status(url: &str, body: &str, token: &str) -> Result<u16, String> {
    agent()
        .post(url)
        .header("Content-Type", "application/json")
        .header("Authorization", &format!("Bearer {token}"))
        .send(body)
        .map(|r| r.status().as_u16())
        .map_err(|e| e.to_string())
}

/// Submits a target with the test token.
pub fn submit(base: &str, target: &str) -> (u16, Value) {
    post(
        &format!("{base}/api/v1/audits"),
        &serde_json::json!({ "target": target }).to_string(),
        Some(TOKEN),
    )
}

/// Polls an audit until it is done or failed (bounded, so a lost audit fails the test).
pub fn finished(base: &str, id: &str, log: &Mutex<String>) -> Value {
    let deadline = Instant::now() + Duration::from_secs(240);
    loop {
        let (status, v) = get_json(&format!("{base}/api/v1/audits/{id}"), None);
        assert_eq!(status, 200, "{v}");
        if matches!(v["status"].as_str(), Some("done" | "failed")) {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "audit {id} never finished: {v}\n{}",
            log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A small open release as the mock Hub serves it; `tag` makes its commit unique.
pub fn repo(tag: &str) -> MockRepo {
    let mut files = crate::common::fixture_files();
    files.push(("id.txt".into(), tag.as_bytes().to_vec()));
    MockRepo::new(files)
}

/// A mock Hub with `n` releases `org/m0`… .
pub fn hub_with(n: usize) -> MockHub {
    let hub = MockHub::start();
    for i in 0..n {
        hub.add_model(&format!("org/m{i}"), repo(&format!("m{i}")));
    }
    hub
}

/// The PostgreSQL URL for the tests, or `None` (saying so) when there is none; on CI
/// (`CI=true`) a missing database is a failure, not a skip.
pub fn postgres(test: &str) -> Option<String> {
    match std::env::var("GLASSBOX_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{test}: GLASSBOX_TEST_POSTGRES is not set on CI (.ci/run starts PostgreSQL)"
            );
            eprintln!("GLASSBOX_TEST_POSTGRES is not set: skipping {test}");
            None
        }
    }
}

/// A fresh, empty database on the test server for one test (dropped first if left over).
pub fn fresh_postgres(base_url: &str, name: &str) -> String {
    let admin = std::process::Command::new("psql")
        .arg(base_url)
        .args(["-v", "ON_ERROR_STOP=1", "-q", "-c"])
        .arg(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .output()
        .expect("psql");
    assert!(
        admin.status.success(),
        "{}",
        String::from_utf8_lossy(&admin.stderr)
    );
    let create = std::process::Command::new("psql")
        .arg(base_url)
        .args(["-v", "ON_ERROR_STOP=1", "-q", "-c"])
        .arg(format!("CREATE DATABASE {name}"))
        .output()
        .expect("psql");
    assert!(
        create.status.success(),
        "{}",
        String::from_utf8_lossy(&create.stderr)
    );
    match base_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("GLASSBOX_TEST_POSTGRES must end in /DATABASE"),
    }
}
