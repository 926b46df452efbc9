package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/opsbench/opsbench/data/applog"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/shell"
)

// appID identifies OpsBench to the operating system (preferences, the
// Windows taskbar, the macOS bundle); FyneApp.toml has the same.
const appID = "io.opsbench.desktop"

// housekeepingDelay lets the first screen draw before the daily backup,
// the quick check and the first sync round start.
const housekeepingDelay = 5 * time.Second

// shutdownGrace is how long the window toolkit gets to stop once the
// window has closed and the database is shut.
const shutdownGrace = 5 * time.Second

// runGUI starts the desktop app and blocks until its window closes. When
// the window cannot be created it tells the person why in a native
// message and returns a failure.
func runGUI(g *globals, exitAfterStart bool) error {
	path, err := g.dbPath()
	if err != nil {
		return err
	}
	logFile, err := applog.Open(applog.PathFor(path), applog.Options{})
	var logTo io.Writer = g.stderr
	if err == nil {
		defer logFile.Close()
		logTo = logFile
	}
	logger := applog.New(logTo)
	addSecret := func(string) {}
	if logFile != nil {
		addSecret = logFile.AddSecret
	}
	logger.Info("start", "version", version, "os", runtime.GOOS+"/"+runtime.GOARCH, "db", path)
	var u *shell.UI
	closed := make(chan int, 1) // the exit code, once the window has closed
	start := func(a fyne.App) {
		u = shell.New(a, shell.Config{DBPath: path, ExitAfterStart: exitAfterStart, Out: g.stdout, Started: g.started,
			Version: version, HousekeepingDelay: housekeepingDelay, Log: logger, AddSecret: addSecret, Renderer: rendererName(),
			Closed: func() {
				code := 0
				if exitAfterStart && u.Failed() {
					code = exitFail
				}
				select {
				case closed <- code:
				default:
				}
			}})
		u.Run()
	}
	returned := make(chan struct{})
	go exitIfStuck(closed, returned, shutdownGrace, func(code int) {
		logger.Warn("stop", "stuck", "the window toolkit had not stopped "+shutdownGrace.String()+" after the window closed; exiting")
		os.Exit(code)
	})
	f := runWindow(func() fyne.App { return fyneapp.NewWithID(appID) }, start, logTo)
	close(returned)
	if f.kind != failNone {
		logger.Error("window", "kind", f.kind.String(), "detail", f.detail)
		tr := ui.NewTranslator("") // the user's system language: no database is open yet
		title, body := f.message(tr, applog.PathFor(path))
		fmt.Fprintf(g.stderr, "%s\n%s\n\n%s\n", title, body, f.detail)
		showNativeError(title, body)
		return exitError{code: exitFail}
	}
	logger.Info("stop")
	if exitAfterStart && u != nil && u.Failed() {
		return exitError{code: exitFail}
	}
	return nil
}

// exitIfStuck calls exit with the code closed gives unless returned is
// closed within grace after it. Fyne 2.7.3 can hang once its window has
// closed: the stop hook it queues races its last drain of the main
// thread's queue, and when the drain wins, the hook waits forever (seen
// about once in a few hundred starts), leaving a process with no window
// that never ends. By then the database is shut and the log written.
func exitIfStuck(closed <-chan int, returned <-chan struct{}, grace time.Duration, exit func(code int)) {
	select {
	case <-returned:
	case code := <-closed:
		select {
		case <-returned:
		case <-time.After(grace):
			exit(code)
		}
	}
}

// runWindow creates the app and runs start on it while watching Fyne's log
// for a window that could not be created. It recovers glfw's panic, and
// quits the event loop Fyne would otherwise leave waiting for that window.
func runWindow(newApp func() fyne.App, start func(fyne.App), logTo io.Writer) (failed startFailure) {
	watch := newStartWatch(logTo)
	prev := log.Writer()
	log.SetOutput(watch)
	defer log.SetOutput(prev)
	started := false
	defer func() {
		if r := recover(); r != nil {
			if failed = watch.classify(r); started && failed.kind == failWindow {
				failed.kind = failCrash
			}
		}
	}()
	a := newApp()
	a.SetIcon(ui.Icon())
	// The window is created when it is first shown, just before the event
	// loop starts: by then a failure has been logged.
	a.Lifecycle().SetOnStarted(func() {
		started = true
		if f, bad := watch.failed(); bad {
			failed = f
			a.Quit()
		}
	})
	start(a)
	if !started && failed.kind == failNone {
		failed, _ = watch.failed()
	}
	return failed
}
