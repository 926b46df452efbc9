package data

import (
	"context"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// item finds a case in the list as it stands now.
func listItem(tb testing.TB, s *Store, id string, q app.ListQuery) (app.CaseItem, bool) {
	tb.Helper()
	items, _, err := s.ListCases(context.Background(), q)
	if err != nil {
		tb.Fatal(err)
	}
	for _, it := range items {
		if it.ID == id {
			return it, true
		}
	}
	return app.CaseItem{}, false
}

func slaFilter(state app.SLAState) app.ListQuery {
	return app.ListQuery{Filters: map[string]string{app.CaseFilterSLA: string(state)}}
}

// The example through the store: an e-mail case (8 office hours
// to the first answer, 27 to the solution) created Friday 16:00 in the
// default office (Mon-Fri 09:00-18:00, Shanghai), followed through the
// week. Each state is checked both as the list shows it and as its SLA
// filter finds it.
func TestCaseSLAThroughTheWeek(t *testing.T) {
	ctx := context.Background()
	s, clk := openClocked(t, shAt(t, "2024-03-01 16:05"))
	c, err := s.CreateCase(ctx, emailCase(shAt(t, "2024-03-01 16:00")), "dented")
	if err != nil {
		t.Fatal(err)
	}
	check := func(step string, state app.SLAState, due string, late int) {
		t.Helper()
		it, ok := listItem(t, s, c.ID, app.ListQuery{})
		if !ok {
			t.Fatalf("%s: case not listed", step)
		}
		if it.SLA != state || it.LateMinutes != late || (due != "" && !it.Due.Equal(shAt(t, due))) {
			t.Fatalf("%s: %s due %v late %d, want %s due %s late %d", step, it.SLA, it.Due.In(shanghaiLoc), it.LateMinutes, state, due, late)
		}
		if _, ok := listItem(t, s, c.ID, slaFilter(state)); !ok {
			t.Fatalf("%s: the %s filter does not find the case", step, state)
		}
		for _, other := range []app.SLAState{app.SLALate, app.SLADueSoon, app.SLAOK, app.SLAPaused, app.SLAMet} {
			if _, ok := listItem(t, s, c.ID, slaFilter(other)); ok && other != state {
				t.Fatalf("%s: the %s filter finds a case that is %s", step, other, state)
			}
		}
	}
	// Friday 2 h + Monday 09:00-15:00: first answer due Monday 15:00.
	check("Friday", app.SLAOK, "2024-03-04 15:00", 0)
	clk.set(shAt(t, "2024-03-04 14:00"))
	check("Monday 14:00, an hour left", app.SLADueSoon, "2024-03-04 15:00", 0)
	clk.set(shAt(t, "2024-03-04 15:30"))
	check("Monday 15:30", app.SLALate, "2024-03-04 15:00", 30)

	// Answered late: the resolution clock runs on. 27 office hours: Friday
	// 2, Monday 9, Tuesday 9, Wednesday 7 -> Wednesday 16:00.
	if _, err := s.AddEntry(ctx, app.Entry{CaseID: c.ID, Kind: app.EntryMessageOut, Body: "sorry, a new one is on its way"}); err != nil {
		t.Fatal(err)
	}
	check("answered", app.SLAOK, "2024-03-06 16:00", 0)

	// Waiting on the buyer from Monday 16:00 to Tuesday 10:00: paused.
	clk.set(shAt(t, "2024-03-04 16:00"))
	c.Status = app.CaseWaitingCustomer
	if c, err = s.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	check("waiting on the buyer", app.SLAPaused, "", 0)
	clk.set(shAt(t, "2024-03-05 10:00"))
	check("still waiting a day later", app.SLAPaused, "", 0)
	c.Status = app.CaseOpen
	if c, err = s.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	// 9 h counted before the pause (Friday 2, Monday 09:00-16:00 7);
	// 18 h left from Tuesday 10:00: Tuesday 8, Wednesday 9, Thursday 1.
	check("open again", app.SLAOK, "2024-03-07 10:00", 0)

	// A colleague's merge resolves it (written as a merge writes, not
	// through the case's own update): the row goes stale and the next
	// read brings it up to date.
	if _, err := s.write.Exec(`UPDATE service_case SET status = 'resolved', resolution = 'replacement' WHERE id = ?`, c.ID); err != nil {
		t.Fatal(err)
	}
	clk.set(shAt(t, "2024-03-05 11:00"))
	if _, err := s.write.Exec(`INSERT INTO case_entry (id, hlc, replica, case_id, at, kind, to_value) VALUES (?, ?, 'other desk', ?, ?, 'status', 'resolved')`,
		app.NewID(), "x", c.ID, formatInstant(shAt(t, "2024-03-05 10:30"))); err != nil {
		t.Fatal(err)
	}
	check("resolved on another desk", app.SLAMet, "", 0)

	// The first answer was 30 minutes late; 8.5 office hours counted.
	var firstDue, firstAt, minutes int64
	if err := s.read.QueryRow(`SELECT local_first_due, local_first_at, local_first_minutes FROM service_case WHERE id = ?`, c.ID).
		Scan(&firstDue, &firstAt, &minutes); err != nil {
		t.Fatal(err)
	}
	if firstDue != shAt(t, "2024-03-04 15:00").UnixMilli() || firstAt != shAt(t, "2024-03-04 15:30").UnixMilli() || minutes != 510 {
		t.Fatalf("first answer columns due %v at %v minutes %d", msTime(firstDue).In(shanghaiLoc), msTime(firstAt).In(shanghaiLoc), minutes)
	}
}

// Changing the office's calendar or targets moves the due times of the
// running cases (here on a colleague's desk through a merge, here through
// the settings form).
func TestCaseSLAFollowsSettings(t *testing.T) {
	ctx := context.Background()
	s, _ := openClocked(t, shAt(t, "2024-03-01 16:05"))
	c, err := s.CreateCase(ctx, emailCase(shAt(t, "2024-03-01 16:00")), "")
	if err != nil {
		t.Fatal(err)
	}
	due := func() time.Time {
		it, _ := listItem(t, s, c.ID, app.ListQuery{})
		return it.Due
	}
	if got := due(); !got.Equal(shAt(t, "2024-03-04 15:00")) {
		t.Fatalf("due %v", got.In(shanghaiLoc))
	}
	office := app.DefaultOffice()
	holiday := office
	holiday.Holidays = []app.Date{app.NewDate(2024, 3, 4)}
	if err := s.SaveOffice(ctx, office, holiday); err != nil {
		t.Fatal(err)
	}
	if got := due(); !got.Equal(shAt(t, "2024-03-05 15:00")) {
		t.Fatalf("with Monday a holiday: due %v, want Tuesday 15:00", got.In(shanghaiLoc))
	}
	cfg, _ := s.ServiceConfig(ctx)
	policy := cfg.Policy
	edited := app.DefaultSLAPolicy()
	edited.Channels[app.ChannelEmail] = app.ChannelSLA{FirstResponse: app.CalendarHours(8), Resolution: app.OfficeHours(27)}
	if err := s.SaveSLAPolicy(ctx, policy, edited); err != nil {
		t.Fatal(err)
	}
	if got := due(); !got.Equal(shAt(t, "2024-03-02 00:00")) {
		t.Fatalf("8 calendar hours: due %v, want Saturday 00:00", got.In(shanghaiLoc))
	}
}
