package data

import (
	"context"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestInventorySettingsStoreOnlyWhatChanged(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	set, err := s.InventorySettings(ctx)
	if err != nil || set.CycleDays != 30 || set.ServiceLevelPct != 95 {
		t.Fatalf("defaults %+v %v", set, err)
	}
	set.CycleDays = 45
	set.PriceBands = app.PriceBands{Bounds: []int64{1500, 2500}}
	set.FX = map[string]float64{"USD": 7.1}
	set.Reserve = 50_000_00
	if err := s.SaveInventorySettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	// Four settings changed: four rows, one per setting.
	if n := rowCount(t, s, "office_setting"); n != 4 {
		t.Errorf("%d setting rows, want 4", n)
	}
	got, err := s.InventorySettings(ctx)
	if err != nil || got.CycleDays != 45 || len(got.PriceBands.Bounds) != 2 || got.FX["USD"] != 7.1 || got.Reserve != 50_000_00 || got.SoonDays != 7 {
		t.Errorf("%+v %v", got, err)
	}
	// A damaged stored value (another version's, a bad merge) reads as the
	// default instead of failing.
	if _, err := s.write.Exec(`UPDATE office_setting SET value = 'soon' WHERE key = 'cycle_days'`); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.InventorySettings(ctx); got.CycleDays != 30 {
		t.Errorf("damaged cycle days read as %d", got.CycleDays)
	}
	bad := got
	bad.ServiceLevelPct = 120
	if err := s.SaveInventorySettings(ctx, bad); err == nil {
		t.Error("a 120% service level was saved")
	}
}

func TestCashEntriesNewestCounts(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	for _, c := range []app.CashEntry{
		{Day: ymd(2026, 11, 1), Kind: app.CashBank, Amount: 100_000_00, Currency: "cny"},
		{Day: ymd(2026, 11, 20), Kind: app.CashBank, Amount: 80_000_00, Currency: "CNY"},
		{Day: ymd(2026, 11, 10), Kind: app.CashBank, Amount: 90_000_00, Currency: "CNY"}, // entered late, older day
		{Day: ymd(2026, 11, 20), Kind: app.CashAmazon, Amount: 5_000_00, Currency: "USD"},
	} {
		if _, err := s.AddCashEntry(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	latest, err := s.LatestCash(ctx)
	if err != nil || latest[app.CashBank].Amount != 80_000_00 || latest[app.CashAmazon].Currency != "USD" {
		t.Errorf("%+v %v", latest, err)
	}
	if _, err := s.AddCashEntry(ctx, app.CashEntry{Kind: app.CashBank, Amount: 1, Currency: "CNY"}); err == nil {
		t.Error("an entry without a day")
	}
}

func TestShippingModeCostPerCbm(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	if _, err := s.SaveShippingMode(ctx, app.ShippingMode{Name: "Truck", TransitDays: 18, ReceivingDays: 7, CostPerKg: 20_00, CostPerCbm: 3000_00}); err != nil {
		t.Fatal(err)
	}
	modes, err := s.ShippingModes(ctx)
	if err != nil || len(modes) != 1 || modes[0].Name != "truck" || modes[0].CostPerCbm != 3000_00 {
		t.Errorf("%+v %v", modes, err)
	}
	// The CLI reads modes from a database file without opening it.
	read, err := ReadShippingModes(ctx, s.Path())
	if err != nil || len(read) != 1 || read[0].CostPerCbm != 3000_00 {
		t.Errorf("read %+v %v", read, err)
	}
}
