package planningui

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// Each cost the form gained reaches the simulation. The example's first
// line: unit cost ¥55, 0.3 kg by sea at ¥12/kg (¥3.60 freight), so a
// landed cost of ¥58.60; $35 at ¥7.2 per dollar; orders of 30 days'
// sales (300 units), 7 days of safety stock.
func TestPlanningNewCostFieldsChangeTheResult(t *testing.T) {
	for _, c := range []struct {
		field, value string
		check        func(before, after planning.Result) error
	}{
		// 10% duty on ¥55 is ¥5.50 a unit: landed ¥64.10.
		{"duty_pct", "10", landed(6410)},
		// $0.50 inbound fee at ¥7.2 is ¥3.60: landed ¥62.20.
		{"inbound_fee", "0.5", landed(6220)},
		// Sea freight is priced by weight alone: a volume changes nothing.
		{"unit_volume_m3", "0.01", landed(5860)},
		// $1 per unit per month for the 22 days an average unit waits
		// (half a 30-day cycle plus 7 safety days): $0.7333 = ¥5.28.
		{"storage_fee", "1", func(_, a planning.Result) error {
			if got := a.Lines[0].StoragePerUnit; got != 528 {
				return fmt.Errorf("storage per unit %d fen, want 528", got)
			}
			return nil
		}},
		// Every order is at least the MOQ.
		{"moq", "1000", func(_, a planning.Result) error {
			if got := a.Lines[0].OrderUnits; got != 1000 {
				return fmt.Errorf("order of %d units, want 1000", got)
			}
			return nil
		}},
		{"launch_day", "30", func(_, a planning.Result) error {
			if got := a.Lines[0].StartDay; got != 30 {
				return fmt.Errorf("first order on day %d, want 30", got)
			}
			return nil
		}},
		// A slow start sells less.
		{"ramp_days", "60", func(b, a planning.Result) error {
			if a.Lines[0].UnitsSold >= b.Lines[0].UnitsSold {
				return fmt.Errorf("sold %d with a ramp, %d without", a.Lines[0].UnitsSold, b.Lines[0].UnitsSold)
			}
			return nil
		}},
	} {
		t.Run(c.field, func(t *testing.T) {
			e, p := openPlanning(t, ui.LangChinese, nil)
			before := p.valid.result
			uitest.Retype(p.form.lines[0].entries[c.field], c.value)
			e.Settle()
			if p.stale || len(p.msgs) > 0 {
				t.Fatalf("%s = %s refused: %v", c.field, c.value, p.msgs)
			}
			if err := c.check(before, p.valid.result); err != nil {
				t.Fatal(err)
			}
		})
	}

	// The monthly overhead is paid on days 0, 30, …, 360 of 365: 13
	// times, so ¥20,000 a month costs ¥260,000 of profit and at least
	// ¥20,000 more capital at the peak.
	t.Run("overhead_monthly", func(t *testing.T) {
		e, p := openPlanning(t, ui.LangChinese, nil)
		before := p.valid.result
		uitest.Retype(p.form.overhead, "20000")
		e.Settle()
		after := p.valid.result
		if d := before.Profit - after.Profit; d != 13*20000_00 {
			t.Errorf("profit fell by %d fen, want 13 × ¥20,000", d)
		}
		if after.PeakNeed-before.PeakNeed < 20000_00 {
			t.Errorf("peak need rose by %d fen only", after.PeakNeed-before.PeakNeed)
		}
		if p.form.overheadLabel.Text != "每月固定开支（¥）" {
			t.Errorf("overhead label %q", p.form.overheadLabel.Text)
		}
	})
}

func landed(fen int64) func(_, a planning.Result) error {
	return func(_, a planning.Result) error {
		if got := a.Lines[0].LandedUnitCost; got != fen {
			return fmt.Errorf("landed cost %d fen, want %d", got, fen)
		}
		return nil
	}
}

// The new fields are checked like the others: a problem shows once the
// field is typed in, names the line and the field, keeps the last
// result on screen, and the units are in the labels.
func TestPlanningNewCostFieldsAreChecked(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	line := p.form.lines[0]
	uitest.Retype(line.entries["duty_pct"], "150")
	uitest.Retype(line.entries["moq"], "12.5")
	e.Settle()
	if !p.stale || len(p.msgs) != 2 {
		t.Fatalf("messages %v", p.msgs)
	}
	msgs := strings.Join(p.msgs, "\n")
	for _, want := range []string{"产品线 1「礼品杯套装」· 进口关税必须在 0 – 100 之间（现在是 150）", "产品线 1「礼品杯套装」· 起订量请输入整数（现在是 12.5）"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("%q does not say %q", msgs, want)
		}
	}
	for _, k := range []string{"duty_pct", "moq"} {
		if _, ok := p.form.marked[line.entries[k]]; !ok {
			t.Errorf("%s is not marked", k)
		}
	}
	for k, want := range map[string]string{"storage_fee": "仓储费（$/件/月）", "inbound_fee": "入仓费（$/件）", "unit_volume_m3": "单件体积（m³）"} {
		if got := line.labels[k].Text; got != want {
			t.Errorf("%s label %q, want %q", k, got, want)
		}
	}
}

// An infeasible plan says what its capital achieves, from the verdict's
// structured data, in each language; beside the need figures the table
// sets what the capital achieves.
func TestPlanningCapitalLimitedVerdict(t *testing.T) {
	for _, c := range []struct {
		lang, achieved string
		limits         map[string][2]string // row name: unlimited, with the capital
	}{
		{ui.LangChinese, "用 ¥100,000，2 个产品线 365 天内可卖出 6,060 件，赚 ¥526,250；再增加 ¥17,200 即可消除共 156 天的订单延误。",
			map[string][2]string{"销量": {"6,060 件", "6,060 件"}, "期内利润": {"¥526,250", "¥526,250"}, "因缺钱推迟的订单": {"—", "4 张"}, "订单延误天数": {"—", "156 天"}}},
		{ui.LangEnglish, "With ¥100,000, the 2 lines sell 6,060 units and earn ¥526,250 in 365 days; ¥17,200 more would remove the 156 days of delays.",
			map[string][2]string{"Units sold": {"6,060 units", "6,060 units"}, "Orders delayed for cash": {"—", "4 orders"}, "Days of delay": {"—", "156 days"}}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			e, p := openPlanning(t, c.lang, nil)
			if got := p.results.achieved.Text; got != c.achieved || !p.results.achieved.Visible() {
				t.Errorf("achieved %q, want %q", got, c.achieved)
			}
			if p.results.heads[1].name.Text != e.T("planning.limits.capital", "Amount", "¥100,000") {
				t.Errorf("column heading %q", p.results.heads[1].name.Text)
			}
			for name, want := range c.limits {
				i := slices.IndexFunc(p.results.limits, func(l limitCells) bool { return l.label.Text == name })
				if i < 0 {
					t.Fatalf("no row %q", name)
				}
				if got := [2]string{p.results.limits[i].need.Text, p.results.limits[i].limited.Text}; got != want {
					t.Errorf("%s: %v, want %v", name, got, want)
				}
			}
			// By air the plan fits: it achieves itself, nothing to add.
			for _, l := range p.form.lines {
				l.mode.SetSelected(e.T("planning.mode.air"))
			}
			e.Settle()
			if p.results.achieved.Visible() {
				t.Errorf("a feasible plan says %q", p.results.achieved.Text)
			}
		})
	}
}

// Lines shipping differently are named with their modes; a plan whose
// cash never runs out but uses the reserve says that the reserve is what
// is breached, in the headline, the verdict and the cash-out figure.
func TestPlanningVerdictModesAndReserve(t *testing.T) {
	for _, c := range []struct {
		lang, head, cashOut string
		verdict             []string
	}{
		{ui.LangChinese, "不可行：会动用预留资金", "不会断裂（第 20 天动用预留）",
			[]string{"「礼品杯套装」走海运，资金占用 87 天", "各产品线运输方式：海运（「礼品杯套装」）、空运（「旅行杯套装」）", "资金不会断裂，但第 20 天会动用 ¥10,000 的预留资金"}},
		{ui.LangEnglish, "Not feasible: the reserve is breached", "Never (reserve used from day 20)",
			[]string{"sea freight for “gift cup set” ties up cash for 87 days", "shipping by line: Sea (“gift cup set”), Air (“travel cup set”)",
				"cash never runs out, but it falls into the ¥10,000 reserve on day 20"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			e, p := openPlanning(t, c.lang, nil)
			p.form.lines[1].mode.SetSelected(e.T("planning.mode.air"))
			e.Settle()
			v := p.valid.result.Verdict
			if !v.ReserveBreached || v.LineModes == nil {
				t.Fatalf("the case changed: %+v", v)
			}
			if p.results.headline.Text != c.head {
				t.Errorf("headline %q", p.results.headline.Text)
			}
			for _, want := range c.verdict {
				if !strings.Contains(p.results.verdict.Text, want) {
					t.Errorf("verdict %q lacks %q", p.results.verdict.Text, want)
				}
			}
			if got := p.results.need[slices.Index(needFigures, planning.FigCashOutDay)].value.Text; got != c.cashOut {
				t.Errorf("cash runs out: %q, want %q", got, c.cashOut)
			}
		})
	}
}

// Every key figure planning reports is on screen with its one-sentence
// explanation, in both languages, shown when the pointer rests on it or
// it is tapped. The returns' n/a and period forms are covered too.
func TestPlanningEveryKeyFigureExplained(t *testing.T) {
	en, zh := messages(t, ui.LangEnglish), messages(t, ui.LangChinese)
	for _, lang := range []string{ui.LangChinese, ui.LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			e, p := openPlanning(t, lang, nil)
			check := func(what string) {
				t.Helper()
				r := p.valid.result
				tips := map[string]*explained{}
				uitest.Walk(p.results.root, func(o fyne.CanvasObject) bool {
					if x, ok := o.(*explained); ok {
						tips[x.Tip] = x
					}
					return true
				})
				for _, f := range planning.KeyFigures(r) {
					key := "planning.explain." + string(f.ID)
					if en[key]["other"] == "" || zh[key]["other"] == "" || en[key]["other"] == zh[key]["other"] {
						t.Errorf("%s: %s is not explained in both languages", what, f.ID)
					}
					text := figureExplain(e.Translator(), f.ID)
					var shown *explained
					for tip, x := range tips {
						if strings.Contains(tip, text) {
							shown = x
						}
					}
					if shown == nil {
						t.Errorf("%s: no explanation of %s on screen", what, f.ID)
						continue
					}
					test.Tap(shown)
					if !shown.tipShown() {
						t.Errorf("%s: tapping %s shows nothing", what, f.ID)
					}
					test.Tap(shown)
				}
			}
			check("the example")

			// Under 90 days the return is the period's, and says so.
			uitest.Retype(p.form.horizon, "60")
			e.Settle()
			if p.valid.result.ReturnBasis != planning.ReturnPeriod {
				t.Fatalf("basis %s", p.valid.result.ReturnBasis)
			}
			check("60 days")
			period := e.T("planning.fig.period_return_pct", "Days", 60)
			if !slices.ContainsFunc(p.results.limits, func(l limitCells) bool { return l.label.Text == period }) {
				t.Errorf("no %q row", period)
			}

			// No line starts: nothing is tied up, so there is no return.
			uitest.Retype(p.form.horizon, "365")
			for _, l := range p.form.lines {
				uitest.Retype(l.entries["launch_day"], "400")
			}
			e.Settle()
			r := p.valid.result
			if r.ReturnBasis != planning.ReturnNone || r.Verdict.Reason != planning.ReasonNoLineStarts {
				t.Fatalf("basis %s, reason %s", r.ReturnBasis, r.Verdict.Reason)
			}
			check("nothing starts")
			i := slices.IndexFunc(p.results.limits, func(l limitCells) bool { return l.label.Text == e.T("planning.fig.annualized_return_pct") })
			if i < 0 || p.results.limits[i].need.Text != e.T("planning.na") || p.results.limits[i].limited.Text != e.T("planning.na") {
				t.Errorf("return with nothing tied up: %+v", p.results.limits)
			}
			if p.results.headline.Text != e.T("planning.verdict.head.nothing") || !strings.Contains(p.results.verdict.Text, "365") {
				t.Errorf("verdict %q %q", p.results.headline.Text, p.results.verdict.Text)
			}
		})
	}
}

// A file's own modes priced by volume say so on the Shipping modes tab,
// and the volume the form sends reaches their freight. 0.01 m³ is
// 10,000 cm³, charged as 10,000 / 6,000 = 1.667 kg at ¥12 (¥20.00) rather
// than its 0.3 kg, and more than its ¥9.00 by volume at ¥900 per m³:
// landed ¥55 + ¥20 = ¥75.00.
func TestPlanningFileModesPricedByVolume(t *testing.T) {
	body, err := os.ReadFile("../../planning/testdata/two_cups_sea.toml")
	if err != nil {
		t.Fatal(err)
	}
	file := strings.Replace(string(body), "cost_per_kg = 12.0        # base currency", "cost_per_kg = 12.0\ncost_per_m3 = 900.0\nvolumetric_divisor = 6000", 1)
	e, p := openPlanning(t, ui.LangChinese, nil)
	if !p.openScenarioData([]byte(file), "volume.toml") {
		t.Fatalf("refused: %s", uitest.DialogText(t, e.Window()))
	}
	e.Settle()
	p.tabs.SelectIndex(planTabModes)
	note := strings.Join(uitest.Texts(p.modes.own), "\n")
	if !strings.Contains(note, "¥12.00/kg、¥900.00/m³、体积重：cm³ ÷ 6,000") {
		t.Errorf("the file's mode is explained as %q", note)
	}
	p.tabs.SelectIndex(planTabScenario)
	uitest.Retype(p.form.lines[0].entries["unit_volume_m3"], "0.01")
	e.Settle()
	if got := p.valid.result.Lines[0].LandedUnitCost; got != 7500 {
		t.Fatalf("landed cost %d fen, want 7500", got)
	}
}
