package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	// The office's time zone must load on every desk: Windows has no
	// zoneinfo database unless Go is installed, so the IANA data ships
	// inside the binary (about 450 kB).
	_ "time/tzdata"
)

// Office is the office's working calendar as the owner edits it in
// Settings: which weekdays are worked, opening hours, the time zone and
// the exceptions (public holidays, and the make-up working days that
// Chinese public holidays come with, 调休). Both the SLA clocks (office
// hours) and the SOP due dates and checklists (workdays) count with it.
//
// An Office is plain data; Calendar checks it and turns it into the
// immutable, fast form the rules take.
type Office struct {
	// Zone is the IANA time-zone name, e.g. "Asia/Shanghai",
	// "Europe/Berlin". Empty means DefaultZone.
	Zone string
	// Workdays are the weekdays worked every week. Nil means Monday to
	// Friday; an empty non-nil slice means no regular working weekday
	// (only ExtraWorkdays are worked).
	Workdays []time.Weekday
	// OpenMinute and CloseMinute are the opening hours of every workday,
	// in minutes after local midnight: 9*60 and 18*60 for 09:00–18:00.
	// Both zero means the default 09:00–18:00.
	OpenMinute, CloseMinute int
	// Holidays are days off even when their weekday is worked.
	Holidays []Date
	// ExtraWorkdays are days worked even when their weekday is not (a
	// Saturday worked to make up for a long holiday). A day in both lists
	// is a holiday.
	ExtraWorkdays []Date
}

// DefaultZone is the office time zone when none is set.
const DefaultZone = "Asia/Shanghai"

// Default opening hours, 09:00–18:00.
const (
	DefaultOpenMinute  = 9 * 60
	DefaultCloseMinute = 18 * 60
)

// DefaultOffice is Monday to Friday, 09:00–18:00, Asia/Shanghai, with no
// holidays: the office most OpsBench teams work in.
func DefaultOffice() Office {
	return Office{
		Zone:        DefaultZone,
		Workdays:    []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		OpenMinute:  DefaultOpenMinute,
		CloseMinute: DefaultCloseMinute,
	}
}

// Calendar is a checked Office: the time zone loaded, the exceptions
// sorted. It never changes once made, so one Calendar may be shared by
// any number of goroutines.
type Calendar struct {
	office   Office
	loc      *time.Location
	workdays [7]bool
	open     int // minutes after midnight
	close    int
	holidays []Date // sorted, unique
	extra    []Date // sorted, unique, none of them a holiday
}

// Calendar checks o and returns its Calendar. Problems are *FieldError
// values on entity "office": field "zone" for an unknown time zone,
// "hours" for opening hours outside 00:00–24:00 or closing before they
// open, "workdays" for a weekday out of range.
func (o Office) Calendar() (*Calendar, error) {
	c := &Calendar{office: o}
	zone := strings.TrimSpace(o.Zone)
	if zone == "" {
		zone = DefaultZone
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, fmt.Errorf("office time zone %q: %w", zone, &FieldError{Entity: "office", Field: "zone", Code: CodeBadChoice})
	}
	c.loc = loc
	c.office.Zone = zone
	days := o.Workdays
	if days == nil {
		days = DefaultOffice().Workdays
	}
	for _, wd := range days {
		if wd < time.Sunday || wd > time.Saturday {
			return nil, &FieldError{Entity: "office", Field: "workdays", Code: CodeBadChoice}
		}
		c.workdays[wd] = true
	}
	c.open, c.close = o.OpenMinute, o.CloseMinute
	if c.open == 0 && c.close == 0 {
		c.open, c.close = DefaultOpenMinute, DefaultCloseMinute
	}
	if c.open < 0 || c.close > 24*60 || c.open >= c.close {
		return nil, &FieldError{Entity: "office", Field: "hours", Code: CodeOutOfRange, Limit: 24 * 60}
	}
	c.holidays = sortedDates(o.Holidays)
	for _, d := range sortedDates(o.ExtraWorkdays) {
		if !containsDate(c.holidays, d) {
			c.extra = append(c.extra, d)
		}
	}
	return c, nil
}

// MustDefaultCalendar returns the Calendar of DefaultOffice. The default
// office is valid by construction, so this never fails.
func MustDefaultCalendar() *Calendar {
	c, err := DefaultOffice().Calendar()
	if err != nil {
		panic("app: the default office is invalid: " + err.Error())
	}
	return c
}

// Office returns the office the calendar was made from, with the zone
// name filled in.
func (c *Calendar) Office() Office { return c.office }

// Location is the office's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Today is the office's day at instant now: a desk in Berlin asking at
// 20:00 UTC gets the Shanghai office's next day.
func (c *Calendar) Today(now time.Time) Date { return DateOf(now, c.loc) }

// IsHoliday reports whether d is one of the office's holidays.
func (c *Calendar) IsHoliday(d Date) bool { return containsDate(c.holidays, d) }

// IsWorkday reports whether the office works on d: a worked weekday that
// is not a holiday, or a make-up working day.
func (c *Calendar) IsWorkday(d Date) bool {
	if containsDate(c.holidays, d) {
		return false
	}
	return c.workdays[d.Weekday()] || containsDate(c.extra, d)
}

// NextWorkday is the first workday on or after d. It looks at most ten
// years ahead and returns the zero Date if an office never works.
func (c *Calendar) NextWorkday(d Date) Date { return c.seekWorkday(d, 1) }

// PrevWorkday is the last workday on or before d, or the zero Date if
// there is none within ten years.
func (c *Calendar) PrevWorkday(d Date) Date { return c.seekWorkday(d, -1) }

func (c *Calendar) seekWorkday(d Date, step int) Date {
	for i := 0; i < 3660; i++ {
		if c.IsWorkday(d) {
			return d
		}
		d = d.AddDays(step)
	}
	return 0
}

// OpenAt is the instant the office opens on d (in its zone).
func (c *Calendar) OpenAt(d Date) time.Time { return c.atMinute(d, c.open) }

// CloseAt is the instant the office closes on d.
func (c *Calendar) CloseAt(d Date) time.Time { return c.atMinute(d, c.close) }

// Hours returns the opening and closing minute after local midnight.
func (c *Calendar) Hours() (open, close int) { return c.open, c.close }

func (c *Calendar) atMinute(d Date, minute int) time.Time {
	y, m, day := d.YMD()
	return time.Date(y, m, day, minute/60, minute%60, 0, 0, c.loc)
}

func sortedDates(in []Date) []Date {
	out := make([]Date, 0, len(in))
	for _, d := range in {
		if !d.IsZero() {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func containsDate(sorted []Date, d Date) bool {
	_, ok := slices.BinarySearch(sorted, d)
	return ok
}
