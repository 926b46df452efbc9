package main

import (
	"fmt"
	"io"
	"log"
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
	start := func(a fyne.App) {
		u = shell.New(a, shell.Config{DBPath: path, ExitAfterStart: exitAfterStart, Out: g.stdout, Started: g.started,
			Version: version, HousekeepingDelay: housekeepingDelay, Log: logger, AddSecret: addSecret, Renderer: rendererName()})
		u.Run()
	}
	if f := runWindow(func() fyne.App { return fyneapp.NewWithID(appID) }, start, logTo); f.kind != failNone {
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
