//! What the judgement needs from an audit report, small enough to keep in the lock file so that
//! a model whose revision did not move is judged again (under a changed policy, too) without
//! auditing it again.

use glassbox_core::{Component, Report, SeedCategory, Severity, Tier};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A license of the parts of a release a user runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    /// SPDX or Hub id (`apache-2.0`, `llama3.1`, `none`).
    pub id: String,
    /// Its tier.
    pub tier: Tier,
}

/// A serialisation-safety finding kind at its highest severity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanFinding {
    /// Finding kind (`unsafe-pickle`, …).
    pub kind: String,
    /// Highest severity of that kind.
    pub severity: Severity,
}

/// The audited facts a policy judges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Facts {
    /// The seed category.
    pub category: SeedCategory,
    /// Licenses of the weights, the architecture and the inference code (what a user of the
    /// model runs); `none` when the weights have no license.
    pub licenses: Vec<License>,
    /// MOF class (Model Openness Tool rules): 1, 2, 3, or 0 for no class.
    pub mof_class: u8,
    /// The OSAID verdict, when the audit gave one.
    pub osaid: Option<bool>,
    /// Security findings of the scan, one per kind.
    pub scan: Vec<ScanFinding>,
}

/// The components whose terms bind someone who uses the model.
const USED: [Component; 4] = [
    Component::ModelParametersFinal,
    Component::ModelParametersIntermediate,
    Component::ModelArchitecture,
    Component::InferenceCode,
];

impl Facts {
    /// Takes the facts from an audit report.
    pub fn from_report(r: &Report) -> Facts {
        let mut licenses: Vec<License> = USED
            .iter()
            .filter_map(|c| r.evidence.license(*c))
            .map(|l| License {
                id: l.id.clone(),
                tier: l.tier,
            })
            .collect();
        if r.evidence
            .license(Component::ModelParametersFinal)
            .is_none()
        {
            licenses.push(License {
                id: "none".into(),
                tier: Tier::None,
            });
        }
        licenses.sort_by(|a, b| {
            a.id.cmp(&b.id)
                .then(a.tier.restrictiveness().cmp(&b.tier.restrictiveness()))
        });
        licenses.dedup();
        let frameworks = glassbox_report::view::frameworks(r);
        let mof_class = glassbox_report::view::mof_class(&frameworks).unwrap_or(0);
        let osaid = glassbox_report::view::osaid_passes(&frameworks);
        let mut scan: Vec<ScanFinding> = Vec::new();
        for f in r
            .evidence
            .findings
            .iter()
            .filter(|f| glassbox_report::view::is_security(f))
        {
            match scan.iter_mut().find(|s| s.kind == f.kind.id()) {
                Some(s) => s.severity = s.severity.max(f.severity),
                None => scan.push(ScanFinding {
                    kind: f.kind.to_string(),
                    severity: f.severity,
                }),
            }
        }
        scan.sort();
        Facts {
            category: r.verdicts.seed.category,
            licenses,
            mof_class,
            osaid,
            scan,
        }
    }

    /// `sha256:…` of the facts' canonical JSON: what the lock file records as the verdict's
    /// digest, so an edited lock entry is noticed and audited again.
    pub fn digest(&self) -> String {
        // Serialising plain structs of strings and numbers cannot fail.
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let hash = Sha256::digest(&bytes);
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_come_from_the_report() {
        let r = glassbox_report::sample::restricted_local();
        let f = Facts::from_report(&r);
        assert_eq!(f.category, r.verdicts.seed.category);
        assert!(!f.licenses.is_empty());
        assert!(
            f.scan
                .iter()
                .any(|s| s.kind == "unsafe-global" && s.severity == Severity::Critical),
            "{f:?}"
        );
        let d = f.digest();
        assert!(d.starts_with("sha256:") && d.len() == 71);
        let mut g = f.clone();
        g.mof_class = 3 - g.mof_class.min(3) + 1;
        assert_ne!(g.digest(), d);
    }
}
