package planning

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestBandOf(t *testing.T) {
	tests := []struct {
		usd  float64
		want Band
	}{
		{0.5, BandUnder20}, {19.99, BandUnder20}, {20, Band20To30}, {29.99, Band20To30},
		{30, Band30To50}, {49.99, Band30To50}, {50, Band50To100}, {99.99, Band50To100},
		{100, Band100Plus}, {5000, Band100Plus},
	}
	for _, tt := range tests {
		if got := BandOf(tt.usd); got != tt.want {
			t.Errorf("BandOf(%v) = %v, want %v", tt.usd, got, tt.want)
		}
	}
	if len(Bands()) != 5 || Band30To50.String() != "$30–50" || Band100Plus.Code() != "100_plus" {
		t.Error("band labels")
	}
}

func TestPriceUSD(t *testing.T) {
	s := DefaultScenario()
	s.FX = map[string]float64{"USD": 7.2, "EUR": 7.8}
	tests := []struct {
		price float64
		cur   string
		want  float64
	}{
		{35, "USD", 35},
		{72, "CNY", 10},
		{72, "", 10},
		{36, "EUR", 39},
	}
	for _, tt := range tests {
		got, err := PriceUSD(s, Line{Price: tt.price, PriceCurrency: tt.cur})
		if err != nil || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%v %s: %v %v, want %v", tt.price, tt.cur, got, err, tt.want)
		}
	}
	s.FX = nil
	var ie *InputError
	if _, err := PriceUSD(s, Line{Price: 72}); !errors.As(err, &ie) || ie.Field != "fx.USD" {
		t.Errorf("no USD rate: %v", err)
	}
	usdBase := DefaultScenario()
	usdBase.BaseCurrency = "USD"
	if got, err := PriceUSD(usdBase, Line{Price: 12}); err != nil || got != 12 {
		t.Errorf("USD base: %v %v", got, err)
	}
}

// ideas: three product ideas sharing ¥100,000 with a 10% reserve.
func ideas() (Scenario, []Line) {
	s := DefaultScenario()
	s.Capital = 100000
	s.ReservePct = 10
	s.FX = map[string]float64{"USD": 7.2}
	mk := func(name string, price, cost, weight, daily float64) Line {
		l := DefaultLine()
		l.Name, l.Price, l.PriceCurrency = name, price, "USD"
		l.UnitCost, l.UnitWeightKg, l.DailyUnits, l.ProductionDays = cost, weight, daily, 20
		l.FBAFee, l.AdPct, l.ReturnPct = 5, 10, 3
		return l
	}
	return s, []Line{
		mk("cup", 35, 55, 0.3, 10),        // $30–50
		mk("keyring", 12, 6, 0.05, 30),    // under $20
		mk("lamp", 79, 160, 1.5, 4),       // $50–100
		mk("cup twin", 35, 55, 0.3, 10),   // same as cup: tie broken by name
		mk("speaker", 129, 300, 1.2, 1.5), // $100+
	}
}

func TestRankIdeas(t *testing.T) {
	s, ls := ideas()
	for _, obj := range []Objective{ObjectiveScale, ObjectiveMargin, ObjectiveTurnover, ObjectiveProductLine} {
		t.Run(string(obj), func(t *testing.T) {
			rs, err := RankIdeas(s, ls, nil, obj)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != len(ls) {
				t.Fatalf("%d ranked", len(rs))
			}
			metric, better, _ := objectiveOrder(obj)
			for i, r := range rs {
				if r.Reason.Rank != i+1 || r.Reason.Of != len(ls) || r.Reason.Objective != obj {
					t.Errorf("reason %+v", r.Reason)
				}
				if i > 0 && better(metric(r), metric(rs[i-1])) {
					t.Errorf("%s ranked below a worse idea", r.Name)
				}
				if i+1 < len(rs) && (r.Reason.Next != rs[i+1].Name || r.Reason.Gap != math.Abs(metric(r)-metric(rs[i+1]))) {
					t.Errorf("next/gap %+v", r.Reason)
				}
				if en := r.Reason.English(); !strings.HasPrefix(en, "#") || strings.Contains(en, "NaN") {
					t.Errorf("English %q", en)
				}
			}
			// cup and cup twin are identical: cup first, level with its twin.
			for i := range rs[:len(rs)-1] {
				if rs[i].Name == "cup" {
					if rs[i+1].Name != "cup twin" || !strings.HasSuffix(rs[i].Reason.English(), ", level with cup twin") {
						t.Errorf("tie: %q then %q: %q", rs[i].Name, rs[i+1].Name, rs[i].Reason.English())
					}
				}
			}
			if last := rs[len(rs)-1].Reason; last.Next != "" || strings.Contains(last.English(), " than ") {
				t.Errorf("last %+v: %q", last, last.English())
			}
		})
	}
	rs, _ := RankIdeas(s, ls, nil, ObjectiveMargin)
	bands := map[string]Band{}
	for _, r := range rs {
		bands[r.Name] = r.Band
	}
	if bands["cup"] != Band30To50 || bands["keyring"] != BandUnder20 || bands["lamp"] != Band50To100 || bands["speaker"] != Band100Plus {
		t.Errorf("bands %v", bands)
	}
}

func TestRankReasonEnglish(t *testing.T) {
	tests := []struct {
		r    RankReason
		want string
	}{
		{RankReason{Objective: ObjectiveScale, Name: "cup", Value: 7560000, Rank: 1, Of: 3, Next: "lamp", Gap: 1200000, Currency: "CNY"},
			"#1 of 3 for sales scale: cup supports ¥75,600 of monthly sales, ¥12,000 more than lamp"},
		{RankReason{Objective: ObjectiveMargin, Name: "cup", Value: 34.46, Rank: 2, Of: 3, Next: "lamp", Gap: 2.06},
			"#2 of 3 for margin: cup keeps a 34.5% margin, 2.1 points more than lamp"},
		{RankReason{Objective: ObjectiveTurnover, Name: "cup", Value: 54.1, Rank: 1, Of: 2, Next: "lamp", Gap: 12.4},
			"#1 of 2 for cash turnover: cup ties up cash for 54 days, 12 days less than lamp"},
		{RankReason{Objective: ObjectiveProductLine, Name: "cup", Value: 2, Rank: 1, Of: 2, Next: "lamp", Gap: 1},
			"#1 of 2 for building a product line: the capital carries 2 lines of cup, 1 more than lamp"},
		{RankReason{Objective: ObjectiveProductLine, Name: "lamp", Value: 1, Rank: 2, Of: 2},
			"#2 of 2 for building a product line: the capital carries 1 line of lamp"},
		{RankReason{Objective: ObjectiveTurnover, Name: "cup", Value: 54.1, Rank: 1, Of: 2, Next: "mug", Gap: 0.2},
			"#1 of 2 for cash turnover: cup ties up cash for 54 days, level with mug"},
	}
	for _, tt := range tests {
		if got := tt.r.English(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

func TestRankIdeasErrors(t *testing.T) {
	s, ls := ideas()
	ls[1].Price = 0
	ls[3].Mode = "zeppelin"
	_, err := RankIdeas(s, ls, nil, ObjectiveMargin)
	var list InputErrors
	if !errors.As(err, &list) || len(list) != 2 || list[0].Line != 2 || list[1].Line != 4 || list[1].LineName != "cup twin" {
		t.Errorf("err = %v", err)
	}
	if _, err := RankIdeas(s, ls[:1], nil, "fastest"); err == nil {
		t.Error("unknown objective accepted")
	}
	if rs, err := RankIdeas(s, nil, nil, ObjectiveScale); err != nil || len(rs) != 0 {
		t.Errorf("no ideas: %v %v", rs, err)
	}
	if _, err := ParseObjective(" Product_Line "); err != nil {
		t.Error(err)
	}
}
