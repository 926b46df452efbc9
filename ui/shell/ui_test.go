package ui

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// newTestUI starts the real UI on the test driver over a temp database.
// prepare, when not nil, runs on the database first (closed again before
// the UI opens it).
func newTestUI(t testing.TB, lang string, prepare func(s *data.Store)) (*UI, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "opsbench.db")
	s, err := data.Open(context.Background(), path, data.Options{ReplicaName: "desk 1"})
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
	u := startOn(t, path)
	u.win.Resize(fyne.NewSize(1180, 760))
	return u, path
}

// withMe prepares a database with a profile.
func withMe(name string, role app.Role) func(s *data.Store) {
	return func(s *data.Store) {
		ctx := context.Background()
		p, err := s.CreatePerson(ctx, app.Person{Name: name, Role: role, Active: true})
		if err != nil {
			panic(err)
		}
		if err := s.SetMe(ctx, p.ID); err != nil {
			panic(err)
		}
	}
}

// uiQueue stands in for fyne.Do in tests: background work queues its UI
// changes and the test goroutine, the only one touching widgets, runs them.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) add(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

func (q *uiQueue) drain() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, fn := range fns {
			fn()
		}
	}
}

// testQueues finds the queue of a test UI.
var testQueues sync.Map

// settle waits for all background work and runs its UI changes, until
// nothing is left.
func settle(u *UI) {
	v, _ := testQueues.Load(u)
	q := v.(*uiQueue)
	for {
		u.work.Wait()
		q.mu.Lock()
		n := len(q.fns)
		q.mu.Unlock()
		if n == 0 {
			return
		}
		q.drain()
	}
}

// waitFor runs queued UI changes until cond holds or a few seconds pass.
func waitFor(t *testing.T, u *UI, what string, cond func() bool) {
	t.Helper()
	v, _ := testQueues.Load(u)
	q := v.(*uiQueue)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		q.drain()
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// walk visits o and every visible object under it, widgets' rendered
// parts included, until visit returns false for a subtree.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !visit(o) {
		return
	}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walk(c, visit)
		}
	}
}

// texts collects the text of every visible label, button, check and card
// title under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return false
		case *widget.Button:
			out = append(out, w.Text)
			return false
		case *widget.Check:
			out = append(out, w.Text)
			return false
		case *widget.Card:
			out = append(out, w.Title)
		case *container.AppTabs:
			for _, it := range w.Items {
				out = append(out, it.Text)
			}
		}
		return true
	})
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// find returns the first visible object of type T under o that matches.
func find[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject, what string, match func(T) bool) T {
	t.Helper()
	var found T
	ok := false
	walk(o, func(x fyne.CanvasObject) bool {
		if w, is := x.(T); is && !ok && match(w) {
			found, ok = w, true
		}
		return !ok
	})
	if !ok {
		t.Fatalf("no %s in %v", what, texts(o))
	}
	return found
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	return find(t, o, "button "+text, func(b *widget.Button) bool { return b.Text == text })
}

func findEntry(t *testing.T, o fyne.CanvasObject, placeholder string) *widget.Entry {
	t.Helper()
	return find(t, o, "entry "+placeholder, func(e *widget.Entry) bool { return e.PlaceHolder == placeholder })
}

func findCheck(t *testing.T, o fyne.CanvasObject, text string) *widget.Check {
	t.Helper()
	return find(t, o, "check "+text, func(c *widget.Check) bool { return c.Text == text })
}

func TestSidebarShowsEachScreen(t *testing.T) {
	for _, lang := range []string{LangEnglish, LangChinese} {
		t.Run(lang, func(t *testing.T) {
			u, _ := newTestUI(t, lang, withMe("王芳", app.RoleService))
			root := u.win.Content()
			for _, it := range navItems() {
				title := u.tr.T("nav." + it.id)
				test.Tap(u.shell.buttons[it.id])
				if u.shell.current != it.id {
					t.Fatalf("after tapping %s the shell shows %s", it.id, u.shell.current)
				}
				shown := texts(u.shell.content)
				if !contains(shown, title) {
					t.Fatalf("%s screen does not show its title %q: %v", it.id, title, shown)
				}
				if u.shell.buttons[it.id].Importance != widget.HighImportance {
					t.Errorf("%s is not highlighted in the sidebar", it.id)
				}
			}
			_ = root
		})
	}
}

func TestComingScreensSayTheAreaIsComing(t *testing.T) {
	u, _ := newTestUI(t, LangChinese, withMe("王芳", app.RoleService))
	for _, id := range []string{navSOP, navInventory, navService} {
		test.Tap(u.shell.buttons[id])
		if !contains(texts(u.shell.content), u.tr.T("coming.message")) {
			t.Errorf("%s does not say the area is coming", id)
		}
	}
}

func TestTodayShowsProfileTeamAndActivity(t *testing.T) {
	u, _ := newTestUI(t, LangEnglish, withMe("Ann", app.RoleOwner))
	hello := u.tr.T("today.me.hello", "Name", "Ann")
	waitFor(t, u, "the Me card", func() bool { return contains(texts(u.shell.content), hello) })
	shown := texts(u.shell.content)
	if !contains(shown, u.tr.T("today.team.count", "Active", 1, "Total", 1)) {
		t.Errorf("team card missing: %v", shown)
	}
	found := false
	for _, s := range shown {
		if strings.Contains(s, "Ann") && strings.Contains(s, u.tr.T("entity.person")) {
			found = true
		}
	}
	if !found {
		t.Errorf("recent activity does not mention Ann being added: %v", shown)
	}
}

func TestOnboardingCreatesProfile(t *testing.T) {
	u, path := newTestUI(t, LangChinese, nil)
	content := u.win.Content()
	if !contains(texts(content), u.tr.T("onboarding.title")) {
		t.Fatalf("first start does not ask who the user is: %v", texts(content))
	}
	var form *onboarding
	_ = form
	name := findEntry(t, content, u.tr.T("onboarding.name_placeholder"))
	start := findButton(t, content, u.tr.T("onboarding.start"))
	demoCheck := findCheck(t, content, u.tr.T("onboarding.demo"))
	test.Tap(demoCheck) // no demo data in this test

	// An empty name is refused with a message and nothing is lost.
	test.Tap(start)
	if u.shell != nil {
		t.Fatal("an empty name was accepted")
	}
	test.Type(name, "李强")
	test.Tap(start)
	if u.shell == nil {
		t.Fatalf("still on the first-start screen: %v", texts(u.win.Content()))
	}
	me, err := u.store.Me(context.Background())
	if err != nil || me.Name != "李强" || me.Role != app.RoleOperations {
		t.Fatalf("profile %+v, %v", me, err)
	}
	_ = path
}

var _ = bytes.Equal
