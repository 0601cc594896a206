//! Licenses as the rest of glassbox sees them: an id, a tier and where it was found.

use serde::{Deserialize, Serialize};

use crate::evidence::Location;

/// How open a license is (DESIGN.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tier {
    /// OSI-approved.
    P,
    /// Open, not OSI-approved: attribution or share-alike only, no use limits.
    O,
    /// Restricted: use policy, thresholds, naming duties, flow-down.
    R,
    /// Non-commercial or research-only.
    NC,
    /// No license found, or not recognised: all rights reserved as far as anyone can tell.
    #[serde(rename = "none")]
    None,
}

impl Tier {
    /// Rank from most open (0) to least open (4); used to pick the most restrictive of several.
    pub fn restrictiveness(self) -> u8 {
        match self {
            Tier::P => 0,
            Tier::O => 1,
            Tier::R => 2,
            Tier::NC => 3,
            Tier::None => 4,
        }
    }
    /// P or O: terms that allow any use, modification and sharing.
    pub fn is_open(self) -> bool {
        matches!(self, Tier::P | Tier::O)
    }
    /// Short name as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::P => "P",
            Tier::O => "O",
            Tier::R => "R",
            Tier::NC => "NC",
            Tier::None => "none",
        }
    }
    /// The most restrictive of two tiers.
    pub fn most_restrictive(self, other: Tier) -> Tier {
        if other.restrictiveness() > self.restrictiveness() {
            other
        } else {
            self
        }
    }
}

/// What kind of text a license file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LicenseKind {
    /// A license grant.
    License,
    /// An acceptable-use policy tied to a license.
    Policy,
    /// A notice (copyright, attribution).
    Notice,
    /// Not recognised as any of the above.
    Unknown,
}

/// A resolved license: what frameworks need to judge terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenseRef {
    /// SPDX expression or `LicenseRef-` id (`Apache-2.0`, `LicenseRef-Llama-3.1`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// Tier of the license.
    pub tier: Tier,
    /// Whether the license is OSI-approved.
    pub osi_approved: bool,
    /// Where the license for this component was found.
    pub source: Location,
}

/// The license a release states for one of its models, when it releases several under
/// different terms (`Qwen-72B` under the Tongyi Qianwen license, `Qwen-1.8B` under its research
/// license).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelLicense {
    /// The model as the release names it (`Qwen-72B`, `SDXL1.0`, `allenai/Llama-3.1-Tulu-3-8B`).
    pub model: String,
    /// Its license; `source` cites the sentence, file name or link that ties the two.
    pub license: LicenseRef,
    /// The rule that tied them (`license.model-statement`, `license.model-file-name`,
    /// `license.model-name-lineage`).
    pub rule: String,
}

/// The per-model licenses of a release that names models in its license statements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ModelLicenses {
    /// One entry per model named, in the order found.
    pub models: Vec<ModelLicense>,
    /// The license of the release's other models (those no statement names): the weights
    /// license that names no model; `None` when every weights license names its models, so
    /// the others have none stated.
    pub others: Option<LicenseRef>,
}

/// A license identified from a file, a tag or a metadata field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LicenseFinding {
    /// Where it was found: a path, or a field such as `README.md [card:license]`.
    pub source: String,
    /// What kind of text it is.
    pub kind: LicenseKind,
    /// The resolved id (SPDX expression or `LicenseRef-`), `LicenseRef-unknown` when not recognised.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Tier.
    pub tier: Tier,
    /// Whether the license is OSI-approved.
    pub osi_approved: bool,
    /// Match score, 0 to 1 (1 for an exact id or tag).
    pub score: f64,
    /// The text differs from the known license text (a clause added, removed or changed).
    pub modified: bool,
    /// How it was identified (`hf-tag`, `spdx-expression`, `title-line`, `text-match`, …).
    pub method: String,
    /// Where exactly.
    pub location: Location,
}
