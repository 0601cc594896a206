//! The check end to end: every discovered (and policy-listed) model is judged, from the lock
//! when its revision did not move, else from a fresh audit by the caller's [`Auditor`].

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::date::Date;
use crate::discovery::{Discovery, Model, Reference};
use crate::facts::Facts;
use crate::judge::judge;
use crate::lock::{Entry, Lock};
use crate::policy::Policy;
use crate::report::{
    CheckReport, ErrorResult, ExceptionOut, LockProblem, ModelResult, CHECK_SCHEMA,
};
use crate::target::Target;

/// An audit as the check needs it: the caller wires the audit pipeline (Hub, cache, local
/// folders, and every audit option).
pub trait Auditor: Sync {
    /// The commit a Hub target resolves to now, without auditing it (`Ok(None)`: cannot tell
    /// cheaply, audit it). Local targets are not asked.
    fn revision(&self, target: &Target) -> Result<Option<String>, String>;
    /// Audits a target: its facts and the commit it resolved to.
    fn audit(&self, target: &Target) -> Result<(Facts, Option<String>), String>;
}

/// What a check runs on.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The models found in the codebase.
    pub discovery: Discovery,
    /// The policy.
    pub policy: &'a Policy,
    /// The policy file's path as references show it (for `[[models]]`).
    pub policy_path: String,
    /// The lock file, if there is one.
    pub lock: Option<Lock>,
    /// `--locked`: a model not in the lock, or whose revision moved, fails.
    pub locked: bool,
    /// The day exceptions are compared with.
    pub today: Date,
    /// Models audited at once.
    pub jobs: usize,
}

/// The result of a check.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The report.
    pub report: CheckReport,
    /// The lock to write (unchanged entries kept).
    pub lock: Lock,
    /// Targets audited afresh (the others were judged from the lock).
    pub audited: Vec<String>,
}

/// How one model went.
enum Step {
    Judged {
        facts: Facts,
        revision: Option<String>,
        fresh: bool,
        lock_problem: Option<String>,
    },
    Failed(String),
}

/// Adds the policy's `[[models]]` to the discovered ones, referenced at their policy line.
fn all_models(input: &Input<'_>) -> Vec<Model> {
    let mut models = input.discovery.models.clone();
    for listed in &input.policy.models {
        let at = Reference {
            path: input.policy_path.clone(),
            line: Some(listed.line),
        };
        match models.iter_mut().find(|m| m.target == listed.target) {
            Some(m) => m.references.push(at),
            None => models.push(Model {
                target: listed.target.clone(),
                references: vec![at],
            }),
        }
    }
    models.sort_by(|a, b| a.target.cmp(&b.target));
    models
}

fn step(model: &Model, input: &Input<'_>, auditor: &dyn Auditor) -> Step {
    let spec = model.target.spec();
    let is_hub = matches!(model.target, Target::Hub { .. });
    let mut lock_problem = None;
    if is_hub {
        let current = match auditor.revision(&model.target) {
            Ok(r) => r,
            Err(e) => return Step::Failed(e),
        };
        let entry = input.lock.as_ref().and_then(|l| l.get(&spec));
        match (entry, &current) {
            (Some(e), Some(now)) if &e.revision == now && e.is_intact() => {
                return Step::Judged {
                    facts: e.facts.clone(),
                    revision: current,
                    fresh: false,
                    lock_problem: None,
                }
            }
            (Some(e), Some(now)) if &e.revision != now => {
                lock_problem = Some(format!(
                    "{spec} moved: glassbox.lock has revision {}, it now resolves to {now}",
                    e.revision
                ));
            }
            (Some(_), _) => {}
            (None, _) => {
                lock_problem = Some(format!(
                    "{spec} is not pinned in glassbox.lock (run `glassbox check` without --locked to record it)"
                ));
            }
        }
    }
    match auditor.audit(&model.target) {
        Ok((facts, revision)) => Step::Judged {
            facts,
            revision,
            fresh: true,
            lock_problem: lock_problem.filter(|_| input.locked),
        },
        Err(e) => Step::Failed(e),
    }
}

/// Runs the check.
pub fn run(input: Input<'_>, auditor: &dyn Auditor) -> Outcome {
    let models = all_models(&input);
    let steps: Vec<Mutex<Option<Step>>> = models.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..input.jobs.clamp(1, models.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(m) = models.get(i) else { break };
                let st = step(m, &input, auditor);
                *steps[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(st);
            });
        }
    });
    // The new lock holds the models used now: entries of models no longer referenced go, and a
    // model that could not be audited this time keeps its old entry.
    let mut lock = Lock::default();
    let mut report = CheckReport {
        schema: CHECK_SCHEMA,
        models: Vec::new(),
        unresolved: input.discovery.unresolved.clone(),
        unresolved_fails: input.policy.unresolved == crate::policy::UnresolvedMode::Fail,
        skipped: input.discovery.skipped.clone(),
        errors: Vec::new(),
        lock: Vec::new(),
    };
    let mut audited = Vec::new();
    for (m, st) in models.iter().zip(steps) {
        let spec = m.target.spec();
        match st.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some(Step::Judged {
                facts,
                revision,
                fresh,
                lock_problem,
            }) => {
                if fresh {
                    audited.push(spec.clone());
                }
                if let Some(p) = lock_problem {
                    report.lock.push(LockProblem {
                        target: spec.clone(),
                        message: p,
                    });
                }
                if let (Target::Hub { .. }, Some(rev)) = (&m.target, revision) {
                    lock.put(Entry {
                        target: spec.clone(),
                        revision: rev,
                        digest: facts.digest(),
                        facts: facts.clone(),
                    });
                }
                let rules = input.policy.rules_for(&m.target);
                let j = judge(
                    &m.target,
                    &facts,
                    &rules,
                    &input.policy.exceptions,
                    input.today,
                );
                report.models.push(ModelResult {
                    target: spec,
                    references: m.references.clone(),
                    category: facts.category.as_str().to_string(),
                    licenses: facts.licenses.iter().map(|l| l.id.clone()).collect(),
                    verdict: j.verdict,
                    violations: j.violations,
                    exception: j.exception.map(|e| ExceptionOut {
                        target: e.target.spec(),
                        reason: e.reason,
                        expires: e.expires.map(|d| d.to_string()),
                    }),
                });
            }
            Some(Step::Failed(message)) => {
                if let Some(old) = input.lock.as_ref().and_then(|l| l.get(&spec)) {
                    lock.put(old.clone());
                }
                report.errors.push(ErrorResult {
                    target: spec,
                    references: m.references.clone(),
                    message,
                })
            }
            None => report.errors.push(ErrorResult {
                target: spec,
                references: m.references.clone(),
                message: "the audit did not finish".into(),
            }),
        }
    }
    Outcome {
        report,
        lock,
        audited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::License;
    use crate::judge::Verdict;
    use glassbox_core::{SeedCategory, Tier};
    use std::collections::HashMap;

    /// Revisions and facts by Hub id; counts audits.
    struct Fake {
        revisions: HashMap<String, String>,
        audits: AtomicUsize,
    }

    impl Auditor for Fake {
        fn revision(&self, t: &Target) -> Result<Option<String>, String> {
            match t.revision() {
                Some(r) => Ok(Some(r.to_string())),
                None => self
                    .revisions
                    .get(t.name())
                    .cloned()
                    .map(Some)
                    .ok_or_else(|| format!("{} not found", t.name())),
            }
        }
        fn audit(&self, t: &Target) -> Result<(Facts, Option<String>), String> {
            self.audits.fetch_add(1, Ordering::SeqCst);
            let rev = self.revision(t)?;
            let nc = t.name().contains("nc");
            Ok((
                Facts {
                    category: if nc {
                        SeedCategory::RestrictedWeights
                    } else {
                        SeedCategory::OpenWeights
                    },
                    licenses: vec![License {
                        id: if nc {
                            "cc-by-nc-4.0".into()
                        } else {
                            "apache-2.0".into()
                        },
                        tier: if nc { Tier::NC } else { Tier::P },
                    }],
                    mof_class: 3,
                    osaid: Some(false),
                    scan: vec![],
                },
                rev,
            ))
        }
    }

    fn discovery(ids: &[&str]) -> Discovery {
        Discovery {
            models: ids
                .iter()
                .map(|id| Model {
                    target: Target::parse_spec(id).unwrap(),
                    references: vec![Reference {
                        path: "app.py".into(),
                        line: Some(3),
                    }],
                })
                .collect(),
            ..Discovery::default()
        }
    }

    #[test]
    fn lock_reuses_unmoved_models_and_locked_names_moved_and_unpinned_ones() {
        let policy = Policy::parse(
            "[policy]\ndeny-tiers = [\"NC\"]\n[[models]]\ntarget = \"hf:org/listed\"\n",
        )
        .unwrap();
        let mut fake = Fake {
            revisions: [("org/ok", "r1"), ("org/nc", "r1"), ("org/listed", "r1")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .into(),
            audits: AtomicUsize::new(0),
        };
        let input = |lock: Option<Lock>, locked: bool| Input {
            discovery: discovery(&["hf:org/ok", "hf:org/nc"]),
            policy: &policy,
            policy_path: "glassbox.toml".into(),
            lock,
            locked,
            today: Date::parse("2026-12-07").unwrap(),
            jobs: 2,
        };
        let first = run(input(None, false), &fake);
        assert_eq!(fake.audits.load(Ordering::SeqCst), 3);
        assert_eq!(first.report.exit_code(), 1);
        let verdicts: Vec<(&str, Verdict)> = first
            .report
            .models
            .iter()
            .map(|m| (m.target.as_str(), m.verdict))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("hf:org/listed", Verdict::Pass),
                ("hf:org/nc", Verdict::Fail),
                ("hf:org/ok", Verdict::Pass)
            ]
        );
        assert_eq!(first.report.models[0].references[0].line, Some(4));
        assert_eq!(first.lock.models.len(), 3);

        // Nothing moved: judged from the lock, no audit; --locked holds.
        let second = run(input(Some(first.lock.clone()), true), &fake);
        assert_eq!(fake.audits.load(Ordering::SeqCst), 3);
        assert!(second.audited.is_empty());
        assert_eq!(second.report.models, first.report.models);
        assert!(second.report.lock.is_empty());

        // org/ok moved: only it is audited again; --locked names it.
        fake.revisions.insert("org/ok".into(), "r2".into());
        let third = run(input(Some(first.lock.clone()), true), &fake);
        assert_eq!(third.audited, ["hf:org/ok"]);
        assert_eq!(third.report.lock.len(), 1);
        assert!(
            third.report.lock[0].message.contains("moved"),
            "{:?}",
            third.report.lock
        );
        assert_eq!(third.report.exit_code(), 1);
        assert_eq!(third.lock.get("hf:org/ok").unwrap().revision, "r2");

        // Not in the lock at all: unpinned.
        let fourth = run(input(Some(Lock::default()), true), &fake);
        assert_eq!(fourth.report.lock.len(), 3);
        assert!(fourth
            .report
            .lock
            .iter()
            .all(|p| p.message.contains("not pinned")));

        // An unreachable model is an error (exit 2), the others are still judged.
        fake.revisions.remove("org/ok");
        let fifth = run(input(None, false), &fake);
        assert_eq!(fifth.report.errors.len(), 1);
        assert_eq!(fifth.report.errors[0].target, "hf:org/ok");
        assert_eq!(fifth.report.models.len(), 2);
        assert_eq!(fifth.report.exit_code(), 2);

        // The lock follows the code: a model no longer used leaves it; one that could not be
        // audited keeps its entry.
        let mut smaller = input(Some(third.lock.clone()), false);
        smaller.discovery = discovery(&["hf:org/ok"]);
        let sixth = run(smaller, &fake);
        let locked: Vec<&str> = sixth
            .lock
            .models
            .iter()
            .map(|e| e.target.as_str())
            .collect();
        assert_eq!(locked, ["hf:org/listed", "hf:org/ok"]);
        assert_eq!(sixth.report.errors.len(), 1);
    }
}
