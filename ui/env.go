// Package ui is what every OpsBench screen shares: the environment a
// screen gets (Env: translator, window, context, the open store through a
// background runner, navigation by screen id), dialogs, error text, the
// theme with the bundled CJK font, translations, wrapping labels, number
// input and form helpers.
//
// Screens live in one package per work area (ui/planningui, ui/syncui,
// ui/settingsui, ...) and never import each other; ui/shell composes them
// into the window. An area package declares the small interface it needs
// from the environment; *Env (or the shell's wrapper of it) satisfies it.
package ui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Env is the environment of one main window: the Fyne app and window, the
// open database, the translator, and the background work started for
// them. Its methods are called on the UI thread unless they say otherwise.
type Env struct {
	app  fyne.App
	win  fyne.Window
	ctx  context.Context
	stop context.CancelFunc
	work sync.WaitGroup // background work, waited for on close

	store *data.Store
	tr    *Translator
	theme *appTheme
	nav   func(ScreenID)
	// log is the support log (errors shown, background panics); secret
	// keeps a passphrase out of it.
	log    *slog.Logger
	secret func(string)
	// do runs UI changes from background work on the UI thread (fyne.Do;
	// tests queue them instead and run them on the test goroutine).
	do func(func())
	// gone runs when a write found the database file gone.
	gone func()
	// about is what support needs to know about this build and PC.
	about About
}

// About is what the diagnostics say about this build and this PC besides
// the database: the release and the graphics driver.
type About struct {
	Version string
	// Renderer names the OpenGL renderer the window draws with ("" until
	// the first frame, or when it cannot be known).
	Renderer func() string
}

// SetAbout tells the screens about this build (the shell does).
func (e *Env) SetAbout(a About) { e.about = a }

// Version is OpsBench's release ("" when not known).
func (e *Env) Version() string { return e.about.Version }

// Renderer names the OpenGL renderer ("" when not known).
func (e *Env) Renderer() string {
	if e.about.Renderer == nil {
		return ""
	}
	return e.about.Renderer()
}

// SetOnDatabaseGone sets what happens on the UI thread when a write found
// the database file deleted, moved or replaced (app.ErrDatabaseGone):
// the shell stops the screens and offers the newest backup.
func (e *Env) SetOnDatabaseGone(fn func()) { e.gone = fn }

// noteGone reports whether err says the database file is gone, telling
// the shell when it does. Call it on the UI thread.
func (e *Env) noteGone(err error) bool {
	if e.gone == nil || !errors.Is(err, app.ErrDatabaseGone) {
		return false
	}
	e.gone()
	return true
}

// NewEnv makes the environment of win with tr, the translator until
// UseLanguage says otherwise (nil: the system language's). The app theme
// is the one InstallTheme set, if it was called.
func NewEnv(a fyne.App, win fyne.Window, tr *Translator) *Env {
	e := &Env{app: a, win: win, do: fyne.Do, log: slog.New(slog.DiscardHandler), secret: func(string) {}}
	e.theme, _ = a.Settings().Theme().(*appTheme)
	e.ctx, e.stop = context.WithCancel(context.Background())
	e.tr = tr
	if e.tr == nil {
		e.tr = NewTranslator("")
	}
	return e
}

// App is the Fyne app.
func (e *Env) App() fyne.App { return e.app }

// Window is the main window, parent of every dialog.
func (e *Env) Window() fyne.Window { return e.win }

// Context ends when the window closes; background work passes it on.
func (e *Env) Context() context.Context { return e.ctx }

// Translator is the current language's translator. Screens built after a
// language change get the new one (the shell rebuilds them).
func (e *Env) Translator() *Translator { return e.tr }

// T translates key in the current language (see Translator.T).
func (e *Env) T(key string, args ...any) string { return e.tr.T(key, args...) }

// Store is the open database, nil while none is open. Use it on the UI
// thread only for what the store keeps in memory (Replica, Actor, Path);
// queries go through Background.
func (e *Env) Store() *data.Store { return e.store }

// SetStore makes s the open database (nil: none).
func (e *Env) SetStore(s *data.Store) { e.store = s }

// SetLog makes log the support log; addSecret keeps a secret (the office
// passphrase) out of it wherever it would appear.
func (e *Env) SetLog(log *slog.Logger, addSecret func(string)) {
	if log != nil {
		e.log = log
	}
	if addSecret != nil {
		e.secret = addSecret
	}
}

// Log is the support log (never nil).
func (e *Env) Log() *slog.Logger { return e.log }

// AddSecret keeps s out of the support log: call it with a passphrase as
// soon as the user has typed it.
func (e *Env) AddSecret(s string) { e.secret(s) }

// SetDo replaces how background work applies its UI changes (tests queue
// them for the test goroutine).
func (e *Env) SetDo(do func(func())) { e.do = do }

// Do runs fn on the UI thread; call it from background goroutines.
func (e *Env) Do(fn func()) { e.do(fn) }

// Background runs work off the UI thread with the open store and applies
// the UI changes it returns (if any) on the UI thread. The store is taken
// on the UI thread, so a restore swapping it never races with the work.
// Without an open store nothing runs.
func (e *Env) Background(work func(s *data.Store) (apply func())) {
	s := e.store
	if s == nil {
		return
	}
	e.Go(func() {
		if apply := work(s); apply != nil {
			e.do(apply)
		}
	})
}

// Go runs fn on a goroutine counted as the window's background work:
// closing waits for it, and tests wait for it to settle.
//
// A panic in fn does not take the window down with the typing in it: it
// is logged with its stack and shown as an error.
func (e *Env) Go(fn func()) {
	e.work.Add(1)
	go func() {
		defer e.work.Done()
		defer func() {
			if r := recover(); r != nil {
				err := fmt.Errorf("%w: %v", errBackgroundPanic, r)
				e.log.Error("panic in background work", "panic", err, "stack", string(debug.Stack()))
				e.do(func() { e.ShowError(e.T("error.background_title"), err) })
			}
		}()
		fn()
	}()
}

// errBackgroundPanic marks a recovered panic, which ErrorText explains.
var errBackgroundPanic = errors.New("internal error")

// Wait blocks until all background work has finished (tests, closing).
func (e *Env) Wait() { e.work.Wait() }

// Close cancels the context, waits for background work and closes the
// store.
func (e *Env) Close() {
	e.stop()
	e.work.Wait()
	if e.store != nil {
		_ = e.store.Close()
		e.store = nil
	}
}

// SetNavigator sets what Navigate does (the shell switches screens).
func (e *Env) SetNavigator(nav func(ScreenID)) { e.nav = nav }

// Navigate shows a screen, or one tab of it: Navigate(ScreenSettings.Tab("team")).
func (e *Env) Navigate(id ScreenID) {
	if e.nav != nil {
		e.nav(id)
	}
}

// UseLanguage loads the translator for pref ("en", "zh-Hans", or "" for
// the system language) and titles the window in it. It is the one place
// the translator changes.
func (e *Env) UseLanguage(pref string) {
	if e.tr == nil || e.tr.Lang() != ResolveLanguage(pref) { // the same language needs no reloading
		e.tr = NewTranslator(pref)
	}
	e.win.SetTitle(e.tr.T("app.title"))
}

// OpenFolder shows a folder in the system's file manager.
func (e *Env) OpenFolder(dir string) {
	p := filepath.ToSlash(dir)
	if len(p) > 1 && p[1] == ':' { // Windows drive letter
		p = "/" + p
	}
	if err := e.app.OpenURL(&url.URL{Scheme: "file", Path: p}); err != nil {
		e.ShowError(e.T("data.open_folder_failed"), err)
	}
}

// ScreenID names a screen for navigation, optionally one of its tabs
// ("settings/team").
type ScreenID string

// The screens of the sidebar.
const (
	ScreenToday     ScreenID = "today"
	ScreenSOP       ScreenID = "sop"
	ScreenInventory ScreenID = "inventory"
	ScreenPlanning  ScreenID = "planning"
	ScreenService   ScreenID = "service"
	ScreenSync      ScreenID = "sync"
	ScreenSettings  ScreenID = "settings"
)

// Tab names one tab of the screen.
func (id ScreenID) Tab(tab string) ScreenID { return id + "/" + ScreenID(tab) }

// caseTabPrefix starts the name of the Service screen's tab showing one
// case.
const caseTabPrefix = "case:"

// CaseTab names the Service screen's tab showing case id, so that any
// area opens a case: Navigate(ScreenService.Tab(CaseTab(id))).
func CaseTab(id string) string { return caseTabPrefix + id }

// CaseOfTab is the case a Service tab name shows (CaseTab), if it is one.
func CaseOfTab(tab string) (string, bool) { return strings.CutPrefix(tab, caseTabPrefix) }

// Split separates the screen from the tab ("" when none).
func (id ScreenID) Split() (ScreenID, string) {
	s, tab, _ := strings.Cut(string(id), "/")
	return ScreenID(s), tab
}

// Screen is one work area shown right of the sidebar. A screen that
// follows sync changes (a RecordForm) also has a Close method, which the
// shell calls when it drops the screen; one that may hold unsaved edits
// implements Unsaved.
type Screen interface {
	// View is the screen's widget tree, built once per language.
	View() fyne.CanvasObject
	// Load (re)reads the screen's data off the UI thread and applies it
	// on the UI thread; the shell calls it each time the screen is shown.
	Load()
}

// Tabbed is a screen with tabs that navigation can open.
type Tabbed interface {
	ShowTab(tab string)
}

// TodayCard is one card on the Today screen. Each area exports its cards
// and the shell composes them.
type TodayCard struct {
	Title string
	// Load runs off the UI thread and returns what builds the card's body
	// on the UI thread.
	Load func(s *data.Store) (build func() fyne.CanvasObject, err error)
}
