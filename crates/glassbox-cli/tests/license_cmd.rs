//! `glassbox license identify` / `show`: the JSON contract and exit codes.

use std::process::Command;

const MIT: &str = "MIT License\n\nCopyright (c) 2025 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n";

fn glassbox(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .args(args)
        .output()
        .expect("run glassbox");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn identify_json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let mit = dir.path().join("LICENSE");
    std::fs::write(&mit, MIT).unwrap();
    let changed = dir.path().join("LICENSE-changed");
    std::fs::write(
        &changed,
        MIT.replace("to any person", "to any person for research purposes only"),
    )
    .unwrap();
    let bin = dir.path().join("model.bin");
    std::fs::write(&bin, [0u8, 1, 2, 3, 0, 0, 7]).unwrap();
    let empty = dir.path().join("EMPTY");
    std::fs::write(&empty, "").unwrap();
    let files: Vec<String> = [&mit, &changed, &bin, &empty]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["license", "identify", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let (code, stdout) = glassbox(&args);
    assert_eq!(code, 0, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 4);
    for o in a {
        for k in [
            "file", "kind", "id", "name", "spdx", "hf", "scancode", "tier", "score", "modified",
        ] {
            assert!(o.get(k).is_some(), "missing {k} in {o}");
        }
    }
    assert_eq!(a[0]["id"], "MIT");
    assert_eq!(a[0]["kind"], "license");
    assert_eq!(a[0]["spdx"], "MIT");
    assert_eq!(a[0]["tier"], "P");
    assert_eq!(a[0]["modified"], false);
    assert_eq!(a[1]["id"], "MIT");
    assert_eq!(a[1]["modified"], true);
    assert_eq!(a[1]["tier"], "NC");
    assert_eq!(a[2]["kind"], "unknown");
    assert_eq!(a[2]["id"], serde_json::Value::Null);
    assert_eq!(a[3]["kind"], "unknown");
}

#[test]
fn read_errors_and_usage_errors_exit_2() {
    let (code, stdout) = glassbox(&[
        "license",
        "identify",
        "--format",
        "json",
        "/nonexistent/LICENSE",
    ]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(v[0]["error"].is_string());
    assert_eq!(glassbox(&["license", "identify"]).0, 2);
    assert_eq!(
        glassbox(&["license", "identify", "--format", "xml", "x"]).0,
        2
    );
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        glassbox(&["license", "identify", &dir.path().display().to_string()]).0,
        2
    );
}

#[test]
fn show() {
    let (code, stdout) = glassbox(&["license", "show", "llama3.1"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("LicenseRef-Llama-3.1"));
    assert!(stdout.contains("Built with Llama"));
    assert!(stdout.contains("700 million"));
    let (code, stdout) = glassbox(&["license", "show", "--format", "json", "Apache-2.0"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["tier"], "P");
    assert_eq!(glassbox(&["license", "show", "no-such-license"]).0, 2);
}

#[test]
fn an_unknown_model_license_is_graded_by_its_clauses() {
    let (code, out) = glassbox(&[
        "license",
        "identify",
        "--format",
        "json",
        "../../examples/restricted-weights/LICENSE",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let r = &v[0];
    assert_eq!(r["method"], "unrecognised-license");
    assert_eq!(r["tier"], "R");
    let clauses = r["clauses"].as_array().unwrap();
    let at = |kind: &str| {
        clauses
            .iter()
            .find(|c| c["kind"] == kind)
            .map(|c| c["line"].as_u64().unwrap())
    };
    assert_eq!(at("use-restriction"), Some(9));
    assert_eq!(at("user-threshold"), Some(20));
    assert_eq!(at("non-commercial"), None);
}
