//! A framework verdict at a glance, typed: what renderers show for every framework. The framework
//! module that owns a verdict's shape builds it ([`VerdictBody::summary`](crate::VerdictBody)), so
//! renderers neither decide a headline nor read a verdict's JSON.

use crate::evidence::Location;
use crate::verdict::{Assessment, GapStep, Requirement};

/// How a verdict reads at a glance; renderers colour by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The framework's bar is met (pass, eligible, any MOF class, high index score).
    Good,
    /// Part of the way (some index dimensions open, MOF progress without a class).
    Partial,
    /// Not met.
    Bad,
    /// The framework cannot tell, or reported nothing readable.
    Unknown,
}

impl Outcome {
    /// A short class name used by the HTML renderer's CSS.
    pub fn css(self) -> &'static str {
        match self {
            Outcome::Good => "good",
            Outcome::Partial => "partial",
            Outcome::Bad => "bad",
            Outcome::Unknown => "unknown",
        }
    }
}

/// One MOF mode's result: the class reached (0 = none) and progress towards each class.
#[derive(Debug, Clone, PartialEq)]
pub struct MofMode {
    /// 0 (no class), 3, 2 or 1 (1 is the most open).
    pub class: u8,
    /// Progress in percent towards classes III, II and I, in that order.
    pub progress: [Option<f64>; 3],
}

/// The MOF verdict's numbers, in both modes.
#[derive(Debug, Clone, PartialEq)]
pub struct Mof {
    /// The Model Openness Tool's rules.
    pub mot: MofMode,
    /// The specification's stricter reading, when reported.
    pub strict: Option<MofMode>,
}

/// The MOF class as written in reports (`Class I`, …, `no class`).
pub fn mof_class_name(class: u8) -> &'static str {
    match class {
        1 => "Class I",
        2 => "Class II",
        3 => "Class III",
        _ => "no class",
    }
}

/// One dimension of the European Open Source AI Index.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// Dimension name.
    pub name: String,
    /// `open`, `partial`, `closed`, or `n/a` when not graded.
    pub level: String,
    /// Why, when given.
    pub reason: Option<String>,
    /// Evidence locations.
    pub evidence: Vec<Location>,
    /// The index's group (Availability, Documentation, Access), when given.
    pub group: Option<String>,
    /// A dimension the index no longer scores.
    pub legacy: bool,
}

impl Dimension {
    /// The index's value for the level: open 1, partial 0.5, closed 0.
    pub fn value(&self) -> Option<f64> {
        match self.level.to_ascii_lowercase().as_str() {
            "open" => Some(1.0),
            "partial" => Some(0.5),
            "closed" => Some(0.0),
            _ => None,
        }
    }
}

/// The index verdict's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Osai {
    /// The index score, 0 to 1, when reported.
    pub score: Option<f64>,
    /// The dimensions, in the order reported.
    pub dimensions: Vec<Dimension>,
}

/// One framework's verdict as every renderer shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkSummary {
    /// The framework's full name.
    pub title: String,
    /// The verdict in a few words ("pass", "Class II", "score 0.58", "exemption: cannot tell").
    pub headline: String,
    /// How the verdict reads.
    pub outcome: Outcome,
    /// Requirements met.
    pub met: Vec<Requirement>,
    /// Requirements not met.
    pub unmet: Vec<Requirement>,
    /// What to publish or change.
    pub gap: Vec<GapStep>,
    /// MOF numbers when this is the MOF verdict.
    pub mof: Option<Mof>,
    /// Index dimensions when this is the index verdict.
    pub osai: Option<Osai>,
    /// Other lists of sentences the verdict carries (open conditions, duties still owed, …),
    /// each with its title.
    pub lists: Vec<(String, Vec<String>)>,
}

impl FrameworkSummary {
    /// A summary from requirements alone, for a verdict whose framework is not known: "assessed"
    /// when nothing is unmet, otherwise how many are.
    pub fn generic(title: impl Into<String>, a: Assessment) -> FrameworkSummary {
        let (headline, outcome) = if a.unmet.is_empty() {
            ("assessed".to_string(), Outcome::Unknown)
        } else {
            (format!("{} unmet", a.unmet.len()), Outcome::Bad)
        };
        FrameworkSummary::new(title, headline, outcome, a)
    }

    /// A summary with the given headline and the assessment's requirements and gap.
    pub fn new(
        title: impl Into<String>,
        headline: impl Into<String>,
        outcome: Outcome,
        a: Assessment,
    ) -> FrameworkSummary {
        FrameworkSummary {
            title: title.into(),
            headline: headline.into(),
            outcome,
            met: a.met,
            unmet: a.unmet,
            gap: a.gap,
            mof: None,
            osai: None,
            lists: Vec::new(),
        }
    }

    /// Adds a titled list of sentences unless it is empty.
    pub fn with_list(mut self, title: &str, items: Vec<String>) -> FrameworkSummary {
        if !items.is_empty() {
            self.lists.push((title.to_string(), items));
        }
        self
    }
}
