-- 0005 office safety: what a real office needs once several desks edit
-- the same records (issue 8).

-- Two colleagues may share a name: a note tells them apart.
ALTER TABLE person ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- How a column of a synced table merges, when not by the plain rule (the
-- newer field clock wins, a different losing value is a conflict):
--  * 'derived': computed from the other fields (updated_at); the newer
--    clock wins and a losing value is never a conflict.
--  * 'toml': a TOML document merged key by key. Its companion column
--    <col>_hlc (JSON: key path -> HLC) travels with it and holds each
--    key's clock; two desks changing different keys both keep their edit.
-- Local: every desk reads the same rows from the same migrations.
CREATE TABLE sync_column (
    tbl   TEXT NOT NULL,
    col   TEXT NOT NULL,
    merge TEXT NOT NULL CHECK (merge IN ('derived', 'toml')),
    PRIMARY KEY (tbl, col)
) STRICT;

-- Key clocks of the scenario file; rows saved before this migration have
-- none, so each key counts as written when the body was.
ALTER TABLE scenario ADD COLUMN body_hlc TEXT NOT NULL DEFAULT '{}';

INSERT INTO sync_column (tbl, col, merge) VALUES
    ('scenario', 'updated_at', 'derived'),
    ('scenario', 'body', 'toml');

-- Columns of synced tables that hold the id of a row of another synced
-- table, so that merging two records with the same name ("keep one")
-- can point every reference at the one kept. Local, like sync_table.
CREATE TABLE sync_reference (
    tbl    TEXT NOT NULL,
    col    TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (tbl, col)
) STRICT;

-- Bundles refused because their clock is too far ahead of this desk's:
-- kept to be retried every round and named on the Sync screen.
CREATE TABLE sync_refused (
    file_sha256  TEXT PRIMARY KEY NOT NULL,
    file         TEXT NOT NULL,
    replica      TEXT NOT NULL,
    replica_name TEXT NOT NULL,
    reason       TEXT NOT NULL,           -- 'clock_ahead'
    clock        TEXT NOT NULL,           -- the offending clock (UTC RFC 3339)
    refused_at   TEXT NOT NULL
) STRICT;


-- The audit log as a paged list (data/audit_list.go): one index per sort,
-- and per sort under the person filter (the entity sort doubles as the
-- time sort under the entity filter). Each ends with the rowid, the
-- tie-breaker of keyset pages.
CREATE INDEX audit_log_at ON audit_log (deleted, at);
CREATE INDEX audit_log_actor_at ON audit_log (deleted, actor_id, at);
CREATE INDEX audit_log_entity_at ON audit_log (deleted, entity, at);
CREATE INDEX audit_log_actor_name_at ON audit_log (deleted, actor_name, at);
