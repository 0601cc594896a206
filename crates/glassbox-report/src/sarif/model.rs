//! The one SARIF 2.1.0 model glassbox writes. Audit reports ([`super`]), `glassbox scan` and
//! `glassbox check` build their logs from these types, so escaping, levels, rule descriptions
//! and rule indexing are the same in all three.
//!
//! Every [`Message`] is escaped for SARIF ([`escape::sarif_text`]) when it is made: text from
//! a release cannot become a placeholder or an embedded link.

use glassbox_core::{Code, Severity};
use serde::Serialize;
use serde_json::Value;

use crate::escape;

/// The SARIF schema URI written in `$schema`.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// At most this many locations per result (GitHub code scanning keeps 10).
pub const MAX_LOCATIONS: usize = 10;

/// A SARIF log.
#[derive(Debug, Serialize)]
pub struct Log {
    /// The schema URI.
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    /// Always `2.1.0`.
    pub version: &'static str,
    /// One run per report.
    pub runs: Vec<Run>,
}

impl Log {
    /// A log of these runs.
    pub fn new(runs: Vec<Run>) -> Log {
        Log {
            schema: SARIF_SCHEMA,
            version: "2.1.0",
            runs,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn render(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The log as a JSON value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// One run of glassbox.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    /// glassbox and the rules its results name.
    pub tool: Tool,
    /// A stable id for the kind of run (dashboards group by it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automation_details: Option<Value>,
    /// Whether the run completed, and what went wrong when not.
    pub invocations: Vec<Invocation>,
    /// What relative URIs are relative to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_uri_base_ids: Option<Value>,
    /// The results.
    pub results: Vec<SarifResult>,
    /// Run-level facts (target, verdicts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Value>,
}

impl Run {
    /// A run whose driver holds `rules`, with these results; the invocation succeeded when
    /// there is no notification.
    pub fn new(
        version: &str,
        rules: Rules,
        results: Vec<SarifResult>,
        notifications: Vec<Notification>,
    ) -> Run {
        Run {
            tool: Tool {
                driver: Driver {
                    name: "glassbox",
                    semantic_version: version.to_string(),
                    information_uri: "https://example.invalid/glassbox",
                    rules: rules.rules,
                },
            },
            automation_details: None,
            invocations: vec![Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: None,
            results,
            properties: None,
        }
    }
}

/// The tool.
#[derive(Debug, Serialize)]
pub struct Tool {
    /// glassbox itself.
    pub driver: Driver,
}

/// glassbox and its rules.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    /// `glassbox`.
    pub name: &'static str,
    /// glassbox's version.
    pub semantic_version: String,
    /// Where to read about glassbox.
    pub information_uri: &'static str,
    /// The rules results point at by index.
    pub rules: Vec<Rule>,
}

/// A rule: a finding code, a framework requirement, a policy key.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// The rule id results name (`finding/unsafe-global`, `osaid/…`, `check/deny-tiers`).
    pub id: String,
    /// An identifier-like name (`UnsafeGlobal`).
    pub name: String,
    /// One line.
    pub short_description: Message,
    /// More.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_description: Option<Message>,
    /// How to fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
    /// The level results of this rule usually have.
    pub default_configuration: Configuration,
    /// Tags and the security-severity score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Value>,
}

impl Rule {
    /// The rule of a finding code: its description, why it matters and how to fix it
    /// ([`Code`]), under the id `{prefix}{code}`.
    pub fn for_code(prefix: &str, code: Code, severity: Severity) -> Rule {
        let mut tags = vec![
            "glassbox",
            if code.is_security() {
                "security"
            } else {
                "openness"
            },
        ];
        if code.area() == glassbox_core::Area::License {
            tags.push("license");
        }
        let mut props = serde_json::json!({ "tags": tags });
        if let (true, Some(s)) = (code.is_security(), security_severity(severity)) {
            props["security-severity"] = serde_json::json!(s);
        }
        Rule {
            id: format!("{prefix}{code}"),
            name: camel(code.id()),
            short_description: Message::text(code.description()),
            full_description: Some(Message::text(&format!(
                "{} {}",
                code.description(),
                code.why()
            ))),
            help: Some(Message::text(&format!(
                "{} (`glassbox explain {code}`)",
                code.fix()
            ))),
            default_configuration: Configuration {
                level: level(severity),
            },
            properties: Some(props),
        }
    }
}

/// A rule's default configuration.
#[derive(Debug, Serialize)]
pub struct Configuration {
    /// `error`, `warning` or `note`.
    pub level: &'static str,
}

/// Text for a reader, escaped for SARIF; with a Markdown form where dashboards show one.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// Plain text.
    pub text: String,
    /// Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markdown: Option<String>,
}

impl Message {
    /// Plain text only.
    pub fn text(s: &str) -> Message {
        Message {
            text: escape::sarif_text(s),
            markdown: None,
        }
    }

    /// Plain text and Markdown.
    pub fn rich(s: &str) -> Message {
        Message {
            text: escape::sarif_text(s),
            markdown: Some(escape::markdown(s)),
        }
    }
}

/// One result.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    /// The rule's id.
    pub rule_id: String,
    /// The rule's index in the driver's rules.
    pub rule_index: usize,
    /// `error`, `warning` or `note`.
    pub level: &'static str,
    /// What was found.
    pub message: Message,
    /// Facts about the result (severity, framework, target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Value>,
    /// Where (at most [`MAX_LOCATIONS`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Value>,
    /// Why a result is accepted (a policy exception).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressions: Option<Value>,
}

impl SarifResult {
    /// A result of rule `rules[index]` at these locations (cut to [`MAX_LOCATIONS`]).
    pub fn new(
        rules: &Rules,
        index: usize,
        level: &'static str,
        message: Message,
        mut locations: Vec<Value>,
    ) -> SarifResult {
        locations.truncate(MAX_LOCATIONS);
        SarifResult {
            rule_id: rules.rules[index].id.clone(),
            rule_index: index,
            level,
            message,
            properties: None,
            locations,
            suppressions: None,
        }
    }
}

/// How a run went.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    /// Whether every input was handled.
    pub execution_successful: bool,
    /// What could not be done.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tool_execution_notifications: Vec<Notification>,
}

/// Something the tool could not do (a file it could not read, a model it could not audit).
#[derive(Debug, Serialize)]
pub struct Notification {
    /// Usually `error`.
    pub level: &'static str,
    /// What went wrong.
    pub message: Message,
    /// Where.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Value>,
}

/// The rules of a run, each added once, in the order results first name them.
#[derive(Debug, Default)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Rules {
    /// The index of rule `id`, made by `make` and added first if new.
    pub fn index(&mut self, id: &str, make: impl FnOnce() -> Rule) -> usize {
        if let Some(i) = self.rules.iter().position(|r| r.id == id) {
            return i;
        }
        let rule = make();
        debug_assert_eq!(rule.id, id);
        self.rules.push(rule);
        self.rules.len() - 1
    }
}

/// SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` score for security findings.
pub fn security_severity(s: Severity) -> Option<&'static str> {
    match s {
        Severity::Critical => Some("9.5"),
        Severity::High => Some("8.0"),
        Severity::Medium => Some("5.5"),
        Severity::Low => Some("3.0"),
        Severity::Info => None,
    }
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
