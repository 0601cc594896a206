-- The catalog search through a trigram index (pg_trgm, GIN): `search LIKE '%…%'` with a word of
-- three characters or more is answered from the index instead of a scan of every release; the
-- query and its semantics do not change.
--
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (13+), so a database owner
-- may create it. Where it cannot be created (an old server, a locked-down role) the catalog still
-- works, searching by scan: the migration warns instead of failing.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX releases_search_trgm ON releases USING gin (search gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'glassbox: no trigram index for the catalog search (%); searches scan the releases table', SQLERRM;
END
$$;
