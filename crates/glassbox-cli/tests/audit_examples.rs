//! `glassbox audit` on the bundled examples: the right category, with its evidence, and JSON
//! that validates against the published schema.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn glassbox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .expect("run glassbox")
}

fn audit_json(target: &str) -> serde_json::Value {
    let out = glassbox(&["audit", target, "--format", "json"]);
    assert!(
        out.status.success(),
        "{target}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("audit prints JSON")
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("schema/report-v1.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the report schema compiles")
}

fn assert_valid(v: &serde_json::Value) {
    let validator = validator();
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "report does not validate: {errors:#?}");
}

#[test]
fn every_example_gets_its_category_and_validates() {
    for (example, category) in [
        ("examples/open-source", "open-source"),
        ("examples/open-weights", "open-weights"),
        ("examples/restricted-weights", "restricted-weights"),
        ("examples/closed", "closed"),
    ] {
        let report = audit_json(example);
        assert_valid(&report);
        assert_eq!(report["schema"], "glassbox/report/v1");
        assert_eq!(
            report["verdicts"]["seed"]["category"], category,
            "{example}"
        );
        let rows = report["verdicts"]["seed"]["rows"].as_array().unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r["row"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "Model parameters",
                "Training code",
                "Training dataset",
                "Full reproducibility",
                "Transparency",
                "Auditability"
            ]
        );
        assert_eq!(report["components"].as_array().unwrap().len(), 17);
    }
}

fn component<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == name)
        .unwrap()
}

#[test]
fn open_source_example_cites_its_evidence() {
    let r = audit_json("examples/open-source");
    let training = component(&r, "Training code");
    assert_eq!(training["status"], "present");
    assert_eq!(training["evidence"][0]["location"]["path"], "src/train.py");
    assert_eq!(training["evidence"][0]["rule"], "code.training-loop");
    assert_eq!(training["license"]["id"], "Apache-2.0");
    let weights = component(&r, "Model parameters (Final)");
    assert_eq!(weights["evidence"][0]["rule"], "weights.safetensors");
    assert!(weights["evidence"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("328 parameters"));
    let datasets = component(&r, "Datasets");
    assert_eq!(datasets["license"]["tier"], "O");
    assert!(r["verdicts"]["seed"]["gap"].as_array().unwrap().is_empty());
    let apache = r["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["license"] == "Apache-2.0")
        .expect("Apache-2.0 obligations");
    assert!(apache["components"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "Training code"));
    assert!(!apache["obligations"].as_array().unwrap().is_empty());
    assert!(r["verdicts"]["seed"]["rows"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["path"] == "model.safetensors"));
}

#[test]
fn open_weights_example_has_inference_code_only_and_a_gap() {
    let r = audit_json("examples/open-weights");
    assert_eq!(component(&r, "Inference code")["status"], "present");
    assert_eq!(component(&r, "Training code")["status"], "absent");
    let gap: Vec<&str> = r["verdicts"]["seed"]["gap"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["action"].as_str().unwrap())
        .collect();
    assert!(gap.iter().any(|g| g.contains("training code")), "{gap:?}");
}

#[test]
fn restricted_example_is_graded_by_its_custom_license() {
    let r = audit_json("examples/restricted-weights");
    let weights = component(&r, "Model parameters (Final)");
    assert_eq!(
        weights["license"]["id"],
        "LicenseRef-acme-responsible-model-license"
    );
    assert_ne!(weights["license"]["tier"], "P");
    // The custom license matches no known text; its clauses grade it, each cited by line.
    assert_eq!(weights["license"]["tier"], "R");
    let clause_lines: Vec<u64> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "license-clause")
        .map(|f| f["evidence"][0]["line"].as_u64().unwrap())
        .collect();
    assert!(clause_lines.contains(&9), "{clause_lines:?}");
    assert_eq!(r["verdicts"]["seed"]["rows"][0]["value"], "restricted");
}

#[test]
fn several_targets_print_an_array() {
    let out = glassbox(&[
        "audit",
        "examples/open-weights",
        "examples/closed",
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().expect("an array for several targets");
    assert_eq!(arr.len(), 2);
    for r in arr {
        assert_valid(r);
    }
}

#[test]
fn text_report_leads_with_the_table_and_has_no_colour_when_piped() {
    let out = glassbox(&["audit", "examples/open-weights"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\x1b'),
        "no ANSI escapes when stdout is not a terminal"
    );
    let table = text.find("Model parameters").unwrap();
    assert!(table < text.find("Components").unwrap());
    assert!(text.contains("Category: open-weights"));
    assert!(text.contains("To become more open"));
    assert!(text.contains("Frameworks") && text.contains("OSI OSAID 1.0"));
}

#[test]
fn missing_target_is_exit_2_naming_it() {
    let out = glassbox(&["audit", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/folder"), "{err}");
}

#[test]
fn usage_error_is_exit_2() {
    assert_eq!(glassbox(&["audit"]).status.code(), Some(2));
    assert_eq!(
        glassbox(&["audit", "examples/closed", "--format", "nope"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_code_checkout_beside_the_weights_counts_for_the_release() {
    let code = tempfile::tempdir().unwrap();
    std::fs::write(
        code.path().join("LICENSE"),
        "MIT License\n\nCopyright (c) 2026 x\n",
    )
    .unwrap();
    std::fs::write(
        code.path().join("train.py"),
        "for b in data:\n    loss = model(b)\n    loss.backward()\n    optimizer.step()\n",
    )
    .unwrap();
    let spec = code.path().to_str().unwrap();
    let out = glassbox(&[
        "audit",
        "examples/open-weights",
        "--with",
        spec,
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&r);
    let training = component(&r, "Training code");
    assert_eq!(training["status"], "present");
    assert_eq!(training["evidence"][0]["source"], spec);
    assert_eq!(training["license"]["id"], "MIT");
}

#[test]
fn gated_cards_are_reported() {
    let r = audit_json("examples/restricted-weights");
    assert!(r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "gated"));
}

/// Issue #11's test of truth: a release whose only license is the Apache-2.0 text as
/// apache.org distributes it today (https URLs, appendix unfilled or filled in) has tier P
/// weights: the text is the license itself, not a modified copy.
#[test]
fn the_apache_org_text_is_apache_2_0_in_an_audit() {
    let Some(shared) = glassbox_testkit::shared("the apache.org text audit") else {
        return;
    };
    let apache = std::fs::read_to_string(
        shared.join("data/licenses/real-world/axolotl-ai-cloud__axolotl/LICENSE"),
    )
    .unwrap()
    .replace("http://", "https://");
    for (what, text) in [
        ("unfilled", apache.clone()),
        (
            "filled",
            apache.replace("[yyyy] [name of copyright owner]", "2025 Example Labs"),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            repo().join("examples/open-weights/model.safetensors"),
            dir.path().join("model.safetensors"),
        )
        .unwrap();
        std::fs::write(dir.path().join("LICENSE"), text).unwrap();
        let r = audit_json(dir.path().to_str().unwrap());
        let weights = component(&r, "Model parameters (Final)");
        assert_eq!(weights["license"]["id"], "Apache-2.0", "{what}");
        assert_eq!(weights["license"]["tier"], "P", "{what}");
        let modified = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "license-modified");
        assert!(!modified, "{what}: {:?}", r["findings"]);
    }
}

/// A release of several models under different licenses: the per-model table is in the JSON,
/// validates, and the text report shows it.
#[test]
fn a_per_model_license_table_is_reported_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let write = |p: &str, t: &str| {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, t).unwrap();
    };
    write(
        "README.md",
        "# Orbit\n\nWeights: [Orbit-7B](https://huggingface.co/acme/Orbit-7B), [Orbit-1B](https://huggingface.co/acme/Orbit-1B).\n\n## License\n\nThe source code is licensed under the MIT License.\n\n- Orbit-7B is licensed under CC-BY-NC-4.0.\n- Orbit-1B is licensed under the Apache License 2.0.\n",
    );
    let target = dir.path().to_str().unwrap();
    let report = audit_json(target);
    assert_valid(&report);
    let models = &report["model_licenses"]["models"];
    assert_eq!(models[0]["model"], "Orbit-7B", "{models:#}");
    assert_eq!(models[0]["license"]["id"], "CC-BY-NC-4.0");
    assert_eq!(models[0]["rule"], "license.model-statement");
    assert_eq!(models[1]["license"]["id"], "Apache-2.0");
    let text = glassbox(&["audit", target]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Licenses per model"), "{text}");
    assert!(text.contains("Orbit-7B — CC-BY-NC-4.0 (tier NC)"), "{text}");
}

/// `badge` fetches a target with the options and environment of `audit`: `--offline` keeps it
/// to the local Hugging Face cache (it used to audit with default options and go online).
#[test]
fn badge_takes_the_source_options_of_audit() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(["badge", "hf:acme/orbit", "--offline"])
        .current_dir(repo())
        .env("HF_HOME", home.path())
        .env_remove("HF_HUB_OFFLINE")
        .env_remove("HF_ENDPOINT")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not in the local Hugging Face cache"), "{err}");
}

/// Shell completions and the manual page come from the CLI definition.
#[test]
fn completions_and_man_page_are_generated_from_the_cli() {
    let bash = glassbox(&["completions", "bash"]);
    assert!(bash.status.success());
    let bash = String::from_utf8_lossy(&bash.stdout);
    assert!(bash.contains("_glassbox()"), "{bash}");
    assert!(bash.contains("audit") && bash.contains("check"), "{bash}");
    let man = glassbox(&["man"]);
    assert!(man.status.success());
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(man.contains(".TH glassbox 1"), "{man}");
    assert!(man.contains("audit"), "{man}");
    let bad = glassbox(&["completions", "nosuchshell"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The report crate renders checked-in reports of the examples (`glassbox-report/tests/reports`)
/// rather than running the pipeline: they must be what an audit prints today.
/// `GLASSBOX_BLESS=1 cargo test -p glassbox --test audit_examples` writes them anew.
#[test]
fn the_report_crates_example_reports_are_fresh() {
    for name in [
        "open-source",
        "open-weights",
        "restricted-weights",
        "closed",
    ] {
        let out = glassbox(&["audit", &format!("examples/{name}"), "--format", "json"]);
        assert!(out.status.success(), "{name}");
        let path = repo().join(format!(
            "crates/glassbox-report/tests/reports/example-{name}.json"
        ));
        if std::env::var_os("GLASSBOX_BLESS").is_some() {
            std::fs::write(&path, &out.stdout).unwrap();
            continue;
        }
        let have = std::fs::read(&path).unwrap_or_default();
        assert!(
            have == out.stdout,
            "{} is stale: run `GLASSBOX_BLESS=1 cargo test -p glassbox --test audit_examples` \
             and review the report snapshots it changes",
            path.display()
        );
    }
}
