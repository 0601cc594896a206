//! Snapshots of every format this crate renders, for the bundled examples (audited with the real
//! pipeline) and the built-in samples. A change to any renderer, or to the verdicts the
//! examples get, shows up here as a reviewable diff (`cargo insta review`).

mod common;

use glassbox_report::{badge, compare, cyclonedx, html, markdown, mof, sarif, spdx};

/// SPDX needs a creation time; a fixed one keeps snapshots stable.
const CREATED: &str = "2026-01-01T00:00:00Z";

#[test]
fn every_format_of_every_report() {
    for (name, r) in common::all_reports() {
        insta::assert_snapshot!(format!("{name}.md"), markdown::render(&r));
        insta::assert_snapshot!(format!("{name}.html"), html::render(&r));
        insta::assert_snapshot!(
            format!("{name}.sarif"),
            sarif::render(std::slice::from_ref(&r))
        );
        insta::assert_snapshot!(format!("{name}.cdx"), cyclonedx::render(&r));
        insta::assert_snapshot!(format!("{name}.spdx"), spdx::render_at(&r, CREATED));
        insta::assert_snapshot!(format!("{name}.badge"), badge::svg(&r));
        insta::assert_snapshot!(format!("{name}.mof"), mof::render(&r));
    }
}

#[test]
fn side_by_side_comparisons() {
    let reports: Vec<_> = common::EXAMPLES
        .iter()
        .map(|n| common::example(n))
        .collect();
    insta::assert_snapshot!("compare-examples.txt", compare::text(&reports));
    insta::assert_snapshot!("compare-examples.md", compare::markdown(&reports));
    insta::assert_snapshot!("compare-examples.html", compare::html(&reports));
    let samples = glassbox_report::sample::all();
    insta::assert_snapshot!("compare-samples.txt", compare::text(&samples));
    insta::assert_snapshot!("compare-samples.md", compare::markdown(&samples));
}
