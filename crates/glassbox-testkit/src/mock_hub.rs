//! A mock Hugging Face Hub: a real HTTP/1.1 server on 127.0.0.1 (keep-alive, one thread per
//! connection) serving model and dataset info in the documented JSON shapes, the paginated tree,
//! `resolve` with `Range`, and scripted faults: gated and private repositories, 404s, 429 with
//! `Retry-After`, 5xx then success, a slow-loris body, truncated bodies, oversized bodies,
//! malformed JSON and redirects to foreign hosts. Nothing here reaches outside the machine.
//!
//! Over 800 lines because it is one server: the request loop, the documented answers and the
//! faults that bend them read best side by side.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use sha2::Digest;

/// A scripted misbehaviour for one repository.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Info answers 429 with this `Retry-After` for the first `times` requests.
    RateLimited {
        /// How many requests are refused.
        times: usize,
        /// The `Retry-After` value sent.
        retry_after: String,
    },
    /// Info answers 503 for the first `times` requests.
    Flaky {
        /// How many requests fail.
        times: usize,
    },
    /// Info sends headers and half a body, then stalls for the duration.
    SlowLoris(Duration),
    /// Every file of the repository is served after this wait (an audit that takes time, for
    /// tests that must catch one under way).
    SlowFiles(Duration),
    /// Info announces a longer body than it sends and closes.
    Truncated,
    /// Info sends a body of this many bytes (`Content-Length` honest).
    Oversized(usize),
    /// Info sends this many bytes chunked, without `Content-Length`.
    OversizedChunked(usize),
    /// Info body is not JSON.
    Malformed,
    /// Info redirects to this absolute URL.
    Redirect(String),
    /// Files need `Authorization: Bearer <token>`; info stays public (as on the Hub).
    Gated {
        /// The token that opens the files.
        token: String,
    },
    /// Everything answers 401 without an error code (private or missing, as on the Hub).
    Private,
    /// Info omits sibling sizes so the client must use the tree endpoint (page size 2).
    NoSiblingSizes,
    /// The server ignores `Range` and sends whole files.
    IgnoresRange,
    /// LFS files are served through a relative redirect to `/cdn/<sha256>` on the same host.
    CdnRedirect,
    /// LFS files redirect to another host (not the endpoint, not its CDN).
    CdnForeign(String),
}

/// One repository.
#[derive(Debug, Clone, Default)]
pub struct MockRepo {
    /// Commit.
    pub sha: String,
    /// Files by path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Faults.
    pub faults: Vec<Fault>,
    /// Extra `tags`.
    pub tags: Vec<String>,
    /// Other revisions this repo answers to (besides `main` and the sha).
    pub revisions: Vec<String>,
    /// Large files served from a real prefix followed by zeros: (prefix, total size).
    pub sparse: BTreeMap<String, (Vec<u8>, u64)>,
}

impl MockRepo {
    /// A repository from (path, bytes) pairs.
    pub fn new(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        let files: BTreeMap<_, _> = files.into_iter().collect();
        let mut h = sha2::Sha256::new();
        for (p, b) in &files {
            h.update(p.as_bytes());
            h.update(b);
        }
        let sha: String = h
            .finalize()
            .iter()
            .take(20)
            .map(|b| format!("{b:02x}"))
            .collect();
        MockRepo {
            sha,
            files,
            ..Default::default()
        }
    }

    /// With a fault.
    pub fn with(mut self, f: Fault) -> Self {
        self.faults.push(f);
        self
    }

    /// With a large file whose bytes past `prefix` are zeros (a weights shard of `total` bytes).
    pub fn with_sparse(mut self, path: &str, prefix: Vec<u8>, total: u64) -> Self {
        self.sparse.insert(path.to_string(), (prefix, total));
        self
    }

    fn has(&self, f: &dyn Fn(&Fault) -> bool) -> Option<Fault> {
        self.faults.iter().find(|x| f(x)).cloned()
    }
}

/// Whether a path is stored as an LFS object on the mock (weights, or anything over 10 MB).
pub fn is_lfs(path: &str, size: usize) -> bool {
    let l = path.to_ascii_lowercase();
    [
        ".safetensors",
        ".gguf",
        ".bin",
        ".pt",
        ".pth",
        ".onnx",
        ".h5",
        ".msgpack",
    ]
    .iter()
    .any(|e| l.ends_with(e))
        || size > 10 << 20
}

/// Shared state and counters.
#[derive(Default)]
pub struct State {
    repos: Mutex<HashMap<(String, String), MockRepo>>,
    hits: Mutex<HashMap<String, usize>>,
    /// Body bytes sent, per request path (without query).
    pub bytes_by_path: Mutex<HashMap<String, u64>>,
    /// Every request line served.
    pub log: Mutex<Vec<String>>,
    /// Body bytes sent in all.
    pub bytes: AtomicU64,
    /// Requests served.
    pub requests: AtomicU64,
    /// Connections open now.
    pub active: AtomicUsize,
    /// Most connections open at once.
    pub max_active: AtomicUsize,
    /// Connections accepted.
    pub connections: AtomicUsize,
    stop: AtomicBool,
}

/// A running mock Hub.
pub struct MockHub {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// Shared state.
    pub state: Arc<State>,
}

impl Drop for MockHub {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.endpoint.trim_start_matches("http://"));
    }
}

impl MockHub {
    /// Starts a server on an ephemeral loopback port.
    pub fn start() -> MockHub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(State::default());
        let st = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.stop.load(Ordering::Relaxed) {
                    return;
                }
                let Ok(conn) = conn else { continue };
                let st = st.clone();
                st.connections.fetch_add(1, Ordering::Relaxed);
                let now = st.active.fetch_add(1, Ordering::SeqCst) + 1;
                st.max_active.fetch_max(now, Ordering::SeqCst);
                std::thread::spawn(move || {
                    let _ = serve_conn(conn, &st);
                    st.active.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        MockHub { endpoint, state }
    }

    /// Adds a model repository.
    pub fn add_model(&self, id: &str, repo: MockRepo) {
        self.state
            .repos
            .lock()
            .unwrap()
            .insert(("models".into(), id.into()), repo);
    }

    /// Adds a dataset repository.
    pub fn add_dataset(&self, id: &str, repo: MockRepo) {
        self.state
            .repos
            .lock()
            .unwrap()
            .insert(("datasets".into(), id.into()), repo);
    }

    /// The commit of a repository.
    pub fn sha(&self, kind: &str, id: &str) -> String {
        self.state.repos.lock().unwrap()[&(kind.to_string(), id.to_string())]
            .sha
            .clone()
    }

    /// Bytes sent for request paths containing `needle`.
    pub fn bytes_for(&self, needle: &str) -> u64 {
        self.state
            .bytes_by_path
            .lock()
            .unwrap()
            .iter()
            .filter(|(k, _)| k.contains(needle))
            .map(|(_, v)| *v)
            .sum()
    }

    /// Requests whose line contains `needle`.
    pub fn requests_matching(&self, needle: &str) -> usize {
        self.state
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(needle))
            .count()
    }
}

struct Req {
    method: String,
    path: String,
    query: String,
    headers: HashMap<String, String>,
}

fn read_req(r: &mut BufReader<TcpStream>) -> Option<Req> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = HashMap::new();
    let mut total = 0;
    loop {
        let mut h = String::new();
        let n = r.read_line(&mut h).ok()?;
        total += n;
        if n == 0 || total > 64 << 10 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (path, query) = target
        .split_once('?')
        .map(|(p, q)| (p.to_string(), q.to_string()))
        .unwrap_or((target, String::new()));
    Some(Req {
        method,
        path,
        query,
        headers,
    })
}

enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    Stall {
        body_prefix: Vec<u8>,
        declared: usize,
        wait: Duration,
    },
    Truncate {
        body_prefix: Vec<u8>,
        declared: usize,
    },
    Chunked {
        total: usize,
    },
}

fn full(status: u16, headers: Vec<(&str, String)>, body: impl Into<Vec<u8>>) -> Reply {
    Reply::Full {
        status,
        headers: headers
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        body: body.into(),
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        302 => "Found",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn serve_conn(conn: TcpStream, st: &State) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    // Headers and body go out in separate writes: without this, Nagle's algorithm and delayed
    // ACKs add ~40 ms to every keep-alive exchange.
    conn.set_nodelay(true)?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut w = conn;
    while let Some(req) = read_req(&mut reader) {
        st.requests.fetch_add(1, Ordering::Relaxed);
        st.log.lock().unwrap().push(format!(
            "{} {}?{} range={}",
            req.method,
            req.path,
            req.query,
            req.headers.get("range").cloned().unwrap_or_default()
        ));
        let reply = route(st, &req);
        let mut sent = 0u64;
        match reply {
            Reply::Full {
                status,
                headers,
                body,
            } => {
                let body: &[u8] = if req.method == "HEAD" { &[] } else { &body };
                let mut head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\n",
                    reason(status),
                    body.len()
                );
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                w.write_all(head.as_bytes())?;
                w.write_all(body)?;
                sent += body.len() as u64;
            }
            Reply::Stall {
                body_prefix,
                declared,
                wait,
            } => {
                w.write_all(format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n").as_bytes())?;
                w.write_all(&body_prefix)?;
                w.flush()?;
                sent += body_prefix.len() as u64;
                record(st, &req.path, sent);
                std::thread::sleep(wait);
                return Ok(());
            }
            Reply::Truncate {
                body_prefix,
                declared,
            } => {
                w.write_all(format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\n\r\n").as_bytes())?;
                w.write_all(&body_prefix)?;
                sent += body_prefix.len() as u64;
                record(st, &req.path, sent);
                return Ok(());
            }
            Reply::Chunked { total } => {
                w.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")?;
                let chunk = vec![b' '; 64 << 10];
                let mut left = total;
                while left > 0 {
                    let n = left.min(chunk.len());
                    if w.write_all(format!("{n:x}\r\n").as_bytes())
                        .and_then(|_| w.write_all(&chunk[..n]))
                        .and_then(|_| w.write_all(b"\r\n"))
                        .is_err()
                    {
                        record(st, &req.path, sent);
                        return Ok(());
                    }
                    sent += n as u64;
                    left -= n;
                }
                w.write_all(b"0\r\n\r\n")?;
            }
        }
        w.flush()?;
        record(st, &req.path, sent);
        if req
            .headers
            .get("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"))
        {
            return Ok(());
        }
    }
    Ok(())
}

fn record(st: &State, path: &str, n: u64) {
    st.bytes.fetch_add(n, Ordering::Relaxed);
    *st.bytes_by_path
        .lock()
        .unwrap()
        .entry(path.to_string())
        .or_default() += n;
}

fn hit(st: &State, key: &str) -> usize {
    let mut h = st.hits.lock().unwrap();
    let e = h.entry(key.to_string()).or_default();
    *e += 1;
    *e
}

fn decode(s: &str) -> String {
    percent_decode(s)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn sha256_hex(b: &[u8]) -> String {
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

fn err(status: u16, code: &str, msg: &str) -> Reply {
    let mut h = vec![("Content-Type", "application/json".to_string())];
    if !code.is_empty() {
        h.push(("X-Error-Code", code.to_string()));
    }
    if !msg.is_empty() {
        h.push(("X-Error-Message", msg.to_string()));
    }
    full(status, h, json!({ "error": msg }).to_string())
}

fn card_data(files: &BTreeMap<String, Vec<u8>>) -> Value {
    let Some(readme) = files.get("README.md") else {
        return Value::Null;
    };
    let card = glassbox_formats::card::parse(&String::from_utf8_lossy(readme));
    card.metadata
}

fn info_json(id: &str, repo: &MockRepo, blobs: bool) -> Value {
    let no_sizes = repo.has(&|f| *f == Fault::NoSiblingSizes).is_some();
    let gated = repo
        .has(&|f| matches!(f, Fault::Gated { .. }))
        .map(|_| json!("manual"))
        .unwrap_or(json!(false));
    let siblings: Vec<Value> = repo
        .files
        .iter()
        .map(|(p, b)| {
            if !blobs || no_sizes {
                return json!({ "rfilename": p });
            }
            let mut s = json!({ "rfilename": p, "size": b.len(), "blobId": sha256_hex(b)[..40].to_string() });
            if is_lfs(p, b.len()) {
                s["lfs"] = json!({ "sha256": sha256_hex(b), "size": b.len(), "pointerSize": 134 });
            }
            s
        })
        .chain(repo.sparse.iter().map(|(p, (prefix, total))| {
            if !blobs || no_sizes {
                return json!({ "rfilename": p });
            }
            json!({ "rfilename": p, "size": total, "lfs": { "sha256": sparse_sha(prefix, *total), "size": total, "pointerSize": 134 } })
        }))
        .collect();
    json!({
        "_id": "0000", "id": id, "modelId": id, "author": id.split('/').next(), "sha": repo.sha,
        "lastModified": "2024-05-01T12:00:00.000Z", "private": false, "disabled": false, "gated": gated,
        "downloads": 1, "likes": 0, "tags": repo.tags, "cardData": card_data(&repo.files),
        "siblings": siblings,
    })
}

fn route(st: &State, req: &Req) -> Reply {
    let path = req.path.clone();
    if let Some(rest) = path.strip_prefix("/cdn/") {
        let repos = st.repos.lock().unwrap();
        for r in repos.values() {
            for b in r.files.values() {
                if sha256_hex(b) == rest {
                    return serve_bytes(
                        req,
                        b,
                        &r.sha,
                        r.has(&|f| *f == Fault::IgnoresRange).is_some(),
                    );
                }
            }
        }
        return err(404, "EntryNotFound", "no such object");
    }
    if let Some(rest) = path.strip_prefix("/api/") {
        let segs: Vec<&str> = rest.split('/').collect();
        if segs.len() < 3 {
            return err(404, "", "bad api path");
        }
        let kind = segs[0].to_string();
        let id = format!("{}/{}", segs[1], segs[2]);
        let repo = st
            .repos
            .lock()
            .unwrap()
            .get(&(kind.clone(), id.clone()))
            .cloned();
        let Some(repo) = repo else {
            return err(404, "RepoNotFound", "Repository not found");
        };
        if repo.has(&|f| *f == Fault::Private).is_some() {
            return err(401, "", "Invalid username or password.");
        }
        let key = format!("{kind}/{id}{}", &path);
        match segs.get(3).copied() {
            None | Some("revision") => {
                let rev = segs
                    .get(4..)
                    .map(|r| decode(&r.join("/")))
                    .unwrap_or_else(|| "main".into());
                if rev != "main" && rev != repo.sha && !repo.revisions.contains(&rev) {
                    return err(404, "RevisionNotFound", &format!("Invalid rev id: {rev}"));
                }
                let n = hit(st, &key);
                if let Some(Fault::RateLimited { times, retry_after }) =
                    repo.has(&|f| matches!(f, Fault::RateLimited { .. }))
                {
                    if n <= times {
                        return full(429, vec![("Retry-After", retry_after)], "rate limited");
                    }
                }
                if let Some(Fault::Flaky { times }) =
                    repo.has(&|f| matches!(f, Fault::Flaky { .. }))
                {
                    if n <= times {
                        return full(503, vec![], "try later");
                    }
                }
                if let Some(Fault::Redirect(to)) = repo.has(&|f| matches!(f, Fault::Redirect(_))) {
                    return full(302, vec![("Location", to)], "");
                }
                let body = info_json(&id, &repo, req.query.contains("blobs=true"))
                    .to_string()
                    .into_bytes();
                if let Some(Fault::SlowLoris(d)) = repo.has(&|f| matches!(f, Fault::SlowLoris(_))) {
                    return Reply::Stall {
                        body_prefix: body[..body.len() / 2].to_vec(),
                        declared: body.len(),
                        wait: d,
                    };
                }
                if repo.has(&|f| *f == Fault::Truncated).is_some() {
                    return Reply::Truncate {
                        body_prefix: body[..body.len() / 2].to_vec(),
                        declared: body.len(),
                    };
                }
                if let Some(Fault::Oversized(n)) = repo.has(&|f| matches!(f, Fault::Oversized(_))) {
                    return full(200, vec![], vec![b' '; n]);
                }
                if let Some(Fault::OversizedChunked(n)) =
                    repo.has(&|f| matches!(f, Fault::OversizedChunked(_)))
                {
                    return Reply::Chunked { total: n };
                }
                if repo.has(&|f| *f == Fault::Malformed).is_some() {
                    return full(
                        200,
                        vec![("Content-Type", "application/json".into())],
                        "{\"id\": \"x\", \"siblings\": [tru",
                    );
                }
                full(
                    200,
                    vec![
                        ("Content-Type", "application/json".into()),
                        ("X-Repo-Commit", repo.sha.clone()),
                    ],
                    body,
                )
            }
            Some("tree") => {
                let cursor: usize = req
                    .query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("cursor="))
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(0);
                let all: Vec<Value> = repo
                    .files
                    .iter()
                    .map(|(p, b)| {
                        let mut e = json!({ "type": "file", "oid": sha256_hex(b)[..40].to_string(), "size": b.len(), "path": p });
                        if is_lfs(p, b.len()) {
                            e["lfs"] = json!({ "oid": sha256_hex(b), "size": b.len(), "pointerSize": 134 });
                        }
                        e
                    })
                    .collect();
                let page: Vec<Value> = all.iter().skip(cursor).take(2).cloned().collect();
                let mut h = vec![("Content-Type", "application/json".to_string())];
                if cursor + 2 < all.len() {
                    h.push((
                        "Link",
                        format!(
                            "<{}?recursive=true&cursor={}>; rel=\"next\"",
                            req.path,
                            cursor + 2
                        ),
                    ));
                }
                // Relative Link targets are made absolute by the host header, as the Hub does.
                if let Some(host) = req.headers.get("host") {
                    for (k, v) in h.iter_mut() {
                        if *k == "Link" {
                            *v = v.replacen('<', &format!("<http://{host}"), 1);
                        }
                    }
                }
                full(200, h, Value::Array(page).to_string())
            }
            _ => err(404, "", "unknown endpoint"),
        }
    } else {
        // /{datasets/}org/name/resolve/{rev}/{path}
        let (kind, rest) = match path.strip_prefix("/datasets/") {
            Some(r) => ("datasets", r.to_string()),
            None => ("models", path.trim_start_matches('/').to_string()),
        };
        let segs: Vec<&str> = rest.splitn(5, '/').collect();
        if segs.len() < 5 || segs[2] != "resolve" {
            return err(404, "", "not found");
        }
        let id = format!("{}/{}", segs[0], segs[1]);
        let rev = decode(segs[3]);
        let file = decode(segs[4]);
        let repo = st
            .repos
            .lock()
            .unwrap()
            .get(&(kind.to_string(), id.clone()))
            .cloned();
        let Some(repo) = repo else {
            return err(404, "RepoNotFound", "Repository not found");
        };
        if let Some(Fault::SlowFiles(d)) = repo.has(&|f| matches!(f, Fault::SlowFiles(_))) {
            std::thread::sleep(d);
        }
        if repo.has(&|f| *f == Fault::Private).is_some() {
            return err(401, "", "");
        }
        if let Some(Fault::Gated { token }) = repo.has(&|f| matches!(f, Fault::Gated { .. })) {
            if req.headers.get("authorization") != Some(&format!("Bearer {token}")) {
                return err(403, "GatedRepo", "Access to model is restricted. You must have access to it and be authenticated to access it.");
            }
        }
        if rev != "main" && rev != repo.sha && !repo.revisions.contains(&rev) {
            return err(404, "RevisionNotFound", "Invalid rev id");
        }
        if let Some((prefix, total)) = repo.sparse.get(&file) {
            return serve_sparse(req, prefix, *total, &repo.sha);
        }
        let Some(bytes) = repo.files.get(&file) else {
            return err(404, "EntryNotFound", "Entry not found");
        };
        if is_lfs(&file, bytes.len()) {
            if repo.has(&|f| *f == Fault::CdnRedirect).is_some() {
                return full(
                    302,
                    vec![
                        ("Location", format!("/cdn/{}", sha256_hex(bytes))),
                        ("X-Repo-Commit", repo.sha.clone()),
                    ],
                    "",
                );
            }
            if let Some(Fault::CdnForeign(host)) = repo.has(&|f| matches!(f, Fault::CdnForeign(_)))
            {
                return full(
                    302,
                    vec![("Location", format!("{host}/cdn/{}", sha256_hex(bytes)))],
                    "",
                );
            }
        }
        serve_bytes(
            req,
            bytes,
            &repo.sha,
            repo.has(&|f| *f == Fault::IgnoresRange).is_some(),
        )
    }
}

/// A stand-in sha256 for a sparse file (its content is never hashed whole).
pub fn sparse_sha(prefix: &[u8], total: u64) -> String {
    let mut h = sha2::Sha256::new();
    h.update(prefix);
    h.update(total.to_le_bytes());
    h.finalize().iter().map(|x| format!("{x:02x}")).collect()
}

fn serve_sparse(req: &Req, prefix: &[u8], total: u64, sha: &str) -> Reply {
    let Some((a, b)) = req
        .headers
        .get("range")
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.split_once('-'))
    else {
        return err(400, "", "sparse files are served by range only");
    };
    let start: u64 = a.parse().unwrap_or(0);
    let end: u64 = b
        .parse::<u64>()
        .map(|e| e.min(total - 1))
        .unwrap_or(total - 1);
    if start >= total || end - start > 64 << 20 {
        return full(416, vec![("Content-Range", format!("bytes */{total}"))], "");
    }
    let body: Vec<u8> = (start..=end)
        .map(|i| prefix.get(i as usize).copied().unwrap_or(0))
        .collect();
    full(
        206,
        vec![
            ("X-Repo-Commit", sha.to_string()),
            ("Content-Range", format!("bytes {start}-{end}/{total}")),
        ],
        body,
    )
}

fn serve_bytes(req: &Req, bytes: &[u8], sha: &str, ignore_range: bool) -> Reply {
    let etag = format!("\"{}\"", sha256_hex(bytes));
    let base = vec![
        ("X-Repo-Commit", sha.to_string()),
        ("ETag", etag),
        ("Accept-Ranges", "bytes".to_string()),
    ];
    let range = req.headers.get("range").filter(|_| !ignore_range);
    let Some(range) = range else {
        return full(200, base, bytes.to_vec());
    };
    let Some((a, b)) = range.strip_prefix("bytes=").and_then(|r| r.split_once('-')) else {
        return full(200, base, bytes.to_vec());
    };
    let len = bytes.len();
    let start: usize = a.parse().unwrap_or(0);
    let end: usize = b
        .parse::<usize>()
        .map(|e| e.min(len.saturating_sub(1)))
        .unwrap_or(len.saturating_sub(1));
    if start >= len {
        return full(416, vec![("Content-Range", format!("bytes */{len}"))], "");
    }
    let mut h = base;
    h.push(("Content-Range", format!("bytes {start}-{end}/{len}")));
    full(206, h, bytes[start..=end].to_vec())
}

/// Reads a whole body from a reader (helper for tests).
pub fn read_all(mut r: impl Read) -> Vec<u8> {
    let mut v = Vec::new();
    r.read_to_end(&mut v).unwrap();
    v
}
