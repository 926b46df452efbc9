package inventoryui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// The purchase order form. An existing order's fields follow sync
// changes (a ui.RecordForm over the purchase_order record) and only what
// was changed is saved; its lines are saved against the lines the form
// loaded, so a line another desk added meanwhile stays.

// orderFields are the order's own fields, read and filled by the
// purchase_order record's column names (ui.RecordFields).
type orderFields struct {
	s                                                          *Screen
	number, deposit, note                                      *widget.Entry
	ordered, due, depositDue, depositPaid, balanceDue, balPaid *widget.Entry
	supplier                                                   *widget.SelectEntry
	currency, status, receiveAt                                *widget.Select
	statuses, locs                                             ui.Choices
}

func newOrderFields(s *Screen) *orderFields {
	tr := s.tr
	f := &orderFields{s: s, supplier: widget.NewSelectEntry(s.suppliers()),
		locs: locationChoices(tr, s.locations, app.LocationWarehouse, app.LocationOverseas, app.LocationFBA)}
	for _, e := range []**widget.Entry{&f.number, &f.deposit, &f.ordered, &f.due, &f.depositDue, &f.depositPaid, &f.balanceDue, &f.balPaid} {
		*e = widget.NewEntry()
	}
	for _, e := range []*widget.Entry{f.ordered, f.due, f.depositDue, f.depositPaid, f.balanceDue, f.balPaid} {
		e.SetPlaceHolder(tr.T("inventory.day_hint"))
	}
	f.deposit.SetPlaceHolder(tr.T("inventory.po.deposit_hint", "Pct", app.FormatNumber(s.settings.DepositPct, 0)))
	f.note = widget.NewMultiLineEntry()
	f.note.SetMinRowsVisible(2)
	for _, st := range app.POStatuses() {
		f.statuses = append(f.statuses, ui.Choice{Value: string(st), Label: tr.T("inventory.po." + string(st))})
	}
	f.currency = widget.NewSelect(currencyCodes, nil)
	f.status = widget.NewSelect(f.statuses.Labels(), nil)
	f.receiveAt = widget.NewSelect(f.locs.Labels(), nil)
	return f
}

func (f *orderFields) form() *widget.Form {
	tr := f.s.tr
	return widget.NewForm(
		widget.NewFormItem(tr.T("field.purchase_order.number"), f.number),
		widget.NewFormItem(tr.T("field.purchase_order.supplier"), f.supplier),
		widget.NewFormItem(tr.T("field.purchase_order.status"), f.status),
		widget.NewFormItem(tr.T("field.purchase_order.currency"), f.currency),
		widget.NewFormItem(tr.T("field.purchase_order.ordered_on"), f.ordered),
		widget.NewFormItem(tr.T("field.purchase_order.production_due"), f.due),
		widget.NewFormItem(tr.T("field.purchase_order.deposit"), f.deposit),
		widget.NewFormItem(tr.T("field.purchase_order.deposit_due"), f.depositDue),
		widget.NewFormItem(tr.T("field.purchase_order.deposit_paid"), f.depositPaid),
		widget.NewFormItem(tr.T("field.purchase_order.balance_due"), f.balanceDue),
		widget.NewFormItem(tr.T("field.purchase_order.balance_paid"), f.balPaid),
		widget.NewFormItem(tr.T("field.purchase_order.receive_at"), f.receiveAt),
		widget.NewFormItem(tr.T("field.purchase_order.note"), f.note),
	)
}

// Values implements ui.RecordFields.
func (f *orderFields) Values() (map[string]any, error) {
	po, err := f.order()
	if err != nil {
		return nil, err
	}
	return map[string]any{"number": po.Number, "supplier": po.Supplier, "currency": po.Currency, "status": string(po.Status),
		"ordered_on": dayValue(po.OrderedOn), "production_due": dayValue(po.ProductionDue), "deposit_minor": po.Deposit,
		"deposit_due": dayValue(po.DepositDue), "deposit_paid": dayValue(po.DepositPaid), "balance_due": dayValue(po.BalanceDue),
		"balance_paid": dayValue(po.BalancePaid), "receive_at": po.ReceiveAt, "note": po.Note}, nil
}

// Fill implements ui.RecordFields.
func (f *orderFields) Fill(v map[string]any) error {
	po := orderOf(v)
	f.number.SetText(po.Number)
	f.supplier.SetText(po.Supplier)
	f.currency.SetSelected(firstNonEmpty(po.Currency, "CNY"))
	f.status.SetSelected(f.statuses.Label(firstNonEmpty(string(po.Status), string(app.PODraft))))
	for _, d := range []struct {
		e   *widget.Entry
		day app.Date
	}{{f.ordered, po.OrderedOn}, {f.due, po.ProductionDue}, {f.depositDue, po.DepositDue}, {f.depositPaid, po.DepositPaid},
		{f.balanceDue, po.BalanceDue}, {f.balPaid, po.BalancePaid}} {
		d.e.SetText(dayValue(d.day))
	}
	f.deposit.SetText(majorText(po.Deposit, f.currency.Selected))
	f.receiveAt.SetSelected(f.locs.Label(po.ReceiveAt))
	f.note.SetText(po.Note)
	return nil
}

// order reads the order's own fields (no lines).
func (f *orderFields) order() (app.PurchaseOrder, error) {
	po := app.PurchaseOrder{Number: f.number.Text, Supplier: f.supplier.Text, Note: f.note.Text, Currency: f.currency.Selected,
		Status: app.POStatus(f.statuses.Value(f.status.Selected)), ReceiveAt: f.locs.Value(f.receiveAt.Selected)}
	for _, d := range []struct {
		e  *widget.Entry
		to *app.Date
	}{{f.ordered, &po.OrderedOn}, {f.due, &po.ProductionDue}, {f.depositDue, &po.DepositDue}, {f.depositPaid, &po.DepositPaid},
		{f.balanceDue, &po.BalanceDue}, {f.balPaid, &po.BalancePaid}} {
		day, ok := parseDay(d.e.Text)
		if !ok {
			return po, ui.Problem(f.s.tr.T("inventory.bad_day"))
		}
		*d.to = day
	}
	dep, ok := moneyMajor(f.deposit.Text, po.Currency)
	if !ok {
		return po, &app.FieldError{Entity: "purchase_order", Field: "deposit", Code: app.CodeOutOfRange, Limit: int(app.MaxMoneyMinor / 100)}
	}
	po.Deposit = dep
	return po, nil
}

// orderOf reads an order's own fields from its record's values.
func orderOf(v map[string]any) app.PurchaseOrder {
	day := func(k string) app.Date {
		d, _ := parseDay(ui.ValueText(v[k]))
		return d
	}
	return app.PurchaseOrder{Number: ui.ValueText(v["number"]), Supplier: ui.ValueText(v["supplier"]),
		Currency: ui.ValueText(v["currency"]), Status: app.POStatus(ui.ValueText(v["status"])), OrderedOn: day("ordered_on"),
		ProductionDue: day("production_due"), Deposit: valueInt(v["deposit_minor"]), DepositDue: day("deposit_due"),
		DepositPaid: day("deposit_paid"), BalanceDue: day("balance_due"), BalancePaid: day("balance_paid"),
		ReceiveAt: ui.ValueText(v["receive_at"]), Note: ui.ValueText(v["note"])}
}

// orderLines reads the lines of the form in the order's currency.
func orderLines(lines *lineEditor, currency string) ([]app.POLine, error) {
	var out []app.POLine
	for _, r := range lines.rows {
		if strings.TrimSpace(r.sku.Text) == "" && strings.TrimSpace(r.qty.Text) == "" {
			continue
		}
		n, ok := ui.ParseWhole(r.qty.Text, 1, app.MaxPOQty)
		if !ok {
			return nil, &app.FieldError{Entity: "purchase_order_line", Field: "qty", Code: app.CodeOutOfRange, Limit: app.MaxPOQty}
		}
		c, ok := moneyMajor(r.cost.Text, currency)
		if !ok {
			return nil, &app.FieldError{Entity: "purchase_order_line", Field: "unit_cost", Code: app.CodeOutOfRange, Limit: int(app.MaxMoneyMinor / 100)}
		}
		out = append(out, app.POLine{ID: r.id, SKU: r.sku.Text, Qty: n, UnitCost: c})
	}
	return out, nil
}

// editOrder opens the purchase order form (a new order when po has no
// id). A deposit left empty on a new order is the settings' share.
func (s *Screen) editOrder(po app.PurchaseOrder) {
	tr := s.tr
	f := newOrderFields(s)
	_ = f.Fill(map[string]any{"number": po.Number, "supplier": po.Supplier, "currency": po.Currency, "status": string(po.Status),
		"ordered_on": dayValue(po.OrderedOn), "production_due": dayValue(po.ProductionDue), "deposit_minor": po.Deposit,
		"deposit_due": dayValue(po.DepositDue), "deposit_paid": dayValue(po.DepositPaid), "balance_due": dayValue(po.BalanceDue),
		"balance_paid": dayValue(po.BalancePaid), "receive_at": po.ReceiveAt, "note": po.Note})
	lines := newLineEditor(s, true)
	for _, l := range po.Lines {
		lines.add(l.ID, l.SKU, l.Qty, majorText(l.UnitCost, po.Currency), "")
	}
	if len(po.Lines) == 0 {
		lines.add("", "", 0, "", "")
	}
	content := container.NewVBox(f.form(), ui.SectionLabel(tr.T("field.purchase_order.lines")), lines.view())
	before := po.Lines
	spec := longFormSpec{Title: tr.T("inventory.po.new"), SaveLabel: tr.T("action.save"), Content: content, Saved: s.changed}
	s.showRecordForm(spec, recordForm{Table: "purchase_order", ID: po.ID, Fields: f, MoreEdits: lines.editedSince(),
		Create: func() (ui.Write, error) {
			out, err := f.order()
			if err != nil {
				return nil, err
			}
			if out.Lines, err = orderLines(lines, out.Currency); err != nil {
				return nil, err
			}
			if strings.TrimSpace(f.deposit.Text) == "" {
				out.Deposit = app.DepositFor(out.Total(), s.settings.DepositPct)
			}
			out = out.Normalize()
			if err := out.Validate(); err != nil {
				return nil, err
			}
			return func(st *data.Store) error {
				_, err := st.SavePurchaseOrder(s.env.Context(), out)
				return err
			}, nil
		},
		Update: func(rf *ui.RecordForm, done func(error)) {
			ls, err := orderLines(lines, f.currency.Selected)
			if err != nil {
				done(err)
				return
			}
			rf.Save(func(ctx context.Context, st *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
				out := orderOf(v)
				out.Lines = ls
				return st.UpdatePurchaseOrderChanges(ctx, snap, out, before, keep)
			}, done)
		}}, tr.T("inventory.po.edit_title", "Number", po.Number))
}

// dayValue is a day as a record holds it ("" for none).
func dayValue(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
