package bundle

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/opsbench/opsbench/data"
)

// testWorkFactor keeps scrypt fast in tests.
const testWorkFactor = 4

const testPass = "correct horse battery staple"

// testTablesSQL adds a record table and an append table that no code
// knows, registered in sync_table: sync must carry them all the same.
const testTablesSQL = `
CREATE TABLE gadget (
    id TEXT PRIMARY KEY NOT NULL, hlc TEXT NOT NULL, replica TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, field_hlc TEXT NOT NULL DEFAULT '{}',
    name TEXT NOT NULL DEFAULT '', qty INTEGER NOT NULL DEFAULT 0, price REAL,
    note TEXT, photo BLOB, local_seen TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE movement (
    id TEXT PRIMARY KEY NOT NULL, hlc TEXT NOT NULL, replica TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0, field_hlc TEXT NOT NULL DEFAULT '{}',
    sku TEXT NOT NULL, delta INTEGER NOT NULL
) STRICT;
CREATE TABLE scratch (k TEXT PRIMARY KEY, v TEXT) STRICT;
INSERT INTO sync_table (name, kind) VALUES ('gadget', 'record'), ('movement', 'append');
`

// newDesk opens a fresh database named name in its own folder, with the
// test tables when withTables is set.
func newDesk(tb testing.TB, name string, withTables bool) *data.Store {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "opsbench.db")
	s, err := data.Open(ctx, path, data.Options{ReplicaName: name})
	if err != nil {
		tb.Fatal(err)
	}
	if withTables {
		s.Close()
		execSQL(tb, path, testTablesSQL)
		if s, err = data.Open(ctx, path, data.Options{ReplicaName: name}); err != nil {
			tb.Fatal(err)
		}
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// execSQL runs statements on a closed database file directly.
func execSQL(tb testing.TB, path, q string) {
	tb.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		tb.Fatal(err)
	}
}

func exportOpts() ExportOptions {
	return ExportOptions{Passphrase: testPass, WorkFactor: testWorkFactor, AppVersion: "0.1.0"}
}

func importOpts() ImportOptions { return ImportOptions{Passphrase: testPass} }

// export writes a bundle of s to dir/name and returns its path.
func export(tb testing.TB, s *data.Store, path string, full bool) ExportResult {
	tb.Helper()
	o := exportOpts()
	o.Full = full
	res, err := ExportFile(context.Background(), s, path, o)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func importFiles(tb testing.TB, s *data.Store, paths ...string) ImportReport {
	tb.Helper()
	rep, err := Import(context.Background(), s, paths, importOpts())
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

func dump(tb testing.TB, s *data.Store, tombstones bool) string {
	tb.Helper()
	var b bytes.Buffer
	if err := Dump(context.Background(), s, &b, DumpOptions{Tombstones: tombstones}); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// exchange makes every desk import a full bundle of every other desk.
func exchange(tb testing.TB, desks ...*data.Store) {
	tb.Helper()
	dir := tb.TempDir()
	for round := 0; round < 2; round++ {
		for i, from := range desks {
			p := filepath.Join(dir, from.Replica().ID+".opsync")
			export(tb, from, p, true)
			for j, to := range desks {
				if i != j {
					importFiles(tb, to, p)
				}
			}
		}
	}
}
