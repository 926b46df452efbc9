-- 0003 sync: local bookkeeping for office sync by bundle files (data/sync).
--
-- Every table here but sync_conflict is local to this desk: not listed in
-- sync_table, it never travels. Synced tables keep the conventions of 0001.
-- A column of a synced table whose name starts with "local_" is local too:
-- sync neither sends nor overwrites it.

-- What was last exported to each target (an output path or a --target
-- name, or "folder:<path>" for the shared folder): the highest
-- sync_change.seq sent, so the next export sends only what changed after.
CREATE TABLE sync_target (
    name        TEXT PRIMARY KEY NOT NULL,
    seq         INTEGER NOT NULL,
    exported_at TEXT NOT NULL,            -- UTC RFC 3339
    rows        INTEGER NOT NULL DEFAULT 0,
    file        TEXT NOT NULL DEFAULT ''
) STRICT;

-- Bundles merged here, by the SHA-256 of the file and of its content, so
-- that importing the same bundle again is skipped quickly. Written in the
-- same transaction as the merge, so a restored backup forgets them too.
CREATE TABLE sync_bundle (
    file_sha256    TEXT PRIMARY KEY NOT NULL,
    content_sha256 TEXT NOT NULL,
    bundle_id      TEXT NOT NULL,
    replica        TEXT NOT NULL,
    replica_name   TEXT NOT NULL,
    created        TEXT NOT NULL,         -- when the bundle was written (UTC RFC 3339)
    hlc_max        TEXT NOT NULL,
    rows           INTEGER NOT NULL,
    changed        INTEGER NOT NULL,
    imported_at    TEXT NOT NULL,
    file           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sync_bundle_content ON sync_bundle (content_sha256);

-- Other desks whose bundles were imported here.
CREATE TABLE sync_peer (
    replica        TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    app_version    TEXT NOT NULL DEFAULT '',
    last_bundle_at TEXT NOT NULL,         -- when its newest imported bundle was written
    last_import_at TEXT NOT NULL,
    hlc_max        TEXT NOT NULL DEFAULT '',
    bundles        INTEGER NOT NULL DEFAULT 0,
    rows           INTEGER NOT NULL DEFAULT 0, -- rows in the last bundle
    changed        INTEGER NOT NULL DEFAULT 0  -- rows the last bundle changed here
) STRICT;

-- Exports and imports done here, newest last, for the Sync screen.
CREATE TABLE sync_log (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,                -- 'export' or 'import'
    file    TEXT NOT NULL DEFAULT '',
    replica TEXT NOT NULL DEFAULT '',     -- the other desk (imports)
    rows    INTEGER NOT NULL DEFAULT 0,
    counts  TEXT NOT NULL DEFAULT '{}'    -- JSON: table -> {inserted, updated, deleted, conflicts}
) STRICT;

-- Values that lost a merge, kept so that nothing is lost silently. This
-- table is synced (an append table): a desk that sees a value lose records
-- it, and every desk learns it, so each can see every value it held that
-- was overwritten. The id is derived from (tbl, row_id, field, hlc), so two
-- desks that notice the same loss record the same row. hlc is the clock
-- of the losing value (who wrote it, when); value is that value as typed
-- JSON. Field "deleted": value 1 is a deletion that did not hold (an edit
-- made without seeing it brought the record back); value 0 means edits
-- (up to hlc) that a deletion made without seeing them now hides.
CREATE TABLE sync_conflict (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    tbl       TEXT NOT NULL,
    row_id    TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL
) STRICT;
CREATE INDEX sync_conflict_row ON sync_conflict (tbl, row_id);

INSERT INTO sync_table (name, kind) VALUES ('sync_conflict', 'append');

-- What this desk decided about a conflict: 'kept' (dismissed, the winner
-- stays) or 'restored' (the losing value was written again). Local: each
-- person reviews the list on their own desk.
CREATE TABLE sync_conflict_status (
    id          TEXT PRIMARY KEY NOT NULL,
    status      TEXT NOT NULL,
    resolved_at TEXT NOT NULL
) STRICT;
