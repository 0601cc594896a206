//! Markdown: the six-row table, verdicts, obligations, findings, evidence with links and the gap
//! list, ready to paste into a pull request or a model card (GitHub Flavored Markdown).
//!
//! Every string from the release goes through [`crate::escape::markdown`] or
//! [`crate::escape::markdown_code`]; links are made only of `http(s)` URLs
//! ([`crate::escape::safe_url`]).

use std::fmt::Write as _;

use glassbox_core::{Location, Report, Status};

use crate::escape::{markdown as md, markdown_code as code, markdown_with_code as mdc};
use crate::view::{self, FrameworkView};

/// How many evidence locations a table cell lists before "+N more".
const CELL_EVIDENCE: usize = 3;

/// Renders one report as Markdown.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let seed = &r.verdicts.seed;
    let _ = writeln!(out, "# glassbox: {}\n", md(&r.target.name));
    let _ = writeln!(
        out,
        "**Category: `{}`** — {}\n",
        seed.category.as_str(),
        mdc(&seed.summary)
    );
    let _ = writeln!(out, "{}\n", target_line(r));

    out.push_str("## Open source or open weights?\n\n");
    out.push_str("| | This release | Why | Evidence |\n|---|---|---|---|\n");
    for row in &seed.rows {
        let _ = writeln!(
            out,
            "| **{}** | {} {} | {} | {} |",
            md(&row.row),
            view::level_symbol(row.level),
            md(&row.value),
            mdc(&row.reason),
            evidence_cell(r, &row.evidence)
        );
    }
    out.push('\n');

    let frameworks = view::frameworks(r);
    if !frameworks.is_empty() {
        out.push_str("## Frameworks\n\n| Framework | Verdict | Met | Unmet |\n|---|---|---|---|\n");
        for f in &frameworks {
            let _ = writeln!(
                out,
                "| {} | **{}** | {} | {} |",
                md(&f.title),
                md(&f.headline),
                f.met.len(),
                f.unmet.len()
            );
        }
        out.push('\n');
        for f in &frameworks {
            framework_section(&mut out, r, f);
        }
    }

    if !r.lineage.is_empty() {
        out.push_str("## Lineage\n\n");
        let _ = writeln!(out, "- **{}** (this release)", md(&r.target.name));
        lineage_list(&mut out, r, &r.lineage, 1);
        out.push('\n');
    }

    if let Some(t) = &r.evidence.model_licenses {
        out.push_str(
            "## Licenses per model\n\n| Model | License | Tier | Where |\n|---|---|---|---|\n",
        );
        for m in &t.models {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                mdc(&m.model),
                code(&m.license.id),
                m.license.tier.as_str(),
                mdc(&format!("{} ({})", view::place(&m.license.source), m.rule))
            );
        }
        let others = t
            .others
            .as_ref()
            .map_or_else(|| "none stated".to_string(), |l| code(&l.id));
        let _ = writeln!(out, "| *other models* | {others} | | |\n");
    }

    let obligations = view::obligations(r);
    if !obligations.is_empty() {
        out.push_str("## License obligations\n\n");
        let mut current: Option<&str> = None;
        for o in &obligations {
            if current != Some(o.license.as_str()) {
                current = Some(&o.license);
                let covers = if o.covers.is_empty() {
                    String::new()
                } else {
                    format!(" — covers {}", md(&o.covers.join(", ")))
                };
                let _ = writeln!(out, "- {}{covers}", code(&o.license));
            }
            let _ = writeln!(out, "  - {}", mdc(&o.text));
        }
        out.push('\n');
    }

    let (security, other): (Vec<_>, Vec<_>) = r
        .evidence
        .findings
        .iter()
        .partition(|f| view::is_security(f));
    for (title, list) in [("Security findings", security), ("Findings", other)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        for f in view::sorted_findings(list.into_iter()) {
            let _ = writeln!(
                out,
                "- **{}** {}: {}{}",
                f.severity.as_str(),
                code(f.kind.id()),
                mdc(&f.message),
                evidence_suffix(r, &f.evidence)
            );
        }
        out.push('\n');
    }

    let gap = view::merged_gap(r);
    if !gap.is_empty() {
        out.push_str("## To become more open\n\n");
        for (i, m) in gap.iter().enumerate() {
            let component = m
                .component
                .map(|c| format!(" ({})", md(c.name())))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}. {}{} — advances: {}",
                i + 1,
                mdc(&m.action),
                component,
                m.frameworks.join(", ")
            );
        }
        out.push('\n');
    }

    // Collapsed, so the verdicts and the gap list lead in a pull request; GitHub renders Markdown
    // inside <details> when a blank line follows the summary.
    let _ = writeln!(
        out,
        "<details>\n<summary>Components ({} of {} present)</summary>\n",
        r.evidence
            .components
            .iter()
            .filter(|c| c.status == Status::Present)
            .count(),
        r.evidence.components.len()
    );
    out.push_str(
        "| Component | MOF class | Status | License | Evidence |\n|---|---|---|---|---|\n",
    );
    for c in &r.evidence.components {
        let status = match c.status {
            Status::Present => "✅ present",
            Status::Partial => "🟡 partial",
            Status::Absent => "❌ absent",
        };
        let license = c
            .license
            .as_ref()
            .map(|l| format!("{} (tier {})", code(&l.id), l.tier.as_str()))
            .unwrap_or_else(|| "—".into());
        let locs: Vec<Location> = c.evidence.iter().map(|e| e.location.clone()).collect();
        let detail = c
            .evidence
            .first()
            .map(|e| mdc(&e.detail))
            .unwrap_or_default();
        let ev = evidence_cell(r, &locs);
        let ev = if detail.is_empty() {
            ev
        } else {
            format!("{detail}<br>{ev}")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(c.component.name()),
            view::component_class(c.component),
            status,
            license,
            ev
        );
    }
    out.push_str("\n</details>\n\n");

    if !r.evidence.licenses.is_empty() {
        let _ = writeln!(
            out,
            "<details>\n<summary>Licenses ({})</summary>\n",
            r.evidence.licenses.len()
        );
        out.push_str(
            "| Source | License | Tier | OSI | Match | Method |\n|---|---|---|---|---|---|\n",
        );
        for l in &r.evidence.licenses {
            let modified = if l.modified {
                " **(modified text)**"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "| {} | {} {}{} | {} | {} | {:.0}% | {} |",
                code(&l.source),
                code(&l.id),
                md(&l.name),
                modified,
                l.tier.as_str(),
                if l.osi_approved { "yes" } else { "no" },
                l.score * 100.0,
                md(&l.method)
            );
        }
        out.push_str("\n</details>\n\n");
    }

    let _ = writeln!(
        out,
        "<sub>Rendered by {} {} from a `{}` report. Renderers never decide: every verdict above comes with its evidence.</sub>",
        md(&r.tool.name),
        md(&r.tool.version),
        md(&r.schema)
    );
    out
}

/// The target, revision and reading statistics, as one line.
pub(crate) fn target_line(r: &Report) -> String {
    let t = &r.target;
    let mut s = format!("Target: {} ({})", code(&t.spec), md(&t.kind));
    if let Some(rev) = &t.revision {
        let _ = write!(s, " at {}", code(rev));
    }
    let _ = write!(
        s,
        " · {} files, {} read of {}",
        r.stats.files,
        human_bytes(r.stats.bytes_read),
        human_bytes(r.stats.bytes_total)
    );
    s
}

fn framework_section(out: &mut String, r: &Report, f: &FrameworkView) {
    let _ = writeln!(out, "### {} — {}\n", md(&f.title), md(&f.headline));
    if let Some(m) = &f.mof {
        let mut modes = vec![("MOT", &m.mot)];
        if let Some(s) = &m.strict {
            modes.push(("strict", s));
        }
        for (name, mode) in modes {
            let parts: Vec<String> = ["III", "II", "I"]
                .iter()
                .zip(mode.progress.iter())
                .map(|(c, p)| {
                    format!(
                        "Class {c} {}",
                        p.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "—".into())
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "- {name}: **{}** · progress {}",
                view::mof_class_name(mode.class),
                parts.join(" · ")
            );
        }
        out.push('\n');
    }
    if let Some(o) = &f.osai {
        if !o.dimensions.is_empty() {
            out.push_str("| Dimension | Level | Why | Evidence |\n|---|---|---|---|\n");
            for d in &o.dimensions {
                let sym = match d.value() {
                    Some(v) if v >= 1.0 => "✅",
                    Some(v) if v > 0.0 => "🟡",
                    Some(_) => "❌",
                    None => "❔",
                };
                let legacy = if d.legacy {
                    " (legacy, not scored)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "| {}{legacy} | {sym} {} | {} | {} |",
                    md(&d.name),
                    md(&d.level),
                    d.reason.as_deref().map(md).unwrap_or_default(),
                    evidence_cell(r, &d.evidence)
                );
            }
            out.push('\n');
        }
    }
    for (title, items) in &f.lists {
        let _ = writeln!(out, "{}:\n", md(title));
        for i in items {
            let _ = writeln!(out, "- {}", md(i));
        }
        out.push('\n');
    }
    for (mark, reqs) in [("✗", &f.unmet), ("✓", &f.met)] {
        for q in reqs.iter() {
            let reason = if q.reason.is_empty() {
                String::new()
            } else {
                format!(": {}", mdc(&q.reason))
            };
            let _ = writeln!(
                out,
                "- {mark} **{}**{reason}{}",
                md(&q.title),
                evidence_suffix(r, &q.evidence)
            );
        }
    }
    if !f.met.is_empty() || !f.unmet.is_empty() {
        out.push('\n');
    }
}

/// Lineage nodes as a nested list, two spaces of indent per level (CommonMark nests a list item
/// under `- ` at that offset).
fn lineage_list(out: &mut String, r: &Report, nodes: &[glassbox_core::LineageNode], depth: usize) {
    let indent = "  ".repeat(depth);
    for n in nodes {
        let line = view::lineage_line(n);
        let note = n
            .note
            .as_deref()
            .map(|t| format!("; {}", md(t)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{indent}- {}{} — {} — from {}: {}{note}",
            md(&line.relation),
            code(&n.model),
            md(&line.licenses),
            md(&line.source),
            location(r, &n.location)
        );
        lineage_list(out, r, &n.bases, depth + 1);
    }
}

/// One location as Markdown: a link when it has a safe URL, code otherwise.
fn location(r: &Report, loc: &Location) -> String {
    let label = code(&view::location_label(loc));
    match view::location_url(r, loc) {
        // Angle-bracket destinations allow `)` in URLs; `safe_url` has excluded `<`, `>` and spaces.
        Some(u) => format!("[{label}](<{u}>)"),
        None => label,
    }
}

fn evidence_cell(r: &Report, locs: &[Location]) -> String {
    if locs.is_empty() {
        return "—".into();
    }
    let mut parts: Vec<String> = locs
        .iter()
        .take(CELL_EVIDENCE)
        .map(|l| location(r, l))
        .collect();
    if locs.len() > CELL_EVIDENCE {
        parts.push(format!("+{} more", locs.len() - CELL_EVIDENCE));
    }
    parts.join(", ")
}

fn evidence_suffix(r: &Report, locs: &[Location]) -> String {
    if locs.is_empty() {
        String::new()
    } else {
        format!(" ({})", evidence_cell(r, locs))
    }
}

/// Bytes in the largest binary unit that keeps the number at or above 1.
pub(crate) fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn names_the_six_rows_and_the_category() {
        let s = render(&sample::open_weights_hub());
        for row in [
            "Model parameters",
            "Training code",
            "Training dataset",
            "Full reproducibility",
            "Transparency",
            "Auditability",
        ] {
            assert!(s.contains(&format!("| **{row}** |")), "{row}");
        }
        assert!(s.contains("**Category: `open-weights`**"));
        assert!(s.contains("[`model.safetensors`](<https://huggingface.co/acme/tiny-llm/blob/"));
        assert!(s.contains("### Model Openness Framework — no class (strict: no class)"));
        assert!(s.contains("1. Publish the training code under an OSI-approved license (Training code) — advances: seed, osaid"));
    }

    /// The text outside inline code spans (whose content CommonMark shows literally).
    fn outside_code(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find('`') {
            out.push_str(&rest[..start]);
            let run = rest[start..].chars().take_while(|c| *c == '`').count();
            let fence = "`".repeat(run);
            let after = &rest[start + run..];
            match after.find(&fence) {
                Some(end) => rest = &after[end + run..],
                None => {
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn hostile_text_is_inert() {
        let full = render(&sample::hostile());
        let s = outside_code(&full);
        assert!(!s.contains("<script"), "{s}");
        assert!(!s.contains("<iframe"));
        assert!(!s.contains("<img"));
        assert!(!s.contains("<svg"));
        assert!(s.contains("\\[pwn\\](javascript:"));
        assert!(!s.contains("(<javascript"));
        assert!(!s.contains("onmouseover=\"alert"));
        assert!(!s.contains("\n# Heading"));
        assert!(!s.contains("\n- list"));
        assert!(!s.contains(" @everyone"));
        // Each table row stays one line with the same number of cells.
        let rows: Vec<&str> = full
            .lines()
            .filter(|l| l.starts_with("| **Model parameters**"))
            .collect();
        assert_eq!(rows.len(), 1);
        let unescaped_pipes = rows[0]
            .match_indices('|')
            .filter(|(i, _)| !rows[0][..*i].ends_with('\\'))
            .count();
        assert_eq!(unescaped_pipes, 5, "{}", rows[0]);
    }

    #[test]
    fn bytes_read_humanly() {
        assert_eq!(human_bytes(12), "12 B");
        assert_eq!(human_bytes(61_440), "60.0 KiB");
        assert_eq!(human_bytes(2_471_630_000), "2.3 GiB");
    }
}
