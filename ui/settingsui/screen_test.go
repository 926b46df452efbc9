package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

func openSettings(t *testing.T, u *UI, tab int) *settingsScreen {
	t.Helper()
	test.Tap(u.shell.buttons[navSettings])
	s := u.shell.screens[navSettings].(*settingsScreen)
	s.tabs.SelectIndex(tab)
	settle(u)
	return s
}

func TestLanguageSwitchRedrawsInChinese(t *testing.T) {
	u, _ := newTestUI(t, LangEnglish, withMe("Ann", app.RoleOwner))
	s := openSettings(t, u, settingsGeneral)
	s.language.SetSelected(u.tr.T("settings.language.zh"))
	settle(u)
	if u.tr.Lang() != LangChinese {
		t.Fatalf("language is %s", u.tr.Lang())
	}
	if got := u.shell.buttons[navToday].Text; got != "今日" {
		t.Fatalf("sidebar shows %q after switching to Chinese", got)
	}
	if u.shell.current != navSettings {
		t.Fatalf("switching language left Settings for %s", u.shell.current)
	}
	if v, _ := u.store.Setting(context.Background(), data.SettingLanguage); v != LangChinese {
		t.Fatalf("language setting %q", v)
	}
}

func TestTeamAddKeepsInputOnError(t *testing.T) {
	u, _ := newTestUI(t, LangEnglish, withMe("Ann", app.RoleOwner))
	openSettings(t, u, settingsTeam)
	test.Tap(findButton(t, u.win.Content(), u.tr.T("team.add")))
	overlays := u.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no dialog")
	}
	dlg := overlays[len(overlays)-1]
	name := find(t, dlg, "name entry", func(e *widget.Entry) bool { return true })
	test.Type(name, "Ann") // taken: Ann is already on the team
	test.Tap(findButton(t, dlg, u.tr.T("action.save")))
	if len(u.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("the dialog closed on a refused save")
	}
	if name.Text != "Ann" {
		t.Fatalf("typed name lost: %q", name.Text)
	}
	msg := u.tr.T("error.field.duplicate", "Field", u.tr.T("field.person.name"))
	if !contains(texts(dlg), msg) {
		t.Fatalf("no duplicate message in %v", texts(dlg))
	}
	test.Type(name, " Li")
	test.Tap(findButton(t, dlg, u.tr.T("action.save")))
	settle(u)
	people, _ := u.store.People(context.Background())
	if len(people) != 2 || people[1].Name != "Ann Li" {
		t.Fatalf("people %+v", people)
	}
	panel := u.shell.screens[navSettings].(*settingsScreen).team
	if len(panel.people) != 2 {
		t.Fatalf("team list shows %d people", len(panel.people))
	}
}

func TestProfileSaveRenamesMeAndDesk(t *testing.T) {
	u, _ := newTestUI(t, LangEnglish, withMe("Ann", app.RoleOwner))
	s := openSettings(t, u, settingsProfile)
	if s.profileName.Text != "Ann" || s.deskName.Text != "desk 1" {
		t.Fatalf("profile shows %q / %q", s.profileName.Text, s.deskName.Text)
	}
	s.profileName.SetText("Anne")
	s.deskName.SetText("front desk")
	test.Tap(findButton(t, u.win.Content(), u.tr.T("action.save")))
	me, _ := u.store.Me(context.Background())
	if me.Name != "Anne" || u.store.Replica().Name != "front desk" || u.store.Actor().Name != "Anne" {
		t.Fatalf("me %+v, desk %q, actor %+v", me, u.store.Replica().Name, u.store.Actor())
	}
}
