//! The columns the catalog lists, read from a report with the report crate's own view (the
//! same MOF class and OSAID outcome the rendered report shows).

use glassbox_core::{Component, Report};
use glassbox_report::view;

/// A report's catalog row.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Stable release id.
    pub release: String,
    /// The target audited.
    pub target: String,
    /// Resolved revision, or a digest of the inventory when the source has none.
    pub revision: String,
    /// Seed category.
    pub category: String,
    /// `Class I`, `Class II`, `Class III` or `none`.
    pub mof_class: String,
    /// `pass`, `fail` or `unknown`.
    pub osaid: String,
    /// License ids found, sorted, without repeats.
    pub licenses: Vec<String>,
    /// The weights' license tier, `none` without one.
    pub tier: String,
    /// Files of the release, sorted.
    pub files: Vec<String>,
}

/// The summary of a report audited from `target` as `release`.
pub fn summarize(release: &str, target: &str, r: &Report) -> Summary {
    let frameworks = view::frameworks(r);
    let mof_class = view::mof_class(&frameworks)
        .map_or("none".to_string(), |c| view::mof_class_name(c).to_string());
    let osaid = match view::osaid_passes(&frameworks) {
        Some(true) => "pass",
        Some(false) => "fail",
        None => "unknown",
    };
    let mut licenses: Vec<String> = r.evidence.licenses.iter().map(|l| l.id.clone()).collect();
    licenses.sort();
    licenses.dedup();
    let tier = r
        .evidence
        .components
        .iter()
        .find(|c| c.component == Component::ModelParametersFinal)
        .and_then(|c| c.license.as_ref())
        .map_or("none", |l| l.tier.as_str());
    let mut files: Vec<String> = r
        .evidence
        .artifacts
        .iter()
        .map(|a| a.path.clone())
        .collect();
    files.sort();
    files.dedup();
    let revision = r.target.revision.clone().unwrap_or_else(|| {
        // A local folder has no commit: its inventory (paths, sizes, hashes) stands for one.
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for a in &r.evidence.artifacts {
            h.update(a.path.as_bytes());
            h.update(a.size.to_le_bytes());
            h.update(a.sha256.as_deref().unwrap_or("").as_bytes());
        }
        format!("inventory-{:x}", h.finalize())[..26].to_string()
    });
    Summary {
        release: release.to_string(),
        target: target.to_string(),
        revision,
        category: r.verdicts.seed.category.as_str().to_string(),
        mof_class,
        osaid: osaid.to_string(),
        licenses,
        tier: tier.to_string(),
        files,
    }
}
