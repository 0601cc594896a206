//! The serialisation-safety scan and integrity checks inside `audit`.

use std::fs;
use std::path::Path;
use std::process::Command;

fn glassbox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run glassbox")
}

fn report(args: &[&str]) -> serde_json::Value {
    let out = glassbox(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn release_with_pickle(dir: &Path) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/open-weights");
    for f in ["README.md", "LICENSE", "config.json", "model.safetensors"] {
        fs::copy(examples.join(f), dir.join(f)).unwrap();
    }
    // Protocol 0: GLOBAL posix.system, a string argument, REDUCE. Never executed, only read.
    fs::write(
        dir.join("pytorch_model.bin"),
        b"cposix\nsystem\n(S'echo pwned'\ntR.",
    )
    .unwrap();
}

#[test]
fn a_malicious_pickle_is_a_critical_finding_and_weighs_on_auditability() {
    let d = tempfile::tempdir().unwrap();
    release_with_pickle(d.path());
    let r = report(&["audit", d.path().to_str().unwrap(), "--format", "json"]);
    let findings = r["findings"].as_array().unwrap();
    let hit = findings
        .iter()
        .find(|f| f["severity"] == "critical")
        .expect("a critical finding");
    assert!(
        hit["message"].as_str().unwrap().contains("posix.system"),
        "{hit}"
    );
    assert_eq!(hit["evidence"][0]["path"], "pytorch_model.bin");
    let audit_row = &r["verdicts"]["seed"]["rows"][5];
    assert_eq!(audit_row["row"], "Auditability");
    assert_eq!(audit_row["value"], "limited");

    let skipped = report(&[
        "audit",
        d.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-scan",
    ]);
    assert!(!skipped["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "critical"));
}

#[test]
fn verify_against_a_manifest() {
    let d = tempfile::tempdir().unwrap();
    release_with_pickle(d.path());
    let manifest = d.path().join("../manifest.json");
    let out = glassbox(&["hash", d.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::write(&manifest, &out.stdout).unwrap();
    let m = manifest.to_str().unwrap();

    let r = report(&[
        "audit",
        d.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-scan",
        "--verify",
        m,
    ]);
    let kinds = |r: &serde_json::Value, kind: &str| {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == kind)
            .count()
    };
    assert_eq!(kinds(&r, "integrity-verified"), 2, "{}", r["findings"]);
    assert_eq!(kinds(&r, "integrity-mismatch"), 0);
    let weights = r["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == "model.safetensors")
        .unwrap();
    assert_eq!(weights["sha256"].as_str().unwrap().len(), 64);

    let mut bytes = fs::read(d.path().join("pytorch_model.bin")).unwrap();
    bytes[1] = b'n';
    fs::write(d.path().join("pytorch_model.bin"), bytes).unwrap();
    let r = report(&[
        "audit",
        d.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-scan",
        "--verify",
        m,
    ]);
    assert_eq!(kinds(&r, "integrity-mismatch"), 1);
    assert_eq!(kinds(&r, "integrity-verified"), 1);
    let _ = fs::remove_file(&manifest);
}

#[test]
fn an_unreadable_manifest_is_exit_2() {
    let out = glassbox(&[
        "audit",
        "../../examples/closed",
        "--verify",
        "/nonexistent/manifest.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/manifest.json"));
}
