//! A read-only view of a report shared by the renderers, so that Markdown, HTML, SARIF and the
//! BOMs all say the same thing.
//!
//! The verdicts of frameworks other than the seed are JSON values owned by the frameworks crate;
//! this module reads them from their documented fields (`pass`, `class`, `progress`, `score`,
//! `dimensions`, `eligible`, `met`, `unmet`, `gap`) and tolerates anything else, so that a
//! renderer never fails because a framework grew a field. License obligations are read the same
//! way, from any `obligations` array on a license or a component's license.

use glassbox_core::{Component, Finding, GapStep, Location, Report, Requirement, Severity, Status};
use serde_json::Value;

use crate::escape;

/// How a verdict reads at a glance; renderers colour by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The framework's bar is met (pass, eligible, any MOF class, high index score).
    Good,
    /// Part of the way (some index dimensions open, MOF progress without a class).
    Partial,
    /// Not met.
    Bad,
    /// The framework cannot tell, or reported nothing readable.
    Unknown,
}

impl Outcome {
    /// A short class name used by the HTML renderer's CSS.
    pub fn css(self) -> &'static str {
        match self {
            Outcome::Good => "good",
            Outcome::Partial => "partial",
            Outcome::Bad => "bad",
            Outcome::Unknown => "unknown",
        }
    }
}

/// One MOF mode's result: the class reached (0 = none) and progress towards each class.
#[derive(Debug, Clone, PartialEq)]
pub struct MofMode {
    /// 0 (no class), 3, 2 or 1 (1 is the most open).
    pub class: u8,
    /// Progress in percent towards classes III, II and I, in that order.
    pub progress: [Option<f64>; 3],
}

/// The MOF verdict's numbers, in both modes.
#[derive(Debug, Clone, PartialEq)]
pub struct Mof {
    /// The Model Openness Tool's rules.
    pub mot: MofMode,
    /// The specification's stricter reading, when reported.
    pub strict: Option<MofMode>,
}

/// One dimension of the European Open Source AI Index.
#[derive(Debug, Clone, PartialEq)]
pub struct Dimension {
    /// Dimension name as the framework reports it.
    pub name: String,
    /// `open`, `partial`, `closed`, or whatever else the framework said.
    pub level: String,
    /// Why, when given.
    pub reason: Option<String>,
    /// Evidence locations.
    pub evidence: Vec<Location>,
    /// The index's group (Availability, Documentation, Access), when given.
    pub group: Option<String>,
    /// A dimension the index no longer scores.
    pub legacy: bool,
}

impl Dimension {
    /// The index's value for the level: open 1, partial 0.5, closed 0.
    pub fn value(&self) -> Option<f64> {
        match self.level.to_ascii_lowercase().as_str() {
            "open" => Some(1.0),
            "partial" => Some(0.5),
            "closed" => Some(0.0),
            _ => None,
        }
    }
}

/// The OSAI verdict's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Osai {
    /// The index score, 0 to 1, when reported.
    pub score: Option<f64>,
    /// The dimensions, in the order reported.
    pub dimensions: Vec<Dimension>,
}

/// One framework's verdict, read from the report.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameworkView {
    /// The key in `verdicts` (`osaid`, `mof`, …).
    pub key: String,
    /// The framework's full name.
    pub title: String,
    /// The verdict in a few words ("pass", "Class II", "score 0.58", "exemption: cannot tell").
    pub headline: String,
    /// How the verdict reads.
    pub outcome: Outcome,
    /// Requirements met.
    pub met: Vec<Requirement>,
    /// Requirements not met.
    pub unmet: Vec<Requirement>,
    /// What to publish or change.
    pub gap: Vec<GapStep>,
    /// MOF numbers when this is the MOF verdict.
    pub mof: Option<Mof>,
    /// Index dimensions when this is the OSAI verdict.
    pub osai: Option<Osai>,
    /// Other lists of sentences the verdict carries (`open_conditions`, `still_owed`, …), with a
    /// readable title.
    pub lists: Vec<(String, Vec<String>)>,
}

/// The frameworks the report knows, in display order, with their full names.
const KNOWN: [(&str, &str); 5] = [
    ("osaid", "OSI Open Source AI Definition 1.0"),
    ("mof", "Model Openness Framework"),
    ("osai", "European Open Source AI Index"),
    ("eu-ai-act", "EU AI Act Art. 53(2) open-source exemption"),
    ("owd", "Open Weight Definition"),
];

/// Every framework verdict present in the report other than the seed, known ones first.
pub fn frameworks(report: &Report) -> Vec<FrameworkView> {
    let others = &report.verdicts.others;
    let mut keys: Vec<&str> = KNOWN
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| others.contains_key(*k))
        .collect();
    keys.extend(
        others
            .keys()
            .map(String::as_str)
            .filter(|k| !KNOWN.iter().any(|(n, _)| n == k)),
    );
    keys.into_iter()
        .map(|k| framework(k, others[k].json()))
        .collect()
}

/// The MOF class as written in reports (`Class I`, …, `no class`).
pub fn mof_class_name(class: u8) -> &'static str {
    match class {
        1 => "Class I",
        2 => "Class II",
        3 => "Class III",
        _ => "no class",
    }
}

fn framework(key: &str, v: &Value) -> FrameworkView {
    let title = KNOWN
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, t)| t.to_string())
        .or_else(|| v.get("title").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_else(|| key.to_string());
    let met = requirements(v.get("met"));
    let unmet = requirements(v.get("unmet"));
    let gap = v
        .get("gap")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|g| serde_json::from_value(g.clone()).ok())
                .collect()
        })
        .unwrap_or_default();
    let mof = mof(v);
    let osai = osai(v);
    let (headline, outcome) = headline(v, mof.as_ref(), osai.as_ref(), &unmet);
    let lists = v
        .as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "met" | "unmet" | "gap"))
                .filter_map(|(k, x)| {
                    let items: Vec<String> = x
                        .as_array()?
                        .iter()
                        .filter_map(|i| i.as_str().map(str::to_string))
                        .collect();
                    (!items.is_empty()).then(|| (list_title(k), items))
                })
                .collect()
        })
        .unwrap_or_default();
    FrameworkView {
        key: key.to_string(),
        title,
        headline,
        outcome,
        met,
        unmet,
        gap,
        mof,
        osai,
        lists,
    }
}

/// `open_conditions` → `Open conditions`.
fn list_title(key: &str) -> String {
    let words = key.replace(['_', '-'], " ");
    let mut c = words.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn requirements(v: Option<&Value>) -> Vec<Requirement> {
    let Some(items) = v.and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|r| {
            serde_json::from_value::<Requirement>(r.clone())
                .ok()
                .or_else(|| {
                    // A requirement with a missing field is still worth showing by its id or title.
                    let id = r.get("id").and_then(Value::as_str);
                    let title = r.get("title").and_then(Value::as_str);
                    (id.is_some() || title.is_some()).then(|| Requirement {
                        id: id.or(title).unwrap_or_default().to_string(),
                        title: title.or(id).unwrap_or_default().to_string(),
                        reason: r
                            .get("reason")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                        evidence: locations(r.get("evidence")),
                    })
                })
        })
        .collect()
}

fn locations(v: Option<&Value>) -> Vec<Location> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|l| serde_json::from_value(l.clone()).ok())
                .collect()
        })
        .unwrap_or_default()
}

fn mof_mode(v: &Value) -> Option<MofMode> {
    let class = v.get("class").and_then(Value::as_u64)?;
    let progress = v.get("progress");
    let p = |k: &str| progress.and_then(|p| p.get(k)).and_then(Value::as_f64);
    Some(MofMode {
        class: class.min(3) as u8,
        progress: [p("3"), p("2"), p("1")],
    })
}

fn mof(v: &Value) -> Option<Mof> {
    let mot = mof_mode(v)?;
    Some(Mof {
        mot,
        strict: v.get("strict").and_then(mof_mode),
    })
}

fn osai(v: &Value) -> Option<Osai> {
    let dims = v.get("dimensions")?;
    let score = v.get("score").and_then(Value::as_f64);
    let mut dimensions = Vec::new();
    let mut push = |name: String, d: &Value| {
        let text = |k: &str| d.get(k).and_then(Value::as_str).map(str::to_string);
        let level = match d {
            Value::String(s) => s.clone(),
            Value::Object(o) => {
                let found = ["grade", "level", "status", "value", "rating", "state"]
                    .iter()
                    .find(|k| o.contains_key(**k));
                match found.map(|k| &o[*k]) {
                    Some(Value::String(s)) => s.clone(),
                    // A null grade: not applicable, or not visible in a release.
                    Some(Value::Null) => "n/a".to_string(),
                    _ => "unknown".to_string(),
                }
            }
            _ => "unknown".to_string(),
        };
        dimensions.push(Dimension {
            name,
            level,
            reason: text("reason").filter(|r| !r.is_empty()),
            evidence: locations(d.get("evidence")),
            group: text("group"),
            legacy: d.get("legacy").and_then(Value::as_bool).unwrap_or(false),
        });
    };
    match dims {
        Value::Object(map) => {
            for (k, d) in map {
                push(k.clone(), d);
            }
        }
        Value::Array(items) => {
            for d in items {
                let name = ["name", "id", "dimension", "key", "title"]
                    .iter()
                    .find_map(|k| d.get(*k).and_then(Value::as_str))
                    .unwrap_or("dimension")
                    .to_string();
                push(name, d);
            }
        }
        _ => {}
    }
    Some(Osai { score, dimensions })
}

fn headline(
    v: &Value,
    mof: Option<&Mof>,
    osai: Option<&Osai>,
    unmet: &[Requirement],
) -> (String, Outcome) {
    if let Some(m) = mof {
        let mut s = mof_class_name(m.mot.class).to_string();
        if let Some(strict) = &m.strict {
            s.push_str(&format!(" (strict: {})", mof_class_name(strict.class)));
        }
        let outcome = if m.mot.class > 0 {
            Outcome::Good
        } else if m.mot.progress.iter().flatten().any(|p| *p > 0.0) {
            Outcome::Partial
        } else {
            Outcome::Bad
        };
        return (s, outcome);
    }
    if let Some(pass) = v.get("pass").and_then(Value::as_bool) {
        return if pass {
            ("pass".into(), Outcome::Good)
        } else {
            ("fail".into(), Outcome::Bad)
        };
    }
    if let Some(e) = v.get("eligible").and_then(Value::as_str) {
        let outcome = match e {
            "yes" => Outcome::Good,
            "no" => Outcome::Bad,
            _ => Outcome::Unknown,
        };
        return (format!("exemption: {}", e.replace('-', " ")), outcome);
    }
    if let Some(o) = osai {
        if let Some(score) = o.score {
            let outcome = if score >= 0.75 {
                Outcome::Good
            } else if score > 0.25 {
                Outcome::Partial
            } else {
                Outcome::Bad
            };
            return (format!("score {score:.2}"), outcome);
        }
    }
    if let Some(s) = ["status", "result", "category"]
        .iter()
        .find_map(|k| v.get(*k).and_then(Value::as_str))
    {
        return (s.to_string(), Outcome::Unknown);
    }
    if unmet.is_empty() {
        ("assessed".into(), Outcome::Unknown)
    } else {
        (format!("{} unmet", unmet.len()), Outcome::Bad)
    }
}

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

/// Whether a finding is about serialisation safety or integrity rather than licensing
/// ([`Code::is_security`](glassbox_core::Code::is_security)).
pub fn is_security(f: &Finding) -> bool {
    f.kind.is_security()
}

/// Findings sorted most severe first (stable within a severity).
pub fn sorted_findings<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<&'a Finding> {
    let mut v: Vec<&Finding> = findings.collect();
    v.sort_by_key(|f| std::cmp::Reverse(f.severity));
    v
}

/// One step of the merged gap list with the frameworks it advances.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedStep {
    /// The step.
    pub step: GapStep,
    /// Framework keys (`seed`, `osaid`, …) whose gap lists name it.
    pub frameworks: Vec<String>,
}

/// The seed's and every framework's gap lists merged by action, ordered by how many frameworks a
/// step advances (then by first appearance, which keeps each list's cheapest-first order).
pub fn merged_gap(report: &Report) -> Vec<MergedStep> {
    // The frameworks crate merges the steps itself into `next_steps` (choosing the strictest
    // wording where frameworks ask different bars); reports without it are merged here by action.
    if !report.next_steps.is_empty() {
        return report
            .next_steps
            .iter()
            .map(|n| MergedStep {
                step: GapStep {
                    action: n.action.clone(),
                    component: n.component,
                },
                frameworks: n.frameworks.clone(),
            })
            .collect();
    }
    let mut out: Vec<MergedStep> = Vec::new();
    let mut add = |key: &str, steps: &[GapStep]| {
        for s in steps {
            let norm = s.action.trim().to_ascii_lowercase();
            match out
                .iter_mut()
                .find(|m| m.step.action.trim().to_ascii_lowercase() == norm)
            {
                Some(m) => {
                    if !m.frameworks.iter().any(|f| f == key) {
                        m.frameworks.push(key.to_string());
                    }
                    if m.step.component.is_none() {
                        m.step.component = s.component;
                    }
                }
                None => out.push(MergedStep {
                    step: s.clone(),
                    frameworks: vec![key.to_string()],
                }),
            }
        }
    };
    add("seed", &report.verdicts.seed.assessment.gap);
    for f in frameworks(report) {
        add(&f.key, &f.gap);
    }
    // A stable sort keeps first-appearance order among equals.
    out.sort_by_key(|m| std::cmp::Reverse(m.frameworks.len()));
    out
}

/// A Hugging Face Hub repository and revision named by a report's target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubRef {
    /// `org/name` (or `name` for legacy repos without an organisation).
    pub repo: String,
    /// The resolved commit or the revision asked for.
    pub revision: Option<String>,
}

impl HubRef {
    /// The organisation part, when there is one.
    pub fn org(&self) -> Option<&str> {
        self.repo.split_once('/').map(|(o, _)| o)
    }
    /// The name part.
    pub fn name(&self) -> &str {
        self.repo
            .split_once('/')
            .map(|(_, n)| n)
            .unwrap_or(&self.repo)
    }
    /// The repository page.
    pub fn url(&self) -> String {
        format!("https://huggingface.co/{}", self.repo)
    }
    /// A link to a file (and line) of the repository at its revision.
    pub fn file_url(&self, path: &str, line: Option<u32>) -> String {
        let rev = self.revision.as_deref().unwrap_or("main");
        let mut u = format!(
            "{}/blob/{}/{}",
            self.url(),
            escape::uri_path(rev),
            escape::uri_path(path)
        );
        if let Some(l) = line {
            u.push_str(&format!("#L{l}"));
        }
        u
    }
}

/// The Hub repository a report is about, when its target is a Hub release (`kind == "hf"`).
pub fn hub_ref(report: &Report) -> Option<HubRef> {
    let t = &report.target;
    if t.kind != "hf" {
        return None;
    }
    let spec = t.spec.trim();
    let spec = spec.strip_prefix("hf:").unwrap_or(spec);
    let spec = spec.strip_prefix("https://huggingface.co/").unwrap_or(spec);
    let (repo, rev) = match spec.split_once('@') {
        Some((r, v)) => (r, Some(v.to_string())),
        None => (spec, None),
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.len() <= 96
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !s.starts_with('.')
    };
    let parts: Vec<&str> = repo.split('/').collect();
    if parts.is_empty() || parts.len() > 2 || !parts.iter().all(|p| valid(p)) {
        return None;
    }
    Some(HubRef {
        repo: repo.to_string(),
        revision: t.revision.clone().or(rev),
    })
}

/// A link for a location: its own URL when safe, else a Hub file link for Hub releases.
pub fn location_url(report: &Report, loc: &Location) -> Option<String> {
    if let Some(u) = loc.url.as_deref().and_then(escape::safe_url) {
        return Some(u.to_string());
    }
    let path = loc.path.as_deref()?;
    hub_ref(report).map(|h| h.file_url(path, loc.line))
}

/// A location as short plain text (`path:line [field]`), without its URL.
pub fn location_label(loc: &Location) -> String {
    let mut s = String::new();
    if let Some(p) = &loc.path {
        s.push_str(p);
        if let Some(l) = loc.line {
            s.push_str(&format!(":{l}"));
        }
    }
    if let Some(f) = &loc.field {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&format!("[{f}]"));
    }
    if s.is_empty() {
        if let Some(u) = &loc.url {
            s.push_str(u);
        }
    }
    if s.is_empty() {
        s.push_str("(release)");
    }
    s
}

/// A label for a seed row level: 2 open, 1 in between, 0 closed.
pub fn level_symbol(level: u8) -> &'static str {
    match level {
        2 => "✅",
        1 => "🟡",
        _ => "❌",
    }
}

/// The severity words used in prose.
pub fn severity_word(s: Severity) -> &'static str {
    s.as_str()
}

/// The MOF class and content type of a component, as a short label (`III · code`).
pub fn component_class(c: Component) -> String {
    let class = match c.mof_class() {
        3 => "III",
        2 => "II",
        _ => "I",
    };
    let ct = match c.content_type() {
        glassbox_core::ContentType::Code => "code",
        glassbox_core::ContentType::Data => "data",
        glassbox_core::ContentType::Document => "document",
    };
    format!("{class} · {ct}")
}

/// A dataset a release names or ships, read from one component's evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetRef {
    /// A display name: the Hub id for Hub datasets, else the URL, path or evidence detail.
    pub name: String,
    /// Where it can be obtained (`http(s)` only).
    pub url: Option<String>,
    /// A shipped data file.
    pub path: Option<String>,
    /// `present` or `partial`.
    pub status: Status,
}

/// The datasets behind one data component (`Datasets` for training, `Evaluation data` for
/// testing), one per distinct piece of evidence that is not `absent`.
pub fn datasets(report: &Report, component: Component) -> Vec<DatasetRef> {
    let mut out: Vec<DatasetRef> = Vec::new();
    let Some(c) = report.evidence.component(component) else {
        return out;
    };
    for e in c.evidence.iter().filter(|e| e.status != Status::Absent) {
        let url = e
            .location
            .url
            .as_deref()
            .and_then(escape::safe_url)
            .map(str::to_string);
        let name = url
            .as_deref()
            .and_then(hub_dataset_id)
            .or_else(|| url.clone())
            .or_else(|| {
                e.location
                    .path
                    .clone()
                    .filter(|_| e.location.field.is_none())
            })
            .or_else(|| quoted(&e.detail));
        let Some(name) = name else { continue };
        if out.iter().any(|d| d.name == name) {
            continue;
        }
        let path = e
            .location
            .path
            .clone()
            .filter(|_| e.location.field.is_none() && e.location.url.is_none());
        out.push(DatasetRef {
            name,
            url,
            path,
            status: e.status,
        });
    }
    out
}

/// The first `backtick-quoted` token of a detail sentence (detectors quote dataset ids so).
fn quoted(detail: &str) -> Option<String> {
    let start = detail.find('`')? + 1;
    let len = detail[start..].find('`')?;
    let id = detail[start..start + len].trim();
    (!id.is_empty() && id.len() <= 200).then(|| id.to_string())
}

/// The license of one dataset when a license finding names it (`… [dataset ORG/NAME]`).
pub fn dataset_license<'a>(
    report: &'a Report,
    name: &str,
) -> Option<&'a glassbox_core::LicenseFinding> {
    let tag = format!("[dataset {name}]");
    report
        .evidence
        .licenses
        .iter()
        .find(|l| l.source.contains(&tag))
}

/// `https://huggingface.co/datasets/org/name[/…]` → `org/name`.
fn hub_dataset_id(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://huggingface.co/datasets/")?;
    let parts: Vec<&str> = rest
        .split(['/', '?', '#'])
        .take(2)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// How a license id is best written in a bill of materials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseForm {
    /// One id of the SPDX License List.
    SpdxId(String),
    /// A compound SPDX expression (`Apache-2.0 OR MIT`, `… WITH …`).
    Expression(String),
    /// Anything else (a `LicenseRef-`, a Hub tag like `llama3.1`): name, id and a URL if known.
    Named {
        /// Human name.
        name: String,
        /// The id glassbox resolved (used to form a `LicenseRef-`).
        id: String,
        /// Where the text is.
        url: Option<String>,
    },
}

/// Sorts a license into an SPDX id, an SPDX expression, or a named license.
pub fn license_form(id: &str, name: &str, url: Option<&str>) -> LicenseForm {
    let id = id.trim();
    if spdx::license_id(id).is_some_and(|l| l.name == id) {
        return LicenseForm::SpdxId(id.to_string());
    }
    let compound = id.contains(" AND ") || id.contains(" OR ") || id.contains(" WITH ");
    if compound && spdx::Expression::parse(id).is_ok() {
        return LicenseForm::Expression(id.to_string());
    }
    LicenseForm::Named {
        name: if name.trim().is_empty() {
            id.to_string()
        } else {
            name.trim().to_string()
        },
        id: id.to_string(),
        url: url.and_then(escape::safe_url).map(str::to_string),
    }
}

/// A `LicenseRef-` id for a license outside the SPDX list, made of the characters SPDX allows.
pub fn license_ref(id: &str) -> String {
    let body = id.strip_prefix("LicenseRef-").unwrap_or(id);
    let clean: String = body
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let clean = clean.trim_matches('-');
    format!(
        "LicenseRef-{}",
        if clean.is_empty() { "unknown" } else { clean }
    )
}

/// A stable 128-bit digest (two FNV-1a 64 lanes) for deterministic document ids.
pub fn digest128(bytes: &[u8]) -> u128 {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for &x in bytes {
        a ^= u64::from(x);
        a = a.wrapping_mul(0x0000_0100_0000_01b3);
        b ^= u64::from(x.rotate_left(3));
        b = b.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (u128::from(a) << 64) | u128::from(b)
}

/// A deterministic RFC 9562 version-8 UUID for a report, so the same report always yields the
/// same document id.
pub fn report_uuid(report: &Report) -> String {
    let bytes = serde_json::to_vec(report).unwrap_or_default();
    let mut d = digest128(&bytes);
    d = (d & !(0xf << 76)) | (0x8 << 76); // version 8
    d = (d & !(0x3 << 62)) | (0x2 << 62); // RFC variant
    let h = format!("{d:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A lower-case 64-hex SHA-256 of an artifact: its own, or its LFS object id.
pub fn artifact_sha256(a: &glassbox_core::Artifact) -> Option<String> {
    let raw = a
        .sha256
        .as_deref()
        .or_else(|| a.lfs.as_ref().and_then(|l| l.oid.strip_prefix("sha256:")))?;
    let raw = raw.trim().to_ascii_lowercase();
    (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit())).then_some(raw)
}

/// How a lineage node reads in every renderer: `finetune of org/base`, the license label, and
/// where the licenses came from (`model card`, `lineage table (Llama 3.1)`), plain text.
pub struct LineageLine {
    /// `finetune of ` or empty: how the model above was made from this one.
    pub relation: String,
    /// The licenses (`LicenseRef-Llama-3.1 (tier R)`), or `unknown`.
    pub licenses: String,
    /// Where the licenses were read.
    pub source: String,
}

/// The plain-text parts of one lineage node.
pub fn lineage_line(n: &glassbox_core::LineageNode) -> LineageLine {
    use glassbox_core::LineageSource;
    let source = match (n.source, &n.family) {
        (LineageSource::ModelCard, _) => "model card".to_string(),
        (LineageSource::LineageTable, Some(f)) => format!("lineage table ({f})"),
        (LineageSource::LineageTable, None) => "lineage table".to_string(),
        (LineageSource::Unknown, _) => "not known".to_string(),
    };
    LineageLine {
        relation: n
            .relation
            .as_deref()
            .map(|r| format!("{r} of "))
            .unwrap_or_default(),
        licenses: n.license_label(),
        source,
    }
}

/// Where a location is, without the field that explains it: `README.md:1396`, or the URL.
pub fn place(at: &glassbox_core::Location) -> String {
    glassbox_core::Location {
        field: None,
        ..at.clone()
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::open_weights_hub as sample;
    use serde_json::json;

    #[test]
    fn reads_the_framework_contract_and_tolerates_shapes() {
        let mut r = sample();
        r.verdicts.others.clear();
        r.verdicts.others.insert(
            "owd".into(),
            json!({"pass": true, "met": [], "unmet": [], "gap": []}).into(),
        );
        r.verdicts.others.insert(
            "mof".into(),
            json!({"class": 0, "progress": {"1": 10.0, "2": 40, "3": 85.7},
                   "strict": {"class": 0, "progress": {"1": 0, "2": 20, "3": 57.1}},
                   "met": [], "unmet": [{"id": "x", "title": "X", "reason": "r", "evidence": []}], "gap": []}).into(),
        );
        r.verdicts.others.insert(
            "osai".into(),
            json!({"score": 0.5, "dimensions": [{"name": "weights", "level": "open"}, {"id": "code", "status": "closed"},
                {"id": "api", "name": "API", "group": "Access", "grade": null, "legacy": true, "reason": ""}]}).into(),
        );
        r.verdicts.others.insert(
            "eu-ai-act".into(),
            json!({"eligible": "cannot-tell", "unmet": [{"id": "only-id"}],
                   "open_conditions": ["Not monetised"], "still_owed": []})
            .into(),
        );
        r.verdicts.others.insert("future".into(), json!(42).into());
        let f = frameworks(&r);
        let keys: Vec<&str> = f.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["mof", "osai", "eu-ai-act", "owd", "future"]);
        assert_eq!(f[0].headline, "no class (strict: no class)");
        assert_eq!(f[0].outcome, Outcome::Partial);
        assert_eq!(
            f[0].mof.as_ref().unwrap().mot.progress,
            [Some(85.7), Some(40.0), Some(10.0)]
        );
        assert_eq!(f[1].headline, "score 0.50");
        assert_eq!(f[1].osai.as_ref().unwrap().dimensions[1].name, "code");
        assert_eq!(f[1].osai.as_ref().unwrap().dimensions[1].value(), Some(0.0));
        let api = &f[1].osai.as_ref().unwrap().dimensions[2];
        assert_eq!(
            (
                api.level.as_str(),
                api.legacy,
                api.group.as_deref(),
                api.value()
            ),
            ("n/a", true, Some("Access"), None)
        );
        assert_eq!(f[2].headline, "exemption: cannot tell");
        assert_eq!(
            f[2].lists,
            [(
                "Open conditions".to_string(),
                vec!["Not monetised".to_string()]
            )]
        );
        assert_eq!(f[2].unmet[0].title, "only-id");
        assert_eq!(f[3].outcome, Outcome::Good);
        assert_eq!(f[4].headline, "assessed");
    }

    #[test]
    fn scanner_kinds_are_security_findings() {
        let f = |k: &str| {
            let code: glassbox_core::Code = k.parse().unwrap();
            Finding::new(code, Severity::High, "m", Location::file("x"))
        };
        for k in [
            "unsafe-global",
            "unresolved-global",
            "nested-pickle",
            "trailing-data",
            "attribute-laundering",
            "structural-anomaly",
            "frame-differential",
            "unscannable-file",
            "scan-limit",
            "hash-mismatch",
        ] {
            assert!(is_security(&f(k)), "{k}");
        }
        for k in [
            "license-conflict",
            "gated",
            "missing-data-card",
            "unreadable-file",
        ] {
            assert!(!is_security(&f(k)), "{k}");
        }
    }

    #[test]
    fn gap_steps_merge_across_frameworks() {
        let mut r = sample();
        r.verdicts.others.insert(
            "osaid".into(),
            json!({"pass": false, "met": [], "unmet": [], "gap": [
                {"action": "Publish the training code under an OSI-approved license", "component": "Training code"},
                {"action": "Only osaid wants this"}]}).into(),
        );
        let g = merged_gap(&r);
        assert_eq!(g[0].frameworks, ["seed", "osaid"]);
        assert!(g.iter().any(|m| m.frameworks == ["osaid"]));
    }

    #[test]
    fn hub_refs_parse_and_refuse_odd_specs() {
        let mut r = sample();
        r.target.kind = "hf".into();
        r.target.spec = "hf:org/model@abc".into();
        r.target.revision = None;
        let h = hub_ref(&r).unwrap();
        assert_eq!(
            (h.org(), h.name(), h.revision.as_deref()),
            (Some("org"), "model", Some("abc"))
        );
        assert_eq!(
            h.file_url("a b.py", Some(3)),
            "https://huggingface.co/org/model/blob/abc/a%20b.py#L3"
        );
        r.target.spec = "hf:org/../x".into();
        assert_eq!(hub_ref(&r), None);
        r.target.spec = "hf:a/b/c".into();
        assert_eq!(hub_ref(&r), None);
    }

    #[test]
    fn licenses_sort_into_ids_expressions_and_names() {
        assert_eq!(
            license_form("Apache-2.0", "x", None),
            LicenseForm::SpdxId("Apache-2.0".into())
        );
        assert_eq!(
            license_form("MIT OR Apache-2.0", "", None),
            LicenseForm::Expression("MIT OR Apache-2.0".into())
        );
        assert!(matches!(
            license_form(
                "LicenseRef-Llama-3.1",
                "Llama 3.1",
                Some("https://llama.com/l")
            ),
            LicenseForm::Named { url: Some(_), .. }
        ));
        assert!(matches!(
            license_form("llama3.1", "", Some("javascript:x")),
            LicenseForm::Named { url: None, .. }
        ));
        assert_eq!(license_ref("llama 3.1/x"), "LicenseRef-llama-3.1-x");
        assert_eq!(license_ref("LicenseRef-Foo"), "LicenseRef-Foo");
        assert_eq!(license_ref("???"), "LicenseRef-unknown");
    }

    #[test]
    fn uuids_are_stable_and_well_formed() {
        let a = report_uuid(&sample());
        assert_eq!(a, report_uuid(&sample()));
        assert_ne!(a, report_uuid(&crate::sample::restricted_local()));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn datasets_come_from_component_evidence() {
        let d = datasets(&sample(), Component::Datasets);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].name, "HuggingFaceFW/fineweb-edu");
        assert_eq!(
            hub_dataset_id("https://huggingface.co/datasets/a/b/tree/main"),
            Some("a/b".into())
        );
    }

    #[test]
    fn obligations_are_read_generically() {
        let mut r = sample();
        let typed = obligations(&r);
        assert_eq!(typed.len(), 2);
        assert_eq!(typed[0].covers[1], "Model parameters (Final)");
        r.evidence.obligations.clear();
        assert!(obligations(&r).is_empty());
        // The license crate adds `obligations`; its shape is read from JSON either way.
        let mut v = serde_json::to_value(&r).unwrap();
        v["components"][1]["license"]["obligations"] =
            json!(["Keep the NOTICE file", {"text": "State changes"}, 3]);
        v["licenses"][0]["obligations"] = json!([{"summary": "Keep the NOTICE file"}]);
        v["licenses"][1]["obligations"] = json!([{"description": "Give a copy of the license"}]);
        let o = obligations_in(&v);
        let texts: Vec<&str> = o.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Keep the NOTICE file",
                "State changes",
                "Give a copy of the license"
            ]
        );
        assert_eq!(o[0].license, "Apache-2.0");
    }
}
