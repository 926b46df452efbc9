package planning

import (
	"bytes"
	"strings"
	"testing"
)

func TestWeeklyTable(t *testing.T) {
	r, err := Simulate(feeScenario(), nil)
	if err != nil {
		t.Fatal(err)
	}
	tab := WeeklyTable(r)
	if len(tab.Rows) != 6 || len(tab.Columns) != 3 || tab.Columns[2].Name != "balance" || !tab.Columns[2].Numeric {
		t.Fatalf("table %+v", tab)
	}
	// Week 0 ends on day 6: ¥50,000 − ¥3,600 − ¥10,200.
	if c := tab.Rows[0][2]; c.Number != 36200 || c.Text != "36200.00" {
		t.Errorf("week 0 balance %+v", c)
	}
	var buf bytes.Buffer
	if err := tab.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if lines[0] != "week,end_day,balance" || lines[1] != "0,6,36200.00" || len(lines) != 7 {
		t.Errorf("csv:\n%s", buf.String())
	}
	st := WeeklyStats(r)
	if st.Count != 6 || st.Min > st.Mean || st.Mean > st.Max || st.Min != 27090 {
		t.Errorf("stats %+v", st)
	}
	ts, err := tab.Stats("balance")
	if err != nil || ts != st {
		t.Errorf("table stats %+v vs %+v (%v)", ts, st, err)
	}
}

func TestTableSortAndEmpty(t *testing.T) {
	tab := newTable([]colSpec{
		{name: "name", texts: []string{"b", "a", "c", "d"}},
		{name: "score", nums: []float64{2, 3, 2, 1}},
	})
	sorted, err := tab.SortBy("score", true)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range sorted.Rows {
		got = append(got, row[0].Text)
	}
	if strings.Join(got, "") != "abcd" {
		t.Errorf("descending by score: %v (ties keep their order)", got)
	}
	if tab.Rows[0][0].Text != "b" {
		t.Error("SortBy changed its receiver")
	}
	asc, _ := tab.SortBy("name", false)
	if asc.Rows[0][0].Text != "a" || asc.Rows[3][0].Text != "d" {
		t.Errorf("by name: %+v", asc.Rows)
	}
	if _, err := tab.SortBy("nope", false); err == nil {
		t.Error("unknown column sorted")
	}
	if _, err := tab.Stats("name"); err == nil {
		t.Error("stats of a text column")
	}

	empty := newTable([]colSpec{{name: "a", nums: nil}, {name: "b", texts: []string{}}})
	if len(empty.Rows) != 0 || len(empty.Columns) != 2 {
		t.Errorf("empty %+v", empty)
	}
	if s, err := empty.SortBy("a", true); err != nil || len(s.Rows) != 0 {
		t.Errorf("sort empty: %v", err)
	}
	if st, err := empty.Stats("a"); err != nil || st != (Stats{}) {
		t.Errorf("stats empty: %+v %v", st, err)
	}
	var buf bytes.Buffer
	if err := empty.WriteCSV(&buf); err != nil || buf.String() != "a,b\n" {
		t.Errorf("empty csv %q %v", buf.String(), err)
	}
	buf.Reset()
	if err := (Table{}).WriteCSV(&buf); err != nil || buf.Len() != 0 {
		t.Errorf("no columns: %q %v", buf.String(), err)
	}
	if st := statsOf([]float64{4}); st.StdDev != 0 || st.Mean != 4 || st.Median != 4 {
		t.Errorf("one value: %+v", st)
	}
}

func TestResultTables(t *testing.T) {
	s := feeScenario()
	s.HorizonDays = 120
	vs, _ := ParseVariants("daily_units=5,10")
	rs, err := Compare(s, vs, nil)
	if err != nil {
		t.Fatal(err)
	}
	cmp := ComparisonTable(rs)
	if len(cmp.Rows) != 2 || cmp.Rows[1][0].Text != "daily_units=10" || cmp.Rows[0][2].Text != "ok" {
		t.Errorf("comparison %+v", cmp.Rows)
	}
	if i, _ := cmp.column("cash_out_day"); cmp.Rows[0][i].Text != "" {
		t.Errorf("cash-out day should be empty when cash never runs out")
	}
	if got := ComparisonTable(nil); len(got.Rows) != 0 || len(got.Columns) == 0 {
		t.Error("empty comparison")
	}

	lines := LinesTable(rs[0])
	if len(lines.Rows) != 1 || lines.Rows[0][0].Text != "lamp" || lines.Rows[0][8].Text != "46.00" {
		t.Errorf("lines %+v", lines.Rows)
	}
	ev := EventsTable(rs[0])
	if len(ev.Rows) != len(rs[0].Events) || ev.Rows[0][1].Text != string(EventOrderPlaced) {
		t.Errorf("events %+v", ev.Rows[:1])
	}

	g, err := Sensitivity(s, nil, []float64{80, 100}, []float64{5, 10, 20}, MetricProductsSupported)
	if err != nil {
		t.Fatal(err)
	}
	st := SensitivityTable(g)
	if len(st.Rows) != 2 || len(st.Columns) != 4 || st.Columns[3].Name != "daily_units=20" || st.Rows[1][0].Text != "100.00" {
		t.Errorf("sensitivity %+v", st)
	}
	if gs := GridStats(g); gs.Count != 6 {
		t.Errorf("grid stats %+v", gs)
	}
	if gs := GridStats(Grid{}); gs != (Stats{}) {
		t.Errorf("empty grid stats %+v", gs)
	}

	sc, ls := ideas()
	ranked, err := RankIdeas(sc, ls, nil, ObjectiveProductLine)
	if err != nil {
		t.Fatal(err)
	}
	rt := RankingTable(ranked)
	if len(rt.Rows) != len(ls) || rt.Rows[0][0].Text != "1" {
		t.Errorf("ranking %+v", rt.Rows)
	}
	bt := BandTable(ranked)
	if len(bt.Rows) != 5 || bt.Rows[2][0].Text != "30_50" || bt.Rows[2][1].Number != 2 {
		t.Errorf("bands %+v", bt.Rows)
	}
	if bt := BandTable(nil); len(bt.Rows) != 5 || bt.Rows[0][1].Number != 0 || bt.Rows[0][2].Text != "" {
		t.Errorf("empty bands %+v", bt.Rows)
	}
	var buf bytes.Buffer
	if err := bt.WriteCSV(&buf); err != nil || !strings.HasPrefix(buf.String(), "band,ideas,best,best_rank") {
		t.Errorf("band csv %q %v", buf.String(), err)
	}
}
