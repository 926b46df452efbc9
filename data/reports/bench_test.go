package reports

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkAllOrders200k reads a 200,000-line All Orders file made in
// the benchmark (32 columns, about 50 MB); MB/s is the reading speed.
// The target (at most 3× sqlite3's .import of the same file)
// belongs to the importer, which adds the writes to this.
func BenchmarkAllOrders200k(b *testing.B) {
	data := bigOrders(200_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Open(context.Background(), bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		units := 0
		sum, err := f.Orders(context.Background(), func(o OrderLine) error {
			if !o.Cancelled {
				units += o.Quantity
			}
			return nil
		})
		if err != nil || sum.Good != 200_000 || units == 0 {
			b.Fatalf("%+v %v", sum, err)
		}
	}
}
