//! CycloneDX 1.6 JSON ML-BOM, built directly as JSON (the `cyclonedx-bom` crate stops at 1.5).
//!
//! Layout: one `machine-learning-model` component for the release, with its `modelCard`
//! (datasets by reference, the limitations the evidence shows, the component inventory), its
//! licenses (SPDX ids where they exist, names and URLs otherwise), hashes, external references
//! and, for Hub releases, the purl `pkg:huggingface/ORG/NAME@COMMIT`; `data` components for the
//! training and evaluation datasets; a `file` component per artifact with its SHA-256; and the
//! openness verdicts as `glassbox:*` properties. The serial number is derived from the report,
//! so the same report always gives the same BOM.

use glassbox_core::{ArtifactKind, Component, LicenseRef, Report, Status};
use serde_json::{json, Map, Value};

use crate::escape;
use crate::view::{self, LicenseForm};

/// The `bom-ref` of the model component.
const MODEL_REF: &str = "model";

/// Renders one report as a CycloneDX 1.6 JSON BOM (pretty JSON).
pub fn render(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(r)).unwrap_or_default();
    s.push('\n');
    s
}

/// The BOM as a JSON value.
pub fn to_value(r: &Report) -> Value {
    let training = view::datasets(r, Component::Datasets);
    let evaluation = view::datasets(r, Component::EvaluationData);
    let mut components = vec![model(r, &training, &evaluation)];
    let mut data_refs = Vec::new();
    for (role, list, comp) in [
        ("training", &training, Component::Datasets),
        ("evaluation", &evaluation, Component::EvaluationData),
    ] {
        for (i, d) in list.iter().enumerate() {
            let bom_ref = format!("dataset:{role}:{}", i + 1);
            data_refs.push(bom_ref.clone());
            components.push(dataset(r, &bom_ref, role, d, comp));
        }
    }
    for a in &r.evidence.artifacts {
        let mut c = json!({
            "type": "file",
            "bom-ref": format!("file:{}", a.path),
            "name": a.path,
            "properties": [
                prop("glassbox:artifact:kind", &kind_name(a.kind)),
                prop("glassbox:artifact:size", &a.lfs.as_ref().map(|l| l.size).unwrap_or(a.size).to_string()),
            ],
        });
        if let Some(h) = view::artifact_sha256(a) {
            c["hashes"] = json!([{"alg": "SHA-256", "content": h}]);
        }
        if let Some(u) = a.url.as_deref().and_then(escape::safe_url) {
            c["externalReferences"] = json!([{"type": "distribution", "url": u}]);
        }
        if a.lfs.is_some() {
            push(
                &mut c,
                "properties",
                prop("glassbox:artifact:lfs-pointer", "true"),
            );
        }
        components.push(c);
    }
    let files: Vec<String> = r
        .evidence
        .artifacts
        .iter()
        .map(|a| format!("file:{}", a.path))
        .collect();
    let mut depends = data_refs.clone();
    depends.extend(files);
    let mut dependencies = vec![json!({"ref": MODEL_REF, "dependsOn": depends})];
    for d in &data_refs {
        dependencies.push(json!({"ref": d, "dependsOn": []}));
    }

    json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": format!("urn:uuid:{}", view::report_uuid(r)),
        "version": 1,
        "metadata": {
            "tools": {"components": [{
                "type": "application",
                "name": r.tool.name,
                "version": r.tool.version,
            }]},
            "properties": [
                prop("glassbox:report:schema", &r.schema),
                prop("glassbox:target:spec", &r.target.spec),
                prop("glassbox:target:kind", &r.target.kind),
                prop("glassbox:stats:files", &r.stats.files.to_string()),
                prop("glassbox:stats:bytes-total", &r.stats.bytes_total.to_string()),
                prop("glassbox:stats:bytes-read", &r.stats.bytes_read.to_string()),
            ],
        },
        "components": components,
        "dependencies": dependencies,
    })
}

fn prop(name: &str, value: &str) -> Value {
    json!({"name": name, "value": value})
}

fn push(obj: &mut Value, key: &str, item: Value) {
    match obj.get_mut(key).and_then(Value::as_array_mut) {
        Some(a) => a.push(item),
        None => obj[key] = Value::Array(vec![item]),
    }
}

fn kind_name(k: ArtifactKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A CycloneDX `licenses` array (a `licenseChoice`) for a resolved license.
pub fn licenses(l: &LicenseRef) -> Value {
    license_choice(&l.id, &l.name, l.source.url.as_deref(), l.tier.as_str())
}

/// A `licenses` array from a license's parts: an SPDX id, an expression, or a name and URL.
pub fn license_choice(id: &str, name: &str, url: Option<&str>, tier: &str) -> Value {
    match view::license_form(id, name, url) {
        LicenseForm::SpdxId(id) => json!([{"license": {"id": id, "acknowledgement": "concluded"}}]),
        LicenseForm::Expression(e) => json!([{"expression": e, "acknowledgement": "concluded"}]),
        LicenseForm::Named { name, id, url } => {
            let mut lic = json!({
                "name": name,
                "acknowledgement": "concluded",
                "properties": [prop("glassbox:license:id", &id), prop("glassbox:license:tier", tier)],
            });
            if let Some(u) = url {
                lic["url"] = json!(u);
            }
            json!([{ "license": lic }])
        }
    }
}

fn model(r: &Report, training: &[view::DatasetRef], evaluation: &[view::DatasetRef]) -> Value {
    let hub = view::hub_ref(r);
    let mut m = json!({
        "type": "machine-learning-model",
        "bom-ref": MODEL_REF,
        "name": hub.as_ref().map(|h| h.name().to_string()).unwrap_or_else(|| r.target.name.clone()),
    });
    if let Some(org) = hub.as_ref().and_then(|h| h.org()) {
        m["group"] = json!(org);
    }
    if let Some(rev) = &r.target.revision {
        m["version"] = json!(rev);
    }
    m["description"] = json!(format!(
        "glassbox verdict: {}. {}",
        r.verdicts.seed.category.as_str(),
        r.verdicts.seed.summary
    ));
    if let Some(h) = &hub {
        if let Some(rev) = &h.revision {
            m["purl"] = json!(purl(h.org(), h.name(), rev));
        }
    }
    if let Some(l) = r.evidence.license(Component::ModelParametersFinal) {
        m["licenses"] = licenses(l);
    }
    let weights: Vec<String> = r
        .evidence
        .artifacts
        .iter()
        .filter(|a| a.kind == ArtifactKind::Weights)
        .filter_map(view::artifact_sha256)
        .collect();
    if weights.len() == 1 {
        m["hashes"] = json!([{"alg": "SHA-256", "content": weights[0]}]);
    }
    let refs = external_references(r);
    if !refs.is_empty() {
        m["externalReferences"] = Value::Array(refs);
    }
    m["modelCard"] = model_card(r, training, evaluation);
    m["properties"] = Value::Array(verdict_properties(r));
    m
}

/// `pkg:huggingface/ORG/NAME@COMMIT` (the commit lower-cased, as the purl type requires).
pub fn purl(org: Option<&str>, name: &str, revision: &str) -> String {
    let enc = |s: &str| escape::uri_path(s).replace('/', "%2F");
    let rev = if revision.bytes().all(|b| b.is_ascii_hexdigit()) {
        revision.to_ascii_lowercase()
    } else {
        revision.to_string()
    };
    match org {
        Some(o) => format!("pkg:huggingface/{}/{}@{}", enc(o), enc(name), enc(&rev)),
        None => format!("pkg:huggingface/{}@{}", enc(name), enc(&rev)),
    }
}

fn external_references(r: &Report) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let mut add = |kind: &str, url: &str, comment: &str| {
        let Some(u) = escape::safe_url(url) else {
            return;
        };
        if out.iter().any(|v| v["url"] == u && v["type"] == kind) {
            return;
        }
        out.push(json!({"type": kind, "url": u, "comment": comment}));
    };
    if let Some(h) = view::hub_ref(r) {
        add("distribution", &h.url(), "Hugging Face Hub repository");
        if r.evidence.artifacts.iter().any(|a| a.path == "README.md") {
            add("model-card", &h.file_url("README.md", None), "Model card");
        }
    }
    for c in &r.evidence.components {
        let kind = match c.component {
            Component::ModelCard => "model-card",
            Component::ResearchPaper | Component::TechnicalReport | Component::DataCard => {
                "documentation"
            }
            Component::EvaluationResults => "quality-metrics",
            Component::ModelParametersFinal | Component::ModelParametersIntermediate => {
                "distribution"
            }
            Component::Datasets | Component::EvaluationData | Component::ModelMetadata => continue,
            _ => "vcs",
        };
        for e in c.evidence.iter().filter(|e| e.status != Status::Absent) {
            if let Some(u) = &e.location.url {
                let kind = if kind == "vcs" && !is_vcs(u) {
                    "source-distribution"
                } else {
                    kind
                };
                add(kind, u, c.component.name());
            }
        }
    }
    out
}

fn is_vcs(url: &str) -> bool {
    let l = url.to_ascii_lowercase();
    [
        "github.com/",
        "gitlab.com/",
        "bitbucket.org/",
        "codeberg.org/",
        "git.",
    ]
    .iter()
    .any(|h| l.contains(h))
        || l.ends_with(".git")
}

fn model_card(r: &Report, training: &[view::DatasetRef], evaluation: &[view::DatasetRef]) -> Value {
    let mut params = Map::new();
    let datasets: Vec<Value> = (1..=training.len())
        .map(|i| json!({"ref": format!("dataset:training:{i}")}))
        .chain((1..=evaluation.len()).map(|i| json!({"ref": format!("dataset:evaluation:{i}")})))
        .collect();
    if !datasets.is_empty() {
        params.insert("datasets".into(), Value::Array(datasets));
    }
    let mut card = Map::new();
    card.insert("bom-ref".into(), json!("model-card"));
    if !params.is_empty() {
        card.insert("modelParameters".into(), Value::Object(params));
    }
    // What the release does not let anyone do, from the seed rows not at the open end.
    let limitations: Vec<Value> = r
        .verdicts
        .seed
        .rows
        .iter()
        .filter(|row| row.level < 2)
        .map(|row| json!(format!("{}: {} ({})", row.row, row.value, row.reason)))
        .collect();
    if !limitations.is_empty() {
        card.insert(
            "considerations".into(),
            json!({ "technicalLimitations": limitations }),
        );
    }
    let mut props = Vec::new();
    for c in &r.evidence.components {
        let mut v = c.status.as_str().to_string();
        if let Some(l) = &c.license {
            v.push_str(&format!("; license {} (tier {})", l.id, l.tier.as_str()));
        }
        props.push(prop(
            &format!("glassbox:component:{}", c.component.name()),
            &v,
        ));
    }
    for o in view::obligations(r) {
        props.push(prop(
            "glassbox:obligation",
            &format!("{}: {}", o.license, o.text),
        ));
    }
    card.insert("properties".into(), Value::Array(props));
    Value::Object(card)
}

/// The verdicts as properties: the seed category and rows, then each framework's scalar fields
/// (`pass`, `class`, `score`, `eligible`, …) and MOF progress, read generically.
fn verdict_properties(r: &Report) -> Vec<Value> {
    let seed = &r.verdicts.seed;
    let mut out = vec![prop("glassbox:seed:category", seed.category.as_str())];
    for row in &seed.rows {
        out.push(prop(&format!("glassbox:seed:{}", row.row), &row.value));
    }
    for f in view::frameworks(r) {
        out.push(prop(&format!("glassbox:{}:verdict", f.key), &f.headline));
        let Some(Value::Object(v)) = r.verdicts.others.get(&f.key).map(|v| v.json()) else {
            continue;
        };
        scalar_props(&mut out, &format!("glassbox:{}", f.key), v, 0);
    }
    out
}

fn scalar_props(out: &mut Vec<Value>, prefix: &str, v: &Map<String, Value>, depth: u8) {
    for (k, x) in v {
        if matches!(
            k.as_str(),
            "met" | "unmet" | "gap" | "evidence" | "dimensions"
        ) {
            continue;
        }
        let name = format!("{prefix}:{k}");
        match x {
            Value::Bool(b) => out.push(prop(&name, &b.to_string())),
            Value::Number(n) => out.push(prop(&name, &n.to_string())),
            Value::String(s) => out.push(prop(&name, s)),
            // Lists of sentences (`open_conditions`, `still_owed`): one property per item.
            Value::Array(items) => {
                for i in items.iter().filter_map(Value::as_str) {
                    out.push(prop(&name, i));
                }
            }
            Value::Object(m) if depth < 2 => scalar_props(out, &name, m, depth + 1),
            _ => {}
        }
    }
}

fn dataset(r: &Report, bom_ref: &str, role: &str, d: &view::DatasetRef, comp: Component) -> Value {
    let mut data = json!({"type": "dataset", "name": d.name});
    if let Some(u) = &d.url {
        data["contents"] = json!({"url": u});
    }
    let mut c = json!({
        "type": "data",
        "bom-ref": bom_ref,
        "name": d.name,
        "data": [data],
        "properties": [
            prop("glassbox:dataset:role", role),
            prop("glassbox:dataset:status", d.status.as_str()),
        ],
    });
    if let Some(u) = &d.url {
        c["externalReferences"] = json!([{"type": "distribution", "url": u}]);
    }
    if let Some(p) = &d.path {
        push(&mut c, "properties", prop("glassbox:dataset:path", p));
    }
    // A license finding that names this dataset beats the component's overall license.
    if let Some(l) = view::dataset_license(r, &d.name) {
        c["licenses"] = license_choice(&l.id, &l.name, l.location.url.as_deref(), l.tier.as_str());
    } else if let Some(l) = r.evidence.license(comp) {
        c["licenses"] = licenses(l);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn hub_release_has_purl_licenses_hashes_and_datasets() {
        let v = to_value(&sample::open_weights_hub());
        let m = &v["components"][0];
        assert_eq!(m["type"], "machine-learning-model");
        assert_eq!(
            m["purl"],
            "pkg:huggingface/acme/tiny-llm@3f1c2e9a4b5d6e7f8091a2b3c4d5e6f708192a3b"
        );
        assert_eq!(m["group"], "acme");
        assert_eq!(m["licenses"][0]["license"]["id"], "Apache-2.0");
        assert_eq!(m["hashes"][0]["alg"], "SHA-256");
        assert_eq!(
            m["modelCard"]["modelParameters"]["datasets"][0]["ref"],
            "dataset:training:1"
        );
        assert_eq!(v["components"][1]["type"], "data");
        assert_eq!(v["components"][1]["name"], "HuggingFaceFW/fineweb-edu");
        let props = m["properties"].as_array().unwrap();
        let has = |n: &str, val: &str| props.iter().any(|p| p["name"] == n && p["value"] == val);
        assert!(has("glassbox:seed:category", "open-weights"));
        assert!(has("glassbox:osaid:pass", "false"));
        assert!(has("glassbox:mof:class", "0"));
        assert!(has("glassbox:mof:progress:3", "71.43"));
        assert!(has("glassbox:mof:strict:class", "0"));
        assert!(has("glassbox:eu-ai-act:eligible", "cannot-tell"));
        assert!(has("glassbox:osai:score", "0.42"));
        let refs = m["externalReferences"].as_array().unwrap();
        assert!(refs.iter().any(
            |r| r["type"] == "documentation" && r["url"] == "https://arxiv.org/abs/2401.00001"
        ));
    }

    #[test]
    fn custom_licenses_are_named_not_ids() {
        let v = to_value(&sample::restricted_local());
        let l = &v["components"][0]["licenses"][0]["license"];
        assert_eq!(l["name"], "Llama 3.1 Community License");
        assert!(l.get("id").is_none());
        assert!(v["components"][0].get("purl").is_none());
    }

    #[test]
    fn purls_encode_parts() {
        assert_eq!(purl(Some("o"), "n", "ABC123"), "pkg:huggingface/o/n@abc123");
        assert_eq!(purl(None, "gpt2", "main"), "pkg:huggingface/gpt2@main");
        assert_eq!(
            purl(Some("o"), "a b", "v1.0"),
            "pkg:huggingface/o/a%20b@v1.0"
        );
    }
}
