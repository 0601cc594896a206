//! The merged "to become more open" list: every framework's gap steps, the same step counted once,
//! ordered by how many frameworks it advances. The merge itself is core's
//! [`Verdicts::next_steps`], which reads the steps' typed kind and bar, never their wording.

use glassbox_core::Verdicts;

/// One step of the merged list (the report's `next_steps`).
pub use glassbox_core::NextStep as MergedGapStep;

/// Merges the gap lists of every verdict. Pure; the order is deterministic: most frameworks
/// first, then the order steps first appear (seed, then the others in report order).
pub fn merged_gap(verdicts: &Verdicts) -> Vec<MergedGapStep> {
    verdicts.next_steps()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;
    use glassbox_core::{
        Component, GapStep, LicenseBar, SeedCategory, SeedVerdict, StepKind, Tier,
    };

    fn seed(gap: Vec<GapStep>) -> SeedVerdict {
        SeedVerdict {
            category: SeedCategory::OpenWeights,
            summary: String::new(),
            rows: vec![],
            assessment: glassbox_core::Assessment {
                met: vec![],
                unmet: vec![],
                gap,
            },
        }
    }

    #[test]
    fn steps_shared_by_frameworks_come_first_with_the_strictest_bar() {
        // Apache weights, nothing else: every framework wants the training code.
        let ev = set(&[
            (
                Component::ModelParametersFinal,
                Some(lic("Apache-2.0", Tier::P)),
            ),
            (Component::ModelCard, None),
        ]);
        let verdicts = Verdicts {
            seed: seed(vec![GapStep::new(
                "Publish the training code",
                Component::TrainingCode,
                StepKind::Publish,
                LicenseBar::None,
            )]),
            others: crate::evaluate_others(&ev),
        };
        let merged = merged_gap(&verdicts);
        let first = &merged[0];
        assert!(first.frameworks.len() >= 3, "{merged:#?}");
        let training = merged
            .iter()
            .find(|m| m.component == Some(Component::TrainingCode))
            .unwrap();
        assert!(training.frameworks.contains(&"seed".to_string()));
        assert!(training.frameworks.contains(&"osaid".to_string()));
        assert!(training.frameworks.contains(&"mof".to_string()));
        // OSAID wants OSI-approved, MOF strict a type-appropriate (code) license: the strict one wins.
        assert!(
            training.action.contains("type-appropriate"),
            "{}",
            training.action
        );
        for w in merged.windows(2) {
            assert!(w[0].frameworks.len() >= w[1].frameworks.len());
        }
        // No duplicates of the same (component, verb).
        let n = merged
            .iter()
            .filter(|m| m.component == Some(Component::TrainingCode))
            .count();
        assert_eq!(n, 1);
    }

    #[test]
    fn listing_and_publishing_the_same_component_is_one_step() {
        let ev = set(&[(Component::ModelParametersFinal, Some(lic("MIT", Tier::P)))]);
        let verdicts = Verdicts {
            seed: seed(vec![GapStep::new(
                "List every training dataset with where to obtain it",
                Component::Datasets,
                StepKind::Publish,
                LicenseBar::Open,
            )]),
            others: crate::evaluate_others(&ev),
        };
        let merged = merged_gap(&verdicts);
        let ds: Vec<_> = merged
            .iter()
            .filter(|m| m.component == Some(Component::Datasets))
            .collect();
        assert_eq!(ds.len(), 1, "{ds:#?}");
        assert!(
            ds[0].frameworks.contains(&"seed".to_string())
                && ds[0].frameworks.contains(&"osaid".to_string())
        );
    }

    #[test]
    fn unknown_steps_are_kept_verbatim() {
        let verdicts = Verdicts {
            seed: seed(vec![GapStep::other("Publish hashes of every file", None)]),
            others: Default::default(),
        };
        let m = merged_gap(&verdicts);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].frameworks, ["seed"]);
    }
}
