package planning

import "testing"

// tenLines is a 365-day scenario with ten lines across all four modes.
func tenLines() Scenario {
	s := DefaultScenario()
	s.Capital = 1000000
	s.ReservePct = 10
	s.FX = map[string]float64{"USD": 7.2}
	modes := []string{ModeSea, ModeAir, ModeExpress, ModeRail}
	for i := 0; i < 10; i++ {
		l := DefaultLine()
		l.Name = "line " + string(rune('A'+i))
		l.Price, l.PriceCurrency = 20+float64(i)*5, "USD"
		l.UnitCost, l.UnitWeightKg = 30+float64(i)*4, 0.2+float64(i)*0.1
		l.DailyUnits, l.ProductionDays = 5+float64(i), 15+i
		l.Mode = modes[i%len(modes)]
		l.FBAFee, l.AdPct, l.ReturnPct = 5, 10, 3
		s.Lines = append(s.Lines, l)
	}
	return s
}

// Target: 10 lines × 365 days, need and capital-limited together, under
// 5 ms per run. "capital-limited" has too little capital, so the second
// run is simulated; "feasible" covers the need, so the need run serves as
// both; "with new costs" adds every cost of issue 9.
func BenchmarkSimulate10Lines(b *testing.B) {
	feasible := tenLines()
	short := tenLines()
	short.Capital = 150000
	costly := tenLines()
	costly.Capital = 150000
	costly.OverheadMonthly = 30000
	costly.Modes = []Mode{{Name: ModeSea, TransitDays: 35, ReceivingDays: 7, CostPerKg: 12, CostPerM3: 900, Currency: "CNY"}}
	for i := range costly.Lines {
		l := &costly.Lines[i]
		l.DutyPct, l.StorageFee, l.InboundFee, l.UnitVolumeM3 = 7, 0.5, 0.3, 0.01
		l.MOQ, l.LaunchDay, l.RampDays = 200, 20*i, 60
	}
	for _, bc := range []struct {
		name string
		s    Scenario
	}{{"capital-limited", short}, {"feasible", feasible}, {"with new costs", costly}} {
		r, err := Simulate(bc.s, nil)
		if err != nil {
			b.Fatal(err)
		}
		if (bc.name == "feasible") != r.Feasible {
			b.Fatalf("%s: feasible %v", bc.name, r.Feasible)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Simulate(bc.s, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// worstInput is the largest scenario the limits allow: 200 lines selling
// 1,000,000 units a day for five years. With cycle_days 1 every line
// orders every day: the most orders, payments and events there can be.
func worstInput(cycleDays int) Scenario {
	s := DefaultScenario()
	s.Capital = 1e9 // too little: the capital-limited run is simulated too
	s.HorizonDays = MaxHorizonDays
	s.FX = map[string]float64{"USD": 7.2}
	modes := []string{ModeSea, ModeAir, ModeExpress, ModeRail}
	for i := 0; i < MaxLines; i++ {
		l := DefaultLine()
		l.Name = "line " + string(rune('A'+i%26)) + string(rune('a'+i/26))
		l.Price, l.PriceCurrency = 6, "USD"
		l.UnitCost, l.UnitWeightKg = 5, 0.1
		l.DailyUnits, l.ProductionDays = maxDailyUnits, 10+i%30
		l.Mode = modes[i%len(modes)]
		l.CycleDays = cycleDays
		l.FBAFee, l.AdPct, l.ReturnPct = 1, 10, 3
		l.DutyPct, l.StorageFee, l.InboundFee = 5, 0.01, 0.01
		s.Lines = append(s.Lines, l)
	}
	return s
}

// Target: the worst allowed input under 1 s and 100 MB without events
// (what `opsbench plan --json` does). "with events" is for comparison.
func BenchmarkWorstInput(b *testing.B) {
	for _, bc := range []struct {
		name   string
		cycle  int
		events bool
	}{{"cycle 30", 30, false}, {"cycle 1", 1, false}, {"cycle 1 with events", 1, true}} {
		s := worstInput(bc.cycle)
		if err := s.Validate(nil); err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := SimulateWith(s, nil, Options{Events: bc.events})
				if err != nil {
					b.Fatal(err)
				}
				if r.Feasible {
					b.Fatal("the worst input should run the capital-limited simulation too")
				}
			}
		})
	}
}

// Target: under 500 ms per grid.
func BenchmarkSensitivity20x20(b *testing.B) {
	three := feeScenario()
	three.HorizonDays = 365
	three.Lines = append(three.Lines, three.Lines[0], three.Lines[0])
	prices, units := make([]float64, 20), make([]float64, 20)
	for i := range prices {
		prices[i] = 40 + 5*float64(i)
		units[i] = 2 + 2*float64(i)
	}
	for _, bc := range []struct {
		name   string
		s      Scenario
		metric Metric
	}{
		{"3lines", three, MetricProductsSupported},
		{"10lines", tenLines(), MetricProductsSupported},
		{"10lines profit", tenLines(), DefaultGridMetric},
		{"10lines capital-limited profit", tenLines(), MetricLimitedProfit},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Sensitivity(bc.s, nil, prices, units, bc.metric); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseScenario(b *testing.B) {
	s := tenLines()
	data, err := s.MarshalTOML()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ParseScenario(data); err != nil {
			b.Fatal(err)
		}
	}
}
