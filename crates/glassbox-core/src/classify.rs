//! What a file is, from its name (content sniffing happens where the bytes are read).

use crate::ArtifactKind;

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

/// Words whose presence in a file name makes it a license-like file (issue #11 item 4).
const LICENSE_WORDS: &[&str] = &[
    "license",
    "licence",
    "copying",
    "notice",
    "policy",
    "terms",
    "agreement",
    "eula",
];

/// Folder names whose files are all license texts (`LICENSES/MIT.txt`, `model_licenses/…`).
const LICENSE_FOLDERS: &[&str] = &[
    "licenses",
    "licences",
    "license",
    "licence",
    "model_licenses",
    "model-licenses",
    "model_license",
    "third_party_licenses",
    "third-party-licenses",
];

/// Extensions a license text can have; anything else (code, data, configs) is not a license
/// whatever its name says (`policy.py`, `check_license.py`, `license_map.json`).
const LICENSE_EXTENSIONS: &[&str] = &[
    "", "md", "txt", "rst", "pdf", "html", "htm", "markdown", "rtf", "text",
];

/// The extension of a file name for license purposes: empty when the name has no dot, or when
/// what follows the last dot is not a short alphabetic extension (`LICENSE.Apache-2.0`,
/// `Tongyi Qianwen LICENSE AGREEMENT`, `LICENSE-2.0`).
fn license_ext(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, e))
            if !stem.is_empty()
                && (1..=8).contains(&e.len())
                && e.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            e
        }
        _ => "",
    }
}

/// Whether a path (lower case, `/`-separated) names a license-like file: its name mentions
/// license, licence, copying, notice, policy, terms, agreement or eula (any case, any
/// prefix or suffix, spaces allowed), or it sits in a licenses folder; and its extension is
/// one a text can have (source code named `policy.py` is code).
pub fn is_license_name(lower: &str) -> bool {
    let name = lower.rsplit('/').next().unwrap_or(lower);
    let ext = license_ext(name);
    if !LICENSE_EXTENSIONS.contains(&ext) {
        // `LICENSE.apache`, `COPYING.LIB`: an unknown extension after a license word is a suffix.
        let stem = &name[..name.len() - ext.len() - 1];
        return ["license", "licence", "copying"]
            .iter()
            .any(|w| stem.starts_with(w))
            && !is_code_or_data_ext(ext);
    }
    if name.starts_with('.') {
        return false;
    }
    LICENSE_WORDS.iter().any(|w| name.contains(w))
        || lower
            .rsplit('/')
            .skip(1)
            .any(|dir| LICENSE_FOLDERS.contains(&dir))
}

/// Whether a license-like name is a strong one (license, licence, copying, eula or a licenses
/// folder), as opposed to notice, policy, terms or agreement, which also name documents and data
/// that are not licenses (a privacy policy, `blimp_gender_agreement` test data).
pub fn is_strong_license_name(lower: &str) -> bool {
    let name = lower.rsplit('/').next().unwrap_or(lower);
    ["license", "licence", "copying", "eula"]
        .iter()
        .any(|w| name.contains(w))
        || lower
            .rsplit('/')
            .skip(1)
            .any(|dir| LICENSE_FOLDERS.contains(&dir))
}

fn is_code_or_data_ext(ext: &str) -> bool {
    CODE_EXTENSIONS.contains(&ext)
        || DATA_EXTENSIONS.contains(&ext)
        || WEIGHT_EXTENSIONS.contains(&ext)
        || matches!(
            ext,
            "json" | "yaml" | "yml" | "toml" | "cfg" | "ini" | "xml" | "lock"
        )
}

/// Classifies a path (relative, `/`-separated) by name.
pub fn kind_of(path: &str) -> ArtifactKind {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if name.ends_with(".index.json") && (name.contains("safetensors") || name.contains(".bin")) {
        return ArtifactKind::WeightsIndex;
    }
    if is_license_name(&lower) {
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
        // License PDFs are read (bounded) so their text can be extracted.
        ArtifactKind::License => true,
        ArtifactKind::Card
        | ArtifactKind::Config
        | ArtifactKind::Code
        | ArtifactKind::Document
        | ArtifactKind::WeightsIndex => !lower.ends_with(".pdf"),
        ArtifactKind::Tokenizer => {
            lower.ends_with("tokenizer_config.json") || lower.ends_with(".jinja")
        }
        ArtifactKind::Other => {
            // A file without an extension may be a license found by its content.
            !lower.rsplit('/').next().unwrap_or(&lower).contains('.')
                || lower.ends_with(".yaml")
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

    #[test]
    fn license_files_are_found_by_any_name_that_mentions_a_license() {
        for p in [
            "LICENSE",
            "LICENSE.md",
            "LICENSE.txt",
            "license.apache",
            "COPYING",
            "NOTICE",
            "THIRD_PARTY_NOTICES.txt",
            "LICENSE-MODEL",
            "LICENSE-CODE",
            "MODEL_LICENSE",
            "WEIGHT_DIFF_LICENSE",
            "DATA_LICENSE",
            "LICENSE_weights",
            "USE_POLICY.md",
            "USAGE_POLICY",
            "Acceptable-Use-Policy.md",
            "TERMS_OF_USE.md",
            "EULA.txt",
            "Tongyi Qianwen LICENSE AGREEMENT",
            "Tongyi Qianwen RESEARCH LICENSE AGREEMENT",
            "LICENSES/MIT.txt",
            "LICENSES/Apache-2.0",
            "model_licenses/LICENSE-FLUX1-dev",
            "model_licenses/flux-dev.pdf",
            "docs/legal/Model License.pdf",
            "sub/dir/deep/LICENSE.rst",
        ] {
            assert_eq!(kind_of(p), ArtifactKind::License, "{p}");
        }
    }

    #[test]
    fn code_and_data_named_like_licenses_are_not_licenses() {
        for (p, k) in [
            ("gemma/gm/nn/_policy.py", ArtifactKind::Code),
            ("scripts/check_license.py", ArtifactKind::Code),
            ("src/license.rs", ArtifactKind::Code),
            ("data/terms.jsonl", ArtifactKind::Data),
            ("licenses/map.json", ArtifactKind::Other),
            ("LICENSES/generate.sh", ArtifactKind::Code),
            (".licenserc.yaml", ArtifactKind::Other),
        ] {
            assert_eq!(kind_of(p), k, "{p}");
        }
    }

    #[test]
    fn license_pdfs_and_extensionless_files_are_read() {
        assert!(wants_text(ArtifactKind::License, "model_licenses/a.pdf"));
        assert!(!wants_text(ArtifactKind::Document, "paper.pdf"));
        assert!(wants_text(ArtifactKind::Other, "Some Agreement Text"));
        assert!(!wants_text(ArtifactKind::Other, "image.png"));
    }

    #[test]
    fn weak_names_are_told_apart() {
        assert!(is_strong_license_name("model_licenses/flux-dev"));
        assert!(is_strong_license_name("tongyi qianwen license agreement"));
        assert!(!is_strong_license_name(
            "tests/testdata/blimp_anaphor_gender_agreement-v0-loglikelihood"
        ));
        assert!(!is_strong_license_name("privacy_policy.md"));
        assert!(!is_strong_license_name("notice"));
    }
}
