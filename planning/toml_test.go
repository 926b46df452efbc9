package planning

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// lineDoc builds a one-line scenario file. top replaces or adds scenario
// keys, line replaces or adds line keys; an empty value deletes the key.
func lineDoc(top, line map[string]string) string {
	t := map[string]string{"capital": "50000", "reserve_pct": "10"}
	l := map[string]string{
		"name": `"cup"`, "price": "20.0", "price_currency": `"USD"`, "unit_cost": "30.0",
		"unit_weight_kg": "0.3", "daily_units": "5", "production_days": "15",
	}
	for k, v := range top {
		t[k] = v
	}
	for k, v := range line {
		l[k] = v
	}
	var b strings.Builder
	for _, k := range sortedKeys(t) {
		if t[k] != "" {
			b.WriteString(k + " = " + t[k] + "\n")
		}
	}
	b.WriteString("[fx]\nUSD = 7.2\n[[line]]\n")
	for _, k := range sortedKeys(l) {
		if l[k] != "" {
			b.WriteString(k + " = " + l[k] + "\n")
		}
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestParseScenarioExample(t *testing.T) {
	_, s := readTestdata(t, "two_cups_sea")
	if s.Name != "two cups, sea" || s.Capital != 100000 || s.ReservePct != 10 || s.FX["USD"] != 7.2 {
		t.Errorf("scenario %+v", s)
	}
	if len(s.Modes) != 1 || s.Modes[0] != (Mode{Name: "sea", TransitDays: 35, ReceivingDays: 7, CostPerKg: 12}) {
		t.Errorf("modes %+v", s.Modes)
	}
	want := Line{Name: "gift cup set", Price: 35, PriceCurrency: "USD", UnitCost: 55, UnitWeightKg: 0.3,
		DailyUnits: 10, ProductionDays: 20, DepositPct: 30, Mode: "sea", CycleDays: 30, SafetyDays: 7,
		ReferralPct: 15, FBAFee: 5, AdPct: 10, ReturnPct: 3}
	if len(s.Lines) != 2 || s.Lines[0] != want {
		t.Errorf("line 1:\n got %+v\nwant %+v", s.Lines[0], want)
	}
}

func TestParseScenarioDefaults(t *testing.T) {
	doc := "capital = 1000\n[[line]]\nprice = 20\nunit_cost = 5\nunit_weight_kg = 0.1\ndaily_units = 2\nproduction_days = 10\n"
	s, err := ParseScenario([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := Scenario{Capital: 1000, BaseCurrency: "CNY", HorizonDays: 365, PayoutPeriodDays: 14, PayoutDelayDays: 3,
		Lines: []Line{{Price: 20, UnitCost: 5, UnitWeightKg: 0.1, DailyUnits: 2, ProductionDays: 10,
			DepositPct: 30, Mode: "sea", CycleDays: 30, SafetyDays: 7, ReferralPct: 15}}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("defaults:\n got %+v\nwant %+v", s, want)
	}
}

func TestParseScenarioModeInheritsBuiltin(t *testing.T) {
	doc := lineDoc(nil, map[string]string{"mode": `"air"`}) + "[[mode]]\nname = \"air\"\ncost_per_kg = 35.5\n[[mode]]\nname = \"truck\"\ntransit_days = 12\ncost_per_kg = 9\n"
	s, err := ParseScenario([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []Mode{
		{Name: "air", TransitDays: 8, ReceivingDays: 7, CostPerKg: 35.5},
		{Name: "truck", TransitDays: 12, ReceivingDays: 7, CostPerKg: 9},
	}
	if !reflect.DeepEqual(s.Modes, want) {
		t.Errorf("modes %+v, want %+v", s.Modes, want)
	}
}

func TestScenarioTOMLRoundTrip(t *testing.T) {
	_, first := readTestdata(t, "two_cups_sea")
	scenarios := []Scenario{first, feeScenario(), handScenario()}
	for seed := uint64(1); seed <= 50; seed++ {
		scenarios = append(scenarios, randomScenario(seed))
	}
	jpy := feeScenario()
	jpy.BaseCurrency, jpy.Lines[0].PriceCurrency = "JPY", "JPY"
	jpy.Modes[0].Currency = "CNY"
	jpy.FX = map[string]float64{"CNY": 20.1}
	scenarios = append(scenarios, jpy)
	for i, s := range scenarios {
		out, err := s.MarshalTOML()
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		back, err := ParseScenario(out)
		if err != nil {
			t.Fatalf("%d: %v\n%s", i, err, out)
		}
		if !reflect.DeepEqual(back, s) {
			t.Errorf("%d: round trip changed the scenario:\n got %+v\nwant %+v\n%s", i, back, s, out)
		}
	}
}

type wantErr struct {
	line  int
	mode  int
	field string
	code  Code
}

func TestParseScenarioErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []wantErr
	}{
		{"zero price", lineDoc(nil, map[string]string{"price": "0"}), []wantErr{{1, 0, "price", CodeNotPositive}}},
		{"negative price", lineDoc(nil, map[string]string{"price": "-3.5"}), []wantErr{{1, 0, "price", CodeNotPositive}}},
		{"zero capital", lineDoc(map[string]string{"capital": "0"}, nil), []wantErr{{0, 0, "capital", CodeNotPositive}}},
		{"negative capital", lineDoc(map[string]string{"capital": "-1"}, nil), []wantErr{{0, 0, "capital", CodeNotPositive}}},
		{"nan capital", lineDoc(map[string]string{"capital": "nan"}, nil), []wantErr{{0, 0, "capital", CodeNotFinite}}},
		{"inf price", lineDoc(nil, map[string]string{"price": "inf"}), []wantErr{{1, 0, "price", CodeNotFinite}}},
		{"zero daily units", lineDoc(nil, map[string]string{"daily_units": "0"}), []wantErr{{1, 0, "daily_units", CodeNotPositive}}},
		{"deposit over 100", lineDoc(nil, map[string]string{"deposit_pct": "120"}), []wantErr{{1, 0, "deposit_pct", CodeOutOfRange}}},
		{"negative referral", lineDoc(nil, map[string]string{"referral_pct": "-1"}), []wantErr{{1, 0, "referral_pct", CodeOutOfRange}}},
		{"reserve over 100", lineDoc(map[string]string{"reserve_pct": "101"}, nil), []wantErr{{0, 0, "reserve_pct", CodeOutOfRange}}},
		{"ad and return", lineDoc(nil, map[string]string{"ad_pct": "200", "return_pct": "-5"}),
			[]wantErr{{1, 0, "ad_pct", CodeOutOfRange}, {1, 0, "return_pct", CodeOutOfRange}}},
		{"currency without rate", lineDoc(nil, map[string]string{"price_currency": `"EUR"`}), []wantErr{{1, 0, "price_currency", CodeUnknownCurrency}}},
		{"malformed currency", lineDoc(nil, map[string]string{"price_currency": `"EURO"`}), []wantErr{{1, 0, "price_currency", CodeBadCurrency}}},
		{"malformed base currency", lineDoc(map[string]string{"base_currency": `"元"`}, map[string]string{"price_currency": ""}),
			[]wantErr{{0, 0, "base_currency", CodeBadCurrency}}},
		{"unknown mode", lineDoc(nil, map[string]string{"mode": `"boat"`}), []wantErr{{1, 0, "mode", CodeUnknownMode}}},
		{"horizon over five years", lineDoc(map[string]string{"horizon_days": "2000"}, nil), []wantErr{{0, 0, "horizon_days", CodeOutOfRange}}},
		{"horizon zero", lineDoc(map[string]string{"horizon_days": "0"}, nil), []wantErr{{0, 0, "horizon_days", CodeOutOfRange}}},
		{"payout period zero", lineDoc(map[string]string{"payout_period_days": "0"}, nil), []wantErr{{0, 0, "payout_period_days", CodeNotPositive}}},
		{"negative payout delay", lineDoc(map[string]string{"payout_delay_days": "-1"}, nil), []wantErr{{0, 0, "payout_delay_days", CodeNegative}}},
		{"negative weight", lineDoc(nil, map[string]string{"unit_weight_kg": "-0.1"}), []wantErr{{1, 0, "unit_weight_kg", CodeNegative}}},
		{"negative cost", lineDoc(nil, map[string]string{"unit_cost": "-2"}), []wantErr{{1, 0, "unit_cost", CodeNegative}}},
		{"negative fba fee", lineDoc(nil, map[string]string{"fba_fee": "-2"}), []wantErr{{1, 0, "fba_fee", CodeNegative}}},
		{"negative days", lineDoc(nil, map[string]string{"production_days": "-2", "safety_days": "-1"}),
			[]wantErr{{1, 0, "production_days", CodeNegative}, {1, 0, "safety_days", CodeNegative}}},
		{"zero cycle", lineDoc(nil, map[string]string{"cycle_days": "0"}), []wantErr{{1, 0, "cycle_days", CodeNotPositive}}},
		{"days too long", lineDoc(nil, map[string]string{"production_days": "5000"}), []wantErr{{1, 0, "production_days", CodeOutOfRange}}},
		{"negative mode numbers", lineDoc(nil, map[string]string{"mode": `"boat"`}) + "[[mode]]\nname = \"boat\"\ntransit_days = -3\ncost_per_kg = -1\n",
			[]wantErr{{0, 1, "transit_days", CodeNegative}, {0, 1, "cost_per_kg", CodeNegative}}},
		{"duplicate mode", lineDoc(nil, nil) + "[[mode]]\nname = \"boat\"\ntransit_days = 3\ncost_per_kg = 1\n[[mode]]\nname = \"Boat\"\ntransit_days = 3\ncost_per_kg = 1\n",
			[]wantErr{{0, 2, "name", CodeDuplicate}}},
		{"new mode missing fields", lineDoc(nil, nil) + "[[mode]]\nname = \"boat\"\n",
			[]wantErr{{0, 1, "transit_days", CodeMissing}, {0, 1, "cost_per_kg", CodeMissing}}},
		{"zero fx rate", lineDoc(nil, nil) + "", nil}, // replaced below
		{"no lines", "capital = 1000\n", []wantErr{{0, 0, "line", CodeNoLines}}},
		{"missing required", "capital = 1000\n[[line]]\nname = \"x\"\nprice = 3\n",
			[]wantErr{{1, 0, "unit_cost", CodeMissing}, {1, 0, "unit_weight_kg", CodeMissing}, {1, 0, "daily_units", CodeMissing}, {1, 0, "production_days", CodeMissing}}},
		{"missing capital", "[[line]]\nprice = 3\nunit_cost = 1\nunit_weight_kg = 1\ndaily_units = 1\nproduction_days = 1\n",
			[]wantErr{{0, 0, "capital", CodeMissing}}},
		{"several problems at once", lineDoc(map[string]string{"capital": "-5", "horizon_days": "9999"}, map[string]string{"price": "0", "mode": `"zeppelin"`}),
			[]wantErr{{0, 0, "capital", CodeNotPositive}, {0, 0, "horizon_days", CodeOutOfRange}, {1, 0, "price", CodeNotPositive}, {1, 0, "mode", CodeUnknownMode}}},
		{"too large to simulate", lineDoc(map[string]string{"capital": "1e11"}, map[string]string{"daily_units": "900000", "price": "900000000", "unit_cost": "900000000"}),
			[]wantErr{{0, 0, "", CodeTooLarge}}},
	}
	tests[28].doc = strings.Replace(lineDoc(nil, nil), "USD = 7.2", "USD = 0", 1)
	tests[28].want = []wantErr{{0, 0, "fx.USD", CodeNotPositive}, {1, 0, "price_currency", CodeUnknownCurrency}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkParseErrors(t, tt.doc, tt.want) })
	}
}

// checkParseErrors parses doc and compares its errors with want.
func checkParseErrors(t *testing.T, doc string, want []wantErr) {
	t.Helper()
	_, err := ParseScenario([]byte(doc))
	if err == nil {
		t.Fatalf("no error for\n%s", doc)
	}
	var list InputErrors
	if !errors.As(err, &list) {
		t.Fatalf("error %T %v is not InputErrors", err, err)
	}
	var got []wantErr
	for _, e := range list {
		got = append(got, wantErr{e.Line, e.Mode, e.Field, e.Code})
		if e.Line > 0 && e.LineName == "" && strings.Contains(doc, "name = \"cup\"") {
			t.Errorf("error %v does not name the line", e)
		}
		if e.Error() == "" {
			t.Error("empty message")
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors %+v\nwant %+v\n(%v)", got, want, err)
	}
}

// Bad values of the keys issue 9 added, and values too small to count
// with, each reported against its line and field.
func TestParseScenarioNewKeyErrors(t *testing.T) {
	boat := "[[mode]]\nname = \"boat\"\ntransit_days = 20\ncost_per_kg = 5\n"
	tests := []struct {
		name string
		doc  string
		want []wantErr
	}{
		{"duty over 100", lineDoc(nil, map[string]string{"duty_pct": "120"}), []wantErr{{1, 0, "duty_pct", CodeOutOfRange}}},
		{"negative duty", lineDoc(nil, map[string]string{"duty_pct": "-1"}), []wantErr{{1, 0, "duty_pct", CodeOutOfRange}}},
		{"negative fees", lineDoc(nil, map[string]string{"storage_fee": "-0.5", "inbound_fee": "-1"}),
			[]wantErr{{1, 0, "storage_fee", CodeNegative}, {1, 0, "inbound_fee", CodeNegative}}},
		{"negative volume", lineDoc(nil, map[string]string{"unit_volume_m3": "-0.01"}), []wantErr{{1, 0, "unit_volume_m3", CodeNegative}}},
		{"negative overhead", lineDoc(map[string]string{"overhead_monthly": "-20000"}, nil), []wantErr{{0, 0, "overhead_monthly", CodeNegative}}},
		{"nan overhead", lineDoc(map[string]string{"overhead_monthly": "nan"}, nil), []wantErr{{0, 0, "overhead_monthly", CodeNotFinite}}},
		{"negative launch and ramp", lineDoc(nil, map[string]string{"launch_day": "-1", "ramp_days": "-30"}),
			[]wantErr{{1, 0, "launch_day", CodeNegative}, {1, 0, "ramp_days", CodeNegative}}},
		{"launch a century away", lineDoc(nil, map[string]string{"launch_day": "40000"}), []wantErr{{1, 0, "launch_day", CodeOutOfRange}}},
		{"negative moq", lineDoc(nil, map[string]string{"moq": "-5"}), []wantErr{{1, 0, "moq", CodeNegative}}},
		{"negative volume prices", lineDoc(nil, map[string]string{"mode": `"boat"`}) + boat + "cost_per_m3 = -1\nvolumetric_divisor = -6000\n",
			[]wantErr{{0, 1, "cost_per_m3", CodeNegative}, {0, 1, "volumetric_divisor", CodeNegative}}},
		{"price too small", lineDoc(nil, map[string]string{"price": "0.004"}), []wantErr{{1, 0, "price", CodeTooSmall}}},
		{"daily units too small", lineDoc(nil, map[string]string{"daily_units": "0.0001"}), []wantErr{{1, 0, "daily_units", CodeTooSmall}}},
		{"fees too small", lineDoc(nil, map[string]string{"fba_fee": "0.001", "storage_fee": "0.003", "inbound_fee": "0.0049"}),
			[]wantErr{{1, 0, "fba_fee", CodeTooSmall}, {1, 0, "storage_fee", CodeTooSmall}, {1, 0, "inbound_fee", CodeTooSmall}}},
		{"cost too small", lineDoc(nil, map[string]string{"unit_cost": "0.001"}), []wantErr{{1, 0, "unit_cost", CodeTooSmall}}},
		{"capital and overhead too small", lineDoc(map[string]string{"capital": "0.004", "overhead_monthly": "0.001"}, nil),
			[]wantErr{{0, 0, "capital", CodeTooSmall}, {0, 0, "overhead_monthly", CodeTooSmall}}},
		{"freight too small", lineDoc(nil, map[string]string{"mode": `"boat"`}) + strings.Replace(boat, "cost_per_kg = 5", "cost_per_kg = 0.001", 1) + "cost_per_m3 = 0.002\n",
			[]wantErr{{0, 1, "cost_per_kg", CodeTooSmall}, {0, 1, "cost_per_m3", CodeTooSmall}}},
		{"yen have no fen", lineDoc(map[string]string{"base_currency": `"JPY"`}, map[string]string{"price_currency": "", "price": "0.4"}),
			[]wantErr{{1, 0, "price", CodeTooSmall}, {1, 0, "mode.currency", CodeUnknownCurrency}}},
		{"unknown base currency", lineDoc(map[string]string{"base_currency": `"XYZ"`}, map[string]string{"price_currency": ""}),
			[]wantErr{{0, 0, "base_currency", CodeBadCurrency}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkParseErrors(t, tt.doc, tt.want) })
	}
}

// The messages show what was typed, not a rounded or upper-cased copy.
func TestParseScenarioMessagesShowWhatWasTyped(t *testing.T) {
	tests := []struct {
		doc, want string
	}{
		{lineDoc(map[string]string{"base_currency": `"yuan"`}, map[string]string{"price_currency": ""}),
			`scenario: base_currency: "yuan" is not a currency code; write a three-letter ISO 4217 code such as CNY, USD or EUR`},
		{lineDoc(map[string]string{"base_currency": `" xyz "`}, map[string]string{"price_currency": ""}),
			`scenario: base_currency: " xyz " is not a currency code`},
		{lineDoc(nil, map[string]string{"price": "0.004"}),
			`line 1 "cup": price 0.004 is too small to count with: the smallest is 0.01 USD`},
		{lineDoc(nil, map[string]string{"daily_units": "0.0001"}),
			`line 1 "cup": daily_units 0.0001 is too small to count with: the smallest is 0.001`},
		{lineDoc(nil, map[string]string{"duty_pct": "250"}),
			`line 1 "cup": duty_pct must be between 0 and 100, got 250`},
	}
	for _, tt := range tests {
		_, err := ParseScenario([]byte(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got  %v\nwant %s", err, tt.want)
		}
	}
}

func TestParseScenarioNewKeys(t *testing.T) {
	doc := `name = "new costs"
capital = 200000
base_currency = "rmb"
overhead_monthly = 20000
[fx]
usd = 7.2
[[mode]]
name = "lcl"
transit_days = 30
cost_per_kg = 8
cost_per_m3 = 900
currency = "RMB"
[[mode]]
name = "air"
volumetric_divisor = 6000
[[line]]
name = "lamp"
price = 30
price_currency = "Usd"
unit_cost = 40
unit_weight_kg = 0.8
unit_volume_m3 = 0.012
daily_units = 10
production_days = 20
mode = "lcl"
duty_pct = 6.5
storage_fee = 0.78
inbound_fee = 0.27
moq = 500
launch_day = 400
ramp_days = 2000
`
	s, err := ParseScenario([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	// RMB is CNY, currencies in any case; a launch day past the horizon
	// and a ramp longer than it are not errors.
	if s.BaseCurrency != "CNY" || s.FX["USD"] != 7.2 || s.OverheadMonthly != 20000 {
		t.Errorf("scenario %+v", s)
	}
	wantModes := []Mode{
		{Name: "lcl", TransitDays: 30, ReceivingDays: 7, CostPerKg: 8, CostPerM3: 900, Currency: "CNY"},
		{Name: "air", TransitDays: 8, ReceivingDays: 7, CostPerKg: 40, Currency: "CNY", VolumetricDivisor: 6000},
	}
	if !reflect.DeepEqual(s.Modes, wantModes) {
		t.Errorf("modes\n got %+v\nwant %+v", s.Modes, wantModes)
	}
	l := s.Lines[0]
	if l.PriceCurrency != "USD" || l.UnitVolumeM3 != 0.012 || l.DutyPct != 6.5 || l.StorageFee != 0.78 || l.InboundFee != 0.27 ||
		l.MOQ != 500 || l.LaunchDay != 400 || l.RampDays != 2000 {
		t.Errorf("line %+v", l)
	}
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkFinite(t, r)
	if r.Verdict.Reason != ReasonNoLineStarts {
		t.Errorf("reason %s", r.Verdict.Reason)
	}
	out, err := s.MarshalTOML()
	if err != nil {
		t.Fatal(err)
	}
	if back, err := ParseScenario(out); err != nil || !reflect.DeepEqual(back, s) {
		t.Errorf("round trip: %v\n%s", err, out)
	}
}

func TestParseScenarioDecodeErrors(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		code     Code
		line     int
		field    string
		row, col int
	}{
		{"syntax", "capital = = 1\n", CodeSyntax, 0, "", 1, 11},
		{"wrong type", "capital = \"lots\"\n", CodeWrongType, 0, "capital", 1, 11},
		{"wrong type in second line", lineDoc(nil, nil) + "[[line]]\nname = \"b\"\nproduction_days = 4.5\n", CodeWrongType, 2, "production_days", 15, 19},
		{"unknown key", lineDoc(nil, map[string]string{"colour": `"red"`}), CodeUnknownKey, 1, "colour", 6, 1},
		{"unknown top key", "capitol = 5\n" + lineDoc(nil, nil), CodeUnknownKey, 0, "capitol", 1, 1},
		{"integer overflow", "horizon_days = 99999999999999999999\n", CodeSyntax, 0, "horizon_days", 1, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseScenario([]byte(tt.doc))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T %v has no InputError", err, err)
			}
			if ie.Code != tt.code || ie.Line != tt.line || ie.Field != tt.field || ie.Row != tt.row || ie.Col != tt.col {
				t.Errorf("got %+v\nwant code %s line %d field %q at %d:%d", ie, tt.code, tt.line, tt.field, tt.row, tt.col)
			}
			if !strings.Contains(err.Error(), "toml line") {
				t.Errorf("message %q has no position", err)
			}
		})
	}
}

func TestParseScenarioUnknownKeysAllReported(t *testing.T) {
	doc := lineDoc(nil, map[string]string{"colour": "1", "size": "2"})
	_, err := ParseScenario([]byte(doc))
	var list InputErrors
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v", err)
	}
	if list[0].Field != "colour" || list[1].Field != "size" || list[0].Line != 1 {
		t.Errorf("got %+v %+v", list[0], list[1])
	}
}

func TestInputErrorMessages(t *testing.T) {
	tests := []struct {
		err  *InputError
		want string
	}{
		{&InputError{Line: 2, LineName: "gift cup set", Field: "price", Code: CodeNotPositive, Value: "-3"},
			`line 2 "gift cup set": price must be greater than 0, got -3`},
		{&InputError{Field: "horizon_days", Code: CodeOutOfRange, Value: "2000", Detail: "1 and 1826"},
			"scenario: horizon_days must be between 1 and 1826, got 2000"},
		{&InputError{Line: 1, Field: "price_currency", Code: CodeUnknownCurrency, Value: "EUR", Detail: "CNY"},
			"line 1: price_currency: no exchange rate for EUR; add EUR = <CNY per EUR> under [fx]"},
		{&InputError{Line: 3, LineName: "mug", Field: "mode", Code: CodeUnknownMode, Value: "boat", Detail: "air, express, rail, sea"},
			`line 3 "mug": mode: unknown shipping mode "boat" (known: air, express, rail, sea)`},
		{&InputError{Code: CodeSyntax, Row: 4, Col: 9, Detail: "expected newline"},
			"toml line 4, column 9: invalid TOML: expected newline"},
		{&InputError{Line: 1, LineName: "cup", Code: CodeUnknownKey, Field: "colour", Row: 7, Col: 1},
			`toml line 7, column 1: line 1 "cup": unknown key "colour"`},
		{&InputError{Field: "line", Code: CodeNoLines}, "scenario: no product lines; add at least one [[line]]"},
		{&InputError{Mode: 2, ModeName: "Boat", Field: "name", Code: CodeDuplicate, Value: "Boat"},
			`mode 2 "Boat": name: "Boat" is defined more than once`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
	two := InputErrors{tests[0].err, tests[1].err}
	if got := two.Error(); !strings.HasPrefix(got, "2 problems: line 2") {
		t.Errorf("InputErrors = %q", got)
	}
}

func TestValidateGoScenario(t *testing.T) {
	s := handScenario()
	if err := s.Validate(nil); err != nil {
		t.Fatal(err)
	}
	s.Lines[0].Mode = "sea"
	if err := s.Validate([]Mode{}); err == nil {
		t.Error("sea accepted with no built-in modes")
	}
	bad := []Mode{{Name: "sea", TransitDays: -1}}
	var list InputErrors
	if err := s.Validate(bad); !errors.As(err, &list) || list[0].Field != "mode.transit_days" || list[0].Line != 1 {
		t.Errorf("bad built-in: %v", err)
	}
	if _, err := Simulate(Scenario{}, nil); err == nil {
		t.Error("zero Scenario simulated")
	}
}

func TestTestdataScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.toml"))
	if err != nil || len(files) < 2 {
		t.Fatalf("testdata: %v %v", files, err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := ParseScenario(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		r, err := Simulate(s, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkFinite(t, r)
		out, _ := s.MarshalTOML()
		if back, err := ParseScenario(out); err != nil || !reflect.DeepEqual(back, s) {
			t.Errorf("%s: round trip: %v", name, err)
		}
		t.Logf("%s: %s; supports %d", name, r.Verdict.English(), r.ProductsSupported)
	}
}
