package planning

import (
	"errors"
	"reflect"
	"testing"
)

func TestSensitivityMatchesSimulate(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	prices := []float64{60, 100, 150}
	units := []float64{5, 10.5}
	for _, metric := range GridMetrics() {
		g, err := Sensitivity(s, nil, prices, units, metric)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range prices {
			for j, u := range units {
				c := s.Clone()
				c.Lines[0].Price, c.Lines[0].DailyUnits = p, u
				r, err := Simulate(c, nil)
				if err != nil {
					t.Fatal(err)
				}
				want := map[Metric]float64{
					MetricProductsSupported: float64(r.ProductsSupported),
					MetricAnnualizedReturn:  r.ReturnPct,
					MetricProfit:            float64(r.Profit) / 100,
					MetricLimitedProfit:     float64(r.Limited.Profit) / 100,
					MetricPeakNeed:          float64(r.PeakNeed) / 100,
				}[metric]
				if g.Values[i][j] != want {
					t.Errorf("%s at price %v units %v: %v, want %v", metric, p, u, g.Values[i][j], want)
				}
			}
		}
	}
}

func TestSensitivityDeterministic(t *testing.T) {
	s := randomScenario(3)
	prices, units := make([]float64, 20), make([]float64, 20)
	for i := range prices {
		prices[i] = 10 + 5*float64(i)
		units[i] = 1 + float64(i)
	}
	a, err := Sensitivity(s, nil, prices, units, MetricAnnualizedReturn)
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 3; k++ {
		b, err := Sensitivity(s, nil, prices, units, MetricAnnualizedReturn)
		if err != nil || !reflect.DeepEqual(a, b) {
			t.Fatal("grid differs between runs")
		}
	}
}

func TestSensitivityErrors(t *testing.T) {
	s := feeScenario()
	many := make([]float64, 21)
	for i := range many {
		many[i] = float64(i + 1)
	}
	tests := []struct {
		name          string
		prices, units []float64
		metric        Metric
		code          Code
	}{
		{"no prices", nil, []float64{1}, MetricProductsSupported, CodeBadVariant},
		{"21 units", []float64{1}, many, MetricProductsSupported, CodeBadVariant},
		{"zero price", []float64{0}, []float64{1}, MetricProductsSupported, CodeBadVariant},
		{"unknown metric", []float64{1}, []float64{1}, "colour", CodeBadVariant},
	}
	for _, tt := range tests {
		_, err := Sensitivity(s, nil, tt.prices, tt.units, tt.metric)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Code != tt.code {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	bad := feeScenario()
	bad.Capital = -1
	if _, err := Sensitivity(bad, nil, []float64{1}, []float64{1}, MetricProductsSupported); err == nil {
		t.Error("invalid scenario accepted")
	}
}

func TestGridDefaultAndDirection(t *testing.T) {
	// The default figure is one price moves: profit, higher is better.
	if DefaultGridMetric != MetricProfit || GridMetrics()[0] != DefaultGridMetric {
		t.Fatalf("default grid metric %q", DefaultGridMetric)
	}
	want := map[Metric]Better{
		MetricProfit: HigherIsBetter, MetricLimitedProfit: HigherIsBetter, MetricAnnualizedReturn: HigherIsBetter,
		MetricProductsSupported: HigherIsBetter, MetricPeakNeed: LowerIsBetter, MetricCashConversionDays: LowerIsBetter,
	}
	for m, b := range want {
		if m.Better() != b {
			t.Errorf("%s: better %s, want %s", m, m.Better(), b)
		}
	}
	s := feeScenario()
	s.HorizonDays = 365
	g, err := Sensitivity(s, nil, []float64{60, 100, 150}, []float64{10}, DefaultGridMetric)
	if err != nil {
		t.Fatal(err)
	}
	if g.Better != HigherIsBetter || g.Currency != "CNY" {
		t.Errorf("grid better %q currency %q", g.Better, g.Currency)
	}
	// A higher price with the same costs earns more: the grid's colours
	// must run the way the figure improves.
	if !(g.Values[0][0] < g.Values[1][0] && g.Values[1][0] < g.Values[2][0]) {
		t.Errorf("profit by price %v, want rising", g.Values)
	}
	tbl := SensitivityTable(g)
	if u, cur := tbl.CellUnit(0, 1); u != UnitMoney || cur != "CNY" {
		t.Errorf("profit cells are %q %q, want money in CNY", u, cur)
	}
}

// A return where no capital is tied up is n/a in the grid, never 0%.
func TestGridReturnNA(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	s.Lines[0].UnitCost, s.Lines[0].UnitWeightKg = 0, 0 // costs nothing
	g, err := Sensitivity(s, nil, []float64{100}, []float64{10}, MetricAnnualizedReturn)
	if err != nil {
		t.Fatal(err)
	}
	if g.NA == nil || !g.NA[0][0] {
		t.Fatalf("return of a line that ties up nothing: %v (NA %v), want n/a", g.Values, g.NA)
	}
	if txt := SensitivityTable(g).Rows[0][1].Text; txt != "n/a" {
		t.Errorf("table cell %q, want n/a", txt)
	}
}
