//! The durable audit queue: apalis over the catalog's own database (`apalis-sqlite`,
//! `apalis-postgres`). An audit row and its job are written in one transaction; workers lock
//! jobs, send heartbeats, and a job whose worker stops sending them (kill -9, a lost machine)
//! is put back in the queue by the next live worker.

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::*;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::catalog::{Audit, Claim};
use crate::db::{now, on_db, Db};

/// The queue's name in the job tables.
pub const QUEUE: &str = "glassbox-audits";

/// One job: the audit it runs. Everything else is read from the audit's row, so a job stays
/// valid however the code changes between enqueue and run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditJob {
    /// The audit's id.
    pub audit: String,
}

/// A fresh random id (128 bits, hex).
pub fn new_id() -> String {
    let mut b = [0u8; 16];
    // The OS random source is always there on the platforms glassbox runs on; without it
    // nothing else (TLS) works either.
    getrandom::fill(&mut b).expect("the operating system's random source");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Queues an audit of `spec` (release `release`), or returns the open audit of the same target
/// when there is one (two requests racing for one target get the same audit).
pub async fn enqueue(db: &Db, spec: &str, release: &str, refresh: bool) -> anyhow::Result<Audit> {
    let id = new_id();
    let job = serde_json::to_vec(&AuditJob { audit: id.clone() })?;
    // More attempts than the worker's own retries: these count crashed and orphaned runs.
    let task = TaskBuilder::new(job).max_attempts(25).build();
    let at = now();
    let insert =
        "INSERT INTO audits (id, target, release, status, refresh, created_at, updated_at) \
                  VALUES ($1, $2, $3, 'queued', $4, $5, $5) ON CONFLICT DO NOTHING";
    let inserted = match db {
        Db::Sqlite(p) => {
            let mut tx = p.begin().await?;
            let n = sqlx::query(insert)
                .bind(&id)
                .bind(spec)
                .bind(release)
                .bind(refresh as i64)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 1 {
                apalis_sqlite::queries::push_tasks(&mut *tx, QUEUE, &[task]).await?;
            }
            tx.commit().await?;
            n == 1
        }
        Db::Postgres(p) => {
            let mut tx = p.begin().await?;
            let n = sqlx::query(insert)
                .bind(&id)
                .bind(spec)
                .bind(release)
                .bind(refresh as i64)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 1 {
                apalis_postgres::queries::push_tasks(&mut *tx, QUEUE, vec![task]).await?;
            }
            tx.commit().await?;
            n == 1
        }
    };
    if !inserted {
        if let Some(open) = open_audit(db, spec).await? {
            return Ok(open);
        }
        anyhow::bail!("could not queue `{spec}`: the catalog refused the audit");
    }
    Ok(Audit {
        id,
        target: spec.to_string(),
        status: "queued".into(),
        error: None,
        release: release.to_string(),
        revision: None,
        refresh,
    })
}

async fn open_audit(db: &Db, spec: &str) -> anyhow::Result<Option<Audit>> {
    let id: Option<String> = on_db!(db, |p| sqlx::query(
        "SELECT id FROM audits WHERE target = $1 AND status IN ('queued', 'running')"
    )
    .bind(spec)
    .fetch_optional(p)
    .await?
    .map(|r| r.get(0)));
    match id {
        Some(id) => db.audit(&id).await,
        None => Ok(None),
    }
}

/// How workers audit and how they treat failures.
#[derive(Clone)]
pub struct WorkerSettings {
    /// The same options `glassbox audit` builds from its flags and the environment.
    pub opts: glassbox_pipeline::Options,
    /// Inventory bounds.
    pub limits: glassbox_sources::Limits,
    /// Further attempts after a 429, a 5xx or a network fault.
    pub retries: u32,
    /// The first wait before a retry; doubled each time.
    pub backoff: Duration,
    /// How often a worker says it is alive; a job is taken back after two missed beats.
    pub heartbeat: Duration,
}

struct Ctx {
    db: Db,
    settings: WorkerSettings,
}

/// Starts `n` workers on the queue in this process; they run until the process ends.
pub fn spawn_workers(
    db: &Db,
    n: usize,
    settings: WorkerSettings,
) -> Vec<tokio::task::JoinHandle<()>> {
    let ctx = Arc::new(Ctx {
        db: db.clone(),
        settings,
    });
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
    // A name no earlier process used: a restarted server must not be mistaken for the dead one,
    // whose jobs its heartbeats put back in the queue.
    let run = format!("{host}-{}-{}", std::process::id(), &new_id()[..8]);
    (0..n)
        .map(|i| {
            let name = format!("glassbox-{run}-{i}");
            let ctx = ctx.clone();
            tokio::spawn(async move {
                // A worker whose run ends (the database refused a poll or a heartbeat) is started
                // again under a new name; the jobs it held come back through the heartbeats.
                for restart in 0u64.. {
                    let name = format!("{name}-{restart}");
                    if let Err(e) = run_worker(&name, &ctx).await {
                        eprintln!("glassbox: worker {name} stopped ({e}); starting it again");
                    }
                    tokio::time::sleep(ctx.settings.heartbeat).await;
                }
            })
        })
        .collect()
}

/// Runs one apalis worker on the queue until it ends.
async fn run_worker(name: &str, ctx: &Arc<Ctx>) -> Result<(), String> {
    let beat = ctx.settings.heartbeat;
    match ctx.db.clone() {
        Db::Sqlite(pool) => {
            let config = apalis_sqlite::Config::default()
                .queue(QUEUE)
                .batch_size(1)
                .heartbeat_interval(beat)
                .missed_heartbeats(2);
            let backend = apalis_sqlite::SqliteStorage::<AuditJob>::new(&pool).with_config(config);
            WorkerBuilder::new(name)
                .backend(backend)
                .data(ctx.clone())
                .build(run_job)
                .run()
                .await
                .map_err(|e| e.to_string())
        }
        Db::Postgres(pool) => {
            let config = apalis_postgres::Config::default()
                .queue(QUEUE)
                .batch_size(1)
                .heartbeat_interval(beat)
                .missed_heartbeats(2);
            let backend =
                apalis_postgres::PostgresStorage::<AuditJob>::new(&pool).with_config(config);
            WorkerBuilder::new(name)
                .backend(backend)
                .data(ctx.clone())
                .build(run_job)
                .run()
                .await
                .map_err(|e| e.to_string())
        }
    }
}

/// Runs one audit job to its end: done with a report, or failed with the message after the
/// last retry. A job delivered again (after a crash) for an audit already finished does nothing.
async fn run_job(job: AuditJob, ctx: Data<Arc<Ctx>>) -> Result<(), BoxDynError> {
    let db = &ctx.db;
    let Some(audit) = db.audit(&job.audit).await? else {
        return Ok(());
    };
    let s = ctx.settings.clone();
    // The queue delivers at least once (a worker whose heartbeats were late is taken for
    // dead); the lease makes a second delivery wait for the first instead of auditing again.
    let me = new_id();
    let lease = (s.heartbeat.as_secs() as i64 * 3).max(3);
    loop {
        match db.claim(&audit.id, &me, now() + lease).await? {
            Claim::Taken => break,
            Claim::Finished => return Ok(()),
            Claim::Held => tokio::time::sleep(s.heartbeat).await,
        }
    }
    let renewer = tokio::spawn({
        let (db, id, me, beat) = (db.clone(), audit.id.clone(), me.clone(), s.heartbeat);
        async move {
            loop {
                tokio::time::sleep(beat).await;
                if let Err(e) = db.renew(&id, &me, now() + lease).await {
                    eprintln!("glassbox: audit {id}: lease not renewed: {e:#}");
                }
            }
        }
    });
    let result = audit_claimed(db, &audit, &s).await;
    renewer.abort();
    result
}

/// Runs an audit this runner holds.
async fn audit_claimed(db: &Db, audit: &Audit, s: &WorkerSettings) -> Result<(), BoxDynError> {
    // The same release at the same revision is audited once: the commit a Hub target or a git
    // remote names now is asked for first (one small request, no download), and an audit
    // already stored for it is the answer. When the source cannot say, the audit runs.
    let (spec, opts) = (audit.target.clone(), s.opts.clone());
    let rev = tokio::task::spawn_blocking(move || current_revision(&spec, &opts)).await?;
    if let Some(rev) = rev {
        if db.report_at(&audit.release, &rev).await?.is_some() {
            db.set_audit(&audit.id, "done", None, Some(&rev)).await?;
            return Ok(());
        }
    }
    let mut attempt = 0;
    loop {
        let (spec, opts, limits) = (audit.target.clone(), s.opts.clone(), s.limits);
        let result = tokio::task::spawn_blocking(move || {
            glassbox_pipeline::audit_target(&spec, &[], None, &[], &limits, &opts)
        })
        .await?;
        match result {
            Ok(report) => {
                let summary = crate::summary::summarize(&audit.release, &audit.target, &report);
                let json = glassbox_report::json::render(std::slice::from_ref(&report));
                db.store_report(&summary, &json).await?;
                db.set_audit(&audit.id, "done", None, Some(&summary.revision))
                    .await?;
                return Ok(());
            }
            Err(e) if attempt < s.retries && retryable(&e) => {
                tokio::time::sleep(s.backoff * 2u32.saturating_pow(attempt)).await;
                attempt += 1;
            }
            Err(e) => {
                let msg = format!("{e:#}");
                db.set_audit(&audit.id, "failed", Some(&msg), None).await?;
                return Ok(());
            }
        }
    }
}

/// The commit a target resolves to now, when its source can say without downloading: a Hub
/// target's from the Hub's API, a git remote's `HEAD` from its ref advertisement (through the
/// clone's own network rules). Local folders have no such question: they are audited.
fn current_revision(spec: &str, opts: &glassbox_pipeline::Options) -> Option<String> {
    if spec.starts_with("hf:") {
        let hub = opts.hub.as_deref()?;
        let repo = glassbox_sources::hf::RepoRef::parse(spec).ok()?;
        return hub.info(&repo, false).ok()?.sha;
    }
    let lower = spec.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return glassbox_sources::git::remote_head(spec, &opts.sources.git).ok();
    }
    None
}

/// Whether an audit failed for a reason that may pass: the server asked to slow down (429),
/// answered 5xx, or the network failed on the way.
pub fn retryable(e: &anyhow::Error) -> bool {
    use glassbox_sources::SourceError;
    e.chain().any(|c| match c.downcast_ref::<SourceError>() {
        Some(SourceError::RateLimited { .. }) => true,
        Some(SourceError::Http { reason, .. }) => {
            reason.starts_with("server error 5") || reason.contains(" attempts)")
        }
        _ => false,
    })
}
