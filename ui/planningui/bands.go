package planningui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// objectiveWidth is the width of the objective choice.
const objectiveWidth = 200

// bandsPanel compares product ideas (the scenario's lines, each funded
// alone by the whole capital) by price band and ranks them by what the
// founder is after: sales scale, margin, cash turnover or a product line.
type bandsPanel struct {
	p    *Screen
	root fyne.CanvasObject

	objective *widget.Select
	msg       *widgets.Paragraph
	ranking   *widgets.TextTable
	reasons   *fyne.Container
	bandTable *widgets.TextTable
	body      *fyne.Container

	dirty  bool
	rc     *ui.Latest
	ranked []planning.Ranked // the ranking on screen, for export
}

func newBandsPanel(p *Screen) *bandsPanel {
	tr := p.tr
	b := &bandsPanel{p: p, dirty: true}
	b.rc = p.env.NewLatest(ui.RecomputeDelay)
	labels := make([]string, len(objectives))
	for i, o := range objectives {
		labels[i] = tr.T("planning.objective." + string(o))
	}
	b.objective = widget.NewSelect(labels, func(string) {
		b.dirty = true
		if p.tabs != nil && p.tabs.SelectedIndex() == planTabBands {
			b.refresh()
		}
	})
	b.msg = ui.StatusLabel()
	b.msg.Importance = widget.DangerImportance
	b.msg.Hide()
	b.ranking = widgets.NewTextTable()
	b.ranking.FitRows(maxLineRows)
	b.reasons = container.NewVBox()
	b.bandTable = widgets.NewTextTable()
	b.bandTable.FitRows(len(planning.Bands()))
	hint := ui.WrapLabel(tr.T("planning.bands.hint"))
	controls := container.NewHBox(widget.NewLabel(tr.T("planning.bands.objective")), ui.FixedWidth(objectiveWidth, b.objective))
	b.body = container.NewVBox(
		ui.SectionLabel(tr.T("planning.bands.ranking")),
		b.ranking,
		b.reasons,
		ui.SectionLabel(tr.T("planning.bands.by_band")),
		b.bandTable,
	)
	top := container.NewVBox(controls, hint, b.msg)
	b.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(b.body)))
	b.objective.SetSelectedIndex(0)
	return b
}

func (b *bandsPanel) objectiveKey() planning.Objective {
	return objectives[max(0, b.objective.SelectedIndex())]
}

// refresh ranks the ideas off the UI thread.
func (b *bandsPanel) refresh() {
	p, tr := b.p, b.p.tr
	s, ok := p.current()
	if !ok {
		return
	}
	obj := b.objectiveKey()
	b.dirty = false
	builtins := p.builtins
	b.rc.Run(func(ctx context.Context) func() {
		ranked, err := planning.RankIdeas(s, s.Lines, builtins, obj)
		if err != nil {
			msgs := planningErrorLines(tr, err)
			return func() {
				b.msg.SetText(strings.Join(msgs, "\n"))
				b.msg.Show()
			}
		}
		rankView, reasons := rankingTableData(tr, ranked)
		bandView := bandTableData(tr, ranked)
		return func() {
			b.msg.Hide()
			b.ranked = ranked
			b.ranking.SetData(rankView)
			b.bandTable.SetData(bandView)
			b.reasons.RemoveAll()
			for _, r := range reasons {
				b.reasons.Add(ui.WrapLabel(r))
			}
			b.body.Refresh()
		}
	})
}

// rankingTableData lists the ranked ideas and each one's reason.
func rankingTableData(tr *ui.Translator, ranked []planning.Ranked) (widgets.TableData, []string) {
	d := widgets.TableData{Header: []string{
		tr.T("planning.col.rank"), tr.T("planning.col.idea"), tr.T("planning.col.band"), tr.T("planning.col.price_usd"),
		tr.T("planning.col.products_supported"), tr.T("planning.col.margin_pct"), tr.T("planning.col.cash_conversion_days"),
		tr.T("planning.col.return_pct"), tr.T("planning.col.verdict"),
	}}
	d.Right = []bool{true, false, false, true, true, true, true, true, false}
	var reasons []string
	for i, r := range ranked {
		margin := 0.0
		if len(r.Result.Lines) > 0 {
			margin = r.Result.Lines[0].MarginPct
		}
		// Annualized, over the period or n/a, as the key figure says.
		ret, _ := figureOf(planning.KeyFigures(r.Result), planning.FigAnnualizedReturn)
		d.Rows = append(d.Rows, []string{
			app.FormatNumber(float64(r.Reason.Rank), 0), lineName(tr, r.Name, r.Index), bandLabel(tr, r.Band.Code()),
			"$" + app.FormatNumber(r.PriceUSD, 2), app.FormatNumber(float64(r.Result.ProductsSupported), 0), app.FormatPct(margin),
			app.FormatNumber(r.Result.CashConversionDays, 1), figureValue(tr, ret, r.Result), verdictHeadline(tr, r.Result.Verdict),
		})
		next := ""
		if i+1 < len(ranked) {
			next = lineName(tr, ranked[i+1].Name, ranked[i+1].Index)
		}
		reasons = append(reasons, rankReasonText(tr, r.Reason, lineName(tr, r.Name, r.Index), next))
	}
	return d, reasons
}

// bandTableData summarises the ideas per price band.
func bandTableData(tr *ui.Translator, ranked []planning.Ranked) widgets.TableData {
	t := planning.BandTable(ranked)
	d := widgets.TableData{Header: []string{
		tr.T("planning.col.band"), tr.T("planning.col.ideas"), tr.T("planning.col.best"),
		tr.T("planning.col.mean_margin_pct"), tr.T("planning.col.max_products_supported"),
	}}
	d.Right = []bool{false, true, false, true, true}
	for _, row := range t.Rows {
		count := row[1].Number
		best, margin, most := "—", "—", "—"
		if count > 0 {
			best = row[2].Text
			for _, r := range ranked {
				if float64(r.Reason.Rank) == row[3].Number {
					best = lineName(tr, r.Name, r.Index)
				}
			}
			margin, most = app.FormatPct(row[4].Number), app.FormatNumber(row[5].Number, 0)
		}
		d.Rows = append(d.Rows, []string{bandLabel(tr, row[0].Text), app.FormatNumber(count, 0), best, margin, most})
	}
	return d
}
