//! Every framework on the bundled example releases (examples/), audited end to end: evidence is
//! detected from the files, and the verdicts must say what each example was built to show.

use glassbox_frameworks::eu_ai_act::Eligible;
use glassbox_frameworks::{eu_ai_act, mof, osai, osaid, owd};

fn evidence(name: &str) -> glassbox_core::EvidenceSet {
    let dir = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    glassbox::pipeline::audit(&dir, &[], &Default::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .evidence
}

#[test]
fn open_source_example() {
    let ev = evidence("open-source");
    let o = osaid::evaluate(&ev);
    assert!(o.pass, "{:#?}", o.assessment.unmet);
    assert!(owd::evaluate(&ev).pass);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::Yes);
    let m = mof::evaluate(&ev);
    // Everything but intermediate checkpoints: complete up to class II.
    assert_eq!(m.mot.class, 2);
    assert!(m
        .mot
        .assessment
        .unmet
        .iter()
        .any(|r| r.id == "class-i.model-parameters-intermediate"));
    // Apache-2.0 on weights and data is open but not an open-data license.
    assert!(m.strict.class < m.mot.class);
    assert!(osai::evaluate(&ev).score > 0.8);
}

#[test]
fn open_weights_example() {
    let ev = evidence("open-weights");
    let o = osaid::evaluate(&ev);
    assert!(!o.pass);
    assert!(
        o.elements["parameters"],
        "Apache-2.0 weights meet the parameters element"
    );
    assert!(!o.elements["code"] && !o.elements["data-information"]);
    assert!(owd::evaluate(&ev).pass);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::Yes);
    assert_eq!(mof::evaluate(&ev).mot.class, 0);
    assert!(osai::evaluate(&ev).score < 0.6);
}

#[test]
fn restricted_weights_example() {
    let ev = evidence("restricted-weights");
    let o = osaid::evaluate(&ev);
    assert!(!o.pass && !o.elements["parameters"]);
    assert!(!owd::evaluate(&ev).pass);
    assert_ne!(eu_ai_act::evaluate(&ev).eligible, Eligible::Yes);
    let m = mof::evaluate(&ev);
    assert_eq!(
        m.mot.progress.class3, 0.0,
        "a custom license is not open for MOT"
    );
}

#[test]
fn closed_example() {
    let ev = evidence("closed");
    assert!(!osaid::evaluate(&ev).pass);
    assert!(!owd::evaluate(&ev).pass);
    assert_eq!(eu_ai_act::evaluate(&ev).eligible, Eligible::No);
    assert_eq!(mof::evaluate(&ev).mot.class, 0);
    assert!(osai::evaluate(&ev).score < 0.2);
}
