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
	for _, metric := range []Metric{MetricProductsSupported, MetricAnnualizedReturn} {
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
				want := float64(r.ProductsSupported)
				if metric == MetricAnnualizedReturn {
					want = r.AnnualizedReturnPct
				}
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
		{"unknown metric", []float64{1}, []float64{1}, "profit", CodeBadVariant},
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
