//! What the catalog keeps: audits (asked for, with their state), reports (one per release and
//! revision) and the latest summary of each release, which the catalog page lists.

use serde::Serialize;
use sqlx::Row;

use crate::db::{now, on_db, Db};
use crate::summary::Summary;

/// One audit as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Audit {
    /// Its id.
    pub id: String,
    /// The target as submitted.
    pub target: String,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    /// Why it failed, after the last retry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The release's stable id.
    pub release: String,
    /// The audited revision, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
    /// Whether this audit was asked for by a refresh (re-audit when the revision changed).
    #[serde(skip)]
    #[schema(ignore)]
    pub refresh: bool,
}

/// What [`Db::claim`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The audit is this runner's now.
    Taken,
    /// Another live runner holds it.
    Held,
    /// It is done or failed already.
    Finished,
}

/// One release in the catalog list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReleaseItem {
    /// Stable URL-safe id.
    pub release: String,
    /// The target it was audited from.
    pub target: String,
    /// Latest audited revision.
    pub revision: String,
    /// Seed category.
    pub category: String,
    /// MOF class (`Class I`…, or `none`).
    pub mof_class: String,
    /// OSAID outcome (`pass`, `fail`, `unknown`).
    pub osaid: String,
    /// License ids found.
    pub licenses: Vec<String>,
    /// Tier of the weights' license (`P`, `O`, `R`, `NC`, `none`).
    pub tier: String,
    /// Seconds since the epoch.
    pub audited_at: i64,
}

/// One audited revision of a release, for its history.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The revision.
    pub revision: String,
    /// Its summary.
    pub category: String,
    /// License ids.
    pub licenses: Vec<String>,
    /// Files of the release.
    pub files: Vec<String>,
    /// Seconds since the epoch.
    pub audited_at: i64,
}

/// The catalog list's filters, order and page.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Words searched in release, target and licenses.
    pub q: Option<String>,
    /// A seed category.
    pub category: Option<String>,
    /// A license tier.
    pub tier: Option<String>,
    /// A MOF class.
    pub mof_class: Option<String>,
    /// `release`, `category`, `mof_class`, `tier` or `audited_at`.
    pub sort: Option<String>,
    /// Descending order.
    pub desc: bool,
    /// 1-based; ignored when `cursor` is given.
    pub page: u32,
    /// Where the previous page ended (keyset paging).
    pub cursor: Option<Cursor>,
    /// Items per page.
    pub per_page: u32,
}

fn audit_of<R: Row>(r: &R) -> Audit
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Audit {
        id: r.get("id"),
        target: r.get("target"),
        status: r.get("status"),
        error: r.get("error"),
        release: r.get("release"),
        revision: r.get("revision"),
        refresh: r.get::<i64, _>("refresh") != 0,
    }
}

macro_rules! audit_cols {
    () => {
        "id, target, status, error, release, revision, refresh"
    };
}

fn split_licenses(s: String) -> Vec<String> {
    s.split(' ')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

impl Db {
    /// The open (queued or running) or finished audit of a target, newest first, if any that
    /// has not failed.
    pub async fn live_audit(&self, target: &str) -> anyhow::Result<Option<Audit>> {
        const SQL: &str = concat!(
            "SELECT ",
            audit_cols!(),
            " FROM audits WHERE target = $1 AND status <> 'failed' ORDER BY created_at DESC LIMIT 1"
        );
        Ok(on_db!(self, |p| sqlx::query(SQL)
            .bind(target)
            .fetch_optional(p)
            .await?
            .map(|r| audit_of(&r))))
    }

    /// An audit by id.
    pub async fn audit(&self, id: &str) -> anyhow::Result<Option<Audit>> {
        const SQL: &str = concat!("SELECT ", audit_cols!(), " FROM audits WHERE id = $1");
        Ok(on_db!(self, |p| sqlx::query(SQL)
            .bind(id)
            .fetch_optional(p)
            .await?
            .map(|r| audit_of(&r))))
    }

    /// Marks an audit running, done or failed.
    pub async fn set_audit(
        &self,
        id: &str,
        status: &str,
        error: Option<&str>,
        revision: Option<&str>,
    ) -> anyhow::Result<()> {
        on_db!(self, |p| sqlx::query(
            "UPDATE audits SET status = $1, error = $2, revision = COALESCE($3, revision), \
             updated_at = $4 WHERE id = $5"
        )
        .bind(status)
        .bind(error)
        .bind(revision)
        .bind(now())
        .bind(id)
        .execute(p)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Takes an audit for runner `me` until `until`: a queued audit, or a running one whose
    /// lease ran out (its runner died).
    pub async fn claim(&self, id: &str, me: &str, until: i64) -> anyhow::Result<Claim> {
        let t = now();
        let n = on_db!(self, |p| sqlx::query(
            "UPDATE audits SET status = 'running', lease_by = $1, lease_until = $2, \
             updated_at = $3 WHERE id = $4 AND (status = 'queued' OR (status = 'running' \
             AND (lease_until IS NULL OR lease_until < $3)))"
        )
        .bind(me)
        .bind(until)
        .bind(t)
        .bind(id)
        .execute(p)
        .await?
        .rows_affected());
        if n == 1 {
            return Ok(Claim::Taken);
        }
        Ok(match self.audit(id).await? {
            None => Claim::Finished,
            Some(a) if matches!(a.status.as_str(), "done" | "failed") => Claim::Finished,
            Some(_) => Claim::Held,
        })
    }

    /// Extends runner `me`'s lease on an audit.
    pub async fn renew(&self, id: &str, me: &str, until: i64) -> anyhow::Result<()> {
        on_db!(self, |p| sqlx::query(
            "UPDATE audits SET lease_until = $1 WHERE id = $2 AND lease_by = $3 \
             AND status = 'running'"
        )
        .bind(until)
        .bind(id)
        .bind(me)
        .execute(p)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// The report id of a release at a revision, when that revision was audited.
    pub async fn report_at(&self, release: &str, revision: &str) -> anyhow::Result<Option<i64>> {
        Ok(on_db!(self, |p| sqlx::query(
            "SELECT id FROM reports WHERE release = $1 AND revision = $2"
        )
        .bind(release)
        .bind(revision)
        .fetch_optional(p)
        .await?
        .map(|r| r.get::<i64, _>(0))))
    }

    /// Stores a report and makes it the release's latest; a report of the same release and
    /// revision stored meanwhile (another worker) is kept, not duplicated.
    pub async fn store_report(&self, s: &Summary, json: &str) -> anyhow::Result<()> {
        let at = now();
        let licenses = s.licenses.join(" ");
        let files = serde_json::to_string(&s.files)?;
        let search = format!("{} {} {}", s.release, s.target, licenses).to_lowercase();
        on_db!(self, |p| {
            let mut tx = p.begin().await?;
            let id: Option<i64> = sqlx::query(
                "INSERT INTO reports (release, target, revision, category, mof_class, osaid, \
                 licenses, tier, files, audited_at, report) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT (release, revision) DO NOTHING RETURNING id",
            )
            .bind(&s.release)
            .bind(&s.target)
            .bind(&s.revision)
            .bind(&s.category)
            .bind(&s.mof_class)
            .bind(&s.osaid)
            .bind(&licenses)
            .bind(&s.tier)
            .bind(&files)
            .bind(at)
            .bind(json)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.get(0));
            if let Some(id) = id {
                sqlx::query(
                    "INSERT INTO releases (release, target, revision, category, mof_class, \
                     osaid, licenses, tier, audited_at, report_id, search) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     ON CONFLICT (release) DO UPDATE SET target = excluded.target, \
                     revision = excluded.revision, category = excluded.category, \
                     mof_class = excluded.mof_class, osaid = excluded.osaid, \
                     licenses = excluded.licenses, tier = excluded.tier, \
                     audited_at = excluded.audited_at, report_id = excluded.report_id, \
                     search = excluded.search",
                )
                .bind(&s.release)
                .bind(&s.target)
                .bind(&s.revision)
                .bind(&s.category)
                .bind(&s.mof_class)
                .bind(&s.osaid)
                .bind(&licenses)
                .bind(&s.tier)
                .bind(at)
                .bind(id)
                .bind(&search)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The latest report of a release, as stored JSON.
    pub async fn latest_report(&self, release: &str) -> anyhow::Result<Option<String>> {
        Ok(on_db!(self, |p| sqlx::query(
            "SELECT r.report FROM releases l JOIN reports r ON r.id = l.report_id \
             WHERE l.release = $1"
        )
        .bind(release)
        .fetch_optional(p)
        .await?
        .map(|r| r.get::<String, _>(0))))
    }

    /// The target a release was audited from.
    pub async fn release_target(&self, release: &str) -> anyhow::Result<Option<String>> {
        Ok(on_db!(self, |p| sqlx::query(
            "SELECT target FROM releases WHERE release = $1"
        )
        .bind(release)
        .fetch_optional(p)
        .await?
        .map(|r| r.get::<String, _>(0))))
    }

    /// Every release and its target, for a catalog-wide refresh.
    pub async fn all_targets(&self) -> anyhow::Result<Vec<(String, String)>> {
        Ok(on_db!(self, |p| sqlx::query(
            "SELECT release, target FROM releases ORDER BY release"
        )
        .fetch_all(p)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()))
    }

    /// Every audited revision of a release, oldest first.
    pub async fn revisions(&self, release: &str) -> anyhow::Result<Vec<Revision>> {
        let rows: Vec<(String, String, String, String, i64)> = on_db!(self, |p| sqlx::query(
            "SELECT revision, category, licenses, files, audited_at FROM reports \
             WHERE release = $1 ORDER BY id"
        )
        .bind(release)
        .fetch_all(p)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
        .collect());
        Ok(rows
            .into_iter()
            .map(
                |(revision, category, licenses, files, audited_at)| Revision {
                    revision,
                    category,
                    licenses: split_licenses(licenses),
                    files: serde_json::from_str(&files).unwrap_or_default(),
                    audited_at,
                },
            )
            .collect())
    }

    /// One page of the catalog, the number of releases that match, and the cursor of the
    /// page after it.
    pub async fn list(&self, q: &ListQuery) -> anyhow::Result<Listed> {
        let mut conds = Vec::new();
        let mut binds: Vec<Bind> = Vec::new();
        let words: Vec<String> =
            q.q.as_deref()
                .unwrap_or("")
                .split_whitespace()
                .take(8)
                .map(str::to_lowercase)
                .collect();
        // SQLite: words of three characters or more go through the trigram index when it
        // narrows the list down; PostgreSQL's trigram index serves the `LIKE` itself.
        let (indexed, mut scanned): (Vec<&String>, Vec<&String>) = match self {
            Db::Sqlite(_) => words.iter().partition(|w| w.chars().count() >= 3),
            Db::Postgres(_) => (Vec::new(), words.iter().collect()),
        };
        if !indexed.is_empty() {
            let phrase = fts_phrase(&indexed);
            if self.fts_selective(&phrase).await? {
                binds.push(Bind::S(phrase));
                conds.push(format!(
                    "release IN (SELECT release FROM releases_fts WHERE releases_fts MATCH ${})",
                    binds.len()
                ));
            } else {
                scanned.extend(indexed);
            }
        }
        for w in scanned {
            binds.push(Bind::S(format!("%{}%", like_escape(w))));
            conds.push(format!("search LIKE ${} ESCAPE '\\'", binds.len()));
        }
        // PostgreSQL: a search that the trigram index narrows down is answered from it first,
        // then sorted. Left to itself, the planner walks the sort order's index and filters,
        // expecting matches spread evenly, which costs a scan of most of the table when the few
        // matches sit late in that order (or fewer than a page match). `OFFSET 0` keeps the
        // subquery from being folded into the outer query.
        let mut from = "releases".to_string();
        if matches!(self, Db::Postgres(_))
            && !conds.is_empty()
            && self.pg_selective(&conds, &binds).await?
        {
            from = format!(
                "(SELECT * FROM releases WHERE {} OFFSET 0) AS releases",
                conds.join(" AND ")
            );
            conds.clear();
        }
        for (col, v) in [
            ("category", &q.category),
            ("tier", &q.tier),
            ("mof_class", &q.mof_class),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                binds.push(Bind::S(v.to_string()));
                conds.push(format!("{col} = ${}", binds.len()));
            }
        }
        let filter = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        let count_sql = format!("SELECT COUNT(*) FROM {from} {filter}");
        let count_binds = binds.len();
        let col = sort_column(q.sort.as_deref());
        let dir = if q.desc { "DESC" } else { "ASC" };
        let order = if col == "release" {
            format!("release {dir}")
        } else {
            format!("{col} {dir}, release {dir}")
        };
        // Keyset paging: the rows after the cursor's in the list's order, found through the
        // index of the sort column (each ends in the release id), however deep the page.
        let mut offset = (q.page.max(1) as i64 - 1) * q.per_page.clamp(1, 200) as i64;
        if let Some(c) = &q.cursor {
            offset = 0;
            let op = if q.desc { "<" } else { ">" };
            if col == "release" {
                binds.push(Bind::S(c.release.clone()));
                conds.push(format!("release {op} ${}", binds.len()));
            } else {
                binds.push(c.value.clone());
                binds.push(Bind::S(c.release.clone()));
                conds.push(format!(
                    "({col}, release) {op} (${}, ${})",
                    binds.len() - 1,
                    binds.len()
                ));
            }
        }
        let page_filter = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        let per_page = q.per_page.clamp(1, 200) as i64;
        // One row more than the page: whether there is a next page, without counting.
        let list_sql = format!(
            "SELECT release, target, revision, category, mof_class, osaid, licenses, tier, \
             audited_at FROM {from} {page_filter} ORDER BY {order} LIMIT {} OFFSET {offset}",
            per_page + 1
        );
        let (mut items, total) = on_db!(self, |p| {
            // Audited: the SQL is made of fixed text, whitelisted column names and integers;
            // every value from the request is a bind parameter.
            let mut list = sqlx::query(sqlx::AssertSqlSafe(list_sql.as_str()));
            let mut count = sqlx::query(sqlx::AssertSqlSafe(count_sql.as_str()));
            for (i, b) in binds.iter().enumerate() {
                list = match b {
                    Bind::S(s) => list.bind(s),
                    Bind::I(n) => list.bind(n),
                };
                if i < count_binds {
                    count = match b {
                        Bind::S(s) => count.bind(s),
                        Bind::I(n) => count.bind(n),
                    };
                }
            }
            let items: Vec<ReleaseItem> = list
                .fetch_all(p)
                .await?
                .iter()
                .map(|r| ReleaseItem {
                    release: r.get(0),
                    target: r.get(1),
                    revision: r.get(2),
                    category: r.get(3),
                    mof_class: r.get(4),
                    osaid: r.get(5),
                    licenses: split_licenses(r.get(6)),
                    tier: r.get(7),
                    audited_at: r.get(8),
                })
                .collect();
            let total: i64 = count.fetch_one(p).await?.get(0);
            (items, total)
        });
        let next = if items.len() as i64 > per_page {
            items.truncate(per_page as usize);
            items
                .last()
                .map(|last| Cursor::after(last, col, q.desc).encode())
        } else {
            None
        };
        Ok(Listed { items, total, next })
    }

    /// Whether a trigram query matches few enough releases for the index to beat a scan: a
    /// word found in most releases (`apache`) is cheaper to check row by row than to gather
    /// from the index, so it goes to `LIKE` instead. Both give the same rows.
    async fn fts_selective(&self, phrase: &str) -> anyhow::Result<bool> {
        let Db::Sqlite(p) = self else {
            return Ok(false);
        };
        // FTS5 streams matches, so the probe stops at the bound instead of collecting them all.
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) FROM (SELECT 1 FROM releases_fts WHERE releases_fts MATCH $1 \
             LIMIT $2)",
        )
        .bind(phrase)
        .bind(FTS_MAX_MATCHES + 1)
        .fetch_one(p)
        .await?
        .get(0);
        Ok(n <= FTS_MAX_MATCHES)
    }
}

impl Db {
    /// Whether the search conditions `conds` (with their `binds`, numbered from `$1`) match few
    /// enough releases on PostgreSQL for the trigram index to be read first; see
    /// [`Db::fts_selective`] for the bound and why the probe is cheap either way.
    async fn pg_selective(&self, conds: &[String], binds: &[Bind]) -> anyhow::Result<bool> {
        let Db::Postgres(p) = self else {
            return Ok(false);
        };
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM releases WHERE {} LIMIT {}) AS probe",
            conds.join(" AND "),
            FTS_MAX_MATCHES + 1
        );
        // Audited: fixed text and the LIKE conditions built above; values are bound.
        let mut probe = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
        for b in binds {
            probe = match b {
                Bind::S(s) => probe.bind(s),
                Bind::I(n) => probe.bind(n),
            };
        }
        let n: i64 = probe.fetch_one(p).await?.get(0);
        Ok(n <= FTS_MAX_MATCHES)
    }
}

/// Above this many matches a search scans `releases.search` instead of using the trigram index.
const FTS_MAX_MATCHES: i64 = 5_000;

/// A value bound to a list query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Bind {
    S(String),
    I(i64),
}

/// The sort column a list asks for (the release id when none or an unknown one).
fn sort_column(sort: Option<&str>) -> &'static str {
    match sort {
        Some("category") => "category",
        Some("mof_class") => "mof_class",
        Some("tier") => "tier",
        Some("audited_at") => "audited_at",
        _ => "release",
    }
}

/// An FTS5 query for all `words` as literal substrings: each one a quoted string (quotes
/// doubled), so that no FTS5 syntax (`OR`, `NEAR`, `*`, `:`) in a search is interpreted.
fn fts_phrase(words: &[&String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A list's page and what comes with it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The releases of the page.
    pub items: Vec<ReleaseItem>,
    /// How many releases match the filters.
    pub total: i64,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
}

/// Where a page ends: the sort it was made for and its last row's sort value and release id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    sort: String,
    desc: bool,
    value: Bind,
    release: String,
}

impl Cursor {
    fn after(item: &ReleaseItem, col: &str, desc: bool) -> Cursor {
        let value = match col {
            "category" => Bind::S(item.category.clone()),
            "mof_class" => Bind::S(item.mof_class.clone()),
            "tier" => Bind::S(item.tier.clone()),
            "audited_at" => Bind::I(item.audited_at),
            _ => Bind::S(item.release.clone()),
        };
        Cursor {
            sort: col.to_string(),
            desc,
            value,
            release: item.release.clone(),
        }
    }

    /// The cursor as the API hands it out: hex of a small JSON array, so that it is URL-safe
    /// as is and clients treat it as a token rather than something to build.
    pub fn encode(&self) -> String {
        let value = match &self.value {
            Bind::S(s) => serde_json::Value::from(s.as_str()),
            Bind::I(n) => serde_json::Value::from(*n),
        };
        let json = serde_json::json!([self.sort, self.desc, value, self.release]).to_string();
        json.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads a cursor made by [`Cursor::encode`] for the list sorted by `sort` (`desc` when
    /// descending); `None` when it is malformed or was made for another order.
    pub fn decode(s: &str, sort: Option<&str>, desc: bool) -> Option<Cursor> {
        if !s.len().is_multiple_of(2) || s.len() > 2048 {
            return None;
        }
        let bytes = (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        let (c_sort, c_desc, value, release): (String, bool, serde_json::Value, String) =
            serde_json::from_slice(&bytes).ok()?;
        let col = sort_column(sort);
        if c_sort != col || c_desc != desc {
            return None;
        }
        let value = match (col, value) {
            ("audited_at", serde_json::Value::Number(n)) => Bind::I(n.as_i64()?),
            ("audited_at", _) => return None,
            (_, serde_json::Value::String(s)) => Bind::S(s),
            _ => return None,
        };
        Some(Cursor {
            sort: c_sort,
            desc,
            value,
            release,
        })
    }
}

/// `%`, `_` and `\` taken literally in a `LIKE … ESCAPE '\'` pattern.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
