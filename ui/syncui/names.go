package syncui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// showNames lists records that share a name after two desks each made
// one ("same name on two desks"): keep one (what refers to the others
// moves to it) or rename one. The card is hidden when there are none.
func (s *Screen) showNames(groups []data.SameNameGroup) {
	env := s.env
	s.namesList.RemoveAll()
	if len(groups) == 0 {
		s.names.Hide()
		return
	}
	for _, g := range groups {
		title := ui.SectionLabel(env.T("sync.names.group", "Entity", s.entityName(g.Table), "Name", g.Name, "Count", len(g.Records)))
		box := container.NewVBox(title)
		for _, r := range g.Records {
			box.Add(s.nameRow(g, r))
		}
		box.Add(widget.NewSeparator())
		s.namesList.Add(box)
	}
	s.names.Show()
}

// nameRow is one record of a same-name group with its actions.
func (s *Screen) nameRow(g data.SameNameGroup, r data.SameNameRecord) fyne.CanvasObject {
	env := s.env
	line := env.T("sync.names.record", "Desk", describeDesk(env, r.Desk),
		"Created", r.Created.Local().Format(ui.MinuteLayout), "Changed", r.Changed.Local().Format(ui.MinuteLayout))
	if r.ID == g.Keep {
		line = env.T("sync.names.suggested", "Line", line)
	}
	keep := widget.NewButtonWithIcon(env.T("sync.names.keep"), theme.ConfirmIcon(), func() { s.keepOne(g, r) })
	rename := widget.NewButtonWithIcon(env.T("sync.names.rename"), theme.DocumentCreateIcon(), func() { s.renameOne(g, r) })
	return container.NewBorder(nil, nil, nil, container.NewHBox(keep, rename), ui.WrapLabel(line))
}

// keepOne keeps record r and merges the others of its group into it.
func (s *Screen) keepOne(g data.SameNameGroup, r data.SameNameRecord) {
	env := s.env
	msg := env.T("sync.names.keep_confirm", "Entity", s.entityName(g.Table), "Name", g.Name, "Desk", describeDesk(env, r.Desk), "Count", len(g.Records)-1)
	env.Confirm(env.T("sync.names.keep_title"), msg, env.T("sync.names.keep"), func() {
		env.Background(func(st *data.Store) func() {
			var err error
			for _, other := range g.Records {
				if other.ID == r.ID {
					continue
				}
				if _, err = st.MergeSameName(env.Context(), g.Table, r.ID, other.ID); err != nil {
					break
				}
			}
			return func() {
				if err != nil {
					env.ShowError(env.T("sync.names.failed"), err)
				}
				s.Load()
			}
		})
	})
}

// renameOne gives record r a new name.
func (s *Screen) renameOne(g data.SameNameGroup, r data.SameNameRecord) {
	env := s.env
	name := widget.NewEntry()
	name.SetText(g.Name)
	form := widget.NewForm(widget.NewFormItem(env.T("sync.names.new_name"), name))
	form.Append("", ui.WrapLabel(env.T("sync.names.rename_hint", "Desk", describeDesk(env, r.Desk))))
	env.ShowFormDialog(env.T("sync.names.rename_title", "Name", g.Name), env.T("sync.names.rename"), form, func() (ui.Write, error) {
		n := name.Text
		return func(st *data.Store) error { return st.RenameRecord(env.Context(), g.Table, r.ID, n) }, nil
	}, s.Load)
}
