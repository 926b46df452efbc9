package inventoryui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// The shipment form. An existing shipment's fields follow sync changes
// (a ui.RecordForm over the shipment record) and only what was changed
// is saved; its lines are saved against the lines the form loaded. A
// departed shipment's lines are shown but cannot change (the store says
// so).

// shipmentFields are the shipment's own fields, read and filled by the
// shipment record's column names (ui.RecordFields).
type shipmentFields struct {
	s                                              *Screen
	ref, forwarder, quoted, tracking, cost, weight *widget.Entry
	booked, departed, arrived, eta, paid, note     *widget.Entry
	from, to, mode, currency                       *widget.Select
	locs, modes                                    ui.Choices
}

// shipmentEnds are built-in places a shipment may need before they exist.
var shipmentEnds = func() []app.Location { return []app.Location{data.SupplierLocation(), data.FBALocation("US")} }

func newShipmentFields(s *Screen) *shipmentFields {
	tr := s.tr
	f := &shipmentFields{s: s, modes: modeChoices(tr, s.modes),
		locs: locationChoices(tr, append(append([]app.Location(nil), s.locations...), missing(s.locations, shipmentEnds())...))}
	for _, e := range []**widget.Entry{&f.ref, &f.forwarder, &f.quoted, &f.tracking, &f.cost, &f.weight, &f.booked, &f.departed,
		&f.arrived, &f.eta, &f.paid} {
		*e = widget.NewEntry()
	}
	for _, e := range []*widget.Entry{f.booked, f.departed, f.arrived, f.eta, f.paid} {
		e.SetPlaceHolder(tr.T("inventory.day_hint"))
	}
	f.weight.SetPlaceHolder(tr.T("inventory.shipment.weight_hint"))
	f.note = widget.NewMultiLineEntry()
	f.note.SetMinRowsVisible(2)
	f.from = widget.NewSelect(f.locs.Labels(), nil)
	f.to = widget.NewSelect(f.locs.Labels(), nil)
	f.mode = widget.NewSelect(f.modes.Labels(), nil)
	f.currency = widget.NewSelect(currencyCodes, nil)
	return f
}

func (f *shipmentFields) form() *widget.Form {
	tr := f.s.tr
	return widget.NewForm(
		widget.NewFormItem(tr.T("field.shipment.ref"), f.ref),
		widget.NewFormItem(tr.T("field.shipment.from"), f.from),
		widget.NewFormItem(tr.T("field.shipment.to"), f.to),
		widget.NewFormItem(tr.T("field.shipment.mode"), f.mode),
		widget.NewFormItem(tr.T("field.shipment.forwarder"), f.forwarder),
		widget.NewFormItem(tr.T("field.shipment.booked_on"), f.booked),
		widget.NewFormItem(tr.T("field.shipment.departed_on"), f.departed),
		widget.NewFormItem(tr.T("field.shipment.eta"), f.eta),
		widget.NewFormItem(tr.T("field.shipment.arrived_on"), f.arrived),
		widget.NewFormItem(tr.T("field.shipment.quoted_days"), f.quoted),
		widget.NewFormItem(tr.T("field.shipment.tracking"), f.tracking),
		widget.NewFormItem(tr.T("field.shipment.cost"), container.NewBorder(nil, nil, nil, ui.FixedWidth(90, f.currency), f.cost)),
		widget.NewFormItem(tr.T("field.shipment.cost_paid_on"), f.paid),
		widget.NewFormItem(tr.T("field.shipment.weight"), f.weight),
		widget.NewFormItem(tr.T("field.shipment.note"), f.note),
	)
}

// Values implements ui.RecordFields.
func (f *shipmentFields) Values() (map[string]any, error) {
	sh, err := f.shipment()
	if err != nil {
		return nil, err
	}
	return shipmentValues(sh), nil
}

// shipmentValues is a shipment's own fields by its record's column names
// (those the form edits).
func shipmentValues(sh app.Shipment) map[string]any {
	return map[string]any{"ref": sh.Ref, "from_id": sh.FromID, "to_id": sh.ToID, "mode": sh.Mode, "forwarder": sh.Forwarder,
		"booked_on": dayValue(sh.BookedOn), "departed_on": dayValue(sh.DepartedOn), "arrived_on": dayValue(sh.ArrivedOn),
		"eta": dayValue(sh.ETA), "quoted_days": int64(sh.QuotedDays), "tracking": sh.Tracking, "cost_minor": sh.Cost,
		"currency": sh.Currency, "cost_paid_on": dayValue(sh.CostPaidOn), "weight_g": int64(sh.WeightG), "note": sh.Note}
}

// Fill implements ui.RecordFields.
func (f *shipmentFields) Fill(v map[string]any) error {
	sh := shipmentOf(v)
	f.ref.SetText(sh.Ref)
	f.from.SetSelected(f.locs.Label(sh.FromID))
	f.to.SetSelected(f.locs.Label(sh.ToID))
	f.mode.SetSelected(f.modes.Label(firstNonEmpty(sh.Mode, "sea")))
	f.forwarder.SetText(sh.Forwarder)
	for _, d := range []struct {
		e   *widget.Entry
		day app.Date
	}{{f.booked, sh.BookedOn}, {f.departed, sh.DepartedOn}, {f.arrived, sh.ArrivedOn}, {f.eta, sh.ETA}, {f.paid, sh.CostPaidOn}} {
		d.e.SetText(dayValue(d.day))
	}
	f.quoted.SetText("")
	if sh.QuotedDays > 0 {
		f.quoted.SetText(itoa(sh.QuotedDays))
	}
	f.tracking.SetText(sh.Tracking)
	f.currency.SetSelected(firstNonEmpty(sh.Currency, "CNY"))
	f.cost.SetText(majorText(sh.Cost, f.currency.Selected))
	f.weight.SetText("")
	if sh.WeightG > 0 {
		f.weight.SetText(ui.FormatInput(float64(sh.WeightG) / 1000))
	}
	f.note.SetText(sh.Note)
	return nil
}

// shipment reads the shipment's own fields (no lines).
func (f *shipmentFields) shipment() (app.Shipment, error) {
	tr := f.s.tr
	sh := app.Shipment{Ref: f.ref.Text, Forwarder: f.forwarder.Text, Tracking: f.tracking.Text, Note: f.note.Text,
		FromID: f.locs.Value(f.from.Selected), ToID: f.locs.Value(f.to.Selected), Mode: f.modes.Value(f.mode.Selected),
		Currency: f.currency.Selected}
	for _, d := range []struct {
		e  *widget.Entry
		to *app.Date
	}{{f.booked, &sh.BookedOn}, {f.departed, &sh.DepartedOn}, {f.arrived, &sh.ArrivedOn}, {f.eta, &sh.ETA}, {f.paid, &sh.CostPaidOn}} {
		day, ok := parseDay(d.e.Text)
		if !ok {
			return sh, ui.Problem(tr.T("inventory.bad_day"))
		}
		*d.to = day
	}
	if strings.TrimSpace(f.quoted.Text) != "" {
		q, ok := ui.ParseWhole(f.quoted.Text, 0, app.MaxModeDays)
		if !ok {
			return sh, &app.FieldError{Entity: "shipment", Field: "quoted_days", Code: app.CodeOutOfRange, Limit: app.MaxModeDays}
		}
		sh.QuotedDays = q
	}
	c, ok := moneyMajor(f.cost.Text, sh.Currency)
	if !ok {
		return sh, &app.FieldError{Entity: "shipment", Field: "cost", Code: app.CodeOutOfRange, Limit: int(app.MaxMoneyMinor / 100)}
	}
	sh.Cost = c
	if w := strings.TrimSpace(f.weight.Text); w != "" {
		kg, ok := ui.ParseNumber(w)
		if !ok || kg < 0 {
			return sh, &app.FieldError{Entity: "shipment", Field: "weight", Code: app.CodeOutOfRange, Limit: app.MaxUnitWeightG}
		}
		sh.WeightG = int(kg*1000 + 0.5)
	}
	return sh, nil
}

// shipmentOf reads a shipment's own fields from its record's values.
func shipmentOf(v map[string]any) app.Shipment {
	day := func(k string) app.Date {
		d, _ := parseDay(ui.ValueText(v[k]))
		return d
	}
	return app.Shipment{Ref: ui.ValueText(v["ref"]), FromID: ui.ValueText(v["from_id"]), ToID: ui.ValueText(v["to_id"]),
		Mode: ui.ValueText(v["mode"]), Forwarder: ui.ValueText(v["forwarder"]), BookedOn: day("booked_on"),
		DepartedOn: day("departed_on"), ArrivedOn: day("arrived_on"), ETA: day("eta"), QuotedDays: int(valueInt(v["quoted_days"])),
		Tracking: ui.ValueText(v["tracking"]), Cost: valueInt(v["cost_minor"]), Currency: ui.ValueText(v["currency"]),
		CostPaidOn: day("cost_paid_on"), WeightG: int(valueInt(v["weight_g"])), VolumeCm3: int(valueInt(v["volume_cm3"])),
		Cancelled: ui.ValueFlag(v["cancelled"]), Note: ui.ValueText(v["note"])}
}

// shipmentLines reads the lines of the form.
func shipmentLines(lines *lineEditor) ([]app.ShipmentLine, error) {
	var out []app.ShipmentLine
	for _, r := range lines.rows {
		if strings.TrimSpace(r.sku.Text) == "" && strings.TrimSpace(r.qty.Text) == "" {
			continue
		}
		n, ok := ui.ParseWhole(r.qty.Text, 1, app.MaxPOQty)
		if !ok {
			return nil, &app.FieldError{Entity: "shipment_line", Field: "qty", Code: app.CodeOutOfRange, Limit: app.MaxPOQty}
		}
		out = append(out, app.ShipmentLine{ID: r.id, SKU: r.sku.Text, Qty: n, PurchaseOrderID: r.po})
	}
	return out, nil
}

// ensureEnds makes the built-in places a shipment goes from or to.
func ensureEnds(ctx context.Context, st *data.Store, sh app.Shipment) error {
	for _, l := range shipmentEnds() {
		if l.ID == sh.FromID || l.ID == sh.ToID {
			if _, err := st.EnsureLocation(ctx, l); err != nil {
				return err
			}
		}
	}
	return nil
}

// editShipment opens the shipment form (a new shipment when sh has no
// id).
func (s *Screen) editShipment(sh app.Shipment) {
	tr := s.tr
	f := newShipmentFields(s)
	if sh.ID == "" && sh.Ref == "" {
		sh.Ref = newShipmentRef(sh.Mode, time.Now())
	}
	if sh.Currency == "" {
		sh.Currency = "CNY"
	}
	_ = f.Fill(shipmentValues(sh))
	lines := newLineEditor(s, false)
	for _, l := range sh.Lines {
		lines.add(l.ID, l.SKU, l.Qty, "", l.PurchaseOrderID)
	}
	if len(sh.Lines) == 0 {
		lines.add("", "", 0, "", "")
	}
	content := container.NewVBox(f.form(), ui.SectionLabel(tr.T("field.shipment.lines")), lines.view())
	before := sh.Lines
	spec := longFormSpec{Title: tr.T("inventory.shipment.new"), SaveLabel: tr.T("action.save"), Content: content, Saved: s.changed}
	s.showRecordForm(spec, recordForm{Table: "shipment", ID: sh.ID, Fields: f, MoreEdits: lines.editedSince(),
		Create: func() (ui.Write, error) {
			out, err := f.shipment()
			if err != nil {
				return nil, err
			}
			if out.Lines, err = shipmentLines(lines); err != nil {
				return nil, err
			}
			out = out.Normalize()
			if err := out.Validate(); err != nil {
				return nil, err
			}
			return func(st *data.Store) error {
				if err := ensureEnds(s.env.Context(), st, out); err != nil {
					return err
				}
				_, err := st.SaveShipment(s.env.Context(), out)
				return err
			}, nil
		},
		Update: func(rf *ui.RecordForm, done func(error)) {
			ls, err := shipmentLines(lines)
			if err != nil {
				done(err)
				return
			}
			rf.Save(func(ctx context.Context, st *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
				out := shipmentOf(v)
				out.Lines = ls
				if err := ensureEnds(ctx, st, out); err != nil {
					return err
				}
				return st.UpdateShipmentChanges(ctx, snap, out, before, keep)
			}, done)
		}}, tr.T("inventory.shipment.edit_title", "Ref", sh.Ref))
}
