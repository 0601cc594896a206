//! The options of every command that audits: where targets come from and how (`audit`, `check`).

use glassbox::pipeline;
use glassbox_sources::Limits;

/// Source and network options shared by the commands that audit.
#[derive(clap::Args, Clone, Debug)]
pub struct SourceArgs {
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
    /// a git server; a whole Hub API answer may take six times that (default: 10 s to connect,
    /// 20 s per Hub read and 120 s per Hub answer, 60 s per git read).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u16).range(1..=3600))]
    pub timeout: Option<u16>,
    /// No progress on stderr (it is only drawn on a terminal, and never under NO_COLOR).
    #[arg(long, short)]
    pub quiet: bool,
}

impl SourceArgs {
    /// The inventory bounds.
    pub fn limits(&self) -> Limits {
        Limits {
            max_files: self.max_files,
            ..Limits::default()
        }
    }

    /// Pipeline options from the environment (`HF_ENDPOINT`, `HF_TOKEN`, proxies, CA bundle,
    /// offline variables) and these flags, with one Hub client shared by every target.
    pub fn options(&self) -> anyhow::Result<pipeline::Options> {
        self.options_with(Default::default())
    }

    /// [`SourceArgs::options`], with downloads, clones, hashing and scanning reporting to
    /// `progress`.
    pub fn options_with(
        &self,
        progress: glassbox_core::progress::Progress,
    ) -> anyhow::Result<pipeline::Options> {
        let mut opts = pipeline::Options {
            sources: glassbox_sources::ResolveOptions::from_env()?,
            ..pipeline::Options::default()
        };
        opts.sources.set_progress(progress);
        if self.offline {
            opts.sources.set_offline(true);
        }
        if let Some(t) = self
            .token
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            opts.sources.token = Some(t.to_string());
        }
        opts.sources.download = self.download;
        opts.sources.follow.enabled = !self.no_follow;
        if let Some(j) = self.jobs {
            opts.sources.jobs = j as usize;
        }
        if let Some(t) = self.timeout {
            opts.sources
                .set_timeout(std::time::Duration::from_secs(t.into()));
        }
        opts.hub = opts.sources.hub()?.map(std::sync::Arc::new);
        Ok(opts)
    }
}
