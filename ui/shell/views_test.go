package shell

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/inventoryui"
	"github.com/opsbench/opsbench/ui/serviceui"
	"github.com/opsbench/opsbench/ui/settingsui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// The window sizes OpsBench must work at: a 1366x768 laptop less the
// taskbar, and a full HD screen.
var (
	smallest = fyne.NewSize(1280, 720)
	largest  = fyne.NewSize(1920, 1080)
)

// withDemo prepares a database with the small demo data set, its first
// person using the desk, in the light theme.
func withDemo(t testing.TB) func(s *data.Store) {
	return func(s *data.Store) {
		ctx := context.Background()
		if err := s.SetSetting(ctx, data.SettingTheme, ui.ThemeLight); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Load(ctx, s, demo.Small, demo.DefaultSeed, nil); err != nil {
			t.Fatal(err)
		}
		people, _ := s.People(ctx)
		if err := s.SetMe(ctx, people[0].ID); err != nil {
			t.Fatal(err)
		}
	}
}

// mainViews shows each main screen and tab in turn at size, laid out as
// the real window would, and calls visit with a name for it.
func mainViews(t *testing.T, u *testUI, size fyne.Size, visit func(name string)) {
	t.Helper()
	show := func(id ui.ScreenID, name string) {
		u.Navigate(id)
		u.settle()
		layOut(u.Window(), size)
		if name != "" {
			visit(name)
		}
	}
	for _, it := range navItems() {
		show(it.id, string(it.id))
	}
	for _, tab := range []string{"compare", "sensitivity", "bands", "modes"} {
		show(ui.ScreenPlanning.Tab(tab), "planning-"+tab)
	}
	for _, tab := range []string{"checklists", "values", "review", "board", "templates"} {
		show(ui.ScreenSOP.Tab(tab), "sop-"+tab)
	}
	for _, tab := range []string{settingsui.TabProfile, settingsui.TabTeam, settingsui.TabData} {
		show(ui.ScreenSettings.Tab(tab), "settings-"+tab)
	}
	for _, tab := range inventoryui.TabNames()[1:] { // the first is the screen itself
		show(ui.ScreenInventory.Tab(tab), "inventory-"+tab)
	}
	show(ui.ScreenPlanning.Tab(inventoryui.CashTabName), "planning-cash")
	for _, tab := range []string{serviceui.TabFollowUps, serviceui.TabStats, serviceui.TabReplies, serviceui.TabSettings} {
		show(ui.ScreenService.Tab(tab), "service-"+tab)
	}
	if items, _, err := u.Store().ListCases(context.Background(), app.ListQuery{Sort: app.CaseSortSLA, Limit: 1}); err == nil && len(items) > 0 {
		show(ui.ScreenService.Tab(serviceui.CaseTab(items[0].ID)), "service-case")
	}
	// A new product line, nothing typed yet.
	show(ui.ScreenPlanning.Tab("scenario"), "")
	test.Tap(uitest.FindButton(t, u.shell.content, u.T("planning.line.add")))
	u.settle()
	layOut(u.Window(), size)
	visit("planning-new-line")
}

// layOut sizes the window and lays it out again until wrapped text has
// settled: the real canvas does this whenever a minimum size changes, the
// test canvas needs to be asked.
func layOut(w fyne.Window, size fyne.Size) {
	w.Resize(size)
	for range 3 {
		w.Content().Refresh()
		w.Content().Resize(w.Canvas().Size())
	}
}
