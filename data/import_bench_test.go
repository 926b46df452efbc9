package data

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// allOrdersFile writes a 200,000-line All Orders file as Seller Central
// exports it (32 tab-separated columns, CRLF, one line in 37 cancelled,
// 2,000 SKUs) and returns its path.
func allOrdersFile(tb testing.TB, lines int) string {
	tb.Helper()
	var b bytes.Buffer
	b.WriteString("amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t" +
		"sales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\t" +
		"item-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\t" +
		"ship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tis-business-order\t" +
		"purchase-order-number\tprice-designation\r\n")
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) // a year of orders, all in the past
	for i := 1; i <= lines; i++ {
		at := base.Add(time.Duration(i) * 157 * time.Second).Format(time.RFC3339)
		status := "Shipped"
		if i%37 == 0 {
			status = "Cancelled"
		}
		b.WriteString("113-" + strconv.Itoa(1000000+i) + "-4000000\t\t" + at + "\t" + at + "\t" + status + "\tAmazon\tAmazon.com\t\t\tStandard\t" +
			"Enamel Camping Mug, 12 oz, blue\tSKU-" + strconv.Itoa(i%2000) + "\tB0MUG00011\t" + status + "\t" + strconv.Itoa(1+i%3) +
			"\tUSD\t" + strconv.Itoa(10+i%90) + ".99\t0.00\t0.00\t0.00\t\t\t\t\tDENVER\tCO\t80202\tUS\t\tfalse\t\t\r\n")
	}
	path := filepath.Join(tb.TempDir(), "all-orders.txt")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// sqliteImport times the sqlite3 shell's .import of the file into a
// plain table of a new database.
func sqliteImport(tb testing.TB, sqlite3, file string) time.Duration {
	tb.Helper()
	db := filepath.Join(tb.TempDir(), "plain.db")
	start := time.Now()
	out, err := exec.Command(sqlite3, db, "-cmd", ".mode tabs", ".import "+file+" orders").CombinedOutput()
	if err != nil {
		tb.Fatalf("sqlite3 .import: %v\n%s", err, out)
	}
	return time.Since(start)
}

// BenchmarkImportAllOrders200k imports a 200,000-line All Orders file
// into a new database (reading, converting each purchase time to the
// marketplace's day, writing the sale lines with their sync bookkeeping,
// in one transaction) and compares it with the sqlite3 shell's .import of
// the same file into a plain table, measured in the same run. The issue's
// target: at most 3× (the x-sqlite3 metric).
func BenchmarkImportAllOrders200k(b *testing.B) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 command-line shell is not installed (make bench installs it)")
	}
	file := allOrdersFile(b, 200_000)
	ctx := context.Background()
	var ours, theirs []time.Duration
	for b.Loop() {
		b.StopTimer()
		theirs = append(theirs, sqliteImport(b, sqlite3, file))
		s := openInv(b)
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		res, err := NewImporter(s, InventoryImportKinds()...).Import(ctx, f, ImportOptions{})
		ours = append(ours, time.Since(start))
		b.StopTimer()
		f.Close()
		if err != nil || res.Added != 200_000 {
			b.Fatalf("%d added, %v", res.Added, err)
		}
		s.Close()
		b.StartTimer()
	}
	median := func(d []time.Duration) time.Duration {
		s := slices.Clone(d)
		slices.Sort(s)
		return s[len(s)/2]
	}
	b.ReportMetric(float64(median(theirs).Milliseconds()), "sqlite3-ms")
	b.ReportMetric(float64(median(ours).Milliseconds()), "import-ms")
	b.ReportMetric(float64(median(ours))/float64(median(theirs)), "x-sqlite3")
}
