package data

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

func followRefs(items []app.FollowUp) []string {
	var out []string
	for _, f := range items {
		out = append(out, f.Ref)
	}
	return out
}

// Each follow-up list through the store, each item done in one action
// that takes it off the list and leaves its trace on the case.
func TestFollowUps(t *testing.T) {
	ctx := context.Background()
	s, clk := openClocked(t, shAt(t, "2024-03-04 10:00"))
	c, err := s.CreateCase(ctx, emailCase(shAt(t, "2024-03-01 09:00")), "lost?")
	if err != nil {
		t.Fatal(err)
	}
	// A reship for the case, shipped yesterday, number not sent yet; a
	// COD order not called; a prepaid order not shipped (nothing to do).
	reship, err := s.CreateServiceOrder(ctx, app.ServiceOrder{CaseID: c.ID, ShippedAt: shAt(t, "2024-03-03 09:00"), Tracking: "sf 1234 5678", Carrier: "顺丰"})
	if err != nil {
		t.Fatal(err)
	}
	if reship.Customer != "John Doe" || reship.SKU != "MUG-11" || reship.Tracking != "SF12345678" {
		t.Fatalf("a case's order takes its buyer and SKU: %+v", reship)
	}
	cod, err := s.CreateServiceOrder(ctx, app.ServiceOrder{OrderID: "COD-7", Customer: "أحمد", Contact: "+971 50 000", SKU: "LAMP-3", COD: true})
	if err != nil {
		t.Fatal(err)
	}
	noNumber, _ := s.CreateServiceOrder(ctx, app.ServiceOrder{SKU: "MUG-11", ShippedAt: shAt(t, "2024-03-04 08:00")})
	if _, err := s.CreateServiceOrder(ctx, app.ServiceOrder{SKU: "MUG-11"}); err != nil {
		t.Fatal(err)
	}
	// The case waits on the carrier from Friday; a call-back promised for
	// today 11:00.
	clk.set(shAt(t, "2024-03-01 10:00"))
	c.Status = app.CaseWaitingCarrier
	if c, err = s.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	clk.set(shAt(t, "2024-03-04 10:00"))
	cb, err := s.AddEntry(ctx, app.Entry{CaseID: c.ID, Kind: app.EntryCallback, Due: shAt(t, "2024-03-04 11:00"), Body: "call about the claim"})
	if err != nil {
		t.Fatal(err)
	}

	// Monday 12:00: the reship's number is overdue (shipped Sunday 09:00,
	// due in 24 h), the carrier wait is 3 days and 2 hours old, the
	// call-back an hour late.
	clk.set(shAt(t, "2024-03-04 12:00"))
	f, err := s.FollowUps(ctx, clk.now())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(followRefs(f.Tracking), []string{reship.ID, noNumber.ID}) || !f.Tracking[0].Overdue || !f.Tracking[1].NoTracking {
		t.Fatalf("tracking list %+v", f.Tracking)
	}
	if !slices.Equal(followRefs(f.COD), []string{cod.ID}) || f.COD[0].Contact != "+971 50 000" {
		t.Fatalf("COD list %+v", f.COD)
	}
	if !slices.Equal(followRefs(f.Carrier), []string{c.ID}) || !f.Carrier[0].Since.Equal(shAt(t, "2024-03-01 10:00")) {
		t.Fatalf("carrier list %+v", f.Carrier)
	}
	if !slices.Equal(followRefs(f.Callbacks), []string{cb.ID}) || f.Callbacks[0].Customer != "John Doe" || !f.Callbacks[0].Overdue {
		t.Fatalf("call-back list %+v", f.Callbacks)
	}

	if err := s.DoFollowUp(ctx, f.Tracking[1], ""); !errors.Is(err, ErrNoTrackingNumber) {
		t.Fatalf("sending a number never entered: %v", err)
	}
	for _, item := range []app.FollowUp{f.Tracking[0], f.COD[0], f.Carrier[0], f.Callbacks[0]} {
		if err := s.DoFollowUp(ctx, item, "done by test"); err != nil {
			t.Fatalf("%s: %v", item.Kind, err)
		}
	}
	f, err = s.FollowUps(ctx, clk.now())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.All()) != 1 || f.Tracking[0].Ref != noNumber.ID {
		t.Fatalf("after one action each: %+v", f.All())
	}
	tl, _ := s.Timeline(ctx, c.ID)
	var actions []string
	for _, e := range tl[len(tl)-3:] {
		actions = append(actions, string(e.Kind)+":"+e.Action+e.Ref)
	}
	if want := []string{"action:tracking_sent", "action:carrier_chased", "call:" + cb.ID}; !slices.Equal(actions, want) {
		t.Fatalf("timeline ends %v, want %v", actions, want)
	}
	if tl[len(tl)-3].Body != "顺丰 SF12345678\ndone by test" {
		t.Fatalf("tracking entry body %q", tl[len(tl)-3].Body)
	}
	// Chasing starts the count again: due again three days later.
	clk.add(3*24*time.Hour + time.Minute)
	if f, _ = s.FollowUps(ctx, clk.now()); !slices.Equal(followRefs(f.Carrier), []string{c.ID}) {
		t.Fatalf("three days after the chase: %+v", f.Carrier)
	}
}
