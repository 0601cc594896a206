//! Which targets the catalog accepts, and the stable id of the release each one names.
//!
//! A target reaches only the Hub, a public `https://` git host, or a folder the operator allowed
//! (`--allow-local`): the same rules as the card links an audit follows, so a submitted target
//! cannot make the server read its own disk or reach a private network.

use std::net::ToSocketAddrs;
use std::path::{Path, PathBuf};

use glassbox_sources::follow::{check_git_link, non_public_ip};

/// Longest target accepted.
pub const MAX_TARGET: usize = 512;

/// A target the catalog accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The target as the audit will be given it (local paths made absolute).
    pub spec: String,
    /// The release id: stable, URL-safe, the same for every revision.
    pub release: String,
}

/// Checks a submitted target and names its release; the error says what is wrong.
pub fn accept(raw: &str, allow_local: &[PathBuf]) -> Result<Accepted, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err("the target is empty".into());
    }
    if t.len() > MAX_TARGET || t.chars().any(char::is_control) {
        return Err(format!(
            "the target is longer than {MAX_TARGET} bytes or has control characters"
        ));
    }
    if let Some(rest) = t.strip_prefix("hf:") {
        return hub(rest).map(|release| Accepted {
            spec: t.to_string(),
            release,
        });
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return git(t);
    }
    if lower.contains("://") || lower.starts_with("hf-cache:") {
        return Err(
            "only hf:ORG/NAME[@REV], https:// git repositories and allowed local folders are audited"
                .into(),
        );
    }
    local(t, allow_local)
}

fn id_part_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 96
        && !s.starts_with(['.', '-'])
        && !s.contains("..")
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `ORG/NAME[@REV]` → `ORG--NAME`.
fn hub(rest: &str) -> Result<String, String> {
    let (id, rev) = match rest.split_once('@') {
        Some((id, rev)) => (id, Some(rev)),
        None => (rest, None),
    };
    let bad = || format!("`hf:{rest}` is not a Hub id: expected hf:ORG/NAME[@REVISION]");
    let (org, name) = id.split_once('/').ok_or_else(bad)?;
    if !id_part_ok(org) || !id_part_ok(name) {
        return Err(bad());
    }
    if let Some(rev) = rev {
        let ok = !rev.is_empty()
            && rev.len() <= 128
            && !rev.contains("..")
            && rev
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
        if !ok {
            return Err(bad());
        }
    }
    Ok(format!("{org}--{name}"))
}

/// `https://host/org/repo[.git]` on a public host → `git--HOST--org--repo`.
fn git(url: &str) -> Result<Accepted, String> {
    check_git_link(url)?;
    let rest = &url["https://".len()..];
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if authority.contains('@') {
        return Err("credentials in a target URL are not accepted".into());
    }
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(h, _)| h)
        .to_ascii_lowercase();
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.is_empty() || segs.iter().any(|s| !id_part_ok(s.trim_end_matches(".git"))) {
        return Err(format!(
            "`{url}` does not name a repository (https://host/org/repo.git)"
        ));
    }
    // The host must not resolve to a private address now; the clone checks again when it
    // connects (a name that resolves nowhere is left to the audit to report).
    if let Ok(addrs) = (host.as_str(), 443).to_socket_addrs() {
        for a in addrs {
            if non_public_ip(a.ip()) {
                return Err(format!("`{host}` resolves to a non-public address"));
            }
        }
    }
    let mut release = format!("git--{}", host.replace(':', "-"));
    for s in &segs {
        release.push_str("--");
        release.push_str(s.trim_end_matches(".git"));
    }
    Ok(Accepted {
        spec: url.to_string(),
        release,
    })
}

/// A folder inside one of the allowed folders → `local--NAME--DIGEST`.
fn local(t: &str, allow_local: &[PathBuf]) -> Result<Accepted, String> {
    if allow_local.is_empty() {
        return Err("local paths are not audited by this server (see --allow-local)".into());
    }
    let path = Path::new(t)
        .canonicalize()
        .map_err(|_| format!("`{t}` is not a folder the server can read"))?;
    // Both sides canonical: `..` and symbolic links cannot lead outside.
    let inside = allow_local
        .iter()
        .filter_map(|d| d.canonicalize().ok())
        .any(|d| path.starts_with(&d));
    if !inside {
        return Err(format!(
            "`{t}` is outside the folders allowed by --allow-local"
        ));
    }
    let name: String = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    use sha2::Digest;
    let digest = sha2::Sha256::digest(path.to_string_lossy().as_bytes());
    let spec = path.to_string_lossy().into_owned();
    Ok(Accepted {
        spec,
        release: format!("local--{name}--{:x}", digest)[..("local--".len() + name.len() + 10)]
            .to_string(),
    })
}

/// Whether a release id is one this server could have made (checked before any lookup).
pub fn release_id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 300
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_ids_name_their_release() {
        let a = accept("hf:org/model@main", &[]).unwrap();
        assert_eq!(a.release, "org--model");
        assert_eq!(accept(" hf:org/model ", &[]).unwrap().spec, "hf:org/model");
        for bad in [
            "hf:org",
            "hf:/x",
            "hf:org/../x",
            "hf:org/x@",
            "hf:o/x@a..b",
            "hf:o/x y",
        ] {
            assert!(accept(bad, &[]).is_err(), "{bad}");
        }
    }

    #[test]
    fn private_and_file_urls_are_refused() {
        for bad in [
            "file:///etc/passwd",
            "http://github.com/o/r.git",
            "https://127.0.0.1/o/r.git",
            "https://10.1.2.3/o/r.git",
            "https://localhost/o/r.git",
            "https://intranet.corp/o/r.git",
            "https://[::1]/o/r.git",
            "https://user:pw@github.com/o/r.git",
            "https://github.com/",
            "hf-cache:org/x",
        ] {
            assert!(accept(bad, &[]).is_err(), "{bad}");
        }
    }

    #[test]
    fn local_paths_need_an_allowed_folder() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("model");
        std::fs::create_dir(&inside).unwrap();
        let spec = inside.to_string_lossy().to_string();
        assert!(accept(&spec, &[]).is_err());
        let other = tempfile::tempdir().unwrap();
        assert!(accept(&spec, &[other.path().to_path_buf()]).is_err());
        let escape = format!("{}/../..", spec);
        assert!(accept(&escape, &[dir.path().to_path_buf()]).is_err());
        let a = accept(&spec, &[dir.path().to_path_buf()]).unwrap();
        assert!(a.release.starts_with("local--model--"), "{}", a.release);
        assert!(release_id_ok(&a.release));
    }
}
