//! SARIF 2.1.0 for code review: each rule a model does not meet becomes a result located at
//! every line that loads the model (so the review shows it there); excepted models carry a
//! suppression with the exception's reason; unresolved references are notes at their line;
//! models that could not be audited are tool notifications. Locations, text escaping and rule
//! names come from the audit report's SARIF emitter (`glassbox_report::sarif`).

use glassbox_core::Location;
use glassbox_report::escape;
use glassbox_report::sarif::{camel, location, ROOT, SARIF_SCHEMA};
use serde_json::{json, Value};

use crate::discovery::Reference;
use crate::judge::Verdict;
use crate::report::CheckReport;

/// What each rule id says.
fn rule_text(rule: &str) -> &'static str {
    match rule {
        "allow-categories" => "The model's seed category is not allowed by the policy",
        "deny-tiers" => "A license of the model is in a denied tier",
        "deny-licenses" => "A license of the model is denied",
        "allow-licenses" => "A license of the model is not allow-listed",
        "min-mof-class" => "The model is below the required MOF class",
        "osaid" => "The model does not meet the OSI Open Source AI Definition",
        "scan" => "The model's files have serialisation-safety findings",
        "exception-expired" => "The model's policy exception has expired",
        "lock" => "The model is not pinned in glassbox.lock, or its revision moved",
        "unresolved" => "A model reference is built at run time and was not audited",
        _ => "The model does not meet the policy",
    }
}

/// At most this many locations per result (GitHub code scanning keeps 10).
const MAX_LOCATIONS: usize = 10;

fn locations(refs: &[Reference]) -> Vec<Value> {
    refs.iter()
        .filter_map(|r| {
            location(&Location {
                path: Some(r.path.clone()),
                line: r.line,
                field: None,
                url: None,
            })
        })
        .take(MAX_LOCATIONS)
        .collect()
}

struct Rules {
    ids: Vec<String>,
    rules: Vec<Value>,
}

impl Rules {
    fn index(&mut self, rule: &str, level: &str) -> usize {
        let id = format!("check/{rule}");
        if let Some(i) = self.ids.iter().position(|x| *x == id) {
            return i;
        }
        let text = rule_text(rule);
        self.rules.push(json!({
            "id": id,
            "name": camel(&format!("check-{rule}")),
            "shortDescription": {"text": text},
            "help": {"text": format!("{text}: see glassbox.toml ({rule})")},
            "defaultConfiguration": {"level": level},
            "properties": {"tags": ["glassbox", "policy"]},
        }));
        self.ids.push(id);
        self.ids.len() - 1
    }
}

fn message(s: &str) -> Value {
    json!({"text": escape::sarif_text(s), "markdown": escape::markdown(s)})
}

/// The SARIF log as a JSON value.
pub fn to_value(r: &CheckReport, version: &str) -> Value {
    let mut rules = Rules {
        ids: Vec::new(),
        rules: Vec::new(),
    };
    let mut results = Vec::new();
    for m in &r.models {
        for v in &m.violations {
            let idx = rules.index(&v.rule, "error");
            let mut res = json!({
                "ruleId": format!("check/{}", v.rule),
                "ruleIndex": idx,
                "level": "error",
                "message": message(&format!("{}: {}", m.target, v.message)),
                "locations": locations(&m.references),
                "properties": {"target": m.target, "category": m.category, "verdict": m.verdict.as_str()},
            });
            if let (Verdict::Excepted, Some(e)) = (m.verdict, &m.exception) {
                let until = e
                    .expires
                    .as_deref()
                    .map(|d| format!(" (until {d})"))
                    .unwrap_or_default();
                res["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": escape::sarif_text(&format!("{}{until}", e.reason)),
                }]);
            }
            results.push(res);
        }
    }
    let refs_of = |target: &str| {
        r.models
            .iter()
            .find(|m| m.target == target)
            .map(|m| locations(&m.references))
            .unwrap_or_default()
    };
    for p in &r.lock {
        let idx = rules.index("lock", "error");
        results.push(json!({
            "ruleId": "check/lock",
            "ruleIndex": idx,
            "level": "error",
            "message": message(&p.message),
            "locations": refs_of(&p.target),
        }));
    }
    let unresolved_level = if r.unresolved_fails { "error" } else { "note" };
    for u in &r.unresolved {
        let idx = rules.index("unresolved", unresolved_level);
        results.push(json!({
            "ruleId": "check/unresolved",
            "ruleIndex": idx,
            "level": unresolved_level,
            "message": message(&u.message),
            "locations": locations(std::slice::from_ref(&u.at)),
        }));
    }
    let notifications: Vec<Value> = r
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": escape::sarif_text(&format!("{} could not be audited: {}", e.target, e.message))},
                "locations": locations(&e.references),
            })
        })
        .chain(r.skipped.iter().map(|s| {
            json!({
                "level": "note",
                "message": {"text": escape::sarif_text(&format!("{} skipped: {}", s.path, s.reason))},
            })
        }))
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "glassbox",
                "semanticVersion": version,
                "informationUri": "https://example.invalid/glassbox",
                "rules": rules.rules,
            }},
            "automationDetails": {"id": "glassbox-check/"},
            "invocations": [{
                "executionSuccessful": r.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": {ROOT: {"description": {"text": "The checked codebase"}}},
            "results": results,
        }],
    })
}

/// The SARIF log, pretty-printed.
pub fn render(r: &CheckReport, version: &str) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(r, version)).unwrap_or_default();
    s.push('\n');
    s
}
