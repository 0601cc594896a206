//! `glassbox render REPORT.json --format F [--output FILE]`: renders a saved report (or an array
//! of reports) in any format without auditing again.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;
use glassbox_report::Format;

/// Arguments of `glassbox render`.
#[derive(Args)]
pub struct RenderArgs {
    /// A report written by `glassbox audit --format json` (`-` reads standard input).
    pub report: PathBuf,
    /// Output format: text, json, markdown, html, sarif, cyclonedx, spdx or mof.
    #[arg(long, short = 'f', default_value = "text")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Largest report file read, so a wrong argument cannot exhaust memory.
const MAX_REPORT_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a report file (or standard input for `-`), bounded in size.
pub fn read_reports(path: &std::path::Path) -> Result<Vec<glassbox_core::Report>> {
    use std::io::Read as _;
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_REPORT_BYTES + 1)
            .read_to_string(&mut text)
            .context("reading the report from standard input")?;
    } else {
        let f = std::fs::File::open(path)
            .with_context(|| format!("{}: cannot open", path.display()))?;
        f.take(MAX_REPORT_BYTES + 1)
            .read_to_string(&mut text)
            .with_context(|| format!("{}: cannot read as UTF-8 text", path.display()))?;
    }
    if text.len() as u64 > MAX_REPORT_BYTES {
        bail!(
            "{}: larger than the {} MiB limit for a report",
            path.display(),
            MAX_REPORT_BYTES >> 20
        );
    }
    glassbox_report::parse_reports(&text).with_context(|| format!("{}", path.display()))
}

/// Writes rendered output to the file, or to standard output.
pub fn emit(out: &str, output: Option<&std::path::Path>) -> Result<()> {
    use std::io::Write as _;
    match output {
        Some(p) => std::fs::write(p, out).with_context(|| format!("{}: cannot write", p.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(out.as_bytes())
                .context("writing to standard output")?;
            stdout.flush().context("writing to standard output")
        }
    }
}

/// Runs `glassbox render`; errors are usage or input errors (exit 2).
pub fn run(args: &RenderArgs) -> Result<()> {
    let format: Format = args.format.parse()?;
    let reports = read_reports(&args.report)?;
    // Colour only for a terminal, never into a file, and never with NO_COLOR set.
    let color = format == Format::Text
        && args.output.is_none()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let out = glassbox_report::render_with(&reports, format, color)?;
    emit(&out, args.output.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn refuses_files_that_are_not_reports_and_unknown_versions() {
        let dir = tempfile::tempdir().unwrap();
        let err = |p: &std::path::Path| format!("{:#}", read_reports(p).unwrap_err());
        let cdx = write(
            dir.path(),
            "bom.json",
            r#"{"bomFormat":"CycloneDX","specVersion":"1.6"}"#,
        );
        assert!(
            err(&cdx).contains("not a glassbox report: no `schema` field"),
            "{}",
            err(&cdx)
        );
        let text = write(dir.path(), "notes.txt", "hello");
        assert!(err(&text).contains("not JSON"));
        let mut v = serde_json::to_value(glassbox_report::sample::restricted_local()).unwrap();
        v["schema"] = "glassbox/report/v9".into();
        let v9 = write(dir.path(), "v9.json", &v.to_string());
        let e = err(&v9);
        assert!(
            e.contains("v9.json") && e.contains("unsupported report schema `glassbox/report/v9`"),
            "{e}"
        );
        assert!(err(&dir.path().join("missing.json")).contains("cannot open"));
    }

    #[test]
    fn renders_a_saved_report_to_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let report = glassbox_report::json::render(&[glassbox_report::sample::open_weights_hub()]);
        let input = write(dir.path(), "r.json", &report);
        let output = dir.path().join("r.html");
        let args = RenderArgs {
            report: input.clone(),
            format: "html".into(),
            output: Some(output.clone()),
        };
        run(&args).unwrap();
        assert!(std::fs::read_to_string(&output)
            .unwrap()
            .contains("id=\"category\">open-weights<"));
        let bad = RenderArgs {
            report: input,
            format: "pdf".into(),
            output: None,
        };
        assert!(format!("{:#}", run(&bad).unwrap_err()).contains("unknown format `pdf`"));
    }
}
