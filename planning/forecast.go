package planning

import (
	"math"
	"slices"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// The business cash forecast: from the business as it stands (cash on
// hand, what open purchase orders and freight still have to pay, stock at
// FBA, on its way and in the warehouses, each SKU's velocity and its
// reorder plan), the cash of the next 26 weeks, and the week it would go
// below the reserve.
//
// It is the planning simulation's day (see Simulate) started from today's
// stock instead of from nothing: each day, scheduled payments are made and
// payouts arrive; each SKU's stock due that day arrives; with orders, the
// SKU reorders by its reorder plan (the chosen mode's reorder point and
// quantity, as PlanReorder computes them, so the first order is the one
// the plan suggests): the deposit on the day, the balance and freight
// when production ends, the goods sellable lead time days later; then the
// day's demand (its velocity) is sold while stock lasts, paid out by
// Amazon PayoutDelayDays after its settlement period closes, net of
// referral fee, ads, returns and the FBA fee.

// ForecastWeeks is how far the forecast looks.
const ForecastWeeks = 26

// overseasToFBADays is how long a transfer from an overseas warehouse to
// FBA takes (a truck within the marketplace) before Amazon receives it.
const overseasToFBADays = 7

// ForecastInput is the business on Today.
type ForecastInput struct {
	Today    app.Date
	Settings app.InventorySettings
	// Cash is the money in the bank; AmazonPending Amazon's balance not
	// yet paid out, which arrives with the first payout (taken, to be
	// safe, as late as a whole settlement period away). Both in minor
	// units of Settings.BaseCurrency.
	Cash          int64
	AmazonPending int64
	// Payments are what open purchase orders and shipments still owe;
	// one due before Today is paid on Today.
	Payments []app.Payment
	// Plans are every SKU's reorder plan (PlanInventory) and Modes the
	// modes they were planned with (ReorderConfig.Modes).
	Plans []InventoryPlan
	Modes []ReorderMode
	// WithOrders places the reorder plan's orders: the ones due now and
	// those the plan would place as stock runs down.
	WithOrders bool
	// Weeks is the horizon (0: ForecastWeeks).
	Weeks int
}

// ForecastWeek is one week of the forecast.
type ForecastWeek struct {
	Week       int
	Start, End app.Date
	// In and Out are the money received and paid in the week; Balance
	// the cash at its end; Low the lowest end-of-day cash in it.
	In, Out int64
	Balance int64
	Low     int64
	// BelowReserve is set when Low is below the reserve.
	BelowReserve bool
}

// ForecastEvent is one dated receipt or payment, for the explanation.
type ForecastEvent struct {
	Day    app.Date
	Kind   EventKind // EventPayout, EventOrderPlaced, EventBalancePaid, EventFreightPaid, or "payment" for a scheduled one
	SKU    string    // the SKU of an order; "" for payouts
	Ref    string    // a scheduled payment's order or shipment
	Units  int64
	Amount int64 // signed, minor units of the base currency
}

// EventScheduled is a payment an open purchase order or shipment owes.
const EventScheduled EventKind = "payment"

// Forecast is the business cash forecast.
type Forecast struct {
	Currency string
	Start    app.Date
	Reserve  int64
	Opening  int64 // the cash on Today before anything happens
	Weeks    []ForecastWeek
	// Daily is the cash at the end of each day.
	Daily []int64
	// BelowReserveWeek is the first week whose cash goes below the
	// reserve, CashOutWeek the first below zero (-1: none).
	BelowReserveWeek int
	CashOutWeek      int
	Lowest           int64
	LowestDay        app.Date
	// Orders counts the orders placed and OrderSpend what they cost
	// within the horizon.
	Orders     int
	OrderSpend int64
	// Events are the receipts and payments, by day.
	Events []ForecastEvent
	// NoRate lists currencies without an exchange rate in the settings:
	// amounts in them are left out (shown, so the owner adds the rate).
	NoRate []string
}

// skuRun is one SKU's state in the forecast.
type skuRun struct {
	plan     *InventoryPlan
	mode     ModePlan
	v        float64
	stock    float64
	arrivals map[int]float64 // day -> units becoming sellable
	pipeline float64         // units due to arrive later
	net      float64         // net payout per unit, base minor
	cost     float64         // unit cost, base minor
	freight  float64         // freight per unit, base minor
	prodDays int
	leadDays int
	ok       bool // money known
}

// CashForecast runs the forecast.
func CashForecast(in ForecastInput) Forecast {
	set := in.Settings
	weeks := in.Weeks
	if weeks <= 0 {
		weeks = ForecastWeeks
	}
	h := weeks * 7
	f := Forecast{Currency: set.BaseCurrency, Start: in.Today, Reserve: set.Reserve, BelowReserveWeek: -1, CashOutWeek: -1,
		Opening: in.Cash}
	noRate := map[string]bool{}
	base := func(minor int64, cur string) (int64, bool) {
		v, ok := set.ToBase(minor, cur)
		if !ok {
			noRate[strings.ToUpper(cur)] = true
		}
		return v, ok
	}
	flows := make([]int64, h)
	in0 := make([]int64, h)
	out0 := make([]int64, h)
	add := func(d int, amount int64, e ForecastEvent) {
		if d < 0 {
			d = 0
		}
		if d >= h || amount == 0 {
			return
		}
		flows[d] += amount
		if amount > 0 {
			in0[d] += amount
		} else {
			out0[d] += -amount
		}
		e.Day, e.Amount = in.Today.AddDays(d), amount
		f.Events = append(f.Events, e)
	}
	for _, p := range in.Payments {
		if amt, ok := base(p.Amount, p.Currency); ok {
			add(int(p.Due-in.Today), -amt, ForecastEvent{Kind: EventScheduled, Ref: p.Ref})
		}
	}
	period, delay := max(set.PayoutPeriodDays, 1), max(set.PayoutDelayDays, 0)
	add(period+delay, in.AmazonPending, ForecastEvent{Kind: EventPayout})

	runs := make([]*skuRun, 0, len(in.Plans))
	for i := range in.Plans {
		runs = append(runs, newSKURun(&in.Plans[i], in, base))
	}
	periods := make([]float64, (h+period-1)/period)
	cycle := float64(set.CycleDays)
	for d := 0; d < h; d++ {
		for _, r := range runs {
			if u, ok := r.arrivals[d]; ok {
				r.stock += u
				r.pipeline -= u
			}
			// Orders go out in the morning, as the reorder plan counts
			// today's supply before today's sales.
			if in.WithOrders && r.v > 0 && r.ok {
				mp := r.mode
				for r.stock+r.pipeline <= float64(mp.ReorderPoint)+eps {
					pos := r.stock + r.pipeline
					q := roundOrder(ceilInt(r.v*(mp.LeadDays+cycle)+float64(mp.SafetyStock)-pos), r.plan.Input.Product.MOQ, r.plan.Input.Product.CasePack)
					if q <= 0 {
						break
					}
					goods := float64(q) * r.cost
					deposit := math.Round(goods * set.DepositPct / 100)
					later := int64(math.Round(goods-deposit)) + int64(math.Round(float64(q)*r.freight))
					add(d, -int64(deposit), ForecastEvent{Kind: EventOrderPlaced, SKU: r.plan.SKU, Units: int64(q)})
					add(d+r.prodDays, -later, ForecastEvent{Kind: EventBalancePaid, SKU: r.plan.SKU, Units: int64(q)})
					f.Orders++
					f.OrderSpend += int64(deposit)
					if d+r.prodDays < h {
						f.OrderSpend += later
					}
					r.arrivals[d+r.leadDays] += float64(q)
					r.pipeline += float64(q)
				}
			}
			sold := min(r.stock, r.v)
			r.stock -= sold
			if r.ok {
				periods[d/period] += sold * r.net
			}
		}
	}
	for k, net := range periods {
		add((k+1)*period+delay, int64(math.Round(net)), ForecastEvent{Kind: EventPayout})
	}
	slices.SortStableFunc(f.Events, func(a, b ForecastEvent) int { return int(a.Day - b.Day) })

	f.Daily = make([]int64, h)
	bal := in.Cash
	f.Lowest, f.LowestDay = bal, in.Today
	for d := 0; d < h; d++ {
		bal += flows[d]
		f.Daily[d] = bal
		if bal < f.Lowest {
			f.Lowest, f.LowestDay = bal, in.Today.AddDays(d)
		}
	}
	for w := 0; w < weeks; w++ {
		wk := ForecastWeek{Week: w, Start: in.Today.AddDays(7 * w), End: in.Today.AddDays(7*w + 6), Low: math.MaxInt64}
		for d := 7 * w; d < 7*w+7; d++ {
			wk.In += in0[d]
			wk.Out += out0[d]
			wk.Low = min(wk.Low, f.Daily[d])
		}
		wk.Balance = f.Daily[7*w+6]
		wk.BelowReserve = wk.Low < set.Reserve
		if wk.BelowReserve && f.BelowReserveWeek < 0 {
			f.BelowReserveWeek = w
		}
		if wk.Low < 0 && f.CashOutWeek < 0 {
			f.CashOutWeek = w
		}
		f.Weeks = append(f.Weeks, wk)
	}
	for c := range noRate {
		f.NoRate = append(f.NoRate, c)
	}
	slices.Sort(f.NoRate)
	return f
}

// newSKURun sets up one SKU: its money per unit in the base currency and
// when the units it has on their way become sellable.
func newSKURun(p *InventoryPlan, in ForecastInput, base func(int64, string) (int64, bool)) *skuRun {
	prod := p.Input.Product
	st := p.Input.Stock
	r := &skuRun{plan: p, mode: p.ChosenMode(), v: p.Velocity, stock: float64(max(0, st.FBAFulfillable)),
		arrivals: map[int]float64{}, prodDays: prod.ProductionDays}
	r.leadDays = ceilInt(r.mode.LeadDays)
	var m ReorderMode
	if p.Chosen >= 0 && p.Chosen < len(in.Modes) {
		m = in.Modes[p.Chosen]
	}
	recv := int(math.Round(m.ReceivingDays))
	transit := ceilInt(r.mode.TransitDays)
	set := in.Settings
	price, okP := base(prod.Price, prod.PriceCurrency)
	fee, okF := base(prod.FBAFee, prod.PriceCurrency)
	cost, okC := base(prod.UnitCost, prod.CostCurrency)
	freightMajor := UnitFreight(prod.UnitWeightKg(), prod.UnitVolumeM3(), m)
	freight, okR := base(int64(math.Round(freightMajor*float64(app.MinorPerMajor(m.Currency)))), m.Currency)
	r.ok = okP && okF && okC && (okR || freightMajor == 0)
	r.net = float64(price)*(1-(set.ReferralPct+set.AdPct+set.ReturnPct)/100) - float64(fee)
	r.cost, r.freight = float64(cost), float64(freight)

	arrive := func(day, units int) {
		if units <= 0 {
			return
		}
		day = max(day, 0)
		r.arrivals[day] += float64(units)
		r.pipeline += float64(units)
	}
	today := in.Today
	arrive(recv, st.FBAInbound())
	for _, lot := range st.Inbound {
		switch lot.Kind {
		case app.InboundTransit:
			at := lot.Expected
			if at.IsZero() {
				t := transit
				for _, om := range in.Modes {
					if strings.EqualFold(om.Name, lot.Mode) {
						t = int(math.Round(om.TransitDays))
					}
				}
				at = lot.Departed.AddDays(t)
			}
			d := int(at-today) + recv
			if !lot.ToFBA {
				d += overseasToFBADays
			}
			arrive(d, lot.Units)
		case app.InboundOrdered:
			ready := lot.Ready
			if ready.IsZero() || ready < today {
				ready = today
			}
			arrive(int(ready-today)+transit+recv, lot.Units)
		}
	}
	arrive(transit+recv, st.Local)
	arrive(overseasToFBADays+recv, st.Overseas)
	return r
}

// StockProjection is a SKU's sellable FBA stock by day from today, with
// and without ordering its suggested quantity today (by the team's
// mode), and the days it runs dry.
type StockProjection struct {
	Without, With []float64
	// OrderQty arrives on day OrderArrives of With.
	OrderQty     int
	OrderArrives int
}

// ProjectStock projects a SKU's FBA stock over days: today's stock, its
// units on their way arriving as the forecast schedules them, sold at its
// velocity.
func ProjectStock(p InventoryPlan, modes []ReorderMode, today app.Date, settings app.InventorySettings, days int) StockProjection {
	in := ForecastInput{Today: today, Settings: settings, Modes: modes}
	known := func(v int64, cur string) (int64, bool) { return v, true }
	run := func(extra int, at int) []float64 {
		r := newSKURun(&p, in, known)
		if extra > 0 {
			r.arrivals[at] += float64(extra)
		}
		out := make([]float64, days)
		for d := 0; d < days; d++ {
			r.stock += r.arrivals[d]
			r.stock -= min(r.stock, r.v)
			out[d] = r.stock
		}
		return out
	}
	mp := p.ChosenMode()
	sp := StockProjection{OrderQty: mp.Qty, OrderArrives: ceilInt(mp.LeadDays)}
	sp.Without = run(0, 0)
	sp.With = run(mp.Qty, sp.OrderArrives)
	return sp
}

// CashOnHand turns the owner's newest cash entries (data.Store.LatestCash)
// into the forecast's Cash and AmazonPending, in the base currency. An
// entry in a currency without a rate counts 0 and is listed in noRate.
func CashOnHand(set app.InventorySettings, entries map[app.CashKind]app.CashEntry) (cash, amazon int64, noRate []string) {
	conv := func(k app.CashKind) int64 {
		e, ok := entries[k]
		if !ok {
			return 0
		}
		v, ok := set.ToBase(e.Amount, e.Currency)
		if !ok {
			noRate = append(noRate, strings.ToUpper(e.Currency))
		}
		return v
	}
	cash, amazon = conv(app.CashBank), conv(app.CashAmazon)
	slices.Sort(noRate)
	return cash, amazon, slices.Compact(noRate)
}
