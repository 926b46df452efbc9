package data

import (
	"context"
	"errors"
	"testing"

	"github.com/opsbench/opsbench/app"
)

// TestSOPFormsSaveOnlyTheirChanges: a form saves the fields changed in it
// on top of what another desk changed meanwhile; a field changed on both
// sides is refused as stale until the person keeps theirs.
func TestSOPFormsSaveOnlyTheirChanges(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	today := day(t, "2024-03-04")
	run, err := s.StartRun(ctx, o.plan(t, "杯子", "MUG-1", day(t, "2024-03-01")))
	if err != nil {
		t.Fatal(err)
	}
	steps, _ := s.RunSteps(ctx, run.ID)
	research, profit := steps[0], steps[1]

	t.Run("Step", func(t *testing.T) {
		snap, err := s.OpenRecord(ctx, tableStep, research.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Meanwhile another desk moves the due date.
		if _, err := s.SaveStep(ctx, research.ID, today, app.StepChange{Due: day(t, "2024-03-08")}, nil); err != nil {
			t.Fatal(err)
		}
		form := func(status app.StepStatus, due, owner string) map[string]any {
			return map[string]any{"status": string(status), "reason": "", "owner_id": owner, "due": due, "note": ""}
		}
		// The form starts the step (its due date as opened): the move stays.
		if err := s.SaveStepChanges(ctx, snap, form(app.StepDoing, "2024-03-04", o.ops.ID), nil, today, nil, ""); err != nil {
			t.Fatal(err)
		}
		got, _ := s.RunStep(ctx, research.ID)
		if got.Status != app.StepDoing || got.Due.String() != "2024-03-08" {
			t.Fatalf("after the form: %+v", got)
		}
		// A form that changes the due date another desk changed since the
		// form opened is refused, naming it.
		snap2, _ := s.OpenRecord(ctx, tableStep, research.ID)
		if _, err := s.SaveStep(ctx, research.ID, today, app.StepChange{Due: day(t, "2024-03-07")}, nil); err != nil {
			t.Fatal(err)
		}
		err = s.SaveStepChanges(ctx, snap2, form(app.StepDoing, "2024-03-06", o.ops.ID), nil, today, nil, "")
		var stale *StaleError
		if !errors.As(err, &stale) || len(stale.Fields) != 1 || stale.Fields[0].Field != "due" {
			t.Fatalf("both changed the due date: %v", err)
		}
		if got, _ := s.RunStep(ctx, research.ID); got.Due.String() != "2024-03-07" {
			t.Fatalf("a refused save wrote: %+v", got)
		}
		// Keep mine, and hand the step over in the same save.
		if err := s.SaveStepChanges(ctx, snap2, form(app.StepDoing, "2024-03-06", o.buyer.ID), []string{"due"}, today, nil, "出差"); err != nil {
			t.Fatal(err)
		}
		got, _ = s.RunStep(ctx, research.ID)
		hs, _ := s.HandOffs(ctx, run.ID)
		if got.Due.String() != "2024-03-06" || got.OwnerID != o.buyer.ID || len(hs) != 1 || hs[0].Note != "出差" {
			t.Fatalf("kept mine: %+v, hand-offs %+v", got, hs)
		}
	})

	t.Run("StepRules", func(t *testing.T) {
		snap, _ := s.OpenRecord(ctx, tableStep, profit.ID)
		v := map[string]any{"status": string(app.StepDone), "reason": "", "owner_id": o.boss.ID, "due": "2024-03-05", "note": ""}
		var fe *app.FieldError
		if err := s.SaveStepChanges(ctx, snap, v, nil, today, nil, ""); !errors.As(err, &fe) || fe.Field != "price" {
			t.Fatalf("done without the price: %v", err)
		}
		v["status"] = string(app.StepBlocked)
		if err := s.SaveStepChanges(ctx, snap, v, nil, today, nil, ""); !errors.As(err, &fe) || fe.Field != "reason" {
			t.Fatalf("blocked without reason: %v", err)
		}
		v["status"], v["due"] = string(app.StepDoing), "2024-02-01"
		if err := s.SaveStepChanges(ctx, snap, v, nil, today, nil, ""); !errors.As(err, &fe) || fe.Code != app.CodeBeforeStart {
			t.Fatalf("due before start: %v", err)
		}
		price, _ := app.ParseValue(app.FormField{Key: "price", Type: app.FieldMoney, Currency: "USD"}, "19.99")
		v["status"], v["due"] = string(app.StepDone), "2024-03-05"
		if err := s.SaveStepChanges(ctx, snap, v, nil, today, map[string]app.Value{"price": price}, ""); err != nil {
			t.Fatal(err)
		}
		got, _ := s.RunStep(ctx, profit.ID)
		if got.Status != app.StepDone || got.DoneAt.IsZero() || got.DoneBy != o.boss.ID {
			t.Fatalf("done: %+v", got)
		}
	})

	t.Run("Template", func(t *testing.T) {
		snap, _ := s.OpenRecord(ctx, tableTemplate, o.tpl.ID)
		form, _ := s.Template(ctx, o.tpl.ID)
		// Another desk saves version 2 (a longer first step).
		other := form
		other.Body = deepBody(form.Body)
		other.Body.Stages[0].Steps[0].Days = 9
		if _, err := s.SaveTemplate(ctx, other); err != nil {
			t.Fatal(err)
		}
		// The form renames only: version 2 stays.
		form.Name = "新品流程"
		got, err := s.SaveTemplateChanges(ctx, snap, form, nil)
		if err != nil || got.Name != "新品流程" || got.Version != 2 || got.Body.Stages[0].Steps[0].Days != 9 {
			t.Fatalf("rename: %+v %v", got, err)
		}
		// The form changes the content too: stale, until kept (version 3).
		snap, _ = s.OpenRecord(ctx, tableTemplate, o.tpl.ID)
		other = got
		other.Body = deepBody(got.Body)
		other.Body.Stages[0].Steps[0].Days = 4
		if _, err := s.SaveTemplate(ctx, other); err != nil {
			t.Fatal(err)
		}
		mine := got
		mine.Body = deepBody(got.Body)
		mine.Body.Stages[0].Steps[0].Title = "调研市场"
		var stale *StaleError
		if _, err := s.SaveTemplateChanges(ctx, snap, mine, nil); !errors.As(err, &stale) || stale.Fields[0].Field != "version_id" {
			t.Fatalf("both saved content: %v", err)
		}
		if vs, _ := s.TemplateVersions(ctx, o.tpl.ID); len(vs) != 3 {
			t.Fatalf("a refused save added a version: %d", len(vs))
		}
		got, err = s.SaveTemplateChanges(ctx, snap, mine, []string{"version_id"})
		if err != nil || got.Version != 4 || got.Body.Stages[0].Steps[0].Title != "调研市场" {
			t.Fatalf("kept mine: v%d %v", got.Version, err)
		}
	})

	t.Run("ReviewAndItem", func(t *testing.T) {
		r := app.NewReview(today)
		r.Metric, r.Action, r.OwnerID = "CVR", "换图", o.ops.ID
		r, err := s.SaveReview(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		snap, _ := s.OpenRecord(ctx, tableReview, r.ID)
		// Meanwhile the owner is changed elsewhere; the form writes the result.
		other := r
		other.OwnerID = o.buyer.ID
		if _, err := s.SaveReview(ctx, other); err != nil {
			t.Fatal(err)
		}
		mine := r
		mine.Result = "回升"
		if err := s.SaveReviewChanges(ctx, snap, mine, nil); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Review(ctx, r.ID)
		if !got.Closed || got.Result != "回升" || got.OwnerID != o.buyer.ID {
			t.Fatalf("review %+v", got)
		}
		mine.Action = ""
		var fe *app.FieldError
		if err := s.SaveReviewChanges(ctx, snap, mine, nil); !errors.As(err, &fe) || fe.Field != "action" {
			t.Fatalf("no action: %v", err)
		}

		it, err := s.SaveChecklistItem(ctx, app.ChecklistItem{Title: "订单统计", OwnerID: o.ops.ID, Schedule: app.Schedule{Kind: app.ScheduleWorkdays}}, today)
		if err != nil {
			t.Fatal(err)
		}
		isnap, _ := s.OpenRecord(ctx, tableChecklistItem, it.ID)
		it2 := it
		it2.Schedule = app.Schedule{Kind: app.ScheduleWeekly, Weekday: 1, Start: it.Schedule.Start}
		v2, err := ChecklistItemValues(it2)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveChecklistItemChanges(ctx, isnap, v2, nil); err != nil {
			t.Fatal(err)
		}
		got2, _ := s.ChecklistItem(ctx, it.ID)
		if got2.Schedule.Kind != app.ScheduleWeekly || got2.Schedule.Start != it.Schedule.Start || got2.Position != it.Position {
			t.Fatalf("item %+v", got2)
		}
		if err := s.SaveChecklistItemChanges(ctx, snap, v2, nil); !errors.Is(err, app.ErrInvalidInput) {
			t.Errorf("a review's snapshot saved an item: %v", err)
		}
	})
}

func deepBody(b app.TemplateBody) app.TemplateBody {
	out := app.TemplateBody{}
	for _, st := range b.Stages {
		st.Steps = append([]app.Step(nil), st.Steps...)
		out.Stages = append(out.Stages, st)
	}
	return out
}
