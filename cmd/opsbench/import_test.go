package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(name string) string {
	return filepath.Join("..", "..", "data", "reports", "testdata", name)
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ob.db")
	code, out, _ := cli(t, "--db", db, "import", fixture("all_orders.txt"), fixture("fba_manage_inventory.txt"))
	if code != 0 || !strings.Contains(out, "All Orders (TSV, utf-8), 84 rows, 2026-11-16..2026-11-29: 84 new, 0 already imported") ||
		!strings.Contains(out, "FBA Manage Inventory") || !strings.Contains(out, "2 SKUs not in the catalog (--add-skus adds them): MUG-11, TOWEL-22") {
		t.Fatalf("%d\n%s", code, out)
	}
	// Again: nothing new, nothing counted twice.
	code, out, _ = cli(t, "--db", db, "import", fixture("all_orders.txt"))
	if code != 0 || !strings.Contains(out, ": 0 new, 84 already imported") {
		t.Fatalf("%d\n%s", code, out)
	}
	// A Business Report needs its period.
	code, out, _ = cli(t, "--db", db, "import", fixture("business_report_zh.csv"))
	if code != 1 || !strings.Contains(out, "--date FIRST..LAST") {
		t.Errorf("%d\n%s", code, out)
	}
	code, out, _ = cli(t, "--db", db, "import", "--date", "2026-11-01..2026-11-28", fixture("business_report_zh.csv"))
	if code != 0 || !strings.Contains(out, "2026-11-01..2026-11-28: 2 new") {
		t.Errorf("%d\n%s", code, out)
	}
}

func TestImportCommandBadFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ob.db")
	bad := writeFile(t, "orders.txt", "amazon-order-id\tpurchase-date\tsku\tquantity\n"+
		"113-1\t2026-11-28T20:00:00+00:00\tMUG\t2\n"+
		"113-2\t2026-11-28T20:00:00+00:00\tMUG\tzwei\n")
	code, out, _ := cli(t, "--db", db, "import", bad)
	if code != 1 || !strings.Contains(out, "not imported, 1 row cannot be imported (--skip-bad-rows imports the other 1)") ||
		!strings.Contains(out, `row 3, column "quantity": "zwei" is not a number`) {
		t.Fatalf("%d\n%s", code, out)
	}
	code, out, _ = cli(t, "--db", db, "import", "--skip-bad-rows", bad)
	if code != 0 || !strings.Contains(out, "1 new, 0 already imported, 1 skipped") {
		t.Fatalf("%d\n%s", code, out)
	}
	for _, tt := range []struct{ file, want string }{
		{fixture("unknown.csv"), `unknown kind of file: the first row has "Date", "Campaign"`},
		{fixture("orders_missing_quantity.txt"), `lacks the column "quantity"`},
		{fixture("empty.csv"), "the file is empty"},
		{fixture("business_report_cut.csv"), "the file is incomplete"},
		{filepath.Join(t.TempDir(), "nope.txt"), "cannot read it"},
	} {
		code, out, _ := cli(t, "--db", db, "import", "--date", "2026-11-01..2026-11-02", tt.file)
		if code != 1 || !strings.Contains(out, tt.want) {
			t.Errorf("%s: %d\n%s", filepath.Base(tt.file), code, out)
		}
	}
}

func TestImportCommandUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ob.db")
	for _, args := range [][]string{
		{"import"},
		{"import", "--kind", "ads", fixture("all_orders.txt")},
		{"import", "--date", "yesterday", fixture("all_orders.txt")},
		{"import", "--date", "2026-11-05..2026-11-01", fixture("all_orders.txt")},
		{"import", "--marketplace", "XX", fixture("all_orders.txt")},
	} {
		if code, _, errOut := cli(t, append([]string{"--db", db}, args...)...); code != 2 {
			t.Errorf("%v: exit %d\n%s", args, code, errOut)
		}
	}
}

// A catalog file updates the SKUs it names: the summary says so, rather
// than counting them as "already imported".
func TestImportCommandCatalogSaysUpdated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ob.db")
	code, out, _ := cli(t, "--db", db, "import", writeFile(t, "a.csv", "SKU,品名\nCUP-01,不锈钢保温杯\nMUG-02,搪瓷杯\n"))
	if code != 0 || !strings.Contains(out, "2 rows: 2 new, 0 updated, 0 unchanged") {
		t.Fatalf("%d\n%s", code, out)
	}
	code, out, _ = cli(t, "--db", db, "import", writeFile(t, "b.csv", "SKU,品名\nCUP-01,不锈钢保温杯（大号）\nMUG-02,搪瓷杯\n"))
	if code != 0 || !strings.Contains(out, "2 rows: 0 new, 1 updated, 1 unchanged") {
		t.Fatalf("%d\n%s", code, out)
	}
}
