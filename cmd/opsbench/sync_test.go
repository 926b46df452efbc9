package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// deskDB makes a database with one person and returns its path.
func deskDB(t *testing.T, desk, person string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "opsbench.db")
	s, err := data.Open(context.Background(), path, data.Options{ReplicaName: desk})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreatePerson(context.Background(), app.Person{Name: person, Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// passFile writes the office passphrase to a file.
func passFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "office.pass")
	if err := os.WriteFile(p, []byte("our office passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSyncExportImportAndDump(t *testing.T) {
	t.Setenv("OPSBENCH_PASSPHRASE", "")
	a, b := deskDB(t, "desk A", "Ann"), deskDB(t, "desk B", "Bo")
	pf := passFile(t)
	dir := t.TempDir()
	fast := "--scrypt-work-factor=4"

	aOut := filepath.Join(dir, "a.opsync")
	code, out, errOut := cli(t, "--db", a, "sync", "export", "--out", aOut, "--passphrase-file", pf, fast)
	if code != 0 || !strings.Contains(out, "every row (full)") || !strings.Contains(out, "person") {
		t.Fatalf("export: %d %q %q", code, out, errOut)
	}
	code, out, errOut = cli(t, "--db", b, "sync", "import", aOut, "--passphrase-file", pf)
	if code != 0 || !strings.Contains(out, "imported from desk \"desk A\"") || !strings.Contains(out, "1 inserted") ||
		!strings.Contains(out, "backup taken before importing") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	code, out, _ = cli(t, "--db", b, "sync", "import", aOut, "--passphrase-file", pf)
	if code != 0 || !strings.Contains(out, "already imported") {
		t.Fatalf("second import: %d %q", code, out)
	}
	// The other way, with the passphrase from the environment.
	t.Setenv("OPSBENCH_PASSPHRASE", "our office passphrase")
	bOut := filepath.Join(dir, "b.opsync")
	if code, out, errOut := cli(t, "--db", b, "sync", "export", "--out", bOut, fast); code != 0 {
		t.Fatalf("export B: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := cli(t, "--db", a, "sync", "import", bOut); code != 0 {
		t.Fatalf("import into A: %d %q %q", code, out, errOut)
	}
	// Incremental: nothing changed on A since its export to aOut... but it
	// merged B's rows, which travel on.
	code, out, _ = cli(t, "--db", a, "sync", "export", "--out", aOut, fast)
	if code != 0 || !strings.Contains(out, "changes since the last export") {
		t.Fatalf("incremental export: %d %q", code, out)
	}
	if code, out, _ := cli(t, "--db", b, "sync", "import", aOut); code != 0 {
		t.Fatalf("%d %q", code, out)
	}
	_, da, _ := cli(t, "--db", a, "dump", "--json")
	_, db, _ := cli(t, "--db", b, "dump", "--json")
	if da != db {
		t.Fatalf("dumps differ:\n%s\n---\n%s", da, db)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(da), &doc); err != nil || !strings.Contains(da, `"Ann"`) || !strings.Contains(da, `"Bo"`) {
		t.Fatalf("dump: %v\n%s", err, da)
	}
	code, out, _ = cli(t, "--db", a, "sync", "status")
	if code != 0 || !strings.Contains(out, "desk desk B") || !strings.Contains(out, "open conflicts: 0") {
		t.Fatalf("status: %d %q", code, out)
	}
}

func TestSyncRefusals(t *testing.T) {
	t.Setenv("OPSBENCH_PASSPHRASE", "")
	a := deskDB(t, "A", "Ann")
	dir := t.TempDir()

	code, _, errOut := cli(t, "--db", a, "sync", "export", "--out", filepath.Join(dir, "x.opsync"))
	if code != exitFail || !strings.Contains(errOut, "--passphrase-file") {
		t.Fatalf("no passphrase: %d %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.opsync")); err == nil {
		t.Fatal("a bundle was written without a passphrase")
	}
	if code, _, _ := cli(t, "--db", a, "sync", "export"); code != exitUsage {
		t.Fatalf("export without --out: %d", code)
	}
	if code, _, _ := cli(t, "--db", a, "sync", "import"); code != exitUsage {
		t.Fatalf("import without files: %d", code)
	}
	pf := passFile(t)
	junk := filepath.Join(dir, "junk.opsync")
	os.WriteFile(junk, []byte("not a bundle"), 0o644)
	code, out, _ := cli(t, "--db", a, "sync", "import", junk, "--passphrase-file", pf)
	if code != exitFail || !strings.Contains(out, "NOT IMPORTED") || !strings.Contains(out, "not an OpsBench sync bundle") {
		t.Fatalf("junk: %d %q", code, out)
	}
	gone := filepath.Join(dir, "no", "folder")
	code, _, errOut = cli(t, "--db", a, "sync", "folder", gone, "--passphrase-file", pf)
	if code != exitFail || !strings.Contains(errOut, "the sync folder is not there") || !strings.Contains(errOut, gone) {
		t.Fatalf("missing folder: %d %q", code, errOut)
	}
	if code, _, errOut := cli(t, "--db", a, "sync", "import", junk, "--passphrase-file", filepath.Join(dir, "nope")); code != exitFail ||
		!strings.Contains(errOut, "cannot read the passphrase file") {
		t.Fatalf("missing passphrase file: %d %q", code, errOut)
	}
}

func TestSyncFolderRound(t *testing.T) {
	t.Setenv("OPSBENCH_PASSPHRASE", "our office passphrase")
	a, b := deskDB(t, "A", "Ann"), deskDB(t, "B", "Bo")
	dir := t.TempDir()
	if code, out, errOut := cli(t, "--db", a, "sync", "folder", dir, "--scrypt-work-factor=4"); code != 0 || !strings.Contains(out, "wrote this desk's file") {
		t.Fatalf("A: %d %q %q", code, out, errOut)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.Chtimes(filepath.Join(dir, e.Name()), mtimePast(), mtimePast()) // settled
	}
	code, out, errOut := cli(t, "--db", b, "sync", "folder", dir, "--scrypt-work-factor=4")
	if code != 0 || !strings.Contains(out, ": imported") {
		t.Fatalf("B: %d %q %q", code, out, errOut)
	}
}

func TestBackupAndRestore(t *testing.T) {
	a := deskDB(t, "A", "Ann")
	out := filepath.Join(t.TempDir(), "copy.db")
	code, stdout, errOut := cli(t, "--db", a, "backup", "--out", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("backup: %d %q %q", code, stdout, errOut)
	}
	if code, _, _ := cli(t, "--db", a, "backup", "--out", out); code != exitFail {
		t.Fatal("a backup overwrote an existing file")
	}
	// A change after the backup is undone by the restore.
	s, err := data.Open(context.Background(), a, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.CreatePerson(context.Background(), app.Person{Name: "later", Role: app.RoleOwner, Active: true})
	s.Close()
	code, stdout, errOut = cli(t, "--db", a, "restore", out)
	if code != 0 || !strings.Contains(stdout, "previous database was kept at") {
		t.Fatalf("restore: %d %q %q", code, stdout, errOut)
	}
	_, dump, _ := cli(t, "--db", a, "dump", "--json")
	if strings.Contains(dump, "later") || !strings.Contains(dump, "Ann") {
		t.Fatalf("after restore: %s", dump)
	}
	// Not a database: refused, nothing changed.
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("hello"), 0o644)
	code, _, errOut = cli(t, "--db", a, "restore", junk)
	if code != exitFail || !strings.Contains(errOut, "was not changed") {
		t.Fatalf("junk restore: %d %q", code, errOut)
	}
	_, dump2, _ := cli(t, "--db", a, "dump", "--json")
	if dump2 != dump {
		t.Fatal("a refused restore changed the data")
	}
}

// mtimePast is a modification time old enough for a folder round to
// trust that the file is complete.
func mtimePast() time.Time { return time.Now().Add(-time.Minute) }
