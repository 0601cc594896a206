//! One audit, end to end: resolve, inspect, scan, (verify), evaluate.

use glassbox_core::codes::IntegrityCode;
use glassbox_core::{ArtifactKind, Finding, Location, Report, Severity, ToolInfo, REPORT_SCHEMA};
use glassbox_scan::{Expected, VerifyStatus};
use glassbox_sources::hf::Hub;
use glassbox_sources::{Limits, Release, ResolveOptions};

/// What an audit does beyond inspection.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Skip the serialisation-safety scan of weight files.
    pub no_scan: bool,
    /// Hash weight files and compare with published hashes (LFS pointers, the Hub, `manifest`).
    pub verify: bool,
    /// Published hashes from a `glassbox hash` manifest.
    pub manifest: Vec<Expected>,
    /// How targets are resolved: Hub endpoint and token, offline, download, links followed.
    pub sources: ResolveOptions,
    /// One Hub client shared by every target (its connection bound is `sources.jobs`).
    pub hub: Option<std::sync::Arc<Hub>>,
}

/// Audits one resolved release, with releases linked to it (a code checkout, datasets).
pub fn audit_release(primary: &Release, linked: &[Release], opts: &Options) -> Report {
    let mut evidence = glassbox_detect::inspect(primary, linked);
    pin_urls(&mut evidence, primary);
    for release in std::iter::once(primary).chain(linked) {
        if !opts.no_scan {
            evidence
                .findings
                .extend(security(release, &opts.sources.progress));
        }
        if opts.verify {
            let (findings, hashes) = integrity(release, &opts.manifest, &opts.sources.progress);
            evidence.findings.extend(findings);
            for a in evidence.artifacts.iter_mut() {
                if let Some((_, h)) = hashes.iter().find(|(p, _)| *p == a.path) {
                    a.sha256 = Some(h.clone());
                }
            }
        }
    }
    let verdicts = glassbox_frameworks::evaluate_all(&evidence);
    let next_steps = glassbox_frameworks::merged_gap(&verdicts);
    let all = std::iter::once(primary).chain(linked);
    let (files, bytes_total, bytes_read) = all.fold((0u64, 0u64, 0u64), |(n, t, r), rel| {
        let total: u64 = rel.files.iter().map(|f| f.artifact.content_size()).sum();
        (n + rel.files.len() as u64, t + total, r + rel.bytes_read)
    });
    Report {
        schema: REPORT_SCHEMA.to_string(),
        tool: ToolInfo {
            name: "glassbox".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        target: primary.target.clone(),
        lineage: Vec::new(),
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

/// Local weight files of a release (LFS pointers have no object to read).
fn local_weights(release: &Release) -> impl Iterator<Item = (&str, &std::path::Path)> {
    release
        .files
        .iter()
        .filter(|f| f.artifact.kind == ArtifactKind::Weights)
        .filter_map(|f| {
            f.local_path
                .as_deref()
                .map(|p| (f.artifact.path.as_str(), p))
        })
}

/// The serialisation-safety scan of every local weight file, as report findings.
/// Progress counts each file's size once it is scanned: a scan reads only what its format needs,
/// so bytes read would not add up to the total announced.
fn security(release: &Release, progress: &glassbox_core::progress::Progress) -> Vec<Finding> {
    use rayon::prelude::*;
    let files: Vec<_> = local_weights(release).collect();
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    if progress.is_on() {
        progress.expect(files.iter().map(|(_, abs)| size(abs)).sum());
    }
    files
        .par_iter()
        .map(|(rel, abs)| {
            progress.working_on(&format!("scanning {rel}"));
            let found = glassbox_scan::to_findings(&glassbox_scan::scan_file(abs, rel));
            if progress.is_on() {
                progress.done(size(abs));
            }
            found
        })
        .flatten()
        .collect()
}

/// Hashes local weight files and compares them with published hashes: LFS pointer oids, hashes
/// the source recorded (the Hub's `lfs.sha256`) and the manifest.
fn integrity(
    release: &Release,
    manifest: &[Expected],
    progress: &glassbox_core::progress::Progress,
) -> (Vec<Finding>, Vec<(String, String)>) {
    use rayon::prelude::*;
    let mut expected: Vec<Expected> = manifest.to_vec();
    for f in &release.files {
        if let Some(h) = &f.artifact.sha256 {
            expected.push(Expected {
                path: f.artifact.path.clone(),
                sha256: h.clone(),
                size: Some(f.artifact.size),
                source: "source".into(),
            });
        }
    }
    let mut findings = Vec::new();
    for f in release.files.iter().filter(|f| f.artifact.lfs.is_some()) {
        findings.push(Finding::new(
            IntegrityCode::IntegrityUnverifiable,
            Severity::Low,
            format!(
                "{} is a Git LFS pointer; the object is not here to hash",
                f.artifact.path
            ),
            Location::file(&f.artifact.path),
        ));
    }
    let files: Vec<_> = local_weights(release).collect();
    let hashed: Vec<_> = files
        .par_iter()
        .map(|(rel, abs)| {
            progress.working_on(&format!("hashing {rel}"));
            (
                rel.to_string(),
                glassbox_scan::hash_file_with(abs, progress),
            )
        })
        .collect();
    let mut entries = Vec::new();
    for (rel, res) in hashed {
        match res {
            Ok((size, sha256)) => entries.push(glassbox_scan::HashEntry {
                path: rel,
                size,
                sha256,
            }),
            Err(e) => findings.push(Finding::new(
                IntegrityCode::IntegrityUnverifiable,
                Severity::Medium,
                format!("{rel} could not be hashed: {e}"),
                Location::file(&rel),
            )),
        }
    }
    for r in glassbox_scan::verify(&entries, &expected) {
        let at = Location::file(&r.path);
        findings.push(match r.status {
            VerifyStatus::Verified { source } => Finding::new(
                IntegrityCode::IntegrityVerified,
                Severity::Info,
                format!("{}: SHA-256 matches the published hash ({source})", r.path),
                at,
            ),
            VerifyStatus::Mismatched {
                expected,
                actual,
                source,
            } => Finding::new(
                IntegrityCode::IntegrityMismatch,
                Severity::High,
                format!(
                    "{}: SHA-256 {actual} differs from the published {expected} ({source})",
                    r.path
                ),
                at,
            ),
            VerifyStatus::Unverifiable => Finding::new(
                IntegrityCode::IntegrityUnverifiable,
                Severity::Low,
                format!("{}: no published hash to compare with", r.path),
                at,
            ),
        });
    }
    (
        findings,
        entries.into_iter().map(|e| (e.path, e.sha256)).collect(),
    )
}

/// Resolves and audits a target as the user named it, with extra local folders (`--with`)
/// audited as part of the same release.
pub fn audit(
    spec: &str,
    with: &[String],
    limits: &Limits,
    opts: &Options,
) -> anyhow::Result<Report> {
    // Hub, cache and git targets as well as folders; the card's links are followed per
    // `opts.sources.follow` (for a folder: through the local caches only, no network).
    let hub = opts.hub.as_deref();
    let resolution = glassbox_sources::resolve_using(spec, &opts.sources, hub, limits)?;
    let lineage = resolution.lineage_tree();
    let primary = resolution.release;
    let mut linked: Vec<Release> = resolution
        .linked
        .into_iter()
        .filter_map(|l| l.release)
        .collect();
    for w in with {
        linked.push(glassbox_sources::resolve_release(
            w,
            &opts.sources,
            hub,
            limits,
        )?);
    }
    let mut report = audit_release(&primary, &linked, opts);
    report.lineage = lineage;
    Ok(report)
}

/// Gives evidence found in a fetched release (Hub, cache, git clone) the artifact's URL, pinned
/// to the resolved commit, so the report cites something a reader can open. Local folders have
/// no artifact URLs: nothing changes for them.
fn pin_urls(evidence: &mut glassbox_core::EvidenceSet, primary: &Release) {
    let pin = |loc: &mut Location| {
        if loc.url.is_some() {
            return;
        }
        if let Some(url) = loc
            .path
            .as_deref()
            .and_then(|p| primary.file(p))
            .and_then(|f| f.artifact.url.clone())
        {
            loc.url = Some(url);
        }
    };
    for c in &mut evidence.components {
        for e in c.evidence.iter_mut().filter(|e| e.source.is_none()) {
            pin(&mut e.location);
        }
    }
    for l in &mut evidence.licenses {
        pin(&mut l.location);
    }
}
