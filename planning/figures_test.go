package planning

import (
	"testing"
)

func TestKeyFiguresExplained(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	s.Capital = 10000 // infeasible: the capital-limited figures differ
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	figs := KeyFigures(r)
	seen := map[FigureID]bool{}
	for _, f := range figs {
		if seen[f.ID] {
			t.Errorf("figure %s twice", f.ID)
		}
		seen[f.ID] = true
		if f.ID.Explain() == "" {
			t.Errorf("figure %s has no explanation", f.ID)
		}
		if f.Unit == UnitMoney && f.Currency != "CNY" {
			t.Errorf("money figure %s without its currency", f.ID)
		}
	}
	// Both return IDs and both limited return IDs are explained, whichever
	// a result shows.
	for _, id := range []FigureID{FigAnnualizedReturn, FigPeriodReturn, FigLimitedAnnualized, FigLimitedPeriodReturn} {
		if id.Explain() == "" {
			t.Errorf("%s has no explanation", id)
		}
	}
	byID := map[FigureID]Figure{}
	for _, f := range figs {
		byID[f.ID] = f
	}
	if f := byID[FigPeakNeed]; f.Value != float64(r.PeakNeed)/100 {
		t.Errorf("peak need figure %v, result %d", f.Value, r.PeakNeed)
	}
	if f := byID[FigLimitedUnitsSold]; f.Value != float64(r.Limited.UnitsSold) || f.Unit != UnitCount {
		t.Errorf("limited units figure %+v", f)
	}
	if f := byID[FigBreakEvenDay]; f.NA != (r.BreakEvenDay == NoDay) {
		t.Errorf("break-even %+v for day %d", f, r.BreakEvenDay)
	}
}

// A plan that ties up no capital has no return: n/a, not 0%; a short one
// shows the period's return under its own ID.
func TestKeyFiguresReturn(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 365
	s.Lines[0].UnitCost, s.Lines[0].UnitWeightKg = 0, 0
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range KeyFigures(r) {
		if f.ID == FigAnnualizedReturn && !f.NA {
			t.Errorf("return with nothing tied up: %+v", f)
		}
	}
	r, err = Simulate(feeScenario(), nil) // 40 days
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range KeyFigures(r) {
		if f.ID == FigPeriodReturn {
			found = f.Value == r.ReturnPct && !f.NA
		}
		if f.ID == FigAnnualizedReturn {
			t.Errorf("a 40-day plan shows an annualized return")
		}
	}
	if !found {
		t.Error("no period return for a 40-day plan")
	}
}

func TestAssumptionsTable(t *testing.T) {
	_, s := readTestdata(t, "mixed_modes")
	tbl := AssumptionsTable(s, nil)
	// Every input: 8 scenario rows, 2 rates, 6 per mode (sea, truck, air
	// used by the lines), 21 per line.
	if want := 8 + 2 + 3*6 + 3*21; len(tbl.Rows) != want {
		t.Fatalf("%d rows, want %d", len(tbl.Rows), want)
	}
	find := func(item, field string) int {
		for i, row := range tbl.Rows {
			if row[1].Text == item && row[2].Text == field {
				return i
			}
		}
		t.Fatalf("no row %s %s", item, field)
		return -1
	}
	value := 3
	checks := []struct {
		item, field string
		v           float64
		unit        Unit
		cur         string
	}{
		{"", "capital", 250000, UnitMoney, "CNY"},
		{"", "reserve_pct", 15, UnitPct, ""},
		{"EUR", "fx.EUR", 7.8, UnitRate, "CNY"},
		{"desk lamp", "price", 44.9, UnitMoney, "EUR"},
		{"desk lamp", "unit_cost", 92.5, UnitMoney, "CNY"},
		{"desk lamp", "cycle_days", 45, UnitDays, ""},
		{"yoga mat", "unit_weight_kg", 1.1, UnitKg, ""},
		{"sea", "cost_per_kg", 12, UnitMoney, "CNY"}, // built-in, used by yoga mat
		{"air", "cost_per_kg", 36, UnitMoney, "CNY"},
		{"air", "transit_days", 8, UnitDays, ""},
	}
	for _, c := range checks {
		i := find(c.item, c.field)
		u, cur := tbl.CellUnit(i, value)
		if tbl.Rows[i][value].Number != c.v || u != c.unit || cur != c.cur {
			t.Errorf("%s %s: %v %q %q, want %v %q %q", c.item, c.field, tbl.Rows[i][value].Number, u, cur, c.v, c.unit, c.cur)
		}
	}
	if i := find("phone grip", "mode"); tbl.Rows[i][4].Text != "air" {
		t.Errorf("mode text %q", tbl.Rows[i][4].Text)
	}
}

// Table columns say what their numbers measure, so an export formats
// money with its currency, percentages and days.
func TestTableUnits(t *testing.T) {
	r, err := Simulate(feeScenario(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Unit{"landed_unit_cost": UnitMoney, "margin_pct": UnitPct, "lead_time_days": UnitDays,
		"units_sold": UnitCount, "start_day": UnitDay, "name": UnitText, "duty_per_unit": UnitMoney, "limited_delay_days": UnitDays}
	for _, tbl := range []Table{LinesTable(r), LineCostsTable(r)} {
		for _, c := range tbl.Columns {
			if u, ok := want[c.Name]; ok && (c.Unit != u || (u == UnitMoney && c.Currency != "CNY")) {
				t.Errorf("%s: unit %q currency %q, want %q", c.Name, c.Unit, c.Currency, u)
			}
		}
	}
	lim := CapitalLimitedTable([]Result{r})
	if len(lim.Rows) != 1 || lim.Rows[0][5].Number != float64(r.Limited.UnitsSold) || lim.Columns[5].Name != "limited_units_sold" {
		t.Errorf("capital-limited table %+v", lim)
	}
	cmp := ComparisonTable([]Result{r})
	for _, c := range cmp.Columns {
		if c.Name == "peak_need" && (c.Unit != UnitMoney || c.Currency != "CNY") {
			t.Errorf("peak_need column %+v", c)
		}
		if c.Name == "annualized_return_pct" && c.Unit != UnitPct {
			t.Errorf("return column %+v", c)
		}
	}
	daily := DailyTable(r)
	if len(daily.Rows) != r.HorizonDays || daily.Rows[17][1].Number != float64(r.Daily[17])/100 {
		t.Errorf("daily table: %d rows", len(daily.Rows))
	}
}
