package main

import (
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/shell"
)

// appID identifies OpsBench to the operating system (preferences, the
// Windows taskbar, the macOS bundle); FyneApp.toml has the same.
const appID = "io.opsbench.desktop"

// housekeepingDelay lets the first screen draw before the daily backup,
// the quick check and the first sync round start.
const housekeepingDelay = 5 * time.Second

// runGUI starts the desktop app and blocks until its window closes.
func runGUI(g *globals, exitAfterStart bool) error {
	path, err := g.dbPath()
	if err != nil {
		return err
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(ui.Icon())
	u := shell.New(a, shell.Config{DBPath: path, ExitAfterStart: exitAfterStart, Out: g.stdout, Started: g.started,
		Version: version, HousekeepingDelay: housekeepingDelay})
	u.Run()
	if exitAfterStart && u.Failed() {
		return exitError{code: exitFail}
	}
	return nil
}
