package settingsui

import (
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
			cells[0].(*widget.Label).SetText(p.Name)
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

// edit opens the person form: a new person when p.ID is empty. Saving
// and removing write off the UI thread (a sync merge may hold the
// database for a moment).
func (t *teamPanel) edit(p app.Person) {
	env := t.env
	roles := ui.RoleChoices(env.Translator())
	name := widget.NewEntry()
	name.SetText(p.Name)
	role := widget.NewSelect(roles.Labels(), nil)
	role.SetSelected(roles.Label(string(p.Role)))
	active := widget.NewCheck(env.T("team.active"), nil)
	active.SetChecked(p.Active)
	form := widget.NewForm(
		widget.NewFormItem(env.T("field.person.name"), name),
		widget.NewFormItem(env.T("field.person.role"), role),
		widget.NewFormItem(env.T("field.person.active"), active),
	)
	title := env.T("team.edit_title")
	if p.ID == "" {
		title = env.T("team.add_title")
	}
	var fd *ui.FormDialog
	if p.ID != "" && p.ID != t.me {
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
	fd = env.ShowFormDialog(title, env.T("action.save"), form, func() (ui.Write, error) {
		q := app.Person{ID: p.ID, Name: name.Text, Role: app.Role(roles.Value(role.Selected)), Active: active.Checked}
		return func(s *data.Store) error {
			if q.ID == "" {
				_, err := s.CreatePerson(env.Context(), q)
				return err
			}
			return s.UpdatePerson(env.Context(), q)
		}, nil
	}, t.load)
}
