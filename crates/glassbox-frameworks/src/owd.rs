//! Open Weight Definition (Open Source Alliance, draft v0.1, Jan 2025): ten OSD-derived criteria
//! judged on the weights' terms, and criterion 2 on the weights being there.
//!
//! A license's tier decides what can be said: P/O terms meet every license criterion; restricted
//! terms (use policies, user thresholds, naming duties) break 5 and 6; non-commercial terms break
//! 1 and 6; no license grants nothing (1, 3, 7). Criteria a tier does not decide are listed as
//! `undetermined`, never as met.

use glassbox_core::{Assessment, Component, EvidenceSet, Status, Tier};
use serde::{Deserialize, Serialize};

use crate::assess::{self, describe, Bar, Builder};

/// The OWD verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwdVerdict {
    /// Whether the weights are Open Weight under the definition.
    pub pass: bool,
    /// Criteria the evidence does not decide (by number and name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undetermined: Vec<String>,
    /// Criteria met and unmet, and the step.
    #[serde(flatten)]
    pub assessment: Assessment,
}

/// The ten criteria: number, id, name.
pub const CRITERIA: [(u8, &str, &str); 10] = [
    (1, "free-redistribution", "Free Redistribution"),
    (2, "model-weights", "Model Weights"),
    (3, "derived-works", "Derived Works"),
    (
        4,
        "integrity-of-source",
        "Integrity of the Author's Source Code",
    ),
    (
        5,
        "no-discrimination-persons",
        "No Discrimination Against Persons or Groups",
    ),
    (
        6,
        "no-discrimination-fields",
        "No Discrimination Against Fields of Endeavor",
    ),
    (7, "distribution-of-license", "Distribution of License"),
    (
        8,
        "not-product-specific",
        "License Must Not Be Specific to a Product",
    ),
    (
        9,
        "not-restrict-other",
        "License Must Not Restrict Other Software/components",
    ),
    (
        10,
        "technology-neutral",
        "License Must Be Technology-Neutral",
    ),
];

/// Evaluates the OWD.
pub fn evaluate(ev: &EvidenceSet) -> OwdVerdict {
    let c = Component::ModelParametersFinal;
    let w = ev.status(c);
    let l = ev.license(c);
    let tier = l.map(|l| l.tier).unwrap_or(Tier::None);
    let unidentified = l.is_some() && tier == Tier::None;
    let mut b = Builder::default();
    let mut undetermined = Vec::new();
    // Criterion 2 rests on the weights themselves; the others on their license.
    let weights_evidence = assess::locations(ev, c);
    let evidence = assess::license_location(ev, c);
    for (n, id, name) in CRITERIA {
        let id = format!("{n}.{id}");
        let title = format!("{n}. {name}");
        if n == 2 {
            b.req_or(
                w == Status::Present,
                &id,
                &title,
                format!("weights {}", assess::status_word(w)),
                weights_evidence.clone(),
                assess::publish(c, Bar::Open),
            );
            continue;
        }
        let broken = match tier {
            Tier::P | Tier::O => Some(false),
            Tier::R => matches!(n, 5 | 6).then_some(true),
            Tier::NC => matches!(n, 1 | 6).then_some(true),
            Tier::None if unidentified => None,
            Tier::None => matches!(n, 1 | 3 | 7).then_some(true),
        };
        match broken {
            Some(false) => {
                b.req(
                    true,
                    &id,
                    &title,
                    format!("weights under {}: open terms", describe(l)),
                    evidence.clone(),
                );
            }
            Some(true) => {
                let why = match tier {
                    Tier::R => {
                        "restricted terms (use policy, user thresholds, naming or flow-down duties)"
                    }
                    Tier::NC => "non-commercial terms",
                    _ => "no license: no right is granted",
                };
                b.req_or(
                    false,
                    &id,
                    &title,
                    format!("weights under {}: {why}", describe(l)),
                    evidence.clone(),
                    assess::step_for(ev, c, Bar::Open),
                );
            }
            None => undetermined.push(title),
        }
    }
    let mut a = b.done();
    if unidentified {
        a.gap.push(assess::relicense(c, Bar::Open));
    }
    let pass = a.unmet.is_empty() && undetermined.is_empty();
    OwdVerdict {
        pass,
        undetermined,
        assessment: a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;

    #[test]
    fn apache_weights_pass_even_without_code_or_data() {
        let v = evaluate(&set(&[(
            Component::ModelParametersFinal,
            Some(lic("Apache-2.0", Tier::P)),
        )]));
        assert!(v.pass);
        assert_eq!(v.assessment.met.len(), 10);
    }

    #[test]
    fn llama_weights_fail_on_discrimination_criteria() {
        let v = evaluate(&set(&[(
            Component::ModelParametersFinal,
            Some(lic("LicenseRef-Llama-3.1", Tier::R)),
        )]));
        assert!(!v.pass);
        let ids: Vec<_> = v.assessment.unmet.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ["5.no-discrimination-persons", "6.no-discrimination-fields"]
        );
        assert_eq!(v.undetermined.len(), 7);
    }

    #[test]
    fn no_weights_fail_criterion_two() {
        let v = evaluate(&set(&[]));
        assert!(!v.pass);
        assert!(v.assessment.unmet.iter().any(|r| r.id == "2.model-weights"));
        assert_eq!(serde_json::to_value(&v).unwrap()["pass"], false);
    }
}
