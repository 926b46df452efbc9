package sopui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
	"github.com/opsbench/opsbench/ui/widgets"
)

// TestStepDialogFollowsOtherDesks: a step open on desk A follows desk B's
// changes: without edits it reloads; with edits it says what changed
// elsewhere and saving writes only A's own change, keeping B's.
func TestStepDialogFollowsOtherDesks(t *testing.T) {
	ctx := context.Background()
	e, o := newOffice(t, ui.LangEnglish)
	b, err := data.Open(ctx, filepath.Join(t.TempDir(), "b.db"), data.Options{ReplicaName: "desk B"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.SetActor(app.Person{Name: "Bo"})
	e.Carry(t, e.Store(), b)

	st := steps(t, e, o.run.ID)[0]
	openStep(e, st.ID, nil, nil)
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	due := uitest.FindEntry(t, dlg, app.DayLayout)

	// B moves the due date; A's dialog, not edited, shows it.
	moved := st.Due.AddDays(3)
	if _, err := b.SaveStep(ctx, st.ID, moved, app.StepChange{Due: moved}, nil); err != nil {
		t.Fatal(err)
	}
	e.Carry(t, b, e.Store())
	if due.Text != moved.String() {
		t.Fatalf("the open step did not reload: due %q, want %s", due.Text, moved)
	}

	// A types a note; B hands the step to 李娜 meanwhile.
	note := uitest.Find(t, dlg, "note", func(en *widget.Entry) bool { return en.MultiLine })
	test.Type(note, "样品周三到")
	if _, err := b.SaveStep(ctx, st.ID, moved, app.StepChange{OwnerID: o.na.ID}, nil); err != nil {
		t.Fatal(err)
	}
	e.Carry(t, b, e.Store())
	if note.Text != "样品周三到" {
		t.Fatalf("the edit was lost: %q", note.Text)
	}
	if !uitest.ContainsText(uitest.Texts(dlg), e.T("form.review")) {
		t.Fatalf("no notice of B's change: %v", uitest.Texts(dlg))
	}
	// Saving writes A's note only: B's owner stays.
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	got := steps(t, e, o.run.ID)[0]
	if got.Note != "样品周三到" || got.OwnerID != o.na.ID || got.Due != moved {
		t.Fatalf("after saving on A: %+v", got)
	}
	if len(e.Window().Canvas().Overlays().List()) != 0 {
		t.Error("the dialog stayed open after saving")
	}
}

// TestDialogAsksBeforeDroppingEdits: Cancel on a dialog with edits asks
// first; the screen names it among its unsaved edits.
func TestDialogAsksBeforeDroppingEdits(t *testing.T) {
	e, o := newOffice(t, ui.LangEnglish)
	s := New(e)
	e.Show(s)
	s.runs.open(o.run.ID)
	e.Settle()
	test.Tap(findAll[*widgets.TipButton](s.runs.page, func(b *widgets.TipButton) bool { return b.Tip == e.T("sop.run.open_step") })[0])
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	test.Type(uitest.Find(t, dlg, "note", func(en *widget.Entry) bool { return en.MultiLine }), "改")
	if got := s.UnsavedEdits(); len(got) != 1 {
		t.Fatalf("unsaved edits %v", got)
	}
	test.Tap(uitest.FindButton(t, dlg, e.T("action.cancel")))
	e.Settle()
	if !uitest.ContainsText(uitest.Texts(e.Window().Canvas().Overlays().Top()), e.T("unsaved.discard")) {
		t.Fatal("Cancel dropped the edits without asking")
	}
	uitest.TapInDialog(t, e.Window(), e.T("unsaved.discard"))
	e.Settle()
	if len(e.Window().Canvas().Overlays().List()) != 0 || len(s.UnsavedEdits()) != 0 {
		t.Errorf("after discarding: %d dialogs, unsaved %v", len(e.Window().Canvas().Overlays().List()), s.UnsavedEdits())
	}
}
