package planning

import (
	"reflect"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func forecastSettings() app.InventorySettings {
	set := app.DefaultInventorySettings()
	set.FX = map[string]float64{"USD": 7}
	set.ReferralPct, set.AdPct, set.ReturnPct = 15, 0, 0
	set.PayoutPeriodDays, set.PayoutDelayDays = 14, 3
	set.DepositPct = 30
	return set
}

func TestCashForecastWithoutOrders(t *testing.T) {
	today := app.NewDate(2026, 12, 1)
	set := forecastSettings()
	set.Reserve = 25_000_00
	cfg := InventoryConfig(set, nil, nil)
	mug := app.ReorderInput{
		Product: app.Product{SKU: "MUG", Price: 20_00, PriceCurrency: "USD", FBAFee: 5_00, UnitCost: 30_00, CostCurrency: "CNY"},
		Stock:   app.StockPosition{FBAFulfillable: 1000},
		Sales:   steadySales(60, 10),
	}
	plans := PlanInventory([]app.ReorderInput{mug}, cfg, today)
	f := CashForecast(ForecastInput{Today: today, Settings: set, Cash: 50_000_00, Plans: plans, Modes: cfg.Modes,
		Payments: []app.Payment{{Due: today.AddDays(10), Amount: 30_000_00, Currency: "CNY", Kind: app.PayBalance, Ref: "PO-7"}}})
	// Net payout per unit: $20 × 7 = ¥140, less 15% referral (¥21) and
	// the FBA fee $5 × 7 = ¥35: ¥84. 10 a day: 140 units (¥11,760) per
	// 14-day period, paid 3 days after it closes: days 17, 31, ... 101.
	// The 1,000 units last 100 days: period 7 (days 98–111) sells 20,
	// ¥1,680 on day 115. Cash: ¥50,000, ¥30,000 out on day 10.
	want := map[int]int64{0: 50_000_00, 9: 50_000_00, 10: 20_000_00, 16: 20_000_00, 17: 31_760_00, 101: 20_000_00 + 7*11_760_00,
		115: 20_000_00 + 7*11_760_00 + 1_680_00, 181: 104_000_00}
	for d, v := range want {
		if f.Daily[d] != v {
			t.Errorf("day %d: %d, want %d", d, f.Daily[d], v)
		}
	}
	if len(f.Weeks) != 26 || len(f.Daily) != 182 {
		t.Fatalf("%d weeks, %d days", len(f.Weeks), len(f.Daily))
	}
	// Day 10 is in week 1 (days 7–13): below the ¥25,000 reserve.
	if f.BelowReserveWeek != 1 || f.CashOutWeek != -1 || f.Lowest != 20_000_00 || f.LowestDay != today.AddDays(10) {
		t.Errorf("below reserve week %d, cash out %d, lowest %d on %s", f.BelowReserveWeek, f.CashOutWeek, f.Lowest, f.LowestDay)
	}
	if w := f.Weeks[1]; w.Out != 30_000_00 || w.In != 0 || w.Low != 20_000_00 || !w.BelowReserve || w.Start != today.AddDays(7) {
		t.Errorf("week 1 %+v", w)
	}
	if w := f.Weeks[2]; w.In != 11_760_00 || w.Balance != 31_760_00 {
		t.Errorf("week 2 %+v", w)
	}
	if f.Orders != 0 {
		t.Errorf("%d orders without orders", f.Orders)
	}
}

func TestCashForecastPlacesTheReorderPlansOrders(t *testing.T) {
	today := app.NewDate(2026, 12, 1)
	set := forecastSettings()
	saved := []app.ShippingMode{{Name: "sea", TransitDays: 20, ReceivingDays: 5, CostPerKg: 10_00, Currency: "CNY"}}
	cfg := InventoryConfig(set, saved, nil)
	mug := app.ReorderInput{
		Product: app.Product{SKU: "MUG", Price: 20_00, PriceCurrency: "USD", UnitCost: 50_00, CostCurrency: "CNY",
			ProductionDays: 10, WeightG: 500},
		Stock: app.StockPosition{FBAFulfillable: 300},
		Sales: steadySales(60, 10),
	}
	plans := PlanInventory([]app.ReorderInput{mug}, cfg, today)
	f := CashForecast(ForecastInput{Today: today, Settings: set, Cash: 100_000_00, Plans: plans, Modes: cfg.Modes, WithOrders: true})
	// L = 10 + 20 + 5 = 35, ROP = 350 > S = 300: order on day 0,
	// ceil(10 × (35 + 30) − 300) = 350 units. Goods 350 × ¥50 = ¥17,500:
	// deposit 30% ¥5,250 on day 0; balance ¥12,250 and freight 350 ×
	// 0.5 kg × ¥10 = ¥1,750 on day 10 (production ends). The position
	// (stock + on order) falls 10 a day from 650: it is at the reorder
	// point on the morning of day 30, ordering ceil(650 − 350) = 300.
	var orders []ForecastEvent
	for _, e := range f.Events {
		if e.SKU == "MUG" {
			orders = append(orders, e)
		}
	}
	want := []ForecastEvent{
		{Day: today, Kind: EventOrderPlaced, SKU: "MUG", Units: 350, Amount: -5_250_00},
		{Day: today.AddDays(10), Kind: EventBalancePaid, SKU: "MUG", Units: 350, Amount: -14_000_00},
		{Day: today.AddDays(30), Kind: EventOrderPlaced, SKU: "MUG", Units: 300, Amount: -4_500_00},
	}
	if len(orders) < 3 || !reflect.DeepEqual(orders[:3], want) {
		t.Errorf("orders %+v", orders)
	}
	if f.Orders < 3 || f.Daily[0] != 100_000_00-5_250_00 {
		t.Errorf("%d orders, day 0 %d", f.Orders, f.Daily[0])
	}
	// Without orders the stock runs out on day 30 and nothing is paid.
	f0 := CashForecast(ForecastInput{Today: today, Settings: set, Cash: 100_000_00, Plans: plans, Modes: cfg.Modes})
	if f0.Orders != 0 || f0.Daily[0] != 100_000_00 {
		t.Errorf("without orders: %d orders, day 0 %d", f0.Orders, f0.Daily[0])
	}
}

func TestCashForecastUnknownRate(t *testing.T) {
	today := app.NewDate(2026, 12, 1)
	set := forecastSettings()
	cfg := InventoryConfig(set, nil, nil)
	sku := app.ReorderInput{Product: app.Product{SKU: "CHF", Price: 20_00, PriceCurrency: "CHF"}, Stock: app.StockPosition{FBAFulfillable: 100},
		Sales: steadySales(60, 1)}
	f := CashForecast(ForecastInput{Today: today, Settings: set, Cash: 1_000_00, Plans: PlanInventory([]app.ReorderInput{sku}, cfg, today),
		Modes: cfg.Modes, Payments: []app.Payment{{Due: today, Amount: 100, Currency: "SEK"}}})
	if !reflect.DeepEqual(f.NoRate, []string{"CHF", "SEK"}) || f.Daily[181] != 1_000_00 {
		t.Errorf("no rate %v, end %d", f.NoRate, f.Daily[181])
	}
}

func TestProjectStock(t *testing.T) {
	today := app.NewDate(2026, 12, 1)
	set := forecastSettings()
	saved := []app.ShippingMode{{Name: "sea", TransitDays: 20, ReceivingDays: 5, Currency: "CNY"}}
	cfg := InventoryConfig(set, saved, nil)
	in := app.ReorderInput{
		Product: app.Product{SKU: "MUG", ProductionDays: 10},
		Stock: app.StockPosition{FBAFulfillable: 100, InTransit: 40,
			Inbound: []app.Inbound{{Kind: app.InboundTransit, Units: 40, Mode: "sea", Expected: today.AddDays(3), ToFBA: true}}},
		Sales: steadySales(60, 10),
	}
	p := PlanInventory([]app.ReorderInput{in}, cfg, today)[0]
	sp := ProjectStock(p, cfg.Modes, today, set, 60)
	// 100 at FBA, 10 a day: 90 after day 0 ... 20 after day 7; the 40 on
	// their way arrive 3 days out + 5 receiving = day 8: 50 after it; dry
	// after day 12.
	if sp.Without[0] != 90 || sp.Without[7] != 20 || sp.Without[8] != 50 || sp.Without[12] != 10 || sp.Without[13] != 0 {
		t.Errorf("without %v", sp.Without[:15])
	}
	// The suggested order (L = 35: ceil(10 × 65 − 140) = 510) arrives on
	// day 35.
	if sp.OrderQty != 510 || sp.OrderArrives != 35 || sp.With[34] != 0 || sp.With[35] != 500 {
		t.Errorf("with: qty %d on day %d, %v", sp.OrderQty, sp.OrderArrives, sp.With[33:37])
	}
}

func TestCashOnHand(t *testing.T) {
	set := app.DefaultInventorySettings() // CNY, USD at 7.2
	cash, amazon, noRate := CashOnHand(set, map[app.CashKind]app.CashEntry{
		app.CashBank:   {Kind: app.CashBank, Amount: 100_000_00, Currency: "CNY"},
		app.CashAmazon: {Kind: app.CashAmazon, Amount: 1_000_00, Currency: "USD"},
	})
	if cash != 100_000_00 || amazon != 7_200_00 || len(noRate) != 0 {
		t.Errorf("cash %d, Amazon %d, no rate %v", cash, amazon, noRate)
	}
	cash, amazon, noRate = CashOnHand(set, map[app.CashKind]app.CashEntry{app.CashBank: {Kind: app.CashBank, Amount: 5_00, Currency: "XYZ"}})
	if cash != 0 || amazon != 0 || len(noRate) != 1 || noRate[0] != "XYZ" {
		t.Errorf("no rate: %d %d %v", cash, amazon, noRate)
	}
}
