//! Helpers shared by the integration tests: the shared data folder, example reports.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use glassbox_core::Report;

/// `$GLASSBOX_SHARED`, or `None` after saying on stderr that the test skips.
pub fn shared(test: &str) -> Option<PathBuf> {
    glassbox_testkit::shared(test)
}

/// Reads a JSON file.
pub fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled example folders, by name.
pub const EXAMPLES: [&str; 4] = [
    "open-source",
    "open-weights",
    "restricted-weights",
    "closed",
];

/// The report of a bundled example, as `glassbox audit examples/NAME --format json` writes it:
/// checked in under `tests/reports/` so that the renderers are tested without the pipeline (the
/// CLI's `audit_examples` test fails when a checked-in report differs from a fresh audit).
pub fn example(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reports")
        .join(format!("example-{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every report the tests render: the bundled examples and the built-in samples.
pub fn all_reports() -> Vec<(String, Report)> {
    let mut v: Vec<(String, Report)> = EXAMPLES
        .iter()
        .map(|n| (format!("example-{n}"), example(n)))
        .collect();
    v.push((
        "sample-open-weights-hub".into(),
        glassbox_report::sample::open_weights_hub(),
    ));
    v.push((
        "sample-restricted-local".into(),
        glassbox_report::sample::restricted_local(),
    ));
    v.push(("sample-hostile".into(), glassbox_report::sample::hostile()));
    v
}
