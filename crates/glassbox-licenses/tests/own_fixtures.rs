//! Patterns met in the license files of real model repositories (fetched and identified during
//! development; see the note of issue #11), each rebuilt as a small text of our own from the
//! SPDX texts, so CI checks them without the repositories.

use glassbox_core::{LicenseKind, Tier};
use glassbox_licenses::{kb, Identification};

fn spdx(id: &str) -> &'static str {
    spdx::license_id(id).expect("SPDX id").text()
}

fn ids(r: &Identification) -> Vec<String> {
    r.matches
        .iter()
        .map(|m| m.license.as_ref().map_or("-".into(), |l| l.id.clone()))
        .collect()
}

/// ChatGLM-6B's LICENSE: the Apache appendix filled with a holder's name and no year.
#[test]
fn apache_appendix_with_a_named_holder() {
    let text = spdx("Apache-2.0").replace(
        "Copyright [yyyy] [name of copyright owner]",
        "Copyright Jane Example",
    );
    let r = kb().identify_text(&text);
    assert_eq!(
        r.license.as_ref().map(|l| l.id.as_str()),
        Some("Apache-2.0")
    );
    assert!(!r.modified, "{:?}", r.changes);
}

/// dbrx's NOTICE: one sentence naming the model license is a notice of it, not a changed copy.
#[test]
fn a_sentence_naming_the_license_is_a_notice() {
    let r = kb().identify_text("ExampleModel is provided under and subject to the Databricks Open Model License, Copyright © Example, Inc. All rights reserved.\n\nUsage and Legal Notices:\n");
    assert_eq!(r.kind, LicenseKind::Notice, "{r:?}");
    assert_eq!(
        r.license.as_ref().map(|l| l.id.as_str()),
        Some("LicenseRef-Databricks-Open-Model")
    );
    assert!(!r.modified);
}

/// Tencent-Hunyuan-Large's Notice: the model's own license named at the top, then the
/// third-party components' Apache text. Two matches; the first (the model's) leads.
#[test]
fn a_notice_then_third_party_terms() {
    let text = format!(
        "ExampleModel is licensed under the TENCENT HUNYUAN COMMUNITY LICENSE AGREEMENT except for the third-party components listed below.\n\nOther dependencies and licenses:\n\nOpen Source Software Licensed under the Apache License Version 2.0:\n1. somelib\nCopyright (c) somelib authors\n\nTerms of the Apache License Version 2.0:\n\n{}",
        spdx("Apache-2.0")
    );
    let r = kb().identify_text(&text);
    assert_eq!(
        ids(&r),
        ["LicenseRef-Tencent-Hunyuan-Community", "Apache-2.0"],
        "{r:?}"
    );
    assert_eq!(r.kind, LicenseKind::Notice);
    assert_eq!(r.matches[1].kind, LicenseKind::License);
    assert!(r.matches.iter().all(|m| !m.modified));
}

/// Yi's NOTICE: the Apache header boilerplate is a notice of Apache-2.0, not a sliver of some
/// other license that quotes the same header.
#[test]
fn the_apache_header_is_a_notice() {
    let text = "Copyright 2024 Example\n\nThis work, [Your Model Name], is based on the work originally authored by Example.\n\nLicensed under the Apache License, Version 2.0 (the \"License\");\nyou may not use this file except in compliance with the License.\nYou may obtain a copy of the License at\n\nhttp://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to in writing, software\ndistributed under the License is distributed on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\nSee the License for the specific language governing permissions and\nlimitations under the License.\n";
    let r = kb().identify_text(text);
    assert_eq!(r.kind, LicenseKind::Notice, "{r:?}");
    assert_eq!(
        r.license.as_ref().map(|l| l.id.as_str()),
        Some("Apache-2.0")
    );
}

/// Megatron-LM's LICENSE: a `# `-commented BSD-3-Clause, then headed third-party texts, one of
/// them twice. One match per text, in order, none modified.
#[test]
fn several_texts_in_one_file() {
    let bsd: String = spdx("BSD-3-Clause")
        .lines()
        .map(|l| format!("# {l}\n"))
        .collect();
    let text = format!(
        "The following applies to all files unless otherwise noted:\n\n{bsd}\n--\n\nThis repository also contains code from other projects. Below are licenses used in those files, as indicated.\n\n-- LICENSE FOR Example Corp --\n\n{}\n\n-- LICENSE FOR Someone --\n\nMIT License\n\n{}\n\n-- LICENSE FOR Someone Else --\n\n{}\n",
        spdx("Apache-2.0"),
        spdx("MIT"),
        spdx("MIT").replace("<year> <copyright holders>", "2025 Someone Else")
    );
    let r = kb().identify_text(&text);
    assert_eq!(
        ids(&r),
        ["BSD-3-Clause", "Apache-2.0", "MIT", "MIT"],
        "{r:?}"
    );
    assert!(r
        .matches
        .iter()
        .all(|m| !m.modified && m.start_line < m.end_line));
    assert!(r
        .matches
        .windows(2)
        .all(|w| w[0].end_line < w[1].start_line));
}

/// Titles the SPDX text lacks ("The MIT License (MIT)") and re-wrapped paragraphs are no change.
#[test]
fn titles_and_wrapping_are_no_change() {
    let body: String = spdx("MIT")
        .split("\n\n")
        .map(|p| p.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n\n");
    let r = kb().identify_text(&format!("The MIT License (MIT)\n\n{body}"));
    assert_eq!(r.license.as_ref().map(|l| l.id.as_str()), Some("MIT"));
    assert!(!r.modified, "{:?}", r.changes);
}

/// gpt4all-chat's LICENSE: an ADDENDUM after MIT changes what it covers. It is a modified MIT
/// that keeps its tier (nothing restrictive was added) but is no longer OSI-approved as is, and
/// the added passage is shown with its lines.
#[test]
fn an_addendum_is_a_change_that_keeps_the_tier() {
    let text = format!(
        "{}\n\nADDENDUM:\n\nModels loaded by the application are not themselves subject to this license.\nThe terms of this license apply only to the application software and its documentation.\n",
        spdx("MIT")
    );
    let r = kb().identify_text(&text);
    let l = r.license.as_ref().unwrap();
    assert!(r.modified);
    assert_eq!((l.tier, l.osi_approved), (Tier::P, false));
    assert_eq!(r.matched_tier, Some(Tier::P));
    let added = r.changes.iter().find(|c| c.kind == "added").unwrap();
    assert!(
        added.text.contains("not themselves subject") && added.start_line > 15,
        "{added:?}"
    );
    // An added research-only clause lowers the tier.
    let nc = format!(
        "{}\n\nThe Software may be used for non-commercial research purposes only.\n",
        spdx("MIT")
    );
    let r = kb().identify_text(&nc);
    assert_eq!(r.license.as_ref().map(|l| l.tier), Some(Tier::NC), "{r:?}");
    // So does one put before it.
    let pre = format!("The model may be used for non-commercial research purposes only, under the following terms.\n\n{}", spdx("MIT"));
    let r = kb().identify_text(&pre);
    assert_eq!(r.license.as_ref().map(|l| l.tier), Some(Tier::NC), "{r:?}");
}
