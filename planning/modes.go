package planning

import (
	"sort"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// Mode is a shipping mode: how long goods travel and what freight costs.
type Mode struct {
	// Name identifies the mode; lines refer to it (case-insensitive).
	Name string
	// TransitDays is the days from departure (end of production) to the
	// goods reaching the Amazon warehouse.
	TransitDays int
	// ReceivingDays is the days Amazon takes to receive the goods and make
	// them sellable.
	ReceivingDays int
	// CostPerKg is the freight per kilogram, in major units of Currency.
	CostPerKg float64
	// Currency is the currency of CostPerKg and CostPerM3; empty means the
	// scenario's base currency.
	Currency string
	// CostPerM3 is the freight per cubic metre of a mode priced by volume
	// (LCL sea freight), in major units of Currency; 0 means the mode is
	// not priced by volume. When a mode has both, a unit pays the larger
	// of its weight charge and its volume charge (the "W/M" rule).
	CostPerM3 float64
	// VolumetricDivisor turns volume into chargeable weight (air and
	// express: 6000 or 5000 cm3 per kg): a unit is charged for
	// max(weight, volume in cm3 / VolumetricDivisor) kilograms. 0 means
	// actual weight only.
	VolumetricDivisor float64
}

// Built-in mode names.
const (
	ModeSea     = "sea"
	ModeAir     = "air"
	ModeExpress = "express"
	ModeRail    = "rail"
	ModeTruck   = "truck"
)

// DefaultModes returns the built-in shipping modes, China to an Amazon
// warehouse, priced in CNY. A fresh slice is returned on every call, so the
// caller may edit it and pass it to Simulate.
//
//	sea      35 days transit, 7 receiving, ¥12/kg (LCL sea freight)
//	air       8 days transit, 7 receiving, ¥40/kg (air freight)
//	express   5 days transit, 5 receiving, ¥60/kg (courier express)
//	rail     25 days transit, 7 receiving, ¥22/kg (China–Europe rail)
//	truck    18 days transit, 7 receiving, ¥20/kg (China–Europe trucking, 卡航)
func DefaultModes() []Mode {
	return []Mode{
		{Name: ModeSea, TransitDays: 35, ReceivingDays: 7, CostPerKg: 12, Currency: "CNY"},
		{Name: ModeAir, TransitDays: 8, ReceivingDays: 7, CostPerKg: 40, Currency: "CNY"},
		{Name: ModeExpress, TransitDays: 5, ReceivingDays: 5, CostPerKg: 60, Currency: "CNY"},
		{Name: ModeRail, TransitDays: 25, ReceivingDays: 7, CostPerKg: 22, Currency: "CNY"},
		{Name: ModeTruck, TransitDays: 18, ReceivingDays: 7, CostPerKg: 20, Currency: "CNY"},
	}
}

// findMode looks name up among the scenario's modes, then among builtins.
func findMode(name string, own, builtins []Mode) (Mode, bool) {
	key := strings.TrimSpace(name)
	for _, m := range own {
		if strings.EqualFold(strings.TrimSpace(m.Name), key) {
			return m, true
		}
	}
	for _, m := range builtins {
		if strings.EqualFold(strings.TrimSpace(m.Name), key) {
			return m, true
		}
	}
	return Mode{}, false
}

// modeNames lists the known mode names, sorted and deduplicated.
func modeNames(own, builtins []Mode) []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]Mode{own, builtins} {
		for _, m := range list {
			k := strings.ToLower(strings.TrimSpace(m.Name))
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// builtinsOrDefault returns builtins, or DefaultModes when builtins is nil.
func builtinsOrDefault(builtins []Mode) []Mode {
	if builtins == nil {
		return DefaultModes()
	}
	return builtins
}

// OfficeModes returns the built-in modes overridden and extended by the
// office's saved defaults (the shipping_mode table): a saved mode with a
// built-in's name replaces it; other saved modes are added. Costs are
// converted from minor units of their currency.
func OfficeModes(saved []app.ShippingMode) []Mode {
	modes := DefaultModes()
	for _, sm := range saved {
		m := Mode{
			Name:              strings.ToLower(strings.TrimSpace(sm.Name)),
			TransitDays:       sm.TransitDays,
			ReceivingDays:     sm.ReceivingDays,
			CostPerKg:         float64(sm.CostPerKg) / float64(app.MinorPerMajor(sm.Currency)),
			Currency:          sm.Currency,
			CostPerM3:         float64(sm.CostPerCbm) / float64(app.MinorPerMajor(sm.Currency)),
			VolumetricDivisor: float64(sm.VolumetricDivisor),
		}
		replaced := false
		for i := range modes {
			if strings.EqualFold(modes[i].Name, m.Name) {
				modes[i], replaced = m, true
			}
		}
		if !replaced {
			modes = append(modes, m)
		}
	}
	return modes
}
