//! `glassbox badge TARGET|REPORT.json`: an SVG badge ("open source", "open weights",
//! "restricted weights", "closed", and the MOF class) on standard output or in a file.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;
use glassbox_core::Report;

/// Arguments of `glassbox badge`.
#[derive(Args)]
pub struct BadgeArgs {
    /// A target to audit, or a report written by `glassbox audit --format json`.
    pub target: String,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// How a target is fetched: the same options and environment as `audit` (`HF_TOKEN`,
    /// `HF_ENDPOINT`, proxies, CA bundle, `--offline`).
    #[command(flatten)]
    pub sources: super::sources::SourceArgs,
}

/// Whether the argument names a saved report rather than a target to audit.
fn is_report_file(target: &str) -> bool {
    let p = Path::new(target);
    target == "-"
        || (p.is_file()
            && p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")))
}

/// Runs `glassbox badge`: `audit` audits a target when the argument is not a saved report.
pub fn run(args: &BadgeArgs, audit: impl FnOnce(&str) -> Result<Report>) -> Result<()> {
    let report = if is_report_file(&args.target) {
        let mut reports = super::render::read_reports(Path::new(&args.target))?;
        if reports.len() != 1 {
            anyhow::bail!(
                "{}: a badge is for one release; the file holds {} reports",
                args.target,
                reports.len()
            );
        }
        reports.remove(0)
    } else {
        audit(&args.target)?
    };
    super::render::emit(
        &glassbox_report::badge::svg(&report),
        args.output.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The source options with no flag given.
    fn no_sources() -> crate::cmd::sources::SourceArgs {
        #[derive(Parser)]
        struct W {
            #[command(flatten)]
            s: crate::cmd::sources::SourceArgs,
        }
        W::parse_from(["glassbox"]).s
    }

    #[test]
    fn a_saved_report_gives_its_badge_without_auditing() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("r.json");
        let json = glassbox_report::json::render(&[glassbox_report::sample::restricted_local()]);
        std::fs::write(&report, json).unwrap();
        let out = dir.path().join("b.svg");
        let args = BadgeArgs {
            target: report.to_string_lossy().into_owned(),
            output: Some(out.clone()),
            sources: no_sources(),
        };
        run(&args, |_| panic!("a saved report is not audited again")).unwrap();
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains(">restricted weights</text>"), "{svg}");
    }

    #[test]
    fn a_target_is_audited_and_a_file_of_several_reports_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("b.svg");
        let args = BadgeArgs {
            target: "examples/closed".into(),
            output: Some(out.clone()),
            sources: no_sources(),
        };
        let mut r = glassbox_report::sample::restricted_local();
        r.verdicts.seed.category = glassbox_core::SeedCategory::Closed;
        run(&args, |t| {
            assert_eq!(t, "examples/closed");
            Ok(r)
        })
        .unwrap();
        assert!(std::fs::read_to_string(&out)
            .unwrap()
            .contains(">closed</text>"));
        let several = dir.path().join("two.json");
        let two = glassbox_report::sample::all();
        std::fs::write(&several, glassbox_report::json::render(&two[..2])).unwrap();
        let args = BadgeArgs {
            target: several.to_string_lossy().into_owned(),
            output: None,
            sources: no_sources(),
        };
        let e = format!("{:#}", run(&args, |_| unreachable!()).unwrap_err());
        assert!(e.contains("a badge is for one release"), "{e}");
    }
}
