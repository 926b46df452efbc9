package planningui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// twoDesks is Planning on desk A, open on a saved scenario that desk B
// has too; bundles go through the real export and import.
type twoDesks struct {
	t    *testing.T
	e    *uitest.Env
	p    *Screen
	b    *data.Store
	id   string
	plan string
}

func openTwoDesks(t *testing.T) *twoDesks {
	t.Helper()
	ctx := context.Background()
	d := &twoDesks{t: t, plan: "Plan"}
	d.e, d.p = openPlanning(t, ui.LangEnglish, func(s *data.Store) {
		sc := exampleScenario(ui.NewTranslator(ui.LangEnglish))
		sc.Name = d.plan
		body, _ := sc.MarshalTOML()
		saved, err := s.SaveScenario(ctx, app.SavedScenario{Name: d.plan, Body: string(body)})
		if err != nil {
			t.Fatal(err)
		}
		d.id = saved.ID
	})
	var err error
	if d.b, err = data.Open(ctx, filepath.Join(t.TempDir(), "b.db"), data.Options{ReplicaName: "desk B"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.b.Close() })
	d.b.SetActor(app.Person{Name: "Bo"})
	d.carry(d.e.Store(), d.b)
	if d.p.savedID != d.id || d.p.form.capital.Text != "100000" {
		t.Fatalf("Planning opened %q with capital %q", d.p.savedName, d.p.form.capital.Text)
	}
	return d
}

// carry brings from's changes to to through a bundle file.
func (d *twoDesks) carry(from, to *data.Store) {
	d.t.Helper()
	d.e.Carry(d.t, from, to)
}

// onB changes the scenario on desk B and brings it to desk A.
func (d *twoDesks) onB(change func(s *planning.Scenario)) {
	d.t.Helper()
	ctx := context.Background()
	sc, err := d.b.Scenario(ctx, d.id)
	if err != nil {
		d.t.Fatal(err)
	}
	s, err := planning.ParseScenario([]byte(sc.Body))
	if err != nil {
		d.t.Fatal(err)
	}
	change(&s)
	body, _ := s.MarshalTOML()
	sc.Body = string(body)
	if _, err := d.b.SaveScenario(ctx, sc); err != nil {
		d.t.Fatal(err)
	}
	d.carry(d.b, d.e.Store())
}

// stored is the scenario as desk A holds it.
func (d *twoDesks) stored() planning.Scenario {
	d.t.Helper()
	sc, err := d.e.Store().Scenario(context.Background(), d.id)
	if err != nil {
		d.t.Fatal(err)
	}
	s, err := planning.ParseScenario([]byte(sc.Body))
	if err != nil {
		d.t.Fatal(err)
	}
	return s
}

// answer chooses choice for every field of the keep mine / take theirs
// question and taps button.
func (d *twoDesks) answer(choice, button string) {
	d.t.Helper()
	dlg := uitest.TopDialog(d.t, d.e.Window())
	uitest.Walk(dlg, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*widget.RadioGroup); ok {
			r.SetSelected(d.e.T(choice))
			return false
		}
		return true
	})
	test.Tap(uitest.FindButton(d.t, dlg, d.e.T(button)))
	d.e.Settle()
}

// An open scenario that an import changed reloads when it has no edits.
func TestPlanningOpenScenarioReloadsOnImport(t *testing.T) {
	d := openTwoDesks(t)
	d.onB(func(s *planning.Scenario) { s.Capital = 120000 })
	if d.p.form.capital.Text != "120000" || d.p.dirty {
		t.Fatalf("the form shows capital %q (dirty %v) after desk B's change", d.p.form.capital.Text, d.p.dirty)
	}
	if d.p.valid == nil || d.p.valid.scenario.Capital != 120000 {
		t.Fatal("the result was not computed again for the new capital")
	}
	if d.p.rec.Notice().Visible() {
		t.Error("a reload without edits asks")
	}
}

// With unsaved edits, an import says who changed what; Save asks keep
// mine / take theirs for the field both changed, and each answer gives
// the stored result it says; desk B's edit of another field survives.
func TestPlanningEditsKeptOrTaken(t *testing.T) {
	for _, tt := range []struct {
		choice  string
		capital float64
	}{
		{"form.keep_mine", 150000},
		{"form.take_theirs", 120000},
	} {
		t.Run(tt.choice, func(t *testing.T) {
			d := openTwoDesks(t)
			uitest.Retype(d.p.form.capital, "150000")
			d.e.Settle()
			d.onB(func(s *planning.Scenario) {
				s.Capital = 120000
				s.Lines[0].Price = 39.9
			})
			notice := strings.Join(uitest.Texts(d.p.rec.Notice()), " ")
			if !d.p.rec.Notice().Visible() || !strings.Contains(notice, "Bo at desk desk B") || !strings.Contains(notice, "Capital") ||
				!strings.Contains(notice, "Product line 1 “") {
				t.Fatalf("the notice does not say who changed what: %q", notice)
			}
			if d.p.form.capital.Text != "150000" {
				t.Fatalf("the edited form was reloaded: capital %q", d.p.form.capital.Text)
			}
			test.Tap(d.p.saveBtn)
			d.e.Settle()
			if got := d.stored(); got.Capital != 120000 {
				t.Fatalf("a stale save wrote capital %v before asking", got.Capital)
			}
			text := uitest.DialogText(t, d.e.Window())
			if !strings.Contains(text, "¥150,000") || !strings.Contains(text, "¥120,000") {
				t.Fatalf("the question does not show both capitals as money:\n%s", text)
			}
			d.answer(tt.choice, "form.apply_save")
			got := d.stored()
			if got.Capital != tt.capital || got.Lines[0].Price != 39.9 {
				t.Fatalf("stored capital %v, line 1 price %v; want %v and desk B's 39.9", got.Capital, got.Lines[0].Price, tt.capital)
			}
			if d.p.form.capital.Text != app.FormatNumber(tt.capital, 0) && d.p.form.capital.Text != strings.ReplaceAll(app.FormatNumber(tt.capital, 0), ",", "") {
				t.Fatalf("the form shows capital %q after saving", d.p.form.capital.Text)
			}
			if d.p.dirty || len(d.p.UnsavedEdits()) != 0 {
				t.Fatal("the form has unsaved edits after saving")
			}
		})
	}
}

// A colleague's edit of another field survives Save, with no question.
func TestPlanningSaveKeepsColleaguesOtherField(t *testing.T) {
	d := openTwoDesks(t)
	uitest.Retype(d.p.form.capital, "150000")
	d.e.Settle()
	d.onB(func(s *planning.Scenario) { s.ReservePct = 20 })
	test.Tap(d.p.saveBtn)
	d.e.Settle()
	if top := d.e.Window().Canvas().Overlays().Top(); top != nil {
		t.Fatalf("saving a field desk B did not change asks: %v", uitest.Texts(top))
	}
	if got := d.stored(); got.Capital != 150000 || got.ReservePct != 20 {
		t.Fatalf("stored capital %v, reserve %v; want 150000 typed here and desk B's 20", got.Capital, got.ReservePct)
	}
	if d.p.form.reserve.Text != "20" {
		t.Errorf("after saving the form shows reserve %q", d.p.form.reserve.Text)
	}
}

// Switching scenario in the picker with unsaved edits asks; keeping on
// editing keeps them, discarding opens the other scenario.
func TestPlanningSwitchWithEditsAsks(t *testing.T) {
	d := openTwoDesks(t)
	ctx := context.Background()
	other := exampleScenario(d.e.Translator())
	other.Capital = 60000
	body, _ := other.MarshalTOML()
	if _, err := d.e.Store().SaveScenario(ctx, app.SavedScenario{Name: "Other", Body: string(body)}); err != nil {
		t.Fatal(err)
	}
	d.p.Load()
	d.e.Settle()
	uitest.Retype(d.p.form.capital, "150000")
	d.e.Settle()
	d.p.savedPick.SetSelected("Other")
	d.e.Settle()
	if !strings.Contains(uitest.DialogText(t, d.e.Window()), d.e.T("unsaved.discard")) {
		t.Fatal("switching scenario with edits does not ask")
	}
	if d.p.savedPick.Selected != d.plan || d.p.form.capital.Text != "150000" {
		t.Fatalf("before the answer the picker shows %q, capital %q", d.p.savedPick.Selected, d.p.form.capital.Text)
	}
	uitest.TapInDialog(t, d.e.Window(), d.e.T("unsaved.keep_editing"))
	d.e.Settle()
	if d.p.savedID != d.id || d.p.form.capital.Text != "150000" {
		t.Fatalf("keep editing lost the edits: %q, capital %q", d.p.savedName, d.p.form.capital.Text)
	}
	d.p.savedPick.SetSelected("Other")
	d.e.Settle()
	uitest.TapInDialog(t, d.e.Window(), d.e.T("unsaved.discard"))
	d.e.Settle()
	if d.p.savedName != "Other" || d.p.form.capital.Text != "60000" || d.p.dirty {
		t.Fatalf("after discarding: %q, capital %q, dirty %v", d.p.savedName, d.p.form.capital.Text, d.p.dirty)
	}
	if got := d.stored(); got.Capital != 100000 {
		t.Fatalf("the discarded edit was stored: capital %v", got.Capital)
	}
}
