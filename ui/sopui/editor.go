package sopui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Widths in the template editor.
const (
	roleWidth  = 110
	daysWidth  = 64
	countWidth = 110
)

// templateEditor edits a template: its name and description, its stages
// and their steps (title, role, days, how to do it well, record form),
// added, moved and removed. Saving a changed content makes a new version;
// runs keep theirs. Problems show on the entry at fault and, in words,
// in a line kept for them above the stages.
type templateEditor struct {
	env  Env
	tr   *ui.Translator
	root fyne.CanvasObject
	tpl  app.Template // as typed

	name, desc *widget.Entry
	msg        *widgets.Paragraph
	info       *widget.Label
	blocks     *fyne.Container
	save       *widget.Button

	stageTitles []*widget.Entry
	stepTitles  map[[2]int]*widget.Entry
	stepDays    map[[2]int]*widget.Entry
	forms       map[[2]int]*formEditor

	// rf follows a stored template while other desks change it: its
	// name, description and current version (ui.RecordForm); nil for a
	// new one.
	rf *ui.RecordForm
	// base is the version the content shown came from; bodyEdited is set
	// once the person changed the content.
	base       string
	bodyEdited bool
	// created is set once a new template was saved.
	created bool
	// building is set while rebuild makes the blocks.
	building bool
	// saved runs with the template as stored after a save.
	saved func(app.Template)
}

// The template record's fields the editor follows, by column name.
const (
	colName        = "name"
	colDescription = "description"
	colVersion     = "version_id"
)

// versionEdited marks, in the form's values, content edited on top of a
// version: a save makes it a new version.
const versionEdited = "+edited"

// Values implements ui.RecordFields: name, description, and the version
// the content is (marked when edited).
func (e *templateEditor) Values() (map[string]any, error) {
	v := e.base
	if e.bodyEdited {
		v += versionEdited
	}
	return map[string]any{colName: e.name.Text, colDescription: e.desc.Text, colVersion: v}, nil
}

// Fill implements ui.RecordFields. Another version's content is read off
// the UI thread and shown when it arrives.
func (e *templateEditor) Fill(v map[string]any) error {
	e.name.SetText(ui.ValueText(v[colName]))
	e.desc.SetText(ui.ValueText(v[colDescription]))
	if id := ui.ValueText(v[colVersion]); id != "" && id != e.base && !strings.HasSuffix(id, versionEdited) {
		e.base, e.bodyEdited = id, false
		env := e.env
		env.Background(func(s *data.Store) func() {
			ver, err := s.TemplateVersion(env.Context(), id)
			return func() {
				if err != nil || e.base != id || e.bodyEdited {
					return
				}
				e.tpl.Body, e.tpl.VersionID, e.tpl.Version = deepCopyBody(ver.Body), ver.ID, ver.Number
				e.showInfo()
				e.rebuild()
			}
		})
	}
	return nil
}

// unsaved reports whether the editor holds edits not saved yet.
func (e *templateEditor) unsaved() bool {
	if e.rf != nil {
		return e.rf.Dirty()
	}
	if e.created {
		return false
	}
	return e.bodyEdited || strings.TrimSpace(e.name.Text) != "" || strings.TrimSpace(e.desc.Text) != ""
}

// close stops following the template (the editor is gone).
func (e *templateEditor) close() {
	if e.rf != nil {
		e.rf.Close()
	}
}

func newTemplateEditor(env Env, t app.Template, saved func(app.Template)) *templateEditor {
	tr := env.Translator()
	t.Body = deepCopyBody(t.Body) // the editor's own copy: the list keeps the stored one
	e := &templateEditor{env: env, tr: tr, tpl: t, saved: saved, msg: ui.ErrorLabel(""), info: widget.NewLabel("")}
	e.name = widget.NewEntry()
	e.name.SetText(t.Name)
	e.name.OnChanged = func(s string) { e.tpl.Name = s }
	e.desc = widget.NewMultiLineEntry()
	e.desc.SetText(t.Description)
	e.desc.SetMinRowsVisible(2)
	e.desc.Wrapping = fyne.TextWrapWord
	e.desc.OnChanged = func(s string) { e.tpl.Description = s }
	e.save = widget.NewButtonWithIcon(tr.T("sop.editor.save"), theme.DocumentSaveIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	e.blocks = container.NewVBox()
	e.base = t.VersionID
	e.showInfo()
	e.rebuild()
	if t.ID != "" {
		e.rf = ui.NewRecordForm(env, "sop_template", e)
		e.rf.Adopt(t.ID)
	}
	e.name.SetPlaceHolder(tr.T("field.sop_template.name"))
	e.desc.SetPlaceHolder(tr.T("field.sop_template.description"))
	nameRow := container.NewBorder(nil, nil, nil, container.NewHBox(e.info, e.save), e.name)
	top := container.NewVBox(nameRow, e.desc, ui.AtLeast(fyne.NewSize(0, 2*theme.TextSize()), e.msg))
	if e.rf != nil {
		top.Objects = append([]fyne.CanvasObject{e.rf.Notice()}, top.Objects...)
	}
	e.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(e.blocks))
	return e
}

// edited notes a change of the content (not the widgets' own setting
// of what they show while the blocks are built).
func (e *templateEditor) edited() {
	if !e.building {
		e.bodyEdited = true
	}
}

func (e *templateEditor) showInfo() {
	tr, t := e.tr, e.tpl
	switch {
	case t.ID == "":
		e.info.SetText(tr.T("sop.editor.new"))
	case t.Archived:
		e.info.SetText(tr.T("sop.editor.info_archived", "Version", t.Version, "Count", t.Runs))
	default:
		e.info.SetText(tr.T("sop.editor.info", "Version", t.Version, "Count", t.Runs))
	}
}

// rebuild makes the stage and step blocks again from the working copy.
func (e *templateEditor) rebuild() {
	e.building = true
	defer func() { e.building = false }()
	tr := e.tr
	e.stageTitles = nil
	e.stepTitles, e.stepDays, e.forms = map[[2]int]*widget.Entry{}, map[[2]int]*widget.Entry{}, map[[2]int]*formEditor{}
	roles := ui.Choices{{Value: "", Label: roleText(tr, "")}}
	for _, r := range app.Roles() {
		roles = append(roles, ui.Choice{Value: string(r), Label: roleText(tr, r)})
	}
	counts := ui.Choices{{Value: string(app.CountWorkdays), Label: tr.T("sop.editor.workdays")},
		{Value: string(app.CountCalendarDays), Label: tr.T("sop.editor.calendar_days")}}
	stages := e.tpl.Body.Stages
	var objs []fyne.CanvasObject
	for si := range stages {
		si := si
		st := &e.tpl.Body.Stages[si]
		title := widget.NewEntry()
		title.SetPlaceHolder(tr.T("sop.editor.stage_title"))
		title.SetText(st.Title)
		title.OnChanged = func(s string) { st.Title = s; e.edited() }
		e.stageTitles = append(e.stageTitles, title)
		addStep := widgets.NewTipButton(tr.T("sop.editor.add_step"), theme.ContentAddIcon(), tr.T("sop.editor.add_step_tip"), func() {
			st.Steps = append(st.Steps, app.Step{Days: 1, Count: app.CountWorkdays})
			e.edited()
			e.rebuild()
		})
		head := container.NewBorder(nil, nil, widget.NewLabel(tr.T("sop.editor.stage_n", "N", si+1)),
			container.NewHBox(e.moveButtons(si, len(stages), func(a, b int) {
				e.tpl.Body.Stages[a], e.tpl.Body.Stages[b] = e.tpl.Body.Stages[b], e.tpl.Body.Stages[a]
			}, func() { e.tpl.Body.Stages = slices.Delete(e.tpl.Body.Stages, si, si+1) }, tr.T("sop.editor.remove_stage")), addStep), title)
		objs = append(objs, widget.NewSeparator(), head)
		for pi := range st.Steps {
			objs = append(objs, e.stepBlock(si, pi, roles, counts))
		}
	}
	addStage := widget.NewButtonWithIcon(tr.T("sop.editor.add_stage"), theme.ContentAddIcon(), func() {
		e.tpl.Body.Stages = append(e.tpl.Body.Stages, app.Stage{Steps: []app.Step{{Days: 1, Count: app.CountWorkdays}}})
		e.edited()
		e.rebuild()
	})
	objs = append(objs, widget.NewSeparator(), container.NewHBox(addStage))
	e.blocks.Objects = objs
	e.blocks.Refresh()
}

// stepBlock is one step: title, role, days and their count, move and
// remove; how to do it well; its record form.
func (e *templateEditor) stepBlock(si, pi int, roles, counts ui.Choices) fyne.CanvasObject {
	tr := e.tr
	st := &e.tpl.Body.Stages[si]
	s := &st.Steps[pi]
	key := [2]int{si, pi}
	title := widget.NewEntry()
	title.SetPlaceHolder(tr.T("sop.editor.step_title"))
	title.SetText(s.Title)
	title.OnChanged = func(v string) { s.Title = v; e.edited() }
	role := selectOf(roles, string(s.Role), func(v string) { s.Role = app.Role(v); e.edited() })
	if s.Role == "" {
		role.SetSelected(roles[0].Label)
	}
	days := widget.NewEntry()
	days.SetText(strconv.Itoa(s.Days))
	days.OnChanged = func(v string) {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			s.Days = n
		} else {
			s.Days = -1 // refused on save, with the entry marked
		}
		e.edited()
	}
	count := selectOf(counts, string(s.Count), func(v string) { s.Count = app.DayCount(v); e.edited() })
	if s.Count == "" {
		count.SetSelected(counts[0].Label)
	}
	desc := widget.NewMultiLineEntry()
	desc.SetPlaceHolder(tr.T("sop.editor.how"))
	desc.SetText(s.Description)
	desc.Wrapping = fyne.TextWrapWord
	desc.SetMinRowsVisible(3)
	desc.OnChanged = func(v string) { s.Description = v; e.edited() }
	e.stepTitles[key], e.stepDays[key] = title, days
	fe := newFormEditor(tr, &s.Fields, e.edited)
	e.forms[key] = fe
	move := e.moveButtons(pi, len(st.Steps), func(a, b int) { st.Steps[a], st.Steps[b] = st.Steps[b], st.Steps[a] },
		func() { st.Steps = slices.Delete(st.Steps, pi, pi+1) }, tr.T("sop.editor.remove_step"))
	right := container.NewHBox(ui.FixedWidth(roleWidth, role), ui.FixedWidth(daysWidth, days), ui.FixedWidth(countWidth, count), move)
	row := container.NewBorder(nil, nil, widget.NewLabel(tr.T("sop.editor.step_n", "N", pi+1)), right, title)
	formHead := widget.NewLabel(tr.T("sop.editor.record_form"))
	formHead.SizeName = theme.SizeNameCaptionText
	indent := container.New(layout.NewCustomPaddedVBoxLayout(theme.Padding()), desc, formHead, fe.box)
	return container.NewVBox(row, container.NewPadded(indent))
}

// moveButtons are up, down and remove for item i of n; swap moves.
func (e *templateEditor) moveButtons(i, n int, swap func(a, b int), remove func(), removeTip string) fyne.CanvasObject {
	tr := e.tr
	up := widgets.NewTipButton("", theme.MoveUpIcon(), tr.T("sop.editor.move_up"), func() { swap(i, i-1); e.edited(); e.rebuild() })
	down := widgets.NewTipButton("", theme.MoveDownIcon(), tr.T("sop.editor.move_down"), func() { swap(i, i+1); e.edited(); e.rebuild() })
	del := widgets.NewTipButton("", theme.DeleteIcon(), removeTip, func() { remove(); e.edited(); e.rebuild() })
	if i == 0 {
		up.Disable()
	}
	if i == n-1 {
		down.Disable()
	}
	return container.NewHBox(up, down, del)
}

// clearMarks takes every problem mark off.
func (e *templateEditor) clearMarks() {
	e.name.SetValidationError(nil)
	e.desc.SetValidationError(nil)
	e.msg.SetText("")
	for _, en := range e.stageTitles {
		en.SetValidationError(nil)
	}
	for _, en := range e.stepTitles {
		en.SetValidationError(nil)
	}
	for _, en := range e.stepDays {
		en.SetValidationError(nil)
	}
	for _, f := range e.forms {
		f.mark(-1, nil, "")
	}
}

// place marks the entry a problem is about and says it in words: which
// stage, step and field, and what is wrong.
func (e *templateEditor) place(err error) {
	tr := e.tr
	e.clearMarks()
	text := ui.ErrorText(tr, err)
	var ref *app.StepRef
	var fe *app.FieldError
	switch {
	case errors.As(err, &ref):
		where := ""
		switch {
		case ref.Step >= 0 && ref.Field >= 0:
			where = tr.T("sop.editor.at_field", "Stage", ref.Stage+1, "Step", ref.Step+1, "Field", ref.Field+1)
			if f, ok := e.forms[[2]int{ref.Stage, ref.Step}]; ok {
				f.mark(ref.Field, ref.Err, text)
			}
		case ref.Step >= 0:
			where = tr.T("sop.editor.at_step", "Stage", ref.Stage+1, "Step", ref.Step+1)
			k := [2]int{ref.Stage, ref.Step}
			if ref.Err.Field == "days" {
				if en, ok := e.stepDays[k]; ok {
					en.SetValidationError(ui.Problem(text))
				}
			} else if en, ok := e.stepTitles[k]; ok {
				en.SetValidationError(ui.Problem(text))
			}
		case ref.Stage >= 0:
			where = tr.T("sop.editor.at_stage", "Stage", ref.Stage+1)
			if ref.Stage < len(e.stageTitles) {
				e.stageTitles[ref.Stage].SetValidationError(ui.Problem(text))
			}
		}
		if where != "" {
			text = tr.T("sop.editor.problem_at", "Where", where, "Problem", text)
		}
		e.msg.SetText(text)
	case errors.As(err, &fe) && fe.Field == "name":
		e.name.SetValidationError(ui.Problem(text))
		e.msg.SetText(text)
	case errors.As(err, &fe) && fe.Field == "description":
		e.desc.SetValidationError(ui.Problem(text))
		e.msg.SetText(text)
	default:
		e.msg.SetText(text)
	}
}

func (e *templateEditor) onSave() {
	env := e.env
	t := e.tpl
	t.Name, t.Description = e.name.Text, e.desc.Text
	t.Body = deepCopyBody(t.Body)
	n := t.Normalize()
	if err := n.Validate(); err != nil {
		e.place(err)
		return
	}
	e.clearMarks()
	e.save.Disable()
	done := func(out app.Template, err error) {
		e.save.Enable()
		if errors.Is(err, ui.ErrNotSaved) {
			return
		}
		if err != nil {
			e.place(err)
			return
		}
		e.msg.SetText("")
		if e.saved != nil {
			e.saved(out)
		}
	}
	if e.rf == nil {
		env.Background(func(s *data.Store) func() {
			out, err := s.CreateTemplate(env.Context(), n)
			return func() {
				if err == nil {
					e.created = true // its editor is replaced by the stored template's
				}
				done(out, err)
			}
		})
		return
	}
	var out app.Template
	e.rf.Save(func(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
		q := n
		q.Name, q.Description = ui.ValueText(v[colName]), ui.ValueText(v[colDescription])
		if id := ui.ValueText(v[colVersion]); !strings.HasSuffix(id, versionEdited) {
			// The person took the other desk's content: save that one.
			ver, err := s.TemplateVersion(ctx, id)
			if err != nil {
				return err
			}
			q.Body = ver.Body
		}
		var err error
		out, err = s.SaveTemplateChanges(ctx, snap, q, keep)
		return err
	}, func(err error) {
		if err == nil {
			e.bodyEdited = false
			e.tpl.Archived = out.Archived
			e.tpl.Runs = out.Runs
		}
		done(out, err)
	})
}

// deepCopyBody copies a body, so that what is saved cannot change while
// the person goes on typing.
func deepCopyBody(b app.TemplateBody) app.TemplateBody {
	out := app.TemplateBody{Stages: make([]app.Stage, len(b.Stages))}
	for i, st := range b.Stages {
		st.Steps = slices.Clone(st.Steps)
		for j := range st.Steps {
			st.Steps[j].Fields = slices.Clone(st.Steps[j].Fields)
			for k := range st.Steps[j].Fields {
				st.Steps[j].Fields[k].Choices = slices.Clone(st.Steps[j].Fields[k].Choices)
			}
		}
		out.Stages[i] = st
	}
	return out
}

// what names the template for the question about unsaved edits.
func (e *templateEditor) what() string {
	name := e.name.Text
	if name == "" {
		name = e.tr.T("sop.editor.untitled")
	}
	return e.tr.T("sop.editor.what", "Name", name)
}
