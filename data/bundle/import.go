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
	// Tables says what changed, by table; Changed and Conflicts add it up.
	Tables    map[string]data.SyncCounts
	Changed   int
	Conflicts int
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
// does not stop the others. A backup is taken before the first file that
// is merged. Bundles already merged here (same file or same content) and
// bundles written by this desk are skipped. The error is the files'
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
		rep.Files = append(rep.Files, fr)
		if opts.Progress != nil {
			opts.Progress(i+1, len(paths), p)
		}
	}
	return rep, rep.Err()
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
	if seen, err := s.SyncBundleSeen(ctx, hex.EncodeToString(sum[:]), ""); err != nil || seen {
		if err != nil {
			return fail(err)
		}
		fr.Status = StatusSeen
		return fr
	}
	maxWF := MaxWorkFactor
	if opts.maxWorkFactor > 0 {
		maxWF = opts.maxWorkFactor
	}
	br, err := openBundleMax(raw, opts.Passphrase, maxWF)
	if err != nil {
		return fail(err)
	}
	m := &br.m
	fr.Manifest = m
	if m.Replica == s.Replica().ID {
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
	if err := backup(); err != nil {
		return fail(err)
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
		if n%4096 == 0 {
			return ctx.Err()
		}
		return nil
	})
	if err != nil {
		return fail(err)
	}
	res, err := merge.Commit(data.SyncBundleInfo{
		FileSHA256: br.fileHash, ContentSHA256: m.BodySHA256, BundleID: m.BundleID,
		Replica: m.Replica, ReplicaName: m.ReplicaName, AppVersion: m.AppVersion,
		Created: m.Created, HLCMax: m.HLCMax, Rows: m.Rows, File: filepath.Base(path),
	})
	if err != nil {
		return fail(err)
	}
	fr.Status = StatusImported
	fr.Tables, fr.Changed, fr.Conflicts = res.Tables, res.Changed, res.Conflicts
	return fr
}
