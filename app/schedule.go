package app

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// SOP due dates and recurring checklist schedules.
//
// Everything here counts whole office days (Date) with the office's
// Calendar: its working weekdays, holidays and make-up working days, in
// its time zone. Which day "today" is comes from Calendar.Today(now), so
// a desk abroad still generates the Shanghai office's day.
//
// How to call it:
//
//	cal, _ := office.Calendar()
//	dues := app.StepDueDates(cal, runStart, []app.StepDays{{Days: 2}, {Days: 3}})
//	s := app.Schedule{Kind: app.ScheduleMonthly, MonthDay: 31}
//	days := s.Occurrences(cal, from, to)      // every instance day in [from, to]
//	s.Due(cal, today)                         // one day
//	todo := app.ChecklistInstances(cal, items, today)   // ids agree across desks

// DayCount says how a step's expected days are counted.
type DayCount string

// Day counts.
const (
	// CountWorkdays counts office workdays: weekends and holidays do not
	// use up a step's days. The default, because a two-day step started
	// on a Friday is not due on Sunday.
	CountWorkdays DayCount = "workdays"
	// CountCalendarDays counts every day, for steps that run on their
	// own over weekends (sea freight in transit, a supplier producing).
	CountCalendarDays DayCount = "calendar"
)

// StepDays is one step's expected duration.
type StepDays struct {
	Days  int
	Count DayCount // "" means CountWorkdays
}

// CodeBeforeStart is the FieldError code of a due date before its run's
// start date.
const CodeBeforeStart = "before_start"

// DueAfter is the due date of work that starts on start and takes days
// days. The start day is the first day of the work when it counts, so a
// one-day step started on Monday is due on Monday and a two-day step on
// Tuesday. Counting workdays, a start on a day off begins on the next
// workday. days <= 0 (a milestone) is due on start itself.
func (c *Calendar) DueAfter(start Date, days int, count DayCount) Date {
	if days <= 0 {
		return start
	}
	if count == CountCalendarDays {
		return start.AddDays(days - 1)
	}
	d := start
	for n := 0; ; d++ {
		if c.IsWorkday(d) {
			n++
			if n == days {
				return d
			}
		}
		if d-start > Date(days)*7+3660 {
			// An office with no workday in ten years: count calendar days
			// rather than loop for ever.
			return start.AddDays(days - 1)
		}
	}
}

// StepDueDates gives each step of a run its due date. Steps follow one
// another in order: a step starts the day after the previous one is due
// (the run's start date for the first), and a step of 0 days is due with
// the step before it (on the start date when it comes first).
func StepDueDates(c *Calendar, start Date, steps []StepDays) []Date {
	out := make([]Date, len(steps))
	next, last := start, start
	for i, s := range steps {
		if s.Days > 0 {
			last = c.DueAfter(next, s.Days, s.Count)
			next = last.AddDays(1)
		}
		out[i] = last
	}
	return out
}

// ValidateDue checks a due date typed for a step of a run started on
// start: it may not come before the start.
func ValidateDue(start, due Date) error {
	if !due.IsZero() && due < start {
		return &FieldError{Entity: "step", Field: "due", Code: CodeBeforeStart}
	}
	return nil
}

// ScheduleKind is how often a checklist item comes round.
type ScheduleKind string

// Schedule kinds.
const (
	// ScheduleWorkdays: every office workday (holidays off, make-up
	// working days on).
	ScheduleWorkdays ScheduleKind = "workdays"
	// ScheduleWeekdays: the chosen weekdays (Schedule.Weekdays).
	ScheduleWeekdays ScheduleKind = "weekdays"
	// ScheduleWeekly: once a week on Schedule.Weekday.
	ScheduleWeekly ScheduleKind = "weekly"
	// ScheduleMonthly: once a month on Schedule.MonthDay; in a month too
	// short for it, on the month's last day (the 31st in February is the
	// 28th or 29th).
	ScheduleMonthly ScheduleKind = "monthly"
)

// OffDayRule says what happens to an occurrence whose day the office does
// not work. For weekly and chosen-weekday schedules only holidays are off
// days (the person chose the weekday, Saturday included); for monthly
// ones weekends are too.
type OffDayRule string

// Off-day rules. The zero value picks the kind's default: weekly and
// monthly items move to the next workday (they come once a period and
// must not be lost), chosen-weekday items are skipped (another comes
// soon).
const (
	OffDayDefault  OffDayRule = ""
	OffDaySkip     OffDayRule = "skip"
	OffDayNext     OffDayRule = "next"     // the next workday
	OffDayPrevious OffDayRule = "previous" // the workday before
	OffDayKeep     OffDayRule = "keep"     // the day itself all the same
)

// maxShift bounds how far an occurrence moves to find a workday.
const maxShift = 31

// Schedule says on which days a recurring checklist item is due.
type Schedule struct {
	Kind ScheduleKind
	// Weekdays are the chosen days of ScheduleWeekdays.
	Weekdays []time.Weekday
	// Weekday is the day of ScheduleWeekly.
	Weekday time.Weekday
	// MonthDay is the day (1–31) of ScheduleMonthly.
	MonthDay int
	// OffDay is what happens on a day off; see OffDayRule.
	OffDay OffDayRule
	// Start and End, when set, bound the occurrences (inclusive): an item
	// added today has no backlog of earlier days.
	Start, End Date
}

// Validate checks s. Problems are *FieldError values on entity
// "schedule".
func (s Schedule) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "schedule", Field: field, Code: code, Limit: limit}
	}
	switch s.Kind {
	case ScheduleWorkdays:
	case ScheduleWeekdays:
		if len(s.Weekdays) == 0 {
			return bad("weekdays", CodeRequired, 0)
		}
		for _, w := range s.Weekdays {
			if w < time.Sunday || w > time.Saturday {
				return bad("weekdays", CodeBadChoice, 0)
			}
		}
	case ScheduleWeekly:
		if s.Weekday < time.Sunday || s.Weekday > time.Saturday {
			return bad("weekday", CodeBadChoice, 0)
		}
	case ScheduleMonthly:
		if s.MonthDay < 1 || s.MonthDay > 31 {
			return bad("month_day", CodeOutOfRange, 31)
		}
	default:
		return bad("kind", CodeBadChoice, 0)
	}
	switch s.OffDay {
	case OffDayDefault, OffDaySkip, OffDayNext, OffDayPrevious, OffDayKeep:
	default:
		return bad("off_day", CodeBadChoice, 0)
	}
	if !s.Start.IsZero() && !s.End.IsZero() && s.End < s.Start {
		return bad("end", CodeBeforeStart, 0)
	}
	return nil
}

// Occurrences lists the days in [from, to] (inclusive, in order) on which
// the item is due. An invalid schedule has none.
func (s Schedule) Occurrences(c *Calendar, from, to Date) []Date {
	if s.Validate() != nil || to < from {
		return nil
	}
	if !s.Start.IsZero() {
		from = max(from, s.Start)
	}
	if !s.End.IsZero() {
		to = min(to, s.End)
	}
	if to < from {
		return nil
	}
	var out []Date
	add := func(nominal Date) {
		if d, ok := s.resolve(c, nominal); ok && d >= from && d <= to {
			out = append(out, d)
		}
	}
	// Days off move occurrences by up to maxShift days, so look that far
	// beyond both ends.
	lo, hi := from.AddDays(-maxShift), to.AddDays(maxShift)
	if s.OffDay == OffDaySkip || s.OffDay == OffDayKeep || s.Kind == ScheduleWorkdays {
		lo, hi = from, to
	}
	switch s.Kind {
	case ScheduleMonthly:
		y, m, _ := lo.YMD()
		for d := NewDate(y, m, 1); d <= hi; d = d.AddMonths(1) {
			yy, mm, _ := d.YMD()
			add(NewDate(yy, mm, min(s.MonthDay, DaysIn(yy, mm))))
		}
	default:
		for d := lo; d <= hi; d++ {
			if s.nominal(d) {
				add(d)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Due reports whether the item is due on day.
func (s Schedule) Due(c *Calendar, day Date) bool {
	return len(s.Occurrences(c, day, day)) > 0
}

// nominal reports whether d is one of the schedule's own days, before
// days off are considered (not used for monthly schedules).
func (s Schedule) nominal(d Date) bool {
	switch s.Kind {
	case ScheduleWorkdays:
		return true
	case ScheduleWeekdays:
		return slices.Contains(s.Weekdays, d.Weekday())
	case ScheduleWeekly:
		return d.Weekday() == s.Weekday
	}
	return false
}

// resolve applies the off-day rule to a nominal day.
func (s Schedule) resolve(c *Calendar, d Date) (Date, bool) {
	var off bool
	rule := s.OffDay
	switch s.Kind {
	case ScheduleWorkdays:
		return d, c.IsWorkday(d)
	case ScheduleMonthly:
		off = !c.IsWorkday(d)
	default:
		off = c.IsHoliday(d)
	}
	if !off {
		return d, true
	}
	if rule == OffDayDefault {
		rule = OffDayNext
		if s.Kind == ScheduleWeekdays {
			rule = OffDaySkip
		}
	}
	switch rule {
	case OffDayKeep:
		return d, true
	case OffDayNext, OffDayPrevious:
		step := 1
		if rule == OffDayPrevious {
			step = -1
		}
		for i := 1; i <= maxShift; i++ {
			if x := d.AddDays(i * step); c.IsWorkday(x) {
				return x, true
			}
		}
	}
	return 0, false
}

// ScheduledItem is a recurring checklist item as the generator needs it.
type ScheduledItem struct {
	ID       string
	Schedule Schedule
}

// ChecklistInstance is one item due on one day. Its instance is due by
// the office's closing time that day (Calendar.CloseAt) and overdue from
// the next day on.
type ChecklistInstance struct {
	ID     string // ChecklistInstanceID(ItemID, Day)
	ItemID string
	Day    Date
}

// checklistNamespace is the UUID namespace of checklist instance ids (a
// fixed random UUID; changing it would make every desk disagree).
var checklistNamespace = uuid.MustParse("5f0c6f6e-2f4e-4b8e-9a57-0b5e3d1c7a21")

// ChecklistInstanceID is the id of item itemID's instance on day: a
// version 5 (SHA-1, name-based) UUID of "itemID/YYYY-MM-DD".
//
// It is deterministic on purpose. Every desk generates today's instances
// on start and at midnight, often before they have synced; because they
// all derive the same primary key, the instances meet as one row when
// their bundles merge, and a desk generating twice inserts nothing new.
// A random UUIDv7 would give one instance per desk.
func ChecklistInstanceID(itemID string, day Date) string {
	return uuid.NewHash(sha1.New(), checklistNamespace, []byte(itemID+"/"+day.String()), 5).String()
}

// ChecklistInstances lists the instances due on day for items, in item
// order. Invalid schedules yield nothing (Schedule.Validate says why).
func ChecklistInstances(c *Calendar, items []ScheduledItem, day Date) []ChecklistInstance {
	return ChecklistInstancesBetween(c, items, day, day)
}

// ChecklistInstancesBetween lists the instances due from from to to
// (inclusive), item by item and day by day: what a desk that was closed
// for a few days catches up on, so missed items show as overdue.
func ChecklistInstancesBetween(c *Calendar, items []ScheduledItem, from, to Date) []ChecklistInstance {
	var out []ChecklistInstance
	for _, it := range items {
		for _, d := range it.Schedule.Occurrences(c, from, to) {
			out = append(out, ChecklistInstance{ID: ChecklistInstanceID(it.ID, d), ItemID: it.ID, Day: d})
		}
	}
	return out
}

// String describes s in English for logs and the command line.
func (s Schedule) String() string {
	switch s.Kind {
	case ScheduleWorkdays:
		return "every workday"
	case ScheduleWeekdays:
		return fmt.Sprintf("on %v", s.Weekdays)
	case ScheduleWeekly:
		return "weekly on " + s.Weekday.String()
	case ScheduleMonthly:
		return fmt.Sprintf("monthly on day %d", s.MonthDay)
	}
	return string(s.Kind)
}
