//! SARIF 2.1.0 for code review: each rule a model does not meet becomes a result located at
//! every line that loads the model (so the review shows it there); excepted models carry a
//! suppression with the exception's reason; unresolved references are notes at their line;
//! models that could not be audited are tool notifications. Locations, text escaping and rule
//! names come from the audit report's SARIF emitter (`glassbox_report::sarif`).

use glassbox_core::Location;
use glassbox_report::escape;
use glassbox_report::sarif::model::{
    Configuration, Log, Message, Notification, Rule, Rules, Run, SarifResult, MAX_LOCATIONS,
};
use glassbox_report::sarif::{camel, location, ROOT};
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

/// The index of policy rule `rule`, added at `level` if new.
fn rule(rules: &mut Rules, rule: &str, level: &'static str) -> usize {
    let id = format!("check/{rule}");
    rules.index(&id, || {
        let text = rule_text(rule);
        Rule {
            id: id.clone(),
            name: camel(&format!("check-{rule}")),
            short_description: Message::text(text),
            full_description: None,
            help: Some(Message::text(&format!(
                "{text}: see glassbox.toml ({rule})"
            ))),
            default_configuration: Configuration { level },
            properties: Some(json!({"tags": ["glassbox", "policy"]})),
        }
    })
}

/// The SARIF log.
pub fn log(r: &CheckReport, version: &str) -> Log {
    let mut rules = Rules::default();
    let mut results = Vec::new();
    for m in &r.models {
        for v in &m.violations {
            let idx = rule(&mut rules, &v.rule, "error");
            let mut res = SarifResult::new(
                &rules,
                idx,
                "error",
                Message::rich(&format!("{}: {}", m.target, v.message)),
                locations(&m.references),
            );
            res.properties = Some(
                json!({"target": m.target, "category": m.category, "verdict": m.verdict.as_str()}),
            );
            if let (Verdict::Excepted, Some(e)) = (m.verdict, &m.exception) {
                let until = e
                    .expires
                    .as_deref()
                    .map(|d| format!(" (until {d})"))
                    .unwrap_or_default();
                res.suppressions = Some(json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": escape::sarif_text(&format!("{}{until}", e.reason)),
                }]));
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
        let idx = rule(&mut rules, "lock", "error");
        results.push(SarifResult::new(
            &rules,
            idx,
            "error",
            Message::rich(&p.message),
            refs_of(&p.target),
        ));
    }
    let unresolved_level = if r.unresolved_fails { "error" } else { "note" };
    for u in &r.unresolved {
        let idx = rule(&mut rules, "unresolved", unresolved_level);
        results.push(SarifResult::new(
            &rules,
            idx,
            unresolved_level,
            Message::rich(&u.message),
            locations(std::slice::from_ref(&u.at)),
        ));
    }
    let notifications: Vec<Notification> = r
        .errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: Message::text(&format!("{} could not be audited: {}", e.target, e.message)),
            locations: locations(&e.references),
        })
        .chain(r.skipped.iter().map(|s| Notification {
            level: "note",
            message: Message::text(&format!("{} skipped: {}", s.path, s.reason)),
            locations: Vec::new(),
        }))
        .collect();
    let mut run = Run::new(version, rules, results, notifications);
    // Skipped files are notes, not failures.
    run.invocations[0].execution_successful = r.errors.is_empty();
    run.automation_details = Some(json!({"id": "glassbox-check/"}));
    run.original_uri_base_ids =
        Some(json!({ ROOT: {"description": {"text": "The checked codebase"}} }));
    Log::new(vec![run])
}

/// The SARIF log as a JSON value.
pub fn to_value(r: &CheckReport, version: &str) -> Value {
    log(r, version).to_value()
}

/// The SARIF log, pretty-printed.
pub fn render(r: &CheckReport, version: &str) -> String {
    log(r, version).render()
}
