//! Shared helpers: write a small release into a temporary folder, inspect it, read the seed.

#![allow(dead_code)]

use glassbox_core::{Component, EvidenceSet, SeedCategory, Status};

/// A short permissive notice (the tests do not need a full license text to judge presence).
pub const APACHE_NOTICE: &str = "Licensed under the Apache License, Version 2.0 (the \"License\");\nyou may not use this file except in compliance with the License.\nYou may obtain a copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n";

/// Writes the files (path, bytes) into a fresh folder and inspects the release.
pub fn audit(files: &[(&str, &[u8])]) -> (tempfile::TempDir, EvidenceSet) {
    let dir = tempfile::tempdir().unwrap();
    for (p, b) in files {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b).unwrap();
    }
    let release =
        glassbox_sources::resolve(dir.path().to_str().unwrap(), &Default::default()).unwrap();
    let ev = glassbox_detect::inspect(&release, &[]);
    (dir, ev)
}

/// The seed category.
pub fn category(ev: &EvidenceSet) -> SeedCategory {
    glassbox_frameworks::seed::evaluate(ev).category
}

/// The seed's reason for the model-parameters row.
pub fn reason(ev: &EvidenceSet) -> String {
    glassbox_frameworks::seed::evaluate(ev).rows[0]
        .reason
        .clone()
}

/// Rules of the final-weights evidence with this status.
pub fn final_rules(ev: &EvidenceSet, status: Status) -> Vec<String> {
    rules(ev, Component::ModelParametersFinal, status)
}

/// Rules of a component's evidence with this status.
pub fn rules(ev: &EvidenceSet, c: Component, status: Status) -> Vec<String> {
    ev.component(c)
        .map(|r| {
            r.evidence
                .iter()
                .filter(|e| e.status == status)
                .map(|e| e.rule.clone())
                .collect()
        })
        .unwrap_or_default()
}
