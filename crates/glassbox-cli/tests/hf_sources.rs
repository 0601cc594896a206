//! `glassbox audit` on Hub targets against the mock Hub (127.0.0.1): a folder, the Hub and the
//! Hugging Face cache holding the same content give the same report (modulo target, URLs,
//! hashes and bytes read; the whole-file safety scan is off, since Hub weights are never
//! downloaded for an audit); gated repositories exit 2 with the message; `--offline` opens no
//! socket; followed datasets add evidence that names its source.

use glassbox_testkit as common;
mod spawn;

use std::path::Path;
use std::process::Output;
use std::sync::atomic::Ordering;

use common::mock_hub::{Fault, MockHub, MockRepo};
use common::{fixture_files, write_folder};
use glassbox_sources::hf::RepoRef;
use serde_json::Value;

fn glassbox(args: &[&str], endpoint: &str, cache: &Path, home: &Path) -> Output {
    spawn::glassbox()
        .args(args)
        .env("HF_ENDPOINT", endpoint)
        .env("HF_HUB_CACHE", cache)
        .env("XDG_CACHE_HOME", home)
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .expect("run glassbox")
}

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

/// Drops what legitimately differs between sources of the same content.
fn normalise(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("target");
            m.remove("url");
            m.remove("sha256");
            m.remove("bytes_read");
            for x in m.values_mut() {
                normalise(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(normalise),
        _ => {}
    }
}

/// The first place two JSON values differ, for a readable failure.
fn first_diff(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys()) {
                if let Some(d) = first_diff(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{at}.{k}"),
                ) {
                    return Some(d);
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_diff(p, q, &format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{at}: {a} != {b}")),
    }
}

struct Setup {
    mock: MockHub,
    dir: tempfile::TempDir,
}

fn setup() -> Setup {
    let files = fixture_files();
    let dir = tempfile::tempdir().unwrap();
    write_folder(&dir.path().join("tiny"), &files);
    let mock = MockHub::start();
    mock.add_model("org/tiny", MockRepo::new(files.clone()));
    mock.add_model(
        "org/gated",
        MockRepo::new(files.clone()).with(Fault::Gated {
            token: "hf_right".into(),
        }),
    );
    mock.add_dataset(
        "org/data",
        MockRepo::new(vec![(
            "README.md".into(),
            b"---\nlicense: cc-by-4.0\n---\n# Data card\n\n## Dataset sources\n\nAll of it.\n"
                .to_vec(),
        )]),
    );
    let sha = mock.sha("models", "org/tiny");
    glassbox_sources::cache::write_layout(
        &dir.path().join("cache"),
        &RepoRef::parse("hf:org/tiny").unwrap(),
        &sha,
        &files,
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("empty-cache")).unwrap();
    Setup { mock, dir }
}

#[test]
fn folder_hub_and_cache_give_the_same_report() {
    let s = setup();
    let d = s.dir.path();
    let ep = &s.mock.endpoint;
    let folder = d.join("tiny");
    let mut a = json_of(&glassbox(
        &[
            "audit",
            folder.to_str().unwrap(),
            "--format",
            "json",
            "--no-follow",
            "--no-scan",
        ],
        ep,
        &d.join("empty-cache"),
        d,
    ));
    let hub_out = glassbox(
        &[
            "audit",
            "hf:org/tiny",
            "--format",
            "json",
            "--no-follow",
            "--no-scan",
        ],
        ep,
        &d.join("empty-cache"),
        d,
    );
    let mut b = json_of(&hub_out);
    let connections = s.mock.state.connections.load(Ordering::SeqCst);
    let mut c = json_of(&glassbox(
        &[
            "audit",
            "hf:org/tiny",
            "--format",
            "json",
            "--no-follow",
            "--no-scan",
            "--offline",
        ],
        ep,
        &d.join("cache"),
        d,
    ));
    assert_eq!(
        s.mock.state.connections.load(Ordering::SeqCst),
        connections,
        "--offline opened a socket"
    );

    let sha = s.mock.sha("models", "org/tiny");
    let b_raw = b.clone();
    assert_eq!(b["target"]["kind"], "hf");
    assert_eq!(b["target"]["revision"], sha.as_str());
    assert_eq!(c["target"]["kind"], "hf-cache");
    // Evidence cites the Hub URL pinned to the commit.
    let text = b_raw.to_string();
    assert!(
        text.contains(&format!("{ep}/org/tiny/resolve/{sha}/")),
        "no pinned URL in the Hub report"
    );
    normalise(&mut a);
    normalise(&mut b);
    normalise(&mut c);
    assert_eq!(
        first_diff(&a, &b, ""),
        None,
        "folder and Hub reports differ"
    );
    assert_eq!(
        first_diff(&a, &c, ""),
        None,
        "folder and cache reports differ"
    );
    assert!(a["components"].as_array().unwrap().len() == 17);
}

#[test]
fn gated_repository_exits_2_with_the_message_and_never_prints_the_token() {
    let s = setup();
    let d = s.dir.path();
    let out = glassbox(
        &["audit", "hf:org/gated", "--token", "hf_wrong_secret_123"],
        &s.mock.endpoint,
        &d.join("empty-cache"),
        d,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "gated: accept the terms at {}/org/gated and set HF_TOKEN",
            s.mock.endpoint
        )),
        "{err}"
    );
    assert!(
        !err.contains("hf_wrong_secret_123")
            && !String::from_utf8_lossy(&out.stdout).contains("hf_wrong_secret_123")
    );
    let ok = glassbox(
        &[
            "audit",
            "hf:org/gated",
            "--token",
            "hf_right",
            "--no-follow",
        ],
        &s.mock.endpoint,
        &d.join("empty-cache"),
        d,
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let missing = glassbox(
        &["audit", "hf:org/absent", "--offline"],
        &s.mock.endpoint,
        &d.join("empty-cache"),
        d,
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr)
        .contains("offline: hf:org/absent@main is not in the local Hugging Face cache"));
}

#[test]
fn followed_dataset_evidence_names_its_source() {
    let s = setup();
    let d = s.dir.path();
    let r = json_of(&glassbox(
        &["audit", "hf:org/tiny", "--format", "json", "--jobs", "2"],
        &s.mock.endpoint,
        &d.join("empty-cache"),
        d,
    ));
    let text = r.to_string();
    assert!(
        text.contains("hf:datasets/org/data"),
        "linked dataset not in the report"
    );
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(r["lineage"][0]["model"], "org/base", "lineage recorded");
    assert!(findings.iter().any(|f| f["kind"] == "link-not-followed"
        && f["message"].as_str().unwrap().contains("192.168.1.5")));
}

/// A card for a base model: its license and, optionally, its own base and how it was made.
fn base_card(license: &str, base: Option<(&str, &str)>) -> Vec<(String, Vec<u8>)> {
    let base = base
        .map(|(b, rel)| format!("base_model: {b}\nbase_model_relation: {rel}\n"))
        .unwrap_or_default();
    vec![(
        "README.md".into(),
        format!("---\nlicense: {license}\n{base}---\n# base\n").into_bytes(),
    )]
}

fn assert_schema_valid(report: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/report-v1.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn base_model_chain_is_a_tree_with_each_license() {
    let s = setup();
    let d = s.dir.path();
    let ep = &s.mock.endpoint;
    s.mock.add_model(
        "org/base",
        MockRepo::new(base_card("llama3.1", Some(("org/root", "quantized")))),
    );
    s.mock
        .add_model("org/root", MockRepo::new(base_card("mit", None)));
    let run = |extra: &[&str]| {
        let mut args = vec!["audit", "hf:org/tiny", "--no-scan"];
        args.extend_from_slice(extra);
        glassbox(&args, ep, &d.join("empty-cache"), d)
    };

    let r = json_of(&run(&["--format", "json"]));
    assert_schema_valid(&r);
    let lineage = r["lineage"].as_array().unwrap();
    assert_eq!(lineage.len(), 1);
    let base = &lineage[0];
    let base_sha = s.mock.sha("models", "org/base");
    assert_eq!(base["model"], "org/base");
    assert_eq!(base["relation"], "finetune", "from the release's card");
    assert_eq!(base["source"], "model-card");
    assert_eq!(base["revision"], base_sha.as_str());
    assert_eq!(base["licenses"][0]["stated"], "llama3.1");
    assert_eq!(base["licenses"][0]["tier"], "R");
    assert_eq!(
        base["location"]["url"],
        format!("{ep}/org/base/resolve/{base_sha}/README.md").as_str()
    );
    let root = &base["bases"][0];
    assert_eq!(root["model"], "org/root");
    assert_eq!(root["relation"], "quantized", "from org/base's card");
    assert_eq!(root["licenses"][0]["id"], "MIT");
    assert_eq!(root["licenses"][0]["tier"], "P");
    assert!(root.get("bases").is_none());

    let text = String::from_utf8(run(&[]).stdout).unwrap();
    let tree: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Lineage"))
        .take(6)
        .collect();
    assert_eq!(tree[1].trim(), "org/tiny (this release)", "{tree:#?}");
    assert!(
        tree[2].starts_with("  └─ finetune of org/base  [LicenseRef-Llama-3.1 (tier R)]"),
        "{tree:#?}"
    );
    assert!(
        tree[4].starts_with("     └─ quantized of org/root  [MIT (tier P)]"),
        "{tree:#?}"
    );
    let md = String::from_utf8(run(&["--format", "markdown"]).stdout).unwrap();
    assert!(md.contains("## Lineage"), "{md}");
    assert!(
        md.contains("\n    - quantized of `org/root` — MIT (tier P)"),
        "{md}"
    );
    let html = String::from_utf8(run(&["--format", "html"]).stdout).unwrap();
    assert!(html.contains("<section id=\"lineage\">"));

    // Not followed: the card's bases are still listed, with why they were not looked up.
    let r = json_of(&run(&["--format", "json", "--no-follow"]));
    assert_eq!(r["lineage"][0]["source"], "unknown");
    assert_eq!(r["lineage"][0]["note"], "not followed (--no-follow)");
    assert_eq!(r["lineage"][0]["location"]["path"], "README.md");
    assert!(r["lineage"][0].get("bases").is_none());

    // A base the knowledge base's lineage table knows gets its family's license.
    let folder = d.join("llama-ft");
    write_folder(
        &folder,
        &[(
            "README.md".into(),
            b"---\nlicense: apache-2.0\nbase_model:\n  - meta-llama/Llama-3.1-8B\n  - org/unknown-base\nbase_model_relation: merge\n---\n# merged\n".to_vec(),
        )],
    );
    let r = json_of(&glassbox(
        &["audit", folder.to_str().unwrap(), "--format", "json"],
        ep,
        &d.join("empty-cache"),
        d,
    ));
    assert_schema_valid(&r);
    let lineage = r["lineage"].as_array().unwrap();
    assert_eq!(lineage.len(), 2, "a merge lists both bases");
    assert_eq!(lineage[0]["source"], "lineage-table");
    assert_eq!(lineage[0]["family"], "Llama 3.1");
    assert_eq!(lineage[0]["licenses"][0]["tier"], "R");
    assert_eq!(lineage[0]["relation"], "merge");
    assert_eq!(lineage[0]["location"]["line"], 3);
    assert_eq!(lineage[1]["source"], "unknown");
}
