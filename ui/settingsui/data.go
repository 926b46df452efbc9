package settingsui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/applog"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/data/demo"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// bytesPerMB turns a file's size into the megabytes shown.
const bytesPerMB = 1e6

// backupListHeight keeps room for about five backups in the list.
const backupListHeight = 200

// dataPanel shows where the data and the support log live, the backups
// with what each holds, and the way to the demo database and back.
type dataPanel struct {
	env      Env
	root     fyne.CanvasObject
	path     *widgets.Paragraph
	logPath  *widgets.Paragraph
	dir      string
	logDir   string
	backups  []data.BackupContents
	list     *widget.List
	selected int
	restore  *widget.Button
	keep     *widget.Entry
	status   *widgets.Paragraph
	demoText *widgets.Paragraph
	demoBtn  *widget.Button
	demo     bool // the open database is a demo database
}

func newDataPanel(env Env) *dataPanel {
	p := &dataPanel{env: env, selected: -1, path: ui.StatusLabel(), logPath: ui.StatusLabel(), status: ui.StatusLabel(),
		demoText: ui.StatusLabel()}
	p.path.TextStyle = fyne.TextStyle{Monospace: true}
	p.logPath.TextStyle = fyne.TextStyle{Monospace: true}
	open := widget.NewButtonWithIcon(env.T("data.open_folder"), theme.FolderOpenIcon(), func() {
		if p.dir != "" {
			env.OpenFolder(p.dir)
		}
	})
	openLog := widget.NewButtonWithIcon(env.T("data.open_folder"), theme.FolderOpenIcon(), func() {
		if p.logDir != "" {
			_ = os.MkdirAll(p.logDir, 0o755) // the log may not have been written yet
			env.OpenFolder(p.logDir)
		}
	})
	copyDiag := widget.NewButtonWithIcon(env.T("diag.copy"), theme.ContentCopyIcon(), p.copyDiagnostics)
	p.list = widget.NewList(
		func() int { return len(p.backups) },
		func() fyne.CanvasObject {
			holds := widget.NewLabel("")
			holds.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewLabel(""), widget.NewLabel(""), holds)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.backups) {
				return
			}
			b := p.backups[i]
			row := o.(*fyne.Container).Objects
			row[0].(*widget.Label).SetText(p.holds(b))
			row[1].(*widget.Label).SetText(env.T("backup.when", "Time", b.At.Local().Format(ui.MinuteLayout), "Reason", env.T("backup.reason."+b.Reason)))
			row[2].(*widget.Label).SetText(env.T("backup.size", "MB", fmt.Sprintf("%.1f", float64(b.Size)/bytesPerMB)))
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.selected = i; p.restore.Enable() }
	p.list.OnUnselected = func(widget.ListItemID) { p.selected = -1; p.restore.Disable() }
	backupNow := widget.NewButtonWithIcon(env.T("backup.now"), theme.DocumentSaveIcon(), p.backupNow)
	p.restore = widget.NewButtonWithIcon(env.T("backup.restore"), theme.HistoryIcon(), p.restoreSelected)
	p.restore.Disable()
	p.keep = widget.NewEntry()
	saveKeep := widget.NewButton(env.T("action.save"), p.saveKeep)
	p.demoBtn = widget.NewButtonWithIcon(env.T("demo.open"), theme.DesktopIcon(), p.switchDemo)

	// One page that scrolls: the backup list keeps room for several
	// backups at the smallest window, whatever is above and below it.
	where := container.NewVBox(ui.SectionLabel(env.T("data.folder")), p.path, container.NewHBox(open))
	logs := container.NewVBox(ui.SectionLabel(env.T("diag.title")), ui.WrapLabel(env.T("diag.hint")), p.logPath, container.NewHBox(openLog, copyDiag))
	keepRow := container.NewBorder(nil, nil, widget.NewLabel(env.T("backup.keep")), saveKeep, p.keep)
	backups := container.NewVBox(ui.SectionLabel(env.T("backup.title")), ui.WrapLabel(env.T("backup.hint")),
		container.NewBorder(nil, nil, container.NewHBox(backupNow, p.restore), nil, keepRow),
		ui.AtLeast(fyne.NewSize(0, backupListHeight), p.list), p.status)
	demoBox := container.NewVBox(ui.SectionLabel(env.T("demo.title")), p.demoText, container.NewHBox(p.demoBtn))
	sep := widget.NewSeparator
	p.root = container.NewVScroll(container.NewVBox(container.NewGridWithColumns(2, where, logs), sep(), backups, sep(), demoBox))
	return p
}

// holds says what a backup holds, so that an empty one (taken before
// the first start) is not mistaken for one with the office's data.
func (p *dataPanel) holds(b data.BackupContents) string {
	env := p.env
	var s string
	switch {
	case b.Problem != "":
		return env.T("backup.holds_unreadable")
	case b.Empty():
		s = env.T("backup.holds_empty")
	default:
		s = env.T("backup.holds", "People", env.T("backup.people", "Count", b.People),
			"Scenarios", env.T("backup.scenarios", "Count", b.Scenarios))
		if !b.LastEdit.IsZero() {
			s = env.T("backup.holds_last", "Holds", s, "Time", b.LastEdit.Local().Format(ui.MinuteLayout))
		}
	}
	if b.Demo {
		s = env.T("backup.holds_demo", "Holds", s)
	}
	return s
}

func (p *dataPanel) load() {
	env := p.env
	env.Background(func(s *data.Store) func() {
		list, err := data.ListBackupContents(env.Context(), s.Path(), s.BackupPolicy())
		path, dir, keep, isDemo := s.Path(), s.Dir(), s.BackupPolicy().Keep, s.IsDemo()
		return func() {
			p.path.SetText(path)
			p.dir = dir
			p.logDir = applog.Dir(path)
			p.logPath.SetText(p.logDir)
			p.demo = isDemo
			if isDemo {
				p.demoText.SetText(env.T("demo.is_demo"))
				p.demoBtn.SetText(env.T("demo.back"))
			} else {
				p.demoText.SetText(env.T("demo.hint"))
				p.demoBtn.SetText(env.T("demo.open"))
			}
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
	msg := env.T("backup.restore_confirm", "Time", when, "Holds", p.holds(b))
	if b.Empty() {
		msg = env.T("backup.restore_empty_confirm", "Time", when)
	}
	env.Confirm(env.T("backup.restore_title"), msg, env.T("backup.restore"), func() {
		env.RestoreBackup(b.Path)
	})
}

// switchDemo opens the demo database, or goes back to the real one.
func (p *dataPanel) switchDemo() {
	if p.demo {
		p.env.OpenReal()
		return
	}
	p.env.OpenDemo()
}

// LoadDemo fills a new demo database with the small demo data set
// behind a progress dialog that can cancel it, makes its first owner the
// desk's user when it has none, then calls done on the UI thread. The
// shell calls it when it opens the demo database; a real database is
// refused (data.ErrRealDatabase), so demo data never reaches real data.
func LoadDemo(env Env, done func()) {
	env.RunWithProgress(env.T("demo.loading"), func(ctx context.Context, s *data.Store, progress func(n, total int)) error {
		if _, err := demo.Load(ctx, s, demo.Small, demo.DefaultSeed, progress); err != nil && !errors.Is(err, demo.ErrAlreadyLoaded) {
			return err
		}
		return demoUser(ctx, s)
	}, func(err error) {
		if err != nil {
			env.ShowError(env.T("demo.failed"), err)
		}
		done()
	})
}

// demoUser makes the demo team's owner (or its first person) the user of
// a demo database that has none, so it opens on Today.
func demoUser(ctx context.Context, s *data.Store) error {
	if _, err := s.Me(ctx); err == nil {
		return nil
	}
	people, err := s.People(ctx)
	if err != nil || len(people) == 0 {
		return err
	}
	me := people[0]
	for _, q := range people {
		if q.Role == "owner" && q.Active {
			me = q
			break
		}
	}
	if err := s.SetMe(ctx, me.ID); err != nil {
		return err
	}
	s.SetActor(me)
	return nil
}

// copyDiagnostics puts what support needs to know on the clipboard and
// shows it.
func (p *dataPanel) copyDiagnostics() {
	env := p.env
	version, renderer := env.Version(), env.Renderer()
	env.Background(func(s *data.Store) func() {
		text := diagnostics(env, s, version, renderer)
		return func() {
			env.App().Clipboard().SetContent(text)
			env.Inform(env.T("diag.copied_title"), env.T("diag.copied", "Text", text))
		}
	})
}

// diagnostics describes this OpsBench, this PC and this database for
// support: no names, no passphrase, no customer data. It runs off the UI
// thread.
func diagnostics(env Env, s *data.Store, version, renderer string) string {
	ctx := env.Context()
	unknown := env.T("diag.unknown")
	if version == "" {
		version = unknown
	}
	if renderer == "" {
		renderer = unknown
	}
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(s.Path() + suffix); err == nil {
			size += st.Size()
		}
	}
	kind := env.T("diag.kind_real")
	if s.IsDemo() {
		kind = env.T("diag.kind_demo")
	}
	lastSync := env.T("diag.never")
	if st, err := bundle.LoadFolderState(ctx, s); err == nil && st.Last != nil {
		lastSync = env.T("diag.round", "Time", st.Last.At.Local().Format(ui.SecondLayout), "Outcome", st.Last.Outcome, "Code", st.Last.ErrorCode)
	}
	export, imp, _ := s.LastSyncEvents(ctx)
	when := func(e data.SyncEvent) string {
		if e.At.IsZero() {
			return env.T("diag.never")
		}
		return e.At.Local().Format(ui.SecondLayout)
	}
	lines := []string{
		env.T("diag.version", "Value", version),
		env.T("diag.format", "Value", data.SchemaVersion()),
		env.T("diag.os", "Value", runtime.GOOS+"/"+runtime.GOARCH),
		env.T("diag.renderer", "Value", renderer),
		env.T("diag.database", "Path", s.Path(), "MB", fmt.Sprintf("%.1f", float64(size)/bytesPerMB), "Kind", kind),
		env.T("diag.last_round", "Value", lastSync),
		env.T("diag.last_export", "Value", when(export)),
		env.T("diag.last_import", "Value", when(imp)),
		env.T("diag.log", "Path", applog.Dir(s.Path())),
	}
	return strings.Join(lines, "\n")
}
