package reports

import "context"

// BusinessRow is one child ASIN of the Business Report "Detail Page Sales
// and Traffic by Child Item". The report covers a date range it does not
// write down: the importer asks the user for it. Percentages are in
// percent points (14.2 for 14.20%); money in minor units of Currency.
type BusinessRow struct {
	Row             int
	ParentASIN      string
	ChildASIN       string
	Title           string
	SKU             string
	Sessions        int
	SessionPct      float64
	PageViews       int
	PageViewsPct    float64
	BuyBoxPct       float64
	UnitsOrdered    int
	UnitsOrderedB2B int
	UnitSessionPct  float64
	Sales           int64
	SalesB2B        int64
	Currency        string
	TotalOrderItems int
}

// RowNumber implements Row.
func (r BusinessRow) RowNumber() int { return r.Row }

// BusinessRows hands every good row of a Business Report to fn.
func (f *File) BusinessRows(ctx context.Context, fn func(BusinessRow) error) (*Summary, error) {
	s := specOf(KindBusinessReport)
	var (
		iParent, iChild, iTitle = s.col("parent_asin"), s.col("child_asin"), s.col("title")
		iSKU, iSessions         = s.col("sku"), s.col("sessions")
		iSessPct, iViews        = s.col("session_pct"), s.col("page_views")
		iViewsPct, iBuyBox      = s.col("page_views_pct"), s.col("buy_box_pct")
		iUnits, iUnitsB2B       = s.col("units_ordered"), s.col("units_ordered_b2b")
		iUnitSess, iSales       = s.col("unit_session_pct"), s.col("sales")
		iSalesB2B, iItems       = s.col("sales_b2b"), s.col("total_order_items")
	)
	conv := func(c *cells) BusinessRow {
		r := BusinessRow{
			Row:             c.row,
			ParentASIN:      c.text(iParent),
			ChildASIN:       c.required(iChild),
			Title:           c.text(iTitle),
			SKU:             c.text(iSKU),
			Sessions:        c.count(iSessions, false),
			SessionPct:      c.pct(iSessPct),
			PageViews:       c.count(iViews, false),
			PageViewsPct:    c.pct(iViewsPct),
			BuyBoxPct:       c.pct(iBuyBox),
			UnitsOrdered:    c.count(iUnits, false),
			UnitsOrderedB2B: c.count(iUnitsB2B, false),
			UnitSessionPct:  c.pct(iUnitSess),
			TotalOrderItems: c.count(iItems, false),
		}
		r.Sales, r.Currency = c.money(iSales, "")
		r.SalesB2B, _ = c.money(iSalesB2B, r.Currency)
		return r
	}
	return each(ctx, f, KindBusinessReport, conv, fn)
}
