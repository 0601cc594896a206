//! One audit, end to end.

use glassbox_core::{Report, ToolInfo, REPORT_SCHEMA};
use glassbox_sources::{Limits, Release};

/// Audits one resolved release, with releases linked to it (a code checkout, datasets).
pub fn audit_release(primary: &Release, linked: &[Release]) -> Report {
    let evidence = glassbox_detect::inspect(primary, linked);
    let verdicts = glassbox_frameworks::evaluate_all(&evidence);
    let next_steps = glassbox_frameworks::merged_gap(&verdicts);
    let all = std::iter::once(primary).chain(linked);
    let (files, bytes_total, bytes_read) = all.fold((0u64, 0u64, 0u64), |(n, t, r), rel| {
        let total: u64 = rel
            .files
            .iter()
            .map(|f| {
                f.artifact
                    .lfs
                    .as_ref()
                    .map(|p| p.size)
                    .unwrap_or(f.artifact.size)
            })
            .sum();
        (n + rel.files.len() as u64, t + total, r + rel.bytes_read)
    });
    Report {
        schema: REPORT_SCHEMA.to_string(),
        tool: ToolInfo {
            name: "glassbox".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        target: primary.target.clone(),
        stats: glassbox_core::report::ReportStats {
            files,
            bytes_total,
            bytes_read,
        },
        evidence,
        verdicts,
        next_steps,
    }
}

/// Resolves and audits a target as the user named it, with extra local folders (`--with`)
/// audited as part of the same release.
pub fn audit(spec: &str, with: &[String], limits: &Limits) -> anyhow::Result<Report> {
    let primary = glassbox_sources::resolve(spec, limits)?;
    let linked = with
        .iter()
        .map(|w| glassbox_sources::resolve(w, limits))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(audit_release(&primary, &linked))
}
