package bundle

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/opsbench/opsbench/app"
)

// heldRename fails like Windows does while OneDrive or an antivirus
// scanner holds the target: the first `fails` renames report it busy.
func heldRename(fails int) (func(string, string) error, *int) {
	calls := 0
	return func(oldpath, newpath string) error {
		calls++
		if calls <= fails {
			return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: syscall.EBUSY}
		}
		return os.Rename(oldpath, newpath)
	}, &calls
}

// A file held for a moment is written once the other program lets go.
func TestRenameRetriesWhileHeld(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := newDesk(t, "A", false)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	o := folderOpts()
	var calls *int
	o.rename, calls = heldRename(2)
	rep, err := SyncFolder(ctx, a, dir, o)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Exported || rep.Busy || rep.Outcome != OutcomeOK || *calls != 3 {
		t.Fatalf("exported %v, busy %v, outcome %q after %d renames", rep.Exported, rep.Busy, rep.Outcome, *calls)
	}
	if _, err := os.Stat(filepath.Join(dir, OwnFileName(a.Replica().ID))); err != nil {
		t.Fatal(err)
	}
}

// A file held through every try does not fail the round: the other desks'
// files were imported, the folder is reported busy, no temporary file is
// left behind, and the next round writes the file.
func TestHeldFileMakesTheFolderBusy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	if _, err := b.CreatePerson(ctx, app.Person{Name: "Bo", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	round(t, b, dir)
	o := folderOpts()
	var calls *int
	o.rename, calls = heldRename(1 << 30)
	rep, err := SyncFolder(ctx, a, dir, o)
	if err != nil {
		t.Fatalf("a held file failed the round: %v", err)
	}
	if !rep.Busy || rep.Exported || rep.Outcome != OutcomeOK || *calls != renameTries {
		t.Fatalf("busy %v, exported %v, outcome %q after %d renames", rep.Busy, rep.Exported, rep.Outcome, *calls)
	}
	people, err := a.People(ctx)
	if err != nil || len(people) != 1 || people[0].Name != "Bo" {
		t.Fatalf("B's file was not imported during the busy round: %v %v", people, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, st := ClassifyName(e.Name(), a.Replica().ID); st == StatusTemporary {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	if rep := round(t, a, dir); !rep.Exported || rep.Busy {
		t.Fatalf("the next round: exported %v, busy %v", rep.Exported, rep.Busy)
	}
}

// Other rename errors are not retried: they are not a busy folder.
func TestRenameOtherErrorsNotRetried(t *testing.T) {
	calls := 0
	err := renameRetrying(func(string, string) error {
		calls++
		return &os.LinkError{Op: "rename", Err: syscall.ENOENT}
	}, "a", "b")
	if err == nil || calls != 1 {
		t.Fatalf("err %v after %d calls", err, calls)
	}
}
