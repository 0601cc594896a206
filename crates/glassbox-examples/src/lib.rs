//! The bundled example releases, one per seed category, written by code so that they are
//! reproducible and contain nothing copied from elsewhere. `examples/` in the repository is the
//! output of [`write_all`]; a test checks the two agree.

#![warn(missing_docs)]

use std::fs;
use std::io;
use std::path::Path;

mod texts;

/// A file of an example: relative path and bytes.
pub type File = (String, Vec<u8>);

fn spdx_text(id: &str) -> String {
    spdx::text::LICENSE_TEXTS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, t)| t.to_string())
        .unwrap_or_else(|| panic!("the spdx crate carries the {id} text"))
}

/// A tiny but real model: two layers of F32 weights with deterministic values.
fn tiny_model(seed: f32) -> Vec<u8> {
    let w = |n: usize, k: f32| {
        (0..n)
            .map(|i| (i as f32 * 0.37 + k + seed).sin() * 0.1)
            .collect::<Vec<f32>>()
    };
    glassbox_formats::safetensors::write_f32(
        &[
            ("embed.weight", vec![16, 8], w(128, 1.0)),
            ("layer.0.weight", vec![8, 8], w(64, 2.0)),
            ("layer.0.bias", vec![8], w(8, 3.0)),
            ("head.weight", vec![16, 8], w(128, 4.0)),
        ],
        &[("format", "pt")],
    )
}

const CONFIG: &str = "{\n  \"architectures\": [\"TinyLMForCausalLM\"],\n  \"model_type\": \"tinylm\",\n  \"hidden_size\": 8,\n  \"vocab_size\": 16,\n  \"num_hidden_layers\": 1,\n  \"torch_dtype\": \"float32\"\n}\n";

fn f(path: &str, text: impl Into<String>) -> File {
    (path.to_string(), text.into().into_bytes())
}

/// Every example: (folder name, files).
pub fn examples() -> Vec<(&'static str, Vec<File>)> {
    vec![
        (
            "open-source",
            vec![
                f("README.md", texts::OPEN_SOURCE_CARD),
                f("LICENSE", spdx_text("Apache-2.0")),
                f("config.json", CONFIG),
                ("model.safetensors".into(), tiny_model(0.0)),
                f("src/model.py", texts::MODEL_PY),
                f("src/train.py", texts::TRAIN_PY),
                f("src/preprocess.py", texts::PREPROCESS_PY),
                f("src/evaluate.py", texts::EVALUATE_PY),
                f("configs/train.yaml", texts::TRAIN_YAML),
                f(
                    "requirements.txt",
                    "torch>=2.2\nsafetensors>=0.4\ndatasets>=2.18\n",
                ),
                f("eval/heldout.jsonl", texts::HELDOUT_JSONL),
                f("DATA_CARD.md", texts::DATA_CARD),
            ],
        ),
        (
            "open-weights",
            vec![
                f("README.md", texts::OPEN_WEIGHTS_CARD),
                f("LICENSE", spdx_text("Apache-2.0")),
                f("config.json", CONFIG),
                ("model.safetensors".into(), tiny_model(1.0)),
                f("inference.py", texts::INFERENCE_PY),
            ],
        ),
        (
            "restricted-weights",
            vec![
                f("README.md", texts::RESTRICTED_CARD),
                f("LICENSE", texts::CUSTOM_LICENSE),
                f("config.json", CONFIG),
                ("model.safetensors".into(), tiny_model(2.0)),
                f("src/train.py", texts::TRAIN_PY),
                f("inference.py", texts::INFERENCE_PY),
            ],
        ),
        (
            "closed",
            vec![
                f("README.md", texts::CLOSED_CARD),
                f(
                    "LICENSE",
                    spdx_text("MIT")
                        .replace("<year>", "2026")
                        .replace("<copyright holders>", "Example Labs"),
                ),
                f("client.py", texts::CLIENT_PY),
            ],
        ),
    ]
}

/// Writes every example under `dir` (one folder each), replacing what is there.
pub fn write_all(dir: &Path) -> io::Result<()> {
    for (name, files) in examples() {
        let root = dir.join(name);
        if root.exists() {
            fs::remove_dir_all(&root)?;
        }
        for (path, bytes) in files {
            let p = root.join(path);
            if let Some(parent) = p.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(p, bytes)?;
        }
    }
    Ok(())
}
