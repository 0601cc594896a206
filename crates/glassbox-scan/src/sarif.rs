//! SARIF 2.1.0 output of a scan, for code-scanning dashboards.

use glassbox_core::Severity;
use serde_json::{json, Value};

use crate::ScanReport;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// Renders a scan report as one SARIF log.
pub fn to_sarif(r: &ScanReport) -> Value {
    let mut rules: Vec<String> = r
        .files
        .iter()
        .flat_map(|f| f.findings.iter().map(|x| x.kind.clone()))
        .collect();
    rules.sort();
    rules.dedup();
    let results: Vec<Value> = r
        .files
        .iter()
        .flat_map(|f| {
            f.findings.iter().map(move |x| {
                let mut loc = json!({"physicalLocation": {"artifactLocation": {"uri": f.path}}});
                if let Some(o) = x.location.offset {
                    loc["physicalLocation"]["region"] = json!({"byteOffset": o});
                }
                let mut logical = Vec::new();
                if let Some(m) = &x.location.member {
                    logical.push(json!({"name": m, "kind": "member"}));
                }
                if let Some(fl) = &x.location.field {
                    logical.push(json!({"name": fl, "kind": "field"}));
                }
                if !logical.is_empty() {
                    loc["logicalLocations"] = Value::Array(logical);
                }
                json!({
                    "ruleId": x.kind,
                    "level": level(x.severity),
                    "message": {"text": x.message},
                    "locations": [loc],
                    "properties": {"severity": x.severity.as_str(), "format": f.format},
                })
            })
        })
        .collect();
    let notes: Vec<Value> = r
        .files
        .iter()
        .filter_map(|f| f.error.as_ref().map(|e| json!({"level": "error", "message": {"text": e}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path}}}]})))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "glassbox",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|k| json!({"id": k, "shortDescription": {"text": k}})).collect::<Vec<_>>(),
            }},
            "invocations": [{"executionSuccessful": notes.is_empty(), "toolExecutionNotifications": notes}],
            "results": results,
        }]
    })
}
