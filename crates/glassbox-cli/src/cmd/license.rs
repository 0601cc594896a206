//! `glassbox license identify FILE...` and `glassbox license show ID`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use glassbox_licenses::{kb, Identification, LicenseInfo, MAX_FILE_BYTES};
use serde_json::{json, Value};

/// License intelligence: identify license texts, show what a license allows and obliges.
#[derive(Debug, Args)]
pub struct LicenseArgs {
    #[command(subcommand)]
    pub command: LicenseCommand,
}

/// `glassbox license` subcommands.
#[derive(Debug, Subcommand)]
pub enum LicenseCommand {
    /// Identify license files: which license, policy or notice, match score, modified or not.
    Identify {
        /// Files to identify.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show a license's flags, tier and obligations, and where each flag comes from.
    Show {
        /// An SPDX id, LicenseRef- id, Hugging Face tag or license_name, ScanCode key or name.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// Output formats of the license commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// JSON on stdout.
    Json,
}

/// Runs a license subcommand; returns the process exit code (0 ok, 2 usage or read error).
pub fn run(args: LicenseArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match args.command {
        LicenseCommand::Identify { files, format } => identify(&files, format, &mut out)?,
        LicenseCommand::Show { id, format } => show(&id, format, &mut out)?,
    };
    Ok(ExitCode::from(code))
}

/// Reads at most `MAX_FILE_BYTES + 1` bytes, so that a longer file is seen as longer.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    if f.metadata()?.is_dir() {
        return Err(std::io::Error::other("is a directory"));
    }
    let mut buf = Vec::new();
    f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut buf)?;
    Ok(buf)
}

fn identify(files: &[PathBuf], format: Format, out: &mut impl Write) -> anyhow::Result<u8> {
    use rayon::prelude::*;
    // Files are identified on every core, then reported in the order given.
    let identified: Vec<(String, std::io::Result<Identification>)> = files
        .par_iter()
        .map(|f| {
            let name = f.display().to_string();
            let r = read_bounded(f).map(|bytes| kb().identify_bytes(&bytes));
            (name, r)
        })
        .collect();
    let mut code = 0;
    let mut results = Vec::new();
    for (name, r) in identified {
        match r {
            Ok(r) => {
                results.push(identification_json(&name, &r));
                if format == Format::Text {
                    write_identification(out, &name, &r)?;
                }
            }
            Err(e) => {
                code = 2;
                eprintln!("glassbox: {}", super::for_terminal(&format!("{name}: {e}")));
                results.push(json!({ "file": name, "error": e.to_string() }));
            }
        }
    }
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &results)?;
        writeln!(out)?;
    }
    Ok(code)
}

/// The contract object of `license identify --format json`, plus detail fields.
pub fn identification_json(file: &str, r: &Identification) -> Value {
    let l = r.license.as_ref();
    json!({
        "file": file,
        "kind": r.kind,
        "id": l.map(|l| l.id.clone()),
        "name": l.map(|l| l.name.clone()),
        "spdx": l.and_then(|l| l.spdx.clone()),
        "hf": l.and_then(hf_tag),
        "hf_license_name": l.and_then(|l| l.hf_names.first().cloned()),
        "scancode": l.and_then(|l| l.scancode.clone()),
        "tier": r.tier().as_str(),
        "score": r.score,
        "modified": r.modified,
        "method": r.method,
        "coverage": r.coverage,
        "matched_tier": r.matched_tier.map(|t| t.as_str()),
        "osi_approved": l.map(|l| l.osi_approved).unwrap_or(false),
        "added": r.added,
        "removed": r.removed,
        "changes": r.changes,
        "matches": r.matches.iter().map(|m| {
            let l = m.license.as_ref();
            json!({
                "id": l.map(|l| l.id.clone()),
                "spdx": l.and_then(|l| l.spdx.clone()),
                "kind": m.kind,
                "tier": l.map_or("none", |l| l.tier.as_str()),
                "score": m.score,
                "modified": m.modified,
                "method": m.method,
                "start_line": m.start_line,
                "end_line": m.end_line,
                "changes": m.changes,
            })
        }).collect::<Vec<_>>(),
        "notes": r.notes,
        "clauses": r.clauses,
    })
}

fn hf_tag(l: &LicenseInfo) -> Option<String> {
    l.hf.first()
        .cloned()
        .or_else(|| (!l.hf_names.is_empty()).then(|| "other".to_string()))
        .or_else(|| {
            // SPDX ids on the Hugging Face list are written in lower case.
            l.spdx
                .as_ref()
                .filter(|_| {
                    kb().from_hf(&l.id.to_ascii_lowercase(), None)
                        .is_some_and(|x| x.id == l.id)
                })
                .map(|s| s.to_ascii_lowercase())
        })
}

fn write_identification(
    out: &mut impl Write,
    file: &str,
    r: &Identification,
) -> std::io::Result<()> {
    let kind = serde_json::to_value(r.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    match &r.license {
        Some(l) => {
            writeln!(
                out,
                "{file}: {kind} {} ({}) tier {}, score {:.3}{}",
                l.id,
                l.name,
                l.tier.as_str(),
                r.score,
                if r.modified { ", MODIFIED" } else { "" }
            )?;
            if let Some(t) = r.matched_tier {
                writeln!(
                    out,
                    "  the original is tier {}; the changed text is graded {}",
                    t.as_str(),
                    l.tier.as_str()
                )?;
            }
            for c in &r.changes {
                let sign = if c.kind == "added" { '+' } else { '-' };
                writeln!(
                    out,
                    "  {sign} line {}-{}: {}",
                    c.start_line, c.end_line, c.text
                )?;
            }
        }
        None => writeln!(out, "{file}: {kind} ({})", r.method)?,
    }
    if r.matches.len() > 1 {
        writeln!(out, "  {} license texts in this file:", r.matches.len())?;
        for m in &r.matches {
            writeln!(
                out,
                "    lines {}-{}: {} tier {}{}",
                m.start_line,
                m.end_line,
                m.license.as_ref().map_or("?", |l| l.id.as_str()),
                m.license.as_ref().map_or("none", |l| l.tier.as_str()),
                if m.modified { ", MODIFIED" } else { "" }
            )?;
        }
    }
    for c in &r.clauses {
        writeln!(
            out,
            "  - line {}: {}: {}",
            c.line,
            c.kind.as_str(),
            c.excerpt
        )?;
    }
    for n in &r.notes {
        writeln!(out, "  note: {n}")?;
    }
    Ok(())
}

fn show(id: &str, format: Format, out: &mut impl Write) -> anyhow::Result<u8> {
    let Some(l) = kb().resolve(id) else {
        eprintln!("glassbox: unknown license `{id}` (try an SPDX id, a LicenseRef- id, a Hugging Face tag or a ScanCode key)");
        return Ok(2);
    };
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &l)?;
        writeln!(out)?;
        return Ok(0);
    }
    writeln!(out, "{} — {}", l.id, l.name)?;
    let kind = serde_json::to_value(l.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    writeln!(
        out,
        "kind: {kind}    tier: {}    OSI-approved: {}",
        l.tier.as_str(),
        if l.osi_approved { "yes" } else { "no" }
    )?;
    let ids: Vec<String> = [
        l.spdx.as_ref().map(|s| format!("SPDX {s}")),
        (!l.hf.is_empty()).then(|| format!("HF license: {}", l.hf.join(", "))),
        (!l.hf_names.is_empty()).then(|| format!("HF license_name: {}", l.hf_names.join(", "))),
        l.scancode.as_ref().map(|s| format!("ScanCode {s}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !ids.is_empty() {
        writeln!(out, "ids: {}", ids.join("; "))?;
    }
    if let Some(p) = &l.policy {
        writeln!(out, "use policy: {p}")?;
    }
    if !l.policy_of.is_empty() {
        writeln!(out, "policy of: {}", l.policy_of.join(", "))?;
    }
    writeln!(out, "\nflags:")?;
    for (name, value) in l.flags.describe() {
        let src = l
            .flag_sources
            .get(name)
            .map(|s| format!("  [{s}]"))
            .unwrap_or_default();
        writeln!(out, "  {name:<28} {value}{src}")?;
    }
    if !l.obligations.is_empty() {
        writeln!(out, "\nobligations:")?;
        for o in &l.obligations {
            writeln!(out, "  - {o}")?;
        }
    }
    for n in &l.notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(0)
}
