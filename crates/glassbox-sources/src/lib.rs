//! Sources: resolve what the user named into a [`Release`] — the artifacts and the bounded
//! contents the detectors need. Sources are the only stage that reads or fetches; everything
//! downstream works on the [`Release`] value.
//!
//! Targets: an existing folder (local; a git worktree records its HEAD commit; a bare
//! repository is read from its objects), `hf:ORG/NAME[@REV]` and `hf:datasets/ORG/NAME[@REV]`
//! (the Hub, or the local Hugging Face cache offline), `hf-cache:ORG/NAME[@REV]` (the cache
//! only), and git URLs (`https://…`, `*.git`).
//!
//! ```
//! // A local folder: the bundled open-source example.
//! let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/open-source");
//! let release = glassbox_sources::resolve(dir, &glassbox_sources::Limits::default()).unwrap();
//! assert_eq!(release.target.kind, "local");
//! assert!(release.file("LICENSE").is_some());
//! ```

#![warn(missing_docs)]

pub mod cache;
pub mod claims;
/// Path classification moved to core, where detectors reach it without the sources crate.
pub use glassbox_core::classify;
pub mod follow;
pub mod git;
/// The `.gitmodules` parser lives in formats.
pub use glassbox_formats::gitmodules;
pub mod hf;
pub mod lineage;
pub mod local;
pub mod net;
/// PDF license text extraction lives in formats.
pub use glassbox_formats::pdf;
pub mod release;

pub use follow::{FollowOptions, LineageNode, Linked, Relation, Resolution};
pub use release::{Limits, Release, ReleaseFile, SourceError};

use glassbox_core::codes::SourceCode;
use std::path::{Path, PathBuf};
use std::time::Duration;

use glassbox_core::{Finding, Location, Severity};

use crate::hf::{FetchScope, Hub, HubOptions, RepoRef};

/// Everything a resolution may need beyond the target itself.
#[derive(Clone)]
pub struct ResolveOptions {
    /// Hub base URL (`HF_ENDPOINT`, default `https://huggingface.co`), no trailing slash.
    pub endpoint: String,
    /// Hub token (`HF_TOKEN` or `--token`). Never printed: `Debug` redacts it.
    pub token: Option<String>,
    /// No network at all (`--offline`, `HF_HUB_OFFLINE=1`): Hub targets come from the cache.
    pub offline: bool,
    /// Download whole weights files to hash them (`--download`).
    pub download: bool,
    /// Parallel requests per repository and connections kept per host (`--jobs`).
    pub jobs: usize,
    /// Linked artifacts.
    pub follow: FollowOptions,
    /// The Hugging Face cache folder.
    pub hf_cache: Option<PathBuf>,
    /// Git settings (clone cache, size bound).
    pub git: git::GitOptions,
    /// Network timeouts and retry bounds (endpoint and token are taken from the fields above).
    pub http: hf::HttpConfig,
    /// Where downloads (`--download`) and clones report their progress.
    pub progress: glassbox_core::progress::Progress,
}

impl std::fmt::Debug for ResolveOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResolveOptions")
            .field("endpoint", &self.endpoint)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("offline", &self.offline)
            .field("download", &self.download)
            .field("jobs", &self.jobs)
            .field("follow", &self.follow)
            .field("hf_cache", &self.hf_cache)
            .finish_non_exhaustive()
    }
}

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions {
            endpoint: hf::DEFAULT_ENDPOINT.into(),
            token: None,
            offline: false,
            download: false,
            jobs: 8,
            follow: FollowOptions::default(),
            hf_cache: None,
            git: git::GitOptions::default(),
            http: hf::HttpConfig::default(),
            progress: Default::default(),
        }
    }
}

fn truthy(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

/// A whole Hub API answer (model info, one tree page) may take this many times the per-read
/// timeout: 120 s by default (20 s reads), 12 s under `--timeout 2`.
pub const CALL_TIMEOUT_FACTOR: u32 = 6;

impl ResolveOptions {
    /// Options from the environment: `HF_ENDPOINT`, `HF_TOKEN` (else `$HF_HOME/token`),
    /// `HF_HUB_OFFLINE` / `TRANSFORMERS_OFFLINE`, the cache folder variables, and the network
    /// settings of [`net::NetOptions::from_env`] (CA bundles, proxies). A CA bundle or proxy
    /// URL that cannot be used is an error.
    pub fn from_env() -> Result<Self, SourceError> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let endpoint = var("HF_ENDPOINT")
            .map(|e| e.trim().trim_end_matches('/').to_string())
            .unwrap_or_else(|| hf::DEFAULT_ENDPOINT.into());
        let token = var("HF_TOKEN")
            .or_else(|| var("HUGGING_FACE_HUB_TOKEN"))
            .map(|t| t.trim().to_string())
            .or_else(token_file);
        let offline = var("HF_HUB_OFFLINE")
            .or_else(|| var("TRANSFORMERS_OFFLINE"))
            .is_some_and(|v| truthy(&v));
        let mut opts = ResolveOptions {
            endpoint,
            token,
            hf_cache: cache::cache_dir(),
            ..ResolveOptions::default()
        };
        opts.set_offline(offline);
        opts.set_net(net::Net::from_env()?);
        Ok(opts)
    }

    /// Uses `net` (trusted CAs, proxies) for the Hub and for git alike.
    pub fn set_net(&mut self, net: net::Net) {
        self.http.net = net.clone();
        self.git.net = net;
    }

    /// Sets offline mode everywhere it matters.
    pub fn set_offline(&mut self, offline: bool) {
        self.offline = offline;
        self.git.offline = offline;
    }

    /// Bounds every network wait (connect, each read) of Hub requests and git clones by `t`,
    /// and a whole Hub API answer by [`CALL_TIMEOUT_FACTOR`] × `t`.
    pub fn set_timeout(&mut self, t: Duration) {
        self.http.connect_timeout = self.http.connect_timeout.min(t);
        self.http.read_timeout = t;
        // A server that drips one byte per read keeps every per-read limit happy: the whole
        // answer needs a bound of its own, and one the user can lower with the same flag.
        self.http.call_timeout = t.saturating_mul(CALL_TIMEOUT_FACTOR);
        self.git.connect_timeout = self.git.connect_timeout.min(t);
        self.git.read_timeout = t;
    }

    /// Sends download and clone progress to `p`.
    pub fn set_progress(&mut self, p: glassbox_core::progress::Progress) {
        self.git.progress = p.clone();
        self.progress = p;
    }

    /// A Hub client for these options (`None` offline: no socket may be opened).
    pub fn hub(&self) -> Result<Option<Hub>, SourceError> {
        if self.offline {
            return Ok(None);
        }
        let http = hf::HttpConfig {
            endpoint: self.endpoint.clone(),
            token: self.token.clone(),
            max_connections: self.jobs.max(1),
            ..self.http.clone()
        };
        Hub::new(HubOptions {
            http,
            download: self.download,
            jobs: self.jobs.max(1),
            progress: self.progress.clone(),
            ..HubOptions::default()
        })
        .map(Some)
    }
}

fn token_file() -> Option<String> {
    let home = std::env::var_os("HF_HOME").map(PathBuf::from).or_else(|| {
        let x = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        Some(x.join("huggingface"))
    })?;
    let bytes = std::fs::read(home.join("token")).ok()?;
    let t = String::from_utf8(bytes).ok()?.trim().to_string();
    (!t.is_empty() && t.len() < 1024).then_some(t)
}

/// Resolves a target as the user named it, with options from the environment and without
/// following links. (Kept for callers that need only the release.)
pub fn resolve(spec: &str, limits: &Limits) -> Result<Release, SourceError> {
    let opts = ResolveOptions::from_env()?;
    let hub = opts.hub()?;
    resolve_release(spec, &opts, hub.as_ref(), limits)
}

/// Resolves a target and follows what it links to (per `opts.follow`).
pub fn resolve_with(
    spec: &str,
    opts: &ResolveOptions,
    limits: &Limits,
) -> Result<Resolution, SourceError> {
    let hub = opts.hub()?;
    resolve_using(spec, opts, hub.as_ref(), limits)
}

/// [`resolve_with`] sharing one Hub client (and its connection pool) across calls.
pub fn resolve_using(
    spec: &str,
    opts: &ResolveOptions,
    hub: Option<&Hub>,
    limits: &Limits,
) -> Result<Resolution, SourceError> {
    let release = resolve_release(spec, opts, hub, limits)?;
    // A target on disk was not a request for network access: its links are followed through
    // the local caches only (Hub cache, existing clones); Hub and git URL targets may fetch.
    let on_disk =
        release.target.kind == "local" || (release.target.kind == "git" && !git::is_git_url(spec));
    let mut git = opts.git.clone();
    git.offline |= on_disk;
    let fetch = follow::Fetch {
        hub: if on_disk { None } else { hub },
        cache: opts.hf_cache.clone(),
        endpoint: opts.endpoint.clone(),
        git,
        limits: *limits,
    };
    let fo = opts.follow.clone();
    Ok(follow::follow(release, &fetch, &fo))
}

/// Resolves many targets with at most `jobs` at a time, sharing one Hub client whose
/// connection pool is bounded by `opts.jobs`. Results keep the order of `specs`.
pub fn resolve_many(
    specs: &[String],
    opts: &ResolveOptions,
    limits: &Limits,
    jobs: usize,
) -> Vec<Result<Resolution, SourceError>> {
    let hub = match opts.hub() {
        Ok(h) => h,
        Err(e) => {
            let msg = e.to_string();
            return specs
                .iter()
                .map(|s| {
                    Err(SourceError::Invalid {
                        spec: s.clone(),
                        reason: msg.clone(),
                    })
                })
                .collect();
        }
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Result<Resolution, SourceError>>>> =
        specs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.clamp(1, 256).min(specs.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= specs.len() {
                    return;
                }
                let r = resolve_using(&specs[i], opts, hub.as_ref(), limits);
                if let Ok(mut slot) = slots[i].lock() {
                    *slot = Some(r);
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(specs)
        .map(|(m, s)| {
            m.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(SourceError::Invalid {
                    spec: s.clone(),
                    reason: "worker failed".into(),
                })
            })
        })
        .collect()
}

/// Resolves the target itself (no links followed).
pub fn resolve_release(
    spec: &str,
    opts: &ResolveOptions,
    hub: Option<&Hub>,
    limits: &Limits,
) -> Result<Release, SourceError> {
    let path = Path::new(spec);
    if !spec.starts_with("hf:") && !spec.starts_with("hf-cache:") && path.is_dir() {
        if path.join(".git").exists() {
            let mut rel = local::open(spec, path, limits)?;
            if let Ok(commit) = git::head_commit(path) {
                rel.target.kind = "git".into();
                rel.target.revision = Some(commit);
            }
            return Ok(rel);
        }
        if git::is_repository(path) {
            return git::open(spec, &opts.git, limits);
        }
        return local::open(spec, path, limits);
    }
    if let Some(rest) = spec.strip_prefix("hf-cache:") {
        let repo = RepoRef::parse(rest)?;
        let c = opts.hf_cache.clone().ok_or_else(|| SourceError::Offline {
            what: spec.into(),
            cache: "(no cache folder: set HF_HUB_CACHE or HF_HOME)".into(),
        })?;
        return cache::open(spec, &c, &repo, &opts.endpoint, limits);
    }
    if spec.starts_with("hf:") {
        let repo = RepoRef::parse(spec)?;
        let from_cache = |why: Option<String>| -> Result<Release, SourceError> {
            let c = opts.hf_cache.clone().ok_or_else(|| SourceError::Offline {
                what: spec.into(),
                cache: "(no cache folder: set HF_HUB_CACHE or HF_HOME)".into(),
            })?;
            let mut rel = cache::open(spec, &c, &repo, &opts.endpoint, limits)?;
            if let Some(why) = why {
                rel.problems.push(Finding::new(
                    SourceCode::HubUnreachable,
                    Severity::Medium,
                    format!(
                        "the Hub could not be reached ({why}); audited the local cache snapshot"
                    ),
                    Location::default(),
                ));
            }
            Ok(rel)
        };
        let Some(hub) = hub else {
            return from_cache(None);
        };
        return match hub.open(spec, &repo, limits, FetchScope::All) {
            Ok(r) => Ok(r),
            Err(SourceError::Http { url, reason }) if is_network_fault(&reason) => {
                let cached = opts
                    .hf_cache
                    .as_ref()
                    .and_then(|c| cache::locate(c, &repo).ok().flatten())
                    .is_some();
                if cached {
                    from_cache(Some(reason))
                } else {
                    Err(SourceError::Http { url, reason })
                }
            }
            Err(e) => Err(e),
        };
    }
    if git::is_git_url(spec) {
        return git::open(spec, &opts.git, limits);
    }
    local::open(spec, path, limits)
}

fn is_network_fault(reason: &str) -> bool {
    [
        "timed out",
        "connection",
        "host not found",
        "body cut short",
    ]
    .iter()
    .any(|k| reason.contains(k))
}

/// A default retry/timeouts profile for tests and benchmarks against a loopback server.
pub fn loopback_http(endpoint: &str) -> hf::HttpConfig {
    hf::HttpConfig {
        endpoint: endpoint.trim_end_matches('/').to_string(),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(1500),
        call_timeout: Duration::from_secs(10),
        max_retries: 3,
        backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
        ..hf::HttpConfig::default()
    }
}
