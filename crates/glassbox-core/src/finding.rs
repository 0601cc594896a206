//! Findings: problems and notable facts that are not component evidence.

use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::evidence::Location;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For the record.
    Info,
    /// Worth knowing.
    Low,
    /// Should be looked at.
    Medium,
    /// Likely a real problem.
    High,
    /// Can execute code or grants no rights at all.
    Critical,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "info" => Severity::Info,
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => {
                return Err(format!(
                    "unknown severity `{s}` (info, low, medium, high, critical)"
                ))
            }
        })
    }
}

/// A problem or notable fact, with where it was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// What kind of finding it is ([`Code`]: a stable id such as `license-conflict`).
    pub kind: Code,
    /// How much it matters.
    pub severity: Severity,
    /// One sentence a user can act on.
    pub message: String,
    /// Where it was seen.
    pub evidence: Vec<Location>,
}

impl Finding {
    /// A finding at one location.
    pub fn new(
        kind: impl Into<Code>,
        severity: Severity,
        message: impl Into<String>,
        at: Location,
    ) -> Self {
        Finding {
            kind: kind.into(),
            severity,
            message: message.into(),
            evidence: vec![at],
        }
    }
}
