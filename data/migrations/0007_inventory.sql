-- 0007 inventory: the catalog, locations, the stock ledger, purchase
-- orders, shipments, imported Amazon reports and the office's inventory
-- settings (issue 11).
--
-- Quantities that several desks change are ledgers: stock is the sum of
-- stock_movement rows (an append table: rows are written once and merge
-- as a union, so two desks adding movements at the same time both count),
-- units sold the sum of sale_line rows. Imported report rows (sale_line,
-- fba_snapshot, business_report, fba_return) are written once too, but
-- have ids derived from what they are (the order line, the SKU and day of
-- a snapshot), so importing a report twice, or on two desks, adds each row
-- once; they are record tables so that the two desks' copies of one row,
-- stamped by each desk's clock, merge to one clock. The stock a shipment
-- moves follows from the shipment record (the view stock_flow), so two
-- desks recording its departure agree.

CREATE TABLE product (
    id              TEXT PRIMARY KEY NOT NULL,   -- derived from the SKU (app.ProductID)
    hlc             TEXT NOT NULL,
    replica         TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_hlc       TEXT NOT NULL DEFAULT '{}',
    sku             TEXT NOT NULL,
    asin            TEXT NOT NULL DEFAULT '',
    fnsku           TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    unit_cost_minor INTEGER NOT NULL DEFAULT 0,
    cost_currency   TEXT NOT NULL DEFAULT 'CNY',
    price_minor     INTEGER NOT NULL DEFAULT 0,
    price_currency  TEXT NOT NULL DEFAULT 'USD',
    fba_fee_minor   INTEGER NOT NULL DEFAULT 0,
    weight_g        INTEGER NOT NULL DEFAULT 0,
    volume_cm3      INTEGER NOT NULL DEFAULT 0,
    supplier        TEXT NOT NULL DEFAULT '',
    moq             INTEGER NOT NULL DEFAULT 0,
    case_pack       INTEGER NOT NULL DEFAULT 0,
    production_days INTEGER NOT NULL DEFAULT 0,
    marketplace     TEXT NOT NULL DEFAULT 'US',
    mode            TEXT NOT NULL DEFAULT '',    -- the shipping mode the team picks
    safety_days     INTEGER NOT NULL DEFAULT 0,
    note            TEXT NOT NULL DEFAULT '',
    active          INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX product_sku ON product (deleted, sku);
CREATE INDEX product_asin ON product (asin);

CREATE TABLE location (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,               -- warehouse, overseas, fba, transit, supplier
    marketplace TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX location_name ON location (deleted, name);

CREATE TABLE stock_movement (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    day         TEXT NOT NULL,               -- YYYY-MM-DD
    sku         TEXT NOT NULL,
    location_id TEXT NOT NULL,
    qty         INTEGER NOT NULL,            -- signed change of units
    kind        TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    shipment_id TEXT NOT NULL DEFAULT '',
    po_id       TEXT NOT NULL DEFAULT '',
    case_id     TEXT NOT NULL DEFAULT '',
    ref         TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,               -- UTC RFC 3339
    actor_id    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX stock_movement_balance ON stock_movement (sku, location_id, qty);
CREATE INDEX stock_movement_day ON stock_movement (sku, day);
CREATE INDEX stock_movement_shipment ON stock_movement (shipment_id);
CREATE INDEX stock_movement_po ON stock_movement (po_id);
CREATE INDEX stock_movement_case ON stock_movement (case_id);

CREATE TABLE purchase_order (
    id             TEXT PRIMARY KEY NOT NULL,
    hlc            TEXT NOT NULL,
    replica        TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    field_hlc      TEXT NOT NULL DEFAULT '{}',
    number         TEXT NOT NULL,
    supplier       TEXT NOT NULL,
    currency       TEXT NOT NULL DEFAULT 'CNY',
    status         TEXT NOT NULL,
    ordered_on     TEXT NOT NULL DEFAULT '',
    production_due TEXT NOT NULL DEFAULT '',
    deposit_minor  INTEGER NOT NULL DEFAULT 0,
    deposit_due    TEXT NOT NULL DEFAULT '',
    deposit_paid   TEXT NOT NULL DEFAULT '',
    balance_due    TEXT NOT NULL DEFAULT '',
    balance_paid   TEXT NOT NULL DEFAULT '',
    receive_at     TEXT NOT NULL DEFAULT '',  -- location id
    note           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX purchase_order_number ON purchase_order (deleted, number);
CREATE INDEX purchase_order_status ON purchase_order (deleted, status);

CREATE TABLE purchase_order_line (
    id              TEXT PRIMARY KEY NOT NULL,
    hlc             TEXT NOT NULL,
    replica         TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0,
    field_hlc       TEXT NOT NULL DEFAULT '{}',
    po_id           TEXT NOT NULL,
    sku             TEXT NOT NULL,
    qty             INTEGER NOT NULL,
    unit_cost_minor INTEGER NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX purchase_order_line_po ON purchase_order_line (po_id);
CREATE INDEX purchase_order_line_sku ON purchase_order_line (sku);

CREATE TABLE shipment (
    id           TEXT PRIMARY KEY NOT NULL,
    hlc          TEXT NOT NULL,
    replica      TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    field_hlc    TEXT NOT NULL DEFAULT '{}',
    ref          TEXT NOT NULL,
    from_id      TEXT NOT NULL,
    to_id        TEXT NOT NULL,
    mode         TEXT NOT NULL,
    forwarder    TEXT NOT NULL DEFAULT '',
    booked_on    TEXT NOT NULL DEFAULT '',
    departed_on  TEXT NOT NULL DEFAULT '',
    arrived_on   TEXT NOT NULL DEFAULT '',
    eta          TEXT NOT NULL DEFAULT '',
    quoted_days  INTEGER NOT NULL DEFAULT 0,
    tracking     TEXT NOT NULL DEFAULT '',
    cost_minor   INTEGER NOT NULL DEFAULT 0,
    currency     TEXT NOT NULL DEFAULT 'CNY',
    cost_paid_on TEXT NOT NULL DEFAULT '',
    weight_g     INTEGER NOT NULL DEFAULT 0,
    volume_cm3   INTEGER NOT NULL DEFAULT 0,
    cancelled    INTEGER NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX shipment_arrived ON shipment (deleted, arrived_on);
CREATE INDEX shipment_departed ON shipment (deleted, departed_on);

CREATE TABLE shipment_line (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    shipment_id TEXT NOT NULL,
    sku         TEXT NOT NULL,
    qty         INTEGER NOT NULL,
    po_id       TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX shipment_line_shipment ON shipment_line (shipment_id);
CREATE INDEX shipment_line_sku ON shipment_line (sku);

-- Receipts and documents kept with a shipment (rows of attachment).
CREATE TABLE shipment_file (
    id            TEXT PRIMARY KEY NOT NULL,
    hlc           TEXT NOT NULL,
    replica       TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    field_hlc     TEXT NOT NULL DEFAULT '{}',
    shipment_id   TEXT NOT NULL,
    attachment_id TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX shipment_file_shipment ON shipment_file (shipment_id);

-- Every change of stock: the movements, and the legs of each shipment.
-- A shipment's stock moves follow from the shipment itself (a record that
-- merges field by field): once departed, its lines leave From for transit
-- (and, for goods straight from a factory, are first received against
-- their purchase order); once arrived, they leave transit for To. Two
-- desks recording the same departure, even on different days, so agree
-- after sync and the stock moves once. A cancelled shipment moves nothing.
-- 1c884d0b-072a-5b82-8458-3f442cc6ea94 is the transit location
-- (app.TransitLocationID).
CREATE VIEW stock_flow AS
SELECT id, day, sku, location_id, qty, kind, reason, shipment_id, po_id, case_id, ref, note, created_at, actor_id
  FROM stock_movement WHERE deleted = 0
UNION ALL
SELECT l.id || '/receipt', s.departed_on, l.sku, s.from_id, l.qty, 'receipt', '', s.id, l.po_id, '', s.ref, '', '', ''
  FROM shipment s JOIN shipment_line l ON l.shipment_id = s.id
 WHERE s.deleted = 0 AND l.deleted = 0 AND s.cancelled = 0 AND s.departed_on <> '' AND l.po_id <> ''
UNION ALL
SELECT l.id || '/depart', s.departed_on, l.sku, s.from_id, -l.qty, 'transfer_out', '', s.id, l.po_id, '', s.ref, '', '', ''
  FROM shipment s JOIN shipment_line l ON l.shipment_id = s.id
 WHERE s.deleted = 0 AND l.deleted = 0 AND s.cancelled = 0 AND s.departed_on <> ''
UNION ALL
SELECT l.id || '/transit', s.departed_on, l.sku, '1c884d0b-072a-5b82-8458-3f442cc6ea94', l.qty, 'transfer_in', '', s.id, l.po_id, '', s.ref, '', '', ''
  FROM shipment s JOIN shipment_line l ON l.shipment_id = s.id
 WHERE s.deleted = 0 AND l.deleted = 0 AND s.cancelled = 0 AND s.departed_on <> ''
UNION ALL
SELECT l.id || '/unload', s.arrived_on, l.sku, '1c884d0b-072a-5b82-8458-3f442cc6ea94', -l.qty, 'transfer_out', '', s.id, l.po_id, '', s.ref, '', '', ''
  FROM shipment s JOIN shipment_line l ON l.shipment_id = s.id
 WHERE s.deleted = 0 AND l.deleted = 0 AND s.cancelled = 0 AND s.departed_on <> '' AND s.arrived_on <> ''
UNION ALL
SELECT l.id || '/arrive', s.arrived_on, l.sku, s.to_id, l.qty, 'transfer_in', '', s.id, l.po_id, '', s.ref, '', '', ''
  FROM shipment s JOIN shipment_line l ON l.shipment_id = s.id
 WHERE s.deleted = 0 AND l.deleted = 0 AND s.cancelled = 0 AND s.departed_on <> '' AND s.arrived_on <> '';

-- Units sold, from All Orders files: one row per order line with its
-- units, and for a line Amazon reports cancelled a second row taking them
-- back (qty < 0, same day). Whichever desk saw the line first and however
-- it stood then, the union of every desk's rows counts a live line once
-- and a cancelled line zero times. day is the purchase day in the
-- marketplace's time zone.
CREATE TABLE sale_line (
    id           TEXT PRIMARY KEY NOT NULL,  -- app.TimeID(purchase time, line key)
    hlc          TEXT NOT NULL,
    replica      TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    field_hlc    TEXT NOT NULL DEFAULT '{}',
    day          TEXT NOT NULL,
    sku          TEXT NOT NULL,
    qty          INTEGER NOT NULL,
    order_id     TEXT NOT NULL,
    marketplace  TEXT NOT NULL,
    channel      TEXT NOT NULL DEFAULT '',   -- fulfilment: Amazon (FBA) or Merchant
    amount_minor INTEGER NOT NULL DEFAULT 0, -- item price of the line
    currency     TEXT NOT NULL DEFAULT '',
    purchased_at TEXT NOT NULL               -- UTC RFC 3339
) STRICT;
-- One index, covering: the reorder figures sum a period's days for every
-- SKU, and one SKU's days are found in it too (a second index by SKU would
-- make importing a big file a third slower).
CREATE INDEX sale_line_day ON sale_line (day, sku, qty, deleted);
-- An order's lines, for the service area's order lookup.
CREATE INDEX sale_line_order ON sale_line (order_id);

-- FBA Manage Inventory snapshots: Amazon's count of a SKU on a day. A
-- second download of the same day with other figures is another row; of
-- those, the one with the fewest fulfillable units counts (the later one,
-- as units sell through the day), the same on every desk.

CREATE TABLE fba_snapshot (
    id                TEXT PRIMARY KEY NOT NULL,
    hlc               TEXT NOT NULL,
    replica           TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0,
    field_hlc         TEXT NOT NULL DEFAULT '{}',
    day               TEXT NOT NULL,
    sku               TEXT NOT NULL,
    marketplace       TEXT NOT NULL,
    fnsku             TEXT NOT NULL DEFAULT '',
    asin              TEXT NOT NULL DEFAULT '',
    fulfillable       INTEGER NOT NULL,
    inbound_working   INTEGER NOT NULL DEFAULT 0,
    inbound_shipped   INTEGER NOT NULL DEFAULT 0,
    inbound_receiving INTEGER NOT NULL DEFAULT 0,
    reserved          INTEGER NOT NULL DEFAULT 0,
    unsellable        INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX fba_snapshot_sku ON fba_snapshot (sku, day);
CREATE INDEX fba_snapshot_day ON fba_snapshot (day);

-- Business Report rows (sales and traffic by child ASIN) for the date
-- range the user confirmed at import. Of two downloads of one period, the
-- one with more units ordered counts (Amazon adds late orders).
CREATE TABLE business_report (
    id                TEXT PRIMARY KEY NOT NULL,
    hlc               TEXT NOT NULL,
    replica           TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0,
    field_hlc         TEXT NOT NULL DEFAULT '{}',
    date_from         TEXT NOT NULL,
    date_to           TEXT NOT NULL,
    marketplace       TEXT NOT NULL,
    child_asin        TEXT NOT NULL,
    parent_asin       TEXT NOT NULL DEFAULT '',
    sku               TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL DEFAULT '',
    sessions          INTEGER NOT NULL DEFAULT 0,
    page_views        INTEGER NOT NULL DEFAULT 0,
    units_ordered     INTEGER NOT NULL DEFAULT 0,
    units_ordered_b2b INTEGER NOT NULL DEFAULT 0,
    sales_minor       INTEGER NOT NULL DEFAULT 0,
    currency          TEXT NOT NULL DEFAULT '',
    buy_box_pct       REAL NOT NULL DEFAULT 0,
    unit_session_pct  REAL NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX business_report_asin ON business_report (child_asin, date_to);

-- FBA customer returns, per SKU and reason (the service area reads them).
CREATE TABLE fba_return (
    id                 TEXT PRIMARY KEY NOT NULL,
    hlc                TEXT NOT NULL,
    replica            TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0,
    field_hlc          TEXT NOT NULL DEFAULT '{}',
    day                TEXT NOT NULL,          -- return day in the marketplace's zone
    returned_at        TEXT NOT NULL,          -- UTC RFC 3339
    marketplace        TEXT NOT NULL,
    order_id           TEXT NOT NULL,
    sku                TEXT NOT NULL,
    asin               TEXT NOT NULL DEFAULT '',
    fnsku              TEXT NOT NULL DEFAULT '',
    qty                INTEGER NOT NULL,
    disposition        TEXT NOT NULL DEFAULT '',
    reason             TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL DEFAULT '',
    fulfillment_center TEXT NOT NULL DEFAULT '',
    license_plate      TEXT NOT NULL DEFAULT '',
    comments           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX fba_return_sku ON fba_return (sku, day);
CREATE INDEX fba_return_order ON fba_return (order_id);

-- What was imported, by whom, when: the Import screen's history.
CREATE TABLE import_log (
    id          TEXT PRIMARY KEY NOT NULL,
    hlc         TEXT NOT NULL,
    replica     TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    field_hlc   TEXT NOT NULL DEFAULT '{}',
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    added       INTEGER NOT NULL,              -- rows new to this database
    skipped     INTEGER NOT NULL,
    date_from   TEXT NOT NULL DEFAULT '',
    date_to     TEXT NOT NULL DEFAULT '',
    actor_name  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX import_log_at ON import_log (at);

-- The office's settings (inventory, and the planning form's line
-- defaults), one row per setting (id derived from the key) so that
-- settings changed on two desks merge one by one.
CREATE TABLE office_setting (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    key       TEXT NOT NULL,
    value     TEXT NOT NULL
) STRICT;

-- Cash on hand as the owner entered it: the newest entry of each kind
-- counts, older ones stay as history.
CREATE TABLE cash_entry (
    id           TEXT PRIMARY KEY NOT NULL,
    hlc          TEXT NOT NULL,
    replica      TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    field_hlc    TEXT NOT NULL DEFAULT '{}',
    day          TEXT NOT NULL,
    kind         TEXT NOT NULL,              -- bank or amazon
    amount_minor INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    entered_at   TEXT NOT NULL
) STRICT;
CREATE INDEX cash_entry_day ON cash_entry (kind, day, entered_at);

-- Shipping modes priced by volume (LCL sea freight, rail): freight per
-- cubic metre next to the freight per kilogram; and the volumetric
-- divisor of modes that charge the larger of actual and volumetric
-- weight (air, express: cm³ per chargeable kg, 0 for none).
ALTER TABLE shipping_mode ADD COLUMN cost_per_cbm_minor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shipping_mode ADD COLUMN volumetric_divisor INTEGER NOT NULL DEFAULT 0;

INSERT INTO sync_table (name, kind) VALUES
    ('product', 'record'),
    ('location', 'record'),
    ('stock_movement', 'append'),
    ('purchase_order', 'record'),
    ('purchase_order_line', 'record'),
    ('shipment', 'record'),
    ('shipment_line', 'record'),
    ('shipment_file', 'record'),
    ('sale_line', 'record'),
    ('fba_snapshot', 'record'),
    ('business_report', 'record'),
    ('fba_return', 'record'),
    ('import_log', 'append'),
    ('office_setting', 'record'),
    ('cash_entry', 'append');

INSERT INTO sync_reference (tbl, col, target) VALUES
    ('purchase_order', 'receive_at', 'location'),
    ('purchase_order_line', 'po_id', 'purchase_order'),
    ('shipment', 'from_id', 'location'),
    ('shipment', 'to_id', 'location'),
    ('shipment_line', 'shipment_id', 'shipment'),
    ('shipment_line', 'po_id', 'purchase_order'),
    ('shipment_file', 'shipment_id', 'shipment');

-- Local: the reorder figures of every SKU as last computed (the planning
-- package computes them; see data/inventory_list.go), so the Inventory and
-- Reorder screens page, sort and search them in SQL. The local setting
-- reorder_cache says which state of the synced data and which day they
-- were computed for.
CREATE TABLE reorder_cache (
    sku             TEXT PRIMARY KEY NOT NULL,
    title           TEXT NOT NULL,
    asin            TEXT NOT NULL,
    supplier        TEXT NOT NULL,
    marketplace     TEXT NOT NULL,
    band            INTEGER NOT NULL,
    price_minor     INTEGER NOT NULL,
    price_currency  TEXT NOT NULL,
    velocity        REAL NOT NULL,
    sigma           REAL NOT NULL,
    fba_fulfillable INTEGER NOT NULL,
    fba_inbound     INTEGER NOT NULL,
    in_transit      INTEGER NOT NULL,
    local_units     INTEGER NOT NULL,
    overseas        INTEGER NOT NULL,
    ordered         INTEGER NOT NULL,
    supply          INTEGER NOT NULL,
    fba_cover       REAL NOT NULL,           -- days; 1e9 without sales
    total_cover     REAL NOT NULL,
    stockout_day    TEXT NOT NULL,
    status          TEXT NOT NULL,
    status_rank     INTEGER NOT NULL,        -- order now first
    mode            TEXT NOT NULL,           -- the mode the team picks
    order_by        TEXT NOT NULL,
    order_qty       INTEGER NOT NULL,
    negative        INTEGER NOT NULL,
    snapshot_day    TEXT NOT NULL,
    modes           TEXT NOT NULL            -- JSON: the plan per mode
) STRICT;
CREATE INDEX reorder_cache_cover ON reorder_cache (fba_cover);
CREATE INDEX reorder_cache_status ON reorder_cache (status_rank, order_by);
CREATE INDEX reorder_cache_velocity ON reorder_cache (velocity);
