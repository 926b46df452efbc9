package planning

import (
	"math"
	"reflect"
	"testing"

	"github.com/opsbench/opsbench/app"
)

// handScenario is one CNY line with no fees, 100% deposit, no freight and
// next-day payouts: every amount can be followed by hand.
//
//	lead 10+5+5 = 20 days, ROP = 10 × (20+7) = 270, order = 10 × 10 = 100
func handScenario() Scenario {
	s := DefaultScenario()
	s.Name = "hand"
	s.Capital = 10000
	s.HorizonDays = 60
	s.PayoutPeriodDays = 1
	s.PayoutDelayDays = 0
	s.Modes = []Mode{{Name: "boat", TransitDays: 5, ReceivingDays: 5, CostPerKg: 0}}
	l := DefaultLine()
	l.Name = "mug"
	l.Price = 10
	l.UnitCost = 10
	l.DailyUnits = 10
	l.ProductionDays = 10
	l.DepositPct = 100
	l.Mode = "boat"
	l.CycleDays = 10
	l.SafetyDays = 7
	l.ReferralPct = 0
	s.Lines = []Line{l}
	return s
}

func TestSimulateHandPipeline(t *testing.T) {
	// Day 0: position 0 <= 270, so orders go out until it is above:
	// 100, 200, 300 units, ¥3,000 paid at once (100% deposit).
	// Day 20: all 300 arrive; days 0..19 lost 10 units a day.
	// Days 20, 21 sell 10 each (paid next day); day 22 sells 10 more,
	// the position falls to 270 and a 100-unit order (¥1,000) goes out.
	// With price = cost and no fees, cash = capital − cost × (position +
	// units sold but not yet paid): the low is 370 + 10 units = ¥3,800.
	r, err := Simulate(handScenario(), nil)
	if err != nil {
		t.Fatal(err)
	}
	const cost = 1000 // fen
	if want := int64((370 + 10) * cost); r.PeakNeed != want {
		t.Errorf("PeakNeed = %d, want %d (pipeline × unit cost)", r.PeakNeed, want)
	}
	if r.LowestDay != 22 {
		t.Errorf("LowestDay = %d, want 22", r.LowestDay)
	}
	if r.Daily[0] != 1000000-300*cost {
		t.Errorf("Daily[0] = %d, want %d", r.Daily[0], 1000000-300*cost)
	}
	l := r.Lines[0]
	if l.OrderUnits != 100 || l.ReorderPoint != 270 || l.LeadTimeDays != 20 {
		t.Errorf("order %d, ROP %v, lead %d; want 100, 270, 20", l.OrderUnits, l.ReorderPoint, l.LeadTimeDays)
	}
	if l.LostUnits != 200 || l.StockOutDays != 20 || l.LostBeforeStock != 200 || l.FirstStockDay != 20 {
		t.Errorf("lost %d over %d days (%d before launch day %d), want 200 over 20 (200 before day 20)",
			l.LostUnits, l.StockOutDays, l.LostBeforeStock, l.FirstStockDay)
	}
	if r.LostUnits != 200 || r.StockOutDays != 20 {
		t.Errorf("totals: lost %d, stock-out days %d", r.LostUnits, r.StockOutDays)
	}
	if l.UnitProfit != 0 || l.MarginPct != 0 {
		t.Errorf("unit profit %d, margin %v; want 0, 0", l.UnitProfit, l.MarginPct)
	}
	if !r.Feasible || r.Verdict.Reason != ReasonOK {
		t.Errorf("verdict %+v", r.Verdict)
	}
}

// feeScenario: one line with every fee, payouts on the default 14+3 days.
//
//	price ¥100, referral 15% + ads 10% + returns 3% = ¥28, FBA ¥5: net ¥67
//	cost ¥40, 0.5 kg at ¥12/kg = ¥6 freight: landed ¥46, profit ¥21
//	lead 2+3+2 = 7, ROP = 10 × 14 = 140, order 300 units
//	order: goods ¥12,000, deposit ¥3,600, balance ¥8,400, freight ¥1,800
func feeScenario() Scenario {
	s := DefaultScenario()
	s.Capital = 50000
	s.HorizonDays = 40
	s.Modes = []Mode{{Name: "short", TransitDays: 3, ReceivingDays: 2, CostPerKg: 12}}
	l := DefaultLine()
	l.Name = "lamp"
	l.Price = 100
	l.UnitCost = 40
	l.UnitWeightKg = 0.5
	l.DailyUnits = 10
	l.ProductionDays = 2
	l.Mode = "short"
	l.FBAFee = 5
	l.AdPct = 10
	l.ReturnPct = 3
	s.Lines = []Line{l}
	return s
}

func TestSimulateFeesAndPayouts(t *testing.T) {
	r, err := Simulate(feeScenario(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Sales start on day 7. Days 7..13 (70 units) pay on day 17, days
	// 14..27 (140 units) on day 31, days 28..41 on day 45, after the
	// horizon. Position 300 − 10 × (d − 6) reaches 140 on day 22.
	want := []Event{
		{Day: 0, Kind: EventOrderPlaced, Units: 300, Amount: -360000},
		{Day: 2, Kind: EventBalancePaid, Units: 300, Amount: -840000},
		{Day: 2, Kind: EventFreightPaid, Units: 300, Amount: -180000},
		{Day: 7, Kind: EventStockArrived, Units: 300},
		{Day: 17, Kind: EventPayout, Units: 70, Amount: 70 * 6700},
		{Day: 22, Kind: EventOrderPlaced, Units: 300, Amount: -360000},
		{Day: 24, Kind: EventBalancePaid, Units: 300, Amount: -840000},
		{Day: 24, Kind: EventFreightPaid, Units: 300, Amount: -180000},
		{Day: 29, Kind: EventStockArrived, Units: 300},
		{Day: 31, Kind: EventPayout, Units: 140, Amount: 140 * 6700},
	}
	for i := range want {
		want[i].LineName = "lamp"
	}
	if !reflect.DeepEqual(r.Events, want) {
		t.Errorf("events:\n got %+v\nwant %+v", r.Events, want)
	}
	l := r.Lines[0]
	if l.LandedUnitCost != 4600 || l.NetPayoutPerUnit != 6700 || l.UnitProfit != 2100 || math.Abs(l.MarginPct-21) > 1e-9 {
		t.Errorf("landed %d net %d profit %d margin %v; want 4600 6700 2100 21",
			l.LandedUnitCost, l.NetPayoutPerUnit, l.UnitProfit, l.MarginPct)
	}
	if d := r.Daily[17] - r.Daily[16]; d != 469000 {
		t.Errorf("cash change on day 17 = %d, want 469000", d)
	}
	capital := int64(5000000)
	if r.EndingCash != capital-1353000 {
		t.Errorf("EndingCash = %d, want %d", r.EndingCash, capital-1353000)
	}
	if r.LowestBalance != capital-2291000 || r.LowestDay != 24 || r.PeakNeed != 2291000 {
		t.Errorf("low %d on day %d, need %d; want %d on 24, 2291000", r.LowestBalance, r.LowestDay, r.PeakNeed, capital-2291000)
	}
	// 330 units sold (days 7..39): 120 of them (days 28..39) still to be
	// paid; stock paid for: 2 × ¥13,800 − 330 × ¥46.
	if l.UnitsSold != 330 || r.Receivable != 120*6700 || r.StockValue != 2*1380000-330*4600 {
		t.Errorf("sold %d receivable %d stock %d", l.UnitsSold, r.Receivable, r.StockValue)
	}
	if r.Profit != 330*2100 {
		t.Errorf("Profit = %d, want 330 × 2100 = %d", r.Profit, 330*2100)
	}
	wantAnn := float64(330*2100) / 2291000 * 365 / 40 * 100
	if math.Abs(r.AnnualizedReturnPct-wantAnn) > 1e-9 {
		t.Errorf("annualized %v, want %v", r.AnnualizedReturnPct, wantAnn)
	}
	// Cash conversion: per unit ¥12 deposit paid on the order day and
	// ¥34 (balance + freight) two days later, weighted to each payout.
	num := 70*(1200*17+3400*15) + 140*(1200*31+3400*29) + 90*(1200*45+3400*43) + 30*(1200*23+3400*21)
	wantCCC := float64(num) / float64(330*4600)
	if math.Abs(r.CashConversionDays-wantCCC) > 1e-9 || math.Abs(l.CashConversionDays-wantCCC) > 1e-9 {
		t.Errorf("CCC %v / %v, want %v", r.CashConversionDays, l.CashConversionDays, wantCCC)
	}
	if r.BreakEvenDay != NoDay || r.CashOutDay != NoDay {
		t.Errorf("break-even %d, cash-out %d; want none", r.BreakEvenDay, r.CashOutDay)
	}
	if r.LostUnits != 70 || r.StockOutDays != 7 {
		t.Errorf("lost %d over %d days, want 70 over 7", r.LostUnits, r.StockOutDays)
	}
}

func TestSimulateBreakEven(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.BreakEvenDay == NoDay || r.BreakEvenDay <= r.LowestDay {
		t.Fatalf("BreakEvenDay = %d (low on %d)", r.BreakEvenDay, r.LowestDay)
	}
	if r.Daily[r.BreakEvenDay] < r.Capital || r.Daily[r.BreakEvenDay-1] >= r.Capital {
		t.Errorf("day %d is not the first back at capital: %d, before %d",
			r.BreakEvenDay, r.Daily[r.BreakEvenDay], r.Daily[r.BreakEvenDay-1])
	}
	if len(r.Weekly) != 53 || r.Weekly[52].EndDay != 364 || r.Weekly[52].Balance != r.Daily[364] {
		t.Errorf("weekly: %d weeks, last %+v", len(r.Weekly), r.Weekly[len(r.Weekly)-1])
	}
	if r.Weekly[1].EndDay != 13 || r.Weekly[1].Balance != r.Daily[13] {
		t.Errorf("week 1 = %+v", r.Weekly[1])
	}
}

func TestSimulateFractionalDailyUnits(t *testing.T) {
	s := handScenario()
	s.Lines[0].DailyUnits = 2.5 // 2, 3, 2, 3, ... units a day
	s.HorizonDays = 20
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing arrives within 20 days: all demand is lost.
	if r.LostUnits != 50 {
		t.Errorf("LostUnits = %d, want 50", r.LostUnits)
	}
	if l := r.Lines[0]; l.OrderUnits != 25 || l.ReorderPoint != 67.5 {
		t.Errorf("order %d, ROP %v; want 25, 67.5", l.OrderUnits, l.ReorderPoint)
	}
	// Day 0: 25, 50, 75 > 67.5, so three orders.
	if r.Lines[0].Orders != 3 {
		t.Errorf("Orders = %d, want 3", r.Lines[0].Orders)
	}
	if !r.Lines[0].CashConversionEstimated || r.Lines[0].CashConversionDays != 20+1+0 {
		t.Errorf("CCC %v estimated %v, want the estimate 21", r.Lines[0].CashConversionDays, r.Lines[0].CashConversionEstimated)
	}
}

func TestSimulateNegativeMargin(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	s.Lines[0].Price = 20 // net ¥9.40 against ¥46 landed
	s.Capital = 1000
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := r.Verdict
	if r.Feasible || v.Reason != ReasonNegativeMargin || v.CashOutDay != 0 {
		t.Fatalf("verdict %+v", v)
	}
	if r.Lines[0].UnitProfit >= 0 || r.Lines[0].MarginPct >= 0 {
		t.Errorf("unit profit %d, margin %v", r.Lines[0].UnitProfit, r.Lines[0].MarginPct)
	}
	if r.Profit >= 0 || r.AnnualizedReturnPct >= 0 {
		t.Errorf("profit %d, return %v", r.Profit, r.AnnualizedReturnPct)
	}
	checkFinite(t, r)
	want := "not feasible: lamp loses money on every unit (margin -183.0%); cash runs out on day 0; 1 line needs ¥" // amount follows
	if got := v.English(); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("English = %q, want prefix %q", got, want)
	}

	// Fees above the price: every payout is negative, cash only falls.
	s.Capital = 1e9
	s.Lines[0].ReferralPct, s.Lines[0].AdPct, s.Lines[0].ReturnPct = 100, 100, 100
	r, err = Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkFinite(t, r)
	for d := 1; d < len(r.Daily); d++ {
		if r.Daily[d] > r.Daily[d-1] {
			t.Fatalf("cash rose on day %d", d)
		}
	}
	if !r.Feasible || r.Verdict.Reason != ReasonNegativeMargin || r.BreakEvenDay != NoDay {
		t.Errorf("verdict %+v, break-even %d", r.Verdict, r.BreakEvenDay)
	}
	if got := r.Verdict.English(); got[:len("feasible but loss-making: lamp loses money")] != "feasible but loss-making: lamp loses money" {
		t.Errorf("English = %q", got)
	}
}

func TestSimulateDoesNotChangeInput(t *testing.T) {
	s := feeScenario()
	before := s.Clone()
	if _, err := Simulate(s, nil); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, before) {
		t.Error("Simulate changed its input")
	}
}

func TestSimulateDeterministic(t *testing.T) {
	s := feeScenario()
	s.Lines = append(s.Lines, s.Lines[0], s.Lines[0])
	a, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		b, _ := Simulate(s, nil)
		if !reflect.DeepEqual(a, b) {
			t.Fatal("two runs differ")
		}
	}
}

func TestSimulateZeroDecimalCurrency(t *testing.T) {
	s := feeScenario()
	s.BaseCurrency = "JPY"
	s.Capital = 5000000
	s.Lines[0].PriceCurrency = "JPY"
	r, err := Simulate(s, []Mode{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Capital != 5000000 || r.Lines[0].LandedUnitCost != 46 {
		t.Errorf("capital %d landed %d: JPY has no minor unit", r.Capital, r.Lines[0].LandedUnitCost)
	}
	if got := app.FormatMoney(r.Capital, "JPY"); got != "JP¥5,000,000" {
		t.Errorf("FormatMoney = %q", got)
	}
}

func TestProductsSupportedMatchesBruteForce(t *testing.T) {
	// Portfolios of k lines simulated for real must agree with the
	// closed-form search over the per-line cash flows: the answer is the
	// k before the first portfolio that does not fit.
	for seed := uint64(1); seed <= 40; seed++ {
		base := randomScenario(seed)
		if len(base.Lines) > 3 {
			base.Lines = base.Lines[:3]
		}
		base.HorizonDays = 120
		if seed%3 == 0 {
			base.OverheadMonthly = 2000 // shared once by every portfolio
		}
		p, err := prepare(base, nil)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		const limit = 9
		cums, total, fixed := needFlows(p)
		got := productsSupported(cums, total, fixed, p.budget, limit)
		want := limit
		for k := 1; k <= limit; k++ {
			sk := base.Clone()
			sk.Lines = nil
			for j := 0; j < k; j++ {
				sk.Lines = append(sk.Lines, base.Lines[j%len(base.Lines)])
			}
			r, err := Simulate(sk, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.PeakNeed > p.budget {
				want = k - 1
				break
			}
		}
		if got != want {
			t.Errorf("seed %d: productsSupported = %d, brute force %d", seed, got, want)
		}
	}
}

// needFlows runs the need simulation of p and returns each line's
// cumulative cash flow, their sum and the cumulative overhead (nil for
// none), as productsSupported takes them.
func needFlows(p *plan) (cums [][]int64, total, fixed []int64) {
	e := newEngine(p, false, false, true)
	e.run()
	total = make([]int64, p.s.HorizonDays)
	for i := range e.lines {
		var c int64
		flows := e.lines[i].flows
		for d, f := range flows {
			c += f
			flows[d] = c
			total[d] += c
		}
		cums = append(cums, flows)
	}
	if e.fixed != nil {
		var c int64
		for d, f := range e.fixed {
			c += f
			e.fixed[d] = c
		}
	}
	return cums, total, e.fixed
}

func TestProductsSupportedEdges(t *testing.T) {
	flat := [][]int64{{0, 0, 0}}
	if got := productsSupported(flat, []int64{0, 0, 0}, nil, 100, MaxProductsSupported); got != MaxProductsSupported {
		t.Errorf("a line that costs nothing: %d, want the cap %d", got, MaxProductsSupported)
	}
	if got := productsSupported(nil, nil, nil, 100, 10); got != 0 {
		t.Errorf("no lines: %d", got)
	}
	// One line needing 30 at its worst, budget 100: 3 fit.
	one := [][]int64{{-10, -30, -5}}
	if got := productsSupported(one, one[0], nil, 100, 10); got != 3 {
		t.Errorf("got %d, want 3", got)
	}
	// The same with an overhead of 20 paid on day 0: every portfolio
	// pays it once, so 30k + 20 <= 100 leaves 2.
	if got := productsSupported(one, one[0], []int64{-20, -20, -20}, 100, 10); got != 2 {
		t.Errorf("with overhead: got %d, want 2", got)
	}
	// Line 2 pays back early and covers line 1's later need: k=2 fits
	// while k=1 does not. The rule: 1..k must all fit, so 0 (the
	// earlier rule, the largest k that fits, said 10).
	a := []int64{-5, -5, -120}
	b := []int64{-5, 200, 200}
	total := []int64{-10, 195, 80}
	if got := productsSupported([][]int64{a, b}, total, nil, 100, 10); got != 0 {
		t.Errorf("got %d, want 0: the first line alone does not fit", got)
	}
	// Taken the other way round the earning line comes first: 1 fits
	// (b alone), 2 fits (b+a: -10, 195, 80), 3 = b+a+b fits, 4 = 2(b+a)
	// fits ... every k fits up to the cap.
	if got := productsSupported([][]int64{b, a}, total, nil, 100, 10); got != 10 {
		t.Errorf("earning line first: got %d, want 10", got)
	}
	// An odd k that fits between two that do not never counts: line x
	// needs 60, line y earns 50 on day 0 then needs 90 on day 1.
	// k=1 (x): 60 fits. k=2 (x+y): day 1 = -60-90+50 = -100 fits. k=3
	// (x+y+x): day 1 = -160 does not fit; k=4 would be -200. So 2.
	x := []int64{-60, -60}
	y := []int64{50, -40}
	if got := productsSupported([][]int64{x, y}, []int64{-10, -100}, nil, 100, 10); got != 2 {
		t.Errorf("got %d, want 2", got)
	}
}

// checkFinite fails when any float in r is NaN or infinite.
func checkFinite(t *testing.T, r Result) {
	t.Helper()
	fs := []float64{r.CashConversionDays, r.AnnualizedReturnPct, r.ReturnPct, r.Limited.ReturnPct, r.Limited.AnnualizedReturnPct}
	for _, l := range r.Lines {
		fs = append(fs, l.MarginPct, l.CashConversionDays, l.ReorderPoint)
	}
	fs = append(fs, r.Verdict.MarginPct)
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			t.Fatalf("non-finite value in result: %v", fs)
		}
	}
}

// The zero-cost-line case of issue 9: a line the capital cannot carry
// paired with one that costs nothing. The earlier rule (the largest k
// that fits) said 10,000: every even portfolio fits because the free
// line's payouts, coming first, pay for the other, and so does every odd
// one large enough. The rule now is that 1..k must all fit: the first
// line alone does not, so 0.
func TestProductsSupportedZeroCostLine(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	s.Capital = 20000 // the lamp alone needs ¥22,910 (TestSimulateFeesAndPayouts)
	lamp := s.Lines[0]
	lamp.LaunchDay = 30 // starts once the free line earns
	free := s.Lines[0]
	free.Name, free.UnitCost, free.UnitWeightKg = "free sample", 0, 0
	s.Lines = []Line{lamp, free}
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.ProductsSupported != 0 {
		t.Errorf("lamp first: products supported %d, want 0", r.ProductsSupported)
	}
	// By hand: the lamp alone needs ¥22,910 > ¥20,000; lamp + free line
	// fits (the free line has paid out ¥4,690 by day 17 and ¥14,070 by
	// day 31, before the lamp's balance on day 32).
	if r.PeakNeed > r.CapitalAvailable {
		t.Errorf("the two lines together need %d, more than %d", r.PeakNeed, r.CapitalAvailable)
	}
	// The free line first: 1 fits, and so do many more, until the pairs'
	// small dips add up past the capital. The answer is where the first
	// portfolio fails, simulated for real.
	s.Lines = []Line{free, lamp}
	r, err = Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for k := 1; k <= 80 && want == k-1; k++ {
		sk := s.Clone()
		sk.Lines = nil
		for j := 0; j < k; j++ {
			sk.Lines = append(sk.Lines, s.Lines[j%2])
		}
		rk, err := Simulate(sk, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rk.PeakNeed <= r.CapitalAvailable {
			want = k
		}
	}
	if r.ProductsSupported != want || want < 2 || want >= 80 {
		t.Errorf("free line first: products supported %d, portfolios simulated say %d", r.ProductsSupported, want)
	}
}
