package data

import (
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"

	"github.com/opsbench/opsbench/app"
)

// mapErr turns driver errors a user can act on into app sentinels, keeping
// the driver's text for the details. Other errors pass through.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrCorrupt:
		return fmt.Errorf("%w (%v)", app.ErrCorrupt, err)
	case sqlite3.ErrNotADB:
		return fmt.Errorf("%w (%v)", app.ErrNotDatabase, err)
	case sqlite3.ErrFull:
		return fmt.Errorf("%w (%v)", app.ErrDiskFull, err)
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
		return fmt.Errorf("%w (%v)", app.ErrReadOnly, err)
	}
	return err
}
