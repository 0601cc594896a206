//! `glassbox scan` and `glassbox hash` end to end: exit codes 0/1/2, JSON contract, SARIF,
//! manifests and verification.

use std::fs;
use std::process::Command;

use glassbox_scan::corpus;

fn glassbox(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

#[test]
fn exit_codes_follow_the_contract() {
    let d = tempfile::tempdir().unwrap();
    let benign = d.path().join("benign");
    fs::create_dir_all(&benign).unwrap();
    fs::write(
        benign.join("model.safetensors"),
        glassbox_formats::safetensors::write_f32(&[("w", vec![2], vec![1.0; 2])], &[]),
    )
    .unwrap();
    fs::write(
        benign.join("pytorch_model.bin"),
        corpus::torch_zip(
            &corpus::torch_state_dict_pickle(&[("w", &[2])], false),
            &[8],
            &[],
        ),
    )
    .unwrap();
    let b = benign.to_str().unwrap();
    let (code, out, _) = glassbox(&["scan", b]);
    assert_eq!(code, 0, "{out}");

    let bad = d.path().join("bad.safetensors");
    let mut lying = (1u64 << 63).to_le_bytes().to_vec();
    lying.extend_from_slice(b"{}");
    fs::write(&bad, lying).unwrap();
    let (code, out, _) = glassbox(&["scan", b, bad.to_str().unwrap()]);
    assert_eq!(code, 2, "an unscannable file is never clean: {out}");
    assert!(
        out.contains("bad.safetensors") && out.contains("100000000"),
        "{out}"
    );

    let mal = d.path().join("weights.bin");
    fs::write(&mal, corpus::call_p2("os", "system", "cli")).unwrap();
    let (code, out, _) = glassbox(&[
        "scan",
        bad.to_str().unwrap(),
        mal.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "a finding wins over an error");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let m = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("weights.bin"))
        .unwrap();
    assert_eq!(m["format"], "pickle");
    assert_eq!(m["findings"][0]["severity"], "critical");
    assert_eq!(m["findings"][0]["kind"], "unsafe-global");
    assert_eq!(m["findings"][0]["location"]["offset"], 2);

    // --fail-on: an unknown global is medium, below the default threshold.
    let unknown = d.path().join("custom.pkl");
    fs::write(&unknown, corpus::call_p2("mypackage.layers", "Custom", "x")).unwrap();
    assert_eq!(glassbox(&["scan", unknown.to_str().unwrap()]).0, 0);
    assert_eq!(
        glassbox(&["scan", "--fail-on", "medium", unknown.to_str().unwrap()]).0,
        1
    );
    let (code, out, _) = glassbox(&["scan", "--format", "sarif", mal.to_str().unwrap()]);
    assert_eq!(code, 1);
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["version"], "2.1.0");
    if let Some(v) = glassbox_testkit::sarif_validator() {
        let errors: Vec<String> = v.iter_errors(&s).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "scan SARIF does not validate: {errors:?}"
        );
    }
    // The same rule an audit gives the same finding, with the code's description.
    let run = &s["runs"][0];
    assert_eq!(run["results"][0]["ruleId"], "finding/unsafe-global");
    assert_eq!(run["results"][0]["level"], "error");
    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "finding/unsafe-global");
    assert!(
        rule["help"]["text"]
            .as_str()
            .unwrap()
            .contains("glassbox explain unsafe-global"),
        "{rule}"
    );
    assert_eq!(
        glassbox(&["scan", "--fail-on", "bogus", b]).0,
        2,
        "usage errors exit 2"
    );
}

#[test]
fn hash_writes_and_verifies_a_manifest() {
    let d = tempfile::tempdir().unwrap();
    let rel = d.path().join("release");
    fs::create_dir_all(rel.join("sub")).unwrap();
    fs::write(rel.join("a.bin"), b"abc").unwrap();
    fs::write(rel.join("sub/b.bin"), vec![1u8; 3_000_000]).unwrap();
    let manifest = d.path().join("manifest.json");
    let r = rel.to_str().unwrap();
    let (code, _, err) = glassbox(&["hash", r, "-o", manifest.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let m: serde_json::Value = serde_json::from_slice(&fs::read(&manifest).unwrap()).unwrap();
    assert_eq!(m["schema"], "glassbox/manifest/v1");
    assert_eq!(m["files"][0]["path"], "a.bin");
    assert_eq!(
        m["files"][0]["sha256"],
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(m["files"][1]["path"], "sub/b.bin");
    assert_eq!(m["files"][1]["size"], 3_000_000);
    let (code, out, _) = glassbox(&["hash", r, "--verify", manifest.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("verified      a.bin"));
    fs::write(rel.join("a.bin"), b"abd").unwrap();
    let (code, out, _) = glassbox(&["hash", r, "--verify", manifest.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("MISMATCHED    a.bin"), "{out}");
}
