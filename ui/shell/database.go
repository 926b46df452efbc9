package shell

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// fileCheckInterval is how often the open database file is checked for
// having been deleted, moved or replaced (a stat; writes check it too).
const fileCheckInterval = 10 * time.Second

// unsaved lists what the screens hold unsaved.
func (u *UI) unsaved() []string {
	if u.shell == nil {
		return nil
	}
	var out []string
	for _, scr := range u.shell.screens {
		if us, ok := scr.(ui.Unsaved); ok {
			out = append(out, us.UnsavedEdits()...)
		}
	}
	return out
}

// guard runs then, first asking whether to drop unsaved edits if there
// are any: before anything that drops the screens.
func (u *UI) guard(then func()) {
	if list := u.unsaved(); len(list) > 0 {
		u.ConfirmDiscard(list, then)
		return
	}
	then()
}

// requestClose is what closing the window does: it asks first when
// something is not saved.
func (u *UI) requestClose() {
	u.guard(func() {
		u.closing = true
		u.Window().Close()
	})
}

// dropScreens closes the screens (they stop following sync changes)
// before they are replaced.
func (u *UI) dropScreens() {
	if u.shell == nil {
		return
	}
	for _, scr := range u.shell.screens {
		if c, ok := scr.(interface{ Close() }); ok {
			c.Close()
		}
	}
	u.shell = nil
}

// realPath is the office's real database: the one OpsBench was started
// on, or, when that is a demo database, the real one it belongs to.
func (u *UI) realPath() string {
	if u.real != "" {
		return u.real
	}
	return u.cfg.DBPath
}

// OpenDemo opens the demo database beside the real one, made with demo
// data when there is none (settingsui.Env).
func (u *UI) OpenDemo() {
	u.guard(func() { u.switchDatabase(data.DemoPath(u.realPath()), true) })
}

// OpenReal goes back from the demo database to the real one.
func (u *UI) OpenReal() {
	u.guard(func() { u.switchDatabase(u.realPath(), false) })
}

// switchDatabase closes the open database and opens the one at path. A
// demo database is filled with demo data the first time. When it cannot
// be opened, the one open before is opened again.
func (u *UI) switchDatabase(path string, demo bool) {
	before := ""
	if s := u.Store(); s != nil {
		before = s.Path()
		u.closeStore()
	}
	store, err := data.Open(u.Context(), path, data.Options{Demo: demo, Log: u.Log()})
	if err != nil {
		u.Log().Error("database cannot be opened", "demo", demo, "err", err)
		if before != "" {
			if again, err2 := data.Open(u.Context(), before, u.storeOptions()); err2 == nil {
				u.usePreferences(again)
				u.attach(again)
				u.ShowError(u.T("database.switch_failed"), err)
				return
			}
		}
		u.showOpenProblem(err)
		return
	}
	u.Log().Info("database opened", "demo", store.IsDemo())
	u.usePreferences(store)
	u.attach(store)
}

// closeStore closes the open database, dropping its screens.
func (u *UI) closeStore() {
	u.dropScreens()
	if u.stopStore != nil {
		u.stopStore()
		u.stopStore = nil
	}
	if s := u.Store(); s != nil {
		_ = s.Close()
		u.SetStore(nil)
	}
}

// watchFile checks now and then that the open database file is still
// there, so that a folder deleted under OpsBench is said at once, not at
// the next save. It stops with the store.
func (u *UI) watchFile(ctx context.Context, s *data.Store) {
	go func() {
		t := time.NewTicker(fileCheckInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := s.CheckFile(); err != nil {
					u.Do(func() {
						if u.Store() == s {
							u.databaseGone()
						}
					})
					return
				}
			}
		}
	}()
}

// databaseGone stops the screens when the database file was deleted,
// moved or replaced while OpsBench ran: nothing more can be saved. It
// says so plainly and offers the newest backup that holds data.
func (u *UI) databaseGone() {
	s := u.Store()
	if s == nil || u.gone {
		return
	}
	u.gone = true
	u.Log().Error("database gone", "path", s.Path())
	path, policy := s.Path(), s.BackupPolicy()
	body := ui.WrapLabel(u.T("gone.body", "Path", path))
	offer := container.NewVBox(ui.WrapLabel(u.T("status.loading")))
	quit := widget.NewButton(u.T("action.quit"), u.App().Quit)
	box := container.NewVBox(container.NewHBox(widget.NewIcon(theme.ErrorIcon()), ui.Heading(u.T("gone.title"))), body, offer, container.NewHBox(quit))
	u.dropScreens()
	// Dialogs open on the screens (a form that failed to save) go too.
	overlays := u.Window().Canvas().Overlays()
	for top := overlays.Top(); top != nil; top = overlays.Top() {
		overlays.Remove(top)
	}
	u.setContent(container.NewCenter(ui.FixedWidth(problemWidth, box)))
	u.Go(func() {
		b, ok, err := data.NewestUsefulBackup(u.Context(), path, policy)
		u.Do(func() { u.showBackupOffer(offer, b, ok, err) })
	})
}

// showBackupOffer says which backup can be restored, and restores it.
func (u *UI) showBackupOffer(box *fyne.Container, b data.BackupContents, ok bool, err error) {
	box.RemoveAll()
	if err != nil || !ok {
		box.Add(ui.WrapLabel(u.T("gone.no_backup")))
		return
	}
	when := b.At.Local().Format(ui.MinuteLayout)
	holds := u.T("gone.holds", "People", u.T("gone.people", "Count", b.People), "Scenarios", u.T("gone.scenarios", "Count", b.Scenarios))
	if !b.LastEdit.IsZero() {
		holds = u.T("gone.holds_last", "Holds", holds, "Time", b.LastEdit.Local().Format(ui.MinuteLayout))
	}
	restore := widget.NewButtonWithIcon(u.T("gone.restore"), theme.HistoryIcon(), func() {
		u.RestoreBackup(b.Path)
	})
	restore.Importance = widget.HighImportance
	box.Add(ui.WrapLabel(u.T("gone.backup", "Time", when, "Holds", holds)))
	box.Add(container.NewHBox(restore))
}

// missingWithBackups is the start-up check for a database file that is
// not there while backups of it are (its file deleted or moved): rather
// than start afresh, it offers the newest backup that holds data. It
// reports whether it showed the offer.
func (u *UI) missingWithBackups() bool {
	path := u.cfg.DBPath
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) || u.probe != nil {
		return false
	}
	b, ok, err := data.NewestUsefulBackup(u.Context(), path, data.BackupPolicy{})
	if err != nil || !ok {
		return false
	}
	u.waitFonts()
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	offer := container.NewVBox()
	fresh := widget.NewButton(u.T("missing.fresh"), func() {
		store, err := data.Open(u.Context(), u.cfg.DBPath, u.storeOptions())
		if err != nil {
			u.showOpenProblem(err)
			return
		}
		u.usePreferences(store)
		u.attach(store)
	})
	box := container.NewVBox(container.NewHBox(widget.NewIcon(theme.WarningIcon()), ui.Heading(u.T("missing.title"))),
		ui.WrapLabel(u.T("missing.body", "Path", path)), offer, container.NewHBox(fresh))
	u.showBackupOffer(offer, b, true, nil)
	u.setContent(container.NewCenter(ui.FixedWidth(problemWidth, box)))
	return true
}

// realOf is the real database a demo database at path belongs to:
// "x-demo.db" belongs to "x.db"; another name to the default database.
func realOf(path string) string {
	ext := filepath.Ext(path)
	if base, ok := strings.CutSuffix(strings.TrimSuffix(path, ext), "-demo"); ok {
		return base + ext
	}
	if p, err := data.DefaultPath(); err == nil {
		return p
	}
	return path
}
