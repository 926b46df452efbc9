package bundle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Outcomes of importing one file.
const (
	StatusImported = "imported" // merged (possibly changing nothing)
	StatusSeen     = "seen"     // this bundle was merged before: skipped
	StatusOwn      = "own"      // written by this desk: skipped
	StatusFailed   = "failed"   // refused or failed: nothing changed
)

// ImportOptions adjust Import.
type ImportOptions struct {
	// Passphrase is the office passphrase (required).
	Passphrase string
	// NoBackup skips the backup before the first merge (the caller took
	// one already).
	NoBackup bool
	// Progress, when set, is told after each file.
	Progress func(done, total int, path string)

	// failAfter makes the merge fail after that many rows (tests).
	failAfter int
	// rowHook runs after each merged row (tests).
	rowHook func(n int)
	// maxWorkFactor lowers MaxWorkFactor (fuzzing).
	maxWorkFactor int
}

// FileResult is what importing one file did.
type FileResult struct {
	Path     string
	Status   string
	Err      error     // StatusFailed: what went wrong and what to do
	Manifest *Manifest // when the file could be opened
	// Replica and ReplicaName: the desk that wrote it, when known.
	Replica, ReplicaName string
	// Tables says what changed, by table; Changed and Conflicts add it up.
	Tables    map[string]data.SyncCounts
	Changed   int
	Conflicts int
	// CopiedDesk: the bundle proved that this database was copied (see
	// data.DeskCopy); its changes were merged all the same.
	CopiedDesk bool
}

// ImportReport is what Import did.
type ImportReport struct {
	Files []FileResult
	// Backup is the backup taken before the first merge ("" when none was
	// needed).
	Backup string
}

// Err joins the errors of the files that failed (nil when none did).
func (r ImportReport) Err() error {
	var errs []error
	for _, f := range r.Files {
		if f.Err != nil {
			errs = append(errs, f.Err)
		}
	}
	return errors.Join(errs...)
}

// Import merges bundle files into the store, each file in its own
// transaction: a file is merged completely or not at all, and a bad file
// does not stop the others. Each file is decrypted and verified whole
// before anything is done for it; a backup is taken before the first merge
// that writes (a damaged, refused or already merged file costs none).
// Bundles already merged here (same file or same content) and bundles
// written by this database are skipped; a bundle with this desk's id from
// another database file (a copy) is merged and raises data.DeskCopy. A
// bundle from a demo database is refused by a real one and the reverse,
// and one whose clock is more than a day ahead of this desk's is refused
// (kept in data.RefusedBundles until it imports). The error is the files'
// errors joined (see ImportReport.Err), or a failed backup (then nothing
// is imported).
func Import(ctx context.Context, s *data.Store, paths []string, opts ImportOptions) (ImportReport, error) {
	var rep ImportReport
	backup := &onceBackup{ctx: ctx, s: s, done: opts.NoBackup, path: &rep.Backup}
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			rep.Files = append(rep.Files, FileResult{Path: p, Status: StatusFailed, Err: fileErr(p, err)})
			continue
		}
		raw, err := readBundleFile(p)
		var fr FileResult
		if err != nil {
			fr = FileResult{Path: p, Status: StatusFailed, Err: fileErr(p, err)}
		} else {
			fr = importOne(ctx, s, p, raw, opts, backup.take)
		}
		logImport(s, fr)
		rep.Files = append(rep.Files, fr)
		if opts.Progress != nil {
			opts.Progress(i+1, len(paths), p)
		}
	}
	return rep, rep.Err()
}

// logImport writes one bundle's import to the support log: the desk,
// what happened and the counts, never the passphrase or any row's values.
func logImport(s *data.Store, r FileResult) {
	args := []any{"file", filepath.Base(r.Path), "status", r.Status, "desk", r.Replica,
		"changed", r.Changed, "conflicts", r.Conflicts}
	if r.CopiedDesk {
		args = append(args, "copied_desk", true)
	}
	if r.Err != nil {
		s.Log().Warn("bundle import failed", append(args, "code", ReasonCode(r.Err), "err", r.Err)...)
		return
	}
	s.Log().Info("bundle import", args...)
}

// readBundleFile reads a whole bundle into memory, so that it is hashed,
// decrypted and merged from one consistent copy even if a sync client
// rewrites the file meanwhile.
func readBundleFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, errors.New("no such file")
		}
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("this is a folder, not a bundle file: use sync folder for a shared folder")
	}
	if st.Size() > MaxBundleSize {
		return nil, ErrTooLarge
	}
	raw, err := io.ReadAll(io.LimitReader(f, MaxBundleSize+1))
	if err != nil {
		return nil, err
	}
	return raw, nil
}

// importOne merges one bundle already read into memory. backup is called
// once the bundle is known to be new and readable, before the merge.
// onceBackup takes the backup before the first file that changes anything,
// and only that one, for an import or a folder round.
type onceBackup struct {
	ctx  context.Context
	s    *data.Store
	done bool
	path *string // where to report the backup file
}

func (b *onceBackup) take() error {
	if b.done {
		return nil
	}
	bk, err := b.s.AutoBackup(b.ctx, data.BackupImport)
	if err != nil {
		return fmt.Errorf("the backup before importing failed, so nothing was imported: %w", err)
	}
	b.done, *b.path = true, bk.Path
	return nil
}

func importOne(ctx context.Context, s *data.Store, path string, raw []byte, opts ImportOptions, backup func() error) FileResult {
	fr := FileResult{Path: path}
	fail := func(err error) FileResult {
		fr.Status, fr.Err = StatusFailed, fileErr(path, fmt.Errorf("%w; nothing was imported from this file", err))
		return fr
	}
	// The same file merged before: skip it before paying for decryption.
	sum := sha256.Sum256(raw)
	if replica, name, seen, err := s.SyncBundleDesk(ctx, hex.EncodeToString(sum[:])); err != nil || seen {
		if err != nil {
			return fail(err)
		}
		fr.Status, fr.Replica, fr.ReplicaName = StatusSeen, replica, name
		return fr
	}
	maxWF := MaxWorkFactor
	if opts.maxWorkFactor > 0 {
		maxWF = opts.maxWorkFactor
	}
	// Decrypted and verified to the last byte before anything is written.
	br, err := openBundleMax(raw, opts.Passphrase, maxWF)
	if err != nil {
		return fail(err)
	}
	m := &br.m
	fr.Manifest, fr.Replica, fr.ReplicaName = m, m.Replica, m.ReplicaName
	if m.Demo != s.IsDemo() {
		return fail(kindError(m, s.IsDemo()))
	}
	if m.Replica == s.Replica().ID && (m.Writer == "" || m.Writer == s.Writer()) {
		fr.Status = StatusOwn
		return fr
	}
	seen, err := s.SyncBundleSeen(ctx, br.fileHash, m.BodySHA256)
	if err != nil {
		return fail(err)
	}
	if seen {
		fr.Status = StatusSeen
		return fr
	}
	if h, err := app.ParseHLC(m.HLCMax); err == nil {
		if err := s.Clock().Check(h); err != nil {
			return fail(s.RefuseBundle(ctx, data.RefusedBundle{FileSHA256: br.fileHash, File: filepath.Base(path),
				Replica: m.Replica, ReplicaName: m.ReplicaName, Err: err}))
		}
	}
	merge, err := s.BeginSyncMerge(ctx)
	if err != nil {
		return fail(err)
	}
	defer merge.Rollback()
	older := m.Schema < data.SchemaVersion()
	var cur *data.SyncMergeTable
	n := 0
	err = br.rowsAsync(func(t TableInfo) error {
		var err error
		cur, err = merge.Table(t.Name, t.Kind, t.Columns, older)
		return err
	}, func(r data.SyncRow) error {
		if err := cur.Merge(r); err != nil {
			return err
		}
		n++
		if opts.rowHook != nil {
			opts.rowHook(n)
		}
		if opts.failAfter > 0 && n >= opts.failAfter {
			return errors.New("injected failure")
		}
		if n%cancelCheckRows == 0 {
			return ctx.Err()
		}
		return nil
	})
	if err != nil {
		return fail(refusal(ctx, s, br, path, err))
	}
	res, err := merge.Commit(data.SyncBundleInfo{
		FileSHA256: br.fileHash, ContentSHA256: m.BodySHA256, BundleID: m.BundleID,
		Replica: m.Replica, ReplicaName: m.ReplicaName, AppVersion: m.AppVersion,
		Created: m.Created, HLCMax: m.HLCMax, Rows: m.Rows, File: filepath.Base(path), Writer: m.Writer,
	}, backup)
	if err != nil {
		return fail(refusal(ctx, s, br, path, err))
	}
	fr.Status = StatusImported
	fr.Tables, fr.Changed, fr.Conflicts, fr.CopiedDesk = res.Tables, res.Changed, res.Conflicts, res.CopiedDesk
	return fr
}

// cancelCheckRows is how often (in rows) a long merge checks whether it
// was cancelled.
const cancelCheckRows = 4096

// refusal keeps a bundle refused for a clock too far ahead (found in its
// rows) to be named on the Sync screen; other errors pass through.
func refusal(ctx context.Context, s *data.Store, br *bundleReader, path string, err error) error {
	if !errors.Is(err, app.ErrClockAhead) {
		return err
	}
	return s.RefuseBundle(ctx, data.RefusedBundle{FileSHA256: br.fileHash, File: filepath.Base(path),
		Replica: br.m.Replica, ReplicaName: br.m.ReplicaName, Err: err})
}

// kindError refuses a demo bundle in a real database, or the reverse.
func kindError(m *Manifest, demoHere bool) error {
	if demoHere {
		return fmt.Errorf("%w: this bundle comes from desk %q, a real database, and this is a demo database; demo databases sync only with demo databases", ErrKindMismatch, m.ReplicaName)
	}
	return fmt.Errorf("%w: this bundle comes from desk %q, a demo database, and this is a real database; demo data never enters real data", ErrKindMismatch, m.ReplicaName)
}
