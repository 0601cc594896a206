//! Why a target could not be resolved. The release itself is core's ([`glassbox_core::release`]).

pub use glassbox_core::release::{Limits, Release, ReleaseFile};

/// Why a target could not be resolved at all.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The path does not exist or is not a folder.
    #[error("{path}: {reason}")]
    NotFound {
        /// The path as given.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// Reading failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The target names nothing glassbox can resolve (bad `hf:` id, unsupported URL).
    #[error("{spec}: {reason}")]
    Invalid {
        /// The target as given.
        spec: String,
        /// What is wrong.
        reason: String,
    },
    /// A gated or private repository the token (if any) has no access to.
    #[error("gated: accept the terms at {endpoint}/{repo} and set HF_TOKEN{hint}")]
    Gated {
        /// The Hub endpoint.
        endpoint: String,
        /// The repository id (with `datasets/` in front for datasets).
        repo: String,
        /// Extra context (e.g. that the Hub answers 401 for private repositories too).
        hint: String,
    },
    /// The repository or revision does not exist.
    #[error("{what} not found at {endpoint}")]
    RepoNotFound {
        /// `repository org/name (revision main)` or `revision v2 of org/name`.
        what: String,
        /// The Hub endpoint.
        endpoint: String,
    },
    /// The server kept answering 429 longer than glassbox waits.
    #[error("rate limited by {url}: retry after {retry_after_secs} s")]
    RateLimited {
        /// The URL asked.
        url: String,
        /// What the server asked for (`Retry-After`).
        retry_after_secs: u64,
    },
    /// An HTTP request failed for good (after bounded retries), or answered unexpectedly.
    #[error("{url}: {reason}")]
    Http {
        /// The URL asked.
        url: String,
        /// Status or fault, in words.
        reason: String,
    },
    /// A response larger than glassbox accepts.
    #[error("{url}: response larger than the {limit}-byte limit; refused")]
    TooLarge {
        /// The URL asked.
        url: String,
        /// The limit.
        limit: u64,
    },
    /// A redirect to a host other than the endpoint or its file CDN.
    #[error("{url}: redirect to foreign host `{host}` refused")]
    ForeignRedirect {
        /// The URL asked.
        url: String,
        /// Where the server redirected.
        host: String,
    },
    /// Offline mode and the local cache does not hold what is needed.
    #[error("offline: {what} is not in the local Hugging Face cache ({cache})")]
    Offline {
        /// What was asked.
        what: String,
        /// The cache folder looked in.
        cache: String,
    },
    /// A network setting (CA bundle, proxy) that cannot be used.
    #[error("{setting}: {reason}")]
    Config {
        /// The setting as given, e.g. `SSL_CERT_FILE=/etc/corp.pem` (credentials redacted).
        setting: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A git operation failed.
    #[error("git {what}: {reason}")]
    Git {
        /// The repository (URL or path).
        what: String,
        /// What went wrong.
        reason: String,
    },
}
