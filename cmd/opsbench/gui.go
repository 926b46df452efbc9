package main

import (
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/opsbench/opsbench/ui"
)

// appID identifies OpsBench to the operating system (preferences, the
// Windows taskbar, the macOS bundle); FyneApp.toml has the same.
const appID = "io.opsbench.desktop"

// runGUI starts the desktop app and blocks until its window closes.
func runGUI(g *globals, exitAfterStart bool) error {
	path, err := g.dbPath()
	if err != nil {
		return err
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(ui.Icon())
	u := ui.New(a, ui.Config{DBPath: path, ExitAfterStart: exitAfterStart, Out: g.stdout, Started: g.started,
		Version: version, HousekeepingDelay: 5 * time.Second})
	u.Run()
	if exitAfterStart && u.Failed() {
		return exitError{code: exitFail}
	}
	return nil
}
