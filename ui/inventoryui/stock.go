package inventoryui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// stockRow is one SKU as the Stock table shows it, texts formatted off
// the UI thread.
type stockRow struct {
	sku, title                                          string
	fba, inbound, transit, local, overseas, ordered     string
	velocity, cover, stockout, status, snapshot, supply string
	negative, urgent                                    bool
	r                                                   data.ReorderRow
}

// stockTab is stock by SKU and location, low stock first: Amazon's count
// at FBA (from the newest snapshot, less what sold since), what is on its
// way, in the warehouses and on order; with days of cover and the
// stock-out date. Selecting a SKU opens its detail.
type stockTab struct {
	s     *Screen
	root  fyne.CanvasObject
	table *widgets.PagedTable[stockRow]
	note  *widget.Label
}

// Widths of the Stock table's columns.
const (
	skuWidth    = 130
	titleWidth  = 220
	numberWidth = 84
	dayWidth    = 100
	statusWidth = 110
)

func newStockTab(s *Screen) *stockTab {
	tr := s.tr
	t := &stockTab{s: s, note: widget.NewLabel("")}
	t.note.Truncation = fyne.TextTruncateEllipsis
	warn := func(r stockRow) widget.Importance {
		if r.negative {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	urgent := func(r stockRow) widget.Importance {
		if r.urgent {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	num := func(label string, sort string, text func(stockRow) string, value func(stockRow) int) widgets.Column[stockRow] {
		return widgets.Column[stockRow]{Label: label, Width: numberWidth, Align: fyne.TextAlignTrailing, Sort: sort, Text: text,
			Importance: warn, Value: func(r stockRow) any { return value(r) }}
	}
	var statusOpts []widgets.Option
	for _, st := range statusChoices(tr) {
		statusOpts = append(statusOpts, widgets.Option{Value: st, Label: statusLabel(tr, st)})
	}
	t.table = widgets.NewPagedTable(tableConfig(s, tr.T("inventory.tab.stock"), widgets.PagedTableConfig[stockRow]{
		Columns: []widgets.Column[stockRow]{
			{Label: tr.T("inventory.col.sku"), Width: skuWidth, Sort: app.InventorySortSKU, Text: func(r stockRow) string { return r.sku }, Importance: warn},
			{Label: tr.T("inventory.col.title"), Width: titleWidth, Sort: app.InventorySortTitle, Text: func(r stockRow) string { return r.title }},
			{Label: tr.T("inventory.col.status"), Width: statusWidth, Sort: app.InventorySortStatus, Text: func(r stockRow) string { return r.status }, Importance: urgent},
			{Label: tr.T("inventory.col.cover"), Width: numberWidth, Align: fyne.TextAlignTrailing, Sort: app.InventorySortCover,
				Text: func(r stockRow) string { return r.cover }, Importance: urgent},
			{Label: tr.T("inventory.col.stockout"), Width: dayWidth, Sort: app.InventorySortStockout, Text: func(r stockRow) string { return r.stockout }, Importance: urgent},
			{Label: tr.T("inventory.col.velocity"), Width: numberWidth, Align: fyne.TextAlignTrailing, Sort: app.InventorySortVelocity,
				Text: func(r stockRow) string { return r.velocity }, Value: func(r stockRow) any { return r.r.Velocity }},
			num(tr.T("inventory.col.fba"), app.InventorySortFBA, func(r stockRow) string { return r.fba }, func(r stockRow) int { return r.r.FBAFulfillable }),
			num(tr.T("inventory.col.inbound"), "", func(r stockRow) string { return r.inbound }, func(r stockRow) int { return r.r.FBAInbound }),
			num(tr.T("inventory.col.transit"), "", func(r stockRow) string { return r.transit }, func(r stockRow) int { return r.r.InTransit }),
			num(tr.T("inventory.col.local"), "", func(r stockRow) string { return r.local }, func(r stockRow) int { return r.r.Local }),
			num(tr.T("inventory.col.overseas"), "", func(r stockRow) string { return r.overseas }, func(r stockRow) int { return r.r.Overseas }),
			num(tr.T("inventory.col.ordered"), "", func(r stockRow) string { return r.ordered }, func(r stockRow) int { return r.r.Ordered }),
			num(tr.T("inventory.col.supply"), app.InventorySortSupply, func(r stockRow) string { return r.supply }, func(r stockRow) int { return r.r.Supply }),
			{Label: tr.T("inventory.col.snapshot"), Width: dayWidth, Text: func(r stockRow) string { return r.snapshot }},
		},
		Filters: []widgets.Filter{
			{Key: app.InventoryFilterStatus, Label: tr.T("inventory.col.status"), Options: statusOpts},
			{Key: app.InventoryFilterNegative, Label: tr.T("inventory.filter.negative"), Options: []widgets.Option{{Value: "1", Label: tr.T("inventory.filter.negative_only")}}},
		},
		Search: true,
		Sort:   app.InventorySortCover,
		Load:   t.page,
		ID:     func(r stockRow) string { return r.sku },
		OnSelected: func(sku string) {
			s.showSKU(sku)
		},
	}))
	hint := ui.WrapLabel(tr.T("inventory.stock.hint"))
	t.root = container.NewBorder(container.NewPadded(container.NewVBox(hint, t.note)), nil, nil, nil, t.table)
	return t
}

// page loads one page of the Stock table; the first page brings the
// figures up to date first.
func (t *stockTab) page(ctx context.Context, q app.ListQuery) ([]stockRow, int, error) {
	rows, total, err := t.s.loadFigures(ctx, q)
	out := make([]stockRow, len(rows))
	for i, r := range rows {
		out[i] = t.row(r)
	}
	return out, total, err
}

func (t *stockTab) row(r data.ReorderRow) stockRow {
	tr := t.s.tr
	out := stockRow{sku: r.SKU, title: r.Title, fba: units(r.FBAFulfillable), inbound: units(r.FBAInbound), transit: units(r.InTransit),
		local: units(r.Local), overseas: units(r.Overseas), ordered: units(r.Ordered), supply: units(r.Supply),
		velocity: app.FormatNumber(r.Velocity, 1), cover: coverText(tr, r.FBACover), stockout: dayText(r.StockoutDay),
		status: statusLabel(tr, r.Status), snapshot: dayText(r.SnapshotDay), negative: r.Negative,
		urgent: r.Status == "order_now" || (r.FBACover < 14 && r.Velocity > 0), r: r}
	if r.Negative {
		out.sku = tr.T("inventory.negative_mark", "SKU", r.SKU)
	}
	return out
}

func (t *stockTab) load() {
	t.s.env.Background(func(st *data.Store) func() {
		day, err := refreshFigures(t.s.env.Context(), st)
		return func() {
			if err != nil {
				t.note.SetText(t.s.env.ErrorText(err))
				return
			}
			t.note.SetText(t.s.tr.T("inventory.stock.day", "Day", day.String()))
			t.table.Reload()
		}
	})
}

// loadFigures is the Load of the tables over the reorder figures: the
// first page of a query brings them up to date first. It runs off the UI
// thread, as a table's Load does.
func (s *Screen) loadFigures(ctx context.Context, q app.ListQuery) ([]data.ReorderRow, int, error) {
	st, err := s.openStore()
	if err != nil {
		return nil, 0, err
	}
	if q.After == "" && q.Offset == 0 {
		if _, err := refreshFigures(ctx, st); err != nil {
			return nil, 0, err
		}
	}
	return st.ListInventory(ctx, q)
}

// bandLabel names a price band.
func bandLabel(set app.InventorySettings, band int, currency string) string {
	return set.PriceBands.Label(band, currency)
}

// itoa writes an int.
func itoa(n int) string { return strconv.Itoa(n) }
