//! `glassbox audit TARGET...`

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use glassbox::pipeline;
use glassbox_sources::Limits;

use glassbox_report::Format;

/// Arguments of `glassbox audit`.
#[derive(clap::Args)]
pub struct Args {
    /// Releases to audit: local folders (a model repository, a code checkout), `hf:ORG/NAME[@REV]`
    /// (the Hub, or the Hugging Face cache offline), `hf-cache:ORG/NAME[@REV]`, git URLs or
    /// clones, or MOF `model.yml` records (audited as claims).
    #[arg(required = true)]
    pub targets: Vec<String>,
    /// A further local folder audited as part of each release (e.g. the training-code checkout).
    #[arg(long = "with", value_name = "PATH")]
    pub with: Vec<String>,
    /// Output format: text, json, markdown, html, sarif, cyclonedx, spdx or mof. Several targets
    /// are compared side by side in text, markdown and html.
    #[arg(long, short, default_value = "text")]
    pub format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// A MOF `model.yml` whose claims are checked against each audited folder (default: the
    /// folder's own `model.yml`, when there is one).
    #[arg(long, value_name = "FILE")]
    pub claims: Option<std::path::PathBuf>,
    /// Report only these frameworks besides the seed (repeatable): osaid, mof, osai, eu-ai-act, owd.
    #[arg(long = "framework", value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(glassbox_frameworks::FRAMEWORKS))]
    pub framework: Vec<String>,
    /// Skip the serialisation-safety scan of weight files.
    #[arg(long)]
    pub no_scan: bool,
    /// Hash weight files and compare them with published hashes (Git LFS pointers, the Hub, and
    /// the `glassbox hash` manifest given as value): each file verified, mismatched or unverifiable.
    #[arg(long, value_name = "MANIFEST", num_args = 0..=1, default_missing_value = "")]
    pub verify: Option<String>,
    /// Most files inventoried per release.
    #[arg(long, default_value_t = Limits::default().max_files)]
    pub max_files: usize,
    /// Open no network connection: Hub targets come from the local Hugging Face cache
    /// (also `HF_HUB_OFFLINE=1`).
    #[arg(long)]
    pub offline: bool,
    /// Hub token for gated or private repositories (default: `HF_TOKEN`, then `$HF_HOME/token`).
    #[arg(long, value_name = "TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Download whole weights files from the Hub to hash them (never needed for an audit).
    #[arg(long)]
    pub download: bool,
    /// Do not follow the card's links (code repositories, datasets, base models).
    #[arg(long)]
    pub no_follow: bool,
    /// Targets audited at once, and connections kept open to the Hub (default: one per core,
    /// 8 connections).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Longest wait, in seconds, for a network connection and for each answer from the Hub or
    /// a git server (default: 10 s to connect, 20 s per Hub read, 60 s per git read).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u16).range(1..=3600))]
    pub timeout: Option<u16>,
}

/// Runs the audit; errors name the target and the problem (exit 2).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limits = Limits {
        max_files: args.max_files,
        ..Limits::default()
    };
    let mut opts = pipeline::Options {
        no_scan: args.no_scan,
        verify: args.verify.is_some(),
        manifest: Vec::new(),
        sources: glassbox_sources::ResolveOptions::from_env(),
        hub: None,
    };
    if args.offline {
        opts.sources.set_offline(true);
    }
    if let Some(t) = args
        .token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        opts.sources.token = Some(t.to_string());
    }
    opts.sources.download = args.download;
    opts.sources.follow.enabled = !args.no_follow;
    if let Some(j) = args.jobs {
        opts.sources.jobs = j as usize;
    }
    if let Some(t) = args.timeout {
        opts.sources
            .set_timeout(std::time::Duration::from_secs(t.into()));
    }
    opts.hub = opts.sources.hub()?.map(std::sync::Arc::new);
    if let Some(m) = args.verify.as_deref().filter(|m| !m.is_empty()) {
        let bytes = std::fs::read(m).map_err(|e| anyhow::anyhow!("{m}: {e}"))?;
        let manifest =
            glassbox_scan::Manifest::from_json(&bytes).map_err(|e| anyhow::anyhow!("{m}: {e}"))?;
        opts.manifest = manifest.expected();
    }
    let opts = &opts;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // Each report is rendered as soon as it is built and dropped, on every core: a batch of
    // thousands of claims files never holds thousands of reports in memory.
    let several = args.targets.len() > 1;
    // Formats that draw on every report at once (comparisons, BOMs, SARIF runs) are rendered by
    // the report crate from all of them; the others stream one report at a time below.
    let streamed = matches!(args.format, Format::Json | Format::Mof)
        || (args.format == Format::Text && !several);
    if !streamed {
        let reports = parallel_map(&args.targets, args.jobs.map(usize::from), |t| {
            audit_target(t, &args, &limits, opts).map_err(|e| anyhow::anyhow!("{t}: {e}"))
        })?;
        let out = glassbox_report::render_with(&reports, args.format, color)?;
        return emit(&[out], ("", "", ""), args.output.as_deref());
    }
    let render_one = |t: &String| -> anyhow::Result<String> {
        let r = audit_target(t, &args, &limits, opts).map_err(|e| anyhow::anyhow!("{t}: {e}"))?;
        Ok(match args.format {
            Format::Json if several => {
                indent_json(&glassbox_report::json::render(std::slice::from_ref(&r)))
            }
            Format::Json => glassbox_report::json::render(std::slice::from_ref(&r)),
            Format::Mof => glassbox_report::mof::render(&r),
            Format::Text => glassbox_report::text::render(&r, color),
            _ => unreachable!("only streamed formats are rendered one by one"),
        })
    };
    let parts = parallel_map(&args.targets, args.jobs.map(usize::from), render_one)?;
    // Written piece by piece: the whole output is never copied into one string.
    let framing = match args.format {
        Format::Json if several => ("[\n", ",\n", "\n]\n"),
        Format::Mof => ("", "---\n", ""),
        Format::Text => ("", "\n", ""),
        _ => ("", "", ""),
    };
    emit(&parts, framing, args.output.as_deref())
}

/// Writes the parts with their framing (opening, separator, closing) to the file or stdout,
/// piece by piece: the whole output is never copied into one string.
fn emit(
    parts: &[String],
    (open, sep, close): (&str, &str, &str),
    output: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        let mut w = std::io::BufWriter::new(w);
        w.write_all(open.as_bytes())?;
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                w.write_all(sep.as_bytes())?;
            }
            w.write_all(p.as_bytes())?;
        }
        w.write_all(close.as_bytes())?;
        w.flush()
    };
    match output {
        Some(path) => {
            let mut f = std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            write(&mut f).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = write(&mut stdout) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One target: a MOF record file is audited as claims; a folder is audited from its files, and
/// its claims (`--claims`, or its own `model.yml`) are checked against what was found.
fn audit_target(
    spec: &str,
    args: &Args,
    limits: &Limits,
    opts: &pipeline::Options,
) -> anyhow::Result<glassbox_core::Report> {
    let path = std::path::Path::new(spec);
    let is_record = path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
    let mut report = if is_record {
        claims_report(spec)?
    } else {
        let mut report = pipeline::audit(spec, &args.with, limits, opts)?;
        let own = path.join("model.yml");
        let explicit = args.claims.is_some();
        let claims = args.claims.clone().or_else(|| own.is_file().then_some(own));
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
                    "claims-invalid",
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
    if !args.framework.is_empty() {
        report
            .verdicts
            .others
            .retain(|k, _| args.framework.iter().any(|f| f == k));
        report.next_steps = glassbox_frameworks::merged_gap(&report.verdicts);
    }
    Ok(report)
}

/// A report built from a MOF record alone: claimed evidence, every verdict.
fn claims_report(spec: &str) -> anyhow::Result<glassbox_core::Report> {
    // The caller names the target: report the problem without repeating the file.
    let record = glassbox_sources::claims::read_file(std::path::Path::new(spec))
        .map_err(|e| anyhow::anyhow!(e.detail()))?;
    let evidence = record.to_evidence(spec);
    let verdicts = glassbox_frameworks::evaluate_all(&evidence);
    let size = std::fs::metadata(spec).map(|m| m.len()).unwrap_or(0);
    Ok(glassbox_core::Report {
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

/// A pretty JSON object re-indented as an element of a pretty array (what
/// `serde_json::to_string_pretty` of the array would write). JSON strings hold no raw line
/// breaks, so indenting line by line is exact.
fn indent_json(object: &str) -> String {
    let body = object.trim_end_matches('\n');
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    for (i, line) in body.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

/// Maps `f` over `items` on `threads` threads (default: every available core), keeping order;
/// the first error wins.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: Option<usize>,
    f: impl Fn(&T) -> anyhow::Result<R> + Sync,
) -> anyhow::Result<Vec<R>> {
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(items.len().max(1));
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let results: Vec<anyhow::Result<Vec<R>>> = std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(|| part.iter().map(&f).collect::<anyhow::Result<Vec<R>>>()))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("an audit thread panicked")))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(items.len());
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}
