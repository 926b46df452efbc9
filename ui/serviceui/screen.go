// Package serviceui is the Service area: the after-sales case table and
// case detail (form, timeline, reply composer), the follow-up lists, the
// weekly statistics, the reply templates and the service settings (SLA
// targets, office calendar), and the Today cards of cases due within the
// hour and late. One file per screen.
package serviceui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// Env is what the Service screens need from their window (ui.Env has it).
type Env interface {
	T(key string, args ...any) string
	Translator() *ui.Translator
	App() fyne.App
	Window() fyne.Window
	Context() context.Context
	Background(work func(s *data.Store) (apply func()))
	Go(fn func())
	Do(fn func())
	ErrorText(err error) string
	ShowError(title string, err error)
	Inform(title, message string)
	Confirm(title, message, action string, do func())
	ConfirmDiscard(what []string, discard func())
	Store() *data.Store
	ShowFormDialog(title, saveLabel string, form *widget.Form, save func() (ui.Write, error), saved func()) *ui.FormDialog
	ShowForm(spec ui.FormSpec) *ui.FormDialog
	Navigate(id ui.ScreenID)
}

// Tabs of the Service screen, by the name navigation uses
// (ui.ScreenService.Tab("followups")).
const (
	TabCases     = "cases"
	TabFollowUps = "followups"
	TabStats     = "stats"
	TabReplies   = "replies"
	TabSettings  = "settings"
)

var tabNames = []string{TabCases, TabFollowUps, TabStats, TabReplies, TabSettings}

// Screen is the Service area.
type Screen struct {
	env  Env
	tr   *ui.Translator
	root fyne.CanvasObject
	tabs *container.AppTabs

	// What every tab shows: the team and the office's settings, read
	// off the UI thread on Load.
	people []app.Person
	me     app.Person // who uses this desk (zero when unknown)
	cfg    data.ServiceConfig
	// store is the open database, taken on the first load for the paged
	// table (which reads pages off the UI thread itself).
	store *data.Store
	// pendingCase is a case navigation asked for before the first load.
	pendingCase string

	cases    *casesTab
	follow   *followTab
	stats    *statsTab
	replies  *repliesTab
	settings *settingsTab
}

// New builds the Service screen.
func New(env Env) *Screen {
	s := &Screen{env: env, tr: env.Translator(), cfg: data.ServiceConfig{Policy: app.DefaultSLAPolicy(),
		Office: app.DefaultOffice(), Calendar: app.MustDefaultCalendar(), Rules: app.DefaultFollowUpRules()}}
	s.cases = newCasesTab(s)
	s.follow = newFollowTab(s)
	s.stats = newStatsTab(s)
	s.replies = newRepliesTab(s)
	s.settings = newSettingsTab(s)
	tr := s.tr
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr.T("service.tab.cases"), ui.ServiceIcon(), s.cases.root),
		container.NewTabItemWithIcon(tr.T("service.tab.followups"), theme.HistoryIcon(), s.follow.root),
		container.NewTabItemWithIcon(tr.T("service.tab.stats"), theme.GridIcon(), s.stats.root),
		container.NewTabItemWithIcon(tr.T("service.tab.replies"), theme.MailReplyIcon(), s.replies.root),
		container.NewTabItemWithIcon(tr.T("service.tab.settings"), theme.SettingsIcon(), s.settings.root),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.loadTab() }
	s.root = s.tabs
	return s
}

// View is the screen's widget tree.
func (s *Screen) View() fyne.CanvasObject { return s.root }

// Load reads the team and the settings, then the tab shown.
func (s *Screen) Load() {
	s.env.Background(func(st *data.Store) func() {
		ctx := s.env.Context()
		people, err := st.People(ctx)
		if err != nil {
			return func() { s.env.ShowError(s.tr.T("service.load_failed"), err) }
		}
		cfg, err := st.ServiceConfig(ctx)
		if err != nil {
			return func() { s.env.ShowError(s.tr.T("service.load_failed"), err) }
		}
		me, _ := st.Me(ctx) // no profile yet: cases start without an owner
		return func() {
			s.people, s.cfg, s.store, s.me = people, cfg, st, me
			s.cases.peopleChanged()
			s.loadTab()
			if id := s.pendingCase; id != "" {
				s.pendingCase = ""
				s.cases.open(id)
			}
		}
	})
}

// CaseTab names the tab showing case id, for navigation (ui.CaseTab).
func CaseTab(id string) string { return ui.CaseTab(id) }

// ShowTab opens a tab by name, or a case (CaseTab).
func (s *Screen) ShowTab(tab string) {
	if id, ok := ui.CaseOfTab(tab); ok {
		s.tabs.SelectIndex(0)
		if s.store == nil {
			s.pendingCase = id // opened once the team is read (the owner's name)
			return
		}
		s.cases.open(id)
		return
	}
	for i, n := range tabNames {
		if n == tab {
			s.tabs.SelectIndex(i)
		}
	}
}

// loadTab (re)loads the tab shown.
func (s *Screen) loadTab() {
	switch tabNames[s.tabs.SelectedIndex()] {
	case TabCases:
		s.cases.load()
	case TabFollowUps:
		s.follow.load()
	case TabStats:
		s.stats.load()
	case TabReplies:
		s.replies.load()
	case TabSettings:
		s.settings.load()
	}
}

// loc is the office's time zone: case times are shown in office time.
func (s *Screen) loc() *time.Location { return s.cfg.Calendar.Location() }

// UnsavedEdits implements ui.Unsaved: the case, reply template or
// settings being edited and not saved yet.
func (s *Screen) UnsavedEdits() []string {
	var out []string
	if d := s.cases.detail; d != nil && d.isDirty() {
		out = append(out, d.what())
	}
	if s.replies.dirty {
		out = append(out, s.tr.T("service.unsaved.reply", "Name", s.replies.name.Text))
	}
	if s.settings.dirty {
		out = append(out, s.tr.T("service.unsaved.settings"))
	}
	return out
}

// Close stops following sync changes (the shell drops the screen).
func (s *Screen) Close() {
	if d := s.cases.detail; d != nil {
		d.closed()
	}
}
