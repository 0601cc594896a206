//! Which files discovery reads, by name, and which texts it refuses to parse.

use crate::{config, js, modelfile};

/// Weight file extensions: a folder holding one is a local model.
const WEIGHTS: [&str; 10] = [
    "safetensors",
    "gguf",
    "ggml",
    "onnx",
    "pt",
    "pth",
    "ckpt",
    "h5",
    "keras",
    "tflite",
];

/// Folders that hold installed dependencies rather than the codebase's own code.
pub(crate) const VENDORED: [&str; 5] = [
    "node_modules",
    ".venv",
    "venv",
    "site-packages",
    "__pycache__",
];

/// What to do with a file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// Python source.
    Python,
    /// JavaScript or TypeScript source.
    Js(js::Dialect),
    /// YAML, JSON or TOML configuration.
    Config(config::Kind),
    /// An Ollama Modelfile.
    Modelfile,
    /// A weights file: its folder is a local model.
    Weights,
}

pub(crate) fn kind_of(name: &str) -> Option<FileKind> {
    if modelfile::is_modelfile(name) {
        return Some(FileKind::Modelfile);
    }
    // The check's own files are read as a policy and a lock, not as configuration.
    if matches!(
        name,
        "glassbox.toml" | "glassbox.lock" | "package-lock.json" | "Cargo.lock"
    ) {
        return None;
    }
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "py" | "pyi" => FileKind::Python,
        "js" | "mjs" | "cjs" | "jsx" => FileKind::Js(js::Dialect::JavaScript),
        "ts" | "mts" | "cts" => FileKind::Js(js::Dialect::TypeScript),
        "tsx" => FileKind::Js(js::Dialect::Tsx),
        "json" => FileKind::Config(config::Kind::Json),
        "yaml" | "yml" => FileKind::Config(config::Kind::Yaml),
        "toml" => FileKind::Config(config::Kind::Toml),
        e if WEIGHTS.contains(&e) => FileKind::Weights,
        "bin" if name.starts_with("pytorch_model") => FileKind::Weights,
        _ => return None,
    })
}

/// Why a source text is not parsed, if it should not be: binary (a NUL byte), minified (a very
/// long line, as bundlers write), or not UTF-8.
pub(crate) fn unreadable(bytes: &[u8]) -> Option<String> {
    if bytes.contains(&0) {
        return Some("binary (contains NUL bytes)".into());
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Some(format!(
            "not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ));
    }
    let longest = bytes
        .split(|b| *b == b'\n')
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0);
    if longest > 10_000 {
        return Some(format!("minified (a line of {longest} bytes)"));
    }
    None
}
