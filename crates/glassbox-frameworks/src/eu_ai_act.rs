//! EU AI Act (Regulation (EU) 2024/1689) Art. 53(2): whether the open-source exemption from the
//! GPAI documentation duties of Art. 53(1)(a) and (b) can apply.
//!
//! Visible conditions: a free and open-source licence allowing access, use, modification and
//! distribution (recital 102 accepts attribution and same-terms conditions: tier P or O); the
//! parameters including weights, information on the architecture and on model usage made public.
//! Invisible conditions (not monetised, rec. 103; no systemic risk, Art. 51/53(2)) are listed as
//! open conditions and never assumed; `eligible: yes` means "can apply, subject to them".

use glassbox_core::{Assessment, Component, EvidenceSet, Status, Tier};
use serde::{Deserialize, Serialize};

use crate::assess::{self, describe, Bar, Builder};

/// Whether the exemption can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Eligible {
    /// Every visible condition met; the open conditions remain.
    Yes,
    /// A visible condition fails.
    No,
    /// The evidence does not decide a visible condition (weights partly present, license not
    /// identified).
    CannotTell,
}

/// The Art. 53(2) verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EuAiActVerdict {
    /// `yes`, `no` or `cannot-tell`.
    pub eligible: Eligible,
    /// Conditions glassbox cannot see, to be confirmed by the provider.
    pub open_conditions: Vec<String>,
    /// Duties that remain even when exempt (rec. 104).
    pub still_owed: Vec<String>,
    /// Requirements and steps.
    #[serde(flatten)]
    pub assessment: Assessment,
}

/// Evaluates Art. 53(2).
pub fn evaluate(ev: &EvidenceSet) -> EuAiActVerdict {
    use Component::*;
    let mut b = Builder::default();
    let mut undecided = false;

    let w = ev.status(ModelParametersFinal);
    let wl = ev.license(ModelParametersFinal);
    // An unidentified license text is "cannot tell", an absent one is "no" (all rights reserved).
    let license_unknown = wl.is_some_and(|l| l.tier == Tier::None);
    undecided |= license_unknown;
    let license_reason = match wl {
        Some(l) if l.tier.is_open() => format!(
            "{}: allows access, use, modification and distribution",
            describe(wl)
        ),
        Some(l) if l.tier == Tier::NC => format!("{}: forbids commercial use", describe(wl)),
        Some(l) if l.tier == Tier::R => format!(
            "{}: restricts use (use policy, thresholds or flow-down)",
            describe(wl)
        ),
        Some(l) => format!(
            "license `{}` not identified: cannot tell what it allows",
            l.id
        ),
        None => "no license on the weights: all rights reserved".into(),
    };
    b.req_or(
        assess::terms_open(wl),
        "free-open-source-license",
        "Released under a free and open-source licence allowing access, usage, modification and distribution",
        license_reason,
        assess::locations(ev, ModelParametersFinal),
        assess::step_for(ev, ModelParametersFinal, Bar::Open),
    );
    undecided |= w == Status::Partial;
    b.req_or(
        w == Status::Present,
        "weights-public",
        "Parameters, including the weights, publicly available",
        match w {
            Status::Present => "weights shipped".into(),
            Status::Partial => {
                "weights only partly available: cannot tell whether they are public".into()
            }
            Status::Absent => "no weights found".to_string(),
        },
        assess::locations(ev, ModelParametersFinal),
        assess::publish(ModelParametersFinal, Bar::Open),
    );
    let arch = ev.status(ModelArchitecture) == Status::Present
        || ev.status(TechnicalReport) == Status::Present
        || ev.status(ResearchPaper) == Status::Present;
    b.req_or(
        arch,
        "architecture-information-public",
        "Information on the model architecture publicly available",
        if arch {
            "architecture code, configuration or a report describing it shipped".into()
        } else {
            "no architecture information found".to_string()
        },
        [ModelArchitecture, TechnicalReport]
            .iter()
            .flat_map(|c| assess::locations(ev, *c))
            .collect(),
        assess::publish(ModelArchitecture, Bar::None),
    );
    let usage =
        ev.status(ModelCard) == Status::Present || ev.status(InferenceCode) == Status::Present;
    b.req_or(
        usage,
        "usage-information-public",
        "Information on model usage publicly available",
        if usage {
            "model card or inference code shipped".into()
        } else {
            "no model card or usage instructions found".to_string()
        },
        [ModelCard, InferenceCode]
            .iter()
            .flat_map(|c| assess::locations(ev, *c))
            .collect(),
        assess::publish(ModelCard, Bar::None),
    );

    let a = b.done();
    let visible_failed = a.unmet.iter().any(|r| match r.id.as_str() {
        "free-open-source-license" => !license_unknown,
        "weights-public" => w == Status::Absent,
        _ => true,
    });
    let eligible = if visible_failed {
        Eligible::No
    } else if undecided {
        Eligible::CannotTell
    } else {
        Eligible::Yes
    };
    EuAiActVerdict {
        eligible,
        open_conditions: vec![
            "The model is not provided against a price or otherwise monetised (recital 103): not visible in a release.".into(),
            "The model is not a general-purpose AI model with systemic risk (Art. 51: presumed above 10^25 training FLOP): not visible in a release.".into(),
        ],
        still_owed: vec![
            "A policy to comply with EU copyright law, including Art. 4(3) DSM opt-outs (Art. 53(1)(c)).".into(),
            "A public, sufficiently detailed summary of the content used for training (Art. 53(1)(d)).".into(),
        ],
        assessment: a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;
    use Component::*;

    #[test]
    fn open_weights_with_card_can_apply_subject_to_open_conditions() {
        let v = evaluate(&set(&[
            (ModelParametersFinal, Some(lic("Apache-2.0", Tier::P))),
            (ModelCard, None),
            (ModelArchitecture, None),
        ]));
        assert_eq!(v.eligible, Eligible::Yes);
        assert_eq!(v.open_conditions.len(), 2);
        assert_eq!(serde_json::to_value(&v).unwrap()["eligible"], "yes");
    }

    #[test]
    fn restricted_or_missing_license_is_no_unknown_is_cannot_tell() {
        let base = |l| {
            set(&[
                (ModelParametersFinal, l),
                (ModelCard, None),
                (ModelArchitecture, None),
            ])
        };
        assert_eq!(
            evaluate(&base(Some(lic("LicenseRef-Llama-3.1", Tier::R)))).eligible,
            Eligible::No
        );
        assert_eq!(
            evaluate(&base(Some(lic("CC-BY-NC-4.0", Tier::NC)))).eligible,
            Eligible::No
        );
        assert_eq!(evaluate(&base(None)).eligible, Eligible::No);
        let v = evaluate(&base(Some(lic("LicenseRef-unknown", Tier::None))));
        assert_eq!(v.eligible, Eligible::CannotTell);
        assert_eq!(serde_json::to_value(&v).unwrap()["eligible"], "cannot-tell");
    }

    #[test]
    fn no_weights_is_no() {
        let v = evaluate(&set(&[(ModelCard, None)]));
        assert_eq!(v.eligible, Eligible::No);
    }
}
