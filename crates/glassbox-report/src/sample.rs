//! Example reports built in code, for tests, documentation and trying the renderers without an
//! audit. They follow the report contract, including the other frameworks' JSON shapes.

use glassbox_core::codes::{ArtifactCode, LicenseCode, ScanCode};
use glassbox_core::{
    Artifact, ArtifactKind, Assessment, Component, ComponentReport, Evidence, EvidenceSet, Finding,
    GapStep, LfsPointer, LicenseBar, LicenseFinding, LicenseKind, LicenseRef, LineageLicense,
    LineageNode, LineageSource, Location, Provenance, Report, Requirement, SeedCategory, SeedRow,
    SeedVerdict, Severity, Status, StepKind, TargetInfo, Tier, ToolInfo, Verdicts, REPORT_SCHEMA,
};
use serde_json::json;

fn lic(id: &str, name: &str, tier: Tier, source: Location) -> LicenseRef {
    LicenseRef {
        id: id.into(),
        name: name.into(),
        osi_approved: tier == Tier::P,
        tier,
        source,
    }
}

fn ev(
    component: Component,
    status: Status,
    location: Location,
    rule: &str,
    detail: &str,
) -> Evidence {
    Evidence {
        component,
        status,
        location,
        rule: rule.into(),
        confidence: 0.9,
        detail: detail.into(),
        provenance: Provenance::Detected,
        source: None,
    }
}

fn req(id: &str, title: &str, reason: &str, evidence: Vec<Location>) -> Requirement {
    Requirement {
        id: id.into(),
        title: title.into(),
        reason: reason.into(),
        evidence,
    }
}

fn row(row: &str, value: &str, level: u8, reason: &str, evidence: Vec<Location>) -> SeedRow {
    SeedRow {
        row: row.into(),
        value: value.into(),
        level,
        reason: reason.into(),
        evidence,
    }
}

fn step(action: &str, component: Component, kind: StepKind, bar: LicenseBar) -> GapStep {
    GapStep::new(action, component, kind, bar)
}

/// Components built from a list of (component, status, license, evidence).
fn components(
    present: &[(Component, Status, Option<LicenseRef>, Vec<Evidence>)],
) -> Vec<ComponentReport> {
    Component::ALL
        .into_iter()
        .map(|c| match present.iter().find(|p| p.0 == c) {
            Some((_, status, license, evidence)) => ComponentReport {
                component: c,
                status: *status,
                license: license.clone(),
                evidence: evidence.clone(),
            },
            None => ComponentReport {
                component: c,
                status: Status::Absent,
                license: None,
                evidence: Vec::new(),
            },
        })
        .collect()
}

const SHA: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const SHA2: &str = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

/// An open-weights release on the Hugging Face Hub: Apache-2.0 weights, inference code only,
/// datasets named but not linked; every framework verdict present.
pub fn open_weights_hub() -> Report {
    let apache_card = lic(
        "Apache-2.0",
        "Apache License 2.0",
        Tier::P,
        Location::field("README.md", "card:license"),
    );
    let apache_file = lic(
        "Apache-2.0",
        "Apache License 2.0",
        Tier::P,
        Location::file("LICENSE"),
    );
    let comps = components(&[
        (
            Component::ModelArchitecture,
            Status::Present,
            Some(apache_file.clone()),
            vec![ev(
                Component::ModelArchitecture,
                Status::Present,
                Location::field("config.json", "architectures"),
                "arch.config",
                "LlamaForCausalLM (model_type llama)",
            )],
        ),
        (
            Component::ModelParametersFinal,
            Status::Present,
            Some(apache_card.clone()),
            vec![ev(
                Component::ModelParametersFinal,
                Status::Present,
                Location::file("model.safetensors"),
                "weights.safetensors",
                "291 tensors, 1,235,814,400 parameters (BF16)",
            )],
        ),
        (
            Component::ModelCard,
            Status::Present,
            Some(apache_card.clone()),
            vec![ev(
                Component::ModelCard,
                Status::Present,
                Location::file("README.md"),
                "card.readme",
                "card with metadata and 6 sections",
            )],
        ),
        (
            Component::EvaluationResults,
            Status::Present,
            None,
            vec![ev(
                Component::EvaluationResults,
                Status::Present,
                Location::field("README.md", "card:model-index").at_line(12),
                "eval.model-index",
                "3 results (MMLU 0.49, ARC-C 0.41, HellaSwag 0.66)",
            )],
        ),
        (
            Component::InferenceCode,
            Status::Present,
            Some(apache_file.clone()),
            vec![ev(
                Component::InferenceCode,
                Status::Present,
                Location::line("generate.py", 14),
                "code.inference",
                "calls model.generate(",
            )],
        ),
        (
            Component::Datasets,
            Status::Partial,
            None,
            vec![ev(
                Component::Datasets,
                Status::Partial,
                Location::field("README.md", "card:datasets"),
                "data.card-datasets",
                "dataset `HuggingFaceFW/fineweb-edu` named in card metadata",
            )],
        ),
        (
            Component::ResearchPaper,
            Status::Present,
            None,
            vec![ev(
                Component::ResearchPaper,
                Status::Present,
                Location::url("https://arxiv.org/abs/2401.00001").at_line(40),
                "doc.arxiv",
                "arXiv link in the card",
            )],
        ),
    ]);
    let weights = Location::file("model.safetensors");
    let seed = SeedVerdict {
        category: SeedCategory::OpenWeights,
        summary: "The weights are under Apache-2.0, but no training code is shared.".into(),
        rows: vec![
            row(
                "Model parameters",
                "available",
                2,
                "model.safetensors under Apache-2.0",
                vec![weights.clone()],
            ),
            row(
                "Training code",
                "not shared",
                0,
                "no training loop found",
                vec![],
            ),
            row(
                "Training dataset",
                "not disclosed",
                0,
                "datasets are named but neither linked nor documented",
                vec![Location::field("README.md", "card:datasets")],
            ),
            row(
                "Full reproducibility",
                "not possible",
                0,
                "training code and data are missing",
                vec![],
            ),
            row(
                "Transparency",
                "partial",
                1,
                "model card and evaluation results, no data card",
                vec![Location::file("README.md")],
            ),
            row(
                "Auditability",
                "limited",
                1,
                "weights can be inspected; code and data cannot",
                vec![weights.clone()],
            ),
        ],
        assessment: Assessment {
            met: vec![req(
                "weights-open-terms",
                "Weights under open terms",
                "Apache-2.0 (tier P)",
                vec![weights.clone()],
            )],
            unmet: vec![
                req(
                    "training-code",
                    "Complete training code under an OSI-approved license",
                    "no training code found",
                    vec![],
                ),
                req(
                    "training-data",
                    "Training data shared or fully documented",
                    "datasets named only",
                    vec![Location::field("README.md", "card:datasets")],
                ),
            ],
            gap: vec![
                step(
                    "Publish the training code under an OSI-approved license",
                    Component::TrainingCode,
                    StepKind::Publish,
                    LicenseBar::Osi,
                ),
                step(
                    "Publish a data card listing every training source",
                    Component::DataCard,
                    StepKind::Publish,
                    LicenseBar::None,
                ),
            ],
        },
    };
    let others = json!({
        "osaid": {
            "pass": false,
            "elements": {"code": false, "data-information": false, "parameters": true},
            "met": [{"id": "parameters", "title": "Parameters under OSI-approved terms", "reason": "Apache-2.0", "evidence": [{"path": "model.safetensors"}]}],
            "unmet": [
                {"id": "code", "title": "Complete training and data-processing code", "reason": "no training code", "evidence": []},
                {"id": "data-information", "title": "Data Information", "reason": "no data card; sources not listed", "evidence": [{"path": "README.md", "field": "card:datasets"}]}
            ],
            "gap": [{"action": "Publish the training code under an OSI-approved license", "component": "Training code", "kind": "publish", "bar": "osi"}]
        },
        "mof": {
            "mode": "mot",
            "label": "Unclassified",
            "class": 0,
            "progress": {"3": 71.43, "2": 20.0, "1": 20.0},
            "total_progress": 37.14,
            "strict": {"class": 0, "label": "Unclassified", "progress": {"3": 57.14, "2": 20.0, "1": 0.0}, "total_progress": 25.71},
            "met": [], "unmet": [{"id": "class-3", "title": "Class III: every required component released", "reason": "Data card, Technical report missing", "evidence": []}],
            "gap": [{"action": "Publish a data card listing every training source", "component": "Data card", "kind": "publish", "bar": "none"}]
        },
        "osai": {
            "score": 0.42,
            "dimensions": [
                {"id": "data_basemodel", "group": "Availability", "name": "Base model data", "grade": "closed", "reason": "datasets named only", "evidence": []},
                {"id": "weights_enduser", "group": "Availability", "name": "End user model weights", "grade": "open", "reason": "Apache-2.0", "evidence": [{"path": "model.safetensors"}]},
                {"id": "code_training", "group": "Availability", "name": "Training code", "grade": "closed", "reason": "no training code", "evidence": []},
                {"id": "code_docs", "group": "Documentation", "name": "Code documentation", "grade": "partial", "reason": "inference only", "evidence": []},
                {"id": "licenses", "group": "Access", "name": "Licenses", "grade": "open", "reason": "Apache-2.0", "evidence": [{"path": "LICENSE"}]},
                {"id": "preprint", "group": "Documentation", "name": "Preprint", "grade": "open", "reason": "arXiv", "evidence": [{"url": "https://arxiv.org/abs/2401.00001"}]},
                {"id": "api", "group": "Access", "name": "API", "grade": null, "legacy": true, "reason": "not visible in a release", "evidence": []}
            ],
            "met": [], "unmet": [], "gap": []
        },
        "eu-ai-act": {
            "eligible": "cannot-tell",
            "open_conditions": ["The model is not monetised (no price, no paid-only access)", "The model is not a general-purpose AI model with systemic risk"],
            "still_owed": ["A copyright policy (Art. 53(1)(c))", "A summary of the training content (Art. 53(1)(d))"],
            "met": [{"id": "license", "title": "Free and open-source license", "reason": "Apache-2.0", "evidence": []}],
            "unmet": [{"id": "monetisation", "title": "Not monetised", "reason": "glassbox cannot see monetisation", "evidence": []}],
            "gap": []
        },
        "owd": {"pass": true, "met": [], "unmet": [], "gap": []}
    });
    Report {
        schema: REPORT_SCHEMA.into(),
        tool: ToolInfo {
            name: "glassbox".into(),
            version: "0.1.0".into(),
        },
        target: TargetInfo {
            spec: "hf:acme/tiny-llm@3f1c2e9a4b5d6e7f8091a2b3c4d5e6f708192a3b".into(),
            kind: "hf".into(),
            name: "acme/tiny-llm".into(),
            revision: Some("3F1C2E9A4B5D6E7F8091A2B3C4D5E6F708192A3B".into()),
        },
        lineage: vec![LineageNode {
            model: "meta-llama/Llama-3.1-8B-Instruct".into(),
            relation: Some("finetune".into()),
            licenses: vec![LineageLicense {
                stated: "llama3.1".into(),
                id: Some("LicenseRef-Llama-3.1".into()),
                name: Some("Llama 3.1 Community License Agreement".into()),
                tier: Some(Tier::R),
            }],
            source: LineageSource::ModelCard,
            location: Location {
                url: Some("https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/0e9e39f249a16976918f6564b8830bc894c89659/README.md".into()),
                field: Some("card:license".into()),
                ..Default::default()
            },
            family: Some("Llama 3.1".into()),
            revision: Some("0e9e39f249a16976918f6564b8830bc894c89659".into()),
            note: None,
            bases: vec![LineageNode {
                model: "meta-llama/Llama-3.1-8B".into(),
                relation: None,
                licenses: vec![LineageLicense {
                    stated: "LicenseRef-Llama-3.1".into(),
                    id: Some("LicenseRef-Llama-3.1".into()),
                    name: Some("Llama 3.1 Community License Agreement".into()),
                    tier: Some(Tier::R),
                }],
                source: LineageSource::LineageTable,
                location: Location {
                    url: Some("https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/0e9e39f249a16976918f6564b8830bc894c89659/README.md".into()),
                    field: Some("card:base_model".into()),
                    ..Default::default()
                },
                family: Some("Llama 3.1".into()),
                revision: None,
                note: Some("not followed: lineage bound reached".into()),
                bases: Vec::new(),
            }],
        }],
        stats: glassbox_core::report::Stats {
            files: 5,
            bytes_total: 2_471_630_000,
            bytes_read: 61_440,
        },
        evidence: EvidenceSet {
            obligations: vec![glassbox_core::LicenseObligations {
                license: "Apache-2.0".into(),
                tier: Tier::P,
                components: vec![
                    Component::ModelArchitecture,
                    Component::ModelParametersFinal,
                    Component::InferenceCode,
                ],
                obligations: vec![
                    "Keep the license text and the NOTICE file with every copy".into(),
                    "State the changes you made to modified files".into(),
                ],
            }],
            artifacts: vec![
                Artifact {
                    path: "model.safetensors".into(),
                    size: 134,
                    kind: ArtifactKind::Weights,
                    lfs: Some(LfsPointer {
                        oid: format!("sha256:{SHA}"),
                        size: 2_471_600_000,
                    }),
                    sha256: None,
                    url: Some(
                        "https://huggingface.co/acme/tiny-llm/resolve/main/model.safetensors"
                            .into(),
                    ),
                },
                Artifact {
                    path: "config.json".into(),
                    size: 700,
                    kind: ArtifactKind::Config,
                    lfs: None,
                    sha256: Some(SHA2.into()),
                    url: None,
                },
                Artifact {
                    path: "README.md".into(),
                    size: 9000,
                    kind: ArtifactKind::Card,
                    lfs: None,
                    sha256: None,
                    url: None,
                },
                Artifact {
                    path: "LICENSE".into(),
                    size: 11357,
                    kind: ArtifactKind::License,
                    lfs: None,
                    sha256: None,
                    url: None,
                },
                Artifact {
                    path: "generate.py".into(),
                    size: 1200,
                    kind: ArtifactKind::Code,
                    lfs: None,
                    sha256: None,
                    url: None,
                },
            ],
            components: comps,
            licenses: vec![
                LicenseFinding {
                    source: "README.md [card:license]".into(),
                    kind: LicenseKind::License,
                    id: "Apache-2.0".into(),
                    name: "Apache License 2.0".into(),
                    tier: Tier::P,
                    osi_approved: true,
                    score: 1.0,
                    modified: false,
                    method: "hf-tag".into(),
                    location: Location::field("README.md", "card:license"),
                },
                LicenseFinding {
                    source: "LICENSE".into(),
                    kind: LicenseKind::License,
                    id: "Apache-2.0".into(),
                    name: "Apache License 2.0".into(),
                    tier: Tier::P,
                    osi_approved: true,
                    score: 0.99,
                    modified: false,
                    method: "text-match".into(),
                    location: Location::file("LICENSE"),
                },
            ],
            findings: vec![Finding::new(
                ArtifactCode::MissingDataCard,
                Severity::Low,
                "No data card: the training data is not documented.",
                Location::file("README.md"),
            )],
            model_licenses: None,
        },
        next_steps: Vec::new(),
        verdicts: Verdicts {
            seed,
            others: others
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone().into()))
                .collect(),
        },
    }
}

/// A restricted-weights local release under a custom license, with a license conflict and an
/// unsafe pickle finding; no verdicts other than the seed (as before the frameworks land).
pub fn restricted_local() -> Report {
    let llama = lic(
        "LicenseRef-Llama-3.1",
        "Llama 3.1 Community License",
        Tier::R,
        Location::file("LICENSE"),
    );
    let comps = components(&[
        (
            Component::ModelParametersFinal,
            Status::Present,
            Some(llama.clone()),
            vec![ev(
                Component::ModelParametersFinal,
                Status::Present,
                Location::file("consolidated.pth"),
                "weights.pytorch",
                "PyTorch zip checkpoint",
            )],
        ),
        (
            Component::ModelCard,
            Status::Present,
            Some(llama.clone()),
            vec![ev(
                Component::ModelCard,
                Status::Present,
                Location::file("README.md"),
                "card.readme",
                "card",
            )],
        ),
        (
            Component::ModelArchitecture,
            Status::Present,
            Some(llama.clone()),
            vec![ev(
                Component::ModelArchitecture,
                Status::Present,
                Location::file("params.json"),
                "arch.params",
                "llama params",
            )],
        ),
    ]);
    let pth = Location::file("consolidated.pth");
    Report {
        schema: REPORT_SCHEMA.into(),
        tool: ToolInfo { name: "glassbox".into(), version: "0.1.0".into() },
        target: TargetInfo { spec: "examples/restricted-weights".into(), kind: "local".into(), name: "restricted-weights".into(), revision: None },
        lineage: Vec::new(),
        stats: glassbox_core::report::Stats { files: 4, bytes_total: 50_000, bytes_read: 50_000 },
        evidence: EvidenceSet {
            obligations: vec![glassbox_core::LicenseObligations {
                license: "LicenseRef-Llama-3.1".into(),
                tier: Tier::R,
                components: vec![Component::ModelParametersFinal, Component::ModelCard, Component::ModelArchitecture],
                obligations: vec![
                    "Display \"Built with Llama\" on products that use the model".into(),
                    "A license from Meta is needed above 700 million monthly active users".into(),
                ],
            }],
            artifacts: vec![
                Artifact { path: "consolidated.pth".into(), size: 40_000, kind: ArtifactKind::Weights, lfs: None, sha256: Some(SHA.into()), url: None },
                Artifact { path: "params.json".into(), size: 200, kind: ArtifactKind::Config, lfs: None, sha256: None, url: None },
                Artifact { path: "README.md".into(), size: 3000, kind: ArtifactKind::Card, lfs: None, sha256: None, url: None },
                Artifact { path: "LICENSE".into(), size: 6800, kind: ArtifactKind::License, lfs: None, sha256: None, url: None },
            ],
            components: comps,
            licenses: vec![LicenseFinding {
                source: "LICENSE".into(),
                kind: LicenseKind::License,
                id: "LicenseRef-Llama-3.1".into(),
                name: "Llama 3.1 Community License".into(),
                tier: Tier::R,
                osi_approved: false,
                score: 0.97,
                modified: false,
                method: "text-match".into(),
                location: Location::file("LICENSE"),
            }],
            findings: vec![
                Finding {
                    kind: LicenseCode::LicenseConflict.into(),
                    severity: Severity::High,
                    message: "The card says apache-2.0 but LICENSE is the Llama 3.1 Community License; graded by the most restrictive.".into(),
                    evidence: vec![Location::field("README.md", "card:license"), Location::file("LICENSE")],
                },
                Finding::new(
                    ScanCode::UnsafeGlobal,
                    Severity::Critical,
                    "consolidated.pth imports posix.system: loading it can run code.",
                    pth.clone(),
                ),
            ],
            model_licenses: None,
        },
        next_steps: Vec::new(),
        verdicts: Verdicts {
            seed: SeedVerdict {
                category: SeedCategory::RestrictedWeights,
                summary: "The weights are obtainable under a restricted license (tier R).".into(),
                rows: vec![
                    row("Model parameters", "restricted", 1, "Llama 3.1 Community License (tier R)", vec![pth.clone(), Location::file("LICENSE")]),
                    row("Training code", "not shared", 0, "no training loop found", vec![]),
                    row("Training dataset", "not disclosed", 0, "no dataset named", vec![]),
                    row("Full reproducibility", "not possible", 0, "training code and data are missing", vec![]),
                    row("Transparency", "minimal", 0, "a model card only", vec![Location::file("README.md")]),
                    row("Auditability", "limited", 1, "weights can be inspected", vec![pth]),
                ],
                assessment: Assessment {
                    met: vec![],
                    unmet: vec![req(
                        "weights-open-terms",
                        "Weights under open terms",
                        "Llama 3.1 Community License is tier R",
                        vec![Location::file("LICENSE")],
                    )],
                    gap: vec![step("License the weights under OSI-approved or open terms", Component::ModelParametersFinal, StepKind::License, LicenseBar::Open)],
                },
            },
            others: Default::default(),
        },
    }
}

/// A release whose card, file names and license names try to inject script and Markdown.
pub fn hostile() -> Report {
    let mut r = restricted_local();
    let evil_name = "<script>alert('x')</script> [pwn](javascript:alert(1)) **bold** @everyone";
    r.target.name = evil_name.into();
    r.target.spec = "examples/<img src=x onerror=alert(1)>".into();
    r.verdicts.seed.summary = "Summary </td><script>document.title='pwned'</script> | col | ![img](https://evil.example/x.png)".into();
    r.verdicts.seed.rows[0].reason =
        "# Heading\n- list\n<iframe src=\"https://evil.example\"></iframe>".into();
    r.verdicts.seed.rows[0].evidence = vec![
        Location {
            path: Some("weights/<b>x</b>|y`z.pth".into()),
            line: Some(3),
            field: None,
            url: Some("javascript:alert(1)".into()),
        },
        Location::url("https://evil.example/\" onmouseover=\"alert(1)"),
    ];
    r.evidence.artifacts[0].path = "weights/<b>x</b>|y`z.pth".into();
    if let Some(c) = r
        .evidence
        .components
        .iter_mut()
        .find(|c| c.component == Component::ModelParametersFinal)
    {
        if let Some(l) = c.license.as_mut() {
            l.name = "<script>alert('license')</script> {0} [link](1)".into();
        }
    }
    r.evidence.licenses[0].name = "<svg onload=alert(1)>".into();
    r.evidence.obligations[0]
        .obligations
        .push("<script>alert('obligation')</script> [x](javascript:y)".into());
    r.evidence.findings[1].message =
        "{0} [click](1) <script>alert(2)</script> @security-team".into();
    r.evidence.findings[1].evidence = vec![Location::line("weights/<b>x</b>|y`z.pth", 1)];
    r.verdicts.others.insert(
        "osai".into(),
        json!({"score": 0.1, "dimensions": [{"id": "x", "group": "Access", "name": "<script>alert(3)</script>", "grade": "open", "reason": "", "evidence": []}],
               "met": [], "unmet": [], "gap": [{"action": "<img src=x onerror=alert(4)> publish"}]})
            .into(),
    );
    r.lineage = vec![LineageNode {
        model: "<script>alert(5)</script>/x\n# heading".into(),
        relation: Some("merge </li><li>".into()),
        licenses: vec![LineageLicense {
            stated: "other".into(),
            id: None,
            name: Some("[x](javascript:alert(6)) <b>".into()),
            tier: None,
        }],
        source: LineageSource::ModelCard,
        location: Location::url("javascript:alert(7)"),
        family: None,
        revision: None,
        note: Some("\u{1b}[31m`code` | cell\n- item".into()),
        bases: Vec::new(),
    }];
    r
}

/// All example reports.
pub fn all() -> Vec<Report> {
    vec![open_weights_hub(), restricted_local(), hostile()]
}
