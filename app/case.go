package app

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// After-sales cases.
//
// A case is one buyer's problem from the first message to the solution:
// what kind of problem (Type), how the buyer came (Channel, in sla.go),
// who the buyer is, the order, SKU and parcel concerned, who handles it
// (Owner), where it stands (CaseStatus, in sla.go), and, once found, the
// root cause and the resolution. What happened along the way is the
// case's timeline (case_entry.go), never rewritten.

// CaseType is the kind of problem a case is about. The keys are the ones
// the case log template reader gives (data/reports).
type CaseType string

// Case types.
const (
	CaseInquiry          CaseType = "inquiry"
	CaseDamagedInTransit CaseType = "damaged_in_transit"
	CaseLostParcel       CaseType = "lost_parcel"
	CasePackaging        CaseType = "packaging_problem"
	CaseWrongItem        CaseType = "wrong_item"
	CaseReturnRefund     CaseType = "return_refund"
	CaseComplaint        CaseType = "complaint"
	CaseNegativeReview   CaseType = "negative_review"
	CaseOtherType        CaseType = "other"
)

// CaseTypes lists every case type in display order.
func CaseTypes() []CaseType {
	return []CaseType{CaseInquiry, CaseDamagedInTransit, CaseLostParcel, CasePackaging, CaseWrongItem,
		CaseReturnRefund, CaseComplaint, CaseNegativeReview, CaseOtherType}
}

// Valid reports whether t is one of CaseTypes.
func (t CaseType) Valid() bool { return slices.Contains(CaseTypes(), t) }

// Priority says how urgent a case is beyond its SLA clock.
type Priority string

// Priorities.
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Priorities lists every priority from the lowest.
func Priorities() []Priority {
	return []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}
}

// Valid reports whether p is one of Priorities.
func (p Priority) Valid() bool { return slices.Contains(Priorities(), p) }

// RootCause is why the problem happened, once found.
type RootCause string

// Root causes. The empty RootCause means "not found yet".
const (
	CauseCarrier   RootCause = "carrier"
	CausePackaging RootCause = "packaging"
	CauseDefect    RootCause = "product_defect"
	CauseOurs      RootCause = "our_mistake"
	CauseCustomer  RootCause = "customer"
	CauseUnknown   RootCause = "unknown"
)

// RootCauses lists every root cause in display order.
func RootCauses() []RootCause {
	return []RootCause{CauseCarrier, CausePackaging, CauseDefect, CauseOurs, CauseCustomer, CauseUnknown}
}

// Valid reports whether c is one of RootCauses.
func (c RootCause) Valid() bool { return slices.Contains(RootCauses(), c) }

// Resolution is what the buyer was given.
type Resolution string

// Resolutions. The empty Resolution means "none yet".
const (
	ResolveRefund        Resolution = "refund"
	ResolvePartialRefund Resolution = "partial_refund"
	ResolveReplacement   Resolution = "replacement"
	ResolveReship        Resolution = "reship"
	ResolveReturnLabel   Resolution = "return_label"
	ResolveExplanation   Resolution = "explanation"
)

// Resolutions lists every resolution in display order.
func Resolutions() []Resolution {
	return []Resolution{ResolveRefund, ResolvePartialRefund, ResolveReplacement, ResolveReship, ResolveReturnLabel, ResolveExplanation}
}

// Valid reports whether r is one of Resolutions.
func (r Resolution) Valid() bool { return slices.Contains(Resolutions(), r) }

// SendsGoods reports whether the resolution ships goods to the buyer
// again (a replacement or a reship): stock leaves the warehouse and a
// tracking number must be sent.
func (r Resolution) SendsGoods() bool { return r == ResolveReplacement || r == ResolveReship }

// Case is an after-sales case.
type Case struct {
	ID      string
	Type    CaseType
	Channel Channel
	// Summary is the one line a rep reads in the case list ("mug arrived
	// dented").
	Summary string
	// Customer is the buyer's name; Contact an e-mail address or phone
	// number; Marketplace the Amazon marketplace code ("US", "DE", see
	// MarketplaceLang), MarketplaceOther, or "" when unknown.
	Customer    string
	Contact     string
	Marketplace string
	OrderID     string
	SKU         string
	// Tracking is the tracking number without spaces, upper case
	// (NormalizeTracking).
	Tracking string
	Carrier  string
	Priority Priority
	// OwnerID is the person handling the case ("" for nobody yet);
	// OwnerName is filled in by reads.
	OwnerID    string
	OwnerName  string
	Status     CaseStatus
	RootCause  RootCause
	Resolution Resolution
	// Created is when the buyer came: it starts the SLA clocks. It may
	// lie before the record was made (a case typed in later, an old log
	// imported).
	Created time.Time
	// Updated is when the record last changed (filled in by reads).
	Updated time.Time
}

// Limits of case fields, in characters.
const (
	MaxCaseSummary  = 200
	MaxCaseCustomer = 100
	MaxCaseContact  = 200
	MaxCaseCode     = 60 // order id, SKU, tracking number, carrier
)

// Codes of case problems beyond the shared ones (errors.go).
const (
	// CodeBadFormat: the value does not look like what the field holds
	// (an order id for the marketplace, an e-mail address). A warning.
	CodeBadFormat = "bad_format"
	// CodeNeedsResolution: a case cannot be resolved or closed before a
	// resolution is chosen.
	CodeNeedsResolution = "needs_resolution"
)

// NormalizeTracking removes every kind of space (a number pasted from a
// carrier's page or a chat often comes as "1Z 999 AA1 0123 4567 84" or
// with non-breaking or full-width spaces) and zero-width characters, and
// upper-cases the letters: carriers print them upper case.
func NormalizeTracking(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// Normalize trims every text, removes spaces from the tracking number,
// upper-cases the marketplace, and fills in the defaults of a new case:
// normal priority, status new.
func (c Case) Normalize() Case {
	for _, p := range []*string{&c.Summary, &c.Customer, &c.Contact, &c.OrderID, &c.SKU, &c.Carrier} {
		*p = strings.TrimSpace(*p)
	}
	c.Tracking = NormalizeTracking(c.Tracking)
	c.Marketplace = strings.ToUpper(strings.TrimSpace(c.Marketplace))
	if c.Priority == "" {
		c.Priority = PriorityNormal
	}
	if c.Status == "" {
		c.Status = CaseNew
	}
	return c
}

// NeedsContact reports whether a case on ch cannot be answered without a
// contact: an e-mail case needs the address, a phone call-back the number.
func NeedsContact(ch Channel) bool { return ch == ChannelEmail || ch == ChannelPhone }

// Problems lists what stops a normalized case from being saved, field by
// field, in form order: an unknown choice, a text too long, no contact on
// an e-mail or phone case, a resolved or closed case without a
// resolution. Empty means it can be saved.
func (c Case) Problems() []*FieldError {
	var out []*FieldError
	add := func(field, code string, limit int) {
		out = append(out, &FieldError{Entity: "case", Field: field, Code: code, Limit: limit})
	}
	if !c.Type.Valid() {
		add("type", CodeBadChoice, 0)
	}
	if !c.Channel.Valid() {
		add("channel", CodeBadChoice, 0)
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{
		{"summary", c.Summary, MaxCaseSummary},
		{"customer", c.Customer, MaxCaseCustomer},
		{"contact", c.Contact, MaxCaseContact},
		{"order_id", c.OrderID, MaxCaseCode},
		{"sku", c.SKU, MaxCaseCode},
		{"tracking", c.Tracking, MaxCaseCode},
		{"carrier", c.Carrier, MaxCaseCode},
	} {
		if utf8.RuneCountInString(f.v) > f.max {
			add(f.name, CodeTooLong, f.max)
		}
	}
	if c.Channel.Valid() && NeedsContact(c.Channel) && c.Contact == "" {
		add("contact", CodeRequired, 0)
	}
	if c.Marketplace != "" && c.Marketplace != MarketplaceOther {
		if _, ok := MarketplaceLang(c.Marketplace); !ok {
			add("marketplace", CodeBadChoice, 0)
		}
	}
	if !c.Priority.Valid() {
		add("priority", CodeBadChoice, 0)
	}
	if !c.Status.Valid() {
		add("status", CodeBadChoice, 0)
	}
	if c.RootCause != "" && !c.RootCause.Valid() {
		add("root_cause", CodeBadChoice, 0)
	}
	switch {
	case c.Resolution != "" && !c.Resolution.Valid():
		add("resolution", CodeBadChoice, 0)
	case c.Status.Done() && c.Resolution == "":
		add("resolution", CodeNeedsResolution, 0)
	}
	if c.Created.IsZero() {
		add("created", CodeRequired, 0)
	}
	return out
}

// Validate returns the first of Problems, or nil.
func (c Case) Validate() error {
	if p := c.Problems(); len(p) > 0 {
		return p[0]
	}
	return nil
}

// Warnings lists what looks wrong but may be right, so it never stops a
// save: an order id that does not have the marketplace's form, a contact
// on an e-mail case that is not an e-mail address.
func (c Case) Warnings() []*FieldError {
	var out []*FieldError
	if c.OrderID != "" && !OrderIDLooksRight(c.Marketplace, c.OrderID) {
		out = append(out, &FieldError{Entity: "case", Field: "order_id", Code: CodeBadFormat})
	}
	if c.Channel == ChannelEmail && c.Contact != "" && !emailLike.MatchString(c.Contact) {
		out = append(out, &FieldError{Entity: "case", Field: "contact", Code: CodeBadFormat})
	}
	return out
}

var emailLike = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// MarketplaceOther is a sale outside Amazon (the shop's own site, another
// platform): no order id form is checked.
const MarketplaceOther = "OTHER"

// marketplaceLangs maps each Amazon marketplace a Chinese seller sells in
// to the language its buyers are answered in (a ReplyLang).
var marketplaceLangs = map[string]string{
	"US": "en", "CA": "en", "MX": "es", "BR": "pt",
	"UK": "en", "DE": "de", "FR": "fr", "IT": "it", "ES": "es", "NL": "nl",
	"SE": "sv", "PL": "pl", "BE": "fr", "TR": "tr",
	"JP": "ja", "AU": "en", "SG": "en", "IN": "en", "AE": "en", "SA": "ar",
}

// MarketplaceLang is the language buyers of an Amazon marketplace are
// answered in, by its code (case ignored; "GB" is the UK), and whether
// the marketplace is known.
func MarketplaceLang(code string) (string, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "GB" {
		code = "UK"
	}
	lang, ok := marketplaceLangs[code]
	return lang, ok
}

// amazonOrderID is the form of every Amazon marketplace's order ids:
// 3-7-7 digits, e.g. 113-1234567-1234567 (US), 302-… (DE), 249-… (JP).
var amazonOrderID = regexp.MustCompile(`^\d{3}-\d{7}-\d{7}$`)

// OrderIDLooksRight reports whether id has the form of the marketplace's
// order ids. An Amazon marketplace, or none given (most cases are Amazon
// orders), wants 3-7-7 digits; a sale elsewhere (MarketplaceOther) may
// have any id.
func OrderIDLooksRight(marketplace, id string) bool {
	if strings.EqualFold(strings.TrimSpace(marketplace), MarketplaceOther) {
		return true
	}
	return amazonOrderID.MatchString(strings.TrimSpace(id))
}

// Sort and filter keys of the case list (data.Store.ListCases).
const (
	// CaseSortCreated orders by when the buyer came; the default order,
	// newest first.
	CaseSortCreated = "created"
	// CaseSortUpdated orders by the last change of the record.
	CaseSortUpdated = "updated"
	// CaseSortCustomer orders by the buyer's name, then by creation.
	CaseSortCustomer = "customer"
	// CaseSortStatus orders by status, then by creation.
	CaseSortStatus = "status"
	// CaseSortSLA orders by urgency: late and due soonest first, then
	// paused, met and no target.
	CaseSortSLA = "sla"

	// CaseFilterStatus keeps one status, or CaseStatusActive.
	CaseFilterStatus = "status"
	// CaseFilterOwner keeps one person's cases (their id), or
	// CaseOwnerNobody.
	CaseFilterOwner = "owner"
	// CaseFilterType keeps one case type.
	CaseFilterType = "type"
	// CaseFilterSLA keeps one SLA state (late, due_soon, ok, paused, met,
	// none).
	CaseFilterSLA = "sla"
	// CaseFilterChannel keeps one channel.
	CaseFilterChannel = "channel"
	// CaseFilterSKU keeps one SKU.
	CaseFilterSKU = "sku"

	// CaseStatusActive, as a status filter, keeps every case not
	// resolved or closed.
	CaseStatusActive = "active"
	// CaseOwnerNobody, as an owner filter, keeps the cases nobody owns.
	CaseOwnerNobody = "nobody"
)

// CaseItem is a case as lists show it: the case and its SLA standing at
// the moment it was read.
type CaseItem struct {
	Case
	// SLA is the most urgent state of the clocks still running (met when
	// both goals are reached, none without targets).
	SLA SLAState
	// Due is when the most urgent running clock runs out (zero when
	// paused, met or without a target).
	Due time.Time
	// LateMinutes is how late the most urgent clock is, 0 when on time.
	LateMinutes int
	// FirstResponse is when the buyer was first answered, zero if not yet.
	FirstResponse time.Time
	// Resolved is when the case was resolved or closed, zero while open.
	Resolved time.Time
}
