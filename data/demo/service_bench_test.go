package demo

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// largeService is the large demo database, made once per test process
// (about a minute): 50,000 cases with 300,000 timeline entries.
var largeService struct {
	once sync.Once
	s    *data.Store
	err  error
}

func largeStore(b *testing.B) *data.Store {
	b.Helper()
	largeService.once.Do(func() {
		dir, err := mkdirTemp()
		if err != nil {
			largeService.err = err
			return
		}
		s, err := data.Open(context.Background(), filepath.Join(dir, "large.db"), data.Options{Demo: true})
		if err != nil {
			largeService.err = err
			return
		}
		start := time.Now()
		sum, err := Load(context.Background(), s, Large, DefaultSeed, nil)
		if err != nil {
			largeService.err = err
			return
		}
		b.Logf("large demo: %d cases, %d timeline entries in %s", sum.Service.Cases, sum.Service.Entries, time.Since(start).Round(time.Second))
		largeService.s = s
	})
	if largeService.err != nil {
		b.Fatal(largeService.err)
	}
	return largeService.s
}

// BenchmarkCaseTable reads a filtered, sorted page of the case table with
// its total, as the table does when a filter or the sort changes, on the
// large demo. Target: under 30 ms.
func BenchmarkCaseTable(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	people, err := s.People(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var rep string
	for _, p := range people {
		if p.Role == app.RoleService {
			rep = p.ID
			break
		}
	}
	for _, bc := range []struct {
		name string
		q    app.ListQuery
	}{
		{"newest", app.ListQuery{}},
		{"active/by-sla", app.ListQuery{Sort: app.CaseSortSLA, Filters: map[string]string{app.CaseFilterStatus: app.CaseStatusActive}}},
		{"owner+active/by-sla", app.ListQuery{Sort: app.CaseSortSLA, Filters: map[string]string{app.CaseFilterOwner: rep, app.CaseFilterStatus: app.CaseStatusActive}}},
		{"late/by-customer", app.ListQuery{Sort: app.CaseSortCustomer, Filters: map[string]string{app.CaseFilterSLA: string(app.SLALate)}}},
		{"type/by-customer-desc", app.ListQuery{Sort: app.CaseSortCustomer, Desc: true, Filters: map[string]string{app.CaseFilterType: string(app.CaseLostParcel)}}},
		{"closed/by-status", app.ListQuery{Sort: app.CaseSortStatus, Filters: map[string]string{app.CaseFilterStatus: string(app.CaseClosed)}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ListCases(ctx, bc.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCaseSearch is the table's full-text search (FTS5) on the large
// demo: a buyer's name, part of an order id, of a tracking number, words
// of a timeline message, a two-character word. Target: under 50 ms.
func BenchmarkCaseSearch(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	for _, search := range []string{"Schmidt", "113-12", "TBA1234", "handle came off", "dishwasher Lukas", "佐藤", "Hi"} {
		b.Run(search, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ListCases(ctx, app.ListQuery{Search: search}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenCasesSLA computes both SLA clocks of every open case of the
// large demo from their timelines (what `cases --json --open` and the
// Today cards do). Target: under 100 ms.
func BenchmarkOpenCasesSLA(b *testing.B) {
	s := largeStore(b)
	ctx := context.Background()
	open := 0
	for b.Loop() {
		open = 0
		if err := s.CasesWithSLA(ctx, true, s.Now(), func(data.CaseSLA) error { open++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(open), "open-cases")
}
