//! Broken releases: every problem is a finding or a clear error naming the file, never a panic.

use std::fs;
use std::path::Path;
use std::process::Command;

fn audit(dir: &Path) -> (Option<i32>, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(["audit", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), json, stderr)
}

fn findings(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(report: &serde_json::Value, kind: &str, needle: &str) -> bool {
    findings(report)
        .iter()
        .any(|(k, m)| k == kind && m.contains(needle))
}

fn release(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (p, b) in files {
        let path = dir.path().join(p);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, b).unwrap();
    }
    dir
}

fn safetensors() -> Vec<u8> {
    glassbox_formats::safetensors::write_f32(&[("w", vec![4], vec![1.0; 4])], &[])
}

#[test]
fn broken_front_matter_is_a_finding() {
    let d = release(&[("README.md", b"---\nlicense: [apache-2.0\n---\n# Model\n")]);
    let (code, r, _) = audit(d.path());
    assert_eq!(code, Some(0));
    assert!(
        has(&r, "invalid-card-metadata", "front matter"),
        "{:?}",
        findings(&r)
    );
}

#[test]
fn invalid_config_is_a_finding() {
    let d = release(&[("config.json", b"{\"architectures\": [")]);
    let (code, r, _) = audit(d.path());
    assert_eq!(code, Some(0));
    assert!(
        has(&r, "invalid-config", "config.json"),
        "{:?}",
        findings(&r)
    );
}

#[test]
fn truncated_safetensors_is_a_finding_naming_the_file() {
    let mut bytes = safetensors();
    bytes.truncate(bytes.len() - 3);
    let d = release(&[("model.safetensors", &bytes)]);
    let (_, r, _) = audit(d.path());
    assert!(
        has(&r, "invalid-weights", "model.safetensors"),
        "{:?}",
        findings(&r)
    );
    assert_eq!(r["verdicts"]["seed"]["category"], "closed");
}

#[test]
fn header_longer_than_the_file_or_the_limit() {
    let mut past_end = 4096u64.to_le_bytes().to_vec();
    past_end.extend_from_slice(b"{}      ");
    let mut huge = (200_000_000u64).to_le_bytes().to_vec();
    huge.extend_from_slice(&[b' '; 64]);
    let d = release(&[("a.safetensors", &past_end), ("b.safetensors", &huge)]);
    let (_, r, _) = audit(d.path());
    assert!(
        has(
            &r,
            "invalid-weights",
            "a.safetensors: invalid safetensors file: truncated"
        ),
        "{:?}",
        findings(&r)
    );
    assert!(
        has(&r, "invalid-weights", "over the limit of 100000000"),
        "{:?}",
        findings(&r)
    );
}

#[test]
fn missing_shard_is_a_finding() {
    let st = safetensors();
    let index = br#"{"metadata":{"total_size":16},"weight_map":{"w":"model-00001-of-00002.safetensors","v":"model-00002-of-00002.safetensors"}}"#;
    let d = release(&[
        ("model-00001-of-00002.safetensors", &st),
        ("model.safetensors.index.json", index),
    ]);
    let (_, r, _) = audit(d.path());
    assert!(
        has(&r, "missing-shard", "model-00002-of-00002.safetensors"),
        "{:?}",
        findings(&r)
    );
    let weights = r["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "Model parameters (Final)")
        .unwrap();
    assert!(weights["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["rule"] == "weights.shard-index-incomplete"));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_finding() {
    use std::os::unix::fs::PermissionsExt;
    let d = release(&[("LICENSE", b"MIT License\n"), ("README.md", b"# x\n")]);
    let p = d.path().join("LICENSE");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&p).is_ok() {
        eprintln!("running as a user who can read mode-000 files (root): unreadable-file case not observable here");
        return;
    }
    let (code, r, _) = audit(d.path());
    assert_eq!(code, Some(0));
    assert!(
        has(&r, "unreadable-file", "cannot read"),
        "{:?}",
        findings(&r)
    );
}

#[test]
fn a_file_instead_of_a_folder_is_exit_2() {
    let d = release(&[("x.txt", b"hi")]);
    let (code, _, err) = audit(&d.path().join("x.txt"));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("x.txt") && err.contains("not a folder"),
        "{err}"
    );
}

#[test]
fn gguf_weights_are_read_and_a_broken_one_is_a_finding() {
    use glassbox_formats::gguf::{write, WriteValue};
    let good = write(
        &[
            ("general.architecture", WriteValue::Str("llama")),
            ("general.name", WriteValue::Str("tiny")),
            ("general.license", WriteValue::Str("apache-2.0")),
        ],
        &[("token_embd.weight", &[8, 3]), ("output.weight", &[8])],
    );
    let mut bad = good.clone();
    bad.truncate(20);
    let d = release(&[("tiny.gguf", &good), ("broken.gguf", &bad)]);
    let (code, r, _) = audit(d.path());
    assert_eq!(code, Some(0));
    let weights = r["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "Model parameters (Final)")
        .unwrap();
    let gguf = weights["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["rule"] == "weights.gguf")
        .expect("gguf evidence");
    assert!(
        gguf["detail"].as_str().unwrap().contains("32 parameters"),
        "{gguf}"
    );
    assert!(
        gguf["detail"]
            .as_str()
            .unwrap()
            .contains("architecture llama"),
        "{gguf}"
    );
    assert!(
        has(&r, "invalid-weights", "broken.gguf: invalid GGUF file"),
        "{:?}",
        findings(&r)
    );
}
