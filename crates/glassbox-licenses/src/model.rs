//! What the knowledge base says about a license: flags, tier, obligations, ids.

use std::collections::BTreeMap;

use glassbox_core::{LicenseKind, Tier};
use serde::{Deserialize, Serialize};

/// Whether commercial use is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Commercial {
    /// Allowed without conditions beyond the license's other terms.
    #[default]
    Yes,
    /// Allowed below a user or revenue threshold; above it a separate license is needed.
    Threshold,
    /// Allowed after an application, registration or separate grant.
    Application,
    /// Not allowed: non-commercial, research or evaluation only.
    No,
    /// Service terms of a closed model: no rights in weights at all.
    Service,
}

impl Commercial {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Commercial::Yes => "yes",
            Commercial::Threshold => "threshold",
            Commercial::Application => "application",
            Commercial::No => "no",
            Commercial::Service => "service",
        }
    }
}

/// The flags of DESIGN.md §5, from which the tier follows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    /// OSI-approved.
    pub osi_approved: bool,
    /// An open data license (CC-BY, ODC, CDLA…).
    #[serde(default)]
    pub open_data: bool,
    /// Commercial use.
    #[serde(default)]
    pub commercial_use: Commercial,
    /// The user or revenue threshold above which a separate license is needed, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<String>,
    /// An acceptable-use policy or field-of-use restrictions apply.
    #[serde(default)]
    pub use_restrictions: bool,
    /// Using outputs to train or improve other models is restricted.
    #[serde(default)]
    pub output_training_restricted: bool,
    /// Attribution or notice duties.
    #[serde(default)]
    pub attribution: bool,
    /// Naming duties ("Built with …", model names that must start with …).
    #[serde(default)]
    pub naming: bool,
    /// Territories where no rights are granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub territory_exclusions: Vec<String>,
    /// Derivatives must carry the license's use restrictions (or the license itself).
    #[serde(default)]
    pub flow_down: bool,
    /// Share-alike: adaptations must be shared under the same terms (no use limits).
    #[serde(default)]
    pub share_alike: bool,
    /// No sharing of adapted material.
    #[serde(default)]
    pub no_derivatives: bool,
    /// The licensor may revoke the grant (beyond termination for breach or patent suits).
    #[serde(default)]
    pub revocable: bool,
    /// The licensor may update the terms or policy, or restrict use remotely.
    #[serde(default)]
    pub remotely_updatable: bool,
    /// Non-commercial, research or evaluation only.
    #[serde(default)]
    pub non_commercial: bool,
}

impl Flags {
    /// The tier that follows from the flags (DESIGN.md §5).
    pub fn tier(&self) -> Tier {
        if self.commercial_use == Commercial::Service {
            return Tier::None;
        }
        if self.osi_approved {
            return Tier::P;
        }
        if self.non_commercial || self.commercial_use == Commercial::No || self.no_derivatives {
            return Tier::NC;
        }
        let restricted = self.use_restrictions
            || self.threshold.is_some()
            || matches!(
                self.commercial_use,
                Commercial::Threshold | Commercial::Application
            )
            || self.output_training_restricted
            || self.naming
            || !self.territory_exclusions.is_empty()
            || self.flow_down
            || self.revocable
            || self.remotely_updatable;
        if restricted {
            Tier::R
        } else {
            Tier::O
        }
    }

    /// Each flag as (name, value in words), for display.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let b = |v: bool| {
            if v {
                "yes".to_string()
            } else {
                "no".to_string()
            }
        };
        vec![
            ("osi_approved", b(self.osi_approved)),
            ("open_data", b(self.open_data)),
            ("commercial_use", self.commercial_use.as_str().to_string()),
            (
                "threshold",
                self.threshold.clone().unwrap_or_else(|| "none".into()),
            ),
            ("use_restrictions", b(self.use_restrictions)),
            (
                "output_training_restricted",
                b(self.output_training_restricted),
            ),
            ("attribution", b(self.attribution)),
            ("naming", b(self.naming)),
            (
                "territory_exclusions",
                if self.territory_exclusions.is_empty() {
                    "none".into()
                } else {
                    self.territory_exclusions.join(", ")
                },
            ),
            ("flow_down", b(self.flow_down)),
            ("share_alike", b(self.share_alike)),
            ("no_derivatives", b(self.no_derivatives)),
            ("revocable", b(self.revocable)),
            ("remotely_updatable", b(self.remotely_updatable)),
            ("non_commercial", b(self.non_commercial)),
        ]
    }
}

/// Where an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// A reviewed entry of the knowledge base (`kb/licenses/*.toml`).
    #[default]
    KnowledgeBase,
    /// Taken from the SPDX license list flags only (not reviewed by the project).
    SpdxList,
    /// Computed (an expression, a modified text).
    Derived,
}

/// What glassbox knows about one license.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LicenseInfo {
    /// SPDX id or `LicenseRef-` id.
    pub id: String,
    /// Human name.
    pub name: String,
    /// Tier (P, O, R, NC).
    pub tier: Tier,
    /// OSI-approved.
    pub osi_approved: bool,
    /// License or use policy.
    pub kind: LicenseKind,
    /// Plain sentences a user can act on.
    pub obligations: Vec<String>,
    /// The flags the tier follows from.
    pub flags: Flags,
    /// Where each flag comes from (flag name -> clause, quote or list).
    pub flag_sources: BTreeMap<String, String>,
    /// The SPDX id when the SPDX list has the license.
    pub spdx: Option<String>,
    /// Hugging Face `license:` values.
    pub hf: Vec<String>,
    /// Hugging Face `license_name` values used with `license: other`.
    pub hf_names: Vec<String>,
    /// ScanCode LicenseDB key.
    pub scancode: Option<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Family (`llama`, `gemma`, `rail`…).
    pub family: Option<String>,
    /// Version within the family.
    pub version: Option<String>,
    /// Release or last-modified date of the text.
    pub date: Option<String>,
    /// For a license: the use policy it incorporates. For a policy: the license it belongs to.
    pub policy: Option<String>,
    /// For a policy: the licenses it belongs to.
    pub policy_of: Vec<String>,
    /// Where the license is published.
    pub urls: Vec<String>,
    /// Remarks (what is unverified, pitfalls).
    pub notes: Vec<String>,
    /// Where the entry comes from.
    pub origin: Origin,
}

/// One `kb/licenses/*.toml` file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntryFile {
    pub id: String,
    pub name: String,
    #[serde(default = "default_kind")]
    pub kind: String,
    pub tier: String,
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub hf: Vec<String>,
    #[serde(default)]
    pub hf_names: Vec<String>,
    #[serde(default)]
    pub scancode: Option<String>,
    #[serde(default)]
    pub urls: Vec<String>,
    #[serde(default)]
    pub policy: Option<String>,
    #[serde(default)]
    pub policy_of: Vec<String>,
    /// Title lines and other phrases that identify the full text (normalised at load).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Notice sentences that point to the license from another file.
    #[serde(default)]
    pub notices: Vec<String>,
    pub flags: Flags,
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    #[serde(default)]
    pub obligations: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
}

fn default_kind() -> String {
    "license".into()
}

pub(crate) fn parse_tier(s: &str) -> Option<Tier> {
    Some(match s {
        "P" => Tier::P,
        "O" => Tier::O,
        "R" => Tier::R,
        "NC" => Tier::NC,
        "none" => Tier::None,
        _ => return None,
    })
}

pub(crate) fn parse_kind(s: &str) -> Option<LicenseKind> {
    Some(match s {
        "license" => LicenseKind::License,
        "policy" => LicenseKind::Policy,
        "notice" => LicenseKind::Notice,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_flags() {
        let mut f = Flags {
            osi_approved: true,
            ..Default::default()
        };
        assert_eq!(f.tier(), Tier::P);
        f.osi_approved = false;
        assert_eq!(f.tier(), Tier::O);
        f.share_alike = true;
        f.attribution = true;
        assert_eq!(f.tier(), Tier::O, "share-alike and attribution are open");
        f.naming = true;
        assert_eq!(f.tier(), Tier::R);
        f.commercial_use = Commercial::No;
        assert_eq!(f.tier(), Tier::NC);
        f.commercial_use = Commercial::Service;
        assert_eq!(f.tier(), Tier::None);
    }
}
