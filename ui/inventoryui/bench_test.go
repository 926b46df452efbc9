package inventoryui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// BenchmarkInventoryPageLarge loads pages of the Stock table over the
// large demo (2,000 SKUs × 365 days), sorted and filtered, as the table
// does off the UI thread: the store's page query and the rows formatted.
// The figures are brought up to date once before (the first page's
// refresh is measured on its own, as refresh-ms). Target: a page under
// 30 ms.
func BenchmarkInventoryPageLarge(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "large.db")
	st, err := data.Open(ctx, path, data.Options{Demo: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Load(ctx, st, demo.Large, demo.DefaultSeed, nil); err != nil {
		b.Fatal(err)
	}
	st.Close()
	e := uitest.NewEnv(b, ui.LangChinese, nil)
	e.Store().Close()
	if st, err = data.Open(ctx, path, data.Options{Demo: true}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	e.SetStore(st)
	s := New(e)
	start := time.Now()
	if _, err := refreshFigures(ctx, st); err != nil {
		b.Fatal(err)
	}
	refresh := time.Since(start)
	queries := []app.ListQuery{
		{Sort: app.InventorySortCover, Limit: 100},
		{Sort: app.InventorySortStatus, Filters: map[string]string{app.InventoryFilterStatus: "order_now"}, Limit: 100},
		{Sort: app.InventorySortVelocity, Desc: true, Search: "SKU-1", Limit: 100},
		{Sort: app.InventorySortStockout, Offset: 1500, Limit: 100},
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		rows, total, err := s.stock.page(ctx, queries[i%len(queries)])
		if err != nil || total == 0 || len(rows) == 0 && i%len(queries) == 0 {
			b.Fatalf("%d rows of %d: %v", len(rows), total, err)
		}
	}
	b.ReportMetric(float64(refresh.Milliseconds()), "refresh-ms")
}
