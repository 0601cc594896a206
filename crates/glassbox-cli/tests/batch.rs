//! `glassbox audit` over many targets: reports come out in target order whatever the number of
//! workers, and a target that fails is named on stderr without costing the others.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn record(name: &str, training_license: &str) -> String {
    format!(
        "framework:\n  name: Model Openness Framework\n  version: '1.0'\n  date: '2024-12-15'\n\
         release:\n  name: {name}\n  producer: p\n  license:\n    distribution: {{name: Apache-2.0, path: /LICENSE}}\n\
         \x20 components:\n    - name: Model parameters (Final)\n    - name: Training code\n      license: {training_license}\n"
    )
}

fn write_records(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let p = dir.join(format!("model-{i:03}.yml"));
            let license = if i % 2 == 0 {
                "MIT"
            } else {
                "LicenseRef-Proprietary"
            };
            std::fs::write(&p, record(&format!("m{i}"), license)).unwrap();
            p
        })
        .collect()
}

fn glassbox(args: &[&str], targets: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .args(targets)
        .output()
        .unwrap()
}

fn names(json: &serde_json::Value) -> Vec<String> {
    json.as_array()
        .expect("an array for several targets")
        .iter()
        .map(|r| r["target"]["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn reports_come_out_in_target_order_with_any_number_of_workers() {
    let dir = tempfile::tempdir().unwrap();
    let targets = write_records(dir.path(), 40);
    let expected: Vec<String> = (0..40).map(|i| format!("m{i}")).collect();
    let mut outputs = Vec::new();
    for jobs in ["1", "3", "8"] {
        let out = glassbox(&["audit", "--format", "json", "--jobs", jobs], &targets);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(names(&v), expected, "jobs {jobs}");
        outputs.push(out.stdout);
    }
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "same bytes whatever the workers"
    );
    // Streamed one by one, the array is exactly what serde_json writes for the whole batch.
    let v: serde_json::Value = serde_json::from_slice(&outputs[0]).unwrap();
    assert_eq!(
        String::from_utf8(outputs[0].clone()).unwrap(),
        serde_json::to_string_pretty(&v).unwrap() + "\n"
    );
}

#[test]
fn a_broken_record_is_named_and_the_others_are_still_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut targets = write_records(dir.path(), 3);
    let broken = dir.path().join("broken.yml");
    std::fs::write(
        &broken,
        record("bad", "MIT").replace("Training code", "Trainin code"),
    )
    .unwrap();
    targets.insert(1, broken);
    let out = glassbox(&["audit", "--format", "json"], &targets);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.yml"), "{stderr}");
    assert!(stderr.contains("release.components[1]"), "{stderr}");
    assert!(!stderr.contains("model-000"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(names(&v), ["m0", "m1", "m2"]);
}

#[test]
fn a_batch_written_to_a_file_as_mof_records() {
    let dir = tempfile::tempdir().unwrap();
    let targets = write_records(dir.path(), 3);
    let file = dir.path().join("out.yml");
    let out = glassbox(
        &[
            "audit",
            "--format",
            "mof",
            "--output",
            file.to_str().unwrap(),
        ],
        &targets,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&file).unwrap();
    let docs: Vec<&str> = text
        .split("---\n")
        .filter(|d| !d.trim().is_empty())
        .collect();
    assert_eq!(docs.len(), 3);
    for (i, doc) in docs.iter().enumerate() {
        assert!(doc.contains(&format!("name: 'm{i}'")), "{doc}");
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_batch_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let targets = write_records(dir.path(), 300);
    let mut child = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(["audit", "--format", "json", "--jobs", "2"])
        .args(&targets)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = [0u8; 64];
    stdout.read_exact(&mut head).unwrap();
    assert!(head.starts_with(b"[\n  {"));
    drop(stdout);
    // A writer stuck behind its workers would never exit: give it a generous bound, then fail.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("glassbox kept running after its reader went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
