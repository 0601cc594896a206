//! `--format mof`: a MOF `model.yml` record (the Model Openness Tool's schema) written from a
//! report, so a producer can publish what glassbox found to the tool.
//!
//! Only components found present are listed, each with its license written out (never left to
//! inherit), so the tool reads exactly what glassbox resolved. A component without a license is
//! written `unlicensed`. Partly present components are not listed; a comment names them. The
//! framework version and date are the ones the tool itself exports ('1.0', '2024-12-15').

use std::fmt::Write;

use glassbox_core::{Component, ComponentReport, Location, Report, Status};

/// YAML single-quoted scalar: control characters (including line breaks) become spaces, quotes
/// are doubled. Always valid YAML, never a tag, alias or anchor.
fn q(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("'{}'", clean.replace('\'', "''"))
}

fn where_(l: &Location) -> Option<String> {
    l.url.clone().or_else(|| l.path.clone())
}

fn description(r: &ComponentReport) -> String {
    let detail = r
        .evidence
        .iter()
        .map(|e| e.detail.trim())
        .find(|d| !d.is_empty());
    match (detail, r.evidence.first()) {
        (Some(d), _) => d.to_string(),
        (None, Some(e)) => format!("Found by glassbox rule {} at {}", e.rule, e.location),
        (None, None) => format!("{} found by glassbox", r.component),
    }
}

/// Renders the report as a MOF record (YAML text).
pub fn render(report: &Report) -> String {
    let mut y = String::new();
    let name = if report.target.name.trim().is_empty() {
        report.target.spec.as_str()
    } else {
        report.target.name.as_str()
    };
    let name = if name.trim().is_empty() {
        "unnamed release"
    } else {
        name
    };
    let _ = writeln!(
        y,
        "# MOF record written by {} {} from an audit of {}",
        report.tool.name,
        report.tool.version,
        report.target.spec.replace(['\n', '\r'], " ")
    );
    y.push_str(
        "framework:\n  name: 'Model Openness Framework'\n  version: '1.0'\n  date: '2024-12-15'\n",
    );
    y.push_str("release:\n");
    let _ = writeln!(y, "  name: {}", q(name));
    let _ = writeln!(
        y,
        "  version: {}",
        q(report.target.revision.as_deref().unwrap_or(""))
    );
    y.push_str("  type: ''\n  architecture: ''\n  origin: ''\n  producer: ''\n  contact: ''\n");

    let present: Vec<&ComponentReport> = Component::ALL
        .iter()
        .filter_map(|c| {
            report
                .evidence
                .components
                .iter()
                .find(|r| r.component == *c)
        })
        .filter(|r| r.status == Status::Present)
        .collect();
    let weights = present
        .iter()
        .find(|r| r.component == Component::ModelParametersFinal)
        .and_then(|r| r.license.as_ref());
    match weights {
        Some(l) => {
            y.push_str("  license:\n    distribution:\n");
            let _ = writeln!(y, "      name: {}", q(&l.id));
            match where_(&l.source) {
                Some(p) => {
                    let _ = writeln!(y, "      path: {}", q(&p));
                }
                None => y.push_str("      path: null\n"),
            }
        }
        None => y.push_str("  license: {}\n"),
    }

    let partial: Vec<&str> = report
        .evidence
        .components
        .iter()
        .filter(|r| r.status == Status::Partial)
        .map(|r| r.component.name())
        .collect();
    if !partial.is_empty() {
        let _ = writeln!(y, "  # Partly present, not listed: {}", partial.join(", "));
    }
    if present.is_empty() {
        y.push_str("  components: []\n");
        return y;
    }
    y.push_str("  components:\n");
    for r in present {
        let _ = writeln!(y, "    - name: {}", q(r.component.name()));
        let _ = writeln!(y, "      description: {}", q(&description(r)));
        match &r.license {
            Some(l) => {
                let _ = writeln!(y, "      license: {}", q(&l.id));
                if let Some(p) = where_(&l.source) {
                    let _ = writeln!(y, "      license_path: {}", q(&p));
                }
            }
            None => y.push_str("      license: unlicensed\n"),
        }
        if let Some(p) = r.evidence.first().and_then(|e| where_(&e.location)) {
            let _ = writeln!(y, "      component_path: {}", q(&p));
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_is_safe() {
        assert_eq!(q("it's"), "'it''s'");
        assert_eq!(q("a\nb: &x *y"), "'a b: &x *y'");
    }
}
