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
	if err != nil || st.Cases == 0 || len(st.FirstResponse) == 0 || len(st.FBAReturns) == 0 {
		t.Fatalf("a week's statistics: %+v (%v)", st, err)
	}
	checkServiceLinks(t, s, sum)
}

// checkServiceLinks: cases, returns and stock talk about the same SKUs;
// replacements left stock through the ledger, each on its case's
// timeline; a few FBA returns have their case.
func checkServiceLinks(t *testing.T, s *data.Store, sum Summary) {
	t.Helper()
	ctx := context.Background()
	products, err := s.Products(ctx)
	if err != nil {
		t.Fatal(err)
	}
	catalog := map[string]bool{}
	for _, p := range products {
		catalog[p.SKU] = true
	}
	sent, sends := 0, 0
	err = s.CasesWithSLA(ctx, false, s.Now(), func(cs data.CaseSLA) error {
		c := cs.Case
		if c.SKU != "" && !catalog[c.SKU] {
			t.Errorf("case %s is about SKU %s, not in the catalog", c.ID, c.SKU)
		}
		if !c.Resolution.SendsGoods() {
			return nil
		}
		sends++
		ms, err := s.CaseMovements(ctx, c.ID)
		if err != nil || len(ms) == 0 {
			return err
		}
		sent++
		tl, err := s.Timeline(ctx, c.ID)
		if err != nil {
			return err
		}
		logged := false
		for _, e := range tl {
			logged = logged || e.Kind == app.EntryAction && e.Action == app.ActionStockMoved && e.Ref == ms[0].ID
		}
		if ms[0].SKU != c.SKU || ms[0].Qty != -1 || !logged {
			t.Errorf("case %s: replacement %+v, on the timeline %v", c.ID, ms[0], logged)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sent == 0 {
		t.Errorf("none of %d replacement or reship cases sent its unit out of stock", sends)
	}
	if neg, err := s.NegativeStock(ctx); err != nil || len(neg) > 1 {
		t.Errorf("replacements took stock below zero: %+v %v", neg, err)
	}
	if sum.Service.Returns == 0 || sum.Service.ReturnCases != 3 {
		t.Fatalf("returns %d, cases opened from them %d", sum.Service.Returns, sum.Service.ReturnCases)
	}
	withCase := 0
	for sku := range catalog {
		rs, err := s.SKUReturns(ctx, sku)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.CaseID == "" {
				continue
			}
			withCase++
			if c, err := s.Case(ctx, r.CaseID); err != nil || c.SKU != sku || c.Type != app.CaseReturnRefund || c.OrderID != r.OrderID {
				t.Errorf("case of return %s: %+v %v", r.ID, c, err)
			}
		}
	}
	if withCase != sum.Service.ReturnCases {
		t.Errorf("%d returns show a case, %d were opened", withCase, sum.Service.ReturnCases)
	}
}
