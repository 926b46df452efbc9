package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

func d(t testing.TB, s string) Date {
	t.Helper()
	v, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func dates(t testing.TB, ss ...string) []Date {
	out := make([]Date, len(ss))
	for i, s := range ss {
		out[i] = d(t, s)
	}
	return out
}

func TestDate(t *testing.T) {
	x := d(t, "2024-03-01")
	if x.String() != "2024-03-01" || x.Weekday() != time.Friday {
		t.Errorf("2024-03-01: %s %s", x, x.Weekday())
	}
	if y, m, dd := x.YMD(); y != 2024 || m != time.March || dd != 1 {
		t.Errorf("YMD %d %d %d", y, m, dd)
	}
	if got := d(t, "2024-03-04") - x; got != 3 {
		t.Errorf("difference %d", got)
	}
	if d(t, "1970-01-01").Weekday() != time.Thursday || d(t, "1969-12-31").String() != "1969-12-31" {
		t.Error("dates around the Unix epoch")
	}
	var zero Date
	if !zero.IsZero() || zero.String() != "" {
		t.Error("zero date")
	}
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-01-31", 1, "2024-02-29"}, // leap year
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2024-12-15", 1, "2025-01-15"},
		{"2024-01-15", -13, "2022-12-15"},
	} {
		if got := d(t, tc.from).AddMonths(tc.n); got.String() != tc.want {
			t.Errorf("%s + %d months = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
	// 20:00 UTC on Friday is already Saturday in Shanghai.
	sh := mustLoc(t, "Asia/Shanghai")
	inst := time.Date(2024, 3, 1, 20, 0, 0, 0, time.UTC)
	if DateOf(inst, sh).String() != "2024-03-02" || DateOf(inst, nil).String() != "2024-03-01" {
		t.Errorf("DateOf: %s %s", DateOf(inst, sh), DateOf(inst, nil))
	}
	if got := x.In(sh); !got.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, sh)) {
		t.Errorf("In %s", got)
	}
	b, _ := json.Marshal(struct{ D Date }{x})
	if string(b) != `{"D":"2024-03-01"}` {
		t.Errorf("json %s", b)
	}
	var back struct{ D Date }
	if err := json.Unmarshal(b, &back); err != nil || back.D != x {
		t.Errorf("json back %v %v", back.D, err)
	}
	if _, err := ParseDate("2024-02-30"); err == nil {
		t.Error("2024-02-30 parsed")
	}
}

// officeWithHolidays is Mon–Fri with Wednesday 2024-03-06 off and
// Saturday 2024-03-09 worked.
func officeWithHolidays(t testing.TB) *Calendar {
	o := DefaultOffice()
	o.Holidays = dates(t, "2024-03-06")
	o.ExtraWorkdays = dates(t, "2024-03-09")
	return mustCalendar(t, o)
}

func TestDueAfter(t *testing.T) {
	c := officeWithHolidays(t)
	tests := []struct {
		start string
		days  int
		count DayCount
		want  string
	}{
		{"2024-03-04", 1, "", "2024-03-04"},                // Monday, one day: Monday
		{"2024-03-04", 2, CountWorkdays, "2024-03-05"},     // two: Tuesday
		{"2024-03-04", 3, CountWorkdays, "2024-03-07"},     // Wednesday is off
		{"2024-03-07", 3, CountWorkdays, "2024-03-09"},     // Thu, Fri, make-up Saturday
		{"2024-03-08", 3, CountWorkdays, "2024-03-11"},     // Fri, Sat, Mon
		{"2024-03-02", 1, CountWorkdays, "2024-03-04"},     // started on a Saturday off
		{"2024-03-04", 0, CountWorkdays, "2024-03-04"},     // milestone
		{"2024-03-08", 3, CountCalendarDays, "2024-03-10"}, // Fri, Sat, Sun
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s+%d%s", tc.start, tc.days, tc.count), func(t *testing.T) {
			if got := c.DueAfter(d(t, tc.start), tc.days, tc.count); got.String() != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestStepDueDates(t *testing.T) {
	c := officeWithHolidays(t)
	// Start Monday 03-04: 2 workdays -> Tue; milestone -> Tue; 3
	// workdays from Wed (off) -> Thu, Fri, Sat (make-up) -> Sat; 35
	// calendar days from Sunday 03-10 -> 04-13; 1 workday from Sunday
	// 04-14 -> Monday 04-15.
	got := StepDueDates(c, d(t, "2024-03-04"), []StepDays{
		{Days: 2}, {Days: 0}, {Days: 3}, {Days: 35, Count: CountCalendarDays}, {Days: 1},
	})
	want := dates(t, "2024-03-05", "2024-03-05", "2024-03-09", "2024-04-13", "2024-04-15")
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := StepDueDates(c, d(t, "2024-03-04"), []StepDays{{Days: 0}}); got[0] != d(t, "2024-03-04") {
		t.Errorf("leading milestone %v", got)
	}
	var fe *FieldError
	if err := ValidateDue(d(t, "2024-03-04"), d(t, "2024-03-01")); !errors.As(err, &fe) || fe.Code != CodeBeforeStart {
		t.Errorf("due before start: %v", err)
	}
	if err := ValidateDue(d(t, "2024-03-04"), d(t, "2024-03-04")); err != nil {
		t.Errorf("due on start: %v", err)
	}
}

func TestScheduleOccurrences(t *testing.T) {
	c := officeWithHolidays(t)
	// Chinese National Day week: Oct 1-7 2024 off, Sat Sep 29 and Sat
	// Oct 12 worked.
	golden := DefaultOffice()
	golden.Holidays = dates(t, "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07")
	golden.ExtraWorkdays = dates(t, "2024-09-29", "2024-10-12")
	gc := mustCalendar(t, golden)
	tests := []struct {
		name     string
		cal      *Calendar
		s        Schedule
		from, to string
		want     []string
	}{
		{"every workday", c, Schedule{Kind: ScheduleWorkdays}, "2024-03-04", "2024-03-11",
			[]string{"2024-03-04", "2024-03-05", "2024-03-07", "2024-03-08", "2024-03-09", "2024-03-11"}},
		// Chosen weekdays skip holidays but keep a chosen Saturday.
		{"Mon Wed Sat", c, Schedule{Kind: ScheduleWeekdays, Weekdays: []time.Weekday{time.Monday, time.Wednesday, time.Saturday}},
			"2024-03-04", "2024-03-17", []string{"2024-03-04", "2024-03-09", "2024-03-11", "2024-03-13", "2024-03-16"}},
		// Weekly on Wednesday: the holiday moves it to Thursday.
		{"weekly Wednesday", c, Schedule{Kind: ScheduleWeekly, Weekday: time.Wednesday},
			"2024-02-26", "2024-03-17", []string{"2024-02-28", "2024-03-07", "2024-03-13"}},
		{"weekly Wednesday, previous", c, Schedule{Kind: ScheduleWeekly, Weekday: time.Wednesday, OffDay: OffDayPrevious},
			"2024-03-04", "2024-03-10", []string{"2024-03-05"}},
		{"weekly Wednesday, skip", c, Schedule{Kind: ScheduleWeekly, Weekday: time.Wednesday, OffDay: OffDaySkip},
			"2024-03-04", "2024-03-10", nil},
		// The 31st: Dec 31 2023 is a Sunday -> Monday Jan 1, Jan 31 (Wed),
		// Feb 29 (Thu, leap year), Mar 31 is a Sunday -> Monday Apr 1, Apr
		// 30 (Tue).
		{"monthly 31st", c, Schedule{Kind: ScheduleMonthly, MonthDay: 31}, "2024-01-01", "2024-04-30",
			[]string{"2024-01-01", "2024-01-31", "2024-02-29", "2024-04-01", "2024-04-30"}},
		{"monthly 31st, non-leap February", c, Schedule{Kind: ScheduleMonthly, MonthDay: 31}, "2023-02-01", "2023-02-28",
			[]string{"2023-02-28"}},
		{"monthly 31st, kept on Sunday", c, Schedule{Kind: ScheduleMonthly, MonthDay: 31, OffDay: OffDayKeep}, "2024-03-01", "2024-04-01",
			[]string{"2024-03-31"}},
		// A range of one day finds an occurrence moved into it from the
		// month before.
		{"moved into the range", c, Schedule{Kind: ScheduleMonthly, MonthDay: 31}, "2024-04-01", "2024-04-01",
			[]string{"2024-04-01"}},
		// Monthly on the 1st: Oct 1-4 and 7 off, Oct 5-6 weekend: Oct 8.
		{"monthly 1st in golden week", gc, Schedule{Kind: ScheduleMonthly, MonthDay: 1}, "2024-09-01", "2024-10-31",
			[]string{"2024-09-02", "2024-10-08"}},
		// Weekly Monday: Oct 7 is off and moves to Oct 8.
		{"weekly Monday in golden week", gc, Schedule{Kind: ScheduleWeekly, Weekday: time.Monday}, "2024-09-30", "2024-10-14",
			[]string{"2024-09-30", "2024-10-08", "2024-10-14"}},
		{"workdays in golden week", gc, Schedule{Kind: ScheduleWorkdays}, "2024-09-28", "2024-10-12",
			[]string{"2024-09-29", "2024-09-30", "2024-10-08", "2024-10-09", "2024-10-10", "2024-10-11", "2024-10-12"}},
		{"start and end", c, Schedule{Kind: ScheduleWorkdays, Start: d(t, "2024-03-05"), End: d(t, "2024-03-07")}, "2024-03-01", "2024-03-31",
			[]string{"2024-03-05", "2024-03-07"}},
		{"invalid", c, Schedule{Kind: ScheduleMonthly, MonthDay: 32}, "2024-03-01", "2024-03-31", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.s.Occurrences(tc.cal, d(t, tc.from), d(t, tc.to))
			if want := dates(t, tc.want...); !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			// Due agrees with Occurrences day by day.
			for x := d(t, tc.from); x <= d(t, tc.to); x++ {
				if tc.s.Due(tc.cal, x) != slices.Contains(got, x) {
					t.Errorf("Due(%s) disagrees", x)
				}
			}
		})
	}
}

func TestScheduleOfficeTimeZone(t *testing.T) {
	c := mustCalendar(t, DefaultOffice())
	s := Schedule{Kind: ScheduleWorkdays}
	// Sunday 17:00 UTC is Monday 01:00 in Shanghai: Monday's items are due.
	now := time.Date(2024, 3, 3, 17, 0, 0, 0, time.UTC)
	if today := c.Today(now); today.String() != "2024-03-04" || !s.Due(c, today) {
		t.Errorf("today %s due %v", today, s.Due(c, today))
	}
	if got := c.CloseAt(d(t, "2024-03-04")); !got.Equal(time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("closes %s", got)
	}
}

func TestScheduleValidate(t *testing.T) {
	tests := []struct {
		s     Schedule
		field string
	}{
		{Schedule{Kind: "hourly"}, "kind"},
		{Schedule{Kind: ScheduleWeekdays}, "weekdays"},
		{Schedule{Kind: ScheduleWeekdays, Weekdays: []time.Weekday{7}}, "weekdays"},
		{Schedule{Kind: ScheduleWeekly, Weekday: -1}, "weekday"},
		{Schedule{Kind: ScheduleMonthly}, "month_day"},
		{Schedule{Kind: ScheduleWorkdays, OffDay: "later"}, "off_day"},
		{Schedule{Kind: ScheduleWorkdays, Start: 10, End: 9}, "end"},
	}
	for _, tc := range tests {
		var fe *FieldError
		if err := tc.s.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%+v: got %v, want a problem with %s", tc.s, err, tc.field)
		}
	}
}

func TestChecklistInstanceID(t *testing.T) {
	day := NewDate(2024, 3, 4)
	id := ChecklistInstanceID("0190f1d2-0000-7000-8000-000000000001", day)
	// The value is fixed for ever: desks on different versions must agree.
	// (Python: uuid.uuid5(UUID("5f0c6f6e-..."), "<item id>/2024-03-04").)
	if id != "be89f187-cb61-5f99-bc4f-6f5475b13051" || !ValidID(id) {
		t.Fatalf("id %s", id)
	}
	if u := uuid.MustParse(id); u.Version() != 5 {
		t.Errorf("version %d", u.Version())
	}
	if id == ChecklistInstanceID("0190f1d2-0000-7000-8000-000000000001", day+1) ||
		id == ChecklistInstanceID("0190f1d2-0000-7000-8000-000000000002", day) {
		t.Error("ids collide")
	}
	got := ChecklistInstances(mustCalendar(t, DefaultOffice()), []ScheduledItem{
		{ID: "a", Schedule: Schedule{Kind: ScheduleWorkdays}},
		{ID: "b", Schedule: Schedule{Kind: ScheduleWeekly, Weekday: time.Tuesday}},
		{ID: "c", Schedule: Schedule{Kind: ScheduleWeekly, Weekday: time.Monday}},
	}, day)
	if len(got) != 2 || got[0].ItemID != "a" || got[1].ItemID != "c" || got[1].ID != ChecklistInstanceID("c", day) {
		t.Errorf("instances %+v", got)
	}
	// Generating over a range is the same as day by day.
	items := []ScheduledItem{{ID: "a", Schedule: Schedule{Kind: ScheduleWorkdays}}}
	if n := len(ChecklistInstancesBetween(MustDefaultCalendar(), items, day, day+6)); n != 5 {
		t.Errorf("a week of workday instances: %d", n)
	}
}

// BenchmarkChecklistDay is the target: a day's instances for 12
// people × 10 items (the pure part) under 20 ms.
func BenchmarkChecklistDay(b *testing.B) {
	c := MustDefaultCalendar()
	kinds := []Schedule{
		{Kind: ScheduleWorkdays},
		{Kind: ScheduleWeekdays, Weekdays: []time.Weekday{time.Monday, time.Thursday}},
		{Kind: ScheduleWeekly, Weekday: time.Monday},
		{Kind: ScheduleMonthly, MonthDay: 31},
	}
	var items []ScheduledItem
	for p := 0; p < 12; p++ {
		for i := 0; i < 10; i++ {
			items = append(items, ScheduledItem{ID: fmt.Sprintf("item-%d-%d", p, i), Schedule: kinds[(p+i)%len(kinds)]})
		}
	}
	day := NewDate(2024, 4, 1)
	for b.Loop() {
		if len(ChecklistInstances(c, items, day)) == 0 {
			b.Fatal("nothing due")
		}
	}
}
