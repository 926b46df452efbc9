package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// InventorySettings are the office's settings for stock, reorder
// planning and the cash forecast. They are shared by every desk (each
// setting merges on its own, so two people changing different settings
// both keep their change).
type InventorySettings struct {
	PriceBands PriceBands
	// Velocity weights of the 7-, 14- and 30-day averages.
	Weight7, Weight14, Weight30 float64
	// ServiceLevelPct is the share of order cycles that should not run
	// out (95 gives z = 1.645).
	ServiceLevelPct float64
	// CycleDays is the days of sales one order should cover.
	CycleDays int
	// SoonDays: an order-by date at most this far away is "order soon".
	SoonDays int
	// OverstockFactor: total cover above this times (lead time + cycle)
	// is overstock.
	OverstockFactor float64
	// BaseCurrency is what the cash forecast counts in; FX converts other
	// currencies to it (units of base per one unit of the currency).
	BaseCurrency string
	FX           map[string]float64
	// Reserve is the cash (minor units of BaseCurrency) the business
	// should never go below: the forecast marks the week it would.
	Reserve int64
	// Amazon's cut and the payout calendar, for turning sales into cash:
	// ReferralPct, AdPct and ReturnPct are shares of the price; Amazon
	// pays out every PayoutPeriodDays, PayoutDelayDays after a period
	// closes.
	ReferralPct      float64
	AdPct            float64
	ReturnPct        float64
	PayoutPeriodDays int
	PayoutDelayDays  int
	// DepositPct is the deposit a new purchase order pays up front.
	DepositPct float64
}

// DefaultInventorySettings are the defaults: weights 0.5/0.3/0.2,
// 95% service level, 30-day cycle, overstock above 1.5 × (L + cycle),
// bands <20/20–30/30–50/>50; CNY with USD at 7.2, referral 15%, payouts
// every 14 days 3 days after, 30% deposit.
func DefaultInventorySettings() InventorySettings {
	return InventorySettings{
		PriceBands:       DefaultPriceBands(),
		Weight7:          0.5,
		Weight14:         0.3,
		Weight30:         0.2,
		ServiceLevelPct:  95,
		CycleDays:        30,
		SoonDays:         7,
		OverstockFactor:  1.5,
		BaseCurrency:     "CNY",
		FX:               map[string]float64{"USD": 7.2, "EUR": 7.8, "GBP": 9.1, "CAD": 5.3, "JPY": 0.048},
		ReferralPct:      15,
		PayoutPeriodDays: 14,
		PayoutDelayDays:  3,
		DepositPct:       30,
	}
}

// Validate checks the settings; the first problem is a *FieldError.
func (s InventorySettings) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "inventory_settings", Field: field, Code: code, Limit: limit}
	}
	if err := s.PriceBands.Validate(); err != nil {
		return err
	}
	switch {
	case s.Weight7 < 0 || s.Weight14 < 0 || s.Weight30 < 0 || s.Weight7+s.Weight14+s.Weight30 <= 0:
		return bad("weights", CodeBadChoice, 0)
	case s.ServiceLevelPct < 50 || s.ServiceLevelPct >= 100:
		return bad("service_level", CodeOutOfRange, 100)
	case s.CycleDays < 1 || s.CycleDays > MaxModeDays:
		return bad("cycle_days", CodeOutOfRange, MaxModeDays)
	case s.SoonDays < 0 || s.SoonDays > MaxModeDays:
		return bad("soon_days", CodeOutOfRange, MaxModeDays)
	case s.OverstockFactor < 1 || s.OverstockFactor > 10:
		return bad("overstock_factor", CodeOutOfRange, 10)
	case !ValidCurrency(s.BaseCurrency):
		return bad("base_currency", CodeBadChoice, 0)
	case s.Reserve < 0 || s.Reserve > MaxMoneyMinor:
		return bad("reserve", CodeOutOfRange, int(MaxMoneyMinor/100))
	case s.ReferralPct < 0 || s.ReferralPct > 100:
		return bad("referral_pct", CodeOutOfRange, 100)
	case s.AdPct < 0 || s.AdPct > 100:
		return bad("ad_pct", CodeOutOfRange, 100)
	case s.ReturnPct < 0 || s.ReturnPct > 100:
		return bad("return_pct", CodeOutOfRange, 100)
	case s.PayoutPeriodDays < 1 || s.PayoutPeriodDays > 90:
		return bad("payout_period_days", CodeOutOfRange, 90)
	case s.PayoutDelayDays < 0 || s.PayoutDelayDays > 90:
		return bad("payout_delay_days", CodeOutOfRange, 90)
	case s.DepositPct < 0 || s.DepositPct > 100:
		return bad("deposit_pct", CodeOutOfRange, 100)
	}
	for cur, r := range s.FX {
		if !ValidCurrency(cur) || !(r > 0) || r > 1e6 {
			return bad("fx", CodeBadChoice, 0)
		}
	}
	return nil
}

// Rate is how many units of BaseCurrency one unit of cur is worth; false
// when the settings have no rate for it.
func (s InventorySettings) Rate(cur string) (float64, bool) {
	if cur == "" || cur == s.BaseCurrency {
		return 1, true
	}
	r, ok := s.FX[cur]
	return r, ok && r > 0
}

// ToBase converts minor units of cur into minor units of BaseCurrency;
// false when there is no rate.
func (s InventorySettings) ToBase(minor int64, cur string) (int64, bool) {
	r, ok := s.Rate(cur)
	if !ok {
		return 0, false
	}
	major := float64(minor) / float64(MinorPerMajor(cur)) * r
	return int64(major*float64(MinorPerMajor(s.BaseCurrency)) + 0.5*sign(major)), true
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// CashKind says which money a cash entry counts.
type CashKind string

// Kinds of cash entry.
const (
	CashBank   CashKind = "bank"   // money in the bank, ready to pay
	CashAmazon CashKind = "amazon" // Amazon's balance not yet paid out: arrives with the next payout
)

// CashEntry is the cash on hand as the owner entered it on a day. The
// newest entry of each kind counts; older ones stay as history.
type CashEntry struct {
	ID        string
	Day       Date
	Kind      CashKind
	Amount    int64 // minor units of Currency
	Currency  string
	Note      string
	EnteredAt time.Time
}

// Validate checks a cash entry.
func (c CashEntry) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "cash", Field: field, Code: code, Limit: limit}
	}
	switch {
	case c.Day.IsZero():
		return bad("day", CodeRequired, 0)
	case c.Kind != CashBank && c.Kind != CashAmazon:
		return bad("kind", CodeBadChoice, 0)
	case c.Amount < -MaxMoneyMinor || c.Amount > MaxMoneyMinor:
		return bad("amount", CodeOutOfRange, int(MaxMoneyMinor/100))
	case !ValidCurrency(strings.ToUpper(c.Currency)):
		return bad("currency", CodeBadChoice, 0)
	case utf8.RuneCountInString(c.Note) > maxNoteLen:
		return bad("note", CodeTooLong, maxNoteLen)
	}
	return nil
}

// StockPosition is where a SKU's units are, summed from the ledger and
// the latest FBA report.
type StockPosition struct {
	SKU string
	// FBA figures come from the newest FBA inventory snapshot (of
	// SnapshotDay), less the units sold after that day: Amazon's own
	// count is the truth, the ledger's FBA balance is not.
	FBAFulfillable      int
	FBAInboundWorking   int
	FBAInboundShipped   int
	FBAInboundReceiving int
	SnapshotDay         Date
	SoldSinceSnapshot   int
	// InTransit counts departed, not arrived shipments; of those bound
	// for FBA only the ones that departed after SnapshotDay, since the
	// snapshot's inbound figures count the others already.
	InTransit       int
	InTransitByMode map[string]int
	Local           int // own warehouses
	Overseas        int // overseas warehouses
	// Ordered is ordered, not yet received or shipped (open purchase
	// orders).
	Ordered int
	// FBALedger is the ledger's balance at FBA locations (arrivals,
	// replacements sent), shown next to Amazon's figures.
	FBALedger int
	// Negative lists the locations whose ledger balance is below zero
	// (more taken out than came in): flagged, never hidden.
	Negative []string
	// Inbound lists the units on their way (InTransit and Ordered) with
	// what is known of when they come, for projections.
	Inbound []Inbound
}

// InboundKind says where units on their way are.
type InboundKind string

// Kinds of inbound units.
const (
	InboundTransit InboundKind = "transit" // on a departed shipment
	InboundOrdered InboundKind = "ordered" // on an open purchase order
)

// Inbound is a lot of units on their way to being sellable.
type Inbound struct {
	Kind  InboundKind
	Units int
	// Mode is the shipment's mode (transit).
	Mode string
	// Departed and Expected are the shipment's departure and expected
	// arrival (ETA, or departure plus the quoted days; zero when neither
	// is known).
	Departed Date
	Expected Date
	// Ready is when the order's goods are made (production due, or zero).
	Ready Date
	// ToFBA is set when the shipment goes to an FBA warehouse.
	ToFBA bool
}

// FBAInbound is working + shipped + receiving.
func (p StockPosition) FBAInbound() int {
	return p.FBAInboundWorking + p.FBAInboundShipped + p.FBAInboundReceiving
}

// Total is every unit that is or will be sellable.
func (p StockPosition) Total() int {
	return p.FBAFulfillable + p.FBAInbound() + p.InTransit + p.Local + p.Overseas + p.Ordered
}

// SalesHistory is a SKU's daily units, oldest first, from From up to the
// day before the reorder plan's day, with whether it had FBA stock each
// day (InStock nil: every day).
type SalesHistory struct {
	From    Date
	Units   []float64
	InStock []bool
}

// ReorderInput is everything the reorder plan needs about one SKU.
type ReorderInput struct {
	Product Product
	Stock   StockPosition
	Sales   SalesHistory
}
