package planning

// Limits and defaults of a scenario.
const (
	// MaxHorizonDays is the longest simulation horizon: five years.
	MaxHorizonDays = 1826
	// MaxDays bounds every day count of a line or mode (production, transit,
	// receiving, cycle and safety days).
	MaxDays = MaxHorizonDays
	// MaxLines bounds the number of product lines in one scenario.
	MaxLines = 200

	// DefaultHorizonDays is the horizon when a scenario file omits it.
	DefaultHorizonDays = 365
	// DefaultPayoutPeriodDays is Amazon's settlement period.
	DefaultPayoutPeriodDays = 14
	// DefaultPayoutDelayDays is the days from the close of a settlement
	// period to the money arriving.
	DefaultPayoutDelayDays = 3
	// DefaultBaseCurrency is the base currency when a file omits it.
	DefaultBaseCurrency = "CNY"
	// DefaultMode is the shipping mode of a line that names none.
	DefaultMode = "sea"
	// DefaultDepositPct is the share of the goods value paid with the order.
	DefaultDepositPct = 30
	// DefaultCycleDays is the days of sales one purchase order covers.
	DefaultCycleDays = 30
	// DefaultSafetyDays is the days of sales kept as safety stock.
	DefaultSafetyDays = 7
	// DefaultReferralPct is Amazon's usual referral fee.
	DefaultReferralPct = 15
)

// Scenario is one capital pot and the product lines it funds. Money fields
// are decimals in major units of BaseCurrency unless a field says otherwise.
//
// Go code building a Scenario by hand should start from DefaultScenario and
// DefaultLine: zero is a meaningful value for several fields (a payout
// delay or a deposit of 0), so zero values are never replaced by defaults.
type Scenario struct {
	// Name is a free label.
	Name string
	// Capital is the pot of money available on day 0, in major units.
	Capital float64
	// BaseCurrency is the ISO 4217 code every cash amount is counted in.
	BaseCurrency string
	// ReservePct is the share of Capital that must never be used (0..100).
	ReservePct float64
	// HorizonDays is the number of simulated days (1..MaxHorizonDays).
	HorizonDays int
	// PayoutPeriodDays is the length of a settlement period: sales of days
	// [k*P, (k+1)*P) are paid out together.
	PayoutPeriodDays int
	// PayoutDelayDays is the days from the close of a settlement period to
	// its payout: period [0,14) with delay 3 pays on day 17.
	PayoutDelayDays int
	// FX holds base-currency units per one unit of a foreign currency,
	// keyed by ISO 4217 code. The base currency needs no entry.
	FX map[string]float64
	// Modes are shipping modes defined by the scenario; they take
	// precedence over built-in modes of the same name.
	Modes []Mode
	// Lines are the product lines funded from Capital.
	Lines []Line
}

// Line is one product line.
type Line struct {
	// Name is a free label; it names the line in errors and results.
	Name string
	// Price is the selling price per unit in PriceCurrency.
	Price float64
	// PriceCurrency is the currency of Price and FBAFee; empty means the
	// scenario's base currency.
	PriceCurrency string
	// UnitCost is the factory price per unit in the base currency.
	UnitCost float64
	// UnitWeightKg is the chargeable shipping weight of one unit.
	UnitWeightKg float64
	// DailyUnits is the expected sales per day. Fractions are allowed
	// (0.5 = one unit every other day); demand is spread over whole units.
	DailyUnits float64
	// ProductionDays is the days from placing an order to goods ready.
	ProductionDays int
	// DepositPct is the share of the goods value paid with the order; the
	// balance is paid when production ends.
	DepositPct float64
	// Mode names the shipping mode.
	Mode string
	// CycleDays is the days of sales one purchase order covers.
	CycleDays int
	// SafetyDays is the days of sales kept as safety stock.
	SafetyDays int
	// ReferralPct is Amazon's referral fee as a share of the price.
	ReferralPct float64
	// FBAFee is the fulfilment fee per unit in PriceCurrency.
	FBAFee float64
	// AdPct is advertising spend as a share of revenue.
	AdPct float64
	// ReturnPct is the share of revenue refunded for returns.
	ReturnPct float64
}

// DefaultScenario returns a scenario with every optional field at its
// default and no lines: base currency CNY, reserve 0%, horizon 365 days,
// payouts every 14 days paid 3 days after the period closes.
func DefaultScenario() Scenario {
	return Scenario{
		BaseCurrency:     DefaultBaseCurrency,
		HorizonDays:      DefaultHorizonDays,
		PayoutPeriodDays: DefaultPayoutPeriodDays,
		PayoutDelayDays:  DefaultPayoutDelayDays,
	}
}

// DefaultLine returns a line with every optional field at its default:
// sea freight, deposit 30%, cycle 30 days, safety 7 days, referral 15%, no
// FBA fee, ads or returns, price in the base currency. Price, UnitCost,
// UnitWeightKg, DailyUnits and ProductionDays are left for the caller.
func DefaultLine() Line {
	return Line{
		DepositPct:  DefaultDepositPct,
		Mode:        DefaultMode,
		CycleDays:   DefaultCycleDays,
		SafetyDays:  DefaultSafetyDays,
		ReferralPct: DefaultReferralPct,
	}
}

// Clone returns a deep copy of s, so the copy's lines, modes and FX table
// can be changed without touching s.
func (s Scenario) Clone() Scenario {
	c := s
	if s.FX != nil {
		c.FX = make(map[string]float64, len(s.FX))
		for k, v := range s.FX {
			c.FX[k] = v
		}
	}
	if s.Modes != nil {
		c.Modes = append([]Mode(nil), s.Modes...)
	}
	if s.Lines != nil {
		c.Lines = append([]Line(nil), s.Lines...)
	}
	return c
}

// priceCurrency returns the line's price currency, defaulting to base.
func (l Line) priceCurrency(base string) string {
	if l.PriceCurrency == "" {
		return base
	}
	return l.PriceCurrency
}

// rate returns base units per one unit of currency cur.
func (s Scenario) rate(cur string) (float64, bool) {
	if cur == "" || cur == s.BaseCurrency {
		return 1, true
	}
	r, ok := s.FX[cur]
	return r, ok
}

// validCurrency reports whether c looks like an ISO 4217 code.
func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}
