package reports

import "context"

// InventoryRow is one SKU of the FBA Manage Inventory report: a snapshot
// of its units at Amazon. Blank quantities are 0 (a listing without FBA
// stock leaves them empty).
type InventoryRow struct {
	Row         int
	SKU         string
	FNSKU       string
	ASIN        string
	ProductName string
	Condition   string
	Price       int64 // your-price, minor units of Currency; 0 if blank
	Currency    string
	// MFNFulfillable is the seller-fulfilled stock.
	MFNFulfillable int
	// Warehouse is every unit in Amazon's warehouses.
	Warehouse        int
	Fulfillable      int
	Unsellable       int
	Reserved         int
	Total            int
	InboundWorking   int
	InboundShipped   int
	InboundReceiving int
	Researching      int
}

// RowNumber implements Row.
func (r InventoryRow) RowNumber() int { return r.Row }

// Inbound is the stock on its way into FBA: working + shipped +
// receiving.
func (r InventoryRow) Inbound() int { return r.InboundWorking + r.InboundShipped + r.InboundReceiving }

// Inventory hands every good row of an FBA Manage Inventory file to fn.
// The report carries no date: the snapshot is of the day it was
// downloaded, which the importer asks for.
func (f *File) Inventory(ctx context.Context, fn func(InventoryRow) error) (*Summary, error) {
	s := specOf(KindFBAInventory)
	var (
		iSKU, iFNSKU, iASIN     = s.col("sku"), s.col("fnsku"), s.col("asin")
		iName, iCond, iPrice    = s.col("product_name"), s.col("condition"), s.col("your_price")
		iMFN, iWarehouse        = s.col("mfn_fulfillable"), s.col("warehouse")
		iFul, iUnsell, iReserve = s.col("fulfillable"), s.col("unsellable"), s.col("reserved")
		iTotal, iWork, iShip    = s.col("total"), s.col("inbound_working"), s.col("inbound_shipped")
		iRecv, iResearch        = s.col("inbound_receiving"), s.col("researching")
	)
	conv := func(c *cells) InventoryRow {
		r := InventoryRow{
			Row:              c.row,
			SKU:              c.required(iSKU),
			FNSKU:            c.text(iFNSKU),
			ASIN:             c.text(iASIN),
			ProductName:      c.text(iName),
			Condition:        c.text(iCond),
			MFNFulfillable:   c.count(iMFN, false),
			Warehouse:        c.count(iWarehouse, false),
			Fulfillable:      c.count(iFul, false),
			Unsellable:       c.count(iUnsell, false),
			Reserved:         c.count(iReserve, false),
			Total:            c.count(iTotal, false),
			InboundWorking:   c.count(iWork, false),
			InboundShipped:   c.count(iShip, false),
			InboundReceiving: c.count(iRecv, false),
			Researching:      c.count(iResearch, false),
		}
		r.Price, r.Currency = c.money(iPrice, "")
		return r
	}
	return each(ctx, f, KindFBAInventory, conv, fn)
}
