package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/opsbench/opsbench/app"
)

func shipmentRecord(sh app.Shipment) record {
	return record{
		"ref": sh.Ref, "from_id": sh.FromID, "to_id": sh.ToID, "mode": sh.Mode, "forwarder": sh.Forwarder,
		"booked_on": dayText(sh.BookedOn), "departed_on": dayText(sh.DepartedOn), "arrived_on": dayText(sh.ArrivedOn),
		"eta": dayText(sh.ETA), "quoted_days": sh.QuotedDays, "tracking": sh.Tracking, "cost_minor": sh.Cost,
		"currency": sh.Currency, "cost_paid_on": dayText(sh.CostPaidOn), "weight_g": sh.WeightG,
		"volume_cm3": sh.VolumeCm3, "cancelled": sh.Cancelled, "note": sh.Note,
	}
}

func shipmentLineRecord(shipmentID string, l app.ShipmentLine, pos int) record {
	return record{"shipment_id": shipmentID, "sku": l.SKU, "qty": l.Qty, "po_id": l.PurchaseOrderID, "position": pos}
}

// SaveShipment creates (empty ID) or saves a shipment with its lines and
// files. Setting DepartedOn departs it (its lines' stock leaves From for
// transit) and ArrivedOn arrives it (out of transit, into To); clearing
// them undoes that. A departed shipment's lines cannot change any more
// (its stock has moved): correct a count with an adjustment. A cancelled
// shipment moves nothing; one that departed cannot be cancelled.
func (s *Store) SaveShipment(ctx context.Context, sh app.Shipment) (app.Shipment, error) {
	sh = sh.Normalize()
	if err := sh.Validate(); err != nil {
		return app.Shipment{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error { return s.saveShipment(ctx, tx, &sh) })
	if err != nil {
		return app.Shipment{}, err
	}
	return s.Shipment(ctx, sh.ID)
}

func (s *Store) saveShipment(ctx context.Context, tx *sql.Tx, sh *app.Shipment) error {
	fresh := sh.ID == ""
	if fresh {
		sh.ID = s.newID()
	}
	if err := s.checkShipment(ctx, tx, *sh, fresh); err != nil {
		return err
	}
	if fresh {
		if err := s.insertRecord(ctx, tx, tableShipment, sh.ID, shipmentRecord(*sh)); err != nil {
			return err
		}
	} else if _, err := s.updateRecord(ctx, tx, tableShipment, sh.ID, shipmentRecord(*sh)); err != nil {
		return err
	}
	old, err := lineIDs(ctx, tx, tableShipmentLine, "shipment_id", sh.ID)
	if err != nil {
		return err
	}
	for i := range sh.Lines {
		l := &sh.Lines[i]
		if l.ID != "" && old[l.ID] {
			delete(old, l.ID)
			if _, err := s.updateRecord(ctx, tx, tableShipmentLine, l.ID, shipmentLineRecord(sh.ID, *l, i)); err != nil {
				return err
			}
			continue
		}
		if l.ID == "" {
			l.ID = s.newID()
		}
		if err := s.insertRecord(ctx, tx, tableShipmentLine, l.ID, shipmentLineRecord(sh.ID, *l, i)); err != nil {
			return err
		}
	}
	for id := range old {
		if err := s.deleteRecord(ctx, tx, tableShipmentLine, id); err != nil {
			return err
		}
	}
	oldFiles, err := lineIDs(ctx, tx, tableShipmentFile, "shipment_id", sh.ID)
	if err != nil {
		return err
	}
	for i := range sh.Files {
		f := &sh.Files[i]
		if f.ID != "" && oldFiles[f.ID] {
			delete(oldFiles, f.ID)
			continue
		}
		if err := checkLive(ctx, tx, "attachment", f.AttachmentID, "shipment", "files"); err != nil {
			return err
		}
		if f.ID == "" {
			f.ID = s.newID()
		}
		if err := s.insertRecord(ctx, tx, tableShipmentFile, f.ID, record{"shipment_id": sh.ID, "attachment_id": f.AttachmentID, "name": f.Name}); err != nil {
			return err
		}
	}
	for id := range oldFiles {
		if err := s.deleteRecord(ctx, tx, tableShipmentFile, id); err != nil {
			return err
		}
	}
	return nil
}

// checkShipment applies the shipment rules before a save: a departed
// shipment's lines are fixed, one that departed cannot be cancelled, a
// new reference is not taken, both ends exist; a departed one needs the
// transit location.
func (s *Store) checkShipment(ctx context.Context, tx *sql.Tx, sh app.Shipment, fresh bool) error {
	if !fresh {
		old, err := queryShipments(ctx, tx, ` AND id = ?`, sh.ID)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return fmt.Errorf("shipment %s: %w", sh.ID, app.ErrNotFound)
		}
		if err := checkDepartedLines(old[0], sh); err != nil {
			return err
		}
	}
	if sh.Cancelled && !sh.DepartedOn.IsZero() {
		return &app.FieldError{Entity: "shipment", Field: "cancelled", Code: app.CodeBadChoice}
	}
	if err := checkNewValue(ctx, tx, tableShipment, "ref", sh.Ref, sh.ID, "shipment"); err != nil {
		return err
	}
	for _, end := range [][2]string{{sh.FromID, "from"}, {sh.ToID, "to"}} {
		if err := checkLive(ctx, tx, tableLocation, end[0], "shipment", end[1]); err != nil {
			return err
		}
	}
	if !sh.DepartedOn.IsZero() {
		return s.ensureLocation(ctx, tx, TransitLocation())
	}
	return nil
}

// checkDepartedLines refuses changing the lines of a shipment that had
// departed (and still has).
func checkDepartedLines(old, next app.Shipment) error {
	if old.DepartedOn.IsZero() || next.DepartedOn.IsZero() {
		return nil
	}
	key := func(l app.ShipmentLine) string { return fmt.Sprintf("%s\x00%s\x00%d", l.SKU, l.PurchaseOrderID, l.Qty) }
	a, b := make([]string, len(old.Lines)), make([]string, len(next.Lines))
	for i, l := range old.Lines {
		a[i] = key(l)
	}
	for i, l := range next.Lines {
		b[i] = key(l)
	}
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		return &app.FieldError{Entity: "shipment", Field: "lines", Code: app.CodeBadChoice}
	}
	return nil
}

// DepartShipment records that a shipment left on day: its lines' stock
// moves from its origin into transit.
func (s *Store) DepartShipment(ctx context.Context, id string, day app.Date) (app.Shipment, error) {
	return s.editShipment(ctx, id, func(sh *app.Shipment) error {
		if day.IsZero() {
			return &app.FieldError{Entity: "shipment", Field: "departed_on", Code: app.CodeRequired}
		}
		if sh.BookedOn.IsZero() || sh.BookedOn > day {
			sh.BookedOn = day
		}
		sh.DepartedOn = day
		return nil
	})
}

// ArriveShipment records that a shipment arrived on day: its lines' stock
// moves from transit into its destination. A shipment that never
// departed departs the same day.
func (s *Store) ArriveShipment(ctx context.Context, id string, day app.Date) (app.Shipment, error) {
	return s.editShipment(ctx, id, func(sh *app.Shipment) error {
		if day.IsZero() {
			return &app.FieldError{Entity: "shipment", Field: "arrived_on", Code: app.CodeRequired}
		}
		if sh.DepartedOn.IsZero() || sh.DepartedOn > day {
			sh.DepartedOn = day
			if sh.BookedOn.IsZero() || sh.BookedOn > day {
				sh.BookedOn = day
			}
		}
		sh.ArrivedOn = day
		return nil
	})
}

func (s *Store) editShipment(ctx context.Context, id string, edit func(*app.Shipment) error) (app.Shipment, error) {
	sh, err := s.Shipment(ctx, id)
	if err != nil {
		return app.Shipment{}, err
	}
	if err := edit(&sh); err != nil {
		return app.Shipment{}, err
	}
	return s.SaveShipment(ctx, sh)
}

// AttachShipmentFile stores a file (a freight invoice, a receipt) and
// keeps it with the shipment.
func (s *Store) AttachShipmentFile(ctx context.Context, shipmentID, name string, content []byte) (app.ShipmentFile, error) {
	a, err := s.AddAttachment(ctx, name, content)
	if err != nil {
		return app.ShipmentFile{}, err
	}
	f := app.ShipmentFile{ID: s.newID(), AttachmentID: a.ID, Name: a.Name}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkLive(ctx, tx, tableShipment, shipmentID, "shipment_file", "shipment"); err != nil {
			return err
		}
		return s.insertRecord(ctx, tx, tableShipmentFile, f.ID, record{"shipment_id": shipmentID, "attachment_id": a.ID, "name": f.Name})
	})
	if err != nil {
		return app.ShipmentFile{}, err
	}
	return f, nil
}

// RemoveShipmentFile takes a file off a shipment (the attachment itself
// stays: it may travel in sync bundles still).
func (s *Store) RemoveShipmentFile(ctx context.Context, fileID string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableShipmentFile, fileID) })
}

// DeleteShipment removes a shipment that has not departed.
func (s *Store) DeleteShipment(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		old, err := queryShipments(ctx, tx, ` AND id = ?`, id)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return fmt.Errorf("shipment %s: %w", id, app.ErrNotFound)
		}
		if !old[0].DepartedOn.IsZero() {
			return &app.FieldError{Entity: "shipment", Field: "departed_on", Code: app.CodeBadChoice}
		}
		for _, table := range []string{tableShipmentLine, tableShipmentFile} {
			ids, err := lineIDs(ctx, tx, table, "shipment_id", id)
			if err != nil {
				return err
			}
			for l := range ids {
				if err := s.deleteRecord(ctx, tx, table, l); err != nil {
					return err
				}
			}
		}
		return s.deleteRecord(ctx, tx, tableShipment, id)
	})
}

const shipmentColumns = `id, ref, from_id, to_id, mode, forwarder, booked_on, departed_on, arrived_on, eta, quoted_days,
	tracking, cost_minor, currency, cost_paid_on, weight_g, volume_cm3, cancelled, note`

func scanShipment(r scanner) (app.Shipment, error) {
	var sh app.Shipment
	var booked, departed, arrived, eta, paid string
	err := r.Scan(&sh.ID, &sh.Ref, &sh.FromID, &sh.ToID, &sh.Mode, &sh.Forwarder, &booked, &departed, &arrived, &eta,
		&sh.QuotedDays, &sh.Tracking, &sh.Cost, &sh.Currency, &paid, &sh.WeightG, &sh.VolumeCm3, &sh.Cancelled, &sh.Note)
	sh.BookedOn, sh.DepartedOn, sh.ArrivedOn, sh.ETA, sh.CostPaidOn = parseDay(booked), parseDay(departed), parseDay(arrived), parseDay(eta), parseDay(paid)
	return sh, err
}

// Shipment returns one shipment with its lines and files.
func (s *Store) Shipment(ctx context.Context, id string) (app.Shipment, error) {
	shs, err := queryShipments(ctx, s.read, ` AND id = ?`, id)
	if err != nil {
		return app.Shipment{}, err
	}
	if len(shs) == 0 {
		return app.Shipment{}, fmt.Errorf("shipment %s: %w", id, app.ErrNotFound)
	}
	return shs[0], nil
}

// Shipments lists every shipment with its lines, newest first.
func (s *Store) Shipments(ctx context.Context) ([]app.Shipment, error) {
	return queryShipments(ctx, s.read, ``)
}

// ShipmentsArrivingBy lists the shipments on their way (booked or
// departed, not arrived, not cancelled) expected by day to (included),
// overdue ones too, soonest first: the Today card's "arriving this week".
func (s *Store) ShipmentsArrivingBy(ctx context.Context, to app.Date) ([]app.Shipment, error) {
	shs, err := queryShipments(ctx, s.read, ` AND arrived_on = '' AND cancelled = 0 AND (booked_on <> '' OR departed_on <> '')`)
	if err != nil {
		return nil, err
	}
	var out []app.Shipment
	for _, sh := range shs {
		if due := sh.ExpectedArrival(); !due.IsZero() && due <= to {
			out = append(out, sh)
		}
	}
	slices.SortFunc(out, func(a, b app.Shipment) int { return int(a.ExpectedArrival() - b.ExpectedArrival()) })
	return out, nil
}

func queryShipments(ctx context.Context, q querier, where string, args ...any) ([]app.Shipment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+shipmentColumns+` FROM shipment WHERE deleted = 0`+where+`
		ORDER BY coalesce(nullif(departed_on, ''), nullif(booked_on, ''), '9999') DESC, ref, id`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	var out []app.Shipment
	index := map[string]int{}
	for rows.Next() {
		sh, err := scanShipment(rows)
		if err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		index[sh.ID] = len(out)
		out = append(out, sh)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	// The lines and files of the shipments found, one query each.
	filter, fargs := ` AND shipment_id IN (SELECT value FROM json_each(?))`, []any{jsonIDs(out, func(s app.Shipment) string { return s.ID })}
	lrows, err := q.QueryContext(ctx, `SELECT id, shipment_id, sku, qty, po_id FROM shipment_line WHERE deleted = 0`+filter+`
		ORDER BY shipment_id, position, id`, fargs...)
	if err != nil {
		return nil, mapErr(err)
	}
	for lrows.Next() {
		var l app.ShipmentLine
		var sid string
		if err := lrows.Scan(&l.ID, &sid, &l.SKU, &l.Qty, &l.PurchaseOrderID); err != nil {
			lrows.Close()
			return nil, mapErr(err)
		}
		if i, ok := index[sid]; ok {
			out[i].Lines = append(out[i].Lines, l)
		}
	}
	lrows.Close()
	if err := lrows.Err(); err != nil {
		return nil, mapErr(err)
	}
	frows, err := q.QueryContext(ctx, `SELECT id, shipment_id, attachment_id, name FROM shipment_file WHERE deleted = 0`+filter+`
		ORDER BY shipment_id, name, id`, fargs...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer frows.Close()
	for frows.Next() {
		var f app.ShipmentFile
		var sid string
		if err := frows.Scan(&f.ID, &sid, &f.AttachmentID, &f.Name); err != nil {
			return nil, mapErr(err)
		}
		if i, ok := index[sid]; ok {
			out[i].Files = append(out[i].Files, f)
		}
	}
	return out, mapErr(frows.Err())
}

// shipmentStatusSQL is app.Shipment.Status in SQL.
const shipmentStatusSQL = `CASE WHEN s.cancelled = 1 THEN 'cancelled' WHEN s.arrived_on <> '' THEN 'arrived'
	WHEN s.departed_on <> '' THEN 'in_transit' WHEN s.booked_on <> '' THEN 'booked' ELSE 'draft' END`

// shipmentList is the shipments as a list.
var shipmentList = listSpec{
	name:  "shipments",
	from:  "shipment s",
	where: "s.deleted = 0",
	id:    "s.id",
	tie:   "s.rowid",
	sorts: map[string][]string{
		// Not yet departed sort after the latest departure (newest first).
		app.ShipmentSortDeparted: {"CASE WHEN s.departed_on = '' THEN '9999-12-31' ELSE s.departed_on END"},
		app.ShipmentSortRef:      {"s.ref"},
		app.ShipmentSortETA:      {"CASE WHEN s.arrived_on <> '' THEN s.arrived_on WHEN s.eta <> '' THEN s.eta ELSE '9999-12-31' END"},
		app.ShipmentSortMode:     {"s.mode", "s.departed_on"},
	},
	defaultSort: app.ShipmentSortDeparted,
	defaultDesc: true,
	filters: map[string]string{
		app.ShipmentFilterStatus:    "(" + shipmentStatusSQL + ") = ?",
		app.ShipmentFilterMode:      "s.mode = ?",
		app.ShipmentFilterForwarder: "s.forwarder = ?",
		app.ShipmentFilterTo:        "s.to_id = ?",
	},
	search: func(text string) (string, []any) {
		p := likeContains(text)
		return `(s.ref LIKE ? ESCAPE '\' OR s.tracking LIKE ? ESCAPE '\' OR s.forwarder LIKE ? ESCAPE '\'
			OR EXISTS (SELECT 1 FROM shipment_line l WHERE l.shipment_id = s.id AND l.deleted = 0 AND l.sku LIKE ? ESCAPE '\'))`,
			[]any{p, p, p, p}
	},
}

// ListShipments returns a page of shipments (app.ShipmentSort*,
// ShipmentFilter*) with their lines; the search matches reference,
// tracking number, forwarder and SKUs.
func (s *Store) ListShipments(ctx context.Context, q app.ListQuery) ([]app.Shipment, int, error) {
	l, err := shipmentList.build(ctx, s.read, q, shipmentColumns)
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.Shipment, error) {
		rows, err := s.read.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, mapErr(err)
		}
		var ids []any
		var out []app.Shipment
		for rows.Next() {
			sh, err := scanShipment(rows)
			if err != nil {
				rows.Close()
				return nil, mapErr(err)
			}
			ids = append(ids, sh.ID)
			out = append(out, sh)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(out) == 0 {
			return out, mapErr(err)
		}
		// The page's lines, in one query.
		lines, err := queryShipments(ctx, s.read, ` AND id IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+`)`, ids...)
		if err != nil {
			return nil, err
		}
		byID := map[string]app.Shipment{}
		for _, sh := range lines {
			byID[sh.ID] = sh
		}
		for i := range out {
			out[i].Lines, out[i].Files = byID[out[i].ID].Lines, byID[out[i].ID].Files
		}
		return out, nil
	})
}

// Forwarders lists the forwarders named on shipments, for filters.
func (s *Store) Forwarders(ctx context.Context) ([]string, error) {
	return stringsOf(ctx, s.read, `SELECT DISTINCT forwarder FROM shipment WHERE deleted = 0 AND forwarder <> '' ORDER BY 1`)
}
