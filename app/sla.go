package app

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// SLA clocks of after-sales cases.
//
// A case has two clocks, each with a target per channel: the first
// response (the first reply to the buyer) and the resolution. A target
// counts either calendar hours (the marketplace's rules: Amazon wants a
// buyer message answered within 24 hours, weekends included) or office
// hours (the office's Calendar: working days, opening hours, time zone,
// holidays). A clock stands still while the case waits on the customer or
// the carrier, and stops when its goal is met.
//
// How to call it:
//
//	cal, _ := office.Calendar()              // once, shared
//	policy := app.DefaultSLAPolicy()         // or the office's edited one
//	pauses, resolved := app.SLAPausesFromHistory(statusChanges)
//	r := policy.Evaluate(cal, app.SLACase{
//		Channel: c.Channel, Created: c.Created,
//		FirstResponse: firstReplyAt, Resolved: resolved, Pauses: pauses,
//	}, now)
//	r.State, r.LateMinutes, r.FirstResponse.Due, r.Resolution.Due
//
// Evaluate is pure and cheap (a few microseconds for a case a few days
// old), so the list of open cases is evaluated in Go after one query.

// Channel is how a buyer reached the shop.
type Channel string

// Case channels.
const (
	ChannelChat         Channel = "chat"
	ChannelEmail        Channel = "email"
	ChannelPhone        Channel = "phone" // a promised call-back
	ChannelBuyerMessage Channel = "buyer_message"
	ChannelReview       Channel = "review"
	ChannelOther        Channel = "other"
)

// Channels lists every channel in display order.
func Channels() []Channel {
	return []Channel{ChannelChat, ChannelEmail, ChannelPhone, ChannelBuyerMessage, ChannelReview, ChannelOther}
}

// Valid reports whether ch is one of Channels.
func (ch Channel) Valid() bool { return slices.Contains(Channels(), ch) }

// CaseStatus is where an after-sales case stands.
type CaseStatus string

// Case statuses.
const (
	CaseNew             CaseStatus = "new"
	CaseOpen            CaseStatus = "open"
	CaseWaitingCustomer CaseStatus = "waiting_customer"
	CaseWaitingCarrier  CaseStatus = "waiting_carrier"
	CaseResolved        CaseStatus = "resolved"
	CaseClosed          CaseStatus = "closed"
)

// CaseStatuses lists every status in workflow order.
func CaseStatuses() []CaseStatus {
	return []CaseStatus{CaseNew, CaseOpen, CaseWaitingCustomer, CaseWaitingCarrier, CaseResolved, CaseClosed}
}

// Valid reports whether s is one of CaseStatuses.
func (s CaseStatus) Valid() bool { return slices.Contains(CaseStatuses(), s) }

// Waiting reports whether the SLA clocks stand still in status s: the
// next move is the customer's or the carrier's.
func (s CaseStatus) Waiting() bool { return s == CaseWaitingCustomer || s == CaseWaitingCarrier }

// Done reports whether s ends the case (resolved or closed).
func (s CaseStatus) Done() bool { return s == CaseResolved || s == CaseClosed }

// SLABasis says which hours a target counts.
type SLABasis string

// Target bases.
const (
	// SLACalendarHours counts every hour, nights and weekends included.
	SLACalendarHours SLABasis = "calendar"
	// SLAOfficeHours counts only the office's opening hours on workdays.
	SLAOfficeHours SLABasis = "office"
)

// SLATarget is how long a clock may run. Minutes 0 means the channel has
// no such target (the clock's state is SLANone).
type SLATarget struct {
	Minutes int
	Basis   SLABasis
}

// OfficeHours is a target of h office hours.
func OfficeHours(h float64) SLATarget {
	return SLATarget{Minutes: int(math.Round(h * 60)), Basis: SLAOfficeHours}
}

// CalendarHours is a target of h calendar hours.
func CalendarHours(h float64) SLATarget {
	return SLATarget{Minutes: int(math.Round(h * 60)), Basis: SLACalendarHours}
}

// ChannelSLA holds a channel's two targets.
type ChannelSLA struct {
	FirstResponse SLATarget
	Resolution    SLATarget
}

// SLAPolicy is the office's SLA targets per channel and when a clock
// counts as due soon.
type SLAPolicy struct {
	// Channels maps a channel to its targets; a channel missing here uses
	// ChannelOther's, and failing that has no targets.
	Channels map[Channel]ChannelSLA
	// DueSoon is how close to its due instant a running clock is due
	// soon. Zero means one hour.
	DueSoon time.Duration
}

// DefaultDueSoon is the due-soon window when a policy sets none.
const DefaultDueSoon = time.Hour

// MaxSLAMinutes bounds a target: 90 days.
const MaxSLAMinutes = 90 * 24 * 60

// DefaultSLAPolicy returns the built-in targets. First responses: chat
// 1 h, email 8 h, phone call-back 4 h (office hours), Amazon buyer
// message 24 h (calendar hours: Amazon counts weekends), review and other
// 24 office hours. Resolutions: 3 working days (27 office hours), Amazon
// buyer message 72 calendar hours; reviews 5 working days (45 office
// hours), as a review is answered through Amazon's own slower channels.
func DefaultSLAPolicy() SLAPolicy {
	threeDays := OfficeHours(27)
	return SLAPolicy{
		Channels: map[Channel]ChannelSLA{
			ChannelChat:         {FirstResponse: OfficeHours(1), Resolution: threeDays},
			ChannelEmail:        {FirstResponse: OfficeHours(8), Resolution: threeDays},
			ChannelPhone:        {FirstResponse: OfficeHours(4), Resolution: threeDays},
			ChannelBuyerMessage: {FirstResponse: CalendarHours(24), Resolution: CalendarHours(72)},
			ChannelReview:       {FirstResponse: OfficeHours(24), Resolution: OfficeHours(45)},
			ChannelOther:        {FirstResponse: OfficeHours(24), Resolution: threeDays},
		},
		DueSoon: DefaultDueSoon,
	}
}

// For returns the targets of channel ch.
func (p SLAPolicy) For(ch Channel) ChannelSLA {
	if t, ok := p.Channels[ch]; ok {
		return t
	}
	return p.Channels[ChannelOther]
}

// Validate checks every target: a known channel and basis, and 0 to
// MaxSLAMinutes minutes. Problems are *FieldError values on entity "sla"
// whose field names the channel and clock, e.g. "email.first_response".
func (p SLAPolicy) Validate() error {
	for _, ch := range slices.Sorted(mapKeys(p.Channels)) {
		if !ch.Valid() {
			return &FieldError{Entity: "sla", Field: string(ch), Code: CodeBadChoice}
		}
		t := p.Channels[ch]
		for _, c := range []struct {
			name string
			t    SLATarget
		}{{"first_response", t.FirstResponse}, {"resolution", t.Resolution}} {
			field := string(ch) + "." + c.name
			if c.t.Minutes < 0 || c.t.Minutes > MaxSLAMinutes {
				return &FieldError{Entity: "sla", Field: field, Code: CodeOutOfRange, Limit: MaxSLAMinutes}
			}
			if c.t.Minutes > 0 && c.t.Basis != SLACalendarHours && c.t.Basis != SLAOfficeHours {
				return &FieldError{Entity: "sla", Field: field + ".basis", Code: CodeBadChoice}
			}
		}
	}
	if p.DueSoon < 0 {
		return &FieldError{Entity: "sla", Field: "due_soon", Code: CodeOutOfRange, Limit: MaxSLAMinutes}
	}
	return nil
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// SLAPause is a span during which the clocks stand still. A zero To
// means the pause is still going on.
type SLAPause struct {
	From, To time.Time
}

// StatusChange is one entry of a case's status history: from At on, the
// case had Status.
type StatusChange struct {
	At     time.Time
	Status CaseStatus
}

// SLAPausesFromHistory turns a case's status history (any order) into the
// spans its clocks stand still, and the instant it was resolved (zero
// while it is not resolved or closed now).
//
// Waiting on the customer or the carrier pauses the clocks. So does a
// spell as resolved or closed that a later change reopened: a case that
// comes back is not charged for the days it was thought finished.
func SLAPausesFromHistory(history []StatusChange) (pauses []SLAPause, resolved time.Time) {
	h := slices.Clone(history)
	slices.SortStableFunc(h, func(a, b StatusChange) int { return a.At.Compare(b.At) })
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c.Status.Waiting():
			var next time.Time
			if i+1 < len(h) {
				next = h[i+1].At
			}
			pauses = append(pauses, SLAPause{From: c.At, To: next})
		case c.Status.Done():
			// Resolved then closed is one finished spell.
			j := i
			for j+1 < len(h) && h[j+1].Status.Done() {
				j++
			}
			if j+1 < len(h) {
				pauses = append(pauses, SLAPause{From: c.At, To: h[j+1].At})
			} else {
				resolved = c.At
			}
			i = j
		}
	}
	return pauses, resolved
}

// SLACase is what the clocks need to know about a case.
type SLACase struct {
	Channel Channel
	// Created starts both clocks.
	Created time.Time
	// FirstResponse is the first reply to the buyer; zero if none yet.
	// A case resolved without a reply counts as answered when resolved.
	FirstResponse time.Time
	// Resolved is when the case was resolved or closed; zero while open.
	Resolved time.Time
	// Pauses are the spans the clocks stand still (SLAPausesFromHistory).
	Pauses []SLAPause
}

// SLAState is where a clock, or a case, stands.
type SLAState string

// SLA states, from the most to the least urgent.
const (
	SLALate    SLAState = "late"     // past due and not met
	SLADueSoon SLAState = "due_soon" // running, due within DueSoon
	SLAPaused  SLAState = "paused"   // waiting on customer or carrier
	SLAOK      SLAState = "ok"       // running, more than DueSoon left
	SLAMet     SLAState = "met"      // goal reached (on time or late)
	SLANone    SLAState = "none"     // no target for this channel
)

// Urgency orders states for sorting a case list, most urgent first:
// late 0, due soon 1, paused 2, ok 3, met 4, none 5.
func (s SLAState) Urgency() int {
	switch s {
	case SLALate:
		return 0
	case SLADueSoon:
		return 1
	case SLAPaused:
		return 2
	case SLAOK:
		return 3
	case SLAMet:
		return 4
	}
	return 5
}

// SLAClock is one clock's standing at an instant.
type SLAClock struct {
	State  SLAState
	Target SLATarget
	// Due is when the target's time runs out, in UTC. While the case is
	// paused it is the due instant if the case resumed now. Zero when
	// the channel has no such target.
	Due time.Time
	// MetAt is when the goal was reached; zero if not yet.
	MetAt time.Time
	// Elapsed is the counted time so far (up to MetAt once met): office
	// hours for an office-hours target, pauses left out.
	Elapsed time.Duration
	// Left is the wall-clock time until Due; zero once late or met.
	Left time.Duration
	// LateMinutes is how many minutes (wall clock, rounded up) Due is
	// behind now, or behind MetAt for a goal met late; 0 when on time.
	LateMinutes int
}

// SLAResult is a case's two clocks and its overall standing.
type SLAResult struct {
	FirstResponse SLAClock
	Resolution    SLAClock
	// State is the most urgent state of the clocks still running; met
	// when both goals are reached, none when the channel has no targets.
	State SLAState
	// LateMinutes is the larger lateness of the clocks still running.
	LateMinutes int
}

// Evaluate computes both clocks of case c at instant now, counting office
// hours with cal (nil means the default office).
func (p SLAPolicy) Evaluate(cal *Calendar, c SLACase, now time.Time) SLAResult {
	if cal == nil {
		cal = MustDefaultCalendar()
	}
	t := p.For(c.Channel)
	first := c.FirstResponse
	if first.IsZero() || (!c.Resolved.IsZero() && c.Resolved.Before(first)) {
		first = c.Resolved
	}
	soon := p.DueSoon
	if soon == 0 {
		soon = DefaultDueSoon
	}
	r := SLAResult{
		FirstResponse: clock(cal, t.FirstResponse, c.Created, first, c.Pauses, now, soon),
		Resolution:    clock(cal, t.Resolution, c.Created, c.Resolved, c.Pauses, now, soon),
	}
	r.State = SLANone
	anyMet := false
	for _, k := range []SLAClock{r.FirstResponse, r.Resolution} {
		switch k.State {
		case SLANone:
		case SLAMet:
			anyMet = true
		default:
			if k.State.Urgency() < r.State.Urgency() {
				r.State = k.State
			}
			r.LateMinutes = max(r.LateMinutes, k.LateMinutes)
		}
	}
	if r.State == SLANone && anyMet {
		r.State = SLAMet
	}
	return r
}

// clock evaluates one target. All arithmetic is in Unix milliseconds.
func clock(cal *Calendar, target SLATarget, created, met time.Time, pauses []SLAPause, now time.Time, soon time.Duration) SLAClock {
	k := SLAClock{Target: target, MetAt: met}
	if target.Minutes <= 0 {
		k.State = SLANone
		return k
	}
	start := created.UnixMilli()
	stop := now.UnixMilli()
	if !met.IsZero() {
		stop = met.UnixMilli()
	}
	stop = max(stop, start)
	paused := false
	spans := make([]msSpan, 0, len(pauses))
	for _, p := range pauses {
		from, to := p.From.UnixMilli(), p.To.UnixMilli()
		if p.To.IsZero() || to > stop {
			to = stop
			if met.IsZero() && !p.From.After(now) && (p.To.IsZero() || p.To.After(now)) {
				paused = true
			}
		}
		from = max(from, start)
		if from < to {
			spans = append(spans, msSpan{from, to})
		}
	}
	spans = mergeSpans(spans)

	w := counter{cal: cal, office: target.Basis == SLAOfficeHours, pauses: spans, pos: start}
	need := int64(target.Minutes) * 60_000
	var counted int64
	due, elapsed := int64(-1), int64(-1)
	for due < 0 || elapsed < 0 {
		a, b := w.next()
		if a >= stop && elapsed < 0 {
			elapsed = counted
		}
		if due < 0 && satAdd(counted, b-a) >= need {
			due = a + (need - counted)
		}
		if elapsed < 0 && stop < b {
			elapsed = counted + max(0, stop-a)
		}
		counted = satAdd(counted, b-a)
	}
	k.Due = time.UnixMilli(due).UTC()
	k.Elapsed = time.Duration(elapsed) * time.Millisecond
	nowMS := now.UnixMilli()
	switch {
	case !met.IsZero():
		k.State = SLAMet
		k.LateMinutes = lateMinutes(stop - due)
	case nowMS > due:
		k.State = SLALate
		k.LateMinutes = lateMinutes(nowMS - due)
	case paused:
		k.State = SLAPaused
		k.Left = time.Duration(due-nowMS) * time.Millisecond
	default:
		k.Left = time.Duration(due-nowMS) * time.Millisecond
		k.State = SLAOK
		if k.Left <= soon {
			k.State = SLADueSoon
		}
	}
	return k
}

func lateMinutes(ms int64) int {
	if ms <= 0 {
		return 0
	}
	return int((ms + 59_999) / 60_000)
}

const forever = math.MaxInt64

func satAdd(a, b int64) int64 {
	if b > forever-a {
		return forever
	}
	return a + b
}

type msSpan struct{ from, to int64 }

func mergeSpans(s []msSpan) []msSpan {
	slices.SortFunc(s, func(a, b msSpan) int {
		switch {
		case a.from < b.from:
			return -1
		case a.from > b.from:
			return 1
		}
		return 0
	})
	out := s[:0]
	for _, x := range s {
		if n := len(out); n > 0 && x.from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, x.to)
			continue
		}
		out = append(out, x)
	}
	return out
}

// counter yields the spans of counted time in order: all time, or the
// office's opening hours, with the pauses cut out.
type counter struct {
	cal    *Calendar
	office bool
	pauses []msSpan // merged, sorted
	pos    int64    // nothing before pos is counted any more
	day    Date     // office: the day pos falls on (0 before the first call)
	zone   zoneCache
}

// next returns the next counted span [a, b) at or after pos, b > a; b is
// forever when time counts without end.
func (w *counter) next() (int64, int64) {
	for {
		a, b := w.pos, int64(forever)
		if w.office {
			a, b = w.openSpan()
		}
		// Cut the pauses out: skip those already over, jump over one that
		// covers a, stop at one that starts inside.
		for len(w.pauses) > 0 && w.pauses[0].to <= a {
			w.pauses = w.pauses[1:]
		}
		if len(w.pauses) > 0 {
			p := w.pauses[0]
			if p.from <= a {
				w.pos = max(w.pos, p.to)
				continue
			}
			b = min(b, p.from)
		}
		if a >= b {
			w.pos = max(w.pos, b)
			continue
		}
		w.pos = b
		return a, b
	}
}

// openSpan is the office's next opening-hours span that ends after pos,
// cut to start no earlier than pos.
func (w *counter) openSpan() (int64, int64) {
	if w.day == 0 {
		w.day = DateOf(time.UnixMilli(w.pos), w.cal.loc)
	}
	for i := 0; ; i++ {
		d := w.day
		if w.cal.IsWorkday(d) {
			open := w.zone.unixMilli(w.cal, d, w.cal.open)
			close := w.zone.unixMilli(w.cal, d, w.cal.close)
			if close > w.pos {
				return max(open, w.pos), close
			}
		}
		w.day++
		if i > 3660 {
			// An office without a single workday in ten years counts
			// nothing: let time run out rather than loop.
			return w.pos, forever
		}
	}
}

// zoneCache converts a local day and minute to an instant without
// time.Date while the zone's offset holds, which is all year in most
// offices and between the two DST changes elsewhere.
type zoneCache struct {
	from, to int64 // the offset holds for Unix seconds in [from, to)
	off      int64 // seconds east of UTC
	ok       bool
}

func (z *zoneCache) unixMilli(cal *Calendar, d Date, minute int) int64 {
	civil := int64(d-unixEpochDate)*86400 + int64(minute)*60
	if z.ok {
		if u := civil - z.off; u >= z.from && u < z.to {
			return u * 1000
		}
	}
	t := cal.atMinute(d, minute)
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	z.off, z.ok = int64(off), true
	z.from, z.to = math.MinInt64, math.MaxInt64
	if !start.IsZero() {
		z.from = start.Unix()
	}
	if !end.IsZero() {
		z.to = end.Unix()
	}
	return t.Unix() * 1000
}

// String describes the clock for logs and the command line.
func (k SLAClock) String() string {
	switch k.State {
	case SLANone:
		return "no target"
	case SLALate:
		return fmt.Sprintf("late by %d min (due %s)", k.LateMinutes, k.Due.Format(time.RFC3339))
	case SLAMet:
		return fmt.Sprintf("met %s (due %s)", k.MetAt.UTC().Format(time.RFC3339), k.Due.Format(time.RFC3339))
	}
	return fmt.Sprintf("%s, due %s", k.State, k.Due.Format(time.RFC3339))
}
