package planning

import (
	"errors"
	"sort"
	"strings"
	"testing"
)

func TestLineDefaults(t *testing.T) {
	d := DefaultLineDefaults()
	l := d.NewLine()
	// The documented defaults: referral 15%, ads 10%, the rest of the
	// fees 0 until the office sets them.
	if l.ReferralPct != 15 || l.AdPct != 10 || l.FBAFee != 0 || l.ReturnPct != 0 || l.DepositPct != 30 ||
		l.Mode != ModeSea || l.CycleDays != 30 || l.SafetyDays != 7 || l.PriceCurrency != "" {
		t.Errorf("new line %+v", l)
	}
	if err := d.Validate(nil); err != nil {
		t.Errorf("documented defaults invalid: %v", err)
	}

	// The office's own defaults reach the new line.
	office := LineDefaults{PriceCurrency: "USD", ReferralPct: 8, AdPct: 12, ReturnPct: 4, FBAFee: 3.5, DutyPct: 6,
		StorageFee: 0.8, InboundFee: 0.3, DepositPct: 50, Mode: ModeAir, CycleDays: 21, SafetyDays: 10}
	l = office.NewLine()
	want := Line{PriceCurrency: "USD", ReferralPct: 8, AdPct: 12, ReturnPct: 4, FBAFee: 3.5, DutyPct: 6,
		StorageFee: 0.8, InboundFee: 0.3, DepositPct: 50, Mode: ModeAir, CycleDays: 21, SafetyDays: 10}
	if l != want {
		t.Errorf("office line %+v, want %+v", l, want)
	}
	// A line started from them and filled in simulates.
	l.Name, l.Price, l.UnitCost, l.UnitWeightKg, l.DailyUnits, l.ProductionDays = "cup", 25, 40, 0.3, 8, 15
	s := DefaultScenario()
	s.Capital, s.FX, s.Lines = 100000, map[string]float64{"USD": 7.2}, []Line{l}
	if _, err := Simulate(s, nil); err != nil {
		t.Errorf("a line from the defaults: %v", err)
	}

	bad := LineDefaults{ReferralPct: 120, AdPct: -1, FBAFee: -2, Mode: "zeppelin", CycleDays: 0, PriceCurrency: "dollars"}
	var list InputErrors
	if err := bad.Validate(nil); !errors.As(err, &list) {
		t.Fatalf("bad defaults: %v", err)
	}
	fields := map[string]bool{}
	for _, e := range list {
		fields[e.Field] = true
	}
	for _, f := range []string{"referral_pct", "ad_pct", "fba_fee", "mode", "cycle_days", "price_currency"} {
		if !fields[f] {
			t.Errorf("no error on %s: %v", f, list)
		}
	}
}

func TestValidCurrency(t *testing.T) {
	codes := strings.Fields(isoCurrencies)
	if !sort.StringsAreSorted(codes) || len(codes)*4 != len(isoCurrencies) {
		t.Fatal("isoCurrencies is not a sorted list of 3-letter codes")
	}
	for _, c := range codes {
		if !validCurrency(c) {
			t.Errorf("%s refused", c)
		}
	}
	for _, c := range []string{"", "RMB", "cny", "XYZ", "AAA", "ZZZ", "CN", "CNYY", "XAU"} {
		if validCurrency(c) {
			t.Errorf("%q accepted", c)
		}
	}
	for typed, want := range map[string]string{" usd ": "USD", "RMB": "CNY", "rmb": "CNY", "Eur": "EUR"} {
		if got, ok := normalizeCurrency(typed); !ok || got != want {
			t.Errorf("%q: %q %v", typed, got, ok)
		}
	}
}
