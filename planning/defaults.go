package planning

// LineDefaults are the office's starting values for a new product line in
// the planning form (Planning → Shipping modes → line defaults), so a new
// line starts from what the office usually pays rather than from 0. The
// scenario file's own defaults (DefaultLine: what an omitted key means)
// are a different thing and do not change.
type LineDefaults struct {
	// PriceCurrency is the marketplace currency new lines are priced in
	// ("" = the scenario's base currency); FBAFee, StorageFee and
	// InboundFee are in it.
	PriceCurrency string
	// ReferralPct, AdPct and ReturnPct are shares of the price, 0..100.
	ReferralPct float64
	AdPct       float64
	ReturnPct   float64
	// FBAFee is the fulfilment fee per unit.
	FBAFee float64
	// DutyPct is the import duty, a share of the unit cost.
	DutyPct float64
	// StorageFee is per unit per month of stock held; InboundFee per unit.
	StorageFee float64
	InboundFee float64
	// DepositPct, Mode, CycleDays and SafetyDays are the purchasing terms.
	DepositPct float64
	Mode       string
	CycleDays  int
	SafetyDays int
}

// Documented line defaults: what a new line starts from until the office
// sets its own.
const (
	// DefaultFormReferralPct is Amazon's usual referral fee.
	DefaultFormReferralPct = 15
	// DefaultFormAdPct is a usual advertising share for a new listing.
	DefaultFormAdPct = 10
)

// DefaultLineDefaults returns the documented line defaults: referral 15%,
// ads 10%, no FBA fee, returns, duty, storage or inbound fee until the
// office sets them (they depend on the product and the marketplace),
// deposit 30%, sea freight, orders of 30 days of sales, 7 days of safety
// stock, priced in the base currency.
func DefaultLineDefaults() LineDefaults {
	return LineDefaults{
		ReferralPct: DefaultFormReferralPct,
		AdPct:       DefaultFormAdPct,
		DepositPct:  DefaultDepositPct,
		Mode:        DefaultMode,
		CycleDays:   DefaultCycleDays,
		SafetyDays:  DefaultSafetyDays,
	}
}

// NewLine returns a new product line starting from the defaults: every
// field they cover is set, the rest (name, price, unit cost, weight,
// volume, daily units, production days, MOQ, launch, ramp) is left for
// the person to fill in.
func (d LineDefaults) NewLine() Line {
	return Line{
		PriceCurrency: d.PriceCurrency,
		DepositPct:    d.DepositPct,
		Mode:          d.Mode,
		CycleDays:     d.CycleDays,
		SafetyDays:    d.SafetyDays,
		ReferralPct:   d.ReferralPct,
		FBAFee:        d.FBAFee,
		AdPct:         d.AdPct,
		ReturnPct:     d.ReturnPct,
		DutyPct:       d.DutyPct,
		StorageFee:    d.StorageFee,
		InboundFee:    d.InboundFee,
	}
}

// Validate checks the defaults as the office would save them, resolving
// the mode against builtins (nil means DefaultModes()). Problems come back
// as InputErrors with the fields named as in a scenario file.
func (d LineDefaults) Validate(builtins []Mode) error {
	c := &checker{}
	a := at{}
	c.pct(a, "referral_pct", d.ReferralPct)
	c.pct(a, "ad_pct", d.AdPct)
	c.pct(a, "return_pct", d.ReturnPct)
	c.pct(a, "duty_pct", d.DutyPct)
	c.pct(a, "deposit_pct", d.DepositPct)
	c.nonNegative(a, "fba_fee", d.FBAFee, maxAmount)
	c.nonNegative(a, "storage_fee", d.StorageFee, maxAmount)
	c.nonNegative(a, "inbound_fee", d.InboundFee, maxAmount)
	c.positiveDays(a, "cycle_days", d.CycleDays, MaxDays)
	c.days(a, "safety_days", d.SafetyDays, 0, MaxDays)
	if d.PriceCurrency != "" && !validCurrency(d.PriceCurrency) {
		c.add(a.err("price_currency", CodeBadCurrency, d.PriceCurrency, ""))
	}
	if _, ok := findMode(d.Mode, nil, builtinsOrDefault(builtins)); !ok {
		c.add(a.err("mode", CodeUnknownMode, d.Mode, ""))
	}
	return c.errs.orNil()
}
