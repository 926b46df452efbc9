package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// benchDirs are the folders the benchmarks' shared database lives in,
// removed when the tests end.
var benchDirs []string

func mkdirTemp() (string, error) {
	dir, err := os.MkdirTemp("", "opsbench-demo-bench-")
	if err == nil {
		benchDirs = append(benchDirs, dir)
	}
	return dir, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if largeService.s != nil {
		largeService.s.Close()
	}
	for _, d := range benchDirs {
		os.RemoveAll(d)
	}
	removeLarge()
	os.Exit(code)
}

// The small demo's service part: its cases in every state, the round
// number of timeline entries, and something on every follow-up list and
// in the statistics.
func TestLoadService(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), data.Options{Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var last, total int
	sum, err := Load(ctx, s, Small, DefaultSeed, func(done, all int) { last, total = done, all })
	if err != nil {
		t.Fatal(err)
	}
	if last != total {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	cases, _, entries := Small.serviceCounts()
	if sum.Service.Cases != cases || sum.Service.Entries != entries {
		t.Fatalf("service summary %+v, want %d cases and %d entries", sum.Service, cases, entries)
	}
	seen := map[app.SLAState]int{}
	statuses := map[app.CaseStatus]int{}
	err = s.CasesWithSLA(ctx, false, s.Now(), func(cs data.CaseSLA) error {
		seen[cs.SLA.State]++
		statuses[cs.Case.Status]++
		if cs.Case.Status.Done() && cs.Case.Resolution == "" {
			t.Errorf("case %s done without a resolution", cs.Case.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range app.CaseStatuses() {
		if statuses[st] == 0 {
			t.Errorf("no demo case is %s: %v", st, statuses)
		}
	}
	for _, st := range []app.SLAState{app.SLALate, app.SLAPaused, app.SLAOK, app.SLAMet} {
		if seen[st] == 0 {
			t.Errorf("no demo case is %s: %v", st, seen)
		}
	}
	f, err := s.FollowUps(ctx, s.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Tracking) == 0 || len(f.COD) == 0 {
		t.Errorf("follow-ups: %d tracking, %d COD", len(f.Tracking), len(f.COD))
	}
	today := app.DateOf(s.Now(), nil)
	st, err := s.ServiceStats(ctx, today.AddDays(-6), today, s.Now())
	if err != nil || st.Cases == 0 || len(st.FirstResponse) == 0 {
		t.Fatalf("a week's statistics: %+v (%v)", st, err)
	}
}
