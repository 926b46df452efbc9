package syncui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// maxConflictsShown is how many open conflicts the screen lists.
const maxConflictsShown = 50

// Screen shows the office sync: the passphrase, the shared folder, the
// desks seen, the last export and import, and conflicts to review.
type Screen struct {
	env  Env
	ss   *Session
	root fyne.CanvasObject
	// last is what the screen shows, as last loaded.
	last syncView

	passStatus *widgets.Paragraph
	passButton *widget.Button
	folder     *widgets.Paragraph
	round      *widgets.Paragraph
	syncNow    *widget.Button
	status     *widgets.Paragraph
	skipped    *fyne.Container
	desks      *fyne.Container
	lastExport *widgets.Paragraph
	lastImport *widgets.Paragraph
	conflicts  *fyne.Container
	conflictN  *widgets.Paragraph
}

// New builds the Sync screen of session ss.
func New(env Env, ss *Session) *Screen {
	s := &Screen{env: env, ss: ss,
		passStatus: ui.StatusLabel(), folder: ui.StatusLabel(), round: ui.StatusLabel(), status: ui.StatusLabel(),
		skipped: container.NewVBox(), desks: container.NewVBox(), lastExport: ui.StatusLabel(), lastImport: ui.StatusLabel(),
		conflicts: container.NewVBox(), conflictN: ui.StatusLabel(),
	}
	s.folder.TextStyle = fyne.TextStyle{Monospace: true}
	s.passButton = widget.NewButtonWithIcon(env.T("sync.pass.set"), ui.KeyIcon(), s.onPassphrase)
	choose := widget.NewButtonWithIcon(env.T("sync.folder.choose"), theme.FolderOpenIcon(), s.onChooseFolder)
	s.syncNow = widget.NewButtonWithIcon(env.T("sync.now"), theme.ViewRefreshIcon(), s.onSyncNow)
	s.syncNow.Importance = widget.HighImportance

	passCard := widget.NewCard(env.T("sync.pass.title"), "", container.NewVBox(s.passStatus, container.NewHBox(s.passButton)))
	folderCard := widget.NewCard(env.T("sync.folder.title"), "", container.NewVBox(
		ui.WrapLabel(env.T("sync.folder.hint")), s.folder, s.round, container.NewHBox(choose, s.syncNow), s.status, s.skipped))
	desksCard := widget.NewCard(env.T("sync.desks.title"), "", container.NewVBox(s.desks, s.lastExport, s.lastImport))
	conflictsCard := widget.NewCard(env.T("sync.conflicts.title"), "", container.NewVBox(
		ui.WrapLabel(env.T("sync.conflicts.hint")), s.conflictN, s.conflicts))
	body := container.NewVBox(passCard, folderCard, desksCard, conflictsCard)
	s.root = container.NewBorder(container.NewPadded(ui.Heading(env.T("nav.sync"))), nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
	ss.onRound = s.Load
	return s
}

// View implements ui.Screen.
func (s *Screen) View() fyne.CanvasObject { return s.root }

// syncView is what the screen shows, read off the UI thread.
type syncView struct {
	hasVerifier bool
	folder      string
	state       bundle.FolderState
	peers       []data.SyncPeer
	export, imp data.SyncEvent
	conflicts   []data.SyncConflict
	open        int
}

// Load implements ui.Screen.
func (s *Screen) Load() {
	env := s.env
	ctx := env.Context()
	s.ss.Start()
	env.Background(func(st *data.Store) func() {
		var v syncView
		var errs []error
		verifier, err := st.Setting(ctx, data.SettingSyncVerifier)
		errs = append(errs, err)
		v.hasVerifier = verifier != ""
		v.folder, err = st.Setting(ctx, data.SettingSyncFolder)
		errs = append(errs, err)
		v.state, err = bundle.LoadFolderState(ctx, st)
		errs = append(errs, err)
		v.peers, err = st.SyncPeers(ctx)
		errs = append(errs, err)
		v.export, v.imp, err = st.LastSyncEvents(ctx)
		errs = append(errs, err)
		v.conflicts, v.open, err = st.SyncConflicts(ctx, false, maxConflictsShown)
		errs = append(errs, err)
		loadErr := errors.Join(errs...)
		return func() {
			if loadErr != nil {
				s.status.SetText(env.ErrorText(loadErr))
			}
			s.show(v)
		}
	})
}

// records and conflicts count in words ("1 record", "2 conflicts").
func records(tr *ui.Translator, n int) string    { return tr.T("sync.count.records", "Count", n) }
func conflictsN(tr *ui.Translator, n int) string { return tr.T("sync.count.conflicts", "Count", n) }

// doneText reports a finished round.
func doneText(tr *ui.Translator, changed, conflicts int) string {
	return tr.T("sync.done", "Changed", records(tr, changed), "Conflicts", conflictsN(tr, conflicts))
}

func (s *Screen) show(v syncView) {
	env, tr := s.env, s.env.Translator()
	s.last = v
	ss := s.ss
	ss.mu.Lock()
	pass, inKeyring := ss.pass, ss.inKeyring
	ss.mu.Unlock()
	switch {
	case !v.hasVerifier:
		s.passStatus.SetText(env.T("sync.pass.none"))
		s.passButton.SetText(env.T("sync.pass.set"))
	case pass == "":
		s.passStatus.SetText(env.T("sync.pass.locked"))
		s.passButton.SetText(env.T("sync.pass.enter"))
	case inKeyring:
		s.passStatus.SetText(env.T("sync.pass.keyring"))
		s.passButton.SetText(env.T("sync.pass.change"))
	default:
		s.passStatus.SetText(env.T("sync.pass.session"))
		s.passButton.SetText(env.T("sync.pass.change"))
	}
	if v.folder == "" {
		s.folder.SetText(env.T("sync.folder.none"))
	} else {
		s.folder.SetText(v.folder)
	}
	s.round.SetText("")
	s.skipped.RemoveAll()
	if last := v.state.Last; last != nil && last.Folder != "" && v.state.Folder == v.folder {
		changed, conflicts := last.Changed()
		s.round.SetText(env.T("sync.round.last", "Time", last.At.Local().Format(ui.MinuteLayout),
			"Changed", records(tr, changed), "Conflicts", conflictsN(tr, conflicts)))
		if last.Error != "" {
			s.skipped.Add(ui.WrapLabel(env.T("sync.round.error", "Error", last.Error)))
		}
		for _, f := range last.Files {
			if f.Skipped() {
				s.skipped.Add(ui.WrapLabel(env.T("sync.file.line", "Name", f.Name, "Reason", s.fileReason(f))))
			}
		}
	}
	s.desks.RemoveAll()
	if len(v.peers) == 0 {
		s.desks.Add(ui.WrapLabel(env.T("sync.desks.none")))
	}
	for _, p := range v.peers {
		s.desks.Add(ui.WrapLabel(env.T("sync.desks.line", "Name", p.Name,
			"Time", p.LastBundleAt.Local().Format(ui.MinuteLayout), "Rows", records(tr, p.Rows), "Changed", p.Changed)))
	}
	s.lastExport.SetText(env.T("sync.export.none"))
	if !v.export.At.IsZero() {
		s.lastExport.SetText(env.T("sync.export.last", "Time", v.export.At.Local().Format(ui.MinuteLayout), "Rows", records(tr, v.export.Rows)))
	}
	s.lastImport.SetText(env.T("sync.import.none"))
	if !v.imp.At.IsZero() {
		changed, conflicts := 0, 0
		for _, c := range v.imp.Counts {
			changed += c.Changed()
			conflicts += c.Conflicts
		}
		s.lastImport.SetText(env.T("sync.import.last", "Time", v.imp.At.Local().Format(ui.MinuteLayout),
			"Rows", records(tr, v.imp.Rows), "Changed", changed, "Conflicts", conflictsN(tr, conflicts)))
	}
	s.conflicts.RemoveAll()
	if v.open == 0 {
		s.conflictN.SetText(env.T("sync.conflicts.none"))
	} else {
		s.conflictN.SetText(env.T("sync.conflicts.count", "Count", v.open, "Shown", len(v.conflicts)))
	}
	for _, c := range v.conflicts {
		s.conflicts.Add(s.conflictRow(c))
	}
}

// fileReason says in the user's language why a file was skipped.
func (s *Screen) fileReason(f bundle.FolderFile) string {
	env := s.env
	switch f.Status {
	case bundle.StatusChanging:
		return env.T("sync.file.changing")
	case bundle.StatusEmpty:
		return env.T("sync.file.empty")
	case bundle.StatusTemporary:
		return env.T("sync.file.temporary")
	case bundle.StatusConflicted:
		return env.T("sync.file.conflicted")
	case bundle.StatusOddName:
		return env.T("sync.file.odd_name")
	case bundle.StatusMismatch:
		return env.T("sync.file.mismatch")
	}
	switch {
	case strings.Contains(f.Reason, bundle.ErrWrongPassphrase.Error()):
		return env.T("sync.file.wrong_pass")
	case strings.Contains(f.Reason, bundle.ErrDamaged.Error()):
		return env.T("sync.file.damaged")
	case strings.Contains(f.Reason, bundle.ErrNotBundle.Error()):
		return env.T("sync.file.not_bundle")
	case strings.Contains(f.Reason, "newer OpsBench"):
		return env.T("sync.file.newer")
	}
	return env.T("sync.file.failed", "Error", f.Reason)
}

// names of tables and fields, translated where the translations know them.
func (s *Screen) entityName(table string) string {
	if k := "entity." + table; s.env.Translator().Has(k) {
		return s.env.T(k)
	}
	return table
}

func (s *Screen) fieldName(table, field string) string {
	if k := "field." + table + "." + field; s.env.Translator().Has(k) {
		return s.env.T(k)
	}
	return field
}

// valueText shows a stored value.
func (s *Screen) valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return s.env.T("sync.value.empty")
	case []byte:
		return s.env.T("sync.value.bytes", "Count", len(x))
	case string:
		if x == "" {
			return s.env.T("sync.value.empty")
		}
		return x
	}
	return fmt.Sprint(v)
}

// who says which desk (and person) wrote a value, and when.
func (s *Screen) who(desk, actor string, h app.HLC) string {
	env := s.env
	if desk == "" {
		desk = env.T("sync.desk.unknown")
	}
	when := h.Time().Local().Format(ui.MinuteLayout)
	if actor != "" {
		return env.T("sync.who.person", "Person", actor, "Desk", desk, "Time", when)
	}
	return env.T("sync.who.desk", "Desk", desk, "Time", when)
}

func (s *Screen) conflictRow(c data.SyncConflict) fyne.CanvasObject {
	env := s.env
	record := s.entityName(c.Table)
	if c.Label != "" {
		record = env.T("sync.conflict.record", "Entity", record, "Name", c.Label)
	}
	var what, lost, now string
	if c.Field == "deleted" {
		if fmt.Sprint(c.Loser) == "1" {
			what = env.T("sync.conflict.undeleted", "Record", record)
			lost = env.T("sync.conflict.deleted_by", "Who", s.who(c.LoserDesk, c.LoserActor, c.LoserHLC))
			now = env.T("sync.conflict.kept_by", "Who", s.who(c.CurrentDesk, c.CurrentActor, c.CurrentHLC))
		} else {
			what = env.T("sync.conflict.hidden", "Record", record)
			lost = env.T("sync.conflict.edited_by", "Who", s.who(c.LoserDesk, c.LoserActor, c.LoserHLC))
			now = env.T("sync.conflict.deleted_now", "Who", s.who(c.CurrentDesk, c.CurrentActor, c.CurrentHLC))
		}
	} else {
		what = env.T("sync.conflict.field", "Record", record, "Field", s.fieldName(c.Table, c.Field))
		lost = env.T("sync.conflict.lost", "Value", s.valueText(c.Loser), "Who", s.who(c.LoserDesk, c.LoserActor, c.LoserHLC))
		now = env.T("sync.conflict.now", "Value", s.valueText(c.Current), "Who", s.who(c.CurrentDesk, c.CurrentActor, c.CurrentHLC))
	}
	id := c.ID
	keep := widget.NewButton(env.T("sync.conflict.keep"), func() { s.resolve(id, false) })
	restore := widget.NewButton(env.T("sync.conflict.restore"), func() { s.resolve(id, true) })
	title := ui.WrapLabel(what)
	title.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewVBox(title, ui.WrapLabel(lost), ui.WrapLabel(now), container.NewHBox(keep, restore), widget.NewSeparator())
}

// resolve keeps the current value or restores the losing one.
func (s *Screen) resolve(id string, restore bool) {
	env := s.env
	env.Background(func(st *data.Store) func() {
		var err error
		if restore {
			err = st.RestoreSyncConflict(env.Context(), id)
		} else {
			err = st.KeepSyncConflict(env.Context(), id)
		}
		return func() {
			if err != nil {
				if errors.Is(err, data.ErrRecordDeleted) {
					env.ShowError(env.T("sync.conflict.failed"), ui.Problem(env.T("sync.conflict.record_deleted")))
				} else {
					env.ShowError(env.T("sync.conflict.failed"), err)
				}
			}
			s.Load()
		}
	})
}

// onPassphrase sets up the passphrase (typed twice) or, when one is set
// up on this desk, asks for it (checked against the verifier).
func (s *Screen) onPassphrase() {
	env := s.env
	if s.last.hasVerifier && s.ss.passphrase() == "" {
		entry := widget.NewPasswordEntry()
		form := widget.NewForm(widget.NewFormItem(env.T("sync.pass.field"), entry))
		env.ShowFormDialog(env.T("sync.pass.enter"), env.T("sync.pass.unlock"), form, func() (ui.Write, error) {
			return s.unlockWrite(entry.Text), nil
		}, func() {
			s.Load()
			s.ss.autoSync()
		})
		return
	}
	first, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	form := widget.NewForm(
		widget.NewFormItem(env.T("sync.pass.field"), first),
		widget.NewFormItem(env.T("sync.pass.again"), again),
	)
	form.Items = append(form.Items, widget.NewFormItem("", ui.WrapLabel(env.T("sync.pass.setup_hint", "Min", bundle.MinPassphraseLen))))
	env.ShowFormDialog(env.T("sync.pass.set"), env.T("action.save"), form, func() (ui.Write, error) {
		return s.newPassphraseWrite(first.Text, again.Text)
	}, s.Load)
}

// newPassphraseWrite checks a new passphrase typed twice and returns the
// write that stores its verifier and keeps it for the session (and in
// the keyring when there is one). The verifier takes a moment to
// compute, so it is made off the UI thread.
func (s *Screen) newPassphraseWrite(pass, again string) (ui.Write, error) {
	env := s.env
	if err := bundle.CheckNewPassphrase(pass, again); err != nil {
		if pass != again {
			return nil, ui.Problem(env.T("sync.pass.differ"))
		}
		return nil, ui.Problem(env.T("sync.pass.short", "Min", bundle.MinPassphraseLen))
	}
	return func(st *data.Store) error {
		v, err := bundle.NewVerifier(pass)
		if err != nil {
			return err
		}
		if err := st.SetSetting(env.Context(), data.SettingSyncVerifier, v); err != nil {
			return err
		}
		s.ss.remember(st.Replica().ID, pass)
		return nil
	}, nil
}

// unlockWrite checks a typed passphrase against the verifier (off the UI
// thread: the check is deliberately slow) and keeps it when it matches.
func (s *Screen) unlockWrite(pass string) ui.Write {
	env := s.env
	return func(st *data.Store) error {
		verifier, err := st.Setting(env.Context(), data.SettingSyncVerifier)
		if err != nil {
			return err
		}
		if !bundle.CheckVerifier(verifier, pass) {
			return ui.Problem(env.T("sync.pass.wrong"))
		}
		s.ss.remember(st.Replica().ID, pass)
		return nil
	}
}

func (s *Screen) onChooseFolder() {
	env := s.env
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			env.ShowError(env.T("sync.folder.failed"), err)
			return
		}
		if dir == nil {
			return
		}
		s.setFolder(dir.Path())
	}, env.Window())
	d.Show()
}

// setFolder stores the shared folder and syncs with it.
func (s *Screen) setFolder(dir string) {
	env := s.env
	env.Background(func(st *data.Store) func() {
		err := st.SetSetting(env.Context(), data.SettingSyncFolder, dir)
		return func() {
			if err != nil {
				env.ShowError(env.T("sync.folder.failed"), err)
				return
			}
			s.last.folder = dir
			s.Load()
			if s.ss.passphrase() != "" {
				s.onSyncNow()
			}
		}
	})
}

// onSyncNow runs a round with a progress dialog that can cancel it.
func (s *Screen) onSyncNow() {
	env := s.env
	folder := s.last.folder
	switch {
	case s.ss.passphrase() == "":
		env.Inform(env.T("sync.now"), env.T("sync.need_pass"))
		return
	case folder == "":
		env.Inform(env.T("sync.now"), env.T("sync.need_folder"))
		return
	}
	s.status.SetText(env.T("sync.running"))
	s.syncNow.Disable()
	var progress *ui.Progress
	started := s.ss.runRound(func(rep bundle.FolderReport, err error) {
		progress.Done()
		s.syncNow.Enable()
		switch {
		case errors.Is(err, bundle.ErrFolderMissing):
			s.status.SetText(env.T("sync.folder.missing", "Path", folder))
			env.ShowError(env.T("sync.failed"), ui.Problem(env.T("sync.folder.missing", "Path", folder)))
		case err != nil:
			s.status.SetText(env.ErrorText(err))
			env.ShowError(env.T("sync.failed"), err)
		default:
			changed, conflicts := rep.Changed()
			s.status.SetText(doneText(env.Translator(), changed, conflicts))
		}
	})
	if !started {
		s.syncNow.Enable()
		s.status.SetText(env.T("sync.busy"))
		return
	}
	progress = env.ShowProgress(env.T("sync.running"), false, s.ss.cancelRound)
}
