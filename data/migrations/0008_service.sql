-- 0008 service: after-sales cases with their timelines, reply templates,
-- the office's SLA targets and calendar, and the orders the office ships
-- to buyers itself (follow-ups). Every table here travels with sync, by
-- the conventions of 0001; the search index and the SLA columns named
-- local_* are derived on each desk and never travel.

-- A buyer's problem from the first message to the solution. Statuses,
-- types and the other choices are the keys of package app (case.go,
-- sla.go). Instants are UTC RFC 3339 with milliseconds.
CREATE TABLE service_case (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    type        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    customer    TEXT NOT NULL DEFAULT '',
    contact     TEXT NOT NULL DEFAULT '',
    marketplace TEXT NOT NULL DEFAULT '',
    order_id    TEXT NOT NULL DEFAULT '',
    sku         TEXT NOT NULL DEFAULT '',
    tracking    TEXT NOT NULL DEFAULT '',
    carrier     TEXT NOT NULL DEFAULT '',
    priority    TEXT NOT NULL DEFAULT 'normal',
    owner_id    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    root_cause  TEXT NOT NULL DEFAULT '',
    resolution  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,          -- when the buyer came: starts the SLA clocks
    updated_at  TEXT NOT NULL,          -- derived: the last change here
    -- The SLA standing, derived on this desk from the row, its timeline and
    -- the office's targets and calendar (data/case_sla.go). A change to
    -- any of those (a local edit or a merge, through the triggers below)
    -- sets local_sla_stale; the next read brings the row up to date.
    -- Times are Unix milliseconds, 0 for none.
    local_sla_stale     INTEGER NOT NULL DEFAULT 1,
    local_sla_kind      TEXT NOT NULL DEFAULT '',   -- running, paused, met, none
    local_sla_due       INTEGER NOT NULL DEFAULT 0, -- running: the earliest due clock
    local_sla_rank      INTEGER NOT NULL DEFAULT 0, -- most urgent first (sort key)
    local_first_at      INTEGER NOT NULL DEFAULT 0, -- first answer to the buyer
    local_first_due     INTEGER NOT NULL DEFAULT 0, -- when the first answer was due
    local_first_minutes INTEGER NOT NULL DEFAULT 0, -- counted minutes to the first answer
    local_resolved_at   INTEGER NOT NULL DEFAULT 0
) STRICT;
-- One index per sort of the case list, alone and under the filters used
-- most (status, owner, type).
CREATE INDEX service_case_created ON service_case (deleted, created_at);
CREATE INDEX service_case_updated ON service_case (deleted, updated_at);
CREATE INDEX service_case_customer ON service_case (deleted, customer COLLATE NOCASE, created_at);
CREATE INDEX service_case_status ON service_case (deleted, status, created_at);
CREATE INDEX service_case_owner ON service_case (deleted, owner_id, created_at);
CREATE INDEX service_case_type ON service_case (deleted, type, created_at);
CREATE INDEX service_case_sla ON service_case (deleted, local_sla_rank);
CREATE INDEX service_case_sla_kind ON service_case (deleted, local_sla_kind, local_sla_due);
CREATE INDEX service_case_status_sla ON service_case (deleted, status, local_sla_rank);
CREATE INDEX service_case_owner_sla ON service_case (deleted, owner_id, local_sla_rank);
CREATE INDEX service_case_sku ON service_case (deleted, sku, created_at);
CREATE INDEX service_case_order ON service_case (order_id) WHERE order_id <> '';
CREATE INDEX service_case_stale ON service_case (local_sla_stale) WHERE local_sla_stale = 1;

-- The case timeline: messages, calls, notes, status and owner changes,
-- actions, promised call-backs. Append-only: an entry is never changed
-- or removed (the triggers refuse it), so timelines merge as a union.
CREATE TABLE case_entry (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    case_id     TEXT NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    actor_id    TEXT NOT NULL DEFAULT '',
    actor_name  TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    from_value  TEXT NOT NULL DEFAULT '',
    to_value    TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL DEFAULT '',
    due_at      TEXT NOT NULL DEFAULT '',
    ref         TEXT NOT NULL DEFAULT '',
    template_id TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT '',
    attachments TEXT NOT NULL DEFAULT '[]'  -- JSON array of attachment ids
) STRICT;
CREATE INDEX case_entry_case ON case_entry (case_id, at);
CREATE INDEX case_entry_callback ON case_entry (case_id) WHERE kind = 'callback';
CREATE INDEX case_entry_ref ON case_entry (ref) WHERE ref <> '';

CREATE TRIGGER case_entry_no_update BEFORE UPDATE OF case_id, at, kind, actor_id, actor_name, body, from_value,
    to_value, action, due_at, ref, template_id, lang, attachments, deleted ON case_entry
BEGIN
    SELECT RAISE(ABORT, 'case timeline entries are never changed: add a new entry');
END;
CREATE TRIGGER case_entry_no_delete BEFORE DELETE ON case_entry
BEGIN
    SELECT RAISE(ABORT, 'case timeline entries are never removed');
END;

-- Replies: the office's templates and its edits of the built-in ones
-- (app.BuiltinReplies). A built-in's row and text rows have ids derived
-- from its key, so the same built-in edited on two desks is one record.
CREATE TABLE reply_template (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    builtin   TEXT NOT NULL DEFAULT '',  -- key of the built-in it edits
    name      TEXT NOT NULL DEFAULT '',  -- '' keeps a built-in's own name
    case_type TEXT NOT NULL DEFAULT '',
    hidden    INTEGER NOT NULL DEFAULT 0 -- a built-in the office hid
) STRICT;
CREATE INDEX reply_template_name ON reply_template (deleted, name);

-- One text of a template in one language, id derived from both, so two
-- desks writing the German text of one template edit one record.
CREATE TABLE reply_text (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    template_id TEXT NOT NULL,
    lang        TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT ''  -- '' removes a built-in's text
) STRICT;
CREATE INDEX reply_text_template ON reply_text (template_id);

-- The office's SLA targets, one row per channel whose defaults were
-- changed (id derived from the channel). Minutes 0: no target.
CREATE TABLE sla_target (
    id                 TEXT PRIMARY KEY NOT NULL,
    hlc                TEXT NOT NULL,
    replica            TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0,
    field_hlc          TEXT NOT NULL DEFAULT '{}',
    channel            TEXT NOT NULL,
    first_minutes      INTEGER NOT NULL,
    first_basis        TEXT NOT NULL,       -- 'office' or 'calendar'
    resolution_minutes INTEGER NOT NULL,
    resolution_basis   TEXT NOT NULL
) STRICT;

-- The office's working calendar (app.Office): one row, id derived from
-- its name. Workdays are weekday numbers (0 Sunday .. 6 Saturday) joined
-- by commas; '' means none, as edited.
CREATE TABLE office_calendar (
    id           TEXT PRIMARY KEY NOT NULL,
    hlc          TEXT NOT NULL,
    replica      TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    field_hlc    TEXT NOT NULL DEFAULT '{}',
    zone         TEXT NOT NULL,
    workdays     TEXT NOT NULL,
    open_minute  INTEGER NOT NULL,
    close_minute INTEGER NOT NULL
) STRICT;

-- The calendar's exceptions: public holidays and make-up working days
-- (调休), one row per day (id derived from the day), so holidays added on
-- two desks are all kept.
CREATE TABLE office_day (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    day       TEXT NOT NULL,               -- YYYY-MM-DD
    kind      TEXT NOT NULL,               -- 'holiday' or 'workday'
    note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX office_day_day ON office_day (deleted, day);

-- Service settings of the office: one row, id derived from its name.
CREATE TABLE service_setting (
    id                TEXT PRIMARY KEY NOT NULL,
    hlc               TEXT NOT NULL,
    replica           TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0,
    field_hlc         TEXT NOT NULL DEFAULT '{}',
    due_soon_minutes  INTEGER NOT NULL,
    carrier_wait_days INTEGER NOT NULL
) STRICT;

-- Orders the office ships to buyers itself (reships and replacements for
-- cases, self-fulfilled and cash-on-delivery orders): the follow-up lists
-- (tracking number to send, COD buyer to call) come from them.
CREATE TABLE service_order (
    id               TEXT PRIMARY KEY NOT NULL,
    hlc              TEXT NOT NULL,
    replica          TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0,
    field_hlc        TEXT NOT NULL DEFAULT '{}',
    case_id          TEXT NOT NULL DEFAULT '',
    order_id         TEXT NOT NULL DEFAULT '',
    marketplace      TEXT NOT NULL DEFAULT '',
    customer         TEXT NOT NULL DEFAULT '',
    contact          TEXT NOT NULL DEFAULT '',
    sku              TEXT NOT NULL,
    quantity         INTEGER NOT NULL DEFAULT 1,
    cod              INTEGER NOT NULL DEFAULT 0,
    shipped_at       TEXT NOT NULL DEFAULT '',
    tracking         TEXT NOT NULL DEFAULT '',
    carrier          TEXT NOT NULL DEFAULT '',
    tracking_sent_at TEXT NOT NULL DEFAULT '',
    called_at        TEXT NOT NULL DEFAULT '',
    cancelled        INTEGER NOT NULL DEFAULT 0,
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX service_order_open ON service_order (deleted, cancelled, tracking_sent_at, called_at);
CREATE INDEX service_order_case ON service_order (case_id) WHERE case_id <> '';

INSERT INTO sync_table (name, kind) VALUES
    ('service_case', 'record'),
    ('case_entry', 'append'),
    ('reply_template', 'record'),
    ('reply_text', 'record'),
    ('sla_target', 'record'),
    ('office_calendar', 'record'),
    ('office_day', 'record'),
    ('service_setting', 'record'),
    ('service_order', 'record');

INSERT INTO sync_column (tbl, col, merge) VALUES ('service_case', 'updated_at', 'derived');

-- Merging two team members with one name re-points the cases they own.
INSERT INTO sync_reference (tbl, col, target) VALUES ('service_case', 'owner_id', 'person');

-- SLA columns go stale when what they are derived from changes, here or
-- through a merge: the case's clock-relevant fields, its timeline's
-- answers and status changes, the office's targets and calendar.
-- (A row already stale is not written again: a case and its first entries
-- are added together, and the writer brings it up to date once.)
CREATE TRIGGER service_case_sla_stale AFTER UPDATE OF channel, status, created_at, deleted ON service_case
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE id = new.id AND local_sla_stale = 0;
END;
CREATE TRIGGER case_entry_sla_stale AFTER INSERT ON case_entry
    WHEN new.kind IN ('status', 'message_out', 'call')
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE id = new.case_id AND local_sla_stale = 0;
END;
CREATE TRIGGER sla_target_stale_ins AFTER INSERT ON sla_target
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE deleted = 0 AND local_sla_kind IN ('', 'running', 'paused');
END;
CREATE TRIGGER sla_target_stale_upd AFTER UPDATE ON sla_target
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE deleted = 0 AND local_sla_kind IN ('', 'running', 'paused');
END;
CREATE TRIGGER office_calendar_stale_ins AFTER INSERT ON office_calendar
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE deleted = 0 AND local_sla_kind IN ('', 'running', 'paused');
END;
CREATE TRIGGER office_calendar_stale_upd AFTER UPDATE ON office_calendar
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE deleted = 0 AND local_sla_kind IN ('', 'running', 'paused');
END;
CREATE TRIGGER office_day_stale_ins AFTER INSERT ON office_day
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE deleted = 0 AND local_sla_kind IN ('', 'running', 'paused');
END;
CREATE TRIGGER office_day_stale_upd AFTER UPDATE ON office_day
BEGIN
    UPDATE service_case SET local_sla_stale = 1 WHERE deleted = 0 AND local_sla_kind IN ('', 'running', 'paused');
END;

-- Full-text search (FTS5, trigram: any three or more characters match
-- anywhere, in Chinese as in order and tracking numbers) over the cases'
-- buyer, contact, order, tracking number, SKU and summary, and over the
-- timelines' text. All are external-content indexes of the synced rows,
-- kept in step by triggers (also during merges) and rebuilt by
-- Store.RebuildServiceSearch; not listed in sync_table, they never travel.
CREATE VIRTUAL TABLE service_case_fts USING fts5(
    customer, contact, order_id, tracking, sku, summary,
    content = 'service_case', content_rowid = 'rowid', tokenize = 'trigram');
CREATE TRIGGER service_case_fts_ins AFTER INSERT ON service_case
BEGIN
    INSERT INTO service_case_fts (rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES (new.rowid, new.customer, new.contact, new.order_id, new.tracking, new.sku, new.summary);
END;
CREATE TRIGGER service_case_fts_upd AFTER UPDATE OF customer, contact, order_id, tracking, sku, summary ON service_case
BEGIN
    INSERT INTO service_case_fts (service_case_fts, rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES ('delete', old.rowid, old.customer, old.contact, old.order_id, old.tracking, old.sku, old.summary);
    INSERT INTO service_case_fts (rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES (new.rowid, new.customer, new.contact, new.order_id, new.tracking, new.sku, new.summary);
END;
CREATE TRIGGER service_case_fts_del AFTER DELETE ON service_case
BEGIN
    INSERT INTO service_case_fts (service_case_fts, rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES ('delete', old.rowid, old.customer, old.contact, old.order_id, old.tracking, old.sku, old.summary);
END;

-- Words of one or two characters (a two-character name, "Li") are below
-- what a trigram can find: a word index of the same fields answers them,
-- matching the start of a word (prefix indexes of one and two characters).
CREATE VIRTUAL TABLE service_case_words USING fts5(
    customer, contact, order_id, tracking, sku, summary,
    content = 'service_case', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');
CREATE TRIGGER service_case_words_ins AFTER INSERT ON service_case
BEGIN
    INSERT INTO service_case_words (rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES (new.rowid, new.customer, new.contact, new.order_id, new.tracking, new.sku, new.summary);
END;
CREATE TRIGGER service_case_words_upd AFTER UPDATE OF customer, contact, order_id, tracking, sku, summary ON service_case
BEGIN
    INSERT INTO service_case_words (service_case_words, rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES ('delete', old.rowid, old.customer, old.contact, old.order_id, old.tracking, old.sku, old.summary);
    INSERT INTO service_case_words (rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES (new.rowid, new.customer, new.contact, new.order_id, new.tracking, new.sku, new.summary);
END;
CREATE TRIGGER service_case_words_del AFTER DELETE ON service_case
BEGIN
    INSERT INTO service_case_words (service_case_words, rowid, customer, contact, order_id, tracking, sku, summary)
    VALUES ('delete', old.rowid, old.customer, old.contact, old.order_id, old.tracking, old.sku, old.summary);
END;

CREATE VIRTUAL TABLE case_entry_fts USING fts5(
    body, content = 'case_entry', content_rowid = 'rowid', tokenize = 'trigram');
-- Status, owner and action entries have no text: nothing to index.
CREATE TRIGGER case_entry_fts_ins AFTER INSERT ON case_entry WHEN new.body <> ''
BEGIN
    INSERT INTO case_entry_fts (rowid, body) VALUES (new.rowid, new.body);
END;
