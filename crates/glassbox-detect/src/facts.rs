//! The parsed facts of one release that several detectors share: its card and config.

use glassbox_core::{Finding, Location, Severity};
use glassbox_formats::{card, config};
use glassbox_sources::{Release, ReleaseFile};

/// Facts parsed once per release.
pub struct Facts {
    /// The model card (root `README.md`), with its path.
    pub card: Option<(String, card::Card)>,
    /// The root `config.json`, with its path.
    pub config: Option<(String, config::ModelConfig)>,
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
                    "invalid-card-metadata",
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
                        "invalid-config",
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
            problems,
        }
    }
}

fn root_file<'r>(release: &'r Release, names: &[&str]) -> Option<&'r ReleaseFile> {
    names.iter().find_map(|n| release.file(n))
}
