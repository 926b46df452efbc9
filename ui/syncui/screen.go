package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
)

// syncInterval is how often the shared folder is synced while the app runs.
const syncInterval = 5 * time.Minute

// keyringService names OpsBench's entries in the system keyring.
const keyringService = "OpsBench office passphrase"

// secretStore keeps the office passphrase across restarts: the system
// keyring (Windows Credential Manager, macOS Keychain, the Secret Service
// on Linux) when it works. Without one, the passphrase is kept in memory
// for the session only, and a salted scrypt verifier (a local setting)
// checks it when it is typed again. The passphrase is never stored in
// plain text.
type secretStore interface {
	Get(user string) (string, error)
	Set(user, secret string) error
}

type osKeyring struct{}

func (osKeyring) Get(user string) (string, error) { return keyring.Get(keyringService, user) }
func (osKeyring) Set(user, secret string) error   { return keyring.Set(keyringService, user, secret) }

// noKeyring stands for a system without a usable keyring.
type noKeyring struct{}

var errNoKeyring = errors.New("no system keyring")

func (noKeyring) Get(string) (string, error) { return "", errNoKeyring }
func (noKeyring) Set(string, string) error   { return errNoKeyring }

// systemKeyring picks the keyring: none in tests, and none on Linux
// without a D-Bus session (where asking would fail or hang).
func systemKeyring() secretStore {
	if testing.Testing() {
		return noKeyring{}
	}
	if runtime.GOOS == "linux" && os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return noKeyring{}
	}
	return osKeyring{}
}

// syncSession is the sync state of one running UI: the passphrase in
// memory, the round in progress and the timer.
type syncSession struct {
	mu         sync.Mutex
	pass       string
	inKeyring  bool
	running    bool
	cancel     context.CancelFunc
	started    bool
	keyring    secretStore
	workFactor int // scrypt work factor of written bundles (0: default; tests lower it)
	interval   time.Duration
	// onRound, when set, is told (on the UI thread) after every round.
	onRound func()
}

// syncSession returns the UI's sync session.
func (u *UI) syncSession() *syncSession { return u.sync }

func (ss *syncSession) passphrase() string {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.pass
}

// startSync, called on the UI thread once the store is open, reads the
// passphrase from the keyring, syncs the shared folder once and then every
// interval while the app runs. Calling it again does nothing.
func (u *UI) startSync() {
	ss := u.syncSession()
	ss.mu.Lock()
	if ss.started || u.store == nil {
		ss.mu.Unlock()
		return
	}
	ss.started = true
	interval := ss.interval
	ss.mu.Unlock()
	u.background(func(s *data.Store) func() {
		// Let the first screen draw before the first round.
		select {
		case <-time.After(u.cfg.HousekeepingDelay):
		case <-u.ctx.Done():
			return nil
		}
		verifier, _ := s.Setting(u.ctx, data.SettingSyncVerifier)
		if verifier != "" {
			if p, err := ss.keyring.Get(s.Replica().ID); err == nil && bundle.CheckVerifier(verifier, p) {
				ss.mu.Lock()
				ss.pass, ss.inKeyring = p, true
				ss.mu.Unlock()
			}
		}
		return func() { u.autoSync() }
	})
	// The timer is not part of u.work (which tests wait on for quiet): it
	// only ever hands a round to the UI thread, and it ends with u.ctx.
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-t.C:
				u.do(u.autoSync)
			}
		}
	}()
}

// autoSync runs a round in the background when a folder is chosen, the
// passphrase is known and no round is running.
func (u *UI) autoSync() {
	if u.store == nil {
		return
	}
	folder, _ := u.store.Setting(u.ctx, data.SettingSyncFolder)
	if folder == "" || u.syncSession().passphrase() == "" {
		return
	}
	u.runSyncRound(nil, nil)
}

// runSyncRound syncs the shared folder off the UI thread. progress, when
// set, is told about each file; done runs on the UI thread with the result.
// It reports false when a round is already running.
func (u *UI) runSyncRound(progress func(done, total int), done func(rep bundle.FolderReport, err error)) bool {
	ss := u.syncSession()
	ss.mu.Lock()
	if ss.running {
		ss.mu.Unlock()
		return false
	}
	ctx, cancel := context.WithCancel(u.ctx)
	ss.running, ss.cancel = true, cancel
	pass, wf := ss.pass, ss.workFactor
	ss.mu.Unlock()
	folder, _ := u.store.Setting(u.ctx, data.SettingSyncFolder)
	u.background(func(s *data.Store) func() {
		var rep bundle.FolderReport
		var err error
		if folder == "" {
			err = errNoFolder
		} else {
			rep, err = bundle.SyncFolder(ctx, s, folder, bundle.FolderOptions{
				Passphrase: pass, WorkFactor: wf, AppVersion: u.cfg.Version,
				Progress: func(n, total int, _ string) {
					if progress != nil {
						progress(n, total)
					}
				},
			})
		}
		return func() {
			cancel()
			ss.mu.Lock()
			ss.running, ss.cancel = false, nil
			onRound := ss.onRound
			ss.mu.Unlock()
			if done != nil {
				done(rep, err)
			}
			if onRound != nil {
				onRound()
			}
		}
	})
	return true
}

var errNoFolder = errors.New("no sync folder chosen")

// syncScreen shows the office sync: the passphrase, the shared folder, the
// desks seen, the last export and import, and conflicts to review.
type syncScreen struct {
	u    *UI
	root fyne.CanvasObject

	passStatus *widget.Label
	passButton *widget.Button
	folder     *widget.Label
	round      *widget.Label
	syncNow    *widget.Button
	status     *widget.Label
	skipped    *fyne.Container
	desks      *fyne.Container
	lastExport *widget.Label
	lastImport *widget.Label
	conflicts  *fyne.Container
	conflictN  *widget.Label
}

func newSyncScreen(u *UI) *syncScreen {
	s := &syncScreen{u: u,
		passStatus: statusLabel(u.tr), folder: statusLabel(u.tr), round: statusLabel(u.tr), status: statusLabel(u.tr),
		skipped: container.NewVBox(), desks: container.NewVBox(), lastExport: statusLabel(u.tr), lastImport: statusLabel(u.tr),
		conflicts: container.NewVBox(), conflictN: statusLabel(u.tr),
	}
	s.folder.TextStyle = fyne.TextStyle{Monospace: true}
	s.passButton = widget.NewButtonWithIcon(u.tr.T("sync.pass.set"), theme.AccountIcon(), s.onPassphrase)
	choose := widget.NewButtonWithIcon(u.tr.T("sync.folder.choose"), theme.FolderOpenIcon(), s.onChooseFolder)
	s.syncNow = widget.NewButtonWithIcon(u.tr.T("sync.now"), theme.ViewRefreshIcon(), s.onSyncNow)
	s.syncNow.Importance = widget.HighImportance

	passCard := widget.NewCard(u.tr.T("sync.pass.title"), "", container.NewVBox(s.passStatus, container.NewHBox(s.passButton)))
	folderCard := widget.NewCard(u.tr.T("sync.folder.title"), "", container.NewVBox(
		wrapLabel(u.tr.T("sync.folder.hint")), s.folder, s.round, container.NewHBox(choose, s.syncNow), s.status, s.skipped))
	desksCard := widget.NewCard(u.tr.T("sync.desks.title"), "", container.NewVBox(s.desks, s.lastExport, s.lastImport))
	conflictsCard := widget.NewCard(u.tr.T("sync.conflicts.title"), "", container.NewVBox(
		wrapLabel(u.tr.T("sync.conflicts.hint")), s.conflictN, s.conflicts))
	body := container.NewVBox(passCard, folderCard, desksCard, conflictsCard)
	s.root = container.NewBorder(container.NewPadded(heading(u.tr.T("nav.sync"))), nil, nil, nil, container.NewVScroll(body))
	u.syncSession().onRound = func() { s.load() }
	return s
}

func (s *syncScreen) view() fyne.CanvasObject { return s.root }

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

func (s *syncScreen) load() {
	u := s.u
	u.startSync()
	u.background(func(st *data.Store) func() {
		var v syncView
		var errs []error
		verifier, err := st.Setting(u.ctx, data.SettingSyncVerifier)
		errs = append(errs, err)
		v.hasVerifier = verifier != ""
		v.folder, err = st.Setting(u.ctx, data.SettingSyncFolder)
		errs = append(errs, err)
		v.state, err = bundle.LoadFolderState(u.ctx, st)
		errs = append(errs, err)
		v.peers, err = st.SyncPeers(u.ctx)
		errs = append(errs, err)
		v.export, v.imp, err = st.LastSyncEvents(u.ctx)
		errs = append(errs, err)
		v.conflicts, v.open, err = st.SyncConflicts(u.ctx, false, 50)
		errs = append(errs, err)
		loadErr := errors.Join(errs...)
		return func() {
			if loadErr != nil {
				s.status.SetText(u.errorText(loadErr))
			}
			s.show(v)
		}
	})
}

func (s *syncScreen) show(v syncView) {
	u := s.u
	ss := u.syncSession()
	ss.mu.Lock()
	pass, inKeyring := ss.pass, ss.inKeyring
	ss.mu.Unlock()
	switch {
	case !v.hasVerifier:
		s.passStatus.SetText(u.tr.T("sync.pass.none"))
		s.passButton.SetText(u.tr.T("sync.pass.set"))
	case pass == "":
		s.passStatus.SetText(u.tr.T("sync.pass.locked"))
		s.passButton.SetText(u.tr.T("sync.pass.enter"))
	case inKeyring:
		s.passStatus.SetText(u.tr.T("sync.pass.keyring"))
		s.passButton.SetText(u.tr.T("sync.pass.change"))
	default:
		s.passStatus.SetText(u.tr.T("sync.pass.session"))
		s.passButton.SetText(u.tr.T("sync.pass.change"))
	}
	if v.folder == "" {
		s.folder.SetText(u.tr.T("sync.folder.none"))
	} else {
		s.folder.SetText(v.folder)
	}
	s.round.SetText("")
	s.skipped.RemoveAll()
	if last := v.state.Last; last != nil && last.Folder != "" && v.state.Folder == v.folder {
		changed, conflicts := last.Changed()
		s.round.SetText(u.tr.T("sync.round.last", "Time", last.At.Local().Format("2006-01-02 15:04"),
			"Changed", changed, "Conflicts", conflicts))
		if last.Error != "" {
			s.skipped.Add(wrapLabel(u.tr.T("sync.round.error", "Error", last.Error)))
		}
		for _, f := range last.Files {
			if f.Skipped() {
				s.skipped.Add(wrapLabel(u.tr.T("sync.file.line", "Name", f.Name, "Reason", s.fileReason(f))))
			}
		}
	}
	s.desks.RemoveAll()
	if len(v.peers) == 0 {
		s.desks.Add(wrapLabel(u.tr.T("sync.desks.none")))
	}
	for _, p := range v.peers {
		s.desks.Add(wrapLabel(u.tr.T("sync.desks.line", "Name", p.Name,
			"Time", p.LastBundleAt.Local().Format("2006-01-02 15:04"), "Rows", p.Rows, "Changed", p.Changed)))
	}
	s.lastExport.SetText(u.tr.T("sync.export.none"))
	if !v.export.At.IsZero() {
		s.lastExport.SetText(u.tr.T("sync.export.last", "Time", v.export.At.Local().Format("2006-01-02 15:04"), "Rows", v.export.Rows))
	}
	s.lastImport.SetText(u.tr.T("sync.import.none"))
	if !v.imp.At.IsZero() {
		changed, conflicts := 0, 0
		for _, c := range v.imp.Counts {
			changed += c.Changed()
			conflicts += c.Conflicts
		}
		s.lastImport.SetText(u.tr.T("sync.import.last", "Time", v.imp.At.Local().Format("2006-01-02 15:04"),
			"Rows", v.imp.Rows, "Changed", changed, "Conflicts", conflicts))
	}
	s.conflicts.RemoveAll()
	if v.open == 0 {
		s.conflictN.SetText(u.tr.T("sync.conflicts.none"))
	} else {
		s.conflictN.SetText(u.tr.T("sync.conflicts.count", "Count", v.open, "Shown", len(v.conflicts)))
	}
	for _, c := range v.conflicts {
		s.conflicts.Add(s.conflictRow(c))
	}
}

// fileReason says in the user's language why a file was skipped.
func (s *syncScreen) fileReason(f bundle.FolderFile) string {
	u := s.u
	switch f.Status {
	case bundle.StatusChanging:
		return u.tr.T("sync.file.changing")
	case bundle.StatusEmpty:
		return u.tr.T("sync.file.empty")
	case bundle.StatusTemporary:
		return u.tr.T("sync.file.temporary")
	case bundle.StatusConflicted:
		return u.tr.T("sync.file.conflicted")
	case bundle.StatusOddName:
		return u.tr.T("sync.file.odd_name")
	case bundle.StatusMismatch:
		return u.tr.T("sync.file.mismatch")
	}
	switch {
	case strings.Contains(f.Reason, bundle.ErrWrongPassphrase.Error()):
		return u.tr.T("sync.file.wrong_pass")
	case strings.Contains(f.Reason, bundle.ErrDamaged.Error()):
		return u.tr.T("sync.file.damaged")
	case strings.Contains(f.Reason, bundle.ErrNotBundle.Error()):
		return u.tr.T("sync.file.not_bundle")
	case strings.Contains(f.Reason, "newer OpsBench"):
		return u.tr.T("sync.file.newer")
	}
	return u.tr.T("sync.file.failed", "Error", f.Reason)
}

// names of tables and fields, translated where the translations know them.
func (s *syncScreen) entityName(table string) string {
	if k := "entity." + table; s.u.tr.Has(k) {
		return s.u.tr.T(k)
	}
	return table
}

func (s *syncScreen) fieldName(table, field string) string {
	if k := "field." + table + "." + field; s.u.tr.Has(k) {
		return s.u.tr.T(k)
	}
	return field
}

// valueText shows a stored value.
func (s *syncScreen) valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return s.u.tr.T("sync.value.empty")
	case []byte:
		return s.u.tr.T("sync.value.bytes", "Count", len(x))
	case string:
		if x == "" {
			return s.u.tr.T("sync.value.empty")
		}
		return x
	}
	return fmt.Sprint(v)
}

// who says which desk (and person) wrote a value, and when.
func (s *syncScreen) who(desk, actor string, h app.HLC) string {
	u := s.u
	if desk == "" {
		desk = u.tr.T("sync.desk.unknown")
	}
	when := h.Time().Local().Format("2006-01-02 15:04")
	if actor != "" {
		return u.tr.T("sync.who.person", "Person", actor, "Desk", desk, "Time", when)
	}
	return u.tr.T("sync.who.desk", "Desk", desk, "Time", when)
}

func (s *syncScreen) conflictRow(c data.SyncConflict) fyne.CanvasObject {
	u := s.u
	record := s.entityName(c.Table)
	if c.Label != "" {
		record = u.tr.T("sync.conflict.record", "Entity", record, "Name", c.Label)
	}
	var what, lost, now string
	if c.Field == "deleted" {
		if fmt.Sprint(c.Loser) == "1" {
			what = u.tr.T("sync.conflict.undeleted", "Record", record)
			lost = u.tr.T("sync.conflict.deleted_by", "Who", s.who(c.LoserDesk, c.LoserActor, c.LoserHLC))
			now = u.tr.T("sync.conflict.kept_by", "Who", s.who(c.CurrentDesk, c.CurrentActor, c.CurrentHLC))
		} else {
			what = u.tr.T("sync.conflict.hidden", "Record", record)
			lost = u.tr.T("sync.conflict.edited_by", "Who", s.who(c.LoserDesk, c.LoserActor, c.LoserHLC))
			now = u.tr.T("sync.conflict.deleted_now", "Who", s.who(c.CurrentDesk, c.CurrentActor, c.CurrentHLC))
		}
	} else {
		what = u.tr.T("sync.conflict.field", "Record", record, "Field", s.fieldName(c.Table, c.Field))
		lost = u.tr.T("sync.conflict.lost", "Value", s.valueText(c.Loser), "Who", s.who(c.LoserDesk, c.LoserActor, c.LoserHLC))
		now = u.tr.T("sync.conflict.now", "Value", s.valueText(c.Current), "Who", s.who(c.CurrentDesk, c.CurrentActor, c.CurrentHLC))
	}
	id := c.ID
	keep := widget.NewButton(u.tr.T("sync.conflict.keep"), func() { s.resolve(id, false) })
	restore := widget.NewButton(u.tr.T("sync.conflict.restore"), func() { s.resolve(id, true) })
	title := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = wrapModeFor(what)
	return container.NewVBox(title, wrapLabel(lost), wrapLabel(now), container.NewHBox(keep, restore), widget.NewSeparator())
}

// resolve keeps the current value or restores the losing one.
func (s *syncScreen) resolve(id string, restore bool) {
	u := s.u
	u.background(func(st *data.Store) func() {
		var err error
		if restore {
			err = st.RestoreSyncConflict(u.ctx, id)
		} else {
			err = st.KeepSyncConflict(u.ctx, id)
		}
		return func() {
			if err != nil {
				if errors.Is(err, data.ErrRecordDeleted) {
					u.showError(u.tr.T("sync.conflict.failed"), errors.New(u.tr.T("sync.conflict.record_deleted")))
				} else {
					u.showError(u.tr.T("sync.conflict.failed"), err)
				}
			}
			s.load()
		}
	})
}

// onPassphrase sets up the passphrase (typed twice) or, when one is set
// up on this desk, asks for it (checked against the verifier).
func (s *syncScreen) onPassphrase() {
	u := s.u
	verifier, _ := u.store.Setting(u.ctx, data.SettingSyncVerifier)
	ss := u.syncSession()
	if verifier != "" && ss.passphrase() == "" {
		entry := widget.NewPasswordEntry()
		form := widget.NewForm(widget.NewFormItem(u.tr.T("sync.pass.field"), entry))
		u.showFormDialog(u.tr.T("sync.pass.enter"), u.tr.T("sync.pass.unlock"), form, func() error {
			return s.unlock(entry.Text)
		})
		return
	}
	first, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	form := widget.NewForm(
		widget.NewFormItem(u.tr.T("sync.pass.field"), first),
		widget.NewFormItem(u.tr.T("sync.pass.again"), again),
	)
	form.Items = append(form.Items, widget.NewFormItem("", wrapLabel(u.tr.T("sync.pass.setup_hint", "Min", bundle.MinPassphraseLen))))
	u.showFormDialog(u.tr.T("sync.pass.set"), u.tr.T("action.save"), form, func() error {
		return s.setPassphrase(first.Text, again.Text)
	})
}

// setPassphrase checks a new passphrase typed twice, stores its verifier
// and keeps it for the session (and in the keyring when there is one).
func (s *syncScreen) setPassphrase(pass, again string) error {
	u := s.u
	if err := bundle.CheckNewPassphrase(pass, again); err != nil {
		if pass != again {
			return errors.New(u.tr.T("sync.pass.differ"))
		}
		return errors.New(u.tr.T("sync.pass.short", "Min", bundle.MinPassphraseLen))
	}
	v, err := bundle.NewVerifier(pass)
	if err != nil {
		return err
	}
	if err := u.store.SetSetting(u.ctx, data.SettingSyncVerifier, v); err != nil {
		return err
	}
	s.remember(pass)
	s.load()
	return nil
}

// unlock checks a typed passphrase against the verifier.
func (s *syncScreen) unlock(pass string) error {
	u := s.u
	verifier, err := u.store.Setting(u.ctx, data.SettingSyncVerifier)
	if err != nil {
		return err
	}
	if !bundle.CheckVerifier(verifier, pass) {
		return errors.New(u.tr.T("sync.pass.wrong"))
	}
	s.remember(pass)
	s.load()
	u.autoSync()
	return nil
}

func (s *syncScreen) remember(pass string) {
	u := s.u
	ss := u.syncSession()
	inKeyring := ss.keyring.Set(u.store.Replica().ID, pass) == nil
	ss.mu.Lock()
	ss.pass, ss.inKeyring = pass, inKeyring
	ss.mu.Unlock()
}

func (s *syncScreen) onChooseFolder() {
	u := s.u
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			u.showError(u.tr.T("sync.folder.failed"), err)
			return
		}
		if dir == nil {
			return
		}
		s.setFolder(dir.Path())
	}, u.win)
	d.Show()
}

// setFolder stores the shared folder and syncs with it.
func (s *syncScreen) setFolder(dir string) {
	u := s.u
	if err := u.store.SetSetting(u.ctx, data.SettingSyncFolder, dir); err != nil {
		u.showError(u.tr.T("sync.folder.failed"), err)
		return
	}
	s.load()
	if u.syncSession().passphrase() != "" {
		s.onSyncNow()
	}
}

// onSyncNow runs a round with a progress dialog that can cancel it.
func (s *syncScreen) onSyncNow() {
	u := s.u
	ss := u.syncSession()
	folder, _ := u.store.Setting(u.ctx, data.SettingSyncFolder)
	switch {
	case ss.passphrase() == "":
		u.inform(u.tr.T("sync.now"), u.tr.T("sync.need_pass"))
		return
	case folder == "":
		u.inform(u.tr.T("sync.now"), u.tr.T("sync.need_folder"))
		return
	}
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustom(u.tr.T("sync.running"), u.tr.T("action.cancel"), fixedWidth(360, bar), u.win)
	finished := false // SetOnClosed only adds callbacks: this one checks
	d.SetOnClosed(func() {
		if finished {
			return
		}
		ss.mu.Lock()
		if ss.cancel != nil {
			ss.cancel()
		}
		ss.mu.Unlock()
	})
	s.status.SetText(u.tr.T("sync.running"))
	s.syncNow.Disable()
	started := u.runSyncRound(nil, func(rep bundle.FolderReport, err error) {
		finished = true
		d.Hide()
		s.syncNow.Enable()
		switch {
		case errors.Is(err, bundle.ErrFolderMissing):
			s.status.SetText(u.tr.T("sync.folder.missing", "Path", folder))
			u.showError(u.tr.T("sync.failed"), errors.New(u.tr.T("sync.folder.missing", "Path", folder)))
		case err != nil:
			s.status.SetText(u.errorText(err))
			u.showError(u.tr.T("sync.failed"), err)
		default:
			changed, conflicts := rep.Changed()
			s.status.SetText(u.tr.T("sync.done", "Changed", changed, "Conflicts", conflicts))
		}
	})
	if !started {
		finished = true
		s.syncNow.Enable()
		s.status.SetText(u.tr.T("sync.busy"))
		return
	}
	d.Show()
}

// loadSyncCard is the Today card about sync: the last round and the open
// conflicts. It also starts the background sync on start-up.
func (u *UI) loadSyncCard(s *data.Store) (func() fyne.CanvasObject, error) {
	u.do(u.startSync)
	state, err := bundle.LoadFolderState(u.ctx, s)
	if err != nil {
		return nil, err
	}
	folder, err := s.Setting(u.ctx, data.SettingSyncFolder)
	if err != nil {
		return nil, err
	}
	_, open, err := s.SyncConflicts(u.ctx, false, 1)
	if err != nil {
		return nil, err
	}
	return func() fyne.CanvasObject {
		line := u.tr.T("sync.card.no_folder")
		if folder != "" {
			line = u.tr.T("sync.card.never")
			if state.Last != nil && state.Folder == folder {
				line = u.tr.T("sync.card.last", "Time", state.Last.At.Local().Format("2006-01-02 15:04"))
				if state.Last.Error != "" {
					line = u.tr.T("sync.card.failed", "Time", state.Last.At.Local().Format("2006-01-02 15:04"))
				}
			}
		}
		box := container.NewVBox(wrapLabel(line))
		if open > 0 {
			l := widget.NewLabel(u.tr.T("sync.card.conflicts", "Count", open))
			l.Importance = widget.WarningImportance
			box.Add(l)
		}
		box.Add(container.NewHBox(widget.NewButton(u.tr.T("sync.card.open"), func() {
			if u.shell != nil {
				u.shell.show(navSync)
			}
		})))
		return box
	}, nil
}
