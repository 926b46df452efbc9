package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
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

// planObjects runs `plan ... --json` and decodes its objects.
func planObjects(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := cli(t, append([]string{"--db", db, "plan", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("plan %v: exit %d: %s", args, code, errOut)
	}
	var objs []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var obj map[string]any
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatal(err)
		}
		objs = append(objs, obj)
	}
	return objs
}

// The example files, whose new costs are all at their default 0, give the
// JSON they gave before issue 9 (planning/testdata/golden, written by the
// previous release): every field it had, with the same value. Two rules
// the issue changed are allowed for: a verdict may go on after the old
// sentence (what the capital achieves, the reserve, the modes), and when
// the lines use different modes it names the binding line's mode as
// "<mode> freight of <line>" and lists the lines' modes.
func TestPlanJSONUnchangedAtZeroCosts(t *testing.T) {
	const dir = "../../planning/testdata/"
	cases := []struct {
		golden, file, compare string
	}{
		{"two_cups_sea", "two_cups_sea", ""},
		{"two_cups_sea_mode_sea_air_express_rail", "two_cups_sea", "mode=sea,air,express,rail"},
		{"two_cups_sea_capital_20000_60000_500000", "two_cups_sea", "capital=20000,60000,500000"},
		{"two_cups_sea_price_20_35_60", "two_cups_sea", "price=20,35,60"},
		{"mixed_modes", "mixed_modes", ""},
		{"mixed_modes_mode_sea_air_express_rail", "mixed_modes", "mode=sea,air,express,rail"},
		{"mixed_modes_capital_20000_60000_500000", "mixed_modes", "capital=20000,60000,500000"},
		{"mixed_modes_price_20_35_60", "mixed_modes", "price=20,35,60"},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			body, err := os.ReadFile(dir + "golden/" + c.golden + ".json")
			if err != nil {
				t.Fatal(err)
			}
			args := []string{dir + c.file + ".toml"}
			if c.compare != "" {
				args = append(args, "--compare", c.compare)
			}
			got := planObjects(t, args...)
			want := strings.Split(strings.TrimSpace(string(body)), "\n")
			if len(got) != len(want) {
				t.Fatalf("%d objects, golden has %d", len(got), len(want))
			}
			for i, line := range want {
				var old map[string]any
				if err := json.Unmarshal([]byte(line), &old); err != nil {
					t.Fatal(err)
				}
				for k, v := range old {
					if k == "verdict" {
						continue
					}
					if !jsonSubset(v, got[i][k]) {
						t.Errorf("object %d %s: %v, golden %v", i, k, got[i][k], v)
					}
				}
				verdict := got[i]["verdict"].(string)
				verdict = strings.Replace(verdict, " freight of "+got[i]["binding_line"].(string)+" ", " freight ", 1)
				if before, after, ok := strings.Cut(verdict, "; lines ship by "); ok {
					verdict = before
					if _, rest, more := strings.Cut(after, "; "); more {
						verdict += "; " + rest
					}
				}
				if old := old["verdict"].(string); !strings.HasPrefix(verdict, old) {
					t.Errorf("object %d verdict:\n%q\ndoes not go on from\n%q", i, got[i]["verdict"], old)
				}
			}
		})
	}
}

// Check against a case (issue 9): the motivating file saved by Windows
// Notepad (UTF-8 with a byte order mark and CRLF) and as UTF-16 gives the
// same JSON as the file itself.
func TestPlanJSONWindowsFiles(t *testing.T) {
	src, err := os.ReadFile("../../planning/testdata/two_cups_sea.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "none.db")
	run := func(path string) string {
		code, out, errOut := cli(t, "--db", db, "plan", path, "--json", "--compare", "mode=sea,air")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", path, code, errOut)
		}
		return out
	}
	want := run("../../planning/testdata/two_cups_sea.toml")
	crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
	le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(string(crlf))) {
		le = append(le, byte(u), byte(u>>8))
	}
	for name, body := range map[string][]byte{
		"bom.toml":   append([]byte{0xEF, 0xBB, 0xBF}, crlf...),
		"utf16.toml": le,
		"crlf.toml":  crlf,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := run(path); got != want {
			t.Errorf("%s gives different JSON", name)
		}
	}
}

// --json has the capital-limited figures, the daily cash and the binding
// line and mode as fields of their own; events only with --events.
func TestPlanJSONNewFields(t *testing.T) {
	obj := planObjects(t, "../../planning/testdata/two_cups_sea.toml")[0]
	cl, ok := obj["capital_limited"].(map[string]any)
	if !ok {
		t.Fatalf("no capital_limited object: %v", obj)
	}
	for _, k := range []string{"units_sold", "lost_sales_units", "profit", "annualized_return_pct", "delayed_orders", "delay_days", "self_funding_day"} {
		if _, ok := cl[k]; !ok {
			t.Errorf("capital_limited lacks %q", k)
		}
	}
	// Figures of the motivating case (see planning's TestMotivatingCase).
	if cl["units_sold"] != 6060.0 || cl["delay_days"] != 156.0 || obj["capital_shortfall"] != 17200.0 {
		t.Errorf("capital_limited %v, shortfall %v", cl, obj["capital_shortfall"])
	}
	if obj["binding_line"] != "gift cup set" || obj["binding_mode"] != "sea" || obj["binding_line_index"] != 0.0 {
		t.Errorf("binding %v %v %v", obj["binding_line"], obj["binding_mode"], obj["binding_line_index"])
	}
	daily, ok := obj["daily_cash"].([]any)
	if !ok || len(daily) != 365 || daily[20] != obj["lowest_cash"] {
		t.Errorf("daily_cash: %d days, day 20 %v, lowest %v", len(daily), daily[20], obj["lowest_cash"])
	}
	if _, ok := obj["events"]; ok {
		t.Error("events listed without --events")
	}
	withEvents := planObjects(t, "../../planning/testdata/two_cups_sea.toml", "--events")[0]
	evs, ok := withEvents["events"].([]any)
	if !ok || len(evs) == 0 {
		t.Fatalf("--events: %v", withEvents["events"])
	}
	if e := evs[0].(map[string]any); e["day"] != 0.0 || e["kind"] != "order_placed" || e["line"] != "gift cup set" {
		t.Errorf("first event %v", e)
	}
	if code, _, _ := cli(t, "--db", filepath.Join(t.TempDir(), "x.db"), "plan", "../../planning/testdata/two_cups_sea.toml", "--events"); code != 2 {
		t.Errorf("--events without --json: exit %d, want 2", code)
	}
}

// A short horizon shows the period's return, not an annualized one; a
// plan that ties up nothing has none (null, not 0).
func TestPlanJSONReturnRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	line := "[[line]]\nprice = 100\nunit_cost = 40\nunit_weight_kg = 0.5\ndaily_units = 10\nproduction_days = 2\nmode = \"air\"\n"
	short := planObjects(t, write("short.toml", "capital = 50000\nhorizon_days = 60\n"+line))[0]
	if short["annualized_return_pct"] != nil || short["return_basis"] != "period" || short["return_pct"] == nil {
		t.Errorf("60 days: annualized %v, basis %v, return %v", short["annualized_return_pct"], short["return_basis"], short["return_pct"])
	}
	free := strings.Replace(strings.Replace(line, "unit_cost = 40", "unit_cost = 0", 1), "unit_weight_kg = 0.5", "unit_weight_kg = 0", 1)
	none := planObjects(t, write("free.toml", "capital = 50000\n"+free))[0]
	if none["annualized_return_pct"] != nil || none["return_pct"] != nil || none["return_basis"] != "none" {
		t.Errorf("nothing tied up: annualized %v, return %v, basis %v", none["annualized_return_pct"], none["return_pct"], none["return_basis"])
	}
}

// --compare problems show the value typed.
func TestPlanCompareShowsTypedValue(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	code, _, errOut := cli(t, "--db", db, "plan", "../../planning/testdata/two_cups_sea.toml", "--compare", "cycle_days=1e9")
	if code != 1 || !strings.Contains(errOut, "got 1e9") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	code, _, errOut = cli(t, "--db", db, "plan", "../../planning/testdata/two_cups_sea.toml", "--compare", "price=abc")
	if code != 2 || !strings.Contains(errOut, "price=abc") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// jsonSubset reports whether got has every field of old (recursively, in
// objects and arrays of the same length) with the same value.
func jsonSubset(old, got any) bool {
	switch o := old.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range o {
			if !jsonSubset(v, g[k]) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(o) {
			return false
		}
		for i := range o {
			if !jsonSubset(o[i], g[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(old, got)
}

// The scenario file shown in the README is one the command reads.
func TestPlanREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Scenario files")
	if !ok {
		t.Fatal("README has no scenario file section")
	}
	_, block, ok := strings.Cut(section, "```toml\n")
	if !ok {
		t.Fatal("no TOML example in the scenario file section")
	}
	block, _, _ = strings.Cut(block, "```")
	path := filepath.Join(t.TempDir(), "readme.toml")
	if err := os.WriteFile(path, []byte(block), 0o644); err != nil {
		t.Fatal(err)
	}
	obj := planObjects(t, path)[0]
	if obj["overhead"] != 260000.0 {
		t.Errorf("overhead %v, want 13 × ¥20,000", obj["overhead"])
	}
}
