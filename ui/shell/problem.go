package shell

import (
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/settingsui"
)

// problemWidth is the width of the start-up problem explanations.
const problemWidth = 620

// showOpenProblem explains why the database could not be opened and what
// to do, in the user's language; the technical detail (the error as the
// system reported it) is folded away under its own heading. The file
// itself is never changed here; for a damaged file the latest backup is
// offered (the damaged file is kept aside).
func (u *UI) showOpenProblem(err error) {
	u.failed = true
	path := u.cfg.DBPath
	if abs, e := filepath.Abs(path); e == nil {
		path = abs
	}
	if u.probe != nil { // start-up measurement: report and stop
		fmt.Fprintln(u.cfg.Out, "cannot open database:", err)
		// From a goroutine, so it waits for the event loop: Start runs
		// before the loop, and a Quit then is lost, leaving the app
		// waiting for ever.
		go fyne.Do(u.App().Quit)
		return
	}
	var title, body string
	offerBackup := false
	var se *app.SchemaError
	switch {
	case errors.Is(err, app.ErrLocked):
		title, body = u.T("problem.locked.title"), u.T("problem.locked.body", "Path", path)
	case errors.As(err, &se):
		title, body = u.T("problem.newer.title"), u.T("problem.newer.body", "Path", path, "Found", se.Found, "Supported", se.Supported)
	case errors.Is(err, app.ErrForeignFile):
		title, body = u.T("problem.foreign.title"), u.T("problem.foreign.body", "Path", path)
	case errors.Is(err, app.ErrNotDatabase), errors.Is(err, app.ErrCorrupt):
		title, body = u.T("problem.damaged.title"), u.T("problem.damaged.body", "Path", path)
		offerBackup = true
	case errors.Is(err, app.ErrReadOnly):
		title, body = u.T("problem.readonly.title"), u.T("problem.readonly.body", "Path", path)
	case errors.Is(err, app.ErrDiskFull):
		title, body = u.T("problem.generic.title"), u.T("error.disk_full")
	default:
		title, body = u.T("problem.generic.title"), u.T("problem.generic.body", "Path", path)
	}
	raw := ui.WrapLabel(err.Error())
	raw.TextStyle = fyne.TextStyle{Monospace: true}
	detail := widget.NewAccordion(widget.NewAccordionItem(u.T("problem.detail"), raw))
	quit := widget.NewButton(u.T("action.quit"), u.App().Quit)
	buttons := container.NewHBox(quit)
	box := container.NewVBox(container.NewHBox(widget.NewIcon(theme.WarningIcon()), ui.Heading(title)), ui.WrapLabel(body))
	if offerBackup {
		box.Add(u.backupOffer(path, buttons))
	}
	box.Add(buttons)
	box.Add(detail)
	u.setContent(container.NewCenter(ui.FixedWidth(problemWidth, box)))
}

// backupOffer says whether there is a backup to restore and, when there
// is, adds "restore the latest backup" to the buttons.
func (u *UI) backupOffer(path string, buttons *fyne.Container) fyne.CanvasObject {
	list, err := data.ListBackups(path, data.BackupPolicy{})
	if err != nil || len(list) == 0 {
		return ui.WrapLabel(u.T("problem.damaged.no_backup"))
	}
	latest := list[0]
	when := latest.At.Local().Format(ui.SecondLayout)
	restore := widget.NewButtonWithIcon(u.T("problem.damaged.restore"), theme.HistoryIcon(), func() {
		u.Confirm(u.T("backup.restore_title"), u.T("problem.damaged.restore_confirm", "Time", when), u.T("backup.restore"), func() {
			u.RestoreBackup(latest.Path)
		})
	})
	restore.Importance = widget.HighImportance
	buttons.Objects = append([]fyne.CanvasObject{restore}, buttons.Objects...)
	return ui.WrapLabel(u.T("problem.damaged.backup_found", "Time", when))
}

// showDamaged reports damage found after start-up by the quick check.
func (u *UI) showDamaged(problems []string) {
	u.Confirm(u.T("problem.damaged.title"), u.T("problem.damaged.running", "Path", u.Store().Path(), "Detail", problems[0]), u.T("problem.damaged.show_backups"), func() {
		u.Navigate(ui.ScreenSettings.Tab(settingsui.TabData))
	})
}

// RestoreBackup closes the database, restores the backup over it
// (keeping the current file) and opens it again; it asks first when a
// screen holds unsaved edits.
func (u *UI) RestoreBackup(backup string) {
	u.guard(func() { u.restoreBackup(backup) })
}

func (u *UI) restoreBackup(backup string) {
	path, policy := u.cfg.DBPath, data.BackupPolicy{}
	if s := u.Store(); s != nil {
		path, policy = s.Path(), s.BackupPolicy()
		u.closeStore()
	}
	kept, restoreErr := data.Restore(u.Context(), path, backup, policy)
	u.Log().Info("restore", "backup", filepath.Base(backup), "ok", restoreErr == nil)
	store, err := data.Open(u.Context(), path, u.storeOptions())
	if err != nil {
		u.showOpenProblem(err)
		return
	}
	u.failed = false
	u.usePreferences(store)
	u.attach(store)
	if restoreErr != nil {
		u.ShowError(u.T("backup.restore_failed"), restoreErr)
		return
	}
	u.Inform(u.T("backup.restore_title"), u.T("backup.restored", "Kept", kept))
}

// SetLanguage redraws every screen in lang, staying on Settings. The
// language is stored already; unsaved edits elsewhere are asked about
// first (the screens are built again).
func (u *UI) SetLanguage(lang string) {
	u.guard(func() {
		u.UseLanguage(lang)
		u.showShell(ui.ScreenSettings)
	})
}

// Failed reports whether the UI ended on a problem screen (start-up
// measurement exits non-zero then).
func (u *UI) Failed() bool { return u.failed }
