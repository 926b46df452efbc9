package data

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// settingLineDefaults is the local setting holding the planning form's
// line defaults (JSON).
//
// They are meant for the whole office, as the shipping modes are, but no
// synced table holds settings yet and adding one needs a numbered
// migration; until then each desk keeps its own, here. Moving them to a
// synced table changes this file only: LineDefaults and SaveLineDefaults
// keep their shape, and the value stored here is the one to carry over.
const settingLineDefaults = "planning_line_defaults"

// LineDefaults are the starting values of a new product line in the
// planning form (Planning → Shipping modes → line defaults): what the
// office usually pays, so a new line does not start from 0. Percentages
// are shares of the price (duty: of the unit cost), 0–100; fees are in
// minor units of Currency.
type LineDefaults struct {
	// Currency is the marketplace currency new lines are priced in and
	// the fees are counted in; "" means each scenario's base currency.
	Currency    string  `json:"currency"`
	ReferralPct float64 `json:"referral_pct"`
	AdPct       float64 `json:"ad_pct"`
	ReturnPct   float64 `json:"return_pct"`
	DutyPct     float64 `json:"duty_pct"`
	DepositPct  float64 `json:"deposit_pct"`
	FBAFee      int64   `json:"fba_fee_minor"`
	StorageFee  int64   `json:"storage_fee_minor"`
	InboundFee  int64   `json:"inbound_fee_minor"`
	Mode        string  `json:"mode"`
	CycleDays   int     `json:"cycle_days"`
	SafetyDays  int     `json:"safety_days"`
}

// MaxLineDefaultDays bounds the cycle and safety days of the defaults
// (five years, the longest planning horizon).
const MaxLineDefaultDays = 1826

// Bounds of the other fields: a mode's name, and a fee (a billion major
// units, as the planning engine allows, in minor units of a currency with
// cents).
const (
	maxModeName     = 60
	maxLineFeeMinor = 1e9 * 100
)

// Validate checks the defaults as they would be stored.
func (d LineDefaults) Validate() error {
	bad := func(field string, limit int) error {
		return &app.FieldError{Entity: "line_defaults", Field: field, Code: app.CodeOutOfRange, Limit: limit}
	}
	pct := func(v float64) bool { return !math.IsNaN(v) && v >= 0 && v <= 100 }
	switch {
	case d.Currency != "" && (len(d.Currency) != 3 || strings.ToUpper(d.Currency) != d.Currency):
		return &app.FieldError{Entity: "line_defaults", Field: "currency", Code: app.CodeBadChoice}
	case !pct(d.ReferralPct):
		return bad("referral_pct", 100)
	case !pct(d.AdPct):
		return bad("ad_pct", 100)
	case !pct(d.ReturnPct):
		return bad("return_pct", 100)
	case !pct(d.DutyPct):
		return bad("duty_pct", 100)
	case !pct(d.DepositPct):
		return bad("deposit_pct", 100)
	case d.FBAFee < 0 || d.FBAFee > maxLineFeeMinor:
		return bad("fba_fee", maxLineFeeMinor)
	case d.StorageFee < 0 || d.StorageFee > maxLineFeeMinor:
		return bad("storage_fee", maxLineFeeMinor)
	case d.InboundFee < 0 || d.InboundFee > maxLineFeeMinor:
		return bad("inbound_fee", maxLineFeeMinor)
	case strings.TrimSpace(d.Mode) == "":
		return &app.FieldError{Entity: "line_defaults", Field: "mode", Code: app.CodeRequired}
	case len([]rune(d.Mode)) > maxModeName:
		return &app.FieldError{Entity: "line_defaults", Field: "mode", Code: app.CodeTooLong, Limit: maxModeName}
	case d.CycleDays < 1 || d.CycleDays > MaxLineDefaultDays:
		return bad("cycle_days", MaxLineDefaultDays)
	case d.SafetyDays < 0 || d.SafetyDays > MaxLineDefaultDays:
		return bad("safety_days", MaxLineDefaultDays)
	}
	return nil
}

// LineDefaults returns the stored line defaults; ok is false when none
// are stored (the planning package's documented defaults apply) or the
// stored value cannot be read (written by a newer version, or damaged).
func (s *Store) LineDefaults(ctx context.Context) (d LineDefaults, ok bool, err error) {
	v, err := s.Setting(ctx, settingLineDefaults)
	if err != nil || v == "" {
		return LineDefaults{}, false, err
	}
	if json.Unmarshal([]byte(v), &d) != nil || d.Validate() != nil {
		return LineDefaults{}, false, nil
	}
	return d, true, nil
}

// SaveLineDefaults validates and stores the line defaults.
func (s *Store) SaveLineDefaults(ctx context.Context, d LineDefaults) error {
	d.Currency = strings.ToUpper(strings.TrimSpace(d.Currency))
	d.Mode = strings.ToLower(strings.TrimSpace(d.Mode))
	if err := d.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("line defaults: %w", err)
	}
	return s.SetSetting(ctx, settingLineDefaults, string(b))
}
