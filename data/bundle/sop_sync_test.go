package bundle

import (
	"context"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

func countRows(t *testing.T, s *data.Store, table string) (live int) {
	t.Helper()
	counts, err := s.SyncRowCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.Table == table {
			return c.Live
		}
	}
	return 0
}

// TestChecklistEntriesOnTwoDesks: two desks generate the same days before
// they sync, one of them twice, and one desk completes an entry before
// the other generates it: after merging, each item has one entry per day
// on both desks, the completion and its value survive, and nothing is a
// conflict.
func TestChecklistEntriesOnTwoDesks(t *testing.T) {
	ctx := context.Background()
	cal := app.MustDefaultCalendar()
	a, b := newDesk(t, "desk A", false), newDesk(t, "desk B", false)
	mon, tue := app.NewDate(2024, 3, 4), app.NewDate(2024, 3, 5)
	fang, err := a.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleOperations, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	item, err := a.SaveChecklistItem(ctx, app.ChecklistItem{Title: "关键词排名", OwnerID: fang.ID,
		Schedule: app.Schedule{Kind: app.ScheduleWorkdays},
		Fields:   []app.FormField{{Key: "rank", Label: "排名", Type: app.FieldNumber, Required: true}}}, mon)
	if err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)

	// Monday: both desks generate; A twice.
	for _, d := range []*data.Store{a, a, b} {
		if _, err := d.GenerateChecklist(ctx, cal, mon); err != nil {
			t.Fatal(err)
		}
	}
	// A completes Monday's entry; only then does B generate Tuesday
	// (catching up Monday again).
	id := app.ChecklistInstanceID(item.ID, mon)
	rank, _ := app.ParseValue(item.Fields[0], "7")
	if _, err := a.SaveChecklistEntry(ctx, id, data.EntryChange{Status: app.EntryDone, Values: map[string]app.Value{"rank": rank}}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []*data.Store{b, a} {
		if _, err := d.GenerateChecklist(ctx, cal, tue); err != nil {
			t.Fatal(err)
		}
	}
	exchange(t, a, b)

	for name, d := range map[string]*data.Store{"A": a, "B": b} {
		if n := countRows(t, d, "checklist_entry"); n != 2 {
			t.Errorf("desk %s: %d entries, want one per day", name, n)
		}
		e, err := d.ChecklistEntry(ctx, id)
		if err != nil || e.Status != app.EntryDone || e.OwnerID != fang.ID {
			t.Errorf("desk %s: Monday's entry lost its completion: %+v %v", name, e, err)
		}
		vals, _ := d.Values(ctx, id)
		if vals["rank"].Num != 7 {
			t.Errorf("desk %s: value %+v", name, vals)
		}
		if n := countRows(t, d, "sync_conflict"); n != 0 {
			t.Errorf("desk %s: %d conflicts", name, n)
		}
	}
	if da, db := dump(t, a, true), dump(t, b, true); da != db {
		t.Errorf("the desks differ:\n%s\n---\n%s", da, db)
	}
}

// TestBuiltinsOnTwoDesks: both desks load the built-in templates; one
// edits a template before the other has even started. After sync there is
// one copy of each, with the edit, and no conflict.
func TestBuiltinsOnTwoDesks(t *testing.T) {
	ctx := context.Background()
	f, err := data.BuiltinSOP(data.BuiltinChinese)
	if err != nil {
		t.Fatal(err)
	}
	a, b := newDesk(t, "desk A", false), newDesk(t, "desk B", false)
	if _, err := a.SeedBuiltins(ctx, data.BuiltinChinese, f); err != nil {
		t.Fatal(err)
	}
	ts, _ := a.Templates(ctx, false)
	var product app.Template
	for _, tp := range ts {
		if tp.Builtin == "product" {
			product = tp
		}
	}
	product.Name = "我们的产品流程"
	product.Body.Stages[0].Steps[0].Days = 5
	if _, err := a.SaveTemplate(ctx, product); err != nil {
		t.Fatal(err)
	}
	// B starts later (a newer clock) and loads the built-ins too.
	if _, err := b.SeedBuiltins(ctx, data.BuiltinChinese, f); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for name, d := range map[string]*data.Store{"A": a, "B": b} {
		ts, err := d.Templates(ctx, false)
		if err != nil || len(ts) != 6 {
			t.Fatalf("desk %s: %d templates, %v", name, len(ts), err)
		}
		got, err := d.Template(ctx, product.ID)
		if err != nil || got.Name != "我们的产品流程" || got.Version != 2 || got.Body.Stages[0].Steps[0].Days != 5 {
			t.Errorf("desk %s: the edit did not hold: %+v %v", name, got.Name, err)
		}
		if n := countRows(t, d, "sync_conflict"); n != 0 {
			t.Errorf("desk %s: %d conflicts", name, n)
		}
	}
	if da, db := dump(t, a, true), dump(t, b, true); da != db {
		t.Errorf("the desks differ")
	}
}

// TestRunsOnTwoDesks: a run started on one desk from version 1 while the
// other desk saves version 2 keeps version 1 everywhere; a hand-off made
// on one desk is on both.
func TestRunsOnTwoDesks(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "desk A", false), newDesk(t, "desk B", false)
	fang, _ := a.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleOperations, Active: true})
	na, _ := a.CreatePerson(ctx, app.Person{Name: "李娜", Role: app.RolePurchasing, Active: true})
	tpl, err := a.CreateTemplate(ctx, app.Template{Name: "新品", Body: app.TemplateBody{Stages: []app.Stage{
		{Title: "选品", Steps: []app.Step{{Key: "s1", Title: "调研", Days: 2}, {Key: "s2", Title: "核算", Days: 1}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	// B edits the template (version 2) while A starts a run of version 1.
	tb, _ := b.Template(ctx, tpl.ID)
	tb.Body.Stages[0].Steps = append(tb.Body.Stages[0].Steps, app.Step{Key: "s3", Title: "下单", Days: 1})
	if _, err := b.SaveTemplate(ctx, tb); err != nil {
		t.Fatal(err)
	}
	v1, _ := a.TemplateVersion(ctx, tpl.VersionID)
	p := app.PlanRun(app.MustDefaultCalendar(), tpl.ID, v1, app.NewDate(2024, 3, 1), func(app.Role) string { return fang.ID })
	p.Title = "杯子"
	run, err := a.StartRun(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	steps, _ := a.RunSteps(ctx, run.ID)
	if _, err := a.SaveStep(ctx, steps[0].ID, app.NewDate(2024, 3, 1), app.StepChange{OwnerID: na.ID, HandOffNote: "出差"}, nil); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for name, d := range map[string]*data.Store{"A": a, "B": b} {
		r, err := d.Run(ctx, run.ID, app.NewDate(2024, 3, 1))
		if err != nil || r.Version != 1 || r.StepsTotal != 2 {
			t.Errorf("desk %s: run %+v %v", name, r, err)
		}
		cur, _ := d.Template(ctx, tpl.ID)
		if cur.Version != 2 || cur.Body.StepCount() != 3 {
			t.Errorf("desk %s: template at version %d with %d steps", name, cur.Version, cur.Body.StepCount())
		}
		hs, _ := d.HandOffs(ctx, run.ID)
		if len(hs) != 1 || hs[0].FromName != "王芳" || hs[0].ToName != "李娜" || hs[0].Note != "出差" {
			t.Errorf("desk %s: hand-offs %+v", name, hs)
		}
	}
	if da, db := dump(t, a, true), dump(t, b, true); da != db {
		t.Errorf("the desks differ")
	}
}
