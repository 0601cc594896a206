//! `glassbox audit TARGET...`

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use glassbox::{batch, pipeline};
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
    /// Where targets come from and how.
    #[command(flatten)]
    pub source: super::sources::SourceArgs,
}

/// Runs the audit; errors name the target and the problem (exit 2).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let limits = args.source.limits();
    // One audit draws its bytes (downloads, hashing, scanning, clones); a batch draws n of N.
    let bytes = super::progress::Bytes::new(args.source.quiet || args.targets.len() > 1);
    let mut opts = args.source.options_with(bytes.progress())?;
    opts.no_scan = args.no_scan;
    opts.verify = args.verify.is_some();
    if let Some(m) = args.verify.as_deref().filter(|m| !m.is_empty()) {
        let bytes = std::fs::read(m).map_err(|e| anyhow::anyhow!("{m}: {e}"))?;
        let manifest =
            glassbox_scan::Manifest::from_json(&bytes).map_err(|e| anyhow::anyhow!("{m}: {e}"))?;
        opts.manifest = manifest.expected();
    }
    let opts = &opts;
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let several = args.targets.len() > 1;
    let threads = batch::threads(args.source.jobs.map(usize::from), args.targets.len());
    // Formats that draw on every report at once (comparisons, BOMs, SARIF runs) are rendered by
    // the report crate from all of them; the others are written one report at a time, in
    // target order, while later targets are still being audited.
    let streamed = matches!(args.format, Format::Json | Format::Mof)
        || (args.format == Format::Text && !several);
    // Reports streamed to the terminal would run through the bar: no bar then.
    let quiet = args.source.quiet || (streamed && to_terminal);
    let progress = super::progress::Progress::batch(args.targets.len(), quiet);
    let audit = |t: &String| {
        let r =
            audit_target(t, &args, &limits, opts).map_err(|e| super::about(t, format!("{e:#}")));
        progress.inc();
        bytes.finish();
        r
    };
    // A target that fails is named on stderr and the others are still reported: one broken
    // record does not cost a batch of thousands. The exit code says that something failed.
    let mut failed = 0usize;
    let mut fail = |e: anyhow::Error| {
        progress.suspend(|| super::print_error(&e));
        failed += 1;
    };
    let mut out = Output::open(args.output.as_deref())?;
    if !streamed {
        let mut reports = Vec::with_capacity(args.targets.len());
        batch::for_each_ordered(&args.targets, threads, audit, |_, r| {
            match r {
                Ok(r) => reports.push(r),
                Err(e) => fail(e),
            }
            true
        });
        if !reports.is_empty() {
            let text = glassbox_report::render_with(&reports, args.format, color)?;
            out.write(text.as_bytes())?;
        }
    } else {
        let render = |t: &String| -> anyhow::Result<Vec<u8>> {
            let r = audit(t)?;
            Ok(match args.format {
                Format::Json if several => {
                    let mut buf = Vec::with_capacity(64 << 10);
                    glassbox_report::json::render_element(&r, &mut buf);
                    buf
                }
                Format::Json => glassbox_report::json::render(std::slice::from_ref(&r)).into(),
                Format::Mof => glassbox_report::mof::render(&r).into(),
                Format::Text => glassbox_report::text::render(&r, color).into(),
                _ => unreachable!("only streamed formats are rendered one by one"),
            })
        };
        let (open, sep, close): (&[u8], &[u8], &[u8]) = match args.format {
            Format::Json if several => (b"[\n", b",\n", b"\n]\n"),
            Format::Mof => (b"", b"---\n", b""),
            _ => (b"", b"\n", b""),
        };
        out.write(open)?;
        let mut written = 0usize;
        let mut io_error = None;
        batch::for_each_ordered(&args.targets, threads, render, |_, part| match part {
            Ok(part) => {
                let sep: &[u8] = if written > 0 { sep } else { b"" };
                written += 1;
                match out.write(sep).and_then(|()| out.write(&part)) {
                    // Nobody reads any more: audit nothing else.
                    Ok(()) => !out.closed,
                    Err(e) => {
                        io_error = Some(e);
                        false
                    }
                }
            }
            Err(e) => {
                fail(e);
                true
            }
        });
        if let Some(e) = io_error {
            return Err(e);
        }
        out.write(close)?;
    }
    progress.finish();
    out.finish()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Where the audit writes: a file, or stdout (a reader that goes away ends the output quietly).
struct Output {
    w: std::io::BufWriter<Box<dyn Write>>,
    path: Option<std::path::PathBuf>,
    closed: bool,
}

impl Output {
    fn open(path: Option<&std::path::Path>) -> anyhow::Result<Self> {
        let w: Box<dyn Write> = match path {
            Some(p) => Box::new(
                std::fs::File::create(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
            ),
            None => Box::new(std::io::stdout().lock()),
        };
        Ok(Output {
            w: std::io::BufWriter::with_capacity(256 << 10, w),
            path: path.map(Into::into),
            closed: false,
        })
    }

    fn check(&mut self, r: std::io::Result<()>) -> anyhow::Result<()> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if self.path.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(match &self.path {
                Some(p) => anyhow::anyhow!("{}: {e}", p.display()),
                None => e.into(),
            }),
        }
    }

    /// Writes bytes; after the reader of stdout went away, writes nothing.
    fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.w.write_all(bytes);
        self.check(r)
    }

    fn finish(mut self) -> anyhow::Result<()> {
        if self.closed {
            return Ok(());
        }
        let r = self.w.flush();
        self.check(r)
    }
}

/// One target, with this command's `--with`, `--claims` and `--framework`.
fn audit_target(
    spec: &str,
    args: &Args,
    limits: &Limits,
    opts: &pipeline::Options,
) -> anyhow::Result<glassbox_core::Report> {
    pipeline::audit_target(
        spec,
        &args.with,
        args.claims.as_deref(),
        &args.framework,
        limits,
        opts,
    )
}
