//! `glassbox`: tells, with evidence, whether an AI model release is open source or only open
//! weights. This binary parses arguments and wires the pipeline; the work lives in the crates.

mod cmd;

// Audits allocate many small strings (evidence, requirement texts); the system allocator spent a
// third of a batch audit in malloc/free (perf, issue 4 benchmark).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Tells, with evidence, whether an AI model release is open source or only open weights.
#[derive(Parser)]
#[command(name = "glassbox", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Audit one or more releases (folders, `hf:ORG/NAME`, git URLs or clones, MOF records) and
    /// print the verdicts with their evidence.
    #[command(
        after_help = "Examples:\n  glassbox audit examples/open-weights\n  glassbox audit hf:EleutherAI/pythia-160m --format html -o pythia.html\n  glassbox audit https://github.com/openai/whisper.git --no-follow\n  glassbox audit hf:org/a hf:org/b --format markdown   # side by side"
    )]
    Audit(cmd::audit::Args),
    /// License intelligence: identify license texts, show a license's terms and obligations.
    License(cmd::license::LicenseArgs),
    /// Scan model files for unsafe serialisation (pickle imports, Lambda layers, template
    /// injection, container tricks) without loading them.
    Scan(cmd::scan::Args),
    /// Write a SHA-256 manifest of files, or check files against one.
    Hash(cmd::hash::Args),
    /// Check the models a codebase uses against its policy (glassbox.toml): exit 0 all pass,
    /// 1 a model fails, 2 the check could not be done.
    Check(cmd::check::Args),
    /// Write a starter glassbox.toml policy with every key commented.
    Init(cmd::init::Args),
    /// Render a saved JSON report in another format, without auditing again.
    Render(cmd::render::RenderArgs),
    /// Print an SVG badge ("open source", "open weights", …, MOF class) for a target or a report.
    Badge(cmd::badge::BadgeArgs),
    /// Explain a finding code: what it means, why it matters, how to fix it (no code: list
    /// them all).
    #[command(after_help = "Examples:\n  glassbox explain unsafe-global\n  glassbox explain")]
    Explain(cmd::explain::Args),
    /// Run the catalog: web pages and REST API over a SQLite file (or PostgreSQL), with a
    /// durable audit queue worked by this process and by `glassbox worker` processes.
    #[command(
        after_help = "Examples:\n  glassbox serve                      # ./glassbox.db, http://127.0.0.1:8080/\n  glassbox serve --database postgres://glassbox@db/glassbox --workers 0"
    )]
    Serve(cmd::serve::ServeArgs),
    /// Take audits from a catalog's queue (PostgreSQL, or the SQLite file of a local server).
    Worker(cmd::serve::WorkerArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `glassbox man > glassbox.1`.
    Man,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Audit(args) => cmd::audit::run(args),
        Command::License(args) => cmd::license::run(args),
        Command::Scan(args) => cmd::scan::run(args),
        Command::Hash(args) => cmd::hash::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Init(args) => cmd::init::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Render(args) => cmd::render::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Badge(args) => cmd::badge::run(&args, |t| {
            // The same sources, environment and network settings as `audit`.
            let opts = args.sources.options()?;
            glassbox::pipeline::audit(t, &[], &args.sources.limits(), &opts)
                .map_err(|e| cmd::about(t, e))
        })
        .map(|()| ExitCode::SUCCESS),
        Command::Explain(args) => cmd::explain::run(&args),
        Command::Serve(args) => cmd::serve::serve(args).map(|()| ExitCode::SUCCESS),
        Command::Worker(args) => cmd::serve::worker(args).map(|()| ExitCode::SUCCESS),
        Command::Completions { shell } => {
            // Generated from the same definition the parser uses, so it cannot go stale.
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "glassbox", &mut buf);
            print_all(&buf)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buf)
                .map_err(anyhow::Error::from)
                .and_then(|()| print_all(&buf))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            cmd::print_error(&e);
            ExitCode::from(2)
        }
    }
}

/// Writes generated text to standard output; a reader that stops early (`| head`) is not an
/// error.
fn print_all(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
