//! Every corpus case (scanners.md §10, T01–T35 plus hostile inputs) scanned from disk, one by
//! one and as a directory walk; each must meet its expectation.

use glassbox_core::Severity;
use glassbox_scan::corpus::{cases, Expect};
use glassbox_scan::{scan_file, scan_paths, FileScan, ScanOptions};

fn check(c: &glassbox_scan::corpus::Case, f: &FileScan) -> Result<(), String> {
    let high = f.max_severity().is_some_and(|s| s >= Severity::High);
    let ok = match c.expect {
        Expect::Found => high,
        Expect::FoundOrError => high || f.error.is_some(),
        Expect::Error => f.error.is_some(),
        Expect::Clean => f.findings.is_empty() && f.error.is_none(),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{} ({}, expect {:?}): format {} findings {:#?} error {:?}",
            c.path, c.case, c.expect, f.format, f.findings, f.error
        ))
    }
}

#[test]
fn every_case_meets_its_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let all = cases();
    for c in &all {
        let p = dir.path().join(&c.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &c.bytes).unwrap();
    }
    let mut failures = Vec::new();
    for c in &all {
        let f = scan_file(&dir.path().join(&c.path), &c.path);
        if let Err(e) = check(c, &f) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );

    // Directory mode sniffs content: the same verdicts, whatever the extensions.
    let report = scan_paths(&[dir.path().to_path_buf()], &ScanOptions::default());
    assert_eq!(report.files.len(), all.len());
    for c in &all {
        let shown = dir.path().join(&c.path).display().to_string();
        let f = report
            .files
            .iter()
            .find(|f| f.path == shown)
            .unwrap_or_else(|| panic!("{shown} not scanned"));
        check(c, f).unwrap();
    }
    assert_eq!(report.exit_code(Severity::High), 1);
    // Every T01–T35 id that is a scanner case is covered.
    for t in 1..=35 {
        let id = format!("T{t:02}");
        assert!(
            all.iter().any(|c| c.case == id.as_str()),
            "{id} has no corpus case"
        );
    }
}

#[test]
fn benign_only_directory_exits_zero_and_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    for c in cases().iter().filter(|c| c.expect == Expect::Clean) {
        let p = dir.path().join(&c.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &c.bytes).unwrap();
    }
    let r = scan_paths(&[dir.path().to_path_buf()], &ScanOptions::default());
    assert_eq!(r.exit_code(Severity::High), 0);
    assert_eq!(
        r.exit_code(Severity::Info),
        0,
        "benign files must carry no finding at all"
    );
    let bad = dir.path().join("bad.safetensors");
    let mut b = (1u64 << 63).to_le_bytes().to_vec();
    b.extend_from_slice(b"{}");
    std::fs::write(&bad, b).unwrap();
    let r = scan_paths(&[dir.path().to_path_buf()], &ScanOptions::default());
    assert_eq!(r.exit_code(Severity::High), 2);
    let f = r
        .files
        .iter()
        .find(|f| f.path.ends_with("bad.safetensors"))
        .unwrap();
    let e = f.error.as_ref().unwrap();
    assert!(
        e.contains("bad.safetensors") && e.contains("100000000"),
        "{e}"
    );
}

#[test]
fn json_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("x.pkl");
    std::fs::write(&p, glassbox_scan::corpus::call_p2("os", "system", "json")).unwrap();
    let r = scan_paths(&[p], &ScanOptions::default());
    let v = serde_json::to_value(&r).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["format"], "pickle");
    assert_eq!(f["findings"][0]["severity"], "critical");
    assert_eq!(f["findings"][0]["kind"], "unsafe-global");
    assert!(f["findings"][0]["location"]["offset"].is_u64());
    assert!(f.get("error").is_none());
    let core = glassbox_scan::to_findings(&r.files[0]);
    assert_eq!(core[0].severity, Severity::Critical);
    assert!(core[0].evidence[0]
        .field
        .as_deref()
        .unwrap()
        .contains("byte:"));
}

#[test]
fn shard_index_is_checked_against_the_shards() {
    let dir = tempfile::tempdir().unwrap();
    let a = glassbox_formats::safetensors::write_f32(&[("a", vec![2], vec![1.0; 2])], &[]);
    std::fs::write(dir.path().join("model-00001-of-00002.safetensors"), a).unwrap();
    let idx = dir.path().join("model.safetensors.index.json");
    std::fs::write(
        &idx,
        br#"{"metadata": {"total_size": 12}, "weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}}"#,
    )
    .unwrap();
    let f = scan_file(&idx, "model.safetensors.index.json");
    assert_eq!(f.format, "safetensors-index");
    assert_eq!(f.findings.len(), 1, "{f:?}");
    assert!(f.findings[0]
        .message
        .contains("model-00002-of-00002.safetensors` named by the index is missing"));
    let b = glassbox_formats::safetensors::write_f32(&[("b", vec![1], vec![1.0])], &[]);
    std::fs::write(dir.path().join("model-00002-of-00002.safetensors"), b).unwrap();
    let f = scan_file(&idx, "model.safetensors.index.json");
    assert!(f.findings.is_empty() && f.error.is_none(), "{f:?}");
}
