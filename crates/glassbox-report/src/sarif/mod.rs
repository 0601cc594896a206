//! SARIF 2.1.0 for code-scanning dashboards: every finding and every unmet framework requirement
//! becomes a result with its rule, a level from its severity, and the file locations of its
//! evidence. One run per report. The types, escaping and rule indexing are the one SARIF
//! [`model`] that `glassbox scan` and `glassbox check` use too.

pub mod model;

use glassbox_core::{Finding, Location, Report, Requirement};
use serde_json::{json, Map, Value};

use crate::escape;
use crate::view;
pub use model::{
    camel, level, Log, Message, Rule, Rules, SarifResult, MAX_LOCATIONS, SARIF_SCHEMA,
};

/// The uriBaseId that file locations are relative to.
pub const ROOT: &str = "TARGETROOT";

/// Renders reports as one SARIF log (pretty JSON).
pub fn render(reports: &[Report]) -> String {
    log(reports).render()
}

/// The SARIF log as a JSON value.
pub fn to_value(reports: &[Report]) -> Value {
    log(reports).to_value()
}

/// The SARIF log of these reports.
pub fn log(reports: &[Report]) -> Log {
    Log::new(reports.iter().map(run).collect())
}

fn run(r: &Report) -> model::Run {
    let mut rules = Rules::default();
    let mut results = Vec::new();

    for f in view::sorted_findings(r.evidence.findings.iter()) {
        results.push(finding_result(r, f, &mut rules));
    }
    let seed = &r.verdicts.seed;
    for q in &seed.assessment.unmet {
        results.push(requirement_result(
            r,
            "seed",
            "Open source or open weights (seed)",
            q,
            &mut rules,
        ));
    }
    let frameworks = view::frameworks(r);
    for f in &frameworks {
        for q in &f.unmet {
            results.push(requirement_result(r, &f.key, &f.title, q, &mut rules));
        }
    }

    let mut verdicts = Map::new();
    verdicts.insert("seed".into(), json!(seed.category.as_str()));
    for f in &frameworks {
        verdicts.insert(f.key.clone(), json!(f.headline));
    }
    let mut base = Map::new();
    base.insert(
        "description".into(),
        json!(Message::text(&format!(
            "The audited release: {}",
            r.target.spec
        ))),
    );
    if let Some(hub) = view::hub_ref(r) {
        let rev = escape::uri_path(hub.revision.as_deref().unwrap_or("main"));
        base.insert("uri".into(), json!(format!("{}/blob/{rev}/", hub.url())));
    }
    let mut run = model::Run::new(&r.tool.version, rules, results, Vec::new());
    run.automation_details =
        Some(json!({"id": format!("glassbox/{}/", crate::html::slug(&r.target.name))}));
    run.original_uri_base_ids = Some(json!({ ROOT: Value::Object(base) }));
    run.properties = Some(json!({
        "target": r.target.spec,
        "category": seed.category.as_str(),
        "verdicts": Value::Object(verdicts),
    }));
    run
}

fn finding_result(r: &Report, f: &Finding, rules: &mut Rules) -> SarifResult {
    let id = format!("finding/{}", f.kind);
    let idx = rules.index(&id, || Rule::for_code("finding/", f.kind, f.severity));
    let mut res = SarifResult::new(
        rules,
        idx,
        level(f.severity),
        Message::rich(&f.message),
        locations(r, &f.evidence),
    );
    res.properties = Some(json!({"severity": f.severity.as_str()}));
    res
}

fn requirement_result(
    r: &Report,
    key: &str,
    title: &str,
    q: &Requirement,
    rules: &mut Rules,
) -> SarifResult {
    let id = format!("{key}/{}", q.id);
    let idx = rules.index(&id, || {
        let help = format!("{title}: {}", q.title);
        Rule {
            id: id.clone(),
            name: camel(&format!("{key}-{}", q.id)),
            short_description: Message::text(&q.title),
            full_description: Some(Message::text(&help)),
            help: Some(Message::rich(&help)),
            default_configuration: model::Configuration { level: "warning" },
            properties: Some(json!({"tags": ["glassbox", "openness", key]})),
        }
    });
    let msg = if q.reason.is_empty() {
        format!("{title}: not met: {}", q.title)
    } else {
        format!("{title}: not met: {} ({})", q.title, q.reason)
    };
    let mut res = SarifResult::new(
        rules,
        idx,
        "warning",
        Message::rich(&msg),
        locations(r, &q.evidence),
    );
    res.properties = Some(json!({"framework": key}));
    res
}

/// The SARIF locations of evidence; a release-level result (nothing shipped to point at, e.g.
/// missing training code) is anchored on the model card, else the first file, since
/// dashboards need a file to show a result on.
fn locations(r: &Report, locs: &[Location]) -> Vec<Value> {
    let mut out: Vec<Value> = locs
        .iter()
        .filter_map(location)
        .take(MAX_LOCATIONS)
        .collect();
    if out.is_empty() {
        let anchor = r
            .evidence
            .artifacts
            .iter()
            .find(|a| a.kind == glassbox_core::ArtifactKind::Card)
            .or_else(|| r.evidence.artifacts.first());
        if let Some(a) = anchor {
            if let Some(mut l) = location(&Location::file(a.path.clone())) {
                l["message"] = json!(Message::text(
                    "release-level result: no single file shows it"
                ));
                out.push(l);
            }
        }
    }
    out
}

/// A SARIF location: a file (and line) under the target root, or an absolute `http(s)` URL.
/// Shared with `glassbox check`, whose results point at the lines that load a model.
pub fn location(l: &Location) -> Option<Value> {
    let mut phys = Map::new();
    if let Some(p) = &l.path {
        let p = p.trim_start_matches("./");
        phys.insert(
            "artifactLocation".into(),
            json!({"uri": escape::uri_path(p), "uriBaseId": ROOT}),
        );
        if let Some(line) = l.line.filter(|n| *n >= 1) {
            phys.insert("region".into(), json!({"startLine": line}));
        }
    } else if let Some(u) = l.url.as_deref().and_then(escape::safe_url) {
        phys.insert("artifactLocation".into(), json!({"uri": u}));
    }
    let mut loc = Map::new();
    if !phys.is_empty() {
        loc.insert("physicalLocation".into(), Value::Object(phys));
    }
    let mut notes = Vec::new();
    if let Some(f) = &l.field {
        notes.push(format!("field {f}"));
    }
    if l.path.is_some() {
        if let Some(u) = &l.url {
            notes.push(u.clone());
        }
    }
    if !notes.is_empty() {
        loc.insert("message".into(), json!(Message::text(&notes.join(", "))));
    }
    (!loc.is_empty()).then_some(Value::Object(loc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn findings_and_unmet_requirements_become_results() {
        let v = to_value(&[sample::restricted_local()]);
        let run = &v["runs"][0];
        let results = run["results"].as_array().unwrap();
        // Two findings + one unmet seed requirement; critical first.
        assert_eq!(results.len(), 3);
        assert_eq!(results[0]["ruleId"], "finding/unsafe-global");
        assert_eq!(results[0]["level"], "error");
        let rule =
            &run["tool"]["driver"]["rules"][results[0]["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["properties"]["security-severity"], "9.5");
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "consolidated.pth"
        );
        assert_eq!(results[2]["ruleId"], "seed/weights-open-terms");
        let conflict = &results[1];
        assert_eq!(
            conflict["locations"][0]["message"]["text"],
            "field card:license"
        );
    }

    #[test]
    fn hostile_text_cannot_form_placeholders_or_links() {
        let v = to_value(&[sample::hostile()]);
        let results = v["runs"][0]["results"].as_array().unwrap();
        let msg = results[0]["message"]["text"].as_str().unwrap();
        assert!(msg.starts_with("{{0}} \\[click\\](1)"), "{msg}");
        let md = results[0]["message"]["markdown"].as_str().unwrap();
        assert!(!md.contains("<script"));
        // The hostile path is percent-encoded into a valid URI reference.
        let s = v.to_string();
        assert!(s.contains("weights/%3Cb%3Ex%3C/b%3E%7Cy%60z.pth"));
        assert!(!s.contains("javascript:alert(1)\"}"));
    }

    #[test]
    fn hub_reports_root_at_the_revision() {
        let v = to_value(&[sample::open_weights_hub(), sample::restricted_local()]);
        assert_eq!(v["runs"].as_array().unwrap().len(), 2);
        assert_eq!(
            v["runs"][0]["originalUriBaseIds"]["TARGETROOT"]["uri"],
            "https://huggingface.co/acme/tiny-llm/blob/3F1C2E9A4B5D6E7F8091A2B3C4D5E6F708192A3B/"
        );
        assert_eq!(camel("license-conflict"), "LicenseConflict");
        // A requirement with no evidence is anchored on the model card.
        let res = v["runs"][0]["results"].as_array().unwrap();
        let code = res
            .iter()
            .find(|x| x["ruleId"] == "seed/training-code")
            .unwrap();
        assert_eq!(
            code["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "README.md"
        );
        assert!(res
            .iter()
            .all(|x| x["locations"].as_array().is_some_and(|l| !l.is_empty())));
    }
}
