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

/// What a gap step asks of the producer. The merged list counts the same kind of step on the
/// same component once, whatever each framework's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// Publish (release, list, document) a component that is absent or partial.
    Publish,
    /// Change the license of a component that is present.
    License,
    /// Anything else; merged only with a step of the same wording.
    #[default]
    Other,
}

/// The license bar a gap step asks for, weakest first: a license meeting a stronger bar meets
/// every weaker one for the same component, so the merged list keeps the strictest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum LicenseBar {
    /// No license bar: only publishing.
    #[default]
    None,
    /// Terms without use restrictions: OSI-approved, or an open data/content license (tier P/O).
    Open,
    /// OSI-approved.
    Osi,
    /// Open and appropriate to the component's type (code, data, document).
    TypeAppropriate,
}

/// One step a producer could take to become more open.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GapStep {
    /// The action, imperative ("Publish the training code under an OSI-approved license").
    pub action: String,
    /// The component the step is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<Component>,
    /// What the step asks (absent in reports written before it existed: `other`).
    #[serde(default)]
    pub kind: StepKind,
    /// The license bar it asks for (absent in older reports: `none`).
    #[serde(default)]
    pub bar: LicenseBar,
}

impl GapStep {
    /// A step of the given kind and bar about `component`.
    pub fn new(
        action: impl Into<String>,
        component: Component,
        kind: StepKind,
        bar: LicenseBar,
    ) -> GapStep {
        GapStep {
            action: action.into(),
            component: Some(component),
            kind,
            bar,
        }
    }

    /// A step merged with others only when worded the same.
    pub fn other(action: impl Into<String>, component: Option<Component>) -> GapStep {
        GapStep {
            action: action.into(),
            component,
            kind: StepKind::Other,
            bar: LicenseBar::None,
        }
    }

    /// Whether `other` asks the same thing: the same kind on the same component, or, for steps
    /// of kind `other` or about no component, the same wording.
    fn same_as(&self, other: &GapStep) -> bool {
        self.component == other.component
            && self.kind == other.kind
            && (self.component.is_some() && self.kind != StepKind::Other
                || self.action.trim().eq_ignore_ascii_case(other.action.trim()))
    }
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
    #[serde(default)]
    pub met: Vec<Requirement>,
    /// Requirements not met.
    #[serde(default)]
    pub unmet: Vec<Requirement>,
    /// What to publish or change, cheapest first.
    #[serde(default)]
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

impl Verdicts {
    /// The seed's and every framework's gap steps merged into one list: the same step counted
    /// once with the strictest bar any framework asks (its wording kept), ordered by how many
    /// frameworks it advances, then by first appearance (seed first, then report order), which
    /// keeps each list's cheapest-first order.
    pub fn next_steps(&self) -> Vec<NextStep> {
        let mut lists = vec![("seed".to_string(), self.seed.assessment.gap.clone())];
        lists.extend(self.others.iter().map(|(k, v)| (k.clone(), v.gap_steps())));
        merge_steps(lists)
    }
}

/// Merges gap lists keyed by framework (see [`Verdicts::next_steps`]).
pub fn merge_steps(lists: impl IntoIterator<Item = (String, Vec<GapStep>)>) -> Vec<NextStep> {
    let mut groups: Vec<(GapStep, Vec<String>)> = Vec::new();
    for (fw, steps) in lists {
        for s in steps {
            match groups.iter_mut().find(|(g, _)| g.same_as(&s)) {
                Some((g, fws)) => {
                    if s.bar > g.bar {
                        *g = s;
                    }
                    if !fws.contains(&fw) {
                        fws.push(fw.clone());
                    }
                }
                None => groups.push((s, vec![fw.clone()])),
            }
        }
    }
    // A stable sort keeps first-appearance order among equals.
    groups.sort_by_key(|(_, fws)| std::cmp::Reverse(fws.len()));
    groups
        .into_iter()
        .map(|(g, frameworks)| NextStep {
            action: g.action,
            component: g.component,
            frameworks,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publish(c: Component, bar: LicenseBar, action: &str) -> GapStep {
        GapStep::new(action, c, StepKind::Publish, bar)
    }

    #[test]
    fn the_same_step_is_counted_once_with_the_strictest_bar() {
        let merged = merge_steps([
            (
                "seed".to_string(),
                vec![publish(
                    Component::TrainingCode,
                    LicenseBar::None,
                    "Publish the training code",
                )],
            ),
            (
                "osaid".to_string(),
                vec![publish(
                    Component::TrainingCode,
                    LicenseBar::Osi,
                    "Publish the training code under an OSI-approved license",
                )],
            ),
            (
                "mof".to_string(),
                vec![
                    publish(Component::Datasets, LicenseBar::Open, "List the datasets"),
                    publish(
                        Component::TrainingCode,
                        LicenseBar::TypeAppropriate,
                        "Publish the training code under a type-appropriate open license",
                    ),
                ],
            ),
        ]);
        assert_eq!(merged.len(), 2, "{merged:#?}");
        assert_eq!(merged[0].frameworks, ["seed", "osaid", "mof"]);
        assert!(merged[0].action.contains("type-appropriate"));
        assert_eq!(merged[1].component, Some(Component::Datasets));
    }

    #[test]
    fn publishing_and_relicensing_stay_apart_and_other_steps_merge_by_wording() {
        let merged = merge_steps([
            (
                "a".to_string(),
                vec![
                    GapStep::new(
                        "License the weights openly",
                        Component::ModelParametersFinal,
                        StepKind::License,
                        LicenseBar::Open,
                    ),
                    GapStep::other("Publish hashes of every file", None),
                ],
            ),
            (
                "b".to_string(),
                vec![
                    publish(
                        Component::ModelParametersFinal,
                        LicenseBar::None,
                        "Publish the weights",
                    ),
                    GapStep::other("publish hashes of every file ", None),
                ],
            ),
        ]);
        assert_eq!(merged.len(), 3, "{merged:#?}");
        assert_eq!(merged[0].action, "Publish hashes of every file");
        assert_eq!(merged[0].frameworks, ["a", "b"]);
    }

    #[test]
    fn steps_from_reports_without_kinds_read_back_as_other() {
        let s: GapStep = serde_json::from_str(r#"{"action":"Publish the code"}"#).unwrap();
        assert_eq!(s, GapStep::other("Publish the code", None));
    }
}
