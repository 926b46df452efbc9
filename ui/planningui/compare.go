package planningui

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Sizes on the Compare tab.
const (
	comparePickWidth      = 170
	compareKindWidth      = 150
	compareChartMinHeight = 200
)

// maxCompare is the most scenarios compared side by side.
const maxCompare = 4

// What the Compare tab varies.
const (
	compareMode  = planning.VariantMode
	comparePrice = planning.VariantPrice
	compareDaily = planning.VariantDailyUnits
	compareSaved = "saved"
)

var compareKinds = []string{compareMode, comparePrice, compareDaily, compareSaved}

// compareSpec is what to compare, read from the controls on the UI
// thread.
type compareSpec struct {
	kind   string
	modes  []string
	values []float64
	saved  []app.SavedScenario
}

// comparePanel sets up to four variants of the scenario (shipping mode,
// price or daily units values) or saved scenarios side by side: a table
// of key figures and their cash lines on one chart.
type comparePanel struct {
	p    *Screen
	root fyne.CanvasObject

	kind       *widget.Select
	shownKind  string
	texts      map[string]string // the values typed per kind
	modeBox    *fyne.Container
	modeChecks map[string]*widget.Check
	values     *widget.Entry
	savedBox   *fyne.Container
	savedPicks []*widget.Select // a saved scenario per extra column
	savedList  []app.SavedScenario
	inputs     *fyne.Container
	msg        *widgets.Paragraph
	table      *widgets.TextTable
	chart      *widgets.Chart

	dirty   bool
	rc      *ui.Latest
	results []planning.Result // the comparison on screen, for export
}

func newComparePanel(p *Screen) *comparePanel {
	tr := p.tr
	c := &comparePanel{p: p, modeChecks: map[string]*widget.Check{}, texts: map[string]string{}, dirty: true}
	c.rc = p.env.NewLatest(ui.RecomputeDelay)
	labels := make([]string, len(compareKinds))
	for i, k := range compareKinds {
		labels[i] = tr.T("planning.compare.kind." + k)
	}
	c.kind = widget.NewSelect(labels, func(string) { c.showInputs(); c.changed() })
	c.modeBox = container.NewHBox()
	c.values = widget.NewEntry()
	c.values.SetPlaceHolder(tr.T("planning.compare.values_hint"))
	c.values.OnChanged = func(string) { c.changed() }
	c.savedBox = container.NewHBox(widget.NewLabel(tr.T("planning.compare.current_plus")))
	for i := 0; i < maxCompare-1; i++ {
		pick := widget.NewSelect(nil, func(string) { c.changed() })
		pick.PlaceHolder = tr.T("planning.compare.none")
		c.savedPicks = append(c.savedPicks, pick)
		c.savedBox.Add(ui.FixedWidth(comparePickWidth, pick))
	}
	c.inputs = container.NewStack()
	c.msg = ui.StatusLabel()
	c.msg.Importance = widget.DangerImportance
	c.msg.Hide()
	c.table = widgets.NewTextTable()
	c.chart = widgets.NewChart(widgets.Data{NoData: tr.T("planning.chart.no_data")})
	controls := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(tr.T("planning.compare.by")), ui.FixedWidth(compareKindWidth, c.kind)), nil, c.inputs)
	top := container.NewVBox(controls, c.msg)
	split := container.NewVSplit(c.table, ui.AtLeast(fyne.NewSize(0, compareChartMinHeight), c.chart))
	split.Offset = 0.5
	c.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(split))
	c.kind.SetSelectedIndex(0)
	return c
}

func (c *comparePanel) changed() {
	c.dirty = true
	if c.p.tabs != nil && c.p.tabs.SelectedIndex() == planTabCompare {
		c.refresh()
	}
}

func (c *comparePanel) kindKey() string {
	i := c.kind.SelectedIndex()
	if i < 0 {
		return compareMode
	}
	return compareKinds[i]
}

// showInputs shows the controls of the chosen kind. Price and daily
// units share one entry; each kind keeps its own text, starting from
// values around the first line's.
func (c *comparePanel) showInputs() {
	if c.shownKind != "" {
		c.texts[c.shownKind] = c.values.Text
	}
	c.shownKind = c.kindKey()
	if c.shownKind == comparePrice || c.shownKind == compareDaily {
		text, ok := c.texts[c.shownKind]
		if !ok {
			text = c.defaultValues(c.shownKind)
		}
		c.values.OnChanged = nil
		c.values.SetText(text)
		c.values.OnChanged = func(string) { c.changed() }
	}
	var o fyne.CanvasObject
	switch c.kindKey() {
	case compareMode:
		o = c.modeBox
	case compareSaved:
		o = c.savedBox
	default:
		o = c.values
	}
	c.inputs.Objects = []fyne.CanvasObject{o}
	c.inputs.Refresh()
}

// defaultValues suggests values around the first line's price or daily
// units.
func (c *comparePanel) defaultValues(kind string) string {
	s, ok := c.p.current()
	if !ok || len(s.Lines) == 0 {
		return ""
	}
	base, factors := s.Lines[0].Price, []float64{0.9, 1, 1.1}
	if kind == compareDaily {
		base, factors = s.Lines[0].DailyUnits, []float64{0.5, 1, 2}
	}
	var parts []string
	for _, f := range factors {
		parts = append(parts, ui.FormatInput(math.Round(base*f*100)/100))
	}
	return strings.Join(parts, ", ")
}

// setModes offers a check box per shipping mode.
func (c *comparePanel) setModes(names []string) {
	first := len(c.modeChecks) == 0
	old := c.modeChecks
	c.modeChecks = map[string]*widget.Check{}
	c.modeBox.RemoveAll()
	for _, n := range names {
		ch := widget.NewCheck(modeLabel(c.p.tr, n), func(bool) { c.changed() })
		switch prev, ok := old[n]; {
		case ok:
			ch.Checked = prev.Checked
		case first:
			ch.Checked = slices.Contains([]string{planning.ModeSea, planning.ModeAir}, n)
		}
		c.modeChecks[n] = ch
		c.modeBox.Add(ch)
	}
	c.modeBox.Refresh()
	c.dirty = true
}

// setSaved offers the saved scenarios in each column's choice, keeping
// the choices that still exist.
func (c *comparePanel) setSaved(saved []app.SavedScenario) {
	c.savedList = saved
	names := []string{c.p.tr.T("planning.compare.none")}
	for _, s := range saved {
		names = append(names, s.Name)
	}
	for _, pick := range c.savedPicks {
		keep := pick.Selected
		pick.OnChanged, pick.Options = nil, names
		if slices.Contains(names[1:], keep) {
			pick.SetSelected(keep)
		} else {
			pick.ClearSelected()
		}
		pick.OnChanged = func(string) { c.changed() }
		pick.Refresh()
	}
	c.dirty = true
}

// spec reads the controls; the error is a message for the person.
func (c *comparePanel) spec() (compareSpec, string) {
	tr := c.p.tr
	sp := compareSpec{kind: c.kindKey()}
	switch sp.kind {
	case compareMode:
		for _, n := range c.p.form.modes {
			if ch, ok := c.modeChecks[n]; ok && ch.Checked {
				sp.modes = append(sp.modes, n)
			}
		}
		if len(sp.modes) == 0 {
			return sp, tr.T("planning.compare.pick_modes")
		}
		if len(sp.modes) > maxCompare {
			return sp, tr.T("planning.compare.too_many", "N", maxCompare)
		}
	case compareSaved:
		if len(c.savedList) == 0 {
			return sp, tr.T("planning.compare.no_saved")
		}
		seen := map[string]bool{}
		for _, pick := range c.savedPicks {
			for _, s := range c.savedList {
				if s.Name == pick.Selected && !seen[s.ID] {
					seen[s.ID] = true
					sp.saved = append(sp.saved, s)
				}
			}
		}
		if len(sp.saved) == 0 {
			return sp, tr.T("planning.compare.pick_saved")
		}
	default:
		vals, ok := ui.ParseList(c.values.Text)
		if !ok {
			return sp, tr.T("planning.compare.bad_values")
		}
		if len(vals) > maxCompare {
			return sp, tr.T("planning.compare.too_many", "N", maxCompare)
		}
		sp.values = vals
	}
	return sp, ""
}

// refresh recomputes the comparison off the UI thread.
func (c *comparePanel) refresh() {
	p, tr := c.p, c.p.tr
	s, ok := p.current()
	if !ok {
		return
	}
	sp, problem := c.spec()
	c.dirty = false
	if problem != "" {
		c.rc.Cancel()
		c.showMessage(problem)
		return
	}
	builtins := p.builtins
	c.rc.Run(func(ctx context.Context) func() {
		rs, err := runCompare(ctx, tr, s, sp, builtins)
		if err != nil {
			msgs := planningErrorLines(tr, err)
			return func() { c.showMessage(strings.Join(msgs, "\n")) }
		}
		view := buildCompareView(tr, rs)
		return func() {
			c.results = rs
			c.msg.Hide()
			c.table.SetData(view.table)
			c.chart.SetData(view.chart)
		}
	})
}

func (c *comparePanel) showMessage(m string) {
	c.msg.SetText(m)
	c.msg.Show()
}

// runCompare simulates the comparison: the variants of s, or s and the
// chosen saved scenarios. Each result's Label names its column.
func runCompare(ctx context.Context, tr *ui.Translator, s planning.Scenario, sp compareSpec, builtins []planning.Mode) ([]planning.Result, error) {
	switch sp.kind {
	case compareSaved:
		r, err := planning.SimulateWith(s, builtins, noEvents)
		if err != nil {
			return nil, err
		}
		r.Label = tr.T("planning.compare.current")
		out := []planning.Result{r}
		for _, saved := range sp.saved {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			sc, err := planning.ParseScenarioWith([]byte(saved.Body), builtins)
			if err == nil {
				r, err = planning.SimulateWith(sc, builtins, noEvents)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", saved.Name, err)
			}
			r.Label = saved.Name
			out = append(out, r)
		}
		return out, nil
	case compareMode:
		vs := make([]planning.Variant, len(sp.modes))
		for i, m := range sp.modes {
			vs[i] = planning.Variant{Key: planning.VariantMode, Value: m}
		}
		return compareVariants(tr, s, vs, builtins)
	default:
		vs := make([]planning.Variant, len(sp.values))
		for i, v := range sp.values {
			vs[i] = planning.Variant{Key: sp.kind, Value: ui.FormatInput(v), Number: v}
		}
		return compareVariants(tr, s, vs, builtins)
	}
}

func compareVariants(tr *ui.Translator, s planning.Scenario, vs []planning.Variant, builtins []planning.Mode) ([]planning.Result, error) {
	rs, err := planning.CompareWith(s, vs, builtins, noEvents)
	if err != nil {
		return nil, err
	}
	for i := range rs {
		rs[i].Label = variantLabel(tr, rs[i].Label)
	}
	return rs, nil
}

// noEvents simulates without the dated events: the comparison's chart
// marks none, and a long horizon has millions.
var noEvents = planning.Options{Events: false}

type compareView struct {
	table widgets.TableData
	chart widgets.Data
}

// compareFigures are the key figures compared, after the verdict and
// its reason: what each variant needs, then what the capital achieves
// with it as a hard limit.
var compareFigures = []planning.FigureID{
	planning.FigProductsSupported, planning.FigPeakNeed, planning.FigCapitalAvailable, planning.FigLowestCash,
	planning.FigLowestCashDay, planning.FigCashOutDay, planning.FigBreakEvenDay, planning.FigCCC, planning.FigMargin,
	planning.FigAnnualizedReturn, planning.FigProfit, planning.FigLostSales, planning.FigStockOutDays,
	planning.FigLimitedUnitsSold, planning.FigLimitedProfit, planning.FigLimitedDelayedOrders,
}

func buildCompareView(tr *ui.Translator, rs []planning.Result) compareView {
	var v compareView
	v.table.Header = []string{tr.T("planning.cmp.figure")}
	for _, r := range rs {
		v.table.Header = append(v.table.Header, r.Label)
	}
	verdict, reason := []string{tr.T("planning.cmp.verdict")}, []string{tr.T("planning.cmp.reason")}
	for _, r := range rs {
		verdict, reason = append(verdict, verdictHeadline(tr, r.Verdict)), append(reason, reasonShort(tr, r.Verdict.Reason))
	}
	v.table.Rows = append(v.table.Rows, verdict, reason)
	figs := make([][]planning.Figure, len(rs))
	for i, r := range rs {
		figs[i] = planning.KeyFigures(r)
	}
	for _, id := range compareFigures {
		var cells []string
		for i, r := range rs {
			f, _ := figureOf(figs[i], id)
			if i == 0 {
				cells = append(cells, figureName(tr, f.ID, r.HorizonDays))
			}
			cells = append(cells, figureValue(tr, f, r))
		}
		v.table.Rows = append(v.table.Rows, cells)
	}
	cur := planning.DefaultBaseCurrency
	if len(rs) > 0 {
		cur = rs[0].Currency
	}
	v.chart = widgets.Data{
		X:      widgets.Axis{Label: tr.T("planning.chart.day_axis")},
		Y:      widgets.Axis{Label: tr.T("planning.chart.balance_axis", "Cur", app.CurrencySymbol(cur)), Format: func(x float64) string { return app.FormatMajor(x, cur) }},
		NoData: tr.T("planning.chart.no_data"),
	}
	reserves := map[float64]bool{}
	for i, r := range rs {
		per := float64(app.MinorPerMajor(r.Currency))
		y := make([]float64, len(r.Daily))
		for d, b := range r.Daily {
			y[d] = float64(b) / per
		}
		v.chart.Series = append(v.chart.Series, widgets.Series{Name: r.Label, Y: y, Color: widgets.PaletteColor(i)})
		if res := reserveMajor(r); res > 0 && !reserves[res] {
			reserves[res] = true
			v.chart.Lines = append(v.chart.Lines, widgets.RefLine{
				Label: tr.T("planning.chart.reserve", "Amount", app.FormatMajor(res, r.Currency)), Y: res, Color: color.NRGBA{0xdc, 0x26, 0x26, 0xff}})
		}
	}
	return v
}
