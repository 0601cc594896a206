//! The merged "to become more open" list: every framework's gap steps, the same step counted once,
//! ordered by how many frameworks it advances.

use glassbox_core::{Component, GapStep, Verdicts};

use crate::assess::Bar;

/// One step of the merged list (the report's `next_steps`).
pub use glassbox_core::NextStep as MergedGapStep;

#[derive(PartialEq, Eq, Clone)]
enum Verb {
    Publish,
    License,
    Other(String),
}

fn verb(action: &str) -> Verb {
    let a = action.trim().to_ascii_lowercase();
    if [
        "publish", "release", "ship", "share", "list", "document", "describe", "provide",
    ]
    .iter()
    .any(|v| a.starts_with(v))
    {
        Verb::Publish
    } else if a.starts_with("license") || a.starts_with("relicense") {
        Verb::License
    } else {
        Verb::Other(a)
    }
}

/// Merges the gap lists of every verdict. Pure; the order is deterministic: most frameworks
/// first, then the order steps first appear (seed, then the others in report order).
pub fn merged_gap(verdicts: &Verdicts) -> Vec<MergedGapStep> {
    let mut sources: Vec<(String, Vec<GapStep>)> =
        vec![("seed".into(), verdicts.seed.assessment.gap.clone())];
    for (name, v) in &verdicts.others {
        sources.push((name.clone(), v.gap_steps()));
    }
    struct Group {
        component: Option<Component>,
        verb: Verb,
        action: String,
        bar: Bar,
        frameworks: Vec<String>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for (fw, steps) in sources {
        for s in steps {
            let vb = verb(&s.action);
            let bar = Bar::from_action(&s.action);
            let found = groups.iter_mut().find(|g| {
                g.component == s.component
                    && g.verb == vb
                    && (s.component.is_some() || g.action.eq_ignore_ascii_case(&s.action))
            });
            match found {
                Some(g) => {
                    if bar > g.bar {
                        g.bar = bar;
                        g.action = s.action.clone();
                    }
                    if !g.frameworks.contains(&fw) {
                        g.frameworks.push(fw.clone());
                    }
                }
                None => groups.push(Group {
                    component: s.component,
                    verb: vb,
                    action: s.action,
                    bar,
                    frameworks: vec![fw.clone()],
                }),
            }
        }
    }
    let mut out: Vec<MergedGapStep> = groups
        .into_iter()
        .map(|g| MergedGapStep {
            action: g.action,
            component: g.component,
            frameworks: g.frameworks,
        })
        .collect();
    out.sort_by_key(|m| std::cmp::Reverse(m.frameworks.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::fixture::*;
    use glassbox_core::{SeedCategory, SeedVerdict, Tier};

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
            seed: seed(vec![GapStep {
                action: "Publish the training code".into(),
                component: Some(Component::TrainingCode),
            }]),
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
            seed: seed(vec![GapStep {
                action: "List every training dataset with where to obtain it".into(),
                component: Some(Component::Datasets),
            }]),
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
            seed: seed(vec![GapStep {
                action: "Publish hashes of every file".into(),
                component: None,
            }]),
            others: Default::default(),
        };
        let m = merged_gap(&verdicts);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].frameworks, ["seed"]);
    }
}
