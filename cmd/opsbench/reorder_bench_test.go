package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
	"github.com/opsbench/opsbench/planning"
)

// largeDemo makes the large demo database (about 15 s) in a folder
// removed after the benchmark, and returns its path.
func largeDemo(b *testing.B) (string, error) {
	path := filepath.Join(b.TempDir(), "large.db")
	ctx := context.Background()
	s, err := data.Open(ctx, path, data.Options{Demo: true})
	if err != nil {
		return "", err
	}
	defer s.Close()
	_, err = demo.Load(ctx, s, demo.Large, demo.DefaultSeed, nil)
	return path, err
}

// BenchmarkReorderFiguresLarge computes the reorder figures of all 2,000
// SKUs of the large demo (365 days of sales each): the SQL aggregation
// (ReorderData, a handful of queries) and one pass of the planning maths.
// The target: under 1 s.
func BenchmarkReorderFiguresLarge(b *testing.B) {
	path, err := largeDemo(b)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var read, plan time.Duration
	for b.Loop() {
		start := time.Now()
		d, err := data.ReadReorderData(ctx, path, 0)
		if err != nil || len(d.Inputs) != 2000 {
			b.Fatalf("%d inputs, %v", len(d.Inputs), err)
		}
		mid := time.Now()
		plans := planning.PlanInventory(d.Inputs, planning.InventoryConfig(d.Settings, d.Modes, d.Measured), d.Today)
		if len(plans) != 2000 {
			b.Fatal(len(plans))
		}
		read += mid.Sub(start)
		plan += time.Since(mid)
	}
	b.ReportMetric(float64(read.Milliseconds())/float64(b.N), "sql-ms/op")
	b.ReportMetric(float64(plan.Milliseconds())/float64(b.N), "plan-ms/op")
}
