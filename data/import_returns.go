package data

import (
	"context"
	"database/sql"
	"fmt"
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
		l := ReturnLine{ReturnedAt: r.ReturnDate, Day: app.DateOf(r.ReturnDate, loc), Marketplace: m.Code, OrderID: r.OrderID,
			SKU: r.SKU, ASIN: r.ASIN, FNSKU: r.FNSKU, Qty: r.Quantity, Disposition: r.Disposition, Reason: r.Reason,
			Status: r.Status, FulfillmentCenter: r.FulfillmentCenter, LicensePlate: r.LicensePlate, Comments: r.Comments}
		run.day(l.Day)
		run.known(r.SKU, app.Product{ASIN: r.ASIN, FNSKU: r.FNSKU, Title: r.ProductName, Marketplace: m.Code})
		return writeReturn(run, l)
	})
}

// ReturnLine is one line of the FBA returns report, for AddFBAReturns.
type ReturnLine struct {
	ReturnedAt time.Time
	// Day is the return's day in its marketplace.
	Day                                                                    app.Date
	Marketplace, OrderID, SKU, ASIN, FNSKU                                 string
	Qty                                                                    int
	Disposition, Reason, Status, FulfillmentCenter, LicensePlate, Comments string
}

func writeReturn(run *importRun, r ReturnLine) error {
	at := formatInstant(r.ReturnedAt)
	// A return is the same return in a later download even when
	// Amazon has graded it or reimbursed it since: its status and
	// disposition are not part of its id.
	id := app.TimeID(r.ReturnedAt, strings.Join([]string{tableFBAReturn, r.OrderID, r.SKU, r.LicensePlate, at, strconv.Itoa(r.Qty)}, "\x00"))
	return run.write(tableFBAReturn, returnColumns, id, dayText(r.Day), at, r.Marketplace, r.OrderID, r.SKU, r.ASIN, r.FNSKU,
		r.Qty, r.Disposition, r.Reason, r.Status, r.FulfillmentCenter, r.LicensePlate, r.Comments)
}

// AddFBAReturns records returns without a file (the demo data): the same
// rows and ids as importing FBA returns reports holding them. It returns
// how many were new.
func (s *Store) AddFBAReturns(ctx context.Context, lines []ReturnLine) (int, error) {
	var added int
	err := s.withBulkTx(ctx, func(tx *sql.Tx) error {
		run := &importRun{s: s, ctx: ctx, tx: tx, batches: map[string]*appendBatch{}}
		for _, l := range lines {
			if err := writeReturn(run, l); err != nil {
				return err
			}
		}
		err := run.closeBatches()
		added = run.added
		return err
	})
	return added, err
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
	return returnsByReason(ctx, s.read, from, to)
}

func returnsByReason(ctx context.Context, q querier, from, to app.Date) ([]ReturnCount, error) {
	rows, err := q.QueryContext(ctx, `SELECT sku, reason, sum(qty), count(*) FROM fba_return
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
	ID          string
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
	// CaseID is the case opened from the return (ReturnCaseID), "" for
	// none (filled in by SKUReturns).
	CaseID string
}

// OrderReturns lists the returns of an Amazon order (the service area
// shows them on a case).
func (s *Store) OrderReturns(ctx context.Context, orderID string) ([]FBAReturn, error) {
	return queryReturns(ctx, s.read, `order_id = ? ORDER BY returned_at, id`, orderID)
}

// maxSKUReturns bounds the returns SKUReturns lists.
const maxSKUReturns = 500

// SKUReturns lists a SKU's returns, newest first (at most 500), each with
// the case opened from it, if any.
func (s *Store) SKUReturns(ctx context.Context, sku string) ([]FBAReturn, error) {
	rs, err := queryReturns(ctx, s.read, `sku = ? ORDER BY day DESC, returned_at DESC, id LIMIT ?`, sku, maxSKUReturns)
	if err != nil || len(rs) == 0 {
		return rs, err
	}
	ids := make([]any, len(rs))
	for i, r := range rs {
		ids[i] = ReturnCaseID(r.ID)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM service_case WHERE deleted = 0 AND id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	open := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		open[id] = true
	}
	for i := range rs {
		if id := ReturnCaseID(rs[i].ID); open[id] {
			rs[i].CaseID = id
		}
	}
	return rs, mapErr(rows.Err())
}

// fbaReturn reads one return.
func (s *Store) fbaReturn(ctx context.Context, id string) (FBAReturn, error) {
	rs, err := queryReturns(ctx, s.read, `id = ?`, id)
	if err != nil {
		return FBAReturn{}, err
	}
	if len(rs) == 0 {
		return FBAReturn{}, fmt.Errorf("FBA return %s: %w", id, app.ErrNotFound)
	}
	return rs[0], nil
}

func queryReturns(ctx context.Context, q querier, where string, args ...any) ([]FBAReturn, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, day, returned_at, marketplace, order_id, sku, qty, disposition, reason,
		status, comments FROM fba_return WHERE deleted = 0 AND `+where, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []FBAReturn
	for rows.Next() {
		var r FBAReturn
		var day, at string
		if err := rows.Scan(&r.ID, &day, &at, &r.Marketplace, &r.OrderID, &r.SKU, &r.Qty, &r.Disposition, &r.Reason, &r.Status, &r.Comments); err != nil {
			return nil, mapErr(err)
		}
		r.Day, r.ReturnedAt = parseDay(day), parseInstant(at)
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}
