package sopui

import (
	"context"
	"maps"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// seriesShare is the series list's share of the values tab's width.
const seriesShare = 0.28

// valueRow is one recorded value as the table shows it.
type valueRow struct {
	id, day, value, sku, by string
	number                  any // the XLSX cell: a number when it is one
}

// valuesTab makes recorded values into data: pick a question asked again
// and again (a checklist item's or a template step's field) to see its
// answers as a line chart over time and as a table, exported to XLSX.
type valuesTab struct {
	env    Env
	root   fyne.CanvasObject
	list   *widget.List
	series []data.ValueSeries
	chart  *widgets.Chart
	title  *widget.Label
	table  *widgets.PagedTable[valueRow]

	mu     sync.Mutex
	picked data.ValueSeries // read by the table's loads off the UI thread
}

func newValuesTab(env Env) *valuesTab {
	tr := env.Translator()
	t := &valuesTab{env: env, title: ui.SectionLabel(tr.T("sop.values.pick"))}
	t.list = widget.NewList(func() int { return len(t.series) },
		twoLines,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.series) {
				return
			}
			v := t.series[i]
			setTwoLines(o, tr.T("sop.values.series", "Title", v.Title, "Label", v.Label),
				tr.T("sop.values.series_sub", "Count", v.Count, "First", v.First.String(), "Last", v.Last.String(), "Type", fieldTypeText(tr, v.Type)),
				widget.MediumImportance)
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		if i < len(t.series) {
			t.pick(t.series[i])
		}
	}
	t.chart = widgets.NewChart(widgets.Data{NoData: tr.T("sop.values.no_chart")})
	t.table = widgets.NewPagedTable(widgets.PagedTableConfig[valueRow]{
		Columns: []widgets.Column[valueRow]{
			{Label: tr.T("field.sop_value.day"), Width: 100, Sort: data.ValueSortDay, Text: func(r valueRow) string { return r.day }},
			{Label: tr.T("sop.values.value"), Width: 140, Sort: data.ValueSortValue, Align: fyne.TextAlignTrailing,
				Text: func(r valueRow) string { return r.value }, Value: func(r valueRow) any { return r.number }},
			{Label: tr.T("field.sop_value.sku"), Width: 90, Text: func(r valueRow) string { return r.sku }},
			{Label: tr.T("field.sop_value.recorded_by"), Width: 90, Text: func(r valueRow) string { return r.by }},
		},
		Search: true,
		Sort:   data.ValueSortDay, Desc: true,
		Load: func(ctx context.Context, q app.ListQuery) ([]valueRow, int, error) {
			t.mu.Lock()
			picked := t.picked
			t.mu.Unlock()
			if picked.Series == "" {
				return nil, 0, nil
			}
			q.Filters = maps.Clone(q.Filters)
			if q.Filters == nil {
				q.Filters = map[string]string{}
			}
			q.Filters[data.ValueFilterSeries], q.Filters[data.ValueFilterField] = picked.Series, picked.FieldKey
			var vals []app.RecordedValue
			var total int
			err := withStore(env, func(s *data.Store) error {
				var err error
				vals, total, err = s.ListValues(ctx, q)
				return err
			})
			rows := make([]valueRow, len(vals))
			for i, v := range vals {
				rows[i] = valueRow{id: v.ID, day: v.Day.String(), value: valueText(v.Value), sku: v.SKU, by: v.RecordedBy, number: valueText(v.Value)}
				if x, ok := v.Value.Float(); ok {
					rows[i].number = x
				}
			}
			return rows, total, err
		},
		ID:     func(r valueRow) string { return r.id },
		T:      tr.T,
		Export: func(x *widgets.Export) { exportTable(env, x) },
		Title:  tr.T("sop.values.sheet"),
		Go:     env.Go,
		Do:     env.Do,
	})
	chartBox := ui.AtLeast(fyne.NewSize(0, 220), t.chart)
	right := container.NewBorder(container.NewVBox(t.title, chartBox), nil, nil, nil, t.table)
	left := container.NewBorder(ui.WrapLabel(tr.T("sop.values.hint")), nil, nil, nil, t.list)
	split := container.NewHSplit(left, right)
	split.Offset = seriesShare
	t.root = split
	return t
}

func (t *valuesTab) load() {
	env := t.env
	env.Background(func(s *data.Store) func() {
		series, err := s.ValueSeriesList(env.Context())
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			t.series = series
			t.list.Refresh()
			t.mu.Lock()
			picked := t.picked
			t.mu.Unlock()
			// First shown: the numeric series with the most values.
			best := -1
			for i, v := range series {
				if v.Type.Numeric() && (best < 0 || v.Count > series[best].Count) {
					best = i
				}
			}
			if picked.Series == "" && best >= 0 {
				t.list.Select(best)
			}
		}
	})
}

// pick shows one series: its chart and its table.
func (t *valuesTab) pick(v data.ValueSeries) {
	env, tr := t.env, t.env.Translator()
	t.mu.Lock()
	t.picked = v
	t.mu.Unlock()
	t.title.SetText(tr.T("sop.values.series", "Title", v.Title, "Label", v.Label))
	t.table.Reload()
	env.Background(func(s *data.Store) func() {
		vals, err := s.SeriesValues(env.Context(), v.Series, v.FieldKey, "")
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			t.chart.SetData(seriesChart(tr, v, vals))
		}
	})
}

// seriesChart draws a series' numeric values over days; more than one
// value on a day (several SKUs, several runs) are all drawn, in order.
func seriesChart(tr *ui.Translator, v data.ValueSeries, vals []app.RecordedValue) widgets.Data {
	d := widgets.Data{NoData: tr.T("sop.values.no_chart")}
	if !v.Type.Numeric() || len(vals) == 0 {
		if !v.Type.Numeric() {
			d.NoData = tr.T("sop.values.not_numeric")
		}
		return d
	}
	first := vals[0].Day
	var xs, ys []float64
	currency := ""
	for _, r := range vals {
		y, ok := r.Value.Float()
		if !ok {
			continue
		}
		xs = append(xs, float64(r.Day-first))
		ys = append(ys, y)
		currency = r.Value.Currency
	}
	d.Series = []widgets.Series{{Name: v.Label, Kind: widgets.KindLine, X: xs, Y: ys}}
	d.X = widgets.Axis{Label: tr.T("sop.values.axis_day"), Format: func(x float64) string {
		return first.AddDays(int(math.Round(x))).String()[5:]
	}}
	y := widgets.Axis{Label: v.Label}
	switch v.Type {
	case app.FieldMoney:
		y.Label = tr.T("sop.values.axis_money", "Label", v.Label, "Currency", currency)
	case app.FieldPercent:
		y.Label = tr.T("sop.values.axis_percent", "Label", v.Label)
	}
	d.Y = y
	d.Hover = func(x float64) string {
		day := first.AddDays(int(math.Round(x)))
		for i, vx := range xs {
			if int(vx) == int(day-first) {
				return tr.T("sop.values.hover", "Day", day.String(), "Value", app.FormatNumber(ys[i], decimals(ys[i])))
			}
		}
		return day.String()
	}
	return d
}
