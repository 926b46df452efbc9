package sopui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// formEditor edits a record form in place: one row per field (label,
// type, required, and the choices, currency or unit its type needs),
// moved up and down, removed, added. It changes *fields as the person
// types, so that rebuilding the rows never loses what was typed.
type formEditor struct {
	tr     *ui.Translator
	fields *[]app.FormField
	box    *fyne.Container
	labels []*widget.Entry
	extras []*widget.Entry
	// changed runs after every edit.
	changed func()
}

// Widths of a form editor row's controls.
const (
	fieldTypeWidth  = 110
	fieldExtraWidth = 170
)

func newFormEditor(tr *ui.Translator, fields *[]app.FormField, changed func()) *formEditor {
	e := &formEditor{tr: tr, fields: fields, box: container.NewVBox(), changed: changed}
	e.rebuild()
	return e
}

func (e *formEditor) edited() {
	if e.changed != nil {
		e.changed()
	}
}

// rebuild makes the rows again from *fields (after a field was added,
// moved or removed).
func (e *formEditor) rebuild() {
	tr := e.tr
	types := ui.Choices{}
	for _, t := range app.FieldTypes() {
		types = append(types, ui.Choice{Value: string(t), Label: fieldTypeText(tr, t)})
	}
	e.labels, e.extras = nil, nil
	var rows []fyne.CanvasObject
	for i := range *e.fields {
		i := i
		f := &(*e.fields)[i]
		label := widget.NewEntry()
		label.SetPlaceHolder(tr.T("sop.editor.field_label"))
		label.SetText(f.Label)
		label.OnChanged = func(s string) { f.Label = s; e.edited() }
		extra := widget.NewEntry()
		e.fillExtra(extra, f)
		typ := selectOf(types, string(f.Type), func(v string) {
			if string(f.Type) == v {
				return
			}
			f.Type = app.FieldType(v)
			if f.Type == app.FieldMoney && f.Currency == "" {
				f.Currency = "USD"
			}
			e.fillExtra(extra, f)
			e.edited()
		})
		extra.OnChanged = func(s string) {
			switch f.Type {
			case app.FieldChoice:
				f.Choices = splitChoices(s)
			case app.FieldMoney:
				f.Currency = strings.ToUpper(strings.TrimSpace(s))
			case app.FieldNumber:
				f.Unit = s
			}
			e.edited()
		}
		required := widget.NewCheck(tr.T("sop.editor.required"), nil)
		required.SetChecked(f.Required)
		required.OnChanged = func(b bool) { f.Required = b; e.edited() }
		up := widgets.NewTipButton("", theme.MoveUpIcon(), tr.T("sop.editor.move_up"), func() { e.move(i, i-1) })
		down := widgets.NewTipButton("", theme.MoveDownIcon(), tr.T("sop.editor.move_down"), func() { e.move(i, i+1) })
		remove := widgets.NewTipButton("", theme.DeleteIcon(), tr.T("sop.editor.remove_field"), func() {
			*e.fields = slices.Delete(*e.fields, i, i+1)
			e.rebuild()
			e.edited()
		})
		if i == 0 {
			up.Disable()
		}
		if i == len(*e.fields)-1 {
			down.Disable()
		}
		e.labels = append(e.labels, label)
		e.extras = append(e.extras, extra)
		right := container.NewHBox(ui.FixedWidth(fieldTypeWidth, typ), required, ui.FixedWidth(fieldExtraWidth, extra), up, down, remove)
		rows = append(rows, container.NewBorder(nil, nil, nil, right, label))
	}
	add := widget.NewButtonWithIcon(tr.T("sop.editor.add_field"), theme.ContentAddIcon(), func() {
		*e.fields = append(*e.fields, app.FormField{Type: app.FieldText})
		e.rebuild()
		e.edited()
	})
	rows = append(rows, container.NewHBox(add))
	e.box.Objects = rows
	e.box.Refresh()
}

// fillExtra shows what the field's type needs in the extra entry:
// choices, a currency or a unit (nothing for the other types).
func (e *formEditor) fillExtra(extra *widget.Entry, f *app.FormField) {
	tr := e.tr
	old := extra.OnChanged
	extra.OnChanged = nil
	extra.Enable()
	switch f.Type {
	case app.FieldChoice:
		extra.SetPlaceHolder(tr.T("sop.editor.choices"))
		extra.SetText(strings.Join(f.Choices, ", "))
	case app.FieldMoney:
		extra.SetPlaceHolder(tr.T("sop.editor.currency"))
		extra.SetText(f.Currency)
	case app.FieldNumber:
		extra.SetPlaceHolder(tr.T("sop.editor.unit"))
		extra.SetText(f.Unit)
	default:
		extra.SetPlaceHolder("")
		extra.SetText("")
		extra.Disable()
	}
	extra.OnChanged = old
}

func (e *formEditor) move(from, to int) {
	fs := *e.fields
	if to < 0 || to >= len(fs) {
		return
	}
	fs[from], fs[to] = fs[to], fs[from]
	e.rebuild()
	e.edited()
}

// mark shows a problem on field i's row; "" clears every mark.
func (e *formEditor) mark(i int, fe *app.FieldError, text string) {
	for _, en := range e.labels {
		en.SetValidationError(nil)
	}
	for _, en := range e.extras {
		en.SetValidationError(nil)
	}
	if fe == nil || i < 0 || i >= len(e.labels) {
		return
	}
	switch fe.Field {
	case "choices", "currency", "unit":
		e.extras[i].SetValidationError(ui.Problem(text))
	default:
		e.labels[i].SetValidationError(ui.Problem(text))
	}
}

// splitChoices reads "高, 中, 低" (commas of either width, or 、).
func splitChoices(s string) []string {
	s = strings.NewReplacer("，", ",", "、", ",").Replace(s)
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
