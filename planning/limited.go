package planning

import "math"

// CapitalLimited is what the capital achieves when it is a hard limit:
// cash above the reserve pays for everything, and nothing else does.
//
// When the capital after reserve covers the peak need, the plan runs as
// planned and CapitalLimited repeats the need figures. Otherwise a founder
// can only buy what the cash pays for. Each line gets a share of the
// capital, of its reserve and of the overhead in proportion to the capital
// it needs alone (lines do not compete for cash, so a line that starts
// late or sells slowly is not starved by the lines before it), and buys
// the need run's orders, in the same sequence, each when its cash above
// the reserve, less what the orders bought already still owe, pays for it
// in full: deposit, balance, freight, duty and inbound fee. When that
// cash pays for part of an order the part is bought, if it is at least
// the line's MOQ (one week of sales when it has none); the rest waits for
// payouts, and so do the orders after it. Every purchase being paid for
// in full, no payment misses its due day; what waits is the orders.
// Overhead and storage fees are paid from the cash the orders do not need;
// what that cash cannot pay is owed (Unpaid) and paid before any new
// order.
//
// More capital buys every planned unit no later, so it never sells fewer
// units; only storage fees (more stock held longer costs more) can undo
// that, for a line that loses money on every unit.
//
// Money is in minor units of the base currency, days 0-based.
type CapitalLimited struct {
	// UnitsSold and LostUnits add up the lines' sales and lost sales.
	UnitsSold int64
	LostUnits int64
	// Profit is EndingCash + Receivable + StockValue − Unpaid − Capital:
	// the need figures' profit, less what is still owed.
	Profit     int64
	EndingCash int64
	Receivable int64
	StockValue int64
	// Unpaid is overhead and storage fees still owed at the horizon.
	Unpaid int64
	// CapitalUsed is Capital − LowestBalance (at least 0): the capital the
	// limited plan tied up at its worst.
	CapitalUsed   int64
	LowestBalance int64
	LowestDay     int
	// ReturnPct is Profit / CapitalUsed, annualized or not by the rule of
	// Result.ReturnBasis; AnnualizedReturnPct is always annualized (0 when
	// CapitalUsed is 0).
	ReturnPct           float64
	ReturnBasis         ReturnBasis
	AnnualizedReturnPct float64
	// DelayedOrders counts the need run's orders bought in full later
	// than planned, or not by the horizon; DelayDays adds up their days of
	// waiting within the horizon (from the planned day to the day the last
	// part was bought, or to the horizon).
	DelayedOrders int
	DelayDays     int
	// ShrunkOrders counts planned orders bought in more than one part.
	ShrunkOrders int
	// SelfFundingDay: see Result.SelfFundingDay.
	SelfFundingDay int
	// CashOutDay is the first day the balance is below 0, or NoDay: it
	// can only come with the need run (a feasible plan never has one).
	CashOutDay int
	// Daily is the cash balance at the end of each day.
	Daily []int64
	// Lines holds each line's outcome, in the scenario's order.
	Lines []LimitedLine
}

// LimitedLine is one line's outcome in the capital-limited run.
type LimitedLine struct {
	Name          string
	UnitsSold     int64
	LostUnits     int64
	Orders        int
	ShrunkOrders  int
	DelayedOrders int
	DelayDays     int
}

// runLimited runs the plan with the capital as a hard limit. Each line
// gets a share of the capital, its reserve and the overhead in proportion
// to the capital it needs alone (needs, from the need run; equal shares
// when no line needs any), and runs on that share.
func (p *plan) runLimited(needs []int64, plans [][]plannedOrder) CapitalLimited {
	var sum int64
	for _, n := range needs {
		sum += n
	}
	// Shares round the capital down and the reserve up, so the pots never
	// hold more than the capital nor keep less than the reserve; both
	// still grow with the capital. The overhead is split exactly.
	weight := func(i int) float64 {
		if sum == 0 {
			return 1 / float64(len(needs))
		}
		return float64(needs[i]) / float64(sum)
	}
	var before float64 // weights of the lines before i
	runs := make([]*engine, len(p.lines))
	for i := range p.lines {
		w := weight(i)
		sub := &plan{s: p.s, lines: p.lines[i : i+1]}
		sub.capital = int64(math.Floor(float64(p.capital) * w))
		sub.reserve = min(sub.capital, int64(math.Ceil(float64(p.reserve)*w)))
		sub.overhead = int64(math.Round(float64(p.overhead)*(before+w))) - int64(math.Round(float64(p.overhead)*before))
		before += w
		sub.budget = sub.capital - sub.reserve
		runs[i] = newEngine(sub, true, false, false)
		runs[i].lines[0].plan = plans[i]
		runs[i].run()
	}
	daily := make([]int64, p.s.HorizonDays)
	for _, e := range runs {
		for d, b := range e.daily {
			daily[d] += b
		}
	}
	// Rounded shares may not add up to the capital exactly: the rest
	// stays in the pot, untouched.
	var given int64
	for _, e := range runs {
		given += e.p.capital
	}
	for d := range daily {
		daily[d] += p.capital - given
	}
	return p.limitedResult(runs, daily)
}

// limitedFromNeed is the capital-limited result of a plan whose need fits
// the capital: the need run itself.
func limitedFromNeed(r *Result, e *engine) CapitalLimited {
	return e.p.limitedResult([]*engine{e}, r.Daily)
}

// limitedResult summarises engine runs (together, every line of p once)
// as a CapitalLimited.
func (p *plan) limitedResult(runs []*engine, daily []int64) CapitalLimited {
	h := p.s.HorizonDays
	c := CapitalLimited{Daily: daily, CashOutDay: NoDay, Lines: make([]LimitedLine, 0, len(p.lines))}
	for _, e := range runs {
		for i := range e.lines {
			ls := &e.lines[i]
			r := &ls.res
			c.UnitsSold += r.UnitsSold
			c.LostUnits += r.LostUnits
			c.Receivable += r.Receivable
			c.StockValue += r.StockValue
			c.DelayedOrders += ls.delayedOrders
			c.DelayDays += ls.delayDays
			c.ShrunkOrders += ls.shrunkOrders
			c.Lines = append(c.Lines, LimitedLine{Name: r.Name, UnitsSold: r.UnitsSold, LostUnits: r.LostUnits, Orders: r.Orders,
				ShrunkOrders: ls.shrunkOrders, DelayedOrders: ls.delayedOrders, DelayDays: ls.delayDays})
		}
	}
	c.LowestBalance, c.LowestDay = lowest(daily)
	for d, b := range daily {
		if b < 0 {
			c.CashOutDay = d
			break
		}
	}
	for _, e := range runs {
		c.Unpaid += e.arrears
	}
	c.EndingCash = daily[h-1]
	c.Profit = c.EndingCash + c.Receivable + c.StockValue - c.Unpaid - p.capital
	c.CapitalUsed = max(0, p.capital-c.LowestBalance)
	c.ReturnPct, c.ReturnBasis = returnOf(c.Profit, c.CapitalUsed, h)
	if c.CapitalUsed > 0 {
		c.AnnualizedReturnPct = float64(c.Profit) / float64(c.CapitalUsed) * 365 / float64(h) * 100
	}
	c.SelfFundingDay = selfFundingDay(daily, p.capital)
	return c
}

// ReturnBasis says what a return percentage is.
type ReturnBasis string

// Return bases.
const (
	// ReturnAnnualized: profit over the capital tied up, scaled to 365
	// days.
	ReturnAnnualized ReturnBasis = "annualized"
	// ReturnPeriod: profit over the capital tied up, for the horizon
	// itself (horizons under MinAnnualizedDays).
	ReturnPeriod ReturnBasis = "period"
	// ReturnNone: no capital is tied up, so there is no return to speak
	// of ("n/a", not 0%).
	ReturnNone ReturnBasis = "none"
)

// MinAnnualizedDays is the shortest horizon whose return is annualized:
// scaling a few weeks to a year turns ordinary results into absurd ones.
const MinAnnualizedDays = 90

// returnOf is the return on capital used over a horizon of h days.
func returnOf(profit, used int64, h int) (float64, ReturnBasis) {
	if used <= 0 {
		return 0, ReturnNone
	}
	if h < MinAnnualizedDays {
		return float64(profit) / float64(used) * 100, ReturnPeriod
	}
	return float64(profit) / float64(used) * 365 / float64(h) * 100, ReturnAnnualized
}
