package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// The line defaults are an office setting: each field is a row of
// office_setting (key "line_defaults." and the field's JSON name, value
// its JSON text), so they travel to every desk with sync, and two desks
// changing different fields both keep theirs.
const lineDefaultsKeyPrefix = "line_defaults."

// settingLineDefaults is the local setting where a desk kept its own line
// defaults before they became an office setting: read while the office
// has none, so what a desk saved carries over.
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

// LineDefaults returns the office's line defaults; ok is false when none
// are stored (the planning package's documented defaults apply) or the
// stored value cannot be read (written by a newer version, or damaged).
func (s *Store) LineDefaults(ctx context.Context) (d LineDefaults, ok bool, err error) {
	fields, err := lineDefaultFields(ctx, s.read)
	if err != nil {
		return LineDefaults{}, false, err
	}
	var raw []byte
	if len(fields) > 0 {
		raw, err = json.Marshal(fields)
		if err != nil {
			return LineDefaults{}, false, fmt.Errorf("line defaults: %w", err)
		}
	} else {
		v, err := s.Setting(ctx, settingLineDefaults)
		if err != nil || v == "" {
			return LineDefaults{}, false, err
		}
		raw = []byte(v)
	}
	if json.Unmarshal(raw, &d) != nil || d.Validate() != nil {
		return LineDefaults{}, false, nil
	}
	return d, true, nil
}

// lineDefaultFields reads the stored fields, by JSON name.
func lineDefaultFields(ctx context.Context, q querier) (map[string]json.RawMessage, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM office_setting WHERE deleted = 0 AND key LIKE ? ESCAPE '\'`,
		strings.ReplaceAll(lineDefaultsKeyPrefix, "_", `\_`)+"%")
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]json.RawMessage{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, mapErr(err)
		}
		if json.Valid([]byte(v)) {
			out[strings.TrimPrefix(k, lineDefaultsKeyPrefix)] = json.RawMessage(v)
		}
	}
	return out, mapErr(rows.Err())
}

// fieldsOf is d by JSON field name, each value its JSON text.
func (d LineDefaults) fieldsOf() (map[string]string, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		out[k] = string(v)
	}
	return out, nil
}

// SaveLineDefaults stores the line defaults a person set in the form:
// after against before (what the form showed), on top of the defaults as
// they are now, so another desk's change of another field stays. A field
// the office has not stored yet is written as the form has it. The
// defaults that result must be valid.
func (s *Store) SaveLineDefaults(ctx context.Context, before, after LineDefaults) error {
	norm := func(d LineDefaults) LineDefaults {
		d.Currency = strings.ToUpper(strings.TrimSpace(d.Currency))
		d.Mode = strings.ToLower(strings.TrimSpace(d.Mode))
		return d
	}
	before, after = norm(before), norm(after)
	if err := after.Validate(); err != nil {
		return err
	}
	b, errB := before.fieldsOf()
	a, errA := after.fieldsOf()
	if err := errors.Join(errB, errA); err != nil {
		return fmt.Errorf("line defaults: %w", err)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		stored, err := lineDefaultFields(ctx, tx)
		if err != nil {
			return err
		}
		next := map[string]string{}
		for k, v := range a {
			if sv, isStored := stored[k]; isStored && (v == b[k] || v == string(sv)) {
				continue
			}
			next[k] = v
		}
		merged := map[string]json.RawMessage{}
		for k, v := range a {
			merged[k] = json.RawMessage(v)
		}
		for k, v := range stored {
			if _, changed := next[k]; !changed {
				merged[k] = v
			}
		}
		raw, err := json.Marshal(merged)
		var check LineDefaults
		if err == nil {
			err = json.Unmarshal(raw, &check)
		}
		if err != nil {
			return fmt.Errorf("line defaults: %w", err)
		}
		if err := check.Validate(); err != nil {
			return err
		}
		for _, k := range slices.Sorted(maps.Keys(next)) {
			if err := s.putOfficeSetting(ctx, tx, lineDefaultsKeyPrefix+k, next[k]); err != nil {
				return err
			}
		}
		return nil
	})
}
