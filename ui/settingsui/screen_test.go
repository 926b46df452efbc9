package settingsui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// testEnv adds what the shell provides to a test environment, recording
// the calls.
type testEnv struct {
	*uitest.Env
	languages []string
	restored  []string
	switched  []string // "demo" and "real", as asked
}

func (e *testEnv) OpenDemo() { e.switched = append(e.switched, "demo") }
func (e *testEnv) OpenReal() { e.switched = append(e.switched, "real") }

func (e *testEnv) SetLanguage(lang string) {
	e.languages = append(e.languages, lang)
	e.UseLanguage(lang)
}
func (e *testEnv) RestoreBackup(path string) { e.restored = append(e.restored, path) }

func openSettings(t *testing.T, lang, tab string) (*testEnv, *Screen) {
	t.Helper()
	e := &testEnv{Env: uitest.NewEnv(t, lang, uitest.WithMe("Ann", app.RoleOwner))}
	s := New(e)
	e.Show(s)
	s.ShowTab(tab)
	return e, s
}

func TestLanguageSwitchStoresAndRedraws(t *testing.T) {
	e, s := openSettings(t, ui.LangEnglish, TabGeneral)
	s.language.SetSelected(e.T("settings.language.zh"))
	e.Settle()
	if v, _ := e.Store().Setting(context.Background(), data.SettingLanguage); v != ui.LangChinese {
		t.Fatalf("language setting %q", v)
	}
	if len(e.languages) != 1 || e.languages[0] != ui.LangChinese {
		t.Fatalf("asked the shell to redraw in %v", e.languages)
	}
	// Showing the stored values again is not a change.
	s.Load()
	e.Settle()
	if len(e.languages) != 1 {
		t.Fatalf("loading the settings changed the language again: %v", e.languages)
	}
}

func TestThemeSwitchStores(t *testing.T) {
	e, s := openSettings(t, ui.LangEnglish, TabGeneral)
	s.theme.SetSelected(e.T("settings.theme.dark"))
	e.Settle()
	if v, _ := e.Store().Setting(context.Background(), data.SettingTheme); v != ui.ThemeDark {
		t.Fatalf("theme setting %q", v)
	}
}

func TestTeamAddKeepsInputOnError(t *testing.T) {
	e, s := openSettings(t, ui.LangEnglish, TabTeam)
	test.Tap(uitest.FindButton(t, s.root, e.T("team.add")))
	dlg := uitest.TopDialog(t, e.Window())
	name := uitest.Find(t, dlg, "name entry", func(e *widget.Entry) bool { return true })
	test.Type(name, "Ann") // taken: Ann is already on the team
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	if len(e.Window().Canvas().Overlays().List()) == 0 {
		t.Fatal("the dialog closed on a refused save")
	}
	if name.Text != "Ann" {
		t.Fatalf("typed name lost: %q", name.Text)
	}
	msg := e.T("error.field.duplicate", "Field", e.T("field.person.name"))
	if !uitest.Contains(uitest.Texts(dlg), msg) {
		t.Fatalf("no duplicate message in %v", uitest.Texts(dlg))
	}
	test.Type(name, " Li")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	people, _ := e.Store().People(context.Background())
	if len(people) != 2 || people[1].Name != "Ann Li" {
		t.Fatalf("people %+v", people)
	}
	if len(s.team.people) != 2 {
		t.Fatalf("team list shows %d people", len(s.team.people))
	}
}

func TestProfileSaveRenamesMeAndDesk(t *testing.T) {
	e, s := openSettings(t, ui.LangEnglish, TabProfile)
	if s.profileName.Text != "Ann" || s.deskName.Text != "desk 1" {
		t.Fatalf("profile shows %q / %q", s.profileName.Text, s.deskName.Text)
	}
	s.profileName.SetText("Anne")
	s.deskName.SetText("front desk")
	test.Tap(uitest.FindButton(t, s.root, e.T("action.save")))
	e.Settle()
	me, _ := e.Store().Me(context.Background())
	if me.Name != "Anne" || e.Store().Replica().Name != "front desk" || e.Store().Actor().Name != "Anne" {
		t.Fatalf("me %+v, desk %q, actor %+v", me, e.Store().Replica().Name, e.Store().Actor())
	}
	if s.profileMsg.Text != e.T("settings.saved") {
		t.Errorf("no confirmation: %q", s.profileMsg.Text)
	}
}

func TestBackupKeepIsCheckedBeforeSaving(t *testing.T) {
	e, s := openSettings(t, ui.LangEnglish, TabData)
	keep := s.data.keep
	uitest.Retype(keep, "0")
	test.Tap(uitest.FindButton(t, s.root, e.T("action.save")))
	e.Settle()
	if !uitest.Contains(uitest.Texts(uitest.TopDialog(t, e.Window())), e.T("backup.keep_invalid")) {
		t.Fatal("0 backups to keep was not refused")
	}
	uitest.Retype(keep, "5")
	test.Tap(uitest.FindButton(t, s.root, e.T("action.save")))
	e.Settle()
	if v, _ := e.Store().Setting(context.Background(), data.SettingBackupKeep); v != "5" || e.Store().BackupPolicy().Keep != 5 {
		t.Fatalf("keep setting %q, policy %d", v, e.Store().BackupPolicy().Keep)
	}
}

func TestSettingsTodayCardsOpenTheirTabs(t *testing.T) {
	e := uitest.NewEnv(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	env := &testEnv{Env: e}
	cards := TodayCards(env)
	want := []struct{ button, tab string }{
		{e.T("today.me.edit"), TabProfile}, {e.T("today.team.manage"), TabTeam}, {e.T("today.data.manage"), TabData},
	}
	for i, c := range cards {
		build, err := c.Load(e.Store())
		if err != nil {
			t.Fatal(err)
		}
		card := build()
		if i == 0 && !uitest.Contains(uitest.Texts(card), e.T("today.me.hello", "Name", "Ann")) {
			t.Errorf("the Me card shows %v", uitest.Texts(card))
		}
		if i == 1 && !uitest.Contains(uitest.Texts(card), e.T("today.team.count", "Active", 1, "Count", 1)) {
			t.Errorf("the team card shows %v", uitest.Texts(card))
		}
		test.Tap(uitest.FindButton(t, card, want[i].button))
		if got := e.Navigated[len(e.Navigated)-1]; got != ui.ScreenSettings.Tab(want[i].tab) {
			t.Errorf("card %d opened %s", i, got)
		}
	}
}
