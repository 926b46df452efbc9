package planning

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/opsbench/opsbench/app"
)

var reorderToday = app.NewDate(2024, 3, 4)

// exampleConfig is the worked example: sea 35 days transit and
// air 8, both 7 days receiving, cycle 30, 95% service level.
func exampleConfig() ReorderConfig {
	cfg := DefaultReorderConfig()
	cfg.Modes = []ReorderMode{
		{Name: "sea", TransitDays: 35, ReceivingDays: 7},
		{Name: "air", TransitDays: 8, ReceivingDays: 7},
	}
	return cfg
}

func exampleSKU() ReorderSKU {
	return ReorderSKU{
		SKU:            "MUG-11",
		ProductionDays: 15,
		MOQ:            100,
		// S = 400 + 200 + 300 = 900.
		Supply: Supply{FBAFulfillable: 400, FBAInboundShipped: 200, InTransit: 300},
	}
}

func TestReorderWorkedExample(t *testing.T) {
	// v = 10/day, sigma = 4, production 15 d.
	// Sea: L = 15+35+7 = 57, SS = ceil(1.645·4·√57) = ceil(49.68) = 50,
	// ROP = 570+50 = 620; qty = ceil(10·87 + 50 − 900) = 20 -> MOQ 100;
	// order by today + floor((900−620)/10) = today+28.
	// Air: L = 15+8+7 = 30, SS = ceil(1.645·4·√30) = ceil(36.04) = 37,
	// ROP = 337; qty = ceil(10·60 + 37 − 900) < 0 -> 0; order by
	// today + floor(563/10) = today+56.
	p := PlanWithDemand(exampleSKU(), Demand{Velocity: 10, Sigma: 4}, exampleConfig(), reorderToday)
	want := []struct {
		lead          float64
		ss, rop, need int
		qty, orderBy  int
	}{
		{57, 50, 620, 20, 100, 28},
		{30, 37, 337, 0, 0, 56},
	}
	for i, w := range want {
		m := p.Modes[i]
		if m.LeadDays != w.lead || m.SafetyStock != w.ss || m.ReorderPoint != w.rop || m.NeedQty != w.need ||
			m.Qty != w.qty || m.OrderByDays != w.orderBy || m.OrderBy != reorderToday.AddDays(w.orderBy) {
			t.Errorf("%s: L %v SS %d ROP %d need %d qty %d order by %+d (%s), want %+v",
				m.Mode, m.LeadDays, m.SafetyStock, m.ReorderPoint, m.NeedQty, m.Qty, m.OrderByDays, m.OrderBy, w)
		}
		if m.Status != ReorderOK || m.Measured {
			t.Errorf("%s: status %s measured %v", m.Mode, m.Status, m.Measured)
		}
	}
	// FBA cover 400/10 = 40 days, total 90; stock-out on today+40.
	if p.Supply != 900 || p.FBACoverDays != 40 || p.TotalCoverDays != 90 || p.StockoutDate != reorderToday.AddDays(40) || p.Status != ReorderOK {
		t.Errorf("S %d cover %v/%v stock-out %s status %s", p.Supply, p.FBACoverDays, p.TotalCoverDays, p.StockoutDate, p.Status)
	}
	// Sea arrives today+57 with 900 + 100 − 570 = 430 units: 43 days.
	if m := p.Modes[0]; m.Arrival != reorderToday.AddDays(57) || math.Abs(m.CoverAfterArrival-43) > 1e-9 || m.ShortDays != 0 {
		t.Errorf("sea arrival %s cover after %v short %d", m.Arrival, m.CoverAfterArrival, m.ShortDays)
	}
}

func TestReorderStatuses(t *testing.T) {
	d := Demand{Velocity: 10, Sigma: 4}
	cfg := exampleConfig()
	tests := []struct {
		name    string
		supply  Supply
		status  ReorderStatus
		orderBy int
		short   int
	}{
		// Sea ROP 620: S = 680 -> floor(60/10) = 6 days: within 7 days.
		{"order within 7 days", Supply{FBAFulfillable: 680}, ReorderSoon, 6, 0},
		// S = 620 is exactly the ROP: order today.
		{"at the reorder point", Supply{FBAFulfillable: 620}, ReorderNow, 0, 0},
		// Lead time longer than cover: S = 200 covers 20 days of the 57:
		// order now, 42 days late (floor((200−620)/10) = −42), FBA dry for
		// 37 days before sea goods arrive.
		{"lead time longer than cover", Supply{FBAFulfillable: 200}, ReorderNow, -42, 37},
		// 5,000 units = 500 days > 1.5 × (57+30) = 130.5: overstock.
		{"overstock", Supply{Local: 5000}, ReorderOverstock, 438, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := exampleSKU()
			s.Supply = tc.supply
			p := PlanWithDemand(s, d, cfg, reorderToday)
			m := p.Modes[0]
			if p.Status != tc.status || m.OrderByDays != tc.orderBy || m.ShortDays != tc.short {
				t.Errorf("status %s order by %+d short %d, want %s %+d %d", p.Status, m.OrderByDays, m.ShortDays, tc.status, tc.orderBy, tc.short)
			}
		})
	}
}

func TestReorderNegativeSupply(t *testing.T) {
	// More sold than received: FBA −30, local 10, S = −20. Flagged; FBA
	// cover 0 (stock-out today); sea qty = ceil(10·87 + 50 + 20) = 940.
	s := exampleSKU()
	s.MOQ = 0
	s.Supply = Supply{FBAFulfillable: -30, Local: 10}
	p := PlanWithDemand(s, Demand{Velocity: 10, Sigma: 4}, exampleConfig(), reorderToday)
	if !p.NegativeSupply || p.Supply != -20 || p.FBACoverDays != 0 || p.StockoutDate != reorderToday {
		t.Errorf("negative: %+v", p)
	}
	if m := p.Modes[0]; m.Qty != 940 || m.Status != ReorderNow || m.ShortDays != 57 {
		t.Errorf("sea qty %d status %s short %d", m.Qty, m.Status, m.ShortDays)
	}
}

func TestRoundOrder(t *testing.T) {
	tests := []struct{ need, moq, pack, want int }{
		{20, 100, 0, 100},   // the worked example: up to the MOQ
		{20, 100, 24, 120},  // MOQ 100, then whole cartons of 24
		{130, 100, 24, 144}, // above the MOQ: 6 cartons
		{144, 100, 24, 144}, // already whole cartons
		{5, 0, 12, 12},      // no MOQ, one carton
		{5, 1, 1, 5},        // neither
		{0, 100, 24, 0},     // nothing needed, nothing ordered
	}
	for _, tc := range tests {
		if got := roundOrder(tc.need, tc.moq, tc.pack); got != tc.want {
			t.Errorf("need %d MOQ %d pack %d: %d, want %d", tc.need, tc.moq, tc.pack, got, tc.want)
		}
	}
}

func TestMeasureDemand(t *testing.T) {
	// 30 days, oldest first: 16 days of 6, 7 days of 8, then the last 7
	// days 10 10 0 0 10 10 10 with the two 0 days out of stock.
	var s DailySales
	for i := 0; i < 16; i++ {
		s.Units, s.InStock = append(s.Units, 6), append(s.InStock, true)
	}
	for i := 0; i < 7; i++ {
		s.Units, s.InStock = append(s.Units, 8), append(s.InStock, true)
	}
	for _, u := range []float64{10, 10, 0, 0, 10, 10, 10} {
		s.Units, s.InStock = append(s.Units, u), append(s.InStock, u > 0)
	}
	d := MeasureDemand(s, DefaultVelocityWeights())
	// 7 days: 50 units / 5 in-stock days = 10.
	// 14 days: 50+56 = 106 / 12 = 8.8333.
	// 30 days: 106+96 = 202 / 28 = 7.2143.
	// v = 0.5·10 + 0.3·8.8333 + 0.2·7.2143 = 5 + 2.65 + 1.44286 = 9.09286.
	if math.Abs(d.Velocity-9.092857) > 1e-5 {
		t.Errorf("velocity %v, want 9.092857", d.Velocity)
	}
	if d.Windows[0].InStockDays != 5 || d.Windows[1].InStockDays != 12 || d.Windows[2].InStockDays != 28 {
		t.Errorf("windows %+v", d.Windows)
	}
	// Sigma over the 28 in-stock days (mean 7.2143): squared deviations
	// 5·2.7857² + 7·0.7857² + 16·1.2143² = 38.801 + 4.321 + 23.592 =
	// 66.714; / 27 = 2.4709; sqrt = 1.5719.
	if math.Abs(d.Sigma-1.5719) > 1e-4 || d.SigmaDays != 28 || d.Fallback || d.NoInStockDays {
		t.Errorf("sigma %v over %d days", d.Sigma, d.SigmaDays)
	}
	// Edited weights: only the 7-day average counts.
	if d := MeasureDemand(s, VelocityWeights{W7: 1}); d.Velocity != 10 {
		t.Errorf("7-day only: %v", d.Velocity)
	}
}

func TestReorderNoSalesAndStockOuts(t *testing.T) {
	cfg := exampleConfig()
	days := func(n int, units float64, inStock bool) DailySales {
		var s DailySales
		for i := 0; i < n; i++ {
			s.Units, s.InStock = append(s.Units, units), append(s.InStock, inStock)
		}
		return s
	}
	t.Run("no sales", func(t *testing.T) {
		s := exampleSKU()
		s.Sales = days(365, 0, true)
		p := PlanReorder(s, cfg, reorderToday)
		if p.Status != ReorderNoSales || p.Velocity != 0 || p.FBACoverDays != 0 || !p.StockoutDate.IsZero() {
			t.Errorf("%+v", p)
		}
		for _, m := range p.Modes {
			if m.Status != ReorderNoSales || m.Qty != 0 || !m.OrderBy.IsZero() || math.IsNaN(m.CoverAfterArrival) {
				t.Errorf("%s: %+v", m.Mode, m)
			}
		}
	})
	t.Run("no history at all", func(t *testing.T) {
		p := PlanReorder(exampleSKU(), cfg, reorderToday)
		if p.Status != ReorderNoSales || !p.NoInStockDays {
			t.Errorf("%+v", p)
		}
	})
	t.Run("all days stock-out", func(t *testing.T) {
		s := exampleSKU()
		s.Sales = days(90, 0, false)
		p := PlanReorder(s, cfg, reorderToday)
		if p.Status != ReorderNoSales || !p.NoInStockDays || p.Velocity != 0 {
			t.Errorf("%+v", p)
		}
	})
	t.Run("out of stock for the last 30 days", func(t *testing.T) {
		// 30 in-stock days selling 5 a day, then 30 days without stock:
		// every window is empty, so v falls back to the older 5/day.
		// Nothing left: S = 0, sea ROP = ceil(5·57) + 0 = 285, order by
		// floor(−285/5) = −57 (57 days late); qty = ceil(5·87) = 435.
		s := exampleSKU()
		s.MOQ = 0
		s.Supply = Supply{}
		s.Sales = days(30, 5, true)
		more := days(30, 0, false)
		s.Sales.Units = append(s.Sales.Units, more.Units...)
		s.Sales.InStock = append(s.Sales.InStock, more.InStock...)
		p := PlanReorder(s, cfg, reorderToday)
		m := p.Modes[0]
		if !p.Fallback || p.Velocity != 5 || p.Sigma != 0 || p.Status != ReorderNow || m.OrderByDays != -57 || m.Qty != 435 {
			t.Errorf("fallback %v v %v sigma %v status %s order by %d qty %d", p.Fallback, p.Velocity, p.Sigma, p.Status, m.OrderByDays, m.Qty)
		}
	})
}

func TestReorderLeadTime(t *testing.T) {
	d := Demand{Velocity: 10, Sigma: 4}
	t.Run("measured", func(t *testing.T) {
		// Five sea shipments: 30 32 35 38 40 days. Median 35; sigmaL =
		// sqrt((25+9+0+9+25)/4) = sqrt(17) = 4.123. L = 15+35+7 = 57;
		// SS = ceil(1.645·sqrt(57·16 + 100·17)) = ceil(1.645·51.108) =
		// ceil(84.07) = 85; ROP = 570 + 85 = 655.
		cfg := exampleConfig()
		cfg.Modes[0].Arrived = []float64{38, 30, 40, 35, 32}
		m := PlanWithDemand(exampleSKU(), d, cfg, reorderToday).Modes[0]
		if !m.Measured || m.TransitDays != 35 || math.Abs(m.SigmaL-math.Sqrt(17)) > 1e-9 || m.SafetyStock != 85 || m.ReorderPoint != 655 || m.Shipments != 5 {
			t.Errorf("%+v", m)
		}
	})
	t.Run("four shipments are not enough", func(t *testing.T) {
		cfg := exampleConfig()
		cfg.Modes[0].Arrived = []float64{60, 60, 60, 60}
		m := PlanWithDemand(exampleSKU(), d, cfg, reorderToday).Modes[0]
		if m.Measured || m.LeadDays != 57 || m.SafetyStock != 50 || m.Shipments != 4 {
			t.Errorf("%+v", m)
		}
	})
	t.Run("safety days", func(t *testing.T) {
		// 7 safety days × 10/day = 70 whatever the mode.
		s := exampleSKU()
		s.SafetyDays = 7
		for _, m := range PlanWithDemand(s, d, exampleConfig(), reorderToday).Modes {
			if m.SafetyStock != 70 {
				t.Errorf("%s: SS %d", m.Mode, m.SafetyStock)
			}
		}
	})
	t.Run("freight", func(t *testing.T) {
		// 100 units × 0.3 kg × ¥12/kg = ¥360.
		cfg := exampleConfig()
		cfg.Modes[0].CostPerKg, cfg.Modes[0].Currency = 12, "CNY"
		s := exampleSKU()
		s.UnitWeightKg = 0.3
		if m := PlanWithDemand(s, d, cfg, reorderToday).Modes[0]; math.Abs(m.FreightCost-360) > 1e-9 || m.Currency != "CNY" {
			t.Errorf("freight %v %s", m.FreightCost, m.Currency)
		}
	})
	t.Run("office modes", func(t *testing.T) {
		modes := ReorderModes(DefaultModes(), map[string][]float64{"air": {9, 9, 10, 11, 12}})
		if modes[0].Name != "sea" || modes[0].TransitDays != 35 || modes[0].ReceivingDays != 7 || len(modes[1].Arrived) != 5 {
			t.Errorf("%+v", modes)
		}
	})
}

func TestZScore(t *testing.T) {
	for _, tc := range []struct{ level, z float64 }{
		{0.95, 1.645}, {0.90, 1.282}, {0.975, 1.96}, {0.98, 2.054}, {0.99, 2.326}, {0.5, 0}, {0, 0}, {1, 3.719},
	} {
		if got := ZScore(tc.level); got != tc.z {
			t.Errorf("z(%v) = %v, want %v", tc.level, got, tc.z)
		}
	}
}

// reorderBench makes n SKUs of a year's history with stock-outs and
// measured sea transit.
func reorderBench(n int) ([]ReorderSKU, ReorderConfig) {
	r := rand.New(rand.NewPCG(3, 4))
	skus := make([]ReorderSKU, n)
	for i := range skus {
		s := ReorderSKU{SKU: "SKU", ProductionDays: 10 + r.IntN(20), MOQ: 100, CasePack: 24,
			Supply: Supply{FBAFulfillable: r.IntN(2000), InTransit: r.IntN(1000)}}
		base := float64(r.IntN(30))
		s.Sales.Units = make([]float64, 365)
		s.Sales.InStock = make([]bool, 365)
		for d := range s.Sales.Units {
			s.Sales.InStock[d] = r.IntN(20) > 0
			if s.Sales.InStock[d] {
				s.Sales.Units[d] = math.Max(0, base+r.NormFloat64()*3)
			}
		}
		skus[i] = s
	}
	cfg := DefaultReorderConfig()
	cfg.Modes[0].Arrived = []float64{33, 35, 36, 38, 40, 41}
	return skus, cfg
}

// BenchmarkReorder2000SKUs is the target: reorder figures for
// 2,000 SKUs × 365 days under 1 s (one op = all of them).
func BenchmarkReorder2000SKUs(b *testing.B) {
	skus, cfg := reorderBench(2000)
	b.ReportAllocs()
	for b.Loop() {
		if len(PlanReorders(skus, cfg, reorderToday)) != len(skus) {
			b.Fatal("short")
		}
	}
}
