//! Where evidence is: Hub links for a report's target, location labels.

use glassbox_core::{Location, Report};

use crate::escape;

/// A Hugging Face Hub repository and revision named by a report's target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubRef {
    /// `org/name` (or `name` for legacy repos without an organisation).
    pub repo: String,
    /// The resolved commit or the revision asked for.
    pub revision: Option<String>,
}

impl HubRef {
    /// The organisation part, when there is one.
    pub fn org(&self) -> Option<&str> {
        self.repo.split_once('/').map(|(o, _)| o)
    }
    /// The name part.
    pub fn name(&self) -> &str {
        self.repo
            .split_once('/')
            .map(|(_, n)| n)
            .unwrap_or(&self.repo)
    }
    /// The repository page.
    pub fn url(&self) -> String {
        format!("https://huggingface.co/{}", self.repo)
    }
    /// A link to a file (and line) of the repository at its revision.
    pub fn file_url(&self, path: &str, line: Option<u32>) -> String {
        let rev = self.revision.as_deref().unwrap_or("main");
        let mut u = format!(
            "{}/blob/{}/{}",
            self.url(),
            escape::uri_path(rev),
            escape::uri_path(path)
        );
        if let Some(l) = line {
            u.push_str(&format!("#L{l}"));
        }
        u
    }
}

/// The Hub repository a report is about, when its target is a Hub release (`kind == "hf"`).
pub fn hub_ref(report: &Report) -> Option<HubRef> {
    let t = &report.target;
    if t.kind != "hf" {
        return None;
    }
    let spec = t.spec.trim();
    let spec = spec.strip_prefix("hf:").unwrap_or(spec);
    let spec = spec.strip_prefix("https://huggingface.co/").unwrap_or(spec);
    let (repo, rev) = match spec.split_once('@') {
        Some((r, v)) => (r, Some(v.to_string())),
        None => (spec, None),
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.len() <= 96
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !s.starts_with('.')
    };
    let parts: Vec<&str> = repo.split('/').collect();
    if parts.is_empty() || parts.len() > 2 || !parts.iter().all(|p| valid(p)) {
        return None;
    }
    Some(HubRef {
        repo: repo.to_string(),
        revision: t.revision.clone().or(rev),
    })
}

/// A link for a location: its own URL when safe, else a Hub file link for Hub releases.
pub fn location_url(report: &Report, loc: &Location) -> Option<String> {
    if let Some(u) = loc.url.as_deref().and_then(escape::safe_url) {
        return Some(u.to_string());
    }
    let path = loc.path.as_deref()?;
    hub_ref(report).map(|h| h.file_url(path, loc.line))
}

/// A location as short plain text (`path:line [field]`), without its URL.
pub fn location_label(loc: &Location) -> String {
    let mut s = String::new();
    if let Some(p) = &loc.path {
        s.push_str(p);
        if let Some(l) = loc.line {
            s.push_str(&format!(":{l}"));
        }
    }
    if let Some(f) = &loc.field {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("[{f}]"));
    }
    if s.is_empty() {
        if let Some(u) = &loc.url {
            s.push_str(u);
        }
    }
    if s.is_empty() {
        s.push_str("(release)");
    }
    s
}

/// Where a location is, without the field that explains it: `README.md:1396`, or the URL.
pub fn place(at: &glassbox_core::Location) -> String {
    glassbox_core::Location {
        field: None,
        ..at.clone()
    }
    .to_string()
}
