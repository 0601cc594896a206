//! `glassbox audit TARGET...`

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use glassbox::pipeline;
use glassbox_sources::Limits;

/// Output formats of `audit`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// Terminal report.
    Text,
    /// The versioned JSON report (`glassbox/report/v1`).
    Json,
}

/// Arguments of `glassbox audit`.
#[derive(clap::Args)]
pub struct Args {
    /// Releases to audit: local folders (a model repository, a code checkout).
    #[arg(required = true)]
    pub targets: Vec<String>,
    /// A further local folder audited as part of each release (e.g. the training-code checkout).
    #[arg(long = "with", value_name = "PATH")]
    pub with: Vec<String>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Most files inventoried per release.
    #[arg(long, default_value_t = Limits::default().max_files)]
    pub max_files: usize,
}

/// Runs the audit; errors name the target and the problem (exit 2).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limits = Limits {
        max_files: args.max_files,
        ..Limits::default()
    };
    let reports = args
        .targets
        .iter()
        .map(|t| pipeline::audit(t, &args.with, &limits).map_err(|e| anyhow::anyhow!("{t}: {e}")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let out = match args.format {
        Format::Json => glassbox_report::json::render(&reports),
        Format::Text => reports
            .iter()
            .map(|r| glassbox_report::text::render(r, color))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, out).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(out.as_bytes()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
