//! `glassbox audit` on git URLs served over smart HTTP from 127.0.0.1 (`git http-backend`
//! behind a CGI bridge): the audit cites the cloned commit; a silent server, a missing
//! repository exit 2 with a message naming the URL; a card link to a loopback repository is
//! recorded as not followed and never contacted.

use glassbox_testkit as common;
mod spawn;

use std::path::Path;
use std::process::Output;

use common::git_server::{self, bare_repo, http_backend};
use serde_json::Value;

fn glassbox(args: &[&str], home: &Path) -> Output {
    spawn::glassbox()
        .args(args)
        .env("HF_ENDPOINT", "http://127.0.0.1:9")
        .env("HF_HUB_CACHE", home.join("hf"))
        .env("XDG_CACHE_HOME", home)
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .expect("run glassbox")
}

fn model_files(card_links: &str) -> Vec<(String, Vec<u8>)> {
    vec![
        (
            "README.md".into(),
            format!(
                "---\nlicense: apache-2.0\n---\n# Tiny\n\nTrained with `train.py`.{card_links}\n"
            )
            .into_bytes(),
        ),
        (
            "config.json".into(),
            br#"{"architectures":["LlamaForCausalLM"],"model_type":"llama"}"#.to_vec(),
        ),
        (
            "train.py".into(),
            b"for batch in loader:\n    loss.backward()\n    optimizer.step()\n".to_vec(),
        ),
        (
            "LICENSE".into(),
            b"Apache License\nVersion 2.0, January 2004\n".to_vec(),
        ),
    ]
}

fn backend_or_skip() -> Option<std::path::PathBuf> {
    match http_backend() {
        Ok(b) => Some(b),
        Err(why) => {
            eprintln!("skipping: git http-backend unavailable ({why})");
            None
        }
    }
}

/// Every `location.url` in the report's component evidence.
fn evidence_urls(report: &Value) -> Vec<String> {
    report["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap().iter())
        .filter_map(|e| e["location"]["url"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn audit_of_an_http_git_url_cites_the_commit() {
    let Some(backend) = backend_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let srv = dir.path().join("srv");
    let head = bare_repo(&srv, "org/repo.git", &model_files(""));
    let server = git_server::smart_http(&srv, &backend);
    let url = format!("{}/org/repo.git", server.base);

    let out = glassbox(&["audit", &url, "--format", "json"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["target"]["kind"], "git");
    assert_eq!(report["target"]["revision"], head.as_str());
    let training = report["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["component"] == "Training code")
        .expect("training code component");
    assert_eq!(training["status"], "present", "{training}");
    let cited = format!("git+{url}@{head}#train.py");
    assert!(
        evidence_urls(&report).contains(&cited),
        "{cited} not among {:?}",
        evidence_urls(&report)
    );

    // The text report says where the release came from.
    let text = glassbox(&["audit", &url], dir.path());
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains(&head[..12]));
}

#[test]
fn a_silent_server_and_a_missing_repository_exit_2_naming_the_url() {
    let Some(backend) = backend_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let silent = git_server::silent();
    let url = format!("{}/org/repo.git", silent.base);
    let out = glassbox(&["audit", &url, "--timeout", "1"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&url) && err.contains("did not answer within 1 s"),
        "{err}"
    );

    let srv = dir.path().join("srv");
    bare_repo(&srv, "org/repo.git", &model_files(""));
    let server = git_server::smart_http(&srv, &backend);
    let missing = format!("{}/org/absent.git", server.base);
    let out = glassbox(&["audit", &missing], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&missing) && err.contains("repository not found (HTTP 404)"),
        "{err}"
    );
}

#[test]
fn card_links_to_loopback_repositories_are_recorded_not_followed() {
    let Some(backend) = backend_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let srv = dir.path().join("srv");
    let server = git_server::smart_http(&srv, &backend);
    let port = server.base.rsplit(':').next().unwrap().to_string();
    // The code repository really is served: only the link policy keeps it from being cloned.
    bare_repo(&srv, "org/code.git", &model_files(""));
    let links = format!(
        "\n\nCode: [plain]({base}/org/code.git), [tls](https://localhost:{port}/org/code.git).",
        base = server.base
    );
    bare_repo(&srv, "org/model.git", &model_files(&links));
    let url = format!("{}/org/model.git", server.base);

    let out = glassbox(&["audit", &url, "--format", "json"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let refused: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "link-not-followed")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        refused
            .iter()
            .any(|m| m.contains(&format!("{}/org/code.git", server.base))
                && m.contains("only https:// repositories are followed")),
        "{refused:?}"
    );
    assert!(
        refused.iter().any(|m| m.contains("https://localhost:")
            && m.contains("`localhost` is a private, loopback or local address")),
        "{refused:?}"
    );
    let requests = server.requests.lock().unwrap().clone();
    assert!(requests.iter().any(|r| r.starts_with("/org/model.git/")));
    assert!(
        !requests.iter().any(|r| r.contains("/org/code.git")),
        "{requests:?}"
    );
}

/// A snapshot without the blob of its weights (snapshots leave out files of 4 MiB or more):
/// the audit ends normally with a `missing-object` finding naming the file, and the file still
/// counts as weights published in the repository (by name, at lower confidence), never as an
/// empty weights file.
#[test]
fn a_bare_snapshot_without_the_weights_blob_is_audited_with_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    if git_server::git(dir.path(), &["--version"]).is_none() {
        eprintln!("git CLI unavailable: skipping");
        return;
    }
    let mut files = model_files("");
    files.push(("model.safetensors".into(), vec![7u8; 4096]));
    files.push((
        "data/train.jsonl".into(),
        b"{\"text\": \"a\"}\n".repeat(300),
    ));
    bare_repo(dir.path(), "snap.git", &files);
    let bare = dir.path().join("snap.git");
    for path in ["model.safetensors", "data/train.jsonl"] {
        let oid = git_server::git(&bare, &["rev-parse", &format!("HEAD:{path}")]).unwrap();
        std::fs::remove_file(bare.join("objects").join(&oid[..2]).join(&oid[2..])).unwrap();
    }

    let out = glassbox(
        &[
            "audit",
            "--offline",
            "--no-follow",
            "--no-scan",
            bare.to_str().unwrap(),
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = r["findings"].as_array().unwrap();
    let at = |f: &Value| f["evidence"][0]["path"] == "model.safetensors";
    let missing: Vec<_> = findings
        .iter()
        .filter(|f| f["kind"] == "missing-object")
        .collect();
    assert_eq!(missing.len(), 2, "{findings:?}");
    assert!(at(missing[0]) || at(missing[1]));
    assert_eq!(missing[0]["severity"], "medium");
    assert!(missing[0]["message"]
        .as_str()
        .unwrap()
        .contains("absent from the object database"));
    assert!(
        !findings
            .iter()
            .any(|f| f["kind"] == "invalid-weights" && at(f)),
        "{findings:?}"
    );
    assert!(r["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["path"] == "model.safetensors" && a["kind"] == "weights"));
    let component = |name: &str| {
        r["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["component"] == name)
            .unwrap()
            .clone()
    };
    let weights = component("Model parameters (Final)");
    assert_eq!(weights["status"], "present");
    let ev = &weights["evidence"][0];
    assert_eq!(ev["rule"], "weights.missing-object");
    assert_eq!(ev["location"]["path"], "model.safetensors");
    assert!(ev["confidence"].as_f64().unwrap() < 0.9);
    // A data file without its blob is still listed by name, with no made-up size; an unknown
    // size does not show it to be the training data, so it only counts as an example file.
    let data = component("Datasets");
    let ev = &data["evidence"][0];
    assert_eq!(ev["rule"], "data.example-file");
    assert_eq!(data["status"], "partial");
    assert_eq!(ev["location"]["path"], "data/train.jsonl");
    assert!(
        ev["detail"].as_str().unwrap().contains("size unknown"),
        "{ev}"
    );
}
