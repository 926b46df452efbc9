package sopui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/ui"
)

// recordForm is a record form to fill in: one input per typed field
// (entries for text, numbers, money, percentages, dates and SKUs; a
// choice list for choices), each with its hint or problem below. A
// field's problem shows once the field was typed in, and every problem
// once the person saves; what was typed stays whatever goes wrong.
type recordForm struct {
	tr      *ui.Translator
	defs    []app.FormField
	fields  []*field
	inputs  []fyne.CanvasObject
	touched ui.Touched
	root    *fyne.Container
	// onChange runs after any value changed (a form marks itself edited).
	onChange func()
}

func newRecordForm(tr *ui.Translator, defs []app.FormField, values map[string]app.Value) *recordForm {
	f := &recordForm{tr: tr, defs: defs}
	for _, d := range defs {
		var in fyne.CanvasObject
		if d.Type == app.FieldChoice {
			sel := widget.NewSelect(d.Choices, nil)
			if v := values[d.Key]; v.Set {
				sel.SetSelected(v.Text)
			}
			sel.OnChanged = func(string) { f.changed(sel) }
			in = sel
		} else {
			e := widget.NewEntry()
			e.SetText(inputText(values[d.Key]))
			if d.Type == app.FieldText {
				e.MultiLine = false
			}
			e.OnChanged = func(string) { f.changed(e) }
			in = e
		}
		label := d.Label
		if d.Required {
			label = tr.T("sop.record.label_required", "Label", d.Label)
		}
		f.inputs = append(f.inputs, in)
		f.fields = append(f.fields, newField(d.Key, label, in, fieldHint(tr, d)))
	}
	if len(defs) == 0 {
		f.root = container.NewVBox(ui.WrapLabel(tr.T("sop.record.none")))
	} else {
		f.root = fieldGrid(f.fields...)
	}
	return f
}

func (f *recordForm) changed(in fyne.CanvasObject) {
	f.touched.Touch(in)
	f.check()
	if f.onChange != nil {
		f.onChange()
	}
}

// text is what field i holds as typed.
func (f *recordForm) text(i int) string {
	switch in := f.inputs[i].(type) {
	case *widget.Select:
		return in.Selected
	case *widget.Entry:
		return in.Text
	}
	return ""
}

// values reads every field. bad is true when one cannot be read (its
// problem then shows beside it, touched or not: the person is saving).
func (f *recordForm) values() (vals map[string]app.Value, bad bool) {
	f.touched.TouchAll()
	vals = map[string]app.Value{}
	for i, d := range f.defs {
		v, err := app.ParseValue(d, f.text(i))
		if err != nil {
			bad = true
			continue
		}
		vals[d.Key] = v
	}
	f.check()
	return vals, bad
}

// check shows the problem of each touched field whose text cannot be read.
func (f *recordForm) check() {
	for i, d := range f.defs {
		msg := ""
		if f.touched.Shows(f.inputs[i]) {
			if _, err := app.ParseValue(d, f.text(i)); err != nil {
				msg = recordProblem(f.tr, d, err)
			}
		}
		f.fields[i].setProblem(msg)
	}
}

// showMissing marks the required fields without a value (a store refused
// to complete the step or entry); it reports whether err was one.
func (f *recordForm) showMissing(err error) bool {
	var fe *app.FieldError
	if !errors.As(err, &fe) || fe.Entity != "record" {
		return false
	}
	for i, d := range f.defs {
		if d.Key == fe.Field {
			f.fields[i].setProblem(recordProblem(f.tr, d, err))
			return true
		}
	}
	return false
}

// missingRequired is the first required field left empty, -1 when none.
func (f *recordForm) missingRequired() int {
	for i, d := range f.defs {
		if d.Required {
			if v, err := app.ParseValue(d, f.text(i)); err == nil && !v.Set {
				return i
			}
		}
	}
	return -1
}
