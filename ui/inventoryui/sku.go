package inventoryui

import (
	"context"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The SKU detail: its figures and plan, the daily sales with the days
// it was out of stock marked, the projection of its FBA stock with and
// without the suggested order, and its ledger (every movement and
// shipment leg, at every location).

// projectionDays is how far the stock projection looks.
const projectionDays = 120

// skuDetail is what the detail shows, read off the UI thread.
type skuDetail struct {
	plan      planning.InventoryPlan
	proj      planning.StockProjection
	day       app.Date
	balances  []data.StockBalance
	product   app.Product
	hasPlan   bool
	modeNames []string
}

// Colours of the detail charts.
var (
	stockOutColor = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}
	orderColor    = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
)

// showSKU opens a SKU's detail.
func (s *Screen) showSKU(sku string) {
	if sku == "" {
		return
	}
	tr := s.tr
	figures := ui.WrapLabel(tr.T("status.loading"))
	sales := widgets.NewChart(widgets.Data{NoData: tr.T("status.loading")})
	proj := widgets.NewChart(widgets.Data{NoData: tr.T("status.loading")})
	where := ui.WrapLabel("")
	ledger := s.ledgerTable(sku)
	add := widget.NewButtonWithIcon(tr.T("inventory.sku.add_movement"), theme.ContentAddIcon(), func() { s.editMovement(sku, ledger.Reload) })
	edit := widget.NewButtonWithIcon(tr.T("inventory.sku.edit_product"), theme.DocumentCreateIcon(), func() {
		if p, ok := s.product(sku); ok {
			s.editProduct(p, false)
		}
	})
	charts := container.NewGridWithColumns(2,
		container.NewBorder(ui.SectionLabel(tr.T("inventory.sku.sales")), nil, nil, nil, sales),
		container.NewBorder(ui.SectionLabel(tr.T("inventory.sku.projection")), nil, nil, nil, proj))
	top := container.NewVBox(figures, where, container.NewHBox(add, edit))
	returns := container.NewVBox(widget.NewLabel(tr.T("status.loading")))
	lower := container.NewAppTabs(container.NewTabItem(tr.T("inventory.sku.ledger"), ledger),
		container.NewTabItem(tr.T("inventory.sku.returns"), container.NewVScroll(returns)))
	body := container.NewVSplit(container.NewBorder(top, nil, nil, nil, charts), lower)
	body.Offset = 0.62
	size := s.env.Window().Canvas().Size()
	d := dialog.NewCustom(tr.T("inventory.sku.title", "SKU", sku), tr.T("action.close"), body, s.env.Window())
	d.Resize(fyne.NewSize(size.Width*0.92, size.Height*0.9))
	d.Show()
	s.loadSKUReturns(sku, returns, d)

	s.env.Background(func(st *data.Store) func() {
		det, err := loadSKU(s.env.Context(), st, sku)
		return func() {
			if err != nil {
				figures.SetText(s.env.ErrorText(err))
				return
			}
			figures.SetText(s.skuFigures(det))
			where.SetText(s.skuWhere(det))
			sales.SetData(s.salesChart(det))
			proj.SetData(s.projectionChart(det))
		}
	})
}

// loadSKU reads a SKU's inputs and plans it, off the UI thread.
func loadSKU(ctx context.Context, st *data.Store, sku string) (skuDetail, error) {
	var det skuDetail
	day, err := st.PlanDay(ctx)
	if err != nil {
		return det, err
	}
	d, err := st.ReorderDataFor(ctx, day, sku)
	if err != nil {
		return det, err
	}
	det.day = day
	if det.balances, err = st.SKUBalances(ctx, sku); err != nil {
		return det, err
	}
	if len(d.Inputs) == 0 {
		return det, nil // not in the catalog: its ledger only
	}
	cfg := planning.InventoryConfig(d.Settings, d.Modes, d.Measured)
	det.plan = planning.PlanInventory(d.Inputs, cfg, day)[0]
	det.proj = planning.ProjectStock(det.plan, cfg.Modes, day, d.Settings, projectionDays)
	det.product, det.hasPlan = d.Inputs[0].Product, true
	return det, nil
}

// skuFigures are the SKU's figures in a sentence or two.
func (s *Screen) skuFigures(det skuDetail) string {
	tr := s.tr
	if !det.hasPlan {
		return tr.T("inventory.sku.not_in_catalog")
	}
	p, m := det.plan, det.plan.ChosenMode()
	st := p.Input.Stock
	if p.Velocity <= 0 {
		return tr.T("inventory.sku.no_sales", "Title", det.product.Title, "Supply", units(p.Supply))
	}
	lead := app.FormatNumber(m.LeadDays, 1)
	if m.Measured {
		lead = tr.T("inventory.sku.measured", "Days", lead, "Count", m.Shipments)
	}
	return tr.T("inventory.sku.figures", "Title", det.product.Title, "Velocity", app.FormatNumber(p.Velocity, 1),
		"Sigma", app.FormatNumber(p.Sigma, 1), "FBA", units(st.FBAFulfillable), "Cover", coverText(tr, p.FBACoverDays),
		"Stockout", dayText(p.StockoutDate), "Supply", units(p.Supply), "Status", statusLabel(tr, string(p.Status)),
		"Mode", modeLabel(tr, m.Mode), "Lead", lead, "SS", units(m.SafetyStock), "ROP", units(m.ReorderPoint),
		"Qty", units(m.Qty), "OrderBy", dayText(m.OrderBy))
}

// skuWhere lists the ledger's balance at each location.
func (s *Screen) skuWhere(det skuDetail) string {
	tr := s.tr
	var parts []string
	for _, b := range det.balances {
		name := b.LocationID
		if l, ok := s.location(b.LocationID); ok {
			name = ui.LocationLabel(tr, l)
		}
		parts = append(parts, tr.T("inventory.sku.balance", "Location", name, "Units", units(b.Qty)))
	}
	if len(parts) == 0 {
		return tr.T("inventory.sku.no_ledger")
	}
	out := tr.T("inventory.sku.ledger_balances")
	for i, p := range parts {
		if i > 0 {
			out += tr.T("list.separator")
		}
		out += p
	}
	return out
}

// salesChart shows the daily units of the last 90 days, with the days
// the SKU had no FBA stock marked.
func (s *Screen) salesChart(det skuDetail) widgets.Data {
	tr := s.tr
	d := widgets.Data{NoData: tr.T("inventory.sku.no_history"), X: widgets.Axis{Label: tr.T("inventory.chart.days_ago")},
		Y: widgets.Axis{Label: tr.T("inventory.chart.units")}}
	if !det.hasPlan {
		return d
	}
	h := det.plan.Input.Sales
	n := len(h.Units)
	show := min(n, 90)
	xs := make([]float64, show)
	ys := make([]float64, show)
	var outX, outY []float64
	for i := 0; i < show; i++ {
		k := n - show + i
		xs[i] = float64(k - n) // days before the plan's day: -90..-1
		ys[i] = h.Units[k]
		if k < len(h.InStock) && !h.InStock[k] {
			outX = append(outX, xs[i])
			outY = append(outY, 0)
		}
	}
	d.Series = []widgets.Series{{Name: tr.T("inventory.chart.sold"), Kind: widgets.KindBar, X: xs, Y: ys}}
	if len(outX) > 0 {
		d.Markers = []widgets.Markers{{Name: tr.T("inventory.chart.stockout"), Shape: widgets.ShapeSquare, Color: stockOutColor, X: outX, Y: outY}}
	}
	if v := det.plan.Velocity; v > 0 {
		d.Lines = []widgets.RefLine{{Label: tr.T("inventory.chart.velocity", "Velocity", app.FormatNumber(v, 1)), Y: v}}
	}
	return d
}

// projectionChart shows the FBA stock of the coming days with and
// without ordering the suggested quantity today.
func (s *Screen) projectionChart(det skuDetail) widgets.Data {
	tr := s.tr
	d := widgets.Data{NoData: tr.T("inventory.sku.no_projection"), X: widgets.Axis{Label: tr.T("inventory.chart.days_ahead")},
		Y: widgets.Axis{Label: tr.T("inventory.chart.units")}}
	if !det.hasPlan || det.plan.Velocity <= 0 {
		return d
	}
	d.Series = []widgets.Series{{Name: tr.T("inventory.chart.without_order"), Y: det.proj.Without}}
	if det.proj.OrderQty > 0 {
		d.Series = append(d.Series, widgets.Series{Name: tr.T("inventory.chart.with_order", "Qty", units(det.proj.OrderQty)),
			Y: det.proj.With, Color: orderColor, Dashed: true})
		d.Markers = []widgets.Markers{{Name: tr.T("inventory.chart.order_arrives"), Shape: widgets.ShapeTriangleUp, Color: orderColor,
			X: []float64{float64(det.proj.OrderArrives)}, Y: []float64{at(det.proj.With, det.proj.OrderArrives)}}}
	}
	m := det.plan.ChosenMode()
	d.Lines = []widgets.RefLine{{Label: tr.T("inventory.chart.safety", "Units", units(m.SafetyStock)), Y: float64(m.SafetyStock)}}
	return d
}

func at(v []float64, i int) float64 {
	if i < 0 || i >= len(v) {
		return math.NaN()
	}
	return v[i]
}

// ledgerRow is one movement as the ledger shows it.
type ledgerRow struct {
	id, day, where, kind, qty, ref, note string
	out                                  bool
}

// ledgerTable is a SKU's ledger, newest first.
func (s *Screen) ledgerTable(sku string) *widgets.PagedTable[ledgerRow] {
	tr := s.tr
	return widgets.NewPagedTable(tableConfig(s, tr.T("inventory.sku.ledger"), widgets.PagedTableConfig[ledgerRow]{
		Columns: []widgets.Column[ledgerRow]{
			{Label: tr.T("inventory.col.day"), Width: dayWidth, Sort: app.MovementSortDay, Text: func(r ledgerRow) string { return r.day }},
			{Label: tr.T("inventory.col.location"), Width: 150, Text: func(r ledgerRow) string { return r.where }},
			{Label: tr.T("inventory.col.kind"), Width: 150, Text: func(r ledgerRow) string { return r.kind }},
			{Label: tr.T("inventory.col.qty"), Width: numberWidth, Align: fyne.TextAlignTrailing, Text: func(r ledgerRow) string { return r.qty },
				Importance: func(r ledgerRow) widget.Importance {
					if r.out {
						return widget.WarningImportance
					}
					return widget.SuccessImportance
				}},
			{Label: tr.T("inventory.col.ref"), Width: 160, Text: func(r ledgerRow) string { return r.ref }},
			{Label: tr.T("inventory.col.note"), Width: 240, Text: func(r ledgerRow) string { return r.note }},
		},
		Sort: app.MovementSortDay, Desc: true,
		Load: func(ctx context.Context, q app.ListQuery) ([]ledgerRow, int, error) {
			st, err := s.openStore()
			if err != nil {
				return nil, 0, err
			}
			q.Filters = map[string]string{app.MovementFilterSKU: sku}
			ms, total, err := st.ListMovements(ctx, q)
			rows := make([]ledgerRow, len(ms))
			for i, m := range ms {
				rows[i] = s.ledgerRow(m)
			}
			return rows, total, err
		},
		ID: func(r ledgerRow) string { return r.id },
	}))
}

func (s *Screen) ledgerRow(m app.Movement) ledgerRow {
	tr := s.tr
	where := m.LocationID
	if l, ok := s.location(m.LocationID); ok {
		where = ui.LocationLabel(tr, l)
	} else if m.LocationID == app.TransitLocationID() {
		where = tr.T("location.transit")
	}
	kind := tr.T("inventory.move." + string(m.Kind))
	if m.Reason != "" {
		kind = tr.T("inventory.move.with_reason", "Kind", kind, "Reason", tr.T("inventory.reason."+string(m.Reason)))
	}
	qty := units(m.Qty)
	if m.Qty > 0 {
		qty = "+" + qty
	}
	return ledgerRow{id: m.ID, day: dayText(m.Day), where: where, kind: kind, qty: qty, ref: m.Ref, note: m.Note, out: m.Qty < 0}
}

// loadSKUReturns lists the SKU's returns from the FBA returns report into
// box, each with its case (or a button opening one).
func (s *Screen) loadSKUReturns(sku string, box *fyne.Container, d dialog.Dialog) {
	s.env.Background(func(st *data.Store) func() {
		rs, err := st.SKUReturns(s.env.Context(), sku)
		return func() {
			if err != nil {
				box.Objects = []fyne.CanvasObject{ui.WrapLabel(s.env.ErrorText(err))}
			} else {
				box.Objects = s.returnRows(rs, d)
			}
			box.Refresh()
		}
	})
}

// returnRows shows each return: when, how many, why, the buyer's
// comments, and its case: "case open" goes to it, "open case" makes it
// (one case per return, on every desk) and goes there.
func (s *Screen) returnRows(rs []data.FBAReturn, d dialog.Dialog) []fyne.CanvasObject {
	tr := s.tr
	if len(rs) == 0 {
		return []fyne.CanvasObject{ui.WrapLabel(tr.T("inventory.sku.no_returns"))}
	}
	rows := make([]fyne.CanvasObject, 0, 2*len(rs))
	for _, r := range rs {
		text := tr.T("inventory.sku.return_line", "Day", dayText(r.Day), "Units", units(r.Qty), "Reason", r.Reason,
			"Disposition", r.Disposition, "Order", r.OrderID)
		if r.Comments != "" {
			text += "\n" + tr.T("inventory.sku.return_comments", "Text", r.Comments)
		}
		var action *widget.Button
		if r.CaseID != "" {
			caseID := r.CaseID
			action = widget.NewButtonWithIcon(tr.T("inventory.sku.case_open"), theme.NavigateNextIcon(), func() {
				d.Hide()
				s.env.Navigate(ui.ScreenService.Tab(ui.CaseTab(caseID)))
			})
			action.Importance = widget.LowImportance
		} else {
			returnID := r.ID
			action = widget.NewButtonWithIcon(tr.T("inventory.sku.open_case"), theme.ContentAddIcon(), nil)
			action.OnTapped = func() { s.openReturnCase(returnID, action, d) }
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, action, ui.WrapLabel(text)), widget.NewSeparator())
	}
	return rows
}

// openReturnCase opens the case of a return, owned by whoever uses this
// desk, and shows it on the Service screen.
func (s *Screen) openReturnCase(returnID string, btn *widget.Button, d dialog.Dialog) {
	btn.Disable()
	s.env.Background(func(st *data.Store) func() {
		ctx := s.env.Context()
		me, _ := st.Me(ctx) // no profile yet: the case starts without an owner
		c, _, err := st.OpenReturnCase(ctx, returnID, me.ID)
		return func() {
			btn.Enable()
			if err != nil {
				s.env.ShowError(s.tr.T("inventory.sku.open_case_failed"), err)
				return
			}
			d.Hide()
			s.env.Navigate(ui.ScreenService.Tab(ui.CaseTab(c.ID)))
		}
	})
}
