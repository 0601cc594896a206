//! The check report as text (a table), JSON (`glassbox/check/v1`) and SARIF 2.1.0.

pub mod sarif;
pub mod text;

use crate::report::CheckReport;

/// The pretty JSON report.
pub fn json(report: &CheckReport) -> String {
    // The report is plain data: serialising it cannot fail.
    let mut s = serde_json::to_string_pretty(report).unwrap_or_default();
    s.push('\n');
    s
}

/// `path:line` (or `path` for a file-level reference).
pub(crate) fn place(r: &crate::discovery::Reference) -> String {
    match r.line {
        Some(l) => format!("{}:{l}", r.path),
        None => r.path.clone(),
    }
}
