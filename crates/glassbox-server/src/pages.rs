//! The HTML pages: the catalog (`/`), a release (`/releases/{release}`), a comparison
//! (`/compare?r=A&r=B`) and the submit form (`/submit`). Server-rendered, no script: sorting,
//! filtering, search and paging are links and GET forms. Every text from a release goes through
//! the report's own HTML escaping; reports and comparisons are the report crate's renderings.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use glassbox_report::escape::html as h;
use serde::Deserialize;

use crate::api::{self, ApiError, ListParams};
use crate::App;

const CSS: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}\
main{max-width:1100px;margin:0 auto;padding:16px}nav.top{background:#24292f;padding:8px 16px}\
nav.top a{color:#fff;margin-right:16px;text-decoration:none;font-weight:600}\
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d1d9e0;padding:4px 8px;text-align:left}\
th a{color:inherit}form.filters{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0}\
.cat{padding:1px 8px;border-radius:10px;color:#fff;white-space:nowrap}.cat-open-source{background:#2da44e}\
.cat-open-weights{background:#0969da}.cat-restricted-weights{background:#bf8700}.cat-closed{background:#cf222e}\
.pages a,.pages span{margin-right:8px}.error{color:#cf222e}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
<style>{CSS}</style>\n</head>\n<body>\n{}<main>\n{body}</main>\n</body>\n</html>\n",
        h(title),
        nav()
    )
}

fn nav() -> &'static str {
    "<nav class=\"top\"><a href=\"/\">glassbox catalog</a><a href=\"/submit\">Submit</a></nav>\n"
}

/// A report crate page (a whole document) with the catalog's navigation and `extra` at the top.
fn wrap(doc: &str, extra: &str) -> String {
    let at = "<body>\n";
    match doc.find(at) {
        Some(i) => format!(
            "{}{}{}{}",
            &doc[..i + at.len()],
            nav(),
            extra,
            &doc[i + at.len()..]
        ),
        None => doc.to_string(),
    }
}

fn html_error(e: ApiError) -> Response {
    let body = page(
        "glassbox",
        &format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            e.0.as_u16(),
            h(&e.1)
        ),
    );
    (e.0, Html(body)).into_response()
}

/// The catalog's query string for a page: its filters, `sort`, the page number (what the page
/// prints; the rows come from `cursor` when there is one).
fn query_string(
    p: &ListParams,
    page: u32,
    sort: Option<(&str, bool)>,
    cursor: Option<&str>,
) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("q", &p.q),
        ("category", &p.category),
        ("tier", &p.tier),
        ("mof_class", &p.mof_class),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s.append_pair(k, v);
        }
    }
    let (col, desc) = sort.unwrap_or((
        p.sort.as_deref().unwrap_or("release"),
        p.order.as_deref() == Some("desc"),
    ));
    s.append_pair("sort", col);
    s.append_pair("order", if desc { "desc" } else { "asc" });
    s.append_pair("page", &page.to_string());
    if let Some(c) = cursor {
        s.append_pair("cursor", c);
    }
    if let Some(n) = p.per_page {
        s.append_pair("per_page", &n.to_string());
    }
    s.finish()
}

fn select(name: &str, label: &str, current: Option<&str>, options: &[&str]) -> String {
    let mut s = format!(
        "<label>{label} <select name=\"{name}\" id=\"f-{name}\"><option value=\"\">any</option>"
    );
    for o in options {
        let sel = if current == Some(o) { " selected" } else { "" };
        let _ = write!(s, "<option value=\"{0}\"{sel}>{0}</option>", h(o));
    }
    s.push_str("</select></label>");
    s
}

/// `GET /`: the catalog.
pub async fn index(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Query<ListParams>,
) -> Response {
    match index_page(&app, &headers, &p).await {
        Ok(html) => Html(html).into_response(),
        Err(e) => html_error(e),
    }
}

async fn index_page(app: &App, headers: &HeaderMap, p: &ListParams) -> Result<String, ApiError> {
    app.read_access(headers).await?;
    let q = p.query()?;
    let crate::catalog::Listed { items, total, next } = app.db.list(&q).await?;
    let mut b =
        String::from("<h1>Catalog</h1>\n<form class=\"filters\" method=\"get\" action=\"/\">");
    let _ = write!(
        b,
        "<input type=\"search\" name=\"q\" id=\"q\" placeholder=\"search releases and licenses\" value=\"{}\" maxlength=\"200\">",
        h(p.q.as_deref().unwrap_or(""))
    );
    b.push_str(&select(
        "category",
        "Category",
        p.category.as_deref(),
        &[
            "open-source",
            "open-weights",
            "restricted-weights",
            "closed",
        ],
    ));
    b.push_str(&select(
        "tier",
        "License tier",
        p.tier.as_deref(),
        &["P", "O", "R", "NC", "none"],
    ));
    b.push_str(&select(
        "mof_class",
        "MOF",
        p.mof_class.as_deref(),
        &["Class I", "Class II", "Class III", "none"],
    ));
    b.push_str("<button type=\"submit\" id=\"apply\">Apply</button></form>\n");
    let _ = writeln!(
        b,
        "<p id=\"total\">{total} release{}</p>",
        if total == 1 { "" } else { "s" }
    );
    b.push_str("<form method=\"get\" action=\"/compare\" id=\"compare-form\">\n<table id=\"releases\"><thead><tr><th>Compare</th>");
    let cur = q.sort.as_deref().unwrap_or("release");
    for (col, label) in [
        ("release", "Release"),
        ("category", "Category"),
        ("mof_class", "MOF"),
        ("tier", "License tier"),
        ("audited_at", "Audited"),
    ] {
        let desc = col == cur && !q.desc;
        let arrow = match (col == cur, q.desc) {
            (true, false) => " ▲",
            (true, true) => " ▼",
            _ => "",
        };
        let _ = write!(
            b,
            "<th><a id=\"sort-{col}\" href=\"/?{}\">{label}{arrow}</a></th>",
            h(&query_string(p, 1, Some((col, desc)), None))
        );
    }
    b.push_str("<th>OSAID</th><th>Licenses</th></tr></thead>\n<tbody>\n");
    for it in &items {
        let _ = writeln!(
            b,
            "<tr><td><input type=\"checkbox\" name=\"r\" value=\"{r}\"></td><td><a class=\"release\" href=\"/releases/{r}\">{r}</a><br><small>{t}</small></td>\
<td><span class=\"cat cat-{c}\">{c}</span></td><td>{m}</td><td>{tier}</td><td>{at}</td><td>{o}</td><td>{l}</td></tr>",
            r = h(&it.release),
            t = h(&it.target),
            c = h(&it.category),
            m = h(&it.mof_class),
            tier = h(&it.tier),
            at = date(it.audited_at),
            o = h(&it.osaid),
            l = h(&it.licenses.join(", ")),
        );
    }
    b.push_str("</tbody></table>\n<p><button type=\"submit\" id=\"compare\">Compare selected</button></p></form>\n");
    let pages = ((total.max(1) - 1) / q.per_page as i64 + 1) as u32;
    b.push_str("<p class=\"pages\">");
    if q.page > 1 {
        let _ = write!(
            b,
            "<a id=\"prev\" href=\"/?{}\">previous</a>",
            h(&query_string(p, q.page - 1, None, None))
        );
    }
    let _ = write!(b, "<span>page {} of {pages}</span>", q.page);
    // "next" follows the cursor (keyset paging, as fast on page 2,000 as on page 2);
    // "previous" goes by page number, which the cursor pages carry along for this.
    if let Some(next) = next.as_deref() {
        let _ = write!(
            b,
            "<a id=\"next\" href=\"/?{}\">next</a>",
            h(&query_string(p, q.page.saturating_add(1), None, Some(next)))
        );
    }
    b.push_str("</p>\n");
    Ok(page("glassbox catalog", &b))
}

/// A date from seconds since the epoch (UTC, `YYYY-MM-DD HH:MM`).
fn date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// `GET /releases/{release}`: the report, with the badge and the history above it.
pub async fn release(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(release): Path<String>,
) -> Response {
    let r = async {
        app.read_access(&headers).await?;
        let report = api::latest(&app, &release).await?;
        let history = api::history_of(app.db.revisions(&release).await?);
        let mut extra = String::from("<section id=\"catalog\" style=\"max-width:1100px;margin:0 auto;padding:16px\">");
        // Inline SVG: the report page's own policy allows images from data: only.
        extra.push_str(&glassbox_report::badge::svg(&report));
        let enc = h(&release);
        let _ = write!(
            extra,
            "<p>Report as <a href=\"/api/v1/releases/{enc}/report?format=json\">JSON</a>, \
<a href=\"/api/v1/releases/{enc}/report?format=markdown\">Markdown</a>, \
<a href=\"/api/v1/releases/{enc}/report?format=sarif\">SARIF</a>, \
<a href=\"/api/v1/releases/{enc}/report?format=cyclonedx\">CycloneDX</a>, \
<a href=\"/api/v1/releases/{enc}/report?format=spdx\">SPDX</a>, \
<a href=\"/api/v1/releases/{enc}/report?format=mof\">MOF</a>. Badge: <code>/badge/{enc}.svg</code></p>"
        );
        extra.push_str("<h2>History</h2><table id=\"history\"><thead><tr><th>Revision</th><th>Audited</th><th>Category</th><th>Changes</th></tr></thead><tbody>");
        for e in history.iter().rev() {
            let changes = e.changes.as_ref().map_or("first audit".to_string(), |c| {
                let mut parts = Vec::new();
                if let Some([a, b]) = &c.category {
                    parts.push(format!("category {a} → {b}"));
                }
                for (what, list) in [
                    ("license added", &c.licenses_added),
                    ("license removed", &c.licenses_removed),
                    ("file added", &c.files_added),
                    ("file removed", &c.files_removed),
                ] {
                    if !list.is_empty() {
                        parts.push(format!("{what}: {}", list.join(", ")));
                    }
                }
                if parts.is_empty() {
                    "no change".into()
                } else {
                    parts.join("; ")
                }
            });
            let _ = write!(
                extra,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                h(&e.revision),
                date(e.audited_at),
                h(&e.category),
                h(&changes)
            );
        }
        extra.push_str("</tbody></table></section>\n");
        Ok::<_, ApiError>(wrap(&glassbox_report::html::render(&report), &extra))
    }
    .await;
    match r {
        Ok(html) => Html(html).into_response(),
        Err(e) => html_error(e),
    }
}

/// `GET /compare?r=A&r=B…`: the CLI's side-by-side comparison.
pub async fn compare(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let r = async {
        app.read_access(&headers).await?;
        let names: Vec<String> = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
            .filter(|(k, _)| k == "r")
            .map(|(_, v)| v.into_owned())
            .take(16)
            .collect();
        if names.len() < 2 {
            return Err(ApiError::bad(
                "choose at least two releases to compare (?r=A&r=B)",
            ));
        }
        let mut reports = Vec::with_capacity(names.len());
        for n in &names {
            reports.push(api::latest(&app, n).await?);
        }
        let doc = glassbox_report::render(&reports, glassbox_report::Format::Html)
            .map_err(|e| anyhow::anyhow!("compare: {e}"))?;
        Ok(wrap(&doc, ""))
    }
    .await;
    match r {
        Ok(html) => Html(html).into_response(),
        Err(e) => html_error(e),
    }
}

/// `GET /submit`: the form.
pub async fn submit_form() -> Html<String> {
    Html(page("Submit a release", &form("", "")))
}

fn form(target: &str, message: &str) -> String {
    format!(
        "<h1>Submit a release</h1>\n{message}<form method=\"post\" action=\"/submit\" id=\"submit-form\">\
<p><label>Target <input name=\"target\" id=\"target\" size=\"60\" maxlength=\"512\" required \
placeholder=\"hf:ORG/NAME[@REV] or https://host/org/repo.git\" value=\"{}\"></label></p>\
<p><label>Token <input type=\"password\" name=\"token\" id=\"token\" size=\"60\" maxlength=\"256\" required autocomplete=\"off\"></label></p>\
<p><button type=\"submit\" id=\"send\">Audit</button></p></form>\n",
        h(target)
    )
}

/// The submit form's fields.
#[derive(Debug, Deserialize)]
pub struct SubmitForm {
    /// The target.
    pub target: String,
    /// The write token (a form cannot send a header).
    pub token: String,
}

/// `POST /submit`: queues the target with the token typed in the form.
pub async fn submit(State(app): State<Arc<App>>, Form(f): Form<SubmitForm>) -> Response {
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!("Bearer {}", f.token.trim())) {
        headers.insert(header::AUTHORIZATION, v);
    }
    let r = async {
        api::authorize(&app, &headers, true).await?;
        api::submit_target(&app, &f.target).await
    }
    .await;
    match r {
        Ok((audit, _)) => {
            let body = format!(
                "<h1>Audit {}</h1><p id=\"result\">{} is <strong id=\"status\">{}</strong>.</p>\
<p>Its status: <a href=\"/api/v1/audits/{id}\">/api/v1/audits/{id}</a>. \
When done, the release is at <a id=\"release-link\" href=\"/releases/{rel}\">/releases/{rel}</a>.</p>",
                h(&audit.id),
                h(&audit.target),
                h(&audit.status),
                id = h(&audit.id),
                rel = h(&audit.release),
            );
            (StatusCode::ACCEPTED, Html(page("Audit queued", &body))).into_response()
        }
        Err(e) => {
            let msg = format!("<p class=\"error\" id=\"error\">{}</p>", h(&e.1));
            (e.0, Html(page("Submit a release", &form(&f.target, &msg)))).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_utc() {
        assert_eq!(super::date(0), "1970-01-01 00:00");
        assert_eq!(super::date(1_765_000_000), "2025-12-06 05:46");
    }

    #[test]
    fn catalog_navigation_goes_after_the_body_tag() {
        let w = super::wrap("<html><body>\n<main>x</main></body></html>", "<p>e</p>");
        assert!(w.contains("<body>\n<nav class=\"top\">"));
        assert!(w.contains("<p>e</p><main>x"));
    }
}
