//! Tests of the report view.

use super::*;
use crate::sample::open_weights_hub as sample;
use glassbox_core::{Component, Finding, Location, Severity};
use serde_json::json;

#[test]
fn frameworks_show_their_own_headlines_read_from_their_typed_shapes() {
    // The sample's verdicts are JSON, as `glassbox render` reads them from a report.
    let mut r = sample();
    r.verdicts.others.insert(
        "future".into(),
        json!({"unmet": [{"id": "x", "title": "X", "reason": "r", "evidence": []}]}).into(),
    );
    r.verdicts.others.insert("broken".into(), json!(42).into());
    let f = frameworks(&r);
    let keys: Vec<&str> = f.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "osaid",
            "mof",
            "osai",
            "eu-ai-act",
            "owd",
            "future",
            "broken"
        ]
    );
    assert_eq!(
        (f[0].headline.as_str(), f[0].outcome),
        ("fail", Outcome::Bad)
    );
    assert_eq!(f[1].headline, "no class (strict: no class)");
    assert_eq!(f[1].outcome, Outcome::Partial);
    assert_eq!(
        f[1].mof.as_ref().unwrap().mot.progress,
        [Some(71.43), Some(20.0), Some(20.0)]
    );
    assert_eq!(f[2].headline, "score 0.42");
    let api = f[2]
        .osai
        .as_ref()
        .unwrap()
        .dimensions
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (
            api.level.as_str(),
            api.legacy,
            api.group.as_deref(),
            api.value()
        ),
        ("n/a", true, Some("Access"), None)
    );
    assert_eq!(f[3].headline, "exemption: cannot tell");
    assert_eq!(f[3].lists[0].0, "Open conditions");
    assert_eq!(f[4].outcome, Outcome::Good);
    assert_eq!(
        (f[5].headline.as_str(), f[5].outcome),
        ("1 unmet", Outcome::Bad)
    );
    assert_eq!(f[6].headline, "assessed");
    // JSON under a known key that is not that framework's shape is not guessed at.
    r.verdicts.others.insert(
        "mof".into(),
        json!({"class": 2, "met": [], "unmet": []}).into(),
    );
    let mof = &frameworks(&r)[1];
    assert_eq!(
        (mof.headline.as_str(), mof.mof.is_none()),
        ("assessed", true)
    );
}

#[test]
fn scanner_kinds_are_security_findings() {
    let f = |k: &str| {
        let code: glassbox_core::Code = k.parse().unwrap();
        Finding::new(code, Severity::High, "m", Location::file("x"))
    };
    for k in [
        "unsafe-global",
        "unresolved-global",
        "nested-pickle",
        "trailing-data",
        "attribute-laundering",
        "structural-anomaly",
        "frame-differential",
        "unscannable-file",
        "scan-limit",
        "hash-mismatch",
    ] {
        assert!(is_security(&f(k)), "{k}");
    }
    for k in [
        "license-conflict",
        "gated",
        "missing-data-card",
        "unreadable-file",
    ] {
        assert!(!is_security(&f(k)), "{k}");
    }
}

#[test]
fn gap_steps_merge_across_frameworks() {
    let mut r = sample();
    r.verdicts.others.insert(
        "osaid".into(),
        json!({"pass": false, "met": [], "unmet": [], "gap": [
            {"action": "Publish the training code under an OSI-approved license", "component": "Training code", "kind": "publish", "bar": "osi"},
            {"action": "Only osaid wants this"}]}).into(),
    );
    let g = merged_gap(&r);
    assert_eq!(g[0].frameworks, ["seed", "osaid"]);
    assert!(g.iter().any(|m| m.frameworks == ["osaid"]));
}

#[test]
fn hub_refs_parse_and_refuse_odd_specs() {
    let mut r = sample();
    r.target.kind = "hf".into();
    r.target.spec = "hf:org/model@abc".into();
    r.target.revision = None;
    let h = hub_ref(&r).unwrap();
    assert_eq!(
        (h.org(), h.name(), h.revision.as_deref()),
        (Some("org"), "model", Some("abc"))
    );
    assert_eq!(
        h.file_url("a b.py", Some(3)),
        "https://huggingface.co/org/model/blob/abc/a%20b.py#L3"
    );
    r.target.spec = "hf:org/../x".into();
    assert_eq!(hub_ref(&r), None);
    r.target.spec = "hf:a/b/c".into();
    assert_eq!(hub_ref(&r), None);
}

#[test]
fn licenses_sort_into_ids_expressions_and_names() {
    assert_eq!(
        license_form("Apache-2.0", "x", None),
        LicenseForm::SpdxId("Apache-2.0".into())
    );
    assert_eq!(
        license_form("MIT OR Apache-2.0", "", None),
        LicenseForm::Expression("MIT OR Apache-2.0".into())
    );
    assert!(matches!(
        license_form(
            "LicenseRef-Llama-3.1",
            "Llama 3.1",
            Some("https://llama.com/l")
        ),
        LicenseForm::Named { url: Some(_), .. }
    ));
    assert!(matches!(
        license_form("llama3.1", "", Some("javascript:x")),
        LicenseForm::Named { url: None, .. }
    ));
    assert_eq!(license_ref("llama 3.1/x"), "LicenseRef-llama-3.1-x");
    assert_eq!(license_ref("LicenseRef-Foo"), "LicenseRef-Foo");
    assert_eq!(license_ref("???"), "LicenseRef-unknown");
}

#[test]
fn uuids_are_stable_and_well_formed() {
    let a = report_uuid(&sample());
    assert_eq!(a, report_uuid(&sample()));
    assert_ne!(a, report_uuid(&crate::sample::restricted_local()));
    assert_eq!(a.len(), 36);
    assert_eq!(&a[14..15], "8");
    assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
}

#[test]
fn datasets_come_from_component_evidence() {
    let d = datasets(&sample(), Component::Datasets);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].name, "HuggingFaceFW/fineweb-edu");
    assert_eq!(
        hub_dataset_id("https://huggingface.co/datasets/a/b/tree/main"),
        Some("a/b".into())
    );
}

#[test]
fn obligations_are_read_generically() {
    let mut r = sample();
    let typed = obligations(&r);
    assert_eq!(typed.len(), 2);
    assert_eq!(typed[0].covers[1], "Model parameters (Final)");
    r.evidence.obligations.clear();
    assert!(obligations(&r).is_empty());
    // The license crate adds `obligations`; its shape is read from JSON either way.
    let mut v = serde_json::to_value(&r).unwrap();
    v["components"][1]["license"]["obligations"] =
        json!(["Keep the NOTICE file", {"text": "State changes"}, 3]);
    v["licenses"][0]["obligations"] = json!([{"summary": "Keep the NOTICE file"}]);
    v["licenses"][1]["obligations"] = json!([{"description": "Give a copy of the license"}]);
    let o = obligations_in(&v);
    let texts: Vec<&str> = o.iter().map(|o| o.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Keep the NOTICE file",
            "State changes",
            "Give a copy of the license"
        ]
    );
    assert_eq!(o[0].license, "Apache-2.0");
}
