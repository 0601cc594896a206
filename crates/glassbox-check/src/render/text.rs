//! The terminal report: one table row per model (model, category, license, verdict, why,
//! where used), then notes on unresolved references, skipped files, errors and the lock.

use crate::judge::Verdict;
use crate::report::CheckReport;

use super::place;

/// Most references listed per model in the table; the JSON and SARIF reports list them all.
const MAX_PLACES: usize = 3;

/// Renders the report as text.
pub fn render(r: &CheckReport) -> String {
    let header = [
        "MODEL",
        "CATEGORY",
        "LICENSE",
        "VERDICT",
        "WHY",
        "WHERE USED",
    ];
    let mut rows: Vec<[String; 6]> = Vec::new();
    for m in &r.models {
        let why = match (&m.exception, m.violations.is_empty()) {
            (_, true) => "-".to_string(),
            (Some(e), false) => format!(
                "{} (excepted: {}{})",
                m.violations
                    .iter()
                    .map(|v| v.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                e.reason,
                e.expires
                    .as_deref()
                    .map(|d| format!(", until {d}"))
                    .unwrap_or_default()
            ),
            (None, false) => m
                .violations
                .iter()
                .map(|v| v.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        };
        let mut places: Vec<String> = m.references.iter().take(MAX_PLACES).map(place).collect();
        if m.references.len() > MAX_PLACES {
            places.push(format!("+{} more", m.references.len() - MAX_PLACES));
        }
        rows.push([
            m.target.clone(),
            m.category.clone(),
            if m.licenses.is_empty() {
                "-".into()
            } else {
                m.licenses.join(", ")
            },
            m.verdict.as_str().to_string(),
            why,
            places.join(", "),
        ]);
    }
    let mut out = String::new();
    if rows.is_empty() && r.errors.is_empty() {
        out.push_str("No models found.\n");
    } else if !rows.is_empty() {
        table(&mut out, &header, &rows);
    }
    for e in &r.errors {
        let places: Vec<String> = e.references.iter().take(MAX_PLACES).map(place).collect();
        out.push_str(&format!(
            "error: {} could not be audited ({}): {}\n",
            e.target,
            places.join(", "),
            e.message
        ));
    }
    for p in &r.lock {
        out.push_str(&format!("locked: {}\n", p.message));
    }
    if !r.unresolved.is_empty() {
        let word = if r.unresolved_fails {
            "error"
        } else {
            "warning"
        };
        out.push_str(&format!(
            "\n{} reference(s) built at run time (not audited; name the model literally or list it under [[models]]):\n",
            r.unresolved.len()
        ));
        for u in &r.unresolved {
            out.push_str(&format!("  {word}: {}: {}\n", place(&u.at), u.message));
        }
    }
    if !r.skipped.is_empty() {
        out.push_str(&format!("\n{} file(s) skipped:\n", r.skipped.len()));
        for s in &r.skipped {
            out.push_str(&format!("  {}: {}\n", s.path, s.reason));
        }
    }
    let count = |v: Verdict| r.models.iter().filter(|m| m.verdict == v).count();
    out.push_str(&format!(
        "\n{} model(s): {} pass, {} fail, {} excepted, {} not audited\n",
        r.models.len() + r.errors.len(),
        count(Verdict::Pass),
        count(Verdict::Fail),
        count(Verdict::Excepted),
        r.errors.len()
    ));
    out
}

fn table(out: &mut String, header: &[&str; 6], rows: &[[String; 6]]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut line = |cells: Vec<&str>| {
        let n = cells.len();
        for (i, (c, w)) in cells.into_iter().zip(&widths).enumerate() {
            out.push_str(c);
            if i + 1 < n {
                out.push_str(&" ".repeat(w - c.chars().count() + 2));
            }
        }
        out.push('\n');
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
