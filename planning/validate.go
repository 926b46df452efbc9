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
	maxCapital  = 1e12 // major units
	maxAmount   = 1e9  // major units: price, unit cost, fees, freight per kg
	maxWeightKg = 1e4
	maxVolumeM3 = 100
	maxDivisor  = 1e6 // cm3 per kg
	maxMOQ      = 1e8
	// maxStartDays bounds launch_day and ramp_days: past the horizon is
	// allowed (the line never starts, or never finishes its ramp), a
	// century is a typo.
	maxStartDays  = 100 * 365
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

// minor checks that a positive amount is at least one minor unit of its
// currency once rounded (0.004 USD would silently become 0).
func (c *checker) minor(a at, field string, v float64, currency string) {
	per := float64(app.MinorPerMajor(currency))
	if v > 0 && !math.IsInf(v, 0) && math.Round(v*per) == 0 {
		c.add(a.err(field, CodeTooSmall, fmtNum(v), fmtNum(1/per)+" "+currency))
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
	if code == s.BaseCurrency {
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
	base := s.BaseCurrency
	c.positive(top, "capital", s.Capital, maxCapital)
	if !validCurrency(base) {
		c.add(top.err("base_currency", CodeBadCurrency, base, ""))
	} else {
		c.minor(top, "capital", s.Capital, base)
	}
	c.nonNegative(top, "overhead_monthly", s.OverheadMonthly, maxAmount)
	c.minor(top, "overhead_monthly", s.OverheadMonthly, base)
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
		cur := l.priceCurrency(base)
		c.positive(a, "price", l.Price, maxAmount)
		c.currency(s, a, "price_currency", l.PriceCurrency)
		c.nonNegative(a, "unit_cost", l.UnitCost, maxAmount)
		c.nonNegative(a, "unit_weight_kg", l.UnitWeightKg, maxWeightKg)
		c.nonNegative(a, "unit_volume_m3", l.UnitVolumeM3, maxVolumeM3)
		c.positive(a, "daily_units", l.DailyUnits, maxDailyUnits)
		if v := l.DailyUnits; v > 0 && !math.IsInf(v, 0) && math.Round(v*1000) == 0 {
			c.add(a.err("daily_units", CodeTooSmall, fmtNum(v), "0.001"))
		}
		if validCurrency(cur) {
			c.minor(a, "price", l.Price, cur)
			c.minor(a, "fba_fee", l.FBAFee, cur)
			c.minor(a, "storage_fee", l.StorageFee, cur)
			c.minor(a, "inbound_fee", l.InboundFee, cur)
		}
		if validCurrency(base) {
			c.minor(a, "unit_cost", l.UnitCost, base)
		}
		c.days(a, "production_days", l.ProductionDays, 0, MaxDays)
		c.pct(a, "deposit_pct", l.DepositPct)
		c.positiveDays(a, "cycle_days", l.CycleDays, MaxDays)
		c.days(a, "safety_days", l.SafetyDays, 0, MaxDays)
		c.pct(a, "referral_pct", l.ReferralPct)
		c.nonNegative(a, "fba_fee", l.FBAFee, maxAmount)
		c.pct(a, "ad_pct", l.AdPct)
		c.pct(a, "return_pct", l.ReturnPct)
		c.pct(a, "duty_pct", l.DutyPct)
		c.nonNegative(a, "storage_fee", l.StorageFee, maxAmount)
		c.nonNegative(a, "inbound_fee", l.InboundFee, maxAmount)
		c.days(a, "moq", l.MOQ, 0, maxMOQ)
		c.days(a, "launch_day", l.LaunchDay, 0, maxStartDays)
		c.days(a, "ramp_days", l.RampDays, 0, maxStartDays)
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
	c.nonNegative(a, prefix+"cost_per_m3", m.CostPerM3, maxAmount)
	c.nonNegative(a, prefix+"volumetric_divisor", m.VolumetricDivisor, maxDivisor)
	c.currency(s, a, prefix+"currency", m.Currency)
	cur := m.Currency
	if cur == "" {
		cur = s.BaseCurrency
	}
	if validCurrency(cur) {
		c.minor(a, prefix+"cost_per_kg", m.CostPerKg, cur)
		c.minor(a, prefix+"cost_per_m3", m.CostPerM3, cur)
	}
}

// moneyEstimate bounds, in minor units, the money that can flow through
// all lines of s over its horizon: units ever ordered times everything
// paid or received per unit, plus the capital.
func moneyEstimate(s Scenario, builtins []Mode) float64 {
	per := float64(app.MinorPerMajor(s.BaseCurrency))
	h := float64(s.HorizonDays)
	total := (s.Capital + s.OverheadMonthly*(h/OverheadPeriodDays+1)) * per
	for _, l := range s.Lines {
		m, _ := findMode(l.Mode, s.Modes, builtins)
		fx, _ := s.rate(l.priceCurrency(s.BaseCurrency))
		mfx, _ := s.rate(m.Currency)
		lead := float64(l.ProductionDays + m.TransitDays + m.ReceivingDays)
		held := float64(l.SafetyDays+2*l.CycleDays) + lead + 2
		units := max(l.DailyUnits*(h+held), float64(l.MOQ)*(h+1))
		freight := freightPerUnit(l, m, m.CostPerKg*mfx, m.CostPerM3*mfx)
		perUnit := l.UnitCost*(1+l.DutyPct/100) + freight + (l.Price+l.FBAFee+l.InboundFee)*fx*3 +
			l.StorageFee*fx*(h+held)/StorageMonthDays
		total += units * perUnit * per
	}
	return total
}
