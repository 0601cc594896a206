//! Real TLS for the plain-HTTP test servers: a CA generated at test time, a server certificate
//! it issues for `localhost` and 127.0.0.1, and a TLS front on 127.0.0.1 that terminates TLS
//! (rustls, `ring`) and relays the plaintext to a backend (the mock Hub, the git server). Also a
//! CONNECT proxy that records what it was asked to reach.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A test CA and a server certificate it issued.
pub struct TestPki {
    /// The CA certificate, PEM.
    pub ca_pem: String,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: Vec<u8>,
}

impl TestPki {
    /// A fresh CA, and a certificate for `localhost` and 127.0.0.1 signed by it.
    pub fn generate() -> TestPki {
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "glassbox test CA");
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_key = KeyPair::generate().unwrap();
        let ca_cert = ca.self_signed(&ca_key).unwrap();
        let issuer = Issuer::new(ca, ca_key);
        let mut leaf =
            CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        let leaf_key = KeyPair::generate().unwrap();
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).unwrap();
        TestPki {
            ca_pem: ca_cert.pem(),
            server_chain: vec![leaf_cert.der().clone()],
            server_key: leaf_key.serialize_der(),
        }
    }

    /// Writes the CA certificate as a PEM bundle and returns its path.
    pub fn write_ca(&self, dir: &Path) -> PathBuf {
        let p = dir.join("test-ca.pem");
        std::fs::write(&p, &self.ca_pem).unwrap();
        p
    }

    fn server_config(&self) -> Arc<rustls::ServerConfig> {
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server_key.clone()));
        Arc::new(
            rustls::ServerConfig::builder_with_provider(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(self.server_chain.clone(), key)
            .unwrap(),
        )
    }
}

/// A TLS front relaying to a plain backend.
pub struct TlsFront {
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Connections accepted.
    pub connections: Arc<AtomicUsize>,
    /// Handshakes completed.
    pub handshakes: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(&self.addr);
    }
}

impl TlsFront {
    /// Serves TLS with `pki`'s server certificate on an ephemeral port, relaying to `backend`
    /// (`host:port`).
    pub fn start(pki: &TestPki, backend: &str) -> TlsFront {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let config = pki.server_config();
        let backend = backend.to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let handshakes = Arc::new(AtomicUsize::new(0));
        let (st, conns, hs) = (stop.clone(), connections.clone(), handshakes.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if st.load(Ordering::Relaxed) {
                    return;
                }
                let Ok(client) = client else { continue };
                conns.fetch_add(1, Ordering::SeqCst);
                let (config, backend, hs) = (config.clone(), backend.clone(), hs.clone());
                std::thread::spawn(move || {
                    let _ = relay_tls(client, config, &backend, &hs);
                });
            }
        });
        TlsFront {
            addr,
            connections,
            handshakes,
            stop,
        }
    }

    /// `https://127.0.0.1:PORT`.
    pub fn url_ip(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// `https://localhost:PORT`.
    pub fn url_localhost(&self) -> String {
        format!("https://{}", self.addr.replace("127.0.0.1", "localhost"))
    }
}

/// One TLS session relayed to the backend. rustls's connection is not split into halves, so both
/// directions share it under a lock; blocking socket reads happen outside the lock.
fn relay_tls(
    client: TcpStream,
    config: Arc<rustls::ServerConfig>,
    backend: &str,
    handshakes: &AtomicUsize,
) -> std::io::Result<()> {
    let conn = Arc::new(Mutex::new(rustls::ServerConnection::new(config).unwrap()));
    let mut client_r = client.try_clone()?;
    let client_w = Arc::new(Mutex::new(client.try_clone()?));
    let mut plain: Option<TcpStream> = None;
    let mut upstream_thread = None;
    let mut buf = vec![0u8; 64 << 10];
    let mut counted = false;
    loop {
        let n = client_r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let mut plaintext = Vec::new();
        {
            let mut c = conn.lock().unwrap();
            let mut data = &buf[..n];
            while !data.is_empty() {
                c.read_tls(&mut data)?;
                if let Err(e) = c.process_new_packets() {
                    let _ = c.write_tls(&mut *client_w.lock().unwrap());
                    return Err(std::io::Error::other(e));
                }
            }
            let _ = c.reader().read_to_end(&mut plaintext);
            while c.wants_write() {
                c.write_tls(&mut *client_w.lock().unwrap())?;
            }
            if !c.is_handshaking() && !counted {
                counted = true;
                handshakes.fetch_add(1, Ordering::SeqCst);
            }
        }
        if plaintext.is_empty() {
            continue;
        }
        if plain.is_none() {
            let up = TcpStream::connect(backend)?;
            let mut up_r = up.try_clone()?;
            let (conn2, cw) = (conn.clone(), client_w.clone());
            upstream_thread = Some(std::thread::spawn(move || {
                let mut buf = vec![0u8; 64 << 10];
                loop {
                    let n = up_r.read(&mut buf).unwrap_or(0);
                    let mut c = conn2.lock().unwrap();
                    if n == 0 {
                        c.send_close_notify();
                    } else if c.writer().write_all(&buf[..n]).is_err() {
                        return;
                    }
                    while c.wants_write() {
                        if c.write_tls(&mut *cw.lock().unwrap()).is_err() {
                            return;
                        }
                    }
                    if n == 0 {
                        let _ = cw.lock().unwrap().shutdown(Shutdown::Write);
                        return;
                    }
                }
            }));
            plain = Some(up);
        }
        plain.as_mut().unwrap().write_all(&plaintext)?;
    }
    if let Some(up) = plain {
        let _ = up.shutdown(Shutdown::Write);
    }
    if let Some(t) = upstream_thread {
        let _ = t.join();
    }
    Ok(())
}

/// A CONNECT proxy on 127.0.0.1 that tunnels to whatever it is asked and records each request
/// head. Plain-HTTP forwarding (absolute-form requests) is refused with 405 so a client that
/// does not tunnel is noticed.
pub struct ConnectProxy {
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Each request: its first line and its `Proxy-Authorization` header, if any.
    pub log: Arc<Log>,
    stop: Arc<AtomicBool>,
}

impl Drop for ConnectProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(&self.addr);
    }
}

impl ConnectProxy {
    /// Starts the proxy on an ephemeral port.
    pub fn start() -> ConnectProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (lg, st) = (log.clone(), stop.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if st.load(Ordering::Relaxed) {
                    return;
                }
                let Ok(client) = client else { continue };
                let lg = lg.clone();
                std::thread::spawn(move || {
                    let _ = tunnel(client, &lg);
                });
            }
        });
        ConnectProxy { addr, log, stop }
    }

    /// The request lines seen so far.
    pub fn lines(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .map(|(l, _)| l.clone())
            .collect()
    }
}

/// Request lines with their `Proxy-Authorization` header.
pub type Log = Mutex<Vec<(String, Option<String>)>>;

fn tunnel(client: TcpStream, log: &Log) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut auth = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.trim().eq_ignore_ascii_case("proxy-authorization") {
                auth = Some(v.trim().to_string());
            }
        }
    }
    let line = line.trim().to_string();
    log.lock().unwrap().push((line.clone(), auth));
    let mut client_w = client;
    let mut parts = line.split_whitespace();
    let (Some("CONNECT"), Some(target)) = (parts.next(), parts.next()) else {
        client_w.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")?;
        return Ok(());
    };
    // Every target this proxy is asked for in the tests listens on loopback; the name asked for
    // is kept in the log, the connection always goes to 127.0.0.1 on the asked port.
    let port = target.rsplit(':').next().unwrap_or("443");
    let upstream = match TcpStream::connect(format!("127.0.0.1:{port}")) {
        Ok(u) => u,
        Err(_) => {
            client_w.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")?;
            return Ok(());
        }
    };
    client_w.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?;
    let mut up_r = upstream.try_clone()?;
    let mut up_w = upstream;
    // Bytes the client sent after the CONNECT head are already in the reader's buffer.
    let pending = reader.buffer().to_vec();
    up_w.write_all(&pending)?;
    let mut client_r = reader.into_inner();
    let down = std::thread::spawn(move || {
        let _ = std::io::copy(&mut up_r, &mut client_w);
        let _ = client_w.shutdown(Shutdown::Write);
    });
    let _ = std::io::copy(&mut client_r, &mut up_w);
    let _ = up_w.shutdown(Shutdown::Write);
    let _ = down.join();
    Ok(())
}
