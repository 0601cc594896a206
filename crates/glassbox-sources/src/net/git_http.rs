//! The HTTP side of git clones: gix's reqwest transport, configured by glassbox rather than by
//! the user's git configuration, so that every clone has the same bounds.
//!
//! - TLS is the shared rustls configuration of [`Net`] (ring, the webpki roots plus any CA
//!   bundle), the one the Hub client uses; reqwest is built without its own provider so aws-lc
//!   never enters the build.
//! - Proxies are `Net`'s choice for the URL (scheme variables and `NO_PROXY`), never reqwest's
//!   own reading of the environment nor git configuration.
//! - A connect timeout and a per-read timeout (reqwest's blocking `timeout` bounds the wait for
//!   the response head and then every body read), so a server that accepts and goes silent
//!   ends the clone with an error instead of a hang.
//! - Repositories named by a card link follow no redirect at all and refuse, at connection
//!   time, a host name that resolves to a private, loopback or link-local address (checking
//!   before the clone alone would leave a DNS-rebinding window). Through a proxy, the proxy
//!   resolves the repository's host and glassbox only resolves the proxy, which the user
//!   configured and which may well be on a private address: the check made before the clone is
//!   what remains.
//! - Targets the user named follow git's own rule (the first request may be redirected), but
//!   not to wherever the redirect points: glassbox asks for `info/refs` once itself
//!   ([`resolve_redirects`]), refuses a hop to a private, loopback or link-local address other
//!   than the host the user named (an IP literal before connecting, a host name when it
//!   resolves), and hands gix the final URL with no redirect left to follow. A public git host
//!   that redirects to `169.254.169.254` or `localhost` reaches neither.

use std::any::Any;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gix::protocol::transport::client::blocking_io::http;

use crate::follow::non_public_ip;
use crate::net::Net;

/// How one clone talks HTTP.
#[derive(Debug, Clone)]
pub(crate) struct HttpPolicy {
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// The URL came from a release (a card link), not from the user.
    pub card_link: bool,
    /// Trusted CAs and proxies.
    pub net: Net,
    /// The clone URL goes through a proxy (card links follow no redirect, so every request of
    /// the clone does).
    pub proxied: bool,
    /// A user-named target whose redirects [`resolve_redirects`] already followed: the host the
    /// user named may be private (their own server); every other host must be public.
    pub named_host: Option<String>,
}

/// Transport options for gix's HTTP transport, passed to the connection before it connects.
pub(crate) fn transport_options(policy: HttpPolicy) -> Box<dyn Any> {
    let mut opts = http::Options {
        follow_redirects: if policy.card_link || policy.named_host.is_some() {
            http::options::FollowRedirects::None
        } else {
            http::options::FollowRedirects::Initial
        },
        connect_timeout: Some(policy.connect_timeout),
        user_agent: Some(concat!("glassbox/", env!("CARGO_PKG_VERSION")).into()),
        ..Default::default()
    };
    let backend = http::reqwest::Options {
        configure_client: Some(Box::new(move |builder| Ok(configure(builder, &policy)))),
        configure_request: None,
    };
    opts.backend = Some(Arc::new(Mutex::new(backend)) as Arc<Mutex<dyn Any + Send + Sync>>);
    Box::new(opts)
}

/// Timeouts, TLS, proxies and the resolver of one clone, for gix's client and the pre-flight's.
fn configure(
    builder: reqwest::blocking::ClientBuilder,
    policy: &HttpPolicy,
) -> reqwest::blocking::ClientBuilder {
    let net = policy.net.clone();
    let mut builder = builder
        .connect_timeout(policy.connect_timeout)
        .timeout(policy.read_timeout)
        .tls_backend_preconfigured((*net.tls_config()).clone())
        .no_proxy();
    if net.proxies().next().is_some() {
        let chooser = net.clone();
        builder = builder.proxy(reqwest::Proxy::custom(move |url| {
            chooser.proxy_for(url.as_str()).map(|p| p.url().to_string())
        }));
    }
    if (policy.card_link || policy.named_host.is_some()) && !policy.proxied {
        builder = builder.dns_resolver(Arc::new(PublicOnly {
            except: policy.named_host.clone(),
        }));
    }
    builder
}

/// The path gix asks first, and the one a redirect must keep.
const INFO_REFS: &str = "/info/refs";

/// The client of the requests glassbox makes itself before gix's (the redirect pre-flight, the
/// `HEAD` question): the clone's TLS, proxies, resolver and timeouts, and a redirect rule that
/// checks every hop as git's `initial` rule would.
fn preflight_client(policy: &HttpPolicy) -> Result<reqwest::blocking::Client, String> {
    let named = policy.named_host.clone().unwrap_or_default();
    let check_hops = !policy.proxied;
    // A card link's clone follows no redirect; neither do the questions asked about it.
    let card_link = policy.card_link;
    let redirect = reqwest::redirect::Policy::custom(move |attempt| {
        if card_link {
            return attempt.stop();
        }
        if attempt.previous().len() > 5 {
            return attempt.error("more than 5 redirects");
        }
        let from_https = attempt.previous().last().map(|u| u.scheme()) == Some("https");
        if from_https && attempt.url().scheme() != "https" {
            let to = attempt.url().to_string();
            return attempt.error(format!("redirect from https to `{to}` refused"));
        }
        match refused_hop(attempt.url(), &named, check_hops) {
            Some(why) => attempt.error(why),
            None => attempt.follow(),
        }
    });
    configure(reqwest::blocking::Client::builder(), policy)
        .redirect(redirect)
        .user_agent(concat!("glassbox/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))
}

/// Follows the redirects of a user-named `http(s)` clone URL the way git's `initial` rule would,
/// checking every hop, and returns the URL to clone from. `policy.named_host` must be the URL's
/// host. Errors are plain sentences for [`SourceError::Git`](crate::SourceError).
pub(crate) fn resolve_redirects(url: &str, policy: &HttpPolicy) -> Result<String, String> {
    let base = url.trim_end_matches('/');
    let client = preflight_client(policy)?;
    let probe = format!("{base}{INFO_REFS}?service=git-upload-pack");
    // Only the head is read: the body is dropped unread, and gix asks again for what it needs.
    let resp = client.get(&probe).send().map_err(|e| chain(&e))?;
    let last = resp.url();
    if last.as_str() == probe {
        return Ok(url.to_string());
    }
    match last.path().strip_suffix(INFO_REFS) {
        Some(path) => {
            let mut moved = last.clone();
            moved.set_path(path);
            moved.set_query(None);
            Ok(moved.to_string())
        }
        None => Err(format!(
            "redirected to `{last}`, which is not a git repository's `{INFO_REFS}`"
        )),
    }
}

/// The commit `HEAD` names on a user-named `http(s)` remote now, read from the ref
/// advertisement (`info/refs`, smart HTTP protocol v0, which every server answers when the
/// client does not ask for v2) through [`preflight_client`]: the same hop and address checks
/// as a clone, and nothing fetched. Errors are plain sentences, as for [`resolve_redirects`].
pub(crate) fn remote_head(url: &str, policy: &HttpPolicy) -> Result<String, String> {
    use std::io::Read;
    let client = preflight_client(policy)?;
    let probe = format!(
        "{}{INFO_REFS}?service=git-upload-pack",
        url.trim_end_matches('/')
    );
    let resp = client.get(&probe).send().map_err(|e| chain(&e))?;
    if !resp.status().is_success() {
        return Err(format!("`{probe}`: status {}", resp.status().as_u16()));
    }
    // HEAD comes first in the advertisement: a bounded prefix holds it, however many refs
    // the repository has.
    let mut head = Vec::new();
    resp.take(ADVERTISEMENT_PREFIX)
        .read_to_end(&mut head)
        .map_err(|e| chain(&e))?;
    head_in_advertisement(&head)
        .ok_or_else(|| format!("`{probe}` did not advertise HEAD (not a git smart HTTP server?)"))
}

/// How much of a ref advertisement is read for its `HEAD` line.
const ADVERTISEMENT_PREFIX: u64 = 64 * 1024;

/// The object id of `HEAD` in a protocol v0 advertisement: pkt-lines (four hex digits of length,
/// `0000` a flush) of `OID SP NAME`, the first one followed by NUL and the capabilities, after
/// the `# service=git-upload-pack` line. An empty repository advertises no `HEAD`.
fn head_in_advertisement(buf: &[u8]) -> Option<String> {
    let mut rest = buf;
    while rest.len() >= 4 {
        let len = usize::from_str_radix(std::str::from_utf8(&rest[..4]).ok()?, 16).ok()?;
        if len == 0 {
            rest = &rest[4..];
            continue;
        }
        if len < 4 || len > rest.len() {
            return None;
        }
        let line = rest[4..len].split(|&b| b == 0).next().unwrap_or_default();
        rest = &rest[len..];
        let text = std::str::from_utf8(line).ok()?.trim_end_matches('\n');
        if let Some((oid, "HEAD")) = text.split_once(' ') {
            let hex = matches!(oid.len(), 40 | 64) && oid.bytes().all(|b| b.is_ascii_hexdigit());
            return (hex && oid.bytes().any(|b| b != b'0')).then(|| oid.to_ascii_lowercase());
        }
    }
    None
}

/// Why a redirect to `to` is refused, if it is: an IP literal other than the named host's on a
/// private, loopback or link-local address (a host name is checked when it resolves).
fn refused_hop(to: &reqwest::Url, named: &str, check: bool) -> Option<String> {
    let ip = match to.host()? {
        url::Host::Ipv4(ip) => std::net::IpAddr::V4(ip),
        url::Host::Ipv6(ip) => std::net::IpAddr::V6(ip),
        url::Host::Domain(_) => return None,
    };
    let host = to.host_str().unwrap_or_default();
    (check && host != named && non_public_ip(ip)).then(|| {
        let port = to.port_or_known_default().unwrap_or(0);
        format!("redirect to private address `{host}:{port}` refused")
    })
}

/// An error with its causes, deduplicated.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    joined(std::iter::successors(Some(e), |e| e.source()).map(|e| e.to_string()))
}

/// Messages joined with `: `, leaving out empty ones and those an earlier one already says.
fn joined(messages: impl Iterator<Item = String>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for s in messages {
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

/// A resolver that refuses host names resolving to any non-public address, but for `except`
/// (the host the user named, which may be their own server).
struct PublicOnly {
    except: Option<String>,
}

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let allowed = self
            .except
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(&host));
        Box::pin(async move {
            // One clone at a time uses this client, so resolving inline on its runtime thread
            // blocks nothing else.
            let addrs: Vec<SocketAddr> = (host.as_str(), 0).to_socket_addrs()?.collect();
            if !allowed && addrs.iter().any(|a| non_public_ip(a.ip())) {
                return Err(format!(
                    "`{host}` resolves to a private, loopback or link-local address; not followed"
                )
                .into());
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// A clone error as a user needs it: the whole cause chain (gix's top-level messages alone say
/// little), deduplicated, with the usual HTTP failures named plainly.
pub(crate) fn describe(err: &gix::Error, policy: &HttpPolicy) -> String {
    plain(&joined(err.iter_errors().map(|e| e.to_string())), policy)
}

/// An error chain with the usual HTTP failures named plainly in front.
pub(crate) fn plain(chain: &str, policy: &HttpPolicy) -> String {
    let lower = chain.to_ascii_lowercase();
    let plain = if lower.contains("timed out") || lower.contains("timeout") {
        Some(format!(
            "the server did not answer within {} s (connect limit {} s)",
            policy.read_timeout.as_secs_f32(),
            policy.connect_timeout.as_secs_f32()
        ))
    } else if lower.contains("certificate") {
        Some(
            "the server's TLS certificate is not trusted; if your network re-signs TLS with its \
             own CA, set SSL_CERT_FILE to a PEM bundle holding it"
                .into(),
        )
    } else if lower.contains("status 404") {
        Some("repository not found (HTTP 404)".into())
    } else if lower.contains("status 401") || lower.contains("authentication") {
        Some("the server asks for credentials; only public repositories are cloned".into())
    } else if policy.card_link && lower.contains("'smart' protocol") {
        Some(
            "the server did not answer as a git server (a redirect is not followed for card links)"
                .into(),
        )
    } else {
        None
    };
    match plain {
        Some(p) => format!("{p} ({chain})"),
        None => chain.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::head_in_advertisement;

    fn pkt(s: &str) -> String {
        format!("{:04x}{s}", s.len() + 4)
    }

    #[test]
    fn head_is_read_from_a_v0_advertisement() {
        let oid = "0123456789abcdef0123456789abcdef01234567";
        let adv = format!(
            "{}0000{}{}0000",
            pkt("# service=git-upload-pack\n"),
            pkt(&format!(
                "{oid} HEAD\0multi_ack symref=HEAD:refs/heads/main\n"
            )),
            pkt(&format!("{oid} refs/heads/main\n")),
        );
        assert_eq!(head_in_advertisement(adv.as_bytes()).as_deref(), Some(oid));
        // An empty repository: capabilities only, no HEAD.
        let empty = format!(
            "{}0000{}0000",
            pkt("# service=git-upload-pack\n"),
            pkt(&format!("{} capabilities^{{}}\0agent=x\n", "0".repeat(40))),
        );
        assert_eq!(head_in_advertisement(empty.as_bytes()), None);
        // Not pkt-lines at all, or cut short.
        assert_eq!(head_in_advertisement(b"<html>"), None);
        assert_eq!(head_in_advertisement(&adv.as_bytes()[..40]), None);
    }
}
