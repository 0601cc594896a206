-- The catalog: audits asked for, reports kept per (release, revision), the latest per release.
CREATE TABLE audits (
    id TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    release TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    revision TEXT,
    refresh BIGINT NOT NULL DEFAULT 0,
    -- The runner holding the audit and until when (seconds): a job delivered twice (a worker
    -- thought dead) waits for the holder instead of auditing again.
    lease_by TEXT,
    lease_until BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- One open audit per target: a second request for it finds the first.
CREATE UNIQUE INDEX audits_open_target ON audits (target) WHERE status IN ('queued', 'running');
CREATE INDEX audits_target ON audits (target, created_at);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    release TEXT NOT NULL,
    target TEXT NOT NULL,
    revision TEXT NOT NULL,
    category TEXT NOT NULL,
    mof_class TEXT NOT NULL,
    osaid TEXT NOT NULL,
    licenses TEXT NOT NULL,
    tier TEXT NOT NULL,
    files TEXT NOT NULL,
    audited_at BIGINT NOT NULL,
    report TEXT NOT NULL,
    UNIQUE (release, revision)
);
CREATE INDEX reports_release ON reports (release, id);

CREATE TABLE releases (
    release TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    revision TEXT NOT NULL,
    category TEXT NOT NULL,
    mof_class TEXT NOT NULL,
    osaid TEXT NOT NULL,
    licenses TEXT NOT NULL,
    tier TEXT NOT NULL,
    audited_at BIGINT NOT NULL,
    report_id BIGINT NOT NULL,
    search TEXT NOT NULL
);
-- Filters and sorts of the catalog page, each ending in the primary key for keyset paging.
CREATE INDEX releases_category ON releases (category, release);
CREATE INDEX releases_tier ON releases (tier, release);
CREATE INDEX releases_mof ON releases (mof_class, release);
CREATE INDEX releases_audited ON releases (audited_at, release);

CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);
