//! SARIF 2.1.0 for code-scanning dashboards: every finding and every unmet framework requirement
//! becomes a result with its rule, a level from its severity, and the file locations of its
//! evidence. One run per report.
//!
//! Message strings are escaped for SARIF ([`escape::sarif_text`]): text from a release cannot
//! become a placeholder or an embedded link; Markdown variants go through [`escape::markdown`].

use glassbox_core::{Finding, Location, Report, Requirement, Severity};
use serde_json::{json, Map, Value};

use crate::escape;
use crate::view;

/// The SARIF schema URI written in `$schema`.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The uriBaseId that file locations are relative to.
pub const ROOT: &str = "TARGETROOT";

/// Renders reports as one SARIF log (pretty JSON).
pub fn render(reports: &[Report]) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(reports)).unwrap_or_default();
    s.push('\n');
    s
}

/// The SARIF log as a JSON value.
pub fn to_value(reports: &[Report]) -> Value {
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": reports.iter().map(run).collect::<Vec<_>>(),
    })
}

/// SARIF level of a finding.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` score for security findings.
fn security_severity(s: Severity) -> Option<&'static str> {
    match s {
        Severity::Critical => Some("9.5"),
        Severity::High => Some("8.0"),
        Severity::Medium => Some("5.5"),
        Severity::Low => Some("3.0"),
        Severity::Info => None,
    }
}

struct Rules {
    ids: Vec<String>,
    rules: Vec<Value>,
}

impl Rules {
    /// The index of a rule, adding it first if new.
    fn index(&mut self, id: &str, make: impl FnOnce() -> Value) -> usize {
        if let Some(i) = self.ids.iter().position(|x| x == id) {
            return i;
        }
        self.ids.push(id.to_string());
        self.rules.push(make());
        self.rules.len() - 1
    }
}

fn text(s: &str) -> Value {
    json!({ "text": escape::sarif_text(s) })
}

fn run(r: &Report) -> Value {
    let mut rules = Rules {
        ids: Vec::new(),
        rules: Vec::new(),
    };
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
        text(&format!("The audited release: {}", r.target.spec)),
    );
    if let Some(hub) = view::hub_ref(r) {
        let rev = escape::uri_path(hub.revision.as_deref().unwrap_or("main"));
        base.insert("uri".into(), json!(format!("{}/blob/{rev}/", hub.url())));
    }
    json!({
        "tool": {"driver": {
            "name": "glassbox",
            "semanticVersion": r.tool.version,
            "informationUri": "https://example.invalid/glassbox",
            "rules": rules.rules,
        }},
        "automationDetails": {"id": format!("glassbox/{}/", crate::html::slug(&r.target.name))},
        "invocations": [{"executionSuccessful": true}],
        "originalUriBaseIds": {ROOT: Value::Object(base)},
        "results": results,
        "properties": {
            "target": r.target.spec,
            "category": seed.category.as_str(),
            "verdicts": Value::Object(verdicts),
        },
    })
}

fn finding_result(r: &Report, f: &Finding, rules: &mut Rules) -> Value {
    let id = format!("finding/{}", f.kind);
    let security = view::is_security(f);
    let idx = rules.index(&id, || {
        let mut tags = vec![
            "glassbox".to_string(),
            if security { "security" } else { "openness" }.to_string(),
        ];
        if f.kind.contains("license") {
            tags.push("license".into());
        }
        let mut props = json!({ "tags": tags });
        if let (true, Some(s)) = (security, security_severity(f.severity)) {
            props["security-severity"] = json!(s);
        }
        json!({
            "id": id,
            "name": camel(&f.kind),
            "shortDescription": text(&format!("glassbox finding: {}", f.kind)),
            "defaultConfiguration": {"level": level(f.severity)},
            "properties": props,
        })
    });
    let mut res = json!({
        "ruleId": id,
        "ruleIndex": idx,
        "level": level(f.severity),
        "message": {
            "text": escape::sarif_text(&f.message),
            "markdown": escape::markdown(&f.message),
        },
        "properties": {"severity": f.severity.as_str()},
    });
    put_locations(&mut res, r, &f.evidence);
    res
}

fn requirement_result(
    r: &Report,
    key: &str,
    title: &str,
    q: &Requirement,
    rules: &mut Rules,
) -> Value {
    let id = format!("{key}/{}", q.id);
    let idx = rules.index(&id, || {
        let help = format!("{title}: {}", q.title);
        json!({
            "id": id,
            "name": camel(&format!("{key}-{}", q.id)),
            "shortDescription": text(&q.title),
            "fullDescription": text(&help),
            "help": {"text": escape::sarif_text(&help), "markdown": escape::markdown(&help)},
            "defaultConfiguration": {"level": "warning"},
            "properties": {"tags": ["glassbox", "openness", key]},
        })
    });
    let msg = if q.reason.is_empty() {
        format!("{title}: not met: {}", q.title)
    } else {
        format!("{title}: not met: {} ({})", q.title, q.reason)
    };
    let mut res = json!({
        "ruleId": id,
        "ruleIndex": idx,
        "level": "warning",
        "message": {"text": escape::sarif_text(&msg), "markdown": escape::markdown(&msg)},
        "properties": {"framework": key},
    });
    put_locations(&mut res, r, &q.evidence);
    res
}

/// At most this many locations per result (GitHub code scanning keeps 10).
const MAX_LOCATIONS: usize = 10;

fn put_locations(res: &mut Value, r: &Report, locs: &[Location]) {
    let mut out: Vec<Value> = locs
        .iter()
        .filter_map(location)
        .take(MAX_LOCATIONS)
        .collect();
    if out.is_empty() {
        // Dashboards need a file to show a result on; a release-level result (nothing shipped to
        // point at, e.g. missing training code) is anchored on the model card, else the first file.
        let anchor = r
            .evidence
            .artifacts
            .iter()
            .find(|a| a.kind == glassbox_core::ArtifactKind::Card)
            .or_else(|| r.evidence.artifacts.first());
        if let Some(a) = anchor {
            if let Some(mut l) = location(&Location::file(a.path.clone())) {
                l["message"] = text("release-level result: no single file shows it");
                out.push(l);
            }
        }
    }
    if !out.is_empty() {
        res["locations"] = Value::Array(out);
    }
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
        loc.insert("message".into(), text(&notes.join(", ")));
    }
    (!loc.is_empty()).then_some(Value::Object(loc))
}

/// `license-conflict` → `LicenseConflict` (SARIF rule names are identifier-like).
pub fn camel(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
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
        assert_eq!(results[0]["ruleId"], "finding/unsafe-pickle");
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
