package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

func TestCasesJSON(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ob.db")
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// An Amazon buyer message: 24 calendar hours to the first answer, 72
	// to the resolution. Created 30 hours ago (plus 30 s, so the minutes
	// late round to whole ones while the test runs): 6 hours late.
	created := time.Now().Add(-30*time.Hour + 30*time.Second).UTC()
	late, err := s.CreateCase(ctx, app.Case{Type: app.CaseLostParcel, Channel: app.ChannelBuyerMessage, Customer: "Jane Roe",
		OrderID: "113-7654321-7654321", Tracking: "9400 1118", Created: created}, "where is my parcel?")
	if err != nil {
		t.Fatal(err)
	}
	done, err := s.CreateCase(ctx, app.Case{Type: app.CaseInquiry, Channel: app.ChannelChat, Customer: "Ann",
		Status: app.CaseResolved, Resolution: app.ResolveExplanation, Created: created}, "")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, stderr := cli(t, "--db", path, "cases", "--json", "--open")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0]["id"] != late.ID {
		t.Fatalf("--open lists %v", got)
	}
	c := got[0]
	due, _ := time.Parse(time.RFC3339, c["first_response_due"].(string))
	resDue, _ := time.Parse(time.RFC3339, c["resolution_due"].(string))
	if c["sla_state"] != "late" || c["late_minutes"] != float64(360) || !due.Equal(created.Add(24*time.Hour).Truncate(time.Millisecond)) ||
		!resDue.Equal(created.Add(72*time.Hour).Truncate(time.Millisecond)) || c["first_response_at"] != nil ||
		c["tracking_number"] != "94001118" || c["first_response_state"] != "late" {
		t.Fatalf("late case %v", c)
	}
	for _, key := range []string{"first_response_due", "resolution_due", "sla_state", "late_minutes", "resolved_at"} {
		if _, ok := c[key]; !ok {
			t.Errorf("no %q", key)
		}
	}

	code, out, _ = cli(t, "--db", path, "cases", "--json")
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got) != 2 {
		t.Fatalf("all cases: %d %v %s", code, err, out)
	}
	for _, c := range got {
		if c["id"] == done.ID && (c["sla_state"] != "met" || c["resolved_at"] == nil || c["late_minutes"] != float64(0)) {
			t.Fatalf("resolved case %v", c)
		}
	}

	code, out, _ = cli(t, "--db", path, "cases", "--open")
	if code != 0 || !strings.Contains(out, "late 360 min") || !strings.Contains(out, "Jane Roe") || strings.Contains(out, "Ann") ||
		!strings.Contains(out, "1 case ") {
		t.Fatalf("table:\n%s", out)
	}
	if code, _, _ := cli(t, "--db", path, "cases", "--bogus"); code != exitUsage {
		t.Fatalf("unknown flag: exit %d", code)
	}
}
