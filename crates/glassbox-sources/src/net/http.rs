//! The HTTP layer under the Hub client: bounded, retried, redirect-checked requests.
//!
//! About 830 lines without its tests: timeouts, retries, redirects, size bounds and proxies are
//! one request loop whose bounds must be read together.
//!
//! Every request has a connect timeout and a per-read timeout (a server that stops answering
//! mid-body cannot hang an audit), every body has a size bound, redirects are followed by hand
//! and only to the endpoint's own host or its file CDN, and the token is sent to the endpoint
//! host alone (CDN URLs are pre-signed). 429 waits for `Retry-After` up to a bound; 5xx and
//! connection faults are retried with a bounded exponential backoff.
//!
//! TLS and proxies come from [`Net`]: the connector below wraps sockets with the shared rustls
//! configuration (ureq's own connector would build a second one from its own settings), and
//! each request is routed through the proxy `Net` picks for its URL, redirects included.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use ureq::unversioned::transport::Connector;

use crate::net::Net;
use crate::release::SourceError;

/// Network settings for the Hub client.
#[derive(Clone)]
pub struct HttpConfig {
    /// Hub base URL without trailing slash (`https://huggingface.co`).
    pub endpoint: String,
    /// Bearer token (never printed: `Debug` hides it).
    pub token: Option<String>,
    /// TCP (and TLS) connect timeout.
    pub connect_timeout: Duration,
    /// Longest wait for any single read from the socket, headers and body alike.
    pub read_timeout: Duration,
    /// Longest one exchange may take from request to last body byte (metadata requests).
    pub call_timeout: Duration,
    /// Retries after the first attempt for 5xx, 429 and connection faults.
    pub max_retries: u32,
    /// First backoff; doubled at each retry.
    pub backoff: Duration,
    /// Longest `Retry-After` glassbox honours; a longer one is an error.
    pub max_retry_after: Duration,
    /// Largest JSON body accepted (model info, tree pages).
    pub max_json_bytes: u64,
    /// Most redirects followed for one request.
    pub max_redirects: u32,
    /// Connections kept per host (the `--jobs` bound).
    pub max_connections: usize,
    /// Trusted CAs and proxies.
    pub net: Net,
}

impl std::fmt::Debug for HttpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpConfig")
            .field("endpoint", &self.endpoint)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("max_retries", &self.max_retries)
            .field("net", &self.net)
            .finish_non_exhaustive()
    }
}

/// The public Hub.
pub const DEFAULT_ENDPOINT: &str = "https://huggingface.co";

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            endpoint: DEFAULT_ENDPOINT.into(),
            token: None,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            call_timeout: Duration::from_secs(120),
            max_retries: 4,
            backoff: Duration::from_millis(250),
            max_retry_after: Duration::from_secs(60),
            max_json_bytes: 64 << 20,
            max_redirects: 5,
            max_connections: 8,
            net: Net::default(),
        }
    }
}

/// A response whose status is final (2xx, or an error status for the caller to map).
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// The URL that answered (after redirects).
    pub url: String,
    headers: ureq::http::HeaderMap,
    body: ureq::Body,
}

impl Response {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A response read whole (or its bounded prefix).
pub struct Fetched {
    /// HTTP status.
    pub status: u16,
    /// The URL that answered (after redirects).
    pub url: String,
    headers: ureq::http::HeaderMap,
    /// The body (for error statuses, at most 4 KiB of it).
    pub body: Vec<u8>,
}

impl Fetched {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Bytes and requests, for reports and benchmarks.
#[derive(Debug, Default)]
pub struct Counters {
    /// Body bytes received.
    pub bytes: AtomicU64,
    /// Requests sent (retries and redirects included).
    pub requests: AtomicU64,
}

/// A blocking HTTP client for one endpoint.
pub struct Http {
    agent: ureq::Agent,
    cfg: HttpConfig,
    endpoint_host: String,
    endpoint_authority: String,
    /// Traffic so far.
    pub counters: Counters,
    in_flight: (std::sync::Mutex<usize>, std::sync::Condvar),
    /// ureq's form of the proxies in `cfg.net`, built once (`None`: no proxy for that scheme).
    http_proxy: Option<ureq::Proxy>,
    https_proxy: Option<ureq::Proxy>,
}

/// A slot among the client's `max_connections` exchanges in flight; freed on drop.
pub struct Permit<'a>(&'a Http);

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let (m, cv) = &self.0.in_flight;
        if let Ok(mut n) = m.lock() {
            *n = n.saturating_sub(1);
        }
        cv.notify_one();
    }
}

/// Host and `host:port` of an http(s) URL, lower case; `None` for anything else. Parsed by
/// `url` (WHATWG rules), so `http://0x7f.1/` is `127.0.0.1`, as a client would connect, and a
/// default port is dropped (`https://h:443` is `h`).
pub fn authority(url: &str) -> Option<(String, String)> {
    let u = url::Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    let host = match u.host()? {
        url::Host::Domain(d) => d.to_ascii_lowercase(),
        url::Host::Ipv4(a) => a.to_string(),
        url::Host::Ipv6(a) => a.to_string(),
    };
    if host.is_empty() {
        return None;
    }
    let shown = u.host_str()?.to_ascii_lowercase();
    let auth = match u.port() {
        Some(p) => format!("{shown}:{p}"),
        None => shown,
    };
    Some((host, auth))
}

impl Http {
    /// A client for `cfg.endpoint`.
    pub fn new(cfg: HttpConfig) -> Result<Self, SourceError> {
        let (endpoint_host, endpoint_authority) =
            authority(&cfg.endpoint).ok_or_else(|| SourceError::Invalid {
                spec: cfg.endpoint.clone(),
                reason: "HF_ENDPOINT must be an http(s) URL".into(),
            })?;
        let builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(cfg.connect_timeout))
            .timeout_per_read(Some(cfg.read_timeout))
            .timeout_recv_response(Some(cfg.read_timeout))
            .max_idle_connections_per_host(cfg.max_connections.max(1))
            .max_idle_connections(cfg.max_connections.max(1) * 4)
            .accept_encoding("identity")
            .user_agent(concat!("glassbox/", env!("CARGO_PKG_VERSION")))
            // ureq would read the proxy variables itself, with its own precedence and
            // `NO_PROXY` rules; `Net` decides per request instead.
            .proxy(None);
        let to_ureq = |https: bool| -> Result<Option<ureq::Proxy>, SourceError> {
            let Some(p) = cfg.net.scheme_proxy(https) else {
                return Ok(None);
            };
            ureq::Proxy::new(p.url())
                .map(Some)
                .map_err(|e| SourceError::Config {
                    setting: p.shown(),
                    reason: format!("unusable proxy URL: {e}"),
                })
        };
        let http_proxy = to_ureq(false)?;
        let https_proxy = to_ureq(true)?;
        let connector =
            ().chain(ureq::unversioned::transport::ConnectProxyConnector::default())
                .chain(ureq::unversioned::transport::TcpConnector::default())
                .chain(tls::SharedRustls::new(cfg.net.tls_config()));
        let agent = ureq::Agent::with_parts(
            builder.build(),
            connector,
            ureq::unversioned::resolver::DefaultResolver::default(),
        );
        Ok(Http {
            agent,
            cfg,
            endpoint_host,
            endpoint_authority,
            counters: Counters::default(),
            in_flight: (std::sync::Mutex::new(0), std::sync::Condvar::new()),
            http_proxy,
            https_proxy,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &HttpConfig {
        &self.cfg
    }

    /// Whether a redirect may go to `url`: the endpoint itself, or its file CDN (a subdomain of
    /// the endpoint's domain; for the public Hub also `*.hf.co`).
    pub fn redirect_allowed(&self, url: &str) -> bool {
        let Some((host, auth)) = authority(url) else {
            return false;
        };
        if auth == self.endpoint_authority || (host == self.endpoint_host && !auth.contains(':')) {
            return true;
        }
        if host.parse::<std::net::IpAddr>().is_ok()
            || self.endpoint_host.parse::<std::net::IpAddr>().is_ok()
        {
            return false;
        }
        let base = self.endpoint_host.trim_start_matches("www.");
        if host.ends_with(&format!(".{base}")) {
            return true;
        }
        matches!(base, "huggingface.co" | "hf.co")
            && (host.ends_with(".huggingface.co") || host.ends_with(".hf.co"))
    }

    /// The proxy for one request; `Net` applies the scheme and `NO_PROXY` rules.
    fn proxy_for(&self, url: &str) -> Option<ureq::Proxy> {
        self.cfg.net.proxy_for(url)?;
        let https = url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
        if https {
            self.https_proxy.clone()
        } else {
            self.http_proxy.clone()
        }
    }

    fn sends_token_to(&self, url: &str) -> bool {
        authority(url)
            .map(|(_, a)| a == self.endpoint_authority)
            .unwrap_or(false)
    }

    /// GET with optional byte range; follows allowed redirects; retries faults. Returns the
    /// final response whatever its status (callers map 4xx).
    pub fn get(
        &self,
        url: &str,
        range: Option<(u64, u64)>,
        whole_call_timeout: bool,
    ) -> Result<Response, SourceError> {
        let mut attempt = 0u32;
        loop {
            match self.get_once(url, range, whole_call_timeout) {
                Ok(resp) if resp.status == 429 => {
                    let wait = resp
                        .header("retry-after")
                        .and_then(parse_retry_after)
                        .unwrap_or(self.backoff(attempt));
                    if wait > self.cfg.max_retry_after || attempt >= self.cfg.max_retries {
                        return Err(SourceError::RateLimited {
                            url: url.to_string(),
                            retry_after_secs: wait.as_secs().max(1),
                        });
                    }
                    std::thread::sleep(wait);
                }
                Ok(resp) if resp.status >= 500 => {
                    if attempt >= self.cfg.max_retries {
                        return Err(SourceError::Http {
                            url: url.to_string(),
                            reason: format!(
                                "server error {} after {} attempts",
                                resp.status,
                                attempt + 1
                            ),
                        });
                    }
                    std::thread::sleep(self.backoff(attempt));
                }
                Ok(resp) => return Ok(resp),
                Err(Fault::Fatal(e)) => return Err(e),
                Err(Fault::Retryable(reason)) => {
                    if attempt >= self.cfg.max_retries {
                        return Err(SourceError::Http {
                            url: url.to_string(),
                            reason: format!("{reason} (after {} attempts)", attempt + 1),
                        });
                    }
                    std::thread::sleep(self.backoff(attempt));
                }
            }
            attempt += 1;
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        (self.cfg.backoff * 2u32.saturating_pow(attempt.min(16))).min(Duration::from_secs(8))
    }

    fn get_once(
        &self,
        url: &str,
        range: Option<(u64, u64)>,
        whole_call_timeout: bool,
    ) -> Result<Response, Fault> {
        let mut current = url.to_string();
        for _ in 0..=self.cfg.max_redirects {
            let mut req = self
                .agent
                .get(&current)
                .header("accept-encoding", "identity");
            if let Some((start, end)) = range {
                req = req.header("range", format!("bytes={start}-{end}"));
            }
            if let Some(tok) = self
                .cfg
                .token
                .as_deref()
                .filter(|_| self.sends_token_to(&current))
            {
                req = req.header("authorization", format!("Bearer {tok}"));
            }
            let proxy = self.proxy_for(&current);
            if whole_call_timeout || proxy.is_some() {
                let mut rc = req.config();
                if whole_call_timeout {
                    rc = rc.timeout_per_call(Some(self.cfg.call_timeout));
                }
                if proxy.is_some() {
                    rc = rc.proxy(proxy);
                }
                req = rc.build();
            }
            self.counters.requests.fetch_add(1, Ordering::Relaxed);
            let resp = req
                .call()
                .map_err(|e| classify(url, e, self.cfg.call_timeout))?;
            let status = resp.status().as_u16();
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let loc = resp
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                let next = join_url(&current, &loc).ok_or_else(|| {
                    Fault::Fatal(SourceError::Http {
                        url: url.to_string(),
                        reason: format!("redirect with unusable Location `{loc}`"),
                    })
                })?;
                if !self.redirect_allowed(&next) {
                    let host = authority(&next)
                        .map(|(_, a)| a)
                        .unwrap_or_else(|| next.chars().take(80).collect());
                    return Err(Fault::Fatal(SourceError::ForeignRedirect {
                        url: url.to_string(),
                        host,
                    }));
                }
                current = next;
                continue;
            }
            let (parts, body) = resp.into_parts();
            return Ok(Response {
                status,
                url: current,
                headers: parts.headers,
                body,
            });
        }
        Err(Fault::Fatal(SourceError::Http {
            url: url.to_string(),
            reason: format!("more than {} redirects", self.cfg.max_redirects),
        }))
    }

    /// Reads a whole body, refusing one above `limit` bytes.
    pub fn read_body(&self, resp: &mut Response, limit: u64) -> Result<Vec<u8>, SourceError> {
        if let Some(len) = resp
            .header("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            if len > limit {
                return Err(SourceError::TooLarge {
                    url: resp.url.clone(),
                    limit,
                });
            }
        }
        let buf = self.read_up_to(resp, limit.saturating_add(1))?;
        if buf.len() as u64 > limit {
            return Err(SourceError::TooLarge {
                url: resp.url.clone(),
                limit,
            });
        }
        Ok(buf)
    }

    /// Reads at most `max` bytes of a body (a server that ignores `Range` sends the whole file;
    /// the rest is dropped with the connection).
    pub fn read_prefix(&self, resp: &mut Response, max: u64) -> Result<Vec<u8>, SourceError> {
        let mut buf = self.read_up_to(resp, max.saturating_add(1))?;
        buf.truncate(max.min(usize::MAX as u64) as usize);
        Ok(buf)
    }

    /// Reads up to `n` bytes; reading one byte past an expected end lets the client see the end
    /// of the body and keep the connection for the next request.
    fn read_up_to(&self, resp: &mut Response, n: u64) -> Result<Vec<u8>, SourceError> {
        let mut buf = Vec::new();
        let reader = resp.body.with_config().limit(u64::MAX).reader();
        let r = reader.take(n).read_to_end(&mut buf);
        self.counters
            .bytes
            .fetch_add(buf.len() as u64, Ordering::Relaxed);
        match r {
            Ok(_) => Ok(buf),
            Err(e)
                if matches!(
                    e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>()),
                    Some(ureq::Error::Timeout(
                        ureq::Timeout::PerCall | ureq::Timeout::Global
                    ))
                ) =>
            {
                Err(SourceError::Http {
                    url: resp.url.clone(),
                    reason: whole_call(self.cfg.call_timeout),
                })
            }
            Err(e) => Err(SourceError::Http {
                url: resp.url.clone(),
                reason: format!("body cut short: {e}"),
            }),
        }
    }

    /// GET and read the body (whole up to `limit`, or a prefix of `limit` bytes when
    /// `prefix`), retrying faults met while reading the body as well as before it. Error
    /// statuses come back with up to 4 KiB of their body for the caller to map.
    pub fn fetch(
        &self,
        url: &str,
        range: Option<(u64, u64)>,
        whole_call_timeout: bool,
        limit: u64,
        prefix: bool,
    ) -> Result<Fetched, SourceError> {
        let _permit = self.permit();
        let mut attempt = 0u32;
        loop {
            let mut resp = self.get(url, range, whole_call_timeout)?;
            let ok = (200..300).contains(&resp.status);
            let body = if !ok {
                self.read_prefix(&mut resp, 4096).unwrap_or_default()
            } else if prefix {
                match self.read_prefix(&mut resp, limit) {
                    Ok(b) => b,
                    Err(e) => {
                        attempt = self.body_retry(attempt, e)?;
                        continue;
                    }
                }
            } else {
                match self.read_body(&mut resp, limit) {
                    Ok(b) => b,
                    Err(e) => {
                        attempt = self.body_retry(attempt, e)?;
                        continue;
                    }
                }
            };
            return Ok(Fetched {
                status: resp.status,
                url: resp.url,
                headers: resp.headers,
                body,
            });
        }
    }

    /// Waits for a free slot: however many threads share this client, at most
    /// `max_connections` exchanges (and so connections) are in flight at once.
    pub fn permit(&self) -> Permit<'_> {
        let (m, cv) = &self.in_flight;
        let max = self.cfg.max_connections.max(1);
        let mut n = m.lock().unwrap_or_else(|p| p.into_inner());
        while *n >= max {
            n = cv.wait(n).unwrap_or_else(|p| p.into_inner());
        }
        *n += 1;
        Permit(self)
    }

    /// Turns an error response into a [`Fetched`] with up to 4 KiB of its body.
    pub fn error_of(&self, mut resp: Response) -> Fetched {
        let body = self.read_prefix(&mut resp, 4096).unwrap_or_default();
        Fetched {
            status: resp.status,
            url: resp.url,
            headers: resp.headers,
            body,
        }
    }

    fn body_retry(&self, attempt: u32, e: SourceError) -> Result<u32, SourceError> {
        match e {
            SourceError::Http { ref reason, .. } if reason.starts_with(WHOLE_CALL) => Err(e),
            SourceError::Http { url, reason } if attempt >= self.cfg.max_retries => {
                Err(SourceError::Http {
                    url,
                    reason: format!("{reason} (after {} attempts)", attempt + 1),
                })
            }
            SourceError::Http { .. } => {
                std::thread::sleep(self.backoff(attempt));
                Ok(attempt + 1)
            }
            other => Err(other),
        }
    }

    /// Streams a whole body through `sink`, with no size bound other than the reader's timeouts
    /// (used only for `--download`).
    pub fn stream(
        &self,
        resp: &mut Response,
        mut sink: impl FnMut(&[u8]),
    ) -> Result<u64, SourceError> {
        let mut reader = resp.body.with_config().limit(u64::MAX).reader();
        let mut chunk = vec![0u8; 1 << 16];
        let mut total = 0u64;
        loop {
            let n = reader.read(&mut chunk).map_err(|e| SourceError::Http {
                url: resp.url.clone(),
                reason: format!("body cut short: {e}"),
            })?;
            if n == 0 {
                return Ok(total);
            }
            total += n as u64;
            self.counters.bytes.fetch_add(n as u64, Ordering::Relaxed);
            sink(&chunk[..n]);
        }
    }

    /// The endpoint as configured.
    pub fn endpoint(&self) -> &str {
        &self.cfg.endpoint
    }
}

enum Fault {
    Fatal(SourceError),
    Retryable(String),
}

/// Said of an answer that outlived the whole-call limit: a server that sends a byte now and then
/// keeps every per-read timeout happy, and would do the same on every retry.
const WHOLE_CALL: &str = "answer not complete within the whole-call time limit";

fn whole_call(limit: Duration) -> String {
    format!(
        "{WHOLE_CALL} of {} s (a server that sends too \
         slowly; the limit is 6 × --timeout); not retried",
        limit.as_secs_f32()
    )
}

fn classify(url: &str, e: ureq::Error, call_timeout: Duration) -> Fault {
    match e {
        ureq::Error::Timeout(ureq::Timeout::PerCall | ureq::Timeout::Global) => {
            Fault::Fatal(SourceError::Http {
                url: url.to_string(),
                reason: whole_call(call_timeout),
            })
        }
        ureq::Error::Timeout(t) => Fault::Retryable(format!("timed out ({t})")),
        ureq::Error::Io(e) => Fault::Retryable(format!("connection fault: {e}")),
        ureq::Error::ConnectionFailed => Fault::Retryable("connection failed".into()),
        ureq::Error::HostNotFound => Fault::Fatal(SourceError::Http {
            url: url.to_string(),
            reason: "host not found".into(),
        }),
        ureq::Error::Protocol(e) => Fault::Retryable(format!("protocol error: {e}")),
        // Trust and protocol failures do not heal on retry; the hint covers the usual cause
        // behind a corporate proxy that re-signs TLS.
        ureq::Error::Rustls(e) => Fault::Fatal(SourceError::Http {
            url: url.to_string(),
            reason: tls_reason(&e),
        }),
        ureq::Error::ConnectProxyFailed(why) => Fault::Fatal(SourceError::Http {
            url: url.to_string(),
            reason: format!("the proxy refused the connection: {why}"),
        }),
        ureq::Error::BodyExceedsLimit(n) => Fault::Fatal(SourceError::TooLarge {
            url: url.to_string(),
            limit: n,
        }),
        ureq::Error::LargeResponseHeader(_, limit) => Fault::Fatal(SourceError::TooLarge {
            url: url.to_string(),
            limit: limit as u64,
        }),
        other => Fault::Fatal(SourceError::Http {
            url: url.to_string(),
            reason: other.to_string(),
        }),
    }
}

/// A TLS failure in words, with the fix for an untrusted certificate.
pub fn tls_reason(e: &rustls::Error) -> String {
    match e {
        rustls::Error::InvalidCertificate(_) => format!(
            "TLS certificate not trusted ({e}); if your network re-signs TLS with its own CA, \
             set SSL_CERT_FILE to a PEM bundle holding it"
        ),
        _ => format!("TLS failure: {e}"),
    }
}

/// `Retry-After` as seconds (the HTTP-date form is treated as "soon": one second).
pub fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    match v.parse::<u64>() {
        Ok(s) => Some(Duration::from_secs(s)),
        Err(_) if v.contains(',') || v.contains("GMT") => Some(Duration::from_secs(1)),
        Err(_) => None,
    }
}

/// Resolves a `Location` against the URL that answered (`url`'s WHATWG join).
pub fn join_url(base: &str, loc: &str) -> Option<String> {
    let loc = loc.trim();
    if loc.is_empty() {
        return None;
    }
    let base = url::Url::parse(base.trim()).ok()?;
    base.join(loc).ok().map(String::from)
}

/// TLS for ureq from the shared rustls configuration.
mod tls {
    use std::io::{Read, Write};
    use std::sync::Arc;

    use rustls::{ClientConnection, StreamOwned};
    use ureq::unversioned::transport::{
        Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport,
        TransportAdapter,
    };

    /// Wraps the chained transport in TLS when the URL is `https` (after a CONNECT tunnel, if
    /// any), verifying the server against the shared configuration's roots.
    pub struct SharedRustls {
        config: Arc<rustls::ClientConfig>,
    }

    impl SharedRustls {
        pub fn new(config: Arc<rustls::ClientConfig>) -> Self {
            SharedRustls { config }
        }
    }

    impl std::fmt::Debug for SharedRustls {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("SharedRustls").finish_non_exhaustive()
        }
    }

    impl<In: Transport> Connector<In> for SharedRustls {
        type Out = Either<In, TlsTransport>;

        fn connect(
            &self,
            details: &ConnectionDetails,
            chained: Option<In>,
        ) -> Result<Option<Self::Out>, ureq::Error> {
            let Some(transport) = chained else {
                return Ok(None);
            };
            if !details.needs_tls() || transport.is_tls() {
                return Ok(Some(Either::A(transport)));
            }
            let host = details
                .uri
                .host()
                .ok_or(ureq::Error::Tls("URL without a host"))?
                .trim_start_matches('[')
                .trim_end_matches(']');
            let name = rustls::pki_types::ServerName::try_from(host.to_string())
                .map_err(|_| ureq::Error::Tls("host name not valid for TLS"))?;
            let mut conn = ClientConnection::new(self.config.clone(), name)?;
            let mut sock = TransportAdapter::new(transport.boxed(), details.current_time.clone());
            sock.set_timeout(details.timeout);
            // A certificate rejected during the handshake surfaces as an I/O error wrapping the
            // rustls error; unwrapped, the caller can tell it from a network fault and not retry.
            conn.complete_io(&mut sock).map_err(|e| {
                match e.get_ref().and_then(|r| r.downcast_ref::<rustls::Error>()) {
                    Some(tls) => ureq::Error::Rustls(tls.clone()),
                    None => ureq::Error::from(e),
                }
            })?;
            let buffers = LazyBuffers::new(
                details.config.input_buffer_size(),
                details.config.output_buffer_size(),
            );
            Ok(Some(Either::B(TlsTransport {
                buffers,
                stream: StreamOwned { conn, sock },
            })))
        }
    }

    /// An HTTP transport over a rustls client connection.
    pub struct TlsTransport {
        buffers: LazyBuffers,
        stream: StreamOwned<ClientConnection, TransportAdapter>,
    }

    impl std::fmt::Debug for TlsTransport {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("TlsTransport").finish_non_exhaustive()
        }
    }

    impl Transport for TlsTransport {
        fn buffers(&mut self) -> &mut dyn Buffers {
            &mut self.buffers
        }

        fn transmit_output(
            &mut self,
            amount: usize,
            timeout: NextTimeout,
        ) -> Result<(), ureq::Error> {
            self.stream.get_mut().set_timeout(timeout);
            let output = &self.buffers.output()[..amount];
            self.stream.write_all(output)?;
            Ok(())
        }

        fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
            self.stream.get_mut().set_timeout(timeout);
            let input = self.buffers.input_append_buf();
            let amount = self.stream.read(input)?;
            self.buffers.input_appended(amount);
            Ok(amount > 0)
        }

        fn is_open(&mut self) -> bool {
            self.stream.get_mut().get_mut().is_open()
        }

        fn is_tls(&self) -> bool {
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authority_parsing() {
        assert_eq!(
            authority("https://huggingface.co/api"),
            Some(("huggingface.co".into(), "huggingface.co".into()))
        );
        assert_eq!(
            authority("http://127.0.0.1:8080/x"),
            Some(("127.0.0.1".into(), "127.0.0.1:8080".into()))
        );
        assert_eq!(
            authority("http://u:p@[::1]:9/x").map(|a| a.0),
            Some("::1".into())
        );
        assert_eq!(authority("file:///etc/passwd"), None);
        // As a client would connect: numeric hosts normalised, default ports dropped.
        assert_eq!(
            authority("http://0x7f.1:80/x"),
            Some(("127.0.0.1".into(), "127.0.0.1".into()))
        );
        assert_eq!(
            authority("https://HF.co:443").map(|a| a.1),
            Some("hf.co".into())
        );
    }

    #[test]
    fn redirect_policy() {
        let h = Http::new(HttpConfig::default()).unwrap();
        assert!(h.redirect_allowed("https://huggingface.co/x"));
        assert!(h.redirect_allowed("https://cdn-lfs.huggingface.co/x"));
        assert!(h.redirect_allowed("https://cas-bridge.xethub.hf.co/x"));
        assert!(!h.redirect_allowed("https://evil.example/x"));
        assert!(!h.redirect_allowed("https://huggingface.co.evil.example/x"));
        assert!(!h.redirect_allowed("file:///etc/passwd"));
        let l = Http::new(HttpConfig {
            endpoint: "http://127.0.0.1:4000".into(),
            ..HttpConfig::default()
        })
        .unwrap();
        assert!(l.redirect_allowed("http://127.0.0.1:4000/b"));
        assert!(!l.redirect_allowed("http://127.0.0.1:4001/b"));
        assert!(!l.redirect_allowed("http://10.0.0.1:4000/b"));
    }

    #[test]
    fn joins_locations() {
        assert_eq!(join_url("http://h:1/a/b?q", "/c").unwrap(), "http://h:1/c");
        assert_eq!(join_url("http://h:1/a/b", "c").unwrap(), "http://h:1/a/c");
        assert_eq!(join_url("http://h:1/a/b", "//x/y").unwrap(), "http://x/y");
        assert_eq!(
            join_url("http://h/a", "https://cdn/z").unwrap(),
            "https://cdn/z"
        );
    }

    #[test]
    fn retry_after() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::from_secs(1))
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn token_is_redacted() {
        let c = HttpConfig {
            token: Some("hf_secret".into()),
            ..HttpConfig::default()
        };
        assert!(!format!("{c:?}").contains("hf_secret"));
    }
}
