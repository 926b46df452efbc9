package ui

import (
	"fyne.io/fyne/v2"

	"github.com/opsbench/opsbench/app"
)

// Choice pairs a stored value with its label in a Select.
type Choice struct{ Value, Label string }

// Choices is the options of a Select.
type Choices []Choice

// Labels lists the labels, for widget.NewSelect.
func (cs Choices) Labels() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Label
	}
	return out
}

// Value is the value of the choice labelled label ("" if none).
func (cs Choices) Value(label string) string {
	for _, c := range cs {
		if c.Label == label {
			return c.Value
		}
	}
	return ""
}

// Label is the label of value, the first choice's if value is not one.
func (cs Choices) Label(value string) string {
	for _, c := range cs {
		if c.Value == value {
			return c.Label
		}
	}
	if len(cs) == 0 {
		return ""
	}
	return cs[0].Label
}

// LanguageChoices are the language preferences: the system's, 简体中文,
// English.
func LanguageChoices(tr *Translator) Choices {
	return Choices{{"", tr.T("settings.language.system")}, {LangChinese, tr.T("settings.language.zh")}, {LangEnglish, tr.T("settings.language.en")}}
}

// ThemeChoices are the theme preferences.
func ThemeChoices(tr *Translator) Choices {
	return Choices{{ThemeSystem, tr.T("settings.theme.system")}, {ThemeLight, tr.T("settings.theme.light")}, {ThemeDark, tr.T("settings.theme.dark")}}
}

// RoleChoices are the roles of a person.
func RoleChoices(tr *Translator) Choices {
	var cs Choices
	for _, r := range app.Roles() {
		cs = append(cs, Choice{string(r), tr.T("role." + string(r))})
	}
	return cs
}

// Touched remembers which fields of a form a person has edited: a form
// shows a field's problem once the field was touched, and every problem
// once the person tries to save, never a screenful of red on a form
// nobody has typed in yet.
type Touched struct {
	fields map[fyne.CanvasObject]bool
	all    bool
}

// Touch marks a field as edited.
func (t *Touched) Touch(f fyne.CanvasObject) {
	if t.fields == nil {
		t.fields = map[fyne.CanvasObject]bool{}
	}
	t.fields[f] = true
}

// TouchAll shows every field's problems (the person tried to save).
func (t *Touched) TouchAll() { t.all = true }

// Reset forgets every touch (a fresh form).
func (t *Touched) Reset() {
	t.fields, t.all = nil, false
}

// Forget forgets one field's touch (a field just added, still empty).
func (t *Touched) Forget(f fyne.CanvasObject) { delete(t.fields, f) }

// Shows reports whether f's problems are shown.
func (t *Touched) Shows(f fyne.CanvasObject) bool { return t.all || t.fields[f] }
