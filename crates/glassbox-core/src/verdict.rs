//! Verdicts: each framework's judgement of a release, with the requirements met, the unmet ones
//! and the cheapest change that would meet them.

use serde::{Deserialize, Serialize};

use crate::component::Component;
use crate::evidence::Location;
use crate::framework_verdict::FrameworkVerdict;

/// One requirement of a framework, met or not, with the evidence it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// Stable id within the framework (`weights-open-terms`).
    pub id: String,
    /// What the framework asks for, in a sentence.
    pub title: String,
    /// Why it is (not) met.
    pub reason: String,
    /// The locations the judgement rests on.
    pub evidence: Vec<Location>,
}

/// One step a producer could take to become more open.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GapStep {
    /// The action, imperative ("Publish the training code under an OSI-approved license").
    pub action: String,
    /// The component the step is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<Component>,
}

/// One step of the merged "to become more open" list: a gap step with the frameworks it
/// advances, most frameworks first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    /// The action; when frameworks ask different license bars, the strictest, which meets them all.
    pub action: String,
    /// The component it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<Component>,
    /// The frameworks the step advances (`seed`, `osaid`, `mof`, …), in report order.
    pub frameworks: Vec<String>,
}

/// The part every verdict shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Assessment {
    /// Requirements met.
    pub met: Vec<Requirement>,
    /// Requirements not met.
    pub unmet: Vec<Requirement>,
    /// What to publish or change, cheapest first.
    pub gap: Vec<GapStep>,
}

/// The seed category (DESIGN.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeedCategory {
    /// Weights, complete training and preprocessing code and the data, all under open terms.
    OpenSource,
    /// Weights under open terms; code or data missing or not open.
    OpenWeights,
    /// Weights obtainable, under restricted, non-commercial or no license.
    RestrictedWeights,
    /// No weights obtainable.
    Closed,
}

impl SeedCategory {
    /// The category as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SeedCategory::OpenSource => "open-source",
            SeedCategory::OpenWeights => "open-weights",
            SeedCategory::RestrictedWeights => "restricted-weights",
            SeedCategory::Closed => "closed",
        }
    }
}

/// One of the six rows of the seed table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedRow {
    /// Row name as in DESIGN.md ("Model parameters", "Training code", …).
    pub row: String,
    /// The value for this release ("available", "partial", "not shared", …).
    pub value: String,
    /// 2 = the open-source column, 1 = in between, 0 = the closed end. Renderers colour by it.
    pub level: u8,
    /// Why, in a sentence.
    pub reason: String,
    /// The evidence the row rests on.
    pub evidence: Vec<Location>,
}

/// The seed verdict: open source, open weights, restricted weights or closed, and the six rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeedVerdict {
    /// The category.
    pub category: SeedCategory,
    /// One sentence saying why.
    pub summary: String,
    /// The six rows, in DESIGN.md order.
    pub rows: Vec<SeedRow>,
    /// Requirements for open-source met and unmet, and the gap list.
    #[serde(flatten)]
    pub assessment: Assessment,
}

/// All verdicts of a release, keyed by framework in JSON (`verdicts.seed`, …).
///
/// Frameworks other than the seed are [`FrameworkVerdict`]s so that each framework module owns its
/// own typed shape without the core crate knowing them all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdicts {
    /// The seed verdict (always present).
    pub seed: SeedVerdict,
    /// Other frameworks' verdicts by name (`osaid`, `mof`, `osai`, `eu-ai-act`, `owd`).
    #[serde(flatten)]
    pub others: indexmap::IndexMap<String, FrameworkVerdict>,
}
