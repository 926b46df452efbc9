package app

import (
	"errors"
	"slices"
	"testing"
	"time"
)

var fuNow = time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)

func hoursAgo(h int) time.Time { return fuNow.Add(-time.Duration(h) * time.Hour) }

func refs(items []FollowUp) []string {
	var out []string
	for _, f := range items {
		out = append(out, f.Ref)
	}
	return out
}

func TestTrackingFollowUps(t *testing.T) {
	orders := []ServiceOrder{
		{ID: "shipped-2h", ShippedAt: hoursAgo(2), Tracking: "SF1"},
		{ID: "shipped-30h", ShippedAt: hoursAgo(30), Tracking: "SF2"},
		{ID: "no-number", ShippedAt: hoursAgo(5)},
		{ID: "sent", ShippedAt: hoursAgo(40), Tracking: "SF3", TrackingSentAt: hoursAgo(39)},
		{ID: "not-shipped", Tracking: "SF4"},
		{ID: "cancelled", ShippedAt: hoursAgo(50), Tracking: "SF5", Cancelled: true},
	}
	got := TrackingFollowUps(orders, FollowUpRules{}, fuNow)
	// Due 24 h after shipping: 30 h ago -> due 6 h ago (overdue, first);
	// 5 h ago -> due in 19 h; 2 h ago -> due in 22 h.
	if want := []string{"shipped-30h", "no-number", "shipped-2h"}; !slices.Equal(refs(got), want) {
		t.Fatalf("items %v, want %v", refs(got), want)
	}
	if !got[0].Overdue || got[1].Overdue || got[2].Overdue {
		t.Errorf("overdue flags %v %v %v, want only the first", got[0].Overdue, got[1].Overdue, got[2].Overdue)
	}
	if !got[1].NoTracking || got[0].NoTracking {
		t.Error("only the parcel without a number is marked NoTracking")
	}
	if !got[0].Due.Equal(hoursAgo(6)) {
		t.Errorf("due %v, want 6 h ago", got[0].Due)
	}
}

func TestCODFollowUps(t *testing.T) {
	orders := []ServiceOrder{
		{ID: "new-cod", COD: true, Created: hoursAgo(3)},
		{ID: "old-cod", COD: true, Created: hoursAgo(48)},
		{ID: "called", COD: true, Created: hoursAgo(10), CalledAt: hoursAgo(9)},
		{ID: "shipped", COD: true, Created: hoursAgo(10), ShippedAt: hoursAgo(1)},
		{ID: "prepaid", Created: hoursAgo(10)},
		{ID: "cancelled", COD: true, Created: hoursAgo(10), Cancelled: true},
	}
	got := CODFollowUps(orders, FollowUpRules{TrackingWithin: 12 * time.Hour}, fuNow)
	if want := []string{"old-cod", "new-cod"}; !slices.Equal(refs(got), want) {
		t.Fatalf("items %v, want %v", refs(got), want)
	}
	if !got[0].Overdue || got[1].Overdue {
		t.Error("48 h old with a 12 h rule is overdue, 3 h old is not")
	}
}

func TestCarrierFollowUps(t *testing.T) {
	waiting := func(id string) Case { return Case{ID: id, Status: CaseWaitingCarrier} }
	waits := []CarrierWait{
		{Case: waiting("4-days"), Since: hoursAgo(96)},
		{Case: waiting("2-days"), Since: hoursAgo(48)},
		// Waiting 10 days, but the carrier was chased a day ago: the
		// count starts again.
		{Case: waiting("chased"), Since: hoursAgo(240), LastChased: hoursAgo(24)},
		{Case: waiting("chased-long-ago"), Since: hoursAgo(240), LastChased: hoursAgo(100)},
		{Case: Case{ID: "reopened", Status: CaseOpen}, Since: hoursAgo(240)},
		// Exactly 3 days: due now.
		{Case: waiting("exactly"), Since: hoursAgo(72)},
	}
	got := CarrierFollowUps(waits, FollowUpRules{CarrierWaitDays: 3}, fuNow)
	// Due: 100 - 72 = 28 h ago, 96 - 72 = 24 h ago, now.
	if want := []string{"chased-long-ago", "4-days", "exactly"}; !slices.Equal(refs(got), want) {
		t.Fatalf("items %v, want %v", refs(got), want)
	}
	if !got[0].Since.Equal(hoursAgo(100)) {
		t.Errorf("since %v, want the last chase", got[1].Since)
	}
	// Five days: only the 10-day wait chased 100 h ago is not yet due.
	if got := CarrierFollowUps(waits, FollowUpRules{CarrierWaitDays: 5}, fuNow); len(got) != 0 {
		t.Fatalf("with 5 days: %v, want none", refs(got))
	}
}

func TestCallbackFollowUps(t *testing.T) {
	callbacks := []Entry{
		{ID: "cb-late", Kind: EntryCallback, CaseID: "c1", At: hoursAgo(30), Due: hoursAgo(2)},
		{ID: "cb-later", Kind: EntryCallback, CaseID: "c2", At: hoursAgo(1), Due: fuNow.Add(3 * time.Hour)},
		{ID: "cb-kept", Kind: EntryCallback, CaseID: "c1", At: hoursAgo(50), Due: hoursAgo(40)},
	}
	kept := []Entry{{ID: "call", Kind: EntryCall, CaseID: "c1", Ref: "cb-kept"}, {ID: "note", Kind: EntryNote}}
	cases := map[string]Case{"c1": {Customer: "王芳", Contact: "138"}, "c2": {Customer: "Ann"}}
	got := CallbackFollowUps(callbacks, kept, cases, fuNow)
	if want := []string{"cb-late", "cb-later"}; !slices.Equal(refs(got), want) {
		t.Fatalf("items %v, want %v", refs(got), want)
	}
	if got[0].Customer != "王芳" || got[0].Contact != "138" || !got[0].Overdue || got[1].Overdue {
		t.Errorf("items %+v", got)
	}
}

func TestServiceOrderValidate(t *testing.T) {
	tests := []struct {
		name  string
		o     ServiceOrder
		field string
	}{
		{"OK", ServiceOrder{SKU: "MUG", Tracking: "sf 1"}, ""},
		{"ErrNoSKU", ServiceOrder{}, "sku"},
		{"ErrCODWithoutContact", ServiceOrder{SKU: "MUG", COD: true}, "contact"},
		{"ErrQuantity", ServiceOrder{SKU: "MUG", Quantity: -2}, "quantity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o.Normalize()
			err := o.Validate()
			var fe *FieldError
			if tt.field == "" {
				if err != nil || o.Quantity != 1 || o.Tracking != "SF1" {
					t.Fatalf("Validate() = %v on %+v", err, o)
				}
				return
			}
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Validate() = %v, want a problem with %s", err, tt.field)
			}
		})
	}
}
