//! The network stack, the only code that opens sockets: the Hub's bounded HTTP client
//! ([`http`], ureq), git's HTTP transport policy (`git_http`, reqwest under gix, with the
//! redirect pre-flight), and here the settings both share: which certificate authorities are
//! trusted and which proxy carries a request. One TLS implementation (rustls with `ring`) serves
//! both clients; gix's HTTP transport is offered over curl or reqwest only, so the Hub keeps
//! ureq rather than a second copy of its bounded-read, retry and redirect rules on reqwest.
//!
//! Corporate networks re-sign TLS with a private CA and only let traffic out through a proxy.
//! Both clients get their TLS setup from [`Net::tls_config`] (rustls with `ring`, the webpki
//! roots plus any CA bundle named by `SSL_CERT_FILE` or `REQUESTS_CA_BUNDLE`), and their proxy
//! from [`Net::proxy_for`], so the Hub and git always agree on trust and routing.
//!
//! Proxy variables follow curl and Python `requests`: `https_proxy` for `https://` URLs,
//! `http_proxy` for `http://` URLs, `all_proxy` for either when the specific one is unset; the
//! lower-case name wins over the upper-case one; `no_proxy` lists hosts reached directly. There
//! is no implicit exception for `localhost`: a user whose proxy cannot reach loopback lists it in
//! `NO_PROXY`, as with curl.

pub(crate) mod git_http;
pub mod http;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

use crate::release::SourceError;

/// Variables naming a PEM bundle of extra trusted CA certificates, in the order they are read.
pub const CA_BUNDLE_VARS: [&str; 2] = ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"];

/// A PEM file of CA certificates to trust, and the setting that named it (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaBundle {
    /// Where the path came from, e.g. `SSL_CERT_FILE`.
    pub origin: String,
    /// The PEM file.
    pub path: PathBuf,
}

/// What to build a [`Net`] from; [`NetOptions::from_env`] reads the usual variables, tests and
/// embedders fill it in directly.
#[derive(Debug, Clone, Default)]
pub struct NetOptions {
    /// CA bundles trusted in addition to the webpki roots.
    pub ca_bundles: Vec<CaBundle>,
    /// Proxy for `http://` URLs (`http_proxy`).
    pub http_proxy: Option<ProxySetting>,
    /// Proxy for `https://` URLs (`https_proxy`).
    pub https_proxy: Option<ProxySetting>,
    /// Proxy for either scheme when the specific one is unset (`all_proxy`).
    pub all_proxy: Option<ProxySetting>,
    /// Hosts reached without a proxy (`no_proxy`), comma separated.
    pub no_proxy: Option<String>,
}

/// A proxy URL as given, with the variable it came from.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxySetting {
    /// Where it came from, e.g. `HTTPS_PROXY`.
    pub origin: String,
    /// The URL, possibly with credentials (never printed: `Debug` redacts it).
    pub url: String,
}

impl std::fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxySetting")
            .field("origin", &self.origin)
            .field("url", &redact_userinfo(&self.url))
            .finish()
    }
}

impl NetOptions {
    /// The settings in the process environment.
    pub fn from_env() -> Self {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// The settings as `lookup` reports the variables (empty values count as unset).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |k: &str| lookup(k).filter(|v| !v.trim().is_empty());
        let mut ca_bundles: Vec<CaBundle> = Vec::new();
        for var in CA_BUNDLE_VARS {
            if let Some(p) = get(var) {
                let path = PathBuf::from(p.trim());
                if !ca_bundles.iter().any(|b| b.path == path) {
                    ca_bundles.push(CaBundle {
                        origin: var.into(),
                        path,
                    });
                }
            }
        }
        // Lower case first, as curl and `requests` read them.
        let proxy = |name: &str| {
            let lower = name.to_ascii_lowercase();
            [lower, name.to_string()].into_iter().find_map(|k| {
                get(&k).map(|url| ProxySetting {
                    origin: k,
                    url: url.trim().to_string(),
                })
            })
        };
        NetOptions {
            ca_bundles,
            http_proxy: proxy("HTTP_PROXY"),
            https_proxy: proxy("HTTPS_PROXY"),
            all_proxy: proxy("ALL_PROXY"),
            no_proxy: get("no_proxy").or_else(|| get("NO_PROXY")),
        }
    }
}

/// Validated network settings: the TLS client configuration and the proxy rules. Cheap to
/// clone; [`Net::default`] trusts the webpki roots and uses no proxy.
#[derive(Clone)]
pub struct Net {
    tls: Arc<rustls::ClientConfig>,
    http: Option<Proxy>,
    https: Option<Proxy>,
    no_proxy: Vec<NoProxyEntry>,
    extra_roots: usize,
}

impl std::fmt::Debug for Net {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Net")
            .field("extra_roots", &self.extra_roots)
            .field("http_proxy", &self.http)
            .field("https_proxy", &self.https)
            .field("no_proxy", &self.no_proxy.len())
            .finish()
    }
}

impl Default for Net {
    fn default() -> Self {
        Net {
            tls: Arc::new(client_config(webpki_store())),
            http: None,
            https: None,
            no_proxy: Vec::new(),
            extra_roots: 0,
        }
    }
}

/// A proxy to send requests through.
#[derive(Clone)]
pub struct Proxy {
    /// The URL with scheme and port made explicit, credentials included.
    url: String,
    /// Host name or address, lower case, without brackets.
    host: String,
    /// The variable it came from.
    origin: String,
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", redact_userinfo(&self.url), self.origin)
    }
}

impl Proxy {
    /// The URL, credentials included: for handing to an HTTP client, never for printing.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL with any credentials replaced by `***`, fit for messages.
    pub fn shown(&self) -> String {
        redact_userinfo(&self.url)
    }

    /// The proxy's host (lower case, no brackets).
    pub fn host(&self) -> &str {
        &self.host
    }
}

impl Net {
    /// Settings from the environment (see [`NetOptions::from_env`]).
    pub fn from_env() -> Result<Net, SourceError> {
        Net::new(&NetOptions::from_env())
    }

    /// Loads the CA bundles and checks the proxy URLs. A bundle that cannot be read, holds no
    /// certificate or a malformed one, or a proxy URL glassbox cannot use, is an error naming
    /// the setting: silently falling back to the defaults would fail later with a less useful
    /// certificate or connection error, or send traffic where the user said not to.
    pub fn new(opts: &NetOptions) -> Result<Net, SourceError> {
        let mut store = webpki_store();
        let mut extra_roots = 0;
        for b in &opts.ca_bundles {
            extra_roots += add_bundle(&mut store, b)?;
        }
        let parse = |s: &Option<ProxySetting>| s.as_ref().map(parse_proxy).transpose();
        let all = parse(&opts.all_proxy)?;
        let http = parse(&opts.http_proxy)?.or_else(|| all.clone());
        let https = parse(&opts.https_proxy)?.or(all);
        let no_proxy = opts
            .no_proxy
            .as_deref()
            .map(parse_no_proxy)
            .unwrap_or_default();
        Ok(Net {
            tls: Arc::new(client_config(store)),
            http,
            https,
            no_proxy,
            extra_roots,
        })
    }

    /// The rustls configuration both clients use (ring provider; webpki roots plus the bundles).
    pub fn tls_config(&self) -> Arc<rustls::ClientConfig> {
        self.tls.clone()
    }

    /// Certificates added from CA bundles.
    pub fn extra_roots(&self) -> usize {
        self.extra_roots
    }

    /// The proxy for `url`, if any: by scheme, unless the host is listed in `no_proxy`.
    pub fn proxy_for(&self, url: &str) -> Option<&Proxy> {
        let lower = url.trim_start().to_ascii_lowercase();
        let proxy = if lower.starts_with("https://") {
            self.https.as_ref()
        } else if lower.starts_with("http://") {
            self.http.as_ref()
        } else {
            None
        }?;
        let (host, port) = host_port(url)?;
        if self.no_proxy.iter().any(|e| e.matches(&host, port)) {
            return None;
        }
        Some(proxy)
    }

    /// The proxy for a scheme before `no_proxy` is applied (`https` or plain `http`).
    pub fn scheme_proxy(&self, https: bool) -> Option<&Proxy> {
        if https {
            self.https.as_ref()
        } else {
            self.http.as_ref()
        }
    }

    /// Every configured proxy (for policies about which addresses may be connected to).
    pub fn proxies(&self) -> impl Iterator<Item = &Proxy> {
        self.http.iter().chain(self.https.iter())
    }
}

fn webpki_store() -> rustls::RootCertStore {
    rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    }
}

fn client_config(roots: rustls::RootCertStore) -> rustls::ClientConfig {
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth()
}

fn config_err(origin: &str, path: &Path, reason: impl std::fmt::Display) -> SourceError {
    SourceError::Config {
        setting: format!("{origin}={}", path.display()),
        reason: reason.to_string(),
    }
}

/// Adds every certificate of a PEM bundle; returns how many.
fn add_bundle(store: &mut rustls::RootCertStore, b: &CaBundle) -> Result<usize, SourceError> {
    // A bundle is a few hundred KB at most; a bound keeps a wrong path (a device, a weights
    // file) from being read whole.
    const MAX_BUNDLE: u64 = 16 << 20;
    let meta = std::fs::metadata(&b.path).map_err(|e| {
        config_err(
            &b.origin,
            &b.path,
            format!("cannot read the CA bundle: {e}"),
        )
    })?;
    if !meta.is_file() {
        return Err(config_err(
            &b.origin,
            &b.path,
            "not a file (a PEM bundle of CA certificates is expected)",
        ));
    }
    if meta.len() > MAX_BUNDLE {
        return Err(config_err(
            &b.origin,
            &b.path,
            format!("larger than {MAX_BUNDLE} bytes; not a CA bundle"),
        ));
    }
    let bytes = std::fs::read(&b.path).map_err(|e| {
        config_err(
            &b.origin,
            &b.path,
            format!("cannot read the CA bundle: {e}"),
        )
    })?;
    let mut n = 0;
    for (i, cert) in CertificateDer::pem_slice_iter(&bytes).enumerate() {
        let cert = cert.map_err(|e| {
            config_err(
                &b.origin,
                &b.path,
                format!("certificate {} is not valid PEM: {e}", i + 1),
            )
        })?;
        store.add(cert).map_err(|e| {
            config_err(
                &b.origin,
                &b.path,
                format!("certificate {} is not a usable CA certificate: {e}", i + 1),
            )
        })?;
        n += 1;
    }
    if n == 0 {
        return Err(config_err(
            &b.origin,
            &b.path,
            "no PEM certificate (-----BEGIN CERTIFICATE-----) in it",
        ));
    }
    Ok(n)
}

fn parse_proxy(s: &ProxySetting) -> Result<Proxy, SourceError> {
    let err = |reason: &str| SourceError::Config {
        setting: format!("{}={}", s.origin, redact_userinfo(&s.url)),
        reason: reason.into(),
    };
    let raw = s.url.trim();
    // `host:port` without a scheme is common in these variables and means an HTTP proxy.
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("http://{raw}")
    };
    let (scheme, rest) = with_scheme.split_once("://").expect("has a scheme");
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        s if s.starts_with("socks") => {
            return Err(err(
                "SOCKS proxies are not supported; use an HTTP proxy (http://host:port)",
            ))
        }
        _ => return Err(err("the proxy URL must start with http:// or https://")),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let Some((host, port)) = split_host_port(hostport) else {
        return Err(err("the proxy URL has no usable host"));
    };
    let port = match port {
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| err("the proxy URL has an invalid port"))?,
        None => default_port,
    };
    let host_part = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.clone()
    };
    let url = match userinfo {
        Some(u) => format!("{scheme}://{u}@{host_part}:{port}"),
        None => format!("{scheme}://{host_part}:{port}"),
    };
    Ok(Proxy {
        url,
        host,
        origin: s.origin.clone(),
    })
}

/// `host` (lower case, brackets removed) and the port text, if any, of `host[:port]`.
fn split_host_port(s: &str) -> Option<(String, Option<&str>)> {
    let (host, port) = if let Some(v6) = s.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (h, after.strip_prefix(':'))
    } else if s.matches(':').count() > 1 {
        // A bare IPv6 address.
        (s, None)
    } else {
        match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some((host, port.filter(|p| !p.is_empty())))
}

/// Host and port (explicit or the scheme's default) of an http(s) URL.
fn host_port(url: &str) -> Option<(String, u16)> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let hostport = authority.rsplit('@').next()?;
    let (host, port) = split_host_port(hostport)?;
    let port = match port {
        Some(p) => p.parse().ok()?,
        None if scheme.eq_ignore_ascii_case("https") => 443,
        None => 80,
    };
    Some((host, port))
}

/// One `no_proxy` entry.
#[derive(Debug, Clone, PartialEq)]
enum NoProxyEntry {
    /// `*`: no proxy at all.
    All,
    /// A domain: the host itself and its subdomains (`example.com`, `.example.com`,
    /// `*.example.com` all mean this, as in curl).
    Domain(String, Option<u16>),
    /// An address or a CIDR block.
    Net(IpAddr, u8, Option<u16>),
}

fn parse_no_proxy(list: &str) -> Vec<NoProxyEntry> {
    list.split([',', ' ', '\t', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .filter_map(|e| {
            if e == "*" {
                return Some(NoProxyEntry::All);
            }
            let e = e.trim_start_matches("*.").trim_start_matches('.');
            if let Some((addr, bits)) = e.split_once('/') {
                let ip: IpAddr = addr.trim_matches(['[', ']']).parse().ok()?;
                let max = if ip.is_ipv4() { 32 } else { 128 };
                let bits: u8 = bits.parse().ok().filter(|b| *b <= max)?;
                return Some(NoProxyEntry::Net(ip, bits, None));
            }
            if let Ok(ip) = e.trim_matches(['[', ']']).parse::<IpAddr>() {
                let max = if ip.is_ipv4() { 32 } else { 128 };
                return Some(NoProxyEntry::Net(ip, max, None));
            }
            let (host, port) = split_host_port(e)?;
            let port = match port {
                Some(p) => Some(p.parse().ok()?),
                None => None,
            };
            match host.parse::<IpAddr>() {
                Ok(ip) => {
                    let max = if ip.is_ipv4() { 32 } else { 128 };
                    Some(NoProxyEntry::Net(ip, max, port))
                }
                Err(_) => Some(NoProxyEntry::Domain(host, port)),
            }
        })
        .collect()
}

impl NoProxyEntry {
    fn matches(&self, host: &str, port: u16) -> bool {
        let port_ok = |p: &Option<u16>| p.is_none_or(|p| p == port);
        match self {
            NoProxyEntry::All => true,
            NoProxyEntry::Domain(d, p) => {
                port_ok(p)
                    && (host == d
                        || host
                            .strip_suffix(d.as_str())
                            .is_some_and(|pre| pre.ends_with('.')))
            }
            NoProxyEntry::Net(net, bits, p) => {
                let Ok(ip) = host.parse::<IpAddr>() else {
                    return false;
                };
                port_ok(p) && in_block(ip, *net, *bits)
            }
        }
    }
}

fn in_block(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(a) & mask == u32::from(b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
    }
}

/// `url` with the user-info part (credentials) of its authority replaced by `***`.
pub fn redact_userinfo(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, url),
    };
    let auth_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(auth_end);
    let authority = match authority.rsplit_once('@') {
        Some((_, hostport)) => format!("***@{hostport}"),
        None => authority.to_string(),
    };
    match scheme {
        Some(s) => format!("{s}://{authority}{tail}"),
        None => format!("{authority}{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(vars: &[(&str, &str)]) -> Net {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Net::new(&NetOptions::from_lookup(|k| {
            vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
        }))
        .unwrap()
    }

    fn via(n: &Net, url: &str) -> Option<String> {
        n.proxy_for(url).map(|p| p.url().to_string())
    }

    #[test]
    fn proxy_by_scheme_with_all_proxy_as_fallback() {
        let n = net(&[
            ("HTTPS_PROXY", "http://s.proxy:3128"),
            ("ALL_PROXY", "a.proxy:8080"),
        ]);
        assert_eq!(
            via(&n, "https://huggingface.co/api").as_deref(),
            Some("http://s.proxy:3128")
        );
        assert_eq!(
            via(&n, "http://example.org/x").as_deref(),
            Some("http://a.proxy:8080")
        );
        assert_eq!(via(&n, "file:///etc/passwd"), None);
        let none = net(&[]);
        assert_eq!(via(&none, "https://huggingface.co"), None);
    }

    #[test]
    fn lower_case_wins_and_empty_is_unset() {
        let n = net(&[
            ("https_proxy", "http://lower:1"),
            ("HTTPS_PROXY", "http://upper:2"),
            ("http_proxy", " "),
            ("HTTP_PROXY", "http://upper:3"),
        ]);
        assert_eq!(via(&n, "https://h/").as_deref(), Some("http://lower:1"));
        assert_eq!(via(&n, "http://h/").as_deref(), Some("http://upper:3"));
    }

    #[test]
    fn no_proxy_matching() {
        let n = net(&[
            ("HTTPS_PROXY", "http://p:1"),
            (
                "NO_PROXY",
                "internal.corp, .lan,*.svc ,10.0.0.0/8,[::1],127.0.0.1, git.example:8443",
            ),
        ]);
        for direct in [
            "https://internal.corp/x",
            "https://a.b.internal.corp/x",
            "https://box.lan/",
            "https://x.svc",
            "https://10.20.30.40/",
            "https://[::1]:9/",
            "https://127.0.0.1:4000/",
            "https://git.example:8443/r.git",
            "https://INTERNAL.CORP./x",
        ] {
            assert_eq!(via(&n, direct), None, "{direct}");
        }
        for proxied in [
            "https://notinternal.corp/",
            "https://internal.corp.evil/",
            "https://11.0.0.1/",
            "https://127.0.0.2/",
            "https://localhost/",
            "https://git.example/r.git",
            "https://huggingface.co/",
        ] {
            assert!(via(&n, proxied).is_some(), "{proxied}");
        }
        let star = net(&[("HTTPS_PROXY", "http://p:1"), ("no_proxy", "*")]);
        assert_eq!(via(&star, "https://huggingface.co/"), None);
    }

    #[test]
    fn bad_proxy_urls_are_errors_without_credentials() {
        for bad in [
            "socks5://u:pw-secret@h:1080",
            "ftp://u:pw-secret@h",
            "http://u:pw-secret@:80",
            "http://u:pw-secret@h:notaport",
        ] {
            let e = Net::new(&NetOptions {
                https_proxy: Some(ProxySetting {
                    origin: "HTTPS_PROXY".into(),
                    url: bad.into(),
                }),
                ..NetOptions::default()
            })
            .unwrap_err()
            .to_string();
            assert!(e.starts_with("HTTPS_PROXY="), "{e}");
            assert!(!e.contains("pw-secret"), "{e}");
        }
    }

    #[test]
    fn credentials_are_never_shown() {
        let n = net(&[("HTTPS_PROXY", "http://user:pw-secret@p.corp:3128/")]);
        let p = n.proxy_for("https://huggingface.co").unwrap();
        assert_eq!(p.url(), "http://user:pw-secret@p.corp:3128");
        assert_eq!(p.shown(), "http://***@p.corp:3128");
        assert_eq!(p.host(), "p.corp");
        assert!(!format!("{n:?}").contains("pw-secret"));
        let opts = NetOptions::from_lookup(|k| {
            (k == "HTTPS_PROXY").then(|| "http://user:pw-secret@p.corp:3128".to_string())
        });
        assert!(!format!("{opts:?}").contains("pw-secret"));
        assert_eq!(redact_userinfo("https://h/a@b"), "https://h/a@b");
    }

    #[test]
    fn ca_bundle_errors_name_the_variable_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let garbage = dir.path().join("garbage.pem");
        std::fs::write(&garbage, "not a certificate\n").unwrap();
        let broken = dir.path().join("broken.pem");
        std::fs::write(
            &broken,
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        for (path, why) in [
            (&missing, "cannot read the CA bundle"),
            (&garbage, "no PEM certificate"),
            (&broken, "certificate 1 is not a usable CA certificate"),
            (&dir.path().to_path_buf(), "not a file"),
        ] {
            let e = Net::new(&NetOptions::from_lookup(|k| {
                (k == "REQUESTS_CA_BUNDLE").then(|| path.display().to_string())
            }))
            .unwrap_err()
            .to_string();
            assert!(
                e.starts_with(&format!("REQUESTS_CA_BUNDLE={}: ", path.display())),
                "{e}"
            );
            assert!(e.contains(why), "{e}");
        }
    }
}
