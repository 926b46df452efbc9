package bundle

import (
	"errors"
	"fmt"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Errors about bundle files. Each says what is wrong and what to do; the
// functions of this package wrap them with the file's path, and whenever
// one is returned nothing was changed.
var (
	ErrNoPassphrase    = errors.New("no office passphrase: set it on the Sync screen, or give --passphrase-file FILE or the OPSBENCH_PASSPHRASE environment variable")
	ErrWrongPassphrase = errors.New("wrong passphrase (or a damaged file header): this bundle cannot be opened with the office passphrase; check the passphrase and try again")
	ErrDamaged         = errors.New("the bundle is damaged or incomplete (changed, cut short, or still being copied); wait until it is fully copied, or export it again on the desk that wrote it")
	ErrEmptyFile       = errors.New("the file is empty: it is probably still being copied; try again when it is complete")
	ErrNotBundle       = fmt.Errorf("not an OpsBench sync bundle (.opsync); choose a file that OpsBench exported: %w", app.ErrForeignFile)
	ErrFolderMissing   = errors.New("the sync folder is not there (a disconnected drive, a renamed or unsynced cloud folder?); reconnect it or choose another folder on the Sync screen")
	ErrTooLarge        = errors.New("the file is too large to be a sync bundle")
	ErrKindMismatch    = fmt.Errorf("demo and real data never mix: %w", data.ErrDemoMismatch)
)

// NewerError refuses a bundle written by a newer OpsBench. It wraps
// app.ErrNewerSchema.
type NewerError struct {
	AppVersion      string // the writer's OpsBench version ("" when unknown)
	Format, Schema  int    // the bundle's
	MaxFormat, Have int    // what this build reads
}

func (e *NewerError) Error() string {
	v := "a newer version"
	if e.AppVersion != "" {
		v = "version " + e.AppVersion + " or later"
	}
	return fmt.Sprintf("the bundle was written by a newer OpsBench (bundle format %d, data format %d; this OpsBench reads up to %d and %d): update OpsBench to %s to import it",
		e.Format, e.Schema, e.MaxFormat, e.Have, v)
}

func (e *NewerError) Unwrap() error { return app.ErrNewerSchema }

// FileError is a failure about one file: Path is where, Err is what (and
// what to do).
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

func fileErr(path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) && fe.Path == path {
		return err
	}
	return &FileError{Path: path, Err: err}
}
