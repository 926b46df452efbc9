package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
)

func TestPlanJSONMotivatingCase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := cli(t, "--db", db, "plan", "../../planning/testdata/two_cups_sea.toml", "--json", "--compare", "mode=sea,air")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d JSON objects, want 2:\n%s", len(lines), out)
	}
	want := []struct {
		feasible  bool
		supported int
	}{{false, 1}, {true, 2}}
	for i, l := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"name", "feasible", "verdict", "peak_capital_need", "lowest_cash", "lowest_cash_day",
			"cash_out_day", "products_supported", "ccc_days", "margin_pct", "annualized_return_pct", "break_even_day",
			"lost_sales_units", "lines", "weekly"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("object %d lacks %q", i, k)
			}
		}
		if obj["feasible"] != want[i].feasible || obj["products_supported"] != float64(want[i].supported) {
			t.Errorf("object %d: feasible %v supported %v", i, obj["feasible"], obj["products_supported"])
		}
		line0 := obj["lines"].([]any)[0].(map[string]any)
		for _, k := range []string{"name", "landed_unit_cost", "unit_profit", "margin_pct"} {
			if _, ok := line0[k]; !ok {
				t.Errorf("line lacks %q", k)
			}
		}
		week0 := obj["weekly"].([]any)[0].(map[string]any)
		if _, ok := week0["cash"]; !ok {
			t.Errorf("weekly lacks cash: %v", week0)
		}
	}
	var air map[string]any
	json.Unmarshal([]byte(lines[1]), &air)
	if air["cash_out_day"] != nil {
		t.Errorf("air never runs out of cash, got cash_out_day %v", air["cash_out_day"])
	}
}

func TestPlanBadFileNamesLineAndField(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte(`name = "x"
capital = 100000
[[line]]
name = "cup"
price = -3
unit_cost = 10
unit_weight_kg = 0.2
daily_units = 5
production_days = 10
`), 0o644)
	code, out, errOut := cli(t, "--db", filepath.Join(dir, "none.db"), "plan", bad)
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, `"cup"`) || !strings.Contains(errOut, "price") {
		t.Fatalf("message does not name the line and field: %s", errOut)
	}
	if code, _, _ := cli(t, "plan"); code != 2 {
		t.Fatalf("plan without a file: exit %d, want 2", code)
	}
	if code, _, _ := cli(t, "--db", filepath.Join(dir, "none.db"), "plan", bad, "--compare", "colour=red"); code != 2 {
		t.Fatalf("bad --compare: exit %d, want 2", code)
	}
	if code, _, errOut := cli(t, "--db", filepath.Join(dir, "none.db"), "plan", filepath.Join(dir, "missing.toml")); code != 1 || !strings.Contains(errOut, "cannot read") {
		t.Fatalf("missing file: exit %d %s", code, errOut)
	}
}

// TestDemoScenariosSimulate checks every demo scenario is a valid scenario
// file that plans without error.
func TestDemoScenariosSimulate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	if code, _, e := cli(t, "--db", path, "demo", "--size", "large"); code != 0 {
		t.Fatal(e)
	}
	s, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Scenarios(context.Background())
	if err != nil || len(list) != 303 {
		t.Fatalf("%d scenarios, %v", len(list), err)
	}
	feasible := 0
	for _, sc := range list {
		parsed, err := planning.ParseScenario([]byte(sc.Body))
		if err != nil {
			t.Fatalf("%s: %v\n%s", sc.Name, err, sc.Body)
		}
		r, err := planning.Simulate(parsed, nil)
		if err != nil {
			t.Fatalf("%s: %v", sc.Name, err)
		}
		if r.Feasible {
			feasible++
		}
	}
	if feasible == 0 || feasible == len(list) {
		t.Errorf("%d of %d demo scenarios feasible: the demo should show both outcomes", feasible, len(list))
	}
}
