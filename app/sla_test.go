package app

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustCalendar(t testing.TB, o Office) *Calendar {
	t.Helper()
	c, err := o.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// at reads "2006-01-02 15:04" in loc.
func at(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation(MinuteLayout, s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// eightHours is the policy: every channel 8 office hours.
func eightHours() SLAPolicy {
	return SLAPolicy{Channels: map[Channel]ChannelSLA{
		ChannelOther: {FirstResponse: OfficeHours(8), Resolution: OfficeHours(8)},
	}}
}

// 2024-03-01 is a Friday; 2024-03-04 the Monday after.
func TestSLADueOfficeHours(t *testing.T) {
	sh := mustLoc(t, "Asia/Shanghai")
	def := mustCalendar(t, DefaultOffice())
	mondayOff := DefaultOffice()
	mondayOff.Holidays = []Date{NewDate(2024, 3, 4)}
	saturdayWorked := DefaultOffice()
	saturdayWorked.ExtraWorkdays = []Date{NewDate(2024, 3, 2)}
	tests := []struct {
		name    string
		cal     *Calendar
		created string
		pauses  [][2]string
		want    string
	}{
		// The three examples (office hours, 8 h target).
		// Friday 16:00-18:00 counts 2 h, Monday 09:00-15:00 the other 6.
		{"issue: created Friday 16:00", def, "2024-03-01 16:00", nil, "2024-03-04 15:00"},
		// Nothing counts on the weekend: Monday 09:00 + 8 h.
		{"issue: created Saturday 10:00", def, "2024-03-02 10:00", nil, "2024-03-04 17:00"},
		// Friday 2 h, Monday 09:00-11:00 paused, 11:00 + 6 h.
		{"issue: Friday 16:00, paused Monday 09:00-11:00", def, "2024-03-01 16:00",
			[][2]string{{"2024-03-04 09:00", "2024-03-04 11:00"}}, "2024-03-04 17:00"},
		// Monday off: Friday 2 h, Tuesday 09:00-15:00.
		{"holiday Monday", mustCalendar(t, mondayOff), "2024-03-01 16:00", nil, "2024-03-05 15:00"},
		// A make-up Saturday counts: Friday 2 h, Saturday 09:00-15:00.
		{"make-up Saturday", mustCalendar(t, saturdayWorked), "2024-03-01 16:00", nil, "2024-03-02 15:00"},
		// Outside hours the clock starts at the next opening.
		{"created Tuesday 20:00", def, "2024-03-05 20:00", nil, "2024-03-06 17:00"},
		{"created Tuesday 07:00", def, "2024-03-05 07:00", nil, "2024-03-05 17:00"},
		// Exactly 8 h fit in Monday: due at closing, not Tuesday 09:00.
		{"due at closing", def, "2024-03-04 10:00", [][2]string{{"2024-03-04 09:00", "2024-03-04 10:00"}}, "2024-03-04 18:00"},
		// Thursday 17:00-17:30 counts 0.5 h; the pause runs over the night,
		// Friday and the weekend until Monday 10:00; 7.5 h more is 17:30.
		{"pause over nights and weekend", def, "2024-02-29 17:00",
			[][2]string{{"2024-02-29 17:30", "2024-03-04 10:00"}}, "2024-03-04 17:30"},
		// Overlapping and unordered pauses merge: Monday 09:00-12:00 off.
		{"overlapping pauses", def, "2024-03-01 16:00",
			[][2]string{{"2024-03-04 10:00", "2024-03-04 12:00"}, {"2024-03-04 09:00", "2024-03-04 11:00"}}, "2024-03-04 18:00"},
		// A pause before the case was created changes nothing.
		{"pause before creation", def, "2024-03-01 16:00",
			[][2]string{{"2024-02-28 09:00", "2024-03-01 17:00"}}, "2024-03-04 16:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := SLACase{Channel: ChannelEmail, Created: at(t, sh, tc.created)}
			for _, p := range tc.pauses {
				c.Pauses = append(c.Pauses, SLAPause{From: at(t, sh, p[0]), To: at(t, sh, p[1])})
			}
			// Evaluated once every pause is over.
			r := eightHours().Evaluate(tc.cal, c, at(t, sh, "2024-03-31 00:00"))
			if got, want := r.FirstResponse.Due, at(t, sh, tc.want); !got.Equal(want) {
				t.Errorf("due %s, want %s", got.In(sh).Format(MinuteLayout), tc.want)
			}
		})
	}
}

func TestSLATimeZones(t *testing.T) {
	sh := mustLoc(t, "Asia/Shanghai")
	berlin := mustLoc(t, "Europe/Berlin")
	utc := func(s string) time.Time { return at(t, time.UTC, s) }
	def := mustCalendar(t, DefaultOffice())
	berlinOffice := DefaultOffice()
	berlinOffice.Zone = "Europe/Berlin"
	bc := mustCalendar(t, berlinOffice)
	eight := eightHours()
	tests := []struct {
		name    string
		policy  SLAPolicy
		cal     *Calendar
		created time.Time
		want    time.Time
	}{
		// A case stamped in UTC, office in Shanghai (UTC+8): 08:00Z is
		// Friday 16:00 there, so due Monday 15:00 Shanghai = 07:00Z.
		{"UTC instant, Shanghai office", eight, def, utc("2024-03-01 08:00"), utc("2024-03-04 07:00")},
		// Friday 23:30Z is already Saturday 07:30 in Shanghai: the clock
		// starts Monday 09:00, due 17:00 Shanghai = 09:00Z.
		{"UTC Friday night is Shanghai Saturday", eight, def, utc("2024-03-01 23:30"), at(t, sh, "2024-03-04 17:00")},
		// Berlin moves to summer time on Sunday 2024-03-31. Friday 16:00
		// CET (15:00Z) counts 2 h; Monday opens 09:00 CEST (07:00Z), 6 h
		// more is 15:00 CEST = 13:00Z: 70 hours of wall clock, not 71.
		{"Berlin office across the March change", eight, bc, at(t, berlin, "2024-03-29 16:00"), utc("2024-04-01 13:00")},
		// And back to winter time on Sunday 2024-10-27: Friday 16:00
		// CEST (14:00Z) + 2 h, Monday 09:00 CET (08:00Z) + 6 h = 14:00Z.
		{"Berlin office across the October change", eight, bc, at(t, berlin, "2024-10-25 16:00"), utc("2024-10-28 14:00")},
		// Calendar hours are real elapsed time: 24 h from Saturday 12:00
		// CET (11:00Z) is Sunday 11:00Z, which Berlin calls 13:00 CEST.
		{"calendar hours across the March change",
			SLAPolicy{Channels: map[Channel]ChannelSLA{ChannelOther: {FirstResponse: CalendarHours(24)}}},
			bc, at(t, berlin, "2024-03-30 12:00"), at(t, berlin, "2024-03-31 13:00")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.policy.Evaluate(tc.cal, SLACase{Channel: ChannelEmail, Created: tc.created}, tc.created)
			if !r.FirstResponse.Due.Equal(tc.want) {
				t.Errorf("due %s, want %s", r.FirstResponse.Due, tc.want.UTC())
			}
		})
	}
}

func TestSLACalendarHours(t *testing.T) {
	sh := mustLoc(t, "Asia/Shanghai")
	p := DefaultSLAPolicy()
	cal := mustCalendar(t, DefaultOffice())
	created := at(t, sh, "2024-03-01 16:00") // Friday
	tests := []struct {
		name   string
		pauses [][2]string
		want   string
	}{
		// Amazon buyer messages: 24 calendar hours, the weekend counts.
		{"no pause", nil, "2024-03-02 16:00"},
		// A 2 h pause on Friday night pushes it 2 h.
		{"pause at night", [][2]string{{"2024-03-01 22:00", "2024-03-02 00:00"}}, "2024-03-02 18:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := SLACase{Channel: ChannelBuyerMessage, Created: created}
			for _, x := range tc.pauses {
				c.Pauses = append(c.Pauses, SLAPause{From: at(t, sh, x[0]), To: at(t, sh, x[1])})
			}
			r := p.Evaluate(cal, c, created.Add(time.Hour*24*7))
			if want := at(t, sh, tc.want); !r.FirstResponse.Due.Equal(want) {
				t.Errorf("due %s, want %s", r.FirstResponse.Due.In(sh), tc.want)
			}
			// Resolution: 72 calendar hours, plus the pause.
			if want := at(t, sh, tc.want).Add(48 * time.Hour); !r.Resolution.Due.Equal(want) {
				t.Errorf("resolution due %s, want %s", r.Resolution.Due.In(sh), want)
			}
		})
	}
}

func TestSLAStates(t *testing.T) {
	sh := mustLoc(t, "Asia/Shanghai")
	cal := mustCalendar(t, DefaultOffice())
	p := eightHours()
	created := at(t, sh, "2024-03-04 09:00") // Monday, due 17:00
	tests := []struct {
		name    string
		c       SLACase
		now     string
		state   SLAState
		left    time.Duration
		late    int
		elapsed time.Duration
	}{
		{"ok", SLACase{}, "2024-03-04 12:00:00", SLAOK, 5 * time.Hour, 0, 3 * time.Hour},
		{"due soon at 16:00", SLACase{}, "2024-03-04 16:00:00", SLADueSoon, time.Hour, 0, 7 * time.Hour},
		{"due soon at the due minute", SLACase{}, "2024-03-04 17:00:00", SLADueSoon, 0, 0, 8 * time.Hour},
		// 17:00:30 is 30 s late: rounded up to a whole minute.
		{"late by seconds", SLACase{}, "2024-03-04 17:00:30", SLALate, 0, 1, 8*time.Hour + 30*time.Second},
		// Tuesday 10:00 is 17 wall-clock hours after Monday 17:00.
		{"late over night", SLACase{}, "2024-03-05 10:00:00", SLALate, 0, 17 * 60, 10 * time.Hour},
		// Waiting on the customer since 12:00: 3 h counted, due if it
		// resumed now (15:00) is 15:00 + 5 h = Tuesday 11:00.
		{"paused", SLACase{Pauses: []SLAPause{{From: at(t, sh, "2024-03-04 12:00")}}},
			"2024-03-04 15:00:00", SLAPaused, 20 * time.Hour, 0, 3 * time.Hour},
		// A pause that began after the clock ran out does not hide it.
		// Counted 09:00-17:30 is 8.5 h; Tuesday 09:00 is 16 h after due.
		{"late then paused", SLACase{Pauses: []SLAPause{{From: at(t, sh, "2024-03-04 17:30")}}},
			"2024-03-05 09:00:00", SLALate, 0, 16 * 60, 8*time.Hour + 30*time.Minute},
		// Answered 15:30: met on time, 6.5 h counted.
		{"met", SLACase{FirstResponse: at(t, sh, "2024-03-04 15:30")},
			"2024-03-06 09:00:00", SLAMet, 0, 0, 6*time.Hour + 30*time.Minute},
		// Answered Tuesday 09:30, 16.5 h after due; counted Monday's 9 h
		// and Tuesday's first half hour.
		{"met late", SLACase{FirstResponse: at(t, sh, "2024-03-05 09:30")},
			"2024-03-06 09:00:00", SLAMet, 0, 16*60 + 30, 9*time.Hour + 30*time.Minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.Channel, c.Created = ChannelEmail, created
			now, err := time.ParseInLocation(SecondLayout, tc.now, sh)
			if err != nil {
				t.Fatal(err)
			}
			k := p.Evaluate(cal, c, now).FirstResponse
			if k.State != tc.state || k.Left != tc.left || k.LateMinutes != tc.late || k.Elapsed != tc.elapsed {
				t.Errorf("got %s left %s late %d elapsed %s, want %s left %s late %d elapsed %s",
					k.State, k.Left, k.LateMinutes, k.Elapsed, tc.state, tc.left, tc.late, tc.elapsed)
			}
		})
	}
}

func TestSLACaseState(t *testing.T) {
	sh := mustLoc(t, "Asia/Shanghai")
	cal := mustCalendar(t, DefaultOffice())
	p := DefaultSLAPolicy()
	created := at(t, sh, "2024-03-04 09:00") // Monday
	tests := []struct {
		name  string
		c     SLACase
		now   string
		state SLAState
		late  int
	}{
		// Email: first response due 17:00, resolution (27 h) Wednesday
		// 18:00. At 17:30 the first response is 30 min late.
		{"first response late", SLACase{Channel: ChannelEmail}, "2024-03-04 17:30", SLALate, 30},
		// Answered: only the resolution clock runs, 27 h, fine.
		{"answered, resolution running", SLACase{Channel: ChannelEmail, FirstResponse: at(t, sh, "2024-03-04 10:00")},
			"2024-03-04 17:30", SLAOK, 0},
		// Resolved without a reply counts as answered.
		{"resolved", SLACase{Channel: ChannelEmail, Resolved: at(t, sh, "2024-03-04 16:00")},
			"2024-03-08 09:00", SLAMet, 0},
		// A channel without targets.
		{"no targets", SLACase{Channel: ChannelOther}, "2024-03-08 09:00", SLANone, 0},
	}
	p.Channels[ChannelOther] = ChannelSLA{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			c.Created = created
			r := p.Evaluate(cal, c, at(t, sh, tc.now))
			if r.State != tc.state || r.LateMinutes != tc.late {
				t.Errorf("got %s late %d, want %s late %d", r.State, r.LateMinutes, tc.state, tc.late)
			}
		})
	}
	// A channel the policy does not list falls back to "other".
	q := SLAPolicy{Channels: map[Channel]ChannelSLA{ChannelOther: {FirstResponse: CalendarHours(1)}}}
	r := q.Evaluate(cal, SLACase{Channel: ChannelChat, Created: created}, created)
	if !r.FirstResponse.Due.Equal(created.Add(time.Hour)) || r.Resolution.State != SLANone {
		t.Errorf("fallback: %+v", r)
	}
}

func TestSLAPausesFromHistory(t *testing.T) {
	sh := mustLoc(t, "Asia/Shanghai")
	h := func(s string, st CaseStatus) StatusChange { return StatusChange{At: at(t, sh, s), Status: st} }
	tests := []struct {
		name     string
		history  []StatusChange
		pauses   [][2]string // "" = still going on
		resolved string
	}{
		{"open case", []StatusChange{h("2024-03-04 09:00", CaseNew), h("2024-03-04 10:00", CaseOpen)}, nil, ""},
		{"waiting, then back", []StatusChange{
			h("2024-03-04 09:00", CaseNew), h("2024-03-04 10:00", CaseWaitingCarrier),
			h("2024-03-05 10:00", CaseOpen), h("2024-03-05 11:00", CaseWaitingCustomer)},
			[][2]string{{"2024-03-04 10:00", "2024-03-05 10:00"}, {"2024-03-05 11:00", ""}}, ""},
		// Given out of order; resolved then closed is resolved at the first.
		{"resolved then closed", []StatusChange{
			h("2024-03-06 09:00", CaseClosed), h("2024-03-04 09:00", CaseNew), h("2024-03-05 09:00", CaseResolved)},
			nil, "2024-03-05 09:00"},
		// Reopened: the resolved spell is a pause; resolved again later.
		{"reopened", []StatusChange{
			h("2024-03-04 09:00", CaseNew), h("2024-03-05 09:00", CaseResolved), h("2024-03-05 12:00", CaseClosed),
			h("2024-03-06 09:00", CaseOpen), h("2024-03-07 09:00", CaseResolved)},
			[][2]string{{"2024-03-05 09:00", "2024-03-06 09:00"}}, "2024-03-07 09:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pauses, resolved := SLAPausesFromHistory(tc.history)
			if len(pauses) != len(tc.pauses) {
				t.Fatalf("pauses %v, want %v", pauses, tc.pauses)
			}
			for i, p := range pauses {
				if !p.From.Equal(at(t, sh, tc.pauses[i][0])) {
					t.Errorf("pause %d from %s, want %s", i, p.From, tc.pauses[i][0])
				}
				if tc.pauses[i][1] == "" {
					if !p.To.IsZero() {
						t.Errorf("pause %d should be open, ends %s", i, p.To)
					}
				} else if !p.To.Equal(at(t, sh, tc.pauses[i][1])) {
					t.Errorf("pause %d to %s, want %s", i, p.To, tc.pauses[i][1])
				}
			}
			if tc.resolved == "" {
				if !resolved.IsZero() {
					t.Errorf("resolved %s, want none", resolved)
				}
			} else if !resolved.Equal(at(t, sh, tc.resolved)) {
				t.Errorf("resolved %s, want %s", resolved, tc.resolved)
			}
		})
	}
}

func TestSLAPolicyValidate(t *testing.T) {
	if err := DefaultSLAPolicy().Validate(); err != nil {
		t.Fatalf("default policy: %v", err)
	}
	tests := []struct {
		name  string
		p     SLAPolicy
		field string
	}{
		{"negative", SLAPolicy{Channels: map[Channel]ChannelSLA{ChannelEmail: {FirstResponse: SLATarget{Minutes: -1, Basis: SLAOfficeHours}}}}, "email.first_response"},
		{"too long", SLAPolicy{Channels: map[Channel]ChannelSLA{ChannelChat: {Resolution: CalendarHours(24 * 91)}}}, "chat.resolution"},
		{"no basis", SLAPolicy{Channels: map[Channel]ChannelSLA{ChannelChat: {Resolution: SLATarget{Minutes: 60}}}}, "chat.resolution.basis"},
		{"unknown channel", SLAPolicy{Channels: map[Channel]ChannelSLA{"fax": {}}}, "fax"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var fe *FieldError
			if err := tc.p.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("got %v, want a problem with %s", err, tc.field)
			}
		})
	}
}

func TestOfficeCalendarErrors(t *testing.T) {
	tests := []struct {
		name  string
		o     Office
		field string
	}{
		{"unknown zone", Office{Zone: "Mars/Olympus"}, "zone"},
		{"closes before it opens", Office{OpenMinute: 18 * 60, CloseMinute: 9 * 60}, "hours"},
		{"past midnight", Office{OpenMinute: 9 * 60, CloseMinute: 25 * 60}, "hours"},
		{"bad weekday", Office{Workdays: []time.Weekday{9}}, "workdays"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var fe *FieldError
			if _, err := tc.o.Calendar(); !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("got %v, want a problem with %s", err, tc.field)
			}
		})
	}
	// The zero Office is the default one.
	c := mustCalendar(t, Office{})
	if c.Location().String() != DefaultZone || !c.IsWorkday(NewDate(2024, 3, 4)) || c.IsWorkday(NewDate(2024, 3, 2)) {
		t.Errorf("zero office: %v", c.Office())
	}
}

// benchCases makes n open cases created over the last two weeks, each
// with a few pauses, on mixed channels.
func benchCases(n int, now time.Time) []SLACase {
	r := rand.New(rand.NewPCG(1, 2))
	chans := Channels()
	cases := make([]SLACase, n)
	for i := range cases {
		created := now.Add(-time.Duration(r.IntN(14*24*60)) * time.Minute)
		c := SLACase{Channel: chans[r.IntN(len(chans))], Created: created}
		t := created
		for k := r.IntN(4); k > 0; k-- {
			from := t.Add(time.Duration(1+r.IntN(24*60)) * time.Minute)
			to := from.Add(time.Duration(1+r.IntN(48*60)) * time.Minute)
			if from.After(now) {
				break
			}
			if to.After(now) {
				to = time.Time{}
			}
			c.Pauses = append(c.Pauses, SLAPause{From: from, To: to})
			if to.IsZero() {
				break
			}
			t = to
		}
		if r.IntN(2) == 0 {
			c.FirstResponse = created.Add(time.Duration(r.IntN(600)) * time.Minute)
			if c.FirstResponse.After(now) {
				c.FirstResponse = time.Time{}
			}
		}
		cases[i] = c
	}
	return cases
}

// BenchmarkSLAOpenCases is the target: the SLA state of 50,000
// open cases in under 100 ms in total (one op = all of them).
func BenchmarkSLAOpenCases(b *testing.B) {
	cal := MustDefaultCalendar()
	p := DefaultSLAPolicy()
	now := time.Date(2024, 3, 6, 7, 0, 0, 0, time.UTC)
	cases := benchCases(50_000, now)
	b.ResetTimer()
	for b.Loop() {
		late := 0
		for _, c := range cases {
			if p.Evaluate(cal, c, now).State == SLALate {
				late++
			}
		}
		if late == 0 {
			b.Fatal("no late case: the benchmark data is wrong")
		}
	}
}
