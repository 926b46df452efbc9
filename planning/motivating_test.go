package planning

import (
	"os"
	"testing"
)

// The case that motivates the package: ¥100,000 with a 10% reserve, two
// cup sets that each need about ¥50,000 of stock. Sea freight ties the
// money up too long to carry both; air freight carries two.
//
// By hand, sea (lead 20+35+7 = 62 days, ROP 10 × 69 = 690): three
// 300-unit orders on day 0, 900 × (¥55 + 0.3 kg × ¥12) = ¥52,740 a line
// before any payout. Air (lead 35, ROP 420): two orders, 600 × (¥55 +
// 0.3 × ¥40) = ¥40,200 a line.
func TestMotivatingCase(t *testing.T) {
	data, err := os.ReadFile("testdata/two_cups_sea.toml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseScenario(data)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		mode      string
		feasible  bool
		supported int
		need      int64
		reason    Reason
		english   string
	}{
		{ModeSea, false, 1, 10548000, ReasonCashRunsOut,
			"not feasible: cash runs out on day 20; sea freight ties up cash for 87 days; 2 lines need ¥105,480, the capital after reserve is ¥90,000"},
		{ModeAir, true, 2, 8040000, ReasonOK,
			"feasible: air freight ties up cash for 54 days; 2 lines need ¥80,400, the capital after reserve is ¥90,000"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			r, err := Simulate(ApplyVariant(s, Variant{Key: VariantMode, Value: tt.mode}), nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Feasible != tt.feasible || r.Verdict.Feasible != tt.feasible {
				t.Errorf("feasible = %v, want %v", r.Feasible, tt.feasible)
			}
			if r.ProductsSupported != tt.supported {
				t.Errorf("products supported = %d, want %d", r.ProductsSupported, tt.supported)
			}
			if r.PeakNeed != tt.need {
				t.Errorf("peak need = %d, want %d", r.PeakNeed, tt.need)
			}
			if r.Verdict.Reason != tt.reason {
				t.Errorf("reason = %s, want %s", r.Verdict.Reason, tt.reason)
			}
			if got := r.Verdict.English(); got != tt.english {
				t.Errorf("English:\n got %q\nwant %q", got, tt.english)
			}
			if r.CapitalAvailable != 9000000 || r.Verdict.Lines != 2 || r.Verdict.Mode != tt.mode {
				t.Errorf("verdict %+v", r.Verdict)
			}
		})
	}
}

// The same case built in Go rather than read from TOML, and checked
// through Compare.
func TestMotivatingCaseCompare(t *testing.T) {
	s := DefaultScenario()
	s.Name = "two cups"
	s.Capital = 100000
	s.ReservePct = 10
	s.FX = map[string]float64{"USD": 7.2}
	for _, name := range []string{"gift cup set", "travel cup set"} {
		l := DefaultLine()
		l.Name = name
		l.Price, l.PriceCurrency = 35, "USD"
		l.UnitCost, l.UnitWeightKg = 55, 0.3
		l.DailyUnits, l.ProductionDays = 10, 20
		l.FBAFee, l.AdPct, l.ReturnPct = 5, 10, 3
		s.Lines = append(s.Lines, l)
	}
	vs, err := ParseVariants("mode=sea,air")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Compare(s, vs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Label != "mode=sea" || rs[1].Label != "mode=air" {
		t.Fatalf("labels %q", []string{rs[0].Label, rs[1].Label})
	}
	if rs[0].Feasible || rs[0].ProductsSupported != 1 || !rs[1].Feasible || rs[1].ProductsSupported != 2 {
		t.Errorf("sea feasible %v supports %d; air feasible %v supports %d",
			rs[0].Feasible, rs[0].ProductsSupported, rs[1].Feasible, rs[1].ProductsSupported)
	}

	// Enough capital to stay above zero but not to keep the reserve.
	s.Capital = 110000
	r, err := Simulate(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "not feasible: sea freight ties up cash for 87 days; 2 lines need ¥105,480, the capital after reserve is ¥99,000"
	if r.Verdict.Reason != ReasonCapitalShort || r.Verdict.English() != want {
		t.Errorf("verdict %s: %q, want capital_short: %q", r.Verdict.Reason, r.Verdict.English(), want)
	}
}
