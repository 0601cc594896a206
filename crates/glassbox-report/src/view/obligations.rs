//! License obligations, read from any `obligations` array on a license or a component's license.

use glassbox_core::Report;
use serde_json::Value;

/// A license obligation: a plain sentence a user can act on, with the license it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    /// License id or name.
    pub license: String,
    /// What the user must (not) do.
    pub text: String,
    /// The components the license covers, when the report says.
    pub covers: Vec<String>,
}

/// Every obligation in the report: the per-license `obligations` list when the report has one,
/// else any `obligations` arrays on licenses and component licenses; deduplicated.
pub fn obligations(report: &Report) -> Vec<Obligation> {
    let mut out: Vec<Obligation> = Vec::new();
    for g in &report.evidence.obligations {
        let covers: Vec<String> = g.components.iter().map(|c| c.name().to_string()).collect();
        for text in g.obligations.iter().filter(|t| !t.trim().is_empty()) {
            let o = Obligation {
                license: g.license.clone(),
                text: text.clone(),
                covers: covers.clone(),
            };
            if !out.contains(&o) {
                out.push(o);
            }
        }
    }
    if !out.is_empty() {
        return out;
    }
    // Only the parts that can carry obligations: artifacts may number in the thousands.
    let ev = serde_json::json!({
        "components": &report.evidence.components,
        "licenses": &report.evidence.licenses,
    });
    obligations_in(&ev)
}

/// Obligations in a report's JSON evidence (`components[].license.obligations`,
/// `licenses[].obligations`), each a string or an object with a `text`-like field.
pub fn obligations_in(ev: &Value) -> Vec<Obligation> {
    let mut out: Vec<Obligation> = Vec::new();
    let mut add = |lic: &Value| {
        let Some(items) = lic.get("obligations").and_then(Value::as_array) else {
            return;
        };
        let license = ["id", "name"]
            .iter()
            .find_map(|k| lic.get(*k).and_then(Value::as_str))
            .unwrap_or("license")
            .to_string();
        for item in items {
            let text = match item {
                Value::String(s) => Some(s.clone()),
                Value::Object(_) => [
                    "text",
                    "sentence",
                    "summary",
                    "description",
                    "title",
                    "obligation",
                    "message",
                ]
                .iter()
                .find_map(|k| item.get(*k).and_then(Value::as_str))
                .map(str::to_string),
                _ => None,
            };
            if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                let o = Obligation {
                    license: license.clone(),
                    text,
                    covers: Vec::new(),
                };
                if !out.contains(&o) {
                    out.push(o);
                }
            }
        }
    };
    for c in ev
        .get("components")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(l) = c.get("license") {
            add(l);
        }
    }
    for l in ev
        .get("licenses")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        add(l);
    }
    out
}
