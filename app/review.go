package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Review is one entry of the weekly review (复盘): what was seen (a metric
// and how it changed), why the team thinks it happened, what it decided
// to do and who does it; a week later, what the action achieved and why.
// An entry stays open, and on its owner's Today, until its result is
// written.
type Review struct {
	ID string
	// Week is the Monday of the week reviewed.
	Week Date
	// Metric and Change are the observation: "CVR 转化率", "12% → 9%".
	Metric    string
	Change    string
	SKU       string
	Diagnosis string
	Action    string
	OwnerID   string
	// FollowUp is when the result is to be measured (a week later by
	// default).
	FollowUp Date
	Result   string
	Why      string
	// Closed is set once the result is written.
	Closed    bool
	CreatedAt time.Time

	// Filled in by reads.
	OwnerName string
}

// WeekOf is the Monday of d's week.
func WeekOf(d Date) Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// NewReview starts an entry for the week of today, to be followed up a
// week later.
func NewReview(today Date) Review {
	return Review{Week: WeekOf(today), FollowUp: today.AddDays(7)}
}

// Normalize trims the texts.
func (r Review) Normalize() Review {
	for _, p := range []*string{&r.Metric, &r.Change, &r.SKU, &r.Diagnosis, &r.Action, &r.Result, &r.Why} {
		*p = strings.TrimSpace(strings.ReplaceAll(*p, "\r\n", "\n"))
	}
	return r
}

// Validate checks a normalized entry: the observation, the action and its
// owner are required; closing needs the result. The follow-up may not
// come before the week reviewed.
func (r Review) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "review", Field: field, Code: code, Limit: limit}
	}
	switch {
	case r.Week.IsZero():
		return bad("week", CodeRequired, 0)
	case r.Metric == "":
		return bad("metric", CodeRequired, 0)
	case utf8.RuneCountInString(r.Metric) > MaxTitleLen:
		return bad("metric", CodeTooLong, MaxTitleLen)
	case utf8.RuneCountInString(r.Change) > MaxTitleLen:
		return bad("change", CodeTooLong, MaxTitleLen)
	case utf8.RuneCountInString(r.SKU) > MaxTitleLen:
		return bad("sku", CodeTooLong, MaxTitleLen)
	case utf8.RuneCountInString(r.Diagnosis) > MaxNoteLen:
		return bad("diagnosis", CodeTooLong, MaxNoteLen)
	case r.Action == "":
		return bad("action", CodeRequired, 0)
	case utf8.RuneCountInString(r.Action) > MaxNoteLen:
		return bad("action", CodeTooLong, MaxNoteLen)
	case r.OwnerID == "":
		return bad("owner", CodeRequired, 0)
	case r.FollowUp.IsZero():
		return bad("follow_up", CodeRequired, 0)
	case r.FollowUp < r.Week:
		return bad("follow_up", CodeBeforeStart, 0)
	case utf8.RuneCountInString(r.Result) > MaxNoteLen:
		return bad("result", CodeTooLong, MaxNoteLen)
	case utf8.RuneCountInString(r.Why) > MaxNoteLen:
		return bad("why", CodeTooLong, MaxNoteLen)
	case r.Closed && r.Result == "":
		return bad("result", CodeRequired, 0)
	}
	return nil
}
