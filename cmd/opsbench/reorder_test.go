package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestReorderJSON checks the --json shape the issue asks for against a
// hand-computed plan.
func TestReorderJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ob.db")
	catalog := writeFile(t, "catalog.csv", "SKU,Title,Production days,MOQ,Case pack\nMUG,Mug,15,100,0\nNEW,New,10,0,0\n")
	// MUG sells 10 a day for 60 days up to 30 Nov (noon in Los Angeles).
	var orders strings.Builder
	orders.WriteString("amazon-order-id\tpurchase-date\tsales-channel\tsku\tquantity\n")
	start := time.Date(2025, 10, 2, 20, 0, 0, 0, time.UTC)
	for i := 0; i < 60; i++ {
		orders.WriteString("113-" + start.AddDate(0, 0, i).Format("0102") + "\t" + start.AddDate(0, 0, i).Format(time.RFC3339) + "\tAmazon.com\tMUG\t10\n")
	}
	ordersFile := writeFile(t, "orders.txt", orders.String())
	snap := writeFile(t, "fba.txt", "sku\tafn-fulfillable-quantity\tafn-inbound-shipped-quantity\nMUG\t300\t200\n")
	for _, args := range [][]string{
		{"import", catalog}, {"import", ordersFile}, {"import", "--date", "2025-12-01", snap},
	} {
		if code, out, _ := cli(t, append([]string{"--db", db}, args...)...); code != 0 {
			t.Fatalf("%v: %d\n%s", args, code, out)
		}
	}
	code, out, errOut := cli(t, "--db", db, "reorder", "--json", "--date", "2025-12-01")
	if code != 0 {
		t.Fatalf("%d %s %s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"fba_cover_days", "modes", "reorder_point", "safety_stock", "sigma", "sku", "status", "stockout_date", "supply", "velocity"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	var mug reorderJSON
	if err := json.Unmarshal([]byte(lines[0]), &mug); err != nil {
		t.Fatal(err)
	}
	// v = 10, sigma = 0 (10 every day), S = 300 + 200 = 500. Sea (the
	// SKU's mode by default): L = 15 + 35 + 7 = 57, SS = 0, ROP = 570;
	// order by today + floor((500 − 570) / 10) = 7 days ago: order now;
	// qty = ceil(10 × (57 + 30) − 500) = 370 (above the MOQ). FBA cover
	// 300 / 10 = 30 days: stock-out 31 Dec. Air: L = 30, ROP 300, order
	// by today + 20; qty ceil(10 × 60 − 500) = 100.
	if mug.SKU != "MUG" || mug.Velocity != 10 || mug.Sigma != 0 || mug.SafetyStock != 0 || mug.ReorderPoint != 570 ||
		mug.Supply != 500 || mug.FBACoverDays != 30 || *mug.StockoutDate != "2025-12-31" || mug.Status != "order_now" {
		t.Errorf("%+v", mug)
	}
	if len(mug.Modes) != 5 || mug.Modes[0] != (reorderModeJS{Mode: "sea", LeadDays: 57, Qty: 370, OrderBy: mug.Modes[0].OrderBy}) ||
		*mug.Modes[0].OrderBy != "2025-11-24" || mug.Modes[1].Mode != "air" || mug.Modes[1].Qty != 100 || *mug.Modes[1].OrderBy != "2025-12-21" {
		t.Errorf("modes %+v", mug.Modes)
	}
	// A SKU that never sold: no sales data, no dates.
	var fresh reorderJSON
	if err := json.Unmarshal([]byte(lines[1]), &fresh); err != nil {
		t.Fatal(err)
	}
	if fresh.SKU != "NEW" || fresh.Status != "no_sales" || fresh.StockoutDate != nil || fresh.Modes[0].OrderBy != nil || fresh.Modes[0].Qty != 0 {
		t.Errorf("%+v", fresh)
	}

	code, out, _ = cli(t, "--db", db, "reorder", "--date", "2025-12-01")
	if code != 0 || !strings.Contains(out, "reorder plan for 2025-12-01, 2 SKUs") || !strings.Contains(out, "(7 days late)") {
		t.Errorf("%d\n%s", code, out)
	}
}

func TestReorderBadInput(t *testing.T) {
	dir := t.TempDir()
	if code, _, _ := cli(t, "--db", filepath.Join(dir, "none.db"), "reorder"); code != 1 {
		t.Errorf("missing database: exit %d", code)
	}
	if code, _, _ := cli(t, "--db", filepath.Join(dir, "x.db"), "reorder", "--date", "soon"); code != 2 {
		t.Errorf("bad --date: exit %d", code)
	}
}
