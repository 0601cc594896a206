//! The catalog store: SQLite (one file, WAL) or PostgreSQL (a pool), the same tables and
//! queries on both. The job queue's own tables (apalis) live in the same database, so an audit
//! and its job are written in one transaction.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::Row;

/// Runs `$body` with `$pool` bound to the concrete pool of either backend: the queries are
/// written once, in the dialect both accept (`$1` placeholders, `BIGINT` seconds, text).
macro_rules! on_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// A catalog database.
#[derive(Clone, Debug)]
pub enum Db {
    /// An embedded SQLite file.
    Sqlite(SqlitePool),
    /// A PostgreSQL server, shared by servers and workers on many machines.
    Postgres(PgPool),
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Whether a `--database` value names PostgreSQL rather than a SQLite file.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl Db {
    /// Opens (and creates, for SQLite) the database and brings both the queue's and the
    /// catalog's tables up to date.
    pub async fn open(url: &str) -> anyhow::Result<Db> {
        let db = if is_postgres(url) {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect(url)
                .await
                .map_err(|e| anyhow::anyhow!("{}: {e}", redact(url)))?;
            apalis_postgres::PostgresStorage::<()>::migrations()
                .run(&pool)
                .await?;
            Db::Postgres(pool)
        } else {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            // WAL: readers never wait for the writer; `synchronous = NORMAL` loses nothing when
            // the process is killed (only a power cut can cost the last transactions).
            let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(30))
                .foreign_keys(true);
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(opts)
                .await
                .map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
            apalis_sqlite::SqliteStorage::<()>::migrations()
                .run(&pool)
                .await?;
            Db::Sqlite(pool)
        };
        db.migrate().await?;
        Ok(db)
    }

    /// The catalog's own migrations, tracked apart from the queue's so that neither migrator
    /// sees the other's versions as unknown.
    async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Db::Sqlite(p) => {
                let mut m = sqlx::migrate!("./migrations/sqlite");
                m.dangerous_set_table_name("glassbox_migrations");
                m.run(p).await?;
            }
            Db::Postgres(p) => {
                let mut m = sqlx::migrate!("./migrations/postgres");
                m.dangerous_set_table_name("glassbox_migrations");
                m.run(p).await?;
            }
        }
        Ok(())
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        on_db!(self, |p| sqlx::query("SELECT 1").execute(p).await.is_ok())
    }

    /// Whether any write token is stored.
    pub async fn has_token(&self) -> anyhow::Result<bool> {
        let n: i64 = on_db!(self, |p| sqlx::query("SELECT COUNT(*) FROM tokens")
            .fetch_one(p)
            .await?
            .try_get(0)?);
        Ok(n > 0)
    }

    /// Stores the hash of a write token.
    pub async fn add_token(&self, hash: &str) -> anyhow::Result<()> {
        on_db!(self, |p| sqlx::query(
            "INSERT INTO tokens (hash, created_at) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING"
        )
        .bind(hash)
        .bind(now())
        .execute(p)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Whether this token hash is a stored one.
    pub async fn token_known(&self, hash: &str) -> anyhow::Result<bool> {
        let n: i64 = on_db!(self, |p| sqlx::query(
            "SELECT COUNT(*) FROM tokens WHERE hash = $1"
        )
        .bind(hash)
        .fetch_one(p)
        .await?
        .try_get(0)?);
        Ok(n > 0)
    }
}

/// A PostgreSQL URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            super::redact("postgres://u:secret@db:5432/x"),
            "postgres://…@db:5432/x"
        );
        assert_eq!(super::redact("glassbox.db"), "glassbox.db");
    }
}
