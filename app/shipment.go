package app

import (
	"strings"
	"unicode/utf8"
)

// ShipmentStatus is where a shipment stands. It follows from its dates:
// booked with the forwarder, departed (the goods are in transit), arrived.
type ShipmentStatus string

// Shipment statuses, in order.
const (
	ShipmentDraft     ShipmentStatus = "draft"
	ShipmentBooked    ShipmentStatus = "booked"
	ShipmentInTransit ShipmentStatus = "in_transit"
	ShipmentArrived   ShipmentStatus = "arrived"
	ShipmentCancelled ShipmentStatus = "cancelled"
)

// ShipmentStatuses lists the statuses in order.
func ShipmentStatuses() []ShipmentStatus {
	return []ShipmentStatus{ShipmentDraft, ShipmentBooked, ShipmentInTransit, ShipmentArrived, ShipmentCancelled}
}

// Shipment is goods moving from one location to another with a
// forwarder by one shipping mode. Once departed, its lines' stock is out
// of From and in transit; once arrived, out of transit and in To. These
// moves follow from the shipment's dates (the store's stock_flow), so
// they happen once however many desks record them.
type Shipment struct {
	ID        string
	Ref       string // the team's name for it, e.g. "SEA-2611-A"
	FromID    string
	ToID      string
	Mode      string // a shipping mode name: sea, air, express, rail, truck or the office's own
	Forwarder string
	BookedOn  Date
	// DepartedOn and ArrivedOn are set when it departs and arrives.
	DepartedOn Date
	ArrivedOn  Date
	// ETA is the expected arrival; QuotedDays the transit the forwarder
	// quoted (departure to arrival), which the logistics view compares
	// with the days it took.
	ETA        Date
	QuotedDays int
	Tracking   string
	// Cost is the freight in minor units of Currency; CostPaidOn is when
	// it was paid (empty: the cash forecast still counts it).
	Cost       int64
	Currency   string
	CostPaidOn Date
	// WeightG and VolumeCm3 are the chargeable weight and the volume of
	// the whole shipment (0: computed from the lines' catalog figures).
	WeightG   int
	VolumeCm3 int
	Cancelled bool
	Note      string
	Lines     []ShipmentLine
	// Files are receipts and documents attached (attachment ids).
	Files []ShipmentFile
}

// ShipmentLine is one SKU on a shipment. PurchaseOrderID is set when the
// goods go straight from the factory (From is then a supplier location):
// departing then also receives them against that order.
type ShipmentLine struct {
	ID              string
	SKU             string
	Qty             int
	PurchaseOrderID string
}

// ShipmentFile is an attachment kept with a shipment.
type ShipmentFile struct {
	ID           string
	AttachmentID string
	Name         string
}

// Status is the shipment's status, from its dates.
func (s Shipment) Status() ShipmentStatus {
	switch {
	case s.Cancelled:
		return ShipmentCancelled
	case !s.ArrivedOn.IsZero():
		return ShipmentArrived
	case !s.DepartedOn.IsZero():
		return ShipmentInTransit
	case !s.BookedOn.IsZero():
		return ShipmentBooked
	}
	return ShipmentDraft
}

// Units is the number of units on the shipment.
func (s Shipment) Units() int {
	n := 0
	for _, l := range s.Lines {
		n += l.Qty
	}
	return n
}

// TransitDays is the days from departure to arrival; ok is false before
// it arrived.
func (s Shipment) TransitDays() (int, bool) {
	if s.DepartedOn.IsZero() || s.ArrivedOn.IsZero() {
		return 0, false
	}
	return int(s.ArrivedOn - s.DepartedOn), true
}

// ExpectedArrival is when the goods should arrive: the arrival if known,
// else the ETA, else departure (or booking) plus the quoted days.
func (s Shipment) ExpectedArrival() Date {
	switch {
	case !s.ArrivedOn.IsZero():
		return s.ArrivedOn
	case !s.ETA.IsZero():
		return s.ETA
	case !s.DepartedOn.IsZero():
		return s.DepartedOn.AddDays(s.QuotedDays)
	case !s.BookedOn.IsZero():
		return s.BookedOn.AddDays(s.QuotedDays)
	}
	return 0
}

// Limits of shipments.
const (
	MaxShipmentLines = 500
	MaxShipmentFiles = 50
)

// Normalize trims the text fields and fills in the currency.
func (s Shipment) Normalize() Shipment {
	s.Ref = strings.TrimSpace(s.Ref)
	s.Mode = strings.ToLower(strings.TrimSpace(s.Mode))
	s.Forwarder = strings.TrimSpace(s.Forwarder)
	s.Tracking = strings.TrimSpace(s.Tracking)
	s.Note = strings.TrimSpace(s.Note)
	s.Currency = strings.ToUpper(strings.TrimSpace(s.Currency))
	if s.Currency == "" {
		s.Currency = "CNY"
	}
	lines := make([]ShipmentLine, len(s.Lines))
	for i, l := range s.Lines {
		l.SKU = strings.TrimSpace(l.SKU)
		lines[i] = l
	}
	s.Lines = lines
	return s
}

// Validate checks a normalized shipment and its lines.
func (s Shipment) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "shipment", Field: field, Code: code, Limit: limit}
	}
	switch {
	case s.Ref == "":
		return bad("ref", CodeRequired, 0)
	case utf8.RuneCountInString(s.Ref) > MaxNameLen:
		return bad("ref", CodeTooLong, MaxNameLen)
	case s.FromID == "":
		return bad("from", CodeRequired, 0)
	case s.ToID == "":
		return bad("to", CodeRequired, 0)
	case s.FromID == s.ToID:
		return bad("to", CodeBadChoice, 0)
	case s.Mode == "":
		return bad("mode", CodeRequired, 0)
	case utf8.RuneCountInString(s.Mode) > MaxNameLen:
		return bad("mode", CodeTooLong, MaxNameLen)
	case utf8.RuneCountInString(s.Forwarder) > maxShortTextLen:
		return bad("forwarder", CodeTooLong, maxShortTextLen)
	case utf8.RuneCountInString(s.Tracking) > maxShortTextLen:
		return bad("tracking", CodeTooLong, maxShortTextLen)
	case utf8.RuneCountInString(s.Note) > maxNoteLen:
		return bad("note", CodeTooLong, maxNoteLen)
	case s.QuotedDays < 0 || s.QuotedDays > MaxModeDays:
		return bad("quoted_days", CodeOutOfRange, MaxModeDays)
	case s.Cost < 0 || s.Cost > MaxMoneyMinor:
		return bad("cost", CodeOutOfRange, int(MaxMoneyMinor/100))
	case !ValidCurrency(s.Currency):
		return bad("currency", CodeBadChoice, 0)
	case s.WeightG < 0 || s.WeightG > 1000*MaxUnitWeightG:
		return bad("weight", CodeOutOfRange, 1000*MaxUnitWeightG)
	case s.VolumeCm3 < 0 || s.VolumeCm3 > 1000*MaxUnitVolume:
		return bad("volume", CodeOutOfRange, 1000*MaxUnitVolume)
	case !s.DepartedOn.IsZero() && !s.BookedOn.IsZero() && s.DepartedOn < s.BookedOn:
		return bad("departed_on", CodeBadChoice, 0)
	case !s.ArrivedOn.IsZero() && s.DepartedOn.IsZero():
		return bad("departed_on", CodeRequired, 0)
	case !s.ArrivedOn.IsZero() && s.ArrivedOn < s.DepartedOn:
		return bad("arrived_on", CodeBadChoice, 0)
	case len(s.Lines) > MaxShipmentLines:
		return bad("lines", CodeOutOfRange, MaxShipmentLines)
	case len(s.Files) > MaxShipmentFiles:
		return bad("files", CodeOutOfRange, MaxShipmentFiles)
	case !s.DepartedOn.IsZero() && len(s.Lines) == 0:
		return bad("lines", CodeRequired, 0)
	}
	seen := map[string]bool{}
	for _, l := range s.Lines {
		key := l.SKU + "\x00" + l.PurchaseOrderID
		switch {
		case l.SKU == "":
			return &FieldError{Entity: "shipment_line", Field: "sku", Code: CodeRequired}
		case seen[key]:
			return &FieldError{Entity: "shipment_line", Field: "sku", Code: CodeDuplicate}
		case l.Qty <= 0 || l.Qty > MaxPOQty:
			return &FieldError{Entity: "shipment_line", Field: "qty", Code: CodeOutOfRange, Limit: MaxPOQty}
		}
		seen[key] = true
	}
	return nil
}

// OpenPayment is the freight not yet paid, for the cash forecast; ok is
// false when there is none. Unpaid freight is due when the goods depart
// (or now, when that is past or unknown).
func (s Shipment) OpenPayment() (Payment, bool) {
	if s.Cancelled || s.Cost <= 0 || !s.CostPaidOn.IsZero() {
		return Payment{}, false
	}
	due := s.DepartedOn
	if due.IsZero() {
		due = s.BookedOn
	}
	return Payment{Due: due, Amount: s.Cost, Currency: s.Currency, Kind: PayFreight, Ref: s.Ref}, true
}
