//! Findings and next steps as renderers order them.

use glassbox_core::{Finding, GapStep, Report};

use super::frameworks;

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

/// One step of the merged gap list with the frameworks it advances.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedStep {
    /// The step.
    pub step: GapStep,
    /// Framework keys (`seed`, `osaid`, …) whose gap lists name it.
    pub frameworks: Vec<String>,
}

/// The seed's and every framework's gap lists merged by action, ordered by how many frameworks a
/// step advances (then by first appearance, which keeps each list's cheapest-first order).
pub fn merged_gap(report: &Report) -> Vec<MergedStep> {
    // The frameworks crate merges the steps itself into `next_steps` (choosing the strictest
    // wording where frameworks ask different bars); reports without it are merged here by action.
    if !report.next_steps.is_empty() {
        return report
            .next_steps
            .iter()
            .map(|n| MergedStep {
                step: GapStep {
                    action: n.action.clone(),
                    component: n.component,
                },
                frameworks: n.frameworks.clone(),
            })
            .collect();
    }
    let mut out: Vec<MergedStep> = Vec::new();
    let mut add = |key: &str, steps: &[GapStep]| {
        for s in steps {
            let norm = s.action.trim().to_ascii_lowercase();
            match out
                .iter_mut()
                .find(|m| m.step.action.trim().to_ascii_lowercase() == norm)
            {
                Some(m) => {
                    if !m.frameworks.iter().any(|f| f == key) {
                        m.frameworks.push(key.to_string());
                    }
                    if m.step.component.is_none() {
                        m.step.component = s.component;
                    }
                }
                None => out.push(MergedStep {
                    step: s.clone(),
                    frameworks: vec![key.to_string()],
                }),
            }
        }
    };
    add("seed", &report.verdicts.seed.assessment.gap);
    for f in frameworks(report) {
        add(&f.key, &f.gap);
    }
    // A stable sort keeps first-appearance order among equals.
    out.sort_by_key(|m| std::cmp::Reverse(m.frameworks.len()));
    out
}
