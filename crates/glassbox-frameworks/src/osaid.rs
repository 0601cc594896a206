//! OSI Open Source AI Definition 1.0: Data Information, Code and Parameters, each under
//! OSI-approved terms (reference/frameworks.md §1).
//!
//! How the definition maps onto evidence (glassbox's reading, stated in each reason):
//! - Data Information (1), the complete description of the training data: a data card or a
//!   substantive training-data section (component "Data card").
//! - Data Information (2) and (3), listings of public and third-party training data with where to
//!   obtain them: the "Datasets" component present (shipped, or named with where to get it).
//!   Evidence does not separate public from third-party data, so one listing answers both.
//! - Data Information terms: the data documentation under open terms (tier P or O).
//! - Code: model architecture, training, data-preprocessing and inference code, each present and
//!   under an OSI-approved license.
//! - Parameters: final parameters present, under terms that conform to OSD 5–6 (tier P or O;
//!   use-restricted, non-commercial or unlicensed weights fail).

use std::collections::BTreeMap;

use glassbox_core::{Assessment, Component, EvidenceSet, Status};
use serde::{Deserialize, Serialize};

use crate::assess::{self, describe, status_word, Bar, Builder};

/// The OSAID verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsaidVerdict {
    /// Whether the release is Open Source AI under OSAID 1.0.
    pub pass: bool,
    /// The three elements of the preferred form: `data-information`, `code`, `parameters`.
    pub elements: BTreeMap<String, bool>,
    /// Requirements, and the steps that would meet the unmet ones.
    #[serde(flatten)]
    pub assessment: Assessment,
}

/// The code components OSAID requires.
pub const CODE: [Component; 4] = [
    Component::ModelArchitecture,
    Component::TrainingCode,
    Component::DataPreprocessingCode,
    Component::InferenceCode,
];

/// Evaluates OSAID 1.0.
pub fn evaluate(ev: &EvidenceSet) -> OsaidVerdict {
    use Component::*;
    let mut b = Builder::default();

    // Data Information.
    let card = ev.status(DataCard);
    let mut data_ok = b.req_or(
        card == Status::Present,
        "data-information.description",
        "Complete description of all training data: provenance, scope, selection, labeling, processing and filtering",
        format!("data card / training-data documentation {}", status_word(card)),
        assess::locations(ev, DataCard),
        assess::publish(DataCard, Bar::Open),
    );
    let ds = ev.status(Datasets);
    let listing = ds == Status::Present;
    let ds_reason = match ds {
        Status::Present => {
            "training datasets shipped or listed with where to obtain them".to_string()
        }
        Status::Partial => {
            "training datasets named, but not all with where to obtain them".to_string()
        }
        Status::Absent => "no listing of the training data found".to_string(),
    };
    data_ok &= b.req_or(
        listing,
        "data-information.public-data-listing",
        "Listing of all publicly available training data and where to obtain it",
        ds_reason.clone(),
        assess::locations(ev, Datasets),
        assess::publish(Datasets, Bar::None),
    );
    data_ok &= b.req(
        listing,
        "data-information.third-party-data-listing",
        "Listing of all training data obtainable from third parties and where to obtain it, including for fee",
        format!("{ds_reason} (glassbox cannot tell public from third-party data; one listing answers both)"),
        assess::locations(ev, Datasets),
    );
    if card == Status::Present {
        let l = ev.license(DataCard);
        data_ok &= b.req_or(
            assess::terms_open(l),
            "data-information.terms",
            "Data Information available under OSI-approved terms",
            format!("data documentation under {}", describe(l)),
            assess::locations(ev, DataCard),
            assess::relicense(DataCard, Bar::Open),
        );
    }

    // Code.
    let mut code_ok = true;
    for c in CODE {
        let s = ev.status(c);
        let l = ev.license(c);
        let ok = s == Status::Present && assess::osi(l);
        let reason = if s == Status::Present {
            format!("{} present under {}", c.name(), describe(l))
        } else {
            format!("{} {}", c.name(), status_word(s))
        };
        code_ok &= b.req_or(
            ok,
            &format!("code.{}", crate::mof::slug(c)),
            &format!("{} released under an OSI-approved license", c.name()),
            reason,
            assess::locations(ev, c),
            assess::step_for(ev, c, Bar::Osi),
        );
    }

    // Parameters.
    let w = ev.status(ModelParametersFinal);
    let wl = ev.license(ModelParametersFinal);
    let mut params_ok = b.req_or(
        w == Status::Present,
        "parameters.available",
        "Model parameters (weights) made available",
        format!("final parameters {}", status_word(w)),
        assess::locations(ev, ModelParametersFinal),
        assess::publish(ModelParametersFinal, Bar::Open),
    );
    if w != Status::Absent {
        let terms_reason = match wl {
            Some(l) if l.tier.is_open() => format!("weights under {}: no use, user or field restrictions", describe(wl)),
            Some(l) => format!(
                "weights under {}: {} terms fail OSD 5-6 (no discrimination against persons or fields of endeavor)",
                describe(wl),
                match l.tier {
                    glassbox_core::Tier::R => "restricted",
                    glassbox_core::Tier::NC => "non-commercial",
                    _ => "unidentified",
                }
            ),
            None => "weights without any license: all rights reserved".to_string(),
        };
        params_ok &= b.req_or(
            assess::terms_open(wl),
            "parameters.terms",
            "Model parameters under OSI-approved terms",
            terms_reason,
            assess::locations(ev, ModelParametersFinal),
            assess::relicense(ModelParametersFinal, Bar::Open),
        );
    }

    let elements = BTreeMap::from([
        ("data-information".to_string(), data_ok),
        ("code".to_string(), code_ok),
        ("parameters".to_string(), params_ok),
    ]);
    OsaidVerdict {
        pass: data_ok && code_ok && params_ok,
        elements,
        assessment: b.done(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;
    use glassbox_core::Tier;
    use Component::*;

    #[test]
    fn fully_open_release_passes() {
        let v = evaluate(&set(&all(&lic("Apache-2.0", Tier::P))));
        assert!(v.pass, "{:?}", v.assessment.unmet);
        assert!(v.assessment.gap.is_empty());
    }

    #[test]
    fn undocumented_data_fails_on_data_information_only() {
        let l = lic("Apache-2.0", Tier::P);
        let items = with(with(all(&l), DataCard, false, None), Datasets, false, None);
        let v = evaluate(&set(&items));
        assert!(!v.pass);
        assert!(!v.elements["data-information"]);
        assert!(v.elements["code"] && v.elements["parameters"]);
    }

    #[test]
    fn rail_weights_fail_on_terms_only() {
        let l = lic("Apache-2.0", Tier::P);
        let items = with(
            all(&l),
            ModelParametersFinal,
            true,
            Some(lic("LicenseRef-OpenRAIL", Tier::R)),
        );
        let v = evaluate(&set(&items));
        assert!(!v.pass);
        assert_eq!(v.assessment.unmet.len(), 1);
        assert_eq!(v.assessment.unmet[0].id, "parameters.terms");
        assert!(v.assessment.unmet[0].reason.contains("OSD 5-6"));
        assert_eq!(v.assessment.gap[0].component, Some(ModelParametersFinal));
    }

    #[test]
    fn code_needs_osi_approval_not_just_open_terms() {
        let l = lic("Apache-2.0", Tier::P);
        let items = with(all(&l), TrainingCode, true, Some(lic("CC-BY-4.0", Tier::O)));
        let v = evaluate(&set(&items));
        assert!(!v.pass);
        assert!(!v.elements["code"]);
        assert_eq!(
            v.assessment.gap[0].action,
            "License the training code under an OSI-approved license"
        );
    }

    #[test]
    fn missing_weights_fail_parameters() {
        let l = lic("MIT", Tier::P);
        let v = evaluate(&set(&with(all(&l), ModelParametersFinal, false, None)));
        assert!(!v.elements["parameters"]);
        assert_eq!(serde_json::to_value(&v).unwrap()["pass"], false);
    }
}
