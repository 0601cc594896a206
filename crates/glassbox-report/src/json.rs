//! The versioned JSON report: one object for one target, an array for several.

use glassbox_core::Report;

/// Renders reports as pretty JSON (an object for one, an array for several).
pub fn render(reports: &[Report]) -> String {
    let out = if reports.len() == 1 {
        serde_json::to_string_pretty(&reports[0])
    } else {
        serde_json::to_string_pretty(reports)
    };
    let mut s = out.expect("reports contain only serialisable data");
    s.push('\n');
    s
}
