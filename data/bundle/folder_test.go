package bundle

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

func folderOpts() FolderOptions {
	return FolderOptions{Passphrase: testPass, WorkFactor: testWorkFactor, AppVersion: "0.1.0"}
}

func round(t *testing.T, s *data.Store, dir string) FolderReport {
	t.Helper()
	rep, err := SyncFolder(context.Background(), s, dir, folderOpts())
	if err != nil {
		t.Fatalf("%s: %v", s.Replica().Name, err)
	}
	return rep
}

func fileStatus(rep FolderReport, name string) (FolderFile, bool) {
	for _, f := range rep.Files {
		if f.Name == name {
			return f, true
		}
	}
	return FolderFile{}, false
}

func TestFolderRoundsConverge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b, c := newDesk(t, "A", true), newDesk(t, "B", true), newDesk(t, "C", true)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.CreatePerson(ctx, app.Person{Name: "Bo", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	if err := c.AppendRecord(ctx, "movement", app.NewID(), map[string]any{"sku": "X", "delta": 1}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		for _, s := range []*data.Store{a, b, c} {
			round(t, s, dir)
		}
	}
	if da := dump(t, a, true); da != dump(t, b, true) || da != dump(t, c, true) {
		t.Fatal("desks differ after three folder rounds")
	}
	for _, s := range []*data.Store{a, b, c} {
		if _, err := os.Stat(filepath.Join(dir, OwnFileName(s.Replica().ID))); err != nil {
			t.Fatalf("%s wrote no file: %v", s.Replica().Name, err)
		}
	}
	// Nothing changed: a round imports nothing and rewrites nothing.
	own := filepath.Join(dir, OwnFileName(a.Replica().ID))
	st1, _ := os.Stat(own)
	rep := round(t, a, dir)
	st2, _ := os.Stat(own)
	if rep.Exported || !st1.ModTime().Equal(st2.ModTime()) {
		t.Error("an idle round rewrote the desk's file")
	}
	for _, f := range rep.Files {
		if f.Status != StatusUnchanged {
			t.Errorf("idle round: %s is %s", f.Name, f.Status)
		}
	}
	// The desk's own file removed by someone: the next round writes it again.
	os.Remove(own)
	if rep := round(t, a, dir); !rep.Exported {
		t.Error("the removed own file was not written again")
	}
	// Peers are known.
	peers, err := a.SyncPeers(ctx)
	if err != nil || len(peers) != 2 {
		t.Fatalf("peers %+v %v", peers, err)
	}
}

// Conflicted copies made by sync programs, and bundles under any name,
// are read like desks' files (merging is idempotent: the same content
// changes nothing twice); temporary files are left alone; broken files
// are refused with their reason, kept on later rounds.
func TestFolderReadsCopiesSkipsTemporaryAndBrokenFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, b := newDesk(t, "A", true), newDesk(t, "B", true)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	round(t, a, dir)
	aFile := OwnFileName(a.Replica().ID)
	raw, _ := os.ReadFile(filepath.Join(dir, aFile))
	id := a.Replica().ID
	const merged = "merged" // imported, or unchanged: the same content was imported from another name
	copies := map[string]string{
		id + " (conflicted copy 2026-11-27).opsync":          merged,
		id + " (1).opsync":                                   merged,
		id + "-DESKTOP-ABC123.opsync":                        merged,
		id + ".sync-conflict-20261127-101010-ABCDEFG.opsync": merged,
		id + " - 副本.opsync":                                  merged,
		"office backup.opsync":                               merged,
		"." + id + ".opsync.12345.tmp":                       StatusTemporary,
		id + ".opsync.partial":                               StatusTemporary,
		"01234567-89ab-7cde-8f01-23456789abcd.opsync":        StatusFailed, // truncated
		"11111111-2222-7333-8444-555555555555.opsync":        StatusEmpty,
		"22222222-3333-7444-8555-666666666666.opsync":        StatusFailed, // not a bundle
	}
	for name := range copies {
		content := raw
		switch {
		case strings.HasPrefix(name, "0123"):
			content = raw[:len(raw)/2]
		case strings.HasPrefix(name, "1111"):
			content = nil
		case strings.HasPrefix(name, "2222"):
			content = []byte("just some text")
		}
		os.WriteFile(filepath.Join(dir, name), content, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not ours"), 0o644)
	before := snapshot(t, b)
	rep := round(t, b, dir)
	imported := 0
	for name, want := range copies {
		f, ok := fileStatus(rep, name)
		got := f.Status
		if got == StatusImported || got == StatusUnchanged {
			got = merged
			if f.Status == StatusImported {
				imported++
			}
			if f.Desk() != "A" || !f.Copy {
				t.Errorf("%s: desk %q, copy %v", name, f.Desk(), f.Copy)
			}
		}
		if !ok || got != want {
			t.Errorf("%s: %+v, want %s", name, f, want)
		}
		if f.Status == StatusFailed && (f.Reason == "" || f.Code == "") {
			t.Errorf("%s failed without a reason", name)
		}
	}
	if _, ok := fileStatus(rep, "notes.txt"); ok {
		t.Error("an unrelated file was listed")
	}
	if f, _ := fileStatus(rep, aFile); f.Status != StatusImported && f.Status != StatusUnchanged {
		t.Fatalf("A's file: %+v", f)
	}
	if f, _ := fileStatus(rep, aFile); f.Status == StatusImported {
		imported++
	}
	if imported != 1 {
		t.Errorf("the same content was imported %d times", imported)
	}
	if rep.Outcome != OutcomePartial || len(rep.Failed()) != 2 {
		t.Errorf("outcome %q with %d failed files", rep.Outcome, len(rep.Failed()))
	}
	// Only A's real file was merged: the copies changed nothing more.
	if _, err := b.Person(ctx, mustPersonID(t, a, "Ann")); err != nil {
		t.Fatal(err)
	}
	_ = before
	// The broken files are not read again while unchanged; once the
	// truncated one is complete it is imported.
	truncated := "01234567-89ab-7cde-8f01-23456789abcd.opsync"
	rep = round(t, b, dir)
	if f, _ := fileStatus(rep, truncated); f.Status != StatusFailed || !strings.Contains(f.Reason, "damaged") || f.Code != CodeDamaged {
		t.Errorf("second round: the damaged file lost its reason: %+v", f)
	}
	os.WriteFile(filepath.Join(dir, truncated), raw, 0o644)
	rep = round(t, b, dir)
	if f, _ := fileStatus(rep, truncated); f.Status != StatusMismatch && f.Status != StatusUnchanged {
		t.Errorf("after completion: %+v", f)
	}
	state, err := LoadFolderState(ctx, b)
	if err != nil || state.Last == nil || len(state.Last.Files) == 0 {
		t.Fatalf("state %+v %v", state, err)
	}
}

func mustPersonID(t *testing.T, s *data.Store, name string) string {
	t.Helper()
	people, _ := s.People(context.Background())
	for _, p := range people {
		if p.Name == name {
			return p.ID
		}
	}
	t.Fatalf("no %s", name)
	return ""
}

// Sync programs (Syncthing, rsync) keep the writer's modification time: a
// complete file written "just now", or by a desk whose clock runs ahead,
// is imported in the same round; completeness is decided by opening it.
func TestFolderImportsCompleteFilesWhateverTheirTime(t *testing.T) {
	dir := t.TempDir()
	a, b := newDesk(t, "A", true), newDesk(t, "B", true)
	round(t, a, dir)
	name := OwnFileName(a.Replica().ID)
	future := time.Now().Add(90 * time.Second)
	if err := os.Chtimes(filepath.Join(dir, name), future, future); err != nil {
		t.Fatal(err)
	}
	if f, _ := fileStatus(round(t, b, dir), name); f.Status != StatusImported {
		t.Fatalf("%+v", f)
	}
	// A file cut short (still being copied) fails to open and is read
	// again once it changes.
	raw, _ := os.ReadFile(filepath.Join(dir, name))
	c := newDesk(t, "C", true)
	os.WriteFile(filepath.Join(dir, name), raw[:len(raw)-10], 0o644)
	if f, _ := fileStatus(round(t, c, dir), name); f.Status != StatusFailed || f.Code != CodeDamaged {
		t.Fatalf("cut file: %+v", f)
	}
	os.WriteFile(filepath.Join(dir, name), raw, 0o644)
	if f, _ := fileStatus(round(t, c, dir), name); f.Status != StatusImported {
		t.Fatalf("completed file: %+v", f)
	}
}

func TestFolderMissing(t *testing.T) {
	b := newDesk(t, "B", true)
	dir := filepath.Join(t.TempDir(), "OneDrive", "Office")
	os.MkdirAll(dir, 0o755)
	round(t, b, dir)
	before := snapshot(t, b)
	stateBefore, _ := b.Setting(context.Background(), data.SettingSyncFolderState)
	os.RemoveAll(filepath.Dir(dir))
	_, err := SyncFolder(context.Background(), b, dir, folderOpts())
	if !errors.Is(err, ErrFolderMissing) || !strings.Contains(err.Error(), dir) {
		t.Fatalf("err = %v", err)
	}
	if after := snapshot(t, b); after != before {
		t.Fatal("a missing folder changed the database")
	}
	if st, _ := b.Setting(context.Background(), data.SettingSyncFolderState); st != stateBefore {
		t.Error("a missing folder changed the folder state")
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the round created the missing folder")
	}
}

func TestClassifyName(t *testing.T) {
	own := "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"
	other := "0190aaaa-bbbb-7ccc-8ddd-ffffffffffff"
	tests := []struct{ name, replica, status string }{
		{own + ".opsync", own, StatusOwn},
		{other + ".opsync", other, ""},
		{other + " (conflicted copy).opsync", other, StatusConflicted},
		{other + " (Case Conflict).opsync", other, StatusConflicted},
		{other + " (2).opsync", other, StatusConflicted},
		{other + "-LAPTOP-7Q.opsync", other, StatusConflicted},
		{other + " 冲突副本.opsync", other, StatusConflicted},
		{"." + other + ".opsync.x1.tmp", "", StatusTemporary},
		{"~" + other + ".opsync", "", StatusTemporary},
		{other + ".opsync.crdownload", "", StatusTemporary},
		{"backup.opsync", "", StatusConflicted},
		{"report.xlsx", "", ""},
	}
	for _, tt := range tests {
		r, s := ClassifyName(tt.name, own)
		if r != tt.replica || s != tt.status {
			t.Errorf("%q: %q %q, want %q %q", tt.name, r, s, tt.replica, tt.status)
		}
	}
}
