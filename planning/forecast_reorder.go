package planning

import (
	"runtime"
	"strings"
	"sync"

	"github.com/opsbench/opsbench/app"
)

// The reorder plan of the inventory area: the office's SKUs, stock and
// settings (app types, read by the storage layer in one pass) turned into
// PlanReorders' inputs, and each SKU's plan with the mode the team picks.

// InventoryConfig is the reorder configuration of the office: its
// settings, the built-in shipping modes overridden and extended by its
// saved ones (with their cost per cubic metre), and the transit days of
// each mode's arrived shipments (keyed by lower-case name).
func InventoryConfig(set app.InventorySettings, saved []app.ShippingMode, measured map[string][]float64) ReorderConfig {
	cfg := DefaultReorderConfig()
	cfg.Weights = VelocityWeights{W7: set.Weight7, W14: set.Weight14, W30: set.Weight30}
	cfg.ServiceLevel = set.ServiceLevelPct / 100
	cfg.CycleDays = set.CycleDays
	cfg.SoonDays = set.SoonDays
	cfg.OverstockFactor = set.OverstockFactor
	cfg.Modes = ReorderModes(OfficeModes(saved), measured)
	return cfg
}

// ReorderSKUOf is one SKU's input to the reorder plan.
func ReorderSKUOf(in app.ReorderInput) ReorderSKU {
	st := in.Stock
	return ReorderSKU{
		SKU:   in.Product.SKU,
		Sales: DailySales{Units: in.Sales.Units, InStock: in.Sales.InStock},
		Supply: Supply{
			FBAFulfillable:      st.FBAFulfillable,
			FBAInboundWorking:   st.FBAInboundWorking,
			FBAInboundShipped:   st.FBAInboundShipped,
			FBAInboundReceiving: st.FBAInboundReceiving,
			InTransit:           st.InTransit,
			Local:               st.Local,
			Overseas:            st.Overseas,
			Ordered:             st.Ordered,
		},
		ProductionDays: in.Product.ProductionDays,
		MOQ:            in.Product.MOQ,
		CasePack:       in.Product.CasePack,
		UnitWeightKg:   in.Product.UnitWeightKg(),
		UnitVolumeM3:   in.Product.UnitVolumeM3(),
		SafetyDays:     float64(in.Product.SafetyDays),
	}
}

// InventoryPlan is a SKU's reorder plan: its figures, the plan of every
// mode side by side, and which of them the team picks for it (the SKU's
// mode in the catalog, sea unless said).
type InventoryPlan struct {
	ReorderPlan
	Input app.ReorderInput
	// Chosen is the index in Modes of the team's mode; Status is that
	// mode's status.
	Chosen int
}

// ChosenMode is the plan of the mode the team picks.
func (p InventoryPlan) ChosenMode() ModePlan {
	if p.Chosen < 0 || p.Chosen >= len(p.Modes) {
		return ModePlan{}
	}
	return p.Modes[p.Chosen]
}

// PlanInventory plans every SKU in one pass, split over the processors
// (each SKU's plan is its own).
func PlanInventory(inputs []app.ReorderInput, cfg ReorderConfig, today app.Date) []InventoryPlan {
	out := make([]InventoryPlan, len(inputs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(inputs)/200))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(inputs); i += workers {
				in := inputs[i]
				p := PlanReorder(ReorderSKUOf(in), cfg, today)
				ip := InventoryPlan{ReorderPlan: p, Input: in, Chosen: ChooseMode(cfg.Modes, in.Product.Mode)}
				if ip.Chosen < len(p.Modes) {
					ip.Status = p.Modes[ip.Chosen].Status
				}
				out[i] = ip
			}
		})
	}
	wg.Wait()
	return out
}

// ChooseMode is the index of the mode named (case-insensitive) among
// modes; sea when name is empty or unknown, else the first mode.
func ChooseMode(modes []ReorderMode, name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	sea := 0
	for i, m := range modes {
		n := strings.ToLower(m.Name)
		if n == name && name != "" {
			return i
		}
		if n == ModeSea && sea == 0 {
			sea = i
		}
	}
	return sea
}
