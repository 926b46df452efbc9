package data

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"github.com/opsbench/opsbench/app"
)

// Restore replaces the database at path with the backup file from. The
// backup must be an intact OpsBench database this version can read. The
// current database is kept: copied into the backup folder first, or, when
// it is too damaged to copy, renamed aside to "<name>.damaged-<time>.db";
// it is never overwritten. Restore takes the single-instance lock itself,
// so it fails with app.ErrLocked while the database is open. It returns
// where the previous database was kept ("" when there was none).
func Restore(ctx context.Context, path, from string, p BackupPolicy) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if from, err = filepath.Abs(from); err != nil {
		return "", err
	}
	rep, err := Check(ctx, from)
	if err != nil {
		return "", fmt.Errorf("backup %s: %w", from, err)
	}
	if len(rep.Problems) > 0 { // an older format is fine: it is upgraded when opened
		return "", fmt.Errorf("%s cannot be restored: %s", from, rep.Problems[0])
	}
	lock := flock.New(abs + ".lock")
	ok, err := lock.TryLock()
	if err != nil {
		return "", fmt.Errorf("cannot create the lock file %s.lock: %w (%v)", abs, app.ErrReadOnly, err)
	}
	if !ok {
		return "", fmt.Errorf("%s: %w; close it first", abs, app.ErrLocked)
	}
	defer lock.Unlock()

	kept, err := keepCurrent(ctx, abs, p)
	if err != nil {
		return "", err
	}
	tmp := abs + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		_ = os.Remove(tmp)
		return kept, fmt.Errorf("copy %s: %w", from, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		_ = os.Remove(tmp)
		return kept, err
	}
	return kept, nil
}

// keepCurrent moves the current database out of the way, as a backup copy
// when it can be read and by renaming it aside otherwise.
func keepCurrent(ctx context.Context, abs string, p BackupPolicy) (string, error) {
	if !fileExists(abs) {
		return "", nil
	}
	now := p.Now
	if now == nil {
		now = time.Now
	}
	stamp := now().UTC().Format(backupStamp)
	if p.Dir == "" {
		p.Dir = filepath.Join(filepath.Dir(abs), "backups")
	}
	base := filepath.Base(abs)
	base = base[:len(base)-len(filepath.Ext(base))]
	dest := filepath.Join(p.Dir, fmt.Sprintf("%s-%s-%s.db", base, stamp, BackupPreRestore))
	if rep, err := Check(ctx, abs); err == nil && len(rep.Problems) == 0 {
		if err := vacuumInto(ctx, abs, dest); err == nil {
			return dest, removeDatabaseFiles(abs)
		}
	}
	aside := fmt.Sprintf("%s.damaged-%s%s", abs[:len(abs)-len(filepath.Ext(abs))], stamp, filepath.Ext(abs))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fileExists(abs + suffix) {
			if err := os.Rename(abs+suffix, aside+suffix); err != nil {
				return "", fmt.Errorf("cannot move the current database aside: %w", err)
			}
		}
	}
	return aside, nil
}

func vacuumInto(ctx context.Context, src, dest string) error {
	db, err := openReadOnly(src)
	if err != nil {
		return err
	}
	defer db.Close()
	return backupWith(ctx, db, dest)
}

func removeDatabaseFiles(abs string) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(abs + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return mapErr(err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
