package planningui

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/assets"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
	"github.com/opsbench/opsbench/ui/widgets"
)

// openPlanning shows the Planning screen in lang with its first result.
func openPlanning(t testing.TB, lang string, prepare func(s *data.Store)) (*uitest.Env, *Screen) {
	t.Helper()
	e := uitest.NewEnv(t, lang, func(s *data.Store) {
		uitest.WithMe("王芳", app.RoleOwner)(s)
		if prepare != nil {
			prepare(s)
		}
	})
	p := New(e)
	e.Show(p)
	if p.valid == nil {
		t.Fatalf("no result after opening Planning: %v", p.msgs)
	}
	return e, p
}

// saveAs saves the form as a new scenario called name through the
// Save as dialog.
func saveAs(t *testing.T, e *uitest.Env, p *Screen, name string) {
	t.Helper()
	test.Tap(uitest.FindButton(t, p.root, e.T("planning.saved.save_as")))
	dlg := uitest.TopDialog(t, e.Window())
	uitest.Retype(uitest.Entries(dlg)[0], name)
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
}

func TestPlanningShowsVerdict(t *testing.T) {
	for _, lang := range []string{ui.LangChinese, ui.LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			e, p := openPlanning(t, lang, nil)
			shown := uitest.Texts(p.root)
			if !uitest.Contains(shown, e.T("nav.planning")) {
				t.Fatalf("no title: %v", shown)
			}
			r := p.valid.result
			if r.Feasible || r.ProductsSupported != 1 || r.Verdict.Reason != planning.ReasonCashRunsOut {
				t.Fatalf("example scenario: feasible %v, supports %d, %s", r.Feasible, r.ProductsSupported, r.Verdict.Reason)
			}
			if p.results.headline.Text != e.T("planning.verdict.head.no") {
				t.Errorf("headline %q", p.results.headline.Text)
			}
			verdict := p.results.verdict.Text
			if !uitest.Contains(shown, verdict) {
				t.Errorf("the verdict is not on screen: %v", shown)
			}
			if lang == ui.LangChinese {
				if verdict == r.Verdict.English() || !strings.Contains(verdict, "第 20 天资金断裂") || !strings.Contains(verdict, "海运") ||
					!strings.Contains(verdict, "¥105,480") || !strings.Contains(verdict, "¥90,000") {
					t.Errorf("Chinese verdict %q", verdict)
				}
			} else if !strings.Contains(verdict, "cash runs out on day 20") || !strings.Contains(verdict, "sea freight ties up cash for 87 days") {
				t.Errorf("English verdict %q", verdict)
			}
			if p.results.stale.Visible() {
				t.Error("a fresh result is marked stale")
			}
			if p.results.chart.Empty() {
				t.Error("the cash chart is empty")
			}
			if got := p.results.lines.Data(); len(got.Rows) != 2 || got.Rows[0][3] != "¥58.60" {
				t.Errorf("line table %v", got.Rows)
			}
		})
	}
}

func TestPlanningAirMakesTheCaseFeasible(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	air := e.T("planning.mode.air")
	for _, l := range p.form.lines {
		l.mode.SetSelected(air)
	}
	e.Settle()
	r := p.valid.result
	if !r.Feasible || r.ProductsSupported != 2 || r.PeakNeed != 8040000 {
		t.Fatalf("air: feasible %v, supports %d, need %d", r.Feasible, r.ProductsSupported, r.PeakNeed)
	}
	if p.results.headline.Text != e.T("planning.verdict.head.ok") || !strings.Contains(p.results.verdict.Text, "走空运，资金占用 54 天") {
		t.Fatalf("verdict %q %q", p.results.headline.Text, p.results.verdict.Text)
	}
	if got := p.results.need[slices.Index(needFigures, planning.FigProductsSupported)].value.Text; got != "2 个" {
		t.Errorf("products supported shows %q", got)
	}
	if p.form.allModes.Selected != air {
		t.Errorf("the all-lines choice shows %q", p.form.allModes.Selected)
	}

	// The all-lines choice sets every line back to sea in one go.
	p.form.allModes.SetSelected(e.T("planning.mode.sea"))
	e.Settle()
	if r := p.valid.result; r.Feasible || r.ProductsSupported != 1 {
		t.Fatalf("back to sea: feasible %v, supports %d", r.Feasible, r.ProductsSupported)
	}
	for _, l := range p.form.lines {
		if l.modeName(p.form) != planning.ModeSea {
			t.Errorf("line mode %q", l.mode.Selected)
		}
	}
}

func TestPlanningInvalidInputKeepsLastResultStale(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	before := p.valid
	price := p.form.lines[0].entries["price"]
	uitest.Retype(price, "-35")
	e.Settle()
	if price.Text != "-35" {
		t.Fatalf("the typed text was changed to %q", price.Text)
	}
	if len(p.msgs) != 1 {
		t.Fatalf("messages %v", p.msgs)
	}
	msg := p.msgs[0]
	for _, want := range []string{"产品线 1", "礼品杯套装", "售价", "-35"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not name %q", msg, want)
		}
	}
	if !uitest.Contains(uitest.Texts(p.root), msg) {
		t.Error("the message is not on screen")
	}
	if p.valid != before || !p.stale || !p.results.stale.Visible() {
		t.Fatal("the last valid result is not kept and marked stale")
	}
	if p.results.headline.Text != e.T("planning.verdict.head.no") {
		t.Errorf("the previous verdict was replaced by %q", p.results.headline.Text)
	}

	// Text that is not a number names the field too, and so does a
	// problem on the second line.
	uitest.Retype(p.form.lines[1].entries["daily_units"], "十")
	e.Settle()
	if len(p.msgs) != 2 || !strings.Contains(p.msgs[0], "产品线 1") || !strings.Contains(p.msgs[1], "产品线 2") || !strings.Contains(p.msgs[1], "日销量") {
		t.Fatalf("messages %v", p.msgs)
	}

	// Fixing both recomputes and clears the marks.
	uitest.Retype(price, "35")
	uitest.Retype(p.form.lines[1].entries["daily_units"], "10")
	e.Settle()
	if p.stale || p.results.stale.Visible() || len(p.msgs) != 0 || p.valid == before {
		t.Fatalf("not recomputed after the fix: stale %v, messages %v", p.stale, p.msgs)
	}
}

func TestPlanningSaveAndOpenScenarios(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	ctx := context.Background()

	// Save as, through the dialog.
	saveAs(t, e, p, "两款杯子·海运")
	list, err := e.Store().Scenarios(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "两款杯子·海运" {
		t.Fatalf("saved %v, %v", list, err)
	}
	s, err := planning.ParseScenario([]byte(list[0].Body))
	if err != nil || s.Capital != 100000 || len(s.Lines) != 2 || s.Lines[0].Name != "礼品杯套装" {
		t.Fatalf("saved body %+v, %v", s, err)
	}
	if p.savedID != list[0].ID || !strings.Contains(p.status.Text, "两款杯子·海运") {
		t.Fatalf("status %q", p.status.Text)
	}

	// Edit and save over it with the Save button.
	uitest.Retype(p.form.capital, "150000")
	e.Settle()
	if !strings.Contains(p.status.Text, "未保存的修改") {
		t.Errorf("status %q does not say there are unsaved changes", p.status.Text)
	}
	test.Tap(p.saveBtn)
	e.Settle()
	list, _ = e.Store().Scenarios(ctx)
	if s, _ := planning.ParseScenario([]byte(list[0].Body)); len(list) != 1 || s.Capital != 150000 {
		t.Fatalf("save did not update the scenario: %v", list)
	}

	// A second scenario, saved as a new one from the form.
	other := exampleScenario(e.Translator())
	other.Capital = 60000
	other.Lines = other.Lines[:1]
	p.form.fill(other)
	p.recompute()
	e.Settle()
	saveAs(t, e, p, "一款杯子")
	if list, _ = e.Store().Scenarios(ctx); len(list) != 2 {
		t.Fatalf("%d saved", len(list))
	}

	// Opening a saved scenario fills the form.
	p.savedPick.SetSelected("两款杯子·海运")
	e.Settle()
	if p.form.capital.Text != "150000" || len(p.form.lines) != 2 || p.form.lines[1].name.Text != "旅行杯套装" {
		t.Fatalf("form capital %q, %d lines", p.form.capital.Text, len(p.form.lines))
	}
	if p.valid.scenario.Capital != 150000 || p.dirty {
		t.Fatalf("result for capital %v, dirty %v", p.valid.scenario.Capital, p.dirty)
	}
	p.savedPick.SetSelected("一款杯子")
	e.Settle()
	if p.form.capital.Text != "60000" || len(p.form.lines) != 1 {
		t.Fatalf("form capital %q, %d lines", p.form.capital.Text, len(p.form.lines))
	}

	// Rename the open one through its dialog, then delete it.
	p.askRename()
	dlg := uitest.TopDialog(t, e.Window())
	uitest.Retype(uitest.Entries(dlg)[0], "一款杯子（旧）")
	test.Tap(uitest.FindButton(t, dlg, e.T("planning.saved.rename_do")))
	e.Settle()
	list, _ = e.Store().Scenarios(ctx)
	if p.savedName != "一款杯子（旧）" || !slices.ContainsFunc(list, func(s app.SavedScenario) bool { return s.Name == "一款杯子（旧）" }) {
		t.Fatalf("after rename: open %q, saved %v", p.savedName, list)
	}
	p.askDelete()
	test.Tap(uitest.FindButton(t, uitest.TopDialog(t, e.Window()), e.T("planning.saved.delete")))
	e.Settle()
	list, _ = e.Store().Scenarios(ctx)
	if len(list) != 1 || p.savedID != "" {
		t.Fatalf("after delete: %v, open %q", list, p.savedID)
	}
	if p.form.capital.Text != "60000" {
		t.Error("deleting lost the form's content")
	}
}

func TestPlanningOpensLatestSavedScenario(t *testing.T) {
	_, p := openPlanning(t, ui.LangEnglish, func(s *data.Store) {
		sc := exampleScenario(ui.NewTranslator(ui.LangEnglish))
		sc.Capital = 250000
		body, _ := sc.MarshalTOML()
		if _, err := s.SaveScenario(context.Background(), app.SavedScenario{Name: "big pot", Body: string(body)}); err != nil {
			panic(err)
		}
	})
	if p.savedName != "big pot" || p.form.capital.Text != "250000" || !p.valid.result.Feasible {
		t.Fatalf("opened %q with capital %q", p.savedName, p.form.capital.Text)
	}
}

func TestPlanningCompareModes(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	p.tabs.SelectIndex(planTabCompare)
	e.Settle()
	d := p.compare.table.Data()
	if len(d.Header) != 3 || d.Header[1] != "海运" || d.Header[2] != "空运" {
		t.Fatalf("columns %v", d.Header)
	}
	if d.Rows[0][1] != "不可行" || d.Rows[0][2] != "可行" || d.Rows[2][1] != "1 个" || d.Rows[2][2] != "2 个" {
		t.Fatalf("rows %v", d.Rows[:3])
	}
	if n := len(p.compare.chart.Data().Series); n != 2 {
		t.Fatalf("%d lines on the comparison chart", n)
	}

	// Add express: three columns.
	p.compare.modeChecks[planning.ModeExpress].SetChecked(true)
	e.Settle()
	if d := p.compare.table.Data(); len(d.Header) != 4 {
		t.Fatalf("columns %v", d.Header)
	}

	// Price values.
	p.compare.kind.SetSelected(e.T("planning.compare.kind.price"))
	uitest.Retype(p.compare.values, "30, 40")
	e.Settle()
	if d := p.compare.table.Data(); len(d.Header) != 3 || d.Header[1] != "售价 30" {
		t.Fatalf("price columns %v", d.Header)
	}
	uitest.Retype(p.compare.values, "30, 40, 50, 60, 70")
	e.Settle()
	if !p.compare.msg.Visible() {
		t.Fatal("five values were accepted")
	}
}

// The grid shows profit unless the person picks another figure, colours
// it so that green is better whichever way better is for the figure
// shown, and says so under the controls.
func TestPlanningSensitivityGridDefaultsToProfit(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	p.tabs.SelectIndex(planTabSensitivity)
	e.Settle()
	if p.sens.selectedMetric() != planning.MetricProfit || p.sens.metric.Selected != e.T("planning.metric.profit") {
		t.Fatalf("the grid opens on %q", p.sens.metric.Selected)
	}
	d := p.sens.table.Data()
	if len(d.Rows) != 5 || len(d.Header) != 6 {
		t.Fatalf("grid %d×%d", len(d.Rows), len(d.Header))
	}
	// The middle cell is the scenario itself: its profit.
	if d.Rows[2][0] != "$35" || d.Header[3] != "10 件/天" || d.Rows[2][3] != app.FormatMoney(p.valid.result.Profit, "CNY") {
		t.Fatalf("grid %v / %v", d.Header, d.Rows)
	}
	// More sales at a higher price earn more: the corner cells are the
	// worst (red) and the best (green).
	if !reddish(d.Fill[0][1]) || !greenish(d.Fill[4][5]) {
		t.Errorf("profit colours: lowest %v, highest %v", d.Fill[0][1], d.Fill[4][5])
	}
	if p.sens.scale.Text != e.T("planning.sens.scale_higher", "Metric", e.T("planning.metric_text.profit")) ||
		!strings.Contains(p.sens.scale.Text, "越高越好") || p.sens.explain.Text != figureExplain(e.Translator(), planning.FigProfit) {
		t.Errorf("scale %q, explanation %q", p.sens.scale.Text, p.sens.explain.Text)
	}

	// The peak need: lower is better, so the least need is green.
	p.sens.metric.SetSelected(e.T("planning.metric.peak_capital_need"))
	e.Settle()
	d = p.sens.table.Data()
	lowest, highest := cellWith(t, d, math.Inf(1), func(a, b float64) bool { return a < b }), cellWith(t, d, math.Inf(-1), func(a, b float64) bool { return a > b })
	if !greenish(d.Fill[lowest[0]][lowest[1]]) || !reddish(d.Fill[highest[0]][highest[1]]) {
		t.Errorf("peak need colours: least need %v, most %v", d.Fill[lowest[0]][lowest[1]], d.Fill[highest[0]][highest[1]])
	}
	if !strings.Contains(p.sens.scale.Text, "越低越好") {
		t.Errorf("scale %q", p.sens.scale.Text)
	}

	p.sens.metric.SetSelected(e.T("planning.metric.annualized_return_pct"))
	e.Settle()
	if d := p.sens.table.Data(); !strings.HasSuffix(d.Rows[0][1], "%") {
		t.Fatalf("annualized return cells %v", d.Rows[0])
	}
	p.sens.metric.SetSelected(e.T("planning.metric.products_supported"))
	e.Settle()
	if d := p.sens.table.Data(); d.Rows[2][3] != "1" {
		t.Fatalf("products supported cells %v", d.Rows[2])
	}
	uitest.Retype(p.sens.units, "5, x")
	e.Settle()
	if !p.sens.msg.Visible() {
		t.Fatal("a bad value was accepted")
	}
}

// cellWith finds the grid cell whose money value beats every other by
// better (row, column of Rows).
func cellWith(t *testing.T, d widgets.TableData, start float64, better func(a, b float64) bool) [2]int {
	t.Helper()
	best, at := start, [2]int{-1, -1}
	for i, row := range d.Rows {
		for j, cell := range row[1:] {
			v, ok := ui.ParseNumber(cell)
			if !ok {
				t.Fatalf("cell %q", cell)
			}
			if better(v, best) {
				best, at = v, [2]int{i, j + 1}
			}
		}
	}
	return at
}

func greenish(c color.Color) bool {
	r, g, _, _ := c.RGBA()
	return g > r
}

func reddish(c color.Color) bool {
	r, g, _, _ := c.RGBA()
	return r > g
}

func TestPlanningBandsRankIdeas(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	p.form.lines[1].entries["price"].SetText("25")
	e.Settle()
	p.tabs.SelectIndex(planTabBands)
	e.Settle()
	if len(p.bands.ranked) != 2 || len(p.bands.reasons.Objects) != 2 {
		t.Fatalf("ranked %d, reasons %d", len(p.bands.ranked), len(p.bands.reasons.Objects))
	}
	first := p.bands.reasons.Objects[0].(*widgets.Paragraph).Text
	if !strings.Contains(first, "销售规模") || !strings.Contains(first, "第 1/2 名") {
		t.Fatalf("reason %q", first)
	}
	p.bands.objective.SetSelected(e.T("planning.objective.margin"))
	e.Settle()
	first = p.bands.reasons.Objects[0].(*widgets.Paragraph).Text
	if !strings.Contains(first, "利润率") || !strings.Contains(first, "礼品杯套装") || !strings.Contains(first, "个百分点") {
		t.Fatalf("margin reason %q", first)
	}
	bands := p.bands.bandTable.Data()
	if bands.Rows[1][0] != "20–30 美元" || bands.Rows[1][1] != "1" || bands.Rows[2][1] != "1" {
		t.Fatalf("bands %v", bands.Rows)
	}
}

// The workbook a founder forwards: numbers are numbers in formats that
// say what they are (money with its currency, percentages, days), every
// input is listed, the capital-limited figures have sheets of their own;
// the chart's picture is titled and carries the verdict.
func TestPlanningExportsXLSXAndPNG(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writePlanningXLSX(context.Background(), f, p.exportSnapshot()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	want := []string{"概要", "假设", "每周现金", "每日现金", "产品线", "产品线成本", "按现有资金", "对比", "对比（按现有资金）", "敏感性", "选品排名", "价格带"}
	if got := x.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	r := p.valid.result
	// format is the number format of a cell, value its stored value.
	format := func(sheet, cell string) string {
		id, err := x.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := x.GetStyle(id)
		if err != nil || st.CustomNumFmt == nil {
			return ""
		}
		return *st.CustomNumFmt
	}
	value := func(sheet, cell string) string {
		v, _ := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		return v
	}
	// row finds the row whose column A reads name.
	row := func(sheet, name string, col int) int {
		rows, _ := x.GetRows(sheet)
		for i, r := range rows {
			if len(r) > col && r[col] == name {
				return i + 1
			}
		}
		t.Fatalf("%s has no row %q", sheet, name)
		return 0
	}
	tr := p.tr
	for _, c := range []struct {
		id            planning.FigureID
		value, format string
	}{
		// ¥105,480 peak need, in yuan with the yuan's sign.
		{planning.FigPeakNeed, "105480", `"¥"#,##0.00;-"¥"#,##0.00`},
		// 34.5% margin is stored as 0.345… and shown as a percentage.
		{planning.FigMargin, strconv.FormatFloat(r.MarginPct()/100, 'f', -1, 64), "0.0%"},
		{planning.FigCCC, strconv.FormatFloat(r.CashConversionDays, 'f', -1, 64), `#,##0" 天"`},
		{planning.FigLimitedDelayedOrders, "4", "#,##0"},
	} {
		at := row("概要", figureName(tr, c.id, r.HorizonDays), 0)
		cell := "B" + strconv.Itoa(at)
		// Excel keeps 15 significant digits.
		got, err1 := strconv.ParseFloat(value("概要", cell), 64)
		want, err2 := strconv.ParseFloat(c.value, 64)
		if err1 != nil || err2 != nil || math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("%s: value %q, want %q", c.id, value("概要", cell), c.value)
		}
		if got := format("概要", cell); got != c.format {
			t.Errorf("%s: format %q, want %q", c.id, got, c.format)
		}
		if got, _ := x.GetCellValue("概要", "C"+strconv.Itoa(at)); got != figureExplain(tr, c.id) {
			t.Errorf("%s: explanation %q", c.id, got)
		}
	}
	// Every input, each in its own format: the import duty of line 1 as a
	// percentage, its price in dollars, the capital in yuan.
	for _, c := range []struct {
		item, field, value, format string
	}{
		{"", "资金", "100000", `"¥"#,##0.00;-"¥"#,##0.00`},
		{"礼品杯套装", "售价", "35", `"$"#,##0.00;-"$"#,##0.00`},
		{"礼品杯套装", "进口关税", "0", "0.0%"},
		{"礼品杯套装", "生产周期", "20", `#,##0" 天"`},
	} {
		rows, _ := x.GetRows("假设")
		found := false
		for i, rw := range rows {
			if len(rw) > 3 && rw[1] == c.item && rw[2] == c.field {
				found = true
				cell := "D" + strconv.Itoa(i+1)
				if got := value("假设", cell); got != c.value {
					t.Errorf("assumption %s %s = %q, want %q", c.item, c.field, got, c.value)
				}
				if got := format("假设", cell); got != c.format {
					t.Errorf("assumption %s %s format %q, want %q", c.item, c.field, got, c.format)
				}
			}
		}
		if !found {
			t.Errorf("no assumption %s %s in %v", c.item, c.field, rows)
		}
	}
	weekly, _ := x.GetRows("每周现金")
	if len(weekly) != 54 || weekly[0][2] != "余额（¥）" {
		t.Fatalf("weekly sheet: %d rows, header %v", len(weekly), weekly[0])
	}
	want0 := strconv.FormatFloat(float64(r.Weekly[0].Balance)/100, 'f', -1, 64)
	if v := value("每周现金", "C2"); v != want0 {
		t.Errorf("week 0 balance %q, want %s", v, want0)
	}
	daily, _ := x.GetRows("每日现金")
	if len(daily) != 366 || daily[0][2] != "按现有资金余额（¥）" {
		t.Fatalf("daily sheet: %d rows, header %v", len(daily), daily[0])
	}
	// What the capital achieves: 6,060 units sold, 156 days of delays.
	limited, _ := x.GetRows("按现有资金")
	for name, want := range map[string]string{"按现有资金销量": "6060", "延误天数": "156"} {
		col := slices.Index(limited[0], name)
		if len(limited) != 2 || col < 0 {
			t.Fatalf("capital-limited sheet %v", limited)
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, 2)
		if got := value("按现有资金", cell); got != want {
			t.Errorf("%s = %q, want %s", name, got, want)
		}
	}
	cmp, _ := x.GetRows("对比")
	if len(cmp) != 3 || cmp[1][0] != "海运" || cmp[2][1] != "是" {
		t.Fatalf("comparison sheet %v", cmp)
	}
	rank, _ := x.GetRows("选品排名")
	if len(rank) != 3 || !strings.Contains(rank[1][len(rank[1])-1], "销售规模") {
		t.Fatalf("ranking sheet %v", rank)
	}

	d := p.pngChart()
	if d.Title != e.T("planning.png.title", "Name", p.form.name.Text) {
		t.Errorf("chart title %q", d.Title)
	}
	if !strings.HasPrefix(d.Caption, p.valid.verdict) || !strings.Contains(d.Caption, p.valid.achieved) || d.Legend != widgets.LegendBelow {
		t.Errorf("chart caption %q, legend %v", d.Caption, d.Legend)
	}
	b, err := widgets.EncodePNG(d, pngWidth, pngHeight)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() != pngWidth || img.Bounds().Dy() != pngHeight {
		t.Fatalf("chart PNG %v, %v", img.Bounds(), err)
	}
}

func TestPlanningOpensScenarioFiles(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	body, err := os.ReadFile("../../planning/testdata/two_cups_sea.toml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(body), "price = 35.0\nprice_currency", "price = \"三十五\"\nprice_currency", 1)
	if p.openScenarioData([]byte(bad), "bad.toml") {
		t.Fatal("a broken file was opened")
	}
	msg := uitest.DialogText(t, e.Window())
	for _, want := range []string{"bad.toml", "文件第 15 行", "产品线 1", "售价"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the problem %q does not name %q", msg, want)
		}
	}
	if p.form.capital.Text != "100000" || p.form.lines[0].name.Text != "礼品杯套装" {
		t.Error("a broken file changed the form")
	}
	if !p.openScenarioData(body, "two_cups_sea.toml") {
		t.Fatal("the example file was refused")
	}
	e.Settle()
	if p.form.name.Text != "two cups, sea" || len(p.form.ownModes) != 1 || p.valid.result.ProductsSupported != 1 {
		t.Fatalf("opened %q, own modes %v", p.form.name.Text, p.form.ownModes)
	}
	p.tabs.SelectIndex(planTabModes)
	if !strings.Contains(strings.Join(uitest.Texts(p.modes.root), "\n"), "当前方案文件自带运输方式") {
		t.Error("the file's own shipping mode is not explained")
	}
}

func TestPlanningOfficeShippingModes(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	ctx := context.Background()
	// The office's sea freight is faster and dearer: the case fits.
	if _, err := e.Store().SaveShippingMode(ctx, app.ShippingMode{Name: "sea", TransitDays: 10, ReceivingDays: 5, CostPerKg: 1500, Currency: "CNY"}); err != nil {
		t.Fatal(err)
	}
	p.modes.reload()
	e.Settle()
	sea := p.builtins[0]
	if sea.Name != "sea" || sea.TransitDays != 10 || sea.CostPerKg != 15 {
		t.Fatalf("sea %+v", sea)
	}
	if r := p.valid.result; r.Lines[0].LeadTimeDays != 35 {
		t.Fatalf("lead time %d with the office's sea mode", r.Lines[0].LeadTimeDays)
	}
	if !strings.Contains(strings.Join(uitest.Texts(p.modes.rows), "\n"), "¥15.00/kg") {
		t.Errorf("modes list %v", uitest.Texts(p.modes.rows))
	}
	// Edit through the dialog: air at ¥45.50/kg is stored in fen.
	p.modes.edit(p.builtins[1], "", false)
	dlg := uitest.TopDialog(t, e.Window())
	if name := uitest.Entries(dlg)[0].Text; name != "空运" {
		t.Errorf("the built-in mode is called %q in the dialog, not 空运", name)
	}
	cost := uitest.Entries(dlg)[3]
	uitest.Retype(cost, "45.5")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	office, _ := e.Store().ShippingModes(ctx)
	if len(office) != 2 || office[0].Name != "air" || office[0].CostPerKg != 4550 {
		t.Fatalf("office modes %+v", office)
	}
	if m := planning.OfficeModes([]app.ShippingMode{modeToApp(planning.Mode{Name: "x", CostPerKg: 12.34, Currency: "USD"}, "")}); m[len(m)-1].CostPerKg != 12.34 {
		t.Fatalf("round trip %+v", m[len(m)-1])
	}
}

// The form's recompute runs off the UI thread: while a (deliberately
// slow) simulation runs, the UI thread goes on taking keystrokes, and
// only the latest edit's result is shown. Were the simulation run on the
// UI thread, typing would only return once the watchdog released it, and
// the test fails saying typing was blocked (checked once by making
// Latest.Run compute at once on the calling goroutine).
func TestPlanningRecomputeRunsOffTheUIThread(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	release := make(chan struct{})
	var releaseOnce sync.Once
	unblock := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(unblock)
	released := func() bool {
		select {
		case <-release:
			return true
		default:
			return false
		}
	}
	// The watchdog frees a simulation that blocks the test goroutine, so
	// the test fails instead of hanging.
	watchdog := time.AfterFunc(3*time.Second, unblock)
	defer watchdog.Stop()
	started := make(chan float64, 10)
	var calls atomic.Int32
	var mu sync.Mutex
	var simulated []float64
	p.simulate = func(s planning.Scenario, b []planning.Mode) (planning.Result, error) {
		calls.Add(1)
		mu.Lock()
		simulated = append(simulated, s.Capital)
		mu.Unlock()
		started <- s.Capital
		<-release
		return planning.Simulate(s, b)
	}
	uitest.Retype(p.form.capital, "120000") // a burst of keystrokes: one simulation
	if released() {
		t.Fatal("typing was blocked until the watchdog released the simulation")
	}
	var capital float64
	select {
	case capital = <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("the simulation did not start")
	}
	if capital != 120000 {
		t.Fatalf("simulated capital %v, want the last edit's", capital)
	}
	// The simulation is blocked; the UI thread still takes input.
	uitest.Retype(p.form.capital, "130000")
	if released() || p.form.capital.Text != "130000" {
		t.Fatal("typing was blocked while the simulation ran")
	}
	unblock()
	e.Settle()
	if p.valid.scenario.Capital != 130000 {
		t.Fatalf("showing the result for %v, want the latest edit", p.valid.scenario.Capital)
	}
	if n := calls.Load(); n != 2 {
		mu.Lock()
		t.Errorf("%d simulations for two bursts of typing: %v", n, simulated)
		mu.Unlock()
	}
}

// A product line just added asks for its values without a screenful of
// red: its empty fields are counted as still to fill in, a field shows
// its problem once typed in, and every problem shows when saving.
func TestPlanningNewLineShowsNoErrorsBeforeTyped(t *testing.T) {
	e, p := openPlanning(t, ui.LangEnglish, nil)
	test.Tap(uitest.FindButton(t, p.root, e.T("planning.line.add")))
	e.Settle()
	line := p.form.lines[2]
	if len(p.form.marked) != 0 || len(p.msgs) != 0 {
		t.Fatalf("problems shown before anything was typed: fields %v, messages %v", p.form.marked, p.msgs)
	}
	note := e.T("planning.to_fill", "N", 3, "Count", len(requiredLineFields))
	if !uitest.Contains(uitest.Texts(p.root), note) {
		t.Fatalf("no %q in %v", note, uitest.Texts(p.root))
	}
	// Typing a price that is not a number marks that field only.
	price := line.entries["price"]
	uitest.Retype(price, "abc")
	e.Settle()
	if _, ok := p.form.marked[price]; !ok || len(p.form.marked) != 1 || len(p.msgs) != 1 || !strings.Contains(p.msgs[0], "abc") {
		t.Fatalf("after typing a bad price: fields %v, messages %v", p.form.marked, p.msgs)
	}
	// Saving shows every problem.
	test.Tap(p.saveBtn)
	e.Settle()
	if _, ok := p.form.marked[line.entries["unit_cost"]]; !ok || len(p.msgs) != len(requiredLineFields) {
		t.Fatalf("after saving: fields %v, messages %v", p.form.marked, p.msgs)
	}
}

func TestPlanningTodayCard(t *testing.T) {
	e := uitest.NewEnv(t, ui.LangChinese, func(s *data.Store) {
		uitest.WithMe("王芳", app.RoleOwner)(s)
		body, _ := exampleScenario(ui.NewTranslator(ui.LangChinese)).MarshalTOML()
		if _, err := s.SaveScenario(context.Background(), app.SavedScenario{Name: "两款杯子", Body: string(body)}); err != nil {
			panic(err)
		}
	})
	cards := TodayCards(e)
	if len(cards) != 1 || cards[0].Title != e.T("today.planning.title") {
		t.Fatalf("cards %+v", cards)
	}
	build, err := cards[0].Load(e.Store())
	if err != nil {
		t.Fatal(err)
	}
	card := build()
	shown := uitest.Texts(card)
	want := e.T("today.planning.verdict", "Verdict", "不可行", "Products", e.T("planning.count", "Count", 1), "Need", "¥105,480")
	if !uitest.Contains(shown, e.T("today.planning.count", "Count", 1)) || !uitest.Contains(shown, want) {
		t.Fatalf("Today shows %v", shown)
	}
	test.Tap(uitest.FindButton(t, card, e.T("today.planning.open")))
	if len(e.Navigated) != 1 || e.Navigated[0] != ui.ScreenPlanning {
		t.Fatalf("the card's button navigated to %v, not Planning", e.Navigated)
	}
}

// Keys built at run time from planning's codes exist in both languages.
func TestPlanningDynamicTranslations(t *testing.T) {
	var keys []string
	for _, c := range []planning.Code{planning.CodeSyntax, planning.CodeUnknownKey, planning.CodeWrongType, planning.CodeMissing,
		planning.CodeNotPositive, planning.CodeNegative, planning.CodeOutOfRange, planning.CodeNotFinite, planning.CodeBadCurrency,
		planning.CodeUnknownCurrency, planning.CodeUnknownMode, planning.CodeDuplicate, planning.CodeNoLines, planning.CodeTooLarge,
		planning.CodeBadVariant, planning.CodeTooSmall, codeNotNumber, codeNotWhole, codeTooMany, codeNameTaken} {
		keys = append(keys, "planning.err."+string(c))
	}
	for _, r := range []planning.Reason{planning.ReasonOK, planning.ReasonCashRunsOut, planning.ReasonCapitalShort, planning.ReasonNegativeMargin,
		planning.ReasonNoLineStarts} {
		keys = append(keys, "planning.reason."+string(r))
	}
	// Every key figure's name and explanation, the period returns too.
	var r planning.Result
	r.HorizonDays, r.ReturnBasis, r.Limited.ReturnBasis = 30, planning.ReturnPeriod, planning.ReturnPeriod
	for _, f := range append(append(planning.KeyFigures(planning.Result{}), planning.KeyFigures(r)...), unitsSold(r)) {
		keys = append(keys, "planning.fig."+string(f.ID), "planning.explain."+string(f.ID))
	}
	for _, row := range limitRows {
		if row.need == "" {
			keys = append(keys, "planning.limits."+strings.TrimPrefix(string(row.limited), "capital_limited."))
		}
	}
	for _, m := range planning.GridMetrics() {
		keys = append(keys, "planning.metric."+string(m), "planning.metric_text."+string(m), "planning.sens.scale_"+string(m.Better()))
	}
	for _, b := range []planning.ReturnBasis{planning.ReturnAnnualized, planning.ReturnPeriod, planning.ReturnNone} {
		keys = append(keys, "planning.basis."+string(b))
	}
	for _, u := range []planning.Unit{planning.UnitCount, planning.UnitDecimal, planning.UnitPct, planning.UnitDays, planning.UnitDay,
		planning.UnitKg, planning.UnitM3} {
		keys = append(keys, "planning.unit."+string(u))
	}
	assumptions := planning.AssumptionsTable(exampleScenario(ui.NewTranslator(ui.LangEnglish)), nil)
	for _, row := range assumptions.Rows {
		keys = append(keys, "planning.section."+row[0].Text)
		if !strings.HasPrefix(row[2].Text, "fx.") {
			keys = append(keys, "planning.fname."+row[2].Text)
		}
	}
	for _, f := range []string{"currency", "referral_pct", "ad_pct", "return_pct", "duty_pct", "deposit_pct", "fba_fee", "storage_fee",
		"inbound_fee", "mode", "cycle_days", "safety_days"} {
		keys = append(keys, "field.line_defaults."+f)
	}
	for _, o := range objectives {
		keys = append(keys, "planning.objective."+string(o), "planning.rank."+string(o), "planning.rank."+string(o)+".gap")
	}
	for _, b := range planning.Bands() {
		keys = append(keys, "planning.band."+b.Code())
	}
	for _, m := range []planning.Metric{planning.MetricProductsSupported, planning.MetricAnnualizedReturn, planning.MetricMonthlyRevenueSupported,
		planning.MetricMarginPct, planning.MetricCashConversionDays} {
		keys = append(keys, "planning.metric."+string(m))
	}
	for _, m := range builtinModeNames {
		keys = append(keys, "planning.mode."+m, "planning.mode_text."+m)
	}
	for _, k := range compareKinds {
		keys = append(keys, "planning.compare.kind."+k)
	}
	for _, v := range []string{planning.VariantPrice, planning.VariantDailyUnits, planning.VariantCapital, planning.VariantUnitCost,
		planning.VariantCycleDays, planning.VariantDeposit} {
		keys = append(keys, "planning.variant."+v)
	}
	for _, nf := range lineNumberFields {
		keys = append(keys, "planning.field."+nf.key, "planning.fname."+nf.key)
	}
	for _, f := range []string{"capital", "base_currency", "reserve_pct", "horizon_days", "payout_period_days", "payout_delay_days",
		"overhead_monthly", "name", "line", "price_currency", "mode", "transit_days", "receiving_days", "cost_per_kg", "cost_per_m3",
		"volumetric_divisor", "currency"} {
		keys = append(keys, "planning.fname."+f)
	}
	tables := []planning.Table{planning.WeeklyTable(planning.Result{}), planning.ComparisonTable(nil), planning.LinesTable(planning.Result{}),
		planning.EventsTable(planning.Result{}), planning.RankingTable(nil), planning.BandTable(nil), planning.DailyTable(planning.Result{}),
		planning.CapitalLimitedTable(nil), planning.LineCostsTable(planning.Result{}), assumptions}
	for _, tb := range tables {
		for _, c := range tb.Columns {
			keys = append(keys, "planning.col."+c.Name)
		}
	}
	keys = append(keys, "entity.scenario", "entity.shipping_mode", "error.field.out_of_range")
	for _, f := range []string{"name", "body", "note", "updated_at"} {
		keys = append(keys, "field.scenario."+f)
	}
	for _, f := range []string{"name", "transit_days", "receiving_days", "cost_per_kg", "cost_per_kg_minor", "currency"} {
		keys = append(keys, "field.shipping_mode."+f)
	}
	en, zh := messages(t, ui.LangEnglish), messages(t, ui.LangChinese)
	for _, k := range keys {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %s", k)
		}
		if _, ok := zh[k]; !ok {
			t.Errorf("zh-Hans.json lacks %s", k)
		}
	}
}

func messages(t *testing.T, lang string) map[string]ui.Message {
	t.Helper()
	m, err := ui.LoadMessages(assets.Translations(), lang)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
