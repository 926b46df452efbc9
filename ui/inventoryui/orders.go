package inventoryui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// orderRow is one purchase order as the table shows it.
type orderRow struct {
	id, number, status, supplier, ordered, due, skus, units, total, deposit, balance string
	overdue                                                                          bool
	po                                                                               app.PurchaseOrder
}

// ordersTab lists the purchase orders (newest first), makes and edits
// them, and receives their goods into a warehouse.
type ordersTab struct {
	s     *Screen
	root  fyne.CanvasObject
	table *widgets.PagedTable[orderRow]
	sel   selection[app.PurchaseOrder]
}

func newOrdersTab(s *Screen) *ordersTab {
	tr := s.tr
	t := &ordersTab{s: s}
	overdue := func(r orderRow) widget.Importance {
		if r.overdue {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	var statusOpts []widgets.Option
	for _, st := range app.POStatuses() {
		statusOpts = append(statusOpts, widgets.Option{Value: string(st), Label: tr.T("inventory.po." + string(st))})
	}
	money := func(label string, text func(orderRow) string, value func(orderRow) int64) widgets.Column[orderRow] {
		return widgets.Column[orderRow]{Label: label, Width: 150, Align: fyne.TextAlignTrailing, Text: text, Importance: overdue,
			Value: func(r orderRow) any { return float64(value(r)) / float64(app.MinorPerMajor(r.po.Currency)) }}
	}
	t.table = widgets.NewPagedTable(tableConfig(s, tr.T("inventory.tab.orders"), widgets.PagedTableConfig[orderRow]{
		Columns: []widgets.Column[orderRow]{
			{Label: tr.T("field.purchase_order.number"), Width: 130, Sort: app.POSortNumber, Text: func(r orderRow) string { return r.number }},
			{Label: tr.T("field.purchase_order.status"), Width: 100, Text: func(r orderRow) string { return r.status }},
			{Label: tr.T("field.purchase_order.supplier"), Width: 150, Sort: app.POSortSupplier, Text: func(r orderRow) string { return r.supplier }},
			{Label: tr.T("field.purchase_order.ordered_on"), Width: dayWidth, Sort: app.POSortOrdered, Text: func(r orderRow) string { return r.ordered }},
			{Label: tr.T("field.purchase_order.production_due"), Width: dayWidth, Sort: app.POSortDue, Text: func(r orderRow) string { return r.due }},
			{Label: tr.T("inventory.col.skus"), Width: 170, Text: func(r orderRow) string { return r.skus }},
			{Label: tr.T("inventory.col.units"), Width: numberWidth, Align: fyne.TextAlignTrailing, Text: func(r orderRow) string { return r.units },
				Value: func(r orderRow) any { return r.po.Units() }},
			money(tr.T("inventory.col.total"), func(r orderRow) string { return r.total }, func(r orderRow) int64 { return r.po.Total() }),
			money(tr.T("field.purchase_order.deposit"), func(r orderRow) string { return r.deposit }, func(r orderRow) int64 { return r.po.Deposit }),
			money(tr.T("inventory.col.balance"), func(r orderRow) string { return r.balance }, func(r orderRow) int64 { return r.po.Balance() }),
		},
		Filters: []widgets.Filter{
			{Key: app.POFilterStatus, Label: tr.T("field.purchase_order.status"), Options: statusOpts},
			{Key: app.POFilterOpen, Label: tr.T("inventory.po.open_filter"), Options: []widgets.Option{{Value: "1", Label: tr.T("inventory.po.open_only")}}},
		},
		Search: true,
		Sort:   app.POSortOrdered, Desc: true,
		Load: t.page,
		ID:   func(r orderRow) string { return r.id },
		OnSelected: func(id string) {
			selectFrom(s, &t.sel, func(ctx context.Context, st *data.Store) (app.PurchaseOrder, error) { return st.PurchaseOrder(ctx, id) })
		},
	}))
	add := widget.NewButtonWithIcon(tr.T("inventory.po.new"), theme.ContentAddIcon(), func() { s.newOrder(app.PurchaseOrder{}) })
	add.Importance = widget.HighImportance
	edit := widget.NewButtonWithIcon(tr.T("inventory.po.edit"), theme.DocumentCreateIcon(), func() { s.editOrder(t.sel.value) })
	receive := widget.NewButtonWithIcon(tr.T("inventory.po.receive"), theme.DownloadIcon(), func() { s.receiveOrder(t.sel.value) })
	ship := widget.NewButtonWithIcon(tr.T("inventory.po.ship"), theme.MailSendIcon(), func() { s.shipOrder(t.sel.value) })
	t.sel.buttons = []fyne.Disableable{edit, receive, ship}
	t.sel.enable()
	hint := ui.WrapLabel(tr.T("inventory.po.hint"))
	top := container.NewVBox(hint, container.NewHBox(add, edit, receive, ship))
	t.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, t.table)
	return t
}

func (t *ordersTab) page(ctx context.Context, q app.ListQuery) ([]orderRow, int, error) {
	st, err := t.s.openStore()
	if err != nil {
		return nil, 0, err
	}
	pos, total, err := st.ListPurchaseOrders(ctx, q)
	today := app.DateOf(time.Now(), time.Local)
	rows := make([]orderRow, len(pos))
	for i, po := range pos {
		rows[i] = orderRowOf(t.s.tr, po, today)
	}
	return rows, total, err
}

// orderRowOf formats an order; a payment shows as paid, or due on a day
// (in red once that day is past).
func orderRowOf(tr *ui.Translator, po app.PurchaseOrder, today app.Date) orderRow {
	var skus []string
	for _, l := range po.Lines {
		skus = append(skus, l.SKU)
	}
	r := orderRow{id: po.ID, number: po.Number, status: tr.T("inventory.po." + string(po.Status)), supplier: po.Supplier,
		ordered: dayText(po.OrderedOn), due: dayText(po.ProductionDue), skus: strings.Join(skus, tr.T("list.separator")),
		units: units(po.Units()), total: app.FormatMoney(po.Total(), po.Currency), po: po}
	pay := func(amount int64, due, paid app.Date) string {
		m := app.FormatMoney(amount, po.Currency)
		switch {
		case amount <= 0:
			return "–"
		case !paid.IsZero():
			return tr.T("inventory.po.paid", "Amount", m)
		case !due.IsZero():
			r.overdue = r.overdue || (po.Status.Open() && due < today)
			return tr.T("inventory.po.due", "Amount", m, "Day", due.String()[5:])
		}
		return m
	}
	for _, p := range po.OpenPayments() { // the due dates the forecast uses
		switch p.Kind {
		case app.PayDeposit:
			po.DepositDue = p.Due
		case app.PayBalance:
			po.BalanceDue = p.Due
		}
	}
	r.deposit = pay(po.Deposit, po.DepositDue, po.DepositPaid)
	r.balance = pay(po.Balance(), po.BalanceDue, po.BalancePaid)
	return r
}

func (t *ordersTab) load() { t.table.Reload() }

// newOrderFor opens a new purchase order of qty units of a SKU from its
// supplier at its unit cost (the reorder plan's "create PO").
func (s *Screen) newOrderFor(p app.Product, qty int) {
	today := app.DateOf(time.Now(), time.Local)
	po := app.PurchaseOrder{Supplier: p.Supplier, Currency: firstNonEmpty(p.CostCurrency, "CNY"), Status: app.POOrdered,
		OrderedOn: today, Lines: []app.POLine{{SKU: p.SKU, Qty: qty, UnitCost: p.UnitCost}}}
	if p.ProductionDays > 0 {
		po.ProductionDue = today.AddDays(p.ProductionDays)
	}
	po.Deposit = app.DepositFor(po.Total(), s.settings.DepositPct)
	s.newOrder(po)
}

// newOrder opens the form for a new order, numbered by the store.
func (s *Screen) newOrder(po app.PurchaseOrder) {
	s.env.Background(func(st *data.Store) func() {
		n, err := st.NextPONumber(s.env.Context(), app.DateOf(time.Now(), time.Local))
		return func() {
			if err != nil {
				s.env.ShowError(s.tr.T("inventory.load_failed"), err)
				return
			}
			po.Number = n
			s.editOrder(po)
		}
	})
}

// suppliers are the catalog's suppliers, to pick from.
func (s *Screen) suppliers() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range s.products {
		if p.Supplier != "" && !seen[p.Supplier] {
			seen[p.Supplier] = true
			out = append(out, p.Supplier)
		}
	}
	return out
}

// receiveOrder records goods of an order arriving at a warehouse: units
// per line, what is still to come filled in. Receiving everything closes
// the order.
func (s *Screen) receiveOrder(po app.PurchaseOrder) {
	s.env.Background(func(st *data.Store) func() {
		got, err := st.POReceived(s.env.Context(), po.ID)
		return func() {
			if err != nil {
				s.env.ShowError(s.tr.T("inventory.load_failed"), err)
				return
			}
			s.showReceive(po, got)
		}
	})
}

func (s *Screen) showReceive(po app.PurchaseOrder, got map[string]int) {
	tr := s.tr
	locs := locationChoices(tr, s.locations, app.LocationWarehouse, app.LocationOverseas, app.LocationFBA)
	where := widget.NewSelect(locs.Labels(), nil)
	where.SetSelected(firstNonEmpty(locs.Label(po.ReceiveAt), firstLabel(locs)))
	day := widget.NewEntry()
	day.SetText(app.DateOf(time.Now(), time.Local).String())
	form := widget.NewForm(widget.NewFormItem(tr.T("inventory.po.receive_into"), where), widget.NewFormItem(tr.T("field.movement.day"), day))
	qty := map[string]*widget.Entry{}
	for _, l := range po.Lines {
		e := widget.NewEntry()
		if left := l.Qty - got[l.SKU]; left > 0 {
			e.SetText(itoa(left))
		}
		qty[l.SKU] = e
		form.Append(tr.T("inventory.po.receive_line", "SKU", l.SKU, "Ordered", units(l.Qty), "Got", units(got[l.SKU])), e)
	}
	var entries []*widget.Entry
	for _, e := range qty {
		entries = append(entries, e)
	}
	s.showWriteForm(tr.T("inventory.po.receive_title", "Number", po.Number), tr.T("inventory.po.receive"), form, entries, func() (ui.Write, error) {
		d, ok := parseDay(day.Text)
		if !ok || d.IsZero() {
			return nil, ui.Problem(tr.T("inventory.bad_day"))
		}
		if where.Selected == "" {
			return nil, &app.FieldError{Entity: "movement", Field: "location", Code: app.CodeRequired}
		}
		n := map[string]int{}
		for sku, e := range qty {
			if strings.TrimSpace(e.Text) == "" {
				continue
			}
			v, ok := ui.ParseWhole(e.Text, 0, app.MaxMovementQty)
			if !ok {
				return nil, &app.FieldError{Entity: "movement", Field: "qty", Code: app.CodeOutOfRange, Limit: app.MaxMovementQty}
			}
			n[sku] = v
		}
		loc := locs.Value(where.Selected)
		return func(st *data.Store) error {
			_, err := st.ReceivePurchaseOrder(s.env.Context(), po.ID, loc, d, n)
			return err
		}, nil
	}, s.changed)
}

// shipOrder opens a new shipment of an order's goods straight from the
// factory (a supplier's goods usually go to FBA or an overseas warehouse
// without passing through the team's hands).
func (s *Screen) shipOrder(po app.PurchaseOrder) {
	sh := app.Shipment{FromID: app.SupplierLocationID(), Mode: "sea"}
	for _, l := range po.Lines {
		sh.Lines = append(sh.Lines, app.ShipmentLine{SKU: l.SKU, Qty: l.Qty, PurchaseOrderID: po.ID})
		if p, ok := s.product(l.SKU); ok && sh.ToID == "" {
			sh.ToID, sh.Mode = app.FBALocationID(p.Marketplace), firstNonEmpty(p.Mode, "sea")
		}
	}
	s.editShipment(sh)
}

// firstLabel is the first choice's label ("" when none).
func firstLabel(cs ui.Choices) string {
	if len(cs) == 0 {
		return ""
	}
	return cs[0].Label
}
