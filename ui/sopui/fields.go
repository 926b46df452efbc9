package sopui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// field is one labelled input of a SOP form with a line under it: its
// hint in grey, or its problem in red. The line is always there, so no
// field moves when a problem appears or goes.
type field struct {
	name  string // the FieldError field it shows problems of
	label *widget.Label
	input fyne.CanvasObject
	hint  string
	line  *widget.Label
}

func newField(name, label string, input fyne.CanvasObject, hint string) *field {
	f := &field{name: name, label: widget.NewLabel(label), input: input, hint: hint, line: widget.NewLabel("")}
	f.line.SizeName = theme.SizeNameCaptionText
	f.line.Truncation = fyne.TextTruncateEllipsis
	f.setProblem("")
	return f
}

// setProblem shows text as the field's problem ("" shows the hint).
func (f *field) setProblem(text string) {
	if text == "" {
		f.line.Importance = widget.LowImportance
		f.line.SetText(f.hint + " ") // the space keeps the line's height when there is no hint
		if e, ok := f.input.(*widget.Entry); ok {
			e.SetValidationError(nil)
		}
		return
	}
	f.line.Importance = widget.DangerImportance
	f.line.SetText(text)
	if e, ok := f.input.(*widget.Entry); ok {
		e.SetValidationError(ui.Problem(text))
	}
}

// problem is the field's problem shown, "" when none.
func (f *field) problem() string {
	if f.line.Importance == widget.DangerImportance {
		return f.line.Text
	}
	return ""
}

// fieldGrid lays fields out as a form: labels on the left, each input
// with its line below.
func fieldGrid(fields ...*field) *fyne.Container {
	objs := make([]fyne.CanvasObject, 0, 2*len(fields))
	for _, f := range fields {
		objs = append(objs, f.label, container.New(layout.NewCustomPaddedVBoxLayout(0), f.input, f.line))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// fieldSet finds the field a store or domain problem is about.
type fieldSet []*field

// show puts err beside the field it names (by FieldError field) and
// reports whether one did; the others show their hints.
func (fs fieldSet) show(tr *ui.Translator, err error) bool {
	var fe *app.FieldError
	target := ""
	if errors.As(err, &fe) {
		target = fe.Field
	}
	shown := false
	for _, f := range fs {
		if f.name != "" && f.name == target && !shown {
			f.setProblem(ui.ErrorText(tr, err))
			shown = true
		} else {
			f.setProblem("")
		}
	}
	return shown
}

// clear shows every field's hint.
func (fs fieldSet) clear() {
	for _, f := range fs {
		f.setProblem("")
	}
}

// dateEntry is an entry for a day (YYYY-MM-DD).
func dateEntry(d app.Date) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(app.DayLayout)
	e.SetText(d.String())
	return e
}

// parseDay reads a date entry: the zero Date and ok for an empty one.
func parseDay(text string) (app.Date, bool) {
	v, err := app.ParseValue(app.FormField{Key: "day", Type: app.FieldDate}, text)
	if err != nil {
		return 0, false
	}
	return v.Day, true
}

// selectOf makes a Select over choices with value chosen.
func selectOf(cs ui.Choices, value string, changed func(value string)) *widget.Select {
	s := widget.NewSelect(cs.Labels(), nil)
	if value != "" {
		s.SetSelected(cs.Label(value))
	}
	s.OnChanged = func(label string) {
		if changed != nil {
			changed(cs.Value(label))
		}
	}
	return s
}

// twoLines is a list row of a title and a smaller line under it, both
// cut with "…" when too long; setTwoLines fills one.
func twoLines() fyne.CanvasObject {
	a := widget.NewLabel("")
	a.Truncation = fyne.TextTruncateEllipsis
	b := widget.NewLabel("")
	b.Truncation = fyne.TextTruncateEllipsis
	b.SizeName = theme.SizeNameCaptionText
	return ui.CompactList(a, b)
}

func setTwoLines(o fyne.CanvasObject, title, sub string, subImportance widget.Importance) {
	lines := o.(*fyne.Container).Objects
	lines[0].(*widget.Label).SetText(title)
	l := lines[1].(*widget.Label)
	l.Importance = subImportance
	l.SetText(sub)
}

// peopleOptions are the team as a table filter's choices.
func peopleOptions(people []app.Person) []widgets.Option {
	out := make([]widgets.Option, len(people))
	for i, p := range people {
		out[i] = widgets.Option{Value: p.ID, Label: p.Name}
	}
	return out
}
