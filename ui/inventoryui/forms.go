package inventoryui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// Forms longer than a window of 720 pixels (a purchase order, a shipment
// with its lines) scroll inside their dialog: the window never grows.
// They behave as ui.ShowFormDialog's: save reads the form on the UI
// thread, the write runs off it, a problem shows under the form and
// keeps everything typed.

// Size of a scrolling form dialog, as a share of the window.
const (
	longFormWidth  = 640
	longFormHeight = 0.86
)

// longForm is an open scrolling form dialog.
type longForm struct {
	d    *dialog.CustomDialog
	msg  *widget.Label
	save *widget.Button
}

// showLongForm shows content (a form and what goes with it) in a dialog
// that scrolls, with Cancel and saveLabel buttons.
func (s *Screen) showLongForm(title, saveLabel string, content fyne.CanvasObject, save func() (ui.Write, error), saved func()) *longForm {
	f := &longForm{msg: widget.NewLabel("")}
	f.msg.Wrapping = fyne.TextWrapWord
	f.msg.Importance = widget.DangerImportance
	win := s.env.Window().Canvas().Size()
	body := container.NewBorder(nil, f.msg, nil, nil, container.NewVScroll(container.NewPadded(content)))
	f.d = dialog.NewCustomWithoutButtons(title, body, s.env.Window())
	cancel := widget.NewButton(s.tr.T("action.cancel"), f.d.Hide)
	f.save = widget.NewButtonWithIcon(saveLabel, theme.ConfirmIcon(), func() {
		write, err := save()
		if err != nil {
			f.msg.SetText(s.env.ErrorText(err))
			return
		}
		f.save.Disable()
		f.msg.SetText("")
		s.env.Background(func(st *data.Store) func() {
			err := write(st)
			return func() {
				f.save.Enable()
				if err != nil {
					f.msg.SetText(s.env.ErrorText(err))
					return
				}
				f.d.Hide()
				if saved != nil {
					saved()
				}
			}
		})
	})
	f.save.Importance = widget.HighImportance
	f.d.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.d.Resize(fyne.NewSize(min(longFormWidth, win.Width*0.9), win.Height*longFormHeight))
	f.d.Show()
	return f
}

// lineRow is one line of an order or a shipment being edited.
type lineRow struct {
	id   string // the stored line ("" for a new one)
	po   string // the purchase order a shipment line takes from
	sku  *widget.SelectEntry
	qty  *widget.Entry
	cost *widget.Entry // unit cost (orders only)
	box  *fyne.Container
}

// lineEditor edits the lines of an order or a shipment: a SKU (typed, or
// picked from the catalog), units and, for orders, the unit cost.
type lineEditor struct {
	s        *Screen
	box      *fyne.Container
	rows     []*lineRow
	withCost bool
}

func newLineEditor(s *Screen, withCost bool) *lineEditor {
	e := &lineEditor{s: s, box: container.NewVBox(), withCost: withCost}
	return e
}

// view is the lines with an "add line" button under them.
func (e *lineEditor) view() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(e.s.tr.T("inventory.lines.add"), theme.ContentAddIcon(), func() { e.add("", "", 0, "", "") })
	return container.NewVBox(e.box, container.NewHBox(add))
}

// skuOptions are the catalog's SKUs to pick from.
func (e *lineEditor) skuOptions() []string {
	out := make([]string, len(e.s.products))
	for i, p := range e.s.products {
		out[i] = p.SKU
	}
	return out
}

// add appends a line.
func (e *lineEditor) add(id, sku string, qty int, cost, po string) *lineRow {
	tr := e.s.tr
	r := &lineRow{id: id, po: po, sku: widget.NewSelectEntry(e.skuOptions()), qty: widget.NewEntry()}
	r.sku.SetPlaceHolder(tr.T("inventory.lines.sku"))
	r.sku.SetText(sku)
	r.qty.SetPlaceHolder(tr.T("inventory.lines.qty"))
	if qty > 0 {
		r.qty.SetText(itoa(qty))
	}
	cells := []fyne.CanvasObject{ui.FixedWidth(90, r.qty)}
	if e.withCost {
		r.cost = widget.NewEntry()
		r.cost.SetPlaceHolder(tr.T("inventory.lines.cost"))
		r.cost.SetText(cost)
		cells = append(cells, ui.FixedWidth(110, r.cost))
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	cells = append(cells, remove)
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(cells...), r.sku)
	remove.OnTapped = func() {
		for i, x := range e.rows {
			if x == r {
				e.rows = append(e.rows[:i], e.rows[i+1:]...)
			}
		}
		e.box.Remove(r.box)
	}
	e.rows = append(e.rows, r)
	e.box.Add(r.box)
	return r
}

// selection is the record a tab's table has selected, read off the UI
// thread, and the buttons that act on it (enabled while there is one).
type selection[T any] struct {
	value   T
	has     bool
	buttons []fyne.Disableable
}

// set selects v.
func (p *selection[T]) set(v T) {
	p.value, p.has = v, true
	p.enable()
}

// clear forgets the selection.
func (p *selection[T]) clear() {
	var zero T
	p.value, p.has = zero, false
	p.enable()
}

func (p *selection[T]) enable() {
	for _, b := range p.buttons {
		if p.has {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// selectFrom reads the record of a selected row off the UI thread and
// selects it.
func selectFrom[T any](s *Screen, sel *selection[T], read func(ctx context.Context, st *data.Store) (T, error)) {
	s.env.Background(func(st *data.Store) func() {
		v, err := read(s.env.Context(), st)
		return func() {
			if err == nil {
				sel.set(v)
			}
		}
	})
}
