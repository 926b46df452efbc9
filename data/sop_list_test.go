package data

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestListRuns(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	today := day(t, "2024-04-01")
	second, err := s.CreateTemplate(ctx, sopTemplate("关键词调研"))
	if err != nil {
		t.Fatal(err)
	}
	// Twelve runs, one a day from 2024-03-01: run i has SKU SKU-(i%3);
	// runs 0, 4, 8 use the second template; 李娜 leads runs 5..11 (and owns
	// every freight step); run 1 is cancelled; run 2 is done.
	var ids []string
	for i := 0; i < 12; i++ {
		p := o.plan(t, fmt.Sprintf("run %02d", i), fmt.Sprintf("SKU-%d", i%3), day(t, "2024-03-01").AddDays(i))
		if i%4 == 0 {
			v, _ := s.TemplateVersion(ctx, second.VersionID)
			q := app.PlanRun(app.MustDefaultCalendar(), second.ID, v, p.Start, func(app.Role) string { return o.boss.ID })
			q.Title, q.SKU = p.Title, p.SKU
			p = q
		}
		if i >= 5 {
			p.OwnerID = o.buyer.ID
		}
		r, err := s.StartRun(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if err := s.SetRunCancelled(ctx, ids[1], true); err != nil {
		t.Fatal(err)
	}
	steps, _ := s.RunSteps(ctx, ids[2])
	for _, st := range steps {
		price, _ := app.ParseValue(app.FormField{Key: "price", Type: app.FieldMoney, Currency: "USD"}, "9.99")
		if _, err := s.SaveStep(ctx, st.ID, today, app.StepChange{Status: app.StepDone}, map[string]app.Value{"price": price}); err != nil {
			t.Fatal(err)
		}
	}
	titles := func(rs []app.Run) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Title)
		}
		return out
	}
	cases := []struct {
		name  string
		q     app.ListQuery
		want  []string
		total int
	}{
		{"default: newest start first", app.ListQuery{Limit: 3}, []string{"run 11", "run 10", "run 09"}, 12},
		{"title ascending", app.ListQuery{Sort: RunSortTitle, Limit: 2}, []string{"run 00", "run 01"}, 12},
		{"template filter", app.ListQuery{Sort: RunSortTitle, Filters: map[string]string{RunFilterTemplate: second.ID}}, []string{"run 00", "run 04", "run 08"}, 3},
		{"sku filter", app.ListQuery{Sort: RunSortTitle, Filters: map[string]string{RunFilterSKU: "SKU-2"}}, []string{"run 02", "run 05", "run 08", "run 11"}, 4},
		{"done", app.ListQuery{Filters: map[string]string{RunFilterState: string(app.RunDone)}}, []string{"run 02"}, 1},
		{"cancelled", app.ListQuery{Filters: map[string]string{RunFilterState: string(app.RunCancelled)}}, []string{"run 01"}, 1},
		{"active", app.ListQuery{Filters: map[string]string{RunFilterState: string(app.RunActive)}, Limit: 1}, []string{"run 11"}, 10},
		// 李娜 leads 5..11 and owns the freight step of the first
		// template's runs (1, 2, 3): 10 runs; not 0 and 4 (the second
		// template's steps all belong to 张伟).
		{"owner: lead or step owner", app.ListQuery{Sort: RunSortTitle, Limit: 4, Filters: map[string]string{RunFilterOwner: o.buyer.ID}}, []string{"run 01", "run 02", "run 03", "run 05"}, 10},
		{"search", app.ListQuery{Search: "sku-1", Sort: RunSortTitle}, []string{"run 01", "run 04", "run 07", "run 10"}, 4},
		{"progress, most done first", app.ListQuery{Sort: RunSortProgress, Desc: true, Limit: 1}, []string{"run 02"}, 12},
		{"template then start", app.ListQuery{Sort: RunSortTemplate, Limit: 2}, []string{"run 00", "run 04"}, 12},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := s.ListRuns(ctx, today, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(titles(got), tc.want) || total != tc.total {
				t.Errorf("got %v (%d), want %v (%d)", titles(got), total, tc.want, tc.total)
			}
		})
	}

	t.Run("KeysetPagesNeitherSkipNorRepeat", func(t *testing.T) {
		for _, sort := range []string{RunSortStart, RunSortSKU, RunSortOverdue, RunSortNextDue, RunSortProgress, RunSortOwner} {
			var seen []string
			q := app.ListQuery{Sort: sort, Limit: 5}
			for page := 0; page < 5; page++ {
				rs, total, err := s.ListRuns(ctx, today, q)
				if err != nil {
					t.Fatal(sort, err)
				}
				if page == 0 && total != 12 {
					t.Errorf("%s total %d", sort, total)
				}
				for _, r := range rs {
					seen = append(seen, r.ID)
				}
				if len(rs) < 5 {
					break
				}
				q.After, q.SkipTotal = rs[len(rs)-1].ID, true
			}
			sorted := slices.Clone(seen)
			slices.Sort(sorted)
			if len(seen) != 12 || len(slices.Compact(sorted)) != 12 {
				t.Errorf("%s: %d rows over the pages, %d distinct", sort, len(seen), len(slices.Compact(sorted)))
			}
		}
	})

	t.Run("ErrUnknownKeys", func(t *testing.T) {
		if _, _, err := s.ListRuns(ctx, today, app.ListQuery{Sort: "colour"}); !errors.Is(err, app.ErrInvalidInput) {
			t.Errorf("unknown sort: %v", err)
		}
		if _, _, err := s.ListRuns(ctx, today, app.ListQuery{Filters: map[string]string{"colour": "x"}}); !errors.Is(err, app.ErrInvalidInput) {
			t.Errorf("unknown filter: %v", err)
		}
	})

	t.Run("Derived", func(t *testing.T) {
		r, err := s.Run(ctx, ids[3], today)
		if err != nil {
			t.Fatal(err)
		}
		// Run 3 started 03-04: every step overdue by 04-01.
		if r.Overdue != 3 || r.StepsDone != 0 || r.NextDue.String() != "2024-03-05" {
			t.Errorf("run 3 %+v", r)
		}
	})
}

const seedFile = `format = "opsbench-sop"
[[template]]
name = "新品上架"
builtin = "listing"
[[template.stage]]
key = "content"
title = "产品资料"
[[template.stage.step]]
key = "title"
title = "写标题"
days = 1
[[checklist]]
title = "订单统计"
builtin = "orders"
schedule = "workdays"
`

func TestSeedBuiltins(t *testing.T) {
	ctx := context.Background()
	f, err := app.ParseSOPFile([]byte(seedFile))
	if err != nil {
		t.Fatal(err)
	}
	a, b := mustOpen(t), mustOpen(t)
	res, err := a.SeedBuiltins(ctx, "zh-Hans", f)
	if err != nil || res.Templates != 1 || res.Checklists != 1 {
		t.Fatalf("seed: %+v %v", res, err)
	}
	// Once per database.
	if res, err := a.SeedBuiltins(ctx, "zh-Hans", f); err != nil || res != (SeedResult{}) {
		t.Fatalf("seed again: %+v %v", res, err)
	}
	if _, err := b.SeedBuiltins(ctx, "zh-Hans", f); err != nil {
		t.Fatal(err)
	}
	// Both desks hold byte-identical rows: same ids, clocks, values.
	for _, tbl := range []string{"sop_template", "sop_template_version", "checklist_item"} {
		if da, db := tableText(t, a, tbl), tableText(t, b, tbl); da != db || da == "" {
			t.Errorf("%s differs:\n%s\n%s", tbl, da, db)
		}
	}
	ts, _ := a.Templates(ctx, false)
	if len(ts) != 1 || ts[0].Builtin != "listing" || ts[0].Version != 1 {
		t.Fatalf("templates %+v", ts)
	}
	vs, _ := a.TemplateVersions(ctx, ts[0].ID)
	if len(vs) != 1 || vs[0].CreatedBy != BuiltinAuthor {
		t.Errorf("version %+v", vs)
	}
	// An edit is an ordinary change with this desk's clock.
	tp := ts[0]
	tp.Description = "改过"
	if _, err := a.SaveTemplate(ctx, tp); err != nil {
		t.Fatal(err)
	}
	if tableText(t, a, "sop_template") == tableText(t, b, "sop_template") {
		t.Error("the edit changed nothing")
	}
	// A deleted built-in does not come back; the other language is a
	// separate set.
	if _, err := a.DeleteTemplate(ctx, tp.ID); err != nil {
		t.Fatal(err)
	}
	if res, _ := a.SeedBuiltins(ctx, "zh-Hans", f); res.Templates != 0 {
		t.Error("a deleted built-in came back")
	}
	c := mustOpen(t)
	if _, err := c.SeedBuiltins(ctx, "en", f); err != nil {
		t.Fatal(err)
	}
	if tableText(t, c, "sop_template") == tableText(t, b, "sop_template") {
		t.Error("English and Chinese built-ins share ids")
	}
}

// tableText is every row of a table as text, in id order.
func tableText(t testing.TB, s *Store, table string) string {
	t.Helper()
	rows, err := s.read.Query(`SELECT * FROM ` + table + ` ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintln(vals...)
	}
	return out
}

func TestImportExportSOPFile(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	today := day(t, "2024-03-04")
	if _, err := s.SaveChecklistItem(ctx, app.ChecklistItem{Title: "差评处理", OwnerID: o.ops.ID,
		Schedule: app.Schedule{Kind: app.ScheduleWeekly, Weekday: 1},
		Fields:   []app.FormField{{Key: "count", Label: "差评数", Type: app.FieldNumber}}}, today); err != nil {
		t.Fatal(err)
	}
	f, err := s.ExportSOPFile(ctx, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	b, err := app.MarshalSOPFile(f)
	if err != nil {
		t.Fatal(err)
	}
	back, err := app.ParseSOPFile(b)
	if err != nil {
		t.Fatal(err)
	}

	// Into this database: the template's name is taken, so nothing at
	// all is imported, not even the checklist item.
	before := rowCounts(t, s)
	_, err = s.ImportSOPFile(ctx, back, today)
	var fe *app.SOPFileError
	if !errors.As(err, &fe) || fe.Template != 1 || fe.Name != "新品开发" || !errors.Is(err, app.ErrInvalidInput) {
		t.Fatalf("import of a taken name: %v", err)
	}
	if got := rowCounts(t, s); got != before {
		t.Errorf("a refused import wrote:\n%s\n%s", before, got)
	}

	// Into another database with a 王芳 of its own: all of it, the item
	// given to her.
	other, err := Open(ctx, filepath.Join(t.TempDir(), "other.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	fang, _ := other.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleOperations, Active: true})
	res, err := other.ImportSOPFile(ctx, back, today)
	if err != nil || len(res.Templates) != 1 || len(res.Checklists) != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	got, _ := other.Template(ctx, res.Templates[0].ID)
	want, _ := s.Template(ctx, o.tpl.ID)
	if got.Name != want.Name || got.Body.StepCount() != 3 || got.Body.Stages[0].Steps[1].Fields[0].Key != "price" {
		t.Errorf("imported %+v", got)
	}
	it := res.Checklists[0]
	if it.OwnerID != fang.ID || it.Schedule.Start != today || it.Fields[0].Label != "差评数" {
		t.Errorf("imported item %+v", it)
	}
}

func TestReviews(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	r := app.NewReview(day(t, "2024-03-07"))
	r.Metric, r.Change, r.Diagnosis, r.Action, r.OwnerID, r.SKU = "转化率", "12% → 9%", "主图被改", "换回主图", o.ops.ID, "MUG-1"
	saved, err := s.SaveReview(ctx, r)
	if err != nil || saved.OwnerName != "王芳" || saved.Closed || saved.Week.String() != "2024-03-04" {
		t.Fatalf("%+v %v", saved, err)
	}
	open, err := s.OpenReviews(ctx, o.ops.ID)
	if err != nil || len(open) != 1 {
		t.Fatalf("open %+v %v", open, err)
	}
	saved.Result, saved.Why = "回到 11.5%", "主图恢复后点击率回升"
	closed, err := s.SaveReview(ctx, saved)
	if err != nil || !closed.Closed {
		t.Fatalf("closing: %+v %v", closed, err)
	}
	if open, _ := s.OpenReviews(ctx, ""); len(open) != 0 {
		t.Errorf("still open: %+v", open)
	}
	list, total, err := s.ListReviews(ctx, app.ListQuery{Filters: map[string]string{ReviewFilterWeek: "2024-03-04", ReviewFilterOpen: "0"}})
	if err != nil || total != 1 || list[0].Result != "回到 11.5%" {
		t.Fatalf("list %+v %d %v", list, total, err)
	}
	var fe *app.FieldError
	bad := r
	bad.Action = ""
	if _, err := s.SaveReview(ctx, bad); !errors.As(err, &fe) || fe.Field != "action" {
		t.Errorf("no action: %v", err)
	}
}

// TestMergeSameNamePointsSOPWorkAtTheOneKept: two records of one person
// (entered on two desks) merged keep the SOP work of both.
func TestMergeSameNamePointsSOPWorkAtTheOneKept(t *testing.T) {
	ctx := context.Background()
	o := newSOPOffice(t)
	s := o.s
	run, err := s.StartRun(ctx, o.plan(t, "杯子", "MUG-1", day(t, "2024-03-01")))
	if err != nil {
		t.Fatal(err)
	}
	// A second 王芳 (as a merge would bring) owning the research step.
	twin, err := s.CreatePerson(ctx, app.Person{Name: "王芳 2", Role: app.RoleOperations, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.Exec(`UPDATE person SET name = '王芳' WHERE id = ?`, twin.ID); err != nil {
		t.Fatal(err)
	}
	steps, _ := s.RunSteps(ctx, run.ID)
	if _, err := s.SaveStep(ctx, steps[0].ID, day(t, "2024-03-01"), app.StepChange{OwnerID: twin.ID}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergeSameName(ctx, tablePerson, o.ops.ID, twin.ID); err != nil {
		t.Fatal(err)
	}
	steps, _ = s.RunSteps(ctx, run.ID)
	if steps[0].OwnerID != o.ops.ID {
		t.Errorf("the step still belongs to the dropped twin: %+v", steps[0])
	}
}
