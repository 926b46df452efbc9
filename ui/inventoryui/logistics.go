package inventoryui

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The logistics view, under the shipments: for each mode and forwarder,
// the quoted against the actual transit days (median, 90th percentile,
// share late), and what each mode cost per kilogram month by month — the
// cost and the reliability a team chooses its logistics by.

// logisticsView shows data.Logistics.
type logisticsView struct {
	s     *Screen
	root  fyne.CanvasObject
	rows  [][]string // the transit table's cells
	late  []bool
	table *widget.Table
	chart *widgets.Chart
	note  *widget.Label
}

// Widths of the transit table's columns.
var logisticsWidths = []float32{90, 140, 80, 90, 90, 90, 110}

func newLogisticsView(s *Screen) *logisticsView {
	tr := s.tr
	v := &logisticsView{s: s, note: widget.NewLabel("")}
	head := []string{tr.T("field.shipment.mode"), tr.T("field.shipment.forwarder"), tr.T("inventory.logistics.arrived"),
		tr.T("inventory.logistics.quoted"), tr.T("inventory.logistics.median"), tr.T("inventory.logistics.p90"), tr.T("inventory.logistics.late")}
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(head) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(v.rows) {
				l.SetText("")
				return
			}
			l.Importance = widget.MediumImportance
			if id.Col == len(head)-1 && v.late[id.Row] {
				l.Importance = widget.DangerImportance
			}
			l.SetText(v.rows[id.Row][id.Col])
		})
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(head) {
			o.(*widget.Label).SetText(head[id.Col])
		}
	}
	for i, w := range logisticsWidths {
		v.table.SetColumnWidth(i, headerWidth(head[i], w))
	}
	v.chart = widgets.NewChart(widgets.Data{NoData: tr.T("status.loading")})
	left := container.NewBorder(ui.SectionLabel(tr.T("inventory.logistics.transit")), v.note, nil, nil, v.table)
	right := container.NewBorder(ui.SectionLabel(tr.T("inventory.logistics.cost")), nil, nil, nil, v.chart)
	split := container.NewHSplit(left, right)
	split.Offset = 0.55
	v.root = split
	return v
}

// load reads the view off the UI thread.
func (v *logisticsView) load() {
	s := v.s
	s.env.Background(func(st *data.Store) func() {
		l, err := st.Logistics(s.env.Context())
		return func() {
			if err != nil {
				v.note.SetText(s.env.ErrorText(err))
				return
			}
			v.show(l)
		}
	})
}

func (v *logisticsView) show(l data.Logistics) {
	tr := v.s.tr
	v.rows, v.late = nil, nil
	days := func(d float64) string { return app.FormatNumber(d, 0) }
	for _, t := range l.Transit {
		fwd := t.Forwarder
		if fwd == "" {
			fwd = tr.T("inventory.logistics.all_forwarders")
		}
		quoted, late := "–", "–"
		if t.Quoted > 0 {
			quoted = days(t.QuotedMedian)
			late = tr.T("inventory.logistics.late_share", "Pct", app.FormatNumber(t.LateShare*100, 0), "Late", t.Late, "Quoted", t.Quoted)
		}
		v.rows = append(v.rows, []string{modeLabel(tr, t.Mode), fwd, units(t.Arrived), quoted, days(t.ActualMedian), days(t.ActualP90), late})
		v.late = append(v.late, t.LateShare > 0.2)
	}
	v.note.SetText("")
	if len(v.rows) == 0 {
		v.note.SetText(tr.T("inventory.logistics.none"))
	}
	v.table.Refresh()
	v.chart.SetData(v.costChart(l.Costs))
}

// costChart is the freight cost per kilogram of each mode by month of
// departure, in the base currency (months without a weight are left
// out).
func (v *logisticsView) costChart(costs []data.FreightCost) widgets.Data {
	tr, set := v.s.tr, v.s.settings
	cur := set.BaseCurrency
	d := widgets.Data{NoData: tr.T("inventory.logistics.no_cost"),
		Y: widgets.Axis{Label: tr.T("inventory.logistics.per_kg", "Cur", app.CurrencySymbol(cur))}}
	type acc struct{ cost, kg float64 }
	byMode := map[string]map[string]*acc{}
	var months []string
	for _, c := range costs {
		base, ok := set.ToBase(c.Cost, c.Currency)
		if !ok || c.Kg <= 0 {
			continue
		}
		if byMode[c.Mode] == nil {
			byMode[c.Mode] = map[string]*acc{}
		}
		a := byMode[c.Mode][c.Month]
		if a == nil {
			a = &acc{}
			byMode[c.Mode][c.Month] = a
		}
		a.cost += float64(base) / float64(app.MinorPerMajor(cur))
		a.kg += c.Kg
		months = append(months, c.Month)
	}
	slices.Sort(months)
	months = slices.Compact(months)
	if len(months) == 0 {
		return d
	}
	d.X = widgets.Axis{Label: tr.T("inventory.logistics.month"), Format: func(x float64) string {
		i := int(math.Round(x))
		if i < 0 || i >= len(months) || math.Abs(x-float64(i)) > 0.01 {
			return ""
		}
		return months[i]
	}}
	modes := make([]string, 0, len(byMode))
	for m := range byMode {
		modes = append(modes, m)
	}
	slices.Sort(modes)
	for _, m := range modes {
		y := make([]float64, len(months))
		for i, mo := range months {
			y[i] = math.NaN()
			if a := byMode[m][mo]; a != nil && a.kg > 0 {
				y[i] = a.cost / a.kg
			}
		}
		d.Series = append(d.Series, widgets.Series{Name: modeLabel(tr, m), Y: y})
	}
	return d
}
