//! Model parameters (final and intermediate) and architecture: weight files, shard indexes,
//! LFS pointers, download links, checkpoints, `config.json`, modeling code.

use glassbox_core::codes::ArtifactCode;
use std::collections::BTreeSet;

use glassbox_core::{ArtifactKind, Component, Evidence, Finding, Location, Severity, Status};
use glassbox_core::{Release, ReleaseFile};
use glassbox_formats::FormatError;

use crate::facts::{Facts, WeightsHeader};

pub(crate) fn ev(
    component: Component,
    status: Status,
    at: Location,
    rule: &str,
    confidence: f32,
    detail: impl Into<String>,
) -> Evidence {
    Evidence {
        component,
        status,
        location: at,
        rule: rule.into(),
        confidence,
        detail: detail.into(),
        provenance: Default::default(),
        source: None,
    }
}

fn is_weights(f: &ReleaseFile) -> bool {
    f.artifact.kind == ArtifactKind::Weights
        || (f.artifact.kind == ArtifactKind::LfsPointer
            && glassbox_core::classify::kind_of(&f.artifact.path) == ArtifactKind::Weights)
}

/// Files with a weights extension that are not a model's parameters: test fixtures and
/// snapshots, Megatron indexed datasets (`X.bin` beside `X.idx`), small arrays and pickles
/// (filter banks, voice prompts, lookup tables) and text saved as `.bin`.
fn not_weights(release: &Release, f: &ReleaseFile) -> Option<&'static str> {
    let path = &f.artifact.path;
    let lower = path.to_ascii_lowercase();
    let dirs: Vec<&str> = lower.split('/').rev().skip(1).collect();
    if dirs.iter().any(|d| {
        d.starts_with('.')
            || matches!(
                *d,
                "tests" | "test" | "testdata" | "test_data" | "fixtures" | "__snapshots__"
            )
    }) {
        return Some("a test fixture or snapshot");
    }
    if let Some(stem) = lower.strip_suffix(".bin") {
        if release
            .file(&format!("{}.idx", &path[..stem.len()]))
            .is_some()
        {
            return Some("tokenised data (a Megatron indexed dataset with its .idx)");
        }
    }
    let size = f.artifact.content_size();
    let small_kind = [".npz", ".npy", ".pkl", ".pickle", ".joblib"]
        .iter()
        .any(|e| lower.ends_with(e));
    if small_kind && size < (1 << 20) {
        return Some("a small array or pickle (under 1 MiB): constants, prompts or a lookup table");
    }
    if lower.ends_with(".bin") && f.artifact.lfs.is_none() {
        if let Some(head) = f.head.as_deref().or(f.content.as_deref()) {
            let sample = &head[..head.len().min(512)];
            if !sample.is_empty()
                && std::str::from_utf8(sample)
                    .is_ok_and(|t| t.chars().all(|c| !c.is_control() || c.is_whitespace()))
            {
                return Some("a text file named .bin");
            }
        }
    }
    None
}

fn is_intermediate(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|dir| {
        let d = dir.to_ascii_lowercase();
        d.starts_with("checkpoint-")
            || d.starts_with("checkpoint_")
            || (d.starts_with("step")
                && d[4..]
                    .trim_start_matches(['-', '_'])
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit()))
            || d == "intermediate_checkpoints"
            || d == "checkpoints"
    })
}

fn format_params(n: u64) -> String {
    match n {
        n if n >= 1_000_000_000 => format!("{:.1}B", n as f64 / 1e9),
        n if n >= 1_000_000 => format!("{:.1}M", n as f64 / 1e6),
        n => format!("{n}"),
    }
}

pub(crate) fn detect(
    release: &Release,
    facts: &Facts,
    out: &mut Vec<Evidence>,
    findings: &mut Vec<Finding>,
) {
    // Shards of an index with missing members: present files of an incomplete set are only
    // part of the parameters, so they count as partial.
    let mut incomplete = BTreeSet::new();
    for f in &release.files {
        if f.artifact.kind == ArtifactKind::WeightsIndex {
            index(release, f, out, findings, &mut incomplete);
        }
    }
    for f in release.files.iter().filter(|f| is_weights(f)) {
        let path = &f.artifact.path;
        if let Some(why) = not_weights(release, f) {
            out.push(ev(
                Component::ModelParametersFinal,
                Status::Absent,
                Location::file(path),
                "weights.not-weights",
                0.7,
                format!("not counted as model weights: {why}"),
            ));
            continue;
        }
        let component = if is_intermediate(path) {
            Component::ModelParametersIntermediate
        } else {
            Component::ModelParametersFinal
        };
        let whole = if incomplete.contains(path) {
            Status::Partial
        } else {
            Status::Present
        };
        if let Some(ptr) = &f.artifact.lfs {
            out.push(ev(
                component,
                whole,
                Location::file(path),
                "weights.lfs-pointer",
                0.8,
                format!(
                    "Git LFS pointer to {} bytes ({}); object not downloaded",
                    ptr.size, ptr.oid
                ),
            ));
            continue;
        }
        if release.object_missing(path) {
            // Like an LFS pointer: the file by its name shows weights were published in the
            // repository, but nothing of them was read, so the confidence is lower.
            out.push(ev(
                component,
                whole,
                Location::file(path),
                "weights.missing-object",
                0.7,
                "weights file by name; its blob is absent from the object database, content not read",
            ));
            continue;
        }
        if let Some(WeightsHeader::Safetensors(header)) = facts.weights.get(path.as_str()) {
            match header {
                Ok(h) => {
                    let dtypes: Vec<String> = h
                        .params_by_dtype
                        .iter()
                        .map(|(d, n)| format!("{d}: {}", format_params(*n)))
                        .collect();
                    out.push(ev(
                        component,
                        whole,
                        Location::file(path),
                        "weights.safetensors",
                        1.0,
                        format!(
                            "{} tensors, {} parameters ({})",
                            h.tensors.len(),
                            format_params(h.total_params),
                            dtypes.join(", ")
                        ),
                    ));
                }
                Err(e) => {
                    findings.push(Finding::new(
                        ArtifactCode::InvalidWeights,
                        Severity::High,
                        format!("{path}: invalid safetensors file: {e}"),
                        Location::file(path),
                    ));
                    out.push(ev(
                        component,
                        Status::Partial,
                        Location::file(path),
                        "weights.safetensors-invalid",
                        0.9,
                        format!("unreadable safetensors: {e}"),
                    ));
                }
            }
        } else if let Some(WeightsHeader::Gguf(parsed)) = facts.weights.get(path.as_str()) {
            gguf(f, parsed, component, whole, out, findings);
        } else if f.artifact.size == 0 {
            findings.push(Finding::new(
                ArtifactCode::InvalidWeights,
                Severity::High,
                format!("{path}: empty weights file"),
                Location::file(path),
            ));
        } else {
            out.push(ev(
                component,
                whole,
                Location::file(path),
                "weights.file",
                0.9,
                format!("weights file, {} bytes", f.artifact.size),
            ));
        }
    }
    if let Some((card_path, _)) = &facts.card {
        for (i, line) in release
            .file(card_path)
            .and_then(|f| f.text())
            .unwrap_or_default()
            .lines()
            .enumerate()
        {
            let l = line.to_ascii_lowercase();
            if l.contains("intermediate checkpoint")
                || l.contains("revisions.txt")
                || (l.contains("checkpoints") && l.contains("branch"))
            {
                out.push(ev(
                    Component::ModelParametersIntermediate,
                    Status::Partial,
                    Location::line(card_path, i as u32 + 1),
                    "weights.intermediate-mention",
                    0.5,
                    "the card mentions intermediate checkpoints",
                ));
                break;
            }
        }
    }
    if release.file("revisions.txt").is_some() {
        out.push(ev(
            Component::ModelParametersIntermediate,
            Status::Present,
            Location::file("revisions.txt"),
            "weights.revisions-list",
            0.7,
            "a list of checkpoint revisions",
        ));
    }
    architecture(release, facts, out);
}

/// When nothing gives this release's own weights, says what the release is instead (a paper,
/// samples or data, an API client, a training library, code that loads other models), so the
/// `closed` verdict carries its reason.
pub(crate) fn none_own(release: &Release, out: &mut Vec<Evidence>) {
    let final_ev = out
        .iter()
        .filter(|e| e.component == Component::ModelParametersFinal);
    if final_ev.clone().any(|e| e.status == Status::Present) {
        return;
    }
    let others = final_ev.filter(|e| e.status == Status::Partial).count();
    let count = |k: ArtifactKind| {
        release
            .files
            .iter()
            .filter(|f| f.artifact.kind == k)
            .count()
    };
    let code = count(ArtifactKind::Code);
    let trains = out
        .iter()
        .any(|e| e.component == Component::TrainingCode && e.status != Status::Absent);
    let client = release.files.iter().any(|f| {
        f.artifact.kind == ArtifactKind::Code
            && f.text().is_some_and(|t| {
                t.contains("chat.completions.create(")
                    || t.contains("messages.create(")
                    || (t.contains("base_url") && t.contains("api_key"))
            })
    });
    let what = if code == 0 {
        if count(ArtifactKind::Data) > 0 {
            "documents, samples or data only (a paper, system card or dataset release)"
        } else {
            "documents only (a paper or system card)"
        }
    } else if client {
        "code without weights of its own (an API client or library)"
    } else if trains {
        "training code without weights of its own (a training library)"
    } else {
        "code without weights of its own"
    };
    let detail = if others > 0 {
        format!("no weights of this release: {what}; the weights it links or loads are not named after it (see the partial evidence)")
    } else {
        format!("no weights of this release and no link, script or form to get them: {what}")
    };
    let at = release
        .file("README.md")
        .map(|f| Location::file(&f.artifact.path))
        .unwrap_or_default();
    out.push(ev(
        Component::ModelParametersFinal,
        Status::Absent,
        at,
        "weights.none-own",
        0.6,
        detail,
    ));
}

fn index(
    release: &Release,
    f: &ReleaseFile,
    out: &mut Vec<Evidence>,
    findings: &mut Vec<Finding>,
    incomplete: &mut BTreeSet<String>,
) {
    let path = &f.artifact.path;
    let dir = path
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let parsed: Option<serde_json::Value> = f
        .content
        .as_deref()
        .and_then(|b| serde_json::from_slice(b).ok());
    let Some(map) = parsed
        .as_ref()
        .and_then(|v| v.get("weight_map"))
        .and_then(|m| m.as_object())
    else {
        findings.push(Finding::new(
            ArtifactCode::InvalidIndex,
            Severity::Medium,
            format!("{path}: not a shard index (no weight_map)"),
            Location::file(path),
        ));
        return;
    };
    let names: BTreeSet<String> = map
        .values()
        .filter_map(|v| v.as_str())
        .map(|s| format!("{dir}{s}"))
        .collect();
    let missing: Vec<&String> = names.iter().filter(|n| release.file(n).is_none()).collect();
    if missing.is_empty() {
        out.push(ev(
            Component::ModelParametersFinal,
            Status::Present,
            Location::field(path, "weight_map"),
            "weights.shard-index",
            1.0,
            format!("all {} shards named by the index are present", names.len()),
        ));
    } else {
        for m in &missing {
            findings.push(Finding::new(
                ArtifactCode::MissingShard,
                Severity::High,
                format!("{path} names shard {m}, which is not in the release"),
                Location::field(path, "weight_map"),
            ));
        }
        out.push(ev(
            Component::ModelParametersFinal,
            Status::Partial,
            Location::field(path, "weight_map"),
            "weights.shard-index-incomplete",
            1.0,
            format!("{} of {} shards missing", missing.len(), names.len()),
        ));
    }
    if !missing.is_empty() {
        incomplete.extend(names);
    }
}

fn architecture(release: &Release, facts: &Facts, out: &mut Vec<Evidence>) {
    if let Some((path, cfg)) = &facts.config {
        if !cfg.architectures.is_empty() || cfg.model_type.is_some() {
            let what = cfg
                .architectures
                .first()
                .cloned()
                .or_else(|| cfg.model_type.clone())
                .unwrap_or_default();
            out.push(ev(
                Component::ModelArchitecture,
                Status::Present,
                Location::field(path, "architectures"),
                "architecture.config",
                0.8,
                format!("config.json declares {what}"),
            ));
        }
    }
    for f in &release.files {
        let name = f
            .artifact
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if name.starts_with("modeling_") && name.ends_with(".py") {
            out.push(ev(
                Component::ModelArchitecture,
                Status::Present,
                Location::file(&f.artifact.path),
                "architecture.modeling-file",
                1.0,
                "modeling code shipped with the weights",
            ));
        } else if f.artifact.kind == ArtifactKind::Code && name.ends_with(".py") {
            if let Some(text) = f.text() {
                if let Some((i, _)) = text.lines().enumerate().find(|(_, l)| {
                    l.trim_start().starts_with("class ")
                        && (l.contains("(nn.Module)")
                            || l.contains("(torch.nn.Module)")
                            || l.contains("PreTrainedModel)"))
                }) {
                    out.push(ev(
                        Component::ModelArchitecture,
                        Status::Present,
                        Location::line(&f.artifact.path, i as u32 + 1),
                        "architecture.nn-module",
                        0.9,
                        "a model defined as an nn.Module",
                    ));
                }
            }
        }
    }
}

/// GGUF: architecture, parameter count, name, license and base models from the metadata.
fn gguf(
    f: &ReleaseFile,
    parsed: &Result<glassbox_formats::gguf::Gguf, FormatError>,
    component: Component,
    whole: Status,
    out: &mut Vec<Evidence>,
    findings: &mut Vec<Finding>,
) {
    let path = &f.artifact.path;
    let head = f.head.as_deref().unwrap_or_default();
    match parsed {
        Ok(g) => {
            let general = g.general();
            let mut detail = format!(
                "GGUF v{}, {} parameters",
                g.version,
                format_params(g.parameter_count)
            );
            if let Some(a) = &general.architecture {
                detail.push_str(&format!(", architecture {a}"));
                out.push(ev(
                    Component::ModelArchitecture,
                    Status::Present,
                    Location::field(path, "general.architecture"),
                    "architecture.gguf",
                    0.8,
                    format!("GGUF declares architecture `{a}`"),
                ));
            }
            if let Some(l) = &general.license {
                detail.push_str(&format!(", general.license {l}"));
            }
            for b in &general.base_models {
                if let Some(name) = b.get("repo_url").or_else(|| b.get("name")) {
                    detail.push_str(&format!(", base model {name}"));
                }
            }
            out.push(ev(
                component,
                whole,
                Location::file(path),
                "weights.gguf",
                1.0,
                detail,
            ));
            out.push(ev(
                Component::ModelMetadata,
                Status::Present,
                Location::file(path),
                "metadata.gguf",
                0.6,
                "GGUF metadata keys",
            ));
        }
        Err(e)
            if head.len() as u64 >= glassbox_core::release::GGUF_HEAD_BYTES
                && matches!(e, FormatError::Truncated(_)) =>
        {
            out.push(ev(
                component,
                whole,
                Location::file(path),
                "weights.gguf-large-metadata",
                0.7,
                format!(
                    "GGUF file; metadata larger than the {} MiB read",
                    glassbox_core::release::GGUF_HEAD_BYTES >> 20
                ),
            ));
        }
        Err(e) => {
            findings.push(Finding::new(
                ArtifactCode::InvalidWeights,
                Severity::High,
                format!("{path}: invalid GGUF file: {e}"),
                Location::file(path),
            ));
            out.push(ev(
                component,
                Status::Partial,
                Location::file(path),
                "weights.gguf-invalid",
                0.9,
                format!("unreadable GGUF: {e}"),
            ));
        }
    }
}
