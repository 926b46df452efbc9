package planning

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Variant keys accepted by ParseVariants.
const (
	VariantMode       = "mode"        // shipping mode of every line
	VariantPrice      = "price"       // price of every line, in its own currency
	VariantDailyUnits = "daily_units" // daily units of every line
	VariantUnitCost   = "unit_cost"   // unit cost of every line
	VariantCycleDays  = "cycle_days"  // cycle days of every line
	VariantDeposit    = "deposit_pct" // deposit of every line
	VariantCapital    = "capital"     // the scenario's capital
)

// Variant is one alternative value for one field, e.g. mode=air.
type Variant struct {
	// Key is one of the Variant* constants.
	Key string
	// Value is the value as written.
	Value string
	// Number is Value parsed, for numeric keys.
	Number float64
}

// Label names the variant: "mode=air".
func (v Variant) Label() string { return v.Key + "=" + v.Value }

// ParseVariants parses a comparison spec "key=v1,v2,..." such as
// "mode=sea,air,express", "price=29.99,34.99" or "daily_units=5,10,20"
// into one Variant per value, in the order written. Keys: mode, price,
// daily_units, unit_cost, cycle_days, deposit_pct, capital.
func ParseVariants(spec string) ([]Variant, error) {
	key, list, ok := strings.Cut(strings.TrimSpace(spec), "=")
	key = strings.ToLower(strings.TrimSpace(key))
	bad := func(value, detail string) error {
		return InputErrors{{Field: "compare", Code: CodeBadVariant, Value: value, Detail: detail}}
	}
	if !ok || key == "" {
		return nil, bad(spec, fmt.Sprintf("%q is not key=value,value,...", spec))
	}
	switch key {
	case VariantMode, VariantPrice, VariantDailyUnits, VariantUnitCost, VariantCycleDays, VariantDeposit, VariantCapital:
	default:
		return nil, bad(key, fmt.Sprintf("unknown key %q (known: mode, price, daily_units, unit_cost, cycle_days, deposit_pct, capital)", key))
	}
	var out []Variant
	for _, raw := range strings.Split(list, ",") {
		val := strings.TrimSpace(raw)
		if val == "" {
			return nil, bad(spec, fmt.Sprintf("empty value in %q", spec))
		}
		v := Variant{Key: key, Value: val}
		if key != VariantMode {
			n, err := strconv.ParseFloat(val, 64)
			if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
				return nil, bad(val, fmt.Sprintf("%s=%s is not a number", key, val))
			}
			if key == VariantCycleDays && n != math.Trunc(n) {
				return nil, bad(val, fmt.Sprintf("%s=%s is not a whole number of days", key, val))
			}
			v.Number = n
		}
		out = append(out, v)
	}
	return out, nil
}

// ApplyVariant returns a copy of s with the variant applied to every line
// (or to the scenario, for capital), named "<scenario name>, <label>".
// Out-of-range values are caught when the copy is simulated.
func ApplyVariant(s Scenario, v Variant) Scenario {
	c := s.Clone()
	c.Name = v.Label()
	if s.Name != "" {
		c.Name = s.Name + ", " + v.Label()
	}
	if v.Key == VariantCapital {
		c.Capital = v.Number
		return c
	}
	for i := range c.Lines {
		l := &c.Lines[i]
		switch v.Key {
		case VariantMode:
			l.Mode = v.Value
		case VariantPrice:
			l.Price = v.Number
		case VariantDailyUnits:
			l.DailyUnits = v.Number
		case VariantUnitCost:
			l.UnitCost = v.Number
		case VariantCycleDays:
			l.CycleDays = int(math.Max(math.Min(v.Number, MaxDays+1), -1))
		case VariantDeposit:
			l.DepositPct = v.Number
		}
	}
	return c
}

// Compare simulates s under each variant, side by side, in order. Each
// Result's Label is the variant's label. With no variants it simulates s
// alone. builtins are as for Simulate.
func Compare(s Scenario, variants []Variant, builtins []Mode) ([]Result, error) {
	return CompareWith(s, variants, builtins, Options{Events: true})
}

// CompareWith is Compare with simulation options.
func CompareWith(s Scenario, variants []Variant, builtins []Mode, opt Options) ([]Result, error) {
	if len(variants) == 0 {
		r, err := SimulateWith(s, builtins, opt)
		if err != nil {
			return nil, err
		}
		return []Result{r}, nil
	}
	out := make([]Result, 0, len(variants))
	for _, v := range variants {
		r, err := SimulateWith(ApplyVariant(s, v), builtins, opt)
		if err != nil {
			return nil, fmt.Errorf("variant %s: %w", v.Label(), typedValue(err, v))
		}
		r.Label = v.Label()
		r.ScenarioName = s.Name
		out = append(out, r)
	}
	return out, nil
}

// typedValue makes the problems with a variant's field show the value as
// it was typed ("1e9", "007") rather than the number it became, or the
// value it was clamped to.
func typedValue(err error, v Variant) error {
	var list InputErrors
	if !errors.As(err, &list) {
		return err
	}
	out := make(InputErrors, len(list))
	for i, e := range list {
		c := *e
		if c.Field == v.Key && c.Value != "" {
			c.Value = v.Value
		}
		out[i] = &c
	}
	return out
}
