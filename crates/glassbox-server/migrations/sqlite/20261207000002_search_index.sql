-- The catalog search as a trigram full-text index (FTS5): a word of three characters or more is
-- found through the index instead of a `LIKE '%…%'` scan of every release, with the same
-- substring semantics. Shorter words still use `LIKE` on `releases.search`.
--
-- The index's rowid is the release's `report_id` (unique per release and stored, unlike the
-- implicit rowid of `releases`, which VACUUM may renumber); `release` is kept unindexed to join
-- back. Triggers keep it in step with every write to `releases`, in the same transaction.
CREATE VIRTUAL TABLE releases_fts USING fts5(release UNINDEXED, search, tokenize = 'trigram');

INSERT INTO releases_fts (rowid, release, search) SELECT report_id, release, search FROM releases;

CREATE TRIGGER releases_fts_insert AFTER INSERT ON releases BEGIN
    INSERT INTO releases_fts (rowid, release, search)
    VALUES (new.report_id, new.release, new.search);
END;

CREATE TRIGGER releases_fts_update AFTER UPDATE ON releases BEGIN
    DELETE FROM releases_fts WHERE rowid = old.report_id;
    INSERT INTO releases_fts (rowid, release, search)
    VALUES (new.report_id, new.release, new.search);
END;

CREATE TRIGGER releases_fts_delete AFTER DELETE ON releases BEGIN
    DELETE FROM releases_fts WHERE rowid = old.report_id;
END;
