//! Findings and next steps as renderers order them.

use glassbox_core::{Finding, NextStep, Report};

/// Whether a finding is about serialisation safety or integrity rather than licensing
/// ([`Code::is_security`](glassbox_core::Code::is_security)).
pub fn is_security(f: &Finding) -> bool {
    f.kind.is_security()
}

/// Findings sorted most severe first (stable within a severity).
pub fn sorted_findings<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<&'a Finding> {
    let mut v: Vec<&Finding> = findings.collect();
    v.sort_by_key(|f| std::cmp::Reverse(f.severity));
    v
}

/// The report's merged gap list: `next_steps` as the audit wrote it, or, for a report written
/// without it, the same merge ([`Verdicts::next_steps`](glassbox_core::Verdicts::next_steps)) of
/// its verdicts' gap lists.
pub fn merged_gap(report: &Report) -> Vec<NextStep> {
    if !report.next_steps.is_empty() {
        return report.next_steps.clone();
    }
    report.verdicts.next_steps()
}
