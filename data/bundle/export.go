package bundle

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// ExportOptions adjust ExportFile.
type ExportOptions struct {
	// Passphrase is the office passphrase (required).
	Passphrase string
	// WorkFactor is the scrypt work factor (log2); 0 means
	// DefaultWorkFactor. Tests use a low one.
	WorkFactor int
	// Target names where the bundle goes, for "every change since the
	// last export to that target"; empty means the output file's path.
	Target string
	// Full exports every row, not only those changed since the last export
	// to the target. The first export to a target is always full.
	Full bool
	// AppVersion is this OpsBench's version, written into the manifest so
	// that an older desk can say which version to update to.
	AppVersion string

	// createTemp makes the temporary file (os.CreateTemp; tests pass a
	// disk that fills up).
	createTemp func(dir, pattern string) (tempFile, error)
	// rename moves the finished file into place (os.Rename; tests fail it).
	rename func(oldpath, newpath string) error
}

type tempFile interface {
	io.Writer
	Name() string
	Sync() error
	Close() error
}

// ExportResult says what an export wrote.
type ExportResult struct {
	Path     string
	Target   string
	Manifest Manifest
	Bytes    int64
}

// TargetForPath is the target name of an export to a file path.
func TargetForPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return "file:" + abs
}

// ExportFile writes a bundle with the rows changed since the last export
// to the same target (every row when opts.Full or on the first export) to
// path. It writes a temporary file in the same folder and renames it, so
// a failure (a full disk, a cancelled export) never leaves a partial file
// under path; then it remembers how far this target got.
func ExportFile(ctx context.Context, s *data.Store, path string, opts ExportOptions) (ExportResult, error) {
	if opts.Passphrase == "" {
		return ExportResult{}, ErrNoPassphrase
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return ExportResult{}, fileErr(path, err)
	}
	res := ExportResult{Path: abs, Target: opts.Target}
	if res.Target == "" {
		res.Target = TargetForPath(abs)
	}
	dir := filepath.Dir(abs)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return res, fileErr(abs, fmt.Errorf("the folder %s does not exist: create it or choose another place", dir))
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		return res, fileErr(abs, errors.New("this is a folder: give a file name ending in "+Ext))
	}
	var since int64
	full := opts.Full
	if !full {
		t, ok, err := s.SyncTarget(ctx, res.Target)
		if err != nil {
			return res, err
		}
		since, full = t.Seq, !ok
	}
	enc := startEncrypt(opts.Passphrase, opts.WorkFactor)
	m, bodyBytes, err := build(ctx, s, since, full, opts.AppVersion)
	if err != nil {
		<-enc.done
		return res, fmt.Errorf("export to %s: %w", abs, err)
	}
	res.Manifest = *m
	sealed, err := enc.seal(m, bodyBytes)
	if err != nil {
		return res, fmt.Errorf("export to %s: %w", abs, err)
	}
	n, err := writeAtomically(abs, opts.createTemp, opts.rename, func(w io.Writer) error {
		_, err := w.Write(sealed)
		return err
	})
	if err != nil {
		return res, fileErr(abs, fmt.Errorf("%w; nothing was written under this name", err))
	}
	res.Bytes = n
	err = s.RecordSyncExport(ctx, data.SyncTarget{Name: res.Target, Seq: m.UpTo, ExportedAt: m.Created, Rows: m.Rows, File: abs}, m.Counts())
	if err != nil {
		return res, fmt.Errorf("the bundle %s is written, but remembering the export failed (the next export will send these rows again): %w", abs, err)
	}
	return res, nil
}

// build reads the rows and makes the manifest and the compressed body.
func build(ctx context.Context, s *data.Store, since int64, full bool, appVersion string) (*Manifest, []byte, error) {
	rep := s.Replica()
	m := &Manifest{
		App: AppName, Format: FormatVersion, Schema: data.SchemaVersion(), AppVersion: appVersion,
		BundleID: app.NewID(), Replica: rep.ID, ReplicaName: rep.Name, Created: s.Now().UTC(),
		Full: full, Since: since, Demo: s.IsDemo(), Writer: s.Writer(),
	}
	if full {
		m.Since = 0
	}
	b := newBody(m)
	defer b.close()
	current := ""
	upTo, err := s.ScanSyncRows(ctx, data.SyncScan{Since: since, Full: full}, func(t data.SyncTable, r data.SyncRow) error {
		if t.Name != current {
			b.startTable(t)
			current = t.Name
		}
		b.addRow(r)
		if b.m.Rows%cancelCheckRows == 0 {
			return ctx.Err()
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	m.UpTo = upTo
	body, err := b.finish()
	if err != nil {
		return nil, nil, err
	}
	return m, body, nil
}

// writeAtomically writes path through a temporary file in its folder and
// renames it into place once complete and synced to disk. It returns the
// number of bytes written.
func writeAtomically(path string, createTemp func(dir, pattern string) (tempFile, error), rename func(string, string) error, write func(io.Writer) error) (int64, error) {
	if createTemp == nil {
		createTemp = func(dir, pattern string) (tempFile, error) { return os.CreateTemp(dir, pattern) }
	}
	f, err := createTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, mapFileErr(err)
	}
	tmp := f.Name()
	fail := func(err error) (int64, error) {
		_ = f.Close()
		_ = os.Remove(tmp)
		return 0, mapFileErr(err)
	}
	cw := &countingWriter{w: f}
	bw := bufio.NewWriterSize(cw, 256<<10)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return 0, mapFileErr(err)
	}
	if err := renameRetrying(rename, tmp, path); err != nil {
		_ = os.Remove(tmp)
		return 0, mapFileErr(err)
	}
	return cw.n, nil
}

// renameTries is how often a file another program holds is tried: on
// Windows, OneDrive, Dropbox and antivirus scanners open a file they have
// just seen change, and renaming over it fails ("access denied", "used by
// another process") until they let go, usually within a second. The waits
// double from 50 ms: 1.55 s in all.
const renameTries = 6

// renameRetrying renames tmp over path, trying again with back-off while
// the target is held; it returns ErrFolderBusy when it stays held.
func renameRetrying(rename func(string, string) error, tmp, path string) error {
	if rename == nil {
		rename = os.Rename
	}
	var err error
	for i := 0; ; i++ {
		if err = rename(tmp, path); err == nil || !heldByAnother(err) {
			return err
		}
		if i == renameTries-1 {
			return fmt.Errorf("%w (%v)", ErrFolderBusy, err)
		}
		time.Sleep(50 * time.Millisecond << i)
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// mapFileErr turns a full disk or a read-only place into app sentinels.
func mapFileErr(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "no space left"):
		return fmt.Errorf("%w (%v)", app.ErrDiskFull, err)
	case errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%w (%v)", app.ErrReadOnly, err)
	}
	return err
}
