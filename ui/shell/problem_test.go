package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// startOn starts a test UI on a database file (or on what is at path),
// with UI changes from background work queued for the test goroutine.
func startOn(t testing.TB, path string) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	u := New(a, Config{DBPath: path})
	q := &uiQueue{}
	u.do = q.add
	testQueues.Store(u, q)
	u.Start()
	settle(u)
	t.Cleanup(func() { u.win.Close() })
	return u
}

func TestSecondInstanceIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "opsbench.db")
	s, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := startOn(t, path)
	shown := texts(u.win.Content())
	if !contains(shown, u.tr.T("problem.locked.title")) || u.store != nil || !u.Failed() {
		t.Fatalf("a second instance did not say it is already open: %v", shown)
	}
}

func TestForeignFileIsRefusedUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte(strings.Repeat("my notes, not a database\n", 200))
	os.WriteFile(path, content, 0o644)
	u := startOn(t, path)
	shown := texts(u.win.Content())
	if !contains(shown, u.tr.T("problem.damaged.title")) {
		t.Fatalf("no explanation for a foreign file: %v", shown)
	}
	if !contains(shown, u.tr.T("problem.damaged.no_backup")) {
		t.Fatalf("no advice when there is no backup: %v", shown)
	}
	if b, _ := os.ReadFile(path); string(b) != string(content) {
		t.Fatal("the file was changed")
	}
}

func TestDamagedDatabaseOffersLatestBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "opsbench.db")
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true})
	s.SetMe(ctx, p.ID)
	if _, err := s.AutoBackup(ctx, data.BackupDaily); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Damage the header: the file no longer opens at all.
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	f.WriteAt([]byte("this header is broken!!!"), 0)
	f.Close()
	damaged, _ := os.ReadFile(path)

	u := startOn(t, path)
	content := u.win.Content()
	if !contains(texts(content), u.tr.T("problem.damaged.title")) {
		t.Fatalf("no damage explanation: %v", texts(content))
	}
	test.Tap(findButton(t, content, u.tr.T("problem.damaged.restore")))
	// Confirm in the dialog.
	confirmDialog(t, u, u.tr.T("backup.restore"))
	settle(u)
	if u.store == nil || u.shell == nil {
		t.Fatalf("not running after the restore: %v", texts(u.win.Content()))
	}
	me, err := u.store.Me(ctx)
	if err != nil || me.Name != "王芳" {
		t.Fatalf("restored data: %+v %v", me, err)
	}
	// The damaged file was kept aside, byte for byte.
	matches, _ := filepath.Glob(filepath.Join(dir, "opsbench.damaged-*.db"))
	if len(matches) != 1 {
		t.Fatalf("damaged file not kept aside: %v", matches)
	}
	if b, _ := os.ReadFile(matches[0]); string(b) != string(damaged) {
		t.Fatal("the kept file differs from the damaged one")
	}
}

// confirmDialog taps the button labelled action in the top dialog.
func confirmDialog(t *testing.T, u *UI, action string) {
	t.Helper()
	overlays := u.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no dialog open")
	}
	test.Tap(findButton(t, overlays[len(overlays)-1], action))
}
