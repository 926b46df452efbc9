package planning

import (
	"math"
	"reflect"
	"testing"
)

// eventsOf returns r's events of one kind.
func eventsOf(r Result, kind EventKind) []Event {
	var out []Event
	for _, e := range r.Events {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// The costs of issue 9, each added alone to feeScenario (see its comment:
// lead 2+3+2 = 7 days, orders of 300 units on days 0 and 22, arrivals on
// days 7 and 29, goods ¥12,000 an order, landed ¥46, net payout ¥67, 330
// units sold within the 40 days, 120 of them paid after it).
func TestSimulateNewCostsByHand(t *testing.T) {
	base, err := Simulate(feeScenario(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(s *Scenario)
		check  func(t *testing.T, r Result)
	}{
		{"duty", func(s *Scenario) { s.Lines[0].DutyPct = 10 }, func(t *testing.T, r Result) {
			// 10% of the ¥12,000 goods value, paid when transit ends:
			// day 0 + 2 production + 3 transit = day 5, and 22 + 5 = 27.
			want := []Event{{Day: 5, Kind: EventDutyPaid, LineName: "lamp", Units: 300, Amount: -120000},
				{Day: 27, Kind: EventDutyPaid, LineName: "lamp", Units: 300, Amount: -120000}}
			if got := eventsOf(r, EventDutyPaid); !reflect.DeepEqual(got, want) {
				t.Errorf("duty events %+v, want %+v", got, want)
			}
			// Landed ¥46 + ¥4 = ¥50, unit profit ¥67 − ¥50 = ¥17.
			l := r.Lines[0]
			if l.LandedUnitCost != 5000 || l.DutyPerUnit != 400 || l.UnitProfit != 1700 {
				t.Errorf("landed %d duty %d profit %d, want 5000 400 1700", l.LandedUnitCost, l.DutyPerUnit, l.UnitProfit)
			}
			// Profit is the units sold at the new unit profit: 330 × ¥17.
			if r.Profit != 330*1700 {
				t.Errorf("profit %d, want %d", r.Profit, 330*1700)
			}
		}},
		{"inbound fee", func(s *Scenario) { s.Lines[0].InboundFee = 0.5 }, func(t *testing.T, r Result) {
			// ¥0.50 × 300 units on days 5 and 27; profit 330 × ¥20.50.
			if got := eventsOf(r, EventInboundFeePaid); len(got) != 2 || got[0].Day != 5 || got[0].Amount != -15000 || got[1].Day != 27 {
				t.Errorf("inbound events %+v", got)
			}
			if r.Lines[0].LandedUnitCost != 4650 || r.Profit != 330*2050 {
				t.Errorf("landed %d profit %d, want 4650 %d", r.Lines[0].LandedUnitCost, r.Profit, 330*2050)
			}
		}},
		{"storage fee", func(s *Scenario) { s.Lines[0].StorageFee = 3 }, func(t *testing.T, r Result) {
			// ¥3 a unit a month = 10 fen a unit a day of stock at the end of
			// each day. Period [0,14): days 7..13 hold 290, 280, …, 230 =
			// 1,820 unit-days = ¥182, charged with its payout on day 17.
			// [14,28): 220 … 90 over 14 days = 2,170 = ¥217, on day 31.
			// [28,42) within the horizon: 80 on day 28, then 370 … 270
			// (order 2 arrived on day 29) = 3,600 = ¥360, charged on day
			// 45, after the horizon: it lowers the receivable.
			want := []Event{{Day: 17, Kind: EventStorageFee, LineName: "lamp", Amount: -18200},
				{Day: 31, Kind: EventStorageFee, LineName: "lamp", Amount: -21700}}
			if got := eventsOf(r, EventStorageFee); !reflect.DeepEqual(got, want) {
				t.Errorf("storage events %+v, want %+v", got, want)
			}
			if r.Receivable != base.Receivable-36000 {
				t.Errorf("receivable %d, want %d − 36000", r.Receivable, base.Receivable)
			}
			if r.Profit != base.Profit-18200-21700-36000 {
				t.Errorf("profit %d, want %d", r.Profit, base.Profit-18200-21700-36000)
			}
			// The per-unit estimate: an average unit waits half a cycle
			// plus the safety days, 15 + 7 = 22 days = ¥2.20.
			if l := r.Lines[0]; l.StoragePerUnit != 220 || l.UnitProfit != 2100-220 {
				t.Errorf("storage per unit %d, unit profit %d", l.StoragePerUnit, l.UnitProfit)
			}
		}},
		{"volume priced mode (W/M)", func(s *Scenario) {
			s.Modes[0].CostPerM3 = 1000
			s.Lines[0].UnitVolumeM3 = 0.01
		}, func(t *testing.T, r Result) {
			// 0.01 m3 × ¥1,000 = ¥10 beats 0.5 kg × ¥12 = ¥6: ¥3,000 an
			// order of 300, landed ¥50.
			if got := eventsOf(r, EventFreightPaid); len(got) != 2 || got[0].Amount != -300000 {
				t.Errorf("freight events %+v", got)
			}
			if r.Lines[0].LandedUnitCost != 5000 {
				t.Errorf("landed %d, want 5000", r.Lines[0].LandedUnitCost)
			}
		}},
		{"volumetric weight", func(s *Scenario) {
			s.Modes[0].VolumetricDivisor = 5000
			s.Lines[0].UnitVolumeM3 = 0.004
		}, func(t *testing.T, r Result) {
			// 4,000 cm3 / 5,000 = 0.8 kg chargeable, above the actual
			// 0.5 kg: 0.8 × ¥12 = ¥9.60 a unit, ¥2,880 an order.
			if got := eventsOf(r, EventFreightPaid); len(got) != 2 || got[0].Amount != -288000 {
				t.Errorf("freight events %+v", got)
			}
			if r.Lines[0].LandedUnitCost != 4960 {
				t.Errorf("landed %d, want 4960", r.Lines[0].LandedUnitCost)
			}
		}},
		{"volume without a volume-priced mode", func(s *Scenario) { s.Lines[0].UnitVolumeM3 = 0.5 }, func(t *testing.T, r Result) {
			// The mode prices weight only: the volume changes nothing.
			if r.Profit != base.Profit || r.PeakNeed != base.PeakNeed || r.Lines[0].LandedUnitCost != 4600 {
				t.Errorf("profit %d need %d landed %d, want the base %d %d 4600", r.Profit, r.PeakNeed, r.Lines[0].LandedUnitCost, base.Profit, base.PeakNeed)
			}
		}},
		{"overhead", func(s *Scenario) { s.OverheadMonthly = 1000 }, func(t *testing.T, r Result) {
			// ¥1,000 on days 0 and 30. The base's low is ¥22,910 below the
			// capital from day 24 to day 30 (the next payout is on day 31);
			// with ¥2,000 of overhead paid by day 30 it is ¥24,910 on day 30.
			want := []Event{{Day: 0, Kind: EventOverheadPaid, Line: NoLine, Amount: -100000},
				{Day: 30, Kind: EventOverheadPaid, Line: NoLine, Amount: -100000}}
			if got := eventsOf(r, EventOverheadPaid); !reflect.DeepEqual(got, want) {
				t.Errorf("overhead events %+v, want %+v", got, want)
			}
			if r.PeakNeed != 2491000 || r.LowestDay != 30 || r.Overhead != 200000 {
				t.Errorf("need %d on day %d, overhead %d; want 2491000 on day 30, 200000", r.PeakNeed, r.LowestDay, r.Overhead)
			}
			if r.Profit != base.Profit-200000 || r.Daily[0] != base.Daily[0]-100000 {
				t.Errorf("profit %d, day 0 %d", r.Profit, r.Daily[0])
			}
		}},
		{"launch day", func(s *Scenario) { s.Lines[0].LaunchDay = 10 }, func(t *testing.T, r Result) {
			// Everything starts 10 days later: the first order on day 10,
			// balance and freight on 12, stock on 17. Demand runs from day
			// 10: 70 units lost before the stock. Sales of days 17..27
			// (110 units) are paid on day 31.
			l := r.Lines[0]
			if l.StartDay != 10 || !l.Started || l.FirstStockDay != 17 || l.LostBeforeStock != 70 {
				t.Errorf("start %d started %v first stock %d lost before %d", l.StartDay, l.Started, l.FirstStockDay, l.LostBeforeStock)
			}
			first := r.Events[:4]
			if first[0].Day != 10 || first[0].Kind != EventOrderPlaced || first[1].Day != 12 || first[3].Day != 17 || first[3].Kind != EventStockArrived {
				t.Errorf("first events %+v", first)
			}
			if p := eventsOf(r, EventPayout); len(p) == 0 || p[0].Day != 31 || p[0].Units != 110 {
				t.Errorf("payouts %+v", p)
			}
		}},
		{"ramp", func(s *Scenario) { s.Lines[0].RampDays = 10 }, func(t *testing.T, r Result) {
			// Demand is 20% (2 a day) until the stock arrives on day 7:
			// 14 units lost. Then it rises by 8 points a day: 2.0, 2.8,
			// 3.6, 4.4, 5.2, 6.0, 6.8 a day on days 7..13, whole units from
			// the running total (2, 4.8, 8.4, 12.8, 18, 24, 30.8 → 2, 2, 4,
			// 4, 6, 6, 6): 30 units, paid on day 17.
			l := r.Lines[0]
			if l.LostBeforeStock != 14 {
				t.Errorf("lost before stock %d, want 14", l.LostBeforeStock)
			}
			if p := eventsOf(r, EventPayout); len(p) == 0 || p[0].Day != 17 || p[0].Units != 30 || p[0].Amount != 30*6700 {
				t.Errorf("first payout %+v, want 30 units on day 17", p)
			}
		}},
		{"MOQ", func(s *Scenario) { s.Lines[0].MOQ = 500 }, func(t *testing.T, r Result) {
			// 30 days of sales is 300 units, the MOQ 500: orders of 500,
			// deposit 30% of 500 × ¥40 = ¥6,000.
			if l := r.Lines[0]; l.OrderUnits != 500 {
				t.Errorf("order units %d, want 500", l.OrderUnits)
			}
			if o := eventsOf(r, EventOrderPlaced); len(o) == 0 || o[0].Amount != -600000 {
				t.Errorf("orders %+v", o)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := feeScenario()
			tt.change(&s)
			r, err := Simulate(s, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkFinite(t, r)
			tt.check(t, r)
		})
	}
}

// Every new cost at 0 (its default) keeps today's results exactly.
func TestNewCostsAtZeroChangeNothing(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		s := randomScenario(seed)
		a, err := Simulate(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The same scenario through a file written with every new key
		// explicit at 0.
		body, err := s.MarshalTOML()
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseScenario(body)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Simulate(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d: results differ after a round trip through TOML", seed)
		}
	}
}

// A line whose launch day is on or after the horizon never starts: the
// verdict says so, and nothing of it is simulated.
func TestLaunchDayPastHorizon(t *testing.T) {
	s := feeScenario()
	later := s.Lines[0]
	later.Name = "desk fan"
	later.LaunchDay = 40 // the horizon is 40 days: days 0..39
	s.Lines = append(s.Lines, later)
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := r.Lines[1]
	if l.Started || l.Orders != 0 || l.LostUnits != 0 || l.FirstStockDay != NoDay {
		t.Errorf("a line past the horizon: %+v", l)
	}
	v := r.Verdict
	if len(v.NotStarted) != 1 || v.NotStarted[0].Name != "desk fan" || v.NotStarted[0].LaunchDay != 40 {
		t.Errorf("not started %+v", v.NotStarted)
	}
	if want := "; desk fan never starts: launch day 40 is past the 40-day horizon"; !containsText(v.English(), want) {
		t.Errorf("English %q lacks %q", v.English(), want)
	}
	// Every line past the horizon: nothing happens, and the verdict says
	// that rather than "feasible".
	s.Lines = s.Lines[1:]
	r, err = Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkFinite(t, r)
	if r.Verdict.Reason != ReasonNoLineStarts || r.Verdict.English() != "nothing happens: no line starts within the 40-day horizon" {
		t.Errorf("verdict %s: %q", r.Verdict.Reason, r.Verdict.English())
	}
	if r.ReturnBasis != ReturnNone || r.PeakNeed != 0 {
		t.Errorf("return basis %s, need %d", r.ReturnBasis, r.PeakNeed)
	}
}

// A ramp longer than the horizon is fine: demand never reaches 100%.
func TestRampLongerThanHorizon(t *testing.T) {
	s := feeScenario()
	s.Lines[0].RampDays = 1000
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkFinite(t, r)
	// Days 7..39 at 20% + 0.8 × (d−7)/1000: about 2.0 to 2.3 a day, so
	// 33 days sell between 66 and 76 units.
	if sold := r.Lines[0].UnitsSold; sold < 66 || sold > 76 {
		t.Errorf("sold %d", sold)
	}
}

func containsText(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// The capital-limited run by hand, on handScenario (one line, ¥10 a unit,
// 100% deposit, no freight, price = cost, paid the next day, lead 20
// days). The need run orders 100 units on days 0, 0, 0, 22, 32, 42, 52.
// With ¥2,000 (reserve 0) the line buys the first two orders on day 0
// (¥1,000 each: one week of sales is 70 units, so an order is one block
// of 100); the third waits for ten payouts of ¥100 (sales of days 20..29,
// paid days 21..30) and is bought on day 30; the fourth (planned day 22)
// on day 40. The 200 units of day 0 sell out on day 39: days 40..49 lose
// 100 units; the third order arrives on day 50 and sells 100 by day 59.
// The fifth (planned 32) has ¥900 by the horizon and never goes out.
func TestLimitedByHand(t *testing.T) {
	s := handScenario()
	s.Capital = 2000
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Feasible || r.PeakNeed != 380000 {
		t.Fatalf("feasible %v need %d", r.Feasible, r.PeakNeed)
	}
	c := r.Limited
	// Sold: days 20..39 and 50..59. Lost: days 0..19 and 40..49.
	if c.UnitsSold != 300 || c.LostUnits != 300 {
		t.Errorf("sold %d lost %d, want 300 300", c.UnitsSold, c.LostUnits)
	}
	// Delays: order 3 30 days, order 4 18; orders 5, 6, 7 (days 32, 42,
	// 52) wait to the horizon: 28 + 18 + 8.
	if c.DelayedOrders != 5 || c.DelayDays != 30+18+28+18+8 || c.ShrunkOrders != 0 {
		t.Errorf("delayed %d orders, %d days, %d shrunk; want 5, 102, 0", c.DelayedOrders, c.DelayDays, c.ShrunkOrders)
	}
	// Cash: ¥0 after day 0; ¥1,000 of payouts by day 30 and by day 40
	// each spent at once; no sales on days 40..49, so nothing comes in on
	// days 41..50; ¥900 on days 51..59. The last day's sales (¥100) are
	// receivable, the fourth order (¥1,000) is stock paid for.
	if c.EndingCash != 90000 || c.Receivable != 10000 || c.StockValue != 100000 {
		t.Errorf("ending cash %d receivable %d stock %d", c.EndingCash, c.Receivable, c.StockValue)
	}
	// Price = cost: nothing earned. The last day at ¥0 is day 50.
	if c.Profit != 0 || c.CapitalUsed != 200000 || c.SelfFundingDay != 51 {
		t.Errorf("profit %d used %d self-funding day %d", c.Profit, c.CapitalUsed, c.SelfFundingDay)
	}
	// 60 days is under 90: the return is for the period, not annualized.
	if c.ReturnBasis != ReturnPeriod || c.ReturnPct != 0 {
		t.Errorf("return %v %s", c.ReturnPct, c.ReturnBasis)
	}
	if r.CapitalShortfall != 180000 {
		t.Errorf("shortfall %d, want ¥3,800 − ¥2,000", r.CapitalShortfall)
	}
	want := "; with ¥2,000 the line sells 300 units and earns ¥0 in 60 days; ¥1,800 more would remove the 102 days of delays"
	if !containsText(r.Verdict.English(), want) {
		t.Errorf("English %q lacks %q", r.Verdict.English(), want)
	}
	for d, b := range c.Daily {
		if b < 0 {
			t.Fatalf("capital-limited cash below 0 on day %d", d)
		}
	}
}

// The return rules: no capital tied up is n/a, not 0%; under 90 days the
// return is the period's.
func TestReturnRules(t *testing.T) {
	tests := []struct {
		name         string
		profit, used int64
		days         int
		pct          float64
		basis        ReturnBasis
	}{
		{"nothing tied up", 500, 0, 365, 0, ReturnNone},
		{"89 days: period", 100, 1000, 89, 10, ReturnPeriod},
		{"90 days: annualized", 100, 1000, 90, 10 * 365.0 / 90, ReturnAnnualized},
		{"a year", -250, 1000, 365, -25, ReturnAnnualized},
	}
	for _, tt := range tests {
		pct, basis := returnOf(tt.profit, tt.used, tt.days)
		if basis != tt.basis || math.Abs(pct-tt.pct) > 1e-9 {
			t.Errorf("%s: %v %s, want %v %s", tt.name, pct, basis, tt.pct, tt.basis)
		}
	}
	// Through Simulate: the fee scenario runs 40 days.
	r, err := Simulate(feeScenario(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.ReturnBasis != ReturnPeriod || math.Abs(r.ReturnPct-float64(r.Profit)/float64(r.PeakNeed)*100) > 1e-9 {
		t.Errorf("40 days: %v %s", r.ReturnPct, r.ReturnBasis)
	}
}
