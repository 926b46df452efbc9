// Package settingsui is the Settings area: the desk's language and theme,
// the user's profile and desk name, the team list, and the data folder
// with its backups and demo data. It also makes the Today cards about
// the user, the team and the data.
package settingsui

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Env is what the Settings screen needs from its window: ui.Env's
// services, and two the shell provides because they replace the whole
// window's content.
type Env interface {
	T(key string, args ...any) string
	Translator() *ui.Translator
	Window() fyne.Window
	Context() context.Context
	Store() *data.Store
	Background(work func(s *data.Store) (apply func()))
	Do(fn func())
	ErrorText(err error) string
	ShowError(title string, err error)
	Inform(title, message string)
	Confirm(title, message, action string, do func())
	ShowFormDialog(title, saveLabel string, form *widget.Form, save func() (ui.Write, error), saved func()) *ui.FormDialog
	ShowForm(spec ui.FormSpec) *ui.FormDialog
	ConfirmDiscard(what []string, discard func())
	RunWithProgress(title string, work func(ctx context.Context, s *data.Store, progress func(n, total int)) error, done func(error))
	OpenFolder(dir string)
	ApplyTheme(variant string)
	Navigate(id ui.ScreenID)

	// SetLanguage redraws every screen in lang, staying on Settings.
	SetLanguage(lang string)
	// RestoreBackup replaces the database with the backup at path (the
	// current one is kept as a backup) and opens it again.
	RestoreBackup(path string)
	// OpenDemo opens the demo database in the window (made beside the
	// real one, with demo data, when there is none); OpenReal goes back
	// to the real database.
	OpenDemo()
	OpenReal()
	// App is the Fyne app (the clipboard); Version and Renderer describe
	// this build and its graphics for the diagnostics.
	App() fyne.App
	Version() string
	Renderer() string
}

// Tabs, by the names navigation uses (ui.ScreenSettings.Tab(TabTeam)).
const (
	TabGeneral = "general"
	TabProfile = "profile"
	TabTeam    = "team"
	TabData    = "data"
)

var tabNames = []string{TabGeneral, TabProfile, TabTeam, TabData}

// Screen holds the desk's preferences, the user's profile, the team list
// and the data folder with backups.
type Screen struct {
	env  Env
	tabs *container.AppTabs
	root fyne.CanvasObject

	language *widget.Select
	theme    *widget.Select
	prefs    bool // the preference choices show the stored values

	profileName *widget.Entry
	profileRole *widget.Select
	deskName    *widget.Entry
	profileMsg  *widgets.Paragraph
	loaded      [3]string // the profile values last loaded, to spot edits

	team *teamPanel
	data *dataPanel
}

// New builds the Settings screen.
func New(env Env) *Screen {
	s := &Screen{env: env}
	s.team = newTeamPanel(env)
	s.data = newDataPanel(env)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(env.T("settings.tab.general"), s.generalTab()),
		container.NewTabItem(env.T("settings.tab.profile"), s.profileTab()),
		container.NewTabItem(env.T("settings.tab.team"), container.NewPadded(s.team.root)),
		container.NewTabItem(env.T("settings.tab.data"), container.NewPadded(s.data.root)),
	)
	s.root = container.NewBorder(container.NewPadded(ui.Heading(env.T("nav.settings"))), nil, nil, nil, s.tabs)
	return s
}

// View implements ui.Screen.
func (s *Screen) View() fyne.CanvasObject { return s.root }

// UnsavedEdits implements ui.Unsaved: a team member's form and the
// profile with edits not saved yet.
func (s *Screen) UnsavedEdits() []string {
	var out []string
	if d := s.team.dialog; d != nil && d.unsaved() {
		out = append(out, d.what)
	}
	if s.profileName != nil && [3]string{s.profileName.Text, s.profileRole.Selected, s.deskName.Text} != s.loaded {
		out = append(out, s.env.T("settings.tab.profile"))
	}
	return out
}

// Load implements ui.Screen.
func (s *Screen) Load() {
	s.loadPreferences()
	s.loadProfile()
	s.team.load()
	s.data.load()
}

// ShowTab implements ui.Tabbed.
func (s *Screen) ShowTab(tab string) {
	if i := slices.Index(tabNames, tab); i >= 0 {
		s.tabs.SelectIndex(i)
	}
}

func (s *Screen) generalTab() fyne.CanvasObject {
	env := s.env
	langs, themes := ui.LanguageChoices(env.Translator()), ui.ThemeChoices(env.Translator())
	s.language = widget.NewSelect(langs.Labels(), func(label string) {
		if !s.prefs {
			return
		}
		lang := langs.Value(label)
		s.saveSetting(data.SettingLanguage, lang, func() { env.SetLanguage(lang) })
	})
	s.theme = widget.NewSelect(themes.Labels(), func(label string) {
		if !s.prefs {
			return
		}
		variant := themes.Value(label)
		s.saveSetting(data.SettingTheme, variant, func() { env.ApplyTheme(variant) })
	})
	form := widget.NewForm(
		widget.NewFormItem(env.T("settings.language"), s.language),
		widget.NewFormItem(env.T("settings.theme"), s.theme),
	)
	return container.NewPadded(container.NewVBox(form, ui.WrapLabel(env.T("settings.language.hint"))))
}

// loadPreferences shows the stored language and theme.
func (s *Screen) loadPreferences() {
	env := s.env
	langs, themes := ui.LanguageChoices(env.Translator()), ui.ThemeChoices(env.Translator())
	env.Background(func(st *data.Store) func() {
		lang, err1 := st.Setting(env.Context(), data.SettingLanguage)
		variant, err2 := st.Setting(env.Context(), data.SettingTheme)
		return func() {
			if err := errors.Join(err1, err2); err != nil {
				env.ShowError(env.T("settings.load_failed"), err)
			}
			s.prefs = false
			s.language.SetSelected(langs.Label(lang))
			s.theme.SetSelected(themes.Label(variant))
			s.prefs = true
		}
	})
}

// saveSetting stores a preference off the UI thread, then applies it.
func (s *Screen) saveSetting(key, value string, then func()) {
	env := s.env
	env.Background(func(st *data.Store) func() {
		err := st.SetSetting(env.Context(), key, value)
		return func() {
			if err != nil {
				env.ShowError(env.T("settings.save_failed"), err)
				return
			}
			then()
		}
	})
}

func (s *Screen) profileTab() fyne.CanvasObject {
	env := s.env
	roles := ui.RoleChoices(env.Translator())
	s.profileName = widget.NewEntry()
	s.profileRole = widget.NewSelect(roles.Labels(), nil)
	s.deskName = widget.NewEntry()
	s.profileMsg = ui.StatusLabel()
	save := widget.NewButton(env.T("action.save"), func() {
		name, role, desk := s.profileName.Text, app.Role(roles.Value(s.profileRole.Selected)), s.deskName.Text
		shown := [3]string{s.profileName.Text, s.profileRole.Selected, s.deskName.Text}
		s.profileMsg.SetText("")
		env.Background(func(st *data.Store) func() {
			err := saveProfile(env.Context(), st, name, role, desk)
			return func() {
				if err != nil {
					env.ShowError(env.T("settings.save_failed"), err)
					return
				}
				s.loaded = shown
				s.profileMsg.SetText(env.T("settings.saved"))
			}
		})
	})
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(env.T("field.person.name"), s.profileName),
		widget.NewFormItem(env.T("field.person.role"), s.profileRole),
		widget.NewFormItem(env.T("field.replica.name"), s.deskName),
	)
	hint := ui.WrapLabel(env.T("settings.profile.desk_hint"))
	return container.NewPadded(container.NewVBox(form, hint, container.NewHBox(save), s.profileMsg))
}

// saveProfile renames the user and the desk.
func saveProfile(ctx context.Context, st *data.Store, name string, role app.Role, desk string) error {
	me, err := st.Me(ctx)
	if err != nil {
		return err
	}
	me.Name, me.Role = name, role
	if err := st.UpdatePerson(ctx, me); err != nil {
		return err
	}
	return st.RenameReplica(ctx, desk)
}

func (s *Screen) loadProfile() {
	env := s.env
	roles := ui.RoleChoices(env.Translator())
	env.Background(func(st *data.Store) func() {
		me, err := st.Me(env.Context())
		desk := st.Replica().Name
		return func() {
			if err != nil {
				s.profileMsg.SetText(env.ErrorText(err))
				return
			}
			// Fields the user edited since the last load keep their text.
			role := roles.Label(string(me.Role))
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
