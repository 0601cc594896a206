//! `--format mof`: the record written from a report validates against the MOF schema, reads back
//! through the claims reader, and gives the same MOT class and progress.

mod common;

use glassbox_core::{
    Assessment, Component, ComponentReport, Evidence, EvidenceSet, LicenseRef, Location,
    Provenance, Report, SeedCategory, SeedVerdict, Status, TargetInfo, Tier, ToolInfo, Verdicts,
};
use glassbox_frameworks::mof;
use glassbox_sources::claims;

fn report(name: &str, evidence: EvidenceSet) -> Report {
    Report {
        schema: glassbox_core::REPORT_SCHEMA.into(),
        tool: ToolInfo {
            name: "glassbox".into(),
            version: "0.1.0".into(),
        },
        target: TargetInfo {
            spec: "x".into(),
            kind: "local".into(),
            name: name.into(),
            revision: None,
        },
        lineage: Vec::new(),
        stats: Default::default(),
        evidence,
        verdicts: Verdicts {
            seed: SeedVerdict {
                category: SeedCategory::Closed,
                summary: String::new(),
                rows: vec![],
                assessment: Assessment::default(),
            },
            others: Default::default(),
        },
        next_steps: Vec::new(),
    }
}

fn validator(dir: &std::path::Path) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("mof_schema.json")).unwrap())
            .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn check_valid(v: &jsonschema::Validator, yaml: &str) {
    let value = glassbox_formats::yaml::parse(yaml, "out.yml").unwrap();
    let errors: Vec<String> = v
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{yaml}");
}

/// A detected-style evidence set with awkward strings: quotes, newlines, YAML syntax.
fn awkward() -> EvidenceSet {
    let ev = |c: Component, detail: &str, path: &str| Evidence {
        component: c,
        status: Status::Present,
        location: Location::line(path, 3),
        rule: "test.rule".into(),
        confidence: 0.9,
        detail: detail.into(),
        provenance: Provenance::Detected,
        source: None,
    };
    let lic = |id: &str, tier| LicenseRef {
        id: id.into(),
        name: id.into(),
        tier,
        osi_approved: tier == Tier::P,
        source: Location::file("LICENSE"),
    };
    let components = Component::ALL
        .into_iter()
        .map(|c| match c {
            Component::ModelParametersFinal => ComponentReport {
                component: c,
                status: Status::Present,
                license: Some(lic("LicenseRef-Llama-3.1", Tier::R)),
                evidence: vec![ev(
                    c,
                    "3 tensors: 'a', \"b\"\nand: &anchor *alias",
                    "model.safetensors",
                )],
            },
            Component::TrainingCode => ComponentReport {
                component: c,
                status: Status::Present,
                license: Some(lic("Apache-2.0", Tier::P)),
                evidence: vec![ev(c, "", "train.py")],
            },
            Component::ModelCard => ComponentReport {
                component: c,
                status: Status::Present,
                license: None,
                evidence: vec![ev(c, "# card", "README.md")],
            },
            Component::Datasets => ComponentReport {
                component: c,
                status: Status::Partial,
                license: None,
                evidence: vec![],
            },
            _ => ComponentReport {
                component: c,
                status: Status::Absent,
                license: None,
                evidence: vec![],
            },
        })
        .collect();
    EvidenceSet {
        components,
        ..Default::default()
    }
}

#[test]
fn detected_evidence_renders_a_valid_record_that_reads_back() {
    let yaml = glassbox_report::mof::render(&report("it's: a *model*", awkward()));
    let back = claims::parse(&yaml, "out.yml").unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(back.name, "it's: a *model*");
    assert_eq!(back.components.len(), 3);
    let ev = back.to_evidence("out.yml");
    assert_eq!(
        ev.license(Component::ModelParametersFinal).unwrap().id,
        "LicenseRef-Llama-3.1"
    );
    assert_eq!(ev.license(Component::ModelCard), None);
    assert_eq!(
        ev.status(Component::Datasets),
        Status::Absent,
        "partial components are not claimed"
    );
    assert!(yaml.contains("# Partly present, not listed: Datasets"));
    if let Some(dir) = common::mof_data("schema validation of the rendered record") {
        check_valid(&validator(&dir), &yaml);
    }
}

#[test]
fn empty_report_renders_a_valid_record() {
    let yaml = glassbox_report::mof::render(&report("", EvidenceSet::default()));
    let back = claims::parse(&yaml, "out.yml").unwrap();
    assert!(back.components.is_empty());
    assert_eq!(back.name, "x");
    if let Some(dir) = common::mof_data("schema validation of the empty record") {
        check_valid(&validator(&dir), &yaml);
    }
}

#[test]
fn every_test_vector_round_trips_with_the_same_classification() {
    let Some(dir) = common::mof_data("every_test_vector_round_trips_with_the_same_classification")
    else {
        return;
    };
    let v = validator(&dir);
    let mut n = 0;
    for entry in std::fs::read_dir(dir.join("mot-test-vectors")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yml") {
            continue;
        }
        // The input itself is schema-valid, and the reader agrees.
        let original = claims::read_file(&path).unwrap();
        let ev = original.to_evidence("in.yml");
        let before = mof::evaluate_mot(&ev);
        let yaml = glassbox_report::mof::render(&report(&original.name, ev));
        check_valid(&v, &yaml);
        let after = mof::evaluate_mot(
            &claims::parse(&yaml, "out.yml")
                .unwrap()
                .to_evidence("out.yml"),
        );
        assert_eq!(
            (before.class, before.progress),
            (after.class, after.progress),
            "{}",
            original.name
        );
        n += 1;
    }
    assert_eq!(n, 27);
}
