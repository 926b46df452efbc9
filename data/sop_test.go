package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// sopOffice is a store with a team of three and a two-stage template.
type sopOffice struct {
	s                *Store
	boss, ops, buyer app.Person
	tpl              app.Template
}

func day(t testing.TB, s string) app.Date {
	t.Helper()
	d, err := app.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func sopTemplate(name string) app.Template {
	return app.Template{Name: name, Body: app.TemplateBody{Stages: []app.Stage{
		{Key: "select", Title: "选品", Steps: []app.Step{
			{Key: "research", Title: "市场调研", Role: app.RoleOperations, Days: 2},
			{Key: "profit", Title: "利润核算", Role: app.RoleOwner, Days: 1, Fields: []app.FormField{
				{Key: "price", Label: "售价", Type: app.FieldMoney, Currency: "USD", Required: true},
				{Key: "margin", Label: "毛利率", Type: app.FieldPercent},
			}},
		}},
		{Key: "ship", Title: "出货", Steps: []app.Step{
			{Key: "freight", Title: "订舱", Role: app.RolePurchasing, Days: 3},
		}},
	}}}
}

func newSOPOffice(t testing.TB) *sopOffice {
	t.Helper()
	ctx := context.Background()
	o := &sopOffice{s: mustOpen(t)}
	var err error
	for _, p := range []*app.Person{&o.boss, &o.ops, &o.buyer} {
		switch p {
		case &o.boss:
			*p = app.Person{Name: "张伟", Role: app.RoleOwner, Active: true}
		case &o.ops:
			*p = app.Person{Name: "王芳", Role: app.RoleOperations, Active: true}
		default:
			*p = app.Person{Name: "李娜", Role: app.RolePurchasing, Active: true}
		}
		if *p, err = o.s.CreatePerson(ctx, *p); err != nil {
			t.Fatal(err)
		}
	}
	o.s.SetActor(o.boss)
	if o.tpl, err = o.s.CreateTemplate(ctx, sopTemplate("新品开发")); err != nil {
		t.Fatal(err)
	}
	return o
}

// plan proposes a run of the current version with owners by role.
func (o *sopOffice) plan(t testing.TB, title, sku string, start app.Date) app.RunPlan {
	t.Helper()
	v, err := o.s.TemplateVersion(context.Background(), o.tpl.VersionID)
	if err != nil {
		t.Fatal(err)
	}
	byRole := map[app.Role]string{app.RoleOwner: o.boss.ID, app.RoleOperations: o.ops.ID, app.RolePurchasing: o.buyer.ID}
	p := app.PlanRun(app.MustDefaultCalendar(), o.tpl.ID, v, start, func(r app.Role) string { return byRole[r] })
	p.Title, p.SKU, p.OwnerID = title, sku, o.ops.ID
	return p
}

func count(t testing.TB, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.read.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// rowCounts counts the SOP rows and the audit log: what a refused write
// must leave as it was.
func rowCounts(t testing.TB, s *Store) string {
	t.Helper()
	var out string
	for _, tbl := range []string{"sop_template", "sop_template_version", "sop_run", "sop_step", "sop_handoff", "sop_value",
		"checklist_item", "checklist_entry", "review", "audit_log", "sync_change"} {
		out += fmt.Sprintf("%s=%d ", tbl, count(t, s, "SELECT count(*) FROM "+tbl))
	}
	return out
}

func TestTemplates(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s

	t.Run("ErrNameRequiredOrTaken", func(t *testing.T) {
		before := rowCounts(t, s)
		var fe *app.FieldError
		if _, err := s.CreateTemplate(ctx, sopTemplate(" ")); !errors.As(err, &fe) || fe.Field != "name" || fe.Code != app.CodeRequired {
			t.Errorf("empty name: %v", err)
		}
		if _, err := s.CreateTemplate(ctx, sopTemplate("新品开发 ")); !errors.As(err, &fe) || fe.Code != app.CodeDuplicate {
			t.Errorf("duplicate name: %v", err)
		}
		if got := rowCounts(t, s); got != before {
			t.Errorf("a refused template wrote:\n%s\n%s", before, got)
		}
	})

	t.Run("OKVersioning", func(t *testing.T) {
		if o.tpl.Version != 1 || o.tpl.VersionID == "" {
			t.Fatalf("first version %+v", o.tpl)
		}
		run, err := s.StartRun(ctx, o.plan(t, "杯子", "MUG-1", day(t, "2024-03-01")))
		if err != nil {
			t.Fatal(err)
		}
		// Renaming alone adds no version.
		tp := o.tpl
		tp.Name = "新品开发流程"
		tp, err = s.SaveTemplate(ctx, tp)
		if err != nil || tp.Version != 1 || tp.Name != "新品开发流程" {
			t.Fatalf("rename: %+v %v", tp, err)
		}
		// Changing a step adds version 2; the run keeps version 1.
		tp.Body.Stages[0].Steps[0].Days = 5
		tp.Body.Stages[1].Steps = append(tp.Body.Stages[1].Steps, app.Step{Title: "贴标", Role: app.RolePurchasing, Days: 1})
		tp, err = s.SaveTemplate(ctx, tp)
		if err != nil || tp.Version != 2 || tp.VersionID == o.tpl.VersionID {
			t.Fatalf("edit: %+v %v", tp, err)
		}
		got, err := s.Run(ctx, run.ID, day(t, "2024-03-01"))
		if err != nil || got.VersionID != o.tpl.VersionID || got.Version != 1 || got.StepsTotal != 3 {
			t.Fatalf("run after the edit: %+v %v", got, err)
		}
		v1, err := s.TemplateVersion(ctx, got.VersionID)
		if err != nil || v1.Body.Stages[0].Steps[0].Days != 2 {
			t.Fatalf("version 1 changed: %+v %v", v1, err)
		}
		vs, err := s.TemplateVersions(ctx, tp.ID)
		if err != nil || len(vs) != 2 || vs[0].Number != 2 || vs[1].Number != 1 || vs[0].CreatedBy != "张伟" {
			t.Fatalf("versions %+v %v", vs, err)
		}
		// A new run starts from version 2 with four steps.
		o.tpl = tp
		run2, err := s.StartRun(ctx, o.plan(t, "杯子 2", "MUG-2", day(t, "2024-03-01")))
		if err != nil || run2.Version != 2 || run2.StepsTotal != 4 {
			t.Fatalf("run of version 2: %+v %v", run2, err)
		}
		// The new name is taken now, the old one is free.
		if _, err := s.CreateTemplate(ctx, sopTemplate("新品开发流程")); !errors.Is(err, app.ErrInvalidInput) {
			t.Errorf("taken name: %v", err)
		}
	})

	t.Run("DeleteArchivesWhenRunsUseIt", func(t *testing.T) {
		archived, err := s.DeleteTemplate(ctx, o.tpl.ID)
		if err != nil || !archived {
			t.Fatalf("delete used template: archived %v, %v", archived, err)
		}
		tp, err := s.Template(ctx, o.tpl.ID)
		if err != nil || !tp.Archived || tp.Runs != 2 {
			t.Fatalf("archived template %+v %v", tp, err)
		}
		if list, _ := s.Templates(ctx, false); len(list) != 0 {
			t.Errorf("archived template listed: %+v", list)
		}
		if list, _ := s.Templates(ctx, true); len(list) != 1 {
			t.Errorf("archived template not listed with archived ones: %+v", list)
		}
		// An archived template starts no run.
		var fe *app.FieldError
		if _, err := s.StartRun(ctx, o.plan(t, "杯子 3", "MUG-3", day(t, "2024-03-01"))); !errors.As(err, &fe) || fe.Field != "template" {
			t.Errorf("run of an archived template: %v", err)
		}
		// One without runs goes.
		unused, err := s.CreateTemplate(ctx, sopTemplate("临时"))
		if err != nil {
			t.Fatal(err)
		}
		if archived, err := s.DeleteTemplate(ctx, unused.ID); err != nil || archived {
			t.Fatalf("delete unused: %v %v", archived, err)
		}
		if _, err := s.Template(ctx, unused.ID); !errors.Is(err, app.ErrNotFound) {
			t.Errorf("deleted template: %v", err)
		}
	})
}

func TestStartRun(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	start := day(t, "2024-03-01") // a Friday

	t.Run("ErrNothingHalfWritten", func(t *testing.T) {
		before := rowCounts(t, s)
		p := o.plan(t, "杯子", "MUG-1", start)
		p.Steps[2].OwnerID = ""
		var ref *app.StepRef
		if _, err := s.StartRun(ctx, p); !errors.As(err, &ref) || ref.Stage != 1 || ref.Step != 0 || ref.Err.Field != "owner" {
			t.Errorf("step without owner: %v", err)
		}
		p = o.plan(t, "杯子", "MUG-1", start)
		p.Steps[1].Due = day(t, "2024-02-29")
		if _, err := s.StartRun(ctx, p); !errors.As(err, &ref) || ref.Err.Code != app.CodeBeforeStart {
			t.Errorf("due before start: %v", err)
		}
		// An owner who is not in the team (deleted on this desk) is
		// caught inside the transaction, after nothing was written yet.
		gone, _ := s.CreatePerson(ctx, app.Person{Name: "离职", Role: app.RoleService, Active: false})
		_ = s.DeletePerson(ctx, gone.ID)
		before = rowCounts(t, s)
		p = o.plan(t, "杯子", "MUG-1", start)
		p.Steps[1].OwnerID = gone.ID
		if _, err := s.StartRun(ctx, p); !errors.As(err, &ref) || ref.Step != 1 || ref.Err.Code != app.CodeBadChoice {
			t.Errorf("owner not in the team: %v", err)
		}
		if got := rowCounts(t, s); got != before {
			t.Errorf("a refused run wrote:\n%s\n%s", before, got)
		}
	})

	t.Run("OK", func(t *testing.T) {
		run, err := s.StartRun(ctx, o.plan(t, "杯子", "MUG-1", start))
		if err != nil {
			t.Fatal(err)
		}
		if run.TemplateName != "新品开发" || run.OwnerName != "王芳" || run.StepsTotal != 3 || run.State != app.RunActive {
			t.Errorf("run %+v", run)
		}
		steps, err := s.RunSteps(ctx, run.ID)
		if err != nil || len(steps) != 3 {
			t.Fatal(steps, err)
		}
		// 2 workdays from Friday: Mon 03-04; 1 more: Tue 03-05; 3 more:
		// Wed, Thu, Fri 03-08.
		want := []struct{ title, stage, owner, due string }{
			{"市场调研", "选品", "王芳", "2024-03-04"},
			{"利润核算", "选品", "张伟", "2024-03-05"},
			{"订舱", "出货", "李娜", "2024-03-08"},
		}
		for i, w := range want {
			st := steps[i]
			if st.Title != w.title || st.StageTitle != w.stage || st.OwnerName != w.owner || st.Due.String() != w.due || st.Status != app.StepTodo {
				t.Errorf("step %d: %+v, want %+v", i, st, w)
			}
		}
		if run.End.String() != "2024-03-08" || run.NextDue.String() != "2024-03-04" {
			t.Errorf("end %s next %s", run.End, run.NextDue)
		}
		// Every row written is in the audit log.
		hist, err := s.RunHistory(ctx, run.ID)
		if err != nil || len(hist) != 4 {
			t.Errorf("history: %d entries, %v", len(hist), err)
		}
	})
}

func TestSaveStep(t *testing.T) {
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

	t.Run("HandOff", func(t *testing.T) {
		s.SetActor(o.ops)
		st, err := s.SaveStep(ctx, research.ID, today, app.StepChange{Status: app.StepDoing, OwnerID: o.buyer.ID, HandOffNote: "我出差，李娜接手"}, nil)
		if err != nil || st.OwnerID != o.buyer.ID || st.Status != app.StepDoing {
			t.Fatalf("%+v %v", st, err)
		}
		hs, err := s.HandOffs(ctx, run.ID)
		if err != nil || len(hs) != 1 {
			t.Fatalf("hand-offs %+v %v", hs, err)
		}
		h := hs[0]
		if h.FromName != "王芳" || h.ToName != "李娜" || h.ByName != "王芳" || h.Note != "我出差，李娜接手" || h.StepTitle != "市场调研" || h.At.IsZero() {
			t.Errorf("hand-off %+v", h)
		}
		// Saving without a new owner records none.
		if _, err := s.SaveStep(ctx, research.ID, today, app.StepChange{Status: app.StepDone}, nil); err != nil {
			t.Fatal(err)
		}
		if hs, _ := s.HandOffs(ctx, run.ID); len(hs) != 1 {
			t.Errorf("%d hand-offs", len(hs))
		}
		got, _ := s.RunStep(ctx, research.ID)
		if got.DoneBy != o.ops.ID || got.DoneAt.IsZero() || got.DoneByName != "王芳" {
			t.Errorf("done by %+v", got)
		}
	})

	t.Run("RequiredFields", func(t *testing.T) {
		s.SetActor(o.boss)
		before := rowCounts(t, s)
		margin := app.FormField{Key: "margin", Type: app.FieldPercent}
		m, _ := app.ParseValue(margin, "35%")
		// The margin is given, the required price is not: refused, and
		// not even the margin is written.
		var fe *app.FieldError
		_, err := s.SaveStep(ctx, profit.ID, today, app.StepChange{Status: app.StepDone}, map[string]app.Value{"margin": m})
		if !errors.As(err, &fe) || fe.Entity != "record" || fe.Field != "price" || fe.Code != app.CodeRequired {
			t.Fatalf("done without the price: %v", err)
		}
		// A value of the wrong type is refused too.
		txt := app.Value{Type: app.FieldText, Text: "cheap", Set: true}
		if _, err := s.SaveStep(ctx, profit.ID, today, app.StepChange{}, map[string]app.Value{"price": txt}); !errors.As(err, &fe) || fe.Field != "price" {
			t.Fatalf("text for money: %v", err)
		}
		if got := rowCounts(t, s); got != before {
			t.Errorf("a refused step wrote:\n%s\n%s", before, got)
		}
		if st, _ := s.RunStep(ctx, profit.ID); st.Status != app.StepTodo {
			t.Errorf("status %s", st.Status)
		}
		// Recorded first, completed later: the stored value counts.
		price, _ := app.ParseValue(app.FormField{Key: "price", Type: app.FieldMoney, Currency: "USD"}, "$19.99")
		if _, err := s.SaveStep(ctx, profit.ID, today, app.StepChange{Status: app.StepDoing}, map[string]app.Value{"price": price, "margin": m}); err != nil {
			t.Fatal(err)
		}
		st, err := s.SaveStep(ctx, profit.ID, today, app.StepChange{Status: app.StepDone}, nil)
		if err != nil || st.Status != app.StepDone {
			t.Fatalf("done with the price: %+v %v", st, err)
		}
		vals, err := s.Values(ctx, profit.ID)
		if err != nil || vals["price"].Minor != 1999 || vals["price"].Currency != "USD" || vals["margin"].Num != 35 {
			t.Fatalf("values %+v %v", vals, err)
		}
		// The values are a series of the template step, with the run's SKU.
		series, err := s.SeriesValues(ctx, app.StepSeries(o.tpl.ID, "profit"), "price", "MUG-1")
		if err != nil || len(series) != 1 || series[0].Day != today || series[0].RecordedBy != "张伟" {
			t.Fatalf("series %+v %v", series, err)
		}
		// Clearing a required value of a done step is allowed (the step
		// stays done); the value is gone from the form.
		if _, err := s.SaveStep(ctx, profit.ID, today, app.StepChange{}, map[string]app.Value{"margin": {Type: app.FieldPercent}}); err != nil {
			t.Fatal(err)
		}
		if vals, _ := s.Values(ctx, profit.ID); len(vals) != 1 {
			t.Errorf("after clearing: %+v", vals)
		}
		// Value changes are in the run's audit trail.
		hist, _ := s.RunHistory(ctx, run.ID)
		n := 0
		for _, e := range hist {
			if e.Entity == "sop_value" {
				n++
			}
		}
		if n != 3 { // price and margin recorded, margin cleared
			t.Errorf("%d value entries in the history", n)
		}
	})

	t.Run("BlockedAndSkipped", func(t *testing.T) {
		freight := steps[2]
		var fe *app.FieldError
		if _, err := s.SaveStep(ctx, freight.ID, today, app.StepChange{Status: app.StepBlocked}, nil); !errors.As(err, &fe) || fe.Field != "reason" {
			t.Fatalf("blocked without reason: %v", err)
		}
		st, err := s.SaveStep(ctx, freight.ID, today, app.StepChange{Status: app.StepBlocked, Reason: "货代报价未回"}, nil)
		if err != nil || st.Reason != "货代报价未回" {
			t.Fatal(st, err)
		}
		st, err = s.SaveStep(ctx, freight.ID, today, app.StepChange{Status: app.StepSkipped, Reason: "客户自提"}, nil)
		if err != nil || st.Status != app.StepSkipped || st.DoneAt.IsZero() {
			t.Fatal(st, err)
		}
		r, _ := s.Run(ctx, run.ID, today)
		if r.State != app.RunDone || r.StepsDone != 3 || r.Progress() != 1 {
			t.Errorf("run %+v", r)
		}
		// Reopened, it is active again and the completion is cleared.
		st, err = s.SaveStep(ctx, freight.ID, today, app.StepChange{Status: app.StepTodo}, nil)
		if err != nil || !st.DoneAt.IsZero() || st.Reason != "" {
			t.Fatal(st, err)
		}
		if r, _ := s.Run(ctx, run.ID, today); r.State != app.RunActive {
			t.Errorf("state %s", r.State)
		}
	})
}

func TestChecklistGeneration(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	cal := app.MustDefaultCalendar()
	mon := day(t, "2024-03-04")
	daily, err := s.SaveChecklistItem(ctx, app.ChecklistItem{Title: "订单统计", OwnerID: o.ops.ID,
		Schedule: app.Schedule{Kind: app.ScheduleWorkdays},
		Fields:   []app.FormField{{Key: "orders", Label: "订单数", Type: app.FieldNumber, Required: true}}}, mon)
	if err != nil {
		t.Fatal(err)
	}
	weekly, err := s.SaveChecklistItem(ctx, app.ChecklistItem{Title: "广告数据", OwnerID: o.boss.ID,
		Schedule: app.Schedule{Kind: app.ScheduleWeekly, Weekday: time.Wednesday}}, mon)
	if err != nil {
		t.Fatal(err)
	}
	// Without an owner an item makes nothing.
	if _, err := s.SaveChecklistItem(ctx, app.ChecklistItem{Title: "竞品跟踪", Schedule: app.Schedule{Kind: app.ScheduleWorkdays}}, mon); err != nil {
		t.Fatal(err)
	}
	if daily.Schedule.Start != mon || daily.Position != 0 || weekly.Position != 1 {
		t.Errorf("start %s positions %d %d", daily.Schedule.Start, daily.Position, weekly.Position)
	}

	n, err := s.GenerateChecklist(ctx, cal, mon)
	if err != nil || n != 1 {
		t.Fatalf("Monday: %d, %v", n, err)
	}
	// Run twice: nothing more.
	if n, err := s.GenerateChecklist(ctx, cal, mon); err != nil || n != 0 {
		t.Fatalf("Monday again: %d, %v", n, err)
	}
	// Closed Tuesday, opened Thursday: Tuesday and Wednesday are caught
	// up (daily x3, weekly on Wednesday), and Tuesday's stays overdue.
	thu := day(t, "2024-03-07")
	if n, err := s.GenerateChecklist(ctx, cal, thu); err != nil || n != 4 {
		t.Fatalf("Thursday: %d, %v", n, err)
	}
	if got := count(t, s, `SELECT count(*) FROM checklist_entry`); got != 5 {
		t.Errorf("%d entries", got)
	}
	id := app.ChecklistInstanceID(daily.ID, day(t, "2024-03-05"))
	e, err := s.ChecklistEntry(ctx, id)
	if err != nil || e.Title != "订单统计" || e.OwnerName != "王芳" || e.Status != app.EntryTodo || !e.HasForm {
		t.Fatalf("entry %+v %v", e, err)
	}
	// Generated rows carry the base clock, identical on every desk.
	var hlc, fc string
	if err := s.read.QueryRow(`SELECT hlc, field_hlc FROM checklist_entry WHERE id = ?`, id).Scan(&hlc, &fc); err != nil || hlc != BaseClock.String() {
		t.Errorf("clock %q %q %v", hlc, fc, err)
	}

	// Done needs the required value; skipped a reason; nothing is
	// written otherwise.
	before := rowCounts(t, s)
	var fe *app.FieldError
	if _, err := s.SaveChecklistEntry(ctx, id, EntryChange{Status: app.EntryDone}); !errors.As(err, &fe) || fe.Field != "orders" {
		t.Fatalf("done without orders: %v", err)
	}
	if _, err := s.SaveChecklistEntry(ctx, id, EntryChange{Status: app.EntrySkipped}); !errors.As(err, &fe) || fe.Field != "reason" {
		t.Fatalf("skipped without reason: %v", err)
	}
	if got := rowCounts(t, s); got != before {
		t.Errorf("refused entries wrote:\n%s\n%s", before, got)
	}
	v, _ := app.ParseValue(daily.Fields[0], "128")
	e, err = s.SaveChecklistEntry(ctx, id, EntryChange{Status: app.EntryDone, Values: map[string]app.Value{"orders": v}})
	if err != nil || e.Status != app.EntryDone || e.DoneBy != o.boss.ID {
		t.Fatalf("done: %+v %v", e, err)
	}
	// Another day's value of the same item: a series, by day.
	id2 := app.ChecklistInstanceID(daily.ID, mon)
	v2, _ := app.ParseValue(daily.Fields[0], "97")
	if _, err := s.SaveChecklistEntry(ctx, id2, EntryChange{Status: app.EntryDone, Values: map[string]app.Value{"orders": v2}}); err != nil {
		t.Fatal(err)
	}
	series, err := s.SeriesValues(ctx, daily.ID, "orders", "")
	if err != nil || len(series) != 2 || series[0].Value.Num != 97 || series[1].Value.Num != 128 || series[0].Day != mon {
		t.Fatalf("series %+v %v", series, err)
	}
	list, err := s.ValueSeriesList(ctx)
	if err != nil || len(list) != 1 || list[0].Title != "订单统计" || list[0].Count != 2 || list[0].Label != "订单数" {
		t.Fatalf("series list %+v %v", list, err)
	}
	vals, total, err := s.ListValues(ctx, app.ListQuery{Filters: map[string]string{ValueFilterSeries: daily.ID}})
	if err != nil || total != 2 || vals[0].Value.Num != 128 {
		t.Fatalf("ListValues %+v %d %v", vals, total, err)
	}

	// History of entries: by day, filtered by status.
	entries, total, err := s.ListChecklistEntries(ctx, app.ListQuery{Filters: map[string]string{EntryFilterStatus: "todo"}})
	if err != nil || total != 3 {
		t.Fatalf("open entries: %d %v", total, err)
	}
	if entries[0].Day != thu {
		t.Errorf("newest first: %s", entries[0].Day)
	}
	// Items keep the order the office gives them.
	if err := s.MoveChecklistItem(ctx, weekly.ID, 0); err != nil {
		t.Fatal(err)
	}
	items, _ := s.ChecklistItems(ctx, false)
	if items[0].ID != weekly.ID || items[1].ID != daily.ID {
		t.Errorf("order after the move: %s %s", items[0].Title, items[1].Title)
	}
}

func TestToday(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	cal := app.MustDefaultCalendar()
	today := day(t, "2024-03-06") // Wednesday
	run, err := s.StartRun(ctx, o.plan(t, "杯子", "MUG-1", day(t, "2024-03-01")))
	if err != nil {
		t.Fatal(err)
	}
	// Research (王芳) was due Monday: 2 days overdue. Profit (张伟) was
	// due Tuesday. Freight (李娜) is due Friday: not yet.
	other, err := s.StartRun(ctx, o.plan(t, "水壶", "KETTLE", day(t, "2024-03-01")))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetRunCancelled(ctx, other.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveChecklistItem(ctx, app.ChecklistItem{Title: "库存统计", OwnerID: o.ops.ID,
		Schedule: app.Schedule{Kind: app.ScheduleWorkdays}}, today); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GenerateChecklist(ctx, cal, today); err != nil {
		t.Fatal(err)
	}
	r := app.NewReview(day(t, "2024-02-28"))
	r.Metric, r.Action, r.OwnerID = "CVR", "换主图", o.ops.ID
	if _, err := s.SaveReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	later := app.NewReview(today)
	later.Metric, later.Action, later.OwnerID = "ACoS", "降价", o.ops.ID
	if _, err := s.SaveReview(ctx, later); err != nil {
		t.Fatal(err)
	}

	items, err := s.Today(ctx, o.ops.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind    app.TodayKind
		title   string
		overdue int
	}{
		{app.TodayStep, "市场调研", 2},
		{app.TodayChecklist, "库存统计", 0},
		{app.TodayReview, "换主图", 0}, // follow-up 2024-03-06: today
	}
	if len(items) != len(want) {
		t.Fatalf("%d items: %+v", len(items), items)
	}
	for i, w := range want {
		if items[i].Kind != w.kind || items[i].Title != w.title || items[i].OverdueDays != w.overdue || items[i].OwnerName != "王芳" {
			t.Errorf("item %d: %+v, want %+v", i, items[i], w)
		}
	}
	if items[0].RunID != run.ID || items[0].SKU != "MUG-1" || items[0].Stage != "选品" || items[0].HasForm {
		t.Errorf("step item %+v", items[0])
	}
	// Everyone: 张伟's profit step (with a form) joins; the cancelled
	// run's steps do not.
	all, err := s.Today(ctx, "", today)
	if err != nil || len(all) != 4 {
		t.Fatalf("everyone: %+v %v", all, err)
	}
	if all[0].Title != "市场调研" || all[1].Title != "利润核算" || !all[1].HasForm || all[1].OverdueDays != 1 {
		t.Errorf("everyone, first two: %+v %+v", all[0], all[1])
	}
	people, stages, err := s.TeamBoard(ctx, today)
	if err != nil || len(people) != 3 || len(stages) != 2 {
		t.Fatalf("board %+v %+v %v", people, stages, err)
	}
	// 王芳: research (overdue) + today's checklist entry.
	if people[0].Name != "张伟" && people[0].Name != "王芳" {
		t.Errorf("most overdue first: %+v", people)
	}
	for _, p := range people {
		if p.Name == "王芳" && (p.Open != 2 || p.Overdue != 1 || p.DueThisWeek != 1) {
			t.Errorf("王芳 %+v", p)
		}
		if p.Name == "李娜" && (p.Open != 1 || p.Overdue != 0 || p.DueThisWeek != 1) {
			t.Errorf("李娜 %+v", p)
		}
	}
	if stages[0].Stage != "选品" || stages[0].Open != 2 || stages[0].Overdue != 2 || stages[0].Runs != 1 {
		t.Errorf("stages %+v", stages)
	}
}
