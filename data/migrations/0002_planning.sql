-- 0002 planning: saved capital and cash-flow scenarios and the office's
-- shipping-mode defaults, both shared between the founders' desks.

CREATE TABLE scenario (
    id         TEXT PRIMARY KEY NOT NULL,
    hlc        TEXT NOT NULL,
    replica    TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    field_hlc  TEXT NOT NULL DEFAULT '{}',
    name       TEXT NOT NULL,
    body       TEXT NOT NULL,             -- the scenario file (TOML)
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL              -- UTC RFC 3339
) STRICT;
CREATE INDEX scenario_name ON scenario (deleted, name);
CREATE INDEX scenario_updated ON scenario (deleted, updated_at);

-- Editable defaults for the built-in shipping modes (sea, air, express,
-- rail) and any the office adds. Money in minor units of the currency.
CREATE TABLE shipping_mode (
    id                 TEXT PRIMARY KEY NOT NULL,
    hlc                TEXT NOT NULL,
    replica            TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0,
    field_hlc          TEXT NOT NULL DEFAULT '{}',
    name               TEXT NOT NULL,
    transit_days       INTEGER NOT NULL,
    receiving_days     INTEGER NOT NULL,
    cost_per_kg_minor  INTEGER NOT NULL,
    currency           TEXT NOT NULL DEFAULT 'CNY'
) STRICT;
CREATE INDEX shipping_mode_name ON shipping_mode (deleted, name);

INSERT INTO sync_table (name, kind) VALUES
    ('scenario', 'record'),
    ('shipping_mode', 'record');
