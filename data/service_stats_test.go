package data

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/opsbench/opsbench/app"
)

// A week of cases worked out by hand (default office, e-mail 8 office
// hours to the first answer, chat 1 office hour).
func TestServiceStats(t *testing.T) {
	ctx := context.Background()
	s, clk := openClocked(t, shAt(t, "2024-03-04 08:00"))
	type step struct {
		created  string
		channel  app.Channel
		typ      app.CaseType
		sku      string
		message  string
		answered string // "" not answered
		cause    app.RootCause
		resolve  app.Resolution
	}
	steps := []step{
		// Answered after 1 office hour: on time, 60 min.
		{"2024-03-04 09:00", app.ChannelEmail, app.CaseDamagedInTransit, "MUG-11", "dented", "2024-03-04 10:00", app.CauseCarrier, app.ResolveReplacement},
		// Answered after 9 office hours (Mon 10-18 = 8, Tue 09-10 = 1): 1 h late, 540 min.
		{"2024-03-04 10:00", app.ChannelEmail, app.CaseNegativeReview, "MUG-11", "handle broke", "2024-03-05 10:00", app.CauseDefect, app.ResolveRefund},
		// Not answered: created Tuesday 09:00, due 17:00; late at
		// Wednesday noon, when the statistics are made.
		{"2024-03-05 09:00", app.ChannelEmail, app.CaseNegativeReview, "MUG-11", "too small", "", "", ""},
		// Chat answered in 30 min: on time.
		{"2024-03-05 11:00", app.ChannelChat, app.CaseInquiry, "", "hello", "2024-03-05 11:30", "", ""},
		// Chat answered in 90 min: late.
		{"2024-03-06 09:00", app.ChannelChat, app.CaseReturnRefund, "LAMP-3", "how to return", "2024-03-06 10:30", app.CauseCustomer, app.ResolveReturnLabel},
		// Outside the week: not counted.
		{"2024-03-11 09:00", app.ChannelEmail, app.CaseInquiry, "MUG-11", "next week", "", "", ""},
	}
	for _, st := range steps {
		clk.set(shAt(t, st.created))
		c := emailCase(shAt(t, st.created))
		c.Channel, c.Type, c.SKU = st.channel, st.typ, st.sku
		got, err := s.CreateCase(ctx, c, st.message)
		if err != nil {
			t.Fatal(err)
		}
		if st.answered != "" {
			if _, err := s.AddEntry(ctx, app.Entry{CaseID: got.ID, Kind: app.EntryMessageOut, Body: "reply", At: shAt(t, st.answered)}); err != nil {
				t.Fatal(err)
			}
		}
		if st.resolve != "" {
			clk.set(shAt(t, "2024-03-07 12:00"))
			got.Status, got.RootCause, got.Resolution = app.CaseResolved, st.cause, st.resolve
			if _, err := s.UpdateCase(ctx, got); err != nil {
				t.Fatal(err)
			}
		}
	}
	now := shAt(t, "2024-03-06 12:00")
	got, err := s.ServiceStats(ctx, app.NewDate(2024, 3, 4), app.NewDate(2024, 3, 10), now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Cases != 5 {
		t.Errorf("cases %d, want 5", got.Cases)
	}
	wantType := []StatCount{{"negative_review", 2}, {"damaged_in_transit", 1}, {"inquiry", 1}, {"return_refund", 1}}
	if !reflect.DeepEqual(got.ByType, wantType) {
		t.Errorf("by type %v, want %v", got.ByType, wantType)
	}
	if want := []StatCount{{"MUG-11", 3}, {"LAMP-3", 1}}; !reflect.DeepEqual(got.BySKU, want) {
		t.Errorf("by SKU %v, want %v", got.BySKU, want)
	}
	// Resolved Thursday 12:00, inside the week: three causes.
	if want := []StatCount{{"carrier", 1}, {"customer", 1}, {"product_defect", 1}}; !reflect.DeepEqual(got.ByRootCause, want) {
		t.Errorf("by root cause %v, want %v", got.ByRootCause, want)
	}
	// Email: 3 cases, 2 answered (60 and 540 min: median 300, mean 300),
	// 1 on time, 2 late (one answered late, one unanswered past due).
	// Chat: 2 cases answered in 30 and 90 min, 1 on time, 1 late.
	wantFR := []FirstResponseStat{
		{Channel: app.ChannelChat, Target: app.OfficeHours(1), Cases: 2, Answered: 2, OnTime: 1, Late: 1, MedianMinutes: 60, AvgMinutes: 60},
		{Channel: app.ChannelEmail, Target: app.OfficeHours(8), Cases: 3, Answered: 2, OnTime: 1, Late: 2, MedianMinutes: 300, AvgMinutes: 300},
	}
	if !reflect.DeepEqual(got.FirstResponse, wantFR) {
		t.Errorf("first response\n%+v\nwant\n%+v", got.FirstResponse, wantFR)
	}
	wantNeg := []SKUReasons{{SKU: "MUG-11", N: 2, Reasons: []StatCount{{"", 1}, {"product_defect", 1}}}}
	if !reflect.DeepEqual(got.NegativeReviews, wantNeg) {
		t.Errorf("negative reviews %+v, want %+v", got.NegativeReviews, wantNeg)
	}
	if len(got.Returns) != 1 || got.Returns[0].SKU != "LAMP-3" {
		t.Errorf("returns %+v", got.Returns)
	}
	// Monday: 2 cases (1 on time, 1 late); Tuesday: 2 (the unanswered
	// one late, the chat on time); Wednesday: 1 late; then nothing.
	var days []string
	for _, d := range got.Days {
		days = append(days, fmt.Sprintf("%s %d/%d/%d", d.Day, d.Cases, d.OnTime, d.Late))
	}
	wantDays := []string{"2024-03-04 2/1/1", "2024-03-05 2/1/1", "2024-03-06 1/0/1", "2024-03-07 0/0/0",
		"2024-03-08 0/0/0", "2024-03-09 0/0/0", "2024-03-10 0/0/0"}
	if !reflect.DeepEqual(days, wantDays) {
		t.Errorf("days %v, want %v", days, wantDays)
	}
	var voice []string
	for _, v := range got.Voice {
		voice = append(voice, v.SKU+": "+v.Text)
	}
	if want := []string{"LAMP-3: how to return", "MUG-11: dented", "MUG-11: handle broke", "MUG-11: too small"}; !reflect.DeepEqual(voice, want) {
		t.Errorf("voice %v, want %v", voice, want)
	}
}
