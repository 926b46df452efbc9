package planning

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Scenario files are TOML:
//
//	name = "two cups, sea"
//	capital = 100000            # base currency, required
//	base_currency = "CNY"       # default CNY
//	reserve_pct = 10            # default 0
//	horizon_days = 365          # default 365, at most 1826
//	payout_period_days = 14     # default 14
//	payout_delay_days = 3       # default 3
//	overhead_monthly = 20000    # base currency, day 0 and every 30 days; default 0
//	[fx]
//	USD = 7.2                   # base units per one USD
//	[[mode]]                    # optional; overrides a built-in of that name
//	name = "sea"
//	transit_days = 35
//	receiving_days = 7
//	cost_per_kg = 12.0
//	currency = "CNY"            # optional, default the base currency
//	cost_per_m3 = 900.0         # optional: priced by volume too (W/M); default 0
//	volumetric_divisor = 6000   # optional: cm3 per chargeable kg; default 0 (none)
//	[[line]]
//	name = "gift cup set"
//	price = 35.0                # required, in price_currency
//	price_currency = "USD"      # default (and "" in Line) the base currency
//	unit_cost = 55.0            # required, base currency
//	unit_weight_kg = 0.3        # required
//	daily_units = 10            # required
//	production_days = 20        # required
//	deposit_pct = 30            # default 30
//	mode = "sea"                # default "sea"
//	cycle_days = 30             # default 30
//	safety_days = 7             # default 7
//	referral_pct = 15           # default 15
//	fba_fee = 5.0               # price currency per unit, default 0
//	ad_pct = 10                 # default 0
//	return_pct = 3              # default 0
//	duty_pct = 6.5              # percent of unit cost, paid when transit ends; default 0
//	storage_fee = 0.8           # price currency per unit per month held; default 0
//	inbound_fee = 0.3           # price currency per unit, when transit ends; default 0
//	unit_volume_m3 = 0.004      # for modes priced by volume; default 0
//	moq = 500                   # supplier's minimum order, units; default 0 (none)
//	launch_day = 60             # day of the first order; default 0
//	ramp_days = 45              # demand 20% -> 100% over these days; default 0
//
// A [[mode]] whose name matches a built-in mode inherits the fields it
// omits from that built-in; a new mode needs transit_days and cost_per_kg
// and defaults receiving_days to 7.
//
// Files saved by Windows editors are read as they come: UTF-8 with or
// without a byte order mark, UTF-16 (little or big endian) with one, LF or
// CRLF line ends. Currencies may be written in any case; RMB means CNY.

type fileScenario struct {
	Name             *string            `toml:"name"`
	Capital          *float64           `toml:"capital"`
	BaseCurrency     *string            `toml:"base_currency"`
	ReservePct       *float64           `toml:"reserve_pct"`
	HorizonDays      *int               `toml:"horizon_days"`
	PayoutPeriodDays *int               `toml:"payout_period_days"`
	PayoutDelayDays  *int               `toml:"payout_delay_days"`
	OverheadMonthly  *float64           `toml:"overhead_monthly"`
	FX               map[string]float64 `toml:"fx"`
	Modes            []fileMode         `toml:"mode"`
	Lines            []fileLine         `toml:"line"`
}

type fileMode struct {
	Name          *string  `toml:"name"`
	TransitDays   *int     `toml:"transit_days"`
	ReceivingDays *int     `toml:"receiving_days"`
	CostPerKg     *float64 `toml:"cost_per_kg"`
	Currency      *string  `toml:"currency"`
	CostPerM3     *float64 `toml:"cost_per_m3"`
	VolDivisor    *float64 `toml:"volumetric_divisor"`
}

type fileLine struct {
	Name           *string  `toml:"name"`
	Price          *float64 `toml:"price"`
	PriceCurrency  *string  `toml:"price_currency"`
	UnitCost       *float64 `toml:"unit_cost"`
	UnitWeightKg   *float64 `toml:"unit_weight_kg"`
	DailyUnits     *float64 `toml:"daily_units"`
	ProductionDays *int     `toml:"production_days"`
	DepositPct     *float64 `toml:"deposit_pct"`
	Mode           *string  `toml:"mode"`
	CycleDays      *int     `toml:"cycle_days"`
	SafetyDays     *int     `toml:"safety_days"`
	ReferralPct    *float64 `toml:"referral_pct"`
	FBAFee         *float64 `toml:"fba_fee"`
	AdPct          *float64 `toml:"ad_pct"`
	ReturnPct      *float64 `toml:"return_pct"`
	DutyPct        *float64 `toml:"duty_pct"`
	StorageFee     *float64 `toml:"storage_fee"`
	InboundFee     *float64 `toml:"inbound_fee"`
	UnitVolumeM3   *float64 `toml:"unit_volume_m3"`
	MOQ            *int     `toml:"moq"`
	LaunchDay      *int     `toml:"launch_day"`
	RampDays       *int     `toml:"ramp_days"`
}

// defaultReceivingDays is the receiving time of a new mode that omits it.
const defaultReceivingDays = 7

// ParseScenario parses and validates a TOML scenario file, checking mode
// names against the file's own modes and DefaultModes(). Problems come back
// as InputErrors: all of them when the file parses, the first syntax or
// type error (with its line and column) when it does not.
func ParseScenario(data []byte) (Scenario, error) {
	return ParseScenarioWith(data, DefaultModes())
}

// ParseScenarioWith is ParseScenario with the caller's built-in modes (nil
// means DefaultModes()).
func ParseScenarioWith(data []byte, builtins []Mode) (Scenario, error) {
	builtins = builtinsOrDefault(builtins)
	data, err := DecodeText(data)
	if err != nil {
		return Scenario{}, InputErrors{{Code: CodeSyntax, Detail: err.Error()}}
	}
	var f fileScenario
	if err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&f); err != nil {
		return Scenario{}, decodeErrors(data, err)
	}
	s, missing := f.scenario(builtins)
	skip := map[string]bool{}
	for _, e := range missing {
		skip[skipKey(e.Line, e.Mode, e.Field)] = true
	}
	errs := append(missing, validate(s, builtins, skip)...)
	if len(errs) > 0 {
		return Scenario{}, errs
	}
	return s, nil
}

// scenario applies defaults and reports required fields that are absent.
func (f fileScenario) scenario(builtins []Mode) (Scenario, InputErrors) {
	var missing InputErrors
	need := func(a at, field string, present bool) {
		if !present {
			missing = append(missing, a.err(field, CodeMissing, "", ""))
		}
	}
	s := DefaultScenario()
	setS(&s.Name, f.Name)
	need(at{}, "capital", f.Capital != nil)
	set(&s.Capital, f.Capital)
	setCurrency(&s.BaseCurrency, f.BaseCurrency)
	set(&s.ReservePct, f.ReservePct)
	set(&s.HorizonDays, f.HorizonDays)
	set(&s.PayoutPeriodDays, f.PayoutPeriodDays)
	set(&s.PayoutDelayDays, f.PayoutDelayDays)
	set(&s.OverheadMonthly, f.OverheadMonthly)

	keys := make([]string, 0, len(f.FX))
	for k := range f.FX {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		up, ok := normalizeCurrency(k)
		if !ok {
			up = k
		}
		if s.FX == nil {
			s.FX = map[string]float64{}
		}
		if _, dup := s.FX[up]; dup {
			missing = append(missing, at{}.err("fx."+k, CodeDuplicate, k, ""))
			continue
		}
		s.FX[up] = f.FX[k]
	}

	for i, fm := range f.Modes {
		var m Mode
		setS(&m.Name, fm.Name)
		a := at{mode: i + 1, modeName: m.Name}
		base, builtin := findMode(m.Name, nil, builtins)
		if builtin {
			m = base
			setS(&m.Name, fm.Name)
			if fm.CostPerKg != nil {
				m.Currency = ""
			}
		} else {
			need(a, "name", fm.Name != nil && strings.TrimSpace(*fm.Name) != "")
			need(a, "transit_days", fm.TransitDays != nil)
			need(a, "cost_per_kg", fm.CostPerKg != nil)
			m.ReceivingDays = defaultReceivingDays
		}
		set(&m.TransitDays, fm.TransitDays)
		set(&m.ReceivingDays, fm.ReceivingDays)
		set(&m.CostPerKg, fm.CostPerKg)
		set(&m.CostPerM3, fm.CostPerM3)
		set(&m.VolumetricDivisor, fm.VolDivisor)
		setCurrency(&m.Currency, fm.Currency)
		s.Modes = append(s.Modes, m)
	}

	for i, fl := range f.Lines {
		l := DefaultLine()
		setS(&l.Name, fl.Name)
		a := at{line: i + 1, lineName: l.Name}
		need(a, "price", fl.Price != nil)
		need(a, "unit_cost", fl.UnitCost != nil)
		need(a, "unit_weight_kg", fl.UnitWeightKg != nil)
		need(a, "daily_units", fl.DailyUnits != nil)
		need(a, "production_days", fl.ProductionDays != nil)
		set(&l.Price, fl.Price)
		setCurrency(&l.PriceCurrency, fl.PriceCurrency)
		set(&l.UnitCost, fl.UnitCost)
		set(&l.UnitWeightKg, fl.UnitWeightKg)
		set(&l.DailyUnits, fl.DailyUnits)
		set(&l.ProductionDays, fl.ProductionDays)
		set(&l.DepositPct, fl.DepositPct)
		setS(&l.Mode, fl.Mode)
		set(&l.CycleDays, fl.CycleDays)
		set(&l.SafetyDays, fl.SafetyDays)
		set(&l.ReferralPct, fl.ReferralPct)
		set(&l.FBAFee, fl.FBAFee)
		set(&l.AdPct, fl.AdPct)
		set(&l.ReturnPct, fl.ReturnPct)
		set(&l.DutyPct, fl.DutyPct)
		set(&l.StorageFee, fl.StorageFee)
		set(&l.InboundFee, fl.InboundFee)
		set(&l.UnitVolumeM3, fl.UnitVolumeM3)
		set(&l.MOQ, fl.MOQ)
		set(&l.LaunchDay, fl.LaunchDay)
		set(&l.RampDays, fl.RampDays)
		s.Lines = append(s.Lines, l)
	}
	return s, missing
}

func set[T int | float64](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func setS(dst *string, v *string) {
	if v != nil {
		*dst = strings.TrimSpace(*v)
	}
}

// setCurrency sets a currency code from what was typed: normalized when it
// is a currency ("rmb" -> CNY), as typed otherwise, so the message about
// it shows what the person wrote. Empty stays empty (the base currency).
func setCurrency(dst *string, v *string) {
	if v == nil {
		return
	}
	if code, ok := normalizeCurrency(*v); ok || code == "" {
		*dst = code
		return
	}
	*dst = *v
}

// decodeErrors turns go-toml's errors into InputErrors with positions.
func decodeErrors(data []byte, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		out := make(InputErrors, 0, len(strict.Errors))
		for i := range strict.Errors {
			e := &strict.Errors[i]
			ie := located(data, e, CodeUnknownKey)
			out = append(out, ie)
		}
		return out
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		code := CodeSyntax
		if len(de.Key()) > 0 && strings.Contains(de.Error(), "cannot decode") {
			code = CodeWrongType
		}
		return InputErrors{located(data, de, code)}
	}
	return InputErrors{{Code: CodeSyntax, Detail: strings.TrimPrefix(err.Error(), "toml: ")}}
}

// located builds an InputError from a go-toml DecodeError, naming the
// [[line]] or [[mode]] entry the key belongs to.
func located(data []byte, de *toml.DecodeError, code Code) *InputError {
	row, col := de.Position()
	key := []string(de.Key())
	ie := &InputError{Code: code, Row: row, Col: col}
	if len(key) >= 2 && (key[0] == "line" || key[0] == "mode") {
		n := tableIndex(data, row, key[0])
		if key[0] == "line" {
			ie.Line = n
		} else {
			ie.Mode = n
		}
		ie.Field = strings.Join(key[1:], ".")
	} else {
		ie.Field = strings.Join(key, ".")
	}
	switch code {
	case CodeSyntax:
		ie.Detail = strings.TrimPrefix(de.Error(), "toml: ")
	case CodeWrongType:
		ie.Detail = "expected " + expectedType(key)
	}
	return ie
}

// tableIndex returns the 1-based index of the [[name]] array-table entry
// that holds row (1-based) of data, or 0 when none can be found.
func tableIndex(data []byte, row int, name string) int {
	n := 0
	for i, text := range strings.Split(string(data), "\n") {
		if i+1 > row {
			break
		}
		t := strings.TrimSpace(text)
		if !strings.HasPrefix(t, "[[") {
			continue
		}
		end := strings.Index(t, "]]")
		if end < 0 {
			continue
		}
		if strings.TrimSpace(t[2:end]) == name {
			n++
		}
	}
	return n
}

// expectedType says, in English, what a key holds.
func expectedType(key []string) string {
	if len(key) == 0 {
		return "a value"
	}
	switch last := key[len(key)-1]; {
	case len(key) == 2 && key[0] == "fx":
		return "a number"
	case last == "fx":
		return "a table of exchange rates"
	case last == "line" || last == "mode":
		return "an array of tables"
	case last == "name" || last == "base_currency" || last == "price_currency" || last == "mode" || last == "currency":
		return "text"
	case strings.HasSuffix(last, "_days") || last == "launch_day" || last == "moq":
		return "a whole number"
	default:
		return "a number"
	}
}

// fileOut is the shape MarshalTOML writes: every field explicit.
type fileOut struct {
	Name             string             `toml:"name"`
	Capital          float64            `toml:"capital" comment:"base currency"`
	BaseCurrency     string             `toml:"base_currency"`
	ReservePct       float64            `toml:"reserve_pct"`
	HorizonDays      int                `toml:"horizon_days"`
	PayoutPeriodDays int                `toml:"payout_period_days"`
	PayoutDelayDays  int                `toml:"payout_delay_days"`
	OverheadMonthly  float64            `toml:"overhead_monthly" comment:"base currency, paid on day 0 and every 30 days"`
	FX               map[string]float64 `toml:"fx,omitempty" comment:"base units per one unit of each currency"`
	Modes            []modeOut          `toml:"mode,omitempty"`
	Lines            []lineOut          `toml:"line"`
}

type modeOut struct {
	Name              string  `toml:"name"`
	TransitDays       int     `toml:"transit_days"`
	ReceivingDays     int     `toml:"receiving_days"`
	CostPerKg         float64 `toml:"cost_per_kg"`
	Currency          string  `toml:"currency,omitempty"`
	CostPerM3         float64 `toml:"cost_per_m3"`
	VolumetricDivisor float64 `toml:"volumetric_divisor"`
}

type lineOut struct {
	Name           string  `toml:"name"`
	Price          float64 `toml:"price"`
	PriceCurrency  string  `toml:"price_currency,omitempty"`
	UnitCost       float64 `toml:"unit_cost"`
	UnitWeightKg   float64 `toml:"unit_weight_kg"`
	DailyUnits     float64 `toml:"daily_units"`
	ProductionDays int     `toml:"production_days"`
	DepositPct     float64 `toml:"deposit_pct"`
	Mode           string  `toml:"mode"`
	CycleDays      int     `toml:"cycle_days"`
	SafetyDays     int     `toml:"safety_days"`
	ReferralPct    float64 `toml:"referral_pct"`
	FBAFee         float64 `toml:"fba_fee"`
	AdPct          float64 `toml:"ad_pct"`
	ReturnPct      float64 `toml:"return_pct"`
	DutyPct        float64 `toml:"duty_pct"`
	StorageFee     float64 `toml:"storage_fee"`
	InboundFee     float64 `toml:"inbound_fee"`
	UnitVolumeM3   float64 `toml:"unit_volume_m3"`
	MOQ            int     `toml:"moq"`
	LaunchDay      int     `toml:"launch_day"`
	RampDays       int     `toml:"ramp_days"`
}

// MarshalTOML writes s as a scenario file with every field explicit, so
// ParseScenario(MarshalTOML(s)) gives s back (for a valid s).
func (s Scenario) MarshalTOML() ([]byte, error) {
	out := fileOut{
		Name:             s.Name,
		Capital:          s.Capital,
		BaseCurrency:     s.BaseCurrency,
		ReservePct:       s.ReservePct,
		HorizonDays:      s.HorizonDays,
		PayoutPeriodDays: s.PayoutPeriodDays,
		PayoutDelayDays:  s.PayoutDelayDays,
		OverheadMonthly:  s.OverheadMonthly,
		FX:               s.FX,
	}
	for _, m := range s.Modes {
		out.Modes = append(out.Modes, modeOut(m))
	}
	for _, l := range s.Lines {
		out.Lines = append(out.Lines, lineOut(l))
	}
	b, err := toml.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("marshal scenario: %w", err)
	}
	return b, nil
}
