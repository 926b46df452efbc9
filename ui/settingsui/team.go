package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// teamPanel is the People list: everyone later screens offer as owners
// and assignees.
type teamPanel struct {
	u      *UI
	root   fyne.CanvasObject
	list   *widget.List
	people []app.Person
	count  *widget.Label
}

func newTeamPanel(u *UI) *teamPanel {
	t := &teamPanel{u: u, count: widget.NewLabel("")}
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
			cells[1].(*widget.Label).SetText(u.tr.T("role." + string(p.Role)))
			status := u.tr.T("team.active")
			if !p.Active {
				status = u.tr.T("team.inactive")
			}
			cells[2].(*widget.Label).SetText(status)
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		t.list.UnselectAll()
		if i < len(t.people) {
			t.edit(t.people[i])
		}
	}
	add := widget.NewButtonWithIcon(u.tr.T("team.add"), theme.ContentAddIcon(), func() { t.edit(app.Person{Role: app.RoleOperations, Active: true}) })
	add.Importance = widget.HighImportance
	header := container.NewGridWithColumns(3,
		widget.NewLabelWithStyle(u.tr.T("field.person.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(u.tr.T("field.person.role"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(u.tr.T("field.person.active"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	top := container.NewVBox(container.NewHBox(add, t.count), wrapLabel(u.tr.T("team.hint")), header)
	t.root = container.NewBorder(top, nil, nil, nil, t.list)
	return t
}

func (t *teamPanel) load() {
	u := t.u
	u.background(func(s *data.Store) func() {
		people, err := s.People(u.ctx)
		return func() {
			if err != nil {
				t.count.SetText(u.errorText(err))
				return
			}
			t.people = people
			t.count.SetText(u.tr.T("team.count", "Count", len(people)))
			t.list.Refresh()
		}
	})
}

// edit opens the person form: a new person when p.ID is empty.
func (t *teamPanel) edit(p app.Person) {
	u := t.u
	roles := roleChoices(u.tr)
	name := widget.NewEntry()
	name.SetText(p.Name)
	role := widget.NewSelect(labels(roles), nil)
	role.SetSelected(labelOf(roles, string(p.Role)))
	active := widget.NewCheck(u.tr.T("team.active"), nil)
	active.SetChecked(p.Active)
	form := widget.NewForm(
		widget.NewFormItem(u.tr.T("field.person.name"), name),
		widget.NewFormItem(u.tr.T("field.person.role"), role),
		widget.NewFormItem(u.tr.T("field.person.active"), active),
	)
	title := u.tr.T("team.edit_title")
	if p.ID == "" {
		title = u.tr.T("team.add_title")
	}
	var fd *formDialog
	fd = u.showFormDialog(title, u.tr.T("action.save"), form, func() error {
		q := app.Person{ID: p.ID, Name: name.Text, Role: app.Role(valueOf(roles, role.Selected)), Active: active.Checked}
		var err error
		if q.ID == "" {
			_, err = u.store.CreatePerson(u.ctx, q)
		} else {
			err = u.store.UpdatePerson(u.ctx, q)
		}
		if err == nil {
			t.load()
		}
		return err
	})
	if p.ID != "" && p.ID != u.store.Actor().ID {
		remove := widget.NewButtonWithIcon(u.tr.T("team.remove"), theme.DeleteIcon(), func() {
			u.confirm(u.tr.T("team.remove_title"), u.tr.T("team.remove_confirm", "Name", p.Name), u.tr.T("team.remove"), func() {
				if err := u.store.DeletePerson(u.ctx, p.ID); err != nil {
					u.showError(u.tr.T("team.remove_failed"), err)
					return
				}
				fd.d.Hide()
				t.load()
			})
		})
		remove.Importance = widget.DangerImportance
		form.Append("", remove)
	}
}
