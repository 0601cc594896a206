//! Checks a self-reported MOF record against what a release actually ships: for every component,
//! `claimed and found`, `claimed, not found`, `found, not claimed`, and `license differs`.

use glassbox_core::codes::ClaimsCode;
use glassbox_core::{Component, EvidenceSet, Finding, LicenseRef, Location, Severity, Status};

/// A claimed component the release ships.
pub const CLAIMED_AND_FOUND: ClaimsCode = ClaimsCode::ClaimFound;
/// A claimed component the release does not ship.
pub const CLAIMED_NOT_FOUND: ClaimsCode = ClaimsCode::ClaimNotFound;
/// A shipped component the record does not claim.
pub const FOUND_NOT_CLAIMED: ClaimsCode = ClaimsCode::ClaimMissing;
/// A component whose claimed license is not the one found.
pub const LICENSE_DIFFERS: ClaimsCode = ClaimsCode::ClaimLicenseDiffers;

fn locs(ev: &EvidenceSet, c: Component) -> Vec<Location> {
    ev.component(c)
        .map(|r| {
            r.evidence
                .iter()
                .take(3)
                .map(|e| e.location.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The same license, ignoring case and surrounding space (`apache-2.0` = `Apache-2.0`).
fn same(a: &LicenseRef, b: &LicenseRef) -> bool {
    a.id.trim().eq_ignore_ascii_case(b.id.trim())
}

/// True when every claimed location points elsewhere (a URL): a local audit cannot be expected to
/// find it, so not finding it weighs less.
fn claimed_elsewhere(claimed: &EvidenceSet, c: Component) -> bool {
    let l = locs(claimed, c);
    !l.is_empty()
        && l.iter().all(|l| {
            l.url
                .as_deref()
                .is_some_and(|u| u.starts_with("http://") || u.starts_with("https://"))
        })
}

/// Compares claimed evidence (from a MOF model.yml) with detected evidence, component by
/// component in MOF order. Pure.
pub fn compare_claims(claimed: &EvidenceSet, detected: &EvidenceSet) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in Component::ALL {
        let cs = claimed.status(c);
        let ds = detected.status(c);
        let mut evidence = locs(claimed, c);
        evidence.extend(locs(detected, c));
        match (cs != Status::Absent, ds) {
            (true, Status::Present) | (true, Status::Partial) => {
                let partly = if ds == Status::Partial {
                    " (only partly)"
                } else {
                    ""
                };
                out.push(Finding {
                    kind: CLAIMED_AND_FOUND.into(),
                    severity: if ds == Status::Partial {
                        Severity::Low
                    } else {
                        Severity::Info
                    },
                    message: format!("{c}: claimed and found{partly}"),
                    evidence: evidence.clone(),
                });
                match (claimed.license(c), detected.license(c)) {
                    (Some(a), Some(b)) if !same(a, b) => out.push(Finding {
                        kind: LICENSE_DIFFERS.into(),
                        severity: if b.tier.restrictiveness() > a.tier.restrictiveness() {
                            Severity::High
                        } else {
                            Severity::Medium
                        },
                        message: format!(
                            "{c}: license differs: claimed {} (tier {}), found {} (tier {})",
                            a.id,
                            a.tier.as_str(),
                            b.id,
                            b.tier.as_str()
                        ),
                        evidence: [a.source.clone(), b.source.clone()]
                            .into_iter()
                            .chain(evidence)
                            .collect(),
                    }),
                    (Some(a), None) => out.push(Finding {
                        kind: LICENSE_DIFFERS.into(),
                        severity: Severity::Medium,
                        message: format!(
                            "{c}: license differs: claimed {}, no license found in the release",
                            a.id
                        ),
                        evidence: std::iter::once(a.source.clone()).chain(evidence).collect(),
                    }),
                    (None, Some(b)) => out.push(Finding {
                        kind: LICENSE_DIFFERS.into(),
                        severity: Severity::Low,
                        message: format!(
                            "{c}: license differs: claimed unlicensed, found {}",
                            b.id
                        ),
                        evidence: std::iter::once(b.source.clone()).chain(evidence).collect(),
                    }),
                    _ => {}
                }
            }
            (true, Status::Absent) => {
                let elsewhere = claimed_elsewhere(claimed, c);
                out.push(Finding {
                    kind: CLAIMED_NOT_FOUND.into(),
                    severity: if elsewhere { Severity::Low } else { Severity::Medium },
                    message: if elsewhere {
                        format!("{c}: claimed, not found in the audited files (the claim points to another location)")
                    } else {
                        format!("{c}: claimed, not found")
                    },
                    evidence,
                });
            }
            (false, Status::Present) | (false, Status::Partial) => out.push(Finding {
                kind: FOUND_NOT_CLAIMED.into(),
                severity: Severity::Low,
                message: format!("{c}: found, not claimed"),
                evidence,
            }),
            (false, Status::Absent) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;
    use glassbox_core::Tier;
    use Component::*;

    #[test]
    fn four_outcomes() {
        let claimed = set(&[
            (ModelParametersFinal, Some(lic("Apache-2.0", Tier::P))),
            (TrainingCode, Some(lic("MIT", Tier::P))),
            (ModelCard, None),
        ]);
        let detected = set(&[
            (
                ModelParametersFinal,
                Some(lic("LicenseRef-Llama-3.1", Tier::R)),
            ),
            (ModelCard, None),
            (InferenceCode, Some(lic("MIT", Tier::P))),
        ]);
        let f = compare_claims(&claimed, &detected);
        let msgs: Vec<_> = f
            .iter()
            .map(|f| (f.kind, f.message.as_str(), f.severity))
            .collect();
        assert!(msgs.contains(&(
            CLAIMED_AND_FOUND.into(),
            "Model parameters (Final): claimed and found",
            Severity::Info
        )));
        assert!(msgs.iter().any(|(k, m, s)| *k == LICENSE_DIFFERS
            && m.contains(
                "license differs: claimed Apache-2.0 (tier P), found LicenseRef-Llama-3.1"
            )
            && *s == Severity::High));
        assert!(msgs.contains(&(
            CLAIMED_NOT_FOUND.into(),
            "Training code: claimed, not found",
            Severity::Medium
        )));
        assert!(msgs.contains(&(
            FOUND_NOT_CLAIMED.into(),
            "Inference code: found, not claimed",
            Severity::Low
        )));
        assert!(msgs.contains(&(
            CLAIMED_AND_FOUND.into(),
            "Model card: claimed and found",
            Severity::Info
        )));
        assert_eq!(f.len(), 5);
    }

    #[test]
    fn case_only_license_difference_is_not_a_difference() {
        let claimed = set(&[(ModelCard, Some(lic("apache-2.0", Tier::P)))]);
        let detected = set(&[(ModelCard, Some(lic("Apache-2.0", Tier::P)))]);
        assert_eq!(compare_claims(&claimed, &detected).len(), 1);
    }
}
