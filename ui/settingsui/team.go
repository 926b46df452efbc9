package settingsui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// teamPanel is the People list: everyone later screens offer as owners
// and assignees.
type teamPanel struct {
	env    Env
	root   fyne.CanvasObject
	list   *widget.List
	people []app.Person
	me     string // the user's person id: the user cannot remove themself
	count  *widget.Label
	dialog *openForm // the person dialog, while one is open
}

func newTeamPanel(env Env) *teamPanel {
	t := &teamPanel{env: env, count: widget.NewLabel("")}
	t.list = widget.NewList(
		func() int { return len(t.people) },
		func() fyne.CanvasObject {
			return container.NewGridWithColumns(3, widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.people) {
				return
			}
			p := t.people[i]
			cells := o.(*fyne.Container).Objects
			name := p.Name
			if p.Note != "" {
				name = env.T("team.name_note", "Name", p.Name, "Note", p.Note)
			}
			cells[0].(*widget.Label).SetText(name)
			cells[1].(*widget.Label).SetText(env.T("role." + string(p.Role)))
			status := env.T("team.active")
			if !p.Active {
				status = env.T("team.inactive")
			}
			cells[2].(*widget.Label).SetText(status)
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		t.list.UnselectAll()
		if i < len(t.people) {
			t.edit(t.people[i])
		}
	}
	add := widget.NewButtonWithIcon(env.T("team.add"), theme.ContentAddIcon(), func() { t.edit(app.Person{Role: app.RoleOperations, Active: true}) })
	add.Importance = widget.HighImportance
	header := container.NewGridWithColumns(3,
		ui.SectionLabel(env.T("field.person.name")), ui.SectionLabel(env.T("field.person.role")), ui.SectionLabel(env.T("field.person.active")))
	top := container.NewVBox(container.NewHBox(add, t.count), ui.WrapLabel(env.T("team.hint")), header)
	t.root = container.NewBorder(top, nil, nil, nil, t.list)
	return t
}

func (t *teamPanel) load() {
	env := t.env
	env.Background(func(s *data.Store) func() {
		people, err := s.People(env.Context())
		me := s.Actor().ID
		return func() {
			if err != nil {
				t.count.SetText(env.ErrorText(err))
				return
			}
			t.people, t.me = people, me
			t.count.SetText(env.T("team.count", "Count", len(people)))
			t.list.Refresh()
		}
	})
}

// The person record's fields, by their column names.
const (
	personName   = "name"
	personNote   = "note"
	personRole   = "role"
	personActive = "active"
)

// personFields are the person form's fields, read and filled by field
// name for the record form (ui.RecordFields).
type personFields struct {
	name, note *widget.Entry
	role       *widget.Select
	active     *widget.Check
	roles      ui.Choices
}

func (f *personFields) Values() (map[string]any, error) {
	return map[string]any{personName: f.name.Text, personNote: f.note.Text, personRole: f.roles.Value(f.role.Selected), personActive: f.active.Checked}, nil
}

func (f *personFields) Fill(v map[string]any) error {
	f.name.SetText(ui.ValueText(v[personName]))
	f.note.SetText(ui.ValueText(v[personNote]))
	f.role.SetSelected(f.roles.Label(ui.ValueText(v[personRole])))
	f.active.SetChecked(ui.ValueFlag(v[personActive]))
	return nil
}

// person is the team member the form describes.
func (f *personFields) person(id string) app.Person {
	return app.Person{ID: id, Name: f.name.Text, Role: app.Role(f.roles.Value(f.role.Selected)), Active: f.active.Checked, Note: f.note.Text}
}

// savePerson writes a person form's edits (see ui.SaveFunc).
func savePerson(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
	p := app.Person{ID: snap.ID, Name: ui.ValueText(v[personName]), Role: app.Role(ui.ValueText(v[personRole])),
		Active: ui.ValueFlag(v[personActive]), Note: ui.ValueText(v[personNote])}
	return s.UpdatePersonChanges(ctx, snap, p, keep)
}

// edit opens the person form: a new person when p.ID is empty. An
// existing person's form follows sync changes (ui.RecordForm) and saves
// only what was changed in it; saving and removing write off the UI
// thread (a sync merge may hold the database for a moment).
func (t *teamPanel) edit(p app.Person) {
	env := t.env
	f := &personFields{name: widget.NewEntry(), note: widget.NewEntry(), roles: ui.RoleChoices(env.Translator())}
	f.role = widget.NewSelect(f.roles.Labels(), nil)
	f.active = widget.NewCheck(env.T("team.active"), nil)
	f.note.SetPlaceHolder(env.T("team.note_placeholder"))
	_ = f.Fill(map[string]any{personName: p.Name, personNote: p.Note, personRole: string(p.Role), personActive: p.Active})
	form := widget.NewForm(
		widget.NewFormItem(env.T("field.person.name"), f.name),
		widget.NewFormItem(env.T("field.person.note"), f.note),
		widget.NewFormItem(env.T("field.person.role"), f.role),
		widget.NewFormItem(env.T("field.person.active"), f.active),
	)
	form.Append("", ui.WrapLabel(env.T("team.note_hint")))
	spec := ui.FormSpec{Title: env.T("team.add_title"), SaveLabel: env.T("action.save"), Form: form, Saved: t.load}
	if p.ID == "" {
		spec.Save = func(done func(error)) {
			q := f.person("")
			env.Background(func(s *data.Store) func() {
				_, err := s.CreatePerson(env.Context(), q)
				return func() { done(err) }
			})
		}
		spec.Unsaved = func() bool { return f.name.Text != "" || f.note.Text != "" }
		t.dialog = &openForm{unsaved: spec.Unsaved, what: env.T("team.add_title")}
		spec.Closed = func() { t.dialog = nil }
		env.ShowForm(spec)
		return
	}
	rf := ui.NewRecordForm(env, "person", f)
	rf.Open(p.ID, nil)
	spec.Title, spec.Top = env.T("team.edit_title"), rf.Notice()
	spec.Save = func(done func(error)) { rf.Save(savePerson, done) }
	spec.Unsaved = rf.Dirty
	t.dialog = &openForm{unsaved: rf.Dirty, what: env.T("team.edit_what", "Name", p.Name)}
	spec.Closed = func() {
		rf.Close()
		t.dialog = nil
	}
	var fd *ui.FormDialog
	if p.ID != t.me {
		remove := widget.NewButtonWithIcon(env.T("team.remove"), theme.DeleteIcon(), func() {
			env.Confirm(env.T("team.remove_title"), env.T("team.remove_confirm", "Name", p.Name), env.T("team.remove"), func() {
				env.Background(func(s *data.Store) func() {
					err := s.DeletePerson(env.Context(), p.ID)
					return func() {
						if err != nil {
							env.ShowError(env.T("team.remove_failed"), err)
							return
						}
						fd.Hide()
						t.load()
					}
				})
			})
		})
		remove.Importance = widget.DangerImportance
		form.Append("", remove)
	}
	fd = env.ShowForm(spec)
}

// openForm is the person dialog open on the Team tab, for the question
// about unsaved edits before the window closes.
type openForm struct {
	unsaved func() bool
	what    string
}
