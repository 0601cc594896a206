//! Each framework's verdict at a glance ([`FrameworkSummary`]): the headline and outcome are
//! decided here, by the module that owns the verdict's shape, not by renderers. A verdict read
//! back from a JSON report is read into its typed shape first.

use glassbox_core::summary::{mof_class_name, Dimension, Mof, MofMode, Osai};
use glassbox_core::{
    Assessment, FrameworkSummary, FrameworkVerdict, GapStep, Outcome, VerdictBody,
};
use serde::de::DeserializeOwned;

use crate::{eu_ai_act, mof, osai, osaid, owd};

/// The framework's full name for a key of `verdicts` (the key itself when unknown).
pub fn title(key: &str) -> &str {
    match key {
        "osaid" => "OSI Open Source AI Definition 1.0",
        "mof" => "Model Openness Framework",
        "osai" => "European Open Source AI Index",
        "eu-ai-act" => "EU AI Act Art. 53(2) open-source exemption",
        "owd" => "Open Weight Definition",
        other => other,
    }
}

/// The summary of the verdict under `verdicts.<key>`: from the typed verdict; for one read from
/// JSON, from that JSON read into the framework's typed verdict; for a framework glassbox does
/// not know, or JSON that is not its shape, from the requirements alone.
pub fn summary(key: &str, v: &FrameworkVerdict) -> FrameworkSummary {
    if let Some(s) = v.summary() {
        return s;
    }
    fn typed<T: DeserializeOwned + VerdictBody>(v: &FrameworkVerdict) -> Option<FrameworkSummary> {
        serde_json::from_value::<T>(v.json().clone())
            .ok()
            .map(|t| t.summary())
    }
    let read = match key {
        "osaid" => typed::<osaid::OsaidVerdict>(v),
        "mof" => typed::<mof::MofVerdict>(v),
        "osai" => typed::<osai::OsaiVerdict>(v),
        "eu-ai-act" => typed::<eu_ai_act::EuAiActVerdict>(v),
        "owd" => typed::<owd::OwdVerdict>(v),
        _ => None,
    };
    read.unwrap_or_else(|| {
        let a = serde_json::from_value::<Assessment>(v.json().clone()).unwrap_or_default();
        FrameworkSummary::generic(title(key), a)
    })
}

fn pass_fail(pass: bool) -> (&'static str, Outcome) {
    if pass {
        ("pass", Outcome::Good)
    } else {
        ("fail", Outcome::Bad)
    }
}

impl VerdictBody for osaid::OsaidVerdict {
    fn gap_steps(&self) -> Vec<GapStep> {
        self.assessment.gap.clone()
    }
    fn summary(&self) -> FrameworkSummary {
        let (h, o) = pass_fail(self.pass);
        FrameworkSummary::new(title("osaid"), h, o, self.assessment.clone())
    }
}

impl VerdictBody for owd::OwdVerdict {
    fn gap_steps(&self) -> Vec<GapStep> {
        self.assessment.gap.clone()
    }
    fn summary(&self) -> FrameworkSummary {
        let (h, o) = pass_fail(self.pass);
        FrameworkSummary::new(title("owd"), h, o, self.assessment.clone())
            .with_list("Undetermined", self.undetermined.clone())
    }
}

impl VerdictBody for eu_ai_act::EuAiActVerdict {
    fn gap_steps(&self) -> Vec<GapStep> {
        self.assessment.gap.clone()
    }
    fn summary(&self) -> FrameworkSummary {
        use eu_ai_act::Eligible::*;
        let (word, outcome) = match self.eligible {
            Yes => ("yes", Outcome::Good),
            No => ("no", Outcome::Bad),
            CannotTell => ("cannot tell", Outcome::Unknown),
        };
        FrameworkSummary::new(
            title("eu-ai-act"),
            format!("exemption: {word}"),
            outcome,
            self.assessment.clone(),
        )
        .with_list("Open conditions", self.open_conditions.clone())
        .with_list("Still owed", self.still_owed.clone())
    }
}

impl VerdictBody for osai::OsaiVerdict {
    fn gap_steps(&self) -> Vec<GapStep> {
        self.assessment.gap.clone()
    }
    fn summary(&self) -> FrameworkSummary {
        let outcome = if self.score >= 0.75 {
            Outcome::Good
        } else if self.score > 0.25 {
            Outcome::Partial
        } else {
            Outcome::Bad
        };
        let dimensions = self
            .dimensions
            .iter()
            .map(|d| Dimension {
                name: d.name.clone(),
                level: match d.grade {
                    Some(osai::Grade::Open) => "open",
                    Some(osai::Grade::Partial) => "partial",
                    Some(osai::Grade::Closed) => "closed",
                    // Not applicable, or not visible in a release.
                    None => "n/a",
                }
                .to_string(),
                reason: Some(d.reason.clone()).filter(|r| !r.is_empty()),
                evidence: d.evidence.clone(),
                group: Some(d.group.clone()).filter(|g| !g.is_empty()),
                legacy: d.legacy,
            })
            .collect();
        let mut s = FrameworkSummary::new(
            title("osai"),
            format!("score {:.2}", self.score),
            outcome,
            self.assessment.clone(),
        );
        s.osai = Some(Osai {
            score: Some(self.score),
            dimensions,
        });
        s
    }
}

fn mof_mode(m: &mof::MofModeVerdict) -> MofMode {
    let p = &m.progress;
    MofMode {
        class: m.class.min(3),
        progress: [Some(p.class3), Some(p.class2), Some(p.class1)],
    }
}

impl VerdictBody for mof::MofVerdict {
    /// Both modes' steps: the strict mode's license steps raise the bar of the mot mode's.
    fn gap_steps(&self) -> Vec<GapStep> {
        let (mot, strict) = (&self.mot.assessment.gap, &self.strict.assessment.gap);
        mot.iter().chain(strict).cloned().collect()
    }
    fn summary(&self) -> FrameworkSummary {
        let numbers = Mof {
            mot: mof_mode(&self.mot),
            strict: Some(mof_mode(&self.strict)),
        };
        let outcome = if numbers.mot.class > 0 {
            Outcome::Good
        } else if numbers.mot.progress.iter().flatten().any(|p| *p > 0.0) {
            Outcome::Partial
        } else {
            Outcome::Bad
        };
        let headline = format!(
            "{} (strict: {})",
            mof_class_name(self.mot.class),
            mof_class_name(self.strict.class)
        );
        let names = self
            .mot
            .not_type_appropriate
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let mut s =
            FrameworkSummary::new(title("mof"), headline, outcome, self.mot.assessment.clone())
                .with_list("Not type appropriate", names);
        s.mof = Some(numbers);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glassbox_core::EvidenceSet;

    #[test]
    fn a_verdict_read_back_from_json_has_the_summary_of_the_typed_one() {
        let verdicts = crate::evaluate_all(&EvidenceSet::default());
        for (key, v) in &verdicts.others {
            let text = serde_json::to_string(v).unwrap();
            let back: FrameworkVerdict = serde_json::from_str(&text).unwrap();
            assert!(back.summary().is_none(), "{key}: read back untyped");
            assert_eq!(summary(key, &back), summary(key, v), "{key}");
            assert_ne!(summary(key, v).title, *key, "{key} has a title");
        }
    }

    #[test]
    fn an_unknown_framework_or_shape_is_summarised_by_its_requirements() {
        let v = FrameworkVerdict::from(serde_json::json!({
            "unmet": [{"id": "x", "title": "X", "reason": "r", "evidence": []}]
        }));
        let s = summary("future", &v);
        assert_eq!((s.headline.as_str(), s.outcome), ("1 unmet", Outcome::Bad));
        // The MOF key with a shape that is not MOF's.
        let s = summary("mof", &FrameworkVerdict::from(serde_json::json!(42)));
        assert_eq!(
            (s.headline.as_str(), s.outcome),
            ("assessed", Outcome::Unknown)
        );
        assert_eq!(s.title, "Model Openness Framework");
    }
}
