//! `glassbox init [PATH]`: writes the starter policy.

use std::path::PathBuf;

/// Arguments of `glassbox init`.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to write glassbox.toml in, or the file to write.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Replace an existing policy file.
    #[arg(long)]
    pub force: bool,
}

/// Writes the starter policy; an existing file is kept unless `--force` (exit 2).
pub fn run(args: &Args) -> anyhow::Result<()> {
    let file = if args.path.extension().is_some_and(|e| e == "toml") {
        args.path.clone()
    } else {
        args.path.join("glassbox.toml")
    };
    if file.exists() && !args.force {
        anyhow::bail!(
            "{} already exists (use --force to replace it)",
            file.display()
        );
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&file, glassbox_check::policy::STARTER)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    eprintln!("glassbox: wrote {}", file.display());
    Ok(())
}
