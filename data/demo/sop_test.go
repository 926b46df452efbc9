package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// TestSmallDemoSOP: the small demo office shows every part of SOP
// tracking: templates, runs done and active with overdue and blocked
// steps, hand-offs, a checklist history with values to chart, reviews
// open and closed.
func TestSmallDemoSOP(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), data.Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Load(ctx, s, Small, DefaultSeed, nil); err != nil {
		t.Fatal(err)
	}
	cal := app.MustDefaultCalendar()
	today := cal.Today(s.Now())
	ts, err := s.Templates(ctx, false)
	if err != nil || len(ts) != 6 {
		t.Fatalf("%d templates, %v", len(ts), err)
	}
	runs, total, err := s.ListRuns(ctx, today, app.ListQuery{Limit: app.MaxListLimit})
	if err != nil || total != Small.sopCounts().runs {
		t.Fatalf("%d runs, %v", total, err)
	}
	states := map[app.RunState]int{}
	handoffs, overdue := 0, 0
	for _, r := range runs {
		states[r.State]++
		overdue += r.Overdue
		hs, _ := s.HandOffs(ctx, r.ID)
		handoffs += len(hs)
	}
	if states[app.RunDone] == 0 || states[app.RunActive] == 0 || overdue == 0 || handoffs == 0 {
		t.Errorf("states %v, %d overdue steps, %d hand-offs", states, overdue, handoffs)
	}
	items, err := s.Today(ctx, "", today)
	if err != nil || len(items) == 0 {
		t.Fatalf("Today: %d items, %v", len(items), err)
	}
	kinds := map[app.TodayKind]bool{}
	for _, it := range items {
		kinds[it.Kind] = true
	}
	if !kinds[app.TodayStep] || !kinds[app.TodayChecklist] {
		t.Errorf("Today kinds %v", kinds)
	}
	series, err := s.ValueSeriesList(ctx)
	if err != nil || len(series) == 0 {
		t.Fatalf("series %v %v", series, err)
	}
	long := 0
	for _, v := range series {
		if v.Type.Numeric() && v.Count >= 20 {
			long++
		}
	}
	if long == 0 {
		t.Errorf("no numeric series long enough to chart: %+v", series)
	}
	open, _, _ := s.ListReviews(ctx, app.ListQuery{Filters: map[string]string{data.ReviewFilterOpen: "1"}})
	closed, _, _ := s.ListReviews(ctx, app.ListQuery{Filters: map[string]string{data.ReviewFilterOpen: "0"}})
	if len(open) == 0 || len(closed) == 0 {
		t.Errorf("%d open, %d closed reviews", len(open), len(closed))
	}
	// Every checklist item has an owner, and the team's days are there.
	its, _ := s.ChecklistItems(ctx, false)
	for _, it := range its {
		if it.OwnerID == "" {
			t.Errorf("item %q has no owner", it.Title)
		}
	}
}
