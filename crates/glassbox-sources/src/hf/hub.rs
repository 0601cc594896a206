//! A Hub repository as a release: model (or dataset) info with `?blobs=true` for the file list,
//! sizes and LFS hashes, the tree endpoint when the listing lacks them, and `resolve` reads of
//! exactly the bytes detectors need (texts whole up to a bound, weights headers by `Range`).
//! Weights are never downloaded unless asked (`download`), and then only hashed, not kept.

use glassbox_core::codes::SourceCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use glassbox_core::{ArtifactKind, Finding, Location, Severity, TargetInfo};
use sha2::Digest;

use super::api::{next_link, RepoInfo, TreeEntry};
use super::read::{plan, read_file, Plan, RangeRead};
use super::repo::{encode_path, RepoRef};
use crate::classify::kind_of;
use crate::net::http::{Fetched, Http, HttpConfig};
use crate::release::{Limits, Release, ReleaseFile, SourceError};

/// Which files' bytes are fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FetchScope {
    /// Everything detectors read (texts, weights headers).
    #[default]
    All,
    /// Only cards and license files (linked datasets: their card and terms are the evidence).
    CardAndLicenses,
    /// Nothing: inventory only.
    Nothing,
}

/// Hub client settings.
#[derive(Debug, Clone)]
pub struct HubOptions {
    /// Network settings (endpoint, token, timeouts, retries, connection bound).
    pub http: HttpConfig,
    /// Download whole weights files to hash them (`--download`); never kept on disk.
    pub download: bool,
    /// Parallel requests for one repository.
    pub jobs: usize,
    /// Most files whose bytes are fetched from one repository; the rest are inventoried only.
    pub max_fetches: usize,
    /// Where downloads report their bytes.
    pub progress: glassbox_core::progress::Progress,
}

impl Default for HubOptions {
    fn default() -> Self {
        HubOptions {
            http: HttpConfig::default(),
            download: false,
            jobs: 8,
            max_fetches: 2_000,
            progress: Default::default(),
        }
    }
}

/// A Hub client. Cheap to share across threads (`&Hub` is `Sync`).
pub struct Hub {
    http: Http,
    opts: HubOptions,
}

/// A file of the repository listing.
#[derive(Debug, Clone)]
struct Listed {
    path: String,
    size: u64,
    sha256: Option<String>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("endpoint", &self.endpoint())
            .finish_non_exhaustive()
    }
}

impl Hub {
    /// A client for `opts.http.endpoint`.
    pub fn new(opts: HubOptions) -> Result<Self, SourceError> {
        Ok(Hub {
            http: Http::new(opts.http.clone())?,
            opts,
        })
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> &str {
        self.http.endpoint()
    }

    /// The pinned URL of a file at a commit.
    pub fn file_url(&self, repo: &RepoRef, commit: &str, path: &str) -> String {
        format!(
            "{}/{}{}/resolve/{}/{}",
            self.endpoint(),
            repo.kind.url_prefix(),
            repo.id,
            commit,
            encode_path(path)
        )
    }

    /// `GET /api/{type}/{id}/revision/{rev}[?blobs=true]`.
    pub fn info(&self, repo: &RepoRef, blobs: bool) -> Result<RepoInfo, SourceError> {
        let url = format!(
            "{}/api/{}/{}/revision/{}{}",
            self.endpoint(),
            repo.kind.api(),
            repo.id,
            repo.revision_segment(),
            if blobs { "?blobs=true" } else { "" }
        );
        let resp = self
            .http
            .fetch(&url, None, true, self.opts.http.max_json_bytes, false)?;
        if resp.status != 200 {
            return Err(self.status_error(repo, &resp, None));
        }
        let mut info: RepoInfo =
            serde_json::from_slice(&resp.body).map_err(|e| SourceError::Http {
                url: url.clone(),
                reason: format!("malformed model info JSON: {e}"),
            })?;
        if info.sha.is_none() {
            info.sha = resp.header("x-repo-commit").map(str::to_string);
        }
        Ok(info)
    }

    /// The recursive file tree at `commit`, following `Link: rel="next"` pages on the endpoint.
    pub fn tree(
        &self,
        repo: &RepoRef,
        commit: &str,
        max_entries: usize,
    ) -> Result<(Vec<TreeEntry>, bool), SourceError> {
        let mut url = format!(
            "{}/api/{}/{}/tree/{}?recursive=true",
            self.endpoint(),
            repo.kind.api(),
            repo.id,
            super::repo::encode_segment(commit)
        );
        let mut out = Vec::new();
        for _page in 0..10_000 {
            let resp = self
                .http
                .fetch(&url, None, true, self.opts.http.max_json_bytes, false)?;
            if resp.status != 200 {
                return Err(self.status_error(repo, &resp, None));
            }
            let next = resp.header("link").and_then(next_link);
            let page: Vec<TreeEntry> =
                serde_json::from_slice(&resp.body).map_err(|e| SourceError::Http {
                    url: url.clone(),
                    reason: format!("malformed tree JSON: {e}"),
                })?;
            out.extend(page.into_iter().filter(|e| e.kind == "file"));
            if out.len() > max_entries {
                out.truncate(max_entries);
                return Ok((out, true));
            }
            match next {
                Some(n) if self.http.redirect_allowed(&n) => url = n,
                Some(n) => {
                    return Err(SourceError::ForeignRedirect {
                        url,
                        host: n.chars().take(80).collect(),
                    })
                }
                None => return Ok((out, false)),
            }
        }
        Ok((out, true))
    }

    /// Resolves a repository into a release.
    pub fn open(
        &self,
        spec: &str,
        repo: &RepoRef,
        limits: &Limits,
        scope: FetchScope,
    ) -> Result<Release, SourceError> {
        let info = self.info(repo, true)?;
        self.open_from_info(spec, repo, info, limits, scope)
    }

    /// Resolves a repository whose info was already fetched.
    pub fn open_from_info(
        &self,
        spec: &str,
        repo: &RepoRef,
        info: RepoInfo,
        limits: &Limits,
        scope: FetchScope,
    ) -> Result<Release, SourceError> {
        let mut problems = Vec::new();
        if info.disabled == Some(true) {
            return Err(SourceError::Http {
                url: format!("{}/{}", self.endpoint(), repo.display_id()),
                reason: "repository disabled by the Hub".into(),
            });
        }
        let commit = info
            .sha
            .clone()
            .filter(|s| is_commit(s))
            .unwrap_or_else(|| repo.revision.clone());
        let mut listed = match info.siblings.as_ref() {
            Some(sibs) if sibs.iter().all(|s| s.size.is_some()) => sibs
                .iter()
                .map(|s| {
                    let lfs = s.lfs.as_ref();
                    Listed {
                        path: s.rfilename.clone(),
                        size: lfs.and_then(|l| l.size).or(s.size).unwrap_or(0),
                        sha256: lfs.and_then(|l| l.sha256()),
                    }
                })
                .collect::<Vec<_>>(),
            _ => {
                let (entries, cut) =
                    self.tree(repo, &commit, limits.max_files.saturating_add(1))?;
                if cut {
                    problems.push(limit_finding(format!(
                        "tree listing longer than {} entries; the rest were not inventoried",
                        limits.max_files
                    )));
                }
                entries
                    .into_iter()
                    .map(|e| {
                        let lfs = e.lfs.as_ref();
                        Listed {
                            size: lfs.and_then(|l| l.size).or(e.size).unwrap_or(0),
                            sha256: lfs.and_then(|l| l.sha256()),
                            path: e.path,
                        }
                    })
                    .collect()
            }
        };
        listed.retain(|l| {
            let ok = safe_repo_path(&l.path);
            if !ok {
                problems.push(Finding::new(
                    SourceCode::UnsafePath,
                    Severity::Medium,
                    "file path with `..`, absolute or control characters; ignored",
                    Location::file(l.path.chars().take(200).collect::<String>()),
                ));
            }
            ok
        });
        listed.retain(|l| {
            let depth = l.path.matches('/').count();
            if depth > limits.max_depth {
                problems.push(limit_finding_at(
                    format!(
                        "folder nesting deeper than {} levels; not inventoried",
                        limits.max_depth
                    ),
                    &l.path,
                ));
                return false;
            }
            true
        });
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        listed.dedup_by(|a, b| a.path == b.path);
        if listed.len() > limits.max_files {
            let at = listed[limits.max_files].path.clone();
            listed.truncate(limits.max_files);
            problems.push(limit_finding_at(
                format!(
                    "more than {} files; the rest were not inventoried",
                    limits.max_files
                ),
                &at,
            ));
        }

        // Fetch budget: cards, configs and licenses first, then weights headers, then code.
        let mut order: Vec<usize> = (0..listed.len())
            .filter(|&i| wants_fetch(&listed[i], scope))
            .collect();
        order.sort_by_key(|&i| priority(&listed[i].path));
        if order.len() > self.opts.max_fetches {
            problems.push(limit_finding(format!(
                "{} files to read; only the first {} (cards, configs, licenses, weights headers first) were fetched",
                order.len(),
                self.opts.max_fetches
            )));
            order.truncate(self.opts.max_fetches);
        }
        let fetch: std::collections::HashSet<usize> = order.iter().copied().collect();

        let counter = AtomicU64::new(0);
        let fatal: Mutex<Option<SourceError>> = Mutex::new(None);
        let results: Vec<Mutex<Option<ReadResult>>> =
            (0..listed.len()).map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let work: Vec<usize> = order.clone();
        let workers = self.opts.jobs.clamp(1, 64).min(work.len().max(1));
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= work.len() || fatal.lock().map(|f| f.is_some()).unwrap_or(true) {
                        return;
                    }
                    let i = work[k];
                    let l = &listed[i];
                    let url = self.file_url(repo, &commit, &l.path);
                    let src = HubFile {
                        hub: self,
                        repo,
                        url: &url,
                        fatal: &fatal,
                    };
                    match read_file(&l.path, l.size, &src, limits, &counter) {
                        Ok(r) => *results[i].lock().expect("no panics while holding") = Some(r),
                        Err(e) => {
                            if let Ok(mut f) = fatal.lock() {
                                f.get_or_insert(e);
                            }
                        }
                    }
                });
            }
        });
        if let Some(e) = fatal.into_inner().ok().flatten() {
            return Err(e);
        }

        let mut files = Vec::with_capacity(listed.len());
        for (i, l) in listed.iter().enumerate() {
            let (mut file, problem) = results[i]
                .lock()
                .ok()
                .and_then(|mut r| r.take())
                .unwrap_or_else(|| (inventory_only(l), None));
            if !fetch.contains(&i) {
                file = inventory_only(l);
            }
            if let Some(p) = problem {
                problems.push(p);
            }
            file.artifact.url = Some(self.file_url(repo, &commit, &l.path));
            file.artifact.sha256 = l.sha256.clone();
            if self.opts.download && matches!(kind_of(&l.path), ArtifactKind::Weights) {
                if let Some(p) = self.download_and_hash(
                    repo,
                    &file.artifact.url.clone().unwrap_or_default(),
                    &mut file,
                    l,
                ) {
                    problems.push(p);
                }
            }
            files.push(file);
        }
        Ok(Release {
            target: TargetInfo {
                spec: spec.to_string(),
                kind: "hf".into(),
                name: repo.display_id(),
                revision: Some(commit),
            },
            root: None,
            files,
            bytes_read: counter.into_inner(),
            problems,
        })
    }

    fn download_and_hash(
        &self,
        repo: &RepoRef,
        url: &str,
        file: &mut ReleaseFile,
        l: &Listed,
    ) -> Option<Finding> {
        let _permit = self.http.permit();
        let mut resp = match self.http.get(url, None, false) {
            Ok(r) => r,
            Err(e) => {
                return Some(Finding::new(
                    SourceCode::UnreadableFile,
                    Severity::Medium,
                    format!("download failed: {e}"),
                    Location::file(&l.path),
                ))
            }
        };
        if resp.status != 200 {
            let e = self.status_error(repo, &self.http.error_of(resp), Some(&l.path));
            return Some(Finding::new(
                SourceCode::UnreadableFile,
                Severity::Medium,
                format!("download failed: {e}"),
                Location::file(&l.path),
            ));
        }
        let mut hasher = sha2::Sha256::new();
        let progress = &self.opts.progress;
        progress.working_on(&format!("downloading {}", l.path));
        progress.expect(l.size);
        let got = match self.http.stream(&mut resp, |c| {
            hasher.update(c);
            progress.done(c.len() as u64);
        }) {
            Ok(n) => n,
            Err(e) => {
                return Some(Finding::new(
                    SourceCode::UnreadableFile,
                    Severity::Medium,
                    format!("download failed: {e}"),
                    Location::file(&l.path),
                ))
            }
        };
        let digest: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        file.artifact.sha256 = Some(digest.clone());
        match &l.sha256 {
            Some(expected) if *expected != digest || got != l.size => Some(Finding::new(
                SourceCode::HashMismatch,
                Severity::High,
                format!("downloaded {got} bytes hashing to {digest}, but the Hub lists sha256 {expected} and {} bytes", l.size),
                Location { path: Some(l.path.clone()), url: Some(url.to_string()), ..Default::default() },
            )),
            _ => None,
        }
    }

    /// Maps a non-success status to the error a user needs.
    fn status_error(&self, repo: &RepoRef, resp: &Fetched, file: Option<&str>) -> SourceError {
        let code = resp.header("x-error-code").unwrap_or("").to_string();
        let msg = resp.header("x-error-message").unwrap_or("").to_string();
        let body: String = String::from_utf8_lossy(&resp.body)
            .chars()
            .take(200)
            .collect();
        let endpoint = self.endpoint().to_string();
        let what = format!(
            "repository {} (revision {})",
            repo.display_id(),
            repo.revision
        );
        match resp.status {
            401 | 403 if code == "RepoNotFound" => SourceError::RepoNotFound { what, endpoint },
            401 | 403 if code == "RevisionNotFound" => SourceError::RepoNotFound {
                what: format!("revision {} of {}", repo.revision, repo.display_id()),
                endpoint,
            },
            401 if self.opts.http.token.is_some() && msg.contains("Invalid credentials") => {
                SourceError::Http {
                    url: resp.url.clone(),
                    reason: "invalid credentials: check HF_TOKEN / --token".into(),
                }
            }
            403 if msg.contains("disabled") => SourceError::Http {
                url: resp.url.clone(),
                reason: "access to this repository is disabled".into(),
            },
            401 | 403 => SourceError::Gated {
                endpoint,
                repo: repo.display_id(),
                hint: if code == "GatedRepo" || resp.status == 403 {
                    String::new()
                } else {
                    " (the Hub also answers 401 for private or missing repositories)".into()
                },
            },
            404 if code == "RevisionNotFound" => SourceError::RepoNotFound {
                what: format!("revision {} of {}", repo.revision, repo.display_id()),
                endpoint,
            },
            404 if code == "EntryNotFound" || file.is_some() => SourceError::RepoNotFound {
                what: format!("file {} in {}", file.unwrap_or("?"), what),
                endpoint,
            },
            404 => SourceError::RepoNotFound { what, endpoint },
            s => SourceError::Http {
                url: resp.url.clone(),
                reason: format!(
                    "HTTP {s}{}",
                    if !msg.is_empty() {
                        format!(": {msg}")
                    } else if !body.is_empty() {
                        format!(": {body}")
                    } else {
                        String::new()
                    }
                ),
            },
        }
    }
}

/// Whether a string is a 40-hex commit id.
pub fn is_commit(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A repository path safe to name: relative, no `..`, no control characters.
pub fn safe_repo_path(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 4096
        && !p.starts_with('/')
        && !p.contains('\\')
        && p.split('/').all(|s| !s.is_empty() && s != ".." && s != ".")
        && !p.chars().any(char::is_control)
}

fn wants_fetch(l: &Listed, scope: FetchScope) -> bool {
    match scope {
        FetchScope::Nothing => false,
        FetchScope::All => plan(&l.path, l.size) != Plan::Nothing,
        FetchScope::CardAndLicenses => {
            matches!(kind_of(&l.path), ArtifactKind::Card | ArtifactKind::License)
                && plan(&l.path, l.size) != Plan::Nothing
        }
    }
}

fn priority(path: &str) -> (u8, usize, String) {
    let rank = match kind_of(path) {
        ArtifactKind::Card | ArtifactKind::License => 0,
        ArtifactKind::Config | ArtifactKind::WeightsIndex => 1,
        ArtifactKind::Weights => 2,
        ArtifactKind::Tokenizer => 3,
        ArtifactKind::Code => 4,
        _ => 5,
    };
    (rank, path.matches('/').count(), path.to_string())
}

fn inventory_only(l: &Listed) -> ReleaseFile {
    ReleaseFile {
        artifact: glassbox_core::Artifact {
            path: l.path.clone(),
            size: l.size,
            kind: kind_of(&l.path),
            lfs: None,
            sha256: None,
            url: None,
        },
        local_path: None,
        content: None,
        content_truncated: false,
        head: None,
    }
}

fn limit_finding(msg: String) -> Finding {
    Finding::new(
        SourceCode::LimitReached,
        Severity::High,
        msg,
        Location::default(),
    )
}

fn limit_finding_at(msg: String, path: &str) -> Finding {
    Finding::new(
        SourceCode::LimitReached,
        Severity::Medium,
        msg,
        Location::file(path),
    )
}

/// A file as read, with the problem met reading it.
type ReadResult = (ReleaseFile, Option<Finding>);

/// One Hub file read by `Range`.
struct HubFile<'a> {
    hub: &'a Hub,
    repo: &'a RepoRef,
    url: &'a str,
    fatal: &'a Mutex<Option<SourceError>>,
}

impl RangeRead for HubFile<'_> {
    fn read_range(&self, start: u64, len: u64) -> Result<Vec<u8>, String> {
        if len == 0 {
            return Ok(Vec::new());
        }
        let http = &self.hub.http;
        let resp = http
            .fetch(
                self.url,
                Some((start, start + len - 1)),
                false,
                start + len,
                true,
            )
            .map_err(|e| self.escalate(e))?;
        match resp.status {
            206 => {
                let mut b = resp.body;
                b.truncate(len as usize);
                Ok(b)
            }
            // The server ignored Range: the prefix up to the end of the range was read.
            200 => Ok(resp
                .body
                .get(start as usize..)
                .map(<[u8]>::to_vec)
                .unwrap_or_default()),
            416 => Ok(Vec::new()),
            _ => {
                let path = self
                    .url
                    .rsplit_once("/resolve/")
                    .map(|(_, p)| p.split_once('/').map(|x| x.1).unwrap_or(p))
                    .unwrap_or(self.url);
                let e = self.hub.status_error(self.repo, &resp, Some(path));
                Err(self.escalate(e))
            }
        }
    }
}

impl HubFile<'_> {
    /// Gated and rate-limit errors stop the whole audit; others are per-file problems.
    fn escalate(&self, e: SourceError) -> String {
        let msg = e.to_string();
        if matches!(
            e,
            SourceError::Gated { .. } | SourceError::RateLimited { .. }
        ) {
            if let Ok(mut f) = self.fatal.lock() {
                f.get_or_insert(e);
            }
        }
        msg
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hf::RepoType;

    #[test]
    fn paths() {
        assert!(safe_repo_path("a/b.py"));
        for bad in [
            "",
            "/etc/passwd",
            "a/../b",
            "a//b",
            "a\\b",
            "./a",
            "a\u{0}b",
        ] {
            assert!(!safe_repo_path(bad), "{bad:?}");
        }
        assert!(is_commit(&"a".repeat(40)));
        assert!(!is_commit("main"));
    }

    #[test]
    fn priorities() {
        let mut v = vec![
            "src/train.py",
            "model-00001.safetensors",
            "config.json",
            "README.md",
        ];
        v.sort_by_key(|p| priority(p));
        assert_eq!(
            v,
            vec![
                "README.md",
                "config.json",
                "model-00001.safetensors",
                "src/train.py"
            ]
        );
    }

    #[test]
    fn hub_type_urls() {
        let hub = Hub::new(HubOptions {
            http: HttpConfig {
                endpoint: "http://127.0.0.1:9".into(),
                ..HttpConfig::default()
            },
            ..HubOptions::default()
        })
        .unwrap();
        let r = RepoRef::parse("hf:datasets/o/d").unwrap();
        assert_eq!(
            hub.file_url(&r, "c0ffee", "a b.md"),
            "http://127.0.0.1:9/datasets/o/d/resolve/c0ffee/a%20b.md"
        );
        assert_eq!(RepoType::Dataset.api(), "datasets");
    }
}
