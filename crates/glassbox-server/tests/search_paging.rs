//! The catalog list on a real store (issue 13): search through the trigram index (SQLite FTS5,
//! PostgreSQL `pg_trgm`) finds exactly what `LIKE '%…%'` found, `%` and `_` included, and keyset
//! paging walks every release once in every sort order. On SQLite in a temporary folder, and on
//! PostgreSQL when `GLASSBOX_TEST_POSTGRES` names a server (`.ci/run` starts one).

use glassbox_server::catalog::{Cursor, ListQuery, ReleaseItem};
use glassbox_server::summary::Summary;
use glassbox_server::Db;

/// More releases than the index is used for on a word found in all of them, so that both of
/// SQLite's search paths (index and scan) are taken.
const N: usize = 5_200;

/// One release row as the test writes it, with the text `list` searches.
#[derive(Clone, Debug)]
struct Row {
    release: String,
    target: String,
    category: &'static str,
    mof_class: &'static str,
    tier: &'static str,
    licenses: Vec<&'static str>,
    audited_at: i64,
}

impl Row {
    fn search(&self) -> String {
        format!(
            "{} {} {}",
            self.release,
            self.target,
            self.licenses.join(" ")
        )
        .to_lowercase()
    }

    fn sort_value(&self, col: &str) -> String {
        match col {
            "category" => self.category.into(),
            "mof_class" => self.mof_class.into(),
            "tier" => self.tier.into(),
            // Fixed width, so that text order is number order.
            "audited_at" => format!("{:020}", self.audited_at),
            _ => self.release.clone(),
        }
    }
}

fn rows() -> Vec<Row> {
    const CATS: [&str; 4] = [
        "open-source",
        "open-weights",
        "restricted-weights",
        "closed",
    ];
    const MOF: [&str; 3] = ["Class I", "Class III", "none"];
    const TIERS: [&str; 5] = ["P", "O", "R", "NC", "none"];
    // License text with LIKE's wildcards, FTS5 syntax and non-ASCII letters in it.
    const LICENSES: [&[&str]; 7] = [
        &["Apache-2.0"],
        &["MIT", "LicenseRef-100%_free"],
        &["CC-BY-NC-4.0"],
        &["LicenseRef-a_b"],
        &["LicenseRef-Ünïcode-ÄÖ"],
        &["LicenseRef-\"quoted\"", "LicenseRef-x*y"],
        &["Llama-3.1", "LicenseRef-OR-NEAR"],
    ];
    (0..N)
        .map(|i| Row {
            release: format!("org--m{i}"),
            target: format!("hf:org/m{i}"),
            category: CATS[i % 4],
            mof_class: MOF[i % 3],
            tier: TIERS[i % 5],
            licenses: LICENSES[i % 7].to_vec(),
            // Many ties, so that the release id decides within them.
            audited_at: 1_765_000_000 + (i as i64 * 7919) % 613,
        })
        .collect()
}

async fn sqlite(dir: &std::path::Path) -> Db {
    Db::open(&dir.join("catalog.db").to_string_lossy())
        .await
        .unwrap()
}

/// A fresh database on the test server, or `None` (saying so) without one; on CI a missing
/// server is a failure, not a skip.
async fn postgres(name: &str) -> Option<Db> {
    let url = match std::env::var("GLASSBOX_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{name}: GLASSBOX_TEST_POSTGRES is not set on CI (.ci/run starts PostgreSQL)"
            );
            eprintln!("GLASSBOX_TEST_POSTGRES is not set: skipping {name}");
            return None;
        }
    };
    use sqlx::Executor;
    let admin = sqlx::PgPool::connect(&url).await.unwrap();
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .await
        .unwrap();
    // Byte-order collation, the order the test computes its expectations in (a server whose
    // default is a language's collation would sort `org--m1` and `org--m10` otherwise).
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE {name} TEMPLATE template0 LC_COLLATE 'C'"
        )))
        .await
        .unwrap();
    admin.close().await;
    let (server, _) = url
        .rsplit_once('/')
        .expect("GLASSBOX_TEST_POSTGRES ends in /DATABASE");
    Some(Db::open(&format!("{server}/{name}")).await.unwrap())
}

fn summary(r: &Row, revision: &str) -> Summary {
    Summary {
        release: r.release.clone(),
        target: r.target.clone(),
        revision: revision.into(),
        category: r.category.into(),
        mof_class: r.mof_class.into(),
        osaid: "pass".into(),
        licenses: r.licenses.iter().map(|s| s.to_string()).collect(),
        tier: r.tier.into(),
        files: vec!["README.md".into()],
    }
}

/// Writes the rows: the first ones the way workers do (`store_report`, which the triggers
/// follow on insert and on update), the rest in one bulk transaction straight into `releases`.
async fn fill(db: &Db, rows: &mut [Row]) {
    for r in rows.iter().take(40) {
        db.store_report(&summary(r, "rev1"), "{}").await.unwrap();
    }
    // A release re-audited with other licenses: its old text must no longer be found.
    rows[3].licenses = vec!["LicenseRef-replaced-terms"];
    db.store_report(&summary(&rows[3], "rev2"), "{}")
        .await
        .unwrap();
    let sql = "INSERT INTO releases (release, target, revision, category, mof_class, osaid, \
               licenses, tier, audited_at, report_id, search) \
               VALUES ($1, $2, 'r', $3, $4, 'pass', $5, $6, $7, $8, $9)";
    macro_rules! bulk {
        ($pool:expr) => {{
            let mut tx = $pool.begin().await.unwrap();
            for (i, r) in rows.iter().enumerate().skip(40) {
                sqlx::query(sql)
                    .bind(&r.release)
                    .bind(&r.target)
                    .bind(r.category)
                    .bind(r.mof_class)
                    .bind(r.licenses.join(" "))
                    .bind(r.tier)
                    .bind(r.audited_at)
                    .bind(1_000_000 + i as i64)
                    .bind(r.search())
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
            tx.commit().await.unwrap();
        }};
    }
    match db {
        Db::Sqlite(p) => bulk!(p),
        Db::Postgres(p) => bulk!(p),
    }
    // The store_report rows were written "now": give them the test's times, through an
    // UPDATE (which the index's trigger follows as well).
    for r in rows.iter().take(40) {
        let set = "UPDATE releases SET audited_at = $1 WHERE release = $2";
        match db {
            Db::Sqlite(p) => sqlx::query(set)
                .bind(r.audited_at)
                .bind(&r.release)
                .execute(p)
                .await
                .map(|_| ()),
            Db::Postgres(p) => sqlx::query(set)
                .bind(r.audited_at)
                .bind(&r.release)
                .execute(p)
                .await
                .map(|_| ()),
        }
        .unwrap();
    }
}

/// What the list must hold: the rows whose text has every word of `q` (at most 8, lowercased)
/// as a literal substring, in the list's order.
fn expected<'a>(
    rows: &'a [Row],
    q: &str,
    category: Option<&str>,
    sort: &str,
    desc: bool,
) -> Vec<&'a Row> {
    let words: Vec<String> = q
        .split_whitespace()
        .take(8)
        .map(str::to_lowercase)
        .collect();
    let mut out: Vec<&Row> = rows
        .iter()
        .filter(|r| words.iter().all(|w| r.search().contains(w.as_str())))
        .filter(|r| category.is_none_or(|c| r.category == c))
        .collect();
    out.sort_by(|a, b| (a.sort_value(sort), &a.release).cmp(&(b.sort_value(sort), &b.release)));
    if desc {
        out.reverse();
    }
    out
}

fn query(q: &str, category: Option<&str>, sort: &str, desc: bool, per_page: u32) -> ListQuery {
    ListQuery {
        q: Some(q.into()),
        category: category.map(str::to_string),
        sort: Some(sort.into()),
        desc,
        page: 1,
        per_page,
        ..ListQuery::default()
    }
}

/// Every page from the first by `next` cursors: the releases in the order served, and the
/// totals each page reported.
async fn walk(db: &Db, mut q: ListQuery) -> (Vec<ReleaseItem>, Vec<i64>) {
    let (mut all, mut totals) = (Vec::new(), Vec::new());
    loop {
        let page = db.list(&q).await.unwrap();
        assert!(page.items.len() <= q.per_page as usize);
        all.extend(page.items);
        totals.push(page.total);
        match page.next {
            Some(next) => {
                q.cursor = Some(
                    Cursor::decode(&next, q.sort.as_deref(), q.desc)
                        .expect("a cursor the list made reads back"),
                );
            }
            None => return (all, totals),
        }
        assert!(totals.len() <= N + 1, "the cursor walk does not end");
    }
}

fn names(items: &[ReleaseItem]) -> Vec<&str> {
    items.iter().map(|i| i.release.as_str()).collect()
}

async fn search_and_paging(db: Db) {
    let mut rows = rows();
    fill(&db, &mut rows).await;

    // Searches: selective words (trigram index), short ones (LIKE), words in every release
    // (scan, on SQLite), wildcards and FTS5 syntax taken literally, case folded.
    for q in [
        "m42",
        "M42",
        "m4",
        "m",
        "org--m5199",
        "100%",
        "%",
        "_",
        "a_b",
        "a%b",
        "%_free",
        "apache",
        "APACHE hf:org",
        "hf:org",
        "apache m7",
        "m1 nc-4",
        "ünï",
        "ÜNÏCODE",
        "\"quoted\"",
        "\"",
        "x*y",
        "*",
        "or-near",
        "OR",
        "m1 NEAR",
        "llama-3.1 m2",
        "replaced-terms",
        "cc-by-nc m3",
        "nothing-like-this",
        "a b c d e f g h never-read-as-ninth",
    ] {
        let want = expected(&rows, q, None, "release", false);
        let got = db
            .list(&query(q, None, "release", false, 200))
            .await
            .unwrap();
        assert_eq!(got.total, want.len() as i64, "q={q:?}");
        let want_first: Vec<&str> = want.iter().take(200).map(|r| r.release.as_str()).collect();
        assert_eq!(names(&got.items), want_first, "q={q:?}");
    }
    // The re-audited release is found by its new licenses only.
    let old = db
        .list(&query("org--m3 mit", None, "release", false, 50))
        .await
        .unwrap();
    assert!(
        !names(&old.items).contains(&"org--m3"),
        "{:?}",
        names(&old.items)
    );
    let new = db
        .list(&query("org--m3 replaced", None, "release", false, 50))
        .await
        .unwrap();
    assert_eq!(names(&new.items), ["org--m3"]);

    // Keyset paging: every release exactly once, in order, under every sort and direction;
    // and with a search and a filter on top.
    for sort in ["release", "category", "mof_class", "tier", "audited_at"] {
        for desc in [false, true] {
            let want = expected(&rows, "", None, sort, desc);
            let (got, totals) = walk(&db, query("", None, sort, desc, 200)).await;
            assert_eq!(got.len(), N, "{sort} desc={desc}");
            assert_eq!(
                names(&got),
                want.iter().map(|r| r.release.as_str()).collect::<Vec<_>>(),
                "{sort} desc={desc}"
            );
            assert!(totals.iter().all(|&t| t == N as i64), "{sort}: {totals:?}");
            let mut seen: Vec<&str> = names(&got);
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), N, "{sort} desc={desc}: a release twice");
        }
    }
    for (q, category, sort, desc) in [
        ("m1", Some("closed"), "audited_at", true),
        ("apache", None, "tier", false),
        ("_", Some("open-weights"), "release", true),
    ] {
        let want = expected(&rows, q, category, sort, desc);
        let (got, _) = walk(&db, query(q, category, sort, desc, 7)).await;
        assert_eq!(
            names(&got),
            want.iter().map(|r| r.release.as_str()).collect::<Vec<_>>(),
            "q={q} category={category:?} sort={sort} desc={desc}"
        );
    }

    // `page=` still works and agrees with the cursor's pages.
    let mut by_page = query("", None, "audited_at", false, 50);
    by_page.page = 3;
    let paged = db.list(&by_page).await.unwrap();
    let (walked, _) = walk(&db, query("", None, "audited_at", false, 50)).await;
    assert_eq!(names(&paged.items), names(&walked[100..150]));
    // A cursor is bound to the order it was made for.
    let next = db
        .list(&query("", None, "category", false, 10))
        .await
        .unwrap()
        .next
        .unwrap();
    assert!(Cursor::decode(&next, Some("category"), false).is_some());
    assert!(Cursor::decode(&next, Some("category"), true).is_none());
    assert!(Cursor::decode(&next, Some("tier"), false).is_none());
    assert!(Cursor::decode("zz", Some("category"), false).is_none());
    assert!(Cursor::decode(&next[..next.len() - 2], Some("category"), false).is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_and_paging_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite(dir.path()).await;
    search_and_paging(db.clone()).await;
    // The full-text index holds one row per release, however they were written.
    if let Db::Sqlite(p) = &db {
        let (fts, rel): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM releases_fts), (SELECT COUNT(*) FROM releases)",
        )
        .fetch_one(p)
        .await
        .unwrap();
        assert_eq!((fts, rel), (N as i64, N as i64));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_and_paging_on_postgres() {
    let Some(db) = postgres("glassbox_search_paging").await else {
        return;
    };
    if let Db::Postgres(p) = &db {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'releases_search_trgm'",
        )
        .fetch_one(p)
        .await
        .unwrap();
        assert_eq!(n, 1, "the trigram index of the search");
    }
    search_and_paging(db).await;
}

/// A catalog made before the search index (only the first migration applied, releases in it)
/// gets the index filled from its rows when it is opened by this version.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_index_is_filled_from_an_older_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(opts).await.unwrap();
    let mut first = sqlx::migrate!("./migrations/sqlite");
    first.dangerous_set_table_name("glassbox_migrations");
    first.migrations = first
        .migrations
        .iter()
        .filter(|m| m.version == 20261207000001)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    first.run(&pool).await.unwrap();
    for i in 0..3 {
        sqlx::query(
            "INSERT INTO releases (release, target, revision, category, mof_class, osaid, \
             licenses, tier, audited_at, report_id, search) \
             VALUES ($1, $2, 'r', 'closed', 'none', 'unknown', 'MIT', 'none', 0, $3, $4)",
        )
        .bind(format!("org--old{i}"))
        .bind(format!("hf:org/old{i}"))
        .bind(i)
        .bind(format!("org--old{i} hf:org/old{i} mit"))
        .execute(&pool)
        .await
        .unwrap();
    }
    pool.close().await;

    let db = Db::open(&path.to_string_lossy()).await.unwrap();
    let got = db
        .list(&query("old1", None, "release", false, 50))
        .await
        .unwrap();
    assert_eq!(names(&got.items), ["org--old1"]);
    let all = db
        .list(&query("hf:org/old", None, "release", false, 50))
        .await
        .unwrap();
    assert_eq!(all.total, 3);
}
