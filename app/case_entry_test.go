package app

import (
	"errors"
	"testing"
	"time"
)

func TestEntryValidate(t *testing.T) {
	at := time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC)
	ok := Entry{CaseID: "c", At: at}
	tests := []struct {
		name  string
		e     Entry
		field string
	}{
		{"message", Entry{Kind: EntryMessageIn, Body: "where is my parcel?"}, ""},
		{"ErrEmptyMessage", Entry{Kind: EntryMessageOut, Body: "  "}, "body"},
		{"photo without words", Entry{Kind: EntryNote, Attachments: []string{"a"}}, ""},
		{"status", Entry{Kind: EntryStatusChange, From: "new", To: "open"}, ""},
		{"ErrUnknownStatus", Entry{Kind: EntryStatusChange, To: "sleeping"}, "to"},
		{"action", Entry{Kind: EntryAction, Action: string(ResolveReship)}, ""},
		{"ErrUnknownAction", Entry{Kind: EntryAction, Action: "shrug"}, "action"},
		{"ErrCallbackWithoutDue", Entry{Kind: EntryCallback, Body: "call at 3"}, "due"},
		{"ErrUnknownKind", Entry{Kind: "fax"}, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			e.CaseID, e.At = ok.CaseID, ok.At
			err := e.Normalize().Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Validate() = %v, want a problem with %s", err, tt.field)
			}
		})
	}
}

// The SLA input of a case comes from its timeline: the first answer
// (message out or call, whichever came first), the pauses and the
// resolution from the status changes, in any order.
func TestSLAInputFromTimeline(t *testing.T) {
	sh := mustLoc(t, "Asia/Shanghai")
	c := Case{Channel: ChannelEmail, Created: at(t, sh, "2024-03-01 16:00")}
	entries := []Entry{
		{Kind: EntryStatusChange, To: "resolved", At: at(t, sh, "2024-03-05 10:00")},
		{Kind: EntryMessageIn, At: at(t, sh, "2024-03-01 16:00")},
		{Kind: EntryNote, At: at(t, sh, "2024-03-01 16:30")},
		{Kind: EntryStatusChange, To: "new", At: at(t, sh, "2024-03-01 16:00")},
		{Kind: EntryCall, At: at(t, sh, "2024-03-04 10:30")},
		{Kind: EntryMessageOut, At: at(t, sh, "2024-03-04 09:30")},
		{Kind: EntryStatusChange, To: "waiting_customer", At: at(t, sh, "2024-03-04 09:30")},
		{Kind: EntryStatusChange, To: "open", At: at(t, sh, "2024-03-04 14:00")},
	}
	in := SLAInput(c, entries)
	if !in.FirstResponse.Equal(at(t, sh, "2024-03-04 09:30")) {
		t.Errorf("first response %v, want Monday 09:30 (the message, before the call)", in.FirstResponse.In(sh))
	}
	if !in.Resolved.Equal(at(t, sh, "2024-03-05 10:00")) {
		t.Errorf("resolved %v, want Tuesday 10:00", in.Resolved.In(sh))
	}
	if len(in.Pauses) != 1 || !in.Pauses[0].From.Equal(at(t, sh, "2024-03-04 09:30")) || !in.Pauses[0].To.Equal(at(t, sh, "2024-03-04 14:00")) {
		t.Errorf("pauses %v, want Monday 09:30-14:00", in.Pauses)
	}
	// Email, 8 office hours: Friday 16:00-18:00 counts 2 h, the reply
	// came Monday 09:30 after 0.5 h more: met, 2.5 h counted.
	r := DefaultSLAPolicy().Evaluate(MustDefaultCalendar(), in, at(t, sh, "2024-03-05 12:00"))
	if r.FirstResponse.State != SLAMet || r.FirstResponse.LateMinutes != 0 || r.FirstResponse.Elapsed != 150*time.Minute {
		t.Errorf("first response clock %+v", r.FirstResponse)
	}
	if r.State != SLAMet {
		t.Errorf("case state %s, want met", r.State)
	}
}

func TestFirstResponseNone(t *testing.T) {
	if !FirstResponse([]Entry{{Kind: EntryMessageIn, At: time.Now()}, {Kind: EntryNote, At: time.Now()}}).IsZero() {
		t.Fatal("a message in and a note answer nobody")
	}
}
