package reports

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Fuzz targets: `go test -fuzz FuzzOrders ./data/reports` and so on. The
// seed corpus is the fixtures in testdata/. Every target checks that
// whatever the bytes, reading never panics, the counts add up, and every
// problem points at a row after the header.

func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// fuzzRead opens data (as kind, or detecting it when kind is "") and
// reads every row, checking the invariants.
func fuzzRead(t *testing.T, data []byte, kind Kind) {
	file, err := Open(context.Background(), bytes.NewReader(data), Options{Kind: kind, MaxProblems: 5})
	if err != nil {
		var uk *UnknownKindError
		var mc *MissingColumnsError
		if err.Error() == "" || (errors.As(err, &uk) && uk.Error() == "") || (errors.As(err, &mc) && len(mc.Missing) == 0) {
			t.Fatalf("error without a message: %#v", err)
		}
		return
	}
	defer file.Close()
	if kind != "" && file.Kind != kind {
		t.Fatalf("asked for %s, got %s", kind, file.Kind)
	}
	good := 0
	sum, err := file.Each(context.Background(), func(r Row) error {
		if r.RowNumber() <= file.HeaderRow {
			t.Fatalf("row %d at or before the header row %d", r.RowNumber(), file.HeaderRow)
		}
		good++
		return nil
	})
	if err != nil {
		return // a truncated file or a reader error is a fine answer
	}
	if sum.Good != good || sum.Good+sum.Skipped != sum.Rows || sum.ProblemCount < sum.Skipped || len(sum.Problems) > 5 {
		t.Fatalf("counts: %+v, %d handed over", sum, good)
	}
	for _, p := range sum.Problems {
		if p.Row <= file.HeaderRow || p.Error() == "" {
			t.Fatalf("problem %+v (header row %d)", p, file.HeaderRow)
		}
	}
}

// withHeader keeps a valid header so the fuzzer works on the rows.
func withHeader(header string, body []byte) []byte {
	return append([]byte(header), body...)
}

func FuzzOpen(f *testing.F) {
	addFixtures(f, "all_orders_zh_gb18030.csv", "business_report_zh_gb18030.csv", "fba_returns_zh_utf16.txt",
		"cases_zh.csv", "unknown.csv", "orders_bad_rows.txt", "business_report_cut.csv", "empty.csv")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "") })
}

func FuzzOrders(f *testing.F) {
	addFixtures(f, "orders_bad_rows.txt", "all_orders_zh_gb18030.csv")
	f.Add([]byte("113-1\t2024-03-05T10:00:00+00:00\tMUG\tShipped\t1,000\t$1.234,56\tEUR\n"))
	const h = "amazon-order-id\tpurchase-date\tsku\titem-status\tquantity\titem-price\tcurrency\n"
	f.Fuzz(func(t *testing.T, body []byte) { fuzzRead(t, withHeader(h, body), KindAllOrders) })
}

func FuzzInventory(f *testing.F) {
	addFixtures(f, "fba_manage_inventory.txt", "fba_inventory_zh.csv")
	const h = "sku\tfnsku\tafn-fulfillable-quantity\tafn-inbound-shipped-quantity\tyour-price\n"
	f.Fuzz(func(t *testing.T, body []byte) { fuzzRead(t, withHeader(h, body), KindFBAInventory) })
}

func FuzzBusinessReport(f *testing.F) {
	addFixtures(f, "business_report_en.csv", "business_report_de.csv", "business_report_zh.csv")
	const h = "\"(Child) ASIN\",\"Sessions - Total\",\"Session Percentage - Total\",\"Units Ordered\",\"Ordered Product Sales\"\n"
	f.Fuzz(func(t *testing.T, body []byte) { fuzzRead(t, withHeader(h, body), KindBusinessReport) })
}

func FuzzReturns(f *testing.F) {
	addFixtures(f, "fba_returns.txt", "fba_returns_zh_utf16.txt")
	const h = "return-date\torder-id\tsku\tquantity\treason\tcustomer-comments\n"
	f.Fuzz(func(t *testing.T, body []byte) { fuzzRead(t, withHeader(h, body), KindFBAReturns) })
}

func FuzzCases(f *testing.F) {
	addFixtures(f, "cases_en.csv", "cases_zh.csv", "cases_zh_gb18030.csv")
	const h = "Created,Channel,Type,Tracking number,Status,First reply\n"
	f.Fuzz(func(t *testing.T, body []byte) { fuzzRead(t, withHeader(h, body), KindCases) })
}

func FuzzValues(f *testing.F) {
	for _, s := range []string{"$1,234.56", "1.234,56 €", "12.5%", "(4.99)", "2024/3/5 9:15", "03/05/2024", "Mar 5, 2024 10:20:30 AM PST", "45356.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := parseNumber(s, false); ok && v != v {
			t.Fatalf("NaN from %q", s)
		}
		parseMoney(s, "USD", true)
		parsePercent(s, false, true)
		parseTime(s, nil, false, true, false)
		decimalText(s, true)
	})
}
