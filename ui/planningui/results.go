package planningui

import (
	"image/color"

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
	feasible bool
	loss     bool
	figures  [][2]string // label, value
	lines    widgets.TableData
	chart    widgets.Data
}

// Colours of the cash chart.
var (
	colorBalance = color.NRGBA{0x25, 0x63, 0xeb, 0xff}
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
	cur := r.Currency
	v.figures = [][2]string{
		{tr.T("planning.fig.peak_need"), app.FormatMoney(r.PeakNeed, cur)},
		{tr.T("planning.fig.available"), app.FormatMoney(r.CapitalAvailable, cur)},
		{tr.T("planning.fig.lowest"), app.FormatMoney(r.LowestBalance, cur)},
		{tr.T("planning.fig.lowest_day"), tr.T("planning.day_n", "N", r.LowestDay)},
		{tr.T("planning.fig.supported"), tr.T("planning.count", "Count", r.ProductsSupported)},
		{tr.T("planning.fig.cash_out"), dayText(tr, r.CashOutDay, "planning.never_runs_out")},
		{tr.T("planning.fig.break_even"), dayText(tr, r.BreakEvenDay, "planning.no_break_even")},
		{tr.T("planning.fig.ccc"), tr.T("planning.days", "Count", app.FormatNumber(r.CashConversionDays, 1))},
		{tr.T("planning.fig.margin"), app.FormatPct(r.MarginPct())},
		{tr.T("planning.fig.annual"), app.FormatPct(r.AnnualizedReturnPct)},
		{tr.T("planning.fig.profit"), app.FormatMoney(r.Profit, cur)},
		{tr.T("planning.fig.lost"), tr.T("planning.units", "Count", app.FormatNumber(float64(r.LostUnits), 0))},
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
		tr.T("planning.col.cash_conversion_days"), tr.T("planning.col.stock_out_days"), tr.T("planning.col.lost_units"),
	}}
	for i, l := range r.Lines {
		d.Rows = append(d.Rows, []string{
			lineName(tr, l.Name, i), modeLabel(tr, l.Mode), app.FormatNumber(float64(l.LeadTimeDays), 0),
			app.FormatMoneyExact(l.LandedUnitCost, cur), app.FormatMoneyExact(l.NetPayoutPerUnit, cur), app.FormatMoneyExact(l.UnitProfit, cur),
			app.FormatPct(l.MarginPct), app.FormatNumber(l.CashConversionDays, 1), app.FormatNumber(float64(l.StockOutDays), 0),
			app.FormatNumber(float64(l.LostUnits), 0),
		})
	}
	d.Right = []bool{false, false, true, true, true, true, true, true, true, true}
	return d
}

// reserveMajor is the reserve in major units.
func reserveMajor(r planning.Result) float64 {
	return float64(r.Capital-r.CapitalAvailable) / float64(app.MinorPerMajor(r.Currency))
}

// cashChart is the daily balance with the reserve line and the order,
// payment and payout days marked on it.
func cashChart(tr *ui.Translator, s planning.Scenario, r planning.Result) widgets.Data {
	cur := r.Currency
	per := float64(app.MinorPerMajor(cur))
	y := make([]float64, len(r.Daily))
	for i, b := range r.Daily {
		y[i] = float64(b) / per
	}
	d := widgets.Data{
		Series: []widgets.Series{{Name: tr.T("planning.chart.balance"), Y: y, Color: colorBalance}},
		X:      widgets.Axis{Label: tr.T("planning.chart.day_axis")},
		Y:      widgets.Axis{Label: tr.T("planning.chart.balance_axis", "Cur", app.CurrencySymbol(cur)), Format: func(v float64) string { return app.FormatMajor(v, cur) }},
		NoData: tr.T("planning.chart.no_data"),
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
		{tr.T("planning.chart.payments"), widgets.ShapeDiamond, colorPay, []planning.EventKind{planning.EventBalancePaid, planning.EventFreightPaid}},
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

// figureCount is the number of key figures shown.
const figureCount = 12

// Sizes of the results panel.
const (
	figureColumns  = 4
	chartMinHeight = 250
	// maxLineRows is how many product lines the per-line table shows
	// before it scrolls.
	maxLineRows = 20
)

// resultsPanel shows a scenario's verdict, the input problems, key
// figures, cash chart and per-line table.
type resultsPanel struct {
	tr       *ui.Translator
	root     *fyne.Container
	top      *fyne.Container
	headline *widget.Label
	fresh    widget.Importance // the headline's colour while not stale
	verdict  *widgets.Paragraph
	stale    *widgets.Paragraph
	problems *fyne.Container
	figures  []*widget.Label // values, in scenarioView.figures order
	names    []*widgets.Paragraph
	chart    *widgets.Chart
	lines    *widgets.TextTable
}

func newResultsPanel(tr *ui.Translator) *resultsPanel {
	r := &resultsPanel{tr: tr}
	r.headline = widget.NewLabelWithStyle(tr.T("status.loading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.headline.SizeName = theme.SizeNameSubHeadingText
	r.verdict = ui.StatusLabel()
	r.stale = ui.WrapLabel(tr.T("planning.stale"))
	r.stale.Importance = widget.WarningImportance
	r.stale.Hide()
	r.problems = container.NewVBox()
	grid := container.NewGridWithColumns(figureColumns)
	for i := 0; i < figureCount; i++ {
		name := widgets.NewParagraph("")
		name.SizeName = theme.SizeNameCaptionText
		value := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		r.names = append(r.names, name)
		r.figures = append(r.figures, value)
		// The value tucks under its name: labels pad themselves.
		grid.Add(container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.InnerPadding()+2), name, value))
	}
	r.chart = widgets.NewChart(widgets.Data{NoData: tr.T("planning.chart.no_data")})
	r.lines = widgets.NewTextTable()
	r.lines.FitRows(maxLineRows)
	r.top = container.NewVBox(r.headline, r.verdict, r.stale, r.problems, grid)
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
	for i := range r.figures {
		if i < len(v.figures) {
			r.names[i].SetText(v.figures[i][0])
			setText(r.figures[i], v.figures[i][1])
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
		r.headline.Importance = widget.LowImportance
	} else {
		r.stale.Hide()
		r.verdict.Importance = widget.MediumImportance
		r.headline.Importance = r.fresh
	}
	r.headline.Refresh()
	r.verdict.Refresh()
	r.relayout()
}

// setText changes a label's text only when it differs: labels measure
// and shape their text again on every refresh.
func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}
