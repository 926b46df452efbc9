package planningui

import (
	"context"
	"image/color"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Grid metrics in the order offered: profit first, the figure price
// moves most directly (products supported barely moves with it).
var gridMetrics = planning.GridMetrics()

// metricFigures are the key figures whose explanation explains a grid
// metric.
var metricFigures = map[planning.Metric]planning.FigureID{
	planning.MetricProfit:            planning.FigProfit,
	planning.MetricLimitedProfit:     planning.FigLimitedProfit,
	planning.MetricAnnualizedReturn:  planning.FigAnnualizedReturn,
	planning.MetricProductsSupported: planning.FigProductsSupported,
	planning.MetricPeakNeed:          planning.FigPeakNeed,
}

// sensitivityPanel shows how a figure (profit unless the person picks
// another) moves with price and daily units: a grid coloured from worse
// (red) to better (green), which is higher or lower depending on the
// figure, as the scale under the controls says.
type sensitivityPanel struct {
	p    *Screen
	root fyne.CanvasObject

	metric        *widget.Select
	prices, units *widget.Entry
	custom        bool // the axes were typed, so they no longer follow the scenario
	filling       bool
	msg           *widgets.Paragraph
	table         *widgets.TextTable
	note          *widgets.Paragraph
	explain       *widgets.Paragraph // what the figure shown is
	scale         *widgets.Paragraph // which way is better

	dirty bool
	rc    *ui.Latest
	grid  *planning.Grid // the grid on screen, for export
}

// sensSpec is what to compute, read on the UI thread.
type sensSpec struct {
	metric        planning.Metric
	prices, units []float64
}

func newSensitivityPanel(p *Screen) *sensitivityPanel {
	tr := p.tr
	g := &sensitivityPanel{p: p, dirty: true}
	g.rc = p.env.NewLatest(ui.RecomputeDelay)
	labels := make([]string, len(gridMetrics))
	for i, m := range gridMetrics {
		labels[i] = tr.T("planning.metric." + string(m))
	}
	g.metric = widget.NewSelect(labels, func(string) {
		g.describe()
		g.changed()
	})
	g.prices = widget.NewEntry()
	g.units = widget.NewEntry()
	for _, e := range []*widget.Entry{g.prices, g.units} {
		e.OnChanged = func(string) {
			if !g.filling {
				g.custom = true
				g.changed()
			}
		}
	}
	reset := widget.NewButtonWithIcon(tr.T("planning.sens.reset"), theme.ContentUndoIcon(), func() {
		g.custom = false
		g.followScenario()
		g.changed()
	})
	reset.Importance = widget.LowImportance
	g.msg = ui.StatusLabel()
	g.msg.Importance = widget.DangerImportance
	g.msg.Hide()
	g.note = ui.WrapLabel(tr.T("planning.sens.hint"))
	g.explain = ui.StatusLabel()
	g.explain.SizeName = theme.SizeNameCaptionText
	g.scale = ui.StatusLabel()
	g.table = widgets.NewTextTable()
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(tr.T("planning.sens.metric")), g.metric,
		widget.NewLabel(tr.T("planning.sens.prices")), g.prices,
		widget.NewLabel(tr.T("planning.sens.units")), g.units,
	)
	swatch := func(c color.Color) fyne.CanvasObject {
		r := canvas.NewRectangle(c)
		r.SetMinSize(fyne.NewSize(swatchWidth, 0))
		return r
	}
	scale := container.NewBorder(nil, nil, container.NewHBox(
		widget.NewLabel(tr.T("planning.sens.worse")), swatch(heat(0, 0, 1, planning.HigherIsBetter)),
		swatch(heat(0.5, 0, 1, planning.HigherIsBetter)), swatch(heat(1, 0, 1, planning.HigherIsBetter)),
		widget.NewLabel(tr.T("planning.sens.better"))), nil, g.scale)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, reset, form), g.explain, g.note, scale, g.msg)
	g.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(g.table))
	g.metric.SetSelectedIndex(slices.Index(gridMetrics, planning.DefaultGridMetric))
	return g
}

// swatchWidth is the width of a colour of the scale.
const swatchWidth = 28

// selectedMetric is the metric chosen.
func (g *sensitivityPanel) selectedMetric() planning.Metric {
	if i := g.metric.SelectedIndex(); i >= 0 {
		return gridMetrics[i]
	}
	return planning.DefaultGridMetric
}

// describe says what the figure shown is and which way is better.
func (g *sensitivityPanel) describe() {
	tr, m := g.p.tr, g.selectedMetric()
	g.explain.SetText(figureExplain(tr, metricFigures[m]))
	g.scale.SetText(tr.T("planning.sens.scale_"+string(m.Better()), "Metric", tr.T("planning.metric_text."+string(m))))
}

func (g *sensitivityPanel) changed() {
	g.dirty = true
	if g.p.tabs != nil && g.p.tabs.SelectedIndex() == planTabSensitivity {
		g.refresh()
	}
}

// followScenario sets the axes around the first line's price and daily
// units, unless the person typed their own.
func (g *sensitivityPanel) followScenario() {
	s, ok := g.p.current()
	if g.custom || !ok || len(s.Lines) == 0 {
		return
	}
	l := s.Lines[0]
	g.filling = true
	g.prices.SetText(axisText(l.Price, []float64{0.8, 0.9, 1, 1.1, 1.2}))
	g.units.SetText(axisText(l.DailyUnits, []float64{0.5, 0.75, 1, 1.5, 2}))
	g.filling = false
}

func axisText(base float64, factors []float64) string {
	parts := make([]string, len(factors))
	for i, f := range factors {
		parts[i] = ui.FormatInput(math.Round(base*f*100) / 100)
	}
	return strings.Join(parts, ", ")
}

func (g *sensitivityPanel) spec() (sensSpec, string) {
	tr := g.p.tr
	sp := sensSpec{metric: g.selectedMetric()}
	var ok bool
	if sp.prices, ok = ui.ParseList(g.prices.Text); !ok {
		return sp, tr.T("planning.sens.bad_list", "Field", tr.T("planning.sens.prices"))
	}
	if sp.units, ok = ui.ParseList(g.units.Text); !ok {
		return sp, tr.T("planning.sens.bad_list", "Field", tr.T("planning.sens.units"))
	}
	for _, list := range [][]float64{sp.prices, sp.units} {
		if len(list) > planning.MaxGridAxis {
			return sp, tr.T("planning.sens.too_many", "N", planning.MaxGridAxis)
		}
		for _, v := range list {
			if v <= 0 {
				return sp, tr.T("planning.sens.not_positive")
			}
		}
	}
	return sp, ""
}

// refresh computes the grid off the UI thread.
func (g *sensitivityPanel) refresh() {
	p, tr := g.p, g.p.tr
	s, ok := p.current()
	if !ok {
		return
	}
	sp, problem := g.spec()
	g.dirty = false
	if problem != "" {
		g.rc.Cancel()
		g.showMessage(problem)
		return
	}
	builtins := p.builtins
	g.rc.Run(func(ctx context.Context) func() {
		grid, err := planning.Sensitivity(s, builtins, sp.prices, sp.units, sp.metric)
		if err != nil {
			msgs := planningErrorLines(tr, err)
			return func() { g.showMessage(strings.Join(msgs, "\n")) }
		}
		view := sensitivityTableData(tr, s, grid)
		return func() {
			g.msg.Hide()
			g.grid = &grid
			g.table.SetData(view)
		}
	})
}

func (g *sensitivityPanel) showMessage(m string) {
	g.msg.SetText(m)
	g.msg.Show()
}

// sensitivityTableData lays the grid out: a row per price, a column per
// daily units value, cells coloured from worse (red) to better (green)
// for the figure shown, cells with no value (a return with no capital
// tied up) n/a and uncoloured.
func sensitivityTableData(tr *ui.Translator, s planning.Scenario, g planning.Grid) widgets.TableData {
	cur := priceCurrency(s)
	d := widgets.TableData{Header: []string{tr.T("planning.sens.corner", "Cur", app.CurrencySymbol(cur))}}
	for _, u := range g.DailyUnits {
		d.Header = append(d.Header, tr.T("planning.per_day", "N", app.FormatNumber(u, 2)))
	}
	na := func(i, j int) bool { return i < len(g.NA) && j < len(g.NA[i]) && g.NA[i][j] }
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, row := range g.Values {
		for j, v := range row {
			if !na(i, j) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	for i, price := range g.Prices {
		cells := []string{app.CurrencySymbol(cur) + app.FormatNumber(price, 2)}
		fills := []color.Color{nil}
		for j := range g.DailyUnits {
			v := g.Values[i][j]
			if na(i, j) {
				cells, fills = append(cells, tr.T("planning.na")), append(fills, nil)
				continue
			}
			switch g.Metric.Unit() {
			case planning.UnitMoney:
				cells = append(cells, app.FormatMajor(v, g.Currency))
			case planning.UnitPct:
				cells = append(cells, app.FormatPct(v))
			default:
				cells = append(cells, app.FormatNumber(v, 0))
			}
			fills = append(fills, heat(v, lo, hi, g.Better))
		}
		d.Rows = append(d.Rows, cells)
		d.Fill = append(d.Fill, fills)
	}
	d.Right = make([]bool, len(d.Header))
	for j := 1; j < len(d.Right); j++ {
		d.Right[j] = true
	}
	return d
}

// priceCurrency is the currency the grid's prices are shown in: the
// first line's.
func priceCurrency(s planning.Scenario) string {
	if len(s.Lines) > 0 && s.Lines[0].PriceCurrency != "" {
		return s.Lines[0].PriceCurrency
	}
	return s.BaseCurrency
}

// heat is a translucent colour from red (worse) through amber to green
// (better), readable on light and dark themes: for a figure where lower
// is better, the lowest value is green.
func heat(v, lo, hi float64, better planning.Better) color.Color {
	f := 0.5
	if hi > lo {
		f = (v - lo) / (hi - lo)
	}
	if better == planning.LowerIsBetter {
		f = 1 - f
	}
	red, amber, green := [3]float64{220, 38, 38}, [3]float64{217, 161, 6}, [3]float64{22, 163, 74}
	var a, b [3]float64
	t := f * 2
	if f < 0.5 {
		a, b = red, amber
	} else {
		a, b, t = amber, green, (f-0.5)*2
	}
	mixc := func(i int) uint8 { return uint8(math.Round(a[i]*(1-t) + b[i]*t)) }
	return color.NRGBA{mixc(0), mixc(1), mixc(2), 0x55}
}
