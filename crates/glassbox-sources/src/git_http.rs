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
//!   what remains. Targets the user named follow git's own rule: the first request may be
//!   redirected.

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
}

/// Transport options for gix's HTTP transport, passed to the connection before it connects.
pub(crate) fn transport_options(policy: HttpPolicy) -> Box<dyn Any> {
    let mut opts = http::Options {
        follow_redirects: if policy.card_link {
            http::options::FollowRedirects::None
        } else {
            http::options::FollowRedirects::Initial
        },
        connect_timeout: Some(policy.connect_timeout),
        user_agent: Some(concat!("glassbox/", env!("CARGO_PKG_VERSION")).into()),
        ..Default::default()
    };
    let backend = http::reqwest::Options {
        configure_client: Some(Box::new(move |builder| {
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
            if policy.card_link && !policy.proxied {
                builder = builder.dns_resolver(Arc::new(PublicOnly));
            }
            Ok(builder)
        })),
        configure_request: None,
    };
    opts.backend = Some(Arc::new(Mutex::new(backend)) as Arc<Mutex<dyn Any + Send + Sync>>);
    Box::new(opts)
}

/// A resolver that refuses host names resolving to any non-public address.
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            // One clone at a time uses this client, so resolving inline on its runtime thread
            // blocks nothing else.
            let addrs: Vec<SocketAddr> = (host.as_str(), 0).to_socket_addrs()?.collect();
            if addrs.iter().any(|a| non_public_ip(a.ip())) {
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
    let mut parts: Vec<String> = Vec::new();
    for e in err.iter_errors() {
        let s = e.to_string();
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    let chain = parts.join(": ");
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
        None => chain,
    }
}
