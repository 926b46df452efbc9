package app

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Follow-up lists: the things a good shop does before the buyer has to
// ask. Send the tracking number as soon as a parcel leaves; call a
// cash-on-delivery buyer before shipping (an unconfirmed COD parcel is
// often refused at the door, and the shop pays both ways); chase the
// carrier when a case has waited on it for days; keep every call-back
// promised. The rules here are pure: the store hands them the candidates
// and the screens show what they return, each item done in one action.

// ServiceOrder is an order the office ships to a buyer itself and follows
// up: a reship or replacement sent for a case, a self-fulfilled order, a
// cash-on-delivery order. (Orders Amazon ships are followed up by Amazon.)
type ServiceOrder struct {
	ID string
	// CaseID is the case it was sent for, "" for none.
	CaseID      string
	OrderID     string
	Marketplace string
	Customer    string
	Contact     string
	SKU         string
	Quantity    int
	// COD marks a cash-on-delivery order: the buyer pays the carrier.
	COD bool
	// ShippedAt is when the parcel left; zero while not shipped.
	ShippedAt time.Time
	Tracking  string
	Carrier   string
	// TrackingSentAt is when the tracking number went to the buyer.
	TrackingSentAt time.Time
	// CalledAt is when a COD buyer confirmed the order by phone.
	CalledAt  time.Time
	Cancelled bool
	Note      string
	Created   time.Time
}

// MaxOrderQuantity bounds a service order's quantity.
const MaxOrderQuantity = 10000

// Normalize trims the texts and normalizes the tracking number.
func (o ServiceOrder) Normalize() ServiceOrder {
	for _, p := range []*string{&o.OrderID, &o.Customer, &o.Contact, &o.SKU, &o.Carrier, &o.Note} {
		*p = strings.TrimSpace(*p)
	}
	o.Tracking = NormalizeTracking(o.Tracking)
	o.Marketplace = strings.ToUpper(strings.TrimSpace(o.Marketplace))
	if o.Quantity == 0 {
		o.Quantity = 1
	}
	return o
}

// Validate checks a normalized order: a SKU, a quantity of 1 to
// MaxOrderQuantity, a contact for a COD order (it is called), texts
// within their limits.
func (o ServiceOrder) Validate() error {
	switch {
	case o.SKU == "":
		return &FieldError{Entity: "order", Field: "sku", Code: CodeRequired}
	case o.Quantity < 1 || o.Quantity > MaxOrderQuantity:
		return &FieldError{Entity: "order", Field: "quantity", Code: CodeOutOfRange, Limit: MaxOrderQuantity}
	case o.COD && o.Contact == "":
		return &FieldError{Entity: "order", Field: "contact", Code: CodeRequired}
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{
		{"order_id", o.OrderID, MaxCaseCode}, {"customer", o.Customer, MaxCaseCustomer}, {"contact", o.Contact, MaxCaseContact},
		{"sku", o.SKU, MaxCaseCode}, {"tracking", o.Tracking, MaxCaseCode}, {"carrier", o.Carrier, MaxCaseCode}, {"note", o.Note, MaxCaseSummary},
	} {
		if utf8.RuneCountInString(f.v) > f.max {
			return &FieldError{Entity: "order", Field: f.name, Code: CodeTooLong, Limit: f.max}
		}
	}
	return nil
}

// FollowUpKind is which list a follow-up is on.
type FollowUpKind string

// Follow-up kinds.
const (
	FollowTracking FollowUpKind = "send_tracking" // a shipped parcel's tracking number not sent yet
	FollowCOD      FollowUpKind = "cod_call"      // a COD order to confirm by phone before shipping
	FollowCarrier  FollowUpKind = "chase_carrier" // a case waiting on the carrier for too long
	FollowCallback FollowUpKind = "callback"      // a call-back promised to a buyer
)

// FollowUpKinds lists the kinds in the order the lists are shown.
func FollowUpKinds() []FollowUpKind {
	return []FollowUpKind{FollowTracking, FollowCOD, FollowCarrier, FollowCallback}
}

// FollowUp is one item of a follow-up list.
type FollowUp struct {
	Kind FollowUpKind
	// Ref is what the item's one action acts on: the service order
	// (tracking, COD), the case (carrier) or the call-back entry.
	Ref    string
	CaseID string
	// What the rep needs to act without opening anything.
	Customer, Contact, OrderID, SKU, Tracking, Carrier string
	// Since is when the need arose: shipped, ordered, waiting on the
	// carrier (or last chased), promised.
	Since time.Time
	// Due is when it should be done by.
	Due     time.Time
	Overdue bool
	// NoTracking marks a shipped parcel whose tracking number was never
	// entered: it must be entered before it can be sent.
	NoTracking bool
}

// FollowUpRules are the office's thresholds.
type FollowUpRules struct {
	// CarrierWaitDays: a case waiting on the carrier this many days
	// (since it started waiting or the carrier was last chased) is due.
	CarrierWaitDays int
	// TrackingWithin is how soon after shipping the tracking number
	// should reach the buyer, and how soon a COD buyer should be called.
	TrackingWithin time.Duration
}

// Defaults of FollowUpRules.
const (
	DefaultCarrierWaitDays = 3
	DefaultTrackingWithin  = 24 * time.Hour
	MaxCarrierWaitDays     = 60
)

// DefaultFollowUpRules returns the built-in thresholds.
func DefaultFollowUpRules() FollowUpRules {
	return FollowUpRules{CarrierWaitDays: DefaultCarrierWaitDays, TrackingWithin: DefaultTrackingWithin}
}

func (r FollowUpRules) withDefaults() FollowUpRules {
	if r.CarrierWaitDays <= 0 {
		r.CarrierWaitDays = DefaultCarrierWaitDays
	}
	if r.TrackingWithin <= 0 {
		r.TrackingWithin = DefaultTrackingWithin
	}
	return r
}

// TrackingFollowUps lists the shipped orders whose tracking number has
// not been sent to the buyer (cancelled ones aside), due TrackingWithin
// after shipping.
func TrackingFollowUps(orders []ServiceOrder, r FollowUpRules, now time.Time) []FollowUp {
	r = r.withDefaults()
	var out []FollowUp
	for _, o := range orders {
		if o.Cancelled || o.ShippedAt.IsZero() || !o.TrackingSentAt.IsZero() {
			continue
		}
		f := orderItem(FollowTracking, o, o.ShippedAt, o.ShippedAt.Add(r.TrackingWithin), now)
		f.NoTracking = o.Tracking == ""
		out = append(out, f)
	}
	return sortFollowUps(out)
}

// CODFollowUps lists the cash-on-delivery orders not shipped yet whose
// buyer has not confirmed by phone, due TrackingWithin after the order.
func CODFollowUps(orders []ServiceOrder, r FollowUpRules, now time.Time) []FollowUp {
	r = r.withDefaults()
	var out []FollowUp
	for _, o := range orders {
		if !o.COD || o.Cancelled || !o.ShippedAt.IsZero() || !o.CalledAt.IsZero() {
			continue
		}
		out = append(out, orderItem(FollowCOD, o, o.Created, o.Created.Add(r.TrackingWithin), now))
	}
	return sortFollowUps(out)
}

func orderItem(k FollowUpKind, o ServiceOrder, since, due time.Time, now time.Time) FollowUp {
	return FollowUp{Kind: k, Ref: o.ID, CaseID: o.CaseID, Customer: o.Customer, Contact: o.Contact, OrderID: o.OrderID,
		SKU: o.SKU, Tracking: o.Tracking, Carrier: o.Carrier, Since: since, Due: due, Overdue: now.After(due)}
}

// CarrierWait is a case waiting on the carrier, with when it started
// waiting (its last change to that status) and when the carrier was last
// chased (zero if never).
type CarrierWait struct {
	Case       Case
	Since      time.Time
	LastChased time.Time
}

// CarrierFollowUps lists the cases that have waited on the carrier for
// CarrierWaitDays or more since they started waiting or the carrier was
// last chased; chasing the carrier starts the count again. Cases no
// longer waiting on the carrier are left out.
func CarrierFollowUps(waits []CarrierWait, r FollowUpRules, now time.Time) []FollowUp {
	r = r.withDefaults()
	var out []FollowUp
	for _, w := range waits {
		if w.Case.Status != CaseWaitingCarrier {
			continue
		}
		since := w.Since
		if w.LastChased.After(since) {
			since = w.LastChased
		}
		due := since.Add(time.Duration(r.CarrierWaitDays) * 24 * time.Hour)
		if now.Before(due) {
			continue
		}
		c := w.Case
		out = append(out, FollowUp{Kind: FollowCarrier, Ref: c.ID, CaseID: c.ID, Customer: c.Customer, Contact: c.Contact,
			OrderID: c.OrderID, SKU: c.SKU, Tracking: c.Tracking, Carrier: c.Carrier, Since: since, Due: due, Overdue: true})
	}
	return sortFollowUps(out)
}

// CallbackFollowUps lists the promised call-backs (EntryCallback entries)
// that no later entry keeps (an entry whose Ref is the call-back's id),
// each with its case's details from cases (by id), due when promised.
func CallbackFollowUps(callbacks []Entry, kept []Entry, cases map[string]Case, now time.Time) []FollowUp {
	done := map[string]bool{}
	for _, e := range kept {
		if e.Ref != "" {
			done[e.Ref] = true
		}
	}
	var out []FollowUp
	for _, e := range callbacks {
		if e.Kind != EntryCallback || done[e.ID] {
			continue
		}
		c := cases[e.CaseID]
		out = append(out, FollowUp{Kind: FollowCallback, Ref: e.ID, CaseID: e.CaseID, Customer: c.Customer, Contact: c.Contact,
			OrderID: c.OrderID, SKU: c.SKU, Tracking: c.Tracking, Carrier: c.Carrier, Since: e.At, Due: e.Due, Overdue: now.After(e.Due)})
	}
	return sortFollowUps(out)
}

// sortFollowUps orders a list by due time, the oldest first (the overdue
// ones come first that way), then by reference for a stable order.
func sortFollowUps(items []FollowUp) []FollowUp {
	slices.SortStableFunc(items, func(a, b FollowUp) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return strings.Compare(a.Ref, b.Ref)
	})
	return items
}
