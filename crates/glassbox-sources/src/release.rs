//! The resolved release: what every source produces.

use std::path::PathBuf;

use glassbox_core::{Artifact, Finding, TargetInfo};

/// Bounds every source enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most files in one release.
    pub max_files: usize,
    /// Deepest folder nesting followed.
    pub max_depth: usize,
    /// Largest text file (card, code, license, config) read whole; longer ones are read up to it.
    pub max_text_bytes: u64,
    /// Largest weights header read (safetensors header, GGUF metadata).
    pub max_header_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_files: 200_000,
            max_depth: 64,
            max_text_bytes: 1 << 20,
            max_header_bytes: 100_000_008,
        }
    }
}

/// One file of the release with what was read of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseFile {
    /// Inventory entry (path, size, kind, LFS pointer).
    pub artifact: Artifact,
    /// Where it is on disk, for local sources.
    pub local_path: Option<PathBuf>,
    /// The whole content (or a bounded prefix) of small text-like files.
    pub content: Option<Vec<u8>>,
    /// Whether `content` stops short of the file.
    pub content_truncated: bool,
    /// The format header of a weights file (e.g. safetensors' 8 + N bytes).
    pub head: Option<Vec<u8>>,
}

impl ReleaseFile {
    /// The content as UTF-8 text (lossy), when it was read.
    pub fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.content.as_deref().map(String::from_utf8_lossy)
    }
}

/// A resolved release.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    /// What was audited.
    pub target: TargetInfo,
    /// The root folder for local sources.
    pub root: Option<PathBuf>,
    /// Files, sorted by path.
    pub files: Vec<ReleaseFile>,
    /// Bytes read to build the release.
    pub bytes_read: u64,
    /// Problems met while reading (unreadable files, symlinks out of the tree, limits hit).
    pub problems: Vec<Finding>,
}

impl Release {
    /// A file by path.
    pub fn file(&self, path: &str) -> Option<&ReleaseFile> {
        self.files
            .binary_search_by(|f| f.artifact.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }

    /// Whether the source could not get a file's bytes because its object is absent (a git
    /// snapshot without the blob): the file is known by its path alone, not as an empty file.
    pub fn object_missing(&self, path: &str) -> bool {
        self.problems.iter().any(|p| {
            p.kind == glassbox_core::codes::SourceCode::MissingObject
                && p.evidence.iter().any(|l| l.path.as_deref() == Some(path))
        })
    }
}

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
