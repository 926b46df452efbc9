-- 0006 SOP tracking: templates (versioned), runs and their steps, owner
-- hand-offs, recurring checklist items and their daily entries, the
-- values recorded in record forms, and the weekly review (复盘).
--
-- Conventions of 0001 hold: every table is synced, has no foreign keys
-- and no CHECKs on enumerations. Days are 'YYYY-MM-DD', instants UTC RFC
-- 3339 with milliseconds, '' when not set.

-- A template's name, description and archive flag change in place; its
-- content (stages, steps, record forms) lives in versions.
CREATE TABLE sop_template (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0,
    builtin     TEXT NOT NULL DEFAULT '', -- key of the built-in it was loaded from
    version_id  TEXT NOT NULL,            -- the current sop_template_version
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sop_template_name ON sop_template (deleted, archived, name);

-- Versions are written once and never changed (an append table): a run
-- keeps the version it started from whatever happens to the template.
-- Two desks editing one template at once both add a version; the
-- template's version_id says which is current.
CREATE TABLE sop_template_version (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    template_id TEXT NOT NULL,
    number      INTEGER NOT NULL,
    body        TEXT NOT NULL,            -- JSON app.TemplateBody
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL DEFAULT ''  -- person name
) STRICT;
CREATE INDEX sop_template_version_template ON sop_template_version (template_id, number);

CREATE TABLE sop_run (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    template_id TEXT NOT NULL,
    version_id  TEXT NOT NULL,
    title       TEXT NOT NULL,
    sku         TEXT NOT NULL DEFAULT '',
    start_day   TEXT NOT NULL,
    owner_id    TEXT NOT NULL DEFAULT '',
    cancelled   INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
) STRICT;
-- The runs table's orders and filters.
CREATE INDEX sop_run_start ON sop_run (deleted, start_day);
CREATE INDEX sop_run_title ON sop_run (deleted, title);
CREATE INDEX sop_run_sku ON sop_run (deleted, sku, start_day);
CREATE INDEX sop_run_template ON sop_run (deleted, template_id, start_day);
CREATE INDEX sop_run_owner ON sop_run (deleted, owner_id, start_day);
CREATE INDEX sop_run_created ON sop_run (deleted, created_at);

-- Stage and step titles are copied from the version when the run starts.
CREATE TABLE sop_step (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    run_id      TEXT NOT NULL,
    position    INTEGER NOT NULL,
    stage_key   TEXT NOT NULL,
    stage_title TEXT NOT NULL,
    step_key    TEXT NOT NULL,
    title       TEXT NOT NULL,
    owner_id    TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'todo',
    reason      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    done_at     TEXT NOT NULL DEFAULT '',
    done_by     TEXT NOT NULL DEFAULT ''
) STRICT;
-- A run's steps; covering for the run's derived columns (progress, next due,
-- overdue) and the owner filter of the runs table.
CREATE INDEX sop_step_run ON sop_step (run_id, deleted, status, due, owner_id);
-- Today: the open steps, by owner and due date, and by due date alone
-- (the whole team's morning list). The queries repeat this WHERE.
CREATE INDEX sop_step_open_owner ON sop_step (owner_id, due)
    WHERE deleted = 0 AND status IN ('todo', 'doing', 'blocked');
CREATE INDEX sop_step_open_due ON sop_step (due, owner_id)
    WHERE deleted = 0 AND status IN ('todo', 'doing', 'blocked');

-- Who handed a step to whom, when and why: history, written once.
CREATE TABLE sop_handoff (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    run_id    TEXT NOT NULL,
    step_id   TEXT NOT NULL,
    from_id   TEXT NOT NULL,
    to_id     TEXT NOT NULL,
    by_id     TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sop_handoff_run ON sop_handoff (run_id, at);
CREATE INDEX sop_handoff_step ON sop_handoff (step_id, at);

-- Recurring checklist items. weekdays is a comma-separated list of
-- weekday numbers (0 Sunday .. 6 Saturday); fields is the record form
-- (JSON [app.FormField]).
CREATE TABLE checklist_item (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    schedule    TEXT NOT NULL,            -- workdays, weekdays, weekly, monthly
    weekdays    TEXT NOT NULL DEFAULT '',
    weekday     INTEGER NOT NULL DEFAULT 0,
    month_day   INTEGER NOT NULL DEFAULT 0,
    off_day     TEXT NOT NULL DEFAULT '',
    start_day   TEXT NOT NULL DEFAULT '',
    end_day     TEXT NOT NULL DEFAULT '',
    fields      TEXT NOT NULL DEFAULT '[]',
    archived    INTEGER NOT NULL DEFAULT 0,
    builtin     TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX checklist_item_list ON checklist_item (deleted, archived, position);

-- One item due on one day. The id derives from item and day
-- (app.ChecklistInstanceID) and a generated entry is written with the
-- same clock on every desk (data.insertBaseRow), so desks generating the
-- same day meet on one identical row and any later edit wins. owner_id
-- is '' while the item's owner does it.
CREATE TABLE checklist_entry (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    item_id   TEXT NOT NULL,
    day       TEXT NOT NULL,
    owner_id  TEXT NOT NULL DEFAULT '',
    status    TEXT NOT NULL DEFAULT 'todo',
    reason    TEXT NOT NULL DEFAULT '',
    note      TEXT NOT NULL DEFAULT '',
    done_at   TEXT NOT NULL DEFAULT '',
    done_by   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX checklist_entry_item ON checklist_entry (item_id, day);
CREATE INDEX checklist_entry_day ON checklist_entry (deleted, day);
-- Today: the entries still to do, by day.
CREATE INDEX checklist_entry_open ON checklist_entry (day, item_id)
    WHERE deleted = 0 AND status = 'todo';

-- Values recorded in record forms, typed: num for numbers and
-- percentages, minor + currency for money, day for dates, txt for text,
-- choices and SKUs. One row per subject and field (app.ValueID);
-- has_value 0 is a value cleared again.
CREATE TABLE sop_value (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    subject     TEXT NOT NULL,            -- 'step' or 'checklist'
    subject_id  TEXT NOT NULL,
    series      TEXT NOT NULL,            -- checklist item id, or template id/step key
    field_key   TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL,
    day         TEXT NOT NULL,
    has_value   INTEGER NOT NULL DEFAULT 1,
    num         REAL NOT NULL DEFAULT 0,
    minor       INTEGER NOT NULL DEFAULT 0,
    currency    TEXT NOT NULL DEFAULT '',
    value_day   TEXT NOT NULL DEFAULT '',
    txt         TEXT NOT NULL DEFAULT '',
    sku         TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sop_value_subject ON sop_value (subject_id, field_key);
CREATE INDEX sop_value_series ON sop_value (series, field_key, day);

-- The weekly review (复盘): observation, diagnosis, action, owner, and a
-- week later the result and why.
CREATE TABLE review (
    id         TEXT PRIMARY KEY NOT NULL,
    hlc        TEXT NOT NULL,
    replica    TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    field_hlc  TEXT NOT NULL DEFAULT '{}',
    week       TEXT NOT NULL,
    metric     TEXT NOT NULL,
    change     TEXT NOT NULL DEFAULT '',
    sku        TEXT NOT NULL DEFAULT '',
    diagnosis  TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    follow_up  TEXT NOT NULL,
    result     TEXT NOT NULL DEFAULT '',
    why        TEXT NOT NULL DEFAULT '',
    closed     INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX review_week ON review (deleted, week);
CREATE INDEX review_open ON review (owner_id, follow_up) WHERE deleted = 0 AND closed = 0;

INSERT INTO sync_table (name, kind) VALUES
    ('sop_template', 'record'),
    ('sop_template_version', 'append'),
    ('sop_run', 'record'),
    ('sop_step', 'record'),
    ('sop_handoff', 'append'),
    ('checklist_item', 'record'),
    ('checklist_entry', 'record'),
    ('sop_value', 'record'),
    ('review', 'record');

INSERT INTO sync_column (tbl, col, merge) VALUES
    ('sop_template', 'updated_at', 'derived');

-- Who and what the SOP records point at, so that merging two people (or
-- two templates) of the same name points the work at the one kept.
INSERT INTO sync_reference (tbl, col, target) VALUES
    ('sop_run', 'owner_id', 'person'),
    ('sop_step', 'owner_id', 'person'),
    ('sop_step', 'done_by', 'person'),
    ('checklist_entry', 'done_by', 'person'),
    ('checklist_item', 'owner_id', 'person'),
    ('checklist_entry', 'owner_id', 'person'),
    ('review', 'owner_id', 'person'),
    ('sop_run', 'template_id', 'sop_template');
