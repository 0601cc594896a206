//! License files exactly as public repositories ship them ($GLASSBOX_SHARED/data/licenses/
//! real-world, labelled by reading in its `expected.tsv`): every file is identified as
//! labelled: its ids in order (one match per text where several texts share a file), its
//! kind, its tier, and `modified` only where the label says the text was changed.

use std::path::PathBuf;

use glassbox_core::LicenseKind;
use glassbox_licenses::{kb, Identification, LicenseInfo};

fn corpus() -> Option<PathBuf> {
    glassbox_testkit::shared("the real-world license files test")
        .map(|p| p.join("data/licenses/real-world"))
}

/// The label names the license we found: same id, an alias the knowledge base resolves to it,
/// or a bare GNU label (`AGPL-3.0`) for either the `-only` or the `-or-later` id, since the
/// text alone chooses neither.
fn same(label: &str, got: Option<&LicenseInfo>) -> bool {
    let Some(got) = got else {
        return label == "-";
    };
    let got_id = got.id.trim_end_matches(" (modified)");
    if label.eq_ignore_ascii_case(got_id) {
        return true;
    }
    if let Some(base) = label.strip_suffix(".0").filter(|_| label.contains("GPL")) {
        let _ = base;
        if got_id == format!("{label}-only") || got_id == format!("{label}-or-later") {
            return true;
        }
    }
    kb().by_id(label).is_some_and(|l| l.id == got_id)
}

struct Row {
    path: String,
    kind: String,
    ids: Vec<String>,
    notes: String,
}

fn rows(dir: &std::path::Path) -> Vec<Row> {
    let tsv = std::fs::read_to_string(dir.join("expected.tsv")).expect("expected.tsv");
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                path: c[0].to_string(),
                kind: c[1].to_string(),
                ids: c[2].split(" + ").map(str::to_string).collect(),
                notes: c.get(3).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

fn check(row: &Row, r: &Identification) -> Result<(), String> {
    let found: Vec<Option<&LicenseInfo>> = if r.matches.len() > 1 {
        r.matches.iter().map(|m| m.license.as_ref()).collect()
    } else {
        vec![r.license.as_ref()]
    };
    let kind_ok = match row.kind.as_str() {
        "multi" => r.matches.len() == row.ids.len(),
        "license" => r.kind == LicenseKind::License && r.matches.len() <= 1,
        "policy" => r.kind == LicenseKind::Policy,
        "notice" => r.kind == LicenseKind::Notice,
        "not-license" => r.kind == LicenseKind::Unknown,
        other => return Err(format!("unknown label kind {other}")),
    };
    if !kind_ok {
        return Err(format!(
            "kind: labelled {}, got {:?} with {} match(es)",
            row.kind,
            r.kind,
            r.matches.len()
        ));
    }
    if found.len() != row.ids.len() || !row.ids.iter().zip(&found).all(|(l, g)| same(l, *g)) {
        return Err(format!(
            "ids: labelled {:?}, got {:?}",
            row.ids,
            found
                .iter()
                .map(|g| g.map_or("-", |l| l.id.as_str()))
                .collect::<Vec<_>>()
        ));
    }
    // "custom additions" are text added to the license: reported either way, as a modified
    // match or as text outside it. Everything else is the license itself: cosmetic
    // differences (and a change of case, which the SPDX guidelines ignore) are no change.
    let additions = row.notes.contains("custom addition");
    let any_modified = r.modified || r.matches.iter().any(|m| m.modified);
    if !additions && any_modified {
        return Err(format!(
            "modified, but the label says cosmetic only: {:?}",
            r.changes
        ));
    }
    // The tier is the license's own unless the text was changed.
    if !any_modified && row.kind == "license" {
        let want = kb().by_id(&row.ids[0]).map(|l| l.tier);
        let got = r.license.as_ref().map(|l| l.tier);
        if want.is_some() && want != got {
            return Err(format!("tier {got:?}, the license's is {want:?}"));
        }
    }
    Ok(())
}

#[test]
fn every_real_world_file_is_identified_as_labelled() {
    let Some(dir) = corpus() else { return };
    let rows = rows(&dir);
    assert!(rows.len() >= 50, "expected.tsv has {} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let bytes = std::fs::read(dir.join(&row.path)).expect("labelled file exists");
        let r = kb().identify_bytes(&bytes);
        if let Err(e) = check(row, &r) {
            failures.push(format!("{}: {e}", row.path));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files wrong:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// The apache.org text as distributed today (https URLs, `{}` or `[]` placeholders, appendix
/// filled in, cut off, or gone) is Apache-2.0 itself, tier P, not a modified copy.
#[test]
fn apache_variants_are_the_license() {
    let Some(dir) = corpus() else { return };
    let base = std::fs::read_to_string(dir.join("axolotl-ai-cloud__axolotl/LICENSE")).unwrap();
    let appendix = base.find("APPENDIX: How to apply").unwrap();
    let end = base.find("END OF TERMS AND CONDITIONS").unwrap();
    let variants = [
        ("https", base.replace("http://", "https://")),
        (
            "braces",
            base.replace("\"[]\"", "\"{}\"").replace(
                "[yyyy] [name of copyright owner]",
                "{yyyy} {name of copyright owner}",
            ),
        ),
        (
            "filled",
            base.replace(
                "[yyyy] [name of copyright owner]",
                "2024 Example Labs, Inc.",
            ),
        ),
        ("no appendix", base[..appendix].to_string()),
        ("cut at end of terms", base[..end].to_string()),
        ("crlf", base.replace('\n', "\r\n")),
    ];
    for (what, text) in variants {
        let r = kb().identify_text(&text);
        let l = r
            .license
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: {r:?}"));
        assert_eq!(l.id, "Apache-2.0", "{what}");
        assert!(!r.modified, "{what}: {:?}", r.changes);
        assert_eq!(l.tier, glassbox_core::Tier::P, "{what}");
    }
}
