package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The after-sales case log imports like a report: told from its header
// (or --kind cases), nothing twice, refused whole with a bad row unless
// --skip-bad-rows, and its cases are then listed by `cases`.
func TestImportCommandCaseLog(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ob.db")
	code, out, _ := cli(t, "--db", db, "import", fixture("cases_en.csv"))
	if code != 0 || !strings.Contains(out, "After-sales case log (CSV, utf-8), 3 rows, 2024-03-05..2024-03-07: 3 new cases, 0 already imported") ||
		!strings.Contains(out, "owners not on the team (their cases have no owner, the name is in a note): Lily, Wang Fang") {
		t.Fatalf("%d\n%s", code, out)
	}
	code, out, _ = cli(t, "--db", db, "import", "--kind", "cases", fixture("cases_en.csv"))
	if code != 0 || !strings.Contains(out, ": 0 new cases, 3 already imported") {
		t.Fatalf("again: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "--db", db, "cases", "--json")
	if code != 0 || strings.Count(out, `"id":`) != 3 || !strings.Contains(out, `"customer":"John Doe"`) {
		t.Fatalf("cases: %d\n%s", code, out)
	}
}

func TestImportCommandCaseLogBadRows(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ob.db")
	bad := writeFile(t, "log.csv", `"Created","Channel","Type","Customer","Contact","Order ID","Tracking number","Carrier","SKU","Status","Owner","First reply","Notes"`+"\n"+
		`"2024-03-05 14:30","email","damaged in transit","John Doe","john@example.com","113-1234567-1234567","1Z999","UPS","MUG-11","open","","","dented"`+"\n"+
		`"2024-03-06 10:00","pigeon","damaged in transit","Ann","","","","","MUG-11","open","","","lost"`+"\n")
	code, out, _ := cli(t, "--db", db, "import", bad)
	if code != 1 || !strings.Contains(out, "After-sales case log, 2 rows: not imported, 1 row cannot be imported (--skip-bad-rows imports the other 1)") ||
		!strings.Contains(out, `row 3, column "Channel": "pigeon"`) {
		t.Fatalf("%d\n%s", code, out)
	}
	if code, out, _ := cli(t, "--db", db, "cases", "--json"); code != 0 || strings.Contains(out, `"id":`) {
		t.Fatalf("a refused log left cases: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "--db", db, "import", "--skip-bad-rows", bad)
	if code != 0 || !strings.Contains(out, "1 new case, 0 already imported, 1 skipped") {
		t.Fatalf("%d\n%s", code, out)
	}
	// A report is not a case log: said so, nothing imported.
	code, out, _ = cli(t, "--db", db, "import", "--kind", "cases", fixture("all_orders.txt"))
	if code != 1 || !strings.Contains(out, `lacks the columns "Created", "Channel", "Type"`) {
		t.Fatalf("%d\n%s", code, out)
	}
}
