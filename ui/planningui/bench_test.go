package ui

import (
	"fmt"
	"testing"

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

// BenchmarkPlanningEditToResult measures an edit of the form until its
// result is on screen: the debounce delay (recomputeDelay), the
// computation off the UI thread and applying the result.
func BenchmarkPlanningEditToResult(b *testing.B) {
	u, p := openPlanning(b, LangChinese, nil)
	for i := 0; i < b.N; i++ {
		want := float64(5 + i%2)
		retype(p.form.reserve, fmt.Sprint(want))
		settle(u)
		if p.valid.scenario.ReservePct != want {
			b.Fatalf("not recomputed: reserve %v", p.valid.scenario.ReservePct)
		}
	}
}

// BenchmarkPlanningApplyResult measures the UI-thread part of a
// recompute: putting a computed result (verdict, figures, chart, tables)
// on screen.
func BenchmarkPlanningApplyResult(b *testing.B) {
	u, p := openPlanning(b, LangChinese, nil)
	tr, builtins := p.tr, p.builtins
	sea, air := exampleScenario(tr), exampleScenario(tr)
	for k := range air.Lines {
		air.Lines[k].Mode = planning.ModeAir
	}
	views := make([]*scenarioView, 2)
	views[0], _, _ = computeScenario(tr, sea, nil, builtins, planning.Simulate)
	views[1], _, _ = computeScenario(tr, air, nil, builtins, planning.Simulate)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.apply(views[i%2], nil, nil, nil)
	}
	b.StopTimer()
	settle(u)
}
