//! A git smart-HTTP server on 127.0.0.1 for tests: a tiny CGI bridge in front of the real
//! `git http-backend`, serving bare repositories built from files the test writes. Also two
//! misbehaving servers: one that accepts connections and never answers (slow loris), and one
//! that redirects every request to another address.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::write_folder;

/// Runs `git` with a fixed identity, isolated from the user's configuration.
pub fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `git http-backend`, or `None` (with the reason) when this machine cannot serve git over HTTP.
pub fn http_backend() -> Result<PathBuf, String> {
    let exec = Command::new("git")
        .arg("--exec-path")
        .output()
        .map_err(|e| format!("no git CLI: {e}"))?;
    let dir = PathBuf::from(String::from_utf8_lossy(&exec.stdout).trim());
    let backend = dir.join("git-http-backend");
    if backend.is_file() {
        Ok(backend)
    } else {
        Err(format!("{} missing", backend.display()))
    }
}

/// Writes `files`, commits them and makes `<root>/<name>` (e.g. `org/repo.git`) a bare clone.
/// Returns the commit id.
pub fn bare_repo(root: &Path, name: &str, files: &[(String, Vec<u8>)]) -> String {
    let work = root.join(".work").join(name.replace('/', "_"));
    std::fs::create_dir_all(&work).unwrap();
    write_folder(&work, files);
    git(&work, &["init", "-q"]).expect("git init");
    git(&work, &["add", "-A"]).expect("git add");
    git(&work, &["commit", "-q", "-m", "release"]).expect("git commit");
    let head = git(&work, &["rev-parse", "HEAD"]).unwrap();
    let dest = root.join(name);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    git(
        root,
        &[
            "clone",
            "-q",
            "--bare",
            work.to_str().unwrap(),
            dest.to_str().unwrap(),
        ],
    )
    .expect("git clone --bare");
    head
}

/// A running server; it stops accepting when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Connections accepted so far.
    pub connections: Arc<AtomicUsize>,
    /// Request targets (`/org/repo.git/info/refs?…`) answered by the smart-HTTP server.
    pub requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Accepts connections on an ephemeral loopback port and hands each to `handler` on its own
/// thread (with the request log); the misbehaving servers in `hostile_http` reuse it.
pub fn serve(handler: impl Fn(TcpStream, &Mutex<Vec<String>>) + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let handler = Arc::new(handler);
    let connections = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(Mutex::new(Vec::new()));
    {
        let (stop, connections, requests) = (stop.clone(), connections.clone(), requests.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                connections.fetch_add(1, Ordering::Relaxed);
                let Ok(conn) = conn else { continue };
                let (handler, requests) = (handler.clone(), requests.clone());
                std::thread::spawn(move || handler(conn, &requests));
            }
        });
    }
    Server {
        base: format!("http://{addr}"),
        connections,
        requests,
        stop,
        addr,
    }
}

/// Serves the bare repositories under `root` through `git http-backend`.
pub fn smart_http(root: &Path, backend: &Path) -> Server {
    let (root, backend) = (root.to_path_buf(), backend.to_path_buf());
    serve(move |conn, log| {
        let _ = cgi_connection(conn, &root, &backend, log);
    })
}

/// Answers every request on one keep-alive connection by running the CGI program.
fn cgi_connection(
    conn: TcpStream,
    root: &Path,
    backend: &Path,
    log: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut out = conn;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let target = parts.next().unwrap_or("/").to_string();
        log.lock().unwrap().push(target.clone());
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let header = |k: &str| headers.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let body = if let Some(len) = header("content-length") {
            let mut b = vec![0u8; len.parse().unwrap_or(0)];
            reader.read_exact(&mut b)?;
            b
        } else if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
            read_chunked(&mut reader)?
        } else {
            Vec::new()
        };
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let mut child = Command::new(backend)
            .env_clear()
            .env("GIT_PROJECT_ROOT", root)
            .env("GIT_HTTP_EXPORT_ALL", "1")
            .env("REQUEST_METHOD", &method)
            .env("PATH_INFO", path)
            .env("QUERY_STRING", query)
            .env("CONTENT_TYPE", header("content-type").unwrap_or_default())
            .env("CONTENT_LENGTH", body.len().to_string())
            .env("GIT_HTTP_MAX_REQUEST_BUFFER", "100M")
            .env(
                "HTTP_GIT_PROTOCOL",
                header("git-protocol").unwrap_or_default(),
            )
            .env("REMOTE_ADDR", "127.0.0.1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        {
            let mut stdin = child.stdin.take().unwrap();
            let body = body.clone();
            // A writer thread, so a large request cannot deadlock against a large answer.
            std::thread::spawn(move || {
                let _ = stdin.write_all(&body);
            });
        }
        let output = child.wait_with_output()?;
        let raw = output.stdout;
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|i| (i, 4))
            .or_else(|| raw.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)));
        let (head, payload) = match split {
            Some((i, n)) => (
                String::from_utf8_lossy(&raw[..i]).into_owned(),
                &raw[i + n..],
            ),
            None => (String::new(), &raw[..]),
        };
        let mut status = "200 OK".to_string();
        let mut response = Vec::new();
        for line in head.lines() {
            if let Some(s) = line.strip_prefix("Status:") {
                status = s.trim().to_string();
            } else if !line.trim().is_empty() {
                response.extend_from_slice(line.trim_end().as_bytes());
                response.extend_from_slice(b"\r\n");
            }
        }
        let mut msg = format!("HTTP/1.1 {status}\r\n").into_bytes();
        msg.extend_from_slice(&response);
        msg.extend_from_slice(format!("Content-Length: {}\r\n\r\n", payload.len()).as_bytes());
        msg.extend_from_slice(payload);
        out.write_all(&msg)?;
        out.flush()?;
    }
}

fn read_chunked(r: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        r.read_line(&mut size)?;
        let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let start = body.len();
        body.resize(start + n, 0);
        r.read_exact(&mut body[start..])?;
        let mut crlf = String::new();
        r.read_line(&mut crlf)?;
        if n == 0 {
            return Ok(body);
        }
    }
}

/// Accepts connections, reads the request and never answers; the connections are held open
/// until the server is dropped.
pub fn silent() -> Server {
    let held = Arc::new(Mutex::new(Vec::new()));
    serve(move |mut conn, _| {
        let mut buf = [0u8; 1024];
        let _ = conn.read(&mut buf);
        held.lock().unwrap().push(conn);
    })
}

/// Answers every request with a `302` to the same path at `to`.
pub fn redirecting(to: String) -> Server {
    serve(move |conn, _| {
        let mut reader = BufReader::new(conn.try_clone().unwrap());
        let mut out = conn;
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
        }
        let target = request_line.split_whitespace().nth(1).unwrap_or("/");
        let _ = write!(
            out,
            "HTTP/1.1 302 Found\r\nLocation: {to}{target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
    })
}
