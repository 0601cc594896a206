//! SPDX 3.0.1 JSON-LD with the AI and Dataset profiles.
//!
//! The graph holds an `ai_AIPackage` for the release, a `dataset_DatasetPackage` for each
//! training and evaluation dataset (linked by `trainedOn` / `testedOn` relationships), a
//! `software_File` per artifact with its SHA-256 (`contains`), license expressions
//! (`hasConcludedLicense`), and one `Annotation` per framework verdict. Element types and
//! properties are the JSON-LD terms of the 3.0.1 context; ids are derived from the report, so
//! only the creation time differs between two renderings of one report.

use std::time::{SystemTime, UNIX_EPOCH};

use glassbox_core::{ArtifactKind, Component, LicenseRef, Report};
use serde_json::{json, Value};

use crate::view::{self, LicenseForm};

/// The Core individual for "not known", used where a profile requires an agent glassbox cannot see.
const NO_ASSERTION: &str = "https://spdx.org/rdf/3.0.1/terms/Core/NoAssertionElement";

/// The context every document names.
pub const CONTEXT: &str = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";

/// Renders one report as SPDX 3.0.1 JSON-LD, created now (or at `SOURCE_DATE_EPOCH`, for
/// reproducible output).
pub fn render(r: &Report) -> String {
    render_at(r, &created_now())
}

/// Renders with a given creation time (`YYYY-MM-DDThh:mm:ssZ`).
pub fn render_at(r: &Report, created: &str) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(r, created)).unwrap_or_default();
    s.push('\n');
    s
}

/// The creation time: `SOURCE_DATE_EPOCH` when set to a number, else the clock.
pub fn created_now() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        });
    rfc3339(secs)
}

/// The (year, month, day) `days` days after 1970-01-01, proleptic Gregorian (Howard Hinnant's
/// `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Seconds since the Unix epoch as `YYYY-MM-DDThh:mm:ssZ` (proleptic Gregorian, UTC).
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

struct Graph {
    ns: String,
    items: Vec<Value>,
    rel: usize,
}

impl Graph {
    fn id(&self, local: &str) -> String {
        format!("{}/{local}", self.ns)
    }
    fn add(&mut self, mut v: Value) -> String {
        v["creationInfo"] = json!("_:creationinfo");
        let id = v["spdxId"].as_str().unwrap_or_default().to_string();
        self.items.push(v);
        id
    }
    fn relate(&mut self, from: &str, kind: &str, to: Vec<String>) {
        if to.is_empty() {
            return;
        }
        self.rel += 1;
        let id = self.id(&format!("relationship/{}", self.rel));
        self.add(json!({"type": "Relationship", "spdxId": id, "from": from, "relationshipType": kind, "to": to}));
    }
    fn license(&mut self, n: &mut usize, l: &LicenseRef) -> String {
        self.license_parts(n, &l.id, &l.name, l.source.url.as_deref())
    }
    fn license_parts(&mut self, n: &mut usize, lic: &str, name: &str, url: Option<&str>) -> String {
        *n += 1;
        let id = self.id(&format!("license/{n}"));
        let mut v =
            json!({"type": "simplelicensing_LicenseExpression", "spdxId": id, "name": name});
        match view::license_form(lic, name, url) {
            LicenseForm::SpdxId(e) | LicenseForm::Expression(e) => {
                v["simplelicensing_licenseExpression"] = json!(e)
            }
            LicenseForm::Named { id: raw, url, .. } => {
                let lr = view::license_ref(&raw);
                v["simplelicensing_licenseExpression"] = json!(lr);
                if let Some(u) = url {
                    v["simplelicensing_customIdToUri"] =
                        json!([{"type": "DictionaryEntry", "key": lr, "value": u}]);
                }
            }
        }
        self.add(v)
    }
}

/// The document as a JSON value.
pub fn to_value(r: &Report, created: &str) -> Value {
    let ns = format!(
        "https://spdx.org/spdxdocs/glassbox-{}",
        view::report_uuid(r)
    );
    let mut g = Graph {
        ns,
        items: Vec::new(),
        rel: 0,
    };
    let agent = g.id("agent/glassbox");
    let tool = g.id("tool/glassbox");
    g.add(json!({"type": "SoftwareAgent", "spdxId": agent, "name": r.tool.name}));
    g.add(json!({"type": "Tool", "spdxId": tool, "name": format!("{} {}", r.tool.name, r.tool.version)}));

    let hub = view::hub_ref(r);
    let model_id = g.id("model");
    let seed = &r.verdicts.seed;
    let mut model = json!({
        "type": "ai_AIPackage",
        "spdxId": model_id,
        "name": hub.as_ref().map(|h| h.repo.clone()).unwrap_or_else(|| r.target.name.clone()),
        "description": format!("glassbox verdict: {}. {}", seed.category.as_str(), seed.summary),
        "software_primaryPurpose": "model",
        "ai_autonomyType": "noAssertion",
        "ai_useSensitivePersonalInformation": "noAssertion",
    });
    if let Some(rev) = &r.target.revision {
        model["software_packageVersion"] = json!(rev);
    }
    if let Some(h) = &hub {
        model["software_downloadLocation"] = json!(h.url());
        model["software_homePage"] = json!(h.url());
        if let Some(rev) = &h.revision {
            model["software_packageUrl"] = json!(crate::cyclonedx::purl(h.org(), h.name(), rev));
        }
        if let Some(org) = h.org() {
            let sid = g.id(&format!("agent/{}", crate::html::slug(org)));
            g.add(json!({"type": "Organization", "spdxId": sid, "name": org}));
            model["suppliedBy"] = json!(sid);
        }
    }
    // The AI profile asks for a supplier; a local folder does not say who it is.
    if model.get("suppliedBy").is_none() {
        model["suppliedBy"] = json!(NO_ASSERTION);
    }
    let training_info: Vec<String> = seed
        .rows
        .iter()
        .filter(|row| {
            matches!(
                row.row.as_str(),
                "Training code" | "Training dataset" | "Full reproducibility"
            )
        })
        .map(|row| format!("{}: {} ({})", row.row, row.value, row.reason))
        .collect();
    if !training_info.is_empty() {
        model["ai_informationAboutTraining"] = json!(training_info.join("; "));
    }
    let limits: Vec<String> = seed
        .rows
        .iter()
        .filter(|row| row.level < 2)
        .map(|row| format!("{}: {}", row.row, row.value))
        .collect();
    if !limits.is_empty() {
        model["ai_limitation"] = json!(limits.join("; "));
    }
    let weights: Vec<String> = r
        .evidence
        .artifacts
        .iter()
        .filter(|a| a.kind == ArtifactKind::Weights)
        .filter_map(view::artifact_sha256)
        .collect();
    if weights.len() == 1 {
        model["verifiedUsing"] =
            json!([{"type": "Hash", "algorithm": "sha256", "hashValue": weights[0]}]);
    }
    g.add(model);

    let mut lic_n = 0;
    if let Some(l) = r.evidence.license(Component::ModelParametersFinal) {
        let lid = g.license(&mut lic_n, l);
        g.relate(&model_id, "hasConcludedLicense", vec![lid]);
    }

    for (role, comp, rel) in [
        ("training", Component::Datasets, "trainedOn"),
        ("evaluation", Component::EvaluationData, "testedOn"),
    ] {
        let list = view::datasets(r, comp);
        let license = r.evidence.license(comp).map(|l| g.license(&mut lic_n, l));
        let mut ids = Vec::new();
        for (i, d) in list.iter().enumerate() {
            let sid = g.id(&format!("dataset/{role}/{}", i + 1));
            let mut v = json!({
                "type": "dataset_DatasetPackage",
                "spdxId": sid,
                "name": d.name,
                "software_primaryPurpose": "data",
                "originatedBy": [NO_ASSERTION],
                "dataset_datasetType": ["noAssertion"],
                "comment": format!("{role} data; glassbox status: {}", d.status.as_str()),
            });
            if let Some(u) = &d.url {
                v["software_downloadLocation"] = json!(u);
                if u.starts_with("https://huggingface.co/datasets/") {
                    v["dataset_datasetAvailability"] = json!("directDownload");
                }
            }
            g.add(v);
            let own = view::dataset_license(r, &d.name)
                .map(|l| g.license_parts(&mut lic_n, &l.id, &l.name, l.location.url.as_deref()));
            if let Some(lid) = own.or_else(|| license.clone()) {
                g.relate(&sid, "hasConcludedLicense", vec![lid]);
            }
            ids.push(sid);
        }
        g.relate(&model_id, rel, ids);
    }

    let mut files = Vec::new();
    for (i, a) in r.evidence.artifacts.iter().enumerate() {
        let sid = g.id(&format!("file/{}", i + 1));
        let purpose = match a.kind {
            ArtifactKind::Weights | ArtifactKind::WeightsIndex => "model",
            ArtifactKind::Code => "source",
            ArtifactKind::Data => "data",
            ArtifactKind::Config | ArtifactKind::Tokenizer => "configuration",
            ArtifactKind::Card | ArtifactKind::Document | ArtifactKind::License => "documentation",
            ArtifactKind::LfsPointer | ArtifactKind::Other => "other",
        };
        let mut v = json!({"type": "software_File", "spdxId": sid, "name": a.path, "software_primaryPurpose": purpose});
        if let Some(h) = view::artifact_sha256(a) {
            v["verifiedUsing"] = json!([{"type": "Hash", "algorithm": "sha256", "hashValue": h}]);
        }
        files.push(g.add(v));
    }
    g.relate(&model_id, "contains", files);

    let mut statements = vec![(
        "seed".to_string(),
        format!(
            "Open source or open weights: {}. {}",
            seed.category.as_str(),
            seed.summary
        ),
    )];
    for f in view::frameworks(r) {
        statements.push((
            f.key.clone(),
            format!(
                "{}: {} ({} requirements met, {} unmet)",
                f.title,
                f.headline,
                f.met.len(),
                f.unmet.len()
            ),
        ));
    }
    for (key, statement) in statements {
        let sid = g.id(&format!("annotation/{}", crate::html::slug(&key)));
        g.add(json!({"type": "Annotation", "spdxId": sid, "annotationType": "review", "subject": model_id, "statement": statement}));
    }

    let sbom = g.id("sbom");
    let doc = g.id("document");
    let elements: Vec<String> = g
        .items
        .iter()
        .filter_map(|v| v["spdxId"].as_str().map(str::to_string))
        .collect();
    g.add(json!({"type": "software_Sbom", "spdxId": sbom, "rootElement": [model_id], "software_sbomType": ["analyzed"], "element": elements}));
    g.add(json!({
        "type": "SpdxDocument",
        "spdxId": doc,
        "name": format!("glassbox AI BOM: {}", r.target.name),
        "profileConformance": ["core", "software", "ai", "dataset", "simpleLicensing"],
        "rootElement": [sbom],
        "element": elements.iter().cloned().chain([sbom.clone()]).collect::<Vec<_>>(),
    }));

    let mut graph = vec![json!({
        "type": "CreationInfo",
        "@id": "_:creationinfo",
        "specVersion": "3.0.1",
        "created": created,
        "createdBy": [agent],
        "createdUsing": [tool],
    })];
    // The document first, then everything it describes.
    let (docs, rest): (Vec<Value>, Vec<Value>) = g
        .items
        .into_iter()
        .partition(|v| v["type"] == "SpdxDocument");
    graph.extend(docs);
    graph.extend(rest);
    json!({"@context": CONTEXT, "@graph": graph})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn dates_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_798_761_599), "2026-12-31T23:59:59Z");
    }

    #[test]
    fn graph_has_ai_and_dataset_profiles() {
        let v = to_value(&sample::open_weights_hub(), "2026-01-01T00:00:00Z");
        let g = v["@graph"].as_array().unwrap();
        let of = |t: &str| g.iter().filter(|e| e["type"] == t).collect::<Vec<_>>();
        assert_eq!(of("ai_AIPackage").len(), 1);
        assert_eq!(of("dataset_DatasetPackage").len(), 1);
        let model = of("ai_AIPackage")[0]["spdxId"].clone();
        let trained = of("Relationship")
            .into_iter()
            .find(|r| r["relationshipType"] == "trainedOn")
            .unwrap();
        assert_eq!(trained["from"], model);
        assert_eq!(trained["to"][0], of("dataset_DatasetPackage")[0]["spdxId"]);
        assert_eq!(
            of("ai_AIPackage")[0]["software_packageUrl"],
            "pkg:huggingface/acme/tiny-llm@3f1c2e9a4b5d6e7f8091a2b3c4d5e6f708192a3b"
        );
        assert_eq!(of("Annotation").len(), 6);
        // Every element is in the document.
        let doc = of("SpdxDocument")[0];
        let listed = doc["element"].as_array().unwrap().len();
        assert_eq!(listed, g.len() - 2);
        // Deterministic ids.
        assert_eq!(
            v,
            to_value(&sample::open_weights_hub(), "2026-01-01T00:00:00Z")
        );
    }

    #[test]
    fn custom_licenses_become_license_refs() {
        let v = to_value(&sample::restricted_local(), "2026-01-01T00:00:00Z");
        let g = v["@graph"].as_array().unwrap();
        let l = g
            .iter()
            .find(|e| e["type"] == "simplelicensing_LicenseExpression")
            .unwrap();
        assert_eq!(
            l["simplelicensing_licenseExpression"],
            "LicenseRef-Llama-3.1"
        );
    }
}
