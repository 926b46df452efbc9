package ui

import (
	"testing"
	"time"

	"github.com/opsbench/opsbench/planning"
)

// BenchmarkPlanningRecompute measures the part of a recompute that runs
// off the UI thread for the example scenario: check, simulate, and
// format the texts and chart data.
func BenchmarkPlanningRecompute(b *testing.B) {
	tr := mustTranslator(LangChinese)
	s := exampleScenario(tr)
	builtins := planning.DefaultModes()
	for i := 0; i < b.N; i++ {
		v, errs, err := computeScenario(tr, s, nil, builtins, planning.Simulate)
		if v == nil || errs != nil || err != nil {
			b.Fatal(errs, err)
		}
	}
}

// TestPlanningRecomputeLatency reports how long an edit takes to show
// its result (the debounce delay plus the computation) and how long the
// UI thread spends putting a result on screen.
func TestPlanningRecomputeLatency(t *testing.T) {
	u, p := openPlanning(t, LangChinese, nil)
	start := time.Now()
	retype(p.form.reserve, "5")
	settle(u)
	total := time.Since(start)
	if p.valid.scenario.ReservePct != 5 {
		t.Fatal("not recomputed")
	}
	if total > recomputeDelay+2*time.Second && !raceEnabled {
		t.Errorf("recompute took %v", total)
	}

	tr, builtins := p.tr, p.builtins
	sea, air := exampleScenario(tr), exampleScenario(tr)
	for k := range air.Lines {
		air.Lines[k].Mode = planning.ModeAir
	}
	views := make([]*scenarioView, 2)
	views[0], _, _ = computeScenario(tr, sea, nil, builtins, planning.Simulate)
	views[1], _, _ = computeScenario(tr, air, nil, builtins, planning.Simulate)
	const n = 50
	applyStart := time.Now()
	for i := 0; i < n; i++ {
		p.apply(views[i%2], nil, nil, nil)
	}
	perApply := time.Since(applyStart) / n
	settle(u)
	t.Logf("edit to result: %v (debounce %v); on the UI thread: %v per result", total, recomputeDelay, perApply)
	if perApply > 50*time.Millisecond && !raceEnabled {
		t.Errorf("showing a result blocks the UI thread for %v", perApply)
	}
}
