package serviceui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/reports"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The weekly statistics for the weekly review (复盘): what came in and
// why, how fast buyers were answered against the targets, which SKUs draw
// negative reviews and returns, what buyers said. One office week at a
// time (Monday to Sunday), exportable to XLSX.

// chartHeight is the height of each chart.
const chartHeight = 220

type statsTab struct {
	s    *Screen
	root fyne.CanvasObject

	week    app.Date // the Monday shown; zero until the first load
	label   *widget.Label
	summary *widgets.Paragraph
	byType  *widgets.Chart // cases by day
	first   *widgets.Chart
	tables  *fyne.Container
	stats   data.ServiceStats
}

func newStatsTab(s *Screen) *statsTab {
	tr := s.tr
	st := &statsTab{s: s, label: widget.NewLabel(""), summary: ui.StatusLabel()}
	st.byType = widgets.NewChart(widgets.Data{NoData: tr.T("service.stats.no_data")})
	st.first = widgets.NewChart(widgets.Data{NoData: tr.T("service.stats.no_data")})
	st.tables = container.NewVBox()
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { st.move(-7) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { st.move(7) })
	export := widget.NewButtonWithIcon(tr.T("service.stats.export"), theme.DocumentSaveIcon(), st.export)
	nav := container.NewHBox(prev, st.label, next)
	top := container.NewBorder(nil, nil, ui.Heading(tr.T("service.tab.stats")), export, container.NewCenter(nav))
	charts := container.NewGridWithColumns(2,
		container.NewBorder(ui.SectionLabel(tr.T("service.stats.by_day")), nil, nil, nil, ui.AtLeast(fyne.NewSize(0, chartHeight), st.byType)),
		container.NewBorder(ui.SectionLabel(tr.T("service.stats.first_by_day")), nil, nil, nil, ui.AtLeast(fyne.NewSize(0, chartHeight), st.first)))
	body := container.NewVBox(st.summary, charts, st.tables)
	st.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	return st
}

func (st *statsTab) move(days int) {
	st.week = st.week.AddDays(days)
	st.load()
}

func (st *statsTab) load() {
	s := st.s
	if st.week.IsZero() {
		// The weekly review looks back at the last whole week.
		today := s.cfg.Calendar.Today(time.Now())
		st.week = today.AddDays(-((int(today.Weekday()) + 6) % 7) - 7)
	}
	from, to := st.week, st.week.AddDays(6)
	st.label.SetText(s.tr.T("service.stats.week", "From", from.String(), "To", to.String()))
	s.env.Background(func(store *data.Store) func() {
		stats, err := store.ServiceStats(s.env.Context(), from, to, time.Now())
		return func() {
			if err != nil {
				s.showError(s.tr.T("service.load_failed"), err)
				return
			}
			st.show(stats)
		}
	})
}

func (st *statsTab) show(x data.ServiceStats) {
	st.stats = x
	tr := st.s.tr
	st.summary.SetText(tr.T("service.stats.summary", "Count", x.Cases))
	// The week day by day: cases that came in, and first answers on time
	// and late.
	n := len(x.Days)
	cases, on, late := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, d := range x.Days {
		cases[i], on[i], late[i] = float64(d.Cases), float64(d.OnTime), float64(d.Late)
	}
	days := x.Days
	dayAxis := widgets.Axis{Format: func(v float64) string {
		return indexLabel(v, len(days), func(i int) string {
			return tr.T("service.stats.day", "Weekday", tr.T(fmt.Sprintf("service.weekday_short.%d", days[i].Day.Weekday())), "Date", days[i].Day.String()[5:])
		})
	}}
	noData := tr.T("service.stats.no_data")
	if x.Cases == 0 {
		cases, on, late = nil, nil, nil // an empty week says so instead of drawing zeros
	}
	st.byType.SetData(widgets.Data{
		Series: []widgets.Series{{Name: tr.T("service.stats.cases"), Kind: widgets.KindBar, Y: cases}},
		X:      dayAxis, Y: widgets.Axis{Label: tr.T("service.stats.cases")}, NoData: noData,
	})
	st.first.SetData(widgets.Data{
		Series: []widgets.Series{
			{Name: tr.T("service.stats.on_time"), Kind: widgets.KindBar, Y: on},
			{Name: tr.T("service.stats.late"), Kind: widgets.KindBar, Y: late, Color: theme.Color(theme.ColorNameError)},
		},
		X: dayAxis, Y: widgets.Axis{Label: tr.T("service.stats.cases")}, NoData: noData,
	})
	// Narrow tables two by two; wide ones across.
	small := container.NewGridWithColumns(2)
	var wide []fyne.CanvasObject
	for _, sh := range st.sheets() {
		box := container.NewVBox(ui.SectionLabel(sh.Name), sheetGrid(tr, sh))
		if len(sh.Header) <= 3 {
			small.Add(box)
		} else {
			wide = append(wide, box)
		}
	}
	st.tables.Objects = append([]fyne.CanvasObject{small}, wide...)
	st.tables.Refresh()
}

// indexLabel names the bar at x (0, 1, 2…), blank between bars.
func indexLabel(v float64, n int, name func(int) string) string {
	i := int(v + 0.5)
	if v != float64(i) || i < 0 || i >= n {
		return ""
	}
	return name(i)
}

// sheetGrid shows a sheet as a grid of labels (at most maxGridRows rows).
func sheetGrid(tr *ui.Translator, sh reports.Sheet) fyne.CanvasObject {
	if len(sh.Rows) == 0 {
		return widget.NewLabel(tr.T("service.stats.none"))
	}
	cols := len(sh.Header)
	cells := make([]fyne.CanvasObject, 0, cols*(len(sh.Rows)+1))
	for _, h := range sh.Header {
		cells = append(cells, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for i, row := range sh.Rows {
		if i == maxGridRows {
			break
		}
		for c := 0; c < cols; c++ {
			text := ""
			if c < len(row) && row[c] != nil {
				text = fmt.Sprint(row[c])
			}
			l := widget.NewLabel(text)
			l.Truncation = fyne.TextTruncateEllipsis
			cells = append(cells, l)
		}
	}
	grid := container.NewGridWithColumns(cols, cells...)
	if len(sh.Rows) > maxGridRows {
		return container.NewVBox(grid, widget.NewLabel(tr.T("service.stats.more", "Count", len(sh.Rows)-maxGridRows)))
	}
	return grid
}

// maxGridRows bounds the rows a table on the screen shows (the export has
// them all).
const maxGridRows = 15

// sheets are the statistics as tables, with translated headers and
// values: shown on the screen and exported.
func (st *statsTab) sheets() []reports.Sheet {
	x, tr := st.stats, st.s.tr
	counts := func(name, keyHead, prefix string, cs []data.StatCount) reports.Sheet {
		sh := reports.Sheet{Name: name, Header: []string{keyHead, tr.T("service.stats.cases")}}
		for _, c := range cs {
			label := c.Key
			switch {
			case prefix != "" && c.Key == "":
				label = tr.T(prefix + "none")
			case prefix != "":
				label = tr.T(prefix + c.Key)
			}
			sh.Rows = append(sh.Rows, []any{label, c.N})
		}
		return sh
	}
	fr := reports.Sheet{Name: tr.T("service.stats.first_response"), Header: []string{
		tr.T("service.col.channel"), tr.T("service.stats.target"), tr.T("service.stats.cases"), tr.T("service.stats.answered"),
		tr.T("service.stats.on_time"), tr.T("service.stats.late"), tr.T("service.stats.median"), tr.T("service.stats.average")}}
	for _, f := range x.FirstResponse {
		target := tr.T("service.sla.none")
		if f.Target.Minutes > 0 {
			target = tr.T("service.stats.target_hours", "Hours", ui.FormatInput(float64(f.Target.Minutes)/60), "Basis", tr.T("service.basis."+string(f.Target.Basis)))
		}
		fr.Rows = append(fr.Rows, []any{tr.T("service.channel." + string(f.Channel)), target, f.Cases, f.Answered, f.OnTime, f.Late,
			minutesText(tr, f.MedianMinutes, f.Answered), minutesText(tr, f.AvgMinutes, f.Answered)})
	}
	reasons := func(name string, rs []data.SKUReasons) reports.Sheet {
		sh := reports.Sheet{Name: name, Header: []string{tr.T("service.col.sku"), tr.T("service.stats.cases"), tr.T("service.stats.reasons")}}
		for _, r := range rs {
			var parts []string
			for _, c := range r.Reasons {
				label := tr.T("service.cause.none")
				if c.Key != "" {
					label = tr.T("service.cause." + c.Key)
				}
				parts = append(parts, fmt.Sprintf("%s %d", label, c.N))
			}
			sh.Rows = append(sh.Rows, []any{r.SKU, r.N, strings.Join(parts, tr.T("list.separator"))})
		}
		return sh
	}
	fba := reports.Sheet{Name: tr.T("service.stats.fba_returns"), Header: []string{tr.T("service.col.sku"), tr.T("service.stats.reason"),
		tr.T("service.stats.units"), tr.T("service.stats.return_lines")}}
	for _, r := range x.FBAReturns {
		reason := r.Reason
		if reason == "" {
			reason = tr.T("service.cause.none")
		}
		fba.Rows = append(fba.Rows, []any{r.SKU, reason, r.Units, r.Returns})
	}
	voice := reports.Sheet{Name: tr.T("service.stats.voice"), Header: []string{tr.T("service.col.sku"), tr.T("service.col.created"),
		tr.T("service.col.customer"), tr.T("service.stats.comment")}}
	for _, v := range x.Voice {
		voice.Rows = append(voice.Rows, []any{v.SKU, v.At.In(st.s.loc()).Format(ui.MinuteLayout), v.Customer, v.Text})
	}
	return []reports.Sheet{
		counts(tr.T("service.stats.by_type"), tr.T("service.col.type"), "service.type.", x.ByType),
		counts(tr.T("service.stats.by_channel"), tr.T("service.col.channel"), "service.channel.", x.ByChannel),
		counts(tr.T("service.stats.by_cause"), tr.T("field.case.root_cause"), "service.cause.", x.ByRootCause),
		counts(tr.T("service.stats.by_resolution"), tr.T("field.case.resolution"), "service.resolution.", x.ByResolution),
		counts(tr.T("service.stats.by_sku"), tr.T("service.col.sku"), "", x.BySKU),
		fr,
		reasons(tr.T("service.stats.negative_reviews"), x.NegativeReviews),
		reasons(tr.T("service.stats.returns"), x.Returns),
		fba,
		voice,
	}
}

func minutesText(tr *ui.Translator, m, answered int) string {
	if answered == 0 {
		return "—"
	}
	return durationText(tr, time.Duration(m)*time.Minute)
}

// export writes the week's statistics to an XLSX file the user picks.
func (st *statsTab) export() {
	s, tr := st.s, st.s.tr
	sheets := st.sheets()
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError(tr.T("service.export.failed"), err)
			return
		}
		if w == nil {
			return
		}
		s.env.Go(func() {
			err := errors.Join(reports.WriteXLSX(w, sheets...), w.Close())
			if err != nil {
				_ = storage.Delete(w.URI())
				s.env.Do(func() { s.showError(tr.T("service.export.failed"), err) })
			}
		})
	}, s.env.Window())
	save.SetFileName(tr.T("service.stats.file", "From", st.stats.From.String()) + ".xlsx")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	save.Show()
}
