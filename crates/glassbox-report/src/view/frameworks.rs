//! Framework verdicts as renderers read them: the documented fields of each framework's JSON
//! verdict (`pass`, `class`, `progress`, `score`, `dimensions`, `eligible`, `met`, `unmet`,
//! `gap`), tolerating anything else.

use glassbox_core::{GapStep, Location, Report, Requirement};
use serde_json::Value;

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
