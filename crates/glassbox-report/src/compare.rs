//! Several releases side by side: the category, the six rows and every framework verdict, one
//! column per release, in text, Markdown and HTML.

use std::fmt::Write as _;

use glassbox_core::Report;

use crate::escape::{self, html as h, markdown as md};
use crate::html::{page, slug};
use crate::view::{self, Outcome};

/// One cell of the comparison: its text and how it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What to print.
    pub text: String,
    /// For colouring: 2 open, 1 in between, 0 closed; `None` when not applicable.
    pub level: Option<u8>,
}

/// One row of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Row label ("Category", "Model parameters", a framework name).
    pub label: String,
    /// One cell per release.
    pub cells: Vec<Cell>,
}

/// The comparison as data: release names and rows. Rows missing from a release show "—".
pub fn table(reports: &[Report]) -> (Vec<String>, Vec<Line>) {
    let names = reports.iter().map(|r| r.target.name.clone()).collect();
    let mut lines = Vec::new();
    lines.push(Line {
        label: "Category".into(),
        cells: reports
            .iter()
            .map(|r| {
                let c = r.verdicts.seed.category;
                let level = match c {
                    glassbox_core::SeedCategory::OpenSource => 2,
                    glassbox_core::SeedCategory::OpenWeights => 1,
                    glassbox_core::SeedCategory::RestrictedWeights
                    | glassbox_core::SeedCategory::Closed => 0,
                };
                Cell {
                    text: c.as_str().into(),
                    level: Some(level),
                }
            })
            .collect(),
    });
    // Row names in order of first appearance, so reports with the standard six line up.
    let mut rows: Vec<String> = Vec::new();
    for r in reports {
        for row in &r.verdicts.seed.rows {
            if !rows.contains(&row.row) {
                rows.push(row.row.clone());
            }
        }
    }
    for name in rows {
        lines.push(Line {
            cells: reports
                .iter()
                .map(
                    |r| match r.verdicts.seed.rows.iter().find(|x| x.row == name) {
                        Some(x) => Cell {
                            text: x.value.clone(),
                            level: Some(x.level.min(2)),
                        },
                        None => Cell {
                            text: "—".into(),
                            level: None,
                        },
                    },
                )
                .collect(),
            label: name,
        });
    }
    let views: Vec<Vec<view::FrameworkView>> = reports.iter().map(view::frameworks).collect();
    let mut keys: Vec<(String, String)> = Vec::new();
    for v in &views {
        for f in v {
            if !keys.iter().any(|(k, _)| *k == f.key) {
                keys.push((f.key.clone(), f.title.clone()));
            }
        }
    }
    for (key, title) in keys {
        lines.push(Line {
            label: title,
            cells: views
                .iter()
                .map(|v| match v.iter().find(|f| f.key == key) {
                    Some(f) => Cell {
                        text: f.headline.clone(),
                        level: match f.outcome {
                            Outcome::Good => Some(2),
                            Outcome::Partial => Some(1),
                            Outcome::Bad => Some(0),
                            Outcome::Unknown => None,
                        },
                    },
                    None => Cell {
                        text: "—".into(),
                        level: None,
                    },
                })
                .collect(),
        });
    }
    (names, lines)
}

/// Characters a text column holds before truncation.
const TEXT_COL: usize = 28;

/// Plain-text comparison table for the terminal.
pub fn text(reports: &[Report]) -> String {
    let escaped: Vec<Report> = reports.iter().map(crate::text::for_terminal).collect();
    let reports = &escaped[..];
    let (names, lines) = table(reports);
    let clean = |s: &str| {
        escape::truncate(
            &s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect::<String>(),
            TEXT_COL,
        )
    };
    let label_w = lines
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(44);
    let mut widths: Vec<usize> = names.iter().map(|n| clean(n).chars().count()).collect();
    for l in &lines {
        for (i, c) in l.cells.iter().enumerate() {
            widths[i] = widths[i].max(clean(&c.text).chars().count());
        }
    }
    let pad = |s: String, w: usize| {
        let n = s.chars().count();
        format!("{s}{}", " ".repeat(w.saturating_sub(n)))
    };
    let mut out = String::new();
    let mut header = pad(String::new(), label_w);
    for (i, n) in names.iter().enumerate() {
        header.push_str("  ");
        header.push_str(&pad(clean(n), widths[i]));
    }
    out.push_str(header.trim_end());
    out.push('\n');
    let total = label_w + widths.iter().map(|w| w + 2).sum::<usize>();
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for l in &lines {
        let mut line = pad(escape::truncate(&l.label, 44), label_w);
        for (i, c) in l.cells.iter().enumerate() {
            line.push_str("  ");
            line.push_str(&pad(clean(&c.text), widths[i]));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    for r in reports {
        let _ = writeln!(
            out,
            "{} ({}): {}",
            clean_line(&r.target.name),
            r.verdicts.seed.category.as_str(),
            clean_line(&r.verdicts.seed.summary)
        );
    }
    out
}

/// Text for one terminal line: control characters (escape sequences, line breaks) become spaces.
fn clean_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Markdown comparison table.
pub fn markdown(reports: &[Report]) -> String {
    let (names, lines) = table(reports);
    let mut out = String::from("# glassbox: comparison\n\n|  |");
    for n in &names {
        let _ = write!(out, " {} |", md(n));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(names.len()));
    out.push('\n');
    for l in &lines {
        let _ = write!(out, "| **{}** |", md(&l.label));
        for c in &l.cells {
            let sym = c
                .level
                .map(|l| format!("{} ", view::level_symbol(l)))
                .unwrap_or_default();
            if l.label == "Category" {
                let _ = write!(out, " {sym}`{}` |", c.text.replace('`', ""));
            } else {
                let _ = write!(out, " {sym}{} |", md(&c.text));
            }
        }
        out.push('\n');
    }
    out.push('\n');
    for r in reports {
        let _ = writeln!(
            out,
            "- **{}** (`{}`): {}",
            md(&r.target.name),
            r.verdicts.seed.category.as_str(),
            md(&r.verdicts.seed.summary)
        );
    }
    out.push_str("\nEach column is one release; each verdict is its framework's own, never merged into one number.\n");
    out
}

/// HTML comparison page.
pub fn html(reports: &[Report]) -> String {
    let (names, lines) = table(reports);
    let mut b = String::from(
        "<header class=\"top\">\n<h1>Comparison</h1>\n<p class=\"meta\">Each column is one release; each verdict is its framework's own, never merged into one number.</p>\n</header>\n<section id=\"compare\">\n<div class=\"scroll\"><table class=\"compare\">\n<thead><tr><th scope=\"col\"></th>",
    );
    for n in &names {
        let _ = write!(b, "<th scope=\"col\">{}</th>", h(n));
    }
    b.push_str("</tr></thead>\n<tbody>\n");
    for l in &lines {
        let _ = write!(
            b,
            "<tr id=\"row-{}\"><th scope=\"row\">{}</th>",
            slug(&l.label),
            h(&l.label)
        );
        for c in &l.cells {
            let cls = match c.level {
                Some(l) => format!("pill l{l}"),
                None => "pill unknown".into(),
            };
            let _ = write!(b, "<td><span class=\"{cls}\">{}</span></td>", h(&c.text));
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</tbody></table></div>\n</section>\n");
    for r in reports {
        let _ = writeln!(
            b,
            "<section><h2>{}</h2><p><span class=\"cat cat-{c}\">{c}</span></p><p class=\"summary\">{}</p><p class=\"meta\">Target <code>{}</code></p></section>",
            h(&r.target.name),
            h(&r.verdicts.seed.summary),
            h(&r.target.spec),
            c = r.verdicts.seed.category.as_str()
        );
    }
    page("glassbox: comparison", &b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn columns_line_up_and_missing_verdicts_show_a_dash() {
        let reports = vec![sample::open_weights_hub(), sample::restricted_local()];
        let (names, lines) = table(&reports);
        assert_eq!(names, ["acme/tiny-llm", "restricted-weights"]);
        assert_eq!(lines[0].cells[0].text, "open-weights");
        assert_eq!(lines[0].cells[1].text, "restricted-weights");
        assert_eq!(lines.len(), 1 + 6 + 5);
        let osaid = lines.iter().find(|l| l.label.starts_with("OSI")).unwrap();
        assert_eq!(osaid.cells[1].text, "—");
        let t = text(&reports);
        assert!(t.lines().nth(2).unwrap().starts_with("Category"));
        let widths: Vec<usize> = t
            .lines()
            .skip(2)
            .take_while(|l| !l.is_empty())
            .map(|l| l.find("open-weights").or(l.find("available")).unwrap_or(0))
            .collect();
        assert!(widths.iter().all(|w| *w == widths[0] || *w == 0));
        assert!(t.contains("\nacme/tiny-llm (open-weights): The weights are under Apache-2.0"));
    }

    #[test]
    fn markdown_and_html_escape_release_text() {
        let reports = vec![sample::hostile(), sample::open_weights_hub()];
        let m = markdown(&reports);
        assert!(!m.contains("<script"));
        assert!(m.contains("| **Training code** |"));
        let hh = html(&reports);
        assert!(!hh.contains("<script"));
        assert!(hh.contains("<th scope=\"row\">Full reproducibility</th>"));
    }
}
