//! `glassbox hash PATH...`: SHA-256 manifest of files (streamed, parallel across files), or
//! `--verify MANIFEST` to check files against one.

use std::path::PathBuf;
use std::process::ExitCode;

use glassbox_scan::{verify, Manifest, VerifyStatus};

/// Arguments of `glassbox hash`.
#[derive(clap::Args)]
pub struct Args {
    /// Files and folders to hash (folders are walked; manifest paths are relative to them).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the manifest to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Check the files against this manifest instead of writing one (exit 1 on a mismatch or a
    /// missing file).
    #[arg(long, value_name = "MANIFEST")]
    pub verify: Option<PathBuf>,
    /// No progress on stderr (it is only drawn on a terminal, and never under NO_COLOR).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `hash`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = super::progress::Bytes::new(args.quiet);
    let m = Manifest::from_paths_with(&args.paths, &bytes.progress());
    bytes.finish();
    let m = m?;
    let Some(mpath) = &args.verify else {
        let json = serde_json::to_string_pretty(&m)? + "\n";
        match &args.output {
            Some(p) => {
                std::fs::write(p, json).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
            }
            None => print!("{json}"),
        }
        return Ok(ExitCode::SUCCESS);
    };
    let bytes = std::fs::read(mpath).map_err(|e| anyhow::anyhow!("{}: {e}", mpath.display()))?;
    let want =
        Manifest::from_json(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", mpath.display()))?;
    let mut bad = false;
    for r in verify(&m.files, &want.expected()) {
        let line = match &r.status {
            VerifyStatus::Verified { .. } => format!("verified      {}", r.path),
            VerifyStatus::Mismatched {
                expected, actual, ..
            } => {
                bad = true;
                format!(
                    "MISMATCHED    {} (expected {expected}, got {actual})",
                    r.path
                )
            }
            VerifyStatus::Unverifiable => format!("unverifiable  {} (not in the manifest)", r.path),
        };
        println!("{line}");
    }
    for w in &want.files {
        if !m.files.iter().any(|f| f.path == w.path) {
            bad = true;
            println!("MISSING       {}", w.path);
        }
    }
    Ok(if bad {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
