package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
)

// dataPanel shows where the data lives, the backups, and loads demo data.
type dataPanel struct {
	u        *UI
	root     fyne.CanvasObject
	path     *widget.Label
	backups  []data.Backup
	list     *widget.List
	selected int
	restore  *widget.Button
	keep     *widget.Entry
	status   *widget.Label
}

func newDataPanel(u *UI) *dataPanel {
	p := &dataPanel{u: u, selected: -1, path: statusLabel(u.tr), status: statusLabel(u.tr)}
	p.path.TextStyle = fyne.TextStyle{Monospace: true}
	open := widget.NewButtonWithIcon(u.tr.T("data.open_folder"), theme.FolderOpenIcon(), func() { u.openFolder(u.store.Dir()) })
	p.list = widget.NewList(
		func() int { return len(p.backups) },
		func() fyne.CanvasObject {
			return container.NewGridWithColumns(3, widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.backups) {
				return
			}
			b := p.backups[i]
			cells := o.(*fyne.Container).Objects
			cells[0].(*widget.Label).SetText(b.At.Local().Format("2006-01-02 15:04:05"))
			cells[1].(*widget.Label).SetText(u.tr.T("backup.reason." + b.Reason))
			cells[2].(*widget.Label).SetText(u.tr.T("backup.size", "MB", fmt.Sprintf("%.1f", float64(b.Size)/1e6)))
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.selected = i; p.restore.Enable() }
	p.list.OnUnselected = func(widget.ListItemID) { p.selected = -1; p.restore.Disable() }
	backupNow := widget.NewButtonWithIcon(u.tr.T("backup.now"), theme.DocumentSaveIcon(), p.backupNow)
	p.restore = widget.NewButtonWithIcon(u.tr.T("backup.restore"), theme.HistoryIcon(), p.restoreSelected)
	p.restore.Disable()
	p.keep = widget.NewEntry()
	p.keep.SetText(strconv.Itoa(u.store.BackupPolicy().Keep))
	p.keep.Validator = func(s string) error {
		if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 1000 {
			return errors.New(u.tr.T("backup.keep_invalid"))
		}
		return nil
	}
	saveKeep := widget.NewButton(u.tr.T("action.save"), p.saveKeep)
	loadDemo := widget.NewButtonWithIcon(u.tr.T("demo.load"), theme.DownloadIcon(), p.loadDemo)

	where := widget.NewCard(u.tr.T("data.folder"), "", container.NewVBox(p.path, container.NewHBox(open)))
	keepRow := container.NewBorder(nil, nil, widget.NewLabel(u.tr.T("backup.keep")), saveKeep, p.keep)
	top := container.NewVBox(where,
		widget.NewLabelWithStyle(u.tr.T("backup.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(backupNow, p.restore), keepRow)
	bottom := container.NewVBox(p.status, widget.NewSeparator(), wrapLabel(u.tr.T("demo.hint")), container.NewHBox(loadDemo))
	p.root = container.NewBorder(top, bottom, nil, nil, p.list)
	return p
}

func (p *dataPanel) load() {
	u := p.u
	p.path.SetText(u.store.Path())
	u.background(func(s *data.Store) func() {
		list, err := s.Backups()
		return func() {
			if err != nil {
				p.status.SetText(u.errorText(err))
				return
			}
			p.backups = list
			p.list.UnselectAll()
			p.list.Refresh()
			if len(list) == 0 {
				p.status.SetText(u.tr.T("backup.none"))
			}
		}
	})
}

func (p *dataPanel) backupNow() {
	u := p.u
	p.status.SetText(u.tr.T("backup.running"))
	u.background(func(s *data.Store) func() {
		b, err := s.AutoBackup(u.ctx, data.BackupManual)
		return func() {
			if err != nil {
				p.status.SetText("")
				u.showError(u.tr.T("backup.failed"), err)
				return
			}
			p.status.SetText(u.tr.T("backup.done", "Path", b.Path))
			p.load()
		}
	})
}

func (p *dataPanel) saveKeep() {
	u := p.u
	if err := p.keep.Validate(); err != nil {
		u.showError(u.tr.T("settings.save_failed"), err)
		return
	}
	n, _ := strconv.Atoi(p.keep.Text)
	if err := u.store.SetSetting(u.ctx, data.SettingBackupKeep, strconv.Itoa(n)); err != nil {
		u.showError(u.tr.T("settings.save_failed"), err)
		return
	}
	if err := u.store.SetBackupKeep(n); err != nil {
		u.showError(u.tr.T("settings.save_failed"), err)
		return
	}
	p.status.SetText(u.tr.T("settings.saved"))
	p.load()
}

func (p *dataPanel) restoreSelected() {
	u := p.u
	if p.selected < 0 || p.selected >= len(p.backups) {
		return
	}
	b := p.backups[p.selected]
	when := b.At.Local().Format("2006-01-02 15:04:05")
	u.confirm(u.tr.T("backup.restore_title"), u.tr.T("backup.restore_confirm", "Time", when), u.tr.T("backup.restore"), func() {
		u.restoreFrom(b.Path)
	})
}

// restoreFrom closes the database, restores the backup over it (keeping the
// current file) and opens it again.
func (u *UI) restoreFrom(backup string) {
	path := u.cfg.DBPath
	if u.store != nil {
		path = u.store.Path()
		policy := u.store.BackupPolicy()
		_ = u.store.Close()
		u.store = nil
		kept, err := data.Restore(u.ctx, path, backup, policy)
		u.reopenAfterRestore(path, kept, err)
		return
	}
	kept, err := data.Restore(u.ctx, path, backup, data.BackupPolicy{})
	u.reopenAfterRestore(path, kept, err)
}

func (u *UI) reopenAfterRestore(path, kept string, restoreErr error) {
	store, err := data.Open(u.ctx, path, data.Options{})
	if err != nil {
		u.showOpenProblem(err)
		return
	}
	u.store = store
	u.applyTheme()
	u.attach(store)
	if restoreErr != nil {
		u.showError(u.tr.T("backup.restore_failed"), restoreErr)
		return
	}
	u.inform(u.tr.T("backup.restore_title"), u.tr.T("backup.restored", "Kept", kept))
}

func (p *dataPanel) loadDemo() {
	u := p.u
	u.confirm(u.tr.T("demo.load"), u.tr.T("demo.confirm"), u.tr.T("demo.load"), func() {
		u.runDemoLoad(demo.Small, func() { p.load() })
	})
}

// runDemoLoad loads demo data with a progress dialog that can cancel it,
// then calls done on the UI thread.
func (u *UI) runDemoLoad(size demo.Size, done func()) {
	ctx, cancel := context.WithCancel(u.ctx)
	bar := widget.NewProgressBar()
	d := dialog.NewCustom(u.tr.T("demo.loading"), u.tr.T("action.cancel"), fixedWidth(360, bar), u.win)
	d.SetOnClosed(cancel)
	d.Show()
	u.background(func(s *data.Store) func() {
		_, err := demo.Load(ctx, s, size, demo.DefaultSeed, func(n, total int) {
			u.do(func() { bar.SetValue(float64(n) / float64(total)) })
		})
		return func() {
			d.Hide() // its close callback cancels ctx again, which is harmless
			cancel()
			switch {
			case errors.Is(err, demo.ErrAlreadyLoaded):
				u.inform(u.tr.T("demo.load"), u.tr.T("demo.already"))
			case err != nil:
				u.showError(u.tr.T("demo.failed"), err)
			}
			done()
		}
	})
}
