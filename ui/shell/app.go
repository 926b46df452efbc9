// Package shell is OpsBench's main window: start-up (the problem windows
// when the database cannot be opened, the first-start questions), the
// sidebar with navigation by screen id, and the Today screen composed of
// the cards each work area exports. It is the only package that knows
// every area; the areas only know package ui.
package shell

import (
	"context"
	"io"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/settingsui"
	"github.com/opsbench/opsbench/ui/sopui"
	"github.com/opsbench/opsbench/ui/syncui"
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
	// Log is the support log beside the database (nothing when nil), and
	// AddSecret keeps a passphrase out of it.
	Log       *slog.Logger
	AddSecret func(string)
	// Renderer, when set, names the OpenGL renderer. The shell calls it
	// once while the window paints a frame, the only time the window's
	// OpenGL context is current on the calling thread; it must only ask
	// OpenGL, through the same bindings as Fyne's painter (their function
	// pointers are set up by it).
	Renderer func() string
	// Closed, when set, is called on the UI thread once the main window
	// has closed and the database is shut.
	Closed func()
}

// WindowSize is the main window's size at start: it fits a 1366x768
// laptop screen less the taskbar and the title bar. Every screen works
// from 1280x720 to 1920x1080 and scrolls inside the window rather than
// growing it.
var WindowSize = fyne.NewSize(1180, 680)

// UI is the running application: the main window's environment, the
// shell on it, and start-up state.
type UI struct {
	*ui.Env
	cfg   Config
	shell *shell
	probe *startProbe
	// sync is office sync's state: the passphrase in memory, the round in
	// progress, the timer.
	sync *syncui.Session
	// fonts is closed once the font faces are loaded (see New). Nothing
	// may measure text before: Fyne's font caches are not safe for two
	// goroutines at once.
	fonts chan struct{}
	// prefetched is Today's data read during start-up, used once.
	prefetched *todayData
	failed     bool
	// renderer asks the OpenGL renderer's name while a frame is painted.
	renderer *rendererProbe
	// root holds the screen shown in the window (see setContent).
	root *fyne.Container
	// gate lets the first screen be built while the window is made (nil
	// but in Run: see startGate).
	gate *startGate
	// real is the real database when OpsBench was started on a demo one.
	real string
	// stopStore ends what runs for the open store (its file check).
	stopStore func()
	// gone is set once the open database file was found gone.
	gone bool
	// closing is set once the window may close.
	closing bool
	// filling is the demo database being filled with demo data.
	filling *data.Store
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
	// The font faces are the slowest part of start-up: they load while
	// the window is made and the database opened (Start waits for them).
	// The translations are read while Fyne connects to the display.
	ui.InstallTheme(a)
	fonts := make(chan struct{})
	go func() {
		defer close(fonts)
		warmFonts()
	}()
	tr := make(chan *ui.Translator, 1)
	go func() { tr <- ui.NewTranslator("") }()
	win := a.NewWindow("")
	u := &UI{Env: ui.NewEnv(a, win, <-tr), cfg: cfg, fonts: fonts}
	u.SetLog(cfg.Log, cfg.AddSecret)
	u.renderer = newRendererProbe(cfg.Renderer, func(name string) { u.Log().Info("opengl", "renderer", name) })
	u.SetAbout(ui.About{Version: cfg.Version, Renderer: u.renderer.name})
	u.SetOnDatabaseGone(u.databaseGone)
	u.sync = syncui.NewSession(u, cfg.Version, cfg.HousekeepingDelay)
	u.SetNavigator(u.navigate)
	win.SetTitle(u.T("app.title"))
	win.Resize(WindowSize)
	win.SetMaster()
	win.SetCloseIntercept(u.requestClose)
	win.SetOnClosed(func() {
		u.Close()
		if cfg.Closed != nil {
			cfg.Closed()
		}
	})
	win.SetOnDropped(u.dropped)
	return u
}

// setContent shows content in the window, in place of what it showed.
//
// The window's own content is set once, to a root with the start-up and
// renderer probes; screens are swapped inside it. Replacing the window's
// content instead makes Fyne lay the new content out at its minimum size,
// then at the window's, and then refresh every widget in it: a third of
// building the shell and Today at start-up on the large demo.
func (u *UI) setContent(content fyne.CanvasObject) {
	root := u.windowRoot()
	// Nothing on the old screen keeps the keyboard (a new window content
	// would start with nothing focused too).
	u.Window().Canvas().Unfocus()
	root.Objects = []fyne.CanvasObject{content}
	content.Move(fyne.Position{})
	content.Resize(root.Size())
	canvas.Refresh(root)
}

// windowRoot is the window's root (see setContent), made on first use.
func (u *UI) windowRoot() *fyne.Container {
	if u.root == nil {
		root := container.NewStack()
		root.Layout = rootLayout{gate: u.gate, screen: func() []fyne.CanvasObject { return root.Objects }}
		u.root = root
		u.Window().SetContent(u.probe.wrap(u.renderer.wrap(root)))
	}
	return u.root
}

// storeOptions are how the window opens its database: logging to the
// support log.
func (u *UI) storeOptions() data.Options { return data.Options{Log: u.Log()} }

// Run starts the UI and blocks until the main window closes. The first
// screen is built while the window is made (see startGate).
func (u *UI) Run() {
	u.gate = newStartGate()
	u.Start()
	u.holdLoopForFonts()
	u.gate.arm(u.windowRoot().Size())
	u.Window().ShowAndRun()
}

// holdLoopForFonts makes the event loop's first turn wait for the font
// faces. They load on a goroutine into Fyne's caches, which are plain maps
// in this build (migrated_fynedo), and the loop's first turn sweeps those
// caches: on a desk whose graphics driver makes the window faster than the
// fonts load, the two would meet in one map. Normally the fonts are loaded
// long before and nothing waits. A function queued before the loop runs
// (from a goroutine: on the main goroutine fyne.Do would run it at once)
// is its first turn; the event ticks that draw come later.
func (u *UI) holdLoopForFonts() {
	queued := make(chan struct{})
	go func() {
		fyne.Do(u.waitFonts)
		close(queued)
	}()
	<-queued
}

// Start opens the database and puts the first screen in the window: the
// problem screen when the database cannot be opened, the first-start
// questions for a new desk, otherwise the main shell on Today.
//
// Start-up is arranged so that the slow parts overlap: the font faces
// load (from New on) while the window is made and the database is opened,
// the Today cards in view are read meanwhile, and the first screen is
// built as soon as both are ready: under Run, off the UI thread while
// Fyne still makes the window, for the window's first frame (see
// startGate); otherwise on the UI thread.
func (u *UI) Start() {
	if u.cfg.ExitAfterStart {
		u.probe = newStartProbe(u.cfg.Started, u.cfg.Out, u.App().Quit)
	}
	if u.missingWithBackups() {
		return
	}
	store, err := data.Open(u.Context(), u.cfg.DBPath, u.storeOptions())
	if err != nil {
		u.Log().Error("database cannot be opened", "err", err)
		u.waitFonts()
		u.showOpenProblem(err)
		return
	}
	if store.IsDemo() {
		u.real = realOf(store.Path())
	}
	lang, variant := u.preferences(store)
	u.UseLanguage(lang)
	u.PresetTheme(variant) // the fonts may be loading: see PresetTheme
	u.Go(func() {
		var today *todayData
		me, err := store.Me(u.Context())
		if err == nil {
			d := fetchToday(store, u.todayCards(), 0, firstCards) // the rest after the first frame
			today = &d
		}
		u.waitFonts()
		if today != nil && u.gate.begin() {
			var view fyne.CanvasObject
			// Finished even if building panics (the panic is reported
			// as any in background work): the UI thread waits for it.
			defer func() { u.gate.finish(view, func(view fyne.CanvasObject) { u.install(store, view) }) }()
			u.prefetched = today
			view = u.prepare(store, me)
			return
		}
		u.gate.decline()
		u.Do(func() {
			u.prefetched = today
			u.attach(store)
		})
	})
}

// waitFonts returns once the font faces are loaded.
func (u *UI) waitFonts() { <-u.fonts }

// usePreferences applies the language and theme stored in store.
func (u *UI) usePreferences(store *data.Store) {
	lang, variant := u.preferences(store)
	u.UseLanguage(lang)
	u.ApplyTheme(variant)
}

// preferences are the language and theme stored in store ("" for the
// system's when unset or unreadable).
func (u *UI) preferences(store *data.Store) (lang, variant string) {
	lang, _ = store.Setting(u.Context(), data.SettingLanguage)
	variant, _ = store.Setting(u.Context(), data.SettingTheme)
	return lang, variant
}

// warmFonts loads the font faces of the text styles the first screens use
// (regular and bold), so that building them does not wait for font
// parsing. New runs it on its own goroutine while the UI thread makes the
// window and opens the database, measuring no text: Fyne's font caches
// are not safe for two goroutines measuring at once.
func warmFonts() {
	for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText(warmText, theme.TextSize(), st)
	}
}

const warmText = "运营台 OpsBench" // Chinese and Latin glyphs

// attach makes store the open database and shows the right screen.
func (u *UI) attach(store *data.Store) {
	u.SetStore(store)
	if _, err := store.Me(u.Context()); err != nil && store.IsDemo() && u.filling != store {
		// A demo database is for looking around: it opens on the demo
		// team's owner, with the demo data loaded if it has none yet.
		u.filling = store
		settingsui.LoadDemo(u, func() { u.attach(store) })
		return
	}
	u.gone = false
	if me, err := store.Me(u.Context()); err == nil {
		store.SetActor(me)
		u.showShell(ui.ScreenToday)
	} else {
		u.showOnboarding()
	}
	u.started(store)
}

// prepare is attach for a desk with its person, up to the shell on Today
// laid out at the window root's size, run off the UI thread at start-up
// while the window is made (see startGate); install finishes it.
func (u *UI) prepare(store *data.Store, me app.Person) fyne.CanvasObject {
	u.SetStore(store)
	u.gone = false
	store.SetActor(me)
	s, view := u.newShell(ui.ScreenToday)
	view.Resize(u.gate.size)
	s.show(ui.ScreenToday)
	return view
}

// install puts the shell prepare built in the window, on the UI thread
// at the start gate. What starts behind it waits for the event loop,
// after the first frame. Without a shell (building it failed) the screen
// is built again on the UI thread.
func (u *UI) install(store *data.Store, view fyne.CanvasObject) {
	if view == nil {
		go fyne.Do(func() { u.attach(store) })
		return
	}
	u.setTitle()
	u.setContent(view)
	u.Log().Info("start", "first screen", "built while the window was made")
	go fyne.Do(func() { u.started(store) })
}

// started starts what runs for the open database behind its first
// screen: the file check, housekeeping, sync, the SOP day.
func (u *UI) started(store *data.Store) {
	ctx, stop := context.WithCancel(u.Context())
	u.stopStore = stop
	u.watchFile(ctx, store)
	u.housekeeping()
	u.sync.Start()
	syncui.AskDeskCopy(u, u.sync)
	sopui.Start(u, func(err error) { u.ShowError(u.T("sop.start_failed"), err) }, u.newDay)
}

// newDay reads Today again when a desk left open passes the office's
// midnight with Today on screen: its date, what is due and what is late
// all moved on.
func (u *UI) newDay() {
	if u.shell != nil && u.shell.current == ui.ScreenToday {
		u.shell.screens[ui.ScreenToday].Load()
	}
}

// setTitle titles the window, saying when a demo database is open.
func (u *UI) setTitle() {
	if s := u.Store(); s != nil && s.IsDemo() {
		u.Window().SetTitle(u.T("app.title_demo"))
		return
	}
	u.Window().SetTitle(u.T("app.title"))
}

// housekeeping runs after start-up, off the UI thread: the daily backup
// and a quick integrity check, telling the user if either fails.
func (u *UI) housekeeping() {
	u.Background(func(s *data.Store) func() {
		// Let the first screen draw before reading the whole file.
		select {
		case <-time.After(u.cfg.HousekeepingDelay):
		case <-u.Context().Done():
			return nil
		}
		_, err := s.DailyBackupIfDue(u.Context())
		problems := s.QuickCheck(u.Context())
		return func() {
			if err != nil {
				u.ShowError(u.T("backup.daily_failed"), err)
			}
			if len(problems) > 0 {
				u.showDamaged(problems)
			}
		}
	})
}
