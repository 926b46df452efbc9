package syncui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
)

// showRound says how the last shared-folder round went: a failure says
// why (and no "0 changed" beside it), files that could not be read are
// named by their desk with the reason, and a file held by another
// program is said to be written next time.
func (s *Screen) showRound(v syncView) {
	env, tr := s.env, s.env.Translator()
	s.round.SetText("")
	s.skipped.RemoveAll()
	last := v.state.Last
	if last == nil || last.Folder == "" || v.state.Folder != v.folder {
		return
	}
	when := last.At.Local().Format(ui.MinuteLayout)
	changed, conflicts := last.Changed()
	switch {
	case last.Outcome == bundle.OutcomeFailed || (last.Outcome == "" && last.Error != ""):
		s.round.SetText(env.T("sync.round.failed", "Time", when, "Reason", s.roundReason(last.ErrorCode, v.folder)))
	case last.Outcome == bundle.OutcomePartial && changed == 0:
		s.round.SetText(env.T("sync.round.partial_none", "Time", when))
	case last.Outcome == bundle.OutcomePartial:
		s.round.SetText(env.T("sync.round.partial", "Time", when, "Changed", records(tr, changed), "Conflicts", conflictsN(tr, conflicts)))
	case changed == 0:
		s.round.SetText(env.T("sync.round.none", "Time", when))
	default:
		s.round.SetText(env.T("sync.round.last", "Time", when, "Changed", records(tr, changed), "Conflicts", conflictsN(tr, conflicts)))
	}
	if last.Busy {
		s.skipped.Add(ui.WrapLabel(env.T("sync.round.busy")))
	}
	for _, f := range last.Files {
		if f.Skipped() {
			line := ui.WrapLabel(s.fileLine(f))
			if f.Status == bundle.StatusFailed {
				line.Importance = widget.WarningImportance
			}
			s.skipped.Add(line)
		}
	}
}

// fileLine says why a file was not read, naming its desk: by its name,
// or, for a desk not known here whose file could not be opened, by the
// start of the file's name.
func (s *Screen) fileLine(f bundle.FolderFile) string {
	if f.ReplicaName != "" {
		return s.env.T("sync.file.line", "Desk", f.ReplicaName, "Reason", s.fileReason(f))
	}
	name := f.Name
	if len(name) > shortName {
		name = name[:shortName] + "…"
	}
	return s.env.T("sync.file.line_unknown", "File", name, "Reason", s.fileReason(f))
}

// shortName is how much of an unknown desk's file name is shown.
const shortName = 8

// roundReason says in words why a round stopped, by its reason code.
func (s *Screen) roundReason(code, folder string) string {
	env := s.env
	switch code {
	case bundle.CodeFolderMissing:
		return env.T("sync.folder.missing", "Path", folder)
	case bundle.CodeFolderReadOnly:
		return env.T("sync.reason.read_only", "Path", folder)
	case bundle.CodeDataFolder:
		return env.T("sync.reason.data_folder")
	case bundle.CodeDeskCopy:
		return env.T("sync.reason.desk_copy")
	case bundle.CodeFolderBusy:
		return env.T("sync.round.busy")
	case bundle.CodeDiskFull:
		return env.T("error.disk_full")
	case bundle.CodeCancelled:
		return env.T("sync.reason.cancelled")
	case bundle.CodeWrongPassphrase:
		return env.T("sync.reason.wrong_pass")
	}
	return env.T("sync.reason.other")
}

// fileReason says in the user's language why a file was not imported.
// The reason code is kept with the file between rounds, so a damaged
// file left in the folder keeps its reason.
func (s *Screen) fileReason(f bundle.FolderFile) string {
	env := s.env
	switch f.Status {
	case bundle.StatusChanging:
		return env.T("sync.file.changing")
	case bundle.StatusEmpty:
		return env.T("sync.file.empty")
	case bundle.StatusTemporary:
		return env.T("sync.file.temporary")
	case bundle.StatusMismatch:
		return env.T("sync.file.mismatch")
	}
	switch f.Code {
	case bundle.CodeWrongPassphrase:
		return env.T("sync.file.wrong_pass")
	case bundle.CodeDamaged:
		return env.T("sync.file.damaged")
	case bundle.CodeNotBundle:
		return env.T("sync.file.not_bundle")
	case bundle.CodeNewer:
		return env.T("sync.file.newer")
	case bundle.CodeKindMismatch:
		return env.T("sync.file.demo_mismatch")
	case bundle.CodeClockAhead:
		return env.T("sync.file.clock_ahead")
	case bundle.CodeDiskFull:
		return env.T("error.disk_full")
	}
	return env.T("sync.file.failed")
}

// onChooseFolder asks for the shared folder, starting in the Documents
// folder (never in OpsBench's data folder, which cannot be the shared
// one).
func (s *Screen) onChooseFolder() {
	env := s.env
	d := env.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			env.ShowError(env.T("sync.folder.failed"), err)
			return
		}
		if dir == nil {
			return
		}
		s.setFolder(dir.Path())
	})
	d.Show()
}

// setFolder checks and stores the shared folder, then syncs with it. The
// data folder (or one inside it) and a folder that is not there are
// refused with a message, and the folder chosen before stays.
func (s *Screen) setFolder(dir string) {
	env := s.env
	env.Background(func(st *data.Store) func() {
		err := bundle.CheckFolder(st, dir)
		if err == nil {
			err = st.SetSetting(env.Context(), data.SettingSyncFolder, dir)
		}
		return func() {
			if err != nil {
				s.folderRefused(dir, err)
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

// folderRefused explains why dir cannot be the shared folder.
func (s *Screen) folderRefused(dir string, err error) {
	env := s.env
	switch code := bundle.ReasonCode(err); code {
	case bundle.CodeDataFolder, bundle.CodeFolderMissing, bundle.CodeFolderReadOnly:
		env.ShowError(env.T("sync.folder.failed"), ui.Problem(s.roundReason(code, dir)))
	default:
		env.ShowError(env.T("sync.folder.failed"), err)
	}
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
		changed, conflicts := rep.Changed()
		switch code := bundle.ReasonCode(err); {
		case err == nil && rep.Outcome == bundle.OutcomePartial && changed == 0:
			s.status.SetText(env.T("sync.done_partial_none", "Count", len(rep.Failed())))
		case err == nil && rep.Outcome == bundle.OutcomePartial:
			s.status.SetText(env.T("sync.done_partial", "Changed", records(env.Translator(), changed),
				"Conflicts", conflictsN(env.Translator(), conflicts), "Count", len(rep.Failed())))
		case err == nil:
			s.status.SetText(doneText(env.Translator(), changed, conflicts))
		case code == bundle.CodeCancelled:
			s.status.SetText(s.roundReason(code, folder))
		case code == bundle.CodeOther && !errors.Is(err, errNoFolder):
			s.status.SetText(s.roundReason(code, folder))
			env.ShowError(env.T("sync.failed"), err)
		default:
			msg := s.roundReason(code, folder)
			s.status.SetText(msg)
			env.ShowError(env.T("sync.failed"), ui.Problem(msg))
		}
	})
	if !started {
		s.syncNow.Enable()
		s.status.SetText(env.T("sync.busy"))
		return
	}
	progress = env.ShowProgress(env.T("sync.running"), false, s.ss.cancelRound)
}
