package syncui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// maxConflictsShown is how many open conflicts the screen lists.
const maxConflictsShown = 50

// Screen shows the office sync: what needs an answer (a copied database,
// a wrong clock, records with the same name), the passphrase, the shared
// folder, the desks seen, the last export and import, and conflicts to
// review.
type Screen struct {
	env  Env
	ss   *Session
	root fyne.CanvasObject
	// scroll holds the whole page; it is told when its content shrinks so
	// that it never shows a blank page below the end.
	scroll *container.Scroll
	// last is what the screen shows, as last loaded.
	last syncView

	attention  *fyne.Container
	passStatus *widgets.Paragraph
	passButton *widget.Button
	folder     *widgets.Paragraph
	round      *widgets.Paragraph
	syncNow    *widget.Button
	status     *widgets.Paragraph
	skipped    *fyne.Container
	names      *widget.Card
	namesList  *fyne.Container
	desks      *fyne.Container
	lastExport *widgets.Paragraph
	lastImport *widgets.Paragraph
	conflicts  *fyne.Container
	conflictN  *widgets.Paragraph
}

// New builds the Sync screen of session ss.
func New(env Env, ss *Session) *Screen {
	s := &Screen{env: env, ss: ss, attention: container.NewVBox(),
		passStatus: ui.StatusLabel(), folder: ui.StatusLabel(), round: ui.StatusLabel(), status: ui.StatusLabel(),
		skipped: container.NewVBox(), namesList: container.NewVBox(), desks: container.NewVBox(),
		lastExport: ui.StatusLabel(), lastImport: ui.StatusLabel(), conflicts: container.NewVBox(), conflictN: ui.StatusLabel(),
	}
	s.folder.TextStyle = fyne.TextStyle{Monospace: true}
	s.passButton = widget.NewButtonWithIcon(env.T("sync.pass.set"), ui.KeyIcon(), s.onPassphrase)
	choose := widget.NewButtonWithIcon(env.T("sync.folder.choose"), theme.FolderOpenIcon(), s.onChooseFolder)
	s.syncNow = widget.NewButtonWithIcon(env.T("sync.now"), theme.ViewRefreshIcon(), s.onSyncNow)
	s.syncNow.Importance = widget.HighImportance

	passCard := widget.NewCard(env.T("sync.pass.title"), "", container.NewVBox(s.passStatus, container.NewHBox(s.passButton)))
	folderCard := widget.NewCard(env.T("sync.folder.title"), "", container.NewVBox(
		ui.WrapLabel(env.T("sync.folder.hint")), s.folder, s.round, container.NewHBox(choose, s.syncNow), s.status, s.skipped))
	s.names = widget.NewCard(env.T("sync.names.title"), "", container.NewVBox(ui.WrapLabel(env.T("sync.names.hint")), s.namesList))
	s.names.Hide()
	desksCard := widget.NewCard(env.T("sync.desks.title"), "", container.NewVBox(s.desks, s.lastExport, s.lastImport))
	conflictsCard := widget.NewCard(env.T("sync.conflicts.title"), "", container.NewVBox(
		ui.WrapLabel(env.T("sync.conflicts.hint")), s.conflictN, s.conflicts))
	body := container.NewVBox(s.attention, passCard, folderCard, s.names, desksCard, conflictsCard)
	s.scroll = container.NewVScroll(container.NewPadded(body))
	s.root = container.NewBorder(container.NewPadded(ui.Heading(env.T("nav.sync"))), nil, nil, nil, s.scroll)
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
	conflicts   []conflictView
	open        int
	names       []data.SameNameGroup
	deskCopy    *data.DeskCopy
	refused     []data.RefusedBundle
	ownAhead    time.Duration
	now         time.Time
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
		var conflicts []data.SyncConflict
		conflicts, v.open, err = st.SyncConflicts(ctx, false, maxConflictsShown)
		errs = append(errs, err)
		v.conflicts = describeConflicts(env, st, conflicts)
		v.names, err = st.SameNameGroups(ctx)
		errs = append(errs, err)
		if c, ok, err := st.PendingDeskCopy(ctx); err != nil {
			errs = append(errs, err)
		} else if ok {
			v.deskCopy = &c
		}
		v.refused, err = st.RefusedBundles(ctx)
		errs = append(errs, err)
		v.ownAhead, v.now = st.OwnClockAhead(), st.Now()
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
	if changed == 0 && conflicts == 0 {
		return tr.T("sync.done_none")
	}
	return tr.T("sync.done", "Changed", records(tr, changed), "Conflicts", conflictsN(tr, conflicts))
}

func (s *Screen) show(v syncView) {
	env, tr := s.env, s.env.Translator()
	s.last = v
	s.showAttention(v)
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
	s.showRound(v)
	s.showNames(v.names)
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
	s.showConflicts(v.conflicts, v.open)
	// The page may be shorter now: the scroller must not stay past its end.
	s.scroll.Refresh()
}

// showConflicts lists the open conflicts.
func (s *Screen) showConflicts(list []conflictView, open int) {
	env := s.env
	s.conflicts.RemoveAll()
	if open == 0 {
		s.conflictN.SetText(env.T("sync.conflicts.none"))
	} else {
		s.conflictN.SetText(env.T("sync.conflicts.count", "Count", open, "Shown", len(list)))
	}
	for _, c := range list {
		s.conflicts.Add(s.conflictRow(c))
	}
}
