//! Helpers shared by glassbox's tests. Not published; a dev-dependency only.
//!
//! Tests that read `../shared/data` find it through [`shared`]: on a developer's machine
//! without it they skip with a note, but under CI (`CI=true`, which `.ci/run` sets) a missing
//! folder fails the test, so that a misconfigured CI run cannot pass by skipping.
//!
//! ```
//! // `None` (with a note on stderr) only outside CI.
//! if let Some(root) = glassbox_testkit::shared("an example") {
//!     assert!(root.join("data").is_dir());
//! }
//! ```

#![warn(missing_docs)]

pub mod git_server;
pub mod hostile_http;
pub mod mock_hub;
pub mod progress;
pub mod tls;

use std::path::{Path, PathBuf};

/// Whether the tests run under CI: `CI` set to anything but empty, `0` or `false`.
pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| flag(&v))
}

fn flag(v: &str) -> bool {
    !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false")
}

/// `$GLASSBOX_SHARED` (the folder holding `data/`), or `None` after a note on stderr that
/// `test` skips.
///
/// # Panics
///
/// Under CI ([`under_ci`]) when the variable is unset or its folder has no `data/`.
pub fn shared(test: &str) -> Option<PathBuf> {
    let root = std::env::var_os("GLASSBOX_SHARED")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let missing = match &root {
        None => "GLASSBOX_SHARED is unset".to_string(),
        Some(r) if !r.join("data").is_dir() => {
            format!("GLASSBOX_SHARED={} has no data/ folder", r.display())
        }
        Some(_) => return root,
    };
    if under_ci() {
        panic!("{missing}: {test} needs the shared data (CI must not skip it)");
    }
    eprintln!("{missing}: skipping {test}");
    None
}

/// A validator for the SARIF 2.1.0 schema in `$GLASSBOX_SHARED/data/spec`, or `None` where
/// [`shared`] skips.
pub fn sarif_validator() -> Option<jsonschema::Validator> {
    let root = shared("the SARIF schema validation")?;
    let path = root.join("data/spec/sarif/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    Some(
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("SARIF schema compiles"),
    )
}

/// A Chromium or Chrome on `PATH` (Debian's `chromium` first), or `None`.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `url` with a profile folder of its own and the flags that keep it
/// off the network (no background requests, no QUIC, no sync), plus `extra`.
pub fn headless_chromium(
    bin: &std::path::Path,
    profile: &std::path::Path,
    extra: &[&str],
    url: &str,
) -> std::process::Output {
    std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs")
}

/// A model release with a card (datasets, base_model, arXiv, code links), config, license,
/// training code, a sharded safetensors set whose first shard has a large header, a GGUF file,
/// and a text longer than the text bound used in tests.
pub fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let card = "---\nlicense: apache-2.0\ndatasets:\n  - org/data\nbase_model: org/base\nbase_model_relation: finetune\ntags:\n  - arxiv:2401.00001\n---\n\
# Tiny model\n\nTrained with [our code](https://github.com/org/tiny-train) and described in \
[the paper](https://arxiv.org/abs/2307.09288v2).\n\nInternal mirror: [repo](file:///srv/repo.git), [lan](https://192.168.1.5/org/x.git), \
[loopback](http://127.0.0.1:9/org/y.git).\n\n## Training data\n\nSee https://huggingface.co/datasets/org/data2 too.\n";
    let shard1 = glassbox_formats::safetensors::write_f32(
        &[("a", vec![2], vec![1.0, 2.0])],
        &[("pad", &"p".repeat(30_000))],
    );
    let shard2 =
        glassbox_formats::safetensors::write_f32(&[("b", vec![3], vec![1.0, 2.0, 3.0])], &[]);
    let mut big_shard = shard2.clone();
    big_shard.extend(std::iter::repeat_n(0u8, 200_000));
    let index = serde_json::json!({"metadata": {"total_size": 20}, "weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}});
    let mut gguf = b"GGUF".to_vec();
    gguf.extend_from_slice(&3u32.to_le_bytes());
    gguf.extend(std::iter::repeat_n(7u8, 100_000));
    vec![
        ("README.md".into(), card.as_bytes().to_vec()),
        (
            "config.json".into(),
            br#"{"architectures":["LlamaForCausalLM"],"model_type":"llama"}"#.to_vec(),
        ),
        (
            "LICENSE".into(),
            b"Apache License\nVersion 2.0, January 2004\n".to_vec(),
        ),
        (
            "src/train.py".into(),
            b"for batch in loader:\n    loss.backward()\n    optimizer.step()\n".to_vec(),
        ),
        (
            "docs/long.md".into(),
            "line of documentation\n".repeat(2_000).into_bytes(),
        ),
        ("model-00001-of-00002.safetensors".into(), shard1),
        ("model-00002-of-00002.safetensors".into(), big_shard),
        (
            "model.safetensors.index.json".into(),
            serde_json::to_vec(&index).unwrap(),
        ),
        ("tiny.gguf".into(), gguf),
        ("data/blob.parquet".into(), vec![1u8; 5_000]),
        (
            "tokenizer_config.json".into(),
            br#"{"model_max_length": 2048}"#.to_vec(),
        ),
    ]
}

/// Writes files under a folder.
pub fn write_folder(root: &Path, files: &[(String, Vec<u8>)]) {
    for (p, b) in files {
        let path = root.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b).unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::flag;

    #[test]
    fn ci_is_read_as_a_flag() {
        assert!(flag("true") && flag("1") && flag("yes"));
        assert!(!flag("") && !flag("0") && !flag("FALSE"));
    }
}
