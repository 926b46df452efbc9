package planning

import (
	"cmp"
	"math"
	"slices"

	"github.com/opsbench/opsbench/app"
)

// NoDay marks a day that never comes (cash never runs out, never breaks
// even).
const NoDay = -1

// EventKind says what happened on a day of the simulation.
type EventKind string

// Event kinds.
const (
	EventOrderPlaced  EventKind = "order_placed"  // Amount: −deposit
	EventBalancePaid  EventKind = "balance_paid"  // Amount: −(goods − deposit)
	EventFreightPaid  EventKind = "freight_paid"  // Amount: −freight
	EventStockArrived EventKind = "stock_arrived" // Amount: 0, Units arrived
	EventPayout       EventKind = "payout"        // Amount: net proceeds
)

// Event is one dated cash or stock event, for marking on a chart.
type Event struct {
	// Day is the simulation day (0-based).
	Day int
	// Kind says what happened.
	Kind EventKind
	// Line is the 0-based index into Result.Lines.
	Line int
	// LineName is that line's name.
	LineName string
	// Units is the order size, the units arrived, or the units sold in the
	// settlement period paid out.
	Units int64
	// Amount is the signed effect on cash in minor units: negative for
	// payments, positive (or negative) for payouts, 0 for arrivals.
	Amount int64
}

// WeekBalance is the cash balance at the end of a week.
type WeekBalance struct {
	// Week is the 0-based week index: days [7*Week, 7*Week+7).
	Week int
	// EndDay is the last simulated day of the week (the horizon may cut
	// the last week short).
	EndDay int
	// Balance is the cash at the end of EndDay, in minor units.
	Balance int64
}

// LineResult is the outcome for one product line. Money is in minor units
// of the base currency.
type LineResult struct {
	// Name is the line's name; Mode the name of its shipping mode.
	Name string
	Mode string
	// LeadTimeDays is production + transit + receiving days (at least 1:
	// stock ordered today sells tomorrow at the earliest).
	LeadTimeDays int
	// ReorderPoint is daily units × (lead time + safety days).
	ReorderPoint float64
	// OrderUnits is the units of one purchase order: cycle days × daily
	// units, rounded up.
	OrderUnits int64
	// Orders is the number of purchase orders placed within the horizon,
	// UnitsOrdered their units; UnitsSold the units sold within it.
	Orders       int
	UnitsOrdered int64
	UnitsSold    int64
	// LaunchDay is the day the first stock arrives, or NoDay.
	LaunchDay int
	// LostUnits is demand not served for lack of stock. Demand runs from
	// day 0, so the wait for the first stock counts: LostBeforeLaunch is
	// the part of LostUnits before LaunchDay.
	LostUnits        int64
	LostBeforeLaunch int64
	// StockOutDays counts days on which some demand went unserved,
	// including the days before launch.
	StockOutDays int
	// EndingStock is the stock on hand at the end of the horizon;
	// PipelineUnits is what was ordered but had not arrived.
	EndingStock   int64
	PipelineUnits int64
	// LandedUnitCost is unit cost + freight per unit.
	LandedUnitCost int64
	// NetPayoutPerUnit is the price less referral fee, FBA fee, ads and
	// returns, in the base currency.
	NetPayoutPerUnit int64
	// UnitProfit is NetPayoutPerUnit − LandedUnitCost.
	UnitProfit int64
	// MarginPct is UnitProfit as a percentage of the price in base currency.
	MarginPct float64
	// CashConversionDays: see Result.CashConversionDays.
	CashConversionDays float64
	// CashConversionEstimated is true when no unit sold within the horizon
	// and CashConversionDays is the estimate lead time + payout period +
	// payout delay.
	CashConversionEstimated bool
	// CashAtLow is the line's cumulative net cash flow up to the scenario's
	// lowest-balance day: its share of the peak capital need (negative).
	CashAtLow int64
	// MonthlyRevenue is 30 days of gross sales at DailyUnits.
	MonthlyRevenue int64
	// Receivable is net proceeds of units sold within the horizon whose
	// payout falls after it.
	Receivable int64
	// StockValue is what was paid within the horizon for stock still held
	// or in the pipeline at its end.
	StockValue int64
}

// Result is the outcome of simulating a scenario. Money is in int64 minor
// units of Currency; days are 0-based simulation days.
type Result struct {
	// Label names the result: the variant label, or the scenario name.
	Label string
	// ScenarioName is the simulated scenario's name.
	ScenarioName string
	// Currency is the base currency all money is counted in.
	Currency string
	// Capital is the pot on day 0; CapitalAvailable is Capital less the
	// reserve.
	Capital          int64
	CapitalAvailable int64
	HorizonDays      int
	// Daily is the cash balance at the end of each day.
	Daily []int64
	// Weekly is the balance at the end of each week.
	Weekly []WeekBalance
	// LowestBalance is the lowest end-of-day balance; LowestDay the first
	// day it occurs.
	LowestBalance int64
	LowestDay     int
	// PeakNeed is Capital − LowestBalance, floored at 0: the capital the
	// lines tie up at their worst.
	PeakNeed int64
	// CashOutDay is the first day the balance is below 0, or NoDay.
	CashOutDay int
	// BreakEvenDay is the first day on or after LowestDay on which the
	// balance is back at or above Capital, or NoDay.
	BreakEvenDay int
	// StockOutDays adds up the lines' stock-out days (line-days).
	StockOutDays int
	// LostUnits adds up the lines' lost sales.
	LostUnits int64
	// Lines holds each line's outcome, in the scenario's order.
	Lines []LineResult
	// CashConversionDays is the cash-weighted number of days from paying
	// for a unit to receiving its payout, over the units sold within the
	// horizon: every unit sold (first in, first out from its purchase
	// order) carries its share of the order's deposit, balance and
	// freight, each paid on its own day, and is paid out on the payout day
	// of the settlement period it sold in (which may lie after the
	// horizon). The average of (payout day − payment day) weighted by
	// those amounts. When nothing sells it is the largest line estimate
	// (see LineResult.CashConversionEstimated).
	CashConversionDays float64
	// EndingCash is the balance at the end of the last day.
	EndingCash int64
	// Receivable adds up the lines' Receivable; StockValue their
	// StockValue.
	Receivable int64
	StockValue int64
	// Profit is EndingCash + Receivable + StockValue − Capital: cash
	// gained, plus payouts already earned but not yet received, plus the
	// paid-for value of stock still held or in the pipeline.
	Profit int64
	// AnnualizedReturnPct is Profit / PeakNeed × 365 / HorizonDays × 100;
	// 0 when PeakNeed is 0.
	AnnualizedReturnPct float64
	// Events lists orders, payments, arrivals and payouts within the
	// horizon, by day, then line, then kind.
	Events []Event
	// ProductsSupported is the largest k (at most MaxProductsSupported)
	// such that k lines taken cyclically from the scenario's lines (k=3
	// with two lines: line 1, line 2, line 1) need at most
	// CapitalAvailable.
	ProductsSupported int
	// Feasible is PeakNeed <= CapitalAvailable (so cash never runs out).
	Feasible bool
	// Verdict explains Feasible.
	Verdict Verdict
}

// MaxProductsSupported caps Result.ProductsSupported.
const MaxProductsSupported = 10000

// Simulate runs the day-by-day cash simulation of s. Mode names resolve
// against s.Modes first, then builtins; nil builtins means DefaultModes()
// (pass an empty slice for none). Invalid input returns InputErrors.
//
// Each day, in order: stock due that day arrives; the day's demand is sold
// from stock (the rest is lost); then, while the line's stock position (on
// hand + ordered + in transit) is at or below its reorder point, a purchase
// order of OrderUnits is placed, paying the deposit that day and the
// balance and freight when production ends. Stock is sellable lead time
// days after the order (at least one day). Payouts of each
// settlement period arrive PayoutDelayDays after it closes.
func Simulate(s Scenario, builtins []Mode) (Result, error) {
	p, err := prepare(s, builtins)
	if err != nil {
		return Result{}, err
	}
	return p.run(true), nil
}

// plan is a validated scenario converted to integer minor units.
type plan struct {
	s       Scenario
	capital int64
	budget  int64
	lines   []lineParams
}

// lineParams are one line's inputs in minor units of the base currency.
type lineParams struct {
	name, mode       string
	rateMilli        int64 // daily units × 1000
	q                int64 // units per order
	ropMilli         int64 // reorder point × 1000
	prod, lead       int
	deposit, balance int64 // per order
	freight          int64 // per order
	netPerUnit       float64
	landed           float64
	priceBase        float64
	estimateCCC      float64
}

// prepare validates s and converts it to a plan.
func prepare(s Scenario, builtins []Mode) (*plan, error) {
	builtins = builtinsOrDefault(builtins)
	if errs := validate(s, builtins, nil); len(errs) > 0 {
		return nil, errs
	}
	per := float64(app.MinorPerMajor(s.BaseCurrency))
	p := &plan{s: s}
	p.capital = int64(math.Round(s.Capital * per))
	p.budget = p.capital - int64(math.Round(float64(p.capital)*s.ReservePct/100))
	p.lines = make([]lineParams, len(s.Lines))
	for i, l := range s.Lines {
		m, _ := findMode(l.Mode, s.Modes, builtins)
		mfx, _ := s.rate(m.Currency)
		cur := l.priceCurrency(s.BaseCurrency)
		fx, _ := s.rate(cur)
		pper := float64(app.MinorPerMajor(cur))

		rate := int64(math.Round(l.DailyUnits * 1000))
		if rate < 1 {
			rate = 1
		}
		// Stock ordered today sells tomorrow at the earliest.
		lead := max(l.ProductionDays+m.TransitDays+m.ReceivingDays, 1)
		q := (int64(l.CycleDays)*rate + 999) / 1000
		if q < 1 {
			q = 1
		}
		cost := int64(math.Round(l.UnitCost * per))
		cpk := math.Round(m.CostPerKg * mfx * per)
		freightPerUnit := l.UnitWeightKg * cpk
		goods := q * cost
		deposit := int64(math.Round(float64(goods) * l.DepositPct / 100))
		// Prices are rounded to minor units of their own currency first.
		price := math.Round(l.Price*pper) / pper * fx * per
		fba := math.Round(l.FBAFee*pper) / pper * fx * per
		p.lines[i] = lineParams{
			name:        l.Name,
			mode:        m.Name,
			rateMilli:   rate,
			q:           q,
			ropMilli:    rate * int64(lead+l.SafetyDays),
			prod:        l.ProductionDays,
			lead:        lead,
			deposit:     deposit,
			balance:     goods - deposit,
			freight:     int64(math.Round(float64(q) * freightPerUnit)),
			netPerUnit:  price*(1-(l.ReferralPct+l.AdPct+l.ReturnPct)/100) - fba,
			landed:      float64(cost) + freightPerUnit,
			priceBase:   price,
			estimateCCC: float64(lead + s.PayoutPeriodDays + s.PayoutDelayDays),
		}
	}
	return p, nil
}

// lineRun is one line simulated alone.
type lineRun struct {
	flows  []int64 // net cash flow per day
	events []Event
	res    LineResult
	cccNum float64
	cccDen float64
}

// runLine simulates line i alone over the horizon.
func (p *plan) runLine(i int, withEvents bool) lineRun {
	lp := &p.lines[i]
	h := p.s.HorizonDays
	period, delay := p.s.PayoutPeriodDays, p.s.PayoutDelayDays
	out := lineRun{flows: make([]int64, h)}
	r := &out.res
	*r = LineResult{
		Name:           lp.name,
		Mode:           lp.mode,
		LeadTimeDays:   lp.lead,
		ReorderPoint:   float64(lp.ropMilli) / 1000,
		OrderUnits:     lp.q,
		LandedUnitCost: int64(math.Round(lp.landed)),
		MonthlyRevenue: int64(math.Round(lp.priceBase * float64(lp.rateMilli) * 30 / 1000)),
		LaunchDay:      NoDay,
	}
	r.NetPayoutPerUnit = int64(math.Round(lp.netPerUnit))
	r.UnitProfit = int64(math.Round(lp.netPerUnit - lp.landed))
	if lp.priceBase > 0 {
		r.MarginPct = (lp.netPerUnit - lp.landed) / lp.priceBase * 100
	}
	event := func(day int, kind EventKind, units, amount int64) {
		if withEvents {
			out.events = append(out.events, Event{Day: day, Kind: kind, Line: i, LineName: lp.name, Units: units, Amount: amount})
		}
	}

	q := lp.q
	perUnitDeposit := float64(lp.deposit) / float64(q)
	perUnitLater := float64(lp.balance+lp.freight) / float64(q)
	var (
		orders   []int // order days, in placement (= arrival) order
		arrived  int   // orders[:arrived] have arrived
		sellFrom int   // FIFO: the order units are sold from
		leftHead int64 // units left of orders[sellFrom]
		onHand   int64
		pipeline int64
		paid     int64
	)
	periods := make([]int64, (h+period-1)/period)
	for d := 0; d < h; d++ {
		for arrived < len(orders) && orders[arrived]+lp.lead <= d {
			arrived++
			onHand += q
			pipeline -= q
			event(d, EventStockArrived, q, 0)
		}
		if r.LaunchDay == NoDay && onHand > 0 {
			r.LaunchDay = d
		}
		demand := (lp.rateMilli*int64(d+1))/1000 - (lp.rateMilli*int64(d))/1000
		sold := min(onHand, demand)
		if lost := demand - sold; lost > 0 {
			r.StockOutDays++
			r.LostUnits += lost
			if r.LaunchDay == NoDay {
				r.LostBeforeLaunch += lost
			}
		}
		if sold > 0 {
			onHand -= sold
			r.UnitsSold += sold
			k := d / period
			periods[k] += sold
			payday := float64((k+1)*period + delay)
			for rem := sold; rem > 0; {
				if leftHead == 0 {
					leftHead = q
				}
				take := min(leftHead, rem)
				od := float64(orders[sellFrom])
				out.cccNum += float64(take) * (perUnitDeposit*(payday-od) + perUnitLater*(payday-od-float64(lp.prod)))
				out.cccDen += float64(take) * (perUnitDeposit + perUnitLater)
				leftHead -= take
				rem -= take
				if leftHead == 0 {
					sellFrom++
				}
			}
		}
		for (onHand+pipeline)*1000 <= lp.ropMilli {
			orders = append(orders, d)
			pipeline += q
			r.Orders++
			r.UnitsOrdered += q
			out.flows[d] -= lp.deposit
			paid += lp.deposit
			event(d, EventOrderPlaced, q, -lp.deposit)
			if t := d + lp.prod; t < h {
				out.flows[t] -= lp.balance + lp.freight
				paid += lp.balance + lp.freight
				if lp.balance != 0 {
					event(t, EventBalancePaid, q, -lp.balance)
				}
				if lp.freight != 0 {
					event(t, EventFreightPaid, q, -lp.freight)
				}
			}
		}
	}
	for k, units := range periods {
		if units == 0 {
			continue
		}
		amount := int64(math.Round(float64(units) * lp.netPerUnit))
		if day := (k+1)*period + delay; day < h {
			out.flows[day] += amount
			event(day, EventPayout, units, amount)
		} else {
			r.Receivable += amount
		}
	}
	r.EndingStock = onHand
	r.PipelineUnits = pipeline
	r.StockValue = max(0, paid-int64(math.Round(float64(r.UnitsSold)*lp.landed)))
	if out.cccDen > 0 {
		r.CashConversionDays = out.cccNum / out.cccDen
	} else {
		r.CashConversionDays = lp.estimateCCC
		r.CashConversionEstimated = true
	}
	return out
}

// run simulates every line and assembles the result.
func (p *plan) run(withEvents bool) Result {
	h := p.s.HorizonDays
	res := Result{
		Label:            p.s.Name,
		ScenarioName:     p.s.Name,
		Currency:         p.s.BaseCurrency,
		Capital:          p.capital,
		CapitalAvailable: p.budget,
		HorizonDays:      h,
		Lines:            make([]LineResult, len(p.lines)),
		CashOutDay:       NoDay,
		BreakEvenDay:     NoDay,
	}
	cums := make([][]int64, len(p.lines))
	total := make([]int64, h)
	var cccNum, cccDen float64
	for i := range p.lines {
		lr := p.runLine(i, withEvents)
		res.Lines[i] = lr.res
		res.Events = append(res.Events, lr.events...)
		cccNum += lr.cccNum
		cccDen += lr.cccDen
		var run int64
		cum := lr.flows // reused in place as the running sum
		for d, f := range cum {
			run += f
			cum[d] = run
			total[d] += run
		}
		cums[i] = cum
		res.StockOutDays += lr.res.StockOutDays
		res.LostUnits += lr.res.LostUnits
		res.Receivable += lr.res.Receivable
		res.StockValue += lr.res.StockValue
	}

	res.Daily = make([]int64, h)
	res.LowestBalance = p.capital
	res.LowestDay = 0
	for d := 0; d < h; d++ {
		b := p.capital + total[d]
		res.Daily[d] = b
		if b < res.LowestBalance || d == 0 {
			res.LowestBalance, res.LowestDay = b, d
		}
		if b < 0 && res.CashOutDay == NoDay {
			res.CashOutDay = d
		}
	}
	res.PeakNeed = max(0, p.capital-res.LowestBalance)
	for d := res.LowestDay; d < h; d++ {
		if res.Daily[d] >= p.capital {
			res.BreakEvenDay = d
			break
		}
	}
	res.Weekly = make([]WeekBalance, 0, (h+6)/7)
	for w := 0; w*7 < h; w++ {
		end := min(w*7+6, h-1)
		res.Weekly = append(res.Weekly, WeekBalance{Week: w, EndDay: end, Balance: res.Daily[end]})
	}
	for i := range res.Lines {
		res.Lines[i].CashAtLow = cums[i][res.LowestDay]
	}

	res.EndingCash = res.Daily[h-1]
	res.Profit = res.EndingCash + res.Receivable + res.StockValue - p.capital
	if res.PeakNeed > 0 {
		res.AnnualizedReturnPct = float64(res.Profit) / float64(res.PeakNeed) * 365 / float64(h) * 100
	}
	if cccDen > 0 {
		res.CashConversionDays = cccNum / cccDen
	} else {
		for _, l := range res.Lines {
			res.CashConversionDays = max(res.CashConversionDays, l.CashConversionDays)
		}
	}
	if withEvents {
		res.Events = sortEvents(res.Events)
	}
	res.ProductsSupported = productsSupported(cums, total, p.budget, MaxProductsSupported)
	res.Feasible = res.PeakNeed <= p.budget
	res.Verdict = verdictFor(&res)
	return res
}

// sortEvents orders events by day, then line, then kind, keeping the
// simulation's order otherwise.
func sortEvents(ev []Event) []Event {
	idx := make([]int, len(ev))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		ea, eb := &ev[a], &ev[b]
		if c := cmp.Compare(ea.Day, eb.Day); c != 0 {
			return c
		}
		if c := cmp.Compare(ea.Line, eb.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(kindRank(ea.Kind), kindRank(eb.Kind)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	out := make([]Event, len(ev))
	for i, j := range idx {
		out[i] = ev[j]
	}
	return out
}

// kindRank orders events of one line on one day as they happen.
func kindRank(k EventKind) int {
	switch k {
	case EventStockArrived:
		return 0
	case EventOrderPlaced:
		return 1
	case EventBalancePaid:
		return 2
	case EventFreightPaid:
		return 3
	}
	return 4
}

// MarginPct is the scenario's margin: the lines' margins weighted by their
// monthly revenue (total unit profit over total revenue at plan volumes).
func (r Result) MarginPct() float64 {
	var rev, weighted float64
	for _, l := range r.Lines {
		rev += float64(l.MonthlyRevenue)
		weighted += l.MarginPct * float64(l.MonthlyRevenue)
	}
	if rev == 0 {
		return 0
	}
	return weighted / rev
}
