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

// NoLine is Event.Line of an event that belongs to no line (overhead).
const NoLine = -1

// EventKind says what happened on a day of the simulation.
type EventKind string

// Event kinds.
const (
	EventOrderPlaced  EventKind = "order_placed"  // Amount: −deposit
	EventBalancePaid  EventKind = "balance_paid"  // Amount: −(goods − deposit)
	EventFreightPaid  EventKind = "freight_paid"  // Amount: −freight
	EventStockArrived EventKind = "stock_arrived" // Amount: 0, Units arrived
	EventPayout       EventKind = "payout"        // Amount: net proceeds
	EventDutyPaid     EventKind = "duty_paid"     // Amount: −import duty
	// EventInboundFeePaid: Amount −inbound fee.
	EventInboundFeePaid EventKind = "inbound_fee_paid"
	// EventStorageFee: Amount −storage fees of a settlement period,
	// charged in its payout.
	EventStorageFee EventKind = "storage_fee"
	// EventOverheadPaid: Amount −overhead; Line is NoLine.
	EventOverheadPaid EventKind = "overhead_paid"
)

// Event is one dated cash or stock event, for marking on a chart.
type Event struct {
	// Day is the simulation day (0-based).
	Day int
	// Kind says what happened.
	Kind EventKind
	// Line is the 0-based index into Result.Lines, or NoLine.
	Line int
	// LineName is that line's name ("" for NoLine).
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
	// units, rounded up, and at least the MOQ.
	OrderUnits int64
	// Orders is the number of purchase orders placed within the horizon,
	// UnitsOrdered their units; UnitsSold the units sold within it.
	Orders       int
	UnitsOrdered int64
	UnitsSold    int64
	// StartDay is the day the line places its first order (Line.LaunchDay);
	// Started is false when that is on or after the horizon: the line
	// never starts.
	StartDay int
	Started  bool
	// FirstStockDay is the day the first stock arrives, or NoDay.
	FirstStockDay int
	// LostUnits is demand not served for lack of stock. Demand runs from
	// StartDay, so the wait for the first stock counts: LostBeforeStock is
	// the part of LostUnits before FirstStockDay.
	LostUnits       int64
	LostBeforeStock int64
	// StockOutDays counts days on which some demand went unserved,
	// including the days before the first stock.
	StockOutDays int
	// EndingStock is the stock on hand at the end of the horizon;
	// PipelineUnits is what was ordered but had not arrived.
	EndingStock   int64
	PipelineUnits int64
	// LandedUnitCost is what a unit costs until it is on Amazon's shelf:
	// unit cost + freight + duty + inbound fee.
	LandedUnitCost int64
	// DutyPerUnit and InboundPerUnit are the parts of LandedUnitCost paid
	// when transit ends.
	DutyPerUnit    int64
	InboundPerUnit int64
	// StoragePerUnit estimates the storage fees one unit pays while it
	// waits to sell: the fee for the days an average unit is held, half a
	// cycle plus the safety days.
	StoragePerUnit int64
	// NetPayoutPerUnit is the price less referral fee, FBA fee, ads and
	// returns, in the base currency.
	NetPayoutPerUnit int64
	// UnitProfit is NetPayoutPerUnit − LandedUnitCost − StoragePerUnit.
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
	// payout falls after it, less the storage fees those payouts carry.
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
	// Reserve is the part of Capital never to be used (Capital −
	// CapitalAvailable); ReserveBreachDay the first day the balance falls
	// below it, or NoDay. A plan can breach the reserve while its cash
	// never runs out.
	Reserve          int64
	ReserveBreachDay int
	// SelfFundingDay is the day after the balance was last at its lowest:
	// from then on the plan never needs more of the capital than it has
	// already used, the lines' payouts pay for every later order. 0 when
	// the balance never falls below the capital; NoDay when the lowest
	// balance is on the last day.
	SelfFundingDay int
	// Overhead is the overhead paid within the horizon.
	Overhead int64
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
	// ReturnPct is the return to show and ReturnBasis what it is: the
	// annualized return, or for horizons under MinAnnualizedDays the
	// return over the horizon itself (annualizing a few weeks inflates
	// it), or ReturnNone ("n/a") when the plan ties up no capital.
	ReturnPct   float64
	ReturnBasis ReturnBasis
	// Events lists orders, payments, arrivals and payouts within the
	// horizon, by day, then line, then kind.
	Events []Event
	// ProductsSupported is the largest k (at most MaxProductsSupported)
	// such that every portfolio of 1, 2, …, k lines taken in turn from the
	// scenario's lines (k=3 with two lines: line 1, line 2, line 1) needs
	// at most CapitalAvailable, overhead included. 0 when the first line
	// alone does not fit. MaxProductsSupported means "at least that many"
	// (lines that cost nothing).
	ProductsSupported int
	// Feasible is PeakNeed <= CapitalAvailable (so cash never runs out).
	Feasible bool
	// Limited is what the capital achieves when it is a hard limit (see
	// CapitalLimited); the fields above are the need figures (unlimited
	// cash).
	Limited CapitalLimited
	// CapitalShortfall is how much more capital would run the plan as
	// planned (no order waiting, shrunk or held back, the reserve kept):
	// 0 when Feasible; NoShortfall when no capital can (a 100% reserve).
	CapitalShortfall int64
	// Verdict explains Feasible.
	Verdict Verdict
}

// MaxProductsSupported caps Result.ProductsSupported.
const MaxProductsSupported = 10000

// NoShortfall is Result.CapitalShortfall when no amount of capital runs
// the plan as planned (a reserve of 100%).
const NoShortfall = -1

// Options choose what a simulation computes beyond the figures.
type Options struct {
	// Events keeps Result.Events (a chart's markers). A long horizon with
	// short cycles has millions of them: leave it off unless they are
	// shown.
	Events bool
}

// Simulate runs the day-by-day cash simulation of s with events (see
// SimulateWith). Mode names resolve against s.Modes first, then builtins;
// nil builtins means DefaultModes() (pass an empty slice for none).
// Invalid input returns InputErrors.
//
// Each day, in order: stock due that day arrives; the day's demand is sold
// from stock (the rest is lost); then, while the line's stock position (on
// hand + ordered + in transit) is at or below its reorder point, a purchase
// order of OrderUnits is placed, paying the deposit that day, the balance
// and freight when production ends and duty and inbound fee when transit
// ends. Stock is sellable lead time days after the order (at least one
// day). Payouts of each settlement period arrive PayoutDelayDays after it
// closes, less the period's storage fees; overhead is paid every
// OverheadPeriodDays from day 0.
//
// The result holds two runs: the need figures, with unlimited cash, and
// Result.Limited, with the capital (less its reserve) as a hard limit.
func Simulate(s Scenario, builtins []Mode) (Result, error) {
	return SimulateWith(s, builtins, Options{Events: true})
}

// SimulateWith is Simulate with options.
func SimulateWith(s Scenario, builtins []Mode, opt Options) (Result, error) {
	p, err := prepare(s, builtins)
	if err != nil {
		return Result{}, err
	}
	return p.run(runOpts{events: opt.Events, limited: true}), nil
}

// plan is a validated scenario converted to integer minor units.
type plan struct {
	s        Scenario
	capital  int64
	budget   int64 // capital after reserve
	reserve  int64
	overhead int64 // paid every OverheadPeriodDays
	lines    []lineParams
}

// lineParams are one line's inputs in minor units of the base currency.
type lineParams struct {
	name, mode          string
	rateMilli           int64 // daily units × 1000
	q                   int64 // units per order
	minUnits            int64 // smallest order when cash is short
	blocks              int   // blocks of minUnits in an order (the last takes the rest)
	block, lastBlock    orderAmounts
	ropMilli            int64 // reorder point × 1000
	launch, ramp        int
	prod, transit, recv int
	lead                int
	cost                int64 // unit cost
	depositPct, dutyPct float64
	freightPerUnit      float64
	dutyPerUnit         float64
	inboundPerUnit      float64
	storagePerUnitDay   float64
	storageEstimate     float64 // storage fees of an average unit
	planned             orderAmounts
	netPerUnit          float64
	landed              float64
	priceBase           float64
	estimateCCC         float64
}

// amounts are the payments of an order of u units.
func (lp *lineParams) amounts(u int64) orderAmounts {
	goods := u * lp.cost
	deposit := lp.depositFor(u)
	return orderAmounts{
		deposit: deposit,
		balance: goods - deposit,
		freight: int64(math.Round(float64(u) * lp.freightPerUnit)),
		duty:    int64(math.Round(float64(goods) * lp.dutyPct / 100)),
		inbound: int64(math.Round(float64(u) * lp.inboundPerUnit)),
	}
}

// depositFor is the deposit of an order of u units.
func (lp *lineParams) depositFor(u int64) int64 {
	return int64(math.Round(float64(u*lp.cost) * lp.depositPct / 100))
}

// freightPerUnit is the freight of one unit by mode m, in minor units of
// the base currency: the larger of the weight charge (chargeable weight:
// the larger of actual and volumetric weight, when the mode has a
// divisor) and the volume charge (when the mode is priced by volume).
func freightPerUnit(l Line, m Mode, perKg, perM3 float64) float64 {
	kg := l.UnitWeightKg
	if m.VolumetricDivisor > 0 {
		kg = max(kg, l.UnitVolumeM3*1e6/m.VolumetricDivisor)
	}
	return max(kg*perKg, l.UnitVolumeM3*perM3)
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
	p.reserve = int64(math.Round(float64(p.capital) * s.ReservePct / 100))
	p.budget = p.capital - p.reserve
	p.overhead = int64(math.Round(s.OverheadMonthly * per))
	p.lines = make([]lineParams, len(s.Lines))
	for i, l := range s.Lines {
		m, _ := findMode(l.Mode, s.Modes, builtins)
		mfx, _ := s.rate(m.Currency)
		cur := l.priceCurrency(s.BaseCurrency)
		fx, _ := s.rate(cur)
		pper := float64(app.MinorPerMajor(cur))
		// Amounts in the price currency are rounded to its minor unit
		// first, then converted.
		inBase := func(v float64) float64 { return math.Round(v*pper) / pper * fx * per }

		rate := int64(math.Round(l.DailyUnits * 1000))
		// Stock ordered today sells tomorrow at the earliest.
		lead := max(l.ProductionDays+m.TransitDays+m.ReceivingDays, 1)
		q := max((int64(l.CycleDays)*rate+999)/1000, int64(l.MOQ), 1)
		week := max((7*rate+999)/1000, 1)
		minUnits := min(q, week)
		if l.MOQ > 0 {
			minUnits = int64(l.MOQ)
		}
		cost := int64(math.Round(l.UnitCost * per))
		perKg := math.Round(m.CostPerKg * mfx * per)
		perM3 := math.Round(m.CostPerM3 * mfx * per)
		freight := freightPerUnit(l, m, perKg, perM3)
		duty := float64(cost) * l.DutyPct / 100
		inbound := inBase(l.InboundFee)
		storageDay := inBase(l.StorageFee) / StorageMonthDays
		price := inBase(l.Price)
		lp := lineParams{
			name:              l.Name,
			mode:              m.Name,
			rateMilli:         rate,
			q:                 q,
			minUnits:          minUnits,
			ropMilli:          rate * int64(lead+l.SafetyDays),
			launch:            l.LaunchDay,
			ramp:              l.RampDays,
			prod:              l.ProductionDays,
			transit:           m.TransitDays,
			recv:              m.ReceivingDays,
			lead:              lead,
			cost:              cost,
			depositPct:        l.DepositPct,
			dutyPct:           l.DutyPct,
			freightPerUnit:    freight,
			dutyPerUnit:       duty,
			inboundPerUnit:    inbound,
			storagePerUnitDay: storageDay,
			storageEstimate:   storageDay * (float64(l.CycleDays)/2 + float64(l.SafetyDays)),
			netPerUnit:        price*(1-(l.ReferralPct+l.AdPct+l.ReturnPct)/100) - inBase(l.FBAFee),
			landed:            float64(cost) + freight + duty + inbound,
			priceBase:         price,
			estimateCCC:       float64(lead + s.PayoutPeriodDays + s.PayoutDelayDays),
		}
		lp.planned = lp.amounts(q)
		lp.blocks = int(q / minUnits)
		lp.block = lp.amounts(minUnits)
		lp.lastBlock = lp.amounts(q - int64(lp.blocks-1)*minUnits)
		p.lines[i] = lp
	}
	return p, nil
}

// runOpts choose what run computes.
type runOpts struct {
	events  bool // keep the need run's events
	limited bool // also run the capital-limited simulation
}

// run simulates the plan and assembles the result.
func (p *plan) run(o runOpts) Result {
	h := p.s.HorizonDays
	e := newEngine(p, false, o.events, true)
	e.record = o.limited
	e.run()
	res := Result{
		Label:            p.s.Name,
		ScenarioName:     p.s.Name,
		Currency:         p.s.BaseCurrency,
		Capital:          p.capital,
		CapitalAvailable: p.budget,
		Reserve:          p.reserve,
		HorizonDays:      h,
		Daily:            e.daily,
		Lines:            make([]LineResult, len(p.lines)),
		Events:           e.evs,
		CashOutDay:       NoDay,
		BreakEvenDay:     NoDay,
		ReserveBreachDay: NoDay,
	}
	cums := make([][]int64, len(p.lines))
	total := make([]int64, h)
	var cccNum, cccDen float64
	for i := range e.lines {
		ls := &e.lines[i]
		res.Lines[i] = ls.res
		cccNum += ls.cccNum
		cccDen += ls.cccDen
		var run int64
		cum := ls.flows // reused in place as the running sum
		for d, f := range cum {
			run += f
			cum[d] = run
			total[d] += run
		}
		cums[i] = cum
		res.StockOutDays += ls.res.StockOutDays
		res.LostUnits += ls.res.LostUnits
		res.Receivable += ls.res.Receivable
		res.StockValue += ls.res.StockValue
	}
	var fixed []int64
	if e.fixed != nil {
		var run int64
		for d, f := range e.fixed {
			run += f
			e.fixed[d] = run
		}
		fixed = e.fixed
		res.Overhead = -run
	}

	res.LowestBalance, res.LowestDay = lowest(res.Daily)
	for d, b := range res.Daily {
		if b < 0 && res.CashOutDay == NoDay {
			res.CashOutDay = d
		}
		if b < p.reserve && res.ReserveBreachDay == NoDay {
			res.ReserveBreachDay = d
		}
	}
	res.PeakNeed = max(0, p.capital-res.LowestBalance)
	for d := res.LowestDay; d < h; d++ {
		if res.Daily[d] >= p.capital {
			res.BreakEvenDay = d
			break
		}
	}
	res.SelfFundingDay = selfFundingDay(res.Daily, p.capital)
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
	res.ReturnPct, res.ReturnBasis = returnOf(res.Profit, res.PeakNeed, h)
	if cccDen > 0 {
		res.CashConversionDays = cccNum / cccDen
	} else {
		for _, l := range res.Lines {
			res.CashConversionDays = max(res.CashConversionDays, l.CashConversionDays)
		}
	}
	if o.events {
		res.Events = sortEvents(res.Events)
	}
	res.ProductsSupported = productsSupported(cums, total, fixed, p.budget, MaxProductsSupported)
	res.Feasible = res.PeakNeed <= p.budget
	res.CapitalShortfall = p.shortfall(res.PeakNeed)
	if o.limited {
		if res.Feasible {
			// Cash never binds: the capital-limited run is the need run.
			res.Limited = limitedFromNeed(&res, e)
		} else {
			needs := make([]int64, len(cums))
			for i, cum := range cums {
				for _, c := range cum {
					needs[i] = max(needs[i], -c)
				}
			}
			plans := make([][]plannedOrder, len(e.lines))
			for i := range e.lines {
				plans[i] = e.lines[i].plan
			}
			res.Limited = p.runLimited(needs, plans)
		}
	}
	res.Verdict = verdictFor(&res)
	return res
}

// lowest returns the lowest balance and the first day it occurs.
func lowest(daily []int64) (int64, int) {
	low, day := daily[0], 0
	for d, b := range daily {
		if b < low {
			low, day = b, d
		}
	}
	return low, day
}

// selfFundingDay is the day after the balance was last at its lowest (see
// Result.SelfFundingDay).
func selfFundingDay(daily []int64, capital int64) int {
	low, _ := lowest(daily)
	if low >= capital {
		return 0
	}
	last := 0
	for d, b := range daily {
		if b == low {
			last = d
		}
	}
	if last+1 >= len(daily) {
		return NoDay
	}
	return last + 1
}

// shortfall is the extra capital whose budget after reserve covers need.
func (p *plan) shortfall(need int64) int64 {
	if need <= p.budget {
		return 0
	}
	r := p.s.ReservePct / 100
	if r >= 1 {
		return NoShortfall
	}
	budget := func(c int64) int64 { return c - int64(math.Round(float64(c)*r)) }
	c := int64(math.Ceil(float64(need) / (1 - r)))
	for c > p.capital && budget(c-1) >= need {
		c--
	}
	for budget(c) < need {
		c++
	}
	return max(0, c-p.capital)
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
	case EventDutyPaid:
		return 4
	case EventInboundFeePaid:
		return 5
	case EventPayout:
		return 6
	case EventStorageFee:
		return 7
	}
	return 8
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
