//! A target as the user names it: a MOF record file is audited as claims; anything else is
//! resolved and audited, and its claims (given, or the folder's own `model.yml`) are checked
//! against what was found.

use std::path::{Path, PathBuf};

use glassbox_core::Report;
use glassbox_sources::Limits;

use crate::audit::{audit, Options};

/// Audits one target: `with` adds local folders to the release, `claims` names a MOF record to
/// check (default: the folder's own `model.yml`), `frameworks` keeps only these verdicts besides
/// the seed (empty: all).
pub fn audit_target(
    spec: &str,
    with: &[String],
    claims: Option<&Path>,
    frameworks: &[String],
    limits: &Limits,
    opts: &Options,
) -> anyhow::Result<Report> {
    let path = Path::new(spec);
    let is_record = path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
    let mut report = if is_record {
        claims_report(spec)?
    } else {
        let mut report = audit(spec, with, limits, opts)?;
        let own = path.join("model.yml");
        let explicit = claims.is_some();
        let claims: Option<PathBuf> = claims
            .map(Path::to_path_buf)
            .or_else(|| own.is_file().then_some(own));
        if let Some(file) = claims {
            match glassbox_sources::claims::read_file(&file) {
                Ok(record) => {
                    let claimed = record.to_evidence(&file.display().to_string());
                    let found = glassbox_frameworks::compare_claims(&claimed, &report.evidence);
                    report.evidence.findings.extend(found);
                }
                // A claims file the user named must be valid; one found in the folder is only
                // reported.
                Err(e) if explicit => return Err(e.into()),
                Err(e) => report.evidence.findings.push(glassbox_core::Finding::new(
                    glassbox_core::codes::ClaimsCode::ClaimsInvalid,
                    glassbox_core::Severity::Medium,
                    format!(
                        "the MOF record is not valid, its claims were not checked: {}",
                        e.detail()
                    ),
                    glassbox_core::Location::file("model.yml"),
                )),
            }
        }
        report
    };
    if !frameworks.is_empty() {
        report
            .verdicts
            .others
            .retain(|k, _| frameworks.iter().any(|f| f == k));
        report.next_steps = glassbox_frameworks::merged_gap(&report.verdicts);
    }
    Ok(report)
}

/// A report built from a MOF record alone: claimed evidence, every verdict.
pub fn claims_report(spec: &str) -> anyhow::Result<Report> {
    // The caller names the target: report the problem without repeating the file.
    let record = glassbox_sources::claims::read_file(Path::new(spec))
        .map_err(|e| anyhow::anyhow!(e.detail()))?;
    let evidence = record.to_evidence(spec);
    let verdicts = glassbox_frameworks::evaluate_all(&evidence);
    let size = std::fs::metadata(spec).map(|m| m.len()).unwrap_or(0);
    Ok(Report {
        schema: glassbox_core::REPORT_SCHEMA.to_string(),
        tool: glassbox_core::ToolInfo {
            name: "glassbox".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        target: record.target(spec),
        lineage: Vec::new(),
        stats: glassbox_core::report::ReportStats {
            files: 1,
            bytes_total: size,
            bytes_read: size,
        },
        evidence,
        next_steps: glassbox_frameworks::merged_gap(&verdicts),
        verdicts,
    })
}
