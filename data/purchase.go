package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/opsbench/opsbench/app"
)

func poRecord(po app.PurchaseOrder) record {
	return record{
		"number": po.Number, "supplier": po.Supplier, "currency": po.Currency, "status": string(po.Status),
		"ordered_on": dayText(po.OrderedOn), "production_due": dayText(po.ProductionDue), "deposit_minor": po.Deposit,
		"deposit_due": dayText(po.DepositDue), "deposit_paid": dayText(po.DepositPaid),
		"balance_due": dayText(po.BalanceDue), "balance_paid": dayText(po.BalancePaid),
		"receive_at": po.ReceiveAt, "note": po.Note,
	}
}

func poLineRecord(poID string, l app.POLine, pos int) record {
	return record{"po_id": poID, "sku": l.SKU, "qty": l.Qty, "unit_cost_minor": l.UnitCost, "position": pos}
}

// SavePurchaseOrder creates (empty ID) or saves a purchase order and its
// lines: new lines are added, changed ones saved field by field, lines
// no longer there removed. A new number must not be taken here.
func (s *Store) SavePurchaseOrder(ctx context.Context, po app.PurchaseOrder) (app.PurchaseOrder, error) {
	po = po.Normalize()
	if err := po.Validate(); err != nil {
		return app.PurchaseOrder{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error { return s.savePurchaseOrder(ctx, tx, &po) })
	if err != nil {
		return app.PurchaseOrder{}, err
	}
	return s.PurchaseOrder(ctx, po.ID)
}

func (s *Store) savePurchaseOrder(ctx context.Context, tx *sql.Tx, po *app.PurchaseOrder) error {
	fresh := po.ID == ""
	if fresh {
		po.ID = s.newID()
	}
	if err := checkPurchaseOrder(ctx, tx, *po); err != nil {
		return err
	}
	if fresh {
		if err := s.insertRecord(ctx, tx, tablePurchaseOrder, po.ID, poRecord(*po)); err != nil {
			return err
		}
	} else if _, err := s.updateRecord(ctx, tx, tablePurchaseOrder, po.ID, poRecord(*po)); err != nil {
		return err
	}
	old, err := lineIDs(ctx, tx, tablePOLine, "po_id", po.ID)
	if err != nil {
		return err
	}
	for i := range po.Lines {
		l := &po.Lines[i]
		switch {
		case l.ID == "" || !old[l.ID]:
			if l.ID == "" {
				l.ID = s.newID()
			}
			if err := s.insertRecord(ctx, tx, tablePOLine, l.ID, poLineRecord(po.ID, *l, i)); err != nil {
				return err
			}
		default:
			delete(old, l.ID)
			if _, err := s.updateRecord(ctx, tx, tablePOLine, l.ID, poLineRecord(po.ID, *l, i)); err != nil {
				return err
			}
		}
	}
	for id := range old {
		if err := s.deleteRecord(ctx, tx, tablePOLine, id); err != nil {
			return err
		}
	}
	return nil
}

// checkPurchaseOrder applies the order rules before a save: a new number
// is not taken, the location it is received at exists.
func checkPurchaseOrder(ctx context.Context, tx *sql.Tx, po app.PurchaseOrder) error {
	if err := checkNewValue(ctx, tx, tablePurchaseOrder, "number", po.Number, po.ID, "purchase_order"); err != nil {
		return err
	}
	if po.ReceiveAt != "" {
		return checkLive(ctx, tx, tableLocation, po.ReceiveAt, "purchase_order", "receive_at")
	}
	return nil
}

// lineIDs is the set of live line ids of a parent record.
func lineIDs(ctx context.Context, tx *sql.Tx, table, parentCol, parentID string) (map[string]bool, error) {
	ids, err := idsWhere(ctx, tx, fmt.Sprintf(`SELECT id FROM %s WHERE %s = ? AND deleted = 0`, table, parentCol), parentID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// checkNewValue refuses a value of column (a PO number, a shipment
// reference) that another live row already has, when the row is new or
// the value changes; as checkNewName, it never makes a record that sync
// brought together with a twin uneditable.
func checkNewValue(ctx context.Context, tx *sql.Tx, table, column, value, id, entity string) error {
	var old string
	err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE id = ? AND deleted = 0`, column, table), id).Scan(&old)
	switch {
	case err == nil && old == value:
		return nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE deleted = 0 AND %s = ? AND id <> ?`, table, column), value, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &app.FieldError{Entity: entity, Field: column, Code: app.CodeDuplicate}
	}
	return nil
}

// DeletePurchaseOrder removes a purchase order and its lines.
func (s *Store) DeletePurchaseOrder(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		lines, err := lineIDs(ctx, tx, tablePOLine, "po_id", id)
		if err != nil {
			return err
		}
		for l := range lines {
			if err := s.deleteRecord(ctx, tx, tablePOLine, l); err != nil {
				return err
			}
		}
		return s.deleteRecord(ctx, tx, tablePurchaseOrder, id)
	})
}

const poColumns = `id, number, supplier, currency, status, ordered_on, production_due, deposit_minor, deposit_due,
	deposit_paid, balance_due, balance_paid, receive_at, note`

func scanPO(r scanner) (app.PurchaseOrder, error) {
	var po app.PurchaseOrder
	var status, ordered, due, depDue, depPaid, balDue, balPaid string
	err := r.Scan(&po.ID, &po.Number, &po.Supplier, &po.Currency, &status, &ordered, &due, &po.Deposit, &depDue, &depPaid,
		&balDue, &balPaid, &po.ReceiveAt, &po.Note)
	po.Status = app.POStatus(status)
	po.OrderedOn, po.ProductionDue = parseDay(ordered), parseDay(due)
	po.DepositDue, po.DepositPaid, po.BalanceDue, po.BalancePaid = parseDay(depDue), parseDay(depPaid), parseDay(balDue), parseDay(balPaid)
	return po, err
}

// PurchaseOrder returns one purchase order with its lines.
func (s *Store) PurchaseOrder(ctx context.Context, id string) (app.PurchaseOrder, error) {
	pos, err := s.queryPurchaseOrders(ctx, s.read, ` AND id = ?`, id)
	if err != nil {
		return app.PurchaseOrder{}, err
	}
	if len(pos) == 0 {
		return app.PurchaseOrder{}, fmt.Errorf("purchase order %s: %w", id, app.ErrNotFound)
	}
	return pos[0], nil
}

// PurchaseOrders lists purchase orders with their lines, newest order
// date first; openOnly keeps the ones still bringing stock.
func (s *Store) PurchaseOrders(ctx context.Context, openOnly bool) ([]app.PurchaseOrder, error) {
	where := ""
	if openOnly {
		where = fmt.Sprintf(` AND status IN ('%s', '%s', '%s')`, app.POOrdered, app.POProduction, app.POReady)
	}
	return s.queryPurchaseOrders(ctx, s.read, where)
}

func (s *Store) queryPurchaseOrders(ctx context.Context, q querier, where string, args ...any) ([]app.PurchaseOrder, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+poColumns+` FROM purchase_order WHERE deleted = 0`+where+`
		ORDER BY ordered_on DESC, number DESC, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	var out []app.PurchaseOrder
	index := map[string]int{}
	for rows.Next() {
		po, err := scanPO(rows)
		if err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		index[po.ID] = len(out)
		out = append(out, po)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	// The lines of the orders found, in one query.
	lrows, err := q.QueryContext(ctx, `SELECT id, po_id, sku, qty, unit_cost_minor FROM purchase_order_line
		WHERE deleted = 0 AND po_id IN (SELECT value FROM json_each(?)) ORDER BY po_id, position, id`, jsonIDs(out, func(p app.PurchaseOrder) string { return p.ID }))
	if err != nil {
		return nil, mapErr(err)
	}
	defer lrows.Close()
	for lrows.Next() {
		var l app.POLine
		var poID string
		if err := lrows.Scan(&l.ID, &poID, &l.SKU, &l.Qty, &l.UnitCost); err != nil {
			return nil, mapErr(err)
		}
		if i, ok := index[poID]; ok {
			out[i].Lines = append(out[i].Lines, l)
		}
	}
	return out, mapErr(lrows.Err())
}

// POReceived is how many units of each SKU of a purchase order came in:
// received into a location, or shipped straight from the factory.
func (s *Store) POReceived(ctx context.Context, poID string) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT sku, sum(qty) FROM stock_flow WHERE po_id = ? AND kind = 'receipt' GROUP BY sku`, poID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var sku string
		var n int
		if err := rows.Scan(&sku, &n); err != nil {
			return nil, mapErr(err)
		}
		out[sku] = n
	}
	return out, mapErr(rows.Err())
}

// ReceivePurchaseOrder records goods of a purchase order arriving at a
// location on a day: a receipt movement per SKU (units above 0 only).
// Receiving everything that is left closes the order.
func (s *Store) ReceivePurchaseOrder(ctx context.Context, poID, locationID string, day app.Date, units map[string]int) ([]app.Movement, error) {
	po, err := s.PurchaseOrder(ctx, poID)
	if err != nil {
		return nil, err
	}
	if day.IsZero() {
		return nil, &app.FieldError{Entity: "movement", Field: "day", Code: app.CodeRequired}
	}
	ordered := map[string]bool{}
	for _, l := range po.Lines {
		ordered[l.SKU] = true
	}
	var moves []app.Movement
	for _, l := range po.Lines {
		n := units[l.SKU]
		if n < 0 || n > app.MaxMovementQty {
			return nil, &app.FieldError{Entity: "movement", Field: "qty", Code: app.CodeOutOfRange, Limit: app.MaxMovementQty}
		}
		if n == 0 {
			continue
		}
		moves = append(moves, app.Movement{ID: s.newID(), Day: day, SKU: l.SKU, LocationID: locationID, Qty: n,
			Kind: app.MoveReceipt, PurchaseOrderID: po.ID, Ref: po.Number, CreatedAt: s.now().UTC(), ActorID: s.Actor().ID})
	}
	for sku := range units {
		if !ordered[strings.TrimSpace(sku)] {
			return nil, &app.FieldError{Entity: "movement", Field: "sku", Code: app.CodeBadChoice}
		}
	}
	if len(moves) == 0 {
		return nil, &app.FieldError{Entity: "movement", Field: "qty", Code: app.CodeRequired}
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkLive(ctx, tx, tableLocation, locationID, "movement", "location"); err != nil {
			return err
		}
		for _, m := range moves {
			if err := s.appendRow(ctx, tx, tableMovement, m.ID, movementRecord(m)); err != nil {
				return err
			}
		}
		return s.closeIfReceived(ctx, tx, po)
	})
	if err != nil {
		return nil, err
	}
	return moves, nil
}

// closeIfReceived closes an open order once every line came in.
func (s *Store) closeIfReceived(ctx context.Context, tx *sql.Tx, po app.PurchaseOrder) error {
	if !po.Status.Open() {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT sku, sum(qty) FROM stock_flow WHERE po_id = ? AND kind = 'receipt' GROUP BY sku`, po.ID)
	if err != nil {
		return err
	}
	got := map[string]int{}
	for rows.Next() {
		var sku string
		var n int
		if err := rows.Scan(&sku, &n); err != nil {
			rows.Close()
			return err
		}
		got[sku] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range po.Lines {
		if got[l.SKU] < l.Qty {
			return nil
		}
	}
	_, err = s.updateRecord(ctx, tx, tablePurchaseOrder, po.ID, record{"status": string(app.POClosed)})
	return err
}

// NextPONumber suggests a number for a new purchase order: PO-YYMMDD-N,
// N one more than the orders numbered so on that day here.
func (s *Store) NextPONumber(ctx context.Context, day app.Date) (string, error) {
	y, m, d := day.YMD()
	prefix := fmt.Sprintf("PO-%02d%02d%02d-", y%100, int(m), d)
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM purchase_order WHERE number LIKE ? || '%'`, prefix).Scan(&n); err != nil {
		return "", mapErr(err)
	}
	return fmt.Sprintf("%s%d", prefix, n+1), nil
}

// poList is the purchase orders as a list.
var poList = listSpec{
	name:  "purchase orders",
	from:  "purchase_order p",
	where: "p.deleted = 0",
	id:    "p.id",
	tie:   "p.rowid",
	sorts: map[string][]string{
		app.POSortOrdered:  {"p.ordered_on"},
		app.POSortNumber:   {"p.number"},
		app.POSortSupplier: {"p.supplier", "p.ordered_on"},
		app.POSortDue:      {"CASE WHEN p.production_due = '' THEN '9999-12-31' ELSE p.production_due END"},
	},
	defaultSort: app.POSortOrdered,
	defaultDesc: true,
	filters: map[string]string{
		app.POFilterStatus:   "p.status = ?",
		app.POFilterSupplier: "p.supplier = ?",
		app.POFilterOpen:     "(p.status IN ('ordered', 'in_production', 'ready')) = CAST(? AS INTEGER)",
	},
	search: func(text string) (string, []any) {
		p := likeContains(text)
		return `(p.number LIKE ? ESCAPE '\' OR p.supplier LIKE ? ESCAPE '\' OR p.note LIKE ? ESCAPE '\'
			OR EXISTS (SELECT 1 FROM purchase_order_line l WHERE l.po_id = p.id AND l.deleted = 0 AND l.sku LIKE ? ESCAPE '\'))`,
			[]any{p, p, p, p}
	},
}

// ListPurchaseOrders returns a page of purchase orders (app.POSort*,
// POFilter*) with their lines; the search matches number, supplier, note
// and SKUs.
func (s *Store) ListPurchaseOrders(ctx context.Context, q app.ListQuery) ([]app.PurchaseOrder, int, error) {
	l, err := poList.build(ctx, s.read, q, "p.id")
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.PurchaseOrder, error) {
		ids, err := idsOf(ctx, s.read, query, args...)
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		pos, err := s.queryPurchaseOrders(ctx, s.read, ` AND id IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`)`, ids...)
		if err != nil {
			return nil, err
		}
		byID := map[string]app.PurchaseOrder{}
		for _, po := range pos {
			byID[po.ID] = po
		}
		out := make([]app.PurchaseOrder, 0, len(ids))
		for _, id := range ids {
			out = append(out, byID[id.(string)])
		}
		return out, nil
	})
}

// idsOf is the first column of a query's rows, as query arguments.
func idsOf(ctx context.Context, q querier, query string, args ...any) ([]any, error) {
	ids, err := stringsOf(ctx, q, query, args...)
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out, err
}

// stringsOf is the first column of a query's rows.
func stringsOf(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

// jsonIDs is the ids of items as a JSON array, for "IN (SELECT value
// FROM json_each(?))": one parameter however many ids.
func jsonIDs[T any](items []T, id func(T) string) string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = id(it)
	}
	b, _ := json.Marshal(ids) // strings always encode
	return string(b)
}
