package data

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

// returnsKind imports the FBA customer returns report.
type returnsKind struct{}

func (returnsKind) Kind() reports.Kind { return reports.KindFBAReturns }
func (returnsKind) Dates() DateNeed    { return NeedNoDate }

var returnColumns = []string{"day", "returned_at", "marketplace", "order_id", "sku", "asin", "fnsku", "qty",
	"disposition", "reason", "status", "fulfillment_center", "license_plate", "comments"}

func (returnsKind) read(ctx context.Context, run *importRun, f *reports.File) (*reports.Summary, error) {
	zones := map[string]*time.Location{}
	return f.Returns(ctx, func(r reports.ReturnRow) error {
		m := run.marketplace("", r.SKU)
		loc, ok := zones[m.Code]
		if !ok {
			loc = m.Location()
			zones[m.Code] = loc
		}
		if run.ahead(r.Row, "return-date", r.ReturnDate) {
			return nil
		}
		day := app.DateOf(r.ReturnDate, loc)
		run.day(day)
		run.known(r.SKU, app.Product{ASIN: r.ASIN, FNSKU: r.FNSKU, Title: r.ProductName, Marketplace: m.Code})
		at := formatInstant(r.ReturnDate)
		// A return is the same return in a later download even when
		// Amazon has graded it or reimbursed it since: its status and
		// disposition are not part of its id.
		id := app.TimeID(r.ReturnDate, strings.Join([]string{tableFBAReturn, r.OrderID, r.SKU, r.LicensePlate, at, strconv.Itoa(r.Quantity)}, "\x00"))
		return run.write(tableFBAReturn, returnColumns, id, dayText(day), at, m.Code, r.OrderID, r.SKU, r.ASIN, r.FNSKU,
			r.Quantity, r.Disposition, r.Reason, r.Status, r.FulfillmentCenter, r.LicensePlate, r.Comments)
	})
}

// ReturnCount is the units returned of a SKU for one reason.
type ReturnCount struct {
	SKU    string
	Reason string
	Units  int
	// Returns is the number of return lines.
	Returns int
}

// ReturnsByReason counts the units returned per SKU and reason from..to
// (inclusive), most returned first (the service area reads these).
func (s *Store) ReturnsByReason(ctx context.Context, from, to app.Date) ([]ReturnCount, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT sku, reason, sum(qty), count(*) FROM fba_return
		WHERE deleted = 0 AND day BETWEEN ? AND ? GROUP BY sku, reason ORDER BY sum(qty) DESC, sku, reason`, dayText(from), dayText(to))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []ReturnCount
	for rows.Next() {
		var c ReturnCount
		if err := rows.Scan(&c.SKU, &c.Reason, &c.Units, &c.Returns); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// FBAReturn is one return line as imported.
type FBAReturn struct {
	Day         app.Date
	ReturnedAt  time.Time
	Marketplace string
	OrderID     string
	SKU         string
	Qty         int
	Disposition string
	Reason      string
	Status      string
	Comments    string
}

// OrderReturns lists the returns of an Amazon order (the service area
// shows them on a case).
func (s *Store) OrderReturns(ctx context.Context, orderID string) ([]FBAReturn, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT day, returned_at, marketplace, order_id, sku, qty, disposition, reason,
		status, comments FROM fba_return WHERE deleted = 0 AND order_id = ? ORDER BY returned_at, id`, orderID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []FBAReturn
	for rows.Next() {
		var r FBAReturn
		var day, at string
		if err := rows.Scan(&day, &at, &r.Marketplace, &r.OrderID, &r.SKU, &r.Qty, &r.Disposition, &r.Reason, &r.Status, &r.Comments); err != nil {
			return nil, mapErr(err)
		}
		r.Day, r.ReturnedAt = parseDay(day), parseInstant(at)
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}
