//! The versioned report: the one document every output is rendered from.

use serde::{Deserialize, Serialize};

use crate::evidence::EvidenceSet;
use crate::verdict::{NextStep, Verdicts};

/// The schema id every report carries; renderers refuse any other.
pub const REPORT_SCHEMA: &str = "glassbox/report/v1";

/// What was audited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetInfo {
    /// As the user named it (`examples/open-source`, `hf:org/name@rev`).
    pub spec: String,
    /// `local`, `hf`, `hf-cache`, `git`, `claims`.
    pub kind: String,
    /// A display name for the release (card `model_name`, folder name or repo id).
    pub name: String,
    /// A resolved revision (commit) when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
}

/// The tool that wrote the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolInfo {
    /// Always `glassbox`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

/// Reading statistics: how much of the release was read to audit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Stats {
    /// Files in the inventory.
    pub files: u64,
    /// Sum of file sizes (LFS objects at their real size).
    pub bytes_total: u64,
    /// Bytes actually read to audit.
    pub bytes_read: u64,
}

/// One release's audit: evidence and verdicts. Serialised as `glassbox/report/v1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`REPORT_SCHEMA`].
    pub schema: String,
    /// The tool and version.
    pub tool: ToolInfo,
    /// What was audited.
    pub target: TargetInfo,
    /// The models the release was made from (card `base_model`), as a tree with each model's
    /// licenses. Empty, and absent from the JSON, when the card names no base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<crate::lineage::LineageNode>,
    /// How much was read.
    #[serde(default)]
    pub stats: Stats,
    /// Artifacts, components, licenses and findings.
    #[serde(flatten)]
    pub evidence: EvidenceSet,
    /// Each framework's verdict.
    pub verdicts: Verdicts,
    /// Every framework's gap steps merged into one "to become more open" list, ordered by how
    /// many frameworks each step advances.
    #[serde(default)]
    pub next_steps: Vec<NextStep>,
}

pub use Stats as ReportStats;
