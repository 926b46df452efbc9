package planning

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// Upper bounds that keep every amount well inside int64 minor units.
const (
	maxCapital    = 1e12 // major units
	maxAmount     = 1e9  // major units: price, unit cost, fees, freight per kg
	maxWeightKg   = 1e4
	maxDailyUnits = 1e6
	maxFXRate     = 1e6
	maxPayoutDays = 365
	// maxMinorTotal bounds the estimated money flowing through all lines
	// over the horizon, in minor units, so sums never overflow int64.
	maxMinorTotal = 1e16
)

// Validate checks s for every problem that would make a simulation
// meaningless, resolving mode names against s.Modes and then builtins (nil
// builtins means DefaultModes()). It returns nil or an InputErrors listing
// all problems.
func (s Scenario) Validate(builtins []Mode) error {
	return validate(s, builtinsOrDefault(builtins), nil).orNil()
}

// checker accumulates input errors, skipping fields already reported.
type checker struct {
	errs InputErrors
	skip map[string]bool
}

func skipKey(line, mode int, field string) string {
	return strconv.Itoa(line) + "/" + strconv.Itoa(mode) + "/" + field
}

func (c *checker) add(e *InputError) {
	if c.skip[skipKey(e.Line, e.Mode, e.Field)] {
		return
	}
	c.errs = append(c.errs, e)
}

// at returns a template error for line (1-based) or mode (1-based).
type at struct {
	line     int
	lineName string
	mode     int
	modeName string
}

func (a at) err(field string, code Code, value, detail string) *InputError {
	return &InputError{Line: a.line, LineName: a.lineName, Mode: a.mode, ModeName: a.modeName,
		Field: field, Code: code, Value: value, Detail: detail}
}

// positive checks 0 < v <= hi.
func (c *checker) positive(a at, field string, v, hi float64) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		c.add(a.err(field, CodeNotFinite, fmtNum(v), ""))
	case v <= 0:
		c.add(a.err(field, CodeNotPositive, fmtNum(v), ""))
	case v > hi:
		c.add(a.err(field, CodeOutOfRange, fmtNum(v), "0 and "+fmtNum(hi)))
	}
}

// nonNegative checks 0 <= v <= hi.
func (c *checker) nonNegative(a at, field string, v, hi float64) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		c.add(a.err(field, CodeNotFinite, fmtNum(v), ""))
	case v < 0:
		c.add(a.err(field, CodeNegative, fmtNum(v), ""))
	case v > hi:
		c.add(a.err(field, CodeOutOfRange, fmtNum(v), "0 and "+fmtNum(hi)))
	}
}

// pct checks 0 <= v <= 100.
func (c *checker) pct(a at, field string, v float64) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		c.add(a.err(field, CodeNotFinite, fmtNum(v), ""))
	case v < 0 || v > 100:
		c.add(a.err(field, CodeOutOfRange, fmtNum(v), "0 and 100"))
	}
}

// days checks lo <= v <= hi; negative values get CodeNegative when lo is 0.
func (c *checker) days(a at, field string, v, lo, hi int) {
	switch {
	case v < 0 && lo == 0:
		c.add(a.err(field, CodeNegative, strconv.Itoa(v), ""))
	case v < lo || v > hi:
		c.add(a.err(field, CodeOutOfRange, strconv.Itoa(v), fmt.Sprintf("%d and %d", lo, hi)))
	}
}

// positiveDays checks 1 <= v <= hi, reporting v <= 0 as CodeNotPositive.
func (c *checker) positiveDays(a at, field string, v, hi int) {
	if v <= 0 {
		c.add(a.err(field, CodeNotPositive, strconv.Itoa(v), ""))
		return
	}
	c.days(a, field, v, 1, hi)
}

// currency checks that code is well formed and has a rate.
func (c *checker) currency(s Scenario, a at, field, code string) {
	if code == "" {
		return
	}
	if !validCurrency(code) {
		c.add(a.err(field, CodeBadCurrency, code, ""))
		return
	}
	if !validCurrency(s.BaseCurrency) {
		return // reported once, against base_currency
	}
	if r, ok := s.rate(code); !ok || !(r > 0) || math.IsInf(r, 0) {
		c.add(a.err(field, CodeUnknownCurrency, code, s.BaseCurrency))
	}
}

func validate(s Scenario, builtins []Mode, skip map[string]bool) InputErrors {
	c := &checker{skip: skip}
	top := at{}
	c.positive(top, "capital", s.Capital, maxCapital)
	if !validCurrency(s.BaseCurrency) {
		c.add(top.err("base_currency", CodeBadCurrency, s.BaseCurrency, ""))
	}
	c.pct(top, "reserve_pct", s.ReservePct)
	c.days(top, "horizon_days", s.HorizonDays, 1, MaxHorizonDays)
	c.positiveDays(top, "payout_period_days", s.PayoutPeriodDays, maxPayoutDays)
	c.days(top, "payout_delay_days", s.PayoutDelayDays, 0, maxPayoutDays)

	codes := make([]string, 0, len(s.FX))
	for k := range s.FX {
		codes = append(codes, k)
	}
	sort.Strings(codes)
	for _, k := range codes {
		if !validCurrency(k) {
			c.add(top.err("fx."+k, CodeBadCurrency, k, ""))
			continue
		}
		c.positive(top, "fx."+k, s.FX[k], maxFXRate)
	}

	seen := map[string]int{}
	for i, m := range s.Modes {
		a := at{mode: i + 1, modeName: m.Name}
		name := strings.ToLower(strings.TrimSpace(m.Name))
		if name == "" {
			c.add(a.err("name", CodeMissing, "", ""))
		} else if _, dup := seen[name]; dup {
			c.add(a.err("name", CodeDuplicate, m.Name, ""))
		} else {
			seen[name] = i
		}
		checkMode(c, s, a, "", m)
	}

	if len(s.Lines) == 0 {
		c.add(top.err("line", CodeNoLines, "", ""))
	} else if len(s.Lines) > MaxLines {
		c.add(top.err("line", CodeOutOfRange, strconv.Itoa(len(s.Lines)), "1 and "+strconv.Itoa(MaxLines)))
	}
	for i, l := range s.Lines {
		a := at{line: i + 1, lineName: l.Name}
		c.positive(a, "price", l.Price, maxAmount)
		c.currency(s, a, "price_currency", l.PriceCurrency)
		c.nonNegative(a, "unit_cost", l.UnitCost, maxAmount)
		c.nonNegative(a, "unit_weight_kg", l.UnitWeightKg, maxWeightKg)
		c.positive(a, "daily_units", l.DailyUnits, maxDailyUnits)
		c.days(a, "production_days", l.ProductionDays, 0, MaxDays)
		c.pct(a, "deposit_pct", l.DepositPct)
		c.positiveDays(a, "cycle_days", l.CycleDays, MaxDays)
		c.days(a, "safety_days", l.SafetyDays, 0, MaxDays)
		c.pct(a, "referral_pct", l.ReferralPct)
		c.nonNegative(a, "fba_fee", l.FBAFee, maxAmount)
		c.pct(a, "ad_pct", l.AdPct)
		c.pct(a, "return_pct", l.ReturnPct)
		m, ok := findMode(l.Mode, s.Modes, builtins)
		if !ok {
			c.add(a.err("mode", CodeUnknownMode, l.Mode, strings.Join(modeNames(s.Modes, builtins), ", ")))
			continue
		}
		if _, own := findMode(l.Mode, s.Modes, nil); !own {
			// A built-in mode supplied by the caller is checked where a
			// line uses it.
			checkMode(c, s, a, "mode.", m)
		}
	}
	if len(c.errs) == 0 {
		if est := moneyEstimate(s, builtins); !(est <= maxMinorTotal) {
			c.add(top.err("", CodeTooLarge, "", fmt.Sprintf("about %.3g minor units flow through the horizon, the limit is %.0g", est, float64(maxMinorTotal))))
		}
	}
	return c.errs
}

// checkMode validates the numbers of one mode; prefix is prepended to the
// field names ("mode." when reported against a line).
func checkMode(c *checker, s Scenario, a at, prefix string, m Mode) {
	c.days(a, prefix+"transit_days", m.TransitDays, 0, MaxDays)
	c.days(a, prefix+"receiving_days", m.ReceivingDays, 0, MaxDays)
	c.nonNegative(a, prefix+"cost_per_kg", m.CostPerKg, maxAmount)
	c.currency(s, a, prefix+"currency", m.Currency)
}

// moneyEstimate bounds, in minor units, the money that can flow through
// all lines of s over its horizon: units ever ordered times everything
// paid or received per unit, plus the capital.
func moneyEstimate(s Scenario, builtins []Mode) float64 {
	per := float64(app.MinorPerMajor(s.BaseCurrency))
	total := s.Capital * per
	for _, l := range s.Lines {
		m, _ := findMode(l.Mode, s.Modes, builtins)
		fx, _ := s.rate(l.priceCurrency(s.BaseCurrency))
		mfx, _ := s.rate(m.Currency)
		lead := float64(l.ProductionDays + m.TransitDays + m.ReceivingDays)
		units := l.DailyUnits * (float64(s.HorizonDays) + lead + float64(l.SafetyDays+2*l.CycleDays) + 2)
		perUnit := l.UnitCost + l.UnitWeightKg*m.CostPerKg*mfx + (l.Price+l.FBAFee)*fx*3
		total += units * perUnit * per
	}
	return total
}
