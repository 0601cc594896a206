//! `glassbox check [PATH]`: the policy gate. Discovery, policy, lock and judgement live in
//! `glassbox-check`; this command reads the files, wires the audit pipeline in as the auditor,
//! and writes the report and the lock.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use glassbox::pipeline;
use glassbox_check::check::{self, Auditor};
use glassbox_check::facts::Facts;
use glassbox_check::lock::Lock;
use glassbox_check::policy::Policy;
use glassbox_check::target::Target;
use glassbox_sources::hf::RepoRef;
use glassbox_sources::Limits;

/// Arguments of `glassbox check`.
#[derive(clap::Args)]
pub struct Args {
    /// The codebase to check.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The policy (default: PATH/glassbox.toml).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Output format: text, json (glassbox/check/v1) or sarif.
    #[arg(long, short, default_value = "text", value_parser = ["text", "json", "sarif"])]
    pub format: String,
    /// Write the report to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fail (exit 1) when a model is not pinned in glassbox.lock or its revision moved; the
    /// lock is not rewritten.
    #[arg(long)]
    pub locked: bool,
    /// Largest source file read for model references, in bytes (larger ones are skipped with a
    /// note).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_source_bytes: u64,
    /// Where models come from and how.
    #[command(flatten)]
    pub source: super::sources::SourceArgs,
}

/// The audit pipeline as the check's auditor.
struct PipelineAuditor<'a> {
    root: &'a Path,
    limits: Limits,
    opts: pipeline::Options,
}

impl Auditor for PipelineAuditor<'_> {
    fn revision(&self, target: &Target) -> Result<Option<String>, String> {
        let Target::Hub { revision, .. } = target else {
            return Ok(None);
        };
        if let Some(r) = revision.as_deref() {
            if glassbox_sources::hf::hub::is_commit(r) {
                return Ok(Some(r.to_ascii_lowercase()));
            }
        }
        let spec = target.spec();
        let repo = RepoRef::parse(&spec).map_err(|e| e.to_string())?;
        match (&self.opts.hub, &self.opts.sources.hf_cache) {
            // One small API call per model: the commit the reference resolves to now.
            (Some(hub), _) => {
                let info = hub.info(&repo, false).map_err(|e| e.to_string())?;
                Ok(info.sha)
            }
            (None, Some(cache)) => match glassbox_sources::cache::locate(cache, &repo) {
                Ok(Some((_, commit))) => Ok(Some(commit)),
                Ok(None) => Err(format!("{spec} is not in the Hugging Face cache (offline)")),
                Err(e) => Err(e.to_string()),
            },
            (None, None) => Err(format!("{spec}: offline and no Hugging Face cache")),
        }
    }

    fn audit(&self, target: &Target) -> Result<(Facts, Option<String>), String> {
        let spec = match target {
            Target::Hub { .. } => target.spec(),
            Target::Local { path } => self.root.join(path).to_string_lossy().into_owned(),
        };
        let report =
            pipeline::audit(&spec, &[], &self.limits, &self.opts).map_err(|e| format!("{e:#}"))?;
        Ok((Facts::from_report(&report), report.target.revision.clone()))
    }
}

fn read_policy(file: &Path) -> anyhow::Result<Policy> {
    let text = std::fs::read_to_string(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => anyhow::anyhow!(
            "{}: no policy file (write a starter one with `glassbox init`)",
            file.display()
        ),
        _ => anyhow::anyhow!("{}: {e}", file.display()),
    })?;
    Policy::parse(&text).map_err(|e| anyhow::anyhow!("{}:{e}", file.display()))
}

/// Runs the check; a policy, lock or path that cannot be used is an error (exit 2).
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = args.path.as_path();
    if !root.is_dir() {
        anyhow::bail!("{}: not a folder", root.display());
    }
    let policy_file = args
        .policy
        .clone()
        .unwrap_or_else(|| root.join("glassbox.toml"));
    let policy = read_policy(&policy_file)?;
    let lock_file = root.join("glassbox.lock");
    let lock = match std::fs::read_to_string(&lock_file) {
        Ok(text) => {
            Some(Lock::parse(&text).map_err(|e| anyhow::anyhow!("{}:{e}", lock_file.display()))?)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => anyhow::bail!("{}: {e}", lock_file.display()),
    };
    let discovery = glassbox_check::discovery::discover(
        root,
        &glassbox_check::discovery::Options {
            max_file_bytes: args.max_source_bytes,
            exclude: policy.exclude.clone(),
            ..Default::default()
        },
    );
    let policy_path = policy_file
        .strip_prefix(root)
        .unwrap_or(&policy_file)
        .to_string_lossy()
        .replace('\\', "/");
    let auditor = PipelineAuditor {
        root,
        limits: args.source.limits(),
        opts: args.source.options()?,
    };
    let jobs = glassbox::batch::threads(
        args.source.jobs.map(usize::from),
        discovery.models.len() + policy.models.len(),
    );
    let outcome = check::run(
        check::Input {
            discovery,
            policy: &policy,
            policy_path,
            lock: lock.clone(),
            locked: args.locked,
            today: glassbox_check::date::Date::today(),
            jobs,
        },
        &auditor,
    );
    let r = &outcome.report;
    let text = match args.format.as_str() {
        "json" => glassbox_check::render::json(r),
        "sarif" => glassbox_check::render::sarif::render(r, env!("CARGO_PKG_VERSION")),
        _ => glassbox_check::render::text::render(r),
    };
    match &args.output {
        Some(p) => std::fs::write(p, text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            // A reader that went away (`| head`) is not an error of the check.
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    if !args.locked && lock.as_ref() != Some(&outcome.lock) && !outcome.lock.models.is_empty() {
        std::fs::write(&lock_file, outcome.lock.to_toml())
            .map_err(|e| anyhow::anyhow!("{}: {e}", lock_file.display()))?;
    }
    Ok(ExitCode::from(r.exit_code()))
}
