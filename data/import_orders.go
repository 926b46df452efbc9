package data

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

// SaleLine is one order line as sale_line keeps it: its units on the
// purchase day (in the marketplace's time zone). A cancelled line adds
// its units and takes them back (see the 0007 migration).
type SaleLine struct {
	OrderID string
	SKU     string
	// Seq numbers lines of the same SKU within one order: 1, 2...
	Seq         int
	PurchasedAt time.Time
	Day         app.Date
	Qty         int
	Marketplace string
	Channel     string // fulfilment channel: Amazon (FBA) or Merchant
	Amount      int64  // item price of the whole line, minor units
	Currency    string
	Cancelled   bool
}

// key identifies the line across imports and desks: the order, the SKU
// and its place among the order's lines of that SKU. It does not use the
// order-item-id some reports carry, so the same line reads the same from
// every kind of orders report.
func (l SaleLine) key() string {
	k := "sale\x00" + l.OrderID + "\x00" + l.SKU
	if l.Seq > 1 {
		k += "\x00" + strconv.Itoa(l.Seq)
	}
	return k
}

var saleColumns = []string{"day", "sku", "qty", "order_id", "marketplace", "channel", "amount_minor", "currency", "purchased_at"}

// writeSale queues a line's entries: its units, and for a cancelled line
// the entry taking them back.
func writeSale(r *importRun, l SaleLine) error {
	if l.Qty == 0 {
		return nil // nothing sold, nothing to count
	}
	at, day := formatInstant(l.PurchasedAt), dayText(l.Day)
	key := l.key()
	if err := r.write(tableSaleLine, saleColumns, app.TimeID(l.PurchasedAt, key),
		day, l.SKU, l.Qty, l.OrderID, l.Marketplace, l.Channel, l.Amount, l.Currency, at); err != nil {
		return err
	}
	if !l.Cancelled {
		return nil
	}
	return r.writeTo("cancel", tableSaleLine, saleColumns, app.TimeID(l.PurchasedAt, key+"\x00cancelled"),
		day, l.SKU, -l.Qty, l.OrderID, l.Marketplace, l.Channel, -l.Amount, l.Currency, at)
}

// AddSaleLines records order lines without a file (the demo data): the
// same rows, ids and rules as importing an All Orders file. It returns
// how many lines were new.
func (s *Store) AddSaleLines(ctx context.Context, lines []SaleLine) (int, error) {
	var added int
	err := s.withBulkTx(ctx, func(tx *sql.Tx) error {
		run := &importRun{s: s, ctx: ctx, tx: tx, batches: map[string]*appendBatch{}}
		for _, l := range lines {
			if err := writeSale(run, l); err != nil {
				return err
			}
		}
		err := run.closeBatches()
		added = run.added
		return err
	})
	return added, err
}

// ordersKind imports the All Orders flat file into sale_line.
type ordersKind struct{}

func (ordersKind) Kind() reports.Kind { return reports.KindAllOrders }
func (ordersKind) Dates() DateNeed    { return NeedNoDate }

func (ordersKind) read(ctx context.Context, run *importRun, f *reports.File) (*reports.Summary, error) {
	zones := map[string]*time.Location{}
	// Lines of one order come together: counting repeated SKUs within the
	// current order numbers them without remembering the whole file.
	var lastOrder string
	seen := map[string]int{}
	return f.Orders(ctx, func(o reports.OrderLine) error {
		m := run.marketplace(o.SalesChannel, o.SKU)
		loc, ok := zones[m.Code]
		if !ok {
			loc = m.Location()
			zones[m.Code] = loc
		}
		if o.OrderID != lastOrder {
			lastOrder = o.OrderID
			clear(seen)
		}
		seen[o.SKU]++
		l := SaleLine{OrderID: o.OrderID, SKU: o.SKU, Seq: seen[o.SKU], PurchasedAt: o.PurchaseDate,
			Day: app.DateOf(o.PurchaseDate, loc), Qty: o.Quantity, Marketplace: m.Code, Channel: o.FulfillmentChannel,
			Amount: o.ItemPrice, Currency: o.Currency, Cancelled: o.Cancelled}
		if run.ahead(o.Row, "purchase-date", o.PurchaseDate) {
			return nil
		}
		run.day(l.Day)
		run.known(o.SKU, app.Product{ASIN: o.ASIN, Title: o.ProductName, Marketplace: m.Code})
		return writeSale(run, l)
	})
}

// DailySales are a SKU's units sold per day (cancellations netted out).
type DailySales struct {
	Day   app.Date
	Units int
}

// SKUDailySales lists a SKU's units per day from..to (inclusive), days
// without sales left out.
func (s *Store) SKUDailySales(ctx context.Context, sku string, from, to app.Date) ([]DailySales, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT day, sum(qty) FROM sale_line
		WHERE sku = ? AND day BETWEEN ? AND ? AND deleted = 0 GROUP BY day ORDER BY day`, sku, dayText(from), dayText(to))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []DailySales
	for rows.Next() {
		var d DailySales
		var day string
		if err := rows.Scan(&day, &d.Units); err != nil {
			return nil, mapErr(err)
		}
		d.Day = parseDay(day)
		out = append(out, d)
	}
	return out, mapErr(rows.Err())
}

// OrderSales is what the sale lines of one Amazon order hold.
type OrderSales struct {
	// Units is the units the order counts (cancelled lines netted out).
	Units int
	// Lines counts its order lines; Cancelled those taken back.
	Lines     int
	Cancelled int
	SKUs      []string
}

// OrderSales sums the sale lines of an Amazon order (the service area
// looks an order up by its id).
func (s *Store) OrderSales(ctx context.Context, orderID string) (OrderSales, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT sku, qty FROM sale_line WHERE order_id = ? AND deleted = 0 ORDER BY sku`, orderID)
	if err != nil {
		return OrderSales{}, mapErr(err)
	}
	defer rows.Close()
	var o OrderSales
	for rows.Next() {
		var sku string
		var qty int
		if err := rows.Scan(&sku, &qty); err != nil {
			return OrderSales{}, mapErr(err)
		}
		o.Units += qty
		if qty > 0 {
			o.Lines++
			if len(o.SKUs) == 0 || o.SKUs[len(o.SKUs)-1] != sku {
				o.SKUs = append(o.SKUs, sku)
			}
		} else {
			o.Cancelled++
		}
	}
	return o, mapErr(rows.Err())
}
