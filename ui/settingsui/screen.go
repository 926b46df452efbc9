package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Settings tabs.
const (
	settingsGeneral = iota
	settingsProfile
	settingsTeam
	settingsData
)

// settingsScreen holds the desk's preferences, the user's profile, the
// team list and the data folder with backups.
type settingsScreen struct {
	u    *UI
	tabs *container.AppTabs
	root fyne.CanvasObject

	language *widget.Select
	theme    *widget.Select

	profileName *widget.Entry
	profileRole *widget.Select
	deskName    *widget.Entry
	profileMsg  *widget.Label
	loaded      [3]string // the profile values last loaded, to spot edits

	team *teamPanel
	data *dataPanel
}

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{u: u}
	s.team = newTeamPanel(u)
	s.data = newDataPanel(u)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(u.tr.T("settings.tab.general"), s.generalTab()),
		container.NewTabItem(u.tr.T("settings.tab.profile"), s.profileTab()),
		container.NewTabItem(u.tr.T("settings.tab.team"), s.team.root),
		container.NewTabItem(u.tr.T("settings.tab.data"), s.data.root),
	)
	s.root = container.NewBorder(container.NewPadded(heading(u.tr.T("nav.settings"))), nil, nil, nil, s.tabs)
	return s
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.root }

func (s *settingsScreen) load() {
	s.loadProfile()
	s.team.load()
	s.data.load()
}

// showSettingsTab opens Settings on one tab.
func (u *UI) showSettingsTab(tab int) {
	if u.shell == nil {
		return
	}
	u.shell.show(navSettings)
	if s, ok := u.shell.screens[navSettings].(*settingsScreen); ok {
		s.tabs.SelectIndex(tab)
	}
}

// choice pairs a stored value with its label in a Select.
type choice struct{ value, label string }

func labels(cs []choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.label
	}
	return out
}

func valueOf(cs []choice, label string) string {
	for _, c := range cs {
		if c.label == label {
			return c.value
		}
	}
	return ""
}

func labelOf(cs []choice, value string) string {
	for _, c := range cs {
		if c.value == value {
			return c.label
		}
	}
	return cs[0].label
}

func (s *settingsScreen) generalTab() fyne.CanvasObject {
	u := s.u
	langs := []choice{{"", u.tr.T("settings.language.system")}, {LangChinese, u.tr.T("settings.language.zh")}, {LangEnglish, u.tr.T("settings.language.en")}}
	themes := []choice{{ThemeSystem, u.tr.T("settings.theme.system")}, {ThemeLight, u.tr.T("settings.theme.light")}, {ThemeDark, u.tr.T("settings.theme.dark")}}
	langPref, _ := u.store.Setting(u.ctx, data.SettingLanguage)
	themePref, _ := u.store.Setting(u.ctx, data.SettingTheme)

	s.language = widget.NewSelect(labels(langs), nil)
	s.language.SetSelected(labelOf(langs, langPref))
	s.language.OnChanged = func(label string) {
		v := valueOf(langs, label)
		if err := u.store.SetSetting(u.ctx, data.SettingLanguage, v); err != nil {
			u.showError(u.tr.T("settings.save_failed"), err)
			return
		}
		u.rebuild(navSettings)
	}
	s.theme = widget.NewSelect(labels(themes), nil)
	s.theme.SetSelected(labelOf(themes, themePref))
	s.theme.OnChanged = func(label string) {
		if err := u.store.SetSetting(u.ctx, data.SettingTheme, valueOf(themes, label)); err != nil {
			u.showError(u.tr.T("settings.save_failed"), err)
			return
		}
		u.applyTheme()
	}
	form := widget.NewForm(
		widget.NewFormItem(u.tr.T("settings.language"), s.language),
		widget.NewFormItem(u.tr.T("settings.theme"), s.theme),
	)
	return container.NewPadded(container.NewVBox(form, wrapLabel(u.tr.T("settings.language.hint"))))
}

func roleChoices(tr *Translator) []choice {
	var cs []choice
	for _, r := range app.Roles() {
		cs = append(cs, choice{string(r), tr.T("role." + string(r))})
	}
	return cs
}

func (s *settingsScreen) profileTab() fyne.CanvasObject {
	u := s.u
	roles := roleChoices(u.tr)
	s.profileName = widget.NewEntry()
	s.profileRole = widget.NewSelect(labels(roles), nil)
	s.deskName = widget.NewEntry()
	s.profileMsg = statusLabel(u.tr)
	save := widget.NewButton(u.tr.T("action.save"), func() {
		me, err := u.store.Me(u.ctx)
		if err != nil {
			u.showError(u.tr.T("settings.save_failed"), err)
			return
		}
		me.Name = s.profileName.Text
		me.Role = app.Role(valueOf(roles, s.profileRole.Selected))
		if err := u.store.UpdatePerson(u.ctx, me); err != nil {
			u.showError(u.tr.T("settings.save_failed"), err)
			return
		}
		if err := u.store.RenameReplica(u.ctx, s.deskName.Text); err != nil {
			u.showError(u.tr.T("settings.save_failed"), err)
			return
		}
		s.loaded = [3]string{s.profileName.Text, s.profileRole.Selected, s.deskName.Text}
		s.profileMsg.SetText(u.tr.T("settings.saved"))
	})
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(u.tr.T("field.person.name"), s.profileName),
		widget.NewFormItem(u.tr.T("field.person.role"), s.profileRole),
		widget.NewFormItem(u.tr.T("field.replica.name"), s.deskName),
	)
	hint := wrapLabel(u.tr.T("settings.profile.desk_hint"))
	return container.NewPadded(container.NewVBox(form, hint, container.NewHBox(save), s.profileMsg))
}

func (s *settingsScreen) loadProfile() {
	u := s.u
	roles := roleChoices(u.tr)
	u.background(func(st *data.Store) func() {
		me, err := st.Me(u.ctx)
		desk := st.Replica().Name
		return func() {
			if err != nil {
				s.profileMsg.SetText(u.errorText(err))
				return
			}
			// Fields the user edited since the last load keep their text.
			role := labelOf(roles, string(me.Role))
			if s.profileName.Text == s.loaded[0] {
				s.profileName.SetText(me.Name)
			}
			if s.profileRole.Selected == s.loaded[1] {
				s.profileRole.SetSelected(role)
			}
			if s.deskName.Text == s.loaded[2] {
				s.deskName.SetText(desk)
			}
			s.loaded = [3]string{me.Name, role, desk}
		}
	})
}
