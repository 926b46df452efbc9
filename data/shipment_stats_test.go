package data

import (
	"context"
	"math"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestLogistics(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	mustProduct(t, s, app.Product{SKU: "MUG", WeightG: 400, Active: true})
	wh := mustLocation(t, s, "仓", app.LocationWarehouse)
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	// Sea with forwarder A: quoted 35, took 33, 36, 40, 38 days; with B
	// quoted 30, took 45. One more with A still at sea.
	type trip struct {
		fwd            string
		quote, took    int
		dep            app.Date
		cost, weightKg int64
	}
	trips := []trip{
		{"A", 35, 33, ymd(2026, 8, 1), 2400_00, 200},
		{"A", 35, 36, ymd(2026, 8, 20), 2600_00, 0}, // weight from the lines: 500 × 0.4 kg
		{"A", 35, 40, ymd(2026, 9, 5), 3000_00, 250},
		{"A", 35, 38, ymd(2026, 9, 25), 2500_00, 200},
		{"B", 30, 45, ymd(2026, 9, 1), 1000_00, 100},
		{"A", 35, 0, ymd(2026, 10, 20), 0, 0},
	}
	for i, tr := range trips {
		sh := app.Shipment{Ref: "S" + string(rune('a'+i)), FromID: wh.ID, ToID: fba.ID, Mode: "sea", Forwarder: tr.fwd,
			QuotedDays: tr.quote, DepartedOn: tr.dep, Cost: tr.cost, WeightG: int(tr.weightKg * 1000),
			Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 500}}}
		if tr.took > 0 {
			sh.ArrivedOn = tr.dep.AddDays(tr.took)
		}
		if _, err := s.SaveShipment(ctx, sh); err != nil {
			t.Fatal(err)
		}
	}
	lg, err := s.Logistics(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]TransitStat{}
	for _, ts := range lg.Transit {
		byKey[ts.Mode+"/"+ts.Forwarder] = ts
	}
	// A: 33, 36, 38, 40: median (36 + 38) / 2 = 37, p90 = the 4th of 4
	// (ceil(3.6)) = 40; late 36, 40, 38 > 35: 3 of 4.
	a := byKey["sea/A"]
	if a.Arrived != 4 || a.ActualMedian != 37 || a.ActualP90 != 40 || a.QuotedMedian != 35 || a.Late != 3 || a.LateShare != 0.75 {
		t.Errorf("A: %+v", a)
	}
	// All sea: 33, 36, 38, 40, 45: median 38, p90 ceil(4.5) = 5th: 45;
	// late 4 of 5.
	all := byKey["sea/"]
	if all.Arrived != 5 || all.ActualMedian != 38 || all.ActualP90 != 45 || all.Late != 4 || math.Abs(all.LateShare-0.8) > 1e-9 {
		t.Errorf("sea: %+v", all)
	}
	// Cost per kg, September, forwarder A: (3,000 + 2,500) / (250 + 200) kg
	// = ¥12.22/kg; August: (2,400 + 2,600) / (200 + 200) = ¥12.50.
	for _, fc := range lg.Costs {
		if fc.Forwarder != "A" {
			continue
		}
		switch fc.Month {
		case "2026-09":
			if fc.Shipments != 2 || math.Abs(fc.PerKg-5500.0/450) > 1e-9 {
				t.Errorf("Sep %+v", fc)
			}
		case "2026-08":
			if fc.Shipments != 2 || fc.PerKg != 12.5 {
				t.Errorf("Aug %+v", fc)
			}
		default:
			t.Errorf("unexpected month %+v (the shipment without cost counts in no month)", fc)
		}
	}
}

func TestPercentile(t *testing.T) {
	tests := []struct {
		vs   []float64
		p    float64
		want float64
	}{
		{nil, 50, 0},
		{[]float64{5}, 90, 5},
		{[]float64{3, 1, 2}, 50, 2},
		{[]float64{4, 1, 3, 2}, 50, 2.5},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 90, 10},
	}
	for _, tt := range tests {
		if got := percentile(tt.vs, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.vs, tt.p, got, tt.want)
		}
	}
}
