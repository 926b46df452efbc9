package app

import (
	"strings"
	"unicode/utf8"
)

// POStatus is where a purchase order stands.
type POStatus string

// Purchase order statuses, in the order an order goes through them.
const (
	PODraft      POStatus = "draft"         // being prepared, not sent to the supplier
	POOrdered    POStatus = "ordered"       // sent; deposit due
	POProduction POStatus = "in_production" // the factory is making it
	POReady      POStatus = "ready"         // made; balance due, waiting to be shipped
	POClosed     POStatus = "closed"        // everything received or shipped
	POCancelled  POStatus = "cancelled"
)

// POStatuses lists the statuses in order.
func POStatuses() []POStatus {
	return []POStatus{PODraft, POOrdered, POProduction, POReady, POClosed, POCancelled}
}

// Valid reports whether s is one of POStatuses.
func (s POStatus) Valid() bool {
	for _, x := range POStatuses() {
		if s == x {
			return true
		}
	}
	return false
}

// Open reports whether the order still brings stock: its units not yet
// received or shipped are "ordered, not yet shipped" supply, and its
// unpaid deposit and balance are payments the cash forecast counts.
func (s POStatus) Open() bool { return s == POOrdered || s == POProduction || s == POReady }

// PurchaseOrder is an order placed with a supplier.
type PurchaseOrder struct {
	ID       string
	Number   string // the team's own number, e.g. PO-2026-031
	Supplier string
	// Currency of the unit costs, the deposit and the balance (CNY
	// unless said otherwise).
	Currency string
	Status   POStatus
	// OrderedOn is when it was placed; ProductionDue when the factory
	// promised the goods.
	OrderedOn     Date
	ProductionDue Date
	// Deposit is the amount paid up front (minor units); the balance is
	// the rest of Total. Due and paid dates are kept for both: unpaid
	// amounts are what the cash forecast still has to pay.
	Deposit     int64
	DepositDue  Date
	DepositPaid Date
	BalanceDue  Date
	BalancePaid Date
	// ReceiveAt is the location goods are received into by default.
	ReceiveAt string
	Note      string
	Lines     []POLine
}

// POLine is one SKU of a purchase order.
type POLine struct {
	ID       string
	SKU      string
	Qty      int
	UnitCost int64 // minor units of the order's currency
}

// Limits of purchase orders.
const (
	MaxPOLines = 500
	MaxPOQty   = MaxProductUnits
)

// Total is the value of the goods: the lines' units times their costs.
func (po PurchaseOrder) Total() int64 {
	var t int64
	for _, l := range po.Lines {
		t += int64(l.Qty) * l.UnitCost
	}
	return t
}

// Balance is what is left to pay after the deposit.
func (po PurchaseOrder) Balance() int64 { return po.Total() - po.Deposit }

// Units is the number of units ordered.
func (po PurchaseOrder) Units() int {
	n := 0
	for _, l := range po.Lines {
		n += l.Qty
	}
	return n
}

// DepositFor is the deposit of pct percent of total, rounded to whole
// minor units (the 30% Chinese factories ask for).
func DepositFor(total int64, pct float64) int64 {
	return int64(float64(total)*pct/100 + 0.5)
}

// Normalize trims the text fields and fills in the defaults.
func (po PurchaseOrder) Normalize() PurchaseOrder {
	po.Number = strings.TrimSpace(po.Number)
	po.Supplier = strings.TrimSpace(po.Supplier)
	po.Note = strings.TrimSpace(po.Note)
	po.Currency = strings.ToUpper(strings.TrimSpace(po.Currency))
	if po.Currency == "" {
		po.Currency = "CNY"
	}
	if po.Status == "" {
		po.Status = PODraft
	}
	lines := make([]POLine, len(po.Lines))
	for i, l := range po.Lines {
		l.SKU = strings.TrimSpace(l.SKU)
		lines[i] = l
	}
	po.Lines = lines
	return po
}

// Validate checks a normalized purchase order and its lines.
func (po PurchaseOrder) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "purchase_order", Field: field, Code: code, Limit: limit}
	}
	switch {
	case po.Number == "":
		return bad("number", CodeRequired, 0)
	case utf8.RuneCountInString(po.Number) > MaxNameLen:
		return bad("number", CodeTooLong, MaxNameLen)
	case po.Supplier == "":
		return bad("supplier", CodeRequired, 0)
	case utf8.RuneCountInString(po.Supplier) > maxShortTextLen:
		return bad("supplier", CodeTooLong, maxShortTextLen)
	case !ValidCurrency(po.Currency):
		return bad("currency", CodeBadChoice, 0)
	case !po.Status.Valid():
		return bad("status", CodeBadChoice, 0)
	case po.Status != PODraft && po.Status != POCancelled && po.OrderedOn.IsZero():
		return bad("ordered_on", CodeRequired, 0)
	case !po.ProductionDue.IsZero() && !po.OrderedOn.IsZero() && po.ProductionDue < po.OrderedOn:
		return bad("production_due", CodeBadChoice, 0)
	case po.Deposit < 0 || po.Deposit > MaxMoneyMinor:
		return bad("deposit", CodeOutOfRange, int(MaxMoneyMinor/100))
	case utf8.RuneCountInString(po.Note) > maxNoteLen:
		return bad("note", CodeTooLong, maxNoteLen)
	case len(po.Lines) > MaxPOLines:
		return bad("lines", CodeOutOfRange, MaxPOLines)
	case po.Status != PODraft && po.Status != POCancelled && len(po.Lines) == 0:
		return bad("lines", CodeRequired, 0)
	}
	seen := map[string]bool{}
	for _, l := range po.Lines {
		switch {
		case l.SKU == "":
			return &FieldError{Entity: "purchase_order_line", Field: "sku", Code: CodeRequired}
		case seen[l.SKU]:
			return &FieldError{Entity: "purchase_order_line", Field: "sku", Code: CodeDuplicate}
		case l.Qty <= 0 || l.Qty > MaxPOQty:
			return &FieldError{Entity: "purchase_order_line", Field: "qty", Code: CodeOutOfRange, Limit: MaxPOQty}
		case l.UnitCost < 0 || l.UnitCost > MaxMoneyMinor:
			return &FieldError{Entity: "purchase_order_line", Field: "unit_cost", Code: CodeOutOfRange, Limit: int(MaxMoneyMinor / 100)}
		}
		seen[l.SKU] = true
	}
	if po.Deposit > po.Total() && len(po.Lines) > 0 {
		return bad("deposit", CodeBadChoice, 0)
	}
	return nil
}

// Payment is an amount a purchase order or a shipment still has to pay,
// for the cash forecast.
type Payment struct {
	Due      Date // when it is due (zero: as soon as possible)
	Amount   int64
	Currency string
	Kind     PaymentKind
	// Ref names what it is for: the order number or the shipment.
	Ref string
}

// PaymentKind is what a payment is for.
type PaymentKind string

// Kinds of payment.
const (
	PayDeposit PaymentKind = "deposit"
	PayBalance PaymentKind = "balance"
	PayFreight PaymentKind = "freight"
)

// OpenPayments are the order's deposit and balance not yet paid, when
// the order is open. A due date left empty is taken as the order date
// (deposit) or the production due date (balance).
func (po PurchaseOrder) OpenPayments() []Payment {
	if !po.Status.Open() {
		return nil
	}
	var out []Payment
	if po.DepositPaid.IsZero() && po.Deposit > 0 {
		due := po.DepositDue
		if due.IsZero() {
			due = po.OrderedOn
		}
		out = append(out, Payment{Due: due, Amount: po.Deposit, Currency: po.Currency, Kind: PayDeposit, Ref: po.Number})
	}
	if bal := po.Balance(); po.BalancePaid.IsZero() && bal > 0 {
		due := po.BalanceDue
		if due.IsZero() {
			due = po.ProductionDue
		}
		out = append(out, Payment{Due: due, Amount: bal, Currency: po.Currency, Kind: PayBalance, Ref: po.Number})
	}
	return out
}
