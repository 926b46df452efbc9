package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// mustOpen opens a fresh database in a temp folder and closes it at the end.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "opsbench.db"), Options{ReplicaName: "test desk"})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func pragmaInt(t *testing.T, path, pragma string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", uri(path, probeParams))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA " + pragma).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrationsAreNumberedWithoutGaps(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || SchemaVersion() != len(ms) {
		t.Fatalf("SchemaVersion %d with %d migrations", SchemaVersion(), len(ms))
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()

	t.Run("OKFresh", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sub", "dir", "opsbench.db")
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got := pragmaInt(t, path, "user_version"); got != SchemaVersion() {
			t.Errorf("user_version = %d, want %d", got, SchemaVersion())
		}
		if got := pragmaInt(t, path, "application_id"); got != ApplicationID {
			t.Errorf("application_id = %#x, want %#x", got, ApplicationID)
		}
	})

	t.Run("OKReopenKeepsIdentity", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "opsbench.db")
		s, err := Open(ctx, path, Options{ReplicaName: "front desk"})
		if err != nil {
			t.Fatal(err)
		}
		first := s.Replica()
		p, err := s.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err = Open(ctx, path, Options{ReplicaName: "ignored"})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.Replica() != first || first.Name != "front desk" {
			t.Fatalf("replica %+v after reopen, want %+v", s.Replica(), first)
		}
		if _, err := s.Person(ctx, p.ID); err != nil {
			t.Fatalf("person lost after reopen: %v", err)
		}
	})

	t.Run("ErrLockedSecondOpen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "opsbench.db")
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(ctx, path, Options{})
		if !errors.Is(err, app.ErrLocked) {
			t.Fatalf("second open: %v, want ErrLocked", err)
		}
		s.Close()
		s2, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("open after close: %v", err)
		}
		s2.Close()
	})

	t.Run("ErrForeignSQLiteFileUnchanged", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		before, _ := os.ReadFile(path)
		_, err = Open(ctx, path, Options{})
		if !errors.Is(err, app.ErrForeignFile) {
			t.Fatalf("got %v, want ErrForeignFile", err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatal("the foreign file was modified")
		}
		if fileExists(path + "-wal") {
			t.Fatal("a WAL file was created beside the foreign file")
		}
	})

	t.Run("ErrNotADatabaseUnchanged", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		content := []byte("this is a shopping list, not a database\n" + string(make([]byte, 200)))
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(ctx, path, Options{})
		if !errors.Is(err, app.ErrNotDatabase) {
			t.Fatalf("got %v, want ErrNotDatabase", err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(content) {
			t.Fatal("the file was modified")
		}
	})

	t.Run("ErrNewerSchemaUnchanged", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "newer.db")
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.write.Exec("PRAGMA user_version = 999"); err != nil {
			t.Fatal(err)
		}
		s.Close()
		before, _ := os.ReadFile(path)
		_, err = Open(ctx, path, Options{})
		var se *app.SchemaError
		if !errors.As(err, &se) || se.Found != 999 || !errors.Is(err, app.ErrNewerSchema) {
			t.Fatalf("got %v, want a SchemaError for version 999", err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatal("the newer file was modified")
		}
	})

	t.Run("ErrUnwritableFolder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root can write anywhere")
		}
		dir := t.TempDir()
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o700)
		_, err := Open(ctx, filepath.Join(dir, "x", "opsbench.db"), Options{})
		if !errors.Is(err, app.ErrReadOnly) {
			t.Fatalf("got %v, want ErrReadOnly", err)
		}
	})
}

func TestOpenUpgradesOlderFileAfterBackup(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 2 {
		t.Skip("needs at least two migrations")
	}
	path := filepath.Join(t.TempDir(), "opsbench.db")
	raw, err := sql.Open("sqlite3", uri(path, writerParams))
	if err != nil {
		t.Fatal(err)
	}
	if err := applyMigration(ctx, raw, ms[0]); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, path, "user_version"); got != SchemaVersion() {
		t.Fatalf("user_version %d after upgrade, want %d", got, SchemaVersion())
	}
	list, err := s.Backups()
	if err != nil || len(list) != 1 || list[0].Reason != BackupMigration {
		t.Fatalf("backups %v (%v), want one migration backup", list, err)
	}
	if got := pragmaInt(t, list[0].Path, "user_version"); got != 1 {
		t.Fatalf("the backup has user_version %d, want the pre-upgrade 1", got)
	}

	// Opening again: current, so no further backup.
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Backups(); len(list) != 1 {
		t.Fatalf("a current file was backed up again on open: %v", list)
	}
}

func TestClockResumesAfterNewestWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "opsbench.db")
	late := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	s, err := Open(ctx, path, Options{Now: func() time.Time { return late }})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The wall clock is set back a day while OpsBench was closed.
	s, err = Open(ctx, path, Options{Now: func() time.Time { return late.Add(-24 * time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := rowHLC(t, s, "person", p.ID)
	p.Name = "Anne"
	if err := s.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	if after := rowHLC(t, s, "person", p.ID); after <= before {
		t.Fatalf("edit after the clock went back got hlc %s, not after %s", after, before)
	}
}

func rowHLC(t *testing.T, s *Store, table, id string) string {
	t.Helper()
	var h string
	if err := s.read.QueryRow("SELECT hlc FROM "+table+" WHERE id = ?", id).Scan(&h); err != nil {
		t.Fatal(err)
	}
	return h
}
