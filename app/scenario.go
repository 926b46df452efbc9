package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// SavedScenario is a capital and cash-flow scenario kept in the database
// so the founders' desks share it. Body is the scenario file (TOML) as
// the planning package reads and writes it.
type SavedScenario struct {
	ID        string
	Name      string
	Body      string
	Note      string
	UpdatedAt time.Time
}

// MaxScenarioBody bounds a saved scenario file (bytes).
const MaxScenarioBody = 256 << 10

// Normalize trims the name and note.
func (s SavedScenario) Normalize() SavedScenario {
	s.Name = strings.TrimSpace(s.Name)
	s.Note = strings.TrimSpace(s.Note)
	return s
}

// Validate checks a normalized scenario's name, note and size. Whether the
// body is a valid scenario is the planning package's business.
func (s SavedScenario) Validate() error {
	return validateName("scenario", s.Name, func() error {
		switch {
		case strings.TrimSpace(s.Body) == "":
			return &FieldError{Entity: "scenario", Field: "body", Code: CodeRequired}
		case len(s.Body) > MaxScenarioBody:
			return &FieldError{Entity: "scenario", Field: "body", Code: CodeTooLong, Limit: MaxScenarioBody}
		case utf8.RuneCountInString(s.Note) > 500:
			return &FieldError{Entity: "scenario", Field: "note", Code: CodeTooLong, Limit: 500}
		}
		return nil
	})
}

// ShippingMode is the office's default for one way of shipping goods to
// Amazon (sea, air, express, rail, or one they add): days in transit and
// receiving, and the freight cost per kilogram in minor units of Currency.
type ShippingMode struct {
	ID            string
	Name          string
	TransitDays   int
	ReceivingDays int
	CostPerKg     int64 // minor units (fen, cent)
	Currency      string
	// CostPerCbm is the freight per cubic metre (minor units) of a mode
	// priced by volume (LCL sea, rail); 0 when priced by weight only.
	CostPerCbm int64
	// VolumetricDivisor turns a unit's volume into chargeable weight for
	// modes that charge the larger of actual and volumetric weight (air,
	// express): cm³ per kg, 0 for actual weight only.
	VolumetricDivisor int
}

// MaxVolumetricDivisor bounds a mode's volumetric divisor (carriers use
// 5,000 or 6,000; sea freight's 1 tonne = 1 m³ is 1,000).
const MaxVolumetricDivisor = 1_000_000

// MaxModeDays bounds transit and receiving days.
const MaxModeDays = 365

// MaxModeCostPerKg bounds the freight per kilogram, in major units of the
// mode's currency (¥10,000,000 or $10,000,000 a kilogram): the limit a
// person reads in the message, whatever the currency's minor unit.
const MaxModeCostPerKg = 10_000_000

// Normalize trims the name and upper-cases the currency.
func (m ShippingMode) Normalize() ShippingMode {
	m.Name = strings.ToLower(strings.TrimSpace(m.Name))
	m.Currency = strings.ToUpper(strings.TrimSpace(m.Currency))
	if m.Currency == "" {
		m.Currency = "CNY"
	}
	return m
}

// Validate checks a normalized shipping mode.
func (m ShippingMode) Validate() error {
	return validateName("shipping_mode", m.Name, func() error {
		switch {
		case m.TransitDays < 0 || m.TransitDays > MaxModeDays:
			return &FieldError{Entity: "shipping_mode", Field: "transit_days", Code: CodeOutOfRange, Limit: MaxModeDays}
		case m.ReceivingDays < 0 || m.ReceivingDays > MaxModeDays:
			return &FieldError{Entity: "shipping_mode", Field: "receiving_days", Code: CodeOutOfRange, Limit: MaxModeDays}
		case m.CostPerKg < 0 || m.CostPerKg > MaxModeCostPerKg*MinorPerMajor(m.Currency):
			return &FieldError{Entity: "shipping_mode", Field: "cost_per_kg", Code: CodeOutOfRange, Limit: MaxModeCostPerKg}
		case len(m.Currency) != 3 || strings.Trim(m.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "":
			return &FieldError{Entity: "shipping_mode", Field: "currency", Code: CodeBadChoice}

		case m.CostPerCbm < 0 || m.CostPerCbm > MaxMoneyMinor:
			return &FieldError{Entity: "shipping_mode", Field: "cost_per_cbm", Code: CodeOutOfRange, Limit: int(MaxMoneyMinor / 100)}
		case m.VolumetricDivisor < 0 || m.VolumetricDivisor > MaxVolumetricDivisor:
			return &FieldError{Entity: "shipping_mode", Field: "volumetric_divisor", Code: CodeOutOfRange, Limit: MaxVolumetricDivisor}
		}
		return nil
	})
}
