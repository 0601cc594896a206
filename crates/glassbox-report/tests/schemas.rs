//! The BOMs and the SARIF log validate against their published schemas (copied under
//! `$GLASSBOX_SHARED/data/spec`, registered locally: no network), and every SPDX term is a term
//! of the SPDX 3.0.1 JSON-LD context.

mod common;

use std::collections::BTreeSet;

use glassbox_report::{cyclonedx, sarif, spdx};
use jsonschema::{Registry, Validator};
use serde_json::Value;

fn cyclonedx_validator(shared: &std::path::Path) -> Validator {
    let dir = shared.join("data/spec/cyclonedx");
    let schema = common::json(&dir.join("bom-1.6.schema.json"));
    let registry = Registry::new()
        .add(
            "http://cyclonedx.org/schema/spdx.schema.json",
            common::json(&dir.join("spdx.schema.json")),
        )
        .expect("spdx schema")
        .add(
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            common::json(&dir.join("jsf-0.82.schema.json")),
        )
        .expect("jsf schema")
        .prepare()
        .expect("registry");
    // `Registry` must outlive the builder only; the validator owns what it needs.
    let registry: &'static _ = Box::leak(Box::new(registry));
    jsonschema::options()
        .with_registry(registry)
        .should_validate_formats(true)
        .build(&schema)
        .expect("CycloneDX 1.6 schema compiles")
}

fn errors(v: &Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn cyclonedx_validates_against_bom_1_6() {
    let Some(shared) = common::shared("cyclonedx_validates_against_bom_1_6") else {
        return;
    };
    let v = cyclonedx_validator(&shared);
    // The validator is not vacuous: a copied valid example passes and a broken one fails.
    let example =
        common::json(&shared.join("data/spec/cyclonedx/examples/valid-machine-learning-1.6.json"));
    assert!(errors(&v, &example).is_empty());
    let mut broken = example.clone();
    broken["components"][0]["modelCard"]["modelParameters"]["architectureName"] = "x".into();
    assert!(
        !errors(&v, &broken).is_empty(),
        "unknown modelCard keys must be refused"
    );

    for (name, report) in common::all_reports() {
        let bom = cyclonedx::to_value(&report);
        let errs = errors(&v, &bom);
        assert!(errs.is_empty(), "{name}: {errs:#?}");
        // And the text rendering is the same document.
        let text: Value = serde_json::from_str(&cyclonedx::render(&report)).unwrap();
        assert_eq!(text, bom);
        let model = &bom["components"][0];
        assert_eq!(model["type"], "machine-learning-model", "{name}");
        assert!(model["modelCard"].is_object(), "{name}");
    }
}

#[test]
fn cyclonedx_open_source_example_lists_its_datasets_with_their_own_licenses() {
    let Some(_) = common::shared("cyclonedx_open_source_example_lists_its_datasets") else {
        return;
    };
    let bom = cyclonedx::to_value(&common::example("open-source"));
    let data: Vec<&Value> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["type"] == "data")
        .collect();
    let names: Vec<&str> = data.iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"glassbox-examples/tiny-corpus"),
        "{names:?}"
    );
    assert!(
        names.contains(&"glassbox-examples/tiny-dialogues"),
        "{names:?}"
    );
    let lic = |n: &str| {
        data.iter().find(|d| d["name"] == n).unwrap()["licenses"][0]["license"]["id"].clone()
    };
    assert_eq!(lic("glassbox-examples/tiny-corpus"), "CC-BY-4.0");
    assert_eq!(lic("glassbox-examples/tiny-dialogues"), "ODC-By-1.0");
    let refs = bom["components"][0]["modelCard"]["modelParameters"]["datasets"]
        .as_array()
        .unwrap();
    assert!(refs.len() >= 2);
}

#[test]
fn sarif_validates_against_2_1_0() {
    let Some(shared) = common::shared("sarif_validates_against_2_1_0") else {
        return;
    };
    let schema = common::json(&shared.join("data/spec/sarif/sarif-schema-2.1.0.json"));
    let v = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("SARIF schema compiles");
    assert!(
        !errors(&v, &serde_json::json!({"version": "2.1.0"})).is_empty(),
        "runs are required"
    );
    let all: Vec<_> = common::all_reports().into_iter().map(|(_, r)| r).collect();
    for r in &all {
        let log = sarif::to_value(std::slice::from_ref(r));
        let errs = errors(&v, &log);
        assert!(errs.is_empty(), "{}: {errs:#?}", r.target.name);
    }
    let log = sarif::to_value(&all);
    assert!(errors(&v, &log).is_empty());
    assert_eq!(log["runs"].as_array().unwrap().len(), all.len());
}

/// Every key (other than JSON-LD keywords) and every `type` value in the document.
fn terms(v: &Value, keys: &mut BTreeSet<String>, types: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if !k.starts_with('@') {
                    keys.insert(k.clone());
                }
                if k == "type" {
                    if let Some(t) = x.as_str() {
                        types.insert(t.to_string());
                    }
                }
                terms(x, keys, types);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| terms(x, keys, types)),
        _ => {}
    }
}

#[test]
fn spdx_uses_only_terms_of_the_3_0_1_context() {
    let Some(shared) = common::shared("spdx_uses_only_terms_of_the_3_0_1_context") else {
        return;
    };
    let ctx = common::json(&shared.join("data/spec/spdx/spdx-3.0.1-context.jsonld"));
    let ctx = ctx["@context"].as_object().expect("context object");
    // The check is not vacuous: the AI example from the SPDX project passes it.
    let example =
        common::json(&shared.join("data/spec/spdx/example-ai-sentimentdemo-3.0.1.spdx3.json"));
    let (mut k, mut t) = (BTreeSet::new(), BTreeSet::new());
    terms(&example, &mut k, &mut t);
    assert!(k.iter().chain(&t).all(|x| ctx.contains_key(x)));

    for (name, report) in common::all_reports() {
        let doc = spdx::to_value(&report, "2026-01-01T00:00:00Z");
        assert_eq!(doc["@context"], spdx::CONTEXT);
        let (mut keys, mut types) = (BTreeSet::new(), BTreeSet::new());
        terms(&doc, &mut keys, &mut types);
        let unknown: Vec<&String> = keys
            .iter()
            .chain(&types)
            .filter(|x| !ctx.contains_key(*x))
            .collect();
        assert!(
            unknown.is_empty(),
            "{name}: not in the SPDX 3.0.1 context: {unknown:?}"
        );
        for needed in [
            "ai_AIPackage",
            "Relationship",
            "SpdxDocument",
            "CreationInfo",
        ] {
            assert!(types.contains(needed), "{name}: no {needed}");
        }
        // Every IRI a relationship points at is an element of the graph.
        let graph = doc["@graph"].as_array().unwrap();
        let ids: BTreeSet<&str> = graph.iter().filter_map(|e| e["spdxId"].as_str()).collect();
        for rel in graph.iter().filter(|e| e["type"] == "Relationship") {
            assert!(ids.contains(rel["from"].as_str().unwrap()), "{name}");
            for to in rel["to"].as_array().unwrap() {
                assert!(ids.contains(to.as_str().unwrap()), "{name}: dangling {to}");
            }
        }
    }
}

#[test]
fn spdx_open_source_example_has_datasets_trained_and_tested_on() {
    let Some(_) = common::shared("spdx_open_source_example_has_datasets") else {
        return;
    };
    let doc = spdx::to_value(&common::example("open-source"), "2026-01-01T00:00:00Z");
    let graph = doc["@graph"].as_array().unwrap();
    let n = |t: &str| graph.iter().filter(|e| e["type"] == t).count();
    assert!(
        n("dataset_DatasetPackage") >= 3,
        "two training datasets and the shipped evaluation data"
    );
    let rel = |k: &str| {
        graph
            .iter()
            .filter(|e| e["type"] == "Relationship" && e["relationshipType"] == k)
            .count()
    };
    assert_eq!(rel("trainedOn"), 1);
    assert_eq!(rel("testedOn"), 1);
}

/// The independent SPDX 3 check (`bench/spdx3_check.py`, spdx-python-model) when its venv exists
/// (`bench/spdx3-validate.sh` creates it); skipped otherwise.
#[test]
fn spdx_python_model_accepts_the_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = root.join("bench/.venv/bin/python");
    let ok = python.exists()
        && std::process::Command::new(&python)
            .args(["-c", "import spdx_python_model"])
            .status()
            .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("bench/.venv with spdx-python-model absent (run bench/spdx3-validate.sh): skipping spdx_python_model_accepts_the_output");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut reports: Vec<(String, glassbox_core::Report)> = glassbox_report::sample::all()
        .into_iter()
        .enumerate()
        .map(|(i, r)| (format!("sample-{i}"), r))
        .collect();
    reports.extend(
        common::EXAMPLES
            .iter()
            .map(|n| (n.to_string(), common::example(n))),
    );
    for (name, r) in reports {
        let p = dir.path().join(format!("{name}.spdx3.json"));
        std::fs::write(&p, spdx::render_at(&r, "2026-01-01T00:00:00Z")).unwrap();
        files.push(p);
    }
    let out = std::process::Command::new(&python)
        .arg(root.join("bench/spdx3_check.py"))
        .args(&files)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("{} passed, 0 failed", files.len())),
        "{stdout}"
    );
}
