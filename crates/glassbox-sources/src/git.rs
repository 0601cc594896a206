//! Git repositories as a source, with `gix`: a release is the tree of one commit, read from the
//! object database (never checked out, so nothing from the repository is written as files and
//! no symlink in it is followed). Remote URLs are cloned shallow (depth 1) and bare into
//! glassbox's cache folder, bounded in size; a local clone (bare or with a worktree) is read
//! where it is. The commit is recorded as `TargetInfo.revision`.

use glassbox_core::codes::SourceCode;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use glassbox_core::{Artifact, Finding, Location, Severity, TargetInfo};

use crate::classify::kind_of;
use crate::hf::read::{plan, read_file, InMemory, Plan};
use crate::net::git_http::{self, HttpPolicy};
use crate::net::Net;
use crate::release::{Limits, Release, ReleaseFile, SourceError};

/// Git source settings.
#[derive(Debug, Clone)]
pub struct GitOptions {
    /// Where clones are kept (`$XDG_CACHE_HOME/glassbox/git`, else `~/.cache/glassbox/git`).
    pub cache_dir: Option<PathBuf>,
    /// Largest clone on disk; the fetch is interrupted beyond it.
    pub max_clone_bytes: u64,
    /// Largest blob read into memory (weights headers come from blobs up to this size).
    pub max_blob_bytes: u64,
    /// No network: only clones already in the cache folder are used.
    pub offline: bool,
    /// Longest wait for a TCP (and TLS) connection to an HTTP(S) remote.
    pub connect_timeout: Duration,
    /// Longest wait for the server's answer and then for each read of it, so a server that
    /// stops answering ends the clone rather than hanging it.
    pub read_timeout: Duration,
    /// The URL comes from a release (a card link), not from the user: no redirect is followed
    /// and a host resolving to a non-public address is refused when connecting.
    pub card_link: bool,
    /// Trusted CAs and proxies for HTTP(S) remotes.
    pub net: Net,
    /// Where clones say what they are doing.
    pub progress: glassbox_core::progress::Progress,
}

impl Default for GitOptions {
    fn default() -> Self {
        GitOptions {
            cache_dir: default_cache_dir(),
            max_clone_bytes: 512 << 20,
            max_blob_bytes: 64 << 20,
            offline: false,
            connect_timeout: Duration::from_secs(20),
            read_timeout: Duration::from_secs(60),
            card_link: false,
            net: Net::default(),
            progress: Default::default(),
        }
    }
}

/// `$XDG_CACHE_HOME/glassbox/git`, else `~/.cache/glassbox/git`.
pub fn default_cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    env("XDG_CACHE_HOME")
        .map(|x| x.join("glassbox").join("git"))
        .or_else(|| env("HOME").map(|h| h.join(".cache").join("glassbox").join("git")))
}

/// Whether a target names a git remote: `https://…`, `http://…`, `git://…`, `ssh://…`,
/// `file://…` or anything ending in `.git` that is not a folder on disk.
pub fn is_git_url(spec: &str) -> bool {
    let lower = spec.to_ascii_lowercase();
    ["https://", "http://", "git://", "ssh://", "file://"]
        .iter()
        .any(|p| lower.starts_with(p))
        || ((lower.ends_with(".git") || lower.ends_with(".git/")) && !Path::new(spec).exists())
}

/// Whether a folder is a git repository (bare, or a worktree with `.git`).
pub fn is_repository(path: &Path) -> bool {
    path.join(".git").exists()
        || (path.join("HEAD").is_file()
            && path.join("objects").is_dir()
            && path.join("refs").is_dir())
}

/// The HEAD commit of a local repository.
pub fn head_commit(path: &Path) -> Result<String, SourceError> {
    let repo = open_repo(path)?;
    let id = repo.head_id().map_err(|e| git_err(path.display(), e))?;
    Ok(id.to_string())
}

fn open_repo(path: &Path) -> Result<gix::Repository, SourceError> {
    gix::open_opts(path, gix::open::Options::isolated()).map_err(|e| git_err(path.display(), e))
}

fn git_err(what: impl std::fmt::Display, e: impl std::fmt::Display) -> SourceError {
    SourceError::Git {
        what: what.to_string(),
        reason: e.to_string(),
    }
}

/// Opens a target that names a git repository: a URL (cloned) or a local repository path.
pub fn open(spec: &str, opts: &GitOptions, limits: &Limits) -> Result<Release, SourceError> {
    if is_git_url(spec) && !Path::new(spec).is_dir() {
        let dir = clone(spec, opts)?;
        let mut rel = open_tree(spec, &dir, limits, opts)?;
        rel.target.name = display_name(spec);
        if let Some(commit) = rel.target.revision.clone() {
            let base = web_base(spec);
            for f in &mut rel.files {
                let path = crate::hf::repo::encode_path(&f.artifact.path);
                // Hosts without a known web view get the SPDX VCS form, which still names
                // the repository, the commit and the file.
                f.artifact.url = Some(match &base {
                    Some(base) => format!("{base}/blob/{commit}/{path}"),
                    None => format!("git+{}@{commit}#{path}", without_userinfo(spec)),
                });
            }
        }
        return Ok(rel);
    }
    open_tree(spec, Path::new(spec), limits, opts)
}

fn display_name(spec: &str) -> String {
    let s = spec.trim_end_matches('/');
    let s = s.strip_suffix(".git").unwrap_or(s);
    let parts: Vec<&str> = s.rsplit('/').take(2).collect();
    parts.into_iter().rev().collect::<Vec<_>>().join("/")
}

/// `scheme://host/…` without any `user:password@` part, so credentials never reach a report.
fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find('/').unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

fn web_base(url: &str) -> Option<String> {
    let (host, _) = crate::net::http::authority(url)?;
    if !url.starts_with("https://")
        || !matches!(host.as_str(), "github.com" | "gitlab.com" | "codeberg.org")
    {
        return None;
    }
    let s = url.trim_end_matches('/');
    Some(s.strip_suffix(".git").unwrap_or(s).to_string())
}

/// A folder name for a URL's clone: readable prefix plus a hash of the whole URL.
fn clone_folder_name(url: &str) -> String {
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(url.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let readable: String = display_name(url)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    format!("{readable}-{hash}")
}

/// The commit `HEAD` of an `http(s)` remote names now, without fetching anything: the catalog
/// asks before a re-audit and skips it when that commit is audited already. Same network rules
/// as [`clone`] (TLS, proxies, timeouts, redirects checked hop by hop, private addresses refused
/// for card links and for every host but the one named).
pub fn remote_head(url: &str, opts: &GitOptions) -> Result<String, SourceError> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(git_err(url, "only http(s) remotes are asked for HEAD"));
    }
    if opts.offline {
        return Err(git_err(url, "offline"));
    }
    let policy = HttpPolicy {
        connect_timeout: opts.connect_timeout,
        read_timeout: opts.read_timeout,
        card_link: opts.card_link,
        net: opts.net.clone(),
        proxied: opts.net.proxy_for(url).is_some(),
        named_host: (!opts.card_link)
            .then(|| url::Url::parse(url).ok()?.host_str().map(str::to_string))
            .flatten(),
    };
    git_http::remote_head(url, &policy).map_err(|e| SourceError::Git {
        what: url.into(),
        reason: format!("asking for HEAD failed: {}", git_http::plain(&e, &policy)),
    })
}

/// Shallow, bare clone of `url` into the cache folder; returns the clone's path.
pub fn clone(url: &str, opts: &GitOptions) -> Result<PathBuf, SourceError> {
    let cache = opts.cache_dir.clone().ok_or_else(|| SourceError::Git {
        what: url.into(),
        reason: "no cache folder (set XDG_CACHE_HOME or HOME)".into(),
    })?;
    let dest = cache.join(clone_folder_name(url));
    if opts.offline {
        return if dest.join("HEAD").is_file() {
            Ok(dest)
        } else {
            Err(SourceError::Git {
                what: url.into(),
                reason: format!("offline and no clone in {}", cache.display()),
            })
        };
    }
    std::fs::create_dir_all(&cache).map_err(|e| SourceError::Io {
        path: cache.display().to_string(),
        source: e,
    })?;
    let tmp = cache.join(format!(
        ".{}.tmp-{}",
        clone_folder_name(url),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&tmp);

    let interrupt = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));
    let too_big = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (interrupt, done, too_big, tmp, max) = (
            interrupt.clone(),
            done.clone(),
            too_big.clone(),
            tmp.clone(),
            opts.max_clone_bytes,
        );
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if dir_size(&tmp, 100_000) > max {
                    too_big.store(true, Ordering::Relaxed);
                    interrupt.store(true, Ordering::Relaxed);
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    let is_http = {
        let lower = url.to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    };
    let mut policy = HttpPolicy {
        connect_timeout: opts.connect_timeout,
        read_timeout: opts.read_timeout,
        card_link: opts.card_link,
        net: opts.net.clone(),
        proxied: opts.net.proxy_for(url).is_some(),
        named_host: None,
    };
    let mut from = url.to_string();
    if is_http && !opts.card_link {
        policy.named_host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string));
        if policy.named_host.is_some() {
            from = git_http::resolve_redirects(url, &policy).map_err(|e| {
                done.store(true, Ordering::Relaxed);
                SourceError::Git {
                    what: url.into(),
                    reason: format!("clone failed: {}", git_http::plain(&e, &policy)),
                }
            })?;
        }
    }
    opts.progress
        .working_on(&format!("cloning {}", without_userinfo(url)));
    let result = (|| -> Result<(), gix::Error> {
        let mut prep = gix::prepare_clone_bare(from.as_str(), &tmp)?;
        prep = prep.with_shallow(gix::remote::fetch::Shallow::DepthAtRemote(
            NonZeroU32::new(1).expect("1 > 0"),
        ));
        if is_http {
            let policy = policy.clone();
            prep = prep.configure_connection(move |conn| {
                conn.set_transport_options(git_http::transport_options(policy.clone()));
                Ok(())
            });
        }
        prep.fetch_only(gix::progress::Discard, &interrupt)?;
        Ok(())
    })()
    .map_err(|e| git_http::describe(&e, &policy));
    done.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    if too_big.load(Ordering::Relaxed) || dir_size(&tmp, 100_000) > opts.max_clone_bytes {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(SourceError::Git {
            what: url.into(),
            reason: format!("clone larger than {} bytes; stopped", opts.max_clone_bytes),
        });
    }
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(SourceError::Git {
            what: url.into(),
            reason: format!("clone failed: {e}"),
        });
    }
    let _ = std::fs::remove_dir_all(&dest);
    std::fs::rename(&tmp, &dest).map_err(|e| SourceError::Io {
        path: dest.display().to_string(),
        source: e,
    })?;
    Ok(dest)
}

/// Total size of files under `dir`, counting at most `max_entries` entries.
fn dir_size(dir: &Path, max_entries: usize) -> u64 {
    let mut total = 0u64;
    let mut seen = 0usize;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            seen += 1;
            if seen > max_entries {
                return u64::MAX;
            }
            let Ok(m) = e.metadata() else { continue };
            if m.is_dir() {
                stack.push(e.path());
            } else {
                total += m.len();
            }
        }
    }
    total
}

/// The release of a repository's HEAD commit, read from its object database.
pub fn open_tree(
    spec: &str,
    path: &Path,
    limits: &Limits,
    opts: &GitOptions,
) -> Result<Release, SourceError> {
    let repo = open_repo(path)?;
    let commit = repo
        .head_commit()
        .map_err(|e| git_err(spec, format!("no HEAD commit: {e}")))?;
    let commit_id = commit.id.to_string();
    let tree = commit.tree().map_err(|e| git_err(spec, e))?;
    let mut problems = Vec::new();
    let mut entries: Vec<(String, gix::ObjectId)> = Vec::new();
    let mut stack = vec![(tree.id, String::new(), 0usize)];
    let mut limit_hit = false;
    while let Some((tree_id, prefix, depth)) = stack.pop() {
        // A folder whose tree object is absent (a partial snapshot) is a finding, not the end
        // of the audit: the rest of the commit is still read.
        let tree = match repo.try_find_object(tree_id) {
            Ok(Some(obj)) => obj.try_into_tree().map_err(|e| git_err(spec, e))?,
            Ok(None) if !prefix.is_empty() => {
                problems.push(missing_object(&prefix, tree_id, "folder's tree"));
                continue;
            }
            Ok(None) => return Err(git_err(spec, format!("root tree {tree_id} is absent"))),
            Err(e) if !prefix.is_empty() => {
                problems.push(unreadable_object(&prefix, e));
                continue;
            }
            Err(e) => return Err(git_err(spec, e)),
        };
        for entry in tree.iter() {
            let entry = entry.map_err(|e| git_err(spec, e))?;
            let name = String::from_utf8_lossy(entry.filename()).into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            let mode = entry.mode();
            if mode.is_tree() {
                if depth + 1 > limits.max_depth {
                    problems.push(Finding::new(
                        SourceCode::LimitReached,
                        Severity::Medium,
                        format!(
                            "folder nesting deeper than {} levels; not descended",
                            limits.max_depth
                        ),
                        Location::file(&rel),
                    ));
                } else {
                    stack.push((entry.object_id(), rel, depth + 1));
                }
            } else if mode.is_link() {
                problems.push(Finding::new(
                    SourceCode::SymlinkSkipped,
                    Severity::Low,
                    "symbolic link in the repository; not followed",
                    Location::file(&rel),
                ));
            } else if mode.is_blob() {
                if entries.len() >= limits.max_files {
                    if !limit_hit {
                        problems.push(Finding::new(
                            SourceCode::LimitReached,
                            Severity::High,
                            format!(
                                "more than {} files; the rest were not inventoried",
                                limits.max_files
                            ),
                            Location::file(&rel),
                        ));
                        limit_hit = true;
                    }
                    continue;
                }
                entries.push((rel, entry.object_id()));
            }
            // Submodules (commit entries) name other repositories; they are not fetched.
        }
    }
    entries.sort();
    let counter = AtomicU64::new(0);
    let mut files = Vec::with_capacity(entries.len());
    for (rel, oid) in entries {
        // Snapshots and partial clones may lack some blobs (large files left out): the file
        // stays in the inventory by its path alone, with a finding, and the audit goes on.
        let size = match repo.try_find_header(oid) {
            Ok(Some(h)) => h.size(),
            Ok(None) => {
                problems.push(missing_object(&rel, oid, "blob"));
                files.push(by_name_only(&rel));
                continue;
            }
            Err(e) => {
                problems.push(unreadable_object(&rel, e));
                files.push(by_name_only(&rel));
                continue;
            }
        };
        let (file, problem) = if plan(&rel, size) == Plan::Nothing {
            read_file(&rel, size, &InMemory(&[]), limits, &counter)?
        } else if size > opts.max_blob_bytes && plan(&rel, size) == Plan::WeightsHead {
            let mut r = read_file(&rel, size, &InMemory(&[]), limits, &counter)?;
            r.0.head = None;
            r.1 = Some(Finding::new(
                SourceCode::LimitReached,
                Severity::Low,
                format!(
                    "weights blob larger than {} bytes; header not read",
                    opts.max_blob_bytes
                ),
                Location::file(&rel),
            ));
            r
        } else {
            match repo.try_find_object(oid) {
                Ok(Some(obj)) => {
                    let data = obj.detach().data;
                    read_file(&rel, size, &InMemory(&data), limits, &counter)?
                }
                Ok(None) => (by_name_only(&rel), Some(missing_object(&rel, oid, "blob"))),
                Err(e) => (by_name_only(&rel), Some(unreadable_object(&rel, e))),
            }
        };
        if let Some(p) = problem {
            problems.push(p);
        }
        files.push(file);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().trim_end_matches(".git").to_string())
        .unwrap_or_else(|| spec.to_string());
    Ok(Release {
        target: TargetInfo {
            spec: spec.to_string(),
            kind: "git".into(),
            name,
            revision: Some(commit_id),
        },
        root: None,
        files,
        bytes_read: counter.into_inner(),
        problems,
    })
}

/// A blob or tree named by the commit's tree but absent from the object database.
fn missing_object(rel: &str, oid: gix::ObjectId, what: &str) -> Finding {
    Finding::new(
        SourceCode::MissingObject,
        Severity::Medium,
        format!(
            "the {what} {oid} is absent from the object database (a partial clone or snapshot); \
             its content could not be read"
        ),
        Location::file(rel),
    )
}

/// An object the database holds but could not decode (a damaged pack or loose object).
fn unreadable_object(rel: &str, e: impl std::fmt::Display) -> Finding {
    Finding::new(
        SourceCode::UnreadableFile,
        Severity::Medium,
        format!("cannot read the git object: {e}"),
        Location::file(rel),
    )
}

/// A file known only from the tree: its path and its kind by name; size 0 stands for unknown.
fn by_name_only(rel: &str) -> ReleaseFile {
    ReleaseFile {
        artifact: Artifact {
            path: rel.to_string(),
            size: 0,
            kind: kind_of(rel),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_detection() {
        assert!(is_git_url("https://github.com/o/r"));
        assert!(is_git_url("/nonexistent/x.git"));
        assert!(!is_git_url("hf:o/n"));
        assert!(!is_git_url("./folder"));
        assert_eq!(display_name("https://github.com/o/r.git"), "o/r");
        assert_eq!(
            web_base("https://github.com/o/r.git").unwrap(),
            "https://github.com/o/r"
        );
        assert_eq!(web_base("http://127.0.0.1/o/r.git"), None);
        assert!(clone_folder_name("https://github.com/o/r.git").starts_with("o_r-"));
        assert_eq!(
            without_userinfo("https://u:secret@host.example/o/r.git"),
            "https://host.example/o/r.git"
        );
        assert_eq!(
            without_userinfo("http://127.0.0.1:9/o/r@x.git"),
            "http://127.0.0.1:9/o/r@x.git"
        );
    }
}
