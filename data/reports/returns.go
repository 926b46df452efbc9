package reports

import (
	"context"
	"time"
)

// ReturnRow is one line of the FBA customer returns report.
type ReturnRow struct {
	Row               int
	ReturnDate        time.Time // UTC
	OrderID           string
	SKU               string
	ASIN              string
	FNSKU             string
	ProductName       string
	Quantity          int
	FulfillmentCenter string
	// Disposition is the detailed disposition: SELLABLE,
	// CUSTOMER_DAMAGED, CARRIER_DAMAGED, DEFECTIVE...
	Disposition  string
	Reason       string // NOT_AS_DESCRIBED, DAMAGED_BY_CARRIER...
	Status       string
	LicensePlate string
	Comments     string // the buyer's own words
}

// RowNumber implements Row.
func (r ReturnRow) RowNumber() int { return r.Row }

// Returns hands every good row of an FBA customer returns file to fn.
func (f *File) Returns(ctx context.Context, fn func(ReturnRow) error) (*Summary, error) {
	s := specOf(KindFBAReturns)
	var (
		iDate, iOrder, iSKU    = s.col("return_date"), s.col("order_id"), s.col("sku")
		iASIN, iFNSKU, iName   = s.col("asin"), s.col("fnsku"), s.col("product_name")
		iQty, iFC, iDisp       = s.col("quantity"), s.col("fulfillment_center"), s.col("disposition")
		iReason, iStatus, iLPN = s.col("reason"), s.col("status"), s.col("license_plate")
		iComments              = s.col("comments")
	)
	conv := func(c *cells) ReturnRow {
		r := ReturnRow{
			Row:               c.row,
			ReturnDate:        c.time(iDate, true),
			OrderID:           c.required(iOrder),
			SKU:               c.required(iSKU),
			ASIN:              c.text(iASIN),
			FNSKU:             c.text(iFNSKU),
			ProductName:       c.text(iName),
			Quantity:          c.count(iQty, true),
			FulfillmentCenter: c.text(iFC),
			Disposition:       c.text(iDisp),
			Reason:            c.text(iReason),
			Status:            c.text(iStatus),
			LicensePlate:      c.text(iLPN),
			Comments:          c.text(iComments),
		}
		c.when = r.ReturnDate
		return r
	}
	return each(ctx, f, KindFBAReturns, conv, fn)
}
