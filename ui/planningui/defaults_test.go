package planningui

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// addLine taps "Add line" and returns the new line's card.
func addLine(t *testing.T, e *uitest.Env, p *Screen) *lineForm {
	t.Helper()
	test.Tap(uitest.FindButton(t, p.root, e.T("planning.line.add")))
	e.Settle()
	return p.form.lines[len(p.form.lines)-1]
}

// A new product line starts from the line defaults: planning's
// documented ones (referral 15%, ads 10%) until the office sets its own
// under Shipping modes, then those.
func TestPlanningNewLineStartsFromDefaults(t *testing.T) {
	e, p := openPlanning(t, ui.LangEnglish, nil)
	line := addLine(t, e, p)
	for k, want := range map[string]string{"referral_pct": "15", "ad_pct": "10", "fba_fee": "0", "return_pct": "0", "deposit_pct": "30", "cycle_days": "30"} {
		if got := line.entries[k].Text; got != want {
			t.Errorf("documented default %s = %q, want %q", k, got, want)
		}
	}

	// The office's defaults, through their form.
	p.tabs.SelectIndex(planTabModes)
	e.Settle()
	test.Tap(uitest.FindButton(t, p.modes.root, e.T("planning.defaults.edit")))
	dlg := uitest.TopDialog(t, e.Window())
	field := func(key string) *widget.Entry {
		form := uitest.Find(t, dlg, "the defaults form", func(*widget.Form) bool { return true })
		for _, it := range form.Items {
			if strings.HasPrefix(it.Text, strings.Split(e.T("planning.field."+key, "Cur", "$"), " (")[0]) {
				return it.Widget.(*widget.Entry)
			}
		}
		t.Fatalf("no field %s", key)
		return nil
	}
	uitest.Find(t, dlg, "currency choice", func(s *widget.Select) bool { return slices.Contains(s.Options, "USD") }).SetSelected("USD")
	for k, v := range map[string]string{"referral_pct": "12", "ad_pct": "8", "fba_fee": "4.5", "return_pct": "2", "storage_fee": "0.8"} {
		uitest.Retype(field(k), v)
	}
	// A referral fee over 100% is refused under its field, and nothing is
	// stored.
	uitest.Retype(field("referral_pct"), "150")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	if err := field("referral_pct").Validate(); err == nil || !strings.Contains(err.Error(), "150") {
		t.Errorf("the referral field says %v", err)
	}
	if !strings.Contains(uitest.DialogText(t, e.Window()), "Referral fee must be between 0 – 100 (now 150)") {
		t.Errorf("dialog %q", uitest.DialogText(t, e.Window()))
	}
	if _, ok, _ := e.Store().LineDefaults(context.Background()); ok {
		t.Fatal("refused defaults were stored")
	}
	uitest.Retype(field("referral_pct"), "12")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	stored, ok, err := e.Store().LineDefaults(context.Background())
	if !ok || err != nil || stored.ReferralPct != 12 || stored.FBAFee != 450 || stored.StorageFee != 80 || stored.Currency != "USD" {
		t.Fatalf("stored %+v, %v, %v", stored, ok, err)
	}
	if !strings.Contains(p.modes.defaults.Text, "Referral 12.0%") || !strings.Contains(p.modes.defaults.Text, "FBA fee $4.50") {
		t.Errorf("defaults shown as %q", p.modes.defaults.Text)
	}

	p.tabs.SelectIndex(planTabScenario)
	line = addLine(t, e, p)
	for k, want := range map[string]string{"referral_pct": "12", "ad_pct": "8", "fba_fee": "4.5", "return_pct": "2", "storage_fee": "0.8"} {
		if got := line.entries[k].Text; got != want {
			t.Errorf("office default %s = %q, want %q", k, got, want)
		}
	}
	if line.priceCur.Selected != "USD" {
		t.Errorf("priced in %q", line.priceCur.Selected)
	}
}

// The defaults are read when the screen opens.
func TestPlanningLineDefaultsLoad(t *testing.T) {
	_, p := openPlanning(t, ui.LangChinese, func(s *data.Store) {
		d := data.LineDefaults{ReferralPct: 8, AdPct: 15, DepositPct: 50, FBAFee: 320, Mode: planning.ModeAir, CycleDays: 45, SafetyDays: 14}
		if err := s.SaveLineDefaults(context.Background(), data.LineDefaults{}, d); err != nil {
			panic(err)
		}
	})
	l := p.form.newLine()
	if l.ReferralPct != 8 || l.AdPct != 15 || l.DepositPct != 50 || l.FBAFee != 3.2 || l.CycleDays != 45 || l.SafetyDays != 14 {
		t.Fatalf("new line %+v", l)
	}
	// The lines all ship by sea, so the new one does too.
	if l.Mode != planning.ModeSea {
		t.Errorf("mode %q", l.Mode)
	}
}

// Renaming a saved scenario to a name another one has is refused under
// the name, before anything is written; so is typing that name in the
// form, which lists the problem and keeps the result.
func TestPlanningRenameToTakenNameRefused(t *testing.T) {
	e, p := openPlanning(t, ui.LangChinese, nil)
	ctx := context.Background()
	saveAs(t, e, p, "海运方案")
	saveAs(t, e, p, "空运方案")
	p.askRename()
	dlg := uitest.TopDialog(t, e.Window())
	name := uitest.Entries(dlg)[0]
	uitest.Retype(name, "海运方案")
	test.Tap(uitest.FindButton(t, dlg, e.T("planning.saved.rename_do")))
	e.Settle()
	want := e.T("planning.saved.name_taken", "Name", "海运方案")
	if err := name.Validate(); err == nil || err.Error() != want {
		t.Errorf("the name field says %v", err)
	}
	if !strings.Contains(uitest.DialogText(t, e.Window()), want) {
		t.Errorf("the dialog says %q", uitest.DialogText(t, e.Window()))
	}
	list, _ := e.Store().Scenarios(ctx)
	if len(list) != 2 || list[0].Name != "海运方案" || list[1].Name != "空运方案" || p.savedName != "空运方案" {
		t.Fatalf("after a refused rename: %v, open %q", list, p.savedName)
	}
	uitest.Find(t, dlg, "cancel", func(b *widget.Button) bool { return b.Text == e.T("action.cancel") }).OnTapped()

	uitest.Retype(p.form.name, "海运方案")
	e.Settle()
	if _, marked := p.form.marked[p.form.name]; !marked || len(p.msgs) != 1 || !strings.Contains(p.msgs[0], "海运方案") {
		t.Fatalf("form name: marked %v, messages %v", p.form.marked, p.msgs)
	}
	if p.stale || p.results.stale.Visible() {
		t.Error("a taken name made the result stale")
	}
	uitest.Retype(p.form.name, "空运方案 2")
	e.Settle()
	if len(p.msgs) != 0 || len(p.form.marked) != 0 {
		t.Fatalf("after a free name: %v", p.msgs)
	}
}

// A scenario file as Windows Notepad saves it opens as the UTF-8 file
// it stands for: with a byte order mark, in UTF-16 either way round,
// with CRLF line ends.
func TestPlanningOpensWindowsFiles(t *testing.T) {
	body, err := os.ReadFile("../../planning/testdata/two_cups_sea.toml")
	if err != nil {
		t.Fatal(err)
	}
	crlf := strings.ReplaceAll(string(body), "\n", "\r\n")
	utf16of := func(s string, little bool) []byte {
		out := []byte{0xFE, 0xFF}
		if little {
			out = []byte{0xFF, 0xFE}
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if little {
				out = append(out, byte(u), byte(u>>8))
			} else {
				out = append(out, byte(u>>8), byte(u))
			}
		}
		return out
	}
	for name, file := range map[string][]byte{
		"UTF-8 with BOM, CRLF": append([]byte{0xEF, 0xBB, 0xBF}, crlf...),
		"UTF-16 LE, CRLF":      utf16of(crlf, true),
		"UTF-16 BE":            utf16of(string(body), false),
	} {
		t.Run(name, func(t *testing.T) {
			e, p := openPlanning(t, ui.LangChinese, nil)
			if !p.openScenarioData(file, "two_cups_sea.toml") {
				t.Fatalf("refused: %s", uitest.DialogText(t, e.Window()))
			}
			e.Settle()
			if p.form.name.Text != "two cups, sea" || p.form.capital.Text != "100000" || len(p.form.lines) != 2 || p.valid.result.ProductsSupported != 1 {
				t.Fatalf("opened %q capital %q, %d lines", p.form.name.Text, p.form.capital.Text, len(p.form.lines))
			}
		})
	}
	e, p := openPlanning(t, ui.LangChinese, nil)
	if p.openScenarioData(utf16of(string(body), true)[:101], "cut.toml") {
		t.Fatal("a UTF-16 file cut in the middle of a character was opened")
	}
	if msg := uitest.DialogText(t, e.Window()); !strings.Contains(msg, "cut.toml") || !strings.Contains(msg, "UTF-16") {
		t.Errorf("message %q", msg)
	}
	if p.form.capital.Text != "100000" || p.form.lines[0].name.Text != "礼品杯套装" {
		t.Error("a refused file changed the form")
	}
}

// Renaming writes the name only: a change the screen has not seen yet (a
// colleague's capital brought by sync after the list was read) stays.
func TestPlanningRenameKeepsUnseenChanges(t *testing.T) {
	e, p := openPlanning(t, ui.LangEnglish, nil)
	ctx := context.Background()
	saveAs(t, e, p, "sea plan")
	id := p.savedID
	// Another desk's edit, written behind the screen's back.
	snap, err := e.Store().OpenRecord(ctx, scenarioTable, id)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := e.Store().Scenario(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := planning.ParseScenario([]byte(cur.Body))
	if err != nil {
		t.Fatal(err)
	}
	sc.Capital = 987654
	body, _ := sc.MarshalTOML()
	cur.Body = string(body)
	if _, err := e.Store().SaveScenarioChanges(ctx, snap, cur, nil); err != nil {
		t.Fatal(err)
	}
	p.askRename()
	dlg := uitest.TopDialog(t, e.Window())
	uitest.Retype(uitest.Entries(dlg)[0], "sea plan 2027")
	test.Tap(uitest.FindButton(t, dlg, e.T("planning.saved.rename_do")))
	e.Settle()
	after, err := e.Store().Scenario(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	got, err := planning.ParseScenario([]byte(after.Body))
	if err != nil {
		t.Fatal(err)
	}
	if after.Name != "sea plan 2027" || got.Name != "sea plan 2027" || got.Capital != 987654 {
		t.Fatalf("after rename: name %q (file %q), capital %v", after.Name, got.Name, got.Capital)
	}
}

// An office shipping mode priced by volume keeps its freight per cubic
// metre and its volumetric divisor: typed in the mode form, stored for
// every desk, shown in the list and used by the plan. A divisor that is
// not a whole number is refused under the form and nothing is stored.
func TestPlanningModeFormVolumePricing(t *testing.T) {
	ctx := context.Background()
	e, p := openPlanning(t, ui.LangEnglish, nil)
	p.tabs.SelectIndex(planTabModes)
	e.Settle()
	test.Tap(uitest.FindButton(t, p.modes.root, e.T("planning.modes.edit")))
	dlg := uitest.TopDialog(t, e.Window())
	form := uitest.Find(t, dlg, "the mode form", func(*widget.Form) bool { return true })
	field := func(key string) *widget.Entry {
		for _, it := range form.Items {
			if it.Text == e.T(key) {
				return it.Widget.(*widget.Entry)
			}
		}
		t.Fatalf("no field %s", key)
		return nil
	}
	uitest.Retype(field("planning.modes.f.cost_cbm"), "900")
	uitest.Retype(field("planning.modes.f.divisor"), "6000.5")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	if got := uitest.DialogText(t, e.Window()); !strings.Contains(got, "whole number of cm³ per kg from 0 to 1,000,000") {
		t.Errorf("a fractional divisor says %q", got)
	}
	if saved, _ := e.Store().ShippingModes(ctx); len(saved) != 0 {
		t.Fatalf("a refused mode was stored: %+v", saved)
	}
	uitest.Retype(field("planning.modes.f.divisor"), "6000")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	saved, err := e.Store().ShippingModes(ctx)
	if err != nil || len(saved) != 1 || saved[0].VolumetricDivisor != 6000 || saved[0].CostPerCbm != 900*100 {
		t.Fatalf("stored %+v, %v", saved, err)
	}
	if texts := uitest.Texts(p.modes.root); !uitest.ContainsText(texts, "cm³ ÷ 6,000") || !uitest.ContainsText(texts, "900.00/m³") {
		t.Errorf("the modes list reads %q", texts)
	}
	used := planning.OfficeModes(saved)
	if i := slices.IndexFunc(used, func(m planning.Mode) bool { return m.Name == saved[0].Name }); i < 0 || used[i].VolumetricDivisor != 6000 || used[i].CostPerM3 != 900 {
		t.Errorf("the plan uses %+v", used)
	}
}
