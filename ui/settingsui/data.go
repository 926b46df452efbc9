package settingsui

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// bytesPerMB turns a backup's size into the megabytes shown.
const bytesPerMB = 1e6

// dataPanel shows where the data lives, the backups, and loads demo data.
// A paged table of backups (ui/widgets' paged table) can replace the list
// once backups are many.
type dataPanel struct {
	env      Env
	root     fyne.CanvasObject
	path     *widgets.Paragraph
	dir      string
	backups  []data.Backup
	list     *widget.List
	selected int
	restore  *widget.Button
	keep     *widget.Entry
	status   *widgets.Paragraph
}

func newDataPanel(env Env) *dataPanel {
	p := &dataPanel{env: env, selected: -1, path: ui.StatusLabel(), status: ui.StatusLabel()}
	p.path.TextStyle = fyne.TextStyle{Monospace: true}
	open := widget.NewButtonWithIcon(env.T("data.open_folder"), theme.FolderOpenIcon(), func() {
		if p.dir != "" {
			env.OpenFolder(p.dir)
		}
	})
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
			cells[0].(*widget.Label).SetText(b.At.Local().Format(ui.SecondLayout))
			cells[1].(*widget.Label).SetText(env.T("backup.reason." + b.Reason))
			cells[2].(*widget.Label).SetText(env.T("backup.size", "MB", fmt.Sprintf("%.1f", float64(b.Size)/bytesPerMB)))
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.selected = i; p.restore.Enable() }
	p.list.OnUnselected = func(widget.ListItemID) { p.selected = -1; p.restore.Disable() }
	backupNow := widget.NewButtonWithIcon(env.T("backup.now"), theme.DocumentSaveIcon(), p.backupNow)
	p.restore = widget.NewButtonWithIcon(env.T("backup.restore"), theme.HistoryIcon(), p.restoreSelected)
	p.restore.Disable()
	p.keep = widget.NewEntry()
	saveKeep := widget.NewButton(env.T("action.save"), p.saveKeep)
	loadDemo := widget.NewButtonWithIcon(env.T("demo.load"), theme.DownloadIcon(), p.loadDemo)

	where := widget.NewCard(env.T("data.folder"), "", container.NewVBox(p.path, container.NewHBox(open)))
	keepRow := container.NewBorder(nil, nil, widget.NewLabel(env.T("backup.keep")), saveKeep, p.keep)
	top := container.NewVBox(where, ui.SectionLabel(env.T("backup.title")), container.NewHBox(backupNow, p.restore), keepRow)
	bottom := container.NewVBox(p.status, widget.NewSeparator(), ui.WrapLabel(env.T("demo.hint")), container.NewHBox(loadDemo))
	p.root = container.NewBorder(top, bottom, nil, nil, p.list)
	return p
}

func (p *dataPanel) load() {
	env := p.env
	env.Background(func(s *data.Store) func() {
		list, err := s.Backups()
		path, dir, keep := s.Path(), s.Dir(), s.BackupPolicy().Keep
		return func() {
			p.path.SetText(path)
			p.dir = dir
			if p.keep.Text == "" {
				p.keep.SetText(strconv.Itoa(keep))
			}
			if err != nil {
				p.status.SetText(env.ErrorText(err))
				return
			}
			p.backups = list
			p.list.UnselectAll()
			p.list.Refresh()
			if len(list) == 0 {
				p.status.SetText(env.T("backup.none"))
			}
		}
	})
}

func (p *dataPanel) backupNow() {
	env := p.env
	p.status.SetText(env.T("backup.running"))
	env.Background(func(s *data.Store) func() {
		b, err := s.AutoBackup(env.Context(), data.BackupManual)
		return func() {
			if err != nil {
				p.status.SetText("")
				env.ShowError(env.T("backup.failed"), err)
				return
			}
			p.status.SetText(env.T("backup.done", "Path", b.Path))
			p.load()
		}
	})
}

// saveKeep stores how many backups to keep. The store checks the limit
// (data.Store.SetBackupKeep) before the setting is written.
func (p *dataPanel) saveKeep() {
	env := p.env
	n, ok := ui.ParseWhole(p.keep.Text, 1, int(^uint(0)>>1))
	if !ok {
		env.ShowError(env.T("settings.save_failed"), ui.Problem(env.T("backup.keep_invalid")))
		return
	}
	env.Background(func(s *data.Store) func() {
		err := s.SetBackupKeep(n)
		if err == nil {
			err = s.SetSetting(env.Context(), data.SettingBackupKeep, strconv.Itoa(n))
		}
		return func() {
			if err != nil {
				env.ShowError(env.T("settings.save_failed"), err)
				return
			}
			p.status.SetText(env.T("settings.saved"))
			p.load()
		}
	})
}

func (p *dataPanel) restoreSelected() {
	env := p.env
	if p.selected < 0 || p.selected >= len(p.backups) {
		return
	}
	b := p.backups[p.selected]
	when := b.At.Local().Format(ui.SecondLayout)
	env.Confirm(env.T("backup.restore_title"), env.T("backup.restore_confirm", "Time", when), env.T("backup.restore"), func() {
		env.RestoreBackup(b.Path)
	})
}

func (p *dataPanel) loadDemo() {
	env := p.env
	env.Confirm(env.T("demo.load"), env.T("demo.confirm"), env.T("demo.load"), func() {
		LoadDemo(env, p.load)
	})
}

// LoadDemo loads the small demo data set behind a progress dialog that
// can cancel it, then calls done on the UI thread (the first-start
// screen offers it too).
func LoadDemo(env Env, done func()) {
	env.RunWithProgress(env.T("demo.loading"), func(ctx context.Context, s *data.Store, progress func(n, total int)) error {
		_, err := demo.Load(ctx, s, demo.Small, demo.DefaultSeed, progress)
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, demo.ErrAlreadyLoaded):
			env.Inform(env.T("demo.load"), env.T("demo.already"))
		case err != nil:
			env.ShowError(env.T("demo.failed"), err)
		}
		done()
	})
}
