package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// HistoryDays is how many days of sales the reorder inputs carry: the
// 30 in-stock days sigma needs, with room for two months of stock-outs.
const HistoryDays = 90

// snapshotLookback is how far before the history the FBA snapshot that
// starts the stock-out estimate may lie (teams import one a week or more).
const snapshotLookback = 30

// ReorderData is everything the reorder plan reads, from one snapshot of
// the database: every SKU's sales history with its stock-out days, where
// its units are, the office's shipping modes and settings.
type ReorderData struct {
	Today    app.Date
	Inputs   []app.ReorderInput // every live product, by SKU
	Modes    []app.ShippingMode // the office's saved modes
	Measured map[string][]float64
	Settings app.InventorySettings
	// For the cash forecast: what open purchase orders and shipments
	// still have to pay, and the newest cash entries.
	Payments []app.Payment
	Cash     map[app.CashKind]app.CashEntry
}

// ReorderData reads the reorder inputs of every SKU for the plan of day
// today (its sales history ends the day before). It runs a handful of
// aggregating queries, whatever the number of SKUs, and one pass over
// their rows.
func (s *Store) ReorderData(ctx context.Context, today app.Date) (ReorderData, error) {
	return s.reorderData(ctx, today, "")
}

// ReorderDataFor reads the reorder inputs of one SKU (its detail screen):
// the same as ReorderData, for that SKU only.
func (s *Store) ReorderDataFor(ctx context.Context, today app.Date, sku string) (ReorderData, error) {
	return s.reorderData(ctx, today, sku)
}

func (s *Store) reorderData(ctx context.Context, today app.Date, sku string) (ReorderData, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ReorderData{}, mapErr(err)
	}
	defer tx.Rollback()
	d := ReorderData{Today: today, Measured: map[string][]float64{}}
	pq, pargs := `SELECT `+productColumns+` FROM product WHERE deleted = 0`, []any{}
	if sku != "" {
		pq, pargs = pq+` AND sku = ?`, append(pargs, sku)
	}
	products, err := queryProducts(ctx, tx, pq+` ORDER BY sku`, pargs...)
	if err != nil {
		return d, err
	}
	if d.Settings, err = inventorySettings(ctx, tx); err != nil {
		return d, err
	}
	if d.Modes, err = shippingModes(ctx, tx, true); err != nil {
		return d, err
	}
	if err := measuredTransit(ctx, tx, d.Measured); err != nil {
		return d, err
	}
	if d.Payments, err = openPayments(ctx, tx); err != nil {
		return d, err
	}
	if d.Cash, err = latestCash(ctx, tx); err != nil {
		return d, err
	}
	b := newReorderBuild(today, products)
	b.only = sku
	// The sales (a row per SKU and day, the most to read) are read on a
	// second connection meanwhile. Its snapshot may be a moment younger:
	// the figures are computed again after any change (DataVersion).
	sales := make(chan error, 1)
	go func() {
		stx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			sales <- err
			return
		}
		defer stx.Rollback()
		sales <- b.sales(ctx, stx)
	}()
	var stepErr error
	for _, step := range []func(context.Context, *sql.Tx) error{b.snapshots, b.balances, b.transit, b.ordered, b.fbaManual} {
		if stepErr = step(ctx, tx); stepErr != nil {
			break
		}
	}
	if err := <-sales; err != nil {
		return d, mapErr(err)
	}
	if stepErr != nil {
		return d, mapErr(stepErr)
	}
	d.Inputs = b.finish()
	return d, nil
}

// measuredTransit collects, per shipping mode (lower case), the transit
// days of its arrived shipments.
func measuredTransit(ctx context.Context, q querier, into map[string][]float64) error {
	rows, err := q.QueryContext(ctx, `SELECT lower(mode), departed_on, arrived_on FROM shipment
		WHERE deleted = 0 AND cancelled = 0 AND departed_on <> '' AND arrived_on <> '' ORDER BY arrived_on, id`)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var mode, dep, arr string
		if err := rows.Scan(&mode, &dep, &arr); err != nil {
			return mapErr(err)
		}
		if a, b := parseDay(dep), parseDay(arr); !a.IsZero() && b >= a {
			into[mode] = append(into[mode], float64(b-a))
		}
	}
	return mapErr(rows.Err())
}

// reorderBuild gathers the inputs SKU by SKU as the queries stream in.
type reorderBuild struct {
	today, from, start app.Date // history from..today-1; data read from start
	only               string   // one SKU's inputs only ("" for all)
	skus               map[string]*skuBuild
	order              []string
}

type skuBuild struct {
	in app.ReorderInput
	// daily units from start to today-1 (start-based index)
	units []int
	// snapshots by day (start-based index), summed over marketplaces;
	// snapOn[i] is set when there is one.
	snap    []int
	snapOn  []bool
	arrived []int // units arriving at FBA each day (start-based)
	latest  fbaLatest
	// fbaAfter is what moved at FBA after the latest snapshot by hand
	// (replacements sent, adjustments): taken off the snapshot.
	fbaAfter int
	// arrivedAfter counts FBA-bound units that left after the latest
	// snapshot and arrived since: the snapshot does not know them.
	arrivedAfter int
	fbaLedger    int
}

type fbaLatest struct {
	day                                  app.Date
	fulfillable, working, shipped, recvg int
}

func newReorderBuild(today app.Date, products []app.Product) *reorderBuild {
	b := &reorderBuild{today: today, from: today.AddDays(-HistoryDays), skus: map[string]*skuBuild{}}
	b.start = b.from.AddDays(-snapshotLookback)
	n := int(today - b.start)
	for _, p := range products {
		sb := &skuBuild{in: app.ReorderInput{Product: p}, units: make([]int, n), snap: make([]int, n), snapOn: make([]bool, n), arrived: make([]int, n)}
		sb.in.Stock.SKU = p.SKU
		b.skus[p.SKU] = sb
		b.order = append(b.order, p.SKU)
	}
	return b
}

// index is a day's place in the start-based slices, or -1 outside them.
func (b *reorderBuild) index(d app.Date) int {
	if d < b.start || d >= b.today {
		return -1
	}
	return int(d - b.start)
}

func (b *reorderBuild) sales(ctx context.Context, tx *sql.Tx) error {
	// GROUP BY day, sku follows the index (day, sku, qty, deleted): no
	// sorting. The rows are many (a SKU-day each): read as bytes, they
	// allocate nothing.
	q, args := `SELECT day, sku, sum(qty) FROM sale_line WHERE day >= ? AND day < ? AND deleted = 0`, []any{dayText(b.start), dayText(b.today)}
	if b.only != "" {
		q, args = q+` AND sku = ?`, append(args, b.only)
	}
	rows, err := tx.QueryContext(ctx, q+` GROUP BY day, sku`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var dayB, sku sql.RawBytes
	var units int
	lastDay, i := "", -1
	for rows.Next() {
		if err := rows.Scan(&dayB, &sku, &units); err != nil {
			return err
		}
		if string(dayB) != lastDay {
			lastDay = string(dayB)
			i = b.index(dayOf(dayB))
		}
		if sb := b.skus[string(sku)]; sb != nil && i >= 0 {
			sb.units[i] += units
		}
	}
	return rows.Err()
}

// snapshots reads, from start on, every day's snapshot of each SKU (for
// the stock-out days), and each SKU's newest snapshot (for its supply).
// Of two downloads of a day, SQLite picks the one with the fewest units
// (the "bare columns" of a min() aggregate come from the row with the
// minimum; see latestSnapshotSQL); the rows, one per SKU and day, are
// read as bytes.
func (b *reorderBuild) snapshots(ctx context.Context, tx *sql.Tx) error {
	type latest struct {
		day                                      app.Date
		fulfillable, working, shipped, receiving int
	}
	newest := map[string]latest{} // sku + marketplace
	read := func(rows *sql.Rows, inWindow bool) error {
		defer rows.Close()
		var dayB, skuB, marketB, pickB sql.RawBytes
		var l latest
		for rows.Next() {
			if err := rows.Scan(&dayB, &skuB, &marketB, &l.fulfillable, &l.working, &l.shipped, &l.receiving, &pickB); err != nil {
				return err
			}
			sb := b.skus[string(skuB)]
			if sb == nil {
				continue
			}
			l.day = dayOf(dayB)
			if i := b.index(l.day); inWindow && i >= 0 {
				sb.snap[i] += l.fulfillable
				sb.snapOn[i] = true
			}
			k := string(skuB) + "\x00" + string(marketB)
			if old, ok := newest[k]; !ok || l.day > old.day {
				newest[k] = l
			}
		}
		return rows.Err()
	}
	only, args := "", []any{dayText(b.start), dayText(b.today)}
	if b.only != "" {
		only, args = ` AND sku = ?`, append(args, b.only)
	}
	rows, err := tx.QueryContext(ctx, `SELECT day, sku, marketplace, fulfillable, inbound_working, inbound_shipped, inbound_receiving,
		min(printf('%012d', fulfillable) || id) FROM fba_snapshot WHERE deleted = 0 AND day >= ? AND day <= ?`+only+`
		GROUP BY sku, marketplace, day`, args...)
	if err != nil {
		return err
	}
	if err := read(rows, true); err != nil {
		return err
	}
	// A SKU whose newest snapshot is older than start: its last day before.
	rows, err = tx.QueryContext(ctx, `SELECT f.day, f.sku, f.marketplace, f.fulfillable, f.inbound_working, f.inbound_shipped,
		f.inbound_receiving, min(printf('%012d', f.fulfillable) || f.id) FROM fba_snapshot f
		JOIN (SELECT sku AS s, max(day) AS d FROM fba_snapshot WHERE day < ? GROUP BY sku) m ON f.sku = m.s AND f.day = m.d
		WHERE f.deleted = 0 GROUP BY f.sku, f.marketplace, f.day`, dayText(b.start))
	if err != nil {
		return err
	}
	if err := read(rows, false); err != nil {
		return err
	}
	// A SKU sold in two marketplaces may have its newest snapshots on
	// different days: their figures add up, dated by the later one.
	for k, n := range newest {
		sku, _, _ := strings.Cut(k, "\x00")
		l := &b.skus[sku].latest
		l.fulfillable += n.fulfillable
		l.working += n.working
		l.shipped += n.shipped
		l.recvg += n.receiving
		l.day = max(l.day, n.day)
	}
	return nil
}

// dayOf reads a stored YYYY-MM-DD day from bytes without allocating; a
// damaged value reads as no day.
func dayOf(b []byte) app.Date {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return 0
	}
	num := func(p []byte) int {
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(b[:4]), num(b[5:7]), num(b[8:10])
	if y < 1 || m < 1 || m > 12 || d < 1 || d > app.DaysIn(y, time.Month(m)) {
		return 0
	}
	return app.NewDate(y, time.Month(m), d)
}

// balances sums the ledger per SKU and kind of location.
func (b *reorderBuild) balances(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT f.sku, f.location_id, coalesce(l.kind, ''), coalesce(l.name, ''), sum(f.qty)
		FROM stock_flow f LEFT JOIN location l ON l.id = f.location_id GROUP BY f.sku, f.location_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sku, loc, kind, name string
		var qty int
		if err := rows.Scan(&sku, &loc, &kind, &name, &qty); err != nil {
			return err
		}
		sb := b.skus[sku]
		if sb == nil {
			continue
		}
		st := &sb.in.Stock
		if qty < 0 {
			if name == "" {
				name = loc
			}
			st.Negative = append(st.Negative, name)
		}
		switch app.LocationKind(kind) {
		case app.LocationWarehouse, app.LocationSupplier:
			// Goods left at a factory after receipt wait to be shipped
			// like goods in the team's own warehouse.
			st.Local += qty
		case app.LocationOverseas:
			st.Overseas += qty
		case app.LocationFBA:
			sb.fbaLedger += qty
		}
	}
	return rows.Err()
}

// transit counts the units of departed shipments. Bound for FBA, a
// shipment that left on or before the SKU's newest snapshot is in that
// snapshot's inbound figures already (Amazon counts an inbound shipment
// once it is created and shipped), so only later departures count here;
// those that arrived since count as being received.
func (b *reorderBuild) transit(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT l.sku, lower(s.mode), s.departed_on, s.arrived_on, coalesce(d.kind, ''), sum(l.qty),
		s.eta, s.quoted_days
		FROM shipment s JOIN shipment_line l ON l.shipment_id = s.id AND l.deleted = 0
		LEFT JOIN location d ON d.id = s.to_id
		WHERE s.deleted = 0 AND s.cancelled = 0 AND s.departed_on <> '' AND (s.arrived_on = '' OR s.arrived_on >= ?)
		GROUP BY l.sku, s.id`, dayText(b.start))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sku, mode, dep, arr, kind, eta string
		var qty, quoted int
		if err := rows.Scan(&sku, &mode, &dep, &arr, &kind, &qty, &eta, &quoted); err != nil {
			return err
		}
		sb := b.skus[sku]
		if sb == nil {
			continue
		}
		departed, arrived := parseDay(dep), parseDay(arr)
		toFBA := app.LocationKind(kind) == app.LocationFBA
		if toFBA && !arrived.IsZero() {
			if i := b.index(arrived); i >= 0 {
				sb.arrived[i] += qty
			}
		}
		known := toFBA && !sb.latest.day.IsZero() && departed <= sb.latest.day
		switch {
		case arrived.IsZero() && !known:
			sb.in.Stock.InTransit += qty
			if sb.in.Stock.InTransitByMode == nil {
				sb.in.Stock.InTransitByMode = map[string]int{}
			}
			sb.in.Stock.InTransitByMode[mode] += qty
			sh := app.Shipment{DepartedOn: departed, ETA: parseDay(eta), QuotedDays: quoted}
			expected := sh.ETA
			if expected.IsZero() && quoted > 0 {
				expected = sh.ExpectedArrival()
			}
			sb.in.Stock.Inbound = append(sb.in.Stock.Inbound, app.Inbound{Kind: app.InboundTransit, Units: qty, Mode: mode,
				Departed: departed, Expected: expected, ToFBA: toFBA})
		case !arrived.IsZero() && toFBA && !known && arrived > sb.latest.day && !sb.latest.day.IsZero():
			sb.arrivedAfter += qty
		}
	}
	return rows.Err()
}

// ordered counts the units of open purchase orders not yet received or
// shipped.
func (b *reorderBuild) ordered(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT l.sku, l.qty, coalesce(r.qty, 0), p.production_due
		FROM purchase_order p JOIN purchase_order_line l ON l.po_id = p.id AND l.deleted = 0
		LEFT JOIN (SELECT po_id, sku, sum(qty) AS qty FROM stock_flow WHERE kind = 'receipt' AND po_id <> '' GROUP BY po_id, sku) r
		  ON r.po_id = p.id AND r.sku = l.sku
		WHERE p.deleted = 0 AND p.status IN (?, ?, ?) ORDER BY p.ordered_on, p.id, l.position`, string(app.POOrdered), string(app.POProduction), string(app.POReady))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sku, due string
		var qty, got int
		if err := rows.Scan(&sku, &qty, &got, &due); err != nil {
			return err
		}
		if sb := b.skus[sku]; sb != nil && qty > got {
			sb.in.Stock.Ordered += qty - got
			sb.in.Stock.Inbound = append(sb.in.Stock.Inbound, app.Inbound{Kind: app.InboundOrdered, Units: qty - got, Ready: parseDay(due)})
		}
	}
	return rows.Err()
}

// fbaManual sums the movements recorded at FBA by hand (replacements
// sent, adjustments) after each SKU's newest snapshot: the snapshot does
// not know them yet.
func (b *reorderBuild) fbaManual(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.sku, m.day, sum(m.qty) FROM stock_movement m JOIN location l ON l.id = m.location_id
		WHERE m.deleted = 0 AND l.kind = 'fba' GROUP BY m.sku, m.day`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sku, dayS string
		var qty int
		if err := rows.Scan(&sku, &dayS, &qty); err != nil {
			return err
		}
		if sb := b.skus[sku]; sb != nil && !sb.latest.day.IsZero() && parseDay(dayS) > sb.latest.day {
			sb.fbaAfter += qty
		}
	}
	return rows.Err()
}

// finish turns the gathered rows into the inputs.
func (b *reorderBuild) finish() []app.ReorderInput {
	out := make([]app.ReorderInput, 0, len(b.order))
	off := int(b.from - b.start)
	for _, sku := range b.order {
		sb := b.skus[sku]
		in := sb.in
		st := &in.Stock
		st.FBALedger = sb.fbaLedger
		if l := sb.latest; !l.day.IsZero() {
			st.SnapshotDay = l.day
			// The snapshot counts the stock as its day begins: what sold
			// from that day on has left it.
			first := 0
			switch {
			case l.day >= b.today:
				first = len(sb.units)
			case l.day >= b.start:
				first = b.index(l.day)
			}
			for _, u := range sb.units[first:] {
				st.SoldSinceSnapshot += u
			}
			// Sold since the snapshot's day began, and sent by hand since.
			st.FBAFulfillable = max(0, l.fulfillable-st.SoldSinceSnapshot+sb.fbaAfter)
			st.FBAInboundWorking, st.FBAInboundShipped = l.working, l.shipped
			st.FBAInboundReceiving = l.recvg + sb.arrivedAfter
		} else {
			// No report from Amazon yet: the ledger's count is all there is.
			st.FBAFulfillable = sb.fbaLedger
		}
		in.Sales = app.SalesHistory{From: b.from, Units: make([]float64, HistoryDays)}
		stockOut := b.stockOutDays(sb)
		anyOut := false
		for i := 0; i < HistoryDays; i++ {
			in.Sales.Units[i] = float64(sb.units[off+i])
			if stockOut[off+i] {
				anyOut = true
			}
		}
		if anyOut {
			in.Sales.InStock = make([]bool, HistoryDays)
			for i := range in.Sales.InStock {
				in.Sales.InStock[i] = !stockOut[off+i]
			}
		}
		out = append(out, in)
	}
	return out
}

// stockOutDays estimates, for each day from start, whether the SKU had no
// sellable FBA stock: from the newest snapshot on or before the day, less
// the units sold since, plus the units that arrived since; a day on which
// that is 0 or less and nothing sold is a stock-out. Days before the first
// snapshot are taken as in stock (nothing says otherwise).
func (b *reorderBuild) stockOutDays(sb *skuBuild) []bool {
	out := make([]bool, len(sb.units))
	have := false
	level := 0
	for i := range sb.units {
		if sb.snapOn[i] {
			have, level = true, sb.snap[i]
		}
		if have && level <= 0 && sb.units[i] == 0 {
			out[i] = true
		}
		level += sb.arrived[i] - sb.units[i]
	}
	return out
}

// PlanDay is the day a reorder plan is made for: today in the marketplace
// most of the catalog sells in (US when the catalog is empty). Its sales
// history ends the day before, the last whole day there: a team in China
// planning at 9:00 sees Amazon.com's yesterday complete.
func (s *Store) PlanDay(ctx context.Context) (app.Date, error) {
	return planDay(ctx, s.read, s.now())
}

func planDay(ctx context.Context, q queryer, now time.Time) (app.Date, error) {
	var code string
	err := q.QueryRowContext(ctx, `SELECT marketplace FROM product WHERE deleted = 0
		GROUP BY marketplace ORDER BY count(*) DESC, marketplace LIMIT 1`).Scan(&code)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, mapErr(err)
	}
	m, ok := app.MarketplaceOf(code)
	if !ok {
		m, _ = app.MarketplaceOf(app.DefaultMarketplace)
	}
	return app.DateOf(now, m.Location()), nil
}

// ReadReorderData reads the reorder inputs from the database at path
// without opening it for writing (the app may have it open), for the
// plan of today (zero: PlanDay).
func ReadReorderData(ctx context.Context, path string, today app.Date) (ReorderData, error) {
	info, err := Inspect(ctx, path)
	if err != nil {
		return ReorderData{}, err
	}
	if !info.Exists {
		return ReorderData{}, fmt.Errorf("%s: no such database file", path)
	}
	if err := checkOurs(path, info); err != nil {
		return ReorderData{}, err
	}
	if info.UserVersion < inventoryVersion {
		return ReorderData{}, fmt.Errorf("%s: data format %d has no inventory yet: open it once with this OpsBench to upgrade it", path, info.UserVersion)
	}
	db, err := openReadOnly(path)
	if err != nil {
		return ReorderData{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(2) // ReorderData reads the sales on a second connection
	s := &Store{read: db, now: time.Now}
	if today.IsZero() {
		if today, err = s.PlanDay(ctx); err != nil {
			return ReorderData{}, err
		}
	}
	return s.ReorderData(ctx, today)
}

// openPayments lists what open purchase orders and shipments still have
// to pay.
func openPayments(ctx context.Context, tx *sql.Tx) ([]app.Payment, error) {
	s := &Store{}
	pos, err := s.queryPurchaseOrders(ctx, tx, fmt.Sprintf(` AND status IN ('%s', '%s', '%s')`, app.POOrdered, app.POProduction, app.POReady))
	if err != nil {
		return nil, err
	}
	var out []app.Payment
	for _, po := range pos {
		out = append(out, po.OpenPayments()...)
	}
	shs, err := queryShipments(ctx, tx, ` AND cancelled = 0 AND cost_minor > 0 AND cost_paid_on = ''`)
	if err != nil {
		return nil, err
	}
	for _, sh := range shs {
		if p, ok := sh.OpenPayment(); ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// latestCash is the newest cash entry of each kind.
func latestCash(ctx context.Context, q querier) (map[app.CashKind]app.CashEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, day, kind, amount_minor, currency, note, entered_at FROM (
		SELECT *, row_number() OVER (PARTITION BY kind ORDER BY day DESC, entered_at DESC, id DESC) AS n
		  FROM cash_entry WHERE deleted = 0) WHERE n = 1`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[app.CashKind]app.CashEntry{}
	for rows.Next() {
		var c app.CashEntry
		var d, kind, at string
		if err := rows.Scan(&c.ID, &d, &kind, &c.Amount, &c.Currency, &c.Note, &at); err != nil {
			return nil, mapErr(err)
		}
		c.Day, c.Kind, c.EnteredAt = parseDay(d), app.CashKind(kind), parseInstant(at)
		out[c.Kind] = c
	}
	return out, mapErr(rows.Err())
}
