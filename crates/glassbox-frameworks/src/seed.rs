//! The seed verdict: open source, open weights, restricted weights or closed, and the six rows
//! of the table everyone quotes (DESIGN.md §2 and §6).

use glassbox_core::{
    Assessment, Component, ComponentReport, EvidenceSet, GapStep, LicenseBar, Location,
    Requirement, SeedCategory, SeedRow, SeedVerdict, Status, StepKind, Tier,
};

fn locations(ev: &EvidenceSet, cs: &[Component]) -> Vec<Location> {
    let mut out = Vec::new();
    for c in cs {
        if let Some(r) = ev.component(*c) {
            out.extend(
                r.evidence
                    .iter()
                    .filter(|e| e.status != Status::Absent)
                    .take(3)
                    .map(|e| e.location.clone()),
            );
            if let Some(l) = &r.license {
                out.push(l.source.clone());
            }
        }
    }
    out.dedup();
    out
}

fn tier(r: Option<&ComponentReport>) -> Tier {
    r.and_then(|r| r.license.as_ref())
        .map(|l| l.tier)
        .unwrap_or(Tier::None)
}

fn license_text(r: Option<&ComponentReport>) -> String {
    match r.and_then(|r| r.license.as_ref()) {
        Some(l) => format!("{} (tier {})", l.id, l.tier.as_str()),
        None => "no license found".into(),
    }
}

fn osi(r: Option<&ComponentReport>) -> bool {
    r.and_then(|r| r.license.as_ref())
        .is_some_and(|l| l.osi_approved && l.tier == Tier::P)
}

struct Facts<'a> {
    params: Option<&'a ComponentReport>,
    params_present: bool,
    params_open: bool,
    training: Option<&'a ComponentReport>,
    preproc: Option<&'a ComponentReport>,
    code_full: bool,
    code_any: bool,
    data_shared: bool,
    data_documented: bool,
}

fn facts(ev: &EvidenceSet) -> Facts<'_> {
    let params = ev.component(Component::ModelParametersFinal);
    let params_present = ev.status(Component::ModelParametersFinal) == Status::Present;
    let training = ev.component(Component::TrainingCode);
    let preproc = ev.component(Component::DataPreprocessingCode);
    let t_ok = ev.status(Component::TrainingCode) == Status::Present && osi(training);
    let p_ok = ev.status(Component::DataPreprocessingCode) == Status::Present && osi(preproc);
    let datasets = ev.component(Component::Datasets);
    let data_shared = ev.status(Component::Datasets) == Status::Present && tier(datasets).is_open();
    let data_documented = ev.status(Component::DataCard) == Status::Present
        && ev.status(Component::Datasets) != Status::Absent;
    Facts {
        params,
        params_present,
        params_open: params_present && tier(params).is_open(),
        training,
        preproc,
        code_full: t_ok && p_ok,
        code_any: ev.status(Component::TrainingCode) != Status::Absent
            || ev.status(Component::DataPreprocessingCode) != Status::Absent,
        data_shared,
        data_documented,
    }
}

fn row(name: &str, value: &str, level: u8, reason: String, evidence: Vec<Location>) -> SeedRow {
    SeedRow {
        row: name.into(),
        value: value.into(),
        level,
        reason,
        evidence,
    }
}

/// Evaluates the seed verdict.
pub fn evaluate(ev: &EvidenceSet) -> SeedVerdict {
    let f = facts(ev);
    let mut rows = Vec::new();

    // The evidence that explains missing weights: doubtful links to other models' weights
    // (partial), or what the release is instead (`weights.none-own`).
    let first = |st: Status| {
        f.params
            .and_then(|r| r.evidence.iter().find(|e| e.status == st))
    };
    let (v, l, why) = if !f.params_present {
        match first(Status::Partial) {
            Some(e)
                if !e.rule.starts_with("weights.shard-index") && !e.rule.ends_with("-invalid") =>
            {
                (
                    "not available",
                    0,
                    format!(
                        "no weights of this release: {} ({} at {})",
                        e.detail, e.rule, e.location
                    ),
                )
            }
            Some(_) => (
                "not available",
                0,
                "weights are incomplete or unreadable (see findings)".to_string(),
            ),
            None => (
                "not available",
                0,
                match f
                    .params
                    .and_then(|r| r.evidence.iter().find(|e| e.rule == "weights.none-own"))
                {
                    Some(e) => e.detail.clone(),
                    None => "no model weights found in the release".to_string(),
                },
            ),
        }
    } else if f.params_open {
        (
            "available",
            2,
            format!("weights shipped under {}", license_text(f.params)),
        )
    } else {
        (
            "restricted",
            1,
            format!("weights shipped under {}", license_text(f.params)),
        )
    };
    rows.push(row(
        "Model parameters",
        v,
        l,
        why,
        locations(ev, &[Component::ModelParametersFinal]),
    ));

    let (v, l, why) = if f.code_full {
        (
            "fully shared",
            2,
            format!(
                "training code ({}) and data preprocessing code ({}) under OSI-approved terms",
                license_text(f.training),
                license_text(f.preproc)
            ),
        )
    } else if f.code_any {
        let mut missing = Vec::new();
        if ev.status(Component::TrainingCode) != Status::Present {
            missing.push("no complete training loop".to_string());
        } else if !osi(f.training) {
            missing.push(format!("training code under {}", license_text(f.training)));
        }
        if ev.status(Component::DataPreprocessingCode) != Status::Present {
            missing.push("no data preprocessing code".to_string());
        } else if !osi(f.preproc) {
            missing.push(format!(
                "preprocessing code under {}",
                license_text(f.preproc)
            ));
        }
        ("partial", 1, missing.join("; "))
    } else {
        (
            "not shared",
            0,
            "no training or data preprocessing code found".to_string(),
        )
    };
    rows.push(row(
        "Training code",
        v,
        l,
        why,
        locations(
            ev,
            &[Component::TrainingCode, Component::DataPreprocessingCode],
        ),
    ));

    let datasets = ev.component(Component::Datasets);
    let (v, l, why) = if f.data_shared {
        (
            "shared",
            2,
            format!("training data obtainable under {}", license_text(datasets)),
        )
    } else if f.data_documented {
        (
            "documented",
            1,
            format!(
                "data card and dataset listing; data terms: {}",
                license_text(datasets)
            ),
        )
    } else if ev.status(Component::Datasets) != Status::Absent
        || ev.status(Component::DataCard) != Status::Absent
    {
        (
            "partial",
            1,
            "some data information, not a full listing with a data card".to_string(),
        )
    } else {
        (
            "not disclosed",
            0,
            "no training data or data documentation found".to_string(),
        )
    };
    rows.push(row(
        "Training dataset",
        v,
        l,
        why,
        locations(ev, &[Component::Datasets, Component::DataCard]),
    ));

    let data_ok = f.data_shared || f.data_documented;
    let (v, l, why) = if f.params_present && f.code_full && data_ok {
        ("achievable", 2, "weights, complete training code and the data (or its full documentation) are published".to_string())
    } else if f.params_present && (f.code_any || data_ok) {
        (
            "limited",
            1,
            "some of code and data are published, not all".to_string(),
        )
    } else {
        (
            "not possible",
            0,
            "neither the training code nor the training data is published".to_string(),
        )
    };
    rows.push(row(
        "Full reproducibility",
        v,
        l,
        why,
        locations(ev, &[Component::TrainingCode, Component::Datasets]),
    ));

    let docs = [
        Component::ModelCard,
        Component::DataCard,
        Component::EvaluationResults,
    ];
    let have_docs = docs
        .iter()
        .filter(|c| ev.status(**c) == Status::Present)
        .count();
    let paper = ev.status(Component::TechnicalReport) == Status::Present
        || ev.status(Component::ResearchPaper) == Status::Present;
    let (v, l, why) = if have_docs == 3 && paper {
        (
            "full",
            2,
            "model card, data card, evaluation results and a report or paper".to_string(),
        )
    } else if ev.status(Component::ModelCard) != Status::Absent {
        let mut missing: Vec<&str> = docs
            .iter()
            .filter(|c| ev.status(**c) != Status::Present)
            .map(|c| c.name())
            .collect();
        if !paper {
            missing.push("Technical report or Research paper");
        }
        ("partial", 1, format!("missing: {}", missing.join(", ")))
    } else {
        ("minimal", 0, "no model card".to_string())
    };
    rows.push(row(
        "Transparency",
        v,
        l,
        why,
        locations(
            ev,
            &[
                Component::ModelCard,
                Component::DataCard,
                Component::EvaluationResults,
                Component::TechnicalReport,
                Component::ResearchPaper,
            ],
        ),
    ));

    let inspectable = f.params_present
        && !ev.findings.iter().any(|x| {
            x.kind == "invalid-weights" || x.severity == glassbox_core::Severity::Critical
        });
    let (v, l, why) =
        if inspectable && ev.status(Component::TrainingCode) == Status::Present && f.data_shared {
            (
                "complete",
                2,
                "inspectable weights, training code and training data".to_string(),
            )
        } else if inspectable || f.params_present {
            (
                "limited",
                1,
                if inspectable {
                    "weights can be inspected; code or data cannot".to_string()
                } else {
                    "weights present but unreadable or unsafe (see findings)".to_string()
                },
            )
        } else {
            ("none", 0, "nothing to inspect: no weights".to_string())
        };
    rows.push(row(
        "Auditability",
        v,
        l,
        why,
        locations(ev, &[Component::ModelParametersFinal]),
    ));

    let category = if !f.params_present {
        SeedCategory::Closed
    } else if !f.params_open {
        SeedCategory::RestrictedWeights
    } else if f.code_full && data_ok {
        SeedCategory::OpenSource
    } else {
        SeedCategory::OpenWeights
    };
    let summary = match category {
        SeedCategory::Closed => "No model parameters can be obtained from this release.".to_string(),
        SeedCategory::RestrictedWeights => format!("Weights are obtainable but their terms are not open: {}.", license_text(f.params)),
        SeedCategory::OpenWeights => "Weights are open, but the training code or the training data information is missing or not open.".to_string(),
        SeedCategory::OpenSource => "Weights, complete training and data-processing code, and the training data (or its full documentation) are published under open terms.".to_string(),
    };
    let assessment = assess(ev, &f, data_ok);
    SeedVerdict {
        category,
        summary,
        rows,
        assessment,
    }
}

fn req(id: &str, title: &str, reason: String, evidence: Vec<Location>) -> Requirement {
    Requirement {
        id: id.into(),
        title: title.into(),
        reason,
        evidence,
    }
}

fn publish(action: String, component: Component, bar: LicenseBar) -> GapStep {
    GapStep::new(action, component, StepKind::Publish, bar)
}

fn relicense(action: String, component: Component) -> GapStep {
    GapStep::new(action, component, StepKind::License, LicenseBar::Osi)
}

fn assess(ev: &EvidenceSet, f: &Facts, data_ok: bool) -> Assessment {
    let mut a = Assessment::default();
    let mut put = |ok: bool, r: Requirement, gap: Option<GapStep>| {
        if ok {
            a.met.push(r);
        } else {
            a.unmet.push(r);
            a.gap.extend(gap);
        }
    };
    put(
        f.params_present,
        req(
            "weights-obtainable",
            "Model parameters can be obtained",
            if f.params_present {
                "weights found".into()
            } else {
                "no weights found".into()
            },
            locations(ev, &[Component::ModelParametersFinal]),
        ),
        Some(publish(
            "Publish the final model parameters (e.g. safetensors) in the release".into(),
            Component::ModelParametersFinal,
            LicenseBar::None,
        )),
    );
    put(
        f.params_open,
        req("weights-open-terms", "Model parameters under open terms (OSI-approved or open, tier P or O)", license_text(f.params), locations(ev, &[Component::ModelParametersFinal])),
        f.params_present.then(|| relicense(format!("Release the weights under an OSI-approved license such as Apache-2.0 instead of {}", license_text(f.params)), Component::ModelParametersFinal)),
    );
    let t_present = ev.status(Component::TrainingCode) == Status::Present;
    put(
        t_present && osi(f.training),
        req(
            "training-code",
            "Complete training code under an OSI-approved license",
            if t_present {
                license_text(f.training)
            } else {
                "no training loop found".into()
            },
            locations(ev, &[Component::TrainingCode]),
        ),
        Some(if t_present {
            relicense(
                format!(
                    "License the training code under an OSI-approved license (now {})",
                    license_text(f.training)
                ),
                Component::TrainingCode,
            )
        } else {
            publish(
                "Publish the complete training code (the training loop, configs and launch scripts)"
                    .into(),
                Component::TrainingCode,
                LicenseBar::None,
            )
        }),
    );
    let p_present = ev.status(Component::DataPreprocessingCode) == Status::Present;
    put(
        p_present && osi(f.preproc),
        req(
            "preprocessing-code",
            "Complete data preprocessing code under an OSI-approved license",
            if p_present {
                license_text(f.preproc)
            } else {
                "no data preprocessing code found".into()
            },
            locations(ev, &[Component::DataPreprocessingCode]),
        ),
        Some(if p_present {
            relicense(
                format!(
                    "License the data preprocessing code under an OSI-approved license (now {})",
                    license_text(f.preproc)
                ),
                Component::DataPreprocessingCode,
            )
        } else {
            publish(
                "Publish the data preprocessing code (filtering, deduplication, tokenisation, mixing)".into(),
                Component::DataPreprocessingCode,
                LicenseBar::None,
            )
        }),
    );
    put(
        data_ok,
        req(
            "data-information",
            "Training data shared under open terms, or fully documented (every source, where to obtain it, provenance, selection and filtering)",
            if f.data_shared { "training data shared under open terms".into() } else if f.data_documented { "data card and dataset listing".into() } else { "no open training data and no full data documentation".into() },
            locations(ev, &[Component::Datasets, Component::DataCard]),
        ),
        Some(if ev.status(Component::Datasets) == Status::Absent {
            publish("List every training dataset with where to obtain it and its license (card `datasets:` and a data card)".into(), Component::Datasets, LicenseBar::Open)
        } else {
            publish("Add a data card documenting provenance, selection and filtering of the training data".into(), Component::DataCard, LicenseBar::None)
        }),
    );
    a
}
