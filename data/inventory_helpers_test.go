package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// invNow is the fixed "now" of the inventory tests: 2026-12-01 10:00 UTC,
// 02:00 in Los Angeles, so still 1 December on Amazon.com.
var invNow = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// openInv opens a fresh database whose clock says invNow.
func openInv(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "opsbench.db"),
		Options{ReplicaName: "test desk", Now: func() time.Time { return invNow }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// importText imports a file given as text.
func importText(tb testing.TB, s *Store, body string, opt ImportOptions) (ReportImportResult, error) {
	tb.Helper()
	return NewImporter(s, InventoryImportKinds()...).Import(context.Background(), strings.NewReader(body), opt)
}

// importFixture imports a file of data/reports/testdata.
func importFixture(tb testing.TB, s *Store, name string, opt ImportOptions) (ReportImportResult, error) {
	tb.Helper()
	f, err := os.Open(filepath.Join("reports", "testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	opt.Name = name
	return NewImporter(s, InventoryImportKinds()...).Import(context.Background(), f, opt)
}

// unitsByDay is a SKU's units per day over all of 2020-2030.
func unitsByDay(tb testing.TB, s *Store, sku string) map[string]int {
	tb.Helper()
	ds, err := s.SKUDailySales(context.Background(), sku, app.NewDate(2020, 1, 1), app.NewDate(2030, 12, 31))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]int{}
	for _, d := range ds {
		out[d.Day.String()] = d.Units
	}
	return out
}

// rowCount counts the rows of a table.
func rowCount(tb testing.TB, s *Store, table string) int {
	tb.Helper()
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func mustProduct(tb testing.TB, s *Store, p app.Product) app.Product {
	tb.Helper()
	p, err := s.CreateProduct(context.Background(), p)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func mustLocation(tb testing.TB, s *Store, name string, kind app.LocationKind) app.Location {
	tb.Helper()
	l := app.Location{Name: name, Kind: kind, Active: true}
	if kind == app.LocationFBA {
		l.Marketplace = "US"
	}
	l, err := s.SaveLocation(context.Background(), l)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func ymd(y, m, d int) app.Date { return app.NewDate(y, time.Month(m), d) }
