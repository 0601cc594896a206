//! The resolved release: what every source produces and every detector reads. Plain data: the
//! sources crate fills it (the only stage that fetches), detectors and scans read it.

use std::path::PathBuf;

use crate::{Artifact, Finding, TargetInfo};

/// The prefix of a GGUF file every source reads: metadata (with chat templates and large
/// vocabularies) sits at the front and can run to tens of megabytes.
pub const GGUF_HEAD_BYTES: u64 = 32 << 20;

/// Bounds every source enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most files in one release.
    pub max_files: usize,
    /// Deepest folder nesting followed.
    pub max_depth: usize,
    /// Largest text file (card, code, license, config) read whole; longer ones are read up to it.
    pub max_text_bytes: u64,
    /// Largest weights header read (safetensors header, GGUF metadata).
    pub max_header_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_files: 200_000,
            max_depth: 64,
            max_text_bytes: 1 << 20,
            max_header_bytes: 100_000_008,
        }
    }
}

/// One file of the release with what was read of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseFile {
    /// Inventory entry (path, size, kind, LFS pointer).
    pub artifact: Artifact,
    /// Where it is on disk, for local sources.
    pub local_path: Option<PathBuf>,
    /// The whole content (or a bounded prefix) of small text-like files.
    pub content: Option<Vec<u8>>,
    /// Whether `content` stops short of the file.
    pub content_truncated: bool,
    /// The format header of a weights file (e.g. safetensors' 8 + N bytes).
    pub head: Option<Vec<u8>>,
}

impl ReleaseFile {
    /// The content as UTF-8 text (lossy), when it was read.
    pub fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.content.as_deref().map(String::from_utf8_lossy)
    }
}

/// A resolved release.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    /// What was audited.
    pub target: TargetInfo,
    /// The root folder for local sources.
    pub root: Option<PathBuf>,
    /// Files, sorted by path.
    pub files: Vec<ReleaseFile>,
    /// Bytes read to build the release.
    pub bytes_read: u64,
    /// Problems met while reading (unreadable files, symlinks out of the tree, limits hit).
    pub problems: Vec<Finding>,
}

impl Release {
    /// A file by path.
    pub fn file(&self, path: &str) -> Option<&ReleaseFile> {
        self.files
            .binary_search_by(|f| f.artifact.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }

    /// Whether the source could not get a file's bytes because its object is absent (a git
    /// snapshot without the blob): the file is known by its path alone, not as an empty file.
    pub fn object_missing(&self, path: &str) -> bool {
        self.problems.iter().any(|p| {
            p.kind == crate::codes::SourceCode::MissingObject
                && p.evidence.iter().any(|l| l.path.as_deref() == Some(path))
        })
    }
}
