package app

import (
	"crypto/sha256"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Marketplace is an Amazon marketplace: its code, the sales channel its
// reports name, its currency and the time zone in which Seller Central
// counts its days (an order placed at 23:30 in Los Angeles is a sale of
// that day in Amazon.com's reports, although UTC has moved on).
type Marketplace struct {
	Code     string // US, UK, DE...
	Channel  string // "Amazon.com", as the All Orders file's sales-channel writes it
	Currency string
	Zone     string // IANA time zone
}

// DefaultMarketplace is the marketplace of a SKU that names none.
const DefaultMarketplace = "US"

// Marketplaces lists the Amazon marketplaces a Chinese seller commonly
// sells in.
func Marketplaces() []Marketplace {
	return []Marketplace{
		{"US", "Amazon.com", "USD", "America/Los_Angeles"},
		{"CA", "Amazon.ca", "CAD", "America/Los_Angeles"},
		{"MX", "Amazon.com.mx", "MXN", "America/Mexico_City"},
		{"BR", "Amazon.com.br", "BRL", "America/Sao_Paulo"},
		{"UK", "Amazon.co.uk", "GBP", "Europe/London"},
		{"DE", "Amazon.de", "EUR", "Europe/Berlin"},
		{"FR", "Amazon.fr", "EUR", "Europe/Paris"},
		{"IT", "Amazon.it", "EUR", "Europe/Rome"},
		{"ES", "Amazon.es", "EUR", "Europe/Madrid"},
		{"NL", "Amazon.nl", "EUR", "Europe/Amsterdam"},
		{"SE", "Amazon.se", "SEK", "Europe/Stockholm"},
		{"PL", "Amazon.pl", "PLN", "Europe/Warsaw"},
		{"BE", "Amazon.com.be", "EUR", "Europe/Brussels"},
		{"TR", "Amazon.com.tr", "TRY", "Europe/Istanbul"},
		{"AE", "Amazon.ae", "AED", "Asia/Dubai"},
		{"SA", "Amazon.sa", "SAR", "Asia/Riyadh"},
		{"IN", "Amazon.in", "INR", "Asia/Kolkata"},
		{"JP", "Amazon.co.jp", "JPY", "Asia/Tokyo"},
		{"SG", "Amazon.sg", "SGD", "Asia/Singapore"},
		{"AU", "Amazon.com.au", "AUD", "Australia/Sydney"},
	}
}

// MarketplaceOf looks a marketplace up by code ("GB" is the UK).
func MarketplaceOf(code string) (Marketplace, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "GB" {
		code = "UK"
	}
	for _, m := range Marketplaces() {
		if m.Code == code {
			return m, true
		}
	}
	return Marketplace{}, false
}

// MarketplaceOfChannel looks a marketplace up by the sales channel an
// All Orders file writes ("Amazon.co.uk"); false for "Non-Amazon" (a
// multi-channel fulfilment order) and unknown channels.
func MarketplaceOfChannel(channel string) (Marketplace, bool) {
	c := strings.ToLower(strings.TrimSpace(channel))
	for _, m := range Marketplaces() {
		if strings.ToLower(m.Channel) == c {
			return m, true
		}
	}
	return Marketplace{}, false
}

// Location returns the marketplace's time zone (UTC if the system has no
// zone database: the tzdata package is linked in, see schedule_office.go).
func (m Marketplace) Location() *time.Location {
	loc, err := time.LoadLocation(m.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// LocationKind is what sort of place stock is at.
type LocationKind string

// Kinds of location.
const (
	LocationWarehouse LocationKind = "warehouse" // the team's own warehouse in China
	LocationOverseas  LocationKind = "overseas"  // a third-party warehouse in the marketplace (海外仓)
	LocationFBA       LocationKind = "fba"       // Amazon's warehouses of one marketplace
	LocationTransit   LocationKind = "transit"   // goods on a departed shipment
	LocationSupplier  LocationKind = "supplier"  // a factory shipping an order directly
)

// LocationKinds lists the kinds in display order.
func LocationKinds() []LocationKind {
	return []LocationKind{LocationWarehouse, LocationOverseas, LocationFBA, LocationTransit, LocationSupplier}
}

// Valid reports whether k is one of LocationKinds.
func (k LocationKind) Valid() bool {
	for _, x := range LocationKinds() {
		if k == x {
			return true
		}
	}
	return false
}

// Location is a place stock is kept or moves through.
type Location struct {
	ID          string
	Name        string
	Kind        LocationKind
	Marketplace string // for FBA: which marketplace's warehouses
	Note        string
	Active      bool
}

// The built-in locations have derived ids, so two desks that need one
// (the first shipment departs, the first FBA report is imported) make the
// same record.

// TransitLocationID is the id of the one "in transit" location.
func TransitLocationID() string { return DerivedID("location", "transit") }

// FBALocationID is the id of the FBA location of a marketplace.
func FBALocationID(marketplace string) string {
	return DerivedID("location", "fba", strings.ToUpper(strings.TrimSpace(marketplace)))
}

// SupplierLocationID is the id of the location goods shipped directly
// from a factory leave from.
func SupplierLocationID() string { return DerivedID("location", "supplier") }

// Normalize trims the text fields.
func (l Location) Normalize() Location {
	l.Name = strings.TrimSpace(l.Name)
	l.Note = strings.TrimSpace(l.Note)
	l.Marketplace = strings.ToUpper(strings.TrimSpace(l.Marketplace))
	return l
}

// Validate checks a normalized location.
func (l Location) Validate() error {
	return validateName("location", l.Name, func() error {
		switch {
		case !l.Kind.Valid():
			return &FieldError{Entity: "location", Field: "kind", Code: CodeBadChoice}
		case l.Kind == LocationFBA && l.Marketplace == "":
			return &FieldError{Entity: "location", Field: "marketplace", Code: CodeRequired}
		case utf8.RuneCountInString(l.Note) > maxNoteLen:
			return &FieldError{Entity: "location", Field: "note", Code: CodeTooLong, Limit: maxNoteLen}
		}
		if l.Marketplace != "" {
			if _, ok := MarketplaceOf(l.Marketplace); !ok {
				return &FieldError{Entity: "location", Field: "marketplace", Code: CodeBadChoice}
			}
		}
		return nil
	})
}

// MovementKind is why stock changed.
type MovementKind string

// Kinds of stock movement.
const (
	MoveReceipt     MovementKind = "receipt"      // goods from a purchase order came in
	MoveTransferOut MovementKind = "transfer_out" // left for another location
	MoveTransferIn  MovementKind = "transfer_in"  // came from another location
	MoveSale        MovementKind = "sale"         // sold from this location (not FBA: its sales come from the reports)
	MoveReturn      MovementKind = "return"       // a customer's return came back
	MoveAdjustment  MovementKind = "adjustment"   // counted, damaged, lost, found: with a reason
	MoveReplacement MovementKind = "replacement"  // a replacement sent to a customer (after-sales)
)

// MovementKinds lists the kinds in display order.
func MovementKinds() []MovementKind {
	return []MovementKind{MoveReceipt, MoveTransferOut, MoveTransferIn, MoveSale, MoveReturn, MoveAdjustment, MoveReplacement}
}

// Sign is +1 for kinds that add stock, -1 for kinds that take it away
// and 0 for adjustments (either way).
func (k MovementKind) Sign() int {
	switch k {
	case MoveReceipt, MoveTransferIn, MoveReturn:
		return 1
	case MoveTransferOut, MoveSale, MoveReplacement:
		return -1
	}
	return 0
}

// Valid reports whether k is one of MovementKinds.
func (k MovementKind) Valid() bool {
	for _, x := range MovementKinds() {
		if k == x {
			return true
		}
	}
	return false
}

// AdjustReason says why stock was adjusted.
type AdjustReason string

// Reasons for an adjustment.
const (
	AdjustCount      AdjustReason = "count"      // a stock count found a different number (盘点)
	AdjustDamaged    AdjustReason = "damaged"    // broken, written off
	AdjustLost       AdjustReason = "lost"       // lost (in transit, in the warehouse)
	AdjustFound      AdjustReason = "found"      // found again
	AdjustCorrection AdjustReason = "correction" // a mistake in an earlier movement
	AdjustOther      AdjustReason = "other"      // the note says why
)

// AdjustReasons lists the reasons in display order.
func AdjustReasons() []AdjustReason {
	return []AdjustReason{AdjustCount, AdjustDamaged, AdjustLost, AdjustFound, AdjustCorrection, AdjustOther}
}

// Valid reports whether r is one of AdjustReasons.
func (r AdjustReason) Valid() bool {
	for _, x := range AdjustReasons() {
		if r == x {
			return true
		}
	}
	return false
}

// MaxMovementQty bounds one movement's units.
const MaxMovementQty = 10_000_000

// Movement is one change of stock of one SKU at one location: the only
// way stock changes. Movements are never edited or removed: a mistake is
// corrected by another movement, so that two desks adding movements at
// once both count.
type Movement struct {
	ID         string
	Day        Date
	SKU        string
	LocationID string
	// Qty is the change in units: positive adds stock, negative takes it
	// away (the sign must match Kind.Sign).
	Qty    int
	Kind   MovementKind
	Reason AdjustReason // adjustments only
	// ShipmentID and PurchaseOrderID link the movement to what caused it.
	ShipmentID      string
	PurchaseOrderID string
	// CaseID is the after-sales case a replacement was sent for.
	CaseID string
	// Ref is an outside reference: the Amazon order id of a sale or a
	// replacement.
	Ref       string
	Note      string
	CreatedAt time.Time
	// ActorID is the person who recorded it ("" for the system).
	ActorID string
}

// Normalize trims the text fields.
func (m Movement) Normalize() Movement {
	m.SKU = strings.TrimSpace(m.SKU)
	m.Ref = strings.TrimSpace(m.Ref)
	m.Note = strings.TrimSpace(m.Note)
	return m
}

// Validate checks a normalized movement.
func (m Movement) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "movement", Field: field, Code: code, Limit: limit}
	}
	switch {
	case m.SKU == "":
		return bad("sku", CodeRequired, 0)
	case utf8.RuneCountInString(m.SKU) > MaxSKULen:
		return bad("sku", CodeTooLong, MaxSKULen)
	case m.LocationID == "":
		return bad("location", CodeRequired, 0)
	case m.Day.IsZero():
		return bad("day", CodeRequired, 0)
	case !m.Kind.Valid():
		return bad("kind", CodeBadChoice, 0)
	case m.Qty == 0:
		return bad("qty", CodeRequired, 0)
	case m.Qty > MaxMovementQty || m.Qty < -MaxMovementQty:
		return bad("qty", CodeOutOfRange, MaxMovementQty)
	case m.Kind.Sign() != 0 && (m.Qty > 0) != (m.Kind.Sign() > 0):
		return bad("qty", CodeBadChoice, 0)
	case m.Kind == MoveAdjustment && !m.Reason.Valid():
		return bad("reason", CodeRequired, 0)
	case m.Kind != MoveAdjustment && m.Reason != "":
		return bad("reason", CodeBadChoice, 0)
	case m.Kind == MoveAdjustment && m.Reason == AdjustOther && m.Note == "":
		return bad("note", CodeRequired, 0)
	case utf8.RuneCountInString(m.Ref) > maxShortTextLen:
		return bad("ref", CodeTooLong, maxShortTextLen)
	case utf8.RuneCountInString(m.Note) > maxNoteLen:
		return bad("note", CodeTooLong, maxNoteLen)
	}
	return nil
}

// ReplacementSent is a replacement unit sent to a customer by the
// after-sales team: the service area records it with
// data.Store.SendReplacement, which takes it out of stock.
type ReplacementSent struct {
	SKU        string
	LocationID string // where it was sent from (FBA by multi-channel fulfilment, or a warehouse)
	Qty        int    // units sent, above 0
	Day        Date
	CaseID     string // the service case
	OrderID    string // the customer's Amazon order
	Note       string
}

// Movement is the stock movement of the replacement.
func (r ReplacementSent) Movement() Movement {
	return Movement{Day: r.Day, SKU: r.SKU, LocationID: r.LocationID, Qty: -r.Qty, Kind: MoveReplacement,
		CaseID: r.CaseID, Ref: r.OrderID, Note: r.Note}
}

// TimeID is a stable UUID whose first 48 bits are the instant t in
// milliseconds, like a UUIDv7, and whose other bits come from the key:
// records imported from a report get the same id on every desk, and ids
// of rows imported together mostly follow each other, which keeps their
// index insertions at the end of the tree.
func TimeID(t time.Time, key string) string {
	sum := sha256.Sum256([]byte(key))
	var u uuid.UUID
	copy(u[:], sum[:16])
	ms := uint64(max(0, t.UnixMilli()))
	for i := 0; i < 6; i++ {
		u[i] = byte(ms >> (40 - 8*i))
	}
	u[6] = 0x80 | u[6]&0x0f // version 8: custom
	u[8] = 0x80 | u[8]&0x3f // RFC 4122 variant
	return u.String()
}
