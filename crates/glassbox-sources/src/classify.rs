//! What a file is, from its name (content sniffing happens where the bytes are read).

use glassbox_core::ArtifactKind;

/// Extensions of weight files (DESIGN.md §4).
pub const WEIGHT_EXTENSIONS: &[&str] = &[
    "safetensors",
    "gguf",
    "bin",
    "pt",
    "pth",
    "ckpt",
    "onnx",
    "keras",
    "h5",
    "hdf5",
    "msgpack",
    "npz",
    "npy",
    "tflite",
    "mlmodel",
    "pkl",
    "pickle",
    "joblib",
    "nemo",
    "pte",
    "ggml",
    "llamafile",
];

const CODE_EXTENSIONS: &[&str] = &[
    "py", "ipynb", "rs", "c", "cc", "cpp", "cu", "h", "hpp", "js", "ts", "go", "java", "jl", "r",
    "scala", "sh", "bash", "lua", "swift", "kt", "m", "mm", "pyx", "sql",
];

const DATA_EXTENSIONS: &[&str] = &[
    "csv", "tsv", "jsonl", "parquet", "arrow", "tfrecord", "txt.gz", "jsonl.gz", "json.gz", "zst",
    "feather",
];

/// Base names of license-like files (lower case, extension removed).
pub fn is_license_name(lower: &str) -> bool {
    let stem = lower.rsplit('/').next().unwrap_or(lower);
    let stem = stem.split('.').next().unwrap_or(stem);
    stem.starts_with("license")
        || stem.starts_with("licence")
        || stem.starts_with("copying")
        || stem == "notice"
        || stem.starts_with("use_policy")
        || stem.starts_with("use-policy")
        || stem.starts_with("acceptable_use")
        || stem == "model_license"
        || stem.starts_with("license-model")
        || stem.starts_with("license_model")
}

/// Classifies a path (relative, `/`-separated) by name.
pub fn kind_of(path: &str) -> ArtifactKind {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if name.ends_with(".index.json") && (name.contains("safetensors") || name.contains(".bin")) {
        return ArtifactKind::WeightsIndex;
    }
    if is_license_name(name) {
        return ArtifactKind::License;
    }
    if name == "readme.md" || name == "readme" || name == "modelcard.md" {
        return ArtifactKind::Card;
    }
    if matches!(
        name,
        "config.json"
            | "generation_config.json"
            | "adapter_config.json"
            | "model_index.json"
            | "preprocessor_config.json"
    ) {
        return ArtifactKind::Config;
    }
    if name.starts_with("tokenizer")
        || name == "vocab.json"
        || name == "merges.txt"
        || name == "special_tokens_map.json"
        || name == "chat_template.jinja"
    {
        return ArtifactKind::Tokenizer;
    }
    if WEIGHT_EXTENSIONS.contains(&ext) && !(ext == "bin" && name.contains("training_args")) {
        return ArtifactKind::Weights;
    }
    if CODE_EXTENSIONS.contains(&ext) || name == "makefile" || name == "dockerfile" {
        return ArtifactKind::Code;
    }
    if DATA_EXTENSIONS
        .iter()
        .any(|e| name.ends_with(&format!(".{e}")))
    {
        return ArtifactKind::Data;
    }
    if matches!(ext, "md" | "pdf" | "rst" | "tex" | "bib" | "txt" | "html") {
        return ArtifactKind::Document;
    }
    ArtifactKind::Other
}

/// Whether detectors need the text of a file of this kind and name.
pub fn wants_text(kind: ArtifactKind, path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    match kind {
        ArtifactKind::Card
        | ArtifactKind::Config
        | ArtifactKind::License
        | ArtifactKind::Code
        | ArtifactKind::Document
        | ArtifactKind::WeightsIndex => !lower.ends_with(".pdf"),
        ArtifactKind::Tokenizer => {
            lower.ends_with("tokenizer_config.json") || lower.ends_with(".jinja")
        }
        ArtifactKind::Other => {
            lower.ends_with(".yaml")
                || lower.ends_with(".yml")
                || lower.ends_with(".toml")
                || lower.ends_with(".cfg")
                || lower.ends_with(".json")
                || lower.ends_with(".ini")
                || lower.ends_with("requirements.txt")
                || lower.ends_with(".gitattributes")
                || lower.ends_with(".gitmodules")
        }
        // Listings of data shards or checkpoints in configs (`provenance.csv`).
        ArtifactKind::Data => {
            lower.ends_with(".csv")
                && (lower.contains("config")
                    || lower.contains("provenance")
                    || lower.contains("manifest"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_of("model.safetensors"), ArtifactKind::Weights);
        assert_eq!(
            kind_of("model.safetensors.index.json"),
            ArtifactKind::WeightsIndex
        );
        assert_eq!(kind_of("LICENSE"), ArtifactKind::License);
        assert_eq!(kind_of("USE_POLICY.md"), ArtifactKind::License);
        assert_eq!(kind_of("README.md"), ArtifactKind::Card);
        assert_eq!(kind_of("docs/README.md"), ArtifactKind::Card);
        assert_eq!(kind_of("src/train.py"), ArtifactKind::Code);
        assert_eq!(kind_of("data/train.jsonl"), ArtifactKind::Data);
        assert_eq!(kind_of("training_args.bin"), ArtifactKind::Other);
    }
}
