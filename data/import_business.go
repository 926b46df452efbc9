package data

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

// businessKind imports the Business Report (detail page sales and traffic
// by child item) for the period the user names.
type businessKind struct{}

func (businessKind) Kind() reports.Kind { return reports.KindBusinessReport }
func (businessKind) Dates() DateNeed    { return NeedRange }

var businessColumns = []string{"date_from", "date_to", "marketplace", "child_asin", "parent_asin", "sku", "title",
	"sessions", "page_views", "units_ordered", "units_ordered_b2b", "sales_minor", "currency", "buy_box_pct",
	"unit_session_pct"}

func (businessKind) read(ctx context.Context, run *importRun, f *reports.File) (*reports.Summary, error) {
	from, to := run.opt.From, run.opt.Day
	run.day(from)
	run.day(to)
	at := to.In(time.UTC)
	return f.BusinessRows(ctx, func(r reports.BusinessRow) error {
		sku := r.SKU
		p, known := run.asins[r.ChildASIN]
		if sku == "" && known {
			sku = p.SKU
		}
		if !known {
			if sku != "" {
				run.known(sku, app.Product{ASIN: r.ChildASIN, Title: r.Title})
			} else if _, seen := run.unknown[r.ChildASIN]; !seen {
				// No SKU to name it by: the ASIN stands for it in the
				// preview, but it cannot be added to the catalog.
				run.unknown[r.ChildASIN] = app.Product{}
			}
		}
		m := run.marketplace("", sku)
		parts := []string{m.Code, dayText(from), dayText(to), r.ChildASIN}
		for _, v := range []int64{int64(r.Sessions), int64(r.PageViews), int64(r.UnitsOrdered), int64(r.UnitsOrderedB2B), r.Sales} {
			parts = append(parts, strconv.FormatInt(v, 10))
		}
		return run.write(tableBusinessReport, businessColumns, app.TimeID(at, strings.Join(parts, "\x00")),
			dayText(from), dayText(to), m.Code, r.ChildASIN, r.ParentASIN, sku, r.Title, r.Sessions, r.PageViews,
			r.UnitsOrdered, r.UnitsOrderedB2B, r.Sales, r.Currency, r.BuyBoxPct, r.UnitSessionPct)
	})
}

// Traffic is a SKU's sessions and conversion over a Business Report's
// period.
type Traffic struct {
	From, To       app.Date
	Sessions       int
	PageViews      int
	UnitsOrdered   int
	Sales          int64
	Currency       string
	BuyBoxPct      float64
	UnitSessionPct float64
}

// SKUTraffic lists the Business Report periods imported for a SKU (by
// its ASIN or its SKU), newest period first; of two downloads of the same
// period the one with more units ordered counts.
func (s *Store) SKUTraffic(ctx context.Context, sku, asin string) ([]Traffic, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT date_from, date_to, sessions, page_views, units_ordered, sales_minor,
		currency, buy_box_pct, unit_session_pct FROM (
		SELECT *, row_number() OVER (PARTITION BY child_asin, date_from, date_to ORDER BY units_ordered DESC, id) AS n
		  FROM business_report WHERE deleted = 0 AND (sku = ? OR (child_asin = ? AND ? <> ''))) WHERE n = 1
		ORDER BY date_to DESC, date_from DESC`, sku, asin, asin)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []Traffic
	for rows.Next() {
		var t Traffic
		var from, to string
		if err := rows.Scan(&from, &to, &t.Sessions, &t.PageViews, &t.UnitsOrdered, &t.Sales, &t.Currency, &t.BuyBoxPct, &t.UnitSessionPct); err != nil {
			return nil, mapErr(err)
		}
		t.From, t.To = parseDay(from), parseDay(to)
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}
