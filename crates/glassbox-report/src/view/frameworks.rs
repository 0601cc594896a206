//! Framework verdicts as renderers show them: each framework's typed summary
//! ([`glassbox_frameworks::summary`]), in display order. The headline and outcome are the
//! framework's; nothing here reads a verdict's JSON.

use glassbox_core::{GapStep, Report, Requirement};

pub use glassbox_core::summary::{mof_class_name, Dimension, Mof, MofMode, Osai, Outcome};

/// One framework's verdict, read from the report.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkView {
    /// The key in `verdicts` (`osaid`, `mof`, …).
    pub key: String,
    /// The framework's full name.
    pub title: String,
    /// The verdict in a few words ("pass", "Class II", "score 0.58", "exemption: cannot tell").
    pub headline: String,
    /// How the verdict reads.
    pub outcome: Outcome,
    /// Requirements met.
    pub met: Vec<Requirement>,
    /// Requirements not met.
    pub unmet: Vec<Requirement>,
    /// What to publish or change.
    pub gap: Vec<GapStep>,
    /// MOF numbers when this is the MOF verdict.
    pub mof: Option<Mof>,
    /// Index dimensions when this is the OSAI verdict.
    pub osai: Option<Osai>,
    /// Other lists of sentences the verdict carries (`open_conditions`, `still_owed`, …), with a
    /// readable title.
    pub lists: Vec<(String, Vec<String>)>,
}

/// Every framework verdict present in the report other than the seed, known ones first (in
/// report order), then any others.
pub fn frameworks(report: &Report) -> Vec<FrameworkView> {
    let others = &report.verdicts.others;
    let mut keys: Vec<&str> = glassbox_frameworks::FRAMEWORKS
        .iter()
        .copied()
        .filter(|k| others.contains_key(*k))
        .collect();
    keys.extend(
        others
            .keys()
            .map(String::as_str)
            .filter(|k| !glassbox_frameworks::FRAMEWORKS.contains(k)),
    );
    keys.into_iter()
        .map(|k| {
            let s = glassbox_frameworks::summary(k, &others[k]);
            FrameworkView {
                key: k.to_string(),
                title: s.title,
                headline: s.headline,
                outcome: s.outcome,
                met: s.met,
                unmet: s.unmet,
                gap: s.gap,
                mof: s.mof,
                osai: s.osai,
                lists: s.lists,
            }
        })
        .collect()
}
