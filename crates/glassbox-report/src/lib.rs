//! glassbox-report: every output of glassbox, rendered from the report alone.
//!
//! Renderers never decide anything: they show the evidence and verdicts a [`Report`] already
//! carries. The entry point is [`render`], which dispatches on [`Format`]; several reports are
//! shown side by side in the formats that can ([`compare`]). Text from a release is escaped in
//! every markup format ([`escape`]).
//!
//! ```
//! use glassbox_report::{render, sample, Format};
//!
//! let md = render(&[sample::open_weights_hub()], Format::Markdown).unwrap();
//! assert!(md.starts_with("# "));
//! ```

#![warn(missing_docs)]

pub mod badge;
pub mod compare;
pub mod cyclonedx;
pub mod escape;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mof;
pub mod sample;
pub mod sarif;
pub mod spdx;
pub mod text;
pub mod view;

use glassbox_core::{Report, REPORT_SCHEMA};

/// An output format of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The terminal report.
    Text,
    /// The `glassbox/report/v1` JSON report.
    Json,
    /// Markdown for pull requests and model cards.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// CycloneDX 1.6 JSON ML-BOM.
    Cyclonedx,
    /// SPDX 3.0.1 JSON-LD with the AI and Dataset profiles.
    Spdx,
    /// A MOF `model.yml` record.
    Mof,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 8] = [
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Sarif,
        Format::Cyclonedx,
        Format::Spdx,
        Format::Mof,
    ];

    /// The name accepted by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Sarif => "sarif",
            Format::Cyclonedx => "cyclonedx",
            Format::Spdx => "spdx",
            Format::Mof => "mof",
        }
    }

    /// Whether several reports can be rendered in one document of this format.
    pub fn renders_several(self) -> bool {
        matches!(
            self,
            Format::Text
                | Format::Json
                | Format::Markdown
                | Format::Html
                | Format::Sarif
                | Format::Mof
        )
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = RenderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        let alias = match s.as_str() {
            "md" => "markdown",
            "cdx" => "cyclonedx",
            "spdx3" => "spdx",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| RenderError::UnknownFormat(s.to_string()))
    }
}

/// Why a report could not be read or rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// `--format` named no known format.
    UnknownFormat(String),
    /// Nothing to render.
    NoReports,
    /// The format holds one release per document.
    OneReportOnly(Format),
    /// The input is not a glassbox report (not JSON, or no `schema` field).
    NotAReport(String),
    /// The input is a glassbox report of a schema version this build does not know.
    UnknownSchema(String),
    /// The input claims the right schema but does not follow it.
    InvalidReport(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::UnknownFormat(s) => {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                write!(
                    f,
                    "unknown format `{s}` (expected one of: {})",
                    names.join(", ")
                )
            }
            RenderError::NoReports => f.write_str("no report to render"),
            RenderError::OneReportOnly(fmt) => {
                write!(f, "format `{fmt}` describes one release per document; render each report separately")
            }
            RenderError::NotAReport(why) => write!(f, "not a glassbox report: {why}"),
            RenderError::UnknownSchema(s) => {
                write!(
                    f,
                    "unsupported report schema `{s}` (this glassbox reads `{REPORT_SCHEMA}`)"
                )
            }
            RenderError::InvalidReport(why) => write!(f, "invalid glassbox report: {why}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Renders reports in a format, without colour. Several reports are compared side by side in
/// text, Markdown and HTML, listed as an array in JSON, as one run each in SARIF and as one YAML
/// document each in MOF.
pub fn render(reports: &[Report], format: Format) -> Result<String, RenderError> {
    render_with(reports, format, false)
}

/// [`render`] with terminal colour for the text format.
pub fn render_with(reports: &[Report], format: Format, color: bool) -> Result<String, RenderError> {
    let first = reports.first().ok_or(RenderError::NoReports)?;
    if reports.len() > 1 && !format.renders_several() {
        return Err(RenderError::OneReportOnly(format));
    }
    let several = reports.len() > 1;
    Ok(match format {
        Format::Text if several => compare::text(reports),
        Format::Text => text::render(first, color),
        Format::Json => json::render(reports),
        Format::Markdown if several => compare::markdown(reports),
        Format::Markdown => markdown::render(first),
        Format::Html if several => compare::html(reports),
        Format::Html => html::render(first),
        Format::Sarif => sarif::render(reports),
        Format::Cyclonedx => cyclonedx::render(first),
        Format::Spdx => spdx::render(first),
        // One YAML document per release, as `audit --format mof` writes them.
        Format::Mof => reports
            .iter()
            .map(mof::render)
            .collect::<Vec<_>>()
            .join("---\n"),
    })
}

/// Reads a saved report (one object) or several (an array, as `audit --format json` writes for
/// several targets), refusing anything that is not a `glassbox/report/v1` report.
pub fn parse_reports(json: &str) -> Result<Vec<Report>, RenderError> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| RenderError::NotAReport(format!("not JSON ({e})")))?;
    let items = match value {
        serde_json::Value::Array(items) => {
            if items.is_empty() {
                return Err(RenderError::NoReports);
            }
            items
        }
        v @ serde_json::Value::Object(_) => vec![v],
        _ => {
            return Err(RenderError::NotAReport(
                "expected a JSON object or an array of objects".into(),
            ))
        }
    };
    items.into_iter().map(parse_value).collect()
}

fn parse_value(v: serde_json::Value) -> Result<Report, RenderError> {
    let schema = match v.get("schema") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(_) => return Err(RenderError::NotAReport("`schema` is not a string".into())),
        None => return Err(RenderError::NotAReport("no `schema` field".into())),
    };
    if schema != REPORT_SCHEMA {
        return Err(if schema.starts_with("glassbox/report/") {
            RenderError::UnknownSchema(schema)
        } else {
            RenderError::NotAReport(format!("schema `{schema}` is not a glassbox report schema"))
        });
    }
    serde_json::from_value(v).map_err(|e| RenderError::InvalidReport(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        assert_eq!("MD".parse::<Format>(), Ok(Format::Markdown));
        let e = "pdf".parse::<Format>().unwrap_err();
        assert!(e.to_string().contains("unknown format `pdf`"));
        assert!(e.to_string().contains("cyclonedx"));
    }

    #[test]
    fn parse_refuses_non_reports_and_other_versions() {
        let ok = serde_json::to_string(&sample::open_weights_hub()).unwrap();
        assert_eq!(parse_reports(&ok).unwrap().len(), 1);
        let arr = format!("[{ok},{ok}]");
        assert_eq!(parse_reports(&arr).unwrap().len(), 2);
        assert!(matches!(
            parse_reports("not json"),
            Err(RenderError::NotAReport(_))
        ));
        assert!(matches!(
            parse_reports("{\"bomFormat\":\"CycloneDX\"}"),
            Err(RenderError::NotAReport(_))
        ));
        assert!(matches!(
            parse_reports("42"),
            Err(RenderError::NotAReport(_))
        ));
        assert!(matches!(parse_reports("[]"), Err(RenderError::NoReports)));
        let v2 = ok.replacen("glassbox/report/v1", "glassbox/report/v2", 1);
        let e = parse_reports(&v2).unwrap_err();
        assert_eq!(e, RenderError::UnknownSchema("glassbox/report/v2".into()));
        assert!(e.to_string().contains("glassbox/report/v1"));
        let broken = ok.replacen("\"target\"", "\"targez\"", 1);
        assert!(matches!(
            parse_reports(&broken),
            Err(RenderError::InvalidReport(_))
        ));
    }

    #[test]
    fn single_release_formats_refuse_several() {
        let r = sample::all();
        for f in [Format::Cyclonedx, Format::Spdx] {
            assert_eq!(render(&r, f), Err(RenderError::OneReportOnly(f)));
        }
        assert_eq!(render(&[], Format::Html), Err(RenderError::NoReports));
        for f in [
            Format::Text,
            Format::Json,
            Format::Markdown,
            Format::Html,
            Format::Sarif,
            Format::Mof,
        ] {
            assert!(render(&r, f).is_ok(), "{f}");
        }
        let mof = render(&r, Format::Mof).unwrap();
        assert_eq!(
            mof.matches("\n---\n").count() + usize::from(mof.starts_with("---\n")),
            r.len() - 1
        );
    }
}
