package serviceui

import (
	"maps"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The reply templates: the built-in ones (edit, hide, show again) and the
// office's own (add, edit, delete), each in Chinese, English and the
// marketplace languages. A placeholder that is no placeholder ({custmer})
// is shown as it is typed, and refused on save.

// repliesListShare is the template list's share of the tab's width.
const repliesListShare = 0.3

type repliesTab struct {
	s    *Screen
	root fyne.CanvasObject

	list      *widget.List
	templates []app.ReplyTemplate
	selected  int

	name    *widget.Entry
	typ     *widget.Select
	lang    *widget.Select
	text    *widget.Entry
	hint    *widgets.Paragraph
	status  *widgets.Paragraph
	saveBtn *widget.Button
	hideBtn *widget.Button

	// base is the template as opened; edited the form's texts by
	// language (the shown language's text is in the entry).
	base    app.ReplyTemplate
	texts   map[string]string
	curLang string
	filling bool
	// dirty: edits not saved yet.
	dirty bool
}

func newRepliesTab(s *Screen) *repliesTab {
	tr := s.tr
	r := &repliesTab{s: s, selected: -1, hint: ui.StatusLabel(), status: ui.StatusLabel()}
	r.hint.Importance = widget.WarningImportance
	r.list = widget.NewList(func() int { return len(r.templates) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(r.templates) {
				return
			}
			t := r.templates[i]
			name := t.DisplayName(tr.Lang())
			if t.Hidden {
				name = tr.T("service.reply.hidden_name", "Name", name)
			}
			o.(*widget.Label).SetText(name)
		})
	r.list.OnSelected = func(i widget.ListItemID) { r.open(i) }
	r.name = widget.NewEntry()
	r.name.OnChanged = func(string) { r.edited() }
	typeOpts := append(ui.Choices{{Value: "", Label: tr.T("service.reply.any_type")}}, typeChoices(tr)...)
	r.typ = widget.NewSelect(typeOpts.Labels(), func(string) { r.edited() })
	r.lang = widget.NewSelect(langChoices(tr, app.ReplyLangs()).Labels(), func(string) { r.switchLang() })
	r.typ.PlaceHolder, r.lang.PlaceHolder = tr.T("service.choose"), tr.T("service.choose")
	r.text = widget.NewMultiLineEntry()
	r.text.Wrapping = fyne.TextWrapWord
	r.text.SetMinRowsVisible(12)
	r.text.OnChanged = func(string) { r.edited() }
	r.saveBtn = widget.NewButtonWithIcon(tr.T("action.save"), theme.DocumentSaveIcon(), r.save)
	r.saveBtn.Importance = widget.HighImportance
	r.hideBtn = widget.NewButtonWithIcon(tr.T("service.reply.delete"), theme.DeleteIcon(), r.hideOrDelete)
	add := widget.NewButtonWithIcon(tr.T("service.reply.new"), theme.ContentAddIcon(), r.newTemplate)

	form := widget.NewForm(widget.NewFormItem(tr.T("field.reply.name"), r.name), widget.NewFormItem(tr.T("field.reply.type"), r.typ),
		widget.NewFormItem(tr.T("service.reply.language"), r.lang))
	help := ui.WrapLabel(tr.T("service.reply.placeholders", "Names", braces(app.Placeholders())))
	editor := container.NewBorder(container.NewVBox(form, help), container.NewVBox(r.hint, r.status, container.NewHBox(r.saveBtn, r.hideBtn)), nil, nil, r.text)
	left := container.NewBorder(container.NewVBox(ui.Heading(tr.T("service.tab.replies")), add), nil, nil, nil, r.list)
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(editor))
	split.Offset = repliesListShare
	r.root = split
	r.setEnabled(false)
	return r
}

func (r *repliesTab) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{r.name, r.typ, r.lang, r.text, r.saveBtn, r.hideBtn} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

func (r *repliesTab) load() {
	s := r.s
	lang := s.tr.Lang()
	s.env.Background(func(st *data.Store) func() {
		all, err := st.ReplyTemplates(s.env.Context(), lang, true)
		return func() {
			if err != nil {
				s.showError(s.tr.T("service.load_failed"), err)
				return
			}
			keep := r.base.ID
			r.templates = all
			r.list.Refresh()
			if r.dirty {
				return // the editor keeps what is being typed
			}
			for i, t := range all {
				if t.ID == keep && keep != "" {
					r.list.Select(i)
					return
				}
			}
			if len(all) > 0 && r.selected < 0 && keep == "" {
				r.list.Select(0) // the first template, rather than an empty editor
				return
			}
			// What was open is gone.
			r.base, r.texts = app.ReplyTemplate{}, nil
			r.filling = true
			r.name.SetText("")
			r.text.SetText("")
			r.filling = false
			r.setEnabled(false)
		}
	})
}

// open shows template i in the editor.
func (r *repliesTab) open(i int) {
	if i < 0 || i >= len(r.templates) {
		return
	}
	r.selected = i
	r.show(r.templates[i])
}

func (r *repliesTab) show(t app.ReplyTemplate) {
	tr := r.s.tr
	r.filling = true
	defer func() { r.filling = false }()
	if t.ID != r.base.ID || t.ID == "" {
		r.status.SetText("") // another template: the last one's message goes
	}
	r.dirty = false
	r.base = t
	r.texts = maps.Clone(t.Texts)
	if r.texts == nil {
		r.texts = map[string]string{}
	}
	r.name.SetText(t.DisplayName(tr.Lang()))
	typeOpts := append(ui.Choices{{Value: "", Label: tr.T("service.reply.any_type")}}, typeChoices(tr)...)
	r.typ.SetSelected(typeOpts.Label(string(t.Type)))
	r.curLang = app.LangChinese
	if tr.Lang() != ui.LangChinese {
		r.curLang = app.LangEnglish
	}
	r.lang.SetSelected(langChoices(tr, app.ReplyLangs()).Label(r.curLang))
	r.text.SetText(r.texts[r.curLang])
	r.setEnabled(true)
	if t.Builtin != "" {
		r.hideBtn.SetText(tr.T("service.reply.hide"))
		if t.Hidden {
			r.hideBtn.SetText(tr.T("service.reply.show"))
		}
	} else {
		r.hideBtn.SetText(tr.T("service.reply.delete"))
	}
	r.checkText()
}

// switchLang keeps the text typed and shows another language's.
func (r *repliesTab) switchLang() {
	if r.filling || r.texts == nil {
		return
	}
	r.texts[r.curLang] = r.text.Text
	r.curLang = langChoices(r.s.tr, app.ReplyLangs()).Value(r.lang.Selected)
	r.filling = true
	r.text.SetText(r.texts[r.curLang])
	r.filling = false
	r.checkText()
}

func (r *repliesTab) edited() {
	if r.filling {
		return
	}
	r.dirty = true
	r.status.SetText(r.s.tr.T("service.reply.unsaved"))
	r.checkText()
}

// checkText shows the placeholders of the text shown that are none.
func (r *repliesTab) checkText() {
	if unknown := app.UnknownPlaceholders(r.text.Text); len(unknown) > 0 {
		r.hint.SetText(r.s.tr.T("service.compose.unknown", "Names", braces(unknown)))
		return
	}
	r.hint.SetText("")
}

// edited template as the form says.
func (r *repliesTab) formTemplate() app.ReplyTemplate {
	tr := r.s.tr
	t := r.base
	r.texts[r.curLang] = r.text.Text
	t.Texts = maps.Clone(r.texts)
	typeOpts := append(ui.Choices{{Value: "", Label: tr.T("service.reply.any_type")}}, typeChoices(tr)...)
	t.Type = app.CaseType(typeOpts.Value(r.typ.Selected))
	// A built-in's name shown in the screen's language is its own until
	// the office types another.
	if strings.TrimSpace(r.name.Text) != r.base.DisplayName(tr.Lang()) {
		t.Name, t.NameZh = r.name.Text, ""
	}
	return t
}

func (r *repliesTab) save() {
	s, tr := r.s, r.s.tr
	edited := r.formTemplate()
	base := r.base
	if err := edited.Normalize().Validate(); err != nil {
		r.status.SetText(s.errorText(err))
		return
	}
	r.saveBtn.Disable()
	s.env.Background(func(st *data.Store) func() {
		got, err := st.SaveReplyTemplate(s.env.Context(), base, edited)
		return func() {
			r.saveBtn.Enable()
			if err != nil {
				r.status.SetText(s.errorText(err))
				return
			}
			r.base, r.dirty = got, false
			r.status.SetText(tr.T("service.reply.saved"))
			r.load()
		}
	})
}

func (r *repliesTab) newTemplate() {
	r.list.UnselectAll()
	r.selected = -1
	r.show(app.ReplyTemplate{Name: r.s.tr.T("service.reply.new_name"), Texts: map[string]string{}})
}

// hideOrDelete hides (or shows again) a built-in, deletes an own template.
func (r *repliesTab) hideOrDelete() {
	s, tr := r.s, r.s.tr
	t := r.base
	if t.ID == "" {
		return
	}
	run := func(write func(st *data.Store) error) {
		s.env.Background(func(st *data.Store) func() {
			err := write(st)
			return func() {
				if err != nil {
					r.status.SetText(s.errorText(err))
					return
				}
				r.load()
			}
		})
	}
	switch {
	case t.Builtin != "" && t.Hidden:
		run(func(st *data.Store) error { return st.RestoreReplyTemplate(s.env.Context(), t.ID) })
	case t.Builtin != "":
		run(func(st *data.Store) error { return st.DeleteReplyTemplate(s.env.Context(), t.ID) })
	default:
		s.env.Confirm(tr.T("service.reply.delete_title"), tr.T("service.reply.delete_body", "Name", t.Name), tr.T("service.reply.delete"), func() {
			r.base = app.ReplyTemplate{}
			run(func(st *data.Store) error { return st.DeleteReplyTemplate(s.env.Context(), t.ID) })
		})
	}
}
