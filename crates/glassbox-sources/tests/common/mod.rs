//! Shared test helpers: the mock Hub and a release fixture written as a folder, served by the
//! mock Hub and laid out as a Hugging Face cache.

#![allow(dead_code)]

pub mod git_server;
pub mod hostile_http;
pub mod mock_hub;
pub mod tls;

use std::path::Path;

use glassbox_sources::{ReleaseFile, ResolveOptions};

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

/// The parts of a release file every source must agree on.
#[derive(Debug, PartialEq, Eq)]
pub struct Comparable {
    path: String,
    size: u64,
    kind: String,
    lfs: Option<String>,
    content: Option<Vec<u8>>,
    truncated: bool,
    head: Option<Vec<u8>>,
}

/// What every source must agree on for a file.
pub fn comparable(f: &ReleaseFile) -> Comparable {
    Comparable {
        path: f.artifact.path.clone(),
        size: f.artifact.size,
        kind: format!("{:?}", f.artifact.kind),
        lfs: f
            .artifact
            .lfs
            .as_ref()
            .map(|l| format!("{}:{}", l.oid, l.size)),
        content: f.content.clone(),
        truncated: f.content_truncated,
        head: f.head.clone(),
    }
}

/// Options pointing at a mock endpoint, with short timeouts, no follow, a given cache.
pub fn opts(endpoint: &str, cache: Option<&Path>) -> ResolveOptions {
    let mut o = ResolveOptions {
        endpoint: endpoint.to_string(),
        http: glassbox_sources::loopback_http(endpoint),
        hf_cache: cache.map(Path::to_path_buf),
        ..ResolveOptions::default()
    };
    o.follow.enabled = false;
    o.git.cache_dir = None;
    o
}
