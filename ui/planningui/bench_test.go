package planningui

import (
	"context"
	"fmt"
	"testing"

	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// BenchmarkPlanningRecompute measures the part of a recompute that runs
// off the UI thread for the example scenario: check, simulate, and
// format the texts and chart data.
func BenchmarkPlanningRecompute(b *testing.B) {
	tr := ui.NewTranslator(ui.LangChinese)
	s := exampleScenario(tr)
	builtins := planning.DefaultModes()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		v, errs, err := computeScenario(ctx, tr, s, nil, builtins, planning.Simulate)
		if v == nil || errs != nil || err != nil {
			b.Fatal(errs, err)
		}
	}
}

// BenchmarkPlanningEditToResult measures an edit of the form until its
// result is on screen: the debounce delay (ui.RecomputeDelay), the
// computation off the UI thread and applying the result.
func BenchmarkPlanningEditToResult(b *testing.B) {
	e, p := openPlanning(b, ui.LangChinese, nil)
	for i := 0; i < b.N; i++ {
		want := float64(5 + i%2)
		uitest.Retype(p.form.reserve, fmt.Sprint(want))
		e.Settle()
		if p.valid.scenario.ReservePct != want {
			b.Fatalf("not recomputed: reserve %v", p.valid.scenario.ReservePct)
		}
	}
}

// BenchmarkPlanningApplyResult measures the UI-thread part of a
// recompute: putting a computed result (verdict, figures, chart, tables)
// on screen.
func BenchmarkPlanningApplyResult(b *testing.B) {
	e, p := openPlanning(b, ui.LangChinese, nil)
	tr, builtins := p.tr, p.builtins
	sea, air := exampleScenario(tr), exampleScenario(tr)
	for k := range air.Lines {
		air.Lines[k].Mode = planning.ModeAir
	}
	ctx := context.Background()
	views := make([]*scenarioView, 2)
	views[0], _, _ = computeScenario(ctx, tr, sea, nil, builtins, planning.Simulate)
	views[1], _, _ = computeScenario(ctx, tr, air, nil, builtins, planning.Simulate)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.apply(views[i%2], nil, nil, nil)
	}
	b.StopTimer()
	e.Settle()
}
