package demo

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// demoNow is the fixed "now" of the demo tests.
var demoNow = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func openDemo(tb testing.TB) *data.Store {
	tb.Helper()
	src := rand.NewChaCha8([32]byte{7})
	var mu sync.Mutex
	s, err := data.Open(context.Background(), filepath.Join(tb.TempDir(), "demo.db"), data.Options{Demo: true,
		Now:   func() time.Time { return demoNow },
		NewID: func() string { mu.Lock(); defer mu.Unlock(); return app.IDAt(demoNow, src) }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestInventoryDemo(t *testing.T) {
	ctx := context.Background()
	s := openDemo(t)
	sum, err := Load(ctx, s, Small, DefaultSeed, nil)
	if err != nil {
		t.Fatal(err)
	}
	inv := sum.Inventory
	if inv.SKUs != len(demoCatalog) || inv.SaleLines < 10_000 || inv.Snapshots == 0 || inv.Shipments < 10 || inv.PurchaseOrders < 10 {
		t.Fatalf("%+v", inv)
	}
	d, err := s.ReorderData(ctx, app.DateOf(demoNow, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	stockOuts, atSea, ordered, negative := 0, 0, 0, 0
	for _, in := range d.Inputs {
		for _, ok := range in.Sales.InStock {
			if !ok {
				stockOuts++
				break
			}
		}
		// Goods at sea are in Amazon's inbound figures of the snapshots.
		atSea += in.Stock.InTransit + in.Stock.FBAInboundShipped
		ordered += in.Stock.Ordered
		negative += len(in.Stock.Negative)
	}
	// What the screens show must be there: stock-outs in the history,
	// goods at sea, orders in production, a negative balance flagged,
	// shipments enough for measured transit times, cash.
	if stockOuts < 3 || atSea == 0 || ordered == 0 || negative != 1 {
		t.Errorf("SKUs with stock-outs %d, at sea %d, ordered %d, negative balances %d", stockOuts, atSea, ordered, negative)
	}
	if len(d.Measured["sea"]) < 5 {
		t.Errorf("%d arrived sea shipments", len(d.Measured["sea"]))
	}
	if c := d.Cash[app.CashBank]; c.Amount != 420_000_00 || len(d.Payments) == 0 {
		t.Errorf("cash %+v, %d payments", c, len(d.Payments))
	}
	lg, err := s.Logistics(ctx)
	if err != nil || len(lg.Transit) == 0 || len(lg.Costs) == 0 {
		t.Errorf("logistics %+v %v", lg, err)
	}
}

// The same seed gives the same office.
func TestInventoryDemoIsDeterministic(t *testing.T) {
	ctx := context.Background()
	var inputs [2][]app.ReorderInput
	for i := range inputs {
		s := openDemo(t)
		if _, err := Load(ctx, s, Small, 42, nil); err != nil {
			t.Fatal(err)
		}
		d, err := s.ReorderData(ctx, app.DateOf(demoNow, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		inputs[i] = d.Inputs
	}
	if !reflect.DeepEqual(inputs[0], inputs[1]) {
		t.Error("two loads with one seed differ")
	}
}

// BenchmarkLoadSmall measures making the small demo database (the large
// one: `opsbench demo --size large`, about 15 s, is timed in the README).
func BenchmarkLoadSmall(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := openDemo(b)
		b.StartTimer()
		if _, err := Load(context.Background(), s, Small, DefaultSeed, nil); err != nil {
			b.Fatal(err)
		}
	}
}
