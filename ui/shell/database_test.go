package shell

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/settingsui"
	"github.com/opsbench/opsbench/ui/uitest"
)

func windowText(u *testUI) string { return strings.Join(uitest.Texts(u.Window().Content()), "\n") }

// withPlan prepares a desk with a user and a saved scenario.
func withPlan(t *testing.T) func(s *data.Store) {
	return func(s *data.Store) {
		uitest.WithMe("Ann", app.RoleOwner)(s)
		body := "name = 'Plan'\ncapital = 100000.0\nreserve_pct = 10.0\n[fx]\nUSD = 7.2\n[[line]]\nname = 'cup'\nprice = 35.0\nprice_currency = 'USD'\n" +
			"unit_cost = 55.0\nunit_weight_kg = 0.3\ndaily_units = 10.0\nproduction_days = 20\n"
		if _, err := s.SaveScenario(context.Background(), app.SavedScenario{Name: "Plan", Body: body}); err != nil {
			t.Fatal(err)
		}
	}
}

// Closing the window with an edited scenario asks first: keep editing
// keeps the window, discarding closes it.
func TestClosingAsksAboutUnsavedEdits(t *testing.T) {
	u, _ := newTestUI(t, ui.LangEnglish, withPlan(t))
	u.Navigate(ui.ScreenPlanning)
	u.settle()
	capital := uitest.Find(t, u.shell.content, "the capital entry", func(e *widget.Entry) bool { return e.Text == "100000" })
	uitest.Retype(capital, "150000")
	u.settle()
	u.requestClose()
	if !strings.Contains(uitest.DialogText(t, u.Window()), u.T("unsaved.discard")) || u.closing {
		t.Fatal("closing with an edited scenario does not ask")
	}
	uitest.TapInDialog(t, u.Window(), u.T("unsaved.keep_editing"))
	if u.closing || capital.Text != "150000" {
		t.Fatalf("keep editing closed the window or lost the edit (%q)", capital.Text)
	}
	// Changing the language rebuilds every screen: it asks too.
	u.SetLanguage(ui.LangChinese)
	if !strings.Contains(uitest.DialogText(t, u.Window()), u.T("unsaved.discard")) {
		t.Fatal("changing the language with an edited scenario does not ask")
	}
	uitest.TapInDialog(t, u.Window(), u.T("unsaved.keep_editing"))
	u.requestClose()
	uitest.TapInDialog(t, u.Window(), u.T("unsaved.discard"))
	if !u.closing {
		t.Fatal("discarding did not close the window")
	}
}

// Without edits, closing does not ask.
func TestClosingWithoutEditsDoesNotAsk(t *testing.T) {
	u, _ := newTestUI(t, ui.LangEnglish, withPlan(t))
	u.Navigate(ui.ScreenPlanning)
	u.settle()
	u.requestClose()
	if !u.closing {
		t.Fatalf("closing without edits asked: %v", uitest.Texts(u.Window().Canvas().Overlays().Top()))
	}
}

// The demo database opens beside the real one, filled with demo data and
// marked on every screen; the real one gets none of it; the way back
// opens the real one again.
func TestDemoDatabaseApart(t *testing.T) {
	ctx := context.Background()
	u, path := newTestUI(t, ui.LangChinese, uitest.WithMe("王芳", app.RoleOwner))
	u.Navigate(ui.ScreenSettings.Tab(settingsui.TabData))
	u.settle()
	test.Tap(uitest.FindButton(t, u.shell.content, u.T("demo.open")))
	u.settle()
	s := u.Store()
	if s == nil || !s.IsDemo() || s.Path() != data.DemoPath(path) {
		t.Fatalf("open database %v", s)
	}
	people, _ := s.People(ctx)
	if len(people) < 5 {
		t.Fatalf("the demo database has %d people", len(people))
	}
	for _, id := range []ui.ScreenID{ui.ScreenToday, ui.ScreenPlanning, ui.ScreenSync, ui.ScreenSettings} {
		u.Navigate(id)
		u.settle()
		if !strings.Contains(windowText(u), u.T("demo.banner")) {
			t.Fatalf("%s does not say the demo database is open", id)
		}
	}
	if u.Window().Title() != u.T("app.title_demo") {
		t.Errorf("window title %q", u.Window().Title())
	}
	test.Tap(uitest.FindButton(t, u.Window().Content(), u.T("demo.back")))
	u.settle()
	if s := u.Store(); s == nil || s.IsDemo() || s.Path() != path {
		t.Fatalf("back to %v", s)
	}
	if strings.Contains(windowText(u), u.T("demo.banner")) {
		t.Fatal("the real database is marked as demo")
	}
	if people, _ := u.Store().People(ctx); len(people) != 1 {
		t.Fatalf("the real database has %d people after the demo", len(people))
	}
}

// The first start offers demo data as a separate demo database, never
// ticked into the real one.
func TestOnboardingDemoIsApart(t *testing.T) {
	ctx := context.Background()
	u, path := newTestUI(t, ui.LangEnglish, nil)
	content := u.Window().Content()
	uitest.Walk(content, func(o fyne.CanvasObject) bool {
		if _, ok := o.(*widget.Check); ok {
			t.Error("the first start has a tick box (demo data into the real database)")
		}
		return true
	})
	test.Tap(uitest.FindButton(t, content, u.T("onboarding.try_demo")))
	u.settle()
	if s := u.Store(); s == nil || !s.IsDemo() || u.shell == nil {
		t.Fatalf("the demo did not open on its own database: %v", windowText(u))
	}
	test.Tap(uitest.FindButton(t, u.Window().Content(), u.T("demo.back")))
	u.settle()
	if !strings.Contains(windowText(u), u.T("onboarding.title")) {
		t.Fatal("back from the demo, the first start is not asked again")
	}
	if u.Store().Path() != path {
		t.Fatalf("back at %s", u.Store().Path())
	}
	if people, _ := u.Store().People(ctx); len(people) != 0 {
		t.Fatalf("demo people reached the real database: %d", len(people))
	}
}

// The database file deleted while OpsBench runs: the next save stops
// everything, says so, and offers the newest backup that holds data.
func TestDatabaseGoneOffersNewestUsefulBackup(t *testing.T) {
	ctx := context.Background()
	u, path := newTestUI(t, ui.LangEnglish, func(s *data.Store) {
		if _, err := s.AutoBackup(ctx, data.BackupManual); err != nil { // empty: before the first start
			t.Fatal(err)
		}
		uitest.WithMe("Ann", app.RoleOwner)(s)
		if _, err := s.AutoBackup(ctx, data.BackupDaily); err != nil {
			t.Fatal(err)
		}
	})
	u.Navigate(ui.ScreenSettings.Tab(settingsui.TabProfile))
	u.settle()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	name := uitest.Find(t, u.shell.content, "the profile name", func(e *widget.Entry) bool { return e.Text == "Ann" })
	uitest.Retype(name, "Anne")
	test.Tap(uitest.FindButton(t, u.shell.content, u.T("action.save")))
	u.settle()
	shown := windowText(u)
	if top := u.Window().Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a dialog stays over the window: %v", uitest.Texts(top))
	}
	if !strings.Contains(shown, u.T("gone.title")) || !strings.Contains(shown, "1 person") {
		t.Fatalf("the window does not say the database is gone and offer the backup with data:\n%s", shown)
	}
	test.Tap(uitest.FindButton(t, u.Window().Content(), u.T("gone.restore")))
	u.settle()
	me, err := u.Store().Me(ctx)
	if err != nil || me.Name != "Ann" || u.shell == nil {
		t.Fatalf("after restoring: %+v, %v", me, err)
	}
}

// A database file missing at start while backups of it are there offers
// the newest backup with data, not an empty first start.
func TestMissingDatabaseOffersBackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "opsbench.db")
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	uitest.WithMe("Ann", app.RoleOwner)(s)
	if _, err := s.AutoBackup(ctx, data.BackupDaily); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	u := startOn(t, path)
	if shown := windowText(u); !strings.Contains(shown, u.T("missing.title")) || strings.Contains(shown, u.T("onboarding.title")) {
		t.Fatalf("a missing database with backups starts afresh:\n%s", shown)
	}
	test.Tap(uitest.FindButton(t, u.Window().Content(), u.T("gone.restore")))
	u.settle()
	if me, err := u.Store().Me(ctx); err != nil || me.Name != "Ann" {
		t.Fatalf("after restoring: %+v, %v", me, err)
	}
}

// The renderer's name is asked while a frame is painted, once.
func TestRendererAskedWhilePainting(t *testing.T) {
	asked := 0
	a := test.NewTempApp(t)
	u := &testUI{UI: New(a, Config{DBPath: filepath.Join(t.TempDir(), "opsbench.db"), Renderer: func() string {
		asked++
		return "Mesa Intel(R) UHD Graphics 620"
	}})}
	u.q = uitest.NewQueue(u.Env)
	u.Window().Resize(uitest.Size)
	u.Start()
	u.settle()
	t.Cleanup(func() { u.Window().Close() })
	if u.Renderer() != "" && asked == 0 {
		t.Fatal("a name without asking")
	}
	u.Window().Canvas().Capture()
	u.Window().Canvas().Capture()
	if u.Renderer() != "Mesa Intel(R) UHD Graphics 620" || asked != 1 {
		t.Fatalf("renderer %q asked %d times", u.Renderer(), asked)
	}
}
