package app

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time of day and no time zone: the
// office's day, a step's due date, a checklist instance's day. It counts
// days from 0001-01-01 (= 1), so the zero Date means "no date" and dates
// compare and subtract as integers: d2 - d1 is the number of days between.
//
// Dates are stored and exchanged as YYYY-MM-DD (DayLayout); use
// ParseDate and String. Which day an instant falls on depends on where
// you stand: use DateOf(t, loc) or Calendar.Today.
type Date int32

// unixEpochDate is 1970-01-01 as a Date.
const unixEpochDate Date = 719163

// NewDate returns the Date of year y, month m, day d. Out-of-range months
// and days are normalized as time.Date does (January 32 is February 1).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), time.UTC)
}

// DateOf returns the day the instant t falls on in loc (nil means UTC).
func DateOf(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	_, off := t.In(loc).Zone()
	return unixDaysDate(floorDiv(t.Unix()+int64(off), 86400))
}

// ParseDate reads a YYYY-MM-DD day (DayLayout).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DayLayout, s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DateOf(t, time.UTC), nil
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == 0 }

// YMD returns the year, month and day of d.
func (d Date) YMD() (int, time.Month, int) {
	return d.utcMidnight().Date()
}

// Weekday is the day of the week of d. 0001-01-01 was a Monday.
func (d Date) Weekday() time.Weekday {
	return time.Weekday(floorMod(int64(d), 7))
}

// AddDays returns the date n days after d (before it when n < 0).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns the date n months after d, keeping the day of the
// month where the target month has it and taking its last day otherwise:
// January 31 + 1 month is February 28 (29 in a leap year).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.YMD()
	total := int(m) - 1 + n
	y += floorDivInt(total, 12)
	m = time.Month(floorMod(int64(total), 12) + 1)
	return NewDate(y, m, min(day, DaysIn(y, m)))
}

// String writes d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.utcMidnight().Format(DayLayout)
}

// MarshalText writes d as YYYY-MM-DD, so JSON carries dates as the
// database stores them.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; an empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// In returns the instant d begins in loc (local midnight; on the rare day
// a time-zone change skips midnight, the first instant of the day).
func (d Date) In(loc *time.Location) time.Time {
	y, m, day := d.YMD()
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(y, m, day, 0, 0, 0, 0, loc)
	if DateOf(t, loc) != d {
		// Midnight did not exist (a zone moved its clocks at 00:00) and
		// time.Date went back to the previous day: step forward.
		t = t.Add(time.Hour)
	}
	return t
}

// DaysIn is the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func (d Date) utcMidnight() time.Time {
	return time.Unix(int64(d-unixEpochDate)*86400, 0).UTC()
}

func unixDaysDate(days int64) Date { return Date(days) + unixEpochDate }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorDivInt(a, b int) int { return int(floorDiv(int64(a), int64(b))) }

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
