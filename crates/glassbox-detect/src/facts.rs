//! The parsed facts of one release that several detectors share: its card, its config and its
//! weight headers, each parsed once.

use glassbox_core::codes::ArtifactCode;
use glassbox_core::{Finding, Location, Severity};
use std::collections::BTreeMap;

use glassbox_core::{Release, ReleaseFile};
use glassbox_formats::{card, config, gguf, safetensors, FormatError};

/// A weight file's header, or why it could not be read.
pub enum WeightsHeader {
    /// A safetensors header.
    Safetensors(Result<safetensors::Header, FormatError>),
    /// GGUF metadata and tensor infos.
    Gguf(Result<gguf::Gguf, FormatError>),
}

fn safetensors_header(f: &ReleaseFile) -> Result<safetensors::Header, FormatError> {
    let head = f.head.as_deref().unwrap_or_default();
    let n = safetensors::header_len(head, f.artifact.size)?;
    let json = head
        .get(8..8 + n as usize)
        .ok_or_else(|| FormatError::Truncated("header not read".into()))?;
    safetensors::parse_header(json, f.artifact.size)
}

fn weights_headers(release: &Release) -> BTreeMap<String, WeightsHeader> {
    release
        .files
        .iter()
        .filter(|f| f.artifact.lfs.is_none() && !release.object_missing(&f.artifact.path))
        .filter_map(|f| {
            let lower = f.artifact.path.to_ascii_lowercase();
            let h = if lower.ends_with(".safetensors") {
                WeightsHeader::Safetensors(safetensors_header(f))
            } else if lower.ends_with(".gguf") {
                WeightsHeader::Gguf(gguf::parse(
                    f.head.as_deref().unwrap_or_default(),
                    f.artifact.size,
                ))
            } else {
                return None;
            };
            Some((f.artifact.path.clone(), h))
        })
        .collect()
}

/// Facts parsed once per release.
pub struct Facts {
    /// The model card (root `README.md`), with its path.
    pub card: Option<(String, card::Card)>,
    /// The root `config.json`, with its path.
    pub config: Option<(String, config::ModelConfig)>,
    /// Parsed headers of the weight files whose bytes were read (LFS pointers excluded), by path.
    pub weights: BTreeMap<String, WeightsHeader>,
    /// Problems met while parsing (broken front matter, invalid config.json).
    pub problems: Vec<Finding>,
}

impl Facts {
    /// Parses the card and config of a release.
    pub fn gather(release: &Release) -> Facts {
        let mut problems = Vec::new();
        let card = root_file(
            release,
            &["README.md", "readme.md", "README", "MODELCARD.md"],
        )
        .and_then(|f| {
            let text = f.text()?;
            let parsed = card::parse(&text);
            if let Some(err) = &parsed.metadata_error {
                problems.push(Finding::new(
                    ArtifactCode::InvalidCardMetadata,
                    Severity::Medium,
                    format!("model card front matter cannot be read ({err}); card fields ignored"),
                    Location::line(&f.artifact.path, 1),
                ));
            }
            Some((f.artifact.path.clone(), parsed))
        });
        let config = root_file(release, &["config.json"]).and_then(|f| {
            let bytes = f.content.as_deref()?;
            match config::parse(bytes) {
                Ok(c) => Some((f.artifact.path.clone(), c)),
                Err(e) => {
                    problems.push(Finding::new(
                        ArtifactCode::InvalidConfig,
                        Severity::Medium,
                        format!("config.json: {e}"),
                        Location::file(&f.artifact.path),
                    ));
                    None
                }
            }
        });
        Facts {
            card,
            config,
            weights: weights_headers(release),
            problems,
        }
    }
}

fn root_file<'r>(release: &'r Release, names: &[&str]) -> Option<&'r ReleaseFile> {
    names.iter().find_map(|n| release.file(n))
}
