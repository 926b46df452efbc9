package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/opsbench/opsbench/app"
)

// Report is the outcome of Check.
type Report struct {
	Path      string
	Version   int
	Supported int
	// Outdated is set when the file's data format is older than this
	// build's: opening it with OpsBench upgrades it.
	Outdated bool
	// Problems are damage or refusal reasons, one line each.
	Problems []string
}

// OK reports whether Check found nothing wrong.
func (r Report) OK() bool { return len(r.Problems) == 0 && !r.Outdated }

// Messages lists everything Check found, one line each.
func (r Report) Messages() []string {
	out := append([]string(nil), r.Problems...)
	if r.Outdated {
		out = append(out, fmt.Sprintf("data format %d is older than this OpsBench's %d: open it once with OpsBench to upgrade it", r.Version, r.Supported))
	}
	return out
}

// maxCheckProblems bounds the problems integrity_check reports: beyond a
// few, more lines tell the user nothing new.
const maxCheckProblems = 50

// Check examines a database file without changing it: that it is an
// OpsBench database with current migrations, that SQLite's integrity
// check passes and that no foreign key is broken. Problems found are in
// the report; the error is for when the file cannot be examined at all.
func Check(ctx context.Context, path string) (Report, error) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	rep := Report{Path: path, Supported: SchemaVersion()}
	info, err := Inspect(ctx, path)
	switch {
	case errors.Is(err, app.ErrNotDatabase) || errors.Is(err, app.ErrCorrupt):
		rep.Problems = append(rep.Problems, "the file is not an SQLite database or its header is damaged")
		return rep, nil
	case err != nil:
		return rep, err
	case !info.Exists:
		return rep, fmt.Errorf("%s: no such file", path)
	}
	rep.Version = info.UserVersion
	if err := checkOurs(path, info); err != nil {
		rep.Problems = append(rep.Problems, err.Error())
		return rep, nil
	}
	rep.Outdated = info.UserVersion < rep.Supported
	db, err := openReadOnly(path)
	if err != nil {
		return rep, err
	}
	defer db.Close()
	rep.Problems = append(rep.Problems, pragmaRows(ctx, db, fmt.Sprintf("PRAGMA integrity_check(%d)", maxCheckProblems), "ok")...)
	rep.Problems = append(rep.Problems, foreignKeyProblems(ctx, db)...)
	return rep, nil
}

// pragmaRows runs a pragma returning one text column and returns its rows
// other than okValue; a failure to run it is itself a problem.
func pragmaRows(ctx context.Context, db *sql.DB, q, okValue string) []string {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return []string{fmt.Sprintf("%s failed: %v", q, err)}
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return append(out, err.Error())
		}
		if v != okValue {
			out = append(out, v)
		}
	}
	if err := rows.Err(); err != nil {
		out = append(out, fmt.Sprintf("%s failed: %v", q, err))
	}
	return out
}

func foreignKeyProblems(ctx context.Context, db *sql.DB) []string {
	rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return []string{fmt.Sprintf("foreign key check failed: %v", err)}
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return append(out, err.Error())
		}
		out = append(out, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		out = append(out, fmt.Sprintf("foreign key check failed: %v", err))
	}
	return out
}

// QuickCheck runs SQLite's quick check on the open database (used after
// start-up, in the background, to notice damage early).
func (s *Store) QuickCheck(ctx context.Context) []string {
	return pragmaRows(ctx, s.read, "PRAGMA quick_check(10)", "ok")
}

func openReadOnly(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", uri(path, readerParams))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}
