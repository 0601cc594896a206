//! HTTP servers on 127.0.0.1 that misbehave on every request, whatever the path: they stand in
//! for the Hub (`HF_ENDPOINT`) and for a git smart-HTTP server alike. Built on
//! [`git_server::serve`](crate::git_server::serve); each connection reads one request and then
//! answers with its misbehaviour and closes.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::git_server::{serve, Server};

/// One way of answering badly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misbehaviour {
    /// `200` with a JSON content type and bytes that are not JSON (nor a git pkt-line).
    GarbageJson,
    /// A status line, then header lines without end.
    EndlessHeaders,
    /// A `Content-Length` shorter than the body that follows (the rest is junk).
    LongerBody,
    /// `302` back to the same path, forever.
    RedirectLoop,
    /// `302` to another private address (127.0.0.2, port 1): not the endpoint, and a client that
    /// follows it anyway still never leaves this machine (the cloud metadata address would).
    RedirectPrivate,
    /// `Content-Encoding: gzip` over 1 GiB of compressed zeros.
    GzipBomb,
    /// The answer one byte a second.
    Drip,
    /// Headers at once, then the body one byte a second: only a whole-call time limit ends it.
    /// Not in [`Misbehaviour::ALL`]: a git clone has no whole-call limit (a clone may rightly
    /// take long), and the Hub's is six times `--timeout`, tested on its own.
    DripBody,
}

impl Misbehaviour {
    /// All of them.
    pub const ALL: [Misbehaviour; 7] = [
        Misbehaviour::GarbageJson,
        Misbehaviour::EndlessHeaders,
        Misbehaviour::LongerBody,
        Misbehaviour::RedirectLoop,
        Misbehaviour::RedirectPrivate,
        Misbehaviour::GzipBomb,
        Misbehaviour::Drip,
    ];
}

/// Starts a server that answers every request with `m`.
pub fn start(m: Misbehaviour) -> Server {
    // Built once per server: the bomb costs no compression (hand-made deflate, see below).
    let bomb = (m == Misbehaviour::GzipBomb).then(gzip_zeros_1gib);
    serve(move |conn, log| {
        let Some(target) = read_request(&conn) else {
            return;
        };
        log.lock().unwrap().push(target.clone());
        let _ = answer(conn, m, &target, bomb.as_deref());
    })
}

/// Reads the request head (bounded) and any `Content-Length` body; returns the target.
fn read_request(conn: &TcpStream) -> Option<String> {
    conn.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut r = BufReader::new(conn.try_clone().ok()?);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let target = line.split_whitespace().nth(1)?.to_string();
    let mut body = 0usize;
    for _ in 0..200 {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
            body = v.trim().parse().unwrap_or(0);
        }
    }
    let _ = std::io::copy(&mut r.take(body.min(16 << 20) as u64), &mut std::io::sink());
    Some(target)
}

fn answer(
    mut w: TcpStream,
    m: Misbehaviour,
    target: &str,
    bomb: Option<&[u8]>,
) -> std::io::Result<()> {
    let json = br#"{"id": "org/tiny", "sha": "0123456789abcdef0123456789abcdef01234567", "siblings": [{"rfilename": "README.md"}]}"#;
    match m {
        Misbehaviour::GarbageJson => {
            let body = b"{\"id\": \"org/tiny\", \"siblings\": [\x00\xff\xfe\x01 \"rfilename\" }}}]]]0000PACK\x02";
            write!(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
            w.write_all(body)?;
        }
        Misbehaviour::EndlessHeaders => {
            w.write_all(b"HTTP/1.1 200 OK\r\n")?;
            let pad = "a".repeat(100);
            // Stops when the client hangs up, or after 1 GiB (a client that never does).
            for i in 0..(10u64 << 20) {
                write!(w, "X-Pad-{i}: {pad}\r\n")?;
            }
        }
        Misbehaviour::LongerBody => {
            write!(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", json.len() / 2)?;
            w.write_all(json)?;
            w.write_all(&vec![b'}'; 1 << 20])?;
        }
        Misbehaviour::RedirectLoop => {
            write!(w, "HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
        }
        Misbehaviour::RedirectPrivate => {
            write!(w, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:1{target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
        }
        Misbehaviour::GzipBomb => {
            let bomb = bomb.unwrap_or_default();
            write!(w, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", bomb.len())?;
            w.write_all(bomb)?;
        }
        Misbehaviour::DripBody => {
            write!(
                w,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                json.len()
            )?;
            for b in json {
                w.write_all(&[*b])?;
                w.flush()?;
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Misbehaviour::Drip => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                json.len()
            );
            for b in head.as_bytes().iter().chain(json.iter()) {
                w.write_all(&[*b])?;
                w.flush()?;
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    }
    w.flush()
}

/// A gzip member of 1 GiB of zeros: a fixed-Huffman deflate block of one literal and then
/// copies of 258 bytes at distance 1, written bit by bit (about 6.5 MB, no compressor needed).
pub fn gzip_zeros_1gib() -> Vec<u8> {
    let runs = (1usize << 30) / 258;
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let (mut acc, mut n) = (0u32, 0u32);
    let mut put = |out: &mut Vec<u8>, v: u32, len: u32| {
        acc |= v << n;
        n += len;
        while n >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            n -= 8;
        }
    };
    // Header bits (final, fixed Huffman) go least-significant first; Huffman codes are
    // reversed here so they go most-significant first, as deflate wants.
    put(&mut out, 0b011, 3);
    put(&mut out, 0b0000_1100, 8); // literal 0 (code 0x30, reversed)
    for _ in 0..runs {
        put(&mut out, 0b1010_0011, 8); // length 258 (code 0xc5, reversed)
        put(&mut out, 0, 5); // distance 1
    }
    put(&mut out, 0, 7); // end of block
    put(&mut out, 0, 7); // flush the last partial byte
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&((runs * 258 + 1) as u32).to_le_bytes());
    out
}
