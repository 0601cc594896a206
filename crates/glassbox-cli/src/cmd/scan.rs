//! `glassbox scan PATH...`: serialisation-safety scan of model files (never loads them).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use glassbox_core::Severity;
use glassbox_scan::{scan_paths, ScanOptions, ScanReport};

/// Output formats of `scan`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// One block per file with findings, then a summary.
    Text,
    /// `{"files": [{"path", "format", "findings": [{"severity", "kind", "message", "location"}], "error"?}]}`.
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// Arguments of `glassbox scan`.
#[derive(clap::Args)]
pub struct Args {
    /// Files and folders to scan (folders are walked; formats are found by content).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: Format,
    /// Exit 1 when a finding is at or above this severity (info, low, medium, high, critical).
    #[arg(long, default_value = "high", value_parser = parse_severity)]
    pub fail_on: Severity,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// Runs the scan. Exit 0: nothing at or above `--fail-on`; 1: findings (a finding wins over an
/// error); 2: a file could not be scanned (never counted as clean).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let report = scan_paths(&args.paths, &ScanOptions::default());
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Sarif => sarif(&report).render(),
        Format::Text => text(&report, args.fail_on),
    };
    match &args.output {
        Some(p) => std::fs::write(p, out).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
        None => {
            if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    Ok(ExitCode::from(report.exit_code(args.fail_on) as u8))
}

/// The scan as SARIF, in the one model audits and checks use: a result per finding under the
/// rule `finding/CODE` (the same rule an audit gives the same finding), at the file and byte
/// offset, with the archive member and field as logical locations; a file that could not be
/// scanned is a tool notification and marks the run unsuccessful.
fn sarif(r: &glassbox_scan::ScanReport) -> glassbox_report::sarif::Log {
    use glassbox_report::escape::uri_path;
    use glassbox_report::sarif::model::{Notification, Rule, Run};
    use glassbox_report::sarif::{level, Log, Message, Rules, SarifResult};
    use serde_json::json;

    let file =
        |path: &str| json!({"physicalLocation": {"artifactLocation": {"uri": uri_path(path)}}});
    let mut rules = Rules::default();
    let mut results = Vec::new();
    for f in &r.files {
        for x in &f.findings {
            let id = format!("finding/{}", x.kind);
            let idx = rules.index(&id, || Rule::for_code("finding/", x.kind, x.severity));
            let mut loc = file(&f.path);
            if let Some(o) = x.location.offset {
                loc["physicalLocation"]["region"] = json!({"byteOffset": o});
            }
            let logical: Vec<_> = [("member", &x.location.member), ("field", &x.location.field)]
                .into_iter()
                .filter_map(|(kind, name)| name.as_ref().map(|n| json!({"name": n, "kind": kind})))
                .collect();
            if !logical.is_empty() {
                loc["logicalLocations"] = json!(logical);
            }
            let mut res = SarifResult::new(
                &rules,
                idx,
                level(x.severity),
                Message::rich(&x.message),
                vec![loc],
            );
            res.properties = Some(json!({"severity": x.severity.as_str(), "format": f.format}));
            results.push(res);
        }
    }
    let notes = r
        .files
        .iter()
        .filter_map(|f| {
            f.error.as_ref().map(|e| Notification {
                level: "error",
                message: Message::text(&format!("{} could not be fully scanned: {e}", f.path)),
                locations: vec![file(&f.path)],
            })
        })
        .collect();
    Log::new(vec![Run::new(
        env!("CARGO_PKG_VERSION"),
        rules,
        results,
        notes,
    )])
}

/// Terminal text; every path, message and location is escaped (`escape::terminal`): file names
/// and member names come from the scanned files and may carry escape sequences or bidi overrides.
fn text(r: &ScanReport, fail_on: Severity) -> String {
    use glassbox_report::escape::terminal;
    let mut s = String::new();
    let (mut flagged, mut errors) = (0, 0);
    for f in &r.files {
        if f.findings.is_empty() && f.error.is_none() {
            continue;
        }
        s.push_str(&format!(
            "{}  [{}]\n",
            terminal(&f.path),
            terminal(&f.format)
        ));
        for x in &f.findings {
            let mut at = Vec::new();
            if let Some(m) = &x.location.member {
                at.push(format!("member {}", terminal(m)));
            }
            if let Some(fl) = &x.location.field {
                at.push(terminal(fl));
            }
            if let Some(o) = x.location.offset {
                at.push(format!("byte {o}"));
            }
            let at = if at.is_empty() {
                String::new()
            } else {
                format!(" ({})", at.join(", "))
            };
            s.push_str(&format!(
                "  {:<8} {}: {}{}\n",
                x.severity.as_str().to_uppercase(),
                terminal(x.kind.id()),
                terminal(&x.message),
                at
            ));
        }
        if let Some(e) = &f.error {
            s.push_str(&format!("  ERROR    {}\n", terminal(e)));
            errors += 1;
        }
        if f.max_severity().is_some_and(|m| m >= fail_on) {
            flagged += 1;
        }
    }
    s.push_str(&format!(
        "{} file(s) scanned: {flagged} with findings at or above {}, {errors} could not be fully scanned\n",
        r.files.len(),
        fail_on.as_str()
    ));
    s
}
