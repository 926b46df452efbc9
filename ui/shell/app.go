// Package ui is OpsBench's Fyne desktop interface: the window shell and
// navigation, one file per screen, the theme and the translations glue.
// Screens load data off the UI thread and apply it with fyne.Do.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Config says how to start the GUI.
type Config struct {
	// DBPath is the database file.
	DBPath string
	// ExitAfterStart makes the app print "started in N ms" to Out once the
	// main window has drawn its first frame with data, then quit.
	ExitAfterStart bool
	// Out receives start-up timing (os.Stdout in the binary).
	Out io.Writer
	// Started is when the process started, for the start-up timing.
	Started time.Time
	// Version is OpsBench's release, written into sync bundles.
	Version string
	// HousekeepingDelay is how long after the first screen the daily
	// backup and the quick integrity check start (so they do not slow
	// start-up).
	HousekeepingDelay time.Duration
}

// UI is the running application: the Fyne app, its main window and the
// open database.
type UI struct {
	app   fyne.App
	win   fyne.Window
	cfg   Config
	ctx   context.Context
	stop  context.CancelFunc
	work  sync.WaitGroup // background work, waited for on close
	store *data.Store
	tr    *Translator
	font  fyne.Resource
	shell *shell
	probe *startProbe
	// sync is office sync's state: the passphrase in memory, the round in
	// progress, the timer (syncscreen.go).
	sync *syncSession
	// prefetched is Today's data read during start-up, used once.
	prefetched *todayData
	failed     bool
	// do runs UI changes from background work on the UI thread (fyne.Do;
	// tests queue them instead and run them on the test goroutine).
	do func(func())
}

// New prepares the UI on a Fyne app (the real one, or fyne's test app).
// Nothing is shown until Start.
func New(a fyne.App, cfg Config) *UI {
	if cfg.Out == nil {
		cfg.Out = io.Discard
	}
	if cfg.Started.IsZero() {
		cfg.Started = time.Now()
	}
	u := &UI{app: a, cfg: cfg, do: fyne.Do}
	u.sync = &syncSession{keyring: systemKeyring(), interval: syncInterval}
	u.ctx, u.stop = context.WithCancel(context.Background())
	u.tr, _ = NewTranslator("") // the embedded files always parse: a test checks them
	u.win = a.NewWindow(u.tr.T("app.title"))
	u.win.Resize(fyne.NewSize(1180, 760))
	u.win.SetMaster()
	u.win.SetOnClosed(u.close)
	return u
}

// Run starts the UI and blocks until the main window closes.
func (u *UI) Run() {
	u.Start()
	u.win.ShowAndRun()
}

// Start opens the database and puts the first screen in the window: the
// problem screen when the database cannot be opened, the first-start
// questions for a new desk, otherwise the main shell on Today.
//
// Start-up is arranged so that the slow parts overlap: the theme is set
// before the window exists (changing it later reloads every font), the
// fonts are loaded off the UI thread while the window is being created,
// and the first screen is built once they are ready.
func (u *UI) Start() {
	if u.cfg.ExitAfterStart {
		u.probe = newStartProbe(u.cfg.Started, u.cfg.Out, u.app.Quit)
	}
	store, err := data.Open(u.ctx, u.cfg.DBPath, data.Options{})
	if err != nil {
		u.showOpenProblem(err)
		return
	}
	u.store = store
	pref, _ := store.Setting(u.ctx, data.SettingLanguage)
	if tr, err := NewTranslator(pref); err == nil {
		u.tr = tr
	}
	u.applyTheme()
	u.win.SetTitle(u.tr.T("app.title"))
	u.win.SetContent(u.probe.wrap(layout.NewSpacer()))
	u.background(func(*data.Store) func() {
		warmFonts()
		// Read Today's cards now too, so the first screen appears with
		// its data in one frame.
		var today *todayData
		if _, err := store.Me(u.ctx); err == nil {
			d := fetchToday(store, u.todayCards())
			today = &d
		}
		return func() {
			u.prefetched = today
			u.attach(store)
		}
	})
}

// warmFonts loads the font faces of the text styles the first screens use
// (regular and bold), so that building them does not wait for font
// parsing. It runs on one goroutine while the UI thread creates the
// window and draws no text: Fyne's font caches are not safe for two
// goroutines measuring at once.
func warmFonts() {
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText(warmText, theme.TextSize(), st)
	}
}

const warmText = "运营台 OpsBench" // Chinese and Latin glyphs

// attach makes store the open database and shows the right screen.
func (u *UI) attach(store *data.Store) {
	u.store = store
	pref, _ := store.Setting(u.ctx, data.SettingLanguage)
	if tr, err := NewTranslator(pref); err == nil {
		u.tr = tr
	}
	u.win.SetTitle(u.tr.T("app.title"))
	if me, err := store.Me(u.ctx); err == nil {
		store.SetActor(me)
		u.showShell(navToday)
	} else {
		u.showOnboarding()
	}
	u.housekeeping()
	u.startSync()
}

// housekeeping runs after start-up, off the UI thread: the daily backup
// and a quick integrity check, telling the user if either fails.
func (u *UI) housekeeping() {
	u.background(func(s *data.Store) func() {
		// Let the first screen draw before reading the whole file.
		select {
		case <-time.After(u.cfg.HousekeepingDelay):
		case <-u.ctx.Done():
			return nil
		}
		_, err := s.DailyBackupIfDue(u.ctx)
		problems := s.QuickCheck(u.ctx)
		return func() {
			if err != nil {
				u.showError(u.tr.T("backup.daily_failed"), err)
			}
			if len(problems) > 0 {
				u.showDamaged(problems)
			}
		}
	})
}

// background runs work off the UI thread with the open store and applies
// the UI changes it returns on the UI thread. The store is taken on the UI
// thread, so a restore swapping it never races with the work.
func (u *UI) background(work func(s *data.Store) (apply func())) {
	s := u.store
	if s == nil {
		return
	}
	u.work.Add(1)
	go func() {
		defer u.work.Done()
		if apply := work(s); apply != nil {
			u.do(apply)
		}
	}()
}

func (u *UI) applyTheme() {
	variant, _ := u.store.Setting(u.ctx, data.SettingTheme)
	if u.font == nil {
		u.font = bundledFont()
	}
	u.app.Settings().SetTheme(newAppTheme(u.font, variant))
}

// rebuild redraws every screen, e.g. after the language changed.
func (u *UI) rebuild(nav string) {
	pref, _ := u.store.Setting(u.ctx, data.SettingLanguage)
	if tr, err := NewTranslator(pref); err == nil {
		u.tr = tr
	}
	u.win.SetTitle(u.tr.T("app.title"))
	u.showShell(nav)
}

func (u *UI) close() {
	u.stop()
	u.work.Wait()
	if u.store != nil {
		_ = u.store.Close()
		u.store = nil
	}
}

// openFolder shows a folder in the system's file manager.
func (u *UI) openFolder(dir string) {
	p := filepath.ToSlash(dir)
	if len(p) > 1 && p[1] == ':' { // Windows drive letter
		p = "/" + p
	}
	if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: p}); err != nil {
		u.showError(u.tr.T("data.open_folder_failed"), err)
	}
}

// errorText explains an error in the user's language: what went wrong and
// what to do. The technical detail follows on its own line.
func (u *UI) errorText(err error) string {
	var fe *app.FieldError
	var se *app.SchemaError
	switch {
	case errors.As(err, &fe):
		return u.tr.T("error.field."+fe.Code, "Field", u.tr.T("field."+fe.Entity+"."+fe.Field), "Limit", fe.Limit)
	case errors.As(err, &se):
		return u.tr.T("error.newer_schema", "Found", se.Found, "Supported", se.Supported)
	case errors.Is(err, app.ErrDiskFull):
		return u.tr.T("error.disk_full")
	case errors.Is(err, app.ErrReadOnly):
		return u.tr.T("error.read_only") + "\n" + err.Error()
	case errors.Is(err, app.ErrCorrupt):
		return u.tr.T("error.corrupt")
	case errors.Is(err, app.ErrLocked):
		return u.tr.T("error.locked")
	case errors.Is(err, context.Canceled):
		return u.tr.T("error.cancelled")
	}
	return fmt.Sprintf("%s\n%s", u.tr.T("error.generic"), err.Error())
}
