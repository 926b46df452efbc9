package syncui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

const testSyncPass = "our office passphrase"

// openSyncScreen shows the Sync screen over a database prepared by
// prepare, its bundles written with a low work factor.
func openSyncScreen(t *testing.T, lang string, prepare func(s *data.Store)) (*uitest.Env, *Screen) {
	t.Helper()
	e := uitest.NewEnv(t, lang, prepare)
	ss := NewSession(e, "test", 0)
	ss.workFactor = 4
	s := New(e, ss)
	e.Show(s)
	return e, s
}

// typePassphrase fills the passphrase dialog's entries and taps its
// button.
func typePassphrase(t *testing.T, e *uitest.Env, button string, texts ...string) fyne.CanvasObject {
	t.Helper()
	dlg := uitest.TopDialog(t, e.Window())
	entries := uitest.Entries(dlg)
	for i, text := range texts {
		uitest.Retype(entries[i], text)
	}
	test.Tap(uitest.FindButton(t, dlg, button))
	e.Settle()
	return dlg
}

func TestSyncScreenPassphrase(t *testing.T) {
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		t.Run(lang, func(t *testing.T) {
			e, s := openSyncScreen(t, lang, uitest.WithMe("王芳", app.RoleService))
			e.WaitFor(t, "the passphrase status", func() bool {
				return uitest.Contains(uitest.Texts(s.root), e.T("sync.pass.none"))
			})
			// Through the set-up dialog: a short passphrase and two that
			// differ are refused with the dialog kept open.
			test.Tap(s.passButton)
			dlg := typePassphrase(t, e, e.T("action.save"), "short", "short")
			if !uitest.Contains(uitest.Texts(dlg), e.T("sync.pass.short", "Min", bundle.MinPassphraseLen)) {
				t.Fatalf("short passphrase: %v", uitest.Texts(dlg))
			}
			dlg = typePassphrase(t, e, e.T("action.save"), testSyncPass, testSyncPass+"x")
			if !uitest.Contains(uitest.Texts(dlg), e.T("sync.pass.differ")) {
				t.Fatalf("different passphrases: %v", uitest.Texts(dlg))
			}
			typePassphrase(t, e, e.T("action.save"), testSyncPass, testSyncPass)
			e.WaitFor(t, "the passphrase kept for the session", func() bool {
				return uitest.Contains(uitest.Texts(s.root), e.T("sync.pass.session"))
			})
			if top := e.Window().Canvas().Overlays().Top(); top != nil {
				t.Fatalf("the dialog stayed open: %v", uitest.Texts(top))
			}
			v, _ := e.Store().Setting(context.Background(), data.SettingSyncVerifier)
			if v == "" || strings.Contains(v, testSyncPass) || !bundle.CheckVerifier(v, testSyncPass) {
				t.Fatalf("verifier %q", v)
			}
			// A new session (a restart without a keyring) asks again and
			// checks what is typed against the verifier.
			s.ss.pass = ""
			s.Load()
			e.Settle()
			test.Tap(s.passButton)
			dlg = typePassphrase(t, e, e.T("sync.pass.unlock"), "wrong passphrase")
			if s.ss.passphrase() != "" || !uitest.Contains(uitest.Texts(dlg), e.T("sync.pass.wrong")) {
				t.Fatalf("a wrong passphrase unlocked: %v", uitest.Texts(dlg))
			}
			typePassphrase(t, e, e.T("sync.pass.unlock"), testSyncPass)
			if s.ss.passphrase() != testSyncPass {
				t.Fatal("the right passphrase did not unlock")
			}
		})
	}
}

// setPassphrase sets the office passphrase through the dialog.
func setPassphrase(t *testing.T, e *uitest.Env, s *Screen) {
	t.Helper()
	test.Tap(s.passButton)
	typePassphrase(t, e, e.T("action.save"), testSyncPass, testSyncPass)
}

func TestSyncNowWithSharedFolder(t *testing.T) {
	e, s := openSyncScreen(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	// Without a passphrase, Sync now says what to do.
	test.Tap(s.syncNow)
	if !uitest.Contains(uitest.Texts(uitest.TopDialog(t, e.Window())), e.T("sync.need_pass")) {
		t.Fatal("Sync now without a passphrase does not say what to do")
	}
	dir := filepath.Join(t.TempDir(), "共享盘 OneDrive")
	os.MkdirAll(dir, 0o755)
	setPassphrase(t, e, s)
	s.setFolder(dir) // what the folder dialog does; it starts a round
	e.WaitFor(t, "the round to finish", func() bool {
		return s.status.Text == doneText(e.Translator(), 0, 0)
	})
	own := filepath.Join(dir, bundle.OwnFileName(e.Store().Replica().ID))
	if _, err := os.Stat(own); err != nil {
		t.Fatalf("this desk's file was not written: %v", err)
	}
	e.WaitFor(t, "the folder status", func() bool {
		return uitest.Contains(uitest.Texts(s.root), dir) && uitest.ContainsText(uitest.Texts(s.root), "Last round")
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
	e.WaitFor(t, "the second round", func() bool {
		return strings.HasPrefix(s.status.Text, "Sync finished") && s.status.Text != doneText(e.Translator(), 0, 0)
	})
	if _, err := e.Store().People(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A sync program's conflicted copy is read like the desk's file (issue
	// 8): it is not listed as skipped.
	e.WaitFor(t, "desk B listed and the copy not skipped", func() bool {
		shown := uitest.Texts(s.root)
		return uitest.ContainsText(shown, "desk B") &&
			!uitest.ContainsText(shown, "was not read")
	})
	// The folder disappears: a clear message, nothing changed.
	before, _ := e.Store().SyncChangeSeq(context.Background())
	os.RemoveAll(dir)
	test.Tap(s.syncNow)
	e.WaitFor(t, "the missing folder message", func() bool {
		return s.status.Text == e.T("sync.folder.missing", "Path", dir)
	})
	if after, _ := e.Store().SyncChangeSeq(context.Background()); after != before {
		t.Error("a round on a missing folder changed data")
	}
}

// withConflicts prepares a database whose person lost two fields to a
// later edit on desk B.
func withConflicts(t *testing.T) func(s *data.Store) {
	return func(a *data.Store) {
		ctx := context.Background()
		uitest.WithMe("Ann", app.RoleOwner)(a)
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
	e, s := openSyncScreen(t, ui.LangEnglish, withConflicts(t))
	count := func(n int) string { return e.T("sync.conflicts.count", "Count", n, "Shown", n) }
	e.WaitFor(t, "two conflicts", func() bool { return uitest.Contains(uitest.Texts(s.root), count(2)) })
	shown := uitest.Texts(s.root)
	record := e.T("sync.conflict.record", "Entity", e.T("entity.person"), "Name", "Ann on B")
	nameTitle := e.T("sync.conflict.field", "Record", record, "Field", e.T("field.person.name"))
	if !uitest.Contains(shown, nameTitle) || !uitest.ContainsText(shown, "Overwritten: Ann on A") || !uitest.ContainsText(shown, "Now: Ann on B — Bo at desk desk B") {
		t.Fatalf("conflict rows: %v", shown)
	}
	// Keep one: it leaves the list.
	test.Tap(uitest.FindButton(t, s.root, e.T("sync.conflict.keep")))
	e.WaitFor(t, "one conflict left", func() bool { return uitest.Contains(uitest.Texts(s.root), count(1)) })
	// Restore the other: the losing value is written again.
	remaining, _, _ := e.Store().SyncConflicts(context.Background(), false, 0)
	test.Tap(uitest.FindButton(t, s.root, e.T("sync.conflict.restore")))
	e.WaitFor(t, "no conflict left", func() bool { return uitest.Contains(uitest.Texts(s.root), e.T("sync.conflicts.none")) })
	me, err := e.Store().Me(context.Background())
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
	e := uitest.NewEnv(t, ui.LangChinese, withConflicts(t))
	cards := TodayCards(e)
	build, err := cards[0].Load(e.Store())
	if err != nil {
		t.Fatal(err)
	}
	card := build()
	shown := uitest.Texts(card)
	if cards[0].Title != e.T("sync.card.title") || !uitest.Contains(shown, e.T("sync.card.no_folder")) ||
		!uitest.Contains(shown, e.T("sync.card.conflicts", "Count", 2)) {
		t.Fatalf("the sync card shows %q: %v", cards[0].Title, shown)
	}
	test.Tap(uitest.FindButton(t, card, e.T("sync.card.open")))
	if len(e.Navigated) != 1 || e.Navigated[0] != ui.ScreenSync {
		t.Fatalf("the card's button opened %v", e.Navigated)
	}
}

// mtimeAgo is a modification time old enough for a round to trust that a
// file is complete.
func mtimeAgo() time.Time { return time.Now().Add(-time.Minute) }
