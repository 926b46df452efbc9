package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// A case's timeline: every message in or out, call, note, status change,
// owner change and action, time-stamped and attributed. Entries are
// appended, never changed or removed: what a rep told the buyer stays
// as it was told, and two desks adding entries both keep theirs.

// EntryKind is what a timeline entry records.
type EntryKind string

// Timeline entry kinds.
const (
	EntryMessageIn    EntryKind = "message_in"  // the buyer wrote
	EntryMessageOut   EntryKind = "message_out" // we wrote to the buyer
	EntryCall         EntryKind = "call"        // a phone call with the buyer
	EntryNote         EntryKind = "note"        // an internal note
	EntryStatusChange EntryKind = "status"      // From -> To are statuses
	EntryOwner        EntryKind = "owner"       // From -> To are person ids
	EntryAction       EntryKind = "action"      // Action says what was done
	// EntryCallback is a call-back promised to the buyer for Due; a later
	// call entry with Ref = its id keeps the promise.
	EntryCallback EntryKind = "callback"
)

// EntryKinds lists every entry kind.
func EntryKinds() []EntryKind {
	return []EntryKind{EntryMessageIn, EntryMessageOut, EntryCall, EntryNote, EntryStatusChange, EntryOwner, EntryAction, EntryCallback}
}

// Valid reports whether k is one of EntryKinds.
func (k EntryKind) Valid() bool { return slices.Contains(EntryKinds(), k) }

// Answers reports whether an entry of kind k answers the buyer: it stops
// the first-response clock.
func (k EntryKind) Answers() bool { return k == EntryMessageOut || k == EntryCall }

// Actions recorded on a timeline (Entry.Action of an EntryAction). The
// resolutions are actions too (a refund issued, a reship sent).
const (
	ActionTrackingSent  = "tracking_sent"  // the tracking number went to the buyer
	ActionCarrierChased = "carrier_chased" // the carrier was asked again
	ActionCODCalled     = "cod_called"     // a cash-on-delivery buyer confirmed by phone
	ActionStockMoved    = "stock_moved"    // goods left stock for a replacement or reship
)

// ValidAction reports whether a is a resolution or one of the Action*
// names above.
func ValidAction(a string) bool {
	switch a {
	case ActionTrackingSent, ActionCarrierChased, ActionCODCalled, ActionStockMoved:
		return true
	}
	return Resolution(a).Valid()
}

// Entry is one event on a case's timeline.
type Entry struct {
	ID     string
	CaseID string
	// At is when it happened (a message typed in later carries the time
	// it was sent).
	At   time.Time
	Kind EntryKind
	// ActorID and ActorName are who recorded it (the name as it was then).
	ActorID   string
	ActorName string
	Body      string
	// From and To are the old and new status (EntryStatusChange) or owner id
	// (EntryOwner).
	From, To string
	// Action is what was done (EntryAction).
	Action string
	// Due is when a promised call-back is due (EntryCallback).
	Due time.Time
	// Ref is the entry this one completes (a call keeping a call-back).
	Ref string
	// TemplateID and Lang name the reply template a message was written
	// from, and its language.
	TemplateID, Lang string
	// Attachments are ids in the attachment store (photos, receipts).
	Attachments []string
}

// MaxEntryBody bounds an entry's text (characters): a long e-mail fits.
const MaxEntryBody = 20000

// Normalize trims the text around the body (keeping its inner lines).
func (e Entry) Normalize() Entry {
	e.Body = strings.TrimSpace(e.Body)
	return e
}

// Validate checks a normalized entry: a known kind, a case, a time, a
// body for messages and notes, statuses for a status change, an action
// for an action, a due time for a call-back.
func (e Entry) Validate() error {
	req := func(field string) error { return &FieldError{Entity: "entry", Field: field, Code: CodeRequired} }
	switch {
	case !e.Kind.Valid():
		return &FieldError{Entity: "entry", Field: "kind", Code: CodeBadChoice}
	case e.CaseID == "":
		return req("case")
	case e.At.IsZero():
		return req("at")
	case utf8.RuneCountInString(e.Body) > MaxEntryBody:
		return &FieldError{Entity: "entry", Field: "body", Code: CodeTooLong, Limit: MaxEntryBody}
	}
	switch e.Kind {
	case EntryMessageIn, EntryMessageOut, EntryNote:
		if e.Body == "" && len(e.Attachments) == 0 {
			return req("body")
		}
	case EntryStatusChange:
		if !CaseStatus(e.To).Valid() || (e.From != "" && !CaseStatus(e.From).Valid()) {
			return &FieldError{Entity: "entry", Field: "to", Code: CodeBadChoice}
		}
	case EntryAction:
		if !ValidAction(e.Action) {
			return &FieldError{Entity: "entry", Field: "action", Code: CodeBadChoice}
		}
	case EntryCallback:
		if e.Due.IsZero() {
			return req("due")
		}
	}
	return nil
}

// FirstResponse is when the buyer was first answered (the earliest
// message out or call), or zero.
func FirstResponse(entries []Entry) time.Time {
	var first time.Time
	for _, e := range entries {
		if e.Kind.Answers() && (first.IsZero() || e.At.Before(first)) {
			first = e.At
		}
	}
	return first
}

// StatusHistory is the case's status changes in the order they happened.
func StatusHistory(entries []Entry) []StatusChange {
	var h []StatusChange
	for _, e := range entries {
		if e.Kind == EntryStatusChange {
			h = append(h, StatusChange{At: e.At, Status: CaseStatus(e.To)})
		}
	}
	slices.SortStableFunc(h, func(a, b StatusChange) int { return a.At.Compare(b.At) })
	return h
}

// SLAInput is what the SLA clocks need to know about case c with its
// timeline: its channel and creation, the first answer, the pauses and
// the resolution (from the status changes).
func SLAInput(c Case, entries []Entry) SLACase {
	pauses, resolved := SLAPausesFromHistory(StatusHistory(entries))
	return SLACase{Channel: c.Channel, Created: c.Created, FirstResponse: FirstResponse(entries), Resolved: resolved, Pauses: pauses}
}
