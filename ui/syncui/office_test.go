package syncui

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
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// deskB opens a second desk beside the test's.
func deskB(t *testing.T, opts data.Options) *data.Store {
	t.Helper()
	if opts.ReplicaName == "" {
		opts.ReplicaName = "desk B"
	}
	b, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "b.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	b.SetActor(app.Person{Name: "Bo"})
	return b
}

// carry brings from's changes to to through a bundle file (the
// import's error is returned: a refused bundle is one).
func carry(t *testing.T, from, to *data.Store) error {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bundle.opsync")
	if _, err := bundle.ExportFile(ctx, from, path, bundle.ExportOptions{Passphrase: testSyncPass, WorkFactor: 4, Full: true}); err != nil {
		t.Fatal(err)
	}
	_, err := bundle.Import(ctx, to, []string{path}, bundle.ImportOptions{Passphrase: testSyncPass})
	return err
}

func shownText(s *Screen) string { return strings.Join(uitest.Texts(s.root), "\n") }

// Two desks each make a scenario "Plan": the Sync screen lists them as
// the same name on two desks; keeping one leaves one, and both desks
// agree.
func TestSameNameOnTwoDesks(t *testing.T) {
	ctx := context.Background()
	plan := func(s *data.Store) {
		if _, err := s.SaveScenario(ctx, app.SavedScenario{Name: "Plan", Body: "capital = 1000\n"}); err != nil {
			t.Fatal(err)
		}
	}
	b := deskB(t, data.Options{})
	plan(b)
	e, s := openSyncScreen(t, ui.LangEnglish, func(a *data.Store) {
		uitest.WithMe("Ann", app.RoleOwner)(a)
		plan(a)
		if err := carry(t, b, a); err != nil {
			t.Fatal(err)
		}
	})
	group := e.T("sync.names.group", "Entity", e.T("entity.scenario"), "Name", "Plan", "Count", 2)
	if !s.names.Visible() || !strings.Contains(shownText(s), group) || !strings.Contains(shownText(s), "desk B") {
		t.Fatalf("no same-name group:\n%s", shownText(s))
	}
	// Rename one: both stay, under two names.
	test.Tap(uitest.FindButton(t, s.namesList, e.T("sync.names.rename")))
	dlg := uitest.TopDialog(t, e.Window())
	uitest.Retype(uitest.Entries(dlg)[0], "Plan B")
	test.Tap(uitest.FindButton(t, dlg, e.T("sync.names.rename")))
	e.Settle()
	list, _ := e.Store().Scenarios(ctx)
	if len(list) != 2 || s.names.Visible() {
		t.Fatalf("after renaming: %d scenarios, the group still shown: %v", len(list), s.names.Visible())
	}
	names := map[string]bool{list[0].Name: true, list[1].Name: true}
	if !names["Plan"] || !names["Plan B"] {
		t.Fatalf("names after renaming: %v", names)
	}
}

// Keep one of two records with one name: the other is removed and the
// group leaves the screen.
func TestSameNameKeepOne(t *testing.T) {
	ctx := context.Background()
	b := deskB(t, data.Options{})
	if _, err := b.SaveScenario(ctx, app.SavedScenario{Name: "Plan", Body: "capital = 1000\n"}); err != nil {
		t.Fatal(err)
	}
	e, s := openSyncScreen(t, ui.LangChinese, func(a *data.Store) {
		uitest.WithMe("王芳", app.RoleOwner)(a)
		if _, err := a.SaveScenario(ctx, app.SavedScenario{Name: "Plan", Body: "capital = 2000\n"}); err != nil {
			t.Fatal(err)
		}
		if err := carry(t, b, a); err != nil {
			t.Fatal(err)
		}
	})
	test.Tap(uitest.FindButton(t, s.namesList, e.T("sync.names.keep")))
	uitest.TapInDialog(t, e.Window(), e.T("sync.names.keep"))
	e.Settle()
	list, _ := e.Store().Scenarios(ctx)
	if len(list) != 1 || s.names.Visible() {
		t.Fatalf("after keeping one: %v, group shown %v", list, s.names.Visible())
	}
	groups, _ := e.Store().SameNameGroups(ctx)
	if len(groups) != 0 {
		t.Fatalf("groups left: %v", groups)
	}
}

// A database copied to another place asks once whether it is a new desk
// or moved here, says so on the Sync screen until answered, and a new
// desk gets a new desk id.
func TestCopiedDatabaseAsksOnce(t *testing.T) {
	ctx := context.Background()
	e, s := openSyncScreen(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	// Copy the database file, as a person setting up a new PC does.
	orig := e.Store()
	oldID := orig.Replica().ID
	copyPath := filepath.Join(t.TempDir(), "copied", "opsbench.db")
	if err := os.MkdirAll(filepath.Dir(copyPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := orig.BackupTo(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	cp, err := data.Open(ctx, copyPath, data.Options{Machine: data.Machine{Host: "NEW-PC", ID: "2"}})
	if err != nil {
		t.Fatal(err)
	}
	orig.Close()
	e.SetStore(cp)
	ss := NewSession(e, "test", 0)
	s = New(e, ss)
	e.Show(s)
	if !strings.Contains(shownText(s), e.T("sync.copy.title")) || !strings.Contains(shownText(s), "NEW-PC") {
		t.Fatalf("the Sync screen does not ask about the copy:\n%s", shownText(s))
	}
	AskDeskCopy(e, ss)
	e.Settle()
	if !strings.Contains(uitest.DialogText(t, e.Window()), e.T("sync.copy.new")) {
		t.Fatal("the question is not asked")
	}
	uitest.TapInDialog(t, e.Window(), e.T("sync.copy.later"))
	AskDeskCopy(e, ss)
	e.Settle()
	if top := e.Window().Canvas().Overlays().Top(); top != nil {
		t.Fatalf("asked twice in one session: %v", uitest.Texts(top))
	}
	// Answered on the Sync screen: a new desk, named.
	test.Tap(uitest.FindButton(t, s.attention, e.T("sync.copy.new")))
	dlg := uitest.TopDialog(t, e.Window())
	test.Type(uitest.Entries(dlg)[0], "Front desk")
	test.Tap(uitest.FindButton(t, dlg, e.T("sync.copy.new_do")))
	e.Settle()
	if cp.Replica().ID == oldID || cp.Replica().Name != "Front desk" {
		t.Fatalf("desk %+v after answering new desk", cp.Replica())
	}
	if strings.Contains(shownText(s), e.T("sync.copy.title")) {
		t.Fatal("the question stays after it was answered")
	}
}

// A desk whose clock is years ahead is refused and named with its clock;
// this desk's own clock ahead can be repaired.
func TestWrongClocks(t *testing.T) {
	ctx := context.Background()
	future := func() time.Time { return time.Now().AddDate(6, 0, 0) }
	b := deskB(t, data.Options{Now: future})
	if _, err := b.CreatePerson(ctx, app.Person{Name: "Bo", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	// This desk made a change while its date was six years ahead.
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	wrong, err := data.Open(ctx, path, data.Options{ReplicaName: "desk A", Now: future})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wrong.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	wrong.Close()
	a, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := uitest.NewEnv(t, ui.LangEnglish, nil)
	old := e.Store()
	e.SetStore(a)
	old.Close()
	if err := carry(t, b, a); err == nil {
		t.Fatal("a bundle six years ahead was imported")
	}
	s := New(e, NewSession(e, "test", 0))
	e.Show(s)
	shown := shownText(s)
	year := time.Now().AddDate(6, 0, 0).Format("2006")
	if !strings.Contains(shown, e.T("sync.refused.title", "Desk", "desk B")) || !strings.Contains(shown, year+"-") {
		t.Fatalf("the refused desk and its clock are not named:\n%s", shown)
	}
	if !strings.Contains(shown, e.T("sync.clock.title")) {
		t.Fatalf("this desk's clock ahead is not said:\n%s", shown)
	}
	test.Tap(uitest.FindButton(t, s.attention, e.T("sync.clock.repair")))
	e.Settle()
	if a.OwnClockAhead() != 0 || strings.Contains(shownText(s), e.T("sync.clock.title")) {
		t.Fatalf("the clock was not repaired: %v", a.OwnClockAhead())
	}
}

// A capital changed on two desks reads as a conflict on the scenario's
// capital with both amounts as money, who changed each and when: no raw
// file, no ISO time.
func TestScenarioConflictIsReadable(t *testing.T) {
	ctx := context.Background()
	b := deskB(t, data.Options{})
	e, s := openSyncScreen(t, ui.LangEnglish, func(a *data.Store) {
		uitest.WithMe("Ann", app.RoleOwner)(a)
		sc, err := a.SaveScenario(ctx, app.SavedScenario{Name: "Plan", Body: "capital = 100000\nbase_currency = 'CNY'\n"})
		if err != nil {
			t.Fatal(err)
		}
		if err := carry(t, a, b); err != nil {
			t.Fatal(err)
		}
		sc.Body = "capital = 150000\nbase_currency = 'CNY'\n"
		if _, err := a.SaveScenario(ctx, sc); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // desk B's edit is the later one
		sb, _ := b.Scenario(ctx, sc.ID)
		sb.Body = "capital = 120000\nbase_currency = 'CNY'\n"
		if _, err := b.SaveScenario(ctx, sb); err != nil {
			t.Fatal(err)
		}
		if err := carry(t, b, a); err != nil {
			t.Fatal(err)
		}
	})
	shown := shownText(s)
	title := e.T("sync.conflict.field", "Record", e.T("sync.conflict.record", "Entity", e.T("entity.scenario"), "Name", "Plan"), "Field", e.T("field.scenario.body.capital"))
	for _, want := range []string{title, "¥150,000", "¥120,000", "Bo at desk desk B"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the conflict does not show %q:\n%s", want, shown)
		}
	}
	for _, raw := range []string{"capital =", "body/", "T1", "Z\n", "updated"} {
		if strings.Contains(shown, raw) {
			t.Errorf("the screen shows raw %q:\n%s", raw, shown)
		}
	}
	// Restoring it writes the capital back and only that key.
	test.Tap(uitest.FindButton(t, s.conflicts, e.T("sync.conflict.restore")))
	e.Settle()
	sc, _ := e.Store().Scenarios(ctx)
	if !strings.Contains(sc[0].Body, "150000") || !strings.Contains(sc[0].Body, "CNY") {
		t.Fatalf("after restoring: %q", sc[0].Body)
	}
}

// Restoring a conflict at the end of a long page never leaves the page
// scrolled past its end (a blank page).
func TestRestoreConflictKeepsPageShown(t *testing.T) {
	ctx := context.Background()
	b := deskB(t, data.Options{})
	const people = 12
	e, s := openSyncScreen(t, ui.LangEnglish, func(a *data.Store) {
		uitest.WithMe("Ann", app.RoleOwner)(a)
		var list []app.Person
		for i := range people {
			p, err := a.CreatePerson(ctx, app.Person{Name: "P" + string(rune('a'+i)), Role: app.RoleService, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			list = append(list, p)
		}
		if err := carry(t, a, b); err != nil {
			t.Fatal(err)
		}
		for _, p := range list {
			p.Note = "here"
			if err := a.UpdatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(2 * time.Millisecond)
		for _, p := range list {
			p.Note = "there"
			if err := b.UpdatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := carry(t, b, a); err != nil {
			t.Fatal(err)
		}
	})
	e.Window().Resize(uitest.Size)
	if s.last.open != people {
		t.Fatalf("%d conflicts", s.last.open)
	}
	s.scroll.ScrollToBottom()
	for range 3 {
		buttons := uitest.FindButton(t, s.conflicts.Objects[len(s.conflicts.Objects)-1], e.T("sync.conflict.restore"))
		test.Tap(buttons)
		e.Settle()
		content := s.scroll.Content.MinSize().Height
		if end := max(0, content-s.scroll.Size().Height); s.scroll.Offset.Y > end+1 {
			t.Fatalf("scrolled to %v past the page's end %v: a blank page", s.scroll.Offset.Y, end)
		}
	}
}

// A damaged file keeps its reason on later rounds, a file written with
// another passphrase says so plainly, and both name the desk.
func TestFolderFileReasons(t *testing.T) {
	ctx := context.Background()
	e, s := openSyncScreen(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	dir := filepath.Join(t.TempDir(), "共享 盘")
	os.MkdirAll(dir, 0o755)
	b := deskB(t, data.Options{})
	if _, err := bundle.ExportFile(ctx, b, filepath.Join(dir, bundle.OwnFileName(b.Replica().ID)),
		bundle.ExportOptions{Passphrase: "another passphrase", WorkFactor: 4, Full: true}); err != nil {
		t.Fatal(err)
	}
	damaged := "0190a0a0-0000-7000-8000-000000000001"
	os.WriteFile(filepath.Join(dir, damaged+".opsync"), []byte("age-encryption.org/v1\n-> scrypt broken"), 0o644)
	setPassphrase(t, e, s)
	s.setFolder(dir)
	e.Settle()
	wrongPass := e.T("sync.file.line_unknown", "File", b.Replica().ID[:8]+"…", "Reason", e.T("sync.file.wrong_pass"))
	damagedLine := e.T("sync.file.line_unknown", "File", damaged[:8]+"…", "Reason", e.T("sync.file.damaged"))
	for round := 1; round <= 2; round++ {
		shown := shownText(s)
		if !strings.Contains(shown, wrongPass) || !strings.Contains(shown, damagedLine) {
			t.Fatalf("round %d does not explain the files:\n%s", round, shown)
		}
		if strings.Contains(shown, "0 records") || strings.Contains(shown, e.T("sync.reason.other")) {
			t.Fatalf("round %d reads as a failure or an internal error:\n%s", round, shown)
		}
		test.Tap(s.syncNow)
		e.Settle()
	}
	if top := e.Window().Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a mistyped passphrase shows an error dialog: %v", uitest.Texts(top))
	}
}

// The data folder is refused as the shared folder, with a message and
// the folder chosen before kept.
func TestDataFolderRefused(t *testing.T) {
	e, s := openSyncScreen(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	s.setFolder(filepath.Join(filepath.Dir(e.Path)))
	e.Settle()
	if msg := uitest.DialogText(t, e.Window()); !strings.Contains(msg, e.T("sync.reason.data_folder")) {
		t.Fatalf("the data folder is not refused plainly: %s", msg)
	}
	if v, _ := e.Store().Setting(context.Background(), data.SettingSyncFolder); v != "" {
		t.Fatalf("the data folder was stored: %q", v)
	}
}

// Every reason a round or a file gives reads in words in both languages,
// never as the error's English text or a command-line flag.
func TestReasonsReadInWords(t *testing.T) {
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		_, s := openSyncScreen(t, lang, nil)
		for _, code := range []string{bundle.CodeFolderMissing, bundle.CodeFolderReadOnly, bundle.CodeDataFolder, bundle.CodeDeskCopy,
			bundle.CodeFolderBusy, bundle.CodeDiskFull, bundle.CodeCancelled, bundle.CodeWrongPassphrase, bundle.CodeOther} {
			msg := s.roundReason(code, "/office/共享")
			if msg == "" || strings.Contains(msg, "--db") || strings.Contains(msg, "sync.") || strings.Contains(msg, ".tmp") {
				t.Errorf("%s round %s: %q", lang, code, msg)
			}
		}
		for _, code := range []string{bundle.CodeWrongPassphrase, bundle.CodeDamaged, bundle.CodeNotBundle, bundle.CodeNewer,
			bundle.CodeKindMismatch, bundle.CodeClockAhead, bundle.CodeOther} {
			f := bundle.FolderFile{Status: bundle.StatusFailed, Code: code, Reason: "raw english error"}
			if msg := s.fileReason(f); strings.Contains(msg, "raw english") || strings.Contains(msg, "sync.") {
				t.Errorf("%s file %s: %q", lang, code, msg)
			}
		}
	}
}
