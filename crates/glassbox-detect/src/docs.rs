//! Documents and data: model card, data card, technical report, research paper, evaluation
//! results and data, datasets, sample outputs, model metadata.

use glassbox_core::codes::ArtifactCode;
use glassbox_core::Release;
use glassbox_core::{ArtifactKind, Component, Evidence, Finding, Location, Severity, Status};
use glassbox_formats::card::LinkKind;

use crate::facts::Facts;
use crate::weights::ev;

/// A "Training data" section counts as a data card when it has at least this much text.
const SUBSTANTIVE_DATA_SECTION: usize = 400;

const DATA_SECTIONS: &[&str] = &[
    "training data",
    "dataset",
    "data sources",
    "pretraining data",
    "training corpus",
    "data card",
];
const EVAL_SECTIONS: &[&str] = &["evaluation", "results", "benchmark"];

pub(crate) fn detect(
    release: &Release,
    facts: &Facts,
    out: &mut Vec<Evidence>,
    findings: &mut Vec<Finding>,
) {
    if let Some((path, card)) = &facts.card {
        card_evidence(release, path, card, out);
        if !card.fields.gating.is_empty() {
            findings.push(Finding::new(
                ArtifactCode::Gated,
                Severity::Info,
                format!(
                    "access is gated: users must accept terms before downloading ({})",
                    card.fields.gating.join(", ")
                ),
                Location::line(path, card.line_of(&card.fields.gating[0]))
                    .with_field(format!("card:{}", card.fields.gating[0])),
            ));
        }
    }
    for f in &release.files {
        let path = &f.artifact.path;
        let lower = path.to_ascii_lowercase();
        let name = lower.rsplit('/').next().unwrap_or("");
        let in_eval_dir = lower
            .split('/')
            .rev()
            .skip(1)
            .any(|d| d.contains("eval") || d == "test" || d == "benchmark");
        match f.artifact.kind {
            // Checkpoint listings (`Step,Checkpoint Directory`) are weights, not data.
            ArtifactKind::Data | ArtifactKind::LfsPointer
                if is_data_name(name)
                    && !f.text().is_some_and(|t| {
                        t.lines()
                            .next()
                            .is_some_and(|h| h.to_ascii_lowercase().contains("checkpoint"))
                    }) =>
            {
                let size = f.artifact.content_size();
                let (c, rule, status) = if in_eval_dir {
                    (Component::EvaluationData, "data.eval-file", Status::Present)
                } else if crate::data_docs::not_training_data(&lower, size)
                    || crate::remote::vendored(&lower)
                {
                    // Examples, tests, demos, evaluation sets and tiny files are not the
                    // training data.
                    (Component::Datasets, "data.example-file", Status::Partial)
                } else {
                    (Component::Datasets, "data.file", Status::Present)
                };
                out.push(ev(
                    c,
                    status,
                    Location::file(path),
                    rule,
                    0.8,
                    if release.object_missing(path) {
                        // Listed by the tree, blob absent from the snapshot: no size to give.
                        "data file listed; its blob is absent from the object database, size unknown"
                            .to_string()
                    } else {
                        format!(
                            "data file shipped ({} bytes)",
                            f.artifact.content_size()
                        )
                    },
                ));
            }
            ArtifactKind::Document | ArtifactKind::Card
                if path.contains('/') || name != "readme.md" =>
            {
                if name.starts_with("datasheet")
                    || name.starts_with("data_card")
                    || name.starts_with("datacard")
                    || name.starts_with("data-card")
                {
                    out.push(ev(
                        Component::DataCard,
                        Status::Present,
                        Location::file(path),
                        "docs.datasheet",
                        0.9,
                        "datasheet / data card document",
                    ));
                } else if name.contains("technical_report")
                    || name.contains("tech_report")
                    || name.contains("technical-report")
                    || (name.contains("report") && name.ends_with(".pdf"))
                {
                    out.push(ev(
                        Component::TechnicalReport,
                        Status::Present,
                        Location::file(path),
                        "docs.report-file",
                        0.8,
                        "technical report document",
                    ));
                } else if name.ends_with(".pdf") || name.ends_with(".tex") {
                    out.push(ev(
                        Component::ResearchPaper,
                        Status::Present,
                        Location::file(path),
                        "docs.paper-file",
                        0.6,
                        "paper document",
                    ));
                } else if name.ends_with(".bib") {
                    out.push(ev(
                        Component::ResearchPaper,
                        Status::Partial,
                        Location::file(path),
                        "docs.bibtex-file",
                        0.5,
                        "a citation (BibTeX), the paper itself not linked",
                    ));
                } else if name.starts_with("model_card") || name.starts_with("modelcard") {
                    out.push(ev(
                        Component::ModelCard,
                        Status::Present,
                        Location::file(path),
                        "docs.model-card-file",
                        0.8,
                        "model card document",
                    ));
                }
            }
            _ => {}
        }
        if lower.starts_with(".eval_results/")
            && (lower.ends_with(".yaml") || lower.ends_with(".yml"))
        {
            out.push(ev(
                Component::EvaluationResults,
                Status::Present,
                Location::file(path),
                "eval.eval-results-file",
                1.0,
                "Hub evaluation results file",
            ));
        }
        if (lower.contains("sample") || lower.contains("generations") || lower.contains("outputs/"))
            && matches!(f.artifact.kind, ArtifactKind::Data | ArtifactKind::Document)
        {
            out.push(ev(
                Component::SampleModelOutputs,
                Status::Present,
                Location::file(path),
                "docs.sample-outputs",
                0.6,
                "sample outputs",
            ));
        }
    }
    if let Some((path, _)) = &facts.config {
        out.push(ev(
            Component::ModelMetadata,
            Status::Present,
            Location::file(path),
            "metadata.config",
            0.6,
            "machine-readable model configuration",
        ));
    }
}

fn is_data_name(name: &str) -> bool {
    [
        ".csv",
        ".tsv",
        ".jsonl",
        ".parquet",
        ".arrow",
        ".jsonl.gz",
        ".json.gz",
        ".txt.gz",
        ".zst",
        ".tfrecord",
        ".feather",
    ]
    .iter()
    .any(|e| name.ends_with(e))
}

fn card_evidence(
    release: &Release,
    path: &str,
    card: &glassbox_formats::card::Card,
    out: &mut Vec<Evidence>,
) {
    let has_meta = card.metadata.is_object();
    let standard = card.sections.iter().filter(|s| {
        let t = s.title.to_ascii_lowercase();
        [
            "uses",
            "training",
            "evaluation",
            "bias",
            "limitations",
            "citation",
            "model details",
            "model description",
            "license",
        ]
        .iter()
        .any(|k| t.contains(k))
    });
    let n_standard = standard.count();
    let (status, detail) = match (has_meta, n_standard) {
        (true, n) if n >= 2 => (
            Status::Present,
            format!("card metadata and {n} standard sections"),
        ),
        (false, n) if n >= 3 => (
            Status::Present,
            format!("{n} standard sections, no metadata"),
        ),
        (_, n) if card.body_bytes > 200 => (
            Status::Partial,
            format!("a README with {n} standard sections"),
        ),
        _ => (Status::Partial, "a minimal README".to_string()),
    };
    out.push(ev(
        Component::ModelCard,
        status,
        Location::file(path),
        "docs.model-card",
        0.9,
        detail,
    ));
    if has_meta {
        out.push(ev(
            Component::ModelMetadata,
            Status::Present,
            Location::line(path, 1),
            "metadata.card-yaml",
            0.7,
            "card metadata (YAML front matter)",
        ));
    }

    if let Some((s, bytes)) = card.section_like(DATA_SECTIONS) {
        let (status, rule) = if bytes >= SUBSTANTIVE_DATA_SECTION {
            (Status::Present, "docs.data-section")
        } else {
            (Status::Partial, "docs.data-section-short")
        };
        out.push(ev(
            Component::DataCard,
            status,
            Location::line(path, s.line),
            rule,
            0.7,
            format!("\"{}\" section, {bytes} bytes", s.title),
        ));
    }

    if card.fields.model_index_results > 0 {
        out.push(ev(
            Component::EvaluationResults,
            Status::Present,
            Location::line(path, card.line_of("model-index")).with_field("card:model-index"),
            "eval.model-index",
            1.0,
            format!("{} results in model-index", card.fields.model_index_results),
        ));
        out.push(ev(
            Component::EvaluationData,
            Status::Partial,
            Location::line(path, card.line_of("model-index")).with_field("card:model-index"),
            "eval.model-index-datasets",
            0.5,
            "evaluation datasets named in model-index",
        ));
    }
    if let Some((s, bytes)) = card.section_like(EVAL_SECTIONS) {
        let table = release
            .file(path)
            .and_then(|f| f.text())
            .map(|t| section_has_table(&t, s.line))
            .unwrap_or(false);
        let (status, rule) = if table {
            (Status::Present, "eval.card-table")
        } else {
            (Status::Partial, "eval.card-section")
        };
        out.push(ev(
            Component::EvaluationResults,
            status,
            Location::line(path, s.line),
            rule,
            0.7,
            format!(
                "\"{}\" section, {bytes} bytes{}",
                s.title,
                if table { ", with a results table" } else { "" }
            ),
        ));
    }

    for (i, id) in card.fields.datasets.iter().enumerate() {
        let line = card.line_of("datasets") + 1 + i as u32;
        out.push(ev(
            Component::Datasets,
            Status::Present,
            Location::line(path, line)
                .with_field("card:datasets")
                .with_url(format!("https://huggingface.co/datasets/{id}")),
            "data.card-datasets",
            0.7,
            format!("dataset `{id}` named in card metadata (obtainable on the Hub)"),
        ));
    }
    for link in &card.links {
        let at = Location::line(path, link.line).with_url(&link.url);
        match link.kind {
            LinkKind::Dataset
                if ![
                    ".png", ".jpg", ".jpeg", ".gif", ".wav", ".mp3", ".mp4", ".webp", ".svg",
                ]
                .iter()
                .any(|m| link.url.to_ascii_lowercase().ends_with(m))
                    && !link.url.contains("/badges/") =>
            {
                let section = link.section.as_deref().unwrap_or("").to_ascii_lowercase();
                let c = if section.contains("eval") {
                    Component::EvaluationData
                } else {
                    Component::Datasets
                };
                out.push(ev(
                    c,
                    Status::Present,
                    at,
                    "data.link",
                    0.6,
                    "link to a dataset",
                ));
            }
            LinkKind::Paper => {
                let section = link.section.as_deref().unwrap_or("").to_ascii_lowercase();
                let c = if section.contains("technical report") || link.url.contains("report") {
                    Component::TechnicalReport
                } else {
                    Component::ResearchPaper
                };
                out.push(ev(
                    c,
                    Status::Present,
                    at,
                    "docs.paper-link",
                    0.8,
                    "link to a paper",
                ));
            }
            LinkKind::CodeRepository => {
                out.push(ev(
                    Component::SupportingLibraries,
                    Status::Partial,
                    at,
                    "code.repository-link",
                    0.3,
                    "link to a code repository (not inspected)",
                ));
            }
            _ => {}
        }
    }
    if let Some(text) = release.file(path).and_then(|f| f.text()) {
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("@article{")
                || t.starts_with("@inproceedings{")
                || t.starts_with("@misc{")
                || t.starts_with("@techreport{")
            {
                let c = if t.starts_with("@techreport{") {
                    Component::TechnicalReport
                } else {
                    Component::ResearchPaper
                };
                out.push(ev(
                    c,
                    Status::Partial,
                    Location::line(path, i as u32 + 1),
                    "docs.bibtex",
                    0.6,
                    "BibTeX citation in the card",
                ));
                break;
            }
        }
    }
}

/// Whether a Markdown table starts within the section beginning at `line`.
fn section_has_table(text: &str, line: u32) -> bool {
    text.lines()
        .skip(line as usize)
        .take_while(|l| !l.starts_with('#'))
        .any(|l| l.trim_start().starts_with('|') && l.matches('|').count() >= 3)
}
