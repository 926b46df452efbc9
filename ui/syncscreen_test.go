package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
)

const testSyncPass = "our office passphrase"

// openSyncScreen shows the Sync screen and returns it.
func openSyncScreen(t *testing.T, u *UI) *syncScreen {
	t.Helper()
	u.syncSession().workFactor = 4
	test.Tap(u.shell.buttons[navSync])
	s, ok := u.shell.screens[navSync].(*syncScreen)
	if !ok {
		t.Fatalf("the Sync screen is %T", u.shell.screens[navSync])
	}
	return s
}

func containsText(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

func TestSyncScreenPassphrase(t *testing.T) {
	for _, lang := range []string{LangEnglish, LangChinese} {
		t.Run(lang, func(t *testing.T) {
			u, _ := newTestUI(t, lang, withMe("王芳", app.RoleService))
			s := openSyncScreen(t, u)
			waitFor(t, u, "the passphrase status", func() bool {
				return contains(texts(u.shell.content), u.tr.T("sync.pass.none"))
			})
			if err := s.setPassphrase("short", "short"); err == nil || err.Error() != u.tr.T("sync.pass.short", "Min", bundle.MinPassphraseLen) {
				t.Fatalf("short passphrase: %v", err)
			}
			if err := s.setPassphrase(testSyncPass, testSyncPass+"x"); err == nil || err.Error() != u.tr.T("sync.pass.differ") {
				t.Fatalf("different passphrases: %v", err)
			}
			if err := s.setPassphrase(testSyncPass, testSyncPass); err != nil {
				t.Fatal(err)
			}
			waitFor(t, u, "the passphrase kept for the session", func() bool {
				return contains(texts(u.shell.content), u.tr.T("sync.pass.session"))
			})
			v, _ := u.store.Setting(context.Background(), data.SettingSyncVerifier)
			if v == "" || strings.Contains(v, testSyncPass) || !bundle.CheckVerifier(v, testSyncPass) {
				t.Fatalf("verifier %q", v)
			}
			// A new session (a restart without a keyring) asks again and
			// checks what is typed against the verifier.
			u.syncSession().pass = ""
			if err := s.unlock("wrong passphrase"); err == nil {
				t.Fatal("a wrong passphrase unlocked")
			}
			if err := s.unlock(testSyncPass); err != nil || u.syncSession().passphrase() != testSyncPass {
				t.Fatalf("unlock: %v", err)
			}
		})
	}
}

func TestSyncNowWithSharedFolder(t *testing.T) {
	u, _ := newTestUI(t, LangEnglish, withMe("Ann", app.RoleOwner))
	s := openSyncScreen(t, u)
	// Without a passphrase, Sync now says what to do.
	test.Tap(s.syncNow)
	dir := filepath.Join(t.TempDir(), "OneDrive")
	os.MkdirAll(dir, 0o755)
	if err := s.setPassphrase(testSyncPass, testSyncPass); err != nil {
		t.Fatal(err)
	}
	s.setFolder(dir) // what the folder dialog does; it starts a round
	waitFor(t, u, "the round to finish", func() bool {
		return s.status.Text == u.tr.T("sync.done", "Changed", 0, "Conflicts", 0)
	})
	own := filepath.Join(dir, bundle.OwnFileName(u.store.Replica().ID))
	if _, err := os.Stat(own); err != nil {
		t.Fatalf("this desk's file was not written: %v", err)
	}
	waitFor(t, u, "the folder status", func() bool {
		return contains(texts(u.shell.content), dir) && containsText(texts(u.shell.content), "Last round")
	})
	// Another desk's file and a conflicted copy in the folder.
	other := filepath.Join(t.TempDir(), "b.db")
	b, err := data.Open(context.Background(), other, data.Options{ReplicaName: "desk B"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.CreatePerson(context.Background(), app.Person{Name: "Bo", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	bFile := filepath.Join(dir, bundle.OwnFileName(b.Replica().ID))
	if _, err := bundle.ExportFile(context.Background(), b, bFile, bundle.ExportOptions{Passphrase: testSyncPass, WorkFactor: 4, Full: true}); err != nil {
		t.Fatal(err)
	}
	b.Close()
	copyName := b.Replica().ID + " (conflicted copy).opsync"
	raw, _ := os.ReadFile(bFile)
	os.WriteFile(filepath.Join(dir, copyName), raw, 0o644)
	past := mtimeAgo()
	os.Chtimes(bFile, past, past)
	test.Tap(s.syncNow)
	waitFor(t, u, "the second round", func() bool {
		return strings.HasPrefix(s.status.Text, "Sync finished") && s.status.Text != u.tr.T("sync.done", "Changed", 0, "Conflicts", 0)
	})
	if _, err := u.store.People(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A sync program's conflicted copy is read like the desk's file (issue
	// 8): it is not listed as skipped.
	waitFor(t, u, "desk B listed and the copy not skipped", func() bool {
		shown := texts(u.shell.content)
		return containsText(shown, "desk B") &&
			!contains(shown, u.tr.T("sync.file.line", "Name", copyName, "Reason", u.tr.T("sync.file.conflicted")))
	})
	// The folder disappears: a clear message, nothing changed.
	before, _ := u.store.SyncChangeSeq(context.Background())
	os.RemoveAll(dir)
	test.Tap(s.syncNow)
	waitFor(t, u, "the missing folder message", func() bool {
		return s.status.Text == u.tr.T("sync.folder.missing", "Path", dir)
	})
	if after, _ := u.store.SyncChangeSeq(context.Background()); after != before {
		t.Error("a round on a missing folder changed data")
	}
}

// withConflicts prepares a database whose person lost two fields to a
// later edit on desk B.
func withConflicts(t *testing.T) func(s *data.Store) {
	return func(a *data.Store) {
		ctx := context.Background()
		withMe("Ann", app.RoleOwner)(a)
		b, err := data.Open(ctx, filepath.Join(t.TempDir(), "b.db"), data.Options{ReplicaName: "desk B"})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		dir := t.TempDir()
		exp := func(s *data.Store, name string) string {
			res, err := bundle.ExportFile(ctx, s, filepath.Join(dir, name), bundle.ExportOptions{Passphrase: testSyncPass, WorkFactor: 4, Full: true})
			if err != nil {
				t.Fatal(err)
			}
			return res.Path
		}
		imp := func(s *data.Store, p string) {
			if _, err := bundle.Import(ctx, s, []string{p}, bundle.ImportOptions{Passphrase: testSyncPass}); err != nil {
				t.Fatal(err)
			}
		}
		imp(b, exp(a, "a1.opsync"))
		me, _ := a.Me(ctx)
		pa, pb := me, me
		pa.Name, pa.Role = "Ann on A", app.RoleFinance
		pb.Name, pb.Role = "Ann on B", app.RoleService
		if err := a.UpdatePerson(ctx, pa); err != nil {
			t.Fatal(err)
		}
		b.SetActor(app.Person{Name: "Bo"})
		if err := b.UpdatePerson(ctx, pb); err != nil {
			t.Fatal(err)
		}
		imp(a, exp(b, "b1.opsync"))
	}
}

func TestSyncConflictsKeepAndRestore(t *testing.T) {
	u, _ := newTestUI(t, LangEnglish, withConflicts(t))
	openSyncScreen(t, u)
	count := func(n int) string { return u.tr.T("sync.conflicts.count", "Count", n, "Shown", n) }
	waitFor(t, u, "two conflicts", func() bool { return contains(texts(u.shell.content), count(2)) })
	shown := texts(u.shell.content)
	record := u.tr.T("sync.conflict.record", "Entity", u.tr.T("entity.person"), "Name", "Ann on B")
	nameTitle := u.tr.T("sync.conflict.field", "Record", record, "Field", u.tr.T("field.person.name"))
	if !contains(shown, nameTitle) || !containsText(shown, "Overwritten: Ann on A") || !containsText(shown, "Now: Ann on B — Bo at desk desk B") {
		t.Fatalf("conflict rows: %v", shown)
	}
	// Keep one: it leaves the list.
	test.Tap(findButton(t, u.shell.content, u.tr.T("sync.conflict.keep")))
	waitFor(t, u, "one conflict left", func() bool { return contains(texts(u.shell.content), count(1)) })
	// Restore the other: the losing value is written again.
	remaining, _, _ := u.store.SyncConflicts(context.Background(), false, 0)
	test.Tap(findButton(t, u.shell.content, u.tr.T("sync.conflict.restore")))
	waitFor(t, u, "no conflict left", func() bool { return contains(texts(u.shell.content), u.tr.T("sync.conflicts.none")) })
	me, err := u.store.Me(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	switch remaining[0].Field {
	case "name":
		if me.Name != "Ann on A" {
			t.Fatalf("restored name %q", me.Name)
		}
	case "role":
		if me.Role != app.RoleFinance {
			t.Fatalf("restored role %q", me.Role)
		}
	}
}

func TestTodaySyncCard(t *testing.T) {
	u, _ := newTestUI(t, LangChinese, withConflicts(t))
	waitFor(t, u, "the sync card", func() bool {
		shown := texts(u.shell.content)
		return contains(shown, u.tr.T("sync.card.title")) && contains(shown, u.tr.T("sync.card.no_folder")) &&
			contains(shown, u.tr.T("sync.card.conflicts", "Count", 2))
	})
	test.Tap(findButton(t, u.shell.content, u.tr.T("sync.card.open")))
	if u.shell.current != navSync {
		t.Fatalf("the card's button opened %s", u.shell.current)
	}
}

// mtimeAgo is a modification time old enough for a round to trust that a
// file is complete.
func mtimeAgo() time.Time { return time.Now().Add(-time.Minute) }
