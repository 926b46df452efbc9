package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/opsbench/opsbench/app"
)

func locationRecord(l app.Location) record {
	return record{"name": l.Name, "kind": string(l.Kind), "marketplace": l.Marketplace, "note": l.Note, "active": l.Active}
}

// SaveLocation creates (empty ID) or updates a location. A new name must
// not be taken here (see checkNewName).
func (s *Store) SaveLocation(ctx context.Context, l app.Location) (app.Location, error) {
	l = l.Normalize()
	if err := l.Validate(); err != nil {
		return app.Location{}, err
	}
	fresh := l.ID == ""
	if fresh {
		l.ID = s.newID()
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkNewName(ctx, tx, tableLocation, l.Name, l.ID, "location"); err != nil {
			return err
		}
		if fresh {
			return s.insertRecord(ctx, tx, tableLocation, l.ID, locationRecord(l))
		}
		_, err := s.updateRecord(ctx, tx, tableLocation, l.ID, locationRecord(l))
		return err
	})
	if err != nil {
		return app.Location{}, err
	}
	return l, nil
}

// DeleteLocation removes a location from the lists (its movements stay).
func (s *Store) DeleteLocation(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableLocation, id) })
}

// Locations lists the live locations: by kind (own warehouses first),
// then name.
func (s *Store) Locations(ctx context.Context) ([]app.Location, error) {
	return queryLocations(ctx, s.read, ``)
}

// Location returns one location.
func (s *Store) Location(ctx context.Context, id string) (app.Location, error) {
	ls, err := queryLocations(ctx, s.read, ` AND id = ?`, id)
	if err != nil {
		return app.Location{}, err
	}
	if len(ls) == 0 {
		return app.Location{}, fmt.Errorf("location %s: %w", id, app.ErrNotFound)
	}
	return ls[0], nil
}

func queryLocations(ctx context.Context, q querier, where string, args ...any) ([]app.Location, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, kind, marketplace, note, active FROM location WHERE deleted = 0`+where+`
		ORDER BY CASE kind WHEN 'warehouse' THEN 0 WHEN 'overseas' THEN 1 WHEN 'fba' THEN 2 WHEN 'supplier' THEN 3 ELSE 4 END, name, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.Location
	for rows.Next() {
		var l app.Location
		var kind string
		if err := rows.Scan(&l.ID, &l.Name, &kind, &l.Marketplace, &l.Note, &l.Active); err != nil {
			return nil, mapErr(err)
		}
		l.Kind = app.LocationKind(kind)
		out = append(out, l)
	}
	return out, mapErr(rows.Err())
}

// Built-in locations are made on first need, with derived ids, so two
// desks needing one at once make the same record.

// TransitLocation is the one location of goods on departed shipments.
func TransitLocation() app.Location {
	return app.Location{ID: app.TransitLocationID(), Name: "In transit", Kind: app.LocationTransit, Active: true}
}

// FBALocation is the FBA location of a marketplace.
func FBALocation(marketplace string) app.Location {
	m := strings.ToUpper(strings.TrimSpace(marketplace))
	return app.Location{ID: app.FBALocationID(m), Name: "FBA " + m, Kind: app.LocationFBA, Marketplace: m, Active: true}
}

// SupplierLocation is where goods shipped straight from a factory leave.
func SupplierLocation() app.Location {
	return app.Location{ID: app.SupplierLocationID(), Name: "Supplier", Kind: app.LocationSupplier, Active: true}
}

// EnsureLocation makes a built-in location (TransitLocation, FBALocation,
// SupplierLocation) unless it exists, and returns it as stored.
func (s *Store) EnsureLocation(ctx context.Context, l app.Location) (app.Location, error) {
	err := s.withTx(ctx, func(tx *sql.Tx) error { return s.ensureLocation(ctx, tx, l) })
	if err != nil {
		return app.Location{}, err
	}
	return s.Location(ctx, l.ID)
}

func (s *Store) ensureLocation(ctx context.Context, tx *sql.Tx, l app.Location) error {
	var deleted int
	err := tx.QueryRowContext(ctx, `SELECT deleted FROM location WHERE id = ?`, l.ID).Scan(&deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return s.insertRecord(ctx, tx, tableLocation, l.ID, locationRecord(l))
	case err != nil:
		return err
	case deleted != 0:
		return s.undeleteRecord(ctx, tx, tableLocation, l.ID)
	}
	return nil
}

func movementRecord(m app.Movement) record {
	return record{
		"day": dayText(m.Day), "sku": m.SKU, "location_id": m.LocationID, "qty": m.Qty, "kind": string(m.Kind),
		"reason": string(m.Reason), "shipment_id": m.ShipmentID, "po_id": m.PurchaseOrderID, "case_id": m.CaseID,
		"ref": m.Ref, "note": m.Note, "created_at": formatInstant(m.CreatedAt), "actor_id": m.ActorID,
	}
}

// movementColumns are the business columns of stock_movement, in the
// order movementValues gives them.
var movementColumns = []string{"day", "sku", "location_id", "qty", "kind", "reason", "shipment_id", "po_id", "case_id",
	"ref", "note", "created_at", "actor_id"}

func movementValues(m app.Movement) []any {
	return []any{dayText(m.Day), m.SKU, m.LocationID, m.Qty, string(m.Kind), string(m.Reason), m.ShipmentID,
		m.PurchaseOrderID, m.CaseID, m.Ref, m.Note, formatInstant(m.CreatedAt), m.ActorID}
}

// AddMovement records a change of stock: a receipt, a sale from a
// warehouse, a return, an adjustment with its reason... Movements are
// never changed afterwards; correct a mistake with another one. A
// movement that takes a location below zero is recorded all the same:
// the negative balance is shown (NegativeStock), never hidden.
func (s *Store) AddMovement(ctx context.Context, m app.Movement) (app.Movement, error) {
	m = m.Normalize()
	if err := m.Validate(); err != nil {
		return app.Movement{}, err
	}
	m.ID, m.CreatedAt, m.ActorID = s.newID(), s.now().UTC(), s.Actor().ID
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkLive(ctx, tx, tableLocation, m.LocationID, "movement", "location"); err != nil {
			return err
		}
		return s.appendRow(ctx, tx, tableMovement, m.ID, movementRecord(m))
	})
	if err != nil {
		return app.Movement{}, err
	}
	return m, nil
}

// SendReplacement records a replacement unit sent to a customer for an
// after-sales case: the units leave the location they were sent from.
func (s *Store) SendReplacement(ctx context.Context, r app.ReplacementSent) (app.Movement, error) {
	if r.Qty <= 0 {
		return app.Movement{}, &app.FieldError{Entity: "movement", Field: "qty", Code: app.CodeOutOfRange, Limit: app.MaxMovementQty}
	}
	return s.AddMovement(ctx, r.Movement())
}

// checkLive refuses an id that names no live row of table: a bad choice
// of entity's field.
func checkLive(ctx context.Context, tx *sql.Tx, table, id, entity, field string) error {
	var n int
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE id = ? AND deleted = 0`, table), id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return &app.FieldError{Entity: entity, Field: field, Code: app.CodeBadChoice}
	}
	return nil
}

// The ledger is read from the view stock_flow: the movements, and the
// legs of departed and arrived shipments (their ids are the shipment
// line's id with "/depart", "/transit", "/unload", "/arrive" or
// "/receipt").

// Movements lists a SKU's ledger (every location), newest first.
func (s *Store) Movements(ctx context.Context, sku string) ([]app.Movement, error) {
	return queryMovements(ctx, s.read, `WHERE sku = ? ORDER BY day DESC, created_at DESC, id DESC`, sku)
}

// ShipmentMovements lists the stock moves of a shipment.
func (s *Store) ShipmentMovements(ctx context.Context, shipmentID string) ([]app.Movement, error) {
	return queryMovements(ctx, s.read, `WHERE shipment_id = ? ORDER BY day, sku, id`, shipmentID)
}

// CaseMovements lists the replacements sent for an after-sales case.
func (s *Store) CaseMovements(ctx context.Context, caseID string) ([]app.Movement, error) {
	return queryMovements(ctx, s.read, `WHERE case_id = ? ORDER BY day, created_at, id`, caseID)
}

func queryMovements(ctx context.Context, q querier, where string, args ...any) ([]app.Movement, error) {
	return scanMovements(ctx, q, `SELECT id, day, sku, location_id, qty, kind, reason, shipment_id, po_id, case_id,
		ref, note, created_at, actor_id FROM stock_flow `+where, args...)
}

func scanMovements(ctx context.Context, q querier, query string, args ...any) ([]app.Movement, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.Movement
	for rows.Next() {
		var m app.Movement
		var day, kind, reason, at string
		if err := rows.Scan(&m.ID, &day, &m.SKU, &m.LocationID, &m.Qty, &kind, &reason, &m.ShipmentID, &m.PurchaseOrderID,
			&m.CaseID, &m.Ref, &m.Note, &at, &m.ActorID); err != nil {
			return nil, mapErr(err)
		}
		m.Day, m.Kind, m.Reason, m.CreatedAt = parseDay(day), app.MovementKind(kind), app.AdjustReason(reason), parseInstant(at)
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// StockBalance is the units of one SKU at one location: the sum of its
// movements and shipment legs there.
type StockBalance struct {
	SKU        string
	LocationID string
	Qty        int
}

// StockBalances lists every SKU's balance at every location where it had
// movements (zero balances included: the SKU was there), by SKU.
func (s *Store) StockBalances(ctx context.Context) ([]StockBalance, error) {
	return stockBalances(ctx, s.read, `GROUP BY sku, location_id ORDER BY sku, location_id`)
}

// NegativeStock lists the balances below zero: more units taken out of a
// location than came in (a movement forgotten, or recorded twice).
func (s *Store) NegativeStock(ctx context.Context) ([]StockBalance, error) {
	return stockBalances(ctx, s.read, `GROUP BY sku, location_id HAVING sum(qty) < 0 ORDER BY sku, location_id`)
}

// SKUBalances lists one SKU's balance at each location.
func (s *Store) SKUBalances(ctx context.Context, sku string) ([]StockBalance, error) {
	return stockBalances(ctx, s.read, `WHERE sku = ? GROUP BY sku, location_id ORDER BY location_id`, sku)
}

func stockBalances(ctx context.Context, q querier, tail string, args ...any) ([]StockBalance, error) {
	rows, err := q.QueryContext(ctx, `SELECT sku, location_id, sum(qty) FROM stock_flow `+tail, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []StockBalance
	for rows.Next() {
		var b StockBalance
		if err := rows.Scan(&b.SKU, &b.LocationID, &b.Qty); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, b)
	}
	return out, mapErr(rows.Err())
}

// movementList is the stock ledger as a list: movements and shipment
// legs (the view stock_flow, which has no rowid: its ids break ties).
var movementList = listSpec{
	name:  "stock ledger",
	from:  "stock_flow f",
	where: "1 = 1",
	id:    "f.id",
	tie:   "f.id",
	sorts: map[string][]string{
		app.MovementSortDay: {"f.day", "f.created_at"},
		app.MovementSortSKU: {"f.sku", "f.day"},
	},
	defaultSort: app.MovementSortDay,
	defaultDesc: true,
	filters: map[string]string{
		app.MovementFilterSKU:      "f.sku = ?",
		app.MovementFilterLocation: "f.location_id = ?",
		app.MovementFilterKind:     "f.kind = ?",
	},
	search: func(text string) (string, []any) {
		p := likeContains(text)
		return `(f.sku LIKE ? ESCAPE '\' OR f.ref LIKE ? ESCAPE '\' OR f.note LIKE ? ESCAPE '\')`, []any{p, p, p}
	},
}

// ListMovements returns a page of the ledger (app.MovementSort*,
// MovementFilter*), newest first; the search matches SKU, reference and
// note.
func (s *Store) ListMovements(ctx context.Context, q app.ListQuery) ([]app.Movement, int, error) {
	l, err := movementList.build(ctx, s.read, q, `f.id, f.day, f.sku, f.location_id, f.qty, f.kind, f.reason, f.shipment_id,
		f.po_id, f.case_id, f.ref, f.note, f.created_at, f.actor_id`)
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.Movement, error) {
		return scanMovements(ctx, s.read, query, args...)
	})
}
