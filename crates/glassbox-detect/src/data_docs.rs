//! Training-data documentation beyond the model card: data-mixture tables, dataset links in
//! any Markdown file, pre-tokenised data and per-shard listings, datasheets, data recipes.

use glassbox_core::Release;
use glassbox_core::{ArtifactKind, Component, Evidence, Location, Status};

use crate::remote::vendored;
use crate::weights::ev;

/// Column headings that name data sources.
const SOURCE_COLS: &[&str] = &["source", "dataset", "data", "subset", "corpus", "domain"];
/// Column headings that give each source's share.
const SHARE_COLS: &[&str] = &[
    "%",
    "proportion",
    "weight",
    "ratio",
    "tokens",
    "sampling",
    "mixture",
    "share",
    "epochs",
    "documents",
    "size",
];

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect()
}

/// The first data-mixture table in a Markdown text: a header with a source column and a share
/// column, then at least three rows. Returns its header line (1-based).
pub(crate) fn mixture_table(text: &str) -> Option<u32> {
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if !l.trim_start().starts_with('|') || i + 1 >= lines.len() {
            continue;
        }
        let sep = lines[i + 1].trim();
        if !(sep.starts_with('|') && sep.contains("--")) {
            continue;
        }
        let head = cells(l);
        let source = head
            .iter()
            .any(|c| SOURCE_COLS.iter().any(|s| c.contains(s)));
        let share = head
            .iter()
            .any(|c| SHARE_COLS.iter().any(|s| c.contains(s)));
        let rows = lines[i + 2..]
            .iter()
            .take_while(|r| r.trim_start().starts_with('|'))
            .count();
        if source && share && rows >= 3 {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// Whether a URL is a training-data location: a Hub dataset, pre-tokenised shards.
fn data_url(u: &str) -> Option<&'static str> {
    let l = u.to_ascii_lowercase();
    let media = [
        ".png", ".jpg", ".jpeg", ".gif", ".wav", ".mp3", ".mp4", ".webp", ".svg",
    ];
    if media.iter().any(|m| l.ends_with(m)) || l.contains("/badges/") {
        return None;
    }
    if l.ends_with(".npy") || l.contains("/preprocessed/") || l.contains("tokenized") {
        return Some("pre-tokenised training data");
    }
    if l.contains("huggingface.co/datasets/") || l.contains("hf.co/datasets/") {
        return Some("a dataset on the Hub");
    }
    None
}

fn urls(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || "\"'<>()[]`|,".contains(c))
        .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
}

/// Whether a path is an example, test or evaluation set rather than training data.
pub(crate) fn not_training_data(lower: &str, size: u64) -> bool {
    size < 1024
        || lower.split(['/', '_', '-', '.', ' ']).any(|t| {
            matches!(
                t,
                "examples"
                    | "example"
                    | "egs"
                    | "demo"
                    | "demos"
                    | "sample"
                    | "samples"
                    | "tests"
                    | "test"
                    | "testdata"
                    | "testconfigs"
                    | "eval"
                    | "evals"
                    | "evaluation"
                    | "benchmark"
                    | "benchmarks"
                    | "improve"
                    | "assets"
                    | "dev"
                    | "valid"
                    | "validation"
                    | "val"
                    | "mmlu"
                    | "lambada"
                    | "cases"
                    | "compatibility"
                    // A cut-down file for trying a script is not the data a model was trained on.
                    | "small"
                    | "tiny"
                    | "toy"
                    | "dummy"
                    | "debug"
                    | "mini"
                    | "fixture"
                    | "fixtures"
                    | "scripts"
            )
        })
}

pub(crate) fn detect(release: &Release, out: &mut Vec<Evidence>) {
    let mut table_done = false;
    let mut link_done = false;
    let mut pretok_done = false;
    for f in &release.files {
        let path = &f.artifact.path;
        let lower = path.to_ascii_lowercase();
        if vendored(&lower) {
            continue;
        }
        let Some(text) = f.text() else { continue };
        let name = lower.rsplit('/').next().unwrap_or("");
        let markdown = lower.ends_with(".md") || lower.ends_with(".rst");
        if markdown {
            if !table_done {
                if let Some(line) = mixture_table(&text) {
                    table_done = true;
                    out.push(ev(
                        Component::DataCard,
                        Status::Present,
                        Location::line(path, line),
                        "data.mixture-table",
                        0.7,
                        "a data-mixture table: sources with their proportions",
                    ));
                    out.push(ev(
                        Component::Datasets,
                        Status::Partial,
                        Location::line(path, line),
                        "data.mixture-table",
                        0.5,
                        "training data sources named in a mixture table",
                    ));
                }
            }
            if text.lines().find(|l| l.starts_with('#')).is_some_and(|h| {
                let h = h.to_ascii_lowercase();
                h.contains("datasheet") || h.contains("data card")
            }) && !["datasheet", "data_card", "datacard", "data-card"]
                .iter()
                .any(|p| name.starts_with(p))
            {
                out.push(ev(
                    Component::DataCard,
                    Status::Present,
                    Location::line(path, 1),
                    "docs.datasheet",
                    0.8,
                    "a datasheet / data card document",
                ));
            }
        }
        let config = [
            ".yaml", ".yml", ".json", ".toml", ".csv", ".md", ".rst", ".txt",
        ]
        .iter()
        .any(|e| name.ends_with(e));
        if !config || f.artifact.kind == ArtifactKind::Code {
            continue;
        }
        // Per-shard listings (`Dataset,Data Directory` / `Step,Checkpoint Directory`).
        if name.ends_with(".csv") {
            let head = text.lines().next().unwrap_or("").to_ascii_lowercase();
            let has_urls = text.contains("://");
            if has_urls && head.contains("checkpoint") {
                out.push(ev(
                    Component::ModelParametersIntermediate,
                    Status::Present,
                    Location::line(path, 1),
                    "weights.checkpoint-listing",
                    0.7,
                    format!(
                        "a listing of checkpoints with their URLs ({} rows)",
                        text.lines().count().saturating_sub(1)
                    ),
                ));
                continue;
            }
            if has_urls && (head.contains("data") || head.contains("source")) {
                out.push(ev(
                    Component::Datasets,
                    Status::Present,
                    Location::line(path, 1),
                    "data.shard-listing",
                    0.7,
                    format!(
                        "a listing of the training data with URLs ({} rows)",
                        text.lines().count().saturating_sub(1)
                    ),
                ));
                continue;
            }
        }
        for (i, line) in text.lines().enumerate() {
            for u in urls(line) {
                let Some(what) = data_url(u) else { continue };
                let pretok = what.starts_with("pre-tokenised");
                if (pretok && pretok_done)
                    || (!pretok && (link_done || !markdown || path == "README.md"))
                {
                    continue;
                }
                if !pretok && not_training_data(&lower, u64::MAX) {
                    continue;
                }
                if pretok {
                    pretok_done = true;
                } else {
                    link_done = true;
                }
                out.push(ev(
                    Component::Datasets,
                    Status::Present,
                    Location::line(path, i as u32 + 1).with_url(u),
                    if pretok {
                        "data.pretokenized"
                    } else {
                        "data.doc-link"
                    },
                    if pretok { 0.7 } else { 0.6 },
                    format!("link to {what}"),
                ));
            }
        }
        // A data recipe: a config under `data/` (or named for the mixture) listing its sources.
        let recipe_path = lower
            .split('/')
            .rev()
            .skip(1)
            .any(|d| d == "data" || d.contains("data_mix") || d.contains("recipe"))
            || name.contains("mixture")
            || name.contains("data_mix")
            || name.contains("recipe");
        if recipe_path && !markdown && !name.ends_with(".csv") {
            let sources = text
                .lines()
                .filter(|l| {
                    let t = l.to_ascii_lowercase();
                    t.contains("://")
                        || t.contains("hf_path")
                        || t.contains("dataset")
                        || t.contains("source")
                })
                .count();
            if sources >= 2 {
                out.push(ev(
                    Component::DataCard,
                    Status::Partial,
                    Location::file(path),
                    "data.recipe",
                    0.5,
                    format!("a data recipe listing {sources} sources"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixture_tables() {
        let t = "# Data\n\n| Source | Tokens | % |\n|---|---|---|\n| Web | 1T | 80 |\n| Code | 100B | 10 |\n| Books | 100B | 10 |\n";
        assert_eq!(mixture_table(t), Some(3));
        let results = "| Model | MMLU |\n|---|---|\n| a | 1 |\n| b | 2 |\n| c | 3 |\n";
        assert_eq!(mixture_table(results), None);
    }

    #[test]
    fn training_data_or_not() {
        assert!(not_training_data("rwkv-v7/misc/lambada_test.jsonl", 5000));
        assert!(not_training_data("examples/data.csv", 32));
        assert!(!not_training_data("data/train.jsonl", 50_000));
        assert_eq!(
            data_url("https://huggingface.co/datasets/p/random_img/resolve/main/y.png"),
            None
        );
        assert!(data_url("http://olmo-data.org/preprocessed/dolma/part-0-00000.npy").is_some());
    }
}
