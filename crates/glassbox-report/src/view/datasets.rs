//! Datasets a release names or ships, read from a component's evidence.

use glassbox_core::{Component, Report, Status};

use crate::escape;

/// A dataset a release names or ships, read from one component's evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetRef {
    /// A display name: the Hub id for Hub datasets, else the URL, path or evidence detail.
    pub name: String,
    /// Where it can be obtained (`http(s)` only).
    pub url: Option<String>,
    /// A shipped data file.
    pub path: Option<String>,
    /// `present` or `partial`.
    pub status: Status,
}

/// The datasets behind one data component (`Datasets` for training, `Evaluation data` for
/// testing), one per distinct piece of evidence that is not `absent`.
pub fn datasets(report: &Report, component: Component) -> Vec<DatasetRef> {
    let mut out: Vec<DatasetRef> = Vec::new();
    let Some(c) = report.evidence.component(component) else {
        return out;
    };
    for e in c.evidence.iter().filter(|e| e.status != Status::Absent) {
        let url = e
            .location
            .url
            .as_deref()
            .and_then(escape::safe_url)
            .map(str::to_string);
        let name = url
            .as_deref()
            .and_then(hub_dataset_id)
            .or_else(|| url.clone())
            .or_else(|| {
                e.location
                    .path
                    .clone()
                    .filter(|_| e.location.field.is_none())
            })
            .or_else(|| quoted(&e.detail));
        let Some(name) = name else { continue };
        if out.iter().any(|d| d.name == name) {
            continue;
        }
        let path = e
            .location
            .path
            .clone()
            .filter(|_| e.location.field.is_none() && e.location.url.is_none());
        out.push(DatasetRef {
            name,
            url,
            path,
            status: e.status,
        });
    }
    out
}

/// The first `backtick-quoted` token of a detail sentence (detectors quote dataset ids so).
fn quoted(detail: &str) -> Option<String> {
    let start = detail.find('`')? + 1;
    let len = detail[start..].find('`')?;
    let id = detail[start..start + len].trim();
    (!id.is_empty() && id.len() <= 200).then(|| id.to_string())
}

/// The license of one dataset when a license finding names it (`… [dataset ORG/NAME]`).
pub fn dataset_license<'a>(
    report: &'a Report,
    name: &str,
) -> Option<&'a glassbox_core::LicenseFinding> {
    let tag = format!("[dataset {name}]");
    report
        .evidence
        .licenses
        .iter()
        .find(|l| l.source.contains(&tag))
}

/// `https://huggingface.co/datasets/org/name[/…]` → `org/name`.
pub(super) fn hub_dataset_id(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://huggingface.co/datasets/")?;
    let parts: Vec<&str> = rest
        .split(['/', '?', '#'])
        .take(2)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}
