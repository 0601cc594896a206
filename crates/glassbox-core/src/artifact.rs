//! Artifacts: the files and linked resources a release is made of.

use serde::{Deserialize, Serialize};

/// What a file is, judged from its name and its first bytes (never by executing it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    /// Model weights (safetensors, GGUF, PyTorch, ONNX, …).
    Weights,
    /// An index naming weight shards (`*.index.json`).
    WeightsIndex,
    /// A model card or dataset card (`README.md` with metadata).
    Card,
    /// Model configuration (`config.json`, `generation_config.json`, …).
    Config,
    /// Tokenizer files.
    Tokenizer,
    /// A license, notice or use-policy file.
    License,
    /// Source code.
    Code,
    /// A data file (CSV, JSONL, Parquet, …).
    Data,
    /// Documentation other than the card (Markdown, PDF, …).
    Document,
    /// A Git LFS pointer standing in for a file that was not downloaded.
    LfsPointer,
    /// Anything else.
    Other,
}

/// A parsed Git LFS pointer (`version https://git-lfs.github.com/spec/v1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LfsPointer {
    /// The object id, `sha256:<64 hex>`.
    pub oid: String,
    /// Size of the real object in bytes.
    pub size: u64,
}

/// One file of a release.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Artifact {
    /// Path relative to the target root, `/`-separated.
    pub path: String,
    /// Size on disk (for an LFS pointer, the pointer's size; the object's is in `lfs`).
    pub size: u64,
    /// What the file is.
    pub kind: ArtifactKind,
    /// Present when the file is a Git LFS pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lfs: Option<LfsPointer>,
    /// SHA-256 of the content when it was computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Where the file can be fetched (a Hub URL) when it is not local.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Artifact {
    /// Size of the content: the LFS object's for a pointer, else the file's.
    pub fn content_size(&self) -> u64 {
        self.lfs.as_ref().map_or(self.size, |p| p.size)
    }
}
