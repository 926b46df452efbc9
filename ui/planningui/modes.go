package planningui

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
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
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
		CostPerCbm:    int64(math.Round(m.CostPerM3 * float64(app.MinorPerMajor(cur)))),
		// Stored whole: a divisor is a round number of cm³ (5000, 6000).
		VolumetricDivisor: int(math.Round(m.VolumetricDivisor)),
	}
}

// modesPanel shows and edits the office's shipping-mode defaults (stored
// in the database, they travel to the other desks with sync) and the
// line defaults a new product line starts from.
type modesPanel struct {
	p    *Screen
	root fyne.CanvasObject
	rows *fyne.Container
	own  *fyne.Container
	// defaults lists the line defaults.
	defaults *widgets.Paragraph
}

func newModesPanel(p *Screen) *modesPanel {
	tr := p.tr
	m := &modesPanel{p: p, rows: container.NewVBox(), own: container.NewVBox(), defaults: ui.StatusLabel()}
	add := widget.NewButtonWithIcon(tr.T("planning.modes.add"), theme.ContentAddIcon(), func() {
		m.edit(planning.Mode{TransitDays: newModeTransitDays, ReceivingDays: newModeReceivingDays, Currency: planning.DefaultBaseCurrency}, "", true)
	})
	add.Importance = widget.HighImportance
	top := container.NewVBox(ui.WrapLabel(tr.T("planning.modes.hint")), container.NewHBox(add), m.own)
	editDefaults := widget.NewButtonWithIcon(tr.T("planning.defaults.edit"), theme.DocumentCreateIcon(), m.editDefaults)
	defaults := container.NewVBox(widget.NewSeparator(), ui.SectionLabel(tr.T("planning.defaults.title")),
		ui.WrapLabel(tr.T("planning.defaults.hint")), m.defaults, container.NewHBox(editDefaults))
	m.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(container.NewVBox(m.rows, defaults))))
	m.showDefaults()
	return m
}

// What a new office mode starts with: a typical sea-freight lead time,
// for the person to change.
const (
	newModeTransitDays   = 20
	newModeReceivingDays = 7
)

// modeColumnWidths are the widths of the columns of the modes list
// (name, transit, receiving, cost, source; the actions take the rest).
var modeColumnWidths = []float32{150, 110, 110, 150, 120}

// modeColumns lays a mode row out in fixed columns.
func modeColumns(objects ...fyne.CanvasObject) *fyne.Container {
	var cells []fyne.CanvasObject
	for i, o := range objects {
		if i < len(modeColumnWidths) {
			cells = append(cells, ui.FixedWidth(modeColumnWidths[i], o))
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
			icon := theme.DeleteIcon()
			if isBuiltin {
				icon = theme.ContentUndoIcon() // back to the built-in values
			}
			del := widget.NewButtonWithIcon(label, icon, func() { m.remove(stored, isBuiltin) })
			del.Importance = widget.LowImportance
			actions.Add(del)
		}
		m.rows.Add(modeColumns(
			widget.NewLabel(modeLabel(tr, mode.Name)),
			widget.NewLabel(tr.T("planning.days", "Count", mode.TransitDays)),
			widget.NewLabel(tr.T("planning.days", "Count", mode.ReceivingDays)),
			widget.NewLabel(freightText(tr, mode)),
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
		freight := freightText(tr, mode)
		parts = append(parts, tr.T("planning.modes.own_item", "Name", modeLabel(tr, mode.Name),
			"Transit", mode.TransitDays, "Receiving", mode.ReceivingDays, "Freight", freight))
	}
	note := ui.WrapLabel(tr.T("planning.modes.own", "Modes", strings.Join(parts, tr.T("list.separator"))))
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

// freightText says how a mode prices freight: per kg, and per cubic
// metre and by volumetric weight when it does.
func freightText(tr *ui.Translator, mode planning.Mode) string {
	stored := modeToApp(mode, "")
	freight := tr.T("planning.modes.per_kg", "Amount", app.FormatMoneyExact(stored.CostPerKg, stored.Currency))
	if stored.CostPerCbm > 0 {
		freight += tr.T("list.separator") + tr.T("planning.modes.per_m3", "Amount", app.FormatMoneyExact(stored.CostPerCbm, stored.Currency))
	}
	if mode.VolumetricDivisor > 0 {
		freight += tr.T("list.separator") + tr.T("planning.modes.divisor", "N", app.FormatNumber(mode.VolumetricDivisor, 0))
	}
	return freight
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
	p, env, tr := m.p, m.p.env, m.p.tr
	name := widget.NewEntry()
	if !fresh {
		// A built-in mode shows its name in the user's language (海运, not
		// sea); the stored name does not change.
		name.SetText(modeLabel(tr, mode.Name))
		name.Disable()
	}
	transit := widget.NewEntry()
	transit.SetText(ui.FormatInput(float64(mode.TransitDays)))
	receiving := widget.NewEntry()
	receiving.SetText(ui.FormatInput(float64(mode.ReceivingDays)))
	cost := widget.NewEntry()
	if !fresh || mode.CostPerKg > 0 {
		cost.SetText(ui.FormatInput(mode.CostPerKg))
	}
	cbm := widget.NewEntry() // freight per cubic metre (0: by weight only)
	if mode.CostPerM3 > 0 {
		cbm.SetText(ui.FormatInput(mode.CostPerM3))
	}
	divisor := widget.NewEntry() // cm³ per chargeable kg (empty: actual weight)
	if mode.VolumetricDivisor > 0 {
		divisor.SetText(ui.FormatInput(mode.VolumetricDivisor))
	}
	cur := widget.NewSelect(slices.Clone(currencyCodes), nil)
	cur.SetSelected(mode.Currency)
	form := widget.NewForm(
		widget.NewFormItem(tr.T("planning.modes.f.name"), name),
		widget.NewFormItem(tr.T("planning.modes.f.transit"), transit),
		widget.NewFormItem(tr.T("planning.modes.f.receiving"), receiving),
		widget.NewFormItem(tr.T("planning.modes.f.cost"), cost),
		widget.NewFormItem(tr.T("planning.modes.f.cost_cbm"), cbm),
		widget.NewFormItem(tr.T("planning.modes.f.divisor"), divisor),
		widget.NewFormItem(tr.T("planning.modes.f.currency"), cur),
	)
	title := tr.T("planning.modes.edit_title", "Name", modeLabel(tr, mode.Name))
	if fresh {
		title = tr.T("planning.modes.add_title")
	}
	env.ShowFormDialog(title, tr.T("action.save"), form, func() (ui.Write, error) {
		whole := func(e *widget.Entry, field string) (int, error) {
			v, ok := ui.ParseWhole(e.Text, 0, app.MaxModeDays)
			if !ok {
				return 0, &app.FieldError{Entity: "shipping_mode", Field: field, Code: app.CodeOutOfRange, Limit: app.MaxModeDays}
			}
			return v, nil
		}
		t, err := whole(transit, "transit_days")
		if err != nil {
			return nil, err
		}
		r, err := whole(receiving, "receiving_days")
		if err != nil {
			return nil, err
		}
		// The store checks the cost's range (app.ShippingMode.Validate).
		c, ok := ui.ParseNumber(cost.Text)
		if !ok || c < 0 {
			return nil, ui.Problem(tr.T("planning.modes.bad_cost"))
		}
		nm := mode.Name
		if fresh {
			nm = strings.ToLower(strings.TrimSpace(name.Text))
			if slices.ContainsFunc(p.builtins, func(b planning.Mode) bool { return strings.EqualFold(b.Name, nm) }) {
				return nil, &app.FieldError{Entity: "shipping_mode", Field: "name", Code: app.CodeDuplicate}
			}
		}
		perCbm, ok := 0.0, true
		if strings.TrimSpace(cbm.Text) != "" {
			perCbm, ok = ui.ParseNumber(cbm.Text)
		}
		if !ok || perCbm < 0 {
			return nil, ui.Problem(tr.T("planning.modes.bad_cost_cbm"))
		}
		div := 0
		if strings.TrimSpace(divisor.Text) != "" {
			if div, ok = ui.ParseWhole(divisor.Text, 0, app.MaxVolumetricDivisor); !ok {
				return nil, ui.Problem(tr.T("planning.modes.bad_divisor", "Max", app.FormatNumber(app.MaxVolumetricDivisor, 0)))
			}
		}
		saved := modeToApp(planning.Mode{Name: nm, TransitDays: t, ReceivingDays: r, CostPerKg: c, Currency: cur.Selected,
			CostPerM3: perCbm, VolumetricDivisor: float64(div)}, id)
		return func(s *data.Store) error {
			_, err := s.SaveShippingMode(env.Context(), saved)
			return err
		}, nil
	}, m.reload)
}

// remove deletes an office mode: a built-in name goes back to its
// default, an added mode disappears.
func (m *modesPanel) remove(stored app.ShippingMode, builtin bool) {
	env, tr := m.p.env, m.p.tr
	title, msg, action := tr.T("planning.modes.delete_title"), tr.T("planning.modes.delete_confirm", "Name", stored.Name), tr.T("planning.modes.delete")
	if builtin {
		title, msg, action = tr.T("planning.modes.reset_title"), tr.T("planning.modes.reset_confirm", "Name", modeLabel(tr, stored.Name)), tr.T("planning.modes.reset")
	}
	env.Confirm(title, msg, action, func() {
		env.Background(func(s *data.Store) func() {
			err := s.DeleteShippingMode(env.Context(), stored.ID)
			return func() {
				if err != nil {
					env.ShowError(tr.T("planning.modes.save_failed"), err)
					return
				}
				m.reload()
			}
		})
	})
}

// reload reads the office modes again and recomputes.
func (m *modesPanel) reload() {
	p, env := m.p, m.p.env
	env.Background(func(s *data.Store) func() {
		office, err := s.ShippingModes(env.Context())
		return func() {
			if err != nil {
				env.ShowError(p.tr.T("planning.modes.save_failed"), err)
				return
			}
			p.setOffice(office)
			p.recompute()
		}
	})
}
