-- 0001 foundation: identity, team, audit log, local settings, sync bookkeeping.
--
-- Conventions (see DESIGN.md):
--  * Every synced table has id (UUIDv7), hlc, replica, deleted and field_hlc
--    (JSON object: column -> HLC of its last change) and is listed in
--    sync_table. kind 'record' rows merge field by field; kind 'append' rows
--    are written once and merge as a union.
--  * Synced tables carry no foreign keys and no CHECKs on enumerations:
--    rows may arrive from other desks in any order and from newer versions.
--  * Local-only tables (settings, sync bookkeeping) never travel.

CREATE TABLE local_setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE sync_table (
    name TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('record', 'append'))
) STRICT;

-- One row per synced row changed here (locally or by a merge); seq grows
-- with every change, so an export sends the rows with seq above the last
-- one sent to that target.
CREATE TABLE sync_change (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    UNIQUE (tbl, row_id)
) STRICT;

CREATE TABLE replica (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    name      TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    name      TEXT NOT NULL,
    role      TEXT NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX person_name ON person (deleted, name);

CREATE TABLE audit_log (
    id         TEXT PRIMARY KEY NOT NULL,
    hlc        TEXT NOT NULL,
    replica    TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    field_hlc  TEXT NOT NULL DEFAULT '{}',
    at         TEXT NOT NULL,            -- UTC RFC 3339 with milliseconds
    actor_id   TEXT NOT NULL DEFAULT '',
    actor_name TEXT NOT NULL DEFAULT '',
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    action     TEXT NOT NULL,
    changes    TEXT NOT NULL DEFAULT '[]' -- JSON [{field, old, new}]
) STRICT;
CREATE INDEX audit_log_hlc ON audit_log (hlc);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

INSERT INTO sync_table (name, kind) VALUES
    ('replica', 'record'),
    ('person', 'record'),
    ('audit_log', 'append');
