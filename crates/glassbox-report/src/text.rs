//! The terminal report: the six-row table first, then components with evidence, licenses,
//! findings and the gap list.

use std::fmt::Write;

use glassbox_core::{Report, Severity, Status};

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

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// Renders one report for a terminal; `color` adds ANSI colours.
pub fn render(report: &Report, color: bool) -> String {
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
            "  {}  {}  {}",
            pad(&r.row, 21),
            p.level(r.level, &pad(&r.value, w)),
            r.reason
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

    if !seed.assessment.gap.is_empty() {
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
