//! European Open Source AI Index (osai-index.eu): 12 dimensions graded open / partial / closed,
//! plus the legacy `package` and `api` (removed 2026-03-13, reported but not scored). Score = mean
//! over applicable current dimensions with open 1, partial 0.5, closed 0.
//!
//! The index grades a model family by hand; glassbox grades one release from its evidence, so the
//! base-model and end-user-model dimensions are judged from the same evidence, and the paper and
//! preprint dimensions from the research paper's and technical report's links. Each dimension's
//! reason says what it rests on.

use glassbox_core::{Assessment, Component, EvidenceSet, GapStep, Location, Status};
use serde::{Deserialize, Serialize};

use crate::assess::{self, Bar, Builder};

/// A dimension's grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    /// 🟩 open.
    Open,
    /// 🟧 partial.
    Partial,
    /// 🟥 closed.
    Closed,
}

impl Grade {
    fn score(self) -> f64 {
        match self {
            Grade::Open => 1.0,
            Grade::Partial => 0.5,
            Grade::Closed => 0.0,
        }
    }
}

/// One dimension of the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    /// The index's reference (`weights_basemodel`, …).
    pub id: String,
    /// Availability, Documentation or Access.
    pub group: String,
    /// Display name.
    pub name: String,
    /// The grade, `null` when not applicable or not visible in a release.
    pub grade: Option<Grade>,
    /// Dropped from the index in 2026; never scored.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub legacy: bool,
    /// What the grade rests on.
    pub reason: String,
    /// Where.
    pub evidence: Vec<Location>,
}

/// The index verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsaiVerdict {
    /// Mean over the graded current dimensions (0 to 1).
    pub score: f64,
    /// The 12 current dimensions, then the 2 legacy ones.
    pub dimensions: Vec<Dimension>,
    /// A dimension is met when open; unmet when partial or closed.
    #[serde(flatten)]
    pub assessment: Assessment,
}

/// Evaluates the index's dimensions.
pub fn evaluate(ev: &EvidenceSet) -> OsaiVerdict {
    use Component::*;
    let st = |c| ev.status(c);
    let present = |c| st(c) == Status::Present;
    let any = |c| st(c) != Status::Absent;
    let loc = |cs: &[Component]| {
        cs.iter()
            .flat_map(|c| assess::locations(ev, *c))
            .collect::<Vec<_>>()
    };
    let mut dims: Vec<(Dimension, Vec<GapStep>)> = Vec::new();
    let mut push = |id: &str,
                    group: &str,
                    name: &str,
                    grade: Option<Grade>,
                    reason: String,
                    evidence: Vec<Location>,
                    steps: Vec<GapStep>| {
        dims.push((
            Dimension {
                id: id.into(),
                group: group.into(),
                name: name.into(),
                grade,
                legacy: false,
                reason,
                evidence,
            },
            steps,
        ));
    };

    // Availability.
    let (g, r) = match st(Datasets) {
        Status::Present => (
            Grade::Open,
            "training datasets shipped or listed with where to obtain them",
        ),
        Status::Partial => (Grade::Partial, "some training data sources named"),
        Status::Absent if any(DataCard) => (
            Grade::Partial,
            "training data described in a data card, not shared",
        ),
        Status::Absent => (Grade::Closed, "no training data sources disclosed"),
    };
    for (id, name) in [
        ("datasources_basemodel", "Base model data"),
        ("datasources_endmodel", "End-user model data"),
    ] {
        push(
            id,
            "availability",
            name,
            Some(g),
            format!("{r} (one release: same evidence for base and end-user model)"),
            loc(&[Datasets, DataCard]),
            vec![assess::publish(Datasets, Bar::None)],
        );
    }
    let (g, r) = match st(ModelParametersFinal) {
        Status::Present => (Grade::Open, "weights shipped"),
        Status::Partial => (
            Grade::Partial,
            "weights only partly available (missing shards or not downloadable)",
        ),
        Status::Absent => (Grade::Closed, "no weights found"),
    };
    for (id, name) in [
        ("weights_basemodel", "Base model weights"),
        ("weights_endmodel", "End-user model weights"),
    ] {
        push(
            id,
            "availability",
            name,
            Some(g),
            r.to_string(),
            loc(&[ModelParametersFinal]),
            vec![assess::publish(ModelParametersFinal, Bar::None)],
        );
    }
    let (g, r) = match (st(TrainingCode), st(DataPreprocessingCode)) {
        (Status::Present, Status::Present) => {
            (Grade::Open, "training and data-processing code shipped")
        }
        (Status::Absent, Status::Absent) => {
            (Grade::Closed, "no training or data-processing code found")
        }
        _ => (
            Grade::Partial,
            "training or data-processing code incomplete",
        ),
    };
    let mut steps = Vec::new();
    for c in [TrainingCode, DataPreprocessingCode] {
        if !present(c) {
            steps.push(assess::publish(c, Bar::None));
        }
    }
    push(
        "trainingcode",
        "availability",
        "Training code",
        Some(g),
        r.to_string(),
        loc(&[TrainingCode, DataPreprocessingCode]),
        steps,
    );

    // Documentation.
    let code_parts = [
        ModelArchitecture,
        TrainingCode,
        InferenceCode,
        DataPreprocessingCode,
        EvaluationCode,
    ];
    let code_count = code_parts.iter().filter(|c| present(**c)).count();
    let documented = present(TechnicalReport) || present(ResearchPaper);
    let (g, r) = if code_count == 0 {
        (Grade::Closed, "no code to document".to_string())
    } else if code_count == code_parts.len() && documented {
        (
            Grade::Open,
            "all code components shipped and described in a report or paper".to_string(),
        )
    } else {
        (
            Grade::Partial,
            format!(
                "{code_count} of {} code components shipped{}",
                code_parts.len(),
                if documented {
                    ""
                } else {
                    ", no report or paper describing them"
                }
            ),
        )
    };
    push(
        "code",
        "documentation",
        "Code documentation",
        Some(g),
        r,
        loc(&code_parts),
        vec![assess::publish(TechnicalReport, Bar::None)],
    );
    let (g, r) = match (present(ModelArchitecture), documented) {
        (true, true) => (
            Grade::Open,
            "architecture shipped and described in a report or paper",
        ),
        (true, false) | (false, true) => (Grade::Partial, "architecture only partly documented"),
        (false, false) => (Grade::Closed, "architecture not documented"),
    };
    push(
        "hardware_architecture",
        "documentation",
        "Hardware architecture",
        Some(g),
        r.to_string(),
        loc(&[ModelArchitecture, TechnicalReport]),
        vec![assess::publish(TechnicalReport, Bar::None)],
    );
    let (g, r) = if present(ResearchPaper) {
        (Grade::Open, "research paper or preprint available")
    } else if any(TechnicalReport) || any(ResearchPaper) {
        (Grade::Partial, "a technical report, no research preprint")
    } else {
        (Grade::Closed, "no preprint")
    };
    push(
        "preprint",
        "documentation",
        "Preprint",
        Some(g),
        r.to_string(),
        loc(&[ResearchPaper, TechnicalReport]),
        vec![assess::publish(ResearchPaper, Bar::None)],
    );
    let (g, r) = paper_grade(ev);
    push(
        "paper",
        "documentation",
        "Paper (peer reviewed)",
        Some(g),
        r,
        loc(&[ResearchPaper]),
        vec![assess::publish(ResearchPaper, Bar::None)],
    );
    for (c, id, name) in [
        (ModelCard, "modelcard", "Model card"),
        (DataCard, "datasheet", "Datasheet"),
    ] {
        let (g, r) = match st(c) {
            Status::Present => (Grade::Open, format!("{} present", c.name())),
            Status::Partial => (Grade::Partial, format!("{} incomplete", c.name())),
            Status::Absent => (Grade::Closed, format!("no {}", assess::lc(c))),
        };
        push(
            id,
            "documentation",
            name,
            Some(g),
            r,
            loc(&[c]),
            vec![assess::publish(c, Bar::None)],
        );
    }

    // Access: licenses of weights, training code and data.
    let parts = [ModelParametersFinal, TrainingCode, Datasets];
    let open: Vec<bool> = parts
        .iter()
        .map(|c| any(*c) && assess::terms_open(ev.license(*c)))
        .collect();
    let n_open = open.iter().filter(|o| **o).count();
    let g = match n_open {
        3 => Grade::Open,
        2 => Grade::Partial,
        _ => Grade::Closed,
    };
    let words: Vec<String> = parts
        .iter()
        .map(|c| format!("{}: {}", assess::lc(*c), assess::describe(ev.license(*c))))
        .collect();
    let steps = parts
        .iter()
        .zip(&open)
        .filter(|(_, o)| !**o)
        .map(|(c, _)| assess::step_for(ev, *c, Bar::Open))
        .collect();
    push(
        "licenses",
        "access",
        "Licenses",
        Some(g),
        format!("{n_open} of 3 open ({})", words.join("; ")),
        loc(&parts),
        steps,
    );

    // Legacy dimensions: invisible in a release's files.
    for (id, name) in [("package", "Package"), ("api", "API")] {
        dims.push((
            Dimension {
                id: id.into(),
                group: "access".into(),
                name: name.into(),
                grade: None,
                legacy: true,
                reason: "dropped from the index in 2026; not visible in a release's files".into(),
                evidence: vec![],
            },
            vec![],
        ));
    }

    let graded: Vec<f64> = dims
        .iter()
        .filter(|(d, _)| !d.legacy)
        .filter_map(|(d, _)| d.grade.map(Grade::score))
        .collect();
    let score = if graded.is_empty() {
        0.0
    } else {
        graded.iter().sum::<f64>() / graded.len() as f64
    };
    let mut b = Builder::default();
    for (d, steps) in &dims {
        let Some(g) = d.grade else { continue };
        // The dimension carries the reason and evidence; the requirement points at it.
        let title = format!("{} open", d.name);
        let reason = format!("{}: see dimensions.{}", grade_word(g), d.id);
        if b.req(g == Grade::Open, &d.id, &title, reason, vec![]) {
            continue;
        }
        for s in steps {
            b.gap(s.clone());
        }
    }
    OsaiVerdict {
        score,
        dimensions: dims.into_iter().map(|(d, _)| d).collect(),
        assessment: b.done(),
    }
}

fn grade_word(g: Grade) -> &'static str {
    match g {
        Grade::Open => "open",
        Grade::Partial => "partial",
        Grade::Closed => "closed",
    }
}

/// Peer review shows in where the paper is: a venue's site or a DOI rather than a preprint server.
fn paper_grade(ev: &EvidenceSet) -> (Grade, String) {
    const VENUES: [&str; 9] = [
        "aclanthology.org",
        "openreview.net",
        "proceedings.",
        "doi.org/",
        "dl.acm.org",
        "ieeexplore.ieee.org",
        "jmlr.org",
        "neurips.cc",
        "nature.com",
    ];
    let Some(r) = ev
        .component(Component::ResearchPaper)
        .filter(|r| r.status != Status::Absent)
    else {
        return (Grade::Closed, "no research paper".into());
    };
    let reviewed = r
        .evidence
        .iter()
        .filter_map(|e| e.location.url.as_deref())
        .find(|u| VENUES.iter().any(|v| u.contains(v)));
    match reviewed {
        Some(u) => (Grade::Open, format!("paper at a peer-reviewed venue ({u})")),
        None => (
            Grade::Partial,
            "research paper found, peer review not evident (preprint or unknown venue)".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;
    use glassbox_core::Tier;
    use Component::*;

    #[test]
    fn nothing_scores_zero_and_twelve_dimensions_are_scored() {
        let v = evaluate(&set(&[]));
        assert_eq!(v.score, 0.0);
        assert_eq!(v.dimensions.len(), 14);
        assert_eq!(v.dimensions.iter().filter(|d| !d.legacy).count(), 12);
        assert!(v
            .dimensions
            .iter()
            .filter(|d| d.legacy)
            .all(|d| d.grade.is_none()));
    }

    #[test]
    fn open_weights_only_scores_low() {
        let v = evaluate(&set(&[
            (ModelParametersFinal, Some(lic("Apache-2.0", Tier::P))),
            (ModelCard, None),
            (ModelArchitecture, None),
        ]));
        // weights x2 open, modelcard open, hardware_architecture partial, code partial = 3 + 1 = 4/12
        assert!((v.score - 4.0 / 12.0).abs() < 1e-9, "{}", v.score);
        let lic_dim = v.dimensions.iter().find(|d| d.id == "licenses").unwrap();
        assert_eq!(lic_dim.grade, Some(Grade::Closed));
    }

    #[test]
    fn everything_open_scores_near_one_paper_needs_a_venue() {
        let v = evaluate(&set(&all(&lic("Apache-2.0", Tier::P))));
        // Paper without a venue link is partial: 11.5 / 12.
        assert!((v.score - 11.5 / 12.0).abs() < 1e-9, "{}", v.score);
        let j = serde_json::to_value(&v).unwrap();
        assert!(j["score"].is_number() && j["dimensions"].is_array());
        assert_eq!(j["dimensions"][0]["grade"], "open");
    }
}
