//! The terminal report: the six-row table first, then components with evidence, licenses,
//! findings and the gap list.

use std::fmt::Write;

use glassbox_core::{Component, Report, Severity, Status};

struct Paint {
    on: bool,
}

impl Paint {
    fn code(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn level(&self, level: u8, s: &str) -> String {
        self.code(
            match level {
                2 => "32",
                1 => "33",
                _ => "31",
            },
            s,
        )
    }
    fn bold(&self, s: &str) -> String {
        self.code("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.code("2", s)
    }
}

/// Text from a release without control characters, so a model id cannot move the cursor or
/// change colours on the terminal.
fn plain(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Draws lineage nodes under `prefix` with box-drawing connectors, each followed by where its
/// licenses came from.
fn lineage_tree(o: &mut String, p: &Paint, nodes: &[glassbox_core::LineageNode], prefix: &str) {
    for (i, n) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        let line = crate::view::lineage_line(n);
        let _ = writeln!(
            o,
            "{prefix}{} {}{}  [{}]",
            if last { "└─" } else { "├─" },
            plain(&line.relation),
            p.bold(&plain(&n.model)),
            plain(&line.licenses)
        );
        let child = format!("{prefix}{}", if last { "   " } else { "│  " });
        let mut detail = format!("from {}: {}", line.source, n.location);
        if let Some(note) = &n.note {
            detail.push_str(&format!("; {note}"));
        }
        let _ = writeln!(o, "{child}{}", p.dim(&plain(&detail)));
        lineage_tree(o, p, &n.bases, &child);
    }
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// The component whose license a seed row names.
fn row_component(row: &str) -> Option<Component> {
    match row {
        "Model parameters" => Some(Component::ModelParametersFinal),
        "Training code" => Some(Component::TrainingCode),
        "Training dataset" => Some(Component::Datasets),
        _ => None,
    }
}

/// For a row whose reason names a license: where that license came from (the file, or the
/// sentence and line of the README, and the scope), so the Why column names the deciding
/// license and its source: `weights shipped under X (tier R), from LICENSE-MODEL [scope:…]`.
fn deciding_source(report: &Report, row: &str, reason: &str) -> String {
    let Some(l) = row_component(row)
        .and_then(|c| report.evidence.component(c))
        .and_then(|c| c.license.as_ref())
    else {
        return String::new();
    };
    if !reason.contains(&l.id) {
        return String::new();
    }
    let at = l.source.to_string();
    if at == "(release)" {
        String::new()
    } else {
        format!(", from {at}")
    }
}

/// A copy of the report with every string (and map key) passed through
/// [`escape::terminal`](crate::escape::terminal), for the text renderers: file names, card text
/// and license names reach many places in the text, and escaping the report once covers them
/// all. Falls back to the report as given if the copy cannot be rebuilt (it always can: the
/// report round-trips through JSON, as `glassbox render` relies on).
pub(crate) fn for_terminal(report: &Report) -> Report {
    fn walk(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::String(s) => Value::String(crate::escape::terminal(&s)),
            Value::Array(a) => Value::Array(a.into_iter().map(walk).collect()),
            Value::Object(m) => Value::Object(
                m.into_iter()
                    .map(|(k, v)| (crate::escape::terminal(&k), walk(v)))
                    .collect(),
            ),
            v => v,
        }
    }
    serde_json::to_value(report)
        .ok()
        .and_then(|v| serde_json::from_value(walk(v)).ok())
        .unwrap_or_else(|| report.clone())
}

/// Renders one report for a terminal (release text escaped by [`for_terminal`]); `color` adds
/// ANSI colours.
pub fn render(report: &Report, color: bool) -> String {
    // Text goes to terminals: every string from the release is escaped for one first.
    let report = &for_terminal(report);
    let p = Paint { on: color };
    let mut o = String::new();
    let seed = &report.verdicts.seed;
    let cat_level = match seed.category.as_str() {
        "open-source" => 2,
        "open-weights" => 2,
        "restricted-weights" => 1,
        _ => 0,
    };
    let _ = writeln!(o, "{} {}", p.bold("glassbox audit:"), report.target.name);
    let _ = writeln!(
        o,
        "{}",
        p.dim(&format!(
            "target {} ({}){}",
            report.target.spec,
            report.target.kind,
            report
                .target
                .revision
                .as_ref()
                .map(|r| format!(" @ {r}"))
                .unwrap_or_default()
        ))
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "  Category: {}",
        p.bold(&p.level(cat_level, seed.category.as_str()))
    );
    let _ = writeln!(o, "  {}", seed.summary);
    let _ = writeln!(o);
    let w = seed
        .rows
        .iter()
        .map(|r| r.value.len())
        .max()
        .unwrap_or(10)
        .max(10);
    let _ = writeln!(
        o,
        "  {}  {}  {}",
        p.bold(&pad("Feature", 21)),
        p.bold(&pad("This release", w)),
        p.bold("Why")
    );
    for r in &seed.rows {
        let _ = writeln!(
            o,
            "  {}  {}  {}{}",
            pad(&r.row, 21),
            p.level(r.level, &pad(&r.value, w)),
            r.reason,
            plain(&deciding_source(report, &r.row, &r.reason))
        );
        if let Some(loc) = r.evidence.first() {
            let _ = writeln!(
                o,
                "  {}  {}  {}",
                pad("", 21),
                pad("", w),
                p.dim(&format!("evidence: {loc}"))
            );
        }
    }
    let _ = writeln!(o);

    if !report.verdicts.others.is_empty() {
        let _ = writeln!(o, "{}", p.bold("Frameworks"));
        for f in crate::view::frameworks(report) {
            let (headline, level) = headline(&f);
            let _ = writeln!(
                o,
                "  {}  {}",
                pad(&framework_title(&f.key), 24),
                p.level(level, &headline)
            );
            let unmet: Vec<&str> = f.unmet.iter().map(|r| r.title.as_str()).collect();
            for t in unmet.iter().take(3) {
                let _ = writeln!(o, "  {}  {} {}", pad("", 24), p.dim("unmet:"), t);
            }
            if unmet.len() > 3 {
                let _ = writeln!(
                    o,
                    "  {}  {}",
                    pad("", 24),
                    p.dim(&format!("… and {} more unmet", unmet.len() - 3))
                );
            }
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "{}", p.bold("Components"));
    for c in &report.evidence.components {
        let mark = match c.status {
            Status::Present => p.level(2, "present"),
            Status::Partial => p.level(1, "partial"),
            Status::Absent => p.dim("absent "),
        };
        let lic = c
            .license
            .as_ref()
            .map(|l| format!("  [{} · tier {}]", l.id, l.tier.as_str()))
            .unwrap_or_default();
        let _ = writeln!(o, "  {mark}  {}{}", c.component.name(), p.dim(&lic));
        for e in c.evidence.iter().take(3) {
            let _ = writeln!(
                o,
                "           {} {} {}",
                p.dim("·"),
                e.detail,
                p.dim(&format!(
                    "({}; {}, {:.2})",
                    e.location, e.rule, e.confidence
                ))
            );
        }
        if c.evidence.len() > 3 {
            let _ = writeln!(
                o,
                "           {}",
                p.dim(&format!("… and {} more", c.evidence.len() - 3))
            );
        }
    }
    let _ = writeln!(o);

    if !report.evidence.licenses.is_empty() {
        let _ = writeln!(o, "{}", p.bold("Licenses"));
        for l in &report.evidence.licenses {
            let modified = if l.modified { " MODIFIED" } else { "" };
            let _ = writeln!(
                o,
                "  {}  {} — {} (tier {}, score {:.2}, {}{})",
                l.source,
                l.id,
                l.name,
                l.tier.as_str(),
                l.score,
                l.method,
                modified
            );
        }
        let _ = writeln!(o);
    }

    if !report.lineage.is_empty() {
        let _ = writeln!(o, "{}", p.bold("Lineage (base models and their licenses)"));
        let _ = writeln!(
            o,
            "  {} {}",
            plain(&report.target.name),
            p.dim("(this release)")
        );
        lineage_tree(&mut o, &p, &report.lineage, "  ");
        let _ = writeln!(o);
    }

    if let Some(t) = &report.evidence.model_licenses {
        let _ = writeln!(o, "{}", p.bold("Licenses per model"));
        for m in &t.models {
            let _ = writeln!(
                o,
                "  {} — {} (tier {}) {}",
                p.bold(&plain(&m.model)),
                plain(&m.license.id),
                m.license.tier.as_str(),
                p.dim(&plain(&format!(
                    "[{}] {}",
                    m.rule,
                    crate::view::place(&m.license.source)
                )))
            );
        }
        let others = t.others.as_ref().map_or_else(
            || "none stated".to_string(),
            |l| format!("{} (tier {})", plain(&l.id), l.tier.as_str()),
        );
        let _ = writeln!(o, "  {} — {others}", p.dim("other models"));
        let _ = writeln!(o);
    }

    if !report.evidence.obligations.is_empty() {
        let _ = writeln!(o, "{}", p.bold("License obligations"));
        for g in &report.evidence.obligations {
            let covers: Vec<&str> = g.components.iter().map(|c| c.name()).collect();
            let _ = writeln!(
                o,
                "  {} (tier {}) — {}",
                p.bold(&g.license),
                g.tier.as_str(),
                p.dim(&covers.join(", "))
            );
            for ob in &g.obligations {
                let _ = writeln!(o, "    - {ob}");
            }
        }
        let _ = writeln!(o);
    }

    if !report.evidence.findings.is_empty() {
        let _ = writeln!(o, "{}", p.bold("Findings"));
        let mut fs: Vec<_> = report.evidence.findings.iter().collect();
        fs.sort_by_key(|f| std::cmp::Reverse(f.severity));
        for f in fs {
            let lvl = match f.severity {
                Severity::Critical | Severity::High => 0,
                Severity::Medium => 1,
                _ => 2,
            };
            let at = f
                .evidence
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                o,
                "  {} {} {} {}",
                p.level(lvl, &pad(f.severity.as_str(), 8)),
                f.kind,
                f.message,
                p.dim(&format!("({at})"))
            );
        }
        let _ = writeln!(o);
    }

    if !report.next_steps.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            p.bold("To become more open (most frameworks advanced first)")
        );
        for (i, g) in report.next_steps.iter().enumerate() {
            let _ = writeln!(
                o,
                "  {}. {} {}",
                i + 1,
                g.action,
                p.dim(&format!("[{}]", g.frameworks.join(", ")))
            );
        }
        let _ = writeln!(o);
    } else if !seed.assessment.gap.is_empty() {
        let _ = writeln!(o, "{}", p.bold("To become open source"));
        for (i, g) in seed.assessment.gap.iter().enumerate() {
            let _ = writeln!(o, "  {}. {}", i + 1, g.action);
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "{}",
        p.dim(&format!(
            "{} files, {} bytes in the release, {} bytes read",
            report.stats.files, report.stats.bytes_total, report.stats.bytes_read
        ))
    );
    o
}

fn framework_title(name: &str) -> String {
    match name {
        "osaid" => "OSI OSAID 1.0".into(),
        "mof" => "Model Openness (MOF)".into(),
        "osai" => "EU Open Source AI Index".into(),
        "eu-ai-act" => "EU AI Act 53(2)".into(),
        "owd" => "Open Weight Definition".into(),
        other => other.to_string(),
    }
}

/// The framework's headline, with MOF's progress spelled out, and its colour level (2 good,
/// 1 partial or unknown, 0 bad): the framework's own outcome, not a judgement of this renderer.
fn headline(f: &crate::view::FrameworkView) -> (String, u8) {
    use crate::view::{mof_class_name, Outcome};
    let level = match f.outcome {
        Outcome::Good => 2,
        Outcome::Partial | Outcome::Unknown => 1,
        Outcome::Bad => 0,
    };
    let text = match &f.mof {
        Some(m) => {
            let p = m.mot.progress.map(|x| x.unwrap_or(0.0));
            format!(
                "{} (progress III {:.0}%, II {:.0}%, I {:.0}%); strict: {}",
                mof_class_name(m.mot.class),
                p[0],
                p[1],
                p[2],
                m.strict
                    .as_ref()
                    .map_or("not reported", |s| mof_class_name(s.class))
            )
        }
        None if f.osai.is_some() => format!("{} (open 1, partial 0.5, closed 0)", f.headline),
        None => f.headline.clone(),
    };
    (text, level)
}
