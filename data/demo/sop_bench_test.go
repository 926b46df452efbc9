package demo

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// The SOP issue's performance targets, on the large demo database (1,000
// runs with their steps, a year of checklist entries for 12 people):
//
//	Today's query                                      < 50 ms
//	a page of the runs table, sorted and filtered      < 30 ms
//	generating a day's checklist entries for 12 people < 20 ms
//
// The database is made once per run of the benchmarks (about 25 s).

var large struct {
	once sync.Once
	path string
	err  error
}

func largeDemo(b *testing.B) *data.Store {
	b.Helper()
	large.once.Do(func() {
		dir, err := os.MkdirTemp("", "opsbench-sop-bench")
		if err != nil {
			large.err = err
			return
		}
		large.path = filepath.Join(dir, "large-demo.db")
		s, err := data.Open(context.Background(), large.path, data.Options{Demo: true})
		if err != nil {
			large.err = err
			return
		}
		defer s.Close()
		_, large.err = Load(context.Background(), s, Large, DefaultSeed, nil)
	})
	if large.err != nil {
		b.Fatal(large.err)
	}
	s, err := data.Open(context.Background(), large.path, data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// removeLarge removes the large SOP benchmark's database (TestMain).
func removeLarge() {
	if large.path != "" {
		os.RemoveAll(filepath.Dir(large.path))
	}
}

// busiest is the team member with the most open work today.
func busiest(b *testing.B, s *data.Store, today app.Date) string {
	people, _, err := s.TeamBoard(context.Background(), today)
	if err != nil || len(people) == 0 {
		b.Fatal(people, err)
	}
	return people[0].PersonID
}

func BenchmarkTodayQuery(b *testing.B) {
	s := largeDemo(b)
	ctx := context.Background()
	today := app.MustDefaultCalendar().Today(s.Now())
	me := busiest(b, s, today)
	for _, bc := range []struct {
		name   string
		person string
	}{{"me", me}, {"everyone", ""}} {
		b.Run(bc.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				items, err := s.Today(ctx, bc.person, today)
				if err != nil {
					b.Fatal(err)
				}
				n = len(items)
			}
			b.ReportMetric(float64(n), "items")
		})
	}
}

func BenchmarkRunsPage(b *testing.B) {
	s := largeDemo(b)
	ctx := context.Background()
	today := app.MustDefaultCalendar().Today(s.Now())
	me := busiest(b, s, today)
	ts, err := s.Templates(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	product := ts[0].ID
	for _, t := range ts {
		if t.Builtin == "product" {
			product = t.ID
		}
	}
	first, _, err := s.ListRuns(ctx, today, app.ListQuery{Limit: 50})
	if err != nil || len(first) == 0 {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		q    app.ListQuery
	}{
		{"start-desc", app.ListQuery{Limit: 50}},
		{"title/active", app.ListQuery{Sort: data.RunSortTitle, Limit: 50, Filters: map[string]string{data.RunFilterState: string(app.RunActive)}}},
		{"next-due/owner", app.ListQuery{Sort: data.RunSortNextDue, Limit: 50, Filters: map[string]string{data.RunFilterOwner: me}}},
		{"progress/template", app.ListQuery{Sort: data.RunSortProgress, Desc: true, Limit: 50, Filters: map[string]string{data.RunFilterTemplate: product}}},
		{"overdue/active", app.ListQuery{Sort: data.RunSortOverdue, Desc: true, Limit: 50, Filters: map[string]string{data.RunFilterState: string(app.RunActive)}}},
		{"start/search", app.ListQuery{Limit: 50, Search: "CUP"}},
		{"start/next-page", app.ListQuery{Limit: 50, After: first[len(first)-1].ID, SkipTotal: true}},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			total := 0
			for b.Loop() {
				_, t, err := s.ListRuns(ctx, today, bc.q)
				if err != nil {
					b.Fatal(err)
				}
				total = t
			}
			b.ReportMetric(float64(total), "rows")
		})
	}
}

// BenchmarkGenerateDay generates the entries of one more workday each
// time: a day of the 12 people's items.
func BenchmarkGenerateDay(b *testing.B) {
	s := largeDemo(b)
	ctx := context.Background()
	cal := app.MustDefaultCalendar()
	day := cal.Today(s.Now())
	made := 0
	days := 0
	for b.Loop() {
		day = cal.NextWorkday(day.AddDays(1))
		n, err := s.GenerateChecklist(ctx, cal, day)
		if err != nil {
			b.Fatal(err)
		}
		made += n
		days++
	}
	b.ReportMetric(float64(made)/float64(days), "entries/day")
}
