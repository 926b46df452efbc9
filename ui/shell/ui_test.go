package shell

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/settingsui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// testUI is the real UI started on the test driver, with UI changes from
// background work queued for the test goroutine.
type testUI struct {
	*UI
	q *uitest.Queue
}

func (u *testUI) settle() { u.q.Settle() }

// startOn starts a test UI on a database file (or on what is at path).
func startOn(t testing.TB, path string) *testUI {
	t.Helper()
	a := test.NewTempApp(t)
	u := &testUI{UI: New(a, Config{DBPath: path})}
	u.q = uitest.NewQueue(u.Env)
	u.Window().Resize(uitest.Size)
	u.Start()
	u.settle()
	t.Cleanup(func() {
		if !u.closing { // not closed by the test already
			u.Window().Close()
		}
	})
	return u
}

// newTestUI starts the UI over a temp database in lang; prepare, when not
// nil, runs on the database first (closed again before the UI opens it).
func newTestUI(t testing.TB, lang string, prepare func(s *data.Store)) (*testUI, string) {
	t.Helper()
	return newTestUIWith(t, lang, data.Options{ReplicaName: "desk 1"}, prepare)
}

// newDemoUI starts the UI on a demo database with the small demo data set.
func newDemoUI(t testing.TB, lang string) (*testUI, string) {
	t.Helper()
	return newTestUIWith(t, lang, data.Options{ReplicaName: "desk 1", Demo: true}, withDemo(t))
}

func newTestUIWith(t testing.TB, lang string, opts data.Options, prepare func(s *data.Store)) (*testUI, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "opsbench.db")
	s, err := data.Open(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(context.Background(), data.SettingLanguage, lang); err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(s)
	}
	s.Close()
	return startOn(t, path), path
}

func TestSidebarShowsEachScreen(t *testing.T) {
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		t.Run(lang, func(t *testing.T) {
			u, _ := newTestUI(t, lang, uitest.WithMe("王芳", app.RoleService))
			for _, it := range navItems() {
				title := u.T("nav." + string(it.id))
				test.Tap(u.shell.buttons[it.id])
				u.settle()
				if u.shell.current != it.id {
					t.Fatalf("after tapping %s the shell shows %s", it.id, u.shell.current)
				}
				shown := uitest.Texts(u.shell.content)
				if !uitest.Contains(shown, title) {
					t.Fatalf("%s screen does not show its title %q: %v", it.id, title, shown)
				}
				if u.shell.buttons[it.id].Importance != widget.HighImportance {
					t.Errorf("%s is not highlighted in the sidebar", it.id)
				}
			}
		})
	}
}

// No two sidebar entries share an icon.
func TestSidebarIconsDiffer(t *testing.T) {
	icons := map[string]string{}
	for _, it := range navItems() {
		if other, dup := icons[it.icon.Name()]; dup {
			t.Errorf("%s and %s share the icon %s", other, it.id, it.icon.Name())
		}
		icons[it.icon.Name()] = string(it.id)
	}
}

func TestTodayShowsEveryAreasCards(t *testing.T) {
	u, _ := newTestUI(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	hello := u.T("today.me.hello", "Name", "Ann")
	u.q.WaitFor(t, "the Me card", func() bool { return uitest.Contains(uitest.Texts(u.shell.content), hello) })
	// As a user would, scroll down to the last card.
	today := u.shell.screens[ui.ScreenToday].(*todayScreen)
	today.scroll.ScrollToBottom()
	today.scroll.OnScrolled(today.scroll.Offset)
	shown := uitest.Texts(u.shell.content)
	for _, title := range []string{"today.me.title", "today.team.title", "today.activity.title", "today.data.title", "today.planning.title", "sync.card.title"} {
		if !uitest.Contains(shown, u.T(title)) {
			t.Errorf("no %s card: %v", title, shown)
		}
	}
	// The heading's date is the office's day (China time by default), the
	// day the cards' "due today" counts from, whatever zone this PC is in.
	sh, _ := time.LoadLocation(app.DefaultZone)
	day := app.DateOf(time.Now(), sh)
	if !uitest.ContainsText(shown, day.String()) {
		t.Errorf("Today is not headed %s: %v", day, shown)
	}
	if !uitest.Contains(shown, u.T("today.team.count", "Active", 1, "Count", 1)) {
		t.Errorf("team card missing: %v", shown)
	}
	found := false
	for _, s := range shown {
		if strings.Contains(s, "Ann") && strings.Contains(s, u.T("entity.person")) {
			found = true
		}
	}
	if !found {
		t.Errorf("recent activity does not mention Ann being added: %v", shown)
	}
	// A card's button opens the Settings tab it names.
	test.Tap(uitest.FindButton(t, u.shell.content, u.T("today.team.manage")))
	u.settle()
	if u.shell.current != ui.ScreenSettings || !uitest.Contains(uitest.Texts(u.shell.content), u.T("team.add")) {
		t.Fatalf("the team card opened %s: %v", u.shell.current, uitest.Texts(u.shell.content))
	}
}

// TestTodayDrawsCardsAsTheyComeIntoView: the content of a card below the
// fold is not drawn in the first frame; scrolling to it shows it, and no
// card moves when it appears.
func TestTodayDrawsCardsAsTheyComeIntoView(t *testing.T) {
	u, _ := newDemoUI(t, ui.LangChinese)
	today, ok := u.shell.screens[ui.ScreenToday].(*todayScreen)
	if !ok {
		t.Fatal("the shell does not start on Today")
	}
	// The first cards are read before the first frame, the others just
	// after: below the fold, so their content moves nothing in view.
	u.q.WaitFor(t, "the cards' content", func() bool {
		for _, l := range today.loaded {
			if !l {
				return false
			}
		}
		return today.seen[0]
	})
	// And what they read again in the background (stale stock figures),
	// laid out as the next frame would.
	u.settle()
	today.cards.Refresh()
	last := len(today.boxes) - 1
	if today.seen[last] || today.covers[last].Visible() || today.bodies[last].Objects[0].Visible() {
		t.Fatalf("the last card (%s), below the fold, is drawn before it is scrolled to", today.boxes[last].Title)
	}
	if !today.covers[0].Visible() {
		t.Fatalf("the first card (%s) is not drawn", today.boxes[0].Title)
	}
	before := make([]fyne.Position, len(today.boxes))
	sizes := make([]fyne.Size, len(today.boxes))
	for i, c := range today.boxes {
		before[i] = today.slots[i].Position().Add(today.covers[i].Position()).Add(c.Position())
		sizes[i] = c.Size()
	}
	today.scroll.ScrollToBottom()
	today.scroll.OnScrolled(today.scroll.Offset)
	if !today.seen[last] || !today.covers[last].Visible() || !today.bodies[last].Objects[0].Visible() {
		t.Fatalf("the last card (%s) is not drawn once scrolled to", today.boxes[last].Title)
	}
	for i, c := range today.boxes {
		if got := today.slots[i].Position().Add(today.covers[i].Position()).Add(c.Position()); got != before[i] || c.Size() != sizes[i] {
			t.Errorf("card %s moved from %v %v to %v %v when it appeared", c.Title, before[i], sizes[i], got, c.Size())
		}
	}
}

func TestOnboardingCreatesProfile(t *testing.T) {
	u, _ := newTestUI(t, ui.LangChinese, nil)
	content := u.Window().Content()
	if !uitest.Contains(uitest.Texts(content), u.T("onboarding.title")) {
		t.Fatalf("first start does not ask who the user is: %v", uitest.Texts(content))
	}
	name := uitest.FindEntry(t, content, u.T("onboarding.name_placeholder"))
	start := uitest.FindButton(t, content, u.T("onboarding.start"))

	// An empty name is refused with a message and nothing is lost.
	test.Tap(start)
	u.settle()
	if u.shell != nil {
		t.Fatal("an empty name was accepted")
	}
	if !uitest.Contains(uitest.Texts(content), u.T("error.field.required", "Field", u.T("field.person.name"))) {
		t.Fatalf("no message for the empty name: %v", uitest.Texts(content))
	}
	test.Type(name, "李强")
	test.Tap(start)
	u.settle()
	if u.shell == nil {
		t.Fatalf("still on the first-start screen: %v", uitest.Texts(u.Window().Content()))
	}
	me, err := u.Store().Me(context.Background())
	if err != nil || me.Name != "李强" || me.Role != app.RoleOperations {
		t.Fatalf("profile %+v, %v", me, err)
	}
}

// Switching the language in Settings redraws every screen in it and
// stays on Settings.
func TestLanguageSwitchRedrawsInChinese(t *testing.T) {
	u, _ := newTestUI(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	u.Navigate(ui.ScreenSettings.Tab(settingsui.TabGeneral))
	u.settle()
	lang := uitest.Find(t, u.shell.content, "language choice", func(s *widget.Select) bool {
		return uitest.Contains(s.Options, u.T("settings.language.zh"))
	})
	lang.SetSelected(u.T("settings.language.zh"))
	u.settle()
	if u.Translator().Lang() != ui.LangChinese {
		t.Fatalf("language is %s", u.Translator().Lang())
	}
	if got := u.shell.buttons[ui.ScreenToday].Text; got != "今日" {
		t.Fatalf("sidebar shows %q after switching to Chinese", got)
	}
	if u.shell.current != ui.ScreenSettings {
		t.Fatalf("switching language left Settings for %s", u.shell.current)
	}
}

// The recent-changes card names a new record by what names it in the
// office (a product's title, a case's customer) and, for a record that
// has nothing to name it by, says what was added without an empty “”.
func TestActivityLinesNameTheRecord(t *testing.T) {
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		t.Run(lang, func(t *testing.T) {
			u, _ := newTestUI(t, lang, uitest.WithMe("Ann", app.RoleOwner))
			at := time.Date(2026, 11, 29, 12, 30, 0, 0, time.UTC)
			product := app.AuditEntry{At: at, ActorName: "Ann", Entity: "product", Action: app.ActionCreate,
				Changes: []app.Change{{Field: "asin", New: "B0FFF43647"}, {Field: "sku", New: "CUP-04"}, {Field: "title", New: "不锈钢水杯"}}}
			if got := u.describeAudit(product); !strings.Contains(got, "不锈钢水杯") || strings.Contains(got, "CUP-04") {
				t.Errorf("a new product is shown as %q, want its title", got)
			}
			review := app.AuditEntry{At: at, ActorName: "Ann", Entity: "review", Action: app.ActionCreate,
				Changes: []app.Change{{Field: "action", New: "通知工厂返工"}, {Field: "closed", New: "1"}}}
			got := u.describeAudit(review)
			if strings.Contains(got, "“”") || !strings.Contains(got, u.T("entity.review")) || !strings.Contains(got, "Ann") {
				t.Errorf("a new review without a name is shown as %q", got)
			}
			gone := app.AuditEntry{At: at, ActorName: "Ann", Entity: "office_setting", Action: app.ActionDelete}
			if got := u.describeAudit(gone); !strings.Contains(got, u.T("entity.office_setting")) {
				t.Errorf("a removed setting is shown as %q", got)
			}
		})
	}
}

// A desk left open overnight: at the office's midnight Today is read
// again when it is on screen, so the morning does not start on
// yesterday's cards.
func TestTodayIsReadAgainOnANewDay(t *testing.T) {
	u, _ := newTestUI(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	one := u.T("today.team.count", "Active", 1, "Count", 1)
	u.q.WaitFor(t, "the team card", func() bool { return uitest.Contains(uitest.Texts(u.shell.content), one) })
	if _, err := u.Store().CreatePerson(context.Background(), app.Person{Name: "Bo", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	u.newDay()
	two := u.T("today.team.count", "Active", 2, "Count", 2)
	u.q.WaitFor(t, "the team card read again", func() bool { return uitest.Contains(uitest.Texts(u.shell.content), two) })

	// Elsewhere, nothing is read: Today is read when it is shown again.
	test.Tap(uitest.FindButton(t, u.shell.content, u.T("today.team.manage")))
	u.settle()
	u.newDay()
	u.settle()
	if u.shell.current != ui.ScreenSettings {
		t.Errorf("a new day moved the window from Settings to %s", u.shell.current)
	}
}

// Today read again with the same figures (the cards keep their sizes):
// every card's new content is laid out over its card, not left unsized.
func TestTodayLaysOutContentReadAgain(t *testing.T) {
	u, _ := newTestUI(t, ui.LangEnglish, uitest.WithMe("Ann", app.RoleOwner))
	today := u.shell.screens[ui.ScreenToday].(*todayScreen)
	u.q.WaitFor(t, "the cards' content", func() bool { return today.loaded[0] })
	before := today.bodies[0].Objects[0]
	u.newDay()
	u.q.WaitFor(t, "the cards read again", func() bool { return today.bodies[0].Objects[0] != before })
	for i, b := range today.bodies {
		if b.Size().IsZero() {
			t.Fatalf("card %s has no size", today.boxes[i].Title)
		}
		if got := b.Objects[0].Size(); got != b.Size() {
			t.Errorf("card %s: its content is %v over a %v card", today.boxes[i].Title, got, b.Size())
		}
	}
}

// Closed is told once the window has closed, after the database is shut
// (the binary then gives the window toolkit a few seconds to stop).
func TestClosedComesAfterTheDatabaseIsShut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "opsbench.db")
	calls, openAtClose := 0, true
	var u *testUI
	u = &testUI{UI: New(test.NewTempApp(t), Config{DBPath: path, Closed: func() {
		calls++
		openAtClose = u.Store() != nil
	}})}
	u.q = uitest.NewQueue(u.Env)
	u.Start()
	u.settle()
	if u.Store() == nil {
		t.Fatal("no database open")
	}
	u.closing = true
	u.Window().Close()
	if calls != 1 || openAtClose {
		t.Errorf("Closed called %d times, the database still open then: %v", calls, openAtClose)
	}
}
