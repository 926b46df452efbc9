package ui

import (
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
)

// modeToApp converts a planning mode to an office default, rounding the
// cost to minor units. id is the stored row, "" for a new one.
func modeToApp(m planning.Mode, id string) app.ShippingMode {
	cur := m.Currency
	if cur == "" {
		cur = planning.DefaultBaseCurrency
	}
	return app.ShippingMode{
		ID:            id,
		Name:          m.Name,
		TransitDays:   m.TransitDays,
		ReceivingDays: m.ReceivingDays,
		CostPerKg:     int64(math.Round(m.CostPerKg * float64(app.MinorPerMajor(cur)))),
		Currency:      cur,
	}
}

// modesPanel shows and edits the office's shipping-mode defaults. They
// are stored in the database and travel to the other desks with sync.
type modesPanel struct {
	p    *planningScreen
	root fyne.CanvasObject
	rows *fyne.Container
	own  *fyne.Container
}

func newModesPanel(p *planningScreen) *modesPanel {
	tr := p.tr
	m := &modesPanel{p: p, rows: container.NewVBox(), own: container.NewVBox()}
	add := widget.NewButtonWithIcon(tr.T("planning.modes.add"), theme.ContentAddIcon(), func() {
		m.edit(planning.Mode{TransitDays: 20, ReceivingDays: 7, Currency: planning.DefaultBaseCurrency}, "", true)
	})
	add.Importance = widget.HighImportance
	top := container.NewVBox(wrapLabel(tr.T("planning.modes.hint")), container.NewHBox(add), m.own)
	m.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(m.rows)))
	return m
}

// modeColumns lays a mode row out in fixed columns.
func modeColumns(objects ...fyne.CanvasObject) *fyne.Container {
	widths := []float32{150, 110, 110, 150, 120}
	var cells []fyne.CanvasObject
	for i, o := range objects {
		if i < len(widths) {
			cells = append(cells, fixedWidth(widths[i], o))
		} else {
			cells = append(cells, o)
		}
	}
	return container.New(layout.NewHBoxLayout(), cells...)
}

// show lists the modes now in use.
func (m *modesPanel) show() {
	p, tr := m.p, m.p.tr
	m.rows.RemoveAll()
	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	m.rows.Add(modeColumns(bold(tr.T("planning.modes.col.name")), bold(tr.T("planning.modes.col.transit")),
		bold(tr.T("planning.modes.col.receiving")), bold(tr.T("planning.modes.col.cost")), bold(tr.T("planning.modes.col.source"))))
	for _, mode := range p.builtins {
		mode := mode
		stored, isOffice := m.officeMode(mode.Name)
		isBuiltin := slices.Contains(builtinModeNames, strings.ToLower(mode.Name))
		source := tr.T("planning.modes.source.builtin")
		if isOffice {
			source = tr.T("planning.modes.source.office")
		}
		edit := widget.NewButtonWithIcon(tr.T("planning.modes.edit"), theme.DocumentCreateIcon(), func() {
			m.edit(mode, stored.ID, false)
		})
		edit.Importance = widget.LowImportance
		actions := container.NewHBox(edit)
		if isOffice {
			label := tr.T("planning.modes.delete")
			if isBuiltin {
				label = tr.T("planning.modes.reset")
			}
			del := widget.NewButtonWithIcon(label, theme.ContentUndoIcon(), func() { m.remove(stored, isBuiltin) })
			del.Importance = widget.LowImportance
			actions.Add(del)
		}
		m.rows.Add(modeColumns(
			widget.NewLabel(modeLabel(tr, mode.Name)),
			widget.NewLabel(tr.T("planning.days", "N", mode.TransitDays)),
			widget.NewLabel(tr.T("planning.days", "N", mode.ReceivingDays)),
			widget.NewLabel(tr.T("planning.modes.per_kg", "Amount", app.FormatMoneyExact(modeToApp(mode, "").CostPerKg, modeToApp(mode, "").Currency))),
			widget.NewLabel(source),
			actions,
		))
	}
	m.showOwn()
}

// showOwn explains modes the open scenario file defines itself.
func (m *modesPanel) showOwn() {
	p, tr := m.p, m.p.tr
	m.own.RemoveAll()
	if len(p.form.ownModes) == 0 {
		return
	}
	var parts []string
	for _, mode := range p.form.ownModes {
		parts = append(parts, tr.T("planning.modes.own_item", "Name", modeLabel(tr, mode.Name),
			"Transit", mode.TransitDays, "Receiving", mode.ReceivingDays,
			"Amount", app.FormatMoneyExact(modeToApp(mode, "").CostPerKg, modeToApp(mode, "").Currency)))
	}
	note := wrapLabel(tr.T("planning.modes.own", "Modes", strings.Join(parts, tr.T("list.separator"))))
	note.Importance = widget.WarningImportance
	drop := widget.NewButton(tr.T("planning.modes.own_drop"), func() {
		p.form.ownModes = nil
		p.form.setModes(p.form.modes)
		m.showOwn()
		p.edited()
	})
	m.own.Add(note)
	m.own.Add(container.NewHBox(drop))
}

func (m *modesPanel) officeMode(name string) (app.ShippingMode, bool) {
	for _, om := range m.p.office {
		if strings.EqualFold(om.Name, name) {
			return om, true
		}
	}
	return app.ShippingMode{}, false
}

// edit opens the mode form; saving stores the mode as an office default.
func (m *modesPanel) edit(mode planning.Mode, id string, fresh bool) {
	p, u, tr := m.p, m.p.u, m.p.tr
	name := widget.NewEntry()
	name.SetText(mode.Name)
	if !fresh {
		name.Disable()
	}
	transit := widget.NewEntry()
	transit.SetText(formText(float64(mode.TransitDays)))
	receiving := widget.NewEntry()
	receiving.SetText(formText(float64(mode.ReceivingDays)))
	cost := widget.NewEntry()
	if !fresh || mode.CostPerKg > 0 {
		cost.SetText(formText(mode.CostPerKg))
	}
	cur := widget.NewSelect(slices.Clone(currencyCodes), nil)
	cur.SetSelected(mode.Currency)
	form := widget.NewForm(
		widget.NewFormItem(tr.T("planning.modes.f.name"), name),
		widget.NewFormItem(tr.T("planning.modes.f.transit"), transit),
		widget.NewFormItem(tr.T("planning.modes.f.receiving"), receiving),
		widget.NewFormItem(tr.T("planning.modes.f.cost"), cost),
		widget.NewFormItem(tr.T("planning.modes.f.currency"), cur),
	)
	title := tr.T("planning.modes.edit_title", "Name", modeLabel(tr, mode.Name))
	if fresh {
		title = tr.T("planning.modes.add_title")
	}
	u.showFormDialog(title, tr.T("action.save"), form, func() error {
		whole := func(e *widget.Entry, field string) (int, error) {
			v, ok := parseNumber(e.Text)
			if !ok || v < 0 || v > app.MaxModeDays || v != math.Trunc(v) {
				return 0, &app.FieldError{Entity: "shipping_mode", Field: field, Code: app.CodeOutOfRange, Limit: app.MaxModeDays}
			}
			return int(v), nil
		}
		t, err := whole(transit, "transit_days")
		if err != nil {
			return err
		}
		r, err := whole(receiving, "receiving_days")
		if err != nil {
			return err
		}
		c, ok := parseNumber(cost.Text)
		if !ok || c < 0 || c > 1e7 {
			return &app.FieldError{Entity: "shipping_mode", Field: "cost_per_kg", Code: app.CodeOutOfRange, Limit: 1e7}
		}
		nm := mode.Name
		if fresh {
			nm = strings.ToLower(strings.TrimSpace(name.Text))
			if slices.ContainsFunc(p.builtins, func(b planning.Mode) bool { return strings.EqualFold(b.Name, nm) }) {
				return &app.FieldError{Entity: "shipping_mode", Field: "name", Code: app.CodeDuplicate}
			}
		}
		saved := modeToApp(planning.Mode{Name: nm, TransitDays: t, ReceivingDays: r, CostPerKg: c, Currency: cur.Selected}, id)
		if _, err := u.store.SaveShippingMode(u.ctx, saved); err != nil {
			return err
		}
		m.reload()
		return nil
	})
}

// remove deletes an office mode: a built-in name goes back to its
// default, an added mode disappears.
func (m *modesPanel) remove(stored app.ShippingMode, builtin bool) {
	u, tr := m.p.u, m.p.tr
	title, msg, action := tr.T("planning.modes.delete_title"), tr.T("planning.modes.delete_confirm", "Name", stored.Name), tr.T("planning.modes.delete")
	if builtin {
		title, msg, action = tr.T("planning.modes.reset_title"), tr.T("planning.modes.reset_confirm", "Name", modeLabel(tr, stored.Name)), tr.T("planning.modes.reset")
	}
	u.confirm(title, msg, action, func() {
		u.background(func(s *data.Store) func() {
			err := s.DeleteShippingMode(u.ctx, stored.ID)
			return func() {
				if err != nil {
					u.showError(tr.T("planning.modes.save_failed"), err)
					return
				}
				m.reload()
			}
		})
	})
}

// reload reads the office modes again and recomputes.
func (m *modesPanel) reload() {
	p, u := m.p, m.p.u
	u.background(func(s *data.Store) func() {
		office, err := s.ShippingModes(u.ctx)
		return func() {
			if err != nil {
				u.showError(p.tr.T("planning.modes.save_failed"), err)
				return
			}
			p.setOffice(office)
			p.recompute()
		}
	})
}
