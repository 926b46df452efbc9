package planningui

import (
	"image/color"
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

// scenarioView is one simulated scenario turned into text and chart data,
// built off the UI thread.
type scenarioView struct {
	scenario planning.Scenario
	result   planning.Result
	headline string
	verdict  string
	// achieved says what the capital achieves as a hard limit ("" when
	// the plan is feasible: it achieves the plan).
	achieved string
	feasible bool
	loss     bool
	need     []figureText // the need figures' grid
	// limitHead names the two columns of limits: cash unlimited, and
	// the capital as a hard limit.
	limitHead [2]figureText
	limits    []limitText
	lines     widgets.TableData
	chart     widgets.Data
}

// figureText is a key figure ready to show.
type figureText struct {
	name, value, explain string
}

// limitText is a row of the need-beside-limited table.
type limitText struct {
	name, explain string
	need, limited string
}

// Colours of the cash chart.
var (
	colorBalance = color.NRGBA{0x25, 0x63, 0xeb, 0xff}
	colorLimited = color.NRGBA{0x0d, 0x94, 0x88, 0xff}
	colorReserve = color.NRGBA{0xdc, 0x26, 0x26, 0xff}
	colorOrder   = color.NRGBA{0xea, 0x58, 0x0c, 0xff}
	colorPay     = color.NRGBA{0x93, 0x33, 0xea, 0xff}
	colorPayout  = color.NRGBA{0x16, 0xa3, 0x4a, 0xff}
)

func buildScenarioView(tr *ui.Translator, s planning.Scenario, r planning.Result) *scenarioView {
	v := &scenarioView{scenario: s, result: r, feasible: r.Feasible}
	v.loss = r.Verdict.Reason == planning.ReasonNegativeMargin
	v.headline = verdictHeadline(tr, r.Verdict)
	v.verdict = verdictText(tr, r.Verdict)
	v.achieved = achievedText(tr, r.Verdict)
	figs := planning.KeyFigures(r)
	h := r.HorizonDays
	for _, id := range needFigures {
		f, _ := figureOf(figs, id)
		v.need = append(v.need, figureText{figureName(tr, f.ID, h), figureValue(tr, f, r), figureExplain(tr, f.ID)})
	}
	v.limitHead = [2]figureText{
		{name: tr.T("planning.limits.need"), explain: tr.T("planning.limits.need_explain")},
		{name: tr.T("planning.limits.capital", "Amount", app.FormatMoney(r.Capital, r.Currency)),
			explain: tr.T("planning.limits.capital_explain")},
	}
	for _, row := range limitRows {
		lim, _ := figureOf(figs, row.limited)
		t := limitText{limited: figureValue(tr, lim, r), need: "—"}
		var need planning.Figure
		switch row.need {
		case "":
		case figUnitsSold:
			need = unitsSold(r)
		default:
			need, _ = figureOf(figs, row.need)
		}
		if need.ID != "" {
			t.name = figureName(tr, need.ID, h)
			t.need = figureValue(tr, need, r)
			t.explain = tr.T("planning.limits.explain_both", "Need", figureExplain(tr, need.ID), "Limited", figureExplain(tr, lim.ID))
		} else {
			// Under its column's heading, the figure needs no "with
			// this capital" of its own.
			t.name = tr.T("planning.limits." + strings.TrimPrefix(string(lim.ID), "capital_limited."))
			t.explain = figureExplain(tr, lim.ID)
		}
		v.limits = append(v.limits, t)
	}
	v.lines = linesTableData(tr, r)
	v.chart = cashChart(tr, s, r)
	return v
}

func linesTableData(tr *ui.Translator, r planning.Result) widgets.TableData {
	cur := r.Currency
	d := widgets.TableData{Header: []string{
		tr.T("planning.col.name"), tr.T("planning.col.mode"), tr.T("planning.col.lead_time_days"),
		tr.T("planning.col.landed_unit_cost", "Cur", app.CurrencySymbol(cur)), tr.T("planning.col.net_payout", "Cur", app.CurrencySymbol(cur)),
		tr.T("planning.col.unit_profit", "Cur", app.CurrencySymbol(cur)), tr.T("planning.col.margin_pct"),
		tr.T("planning.col.cash_conversion_days"), tr.T("planning.col.units_sold"), tr.T("planning.col.limited_units_sold"),
		tr.T("planning.col.stock_out_days"), tr.T("planning.col.lost_units"),
	}}
	for i, l := range r.Lines {
		var limited int64
		if i < len(r.Limited.Lines) {
			limited = r.Limited.Lines[i].UnitsSold
		}
		d.Rows = append(d.Rows, []string{
			lineName(tr, l.Name, i), modeLabel(tr, l.Mode), app.FormatNumber(float64(l.LeadTimeDays), 0),
			app.FormatMoneyExact(l.LandedUnitCost, cur), app.FormatMoneyExact(l.NetPayoutPerUnit, cur), app.FormatMoneyExact(l.UnitProfit, cur),
			app.FormatPct(l.MarginPct), app.FormatNumber(l.CashConversionDays, 1), app.FormatNumber(float64(l.UnitsSold), 0),
			app.FormatNumber(float64(limited), 0), app.FormatNumber(float64(l.StockOutDays), 0), app.FormatNumber(float64(l.LostUnits), 0),
		})
	}
	d.Right = []bool{false, false, true, true, true, true, true, true, true, true, true, true}
	return d
}

// reserveMajor is the reserve in major units.
func reserveMajor(r planning.Result) float64 {
	return float64(r.Capital-r.CapitalAvailable) / float64(app.MinorPerMajor(r.Currency))
}

// cashChart is the daily balance with the reserve line and the order,
// payment and payout days marked on it. When the capital cannot carry
// the plan, the balance with the capital as a hard limit runs beside it
// (dashed): what the founder's cash would really do.
func cashChart(tr *ui.Translator, s planning.Scenario, r planning.Result) widgets.Data {
	cur := r.Currency
	per := float64(app.MinorPerMajor(cur))
	major := func(daily []int64) []float64 {
		y := make([]float64, len(daily))
		for i, b := range daily {
			y[i] = float64(b) / per
		}
		return y
	}
	y := major(r.Daily)
	var limited []float64
	if !r.Feasible {
		limited = major(r.Limited.Daily)
	}
	d := widgets.Data{
		Series: []widgets.Series{{Name: tr.T("planning.chart.balance"), Y: y, Color: colorBalance}},
		X:      widgets.Axis{Label: tr.T("planning.chart.day_axis")},
		Y:      widgets.Axis{Label: tr.T("planning.chart.balance_axis", "Cur", app.CurrencySymbol(cur)), Format: func(v float64) string { return app.FormatMajor(v, cur) }},
		NoData: tr.T("planning.chart.no_data"),
	}
	if limited != nil {
		d.Series = append(d.Series, widgets.Series{Name: tr.T("planning.chart.limited"), Y: limited, Color: colorLimited, Dashed: true})
	}
	if res := reserveMajor(r); res > 0 {
		d.Lines = append(d.Lines, widgets.RefLine{Label: tr.T("planning.chart.reserve", "Amount", app.FormatMajor(res, cur)), Y: res, Color: colorReserve})
	}
	if r.LowestBalance < 0 {
		d.Lines = append(d.Lines, widgets.RefLine{Y: 0}) // the line cash must not cross
	}
	type mark struct {
		name  string
		shape widgets.Shape
		color color.Color
		kinds []planning.EventKind
	}
	marks := []mark{
		{tr.T("planning.chart.orders"), widgets.ShapeTriangleDown, colorOrder, []planning.EventKind{planning.EventOrderPlaced}},
		{tr.T("planning.chart.payments"), widgets.ShapeDiamond, colorPay, []planning.EventKind{planning.EventBalancePaid, planning.EventFreightPaid,
			planning.EventDutyPaid, planning.EventInboundFeePaid, planning.EventOverheadPaid}},
		{tr.T("planning.chart.payouts"), widgets.ShapeCircle, colorPayout, []planning.EventKind{planning.EventPayout}},
	}
	for _, m := range marks {
		set := widgets.Markers{Name: m.name, Shape: m.shape, Color: m.color}
		seen := map[int]bool{}
		for _, e := range r.Events {
			if seen[e.Day] || e.Day >= len(y) || !containsKind(m.kinds, e.Kind) {
				continue
			}
			seen[e.Day] = true
			set.X = append(set.X, float64(e.Day))
			set.Y = append(set.Y, y[e.Day])
		}
		d.Markers = append(d.Markers, set)
	}
	events := r.Events
	d.Hover = func(x float64) string {
		day := int(x)
		if day < 0 || day >= len(y) {
			return ""
		}
		text := tr.T("planning.chart.hover", "Day", day, "Amount", app.FormatMajor(y[day], cur))
		if day < len(limited) {
			text += "\n" + tr.T("planning.chart.hover_limited", "Amount", app.FormatMajor(limited[day], cur))
		}
		for _, e := range events {
			if e.Day != day {
				continue
			}
			name := lineName(tr, e.LineName, e.Line)
			switch e.Kind {
			case planning.EventOrderPlaced:
				text += "\n" + tr.T("planning.event.order", "Line", name, "Units", tr.T("planning.units", "Count", e.Units), "Amount", app.FormatMoney(-e.Amount, cur))
			case planning.EventBalancePaid:
				text += "\n" + tr.T("planning.event.balance", "Line", name, "Amount", app.FormatMoney(-e.Amount, cur))
			case planning.EventFreightPaid:
				text += "\n" + tr.T("planning.event.freight", "Line", name, "Amount", app.FormatMoney(-e.Amount, cur))
			case planning.EventStockArrived:
				text += "\n" + tr.T("planning.event.arrived", "Line", name, "Units", tr.T("planning.units", "Count", e.Units))
			case planning.EventPayout:
				text += "\n" + tr.T("planning.event.payout", "Line", name, "Amount", app.FormatMoney(e.Amount, cur))
			case planning.EventDutyPaid:
				text += "\n" + tr.T("planning.event.duty", "Line", name, "Amount", app.FormatMoney(-e.Amount, cur))
			case planning.EventInboundFeePaid:
				text += "\n" + tr.T("planning.event.inbound", "Line", name, "Amount", app.FormatMoney(-e.Amount, cur))
			case planning.EventStorageFee:
				text += "\n" + tr.T("planning.event.storage", "Line", name, "Amount", app.FormatMoney(-e.Amount, cur))
			case planning.EventOverheadPaid:
				text += "\n" + tr.T("planning.event.overhead", "Amount", app.FormatMoney(-e.Amount, cur))
			}
		}
		return text
	}
	return d
}

func containsKind(list []planning.EventKind, k planning.EventKind) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// Sizes of the results panel.
const (
	figureColumns  = 4
	chartMinHeight = 250
	// maxLineRows is how many product lines the per-line table shows
	// before it scrolls.
	maxLineRows = 20
)

// figureCell is one key figure on screen: its name with the ⓘ that
// explains it, and its value under it.
type figureCell struct {
	box   *explained
	name  *widgets.Paragraph
	value *widget.Label
}

func newFigureCell(valueStyle fyne.TextStyle) *figureCell {
	c := &figureCell{name: widgets.NewParagraph(""), value: widget.NewLabelWithStyle("", fyne.TextAlignLeading, valueStyle)}
	c.name.SizeName = theme.SizeNameCaptionText
	// The value tucks under its name: labels pad themselves.
	c.box = newExplained(container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.InnerPadding()+2), c.name, c.value), "")
	return c
}

func (c *figureCell) show(f figureText) {
	c.name.SetText(f.name)
	setText(c.value, f.value)
	c.box.Tip = f.explain
}

// limitHead is a column heading of the need-beside-limited table.
type limitHead struct {
	box  *explained
	name *widgets.Paragraph
}

// limitCells is one row of the need-beside-limited table.
type limitCells struct {
	name          *explained
	label         *widgets.Paragraph
	need, limited *widget.Label
}

// resultsPanel shows a scenario's verdict, the input problems, key
// figures (what the plan needs, then what the capital achieves as a hard
// limit beside it), cash chart and per-line table.
type resultsPanel struct {
	tr       *ui.Translator
	root     *fyne.Container
	top      *fyne.Container
	headline *widget.Label
	fresh    widget.Importance // the headline's colour while not stale
	verdict  *widgets.Paragraph
	achieved *widgets.Paragraph
	stale    *widgets.Paragraph
	problems *fyne.Container
	need     []*figureCell // in needFigures order
	heads    [2]limitHead  // the limits table's column headings
	limits   []limitCells  // in limitRows order
	chart    *widgets.Chart
	lines    *widgets.TextTable
}

func newResultsPanel(tr *ui.Translator) *resultsPanel {
	r := &resultsPanel{tr: tr}
	r.headline = widget.NewLabelWithStyle(tr.T("status.loading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.headline.SizeName = theme.SizeNameSubHeadingText
	r.verdict = ui.StatusLabel()
	r.achieved = ui.StatusLabel()
	r.achieved.TextStyle.Bold = true
	r.achieved.Hide()
	r.stale = ui.WrapLabel(tr.T("planning.stale"))
	r.stale.Importance = widget.WarningImportance
	r.stale.Hide()
	r.problems = container.NewVBox()
	grid := container.NewGridWithColumns(figureColumns)
	for range needFigures {
		c := newFigureCell(fyne.TextStyle{Bold: true})
		r.need = append(r.need, c)
		grid.Add(c.box)
	}
	// What the capital achieves, beside what the plan needs: one row per
	// figure, a column each; each row as tall as its own name.
	heads := container.NewGridWithColumns(3, layout.NewSpacer())
	for i := range r.heads {
		h := limitHead{name: ui.StatusLabel()}
		h.name.TextStyle.Bold = true
		h.box = newExplained(h.name, "")
		r.heads[i] = h
		heads.Add(h.box)
	}
	limits := ui.CompactList(heads)
	for range limitRows {
		row := limitCells{label: ui.StatusLabel(), need: widget.NewLabel(""), limited: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
		row.name = newExplained(row.label, "")
		r.limits = append(r.limits, row)
		limits.Add(container.NewGridWithColumns(3, row.name, row.need, row.limited))
	}
	r.chart = widgets.NewChart(widgets.Data{NoData: tr.T("planning.chart.no_data")})
	r.lines = widgets.NewTextTable()
	r.lines.FitRows(maxLineRows)
	r.top = container.NewVBox(r.headline, r.verdict, r.achieved, r.stale, r.problems,
		ui.SectionLabel(tr.T("planning.section.need")), grid,
		ui.SectionLabel(tr.T("planning.section.limits")), limits)
	// The chart takes the height left; the table shows every line.
	r.root = container.NewBorder(r.top, r.lines, nil, nil, ui.AtLeast(fyne.NewSize(0, chartMinHeight), r.chart))
	return r
}

// show puts a computed scenario on screen.
func (r *resultsPanel) show(v *scenarioView) {
	setText(r.headline, v.headline)
	r.fresh = widget.SuccessImportance
	if v.loss || !v.feasible {
		r.fresh = widget.DangerImportance
	}
	r.verdict.SetText(v.verdict)
	r.achieved.SetText(v.achieved)
	if v.achieved == "" {
		r.achieved.Hide()
	} else {
		r.achieved.Show()
	}
	for i, c := range r.need {
		if i < len(v.need) {
			c.show(v.need[i])
		}
	}
	for i, h := range r.heads {
		h.name.SetText(v.limitHead[i].name)
		h.box.Tip = v.limitHead[i].explain
	}
	for i, row := range r.limits {
		if i < len(v.limits) {
			t := v.limits[i]
			row.label.SetText(t.name)
			row.name.Tip = t.explain
			setText(row.need, t.need)
			setText(row.limited, t.limited)
		}
	}
	r.chart.SetData(v.chart)
	r.lines.SetData(v.lines)
	r.setStale(false)
}

// relayout lays the panel out again after texts changed height.
func (r *resultsPanel) relayout() {
	r.top.Refresh()
	r.root.Refresh()
}

// staleBecause says why the result on screen is old: problems in the
// input, or only fields still to fill in.
func (r *resultsPanel) staleBecause(incomplete bool) {
	if incomplete {
		r.stale.SetText(r.tr.T("planning.stale_incomplete"))
	} else {
		r.stale.SetText(r.tr.T("planning.stale"))
	}
}

func (r *resultsPanel) setStale(stale bool) {
	if stale {
		r.stale.Show()
		r.verdict.Importance = widget.LowImportance
		r.achieved.Importance = widget.LowImportance
		r.headline.Importance = widget.LowImportance
	} else {
		r.stale.Hide()
		r.verdict.Importance = widget.MediumImportance
		r.achieved.Importance = widget.MediumImportance
		r.headline.Importance = r.fresh
	}
	r.headline.Refresh()
	r.verdict.Refresh()
	r.achieved.Refresh()
	r.relayout()
}

// setText changes a label's text only when it differs: labels measure
// and shape their text again on every refresh.
func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}
