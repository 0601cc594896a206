//! The glassbox catalog: `glassbox serve` (web pages and REST API) and `glassbox worker`, over
//! one database (an embedded SQLite file by default, PostgreSQL for teams) that holds the
//! catalog and the durable audit queue.
//!
//! Audits are the same pipeline the CLI runs (`glassbox-pipeline`); reports are stored as
//! `glassbox/report/v1` JSON and rendered on request by `glassbox-report`.

#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod catalog;
pub mod db;
pub mod pages;
pub mod queue;
pub mod summary;
pub mod target;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub use db::Db;
pub use queue::WorkerSettings;

/// Largest request body accepted (a target is a short string).
pub const MAX_BODY: usize = 16 * 1024;
/// Longest request target (path and query) accepted.
pub const MAX_URI: usize = 4 * 1024;

/// What `glassbox serve` was asked to do.
pub struct ServeConfig {
    /// Where to listen.
    pub listen: SocketAddr,
    /// `--database`: a SQLite file or a `postgres://` URL.
    pub database: String,
    /// In-process workers (0: audits are left to `glassbox worker` processes).
    pub workers: usize,
    /// Folders whose subfolders may be audited.
    pub allow_local: Vec<PathBuf>,
    /// A write token given by the operator (`GLASSBOX_SERVER_TOKEN`, `--token-file`).
    pub token: Option<String>,
    /// Reads need the token too.
    pub private: bool,
    /// Re-audit the whole catalog when revisions change, this often.
    pub refresh_every: Option<Duration>,
    /// Writes per minute per token (0: no limit).
    pub writes_per_minute: u32,
    /// How workers audit.
    pub worker: WorkerSettings,
}

/// The state every handler shares.
pub struct App {
    /// The catalog.
    pub db: Db,
    /// Folders local targets may be in.
    pub allow_local: Vec<PathBuf>,
    /// Reads need the token.
    pub private: bool,
    /// Write limit per token.
    pub rate: auth::RateLimit,
}

impl App {
    /// Lets a read through, or asks for the token when the catalog is private.
    pub(crate) async fn read_access(&self, headers: &HeaderMap) -> Result<(), api::ApiError> {
        if self.private {
            api::authorize(self, headers, false).await
        } else {
            Ok(())
        }
    }
}

/// The routes of the catalog, with its limits and security headers.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(pages::index))
        .route("/releases/{release}", get(pages::release))
        .route("/compare", get(pages::compare))
        .route("/submit", get(pages::submit_form).post(pages::submit))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/audits", post(api::submit))
        .route("/api/v1/audits/{id}", get(api::audit))
        .route("/api/v1/releases", get(api::releases))
        .route("/api/v1/releases/{release}/report", get(api::report))
        .route("/api/v1/releases/{release}/history", get(api::history))
        .route("/api/v1/releases/{release}/refresh", post(api::refresh))
        .route("/badge/{file}", get(api::badge))
        .route("/healthz", get(api::healthz))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(guard))
        .with_state(app)
}

/// Refuses over-long request targets and sets the headers every answer carries: a strict
/// Content-Security-Policy (no script at all, nothing from elsewhere), no sniffing, no framing.
async fn guard(req: Request, next: Next) -> Response {
    if req.uri().to_string().len() > MAX_URI {
        return (
            StatusCode::URI_TOO_LONG,
            axum::Json(serde_json::json!({"error": "request target too long"})),
        )
            .into_response();
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

/// Runs `glassbox serve` until the process is stopped.
pub async fn serve(cfg: ServeConfig) -> anyhow::Result<()> {
    let db = Db::open(&cfg.database).await?;
    if let Some(token) = auth::ensure_token(&db, cfg.token.as_deref()).await? {
        // The only time this token is shown: the catalog keeps its hash alone.
        eprintln!(
            "glassbox: write token (shown once, keep it): {token}\n\
             glassbox: use it as `Authorization: Bearer {token}`"
        );
    }
    let listener = tokio::net::TcpListener::bind(cfg.listen)
        .await
        .map_err(|e| anyhow::anyhow!("--listen {}: {e}", cfg.listen))?;
    let local = listener.local_addr()?;
    let _workers = queue::spawn_workers(&db, cfg.workers, cfg.worker.clone());
    if let Some(every) = cfg.refresh_every {
        tokio::spawn(refresh_loop(db.clone(), every));
    }
    let app = Arc::new(App {
        db,
        allow_local: cfg.allow_local,
        private: cfg.private,
        rate: auth::RateLimit::new(cfg.writes_per_minute),
    });
    eprintln!(
        "glassbox: catalog at http://{local}/ ({} worker{})",
        cfg.workers,
        if cfg.workers == 1 { "" } else { "s" }
    );
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Runs `glassbox worker`: `workers` audits at a time from the catalog's queue, no HTTP.
pub async fn work(database: &str, workers: usize, settings: WorkerSettings) -> anyhow::Result<()> {
    let db = Db::open(database).await?;
    eprintln!(
        "glassbox: worker on {} ({workers} at a time)",
        db::redact(database)
    );
    let handles = queue::spawn_workers(&db, workers.max(1), settings);
    tokio::select! {
        _ = futures::future::join_all(handles) => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// Asks for a refresh of every release, every `every`: a release whose revision did not
/// change costs one small request to its source and no audit.
async fn refresh_loop(db: Db, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.tick().await;
    loop {
        tick.tick().await;
        match db.all_targets().await {
            Ok(all) => {
                for (release, target) in all {
                    if let Err(e) = queue::enqueue(&db, &target, &release, true).await {
                        eprintln!("glassbox: refresh {release}: {e:#}");
                    }
                }
            }
            Err(e) => eprintln!("glassbox: refresh: {e:#}"),
        }
    }
}
