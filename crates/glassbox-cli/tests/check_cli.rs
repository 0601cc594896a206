//! `glassbox check` and `glassbox init` end to end: fixture codebases (Python, JavaScript,
//! TypeScript, YAML/JSON configuration, a Modelfile, a weights folder) written into temporary
//! folders and audited against the mock Hub (127.0.0.1); exceptions, the lock file, SARIF
//! (validated against the SARIF 2.1.0 schema when `GLASSBOX_SHARED` is set) and bad policies.

use glassbox_testkit as common;
mod spawn;

use std::path::Path;
use std::process::Output;

use common::mock_hub::{Fault, MockHub, MockRepo};
use common::{fixture_files, write_folder};
use serde_json::Value;

/// The shared fixture release, its card licensed `license` (and no LICENSE file when it is not
/// Apache-2.0, so the card decides).
fn release(license: &str) -> Vec<(String, Vec<u8>)> {
    fixture_files()
        .into_iter()
        .filter(|(p, _)| license == "apache-2.0" || p != "LICENSE")
        .map(|(p, b)| {
            if p == "README.md" {
                let card = String::from_utf8(b).unwrap();
                (
                    p,
                    card.replace("license: apache-2.0", &format!("license: {license}"))
                        .into_bytes(),
                )
            } else {
                (p, b)
            }
        })
        .collect()
}

struct Hub {
    mock: MockHub,
    home: tempfile::TempDir,
}

fn hub() -> Hub {
    let mock = MockHub::start();
    mock.add_model("org/open", MockRepo::new(release("apache-2.0")));
    mock.add_model("org/nc", MockRepo::new(release("cc-by-nc-4.0")));
    Hub {
        mock,
        home: tempfile::tempdir().unwrap(),
    }
}

/// Runs `glassbox` against the mock Hub with an empty cache and no links followed (the fixture
/// card links to github.com, which a test must not reach).
fn glassbox(h: &Hub, args: &[&str]) -> Output {
    let home = h.home.path();
    std::fs::create_dir_all(home.join("cache")).unwrap();
    spawn::glassbox()
        .args(args)
        .env("HF_ENDPOINT", &h.mock.endpoint)
        .env("HF_HUB_CACHE", home.join("cache"))
        .env("XDG_CACHE_HOME", home)
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .expect("run glassbox")
}

fn check(h: &Hub, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", dir.to_str().unwrap(), "--no-follow"];
    args.extend_from_slice(extra);
    glassbox(h, &args)
}

/// Parses stdout as JSON; a check report (`schema` key) must validate against
/// `schema/check-v1.json`.
/// Runs `glassbox check` and asserts its exit code, showing both outputs when it differs.
fn check_exits(h: &Hub, dir: &Path, extra: &[&str], code: i32) -> Output {
    let out = check(h, dir, extra);
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json(out: &Output) -> Value {
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    if v.get("schema").is_some() {
        let errors = check_schema_errors(&v);
        assert!(
            errors.is_empty(),
            "the check report does not validate: {errors:#?}"
        );
    }
    v
}

fn check_schema_errors(v: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/check-v1.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the check schema compiles");
    validator
        .iter_errors(v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_check_schema_rejects_what_the_issue_does_not_allow() {
    let ok = serde_json::json!({"schema": "glassbox/check/v1", "models": [{"target": "hf:o/n",
        "references": [{"path": "a.py", "line": 1}], "category": "closed", "licenses": [],
        "verdict": "pass", "violations": []}], "unresolved": [], "skipped": [], "errors": [], "lock": []});
    assert!(check_schema_errors(&ok).is_empty());
    let mut bad = ok.clone();
    bad["models"][0]["verdict"] = "maybe".into();
    assert!(!check_schema_errors(&bad).is_empty());
    let mut extra = ok.clone();
    extra["models"][0]["score"] = 1.into();
    assert!(!check_schema_errors(&extra).is_empty());
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    write_folder(
        dir,
        &files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect::<Vec<_>>(),
    );
}

const APP_PY: &str = "from transformers import AutoModel, pipeline\n\
\n\
model = AutoModel.from_pretrained(\"org/open\")\n\
clf = pipeline(\"text-classification\", model=\"org/nc\")\n\
size = 'base'\n\
other = AutoModel.from_pretrained(f\"org/model-{size}\")\n";

const INDEX_JS: &str = "import { pipeline } from '@huggingface/transformers';\n\
const extractor = await pipeline('feature-extraction', 'org/open');\n";

const TRAIN_YAML: &str = "# training run\ntrain:\n  model_name_or_path: org/open\n  epochs: 3\n";

const POLICY: &str = "[policy]\nallow-categories = [\"open-source\", \"open-weights\", \"restricted-weights\"]\ndeny-tiers = [\"NC\"]\nscan = \"high\"\n";

fn codebase(policy: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[
            ("app.py", APP_PY),
            ("web/index.js", INDEX_JS),
            ("configs/train.yaml", TRAIN_YAML),
            ("glassbox.toml", policy),
        ],
    );
    d
}

fn model<'a>(report: &'a Value, target: &str) -> &'a Value {
    report["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["target"] == target)
        .unwrap_or_else(|| panic!("{target} not in {report:#}"))
}

#[test]
fn finds_models_in_python_js_and_config_and_judges_them() {
    let h = hub();
    let d = codebase(POLICY);
    let out = check_exits(&h, d.path(), &["--format", "json"], 1);
    let r = json(&out);
    assert_eq!(r["schema"], "glassbox/check/v1");
    assert_eq!(r["models"].as_array().unwrap().len(), 2, "{r:#}");

    let open = model(&r, "hf:org/open");
    assert_eq!(open["verdict"], "pass", "{open:#}");
    assert_eq!(open["licenses"], serde_json::json!(["Apache-2.0"]));
    assert_eq!(
        open["references"],
        serde_json::json!([
            {"path": "app.py", "line": 3},
            {"path": "configs/train.yaml", "line": 3},
            {"path": "web/index.js", "line": 2},
        ])
    );
    assert!(open["violations"].as_array().unwrap().is_empty());
    assert!(open.get("exception").is_none());

    let nc = model(&r, "hf:org/nc");
    assert_eq!(nc["verdict"], "fail", "{nc:#}");
    assert_eq!(
        nc["references"],
        serde_json::json!([{"path": "app.py", "line": 4}])
    );
    assert_eq!(nc["violations"][0]["rule"], "deny-tiers", "{nc:#}");
    let msg = nc["violations"][0]["message"].as_str().unwrap();
    assert!(
        msg.to_ascii_lowercase().contains("cc-by-nc-4.0") && msg.contains("tier NC"),
        "{msg}"
    );
    for m in r["models"].as_array().unwrap() {
        assert!(m["category"].is_string());
    }

    // The f-string is reported at its line, not guessed.
    let unresolved = r["unresolved"].as_array().unwrap();
    assert_eq!(unresolved.len(), 1, "{r:#}");
    assert_eq!(unresolved[0]["path"], "app.py");
    assert_eq!(unresolved[0]["line"], 6);

    // The text table says the same.
    let out = check(&h, d.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("MODEL") && text.contains("WHERE USED"),
        "{text}"
    );
    let nc_line = text
        .lines()
        .find(|l| l.starts_with("hf:org/nc"))
        .expect(&text);
    assert!(
        nc_line.contains("fail") && nc_line.contains("app.py:4"),
        "{nc_line}"
    );
    assert!(text.contains("app.py:6"), "{text}");
}

#[test]
fn exceptions_apply_until_they_expire() {
    let h = hub();
    let excepted = |expires: &str| {
        format!("{POLICY}\n[[exceptions]]\ntarget = \"hf:org/nc\"\nreason = \"research use approved, ticket 7\"\nexpires = {expires}\n")
    };
    let d = codebase(&excepted("2999-12-31"));
    let out = check_exits(&h, d.path(), &["--format", "json"], 0);
    let r = json(&out);
    let nc = model(&r, "hf:org/nc");
    assert_eq!(nc["verdict"], "excepted");
    assert_eq!(nc["exception"]["reason"], "research use approved, ticket 7");
    assert_eq!(nc["exception"]["expires"], "2999-12-31");
    assert_eq!(nc["violations"][0]["rule"], "deny-tiers");

    let d = codebase(&excepted("\"2020-01-01\""));
    let out = check(&h, d.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    let nc = model(&r, "hf:org/nc");
    assert_eq!(nc["verdict"], "fail");
    assert!(nc.get("exception").is_none());
    let rules: Vec<&str> = nc["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["deny-tiers", "exception-expired"]);
}

#[test]
fn the_lock_pins_revisions_reaudits_only_moved_models_and_locked_fails_on_drift() {
    let h = hub();
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[
            ("a.py", "AutoModel.from_pretrained('org/open')\nAutoModel.from_pretrained('org/nc')\n"),
            ("glassbox.toml", "[policy]\nallow-categories = [\"open-source\", \"open-weights\", \"restricted-weights\"]\n"),
        ],
    );
    // No lock yet: --locked names both models as unpinned.
    let out = check(&h, d.path(), &["--locked", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    let lock_msgs: Vec<&str> = r["lock"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert_eq!(lock_msgs.len(), 2, "{r:#}");
    assert!(
        lock_msgs.iter().all(|m| m.contains("not pinned")),
        "{lock_msgs:?}"
    );
    assert!(
        !d.path().join("glassbox.lock").exists(),
        "--locked wrote a lock"
    );

    // A plain check writes the lock with each model's commit.
    check_exits(&h, d.path(), &[], 0);
    let lock_text = std::fs::read_to_string(d.path().join("glassbox.lock")).unwrap();
    let lock: toml::Table = toml::from_str(&lock_text).unwrap();
    let entries = lock["model"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["target"].as_str(), Some("hf:org/nc"));
    assert_eq!(
        entries[0]["revision"].as_str(),
        Some(h.mock.sha("models", "org/nc").as_str())
    );
    assert!(entries[1]["digest"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));

    // Nothing moved: --locked passes and no file is fetched again.
    let fetched = h.mock.requests_matching("/resolve/");
    check_exits(&h, d.path(), &["--locked"], 0);
    assert_eq!(
        h.mock.requests_matching("/resolve/"),
        fetched,
        "an unmoved model was audited again"
    );

    // org/open moves: --locked fails naming it; only it is audited again.
    let mut moved = release("apache-2.0");
    moved.push(("CHANGELOG.md".into(), b"v2\n".to_vec()));
    h.mock.add_model("org/open", MockRepo::new(moved));
    let new_sha = h.mock.sha("models", "org/open");
    let out = check(&h, d.path(), &["--locked", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(r["lock"].as_array().unwrap().len(), 1, "{r:#}");
    assert_eq!(r["lock"][0]["target"], "hf:org/open");
    assert!(r["lock"][0]["message"].as_str().unwrap().contains(&new_sha));
    assert_eq!(
        std::fs::read_to_string(d.path().join("glassbox.lock")).unwrap(),
        lock_text
    );
    let nc_fetches = h.mock.requests_matching("org/nc/resolve/");
    let out = check(&h, d.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        h.mock.requests_matching("org/nc/resolve/"),
        nc_fetches,
        "org/nc did not move"
    );
    let relocked = std::fs::read_to_string(d.path().join("glassbox.lock")).unwrap();
    assert!(relocked.contains(&new_sha));
    let out = check(&h, d.path(), &["--locked"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sarif_points_at_the_loading_lines_and_validates() {
    let h = hub();
    let d = codebase(&format!(
        "{POLICY}\n[[exceptions]]\ntarget = \"hf:org/open\"\nreason = \"not needed\"\n"
    ));
    let out = check(&h, d.path(), &["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let log = json(&out);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let fail = results
        .iter()
        .find(|r| r["ruleId"] == "check/deny-tiers")
        .expect("a deny-tiers result");
    assert_eq!(fail["level"], "error");
    let loc = &fail["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "app.py");
    assert_eq!(loc["region"]["startLine"], 4);
    let note = results
        .iter()
        .find(|r| r["ruleId"] == "check/unresolved")
        .expect("an unresolved note");
    assert_eq!(note["level"], "note");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["region"]["startLine"],
        6
    );
    let Some(v) = glassbox_testkit::sarif_validator() else {
        return;
    };
    let errors: Vec<String> = v
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a broken log (the test can fail).
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!v.is_valid(&broken));
}

#[test]
fn bad_policies_exit_2_with_key_and_line() {
    let h = hub();
    let cases = [
        (
            "[policy]\nosaid = false\nallow-category = [\"open-source\"]\n",
            "glassbox.toml:3:1",
            "policy.allow-category",
        ),
        (
            "[policy]\nosaid = \"no\"\n",
            "glassbox.toml:2:9",
            "policy.osaid",
        ),
        (
            "[policy]\nallow-categories = [\"open-sauce\"]\n",
            "glassbox.toml:2:21",
            "open-sauce",
        ),
        (
            "[[exceptions]]\ntarget = \"hf:org/nc\"\nreason = \"x\"\nexpires = \"2027-02-30\"\n",
            "glassbox.toml:4:11",
            "exceptions[0].expires",
        ),
    ];
    for (policy, at, key) in cases {
        let d = codebase(policy);
        let out = check(&h, d.path(), &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{policy}: {err}");
        assert!(err.contains(at), "{policy}: wanted {at} in {err}");
        assert!(err.contains(key), "{policy}: wanted {key} in {err}");
        assert!(out.stdout.is_empty());
    }
    let d = tempfile::tempdir().unwrap();
    let out = check(&h, d.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("glassbox init"));
}

#[test]
fn unreachable_models_exit_2_naming_them_and_local_weights_are_scanned() {
    let h = hub();
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[
            ("run.py", "AutoModel.from_pretrained('org/open')\n"),
            (
                "ollama/Modelfile",
                "FROM hf.co/org/missing:Q4_K_M\nPARAMETER temperature 0\n",
            ),
            ("glassbox.toml", POLICY),
        ],
    );
    write_folder(&d.path().join("models/tiny"), &release("apache-2.0"));
    let out = check_exits(&h, d.path(), &["--format", "json"], 2);
    let r = json(&out);
    assert_eq!(r["errors"][0]["target"], "hf:org/missing", "{r:#}");
    assert_eq!(r["errors"][0]["references"][0]["path"], "ollama/Modelfile");
    assert_eq!(r["errors"][0]["references"][0]["line"], 1);
    assert_eq!(model(&r, "hf:org/open")["verdict"], "pass");
    // The local folder is audited with the whole-file safety scan: the fixture's GGUF file is
    // truncated, which the policy's `scan = "high"` fails.
    let local = model(&r, "./models/tiny");
    assert_eq!(local["verdict"], "fail", "{local:#}");
    assert_eq!(local["violations"][0]["rule"], "scan", "{local:#}");
    assert!(local["references"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["path"] == "models/tiny/tiny.gguf" && x["line"].is_null()));
    // Offline with an empty cache: every Hub model is unreachable, and no socket is opened.
    let before = h
        .mock
        .state
        .connections
        .load(std::sync::atomic::Ordering::SeqCst);
    let out = check(&h, d.path(), &["--offline"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        h.mock
            .state
            .connections
            .load(std::sync::atomic::Ordering::SeqCst),
        before
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("hf:org/open could not be audited"));
    // In SARIF the unaudited models are failed-run notifications at their references.
    let out = check(&h, d.path(), &["--offline", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(2));
    let log = json(&out);
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes.iter().any(
        |n| n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "ollama/Modelfile"
    ));
    if let Some(v) = glassbox_testkit::sarif_validator() {
        let errors: Vec<String> = v.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn init_writes_a_starter_policy_that_check_accepts() {
    let h = hub();
    let d = tempfile::tempdir().unwrap();
    let out = glassbox(&h, &["init", d.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(d.path().join("glassbox.toml")).unwrap();
    assert!(text.contains("# min-mof-class") && text.contains("[[exceptions]]"));
    let out = glassbox(&h, &["init", d.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "init replaced an existing policy"
    );
    write(
        d.path(),
        &[("app.py", "AutoModel.from_pretrained('org/open')\n")],
    );
    let out = check_exits(&h, d.path(), &["--format", "json"], 0);
    assert_eq!(json(&out)["models"][0]["verdict"], "pass");
}

#[test]
fn audit_options_apply_a_gated_model_needs_the_token() {
    let h = hub();
    h.mock.add_model(
        "org/gated",
        MockRepo::new(release("apache-2.0")).with(Fault::Gated {
            token: "hf_right".into(),
        }),
    );
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        &[
            ("app.py", "AutoModel.from_pretrained('org/gated')\n"),
            ("glassbox.toml", POLICY),
        ],
    );
    let out = check(&h, d.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let r = json(&out);
    assert_eq!(r["errors"][0]["target"], "hf:org/gated", "{r:#}");
    // HF_TOKEN from the environment, as for `audit`.
    let home = h.home.path();
    let out = spawn::glassbox()
        .args([
            "check",
            d.path().to_str().unwrap(),
            "--no-follow",
            "--format",
            "json",
        ])
        .env("HF_ENDPOINT", &h.mock.endpoint)
        .env("HF_HUB_CACHE", home.join("cache"))
        .env("HOME", home)
        .env("HF_TOKEN", "hf_right")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(json(&out)["models"][0]["verdict"], "pass");
    // And --token.
    std::fs::remove_file(d.path().join("glassbox.lock")).unwrap();
    check_exits(&h, d.path(), &["--token", "hf_right"], 0);
}
