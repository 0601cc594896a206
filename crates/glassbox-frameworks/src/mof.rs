//! Model Openness Framework: class (0 = none, III, II, I) and progress per class, in two modes.
//!
//! - `mot` reproduces the Model Openness Tool (lfai/model_openness_tool @ 8b5d30e,
//!   `ModelEvaluator.php`) rule for rule: a listed component counts when its license passes MOT's
//!   open test on the exact id (type-appropriateness only warns); a research paper stands in for a
//!   missing technical report in every class; progress of a class is 0 until every lower class is
//!   complete; Class I's total drops by one when the paper stands in.
//! - `strict` also requires a type-appropriate open license (code: OSI-approved; data: open-data;
//!   documents: open-content), as the MOF specification says components should have, and reads
//!   license ids by meaning (case, SPDX expressions).
//!
//! Which license covers a component (MOT's order: component > `release.license.<type>` >
//! `release.license.distribution`) is resolved before evidence reaches this module: by the
//! claims reader for a model.yml, by the detectors for a release.

use glassbox_core::{Assessment, Component, EvidenceSet, Status};
use serde::{Deserialize, Serialize};

use crate::assess::{self, Bar, Builder};
use crate::mot_license;

/// How MOT files a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MofStatus {
    /// Listed, under an open license: counts toward the class.
    Included,
    /// Not listed (or, for detected evidence, only partly present).
    Missing,
    /// Listed under a license that is not open (or not recognised).
    Invalid,
    /// Listed without a license.
    Unlicensed,
}

/// One component as a mode judged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MofComponent {
    /// The component.
    pub component: Component,
    /// Its MOF class (3, 2 or 1).
    pub class: u8,
    /// Optional components never count toward a class.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// How it was filed.
    pub status: MofStatus,
    /// The license id it was judged by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// Progress per class in percent, keyed `"1"`, `"2"`, `"3"` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Progress {
    /// Class I.
    #[serde(rename = "1")]
    pub class1: f64,
    /// Class II.
    #[serde(rename = "2")]
    pub class2: f64,
    /// Class III.
    #[serde(rename = "3")]
    pub class3: f64,
}

impl Progress {
    /// Progress of class `k` (1, 2 or 3).
    pub fn get(&self, k: u8) -> f64 {
        match k {
            1 => self.class1,
            2 => self.class2,
            _ => self.class3,
        }
    }
}

/// One mode's verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MofModeVerdict {
    /// 0 (unclassified), 3, 2 or 1 (highest).
    pub class: u8,
    /// MOT's label ("Class III - Open Model", …).
    pub label: String,
    /// Percent per class.
    pub progress: Progress,
    /// Mean of the three progress values (MOT's list sort key).
    pub total_progress: f64,
    /// Every component that was listed or is required (mot mode; the strict mode's statuses are
    /// its `met` and `unmet`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<MofComponent>,
    /// Included under an open license that is not type-appropriate (MOT's warning; mot mode).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_type_appropriate: Vec<Component>,
    /// Requirements met and unmet, and the steps to the next classes.
    #[serde(flatten)]
    pub assessment: Assessment,
}

/// The MOF verdict: the `mot` mode at the top level, the `strict` mode beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MofVerdict {
    /// Always `mot` for the top-level fields.
    pub mode: String,
    /// The MOT-exact verdict.
    #[serde(flatten)]
    pub mot: MofModeVerdict,
    /// The strict verdict.
    pub strict: MofModeVerdict,
}

/// MOT's class label.
pub fn label(class: u8) -> &'static str {
    match class {
        1 => "Class I - Open Science Model",
        2 => "Class II - Open Tooling Model",
        3 => "Class III - Open Model",
        _ => "Unclassified",
    }
}

/// Required components of one class (not cumulative), in MOF order.
pub fn required(class: u8) -> Vec<Component> {
    Component::ALL
        .into_iter()
        .filter(|c| c.mof_class() == class && !c.optional())
        .collect()
}

/// Evaluates both modes.
pub fn evaluate(ev: &EvidenceSet) -> MofVerdict {
    MofVerdict {
        mode: "mot".into(),
        mot: evaluate_mot(ev),
        strict: evaluate_strict(ev),
    }
}

/// MOT-exact mode alone.
pub fn evaluate_mot(ev: &EvidenceSet) -> MofModeVerdict {
    let mut v = run(ev, Mode::Mot);
    v.not_type_appropriate = v
        .components
        .iter()
        .filter(|m| m.status == MofStatus::Included)
        .filter(|m| {
            !m.license.as_deref().is_some_and(|l| {
                mot_license::mot_is_type_appropriate(l, m.component.content_type())
            })
        })
        .map(|m| m.component)
        .collect();
    v
}

/// Strict mode alone.
pub fn evaluate_strict(ev: &EvidenceSet) -> MofModeVerdict {
    let mut v = run(ev, Mode::Strict);
    v.components.clear();
    v
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Mot,
    Strict,
}

fn judge(ev: &EvidenceSet, c: Component, mode: Mode) -> (MofStatus, Option<String>) {
    if ev.status(c) != Status::Present {
        return (MofStatus::Missing, None);
    }
    let id = ev
        .license(c)
        .map(|l| l.id.trim().to_string())
        .filter(|s| !s.is_empty() && s != "unlicensed");
    let Some(id) = id else {
        return (MofStatus::Unlicensed, None);
    };
    let ok = match mode {
        Mode::Mot => mot_license::mot_is_open(&id),
        Mode::Strict => mot_license::strict_ok(&id, c.content_type()),
    };
    (
        if ok {
            MofStatus::Included
        } else {
            MofStatus::Invalid
        },
        Some(id),
    )
}

const TR: Component = Component::TechnicalReport;
const RP: Component = Component::ResearchPaper;

fn run(ev: &EvidenceSet, mode: Mode) -> MofModeVerdict {
    // Judge each component once; the class logic below asks about them many times.
    let judged: Vec<(MofStatus, Option<String>)> =
        Component::ALL.iter().map(|c| judge(ev, *c, mode)).collect();
    let status = |c: Component| {
        let i = Component::ALL.iter().position(|k| *k == c).unwrap_or(0);
        judged[i].clone()
    };
    let included = |c: Component| status(c).0 == MofStatus::Included;

    // handleTechnicalReportOmission: a listed research paper takes the technical report's place
    // in classes III and II when the report is not included.
    let paper_stands_in = !included(TR) && status(RP).0 != MofStatus::Missing;
    let count = |class: u8| -> usize {
        let mut n = (class..=3)
            .flat_map(required)
            .filter(|c| included(*c))
            .count();
        if paper_stands_in && class >= 2 && included(RP) {
            n += 1;
        }
        n
    };
    let progress_of = |class: u8| -> f64 {
        // getProgress: walk down from class III, stop at the first class not complete.
        let mut total = 0usize;
        let mut i = 3u8;
        let n = loop {
            total += required(i).len();
            let n = count(i);
            if n < total || i == class {
                break n;
            }
            i -= 1;
        };
        if n < total && i > class {
            return 0.0;
        }
        if class == 1 && !included(TR) && included(RP) {
            total -= 1;
        }
        (n as f64 / total as f64 * 100.0).min(100.0)
    };
    let progress = Progress {
        class1: progress_of(1),
        class2: progress_of(2),
        class3: progress_of(3),
    };
    let mut class = 0;
    for k in [3u8, 2, 1] {
        if progress.get(k) == 100.0 {
            class = k;
        } else {
            break;
        }
    }

    let mut components = Vec::new();
    for c in Component::ALL {
        let (s, license) = status(c);
        if s == MofStatus::Missing && c.optional() {
            continue;
        }
        components.push(MofComponent {
            component: c,
            class: c.mof_class(),
            optional: c.optional(),
            status: s,
            license,
        });
    }

    let bar = match mode {
        Mode::Mot => Bar::Open,
        Mode::Strict => Bar::TypeAppropriate,
    };
    let mut b = Builder::default();
    for k in [3u8, 2, 1] {
        for c in required(k) {
            let (s, license) = status(c);
            let id = format!("class-{}.{}", roman(k).to_ascii_lowercase(), slug(c));
            let title = match mode {
                Mode::Mot => format!("{}, open license (class {})", c.name(), roman(k)),
                Mode::Strict => format!(
                    "{}, type-appropriate open license (class {})",
                    c.name(),
                    roman(k)
                ),
            };
            // The component's own evidence is in the report's `components`; a requirement cites
            // where the license that decided it was found.
            let mut evidence = assess::license_location(ev, c);
            if c == TR && s != MofStatus::Included && included(RP) {
                evidence.extend(assess::license_location(ev, RP));
                b.req(
                    true,
                    &id,
                    &title,
                    "the research paper stands in for the technical report".into(),
                    evidence,
                );
                continue;
            }
            if c == TR && s == MofStatus::Missing && paper_stands_in {
                // MOT files the listed paper in the report's place; it is the paper's license
                // that keeps the class from being met.
                evidence.extend(assess::license_location(ev, RP));
                let (rs, rl) = status(RP);
                let why = reason(RP, rs, rl.as_deref(), mode, ev.status(RP));
                b.req_or(
                    false,
                    &id,
                    &title,
                    format!("no technical report; the research paper stands in but {why}"),
                    evidence,
                    assess::relicense(RP, bar),
                );
                continue;
            }
            let reason = reason(c, s, license.as_deref(), mode, ev.status(c));
            let ok = s == MofStatus::Included;
            let step = match s {
                MofStatus::Missing => assess::publish(c, bar),
                _ => assess::relicense(c, bar),
            };
            b.req_or(ok, &id, &title, reason, evidence, step);
        }
    }
    MofModeVerdict {
        class,
        label: label(class).to_string(),
        total_progress: (progress.class1 + progress.class2 + progress.class3) / 3.0,
        progress,
        components,
        not_type_appropriate: Vec::new(),
        assessment: b.done(),
    }
}

fn reason(
    c: Component,
    s: MofStatus,
    license: Option<&str>,
    mode: Mode,
    detected: Status,
) -> String {
    let l = license.unwrap_or("");
    match s {
        MofStatus::Included => match mode {
            Mode::Mot => format!("listed under {l}, an open license"),
            Mode::Strict => format!("listed under {l}, an open license appropriate for {}", type_word(c)),
        },
        MofStatus::Missing if detected == Status::Partial => "only partly present".into(),
        MofStatus::Missing => "not released".into(),
        MofStatus::Unlicensed => "released without a license".into(),
        MofStatus::Invalid => match mode {
            Mode::Mot if !mot_license::mot_knows(l) => {
                format!("license `{l}` is not an id the Model Openness Tool recognises (exact SPDX id needed)")
            }
            Mode::Mot => format!("license {l} is not open (neither OSI-approved, FSF-libre nor an open-data license)"),
            Mode::Strict if mot_license::strict_open(l) => {
                format!("license {l} is open but not appropriate for {}", type_word(c))
            }
            Mode::Strict => format!("license {l} is not an open license"),
        },
    }
}

fn type_word(c: Component) -> &'static str {
    match c.content_type() {
        glassbox_core::ContentType::Code => "code",
        glassbox_core::ContentType::Data => "data",
        glassbox_core::ContentType::Document => "documentation",
    }
}

fn roman(k: u8) -> &'static str {
    match k {
        1 => "I",
        2 => "II",
        _ => "III",
    }
}

/// `Model parameters (Final)` → `model-parameters-final`.
pub(crate) fn slug(c: Component) -> String {
    let mut out = String::new();
    for ch in c.name().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;
    use glassbox_core::Tier;
    use Component::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn everything_open_is_class_one_in_mot_but_not_strict_with_apache_weights() {
        let ev = set(&all(&lic("Apache-2.0", Tier::P)));
        let v = evaluate(&ev);
        assert_eq!(v.mot.class, 1);
        assert!(close(v.mot.progress.class1, 100.0));
        // Apache-2.0 is not an open-data license: weights and data fail the strict mode.
        assert_eq!(v.strict.class, 0);
        assert!(v
            .strict
            .assessment
            .unmet
            .iter()
            .any(|r| r.id == "class-iii.model-parameters-final"));
        assert!(v.mot.not_type_appropriate.contains(&ModelParametersFinal));
    }

    #[test]
    fn research_paper_stands_in_for_technical_report() {
        let l = lic("MIT", Tier::P);
        let items = with(all(&l), TechnicalReport, false, None);
        let v = evaluate_mot(&set(&items));
        // The paper counts in classes III and II in the report's place, and class I's total
        // drops from 14 to 13: every class is complete.
        assert_eq!(v.class, 1);
        assert!(close(v.progress.class3, 100.0));
        assert!(close(v.progress.class2, 100.0));
        assert!(close(v.progress.class1, 100.0));
        assert!(v
            .assessment
            .met
            .iter()
            .any(|r| r.id == "class-iii.technical-report" && r.reason.contains("stands in")));
        // Without the paper, the report is missing in class III.
        let items = with(items, ResearchPaper, false, None);
        let v = evaluate_mot(&set(&items));
        assert_eq!(v.class, 0);
        assert!(close(v.progress.class3, 5.0 / 6.0 * 100.0));
    }

    #[test]
    fn unlicensed_paper_standing_in_is_what_to_fix() {
        let l = lic("MIT", Tier::P);
        let items = with(
            with(all(&l), TechnicalReport, false, None),
            ResearchPaper,
            true,
            None,
        );
        let v = evaluate_mot(&set(&items));
        assert_eq!(v.class, 0);
        let tr = v
            .assessment
            .unmet
            .iter()
            .find(|r| r.id == "class-iii.technical-report")
            .unwrap();
        assert!(
            tr.reason
                .contains("research paper stands in but released without a license"),
            "{}",
            tr.reason
        );
        assert_eq!(v.assessment.gap[0].component, Some(ResearchPaper));
        assert!(v.assessment.gap[0]
            .action
            .starts_with("License the research paper"));
    }

    #[test]
    fn lower_class_incomplete_zeroes_higher_progress() {
        let l = lic("MIT", Tier::P);
        let items = with(all(&l), ModelCard, false, None);
        let v = evaluate_mot(&set(&items));
        assert_eq!(v.class, 0);
        assert!(close(v.progress.class3, 5.0 / 6.0 * 100.0));
        assert_eq!(v.progress.class2, 0.0);
        assert_eq!(v.progress.class1, 0.0);
        assert_eq!(
            v.assessment.gap[0].action,
            "Publish the model card under open terms"
        );
    }

    #[test]
    fn case_matters_in_mot_mode_only() {
        let items: Vec<_> = required(3)
            .into_iter()
            .map(|c| (c, Some(lic("apache-2.0", Tier::P))))
            .collect();
        let v = evaluate(&set(&items));
        assert_eq!(v.mot.progress.class3, 0.0);
        assert!(v.mot.assessment.unmet[0]
            .reason
            .contains("not an id the Model Openness Tool recognises"));
        assert!(v.strict.progress.class3 > 0.0);
    }

    #[test]
    fn unlicensed_and_invalid_are_told_apart() {
        let items = vec![
            (ModelCard, None),
            (DataCard, Some(lic("LicenseRef-Llama-3.1", Tier::R))),
        ];
        let v = evaluate_mot(&set(&items));
        let st = |c| {
            v.components
                .iter()
                .find(|m| m.component == c)
                .unwrap()
                .status
        };
        assert_eq!(st(ModelCard), MofStatus::Unlicensed);
        assert_eq!(st(DataCard), MofStatus::Invalid);
        assert_eq!(st(ModelArchitecture), MofStatus::Missing);
    }

    #[test]
    fn json_shape_matches_the_contract() {
        let v = serde_json::to_value(evaluate(&set(&all(&lic("MIT", Tier::P))))).unwrap();
        assert_eq!(v["class"], 1);
        assert_eq!(v["progress"]["3"], 100.0);
        assert!(v["strict"]["progress"]["1"].is_number());
        assert!(v["met"].is_array() && v["unmet"].is_array() && v["gap"].is_array());
        assert_eq!(slug(ModelParametersFinal), "model-parameters-final");
    }
}
