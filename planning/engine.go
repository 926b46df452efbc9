package planning

import "math"

// The engine runs the lines of a plan day by day against one cash pot. It
// does two kinds of run:
//
//   - the need run: cash is unlimited, every order is placed when the
//     line's stock position reaches its reorder point and every payment is
//     made on its due day; the lowest balance measures the capital needed;
//   - the capital-limited run (see CapitalLimited): the need run's orders
//     are bought in the same sequence, each when the cash above the reserve,
//     less what the orders already bought still owe, pays for it in full,
//     or in part (at least a minimum) when it pays for some.
//
// Because the capital-limited run buys the same units in the same
// sequence, only later or in parts, more capital buys every unit on the
// same day or earlier, so its stock arrives, sells and pays out no later:
// more capital never sells fewer units (storage fees aside: more stock on
// the shelf also costs more). Every purchase is paid for in full when it
// is made, so no later payment ever misses its due day.
//
// A day, in order:
//
//  1. money that cannot wait: payouts of the settlement period that closed
//     PayoutDelayDays ago, less its storage fees, and the overhead;
//  2. payments due: balance and freight when production ends, duty and
//     inbound fee when transit ends;
//  3. each line: stock that became sellable arrives; the day's demand is
//     sold (the rest is lost); the stock left pays storage;
//  4. each line, in the scenario's order: orders (need run: while the
//     stock position is at or below the reorder point; capital-limited
//     run: the need run's orders due by today, as cash allows).

// orderAmounts are the payments of one purchase order, in minor units of
// the base currency.
type orderAmounts struct {
	deposit, balance, freight, duty, inbound int64
}

// total is everything the order costs until its goods are on the shelf.
func (a orderAmounts) total() int64 {
	return a.deposit + a.balance + a.freight + a.duty + a.inbound
}

// times is k orders' worth of a.
func (a orderAmounts) times(k int) orderAmounts {
	n := int64(k)
	return orderAmounts{a.deposit * n, a.balance * n, a.freight * n, a.duty * n, a.inbound * n}
}

// plus adds b to a.
func (a orderAmounts) plus(b orderAmounts) orderAmounts {
	return orderAmounts{a.deposit + b.deposit, a.balance + b.balance, a.freight + b.freight, a.duty + b.duty, a.inbound + b.inbound}
}

// order is one purchase order on its way from the factory to the shelf.
type order struct {
	placed int
	units  int64
	amt    orderAmounts
	// laterPaid is the day the balance and freight were paid,
	// arrivePaid the day duty and inbound fee were (NoDay until then).
	laterPaid, arrivePaid int
	// sellable is the day the goods can be sold, NoDay until known.
	sellable int
}

// plannedOrder is an order of the need run, for the capital-limited run to
// buy.
type plannedOrder struct {
	day   int
	units int64
}

// Payment kinds.
const (
	payLater  uint8 = iota // balance + freight
	payArrive              // duty + inbound fee
)

// payment is a booked payment of one order.
type payment struct {
	due  int
	line int
	seq  int64 // the order's sequence number within its line
	kind uint8
}

// payBook holds the payments not yet due: ring[t % len(ring)] lists those
// due on day t. Every payment falls due at most production or transit
// days after the day it is booked, so a ring of that many days and one
// more never wraps onto a day still to come.
type payBook struct {
	ring [][]payment
	day  int // the day payDue is working through
	next int // payments of that day already paid
}

func (b *payBook) add(p payment) {
	slot := &b.ring[p.due%len(b.ring)]
	*slot = append(*slot, p)
}

// lineState is one line's state during a run.
type lineState struct {
	orders   []order // not yet sold out, oldest first
	base     int64   // sequence number of orders[0]
	arrived  int     // orders[:arrived] have reached the shelf
	sellHead int     // the order units are sold from (FIFO)
	leftHead int64   // units left of orders[sellHead]; 0 before it starts
	onHand   int64
	pipeline int64
	cumMilli int64     // demand since the line started, in thousandths
	periods  []int64   // units sold per settlement period
	storage  []float64 // storage fees per settlement period, minor units
	paid     int64     // paid for stock within the horizon
	res      LineResult
	cccNum   float64
	cccDen   float64
	flows    []int64 // net cash flow per day (need run only)
	// plan is the need run's orders: recorded by the need run, bought by
	// the capital-limited run. plan[next] is the order being bought:
	// bought of its blocks so far, in parts purchases.
	plan   []plannedOrder
	next   int
	bought int // blocks of plan[next] bought
	parts  int
	// capital-limited counts
	delayedOrders, delayDays, shrunkOrders int
}

// engine is one run of a plan.
type engine struct {
	p       *plan
	limited bool
	events  bool
	balance int64
	lines   []lineState
	book    payBook
	record  bool // the need run records its orders in lineState.plan
	// committed is what bought orders still owe, arrears the overhead
	// and storage fees the cash could not pay yet (capital-limited run).
	committed int64
	arrears   int64
	daily     []int64
	fixed     []int64 // overhead paid per day (need run only)
	evs       []Event
}

// newEngine prepares a run. flows records each line's daily cash flows
// (for products supported and each line's share of the low).
func newEngine(p *plan, limited, events, flows bool) *engine {
	h := p.s.HorizonDays
	e := &engine{p: p, limited: limited, events: events, balance: p.capital, daily: make([]int64, h)}
	span := 1
	for i := range p.lines {
		span = max(span, p.lines[i].prod+1, p.lines[i].transit+1)
	}
	e.book.ring = make([][]payment, span)
	if flows && p.overhead != 0 {
		e.fixed = make([]int64, h)
	}
	nPeriods := (h + p.s.PayoutPeriodDays - 1) / p.s.PayoutPeriodDays
	e.lines = make([]lineState, len(p.lines))
	for i := range e.lines {
		lp := &p.lines[i]
		ls := &e.lines[i]
		ls.periods = make([]int64, nPeriods)
		if lp.storagePerUnitDay != 0 {
			ls.storage = make([]float64, nPeriods)
		}
		if flows {
			ls.flows = make([]int64, h)
		}
		ls.res = LineResult{
			Name:           lp.name,
			Mode:           lp.mode,
			LeadTimeDays:   lp.lead,
			ReorderPoint:   float64(lp.ropMilli) / 1000,
			OrderUnits:     lp.q,
			LandedUnitCost: int64(math.Round(lp.landed)),
			MonthlyRevenue: int64(math.Round(lp.priceBase * float64(lp.rateMilli) * 30 / 1000)),
			StartDay:       lp.launch,
			FirstStockDay:  NoDay,
			DutyPerUnit:    int64(math.Round(lp.dutyPerUnit)),
			InboundPerUnit: int64(math.Round(lp.inboundPerUnit)),
			StoragePerUnit: int64(math.Round(lp.storageEstimate)),
		}
		ls.res.Started = lp.launch < h
		ls.res.NetPayoutPerUnit = int64(math.Round(lp.netPerUnit))
		ls.res.UnitProfit = int64(math.Round(lp.netPerUnit - lp.landed - lp.storageEstimate))
		if lp.priceBase > 0 {
			ls.res.MarginPct = (lp.netPerUnit - lp.landed - lp.storageEstimate) / lp.priceBase * 100
		}
	}
	return e
}

// event records an event when the run keeps them.
func (e *engine) event(day int, kind EventKind, line int, units, amount int64) {
	if !e.events {
		return
	}
	name := ""
	if line >= 0 {
		name = e.p.lines[line].name
	}
	e.evs = append(e.evs, Event{Day: day, Kind: kind, Line: line, LineName: name, Units: units, Amount: amount})
}

// move changes the balance by a line's cash flow.
func (e *engine) move(line, day int, amount int64) {
	e.balance += amount
	if f := e.lines[line].flows; f != nil {
		f[day] += amount
	}
}

// run simulates every day of the horizon.
func (e *engine) run() {
	p := e.p
	h := p.s.HorizonDays
	period, delay := p.s.PayoutPeriodDays, p.s.PayoutDelayDays
	for d := 0; d < h; d++ {
		if k := d - delay; k >= period && k%period == 0 {
			for i := range e.lines {
				e.payout(i, k/period-1, d)
			}
		}
		if p.overhead != 0 && d%OverheadPeriodDays == 0 {
			if e.fixed != nil {
				e.fixed[d] -= p.overhead
			}
			e.charge(NoLine, d, p.overhead)
			e.event(d, EventOverheadPaid, NoLine, 0, -p.overhead)
		}
		if e.arrears > 0 {
			e.charge(NoLine, d, 0)
		}
		e.payDue(d)
		for i := range e.lines {
			e.sell(i, d)
		}
		for i := range e.lines {
			if e.limited {
				e.purchase(i, d)
			} else {
				e.reorder(i, d)
			}
		}
		e.daily[d] = e.balance
		slot := &e.book.ring[d%len(e.book.ring)]
		*slot = (*slot)[:0] // free for day d + len(ring)
	}
	e.finish()
}

// payout pays line i's settlement period k on day d: the net proceeds of
// its sales, less the storage fees of its stock.
func (e *engine) payout(i, k, d int) {
	lp, ls := &e.p.lines[i], &e.lines[i]
	if units := ls.periods[k]; units != 0 {
		amount := int64(math.Round(float64(units) * lp.netPerUnit))
		if amount < 0 {
			// Fees above the price: Amazon charges the difference.
			e.charge(i, d, -amount)
		} else {
			e.move(i, d, amount)
		}
		e.event(d, EventPayout, i, units, amount)
	}
	if ls.storage != nil && ls.storage[k] != 0 {
		fee := int64(math.Round(ls.storage[k]))
		e.charge(i, d, fee)
		e.event(d, EventStorageFee, i, 0, -fee)
	}
}

// charge pays a charge that is not for stock (overhead, storage fees) of
// line (or NoLine), adding to what is owed already. The need run pays it
// on the day. The capital-limited run pays what the cash above the
// reserve and above what orders still owe allows and owes the rest: the
// factory's balance and the customs duty were promised first, and goods
// held back for them would never sell to pay anything.
func (e *engine) charge(line, d int, amount int64) {
	if !e.limited {
		e.balance -= amount
		if line != NoLine {
			if f := e.lines[line].flows; f != nil {
				f[d] -= amount
			}
		}
		return
	}
	owed := e.arrears + amount
	pay := min(owed, max(0, e.balance-e.p.reserve-e.committed))
	e.balance -= pay
	e.arrears = owed - pay
}

// payDue makes the payments due on day d, in the order they were booked
// (a balance paid today with no transit books today's duty, paid next).
// Both runs pay on the due day: the need run has the cash, the
// capital-limited run set it aside when it bought the goods.
func (e *engine) payDue(d int) {
	if e.book.day != d {
		e.book.day, e.book.next = d, 0
	}
	slot := &e.book.ring[d%len(e.book.ring)]
	for e.book.next < len(*slot) {
		pm := (*slot)[e.book.next]
		e.book.next++
		lp, ls := &e.p.lines[pm.line], &e.lines[pm.line]
		o := &ls.orders[pm.seq-ls.base]
		if pm.kind == payLater {
			o.laterPaid = d
			e.payStock(pm.line, d, EventBalancePaid, o.units, o.amt.balance)
			e.payStock(pm.line, d, EventFreightPaid, o.units, o.amt.freight)
			e.book.add(payment{due: d + lp.transit, line: pm.line, seq: pm.seq, kind: payArrive})
			continue
		}
		o.arrivePaid = d
		e.payStock(pm.line, d, EventDutyPaid, o.units, o.amt.duty)
		e.payStock(pm.line, d, EventInboundFeePaid, o.units, o.amt.inbound)
		o.sellable = max(d+lp.recv, o.placed+1)
	}
}

// payStock pays an amount for stock (no event for 0).
func (e *engine) payStock(line, d int, kind EventKind, units, amount int64) {
	if amount == 0 {
		return
	}
	e.move(line, d, -amount)
	e.lines[line].paid += amount
	e.committed -= amount
	e.event(d, kind, line, units, -amount)
}

// sell runs line i's day d: arrivals, sales, storage.
func (e *engine) sell(i, d int) {
	lp, ls := &e.p.lines[i], &e.lines[i]
	if d < lp.launch {
		return
	}
	r := &ls.res
	for ls.arrived < len(ls.orders) {
		o := &ls.orders[ls.arrived]
		if o.sellable == NoDay || o.sellable > d {
			break
		}
		ls.arrived++
		ls.onHand += o.units
		ls.pipeline -= o.units
		e.event(d, EventStockArrived, i, o.units, 0)
	}
	if r.FirstStockDay == NoDay && ls.onHand > 0 {
		r.FirstStockDay = d
	}

	day := lp.rateMilli
	if lp.ramp > 0 {
		// Demand rises linearly from RampStartPct% on the day the stock
		// first arrives to 100% ramp days later.
		f := int64(RampStartPct * 10)
		if r.FirstStockDay != NoDay {
			if t := int64(d - r.FirstStockDay); t < int64(lp.ramp) {
				f += (1000 - f) * t / int64(lp.ramp)
			} else {
				f = 1000
			}
		}
		day = day * f / 1000
	}
	prev := ls.cumMilli
	ls.cumMilli += day
	demand := ls.cumMilli/1000 - prev/1000

	sold := min(ls.onHand, demand)
	if lost := demand - sold; lost > 0 {
		r.StockOutDays++
		r.LostUnits += lost
		if r.FirstStockDay == NoDay {
			r.LostBeforeStock += lost
		}
	}
	if sold > 0 {
		ls.onHand -= sold
		r.UnitsSold += sold
		k := d / e.p.s.PayoutPeriodDays
		ls.periods[k] += sold
		payday := float64((k+1)*e.p.s.PayoutPeriodDays + e.p.s.PayoutDelayDays)
		for rem := sold; rem > 0; {
			o := &ls.orders[ls.sellHead]
			if ls.leftHead == 0 {
				ls.leftHead = o.units
			}
			take := min(ls.leftHead, rem)
			u := float64(o.units)
			dep, later, arrive := float64(o.amt.deposit)/u, float64(o.amt.balance+o.amt.freight)/u, float64(o.amt.duty+o.amt.inbound)/u
			ls.cccNum += float64(take) * (dep*(payday-float64(o.placed)) + later*(payday-float64(o.laterPaid)) + arrive*(payday-float64(o.arrivePaid)))
			ls.cccDen += float64(take) * (dep + later + arrive)
			ls.leftHead -= take
			rem -= take
			if ls.leftHead == 0 {
				ls.sellHead++
			}
		}
		ls.compact()
	}
	if ls.storage != nil && ls.onHand > 0 {
		ls.storage[d/e.p.s.PayoutPeriodDays] += float64(ls.onHand) * lp.storagePerUnitDay
	}
}

// compact drops sold-out orders, so a long run with small orders keeps
// only the orders still in the pipeline or on the shelf.
func (ls *lineState) compact() {
	if ls.sellHead < 32 || ls.sellHead*2 < len(ls.orders) {
		return
	}
	n := copy(ls.orders, ls.orders[ls.sellHead:])
	ls.orders = ls.orders[:n]
	ls.base += int64(ls.sellHead)
	ls.arrived -= ls.sellHead
	ls.sellHead = 0
}

// reorder places line i's orders on day d while its stock position is at
// or below the reorder point (need run).
func (e *engine) reorder(i, d int) {
	lp, ls := &e.p.lines[i], &e.lines[i]
	if d < lp.launch {
		return
	}
	for (ls.onHand+ls.pipeline)*1000 <= lp.ropMilli {
		if e.record {
			ls.plan = append(ls.plan, plannedOrder{day: d, units: lp.q})
		}
		e.place(i, d, lp.q, lp.planned)
	}
}

// purchase buys line i's planned orders due by day d, in sequence, as far
// as cash allows (capital-limited run). The cash is what lies above the
// reserve, less what orders already bought still owe and the charges not
// paid yet. A planned order is bought in blocks of the line's minimum
// order (the last block takes the remainder, so none is below the MOQ):
// as many blocks as that cash pays for in full, in one order; the rest
// waits for payouts, and so do the orders after it. Fixed blocks make the
// units bought a step function of the cash, so more cash never buys
// less.
func (e *engine) purchase(i, d int) {
	lp, ls := &e.p.lines[i], &e.lines[i]
	for ls.next < len(ls.plan) && ls.plan[ls.next].day <= d {
		po := ls.plan[ls.next]
		free := e.balance - e.p.reserve - e.committed - e.arrears
		regular := lp.blocks - 1 - ls.bought // regular blocks left
		k := regular
		if c := lp.block.total(); c > 0 {
			k = int(min(int64(regular), max(0, free)/c))
		}
		units, amt := int64(k)*lp.minUnits, lp.block.times(k)
		last := k == regular && free-amt.total() >= lp.lastBlock.total()
		if last {
			units += lp.q - int64(lp.blocks-1)*lp.minUnits
			amt = amt.plus(lp.lastBlock)
		}
		if units == 0 {
			return
		}
		e.place(i, d, units, amt)
		ls.parts++
		if !last {
			ls.bought += k
			return // the cash is spent
		}
		if d > po.day {
			ls.delayedOrders++
			ls.delayDays += d - po.day
		}
		if ls.parts > 1 {
			ls.shrunkOrders++
		}
		ls.next++
		ls.bought, ls.parts = 0, 0
	}
}

// place places an order of u units of line i on day d, with payments amt.
func (e *engine) place(i, d int, u int64, amt orderAmounts) {
	lp, ls := &e.p.lines[i], &e.lines[i]
	seq := ls.base + int64(len(ls.orders))
	ls.orders = append(ls.orders, order{placed: d, units: u, amt: amt, laterPaid: NoDay, arrivePaid: NoDay, sellable: NoDay})
	ls.pipeline += u
	ls.res.Orders++
	ls.res.UnitsOrdered += u
	e.committed += amt.total()
	e.payStock(i, d, EventOrderPlaced, u, amt.deposit)
	if amt.deposit == 0 {
		e.event(d, EventOrderPlaced, i, u, 0)
	}
	e.book.add(payment{due: d + lp.prod, line: i, seq: seq, kind: payLater})
	if lp.prod == 0 {
		e.payDue(d)
	}
}

// finish closes the run at the horizon: payouts still to come, stock held,
// the cash conversion cycle, and the delays of orders still waiting.
func (e *engine) finish() {
	p := e.p
	h := p.s.HorizonDays
	period, delay := p.s.PayoutPeriodDays, p.s.PayoutDelayDays
	for i := range e.lines {
		lp, ls := &p.lines[i], &e.lines[i]
		r := &ls.res
		for k, units := range ls.periods {
			if (k+1)*period+delay < h {
				continue
			}
			if units != 0 {
				r.Receivable += int64(math.Round(float64(units) * lp.netPerUnit))
			}
			if ls.storage != nil {
				r.Receivable -= int64(math.Round(ls.storage[k]))
			}
		}
		r.EndingStock = ls.onHand
		r.PipelineUnits = ls.pipeline
		r.StockValue = max(0, ls.paid-int64(math.Round(float64(r.UnitsSold)*lp.landed)))
		if ls.cccDen > 0 {
			r.CashConversionDays = ls.cccNum / ls.cccDen
		} else {
			r.CashConversionDays = lp.estimateCCC
			r.CashConversionEstimated = true
		}
		if !e.limited {
			continue
		}
		// Planned orders not bought in full by the horizon waited the
		// rest of it.
		for j := ls.next; j < len(ls.plan); j++ {
			ls.delayedOrders++
			ls.delayDays += h - ls.plan[j].day
		}
		if ls.parts > 0 {
			ls.shrunkOrders++
		}
	}
}
