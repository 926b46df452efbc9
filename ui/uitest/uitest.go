// Package uitest starts OpsBench screens for tests: an environment over a
// temp database on Fyne's test app, a queue that stands in for fyne.Do
// (background work queues its UI changes and the test goroutine, the only
// one touching widgets, runs them), and finders for widgets by their text.
// Only tests import it.
package uitest

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/go-text/typesetting/font"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Size is the window size tests use unless they say otherwise.
var Size = fyne.NewSize(1280, 720)

// Queue runs the UI changes of an environment's background work on the
// test goroutine.
type Queue struct {
	env *ui.Env
	mu  sync.Mutex
	fns []func()
}

// NewQueue makes e's background work queue its UI changes on q.
func NewQueue(e *ui.Env) *Queue {
	q := &Queue{env: e}
	e.SetDo(q.add)
	return q
}

func (q *Queue) add(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

// Drain runs the queued UI changes, and those they queue, until none is
// left.
func (q *Queue) Drain() {
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

// Settle waits for all background work and runs its UI changes, until
// nothing is left.
func (q *Queue) Settle() {
	for {
		q.env.Wait()
		q.mu.Lock()
		n := len(q.fns)
		q.mu.Unlock()
		if n == 0 {
			return
		}
		q.Drain()
	}
}

// WaitFor runs queued UI changes until cond holds or a few seconds pass.
func (q *Queue) WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		q.Drain()
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// Env is an area's environment over a temp database in a test window.
type Env struct {
	*ui.Env
	*Queue
	// Path is the database file.
	Path string
	// Navigated lists the screens navigated to.
	Navigated []ui.ScreenID
}

// NewEnv opens a temp database in language lang (prepare, when not nil,
// runs on it first) and returns its environment in a test window of
// Size. Everything is closed when the test ends.
func NewEnv(t testing.TB, lang string, prepare func(s *data.Store)) *Env {
	t.Helper()
	path := filepath.Join(t.TempDir(), "opsbench.db")
	ctx := context.Background()
	s, err := data.Open(ctx, path, data.Options{ReplicaName: "desk 1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, data.SettingLanguage, lang); err != nil {
		t.Fatal(err)
	}
	if prepare != nil {
		prepare(s)
	}
	if me, err := s.Me(ctx); err == nil {
		s.SetActor(me)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	e := &Env{Env: ui.NewEnv(a, w, ui.NewTranslator(lang)), Path: path}
	e.Queue = NewQueue(e.Env)
	e.SetStore(s)
	e.UseLanguage(lang)
	e.ApplyTheme(ui.ThemeLight)
	e.SetNavigator(func(id ui.ScreenID) { e.Navigated = append(e.Navigated, id) })
	w.Resize(Size)
	t.Cleanup(func() {
		e.Close()
		w.Close()
	})
	return e
}

// Show puts a screen in the window, loads it and settles.
func (e *Env) Show(s ui.Screen) {
	e.Window().SetContent(s.View())
	s.Load()
	e.Settle()
}

// WithMe prepares a database with a profile.
func WithMe(name string, role app.Role) func(s *data.Store) {
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

// Walk visits o and every visible object under it, widgets' rendered
// parts included, until visit returns false for a subtree.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !visit(o) {
		return
	}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			Walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			Walk(c, visit)
		}
	}
}

// Texts collects the text of every visible label, paragraph, button,
// check and card title under o.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	Walk(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return false
		case *widgets.Paragraph:
			out = append(out, w.Text)
			return false
		case *widgets.TipButton:
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

// Contains reports whether list holds s.
func Contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ContainsText reports whether an entry of list contains part.
func ContainsText(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// Find returns the first visible object of type T under o that matches.
func Find[T fyne.CanvasObject](t testing.TB, o fyne.CanvasObject, what string, match func(T) bool) T {
	t.Helper()
	var found T
	ok := false
	Walk(o, func(x fyne.CanvasObject) bool {
		if w, is := x.(T); is && !ok && match(w) {
			found, ok = w, true
		}
		return !ok
	})
	if !ok {
		t.Fatalf("no %s in %v", what, Texts(o))
	}
	return found
}

// FindButton finds a button by its text or its tip.
func FindButton(t testing.TB, o fyne.CanvasObject, text string) fyne.Tappable {
	t.Helper()
	var found fyne.Tappable
	Walk(o, func(x fyne.CanvasObject) bool {
		if found != nil {
			return false
		}
		switch b := x.(type) {
		case *widgets.TipButton:
			if b.Text == text || b.Tip == text {
				found = b
			}
			return false
		case *widget.Button:
			if b.Text == text {
				found = b
			}
			return false
		}
		return true
	})
	if found == nil {
		t.Fatalf("no button %q in %v", text, Texts(o))
	}
	return found
}

// FindEntry finds an entry by its placeholder.
func FindEntry(t testing.TB, o fyne.CanvasObject, placeholder string) *widget.Entry {
	t.Helper()
	return Find(t, o, "entry "+placeholder, func(e *widget.Entry) bool { return e.PlaceHolder == placeholder })
}

// FindCheck finds a check box by its text.
func FindCheck(t testing.TB, o fyne.CanvasObject, text string) *widget.Check {
	t.Helper()
	return Find(t, o, "check "+text, func(c *widget.Check) bool { return c.Text == text })
}

// Entries lists the entries under o.
func Entries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	Walk(o, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*widget.Entry); ok {
			out = append(out, e)
			return false
		}
		return true
	})
	return out
}

// Retype replaces an entry's text by typing.
func Retype(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// TopDialog is the content of the top-most dialog, failing if none.
func TopDialog(t testing.TB, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

// DialogText is the text of the top-most dialog, one line per widget.
func DialogText(t testing.TB, w fyne.Window) string {
	t.Helper()
	return strings.Join(Texts(TopDialog(t, w)), "\n")
}

// TapInDialog taps the button labelled text in the top-most dialog.
func TapInDialog(t testing.TB, w fyne.Window, text string) {
	t.Helper()
	test.Tap(FindButton(t, TopDialog(t, w), text))
}

// MissingGlyphs lists the characters of the visible text under o that the
// font the theme gives that text's style has no glyph for: they would
// show as boxes on a machine without other fonts.
func MissingGlyphs(o fyne.CanvasObject) []string {
	th := fyne.CurrentApp().Settings().Theme()
	faces := map[fyne.Resource]*font.Face{}
	var missing []string
	Walk(o, func(x fyne.CanvasObject) bool {
		txt, ok := x.(*canvas.Text)
		if !ok {
			return true
		}
		res := th.Font(txt.TextStyle)
		face, ok := faces[res]
		if !ok {
			face, _ = font.ParseTTF(bytes.NewReader(res.Content()))
			faces[res] = face
		}
		for _, r := range txt.Text {
			if r < ' ' {
				continue
			}
			if face == nil {
				missing = append(missing, fmt.Sprintf("%q in %q (font %s does not load)", r, txt.Text, res.Name()))
				continue
			}
			if _, ok := face.NominalGlyph(r); !ok {
				missing = append(missing, fmt.Sprintf("%q (U+%04X) in %q", r, r, txt.Text))
			}
		}
		return true
	})
	return missing
}

// SyncPass is the office passphrase of the bundles Carry writes.
const SyncPass = "our office passphrase"

// Carry brings from's changes to to through a real bundle file, as a sync
// round does, and runs the UI changes the import starts.
func (e *Env) Carry(t testing.TB, from, to *data.Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bundle.opsync")
	if _, err := bundle.ExportFile(ctx, from, path, bundle.ExportOptions{Passphrase: SyncPass, WorkFactor: 4, Full: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := bundle.Import(ctx, to, []string{path}, bundle.ImportOptions{Passphrase: SyncPass}); err != nil {
		t.Fatal(err)
	}
	e.Settle()
}
