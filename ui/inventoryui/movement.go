package inventoryui

import (
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// editMovement records a movement of a SKU (a receipt, a sale from a
// warehouse, a count's correction...): units are typed as a positive
// number, the kind says which way they go; an adjustment asks which way
// and why.
func (s *Screen) editMovement(sku string, done func()) {
	tr := s.tr
	locs := locationChoices(tr, s.locations, app.LocationWarehouse, app.LocationOverseas, app.LocationFBA)
	where := widget.NewSelect(locs.Labels(), nil)
	if len(locs) > 0 {
		where.SetSelected(locs[0].Label)
	}
	var kinds ui.Choices
	for _, k := range app.MovementKinds() {
		kinds = append(kinds, ui.Choice{Value: string(k), Label: tr.T("inventory.move." + string(k))})
	}
	kind := widget.NewSelect(kinds.Labels(), nil)
	kind.SetSelected(kinds.Label(string(app.MoveReceipt)))
	var reasons ui.Choices
	for _, r := range app.AdjustReasons() {
		reasons = append(reasons, ui.Choice{Value: string(r), Label: tr.T("inventory.reason." + string(r))})
	}
	reason := widget.NewSelect(reasons.Labels(), nil)
	direction := widget.NewRadioGroup([]string{tr.T("inventory.move.add"), tr.T("inventory.move.remove")}, nil)
	direction.Horizontal = true
	direction.SetSelected(tr.T("inventory.move.remove"))
	qty := widget.NewEntry()
	qty.SetPlaceHolder(tr.T("inventory.move.units_hint"))
	day := widget.NewEntry()
	day.SetText(app.DateOf(time.Now(), time.Local).String())
	ref := widget.NewEntry()
	note := widget.NewEntry()
	adjust := func() bool { return kinds.Value(kind.Selected) == string(app.MoveAdjustment) }
	update := func() {
		if adjust() {
			reason.Enable()
			direction.Enable()
		} else {
			reason.Disable()
			direction.Disable()
		}
	}
	kind.OnChanged = func(string) { update() }
	update()
	form := widget.NewForm(
		widget.NewFormItem(tr.T("field.movement.location"), where),
		widget.NewFormItem(tr.T("field.movement.kind"), kind),
		widget.NewFormItem(tr.T("inventory.move.direction"), direction),
		widget.NewFormItem(tr.T("field.movement.reason"), reason),
		widget.NewFormItem(tr.T("field.movement.qty"), qty),
		widget.NewFormItem(tr.T("field.movement.day"), day),
		widget.NewFormItem(tr.T("field.movement.ref"), ref),
		widget.NewFormItem(tr.T("field.movement.note"), note),
	)
	s.showWriteForm(tr.T("inventory.move.title", "SKU", sku), tr.T("action.save"), form, []*widget.Entry{qty, ref, note}, func() (ui.Write, error) {
		n, ok := ui.ParseWhole(qty.Text, 1, app.MaxMovementQty)
		if !ok {
			return nil, ui.Problem(tr.T("inventory.move.bad_units"))
		}
		d, ok := parseDay(day.Text)
		if !ok || d.IsZero() {
			return nil, ui.Problem(tr.T("inventory.bad_day"))
		}
		k := app.MovementKind(kinds.Value(kind.Selected))
		m := app.Movement{Day: d, SKU: sku, LocationID: locs.Value(where.Selected), Kind: k, Ref: ref.Text, Note: note.Text, Qty: n}
		switch {
		case k == app.MoveAdjustment:
			m.Reason = app.AdjustReason(reasons.Value(reason.Selected))
			if direction.Selected == tr.T("inventory.move.remove") {
				m.Qty = -n
			}
		case k.Sign() < 0:
			m.Qty = -n
		}
		if err := m.Normalize().Validate(); err != nil {
			return nil, err
		}
		return func(st *data.Store) error {
			_, err := st.AddMovement(s.env.Context(), m)
			return err
		}, nil
	}, func() {
		s.changed()
		if done != nil {
			done()
		}
	})
}
