package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
)

const formTestPass = "our office passphrase"

// personForm is a person form built on a RecordForm, as a screen would.
type personForm struct {
	name, note *widget.Entry
	role       *widget.Select
	active     *widget.Check
	roles      Choices
}

func newPersonForm(tr *Translator) *personForm {
	f := &personForm{name: widget.NewEntry(), note: widget.NewEntry(), active: widget.NewCheck("", nil), roles: RoleChoices(tr)}
	f.role = widget.NewSelect(f.roles.Labels(), nil)
	return f
}

func (f *personForm) Values() (map[string]any, error) {
	return map[string]any{"name": f.name.Text, "note": f.note.Text, "role": f.roles.Value(f.role.Selected), "active": f.active.Checked}, nil
}

func (f *personForm) Fill(v map[string]any) error {
	f.name.SetText(ValueText(v["name"]))
	f.note.SetText(ValueText(v["note"]))
	f.role.SetSelected(f.roles.Label(ValueText(v["role"])))
	f.active.SetChecked(ValueFlag(v["active"]))
	return nil
}

func savePerson(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
	p := app.Person{ID: snap.ID, Name: ValueText(v["name"]), Note: ValueText(v["note"]), Role: app.Role(ValueText(v["role"])), Active: ValueFlag(v["active"])}
	return s.UpdatePersonChanges(ctx, snap, p, keep)
}

// office is two desks that sync through bundles written and read by the
// real export and import: desk A in the test window, desk B beside it.
type office struct {
	t    *testing.T
	e    *Env
	q    *queue
	a, b *data.Store
	ann  app.Person
	form *personForm
	rf   *RecordForm
}

func newOffice(t *testing.T) *office {
	t.Helper()
	ctx := context.Background()
	e, q := newTestEnv(t)
	e.UseLanguage(LangEnglish)
	open := func(name string) *data.Store {
		s, err := data.Open(ctx, filepath.Join(t.TempDir(), name+".db"), data.Options{ReplicaName: name})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	o := &office{t: t, e: e, q: q, a: open("desk A"), b: open("desk B")}
	t.Cleanup(func() { o.b.Close() })
	e.SetStore(o.a)
	var err error
	if o.ann, err = o.a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOperations, Active: true}); err != nil {
		t.Fatal(err)
	}
	o.exchange(o.a, o.b)
	o.b.SetActor(app.Person{Name: "Bo"})
	o.form = newPersonForm(e.Translator())
	o.rf = NewRecordForm(e, "person", o.form)
	e.Window().SetContent(fyne.CanvasObject(widget.NewForm(
		widget.NewFormItem("", o.rf.Notice()), widget.NewFormItem("", o.form.name), widget.NewFormItem("", o.form.note))))
	o.rf.Open(o.ann.ID, nil)
	q.settle(e)
	if o.form.name.Text != "Ann" || o.rf.Dirty() {
		t.Fatalf("the form opened with %q, dirty %v", o.form.name.Text, o.rf.Dirty())
	}
	return o
}

// exchange carries from's changes to to through a bundle file.
func (o *office) exchange(from, to *data.Store) {
	o.t.Helper()
	ctx := context.Background()
	path := filepath.Join(o.t.TempDir(), "bundle.opsync")
	if _, err := bundle.ExportFile(ctx, from, path, bundle.ExportOptions{Passphrase: formTestPass, WorkFactor: 4, Full: true}); err != nil {
		o.t.Fatal(err)
	}
	if _, err := bundle.Import(ctx, to, []string{path}, bundle.ImportOptions{Passphrase: formTestPass}); err != nil {
		o.t.Fatal(err)
	}
	o.q.settle(o.e)
}

// onB changes Ann on desk B and brings the change to desk A.
func (o *office) onB(change func(p *app.Person)) {
	o.t.Helper()
	p, err := o.b.Person(context.Background(), o.ann.ID)
	if err != nil {
		o.t.Fatal(err)
	}
	change(&p)
	if err := o.b.UpdatePerson(context.Background(), p); err != nil {
		o.t.Fatal(err)
	}
	o.exchange(o.b, o.a)
}

func (o *office) save() error {
	var got error
	done := false
	o.rf.Save(savePerson, func(err error) { got, done = err, true })
	o.q.settle(o.e)
	if !done {
		o.t.Fatal("the save did not finish")
	}
	return got
}

func (o *office) stored() app.Person {
	p, err := o.a.Person(context.Background(), o.ann.ID)
	if err != nil {
		o.t.Fatal(err)
	}
	return p
}

// answer answers the keep mine / take theirs question shown on top.
func (o *office) answer(choice, button string) {
	o.t.Helper()
	top := o.e.Window().Canvas().Overlays().Top()
	if top == nil {
		o.t.Fatal("no keep mine / take theirs question")
	}
	var radios []*widget.RadioGroup
	walkRadios(top, func(r *widget.RadioGroup) { radios = append(radios, r) })
	for _, r := range radios {
		r.SetSelected(o.e.T(choice))
	}
	tapButton(o.t, top, o.e.T(button))
	o.q.settle(o.e)
}

func walkRadios(o fyne.CanvasObject, visit func(*widget.RadioGroup)) {
	switch w := o.(type) {
	case *widget.RadioGroup:
		visit(w)
	case *fyne.Container:
		for _, c := range w.Objects {
			walkRadios(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walkRadios(c, visit)
		}
	}
}

func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text && found == nil {
				found = w
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

// An open form without edits shows what another desk changed.
func TestRecordFormReloadsWithoutEdits(t *testing.T) {
	o := newOffice(t)
	o.onB(func(p *app.Person) { p.Role = app.RoleFinance; p.Note = "Shenzhen" })
	if got := o.form.roles.Value(o.form.role.Selected); got != string(app.RoleFinance) || o.form.note.Text != "Shenzhen" {
		t.Fatalf("the form shows role %q, note %q after desk B's change", got, o.form.note.Text)
	}
	if o.rf.Dirty() || o.rf.Notice().Visible() {
		t.Fatal("a reload counts as an edit or asks")
	}
}

// With edits, the form says who changed what; Save keeps the colleague's
// edit of another field and writes only the person's own.
func TestRecordFormSaveKeepsColleaguesOtherField(t *testing.T) {
	o := newOffice(t)
	test.Type(o.form.note, "Guangzhou")
	o.onB(func(p *app.Person) { p.Role = app.RoleFinance })
	if !o.rf.Notice().Visible() {
		t.Fatal("no notice of desk B's change")
	}
	notice := o.rf.noticeText.Text
	if !strings.Contains(notice, "Bo") || !strings.Contains(notice, "desk B") || !strings.Contains(notice, o.e.T("field.person.role")) {
		t.Fatalf("the notice does not say who changed what: %q", notice)
	}
	if got := o.form.roles.Value(o.form.role.Selected); got != string(app.RoleOperations) {
		t.Fatalf("the edited form was reloaded: role %q", got)
	}
	if err := o.save(); err != nil {
		t.Fatal(err)
	}
	if p := o.stored(); p.Note == "" || p.Note != "Guangzhou" || p.Role != app.RoleFinance {
		t.Fatalf("stored %+v: want the note typed here and desk B's role", p)
	}
	if got := o.form.roles.Value(o.form.role.Selected); got != string(app.RoleFinance) || o.rf.Dirty() {
		t.Fatalf("after saving the form shows role %q (dirty %v)", got, o.rf.Dirty())
	}
}

// The same field changed on both desks: Save asks, and each answer gives
// the stored result it says.
func TestRecordFormSameFieldAsksAtSave(t *testing.T) {
	for _, tt := range []struct {
		choice, want string
	}{
		{"form.keep_mine", "Ann (here)"},
		{"form.take_theirs", "Ann (desk B)"},
	} {
		t.Run(tt.choice, func(t *testing.T) {
			o := newOffice(t)
			o.form.name.SetText("Ann (here)")
			o.onB(func(p *app.Person) { p.Name = "Ann (desk B)" })
			var saved error
			done := false
			o.rf.Save(savePerson, func(err error) { saved, done = err, true })
			o.q.settle(o.e)
			if p := o.stored(); done || p.Name != "Ann (desk B)" {
				t.Fatalf("a stale save wrote %q (done %v) before asking", p.Name, done)
			}
			o.answer(tt.choice, "form.apply_save")
			if !done || saved != nil {
				t.Fatalf("the save after the answer: done %v, %v", done, saved)
			}
			if p := o.stored(); p.Name != tt.want {
				t.Fatalf("stored name %q, want %q", p.Name, tt.want)
			}
			if o.form.name.Text != tt.want || o.rf.Dirty() {
				t.Fatalf("the form shows %q (dirty %v), want %q", o.form.name.Text, o.rf.Dirty(), tt.want)
			}
		})
	}
}

// Review from the notice: taking theirs shows their value and keeps the
// person's other edits; keeping mine keeps the form's value to save.
func TestRecordFormReview(t *testing.T) {
	o := newOffice(t)
	o.form.name.SetText("Ann (here)")
	test.Type(o.form.note, "typed here")
	o.onB(func(p *app.Person) { p.Name = "Ann (desk B)"; p.Role = app.RoleService })
	o.rf.Review()
	if text := strings.Join(texts(o.e.Window().Canvas().Overlays().Top()), " "); !strings.Contains(text, "Ann (here)") ||
		!strings.Contains(text, "Ann (desk B)") || !strings.Contains(text, o.e.T("role.service")) {
		t.Fatalf("the question does not show both values formatted:\n%s", text)
	}
	o.answer("form.take_theirs", "form.apply")
	if o.form.name.Text != "Ann (desk B)" || o.form.note.Text != "typed here" || o.rf.Notice().Visible() {
		t.Fatalf("after taking theirs: name %q, note %q", o.form.name.Text, o.form.note.Text)
	}
	if err := o.save(); err != nil {
		t.Fatal(err)
	}
	if p := o.stored(); p.Name != "Ann (desk B)" || p.Note != "typed here" || p.Role != app.RoleService {
		t.Fatalf("stored %+v", p)
	}
}

// A change the form already holds (the same edit made on both desks) is
// no longer an edit and asks nothing.
func TestRecordFormSameEditOnBothDesks(t *testing.T) {
	o := newOffice(t)
	o.form.name.SetText("Ann Li")
	o.onB(func(p *app.Person) { p.Name = "Ann Li" })
	if o.rf.Notice().Visible() || o.rf.Dirty() {
		t.Fatalf("the same edit on both desks asks (dirty %v)", o.rf.Dirty())
	}
}

// Values held differently are the same value.
func TestSameValue(t *testing.T) {
	for _, tt := range []struct {
		field string
		a, b  any
		same  bool
	}{
		{"active", true, int64(1), true},
		{"active", false, int64(1), false},
		{"name", "Ann", []byte("Ann"), true},
		{"body/capital", "100000", "100000.0", true},
		{"body/capital", "100000", "120000.0", false},
		{"body/line[1].mode", "'sea'", `"sea"`, true},
		{"body/line[1].mode", "'sea'", absent{}, false},
		{"note", nil, nil, true},
	} {
		if got := SameValue(tt.field, tt.a, tt.b); got != tt.same {
			t.Errorf("SameValue(%s, %v, %v) = %v", tt.field, tt.a, tt.b, got)
		}
	}
}

// texts collects the visible lines of text under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *canvas.Text:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}
