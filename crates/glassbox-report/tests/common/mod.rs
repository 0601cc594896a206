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

/// Audits a bundled example with the real pipeline; the target spec is made relative so that
/// snapshots do not depend on where the repository is checked out.
pub fn example(name: &str) -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    let spec = dir.to_string_lossy().into_owned();
    let opts = glassbox::pipeline::Options::default();
    let mut r = glassbox::pipeline::audit(&spec, &[], &glassbox_sources::Limits::default(), &opts)
        .unwrap_or_else(|e| panic!("auditing {spec}: {e}"));
    r.target.spec = format!("examples/{name}");
    r
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
