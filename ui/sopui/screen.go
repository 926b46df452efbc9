// Package sopui is the SOP area: the process tables a seller team runs
// on. Runs of templates with their steps, owners and hand-offs; the daily
// and weekly checklists; the values recorded in record forms as tables
// and charts; the weekly review (复盘); the team board; the template
// editor; and the cards on Today. One file per screen.
package sopui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// Env is what the SOP screens need from their window (ui.Env has it).
type Env interface {
	T(key string, args ...any) string
	Translator() *ui.Translator
	Window() fyne.Window
	Context() context.Context
	Background(work func(s *data.Store) (apply func()))
	// Store is the open database; tables' loads, already off the UI
	// thread, query it directly.
	Store() *data.Store
	Go(fn func())
	Do(fn func())
	ErrorText(err error) string
	ShowError(title string, err error)
	Inform(title, message string)
	Confirm(title, message, action string, do func())
	ConfirmDiscard(what []string, discard func())
	RunWithProgress(title string, work func(ctx context.Context, s *data.Store, progress func(n, total int)) error, done func(error))
	Navigate(id ui.ScreenID)
}

// Tabs of the SOP screen, by index and by the name navigation uses
// (ui.ScreenSOP.Tab("checklists")).
const (
	tabRuns = iota
	tabChecklists
	tabValues
	tabReview
	tabBoard
	tabTemplates
)

var tabNames = []string{"runs", "checklists", "values", "review", "board", "templates"}

// Screen is the SOP area: one tab per part of the work.
type Screen struct {
	env  Env
	root fyne.CanvasObject
	tabs *container.AppTabs

	// forms are the dialogs open from the screen's tabs.
	forms openForms

	runs       *runsTab
	checklists *checklistsTab
	values     *valuesTab
	review     *reviewTab
	board      *boardTab
	templates  *templatesTab
}

// New builds the SOP screen.
func New(env Env) *Screen {
	s := &Screen{env: env}
	s.runs = newRunsTab(env, &s.forms)
	s.checklists = newChecklistsTab(env, &s.forms)
	s.values = newValuesTab(env)
	s.review = newReviewTab(env, &s.forms)
	s.board = newBoardTab(env)
	s.templates = newTemplatesTab(env, func() { s.runs.reload() })
	s.runs.onChanged = func() { s.board.stale = true }
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(env.T("sop.tab.runs"), theme.ListIcon(), s.runs.root),
		container.NewTabItemWithIcon(env.T("sop.tab.checklists"), ui.ChecklistIcon(), s.checklists.root),
		container.NewTabItemWithIcon(env.T("sop.tab.values"), theme.GridIcon(), s.values.root),
		container.NewTabItemWithIcon(env.T("sop.tab.review"), theme.HistoryIcon(), s.review.root),
		container.NewTabItemWithIcon(env.T("sop.tab.board"), theme.AccountIcon(), s.board.root),
		container.NewTabItemWithIcon(env.T("sop.tab.templates"), theme.DocumentIcon(), s.templates.root),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.loadVisible() }
	s.root = container.NewBorder(container.NewPadded(ui.Heading(env.T("nav.sop"))), nil, nil, nil, s.tabs)
	return s
}

// View implements ui.Screen.
func (s *Screen) View() fyne.CanvasObject { return s.root }

// Load implements ui.Screen: the visible tab reads its data again.
func (s *Screen) Load() { s.loadVisible() }

// ShowTab implements ui.Tabbed.
func (s *Screen) ShowTab(tab string) {
	for i, n := range tabNames {
		if n == tab {
			s.tabs.SelectIndex(i)
		}
	}
}

func (s *Screen) loadVisible() {
	switch s.tabs.SelectedIndex() {
	case tabRuns:
		s.runs.load()
	case tabChecklists:
		s.checklists.load()
	case tabValues:
		s.values.load()
	case tabReview:
		s.review.load()
	case tabBoard:
		s.board.load()
	case tabTemplates:
		s.templates.load()
	}
}

// officeCalendar is the calendar due dates and checklists count with.
// OpsBench has no office settings yet: Monday to Friday in Shanghai.
func officeCalendar() *app.Calendar { return app.MustDefaultCalendar() }

// today is the office's day now.
func today() app.Date { return officeCalendar().Today(time.Now()) }

// UnsavedEdits implements ui.Unsaved: the template being edited and the
// dialogs open from the screen, when they hold edits.
func (s *Screen) UnsavedEdits() []string {
	var out []string
	if e := s.templates.editor; e != nil && e.unsaved() {
		out = append(out, e.what())
	}
	return append(out, s.forms.unsaved()...)
}

// Close stops the template editor following sync changes (the shell
// drops the screen).
func (s *Screen) Close() {
	if e := s.templates.editor; e != nil {
		e.close()
	}
}
