package app

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by storage, sync and the screens. Storage maps
// driver errors onto these at its boundary so callers can decide what to
// tell the user with errors.Is.
var (
	ErrNotFound     = errors.New("not found")
	ErrNotDatabase  = errors.New("not an OpsBench database")
	ErrForeignFile  = errors.New("the file belongs to another application")
	ErrNewerSchema  = errors.New("the file was written by a newer OpsBench")
	ErrCorrupt      = errors.New("the database file is damaged")
	ErrLocked       = errors.New("OpsBench is already running on this database")
	ErrDiskFull     = errors.New("the disk is full")
	ErrReadOnly     = errors.New("the file or folder is not writable")
	ErrNoProfile    = errors.New("no user profile yet")
	ErrInvalidInput = errors.New("invalid input")
	// ErrDatabaseGone: the database file was deleted, moved or replaced
	// while OpsBench had it open; nothing more is written to it.
	ErrDatabaseGone = errors.New("the database file was deleted, moved or replaced while OpsBench was running; nothing more was saved: restore the newest backup or open the database where it is now")
	// ErrStale: a record changed elsewhere (a sync) since a form loaded it,
	// in a field the form changed too.
	ErrStale = errors.New("the record was changed on another desk since it was opened")
)

// SchemaError tells which schema version a file has and which this build
// understands. It wraps ErrNewerSchema.
type SchemaError struct {
	Path      string
	Found     int
	Supported int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("%s uses data format %d, this OpsBench understands up to %d: update OpsBench to open it", e.Path, e.Found, e.Supported)
}

func (e *SchemaError) Unwrap() error { return ErrNewerSchema }

// FieldError is a validation failure on one field of an entity. Code is a
// stable identifier (see the Code* constants) that screens translate.
type FieldError struct {
	Entity string
	Field  string
	Code   string
	Limit  int
}

// Validation codes carried by FieldError.
const (
	CodeRequired  = "required"
	CodeTooLong   = "too_long"
	CodeBadChoice = "bad_choice"
	CodeDuplicate = "duplicate"
	// CodeOutOfRange: the number is below 0 or above Limit.
	CodeOutOfRange = "out_of_range"
)

func (e *FieldError) Error() string {
	switch e.Code {
	case CodeRequired:
		return fmt.Sprintf("%s %s is required", e.Entity, e.Field)
	case CodeTooLong:
		return fmt.Sprintf("%s %s is longer than %d characters", e.Entity, e.Field, e.Limit)
	case CodeBadChoice:
		return fmt.Sprintf("%s %s is not one of the allowed values", e.Entity, e.Field)
	case CodeDuplicate:
		return fmt.Sprintf("another %s already has this %s", e.Entity, e.Field)
	case CodeOutOfRange:
		return fmt.Sprintf("%s %s must be between 0 and %d", e.Entity, e.Field, e.Limit)
	case CodeBeforeStart:
		return fmt.Sprintf("%s %s is before the start date", e.Entity, e.Field)
	case CodeNotNumber:
		return fmt.Sprintf("%s %s is not a number", e.Entity, e.Field)
	case CodeNotDate:
		return fmt.Sprintf("%s %s is not a date of the form YYYY-MM-DD", e.Entity, e.Field)
	}
	return fmt.Sprintf("%s %s is invalid", e.Entity, e.Field)
}

func (e *FieldError) Unwrap() error { return ErrInvalidInput }
