package reports

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// OrderLine is one line of the All Orders flat file: one SKU of one
// order. Money is in minor units of Currency.
type OrderLine struct {
	Row int
	// LineKey identifies the line across imports, so importing an
	// overlapping period again replaces lines instead of adding them: the
	// order-item-id when the file has one, else "<order id>/<sku>", with
	// "/2", "/3"... for the same SKU again within one order.
	LineKey            string
	OrderID            string
	OrderItemID        string
	MerchantOrderID    string
	PurchaseDate       time.Time // UTC
	LastUpdated        time.Time // UTC; zero if absent
	OrderStatus        string
	ItemStatus         string
	FulfillmentChannel string // "Amazon" (FBA) or "Merchant"
	SalesChannel       string // "Amazon.com"...
	SKU                string
	ASIN               string
	ProductName        string
	Quantity           int
	Currency           string
	ItemPrice          int64 // for the whole line, not per unit
	ItemTax            int64
	ShippingPrice      int64
	PromotionDiscount  int64 // as written: usually negative or 0
	ShipCity           string
	ShipState          string
	ShipPostalCode     string
	ShipCountry        string
	BusinessOrder      bool
	// Cancelled is set when the item or the order is cancelled: such
	// lines are not sales.
	Cancelled bool
}

// RowNumber implements Row.
func (o OrderLine) RowNumber() int { return o.Row }

// cancelled reports whether an order or item status means cancelled, in
// English or Chinese.
func cancelled(status string) bool {
	s := strings.ToLower(strings.TrimSpace(status))
	return s == "cancelled" || s == "canceled" || s == "已取消" || s == "取消"
}

// Orders hands every good line of an All Orders file to fn.
func (f *File) Orders(ctx context.Context, fn func(OrderLine) error) (*Summary, error) {
	s := specOf(KindAllOrders)
	var (
		iOrder, iItem, iMerchant = s.col("order_id"), s.col("order_item_id"), s.col("merchant_order_id")
		iDate, iUpdated          = s.col("purchase_date"), s.col("last_updated")
		iOStatus, iIStatus       = s.col("order_status"), s.col("item_status")
		iFulfil, iChannel        = s.col("fulfillment_channel"), s.col("sales_channel")
		iSKU, iASIN, iName       = s.col("sku"), s.col("asin"), s.col("product_name")
		iQty, iCur               = s.col("quantity"), s.col("currency")
		iPrice, iTax, iShip      = s.col("item_price"), s.col("item_tax"), s.col("shipping_price")
		iPromo                   = s.col("item_promotion_discount")
		iCity, iState, iPostal   = s.col("ship_city"), s.col("ship_state"), s.col("ship_postal_code")
		iCountry, iBusiness      = s.col("ship_country"), s.col("is_business_order")
	)
	// Lines of one order come together: counting repeated SKUs within the
	// current order keeps LineKey unique without remembering the file.
	var lastOrder string
	seen := map[string]int{}
	conv := func(c *cells) OrderLine {
		o := OrderLine{
			Row:                c.row,
			OrderID:            c.required(iOrder),
			OrderItemID:        c.text(iItem),
			MerchantOrderID:    c.text(iMerchant),
			PurchaseDate:       c.time(iDate, true),
			LastUpdated:        c.time(iUpdated, false),
			OrderStatus:        c.text(iOStatus),
			ItemStatus:         c.text(iIStatus),
			FulfillmentChannel: c.text(iFulfil),
			SalesChannel:       c.text(iChannel),
			SKU:                c.required(iSKU),
			ASIN:               c.text(iASIN),
			ProductName:        c.text(iName),
			Quantity:           c.count(iQty, true),
			ShipCity:           c.text(iCity),
			ShipState:          c.text(iState),
			ShipPostalCode:     c.text(iPostal),
			ShipCountry:        c.text(iCountry),
			BusinessOrder:      parseBool(c.raw(iBusiness)),
		}
		cur := strings.ToUpper(c.text(iCur))
		o.ItemPrice, o.Currency = c.money(iPrice, cur)
		o.ItemTax, _ = c.money(iTax, o.Currency)
		o.ShippingPrice, _ = c.money(iShip, o.Currency)
		o.PromotionDiscount, _ = c.money(iPromo, o.Currency)
		o.Cancelled = cancelled(o.ItemStatus) || cancelled(o.OrderStatus)
		c.when = o.PurchaseDate
		if o.OrderID != lastOrder {
			lastOrder = o.OrderID
			clear(seen)
		}
		switch {
		case o.OrderItemID != "":
			o.LineKey = o.OrderItemID
		default:
			seen[o.SKU]++
			o.LineKey = o.OrderID + "/" + o.SKU
			if n := seen[o.SKU]; n > 1 {
				o.LineKey += "/" + strconv.Itoa(n)
			}
		}
		return o
	}
	return each(ctx, f, KindAllOrders, conv, fn)
}
