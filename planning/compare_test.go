package planning

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseVariants(t *testing.T) {
	tests := []struct {
		spec string
		want []Variant
	}{
		{"mode=sea,air,express", []Variant{{Key: "mode", Value: "sea"}, {Key: "mode", Value: "air"}, {Key: "mode", Value: "express"}}},
		{" price = 29.99, 34.5 ", []Variant{{Key: "price", Value: "29.99", Number: 29.99}, {Key: "price", Value: "34.5", Number: 34.5}}},
		{"daily_units=5", []Variant{{Key: "daily_units", Value: "5", Number: 5}}},
		{"Capital=80000,120000", []Variant{{Key: "capital", Value: "80000", Number: 80000}, {Key: "capital", Value: "120000", Number: 120000}}},
	}
	for _, tt := range tests {
		got, err := ParseVariants(tt.spec)
		if err != nil {
			t.Errorf("%q: %v", tt.spec, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %+v, want %+v", tt.spec, got, tt.want)
		}
	}
	for _, bad := range []string{"", "mode", "=sea", "colour=red", "mode=sea,,air", "price=cheap", "price=NaN", "daily_units=Inf", "cycle_days=7.5"} {
		_, err := ParseVariants(bad)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Code != CodeBadVariant {
			t.Errorf("%q: err = %v, want a bad_variant InputError", bad, err)
		}
	}
}

func TestApplyVariant(t *testing.T) {
	s := feeScenario()
	s.Name = "base"
	s.Lines = append(s.Lines, s.Lines[0])
	before := s.Clone()
	for _, v := range []Variant{
		{Key: VariantMode, Value: "air"},
		{Key: VariantPrice, Value: "30", Number: 30},
		{Key: VariantDailyUnits, Value: "7", Number: 7},
		{Key: VariantUnitCost, Value: "12", Number: 12},
		{Key: VariantCycleDays, Value: "45", Number: 45},
		{Key: VariantDeposit, Value: "50", Number: 50},
		{Key: VariantCapital, Value: "1234", Number: 1234},
	} {
		got := ApplyVariant(s, v)
		if got.Name != "base, "+v.Label() {
			t.Errorf("name %q", got.Name)
		}
		for _, l := range got.Lines {
			ok := map[string]bool{
				VariantMode: l.Mode == "air", VariantPrice: l.Price == 30, VariantDailyUnits: l.DailyUnits == 7,
				VariantUnitCost: l.UnitCost == 12, VariantCycleDays: l.CycleDays == 45, VariantDeposit: l.DepositPct == 50,
				VariantCapital: got.Capital == 1234,
			}[v.Key]
			if !ok {
				t.Errorf("%s not applied: %+v", v.Label(), l)
			}
		}
	}
	if !reflect.DeepEqual(s, before) {
		t.Error("ApplyVariant changed its input")
	}
}

func TestCompare(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	vs, err := ParseVariants("daily_units=5,10,20")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Compare(s, vs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d results", len(rs))
	}
	for i := 1; i < len(rs); i++ {
		if rs[i].PeakNeed <= rs[i-1].PeakNeed {
			t.Errorf("selling more a day should tie up more cash: %d then %d", rs[i-1].PeakNeed, rs[i].PeakNeed)
		}
	}
	if rs[2].Label != "daily_units=20" {
		t.Errorf("label %q", rs[2].Label)
	}

	// A variant the scenario cannot take is reported with its label.
	vs, _ = ParseVariants("mode=sea,zeppelin")
	_, err = Compare(s, vs, nil)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Code != CodeUnknownMode || err.Error()[:len("variant mode=zeppelin")] != "variant mode=zeppelin" {
		t.Errorf("err = %v", err)
	}
	vs, _ = ParseVariants("price=-5")
	if _, err := Compare(s, vs, nil); !errors.As(err, &ie) || ie.Code != CodeNotPositive {
		t.Errorf("negative price variant: %v", err)
	}

	// Messages show the value typed, not the number it became or the
	// value it was clamped to.
	for spec, want := range map[string]string{
		"cycle_days=1e9":   "cycle_days must be between 1 and 1826, got 1e9",
		"daily_units=-007": "daily_units must be greater than 0, got -007",
		"price=0.004":      "price 0.004 is too small to count with",
		"capital=-1.50":    "capital must be greater than 0, got -1.50",
	} {
		vs, err := ParseVariants(spec)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Compare(s, vs, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", spec, err, want)
		}
	}

	// No variants: the scenario alone.
	rs, err = Compare(s, nil, nil)
	if err != nil || len(rs) != 1 {
		t.Errorf("no variants: %d results, %v", len(rs), err)
	}
}
