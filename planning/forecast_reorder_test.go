package planning

import (
	"math"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func steadySales(days int, units float64) app.SalesHistory {
	h := app.SalesHistory{Units: make([]float64, days)}
	for i := range h.Units {
		h.Units[i] = units
	}
	return h
}

func TestPlanInventoryUsesTheTeamsMode(t *testing.T) {
	today := app.NewDate(2026, 12, 1)
	set := app.DefaultInventorySettings()
	saved := []app.ShippingMode{{Name: "sea", TransitDays: 35, ReceivingDays: 7, CostPerKg: 1200, Currency: "CNY", CostPerCbm: 1500_00}}
	cfg := InventoryConfig(set, saved, nil)
	names := []string{}
	for _, m := range cfg.Modes {
		names = append(names, m.Name)
	}
	if len(cfg.Modes) != 5 || cfg.Modes[0].Name != "sea" || cfg.Modes[0].CostPerCbm != 1500 || cfg.Modes[4].Name != "truck" {
		t.Fatalf("modes %v", names)
	}
	if cfg.ServiceLevel != 0.95 || cfg.CycleDays != 30 {
		t.Fatalf("%+v", cfg)
	}
	in := app.ReorderInput{
		Product: app.Product{SKU: "MUG", ProductionDays: 15, MOQ: 100, CasePack: 24, WeightG: 350, VolumeCm3: 1800},
		Stock:   app.StockPosition{FBAFulfillable: 300, InTransit: 200, Local: 300},
		Sales:   steadySales(60, 10),
	}
	plans := PlanInventory([]app.ReorderInput{in}, cfg, today)
	p := plans[0]
	// v = 10, sigma = 0 (every day 10), so SS = 0. Sea: L = 15 + 35 + 7 =
	// 57, ROP = 570, S = 800: need ceil(10 × (57 + 30) − 800) = 70, MOQ
	// 100, case packs of 24: 120. Order by today + floor(230 / 10) = 23.
	sea := p.ChosenMode()
	if p.Chosen != 0 || sea.Mode != "sea" || sea.LeadDays != 57 || sea.ReorderPoint != 570 || sea.NeedQty != 70 || sea.Qty != 120 ||
		sea.OrderBy != today.AddDays(23) {
		t.Errorf("sea %+v", sea)
	}
	// Freight per unit: 0.35 kg × ¥12 = ¥4.20 against 0.0018 m³ × ¥1,500
	// = ¥2.70: by weight, 120 × 4.20 = ¥504.
	if math.Abs(sea.FreightCost-504) > 1e-6 {
		t.Errorf("freight %v", sea.FreightCost)
	}
	if p.FBACoverDays != 30 || p.StockoutDate != today.AddDays(30) {
		t.Errorf("cover %v, stock-out %s", p.FBACoverDays, p.StockoutDate)
	}

	// The team ships this SKU by air: its status is air's. L = 15 + 8 + 7
	// = 30, ROP 300: order by today + 50, total cover 80 days against
	// 1.5 × (30 + 30) = 90: ok.
	in.Product.Mode = "AIR"
	p = PlanInventory([]app.ReorderInput{in}, cfg, today)[0]
	if air := p.ChosenMode(); air.Mode != "air" || air.OrderByDays != 50 || p.Status != ReorderOK {
		t.Errorf("air %+v, status %s", air, p.Status)
	}
	in.Product.Mode = "balloon" // unknown: sea
	if p := PlanInventory([]app.ReorderInput{in}, cfg, today)[0]; p.Chosen != 0 {
		t.Errorf("unknown mode chose %d", p.Chosen)
	}
}

func TestPlanInventoryNoSalesAndStockOuts(t *testing.T) {
	today := app.NewDate(2026, 12, 1)
	cfg := InventoryConfig(app.DefaultInventorySettings(), nil, nil)
	none := app.ReorderInput{Product: app.Product{SKU: "NEW"}, Stock: app.StockPosition{Local: 500}, Sales: steadySales(60, 0)}
	out := steadySales(60, 5)
	out.InStock = make([]bool, 60) // out of stock every day: nothing measured
	gone := app.ReorderInput{Product: app.Product{SKU: "GONE"}, Sales: out}
	for _, p := range PlanInventory([]app.ReorderInput{none, gone}, cfg, today) {
		if p.Status != ReorderNoSales || p.Velocity != 0 || p.FBACoverDays != 0 || !p.StockoutDate.IsZero() {
			t.Errorf("%s: %+v", p.SKU, p.ReorderPlan)
		}
		for _, m := range p.Modes {
			if m.Qty != 0 || math.IsNaN(m.CoverAfterArrival) || math.IsInf(m.CoverAfterArrival, 0) {
				t.Errorf("%s %s: %+v", p.SKU, m.Mode, m)
			}
		}
	}
}

func TestUnitFreightWeightOrVolume(t *testing.T) {
	m := ReorderMode{CostPerKg: 12, CostPerCbm: 1500}
	tests := []struct {
		kg, m3, want float64
	}{
		{0.35, 0.0018, 4.2}, // by weight
		{0.2, 0.004, 6},     // bulky: 0.004 × 1500 = 6 > 2.4
		{0, 0, 0},           // unknown
	}
	air := ReorderMode{CostPerKg: 40, VolumetricDivisor: 6000}
	// 0.2 kg in 0.004 m³: 4,000 cm³ / 6,000 = 0.667 kg volumetric weight.
	if got := UnitFreight(0.2, 0.004, air); math.Abs(got-40*4000.0/6000) > 1e-9 {
		t.Errorf("volumetric weight: %v", got)
	}
	for _, tt := range tests {
		if got := UnitFreight(tt.kg, tt.m3, m); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("UnitFreight(%v, %v) = %v, want %v", tt.kg, tt.m3, got, tt.want)
		}
	}
}
