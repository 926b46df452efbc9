package inventoryui

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// reorderRow is one SKU of the reorder plan, texts formatted off the UI
// thread: its figures, then its plan by each shipping mode.
type reorderRow struct {
	sku, title, status, velocity, supply, cover, stockout, mode string
	modes                                                       []string // by the table's mode columns
	urgent                                                      bool
	r                                                           data.ReorderRow
}

// reorderTab is the reorder plan (返单计划): every SKU with its figures
// and, side by side, what to order by each shipping mode (quantity,
// freight, arrival, cover after arrival, order-by date). The team picks
// the mode per SKU; a purchase order or a shipment is made from the plan.
type reorderTab struct {
	s      *Screen
	root   *fyne.Container
	table  *widgets.PagedTable[reorderRow]
	cols   []string // the mode columns the table was built with
	picked selection[data.ReorderRow]

	sel      *widget.Label
	pickMode *widget.Select
	newPO    *widget.Button
	newShip  *widget.Button
	open     *widget.Button
	choosing bool
}

// Width of a mode column of the plan.
const modeColumnWidth = 270

func newReorderTab(s *Screen) *reorderTab {
	tr := s.tr
	t := &reorderTab{s: s, sel: widget.NewLabel(tr.T("inventory.reorder.pick_sku"))}
	t.sel.Truncation = fyne.TextTruncateEllipsis
	t.pickMode = widget.NewSelect(nil, t.chooseMode)
	t.pickMode.PlaceHolder = tr.T("inventory.reorder.mode")
	t.newPO = widget.NewButtonWithIcon(tr.T("inventory.reorder.create_po"), theme.DocumentIcon(), t.createPO)
	t.newShip = widget.NewButtonWithIcon(tr.T("inventory.reorder.create_shipment"), theme.MailSendIcon(), t.createShipment)
	t.open = widget.NewButtonWithIcon(tr.T("inventory.reorder.open_sku"), theme.ZoomInIcon(), func() { s.showSKU(t.picked.value.SKU) })
	t.picked.buttons = []fyne.Disableable{t.pickMode, t.newPO, t.newShip, t.open}
	t.picked.enable()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(ui.FixedWidth(150, t.pickMode), t.newPO, t.newShip, t.open), t.sel)
	hint := ui.WrapLabel(tr.T("inventory.reorder.hint"))
	t.root = container.NewBorder(container.NewPadded(hint), container.NewPadded(bar), nil, nil, widget.NewLabel(tr.T("status.loading")))
	return t
}

// build makes the table for the office's modes (again when they change).
func (t *reorderTab) build(modes []string) {
	s, tr := t.s, t.s.tr
	t.cols = slices.Clone(modes)
	urgent := func(r reorderRow) widget.Importance {
		if r.urgent {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	cols := []widgets.Column[reorderRow]{
		{Label: tr.T("inventory.col.sku"), Width: skuWidth, Sort: app.InventorySortSKU, Text: func(r reorderRow) string { return r.sku }},
		{Label: tr.T("inventory.col.title"), Width: 180, Sort: app.InventorySortTitle, Text: func(r reorderRow) string { return r.title }},
		{Label: tr.T("inventory.col.status"), Width: statusWidth, Sort: app.InventorySortStatus, Text: func(r reorderRow) string { return r.status }, Importance: urgent},
		{Label: tr.T("inventory.col.velocity"), Width: numberWidth, Align: fyne.TextAlignTrailing, Sort: app.InventorySortVelocity,
			Text: func(r reorderRow) string { return r.velocity }, Value: func(r reorderRow) any { return r.r.Velocity }},
		{Label: tr.T("inventory.col.supply"), Width: numberWidth, Align: fyne.TextAlignTrailing, Sort: app.InventorySortSupply,
			Text: func(r reorderRow) string { return r.supply }, Value: func(r reorderRow) any { return r.r.Supply }},
		{Label: tr.T("inventory.col.total_cover"), Width: numberWidth, Align: fyne.TextAlignTrailing, Text: func(r reorderRow) string { return r.cover }},
		{Label: tr.T("inventory.col.stockout"), Width: dayWidth, Sort: app.InventorySortStockout, Text: func(r reorderRow) string { return r.stockout }},
		{Label: tr.T("inventory.col.team_mode"), Width: 90, Text: func(r reorderRow) string { return r.mode }},
	}
	for i, m := range modes {
		cols = append(cols, widgets.Column[reorderRow]{Label: tr.T("inventory.col.by_mode", "Mode", modeLabel(tr, m)), Width: modeColumnWidth,
			Text: func(r reorderRow) string { return r.modes[i] }})
	}
	var statusOpts []widgets.Option
	for _, st := range statusChoices(tr) {
		statusOpts = append(statusOpts, widgets.Option{Value: st, Label: statusLabel(tr, st)})
	}
	t.table = widgets.NewPagedTable(tableConfig(s, tr.T("inventory.tab.reorder"), widgets.PagedTableConfig[reorderRow]{
		Columns: cols,
		Filters: []widgets.Filter{{Key: app.InventoryFilterStatus, Label: tr.T("inventory.col.status"), Options: statusOpts}},
		Search:  true,
		Sort:    app.InventorySortStatus,
		Load: func(ctx context.Context, q app.ListQuery) ([]reorderRow, int, error) {
			rows, total, err := s.loadFigures(ctx, q)
			out := make([]reorderRow, len(rows))
			for i, r := range rows {
				out[i] = t.row(r, modes)
			}
			return out, total, err
		},
		ID: func(r reorderRow) string { return r.sku },
		OnSelected: func(sku string) {
			s.env.Background(func(st *data.Store) func() {
				r, err := st.ReorderRowOf(s.env.Context(), sku)
				return func() {
					if err == nil {
						t.pick(r)
					}
				}
			})
		},
	}))
	t.root.Objects[0] = t.table
	t.root.Refresh()
}

// row formats a SKU's plan; a mode cell reads "order 300 · ¥1,200 ·
// arrives 12-24 · 36 days after".
func (t *reorderTab) row(r data.ReorderRow, modes []string) reorderRow {
	tr := t.s.tr
	out := reorderRow{sku: r.SKU, title: r.Title, status: statusLabel(tr, r.Status), velocity: app.FormatNumber(r.Velocity, 1),
		supply: units(r.Supply), cover: coverText(tr, r.TotalCover), stockout: dayText(r.StockoutDay), mode: modeLabel(tr, r.Mode),
		urgent: r.Status == "order_now", r: r, modes: make([]string, len(modes))}
	for i, name := range modes {
		out.modes[i] = "–"
		for _, m := range r.Modes {
			if m.Mode != name || r.Velocity <= 0 {
				continue
			}
			freight := "–"
			if m.FreightCost > 0 {
				freight = app.FormatMajor(m.FreightCost, m.Currency)
			}
			if m.Qty <= 0 {
				out.modes[i] = tr.T("inventory.reorder.mode_later", "OrderBy", shortDay(m.OrderBy))
				continue
			}
			out.modes[i] = tr.T("inventory.reorder.mode_cell", "Qty", units(m.Qty), "Freight", freight,
				"Arrives", shortDay(m.Arrival), "Cover", app.FormatNumber(m.CoverAfterArrival, 0), "OrderBy", shortDay(m.OrderBy))
		}
	}
	return out
}

func (t *reorderTab) load() {
	if t.table == nil || !slices.Equal(t.cols, t.s.modes) {
		if len(t.s.modes) == 0 {
			return // the modes arrive with the screen's Load
		}
		t.build(t.s.modes)
		return
	}
	t.table.Reload()
}

// pick shows the selected SKU's plan in the bar.
func (t *reorderTab) pick(r data.ReorderRow) {
	tr := t.s.tr
	t.sel.SetText(tr.T("inventory.reorder.selected", "SKU", r.SKU, "Status", statusLabel(tr, r.Status)))
	cs := modeChoices(tr, t.s.modes)
	t.choosing = true
	t.pickMode.Options = cs.Labels()
	t.pickMode.SetSelected(cs.Label(r.Mode))
	t.choosing = false
	t.picked.set(r)
}

// chooseMode makes the chosen mode the SKU's: its status and order
// follow it from now on, on every desk.
func (t *reorderTab) chooseMode(label string) {
	if t.choosing || !t.picked.has {
		return
	}
	s := t.s
	mode := modeChoices(s.tr, s.modes).Value(label)
	sku := t.picked.value.SKU
	s.env.Background(func(st *data.Store) func() {
		p, err := st.ProductBySKU(s.env.Context(), sku)
		if err == nil && p.Mode != mode {
			p.Mode = mode
			err = st.UpdateProduct(s.env.Context(), p)
		}
		return func() {
			if err != nil {
				s.env.ShowError(s.tr.T("inventory.save_failed"), err)
				return
			}
			s.changed()
		}
	})
}

// suggested is the picked SKU's product and the quantity its plan by its
// mode suggests (the MOQ, at least one, when the plan orders nothing).
func (t *reorderTab) suggested() (app.Product, int, bool) {
	r := t.picked.value
	p, ok := t.s.product(r.SKU)
	qty := 0
	for _, m := range r.Modes {
		if m.Mode == r.Mode {
			qty = m.Qty
		}
	}
	if qty <= 0 {
		qty = max(p.MOQ, 1)
	}
	return p, qty, ok
}

// createPO opens a new purchase order for the picked SKU's suggested
// quantity, from its supplier at its unit cost.
func (t *reorderTab) createPO() {
	if p, qty, ok := t.suggested(); ok {
		t.s.newOrderFor(p, qty)
	}
}

// createShipment opens a new shipment of the picked SKU's suggested
// quantity by its mode, straight from the factory to its FBA warehouse.
func (t *reorderTab) createShipment() {
	if p, qty, ok := t.suggested(); ok {
		t.s.newShipmentFor(p, t.picked.value.Mode, qty)
	}
}

// exporter saves a table's whole result as XLSX, off the UI thread, and
// removes a half-written file after a failure or a cancel.
func (s *Screen) exporter(title string) func(x *widgets.Export) {
	return func(x *widgets.Export) {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				s.env.ShowError(s.tr.T("inventory.export_failed"), err)
				return
			}
			if w == nil {
				return
			}
			ctx, cancel := context.WithCancel(s.env.Context())
			p := s.env.ShowProgress(s.tr.T("inventory.exporting", "Title", title), true, cancel)
			s.env.Go(func() {
				n, err := x.Write(ctx, w, func(done, total int) {
					if total > 0 {
						s.env.Do(func() { p.SetValue(float64(done) / float64(total)) })
					}
				})
				err = errors.Join(err, w.Close())
				if err != nil {
					_ = storage.Delete(w.URI())
				}
				where := w.URI().Path()
				s.env.Do(func() {
					cancel()
					p.Done()
					if err != nil {
						s.env.ShowError(s.tr.T("inventory.export_failed"), err)
						return
					}
					s.env.Inform(s.tr.T("inventory.exported_title"), s.tr.T("inventory.exported", "Count", n, "Path", where))
				})
			})
		}, s.env.Window())
		d.SetFileName(x.Name)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
		d.Show()
	}
}
