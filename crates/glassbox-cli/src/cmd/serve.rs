//! `glassbox serve` and `glassbox worker`: the catalog (`glassbox-server`) with this binary's
//! source and network options.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use glassbox_server::{ServeConfig, WorkerSettings};

/// Options of every process that runs audits from the catalog's queue.
#[derive(clap::Args, Clone, Debug)]
pub struct QueueArgs {
    /// The catalog: a SQLite file (created with its tables on first start) or a
    /// `postgres://USER:PASSWORD@HOST/DB` URL.
    #[arg(long, value_name = "FILE|URL", default_value = "glassbox.db")]
    pub database: String,
    /// Further attempts of an audit that met a 429, a 5xx or a network fault (waits double
    /// from 2 s).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Seconds between a worker's heartbeats; a job whose worker missed two is taken back.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub heartbeat: u64,
    /// Where targets come from and how.
    #[command(flatten)]
    pub sources: super::sources::SourceArgs,
}

impl QueueArgs {
    fn settings(&self) -> anyhow::Result<WorkerSettings> {
        Ok(WorkerSettings {
            opts: self.sources.options()?,
            limits: self.sources.limits(),
            retries: self.retries,
            backoff: Duration::from_secs(2),
            heartbeat: Duration::from_secs(self.heartbeat),
        })
    }
}

/// Arguments of `glassbox serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Audits run at once inside the server (0: leave them to `glassbox worker` processes).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub workers: usize,
    /// A folder whose subfolders may be submitted as local targets (repeatable; without it,
    /// local paths are refused).
    #[arg(long = "allow-local", value_name = "DIR")]
    pub allow_local: Vec<PathBuf>,
    /// A file holding the write token (else `GLASSBOX_SERVER_TOKEN`; with neither, one is
    /// made on first start and printed once).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Reads need the token too.
    #[arg(long)]
    pub private: bool,
    /// Re-audit every release whose revision changed, this often (`30m`, `6h`, `1d`).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub refresh_every: Option<Duration>,
    /// Writes (submitted audits, refreshes) per minute per token; 0 for no limit.
    #[arg(long, value_name = "N", default_value_t = 60)]
    pub writes_per_minute: u32,
    /// The catalog, retries and sources.
    #[command(flatten)]
    pub queue: QueueArgs,
}

/// Arguments of `glassbox worker`.
#[derive(clap::Args)]
pub struct WorkerArgs {
    /// Audits run at once by this process.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: u16,
    /// The catalog, retries and sources.
    #[command(flatten)]
    pub queue: QueueArgs,
}

/// `30`, `30s`, `15m`, `6h`, `1d`.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration (30s, 15m, 6h, 1d)"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("`{s}` is not a duration (30s, 15m, 6h, 1d)")),
    };
    if secs == 0 {
        return Err("the refresh interval must be longer than 0".into());
    }
    Ok(Duration::from_secs(secs))
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// Runs the catalog server until interrupted.
pub fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let token = match &args.token_file {
        Some(f) => {
            Some(std::fs::read_to_string(f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?)
        }
        None => std::env::var("GLASSBOX_SERVER_TOKEN").ok(),
    };
    let cfg = ServeConfig {
        listen: args.listen,
        database: args.queue.database.clone(),
        workers: args.workers,
        allow_local: args.allow_local.clone(),
        token,
        private: args.private,
        refresh_every: args.refresh_every,
        writes_per_minute: args.writes_per_minute,
        worker: args.queue.settings()?,
    };
    runtime()?.block_on(glassbox_server::serve(cfg))
}

/// Runs a worker until interrupted.
pub fn worker(args: WorkerArgs) -> anyhow::Result<()> {
    let settings = args.queue.settings()?;
    runtime()?.block_on(glassbox_server::work(
        &args.queue.database,
        args.workers.into(),
        settings,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations() {
        assert_eq!(super::parse_duration("90").unwrap().as_secs(), 90);
        assert_eq!(super::parse_duration("15m").unwrap().as_secs(), 900);
        assert_eq!(super::parse_duration("1d").unwrap().as_secs(), 86_400);
        assert!(super::parse_duration("0s").is_err());
        assert!(super::parse_duration("1w").is_err());
        assert!(super::parse_duration("m").is_err());
    }
}
