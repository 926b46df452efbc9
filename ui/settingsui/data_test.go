package settingsui

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// The backup list says what each backup holds: the empty one taken
// before the first start reads as empty, and restoring it says so.
func TestBackupListSaysWhatEachHolds(t *testing.T) {
	ctx := context.Background()
	e := &testEnv{Env: uitest.NewEnv(t, ui.LangEnglish, func(s *data.Store) {
		if _, err := s.AutoBackup(ctx, data.BackupManual); err != nil { // before anyone was entered
			t.Fatal(err)
		}
		uitest.WithMe("Ann", app.RoleOwner)(s)
		if _, err := s.AutoBackup(ctx, data.BackupDaily); err != nil {
			t.Fatal(err)
		}
	})}
	s := New(e)
	e.Show(s)
	s.ShowTab(TabData)
	if len(s.data.backups) != 2 {
		t.Fatalf("%d backups listed", len(s.data.backups))
	}
	var daily, empty data.BackupContents
	for _, b := range s.data.backups {
		if b.Reason == data.BackupDaily {
			daily = b
		} else {
			empty = b
		}
	}
	if got, want := s.data.holds(empty), e.T("backup.holds_empty"); got != want {
		t.Errorf("the empty backup reads %q, want %q", got, want)
	}
	if got := s.data.holds(daily); !strings.HasPrefix(got, "1 person, 0 scenarios; last change ") {
		t.Errorf("the daily backup reads %q", got)
	}
	shown := strings.Join(uitest.Texts(s.data.list), "\n")
	if !strings.Contains(shown, e.T("backup.holds_empty")) || !strings.Contains(shown, "1 person") {
		t.Errorf("the list shows:\n%s", shown)
	}
	for i, b := range s.data.backups {
		if b.Reason != data.BackupDaily {
			s.data.list.Select(i)
		}
	}
	test.Tap(s.data.restore)
	if msg := uitest.DialogText(t, e.Window()); !strings.Contains(msg, "empty") {
		t.Errorf("restoring the empty backup does not warn: %s", msg)
	}
}

// Diagnostics name the version, data format, system, renderer and
// database, and land on the clipboard.
func TestCopyDiagnostics(t *testing.T) {
	e, s := openSettings(t, ui.LangEnglish, TabData)
	e.SetAbout(ui.About{Version: "1.2.3", Renderer: func() string { return "Mesa Intel(R) UHD 620" }})
	test.Tap(uitest.FindButton(t, s.root, e.T("diag.copy")))
	e.Settle()
	got := e.App().Clipboard().Content()
	for _, want := range []string{"1.2.3", "Data format: " + strconv.Itoa(data.SchemaVersion()), "Mesa Intel(R) UHD 620", e.Path, "Last shared-folder round: never"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Ann") {
		t.Errorf("diagnostics name a person:\n%s", got)
	}
	if !strings.Contains(strings.Join(uitest.Texts(s.root), "\n"), filepath.Join(filepath.Dir(e.Path), "logs")) {
		t.Error("the log folder is not shown")
	}
}

// The demo button opens the demo database; in a demo database it goes
// back.
func TestDemoDatabaseButton(t *testing.T) {
	e, s := openSettings(t, ui.LangEnglish, TabData)
	test.Tap(uitest.FindButton(t, s.root, e.T("demo.open")))
	if len(e.switched) != 1 || e.switched[0] != "demo" {
		t.Fatalf("asked for %v", e.switched)
	}
}

// A team member's dialog follows a colleague's edit: with a note typed,
// the role desk B changed is named, and Save keeps both.
func TestTeamFormKeepsColleaguesEdit(t *testing.T) {
	ctx := context.Background()
	e, s := openSettings(t, ui.LangEnglish, TabTeam)
	a := e.Store()
	b, err := data.Open(ctx, filepath.Join(t.TempDir(), "b.db"), data.Options{ReplicaName: "desk B"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.SetActor(app.Person{Name: "Bo"})
	carry := func(from, to *data.Store) {
		p := filepath.Join(t.TempDir(), "x.opsync")
		if _, err := bundle.ExportFile(ctx, from, p, bundle.ExportOptions{Passphrase: "office passphrase", WorkFactor: 4, Full: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.Import(ctx, to, []string{p}, bundle.ImportOptions{Passphrase: "office passphrase"}); err != nil {
			t.Fatal(err)
		}
		e.Settle()
	}
	carry(a, b)
	ann := s.team.people[0]
	s.team.edit(ann)
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	note := uitest.FindEntry(t, dlg, e.T("team.note_placeholder"))
	test.Type(note, "Shenzhen")
	p, _ := b.Person(ctx, ann.ID)
	p.Role = app.RoleFinance
	if err := b.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	carry(b, a)
	if text := strings.Join(uitest.Texts(dlg), " "); !strings.Contains(text, "Bo at desk desk B") || !strings.Contains(text, e.T("field.person.role")) {
		t.Fatalf("the dialog does not say desk B changed the role: %s", text)
	}
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	got, _ := a.Person(ctx, ann.ID)
	if got.Note != "Shenzhen" || got.Role != app.RoleFinance {
		t.Fatalf("stored %+v: want the note typed here and desk B's role", got)
	}
	if top := e.Window().Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the dialog stayed open: %v", uitest.Texts(top))
	}
	// Cancelling a dialog with edits asks first.
	s.team.edit(ann)
	e.Settle()
	dlg = uitest.TopDialog(t, e.Window())
	uitest.Retype(uitest.Find(t, dlg, "name", func(w *widget.Entry) bool { return w.Text == "Ann" }), "Anna")
	if got := s.UnsavedEdits(); len(got) != 1 {
		t.Fatalf("unsaved edits %v", got)
	}
	test.Tap(uitest.FindButton(t, dlg, e.T("action.cancel")))
	if !strings.Contains(uitest.DialogText(t, e.Window()), e.T("unsaved.discard")) {
		t.Fatal("cancelling with edits does not ask")
	}
}
