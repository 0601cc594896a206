//! Evidence into one report per component: the best status, the most restrictive license,
//! evidence strongest first.

use glassbox_core::{Component, ComponentReport, Evidence, LicenseRef, Status};

pub(crate) fn components(
    mut evidence: Vec<Evidence>,
    licenses: &[(Component, LicenseRef)],
) -> Vec<ComponentReport> {
    evidence.sort_by(|a, b| {
        b.status
            .cmp(&a.status)
            .then(b.confidence.total_cmp(&a.confidence))
    });
    Component::ALL
        .into_iter()
        .map(|c| {
            let ev: Vec<Evidence> = evidence
                .iter()
                .filter(|e| e.component == c)
                .cloned()
                .collect();
            let status = ev.iter().map(|e| e.status).max().unwrap_or(Status::Absent);
            let license = licenses
                .iter()
                .filter(|(lc, _)| *lc == c)
                .map(|(_, l)| l)
                .max_by_key(|l| l.tier.restrictiveness())
                .cloned()
                .filter(|_| status != Status::Absent);
            ComponentReport {
                component: c,
                status,
                license,
                evidence: ev,
            }
        })
        .collect()
}
