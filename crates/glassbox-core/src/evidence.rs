//! Evidence: findings that a component is present, partial or absent, each with the location
//! that proves it and the rule that found it.

use serde::{Deserialize, Serialize};

use crate::artifact::Artifact;
use crate::component::Component;
use crate::finding::Finding;
use crate::license::{LicenseFinding, LicenseRef};

/// Whether a component is shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not found.
    Absent,
    /// Some of it is there (e.g. a sharded set with a missing shard, datasets named but not linked).
    Partial,
    /// Found.
    Present,
}

impl Status {
    /// Lower-case name as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Absent => "absent",
            Status::Partial => "partial",
            Status::Present => "present",
        }
    }
}

/// How sure a rule is. Kept as a number in `[0, 1]` so rules can be compared and combined.
pub type Confidence = f32;

/// Where a piece of evidence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Found by inspecting what the release ships.
    #[default]
    Detected,
    /// Stated by the producer (e.g. a MOF model.yml) and not checked by itself.
    Claimed,
}

/// The place that proves a piece of evidence: a file and line, a card field, or a URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Location {
    /// File path relative to the target root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line in `path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// A metadata field (`card:license`, `config.json:architectures`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A URL (a link in the card, a Hub API URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: Some(path.into()),
            ..Default::default()
        }
    }
    /// A line of a file.
    pub fn line(path: impl Into<String>, line: u32) -> Self {
        Location {
            path: Some(path.into()),
            line: Some(line),
            ..Default::default()
        }
    }
    /// A metadata field of a file.
    pub fn field(path: impl Into<String>, field: impl Into<String>) -> Self {
        Location {
            path: Some(path.into()),
            field: Some(field.into()),
            ..Default::default()
        }
    }
    /// A URL, optionally found at a line of a file.
    pub fn url(url: impl Into<String>) -> Self {
        Location {
            url: Some(url.into()),
            ..Default::default()
        }
    }
    /// Adds a metadata field to the location.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
    /// Adds a URL to the location.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }
    /// Adds the line the location was found at.
    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut wrote = false;
        if let Some(p) = &self.path {
            f.write_str(p)?;
            if let Some(l) = self.line {
                write!(f, ":{l}")?;
            }
            wrote = true;
        }
        if let Some(field) = &self.field {
            if wrote {
                f.write_str(" ")?;
            }
            write!(f, "[{field}]")?;
            wrote = true;
        }
        if let Some(u) = &self.url {
            if wrote {
                f.write_str(" ")?;
            }
            f.write_str(u)?;
            wrote = true;
        }
        if !wrote {
            f.write_str("(release)")?;
        }
        Ok(())
    }
}

/// One finding that a component is present, partial or absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The component this is evidence for.
    pub component: Component,
    /// What the rule concluded.
    pub status: Status,
    /// Where the proof is.
    pub location: Location,
    /// The id of the rule that fired (e.g. `weights.safetensors`).
    pub rule: String,
    /// How sure the rule is, 0 to 1.
    pub confidence: Confidence,
    /// A short human explanation ("3 tensors, 1,234 parameters (F32)").
    pub detail: String,
    /// Detected or claimed.
    #[serde(default)]
    pub provenance: Provenance,
    /// Which artifact (target root, linked repository) the evidence came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A component with its resolved status, license and all the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentReport {
    /// The MOF component.
    pub component: Component,
    /// The best status the evidence supports.
    pub status: Status,
    /// The license covering the component, when one was resolved.
    pub license: Option<LicenseRef>,
    /// Everything found about it, strongest first.
    pub evidence: Vec<Evidence>,
}

/// What one license obliges, for the components it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenseObligations {
    /// The license id (SPDX expression or `LicenseRef-`).
    pub license: String,
    /// Its tier.
    pub tier: crate::license::Tier,
    /// The components it covers.
    pub components: Vec<Component>,
    /// Plain sentences a user can act on (empty when the license is unknown).
    pub obligations: Vec<String>,
}

/// Everything glassbox learnt about one release, before any framework judges it.
///
/// Frameworks are pure functions of this value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EvidenceSet {
    /// The files of the release.
    pub artifacts: Vec<Artifact>,
    /// One entry per MOF component, in MOF order.
    pub components: Vec<ComponentReport>,
    /// Licenses identified from files, tags and metadata.
    pub licenses: Vec<LicenseFinding>,
    /// Problems and notable facts (conflicts, unreadable files, security).
    pub findings: Vec<Finding>,
    /// What the licenses oblige, one entry per license.
    #[serde(default)]
    pub obligations: Vec<LicenseObligations>,
    /// The licenses the release states per model, when its statements name models; absent
    /// from the JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_licenses: Option<crate::ModelLicenses>,
}

impl EvidenceSet {
    /// The report for one component (always present once detection ran).
    pub fn component(&self, c: Component) -> Option<&ComponentReport> {
        self.components.iter().find(|r| r.component == c)
    }

    /// The status of one component, `Absent` when unknown.
    pub fn status(&self, c: Component) -> Status {
        self.component(c)
            .map(|r| r.status)
            .unwrap_or(Status::Absent)
    }

    /// The license of one component, if any.
    pub fn license(&self, c: Component) -> Option<&LicenseRef> {
        self.component(c).and_then(|r| r.license.as_ref())
    }
}
