//! The REST API (`/api/v1/…`), the badge and the health check.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use glassbox_report::Format;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::OpenApi;

use crate::catalog::{Audit, ListQuery, ReleaseItem};
use crate::App;

/// The body of every error answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What is wrong, in words.
    pub error: String,
}

/// An API error: its status and a JSON body `{"error": "…"}`.
#[derive(Debug)]
pub struct ApiError(pub StatusCode, pub String);

impl ApiError {
    pub(crate) fn bad(msg: impl Into<String>) -> Self {
        ApiError(StatusCode::BAD_REQUEST, msg.into())
    }
    pub(crate) fn not_found(what: &str) -> Self {
        ApiError(StatusCode::NOT_FOUND, format!("{what} not found"))
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        eprintln!("glassbox: serve: {e:#}");
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the catalog could not answer; see the server's log".into(),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(ErrorBody { error: self.1 })).into_response()
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// `POST /api/v1/audits` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AuditRequest {
    /// `hf:ORG/NAME[@REV]`, `https://host/org/repo.git` or an allowed local folder.
    pub target: String,
}

/// The answer to a submitted audit.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Queued {
    /// The audit's id.
    pub id: String,
    /// Its state now.
    pub status: String,
    /// The release it audits.
    pub release: String,
}

/// Checks the bearer token of a write (or of a read when the catalog is private), and takes
/// one write from its rate limit when `write`.
pub(crate) async fn authorize(app: &App, headers: &HeaderMap, write: bool) -> ApiResult<()> {
    let token = crate::auth::bearer(
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok()),
    );
    let unauthorized = || {
        ApiError(
            StatusCode::UNAUTHORIZED,
            "a valid `Authorization: Bearer TOKEN` is required".into(),
        )
    };
    let hash = crate::auth::hash_token(token.ok_or_else(unauthorized)?);
    if !app.db.token_known(&hash).await? {
        return Err(unauthorized());
    }
    if write {
        if let Err(wait) = app.rate.take(&hash) {
            return Err(ApiError(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many writes with this token; retry in {wait} s"),
            ));
        }
    }
    Ok(())
}

/// `POST /api/v1/audits`.
#[utoipa::path(post, path = "/api/v1/audits", request_body = AuditRequest,
    security(("bearer" = [])),
    responses((status = 202, description = "queued", body = Queued),
        (status = 200, description = "the open or finished audit of the same target", body = Queued),
        (status = 400, description = "target not allowed or malformed", body = ErrorBody),
        (status = 401, description = "missing or wrong token", body = ErrorBody),
        (status = 413, description = "body too large", body = ErrorBody),
        (status = 429, description = "too many writes with this token", body = ErrorBody)))]
pub async fn submit(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Result<Json<AuditRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Response> {
    authorize(&app, &headers, true).await?;
    // A body over the bound keeps its 413; anything else that is not the JSON asked for is 400.
    let Json(req) = body.map_err(|e| {
        let status = match e.status() {
            StatusCode::PAYLOAD_TOO_LARGE => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError(status, format!("expected {{\"target\": \"…\"}}: {e}"))
    })?;
    let (audit, new) = submit_target(&app, &req.target).await?;
    let status = if new {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(Queued {
            id: audit.id,
            status: audit.status,
            release: audit.release,
        }),
    )
        .into_response())
}

/// Queues a target after checking it; `true` when a new audit was queued.
pub(crate) async fn submit_target(app: &App, target: &str) -> ApiResult<(Audit, bool)> {
    let accepted = crate::target::accept(target, &app.allow_local).map_err(ApiError::bad)?;
    if let Some(existing) = app.db.live_audit(&accepted.spec).await? {
        return Ok((existing, false));
    }
    let audit = crate::queue::enqueue(&app.db, &accepted.spec, &accepted.release, false).await?;
    Ok((audit, true))
}

/// `GET /api/v1/audits/{id}`.
#[utoipa::path(get, path = "/api/v1/audits/{id}", params(("id" = String, Path, description = "audit id")),
    responses((status = 200, body = Audit), (status = 404, body = ErrorBody)))]
pub async fn audit(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<Audit>> {
    app.read_access(&headers).await?;
    if id.len() > 64 {
        return Err(ApiError::not_found("audit"));
    }
    let a = app
        .db
        .audit(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("audit"))?;
    Ok(Json(a))
}

/// `GET /api/v1/releases` query.
#[derive(Debug, Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Search words.
    pub q: Option<String>,
    /// Seed category.
    pub category: Option<String>,
    /// License tier of the weights.
    pub tier: Option<String>,
    /// MOF class.
    pub mof_class: Option<String>,
    /// Sort column.
    pub sort: Option<String>,
    /// `asc` or `desc`.
    pub order: Option<String>,
    /// 1-based page (`OFFSET` paging, kept for compatibility; `cursor` is faster on deep
    /// pages). Ignored when `cursor` is given.
    pub page: Option<u32>,
    /// Items per page (at most 200).
    pub per_page: Option<u32>,
    /// The `next` of the previous answer: the page after it, in the same `sort` and `order`
    /// (keyset paging). Opaque; a cursor made for another order is refused with 400.
    pub cursor: Option<String>,
}

impl ListParams {
    pub(crate) fn query(&self) -> ApiResult<ListQuery> {
        if self.q.as_deref().is_some_and(|q| q.len() > 200) {
            return Err(ApiError::bad("q is longer than 200 bytes"));
        }
        let desc = self.order.as_deref() == Some("desc");
        let cursor = match self.cursor.as_deref().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => Some(
                crate::catalog::Cursor::decode(c, self.sort.as_deref(), desc).ok_or_else(|| {
                    ApiError::bad("cursor is malformed or was made for another sort order")
                })?,
            ),
        };
        Ok(ListQuery {
            q: self.q.clone(),
            category: self.category.clone(),
            tier: self.tier.clone(),
            mof_class: self.mof_class.clone(),
            sort: self.sort.clone(),
            desc,
            page: self.page.unwrap_or(1).max(1),
            cursor,
            per_page: self.per_page.unwrap_or(50).clamp(1, 200),
        })
    }
}

/// One page of releases.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReleasePage {
    /// The releases.
    pub items: Vec<ReleaseItem>,
    /// How many match the filters.
    pub total: i64,
    /// The cursor of the next page (pass it as `?cursor=` with the same filters and order);
    /// absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// `GET /api/v1/releases`.
#[utoipa::path(get, path = "/api/v1/releases", params(ListParams),
    responses((status = 200, body = ReleasePage), (status = 400, body = ErrorBody)))]
pub async fn releases(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(params): Query<ListParams>,
) -> ApiResult<Json<ReleasePage>> {
    app.read_access(&headers).await?;
    let listed = app.db.list(&params.query()?).await?;
    Ok(Json(ReleasePage {
        items: listed.items,
        total: listed.total,
        next: listed.next,
    }))
}

/// `?format=` of the report endpoint.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatParam {
    /// A report format (default json).
    pub format: Option<String>,
}

/// The latest report of a release, parsed.
pub(crate) async fn latest(app: &App, release: &str) -> ApiResult<glassbox_core::Report> {
    if !crate::target::release_id_ok(release) {
        return Err(ApiError::not_found("release"));
    }
    let json = app
        .db
        .latest_report(release)
        .await?
        .ok_or_else(|| ApiError::not_found("release"))?;
    glassbox_report::parse_reports(&json)
        .map_err(|e| anyhow::anyhow!("stored report of {release}: {e}"))?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("release"))
}

/// `GET /api/v1/releases/{release}/report?format=…`.
#[utoipa::path(get, path = "/api/v1/releases/{release}/report",
    params(("release" = String, Path, description = "release id"), FormatParam),
    responses((status = 200, description = "the latest report (json is glassbox/report/v1)"),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn report(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(release): Path<String>,
    Query(f): Query<FormatParam>,
) -> ApiResult<Response> {
    app.read_access(&headers).await?;
    let name = f.format.as_deref().unwrap_or("json");
    let format = Format::ALL
        .into_iter()
        .find(|x| x.name() == name && *x != Format::Text)
        .ok_or_else(|| {
            ApiError::bad("format is one of json, html, markdown, sarif, cyclonedx, spdx, mof")
        })?;
    let r = latest(&app, &release).await?;
    let body = glassbox_report::render(std::slice::from_ref(&r), format)
        .map_err(|e| anyhow::anyhow!("render {release}: {e}"))?;
    let ctype = match format {
        Format::Html => "text/html; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Mof => "application/yaml; charset=utf-8",
        Format::Spdx => "application/ld+json",
        _ => "application/json",
    };
    Ok((
        [(header::CONTENT_TYPE, HeaderValue::from_static(ctype))],
        body,
    )
        .into_response())
}

/// One revision in a release's history, with what changed since the one before.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    /// The revision.
    pub revision: String,
    /// Seed category at this revision.
    pub category: String,
    /// License ids.
    pub licenses: Vec<String>,
    /// Seconds since the epoch.
    pub audited_at: i64,
    /// What changed since the previous revision (absent for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

/// Differences between two audited revisions.
#[derive(Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Changes {
    /// `{"from", "to"}` when the category changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<[String; 2]>,
    /// Licenses that appeared.
    pub licenses_added: Vec<String>,
    /// Licenses that went away.
    pub licenses_removed: Vec<String>,
    /// Files added.
    pub files_added: Vec<String>,
    /// Files removed.
    pub files_removed: Vec<String>,
}

fn minus(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

/// The history of a release from its stored revisions, oldest first.
pub(crate) fn history_of(revs: Vec<crate::catalog::Revision>) -> Vec<HistoryEntry> {
    let mut out: Vec<HistoryEntry> = Vec::with_capacity(revs.len());
    let mut prev: Option<crate::catalog::Revision> = None;
    for r in revs {
        let changes = prev.as_ref().map(|p| Changes {
            category: (p.category != r.category).then(|| [p.category.clone(), r.category.clone()]),
            licenses_added: minus(&r.licenses, &p.licenses),
            licenses_removed: minus(&p.licenses, &r.licenses),
            files_added: minus(&r.files, &p.files),
            files_removed: minus(&p.files, &r.files),
        });
        out.push(HistoryEntry {
            revision: r.revision.clone(),
            category: r.category.clone(),
            licenses: r.licenses.clone(),
            audited_at: r.audited_at,
            changes,
        });
        prev = Some(r);
    }
    out
}

/// `GET /api/v1/releases/{release}/history`.
#[utoipa::path(get, path = "/api/v1/releases/{release}/history",
    params(("release" = String, Path, description = "release id")),
    responses((status = 200, body = [HistoryEntry]), (status = 404, body = ErrorBody)))]
pub async fn history(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(release): Path<String>,
) -> ApiResult<Json<Vec<HistoryEntry>>> {
    app.read_access(&headers).await?;
    if !crate::target::release_id_ok(&release) {
        return Err(ApiError::not_found("release"));
    }
    let revs = app.db.revisions(&release).await?;
    if revs.is_empty() {
        return Err(ApiError::not_found("release"));
    }
    Ok(Json(history_of(revs)))
}

/// `POST /api/v1/releases/{release}/refresh`: re-audits when the revision changed.
#[utoipa::path(post, path = "/api/v1/releases/{release}/refresh", security(("bearer" = [])),
    params(("release" = String, Path, description = "release id")),
    responses((status = 202, body = Queued), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn refresh(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(release): Path<String>,
) -> ApiResult<Response> {
    authorize(&app, &headers, true).await?;
    if !crate::target::release_id_ok(&release) {
        return Err(ApiError::not_found("release"));
    }
    let target = app
        .db
        .release_target(&release)
        .await?
        .ok_or_else(|| ApiError::not_found("release"))?;
    let a = crate::queue::enqueue(&app.db, &target, &release, true).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Queued {
            id: a.id,
            status: a.status,
            release: a.release,
        }),
    )
        .into_response())
}

/// `GET /badge/{release}.svg`.
#[utoipa::path(get, path = "/badge/{file}", params(("file" = String, Path, description = "`RELEASE.svg`")),
    responses((status = 200, description = "SVG badge", content_type = "image/svg+xml"), (status = 404, body = ErrorBody)))]
pub async fn badge(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> ApiResult<Response> {
    app.read_access(&headers).await?;
    let release = file
        .strip_suffix(".svg")
        .ok_or_else(|| ApiError::not_found("badge"))?;
    let r = latest(&app, release).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("max-age=300"),
            ),
        ],
        glassbox_report::badge::svg(&r),
    )
        .into_response())
}

/// `GET /healthz`.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "the database answers"), (status = 503, description = "it does not")))]
pub async fn healthz(State(app): State<Arc<App>>) -> Response {
    if app.db.ping().await {
        Json(json!({"status": "ok"})).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "database unavailable"})),
        )
            .into_response()
    }
}

/// The OpenAPI 3.1 document of this API, generated from the handlers and their types.
#[derive(OpenApi)]
#[openapi(
    info(title = "glassbox catalog", description = "Audited AI model releases: open source, open weights, restricted weights or closed, with evidence."),
    paths(submit, audit, releases, report, history, refresh, badge, healthz),
    components(schemas(AuditRequest, Queued, Audit, ReleasePage, ReleaseItem, HistoryEntry, Changes, ErrorBody)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        ApiDoc::openapi().to_pretty_json().unwrap_or_default(),
    )
        .into_response()
}
