package inventoryui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// Forms longer than a window of 720 pixels (a purchase order, a shipment
// with its lines, a SKU) scroll inside their dialog: the window never
// grows. They behave as ui.ShowForm's: Save runs on the UI thread and
// calls done (nil closes the dialog; a problem shows under the form and
// keeps everything typed); Cancel with unsaved edits asks first; Top (a
// record form's notice) stands above the fields.

// Size of a scrolling form dialog, as a share of the window.
const (
	longFormWidth  = 640
	longFormHeight = 0.86
)

// longFormSpec is a scrolling form (see ui.FormSpec for the fields they
// share).
type longFormSpec struct {
	Title, SaveLabel string
	Content, Top     fyne.CanvasObject
	Save             func(done func(error))
	Saved            func()
	Unsaved          func() bool
	Closed           func()
}

// showLongForm shows spec in a dialog that scrolls.
func (s *Screen) showLongForm(spec longFormSpec) {
	msg := ui.ErrorLabel("")
	win := s.env.Window().Canvas().Size()
	content := spec.Content
	if spec.Top != nil {
		content = container.NewVBox(spec.Top, spec.Content)
	}
	body := container.NewBorder(nil, msg, nil, nil, container.NewVScroll(container.NewPadded(content)))
	d := dialog.NewCustomWithoutButtons(spec.Title, body, s.env.Window())
	d.SetOnClosed(func() {
		s.formClosed()
		if spec.Closed != nil {
			spec.Closed()
		}
	})
	cancel := widget.NewButton(s.tr.T("action.cancel"), func() {
		if spec.Unsaved != nil && spec.Unsaved() {
			s.env.ConfirmDiscard([]string{spec.Title}, d.Hide)
			return
		}
		d.Hide()
	})
	var save *widget.Button
	save = widget.NewButtonWithIcon(spec.SaveLabel, theme.ConfirmIcon(), func() {
		save.Disable()
		msg.SetText("")
		spec.Save(func(err error) {
			save.Enable()
			switch {
			case errors.Is(err, ui.ErrNotSaved):
			case err != nil:
				msg.SetText(s.env.ErrorText(err))
			default:
				d.Hide()
				if spec.Saved != nil {
					spec.Saved()
				}
			}
		})
	})
	save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	d.Resize(fyne.NewSize(min(longFormWidth, win.Width*0.9), win.Height*longFormHeight))
	s.formOpened(spec.Title, spec.Unsaved, spec.Closed)
	d.Show()
}

// writeSave is a form's Save for a write prepared on the UI thread (a new
// record, an append-only entry): the write runs off the UI thread.
func (s *Screen) writeSave(prepare func() (ui.Write, error)) func(done func(error)) {
	return func(done func(error)) {
		write, err := prepare()
		if err != nil {
			done(err)
			return
		}
		s.env.Background(func(st *data.Store) func() {
			err := write(st)
			return func() { done(err) }
		})
	}
}

// openForm is the form dialog open over the area, for the question
// about unsaved edits before the window closes or the screen goes.
type openForm struct {
	what    string
	unsaved func() bool
	closed  func() // stops following sync changes
}

func (s *Screen) formOpened(what string, unsaved func() bool, closed func()) {
	if unsaved == nil {
		unsaved = func() bool { return false }
	}
	s.open = &openForm{what: what, unsaved: unsaved, closed: closed}
}

// Close implements the shell's closing of a screen: an open form and the
// screen stop following sync changes.
func (s *Screen) Close() {
	if s.open != nil && s.open.closed != nil {
		s.open.closed()
	}
	s.open = nil
	if s.unsubscribe != nil {
		s.unsubscribe()
		s.unsubscribe = nil
	}
}

func (s *Screen) formClosed() { s.open = nil }

// UnsavedEdits implements ui.Unsaved: a form open with edits, and the
// Settings tab's edits.
func (s *Screen) UnsavedEdits() []string {
	var out []string
	if s.open != nil && s.open.unsaved() {
		out = append(out, s.open.what)
	}
	if s.setup.dirty() {
		out = append(out, s.tr.T("inventory.settings.what"))
	}
	return out
}

// showForm shows a short form (ui.ShowForm), noted for UnsavedEdits.
func (s *Screen) showForm(spec ui.FormSpec) *ui.FormDialog {
	closed := spec.Closed
	spec.Closed = func() {
		s.formClosed()
		if closed != nil {
			closed()
		}
	}
	s.formOpened(spec.Title, spec.Unsaved, closed)
	return s.env.ShowForm(spec)
}

// editedSince reports whether a form holds edits since it was filled (a
// new record's form: anything typed).
func editedSince(f ui.RecordFields) func() bool {
	start, _ := f.Values()
	return func() bool {
		cur, err := f.Values()
		if err != nil {
			return true
		}
		for k, v := range cur {
			if !ui.SameValue(k, v, start[k]) {
				return true
			}
		}
		return false
	}
}

// valueInt reads a whole number as a record holds it (0 for none).
func valueInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case float64:
		return int64(x)
	case bool:
		if x {
			return 1
		}
		return 0
	}
	n, _ := strconv.ParseInt(strings.TrimSpace(ui.ValueText(v)), 10, 64)
	return n
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

// editedSince reports whether the lines differ from what they were when
// it was called.
func (e *lineEditor) editedSince() func() bool {
	start := e.texts()
	return func() bool { return !slices.Equal(start, e.texts()) }
}

// texts are the lines as typed, for comparing.
func (e *lineEditor) texts() []string {
	var out []string
	for _, r := range e.rows {
		cost := ""
		if r.cost != nil {
			cost = r.cost.Text
		}
		out = append(out, r.id+"\x00"+r.sku.Text+"\x00"+r.qty.Text+"\x00"+cost)
	}
	return out
}

// showWriteForm shows a short form whose save is a write prepared on the
// UI thread (a movement, a receipt, a cash entry): Cancel asks first
// when something was typed in entries.
func (s *Screen) showWriteForm(title, saveLabel string, form *widget.Form, entries []*widget.Entry, prepare func() (ui.Write, error), saved func()) {
	texts := func() []string {
		out := make([]string, len(entries))
		for i, e := range entries {
			out[i] = e.Text
		}
		return out
	}
	start := texts()
	s.showForm(ui.FormSpec{Title: title, SaveLabel: saveLabel, Form: form, Save: s.writeSave(prepare), Saved: saved,
		Unsaved: func() bool { return !slices.Equal(start, texts()) }})
}

// recordForm says how a record's scrolling form saves: a new record
// (ID "") is written by Create; an existing one's fields follow sync
// changes through a ui.RecordForm over Table and Update saves it with
// that record form. MoreEdits, when set, tells edits the record form does
// not see (an order's lines).
type recordForm struct {
	Table, ID string
	Fields    ui.RecordFields
	MoreEdits func() bool
	Create    func() (ui.Write, error)
	Update    func(rf *ui.RecordForm, done func(error))
}

// showRecordForm shows spec as the form of r (see recordForm); for an
// existing record, title replaces spec's title.
func (s *Screen) showRecordForm(spec longFormSpec, r recordForm, title string) {
	more := r.MoreEdits
	if more == nil {
		more = func() bool { return false }
	}
	if r.ID == "" {
		spec.Save = s.writeSave(r.Create)
		fields := editedSince(r.Fields)
		spec.Unsaved = func() bool { return fields() || more() }
		s.showLongForm(spec)
		return
	}
	rf := ui.NewRecordForm(s.env, r.Table, r.Fields)
	rf.Open(r.ID, nil)
	spec.Title, spec.Top = title, rf.Notice()
	spec.Save = func(done func(error)) { r.Update(rf, done) }
	spec.Unsaved = func() bool { return rf.Dirty() || more() }
	spec.Closed = rf.Close
	s.showLongForm(spec)
}
