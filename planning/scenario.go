package planning

import "strings"

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
	// OverheadPeriodDays is how often OverheadMonthly is paid: on day 0
	// and every 30 days after.
	OverheadPeriodDays = 30
	// StorageMonthDays is the month StorageFee is quoted for.
	StorageMonthDays = 30
	// RampStartPct is the share of DailyUnits a ramping line sells when
	// its stock first arrives.
	RampStartPct = 20
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
	// OverheadMonthly is what the business costs to run whatever it sells
	// (salaries, rent, software), in major units of BaseCurrency, paid on
	// day 0 and every OverheadPeriodDays after. 0 means none.
	OverheadMonthly float64
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
	// DutyPct is the import duty as a share of the unit cost, paid when the
	// goods reach the destination (end of transit).
	DutyPct float64
	// StorageFee is Amazon's storage fee in PriceCurrency per unit per
	// month (StorageMonthDays) of stock held, charged in each payout for
	// the stock of its settlement period.
	StorageFee float64
	// InboundFee is Amazon's inbound (placement) fee in PriceCurrency per
	// unit, paid when the goods reach the warehouse (end of transit).
	InboundFee float64
	// UnitVolumeM3 is the packed volume of one unit in cubic metres, for
	// modes priced by volume (CostPerM3) or by volumetric weight
	// (VolumetricDivisor). 0 means weight alone prices the freight.
	UnitVolumeM3 float64
	// MOQ is the supplier's minimum order quantity in units; 0 means none.
	// Every order is at least MOQ units.
	MOQ int
	// LaunchDay is the day the line's first order is placed; the line has
	// no demand, orders or costs before it. A launch day on or after the
	// horizon means the line never starts (the verdict says so).
	LaunchDay int
	// RampDays is how long a new listing takes to reach DailyUnits: demand
	// rises linearly from RampStartPct% to 100% over RampDays days after
	// the stock first arrives (and is RampStartPct% before). 0 means full
	// demand from the start.
	RampDays int
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

// validCurrency reports whether c is an ISO 4217 currency code (upper
// case).
func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	// Binary search over the sorted list, 4 bytes a code.
	lo, hi := 0, len(isoCurrencies)/4
	for lo < hi {
		mid := (lo + hi) / 2
		switch code := isoCurrencies[4*mid : 4*mid+3]; {
		case code == c:
			return true
		case code < c:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return false
}

// isoCurrencies lists the ISO 4217 codes of currencies in use (no
// precious metals or test codes), sorted, each followed by a space.
const isoCurrencies = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF " +
	"BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF " +
	"CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR " +
	"FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS " +
	"INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT " +
	"LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR " +
	"MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP " +
	"PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE " +
	"SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS " +
	"UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG " +
	"XOF XPF YER ZAR ZMW ZWG "

// normalizeCurrency turns a currency as a person types it (" usd ",
// "RMB") into its ISO 4217 code; ok is false when it is none, and the
// caller keeps what was typed so the message can show it.
func normalizeCurrency(typed string) (code string, ok bool) {
	c := strings.ToUpper(strings.TrimSpace(typed))
	if c == "RMB" {
		c = "CNY" // renminbi, the name every Chinese seller writes
	}
	return c, validCurrency(c)
}
