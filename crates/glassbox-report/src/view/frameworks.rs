//! Framework verdicts as renderers show them: each framework's typed summary
//! ([`glassbox_frameworks::summary`]), in display order. The headline and outcome are the
//! framework's; nothing here reads a verdict's JSON.

use glassbox_core::{FrameworkSummary, Report};

pub use glassbox_core::summary::{mof_class_name, Dimension, Mof, MofMode, Osai, Outcome};

/// One framework's verdict as the report shows it: its key in `verdicts` and the framework's
/// own summary (fields read through `Deref`: `view.headline`, `view.mof`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkView {
    /// The key in `verdicts` (`osaid`, `mof`, …).
    pub key: String,
    /// The framework's summary of its verdict.
    pub summary: FrameworkSummary,
}

impl std::ops::Deref for FrameworkView {
    type Target = FrameworkSummary;
    fn deref(&self) -> &FrameworkSummary {
        &self.summary
    }
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
        .map(|k| FrameworkView {
            key: k.to_string(),
            summary: glassbox_frameworks::summary(k, &others[k]),
        })
        .collect()
}

/// The MOF class the MOT rules give (0 = none), when there is a MOF verdict.
pub fn mof_class(frameworks: &[FrameworkView]) -> Option<u8> {
    frameworks
        .iter()
        .find_map(|f| f.mof.as_ref())
        .map(|m| m.mot.class)
}

/// Whether the release passes OSAID: its outcome is good exactly when it passes and bad when it
/// fails; `None` without an OSAID verdict or when it cannot tell.
pub fn osaid_passes(frameworks: &[FrameworkView]) -> Option<bool> {
    match frameworks.iter().find(|f| f.key == "osaid")?.outcome {
        Outcome::Good => Some(true),
        Outcome::Bad => Some(false),
        _ => None,
    }
}
