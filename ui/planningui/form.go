package planningui

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// scenarioForm is the editable scenario: scenario-level fields, exchange
// rates and one card per product line. It only reads and writes widgets
// (on the UI thread); changed is called after every edit a person makes.
type scenarioForm struct {
	tr      *ui.Translator
	changed func()
	filling bool // set while the form is filled from a scenario
	// touched are the entries a person typed in (or that were filled
	// from a scenario): only their problems are marked.
	touched ui.Touched
	// marked are the entries showing a problem, with its text.
	marked map[*widget.Entry]string

	root *fyne.Container

	name, capital, reserve, horizon, period, delay *widget.Entry
	overhead                                       *widget.Entry
	base                                           *widget.Select
	capitalLabel, overheadLabel                    *widget.Label
	fields                                         map[string]*widget.Entry

	fxBox *fyne.Container
	fx    []*fxRow

	allModes *widget.Select
	linesBox *fyne.Container
	lines    []*lineForm

	// modes are the shipping modes offered, by name, in display order;
	// ownModes are modes the scenario file defines itself (kept as they
	// are).
	modes    []string
	ownModes []planning.Mode
	// defaults are what a new product line starts from: the office's
	// line defaults.
	defaults planning.LineDefaults
}

// fxRow is one exchange rate: 1 unit of cur = rate base units.
type fxRow struct {
	box  *fyne.Container
	cur  *widget.Select
	rate *widget.Entry
	unit *widget.Label
}

// lineForm is one product line's card.
type lineForm struct {
	box      *fyne.Container
	title    *widget.Label
	name     *widget.Entry
	priceCur *widget.Select
	mode     *widget.Select
	entries  map[string]*widget.Entry // by planning field key
	labels   map[string]*widget.Label // labels whose unit is a currency
}

// Line fields with numbers and whether they are whole; the card shows
// them in two columns (lineColumns).
var lineNumberFields = []struct {
	key   string
	whole bool
}{
	{"price", false}, {"unit_cost", false}, {"unit_weight_kg", false}, {"unit_volume_m3", false}, {"daily_units", false},
	{"production_days", true}, {"deposit_pct", false}, {"moq", true}, {"launch_day", true}, {"ramp_days", true},
	{"cycle_days", true}, {"safety_days", true}, {"referral_pct", false}, {"fba_fee", false},
	{"ad_pct", false}, {"return_pct", false}, {"duty_pct", false}, {"storage_fee", false}, {"inbound_fee", false},
}

// lineColumns lays a line card out: the product, its demand and its
// costs per unit on the left; under the currency and mode choices on the
// right, the purchase terms and the shares of the price. The right
// column's labels are short: its choices are wide, and the card must fit
// the form's share of a 1280-pixel window.
var lineColumns = [2][]string{
	{"price", "unit_cost", "unit_weight_kg", "unit_volume_m3", "daily_units", "production_days", "launch_day", "ramp_days",
		"fba_fee", "duty_pct", "storage_fee", "inbound_fee"},
	{"deposit_pct", "moq", "cycle_days", "safety_days", "referral_pct", "ad_pct", "return_pct"},
}

// priceCurrencyFields are counted in the line's price currency (the
// marketplace's); the other amounts are in the base currency.
var priceCurrencyFields = []string{"price", "fba_fee", "storage_fee", "inbound_fee"}

// maxWhole bounds a whole number read from the form before it becomes
// an int (planning's limits are far below it).
const maxWhole = 1 << 40

// currencyPickWidth is the width of an exchange rate's currency choice.
const currencyPickWidth = 90

// requiredLineFields have no default: a new line leaves them empty.
var requiredLineFields = []string{"price", "unit_cost", "unit_weight_kg", "daily_units", "production_days"}

func newScenarioForm(tr *ui.Translator, changed func()) *scenarioForm {
	f := &scenarioForm{tr: tr, changed: changed, fields: map[string]*widget.Entry{}}
	entry := func(key string) *widget.Entry {
		e := f.newEntry()
		f.fields[key] = e
		return e
	}
	f.name = entry("name")
	f.capital = entry("capital")
	f.reserve = entry("reserve_pct")
	f.horizon = entry("horizon_days")
	f.period = entry("payout_period_days")
	f.delay = entry("payout_delay_days")
	f.overhead = entry("overhead_monthly")
	f.defaults = planning.DefaultLineDefaults()
	f.base = widget.NewSelect(slices.Clone(currencyCodes), func(string) {
		f.relabel()
		f.edited()
	})
	f.capitalLabel = widget.NewLabel("")
	f.overheadLabel = widget.NewLabel("")

	left := container.New(layout.NewFormLayout(),
		widget.NewLabel(tr.T("planning.field.name")), f.name,
		f.capitalLabel, f.capital,
		widget.NewLabel(tr.T("planning.field.base_currency")), f.base,
		widget.NewLabel(tr.T("planning.field.reserve_pct")), f.reserve,
	)
	right := container.New(layout.NewFormLayout(),
		widget.NewLabel(tr.T("planning.field.horizon_days")), f.horizon,
		widget.NewLabel(tr.T("planning.field.payout_period_days")), f.period,
		widget.NewLabel(tr.T("planning.field.payout_delay_days")), f.delay,
		f.overheadLabel, f.overhead,
	)
	f.fxBox = container.NewVBox()
	addFX := widget.NewButtonWithIcon(tr.T("planning.fx.add"), theme.ContentAddIcon(), func() {
		f.addFX("", 0)
		f.edited()
	})
	addFX.Importance = widget.LowImportance
	fxHead := container.NewBorder(nil, nil, ui.SectionLabel(tr.T("planning.fx.title")), addFX)

	f.allModes = widget.NewSelect(nil, func(label string) {
		if f.filling || label == "" {
			return
		}
		name := f.modeName(label)
		f.filling = true
		for _, l := range f.lines {
			l.mode.SetSelected(modeLabel(f.tr, name))
		}
		f.filling = false
		f.edited()
	})
	f.allModes.PlaceHolder = tr.T("planning.mode.mixed")
	f.linesBox = container.NewVBox()
	addLine := widget.NewButtonWithIcon(tr.T("planning.line.add"), theme.ContentAddIcon(), func() {
		t := lineTexts(f.newLine())
		for _, k := range requiredLineFields {
			t.values[k] = "" // for the person to fill in
		}
		nl := f.addLine(t)
		for _, k := range requiredLineFields {
			f.touched.Forget(nl.entries[k])
		}
		f.edited()
	})
	linesHead := container.NewBorder(nil, nil, ui.SectionLabel(tr.T("planning.lines.title")), addLine)
	allModes := container.NewBorder(nil, nil, widget.NewLabel(tr.T("planning.field.all_modes")), nil, f.allModes)

	f.root = container.NewVBox(
		ui.SectionLabel(tr.T("planning.section.scenario")),
		container.NewGridWithColumns(2, left, right),
		fxHead, f.fxBox,
		widget.NewSeparator(),
		linesHead, allModes, f.linesBox,
	)
	return f
}

// newLine is a new product line: the office's line defaults, named
// after its place; it ships as the lines do when they all use one mode
// (the "all lines" choice), and is priced in the last line's currency
// unless the defaults name one.
func (f *scenarioForm) newLine() planning.Line {
	l := f.defaults.NewLine()
	l.Name = f.tr.T("planning.line.new_name", "N", len(f.lines)+1)
	if f.allModes.Selected != "" {
		l.Mode = f.modeName(f.allModes.Selected)
	}
	if l.Mode == "" {
		l.Mode = planning.DefaultMode
	}
	if l.PriceCurrency == "" && len(f.lines) > 0 {
		l.PriceCurrency = f.lines[len(f.lines)-1].priceCur.Selected
	}
	return l
}

func (f *scenarioForm) newEntry() *widget.Entry {
	e := widget.NewEntry()
	e.AlwaysShowValidationError = true
	e.OnChanged = func(string) {
		if !f.filling {
			f.touched.Touch(e)
		}
		f.edited()
	}
	return e
}

// edited reports a person's edit (not the form being filled).
func (f *scenarioForm) edited() {
	if f.filling || f.changed == nil {
		return
	}
	f.changed()
}

// lineTexts is a line as the strings its fields show.
type lineText struct {
	name, priceCur, mode string
	values               map[string]string
}

func lineTexts(l planning.Line) lineText {
	v := map[string]float64{
		"price": l.Price, "unit_cost": l.UnitCost, "unit_weight_kg": l.UnitWeightKg, "unit_volume_m3": l.UnitVolumeM3,
		"daily_units": l.DailyUnits, "production_days": float64(l.ProductionDays), "deposit_pct": l.DepositPct,
		"moq": float64(l.MOQ), "launch_day": float64(l.LaunchDay), "ramp_days": float64(l.RampDays),
		"cycle_days": float64(l.CycleDays), "safety_days": float64(l.SafetyDays), "referral_pct": l.ReferralPct,
		"fba_fee": l.FBAFee, "ad_pct": l.AdPct, "return_pct": l.ReturnPct, "duty_pct": l.DutyPct,
		"storage_fee": l.StorageFee, "inbound_fee": l.InboundFee,
	}
	t := lineText{name: l.Name, priceCur: l.PriceCurrency, mode: l.Mode, values: map[string]string{}}
	for k, x := range v {
		t.values[k] = ui.FormatInput(x)
	}
	return t
}

// addLine appends a line card showing t.
func (f *scenarioForm) addLine(t lineText) *lineForm {
	tr := f.tr
	l := &lineForm{entries: map[string]*widget.Entry{}, labels: map[string]*widget.Label{}}
	l.title = ui.SectionLabel("")
	l.name = f.newEntry()
	l.name.SetText(t.name)
	l.priceCur = widget.NewSelect(f.currencyChoices(t.priceCur), func(string) {
		f.relabel()
		f.edited()
	})
	cur := t.priceCur
	if cur == "" {
		cur = f.baseCurrency()
	}
	l.priceCur.SetSelected(cur)
	l.mode = widget.NewSelect(f.modeChoices(t.mode), func(string) {
		f.syncAllModes()
		f.edited()
	})
	mode := t.mode
	if mode == "" {
		mode = planning.DefaultMode
	}
	l.mode.SetSelected(modeLabel(tr, mode))
	for _, nf := range lineNumberFields {
		e := f.newEntry()
		e.SetText(t.values[nf.key])
		f.touched.Touch(e) // its value came from somewhere: its problems show
		l.entries[nf.key] = e
		l.labels[nf.key] = widget.NewLabel(tr.T("planning.field." + nf.key))
	}
	l.entries["name"] = l.name
	f.touched.Touch(l.name)
	row := func(keys ...string) []fyne.CanvasObject {
		var out []fyne.CanvasObject
		for _, k := range keys {
			out = append(out, l.labels[k], l.entries[k])
		}
		return out
	}
	col1 := container.New(layout.NewFormLayout(), row(lineColumns[0]...)...)
	col2 := container.New(layout.NewFormLayout(), append([]fyne.CanvasObject{
		widget.NewLabel(tr.T("planning.field.price_currency")), l.priceCur,
		widget.NewLabel(tr.T("planning.field.mode")), l.mode},
		row(lineColumns[1]...)...)...)
	dup := widget.NewButtonWithIcon(tr.T("planning.line.duplicate"), theme.ContentCopyIcon(), func() {
		c := l.texts(f)
		c.name = tr.T("planning.line.copy_name", "Name", c.name)
		f.addLine(c)
		f.edited()
	})
	dup.Importance = widget.LowImportance
	del := widget.NewButtonWithIcon(tr.T("planning.line.remove"), theme.DeleteIcon(), func() {
		f.removeLine(l)
		f.edited()
	})
	del.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, l.title, container.NewHBox(dup, del))
	nameRow := container.New(layout.NewFormLayout(), widget.NewLabel(tr.T("planning.field.line_name")), l.name)
	l.box = container.NewVBox(widget.NewSeparator(), head, nameRow, container.NewGridWithColumns(2, col1, col2))
	f.lines = append(f.lines, l)
	f.linesBox.Add(l.box)
	f.renumber()
	f.relabel()
	f.syncAllModes()
	f.root.Refresh()
	return l
}

func (f *scenarioForm) removeLine(l *lineForm) {
	i := slices.Index(f.lines, l)
	if i < 0 {
		return
	}
	f.lines = slices.Delete(f.lines, i, i+1)
	f.linesBox.Remove(l.box)
	f.renumber()
	f.syncAllModes()
	f.root.Refresh()
}

func (f *scenarioForm) renumber() {
	for i, l := range f.lines {
		l.title.SetText(f.tr.T("planning.line_n", "N", i+1))
	}
}

// texts reads a line card back as strings (for duplicating).
func (l *lineForm) texts(f *scenarioForm) lineText {
	t := lineText{name: l.name.Text, priceCur: l.priceCur.Selected, mode: l.modeName(f), values: map[string]string{}}
	for k, e := range l.entries {
		t.values[k] = e.Text
	}
	return t
}

func (l *lineForm) modeName(f *scenarioForm) string {
	return f.modeName(l.mode.Selected)
}

// addFX appends an exchange-rate row.
func (f *scenarioForm) addFX(cur string, rate float64) {
	r := &fxRow{rate: f.newEntry(), unit: widget.NewLabel("")}
	r.cur = widget.NewSelect(f.currencyChoices(cur), func(string) {
		f.relabel()
		f.edited()
	})
	if cur != "" {
		r.cur.SetSelected(cur)
	}
	if rate > 0 {
		r.rate.SetText(ui.FormatInput(rate))
		f.touched.Touch(r.rate)
	}
	remove := widgets.NewTipButton("", theme.DeleteIcon(), f.tr.T("planning.fx.remove"), func() {
		i := slices.Index(f.fx, r)
		if i >= 0 {
			f.fx = slices.Delete(f.fx, i, i+1)
			f.fxBox.Remove(r.box)
			f.root.Refresh()
			f.edited()
		}
	})
	remove.Importance = widget.LowImportance
	one := widget.NewLabel(f.tr.T("planning.fx.one"))
	r.box = container.NewBorder(nil, nil, container.NewHBox(one, ui.FixedWidth(currencyPickWidth, r.cur), widget.NewLabel("=")),
		container.NewHBox(r.unit, remove), r.rate)
	f.fx = append(f.fx, r)
	f.fxBox.Add(r.box)
	f.relabel()
	if f.root != nil {
		f.root.Refresh()
	}
}

// currencyChoices is the offered currencies plus extra if it is new.
func (f *scenarioForm) currencyChoices(extra string) []string {
	out := slices.Clone(currencyCodes)
	if extra != "" && !slices.Contains(out, extra) {
		out = append(out, extra)
	}
	return out
}

func (f *scenarioForm) baseCurrency() string {
	if f.base == nil || f.base.Selected == "" {
		return planning.DefaultBaseCurrency
	}
	return f.base.Selected
}

// relabel writes the currency symbols into the labels that carry them.
func (f *scenarioForm) relabel() {
	base := app.CurrencySymbol(f.baseCurrency())
	f.capitalLabel.SetText(f.tr.T("planning.field.capital", "Cur", base))
	f.overheadLabel.SetText(f.tr.T("planning.field.overhead_monthly", "Cur", base))
	for _, r := range f.fx {
		r.unit.SetText(base)
	}
	for _, l := range f.lines {
		pc := l.priceCur.Selected
		if pc == "" {
			pc = f.baseCurrency()
		}
		for _, nf := range lineNumberFields {
			cur := base
			if slices.Contains(priceCurrencyFields, nf.key) {
				cur = app.CurrencySymbol(pc)
			}
			l.labels[nf.key].SetText(f.tr.T("planning.field."+nf.key, "Cur", cur))
		}
	}
}

// setModes sets the shipping modes offered (names, in display order),
// keeping each line's choice.
func (f *scenarioForm) setModes(names []string) {
	f.modes = names
	was := f.filling
	f.filling = true
	defer func() { f.filling = was }()
	for _, l := range f.lines {
		cur := l.modeName(f)
		l.mode.SetOptions(f.modeChoices(cur))
		l.mode.SetSelected(modeLabel(f.tr, cur))
	}
	f.syncAllModes()
}

// modeChoices are the labels of the offered modes, plus extra if the
// scenario names a mode that is not offered.
func (f *scenarioForm) modeChoices(extra string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		k := strings.ToLower(strings.TrimSpace(name))
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, modeLabel(f.tr, name))
	}
	for _, m := range f.ownModes {
		add(m.Name)
	}
	for _, n := range f.modes {
		add(n)
	}
	add(extra)
	return out
}

// modeName maps a shown mode label back to the mode's name.
func (f *scenarioForm) modeName(label string) string {
	for _, b := range builtinModeNames {
		if label == modeLabel(f.tr, b) {
			return b
		}
	}
	return label
}

// syncAllModes shows the lines' common mode in the "all lines" choice,
// or nothing when they differ.
func (f *scenarioForm) syncAllModes() {
	was := f.filling
	f.filling = true
	defer func() { f.filling = was }()
	f.allModes.SetOptions(f.modeChoices(""))
	common := ""
	for i, l := range f.lines {
		if i == 0 {
			common = l.mode.Selected
		} else if l.mode.Selected != common {
			common = ""
		}
	}
	if common == "" {
		f.allModes.ClearSelected()
	} else {
		f.allModes.SetSelected(common)
	}
}

// fill shows s in the form without reporting edits.
func (f *scenarioForm) fill(s planning.Scenario) {
	f.filling = true
	defer func() { f.filling = false }()
	f.touched.Reset()
	for _, e := range f.fields {
		f.touched.Touch(e)
	}
	f.ownModes = slices.Clone(s.Modes)
	f.name.SetText(s.Name)
	f.capital.SetText(ui.FormatInput(s.Capital))
	f.base.SetOptions(f.currencyChoices(s.BaseCurrency))
	f.base.SetSelected(s.BaseCurrency)
	f.reserve.SetText(ui.FormatInput(s.ReservePct))
	f.horizon.SetText(fmt.Sprint(s.HorizonDays))
	f.period.SetText(fmt.Sprint(s.PayoutPeriodDays))
	f.delay.SetText(fmt.Sprint(s.PayoutDelayDays))
	f.overhead.SetText(ui.FormatInput(s.OverheadMonthly))
	f.fx = nil
	f.fxBox.RemoveAll()
	codes := make([]string, 0, len(s.FX))
	for c := range s.FX {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		f.addFX(c, s.FX[c])
	}
	f.lines = nil
	f.linesBox.RemoveAll()
	for _, l := range s.Lines {
		f.addLine(lineTexts(l))
	}
	f.relabel()
	f.syncAllModes()
	f.clearErrors()
	f.root.Refresh()
}

// scenario reads the form. Text that is not a number is reported (and
// replaced by a harmless value so the rest can still be checked).
func (f *scenarioForm) scenario() (planning.Scenario, planning.InputErrors) {
	var errs planning.InputErrors
	num := func(e *widget.Entry, line int, lineName, field string, whole bool, fallback float64) float64 {
		v, ok := ui.ParseNumber(e.Text)
		switch {
		case strings.TrimSpace(e.Text) == "":
			errs = append(errs, &planning.InputError{Line: line, LineName: lineName, Field: field, Code: planning.CodeMissing})
			return fallback
		case !ok:
			errs = append(errs, &planning.InputError{Line: line, LineName: lineName, Field: field, Code: codeNotNumber, Value: e.Text})
			return fallback
		case whole && v != math.Trunc(v):
			errs = append(errs, &planning.InputError{Line: line, LineName: lineName, Field: field, Code: codeNotWhole, Value: e.Text})
			return math.Round(v)
		case whole:
			// Far past every limit, yet safe to turn into an int: the
			// check then says it is too large, not negative.
			return math.Max(-maxWhole, math.Min(v, maxWhole))
		}
		return v
	}
	s := planning.DefaultScenario()
	s.Name = strings.TrimSpace(f.name.Text)
	s.Capital = num(f.capital, 0, "", "capital", false, 1)
	s.BaseCurrency = f.baseCurrency()
	s.ReservePct = num(f.reserve, 0, "", "reserve_pct", false, 0)
	s.HorizonDays = int(num(f.horizon, 0, "", "horizon_days", true, planning.DefaultHorizonDays))
	s.PayoutPeriodDays = int(num(f.period, 0, "", "payout_period_days", true, planning.DefaultPayoutPeriodDays))
	s.PayoutDelayDays = int(num(f.delay, 0, "", "payout_delay_days", true, planning.DefaultPayoutDelayDays))
	s.OverheadMonthly = num(f.overhead, 0, "", "overhead_monthly", false, 0)
	for _, r := range f.fx {
		cur := r.cur.Selected
		if cur == "" {
			errs = append(errs, &planning.InputError{Field: "fx", Code: planning.CodeMissing})
			continue
		}
		if s.FX == nil {
			s.FX = map[string]float64{}
		}
		if _, dup := s.FX[cur]; dup {
			errs = append(errs, &planning.InputError{Field: "fx." + cur, Code: planning.CodeDuplicate, Value: cur})
			continue
		}
		s.FX[cur] = num(r.rate, 0, "", "fx."+cur, false, 1)
	}
	s.Modes = slices.Clone(f.ownModes)
	for i, lf := range f.lines {
		l := planning.DefaultLine()
		l.Name = strings.TrimSpace(lf.name.Text)
		l.PriceCurrency = lf.priceCur.Selected
		if l.PriceCurrency == s.BaseCurrency {
			l.PriceCurrency = ""
		}
		l.Mode = lf.modeName(f)
		get := func(key string, whole bool, fallback float64) float64 {
			return num(lf.entries[key], i+1, l.Name, key, whole, fallback)
		}
		l.Price = get("price", false, 1)
		l.UnitCost = get("unit_cost", false, 0)
		l.UnitWeightKg = get("unit_weight_kg", false, 0)
		l.UnitVolumeM3 = get("unit_volume_m3", false, 0)
		l.DailyUnits = get("daily_units", false, 1)
		l.ProductionDays = int(get("production_days", true, 0))
		l.DepositPct = get("deposit_pct", false, planning.DefaultDepositPct)
		l.MOQ = int(get("moq", true, 0))
		l.LaunchDay = int(get("launch_day", true, 0))
		l.RampDays = int(get("ramp_days", true, 0))
		l.CycleDays = int(get("cycle_days", true, planning.DefaultCycleDays))
		l.SafetyDays = int(get("safety_days", true, planning.DefaultSafetyDays))
		l.ReferralPct = get("referral_pct", false, planning.DefaultReferralPct)
		l.FBAFee = get("fba_fee", false, 0)
		l.AdPct = get("ad_pct", false, 0)
		l.ReturnPct = get("return_pct", false, 0)
		l.DutyPct = get("duty_pct", false, 0)
		l.StorageFee = get("storage_fee", false, 0)
		l.InboundFee = get("inbound_fee", false, 0)
		s.Lines = append(s.Lines, l)
	}
	return s, errs
}

// entryFor finds the field an input problem is about, if the form has it.
func (f *scenarioForm) entryFor(e *planning.InputError) *widget.Entry {
	if e.Line > 0 {
		if e.Line > len(f.lines) {
			return nil
		}
		return f.lines[e.Line-1].entries[e.Field]
	}
	if cur, ok := strings.CutPrefix(e.Field, "fx."); ok {
		for _, r := range f.fx {
			if r.cur.Selected == cur {
				return r.rate
			}
		}
		return nil
	}
	if e.Mode > 0 {
		return nil
	}
	return f.fields[e.Field]
}

// allEntries lists every entry of the form.
func (f *scenarioForm) allEntries() []*widget.Entry {
	var out []*widget.Entry
	for _, e := range f.fields {
		out = append(out, e)
	}
	for _, r := range f.fx {
		out = append(out, r.rate)
	}
	for _, l := range f.lines {
		for _, e := range l.entries {
			out = append(out, e)
		}
	}
	return out
}

// markErrors flags the touched entries of the given problems (texts are
// their messages, in the same order) and clears the rest. It reports
// which problems are shown: those of touched entries and those that are
// not about one entry.
func (f *scenarioForm) markErrors(errs planning.InputErrors, texts []string) []bool {
	shown := make([]bool, len(errs))
	bad := map[*widget.Entry]string{}
	for i, e := range errs {
		en := f.entryFor(e)
		switch {
		case en == nil:
			shown[i] = true
		case f.touched.Shows(en):
			shown[i] = true
			if _, seen := bad[en]; !seen {
				bad[en] = texts[i]
			}
		}
	}
	f.marked = bad
	for _, en := range f.allEntries() {
		if msg, ok := bad[en]; ok {
			en.SetValidationError(ui.Problem(msg))
		} else {
			en.SetValidationError(nil)
		}
	}
	return shown
}

func (f *scenarioForm) clearErrors() { f.markErrors(nil, nil) }

// touchAll shows every problem from now on (the person tried to save).
func (f *scenarioForm) touchAll() { f.touched.TouchAll() }
