//! Serialisation-safety scanning and integrity hashing of model files.
//!
//! Nothing is executed or unpickled: pickles are walked as opcode streams
//! ([`glassbox_formats::pickle`]), containers are opened the relaxed way loaders open them, and
//! the format of every file is decided by its content, never its extension. Severities come from
//! the documented [`policy`].
//!
//! Entry points: [`scan_paths`] (files and directories), [`scan_file`] (one file),
//! [`to_findings`] (into the report vocabulary), [`hash_files`] / [`verify`] (integrity).
//!
//! ```
//! use glassbox_core::{Code, Severity};
//!
//! // A pickle that would call `os.system` when loaded; it is read as opcodes, never loaded.
//! let bytes = glassbox_scan::corpus::call_p2("os", "system", "echo hi");
//! let scan = glassbox_scan::scan_bytes(&bytes, "model.pkl");
//! let f = &scan.findings[0];
//! assert_eq!(f.kind, Code::from_id("unsafe-global").unwrap());
//! assert_eq!(f.severity, Severity::Critical);
//! ```

#![warn(missing_docs)]

use glassbox_core::codes::{Code, ScanCode, SourceCode};
use std::path::{Path, PathBuf};

use glassbox_core::{Finding, Location, Severity};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

mod archive;
pub mod corpus;
mod dispatch;
pub mod hash;
mod pickle_findings;
pub mod policy;

pub use hash::{
    hash_file, hash_file_with, hash_files, verify, Expected, HashEntry, Manifest, VerifyResult,
    VerifyStatus,
};

/// Where in a file a finding was seen.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScanLocation {
    /// Archive member path (`archive/data.pkl`; nested archives joined with `!`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// Byte offset in the file or member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// A metadata field (`tokenizer.chat_template`, a Keras layer path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanFinding {
    /// How much it matters.
    pub severity: Severity,
    /// What kind of finding it is (a stable [`Code`] such as `unsafe-global`).
    pub kind: Code,
    /// One sentence.
    pub message: String,
    /// Where.
    pub location: ScanLocation,
}

/// The scan of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileScan {
    /// Path as given (or relative to the directory that was walked).
    pub path: String,
    /// Format found by content (`pickle`, `pytorch-zip`, `safetensors`, `gguf`, …, `unknown`).
    pub format: String,
    /// Findings, most severe first.
    pub findings: Vec<ScanFinding>,
    /// Set when all or part of the file could not be scanned; such a file is never clean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl FileScan {
    /// The most severe finding.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// The scan of everything asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScanReport {
    /// One entry per file examined, sorted by path.
    pub files: Vec<FileScan>,
}

impl ScanReport {
    /// Exit code per the contract: 1 when a finding is at or above `fail_on` (a finding wins
    /// over an error), else 2 when any file could not be scanned, else 0.
    pub fn exit_code(&self, fail_on: Severity) -> i32 {
        if self
            .files
            .iter()
            .any(|f| f.max_severity().is_some_and(|s| s >= fail_on))
        {
            1
        } else if self.files.iter().any(|f| f.error.is_some()) {
            2
        } else {
            0
        }
    }
}

/// Scan options.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Most files walked under the given paths.
    pub max_files: usize,
    /// Directory names not descended into (`.git` holds compressed objects, not the release).
    pub skip_dirs: Vec<String>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            max_files: 1_000_000,
            skip_dirs: vec![".git".into()],
        }
    }
}

/// Scans files and walks directories (symlinked files inside the directory are followed,
/// symlinked directories are not, so loops cannot occur; a symlink that leaves the directory or
/// cannot be resolved is reported, not followed). Files are scanned in parallel.
pub fn scan_paths(paths: &[PathBuf], opts: &ScanOptions) -> ScanReport {
    let mut todo: Vec<(PathBuf, String)> = Vec::new();
    let mut files = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let root = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                let mut w = Walk {
                    root: &root,
                    opts,
                    out: &mut todo,
                    links: &mut files,
                };
                if let Err(e) = w.walk(p, p) {
                    files.push(FileScan {
                        path: shown,
                        format: "directory".into(),
                        findings: vec![],
                        error: Some(e),
                    });
                }
            }
            Ok(_) => todo.push((p.clone(), shown)),
            Err(e) => files.push(FileScan {
                path: shown,
                format: "unknown".into(),
                findings: vec![],
                error: Some(format!("cannot read: {e}")),
            }),
        }
    }
    files.extend(
        todo.par_iter()
            .map(|(p, shown)| scan_file(p, shown))
            .collect::<Vec<_>>(),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    ScanReport { files }
}

/// A directory walk: regular files go to `out`, symlinks that leave `root` (canonical) or do
/// not resolve become entries of their own in `links`.
struct Walk<'a> {
    root: &'a Path,
    opts: &'a ScanOptions,
    out: &'a mut Vec<(PathBuf, String)>,
    links: &'a mut Vec<FileScan>,
}

impl Walk<'_> {
    fn walk(&mut self, given: &Path, dir: &Path) -> Result<(), String> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            let ft = match e.file_type() {
                Ok(t) => t,
                Err(_) => continue,
            };
            if ft.is_dir() {
                if self
                    .opts
                    .skip_dirs
                    .iter()
                    .any(|s| e.file_name().to_string_lossy() == s.as_str())
                {
                    continue;
                }
                self.walk(given, &path)?;
                continue;
            }
            if ft.is_symlink() {
                let (kind, severity, message) = match std::fs::canonicalize(&path) {
                    Ok(t) if t.starts_with(self.root) => {
                        if !t.is_file() {
                            continue;
                        }
                        self.push(given, path)?;
                        continue;
                    }
                    Ok(t) => (
                        SourceCode::SymlinkOutside,
                        Severity::Medium,
                        format!(
                            "symlink points outside {} ({}); not followed",
                            given.display(),
                            t.display()
                        ),
                    ),
                    Err(err) => (
                        SourceCode::BrokenSymlink,
                        Severity::Low,
                        format!("symlink cannot be resolved (dangling or a loop): {err}"),
                    ),
                };
                let shown = path.display().to_string();
                self.links.push(FileScan {
                    path: shown,
                    format: "symlink".into(),
                    findings: vec![ScanFinding {
                        severity,
                        kind: kind.into(),
                        message,
                        location: ScanLocation::default(),
                    }],
                    error: None,
                });
            } else if ft.is_file() {
                self.push(given, path)?;
            }
        }
        Ok(())
    }

    fn push(&mut self, given: &Path, path: PathBuf) -> Result<(), String> {
        if self.out.len() >= self.opts.max_files {
            return Err(format!(
                "more than {} files under {} (limit)",
                self.opts.max_files,
                given.display()
            ));
        }
        let shown = path.display().to_string();
        self.out.push((path, shown));
        Ok(())
    }
}

/// Scans one file; `display` is the path shown in findings.
pub fn scan_file(path: &Path, display: &str) -> FileScan {
    dispatch::scan_file(path, display)
}

/// Scans bytes already in memory as a file called `name`: the same dispatch as [`scan_file`]
/// (a `.safetensors.index.json` name is not checked against shards, which live beside a file).
pub fn scan_bytes(bytes: &[u8], name: &str) -> FileScan {
    dispatch::scan_bytes(bytes, name)
}

/// Turns a file's scan into report findings: each with the file path and, as the location's
/// field, the member, field and byte offset. An error becomes an `unscannable-file` finding
/// (high: a file that could not be scanned is never clean).
pub fn to_findings(f: &FileScan) -> Vec<Finding> {
    let mut out: Vec<Finding> = f
        .findings
        .iter()
        .map(|s| {
            let mut parts = Vec::new();
            if let Some(m) = &s.location.member {
                parts.push(format!("member:{m}"));
            }
            if let Some(fl) = &s.location.field {
                parts.push(fl.clone());
            }
            if let Some(o) = s.location.offset {
                parts.push(format!("byte:{o}"));
            }
            let mut loc = Location::file(f.path.clone());
            if !parts.is_empty() {
                loc.field = Some(parts.join(" "));
            }
            Finding::new(s.kind, s.severity, s.message.clone(), loc)
        })
        .collect();
    if let Some(e) = &f.error {
        out.push(Finding::new(
            ScanCode::UnscannableFile,
            Severity::High,
            format!("{} could not be fully scanned: {e}", f.path),
            Location::file(f.path.clone()),
        ));
    }
    out
}
