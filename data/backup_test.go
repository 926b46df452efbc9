package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// filledDB makes a closed database with enough rows to span many pages.
func filledDB(t *testing.T, dir string) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "opsbench.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		if _, err := s.CreatePerson(ctx, app.Person{Name: fmt.Sprintf("员工 %03d", i), Role: app.RoleOperations, Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// corrupt overwrites part of a b-tree page in the middle of the file,
// leaving the header intact, as a failing disk would.
func corrupt(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	if st.Size() < 5*4096 {
		t.Fatalf("file too small to corrupt: %d bytes", st.Size())
	}
	garbage := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	pages := st.Size() / 4096
	for _, page := range []int64{pages / 3, pages / 2, 2 * pages / 3} {
		if _, err := f.WriteAt(garbage, page*4096); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheck(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		path := filledDB(t, t.TempDir())
		rep, err := Check(ctx, path)
		if err != nil || !rep.OK() {
			t.Fatalf("Check = %+v, %v", rep, err)
		}
	})

	t.Run("ErrCorruptedCopy", func(t *testing.T) {
		path := filledDB(t, t.TempDir())
		corrupt(t, path)
		rep, err := Check(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK() || len(rep.Problems) == 0 {
			t.Fatalf("Check passed a corrupted file: %+v", rep)
		}
	})

	t.Run("ErrNotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.db")
		os.WriteFile(path, []byte(strings.Repeat("garbage ", 1000)), 0o644)
		rep, err := Check(ctx, path)
		if err != nil || rep.OK() {
			t.Fatalf("Check = %+v, %v; want a problem", rep, err)
		}
	})

	t.Run("ErrMissingFile", func(t *testing.T) {
		if _, err := Check(ctx, filepath.Join(t.TempDir(), "none.db")); err == nil {
			t.Fatal("Check of a missing file did not fail")
		}
	})
}

func TestBackups(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "opsbench.db"), Options{Now: clock, Backups: BackupPolicy{Keep: 3}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	took, err := s.DailyBackupIfDue(ctx)
	if err != nil || !took {
		t.Fatalf("first daily backup: %v, %v", took, err)
	}
	if took, _ := s.DailyBackupIfDue(ctx); took {
		t.Fatal("a second daily backup was taken the same day")
	}
	for i := 0; i < 4; i++ {
		now = now.Add(time.Hour)
		if _, err := s.AutoBackup(ctx, BackupImport); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("%d backups kept, want 3", len(list))
	}
	if !list[0].At.After(list[1].At) || list[0].Reason != BackupImport {
		t.Fatalf("backups not newest first: %+v", list)
	}
	rep, err := Check(ctx, list[0].Path)
	if err != nil || !rep.OK() {
		t.Fatalf("backup does not check: %+v, %v", rep, err)
	}
	if err := s.BackupTo(ctx, list[0].Path); err == nil {
		t.Fatal("BackupTo overwrote an existing file")
	}
}

func TestRestore(t *testing.T) {
	ctx := context.Background()

	t.Run("OKDamagedFileKeptAside", func(t *testing.T) {
		dir := t.TempDir()
		path := filledDB(t, dir)
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.AutoBackup(ctx, BackupDaily)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		corrupt(t, path)
		damaged, _ := os.ReadFile(path)

		kept, err := Restore(ctx, path, b.Path, BackupPolicy{})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(kept); string(got) != string(damaged) {
			t.Fatalf("the damaged file was not kept byte for byte at %s", kept)
		}
		s, err = Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if people, _ := s.People(ctx); len(people) != 300 {
			t.Fatalf("%d people after restore, want 300", len(people))
		}
	})

	t.Run("OKHealthyFileBackedUpFirst", func(t *testing.T) {
		dir := t.TempDir()
		path := filledDB(t, dir)
		other := filepath.Join(t.TempDir(), "empty.db")
		s, _ := Open(ctx, other, Options{})
		s.Close()
		kept, err := Restore(ctx, path, other, BackupPolicy{})
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(kept) != filepath.Join(dir, "backups") {
			t.Fatalf("previous database kept at %s, want the backup folder", kept)
		}
		s, err = Open(ctx, kept, Options{})
		if err != nil {
			t.Fatal(err)
		}
		n, _ := s.People(ctx)
		s.Close()
		if len(n) != 300 {
			t.Fatalf("kept copy has %d people", len(n))
		}
	})

	t.Run("ErrForeignBackupChangesNothing", func(t *testing.T) {
		dir := t.TempDir()
		path := filledDB(t, dir)
		before, _ := os.ReadFile(path)
		bogus := filepath.Join(dir, "bogus.db")
		os.WriteFile(bogus, []byte("hello"), 0o644)
		if _, err := Restore(ctx, path, bogus, BackupPolicy{}); err == nil {
			t.Fatal("restored from a non-database")
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Fatal("the database changed after a refused restore")
		}
	})

	t.Run("ErrLockedWhileOpen", func(t *testing.T) {
		dir := t.TempDir()
		path := filledDB(t, dir)
		s, _ := Open(ctx, path, Options{})
		defer s.Close()
		b, _ := s.AutoBackup(ctx, BackupManual)
		if _, err := Restore(ctx, path, b.Path, BackupPolicy{}); !errors.Is(err, app.ErrLocked) {
			t.Fatalf("got %v, want ErrLocked", err)
		}
	})
}
