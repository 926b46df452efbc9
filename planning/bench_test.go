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

// Target: under 5 ms per run.
func BenchmarkSimulate10Lines(b *testing.B) {
	s := tenLines()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Simulate(s, nil); err != nil {
			b.Fatal(err)
		}
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
		name string
		s    Scenario
	}{{"3lines", three}, {"10lines", tenLines()}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Sensitivity(bc.s, nil, prices, units, MetricProductsSupported); err != nil {
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
