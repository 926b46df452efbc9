package bundle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Statuses of files in a shared-folder round, besides Import's.
const (
	StatusUnchanged = "unchanged"     // merged before and not changed since
	StatusChanging  = "changing"      // its size changed while it was read: still being written or copied
	StatusEmpty     = "empty"         // 0 bytes: still being copied
	StatusTemporary = "temporary"     // a temporary or partial file of a sync client or of OpsBench
	StatusMismatch  = "name_mismatch" // the name says one desk, the content another
	// Deprecated: a sync client's conflicted copy, or a bundle under any
	// other name, is imported like a desk's file (merging is idempotent);
	// FolderFile.Copy marks it. Kept until the Sync screen stops naming it.
	StatusConflicted = "conflicted_copy"
	// Deprecated: see StatusConflicted.
	StatusOddName = "unknown_name"
)

// Reason codes of FolderFile.Code and FolderReport.ErrorCode: stable
// names for what went wrong, for the screens to explain in words.
const (
	CodeWrongPassphrase = "wrong_passphrase"
	CodeDamaged         = "damaged"
	CodeNotBundle       = "not_bundle"
	CodeNewer           = "newer"
	CodeKindMismatch    = "demo_mismatch"
	CodeClockAhead      = "clock_ahead"
	CodeFolderMissing   = "folder_missing"
	CodeFolderReadOnly  = "folder_read_only"
	CodeDataFolder      = "data_folder"
	CodeDeskCopy        = "desk_copy"
	CodeFolderBusy      = "folder_busy"
	CodeDiskFull        = "disk_full"
	CodeCancelled       = "cancelled"
	CodeOther           = "other"
)

// ReasonCode names what err is about (one of the Code* constants, ""
// for nil).
func ReasonCode(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrWrongPassphrase):
		return CodeWrongPassphrase
	case errors.Is(err, ErrDamaged), errors.Is(err, ErrEmptyFile), errors.Is(err, ErrTooLarge):
		return CodeDamaged
	case errors.Is(err, ErrNotBundle):
		return CodeNotBundle
	case errors.Is(err, app.ErrNewerSchema):
		return CodeNewer
	case errors.Is(err, ErrKindMismatch):
		return CodeKindMismatch
	case errors.Is(err, app.ErrClockAhead):
		return CodeClockAhead
	case errors.Is(err, ErrFolderMissing):
		return CodeFolderMissing
	case errors.Is(err, ErrFolderReadOnly):
		return CodeFolderReadOnly
	case errors.Is(err, ErrDataFolder):
		return CodeDataFolder
	case errors.Is(err, ErrDeskCopyPending):
		return CodeDeskCopy
	case errors.Is(err, ErrFolderBusy):
		return CodeFolderBusy
	case errors.Is(err, app.ErrDiskFull):
		return CodeDiskFull
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return CodeCancelled
	}
	return CodeOther
}

// FolderOptions adjust SyncFolder.
type FolderOptions struct {
	Passphrase string
	WorkFactor int    // scrypt work factor of the exported file (0: default)
	AppVersion string // written into the exported file's manifest
	// Progress, when set, is told about each file.
	Progress func(done, total int, name string)

	// rename replaces this desk's file (os.Rename; tests pass one that
	// fails as Windows does while another program holds the file).
	rename func(oldpath, newpath string) error
}

// FolderFile is one file of the shared folder in a round.
type FolderFile struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"` // what went wrong (English), for failures
	Code   string `json:"code,omitempty"`   // what went wrong (a Code* constant)
	// Copy: the name is not a desk's file name (a sync client's conflicted
	// copy, "(1)", a renamed file); it was read all the same.
	Copy        bool                       `json:"copy,omitempty"`
	Replica     string                     `json:"replica,omitempty"`
	ReplicaName string                     `json:"replica_name,omitempty"`
	Created     time.Time                  `json:"created,omitzero"` // when the desk wrote it
	Size        int64                      `json:"size"`
	ModTime     time.Time                  `json:"mtime"`
	SHA256      string                     `json:"sha256,omitempty"`
	Tables      map[string]data.SyncCounts `json:"tables,omitempty"`
	Changed     int                        `json:"changed,omitempty"`
	Conflicts   int                        `json:"conflicts,omitempty"`
	Err         error                      `json:"-"`
}

// Skipped reports whether the file was left out for a reason worth
// showing (not merged now, not merged before, not this desk's own).
func (f FolderFile) Skipped() bool {
	switch f.Status {
	case StatusImported, StatusSeen, StatusUnchanged, StatusOwn:
		return false
	}
	return true
}

// Desk names the desk the file is from: its name from the bundle when it
// could be read, else from the desks known here, else its id.
func (f FolderFile) Desk() string {
	switch {
	case f.ReplicaName != "":
		return f.ReplicaName
	case f.Replica != "":
		return f.Replica
	}
	return f.Name
}

// FolderReport is what one shared-folder round did.
type FolderReport struct {
	Folder string       `json:"folder"`
	At     time.Time    `json:"at"`
	Files  []FolderFile `json:"files"`
	// Exported is set when this desk's file was written this round.
	Exported   bool   `json:"exported"`
	ExportRows int    `json:"export_rows"`
	ExportFile string `json:"export_file"`
	Backup     string `json:"backup,omitempty"`
	// Error is why the round stopped early ("" when it did not), and
	// ErrorCode what about (a Code* constant).
	Error     string `json:"error,omitempty"`
	ErrorCode string `json:"error_code,omitempty"`
	// Busy is set when this desk's file could not be replaced because
	// another program held it (Windows: OneDrive, antivirus) even after
	// a few tries: the round is not failed, the next one writes it.
	Busy bool `json:"busy,omitempty"`
	// Outcome sums the round up: OutcomeOK, OutcomePartial (some files
	// could not be imported) or OutcomeFailed (the round stopped early).
	Outcome string `json:"outcome,omitempty"`
}

// Outcomes of a round.
const (
	OutcomeOK      = "ok"
	OutcomePartial = "partial"
	OutcomeFailed  = "failed"
)

// Failed lists the files that could not be imported.
func (r FolderReport) Failed() []FolderFile {
	var out []FolderFile
	for _, f := range r.Files {
		if f.Status == StatusFailed {
			out = append(out, f)
		}
	}
	return out
}

// Changed adds up the rows changed here by the round.
func (r FolderReport) Changed() (changed, conflicts int) {
	for _, f := range r.Files {
		changed += f.Changed
		conflicts += f.Conflicts
	}
	return changed, conflicts
}

// FolderState is what rounds remember between runs (a local setting).
type FolderState struct {
	Folder string                `json:"folder"`
	Last   *FolderReport         `json:"last,omitempty"`
	Seen   map[string]FolderFile `json:"seen,omitempty"`
	// What this desk last wrote, to notice its file removed or replaced.
	OwnSize    int64     `json:"own_size"`
	OwnModTime time.Time `json:"own_mtime"`
}

// LoadFolderState reads the shared-folder state (zero when none).
func LoadFolderState(ctx context.Context, s *data.Store) (FolderState, error) {
	var st FolderState
	v, err := s.Setting(ctx, data.SettingSyncFolderState)
	if err != nil || v == "" {
		return st, err
	}
	_ = json.Unmarshal([]byte(v), &st) // a damaged state only costs a re-read of the files
	return st, nil
}

func saveFolderState(ctx context.Context, s *data.Store, st FolderState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return s.SetSetting(ctx, data.SettingSyncFolderState, string(b))
}

// OwnFileName is the name of the file a desk writes in the shared folder.
func OwnFileName(replica string) string { return replica + Ext }

var (
	deskFile   = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.opsync$`)
	deskPrefix = regexp.MustCompile(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`)
)

// ClassifyName says what a file name in the shared folder is: the replica
// id it names (a desk's file "<id>.opsync", or a sync client's copy of
// one), and StatusOwn for this desk's file, StatusTemporary for a file
// still being written, StatusConflicted for any other bundle name (read
// all the same); ("", "") for files that are not about sync at all.
func ClassifyName(name, own string) (replica, status string) {
	lower := strings.ToLower(name)
	if !strings.Contains(lower, strings.TrimPrefix(Ext, ".")) {
		return "", ""
	}
	if m := deskFile.FindStringSubmatch(name); m != nil {
		if m[1] == own {
			return m[1], StatusOwn
		}
		return m[1], ""
	}
	for _, suffix := range []string{".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", "~"} {
		if strings.HasSuffix(lower, suffix) {
			return "", StatusTemporary
		}
	}
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") || !strings.HasSuffix(lower, Ext) {
		return "", StatusTemporary
	}
	if m := deskPrefix.FindStringSubmatch(name); m != nil {
		return m[1], StatusConflicted
	}
	return "", StatusConflicted
}

// Errors of a shared-folder round.
var (
	ErrFolderReadOnly  = fmt.Errorf("OpsBench cannot write this desk's file in the shared folder: ask whoever manages the folder for permission to change files in it, or choose another folder on the Sync screen: %w", app.ErrReadOnly)
	ErrDataFolder      = errors.New("this is OpsBench's own data folder (or a folder inside it): the live database must never be in a synced folder; choose the folder your office shares (OneDrive, Dropbox, WPS cloud, Syncthing, a network share)")
	ErrFolderBusy      = errors.New("another program (OneDrive, Dropbox, an antivirus) is holding this desk's file in the shared folder: the files were read, and this desk's file is written again in the next round")
	ErrDeskCopyPending = errors.New("this database may be a copy of another desk's: until that is answered (a new desk, or this database moved here) this desk's file is not written, so it cannot overwrite the other desk's")
)

// CheckFolder says whether dir can be the shared folder of the store: it
// exists and is not the data folder or inside it.
func CheckFolder(s *data.Store, dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fileErr(dir, err)
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		if err == nil {
			return fileErr(abs, errors.New("this is a file, not a folder: choose a folder"))
		}
		return fileErr(abs, ErrFolderMissing)
	}
	if inside(realPath(abs), realPath(s.Dir())) {
		return fileErr(abs, ErrDataFolder)
	}
	return nil
}

// realPath resolves symbolic links where it can.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// inside reports whether dir is base or a folder inside it.
func inside(dir, base string) bool {
	rel, err := filepath.Rel(base, dir)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" && !strings.EqualFold(filepath.VolumeName(dir), filepath.VolumeName(base)) {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}

// SyncFolder runs one round in the shared folder dir: it imports every
// file of the folder that is new or changed since the last round and
// authenticates as a bundle, whatever its name (a sync client's
// conflicted copy may hold the only copy of some changes; merging is
// idempotent), each in its own transaction, after one backup taken only
// if a merge writes; then it writes this desk's own file (<replica
// id>.opsync, a full bundle, through a temporary name) when something
// changed here since it last did. A file is complete when it opens: age
// authenticates it to its last byte (its modification time says nothing:
// sync clients keep the writer's). A missing folder, the data folder, or
// a database that may be a copy (data.DeskCopy) change nothing.
func SyncFolder(ctx context.Context, s *data.Store, dir string, opts FolderOptions) (FolderReport, error) {
	rep := FolderReport{Folder: dir, At: s.Now().UTC(), Outcome: OutcomeFailed}
	fail := func(err error) (FolderReport, error) {
		rep.Error, rep.ErrorCode = err.Error(), ReasonCode(err)
		logRound(s, rep)
		return rep, err
	}
	if opts.Passphrase == "" {
		return fail(ErrNoPassphrase)
	}
	if err := CheckFolder(s, dir); err != nil {
		return fail(err)
	}
	abs, _ := filepath.Abs(dir)
	rep.Folder = abs
	state, err := LoadFolderState(ctx, s)
	if err != nil {
		return fail(err)
	}
	if state.Folder != abs {
		state = FolderState{Folder: abs}
	}
	if state.Seen == nil {
		state.Seen = map[string]FolderFile{}
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return fail(fileErr(abs, fmt.Errorf("%w (%v)", ErrFolderMissing, err)))
	}
	own := s.Replica().ID
	backup := &onceBackup{ctx: ctx, s: s, path: &rep.Backup}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	seen := map[string]FolderFile{}
	var roundErr error
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			roundErr = err
			break
		}
		f, ok := folderFile(ctx, s, abs, name, own, state, opts, backup.take)
		if ok {
			if f.Replica != "" && f.ReplicaName == "" {
				f.ReplicaName = s.DeskName(ctx, f.Replica)
			}
			rep.Files = append(rep.Files, f)
			if f.Status != StatusChanging && f.Status != StatusEmpty {
				seen[name] = f
			} else if prev, had := state.Seen[name]; had {
				seen[name] = prev // what was known about it stays until it settles
			}
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(names), name)
		}
	}
	state.Seen = seen
	if roundErr == nil {
		roundErr = exportOwn(ctx, s, abs, own, &state, &rep, opts)
	}
	switch {
	case roundErr != nil:
		rep.Error, rep.ErrorCode, rep.Outcome = roundErr.Error(), ReasonCode(roundErr), OutcomeFailed
	case len(rep.Failed()) > 0:
		rep.Outcome = OutcomePartial
	default:
		rep.Outcome = OutcomeOK
	}
	state.Last = &rep
	if err := saveFolderState(ctx, s, state); err != nil && roundErr == nil {
		roundErr = err
	}
	logRound(s, rep)
	return rep, roundErr
}

// logRound writes a folder round's outcome to the support log.
func logRound(s *data.Store, rep FolderReport) {
	args := []any{"outcome", rep.Outcome, "files", len(rep.Files), "failed", len(rep.Failed()),
		"exported", rep.Exported, "rows", rep.ExportRows}
	if rep.Busy {
		args = append(args, "busy", true)
	}
	if rep.ErrorCode != "" {
		s.Log().Warn("sync round", append(args, "code", rep.ErrorCode, "err", rep.Error)...)
		return
	}
	s.Log().Info("sync round", args...)
}

// folderFile handles one file of the folder; ok is false for files that
// have nothing to do with sync.
func folderFile(ctx context.Context, s *data.Store, dir, name, own string, state FolderState,
	opts FolderOptions, backup func() error) (f FolderFile, ok bool) {
	replica, status := ClassifyName(name, own)
	if replica == "" && status == "" {
		return f, false
	}
	f = FolderFile{Name: name, Replica: replica, Copy: status == StatusConflicted}
	prev := state.Seen[name]
	path := filepath.Join(dir, name)
	st, err := os.Stat(path)
	if err != nil {
		return failed(f, fileErr(path, err)), true
	}
	f.Size, f.ModTime = st.Size(), st.ModTime().UTC()
	switch status {
	case StatusTemporary:
		f.Status = status
		return f, true
	case StatusOwn:
		// This desk's own file, as this desk last wrote it: nothing to
		// read. Changed by someone else, it is read: a copy of this
		// database writes under the same name.
		if f.Size == state.OwnSize && f.ModTime.Equal(state.OwnModTime) {
			return f, false
		}
	}
	if f.Size == 0 {
		f.Status, f.Reason, f.Code = StatusEmpty, ErrEmptyFile.Error(), CodeDamaged
		return f, true
	}
	sameAsBefore := prev.Name == name && prev.Size == f.Size && prev.ModTime.Equal(f.ModTime)
	if sameAsBefore && !retry(prev) {
		return unchanged(f, prev), true
	}
	raw, err := readBundleFile(path)
	if err != nil {
		return failed(f, fileErr(path, err)), true
	}
	if after, err := os.Stat(path); err != nil || after.Size() != f.Size || int64(len(raw)) != f.Size {
		f.Status = StatusChanging // a sync client is still writing it: the next round reads it
		return f, true
	}
	sum := sha256.Sum256(raw)
	f.SHA256 = hex.EncodeToString(sum[:])
	if prev.SHA256 == f.SHA256 && !retry(prev) {
		return unchanged(f, prev), true
	}
	r := importOne(ctx, s, path, raw, ImportOptions{Passphrase: opts.Passphrase}, backup)
	logImport(s, r)
	f.Status, f.Err = r.Status, r.Err
	if r.Err != nil {
		f = failed(f, r.Err)
	}
	if r.Replica != "" {
		f.Replica, f.ReplicaName = r.Replica, r.ReplicaName
	}
	if m := r.Manifest; m != nil {
		f.ReplicaName, f.Created = m.ReplicaName, m.Created
		if replica != "" && m.Replica != replica && !f.Copy {
			// Imported all the same when it could be (merging is safe),
			// but noted: a renamed file.
			if f.Status != StatusFailed {
				f.Reason = fmt.Sprintf("the file is named after another desk but was written by desk %q", m.ReplicaName)
			}
			if f.Status == StatusOwn || f.Status == StatusSeen {
				f.Status = StatusMismatch
			}
		}
		f.Replica = m.Replica
	}
	f.Tables, f.Changed, f.Conflicts = r.Tables, r.Changed, r.Conflicts
	if f.Status == StatusSeen {
		f.Status = StatusUnchanged
	}
	if status == StatusOwn && f.Status == StatusOwn {
		return f, false
	}
	return f, true
}

// failed marks f as not imported because of err.
func failed(f FolderFile, err error) FolderFile {
	f.Status, f.Err, f.Reason, f.Code = StatusFailed, err, err.Error(), ReasonCode(err)
	return f
}

// retry says whether a file that failed before should be tried again even
// though it did not change: failures that depend on this desk (the
// passphrase, the OpsBench version, its clock, the database) may be gone.
func retry(prev FolderFile) bool {
	if prev.Status != StatusFailed {
		return false
	}
	switch prev.Code {
	case CodeDamaged, CodeNotBundle, CodeKindMismatch:
		return false
	}
	return true
}

// unchanged describes a file not read again: as it was last time, with
// its reason if it failed.
func unchanged(f, prev FolderFile) FolderFile {
	f.Status, f.Reason, f.Code = prev.Status, prev.Reason, prev.Code
	if f.Status == StatusImported {
		f.Status = StatusUnchanged
	}
	f.Replica, f.ReplicaName, f.Created = prev.Replica, prev.ReplicaName, prev.Created
	if f.SHA256 == "" {
		f.SHA256 = prev.SHA256
	}
	return f
}

// exportOwn writes this desk's file when anything changed here since the
// last time, or when the file is gone or was replaced.
func exportOwn(ctx context.Context, s *data.Store, dir, own string, state *FolderState, rep *FolderReport, opts FolderOptions) error {
	path := filepath.Join(dir, OwnFileName(own))
	rep.ExportFile = path
	if _, pending, err := s.PendingDeskCopy(ctx); err != nil || pending {
		if err == nil {
			err = ErrDeskCopyPending
		}
		return err
	}
	target := "folder:" + dir
	t, ok, err := s.SyncTarget(ctx, target)
	if err != nil {
		return err
	}
	seq, err := s.SyncChangeSeq(ctx)
	if err != nil {
		return err
	}
	st, statErr := os.Stat(path)
	intact := statErr == nil && st.Size() == state.OwnSize && st.ModTime().UTC().Equal(state.OwnModTime)
	if ok && seq <= t.Seq && intact {
		return nil
	}
	res, err := ExportFile(ctx, s, path, ExportOptions{
		Passphrase: opts.Passphrase, WorkFactor: opts.WorkFactor, Target: target, Full: true, AppVersion: opts.AppVersion,
		rename: opts.rename,
	})
	if errors.Is(err, ErrFolderBusy) {
		rep.Busy = true
		return nil
	}
	if errors.Is(err, app.ErrReadOnly) {
		return fileErr(dir, ErrFolderReadOnly)
	}
	if err != nil {
		return err
	}
	rep.Exported, rep.ExportRows = true, res.Manifest.Rows
	if st, err := os.Stat(path); err == nil {
		state.OwnSize, state.OwnModTime = st.Size(), st.ModTime().UTC()
	}
	return nil
}
