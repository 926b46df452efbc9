package ui

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
)

// showOpenProblem explains why the database could not be opened and what
// to do. The file itself is never changed here; for a damaged file the
// latest backup is offered (the damaged file is kept aside).
func (u *UI) showOpenProblem(err error) {
	u.failed = true
	path := u.cfg.DBPath
	if abs, e := filepath.Abs(path); e == nil {
		path = abs
	}
	if u.probe != nil { // start-up measurement: report and stop
		fmt.Fprintln(u.cfg.Out, "cannot open database:", err)
		u.app.Quit()
		return
	}
	var title, body string
	offerBackup := false
	var se *app.SchemaError
	switch {
	case errors.Is(err, app.ErrLocked):
		title, body = u.tr.T("problem.locked.title"), u.tr.T("problem.locked.body", "Path", path)
	case errors.As(err, &se):
		title, body = u.tr.T("problem.newer.title"), u.tr.T("problem.newer.body", "Path", path, "Found", se.Found, "Supported", se.Supported)
	case errors.Is(err, app.ErrForeignFile):
		title, body = u.tr.T("problem.foreign.title"), u.tr.T("problem.foreign.body", "Path", path)
	case errors.Is(err, app.ErrNotDatabase), errors.Is(err, app.ErrCorrupt):
		title, body = u.tr.T("problem.damaged.title"), u.tr.T("problem.damaged.body", "Path", path)
		offerBackup = true
	case errors.Is(err, app.ErrReadOnly):
		title, body = u.tr.T("problem.readonly.title"), u.tr.T("problem.readonly.body", "Path", path)
	case errors.Is(err, app.ErrDiskFull):
		title, body = u.tr.T("problem.generic.title"), u.tr.T("error.disk_full")
	default:
		title, body = u.tr.T("problem.generic.title"), u.tr.T("problem.generic.body", "Path", path)
	}
	detail := wrapLabel(err.Error())
	detail.TextStyle = fyne.TextStyle{Monospace: true}
	quit := widget.NewButton(u.tr.T("action.quit"), u.app.Quit)
	buttons := container.NewHBox(quit)
	box := container.NewVBox(container.NewHBox(widget.NewIcon(theme.WarningIcon()), heading(title)), wrapLabel(body), detail, buttons)
	if offerBackup {
		u.addBackupOffer(path, box, buttons)
	}
	u.win.SetContent(container.NewCenter(fixedWidth(620, box)))
}

// addBackupOffer adds "restore the latest backup" when there is one.
func (u *UI) addBackupOffer(path string, box, buttons *fyne.Container) {
	list, err := data.ListBackups(path, data.BackupPolicy{})
	if err != nil || len(list) == 0 {
		box.Objects = append(box.Objects[:len(box.Objects)-1], wrapLabel(u.tr.T("problem.damaged.no_backup")), buttons)
		return
	}
	latest := list[0]
	when := latest.At.Local().Format("2006-01-02 15:04:05")
	restore := widget.NewButtonWithIcon(u.tr.T("problem.damaged.restore"), theme.HistoryIcon(), func() {
		u.confirm(u.tr.T("backup.restore_title"), u.tr.T("problem.damaged.restore_confirm", "Time", when), u.tr.T("backup.restore"), func() {
			u.restoreFrom(latest.Path)
		})
	})
	restore.Importance = widget.HighImportance
	buttons.Objects = append([]fyne.CanvasObject{restore}, buttons.Objects...)
	box.Objects = append(box.Objects[:len(box.Objects)-1], wrapLabel(u.tr.T("problem.damaged.backup_found", "Time", when)), buttons)
}

// showDamaged reports damage found after start-up by the quick check.
func (u *UI) showDamaged(problems []string) {
	path := u.store.Path()
	u.confirm(u.tr.T("problem.damaged.title"), u.tr.T("problem.damaged.running", "Path", path, "Detail", problems[0]), u.tr.T("problem.damaged.show_backups"), func() {
		u.showSettingsTab(settingsData)
	})
}

// Failed reports whether the UI ended on a problem screen (start-up
// measurement exits non-zero then).
func (u *UI) Failed() bool { return u.failed }
