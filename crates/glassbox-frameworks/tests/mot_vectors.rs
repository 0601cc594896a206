//! Every MOT test record, read through the claims reader, gets exactly the class and progress
//! values the Model Openness Tool computed (`expected_results.json`).

mod common;

use glassbox_frameworks::mof;
use glassbox_sources::claims;

#[test]
fn trailing_comma_stripper_keeps_strings() {
    let s = common::strip_trailing_commas(r#"{"a": [1, 2,], "b": "x,}", "c": {"d": 1,},}"#);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["b"], "x,}");
    assert_eq!(v["a"][1], 2);
}

#[test]
fn mot_mode_reproduces_every_expected_result() {
    let Some(dir) = common::mof_data("mot_mode_reproduces_every_expected_result") else {
        return;
    };
    let dir = dir.join("mot-test-vectors");
    let text = std::fs::read_to_string(dir.join("expected_results.json")).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&common::strip_trailing_commas(&text)).unwrap();
    let models = expected["models"].as_array().unwrap();

    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), models.len(), "one expected result per record");

    let mut failures = Vec::new();
    for path in &files {
        let record = claims::read_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let want = models
            .iter()
            .find(|m| m["release"]["name"] == record.name.as_str())
            .unwrap_or_else(|| panic!("no expected result for {}", record.name));
        let c = &want["classification"];
        let ev = record.to_evidence(&path.display().to_string());
        let got = mof::evaluate_mot(&ev);
        let p = |k: &str| c["progress"][k].as_f64().unwrap();
        let ok = got.class as u64 == c["class"].as_u64().unwrap()
            && got.label == c["label"].as_str().unwrap()
            && (got.progress.class1 - p("1")).abs() < 1e-9
            && (got.progress.class2 - p("2")).abs() < 1e-9
            && (got.progress.class3 - p("3")).abs() < 1e-9;
        if !ok {
            failures.push(format!(
                "{}: got class {} {{1: {}, 2: {}, 3: {}}}, want {}",
                record.name,
                got.class,
                got.progress.class1,
                got.progress.class2,
                got.progress.class3,
                c
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} records differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
