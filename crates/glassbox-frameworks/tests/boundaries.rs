//! Releases built to sit at each framework's boundary, written as MOF records and read through the
//! claims reader, so the whole path (schema, license resolution, tiers, verdicts) is exercised.

use glassbox_core::{Component, EvidenceSet};
use glassbox_frameworks::eu_ai_act::Eligible;
use glassbox_frameworks::{eu_ai_act, evaluate_others, mof, osai, osaid, owd};
use glassbox_sources::claims;

/// A record listing `components` (name, license) with no global license.
fn record(components: &[(&str, &str)]) -> EvidenceSet {
    let mut y = String::from(
        "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\nrelease:\n  name: boundary\n  producer: test\n  license: {}\n  components:\n",
    );
    for (name, license) in components {
        y.push_str(&format!(
            "    - name: '{name}'\n      license: '{license}'\n"
        ));
    }
    claims::parse(&y, "boundary.yml")
        .unwrap_or_else(|e| panic!("{e}\n{y}"))
        .to_evidence("boundary.yml")
}

const CODE: [&str; 6] = [
    "Model architecture",
    "Training code",
    "Inference code",
    "Evaluation code",
    "Data preprocessing code",
    "Supporting libraries and tools",
];
const DOCS: [&str; 5] = [
    "Model card",
    "Technical report",
    "Research paper",
    "Evaluation results",
    "Data card",
];

/// Every component open with type-appropriate licenses, weights under `weights`.
fn open_release(weights: &str) -> Vec<(&'static str, String)> {
    let mut v: Vec<(&str, String)> = CODE
        .iter()
        .map(|c| (*c, "Apache-2.0".to_string()))
        .collect();
    v.extend(DOCS.iter().map(|c| (*c, "CC-BY-4.0".to_string())));
    for d in [
        "Datasets",
        "Evaluation data",
        "Model parameters (Intermediate)",
        "Model metadata",
    ] {
        v.push((d, "CDLA-Permissive-2.0".into()));
    }
    v.push(("Sample model outputs", "CC-BY-4.0".into()));
    v.push(("Model parameters (Final)", weights.to_string()));
    v
}

fn build(items: &[(&str, String)]) -> EvidenceSet {
    let refs: Vec<(&str, &str)> = items.iter().map(|(a, b)| (*a, b.as_str())).collect();
    record(&refs)
}

fn without(items: &[(&'static str, String)], drop: &[&str]) -> Vec<(&'static str, String)> {
    items
        .iter()
        .filter(|(n, _)| !drop.contains(n))
        .cloned()
        .collect()
}

#[test]
fn fully_open_release_passes_everything() {
    let ev = build(&open_release("CDLA-Permissive-2.0"));
    assert!(osaid::evaluate(&ev).pass);
    let m = mof::evaluate(&ev);
    assert_eq!((m.mot.class, m.strict.class), (1, 1));
    assert!(m.mot.not_type_appropriate.is_empty());
    assert!(owd::evaluate(&ev).pass);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::Yes);
    assert!(osai::evaluate(&ev).score > 0.9);
}

#[test]
fn apache_weights_complete_code_undocumented_data_fail_osaid_on_data_information() {
    let ev = build(&without(
        &open_release("Apache-2.0"),
        &["Datasets", "Data card"],
    ));
    let o = osaid::evaluate(&ev);
    assert!(!o.pass);
    assert!(!o.elements["data-information"]);
    assert!(o.elements["code"] && o.elements["parameters"]);
    assert!(o
        .assessment
        .unmet
        .iter()
        .all(|r| r.id.starts_with("data-information")));
    // Open weights for the others.
    assert!(owd::evaluate(&ev).pass);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::Yes);
    // MOF: the data card is a class III requirement.
    let m = mof::evaluate(&ev);
    assert_eq!(m.mot.class, 0);
    assert!(m
        .mot
        .assessment
        .unmet
        .iter()
        .any(|r| r.id == "class-iii.data-card"));
}

#[test]
fn rail_weights_with_everything_else_open_fail_on_terms() {
    let ev = build(&open_release("LicenseRef-BigScience-OpenRAIL-M"));
    let o = osaid::evaluate(&ev);
    assert!(!o.pass);
    assert_eq!(
        o.assessment
            .unmet
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>(),
        ["parameters.terms"]
    );
    let w = owd::evaluate(&ev);
    assert!(!w.pass);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::No);
    let m = mof::evaluate(&ev);
    assert_eq!(
        m.mot.class, 0,
        "weights under a RAIL license are invalid in MOT"
    );
    assert!((m.mot.progress.class3 - 5.0 / 6.0 * 100.0).abs() < 1e-9);
    let lic = osai::evaluate(&ev)
        .dimensions
        .into_iter()
        .find(|d| d.id == "licenses")
        .unwrap();
    assert_eq!(lic.grade, Some(osai::Grade::Partial));
}

#[test]
fn apache_weights_are_mot_class_one_but_not_strict() {
    let ev = build(&open_release("Apache-2.0"));
    let m = mof::evaluate(&ev);
    assert_eq!(m.mot.class, 1);
    assert_eq!(
        m.mot.not_type_appropriate,
        [Component::ModelParametersFinal]
    );
    assert_eq!(m.strict.class, 0);
    assert!(m.strict.assessment.unmet[0]
        .reason
        .contains("open but not appropriate for data"));
}

#[test]
fn misspelt_license_ids_fail_mot_but_not_strict() {
    let items: Vec<(&str, String)> = open_release("CDLA-Permissive-2.0")
        .into_iter()
        .map(|(n, l)| {
            (
                n,
                if l == "Apache-2.0" {
                    "apache-2.0".to_string()
                } else {
                    l
                },
            )
        })
        .collect();
    let m = mof::evaluate(&build(&items));
    assert_eq!(m.mot.class, 0);
    assert!((m.mot.progress.class3 - 5.0 / 6.0 * 100.0).abs() < 1e-9);
    assert_eq!(m.strict.class, 1);
}

#[test]
fn non_commercial_weights_are_not_open_anywhere() {
    let ev = build(&open_release("CC-BY-NC-4.0"));
    assert!(!osaid::evaluate(&ev).pass);
    let w = owd::evaluate(&ev);
    assert!(w
        .assessment
        .unmet
        .iter()
        .any(|r| r.id == "1.free-redistribution"));
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::No);
    assert_eq!(mof::evaluate(&ev).mot.class, 0);
}

#[test]
fn no_weights_is_closed_for_weight_frameworks() {
    let ev = build(&without(
        &open_release("MIT"),
        &["Model parameters (Final)"],
    ));
    assert!(!owd::evaluate(&ev).pass);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::No);
    assert!(!osaid::evaluate(&ev).elements["parameters"]);
}

#[test]
fn unlicensed_weights_and_unknown_ids() {
    let ev = build(&open_release("unlicensed"));
    assert_eq!(ev.license(Component::ModelParametersFinal), None);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::No);
    let ev = build(&open_release("Some Custom License"));
    assert!(ev
        .findings
        .iter()
        .any(|f| f.kind == "claims-unknown-license"));
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::CannotTell);
    assert!(!owd::evaluate(&ev).undetermined.is_empty());
}

#[test]
fn report_contract_shape() {
    let ev = build(&open_release("Apache-2.0"));
    let v = serde_json::to_value(evaluate_others(&ev)).unwrap();
    assert_eq!(v["osaid"]["pass"], true);
    assert_eq!(v["mof"]["class"], 1);
    for k in ["1", "2", "3"] {
        assert!(v["mof"]["progress"][k].is_number());
        assert!(v["mof"]["strict"]["progress"][k].is_number());
    }
    assert!(v["mof"]["strict"]["class"].is_u64());
    assert!(v["osai"]["score"].is_number());
    assert_eq!(v["osai"]["dimensions"].as_array().unwrap().len(), 14);
    assert!(["yes", "no", "cannot-tell"].contains(&v["eu-ai-act"]["eligible"].as_str().unwrap()));
    assert!(v["owd"]["pass"].is_boolean());
    for k in ["osaid", "mof", "osai", "eu-ai-act", "owd"] {
        for f in ["met", "unmet", "gap"] {
            assert!(v[k][f].is_array(), "{k}.{f}");
        }
    }
}
