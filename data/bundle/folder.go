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
	"sort"
	"strings"
	"time"

	"github.com/opsbench/opsbench/data"
)

// Statuses of files in a shared-folder round, besides Import's.
const (
	StatusUnchanged  = "unchanged"       // merged before and not changed since
	StatusChanging   = "changing"        // still being written or copied: next round
	StatusEmpty      = "empty"           // 0 bytes: still being copied
	StatusTemporary  = "temporary"       // a temporary or partial file of a sync client or of OpsBench
	StatusConflicted = "conflicted_copy" // a copy made by a sync client ("(conflicted copy …)", "(1)", ".sync-conflict-", "-DESKTOP-…")
	StatusOddName    = "unknown_name"    // a bundle under a name OpsBench does not write
	StatusMismatch   = "name_mismatch"   // the name says one desk, the content another
)

// DefaultSettleTime is how long a file must stay unmodified before a round
// reads it: sync clients write files in pieces.
const DefaultSettleTime = 3 * time.Second

// FolderOptions adjust SyncFolder.
type FolderOptions struct {
	Passphrase string
	WorkFactor int    // scrypt work factor of the exported file (0: default)
	AppVersion string // written into the exported file's manifest
	// SettleTime: files modified more recently are left for the next round
	// (0: DefaultSettleTime; negative: none).
	SettleTime time.Duration
	// Progress, when set, is told about each file.
	Progress func(done, total int, name string)
}

// FolderFile is one file of the shared folder in a round.
type FolderFile struct {
	Name        string                     `json:"name"`
	Status      string                     `json:"status"`
	Reason      string                     `json:"reason,omitempty"` // what went wrong (English), for failures
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
	// Error is why the round stopped early ("" when it did not).
	Error string `json:"error,omitempty"`
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
	deskSuffix = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[-_ ].+\.opsync$`)
	copyNumber = regexp.MustCompile(`\(\d+\)|[-_ ]copy\b|副本|复件`)
)

// ClassifyName says what a file name in the shared folder is: the replica
// id of a desk's file, or a status for a file to skip ("" for files that
// are not about sync at all).
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
	switch {
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~"):
		return "", StatusTemporary
	case !strings.HasSuffix(lower, Ext):
		return "", StatusTemporary
	case strings.Contains(lower, "conflict") || strings.Contains(lower, "冲突"),
		copyNumber.MatchString(lower), deskSuffix.MatchString(lower):
		return "", StatusConflicted
	}
	return "", StatusOddName
}

// SyncFolder runs one round in the shared folder dir: it imports every
// other desk's file that is new or changed since the last round (each in
// its own transaction, after one backup), skipping with a note files that
// are conflicted copies, temporary, still changing or unreadable; then it
// writes this desk's own file (<replica id>.opsync, a full bundle, through
// a temporary name) when something changed here since it last did. A
// missing folder changes nothing and returns ErrFolderMissing.
func SyncFolder(ctx context.Context, s *data.Store, dir string, opts FolderOptions) (FolderReport, error) {
	rep := FolderReport{Folder: dir, At: s.Now().UTC()}
	if opts.Passphrase == "" {
		return rep, ErrNoPassphrase
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return rep, fileErr(dir, err)
	}
	rep.Folder = abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("this is a file, not a folder: choose a folder")
		} else {
			err = ErrFolderMissing
		}
		return rep, fileErr(abs, err)
	}
	state, err := LoadFolderState(ctx, s)
	if err != nil {
		return rep, err
	}
	if state.Folder != abs {
		state = FolderState{Folder: abs}
	}
	if state.Seen == nil {
		state.Seen = map[string]FolderFile{}
	}
	settle := opts.SettleTime
	if settle == 0 {
		settle = DefaultSettleTime
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return rep, fileErr(abs, fmt.Errorf("%w (%v)", ErrFolderMissing, err))
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
	for i, name := range names {
		if err := ctx.Err(); err != nil {
			rep.Error = err.Error()
			break
		}
		f, ok := folderFile(ctx, s, abs, name, own, state.Seen[name], settle, opts, backup.take)
		if ok {
			rep.Files = append(rep.Files, f)
			if f.Status != StatusChanging && f.Status != StatusEmpty {
				seen[name] = f
			}
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(names), name)
		}
	}
	state.Seen = seen
	var roundErr error
	if rep.Error == "" {
		roundErr = exportOwn(ctx, s, abs, own, &state, &rep, opts)
		if roundErr != nil {
			rep.Error = roundErr.Error()
		}
	} else {
		roundErr = ctx.Err()
	}
	state.Last = &rep
	if err := saveFolderState(ctx, s, state); err != nil && roundErr == nil {
		roundErr = err
	}
	return rep, roundErr
}

// folderFile handles one file of the folder; ok is false for files that
// have nothing to do with sync.
func folderFile(ctx context.Context, s *data.Store, dir, name, own string, prev FolderFile, settle time.Duration,
	opts FolderOptions, backup func() error) (f FolderFile, ok bool) {
	replica, status := ClassifyName(name, own)
	if replica == "" && status == "" {
		return f, false
	}
	f = FolderFile{Name: name, Status: status, Replica: replica}
	if status == StatusOwn {
		return f, false
	}
	path := filepath.Join(dir, name)
	st, err := os.Stat(path)
	if err != nil {
		f.Status, f.Err = StatusFailed, fileErr(path, err)
		f.Reason = f.Err.Error()
		return f, true
	}
	f.Size, f.ModTime = st.Size(), st.ModTime().UTC()
	if status != "" {
		return f, true
	}
	switch {
	case f.Size == 0:
		f.Status, f.Reason = StatusEmpty, ErrEmptyFile.Error()
		return f, true
	case settle > 0 && time.Since(st.ModTime()) < settle:
		f.Status = StatusChanging
		return f, true
	}
	sameAsBefore := prev.Name == name && prev.Size == f.Size && prev.ModTime.Equal(f.ModTime)
	if sameAsBefore && !retry(prev) {
		return unchanged(f, prev), true
	}
	raw, err := readBundleFile(path)
	if err != nil {
		f.Status, f.Err = StatusFailed, fileErr(path, err)
		f.Reason = f.Err.Error()
		return f, true
	}
	sum := sha256.Sum256(raw)
	f.SHA256 = hex.EncodeToString(sum[:])
	if prev.SHA256 == f.SHA256 && !retry(prev) {
		return unchanged(f, prev), true
	}
	r := importOne(ctx, s, path, raw, ImportOptions{Passphrase: opts.Passphrase}, backup)
	f.Status, f.Err = r.Status, r.Err
	if r.Err != nil {
		f.Reason = r.Err.Error()
	}
	if m := r.Manifest; m != nil {
		f.ReplicaName, f.Created = m.ReplicaName, m.Created
		if m.Replica != replica {
			// Imported all the same when it could be (merging is safe),
			// but noted: a renamed file.
			if f.Status != StatusFailed {
				f.Reason = fmt.Sprintf("the file is named after desk %s but was written by %s (%s)", replica, m.ReplicaName, m.Replica)
			}
			if f.Status == StatusOwn || f.Status == StatusSeen {
				f.Status = StatusMismatch
			}
		}
	}
	f.Tables, f.Changed, f.Conflicts = r.Tables, r.Changed, r.Conflicts
	if f.Status == StatusSeen {
		f.Status = StatusUnchanged
	}
	return f, true
}

// retry says whether a file that failed before should be tried again even
// though it did not change: failures that depend on this desk (the
// passphrase, the OpsBench version, the database) may be gone.
func retry(prev FolderFile) bool {
	if prev.Status != StatusFailed {
		return false
	}
	r := prev.Reason
	return !strings.Contains(r, ErrDamaged.Error()) && !strings.Contains(r, ErrNotBundle.Error()) &&
		!strings.Contains(r, ErrEmptyFile.Error())
}

func unchanged(f, prev FolderFile) FolderFile {
	f.Status, f.Reason = prev.Status, prev.Reason
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
	})
	if err != nil {
		return err
	}
	rep.Exported, rep.ExportRows = true, res.Manifest.Rows
	if st, err := os.Stat(path); err == nil {
		state.OwnSize, state.OwnModTime = st.Size(), st.ModTime().UTC()
	}
	return nil
}
