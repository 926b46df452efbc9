package planning

import (
	"math"
	"strings"

	"github.com/go-gota/gota/series"

	"github.com/opsbench/opsbench/app"
)

// Reorder planning: for every SKU, how fast it sells, when it runs out and
// what to order by when, per shipping mode.
//
// How to call it (the storage layer fills the inputs in one pass):
//
//	cfg := planning.DefaultReorderConfig()        // or edited weights, service level, cycle
//	cfg.Modes = planning.ReorderModes(planning.OfficeModes(saved), measured)
//	plans := planning.PlanReorders(skus, cfg, today)
//	p := plans[i]   // p.Velocity, p.Sigma, p.Supply, p.FBACoverDays, p.StockoutDate, p.Status
//	p.Modes[j]      // per mode: LeadDays, Measured, SafetyStock, ReorderPoint, Qty, OrderBy, Status
//
// The formulas (issue 11):
//
//	v      = weighted mean of the 7-, 14- and 30-day average daily units
//	         (weights 0.5/0.3/0.2); a stock-out day counts its units but is
//	         left out of its window's divisor
//	sigma  = standard deviation of daily units over the last 30 in-stock days
//	L      = production + transit + receiving days; transit is the median
//	         of the mode's arrived shipments once there are 5 of them
//	SS     = ceil(z·sigma·sqrt(L)), or ceil(z·sqrt(L·sigma² + v²·sigmaL²))
//	         when L is measured, or ceil(safety days · v)
//	ROP    = ceil(v·L) + SS
//	S      = FBA fulfillable + FBA inbound + in transit + warehouses + ordered
//	qty    = max(0, ceil(v·(L + cycle) + SS − S)), up to MOQ, up to case packs
//	order by = today + floor((S − ROP) / v)

// DailySales is one SKU's sales history, one entry per day, oldest first;
// the last entry is the last complete day (normally yesterday).
type DailySales struct {
	// Units sold each day.
	Units []float64
	// InStock says whether the SKU had sellable FBA stock each day; nil
	// means every day. A shorter slice leaves the missing days in stock.
	InStock []bool
}

func (s DailySales) inStock(i int) bool { return i >= len(s.InStock) || s.InStock[i] }

// VelocityWeights weigh the 7-, 14- and 30-day averages.
type VelocityWeights struct {
	W7, W14, W30 float64
}

// DefaultVelocityWeights are 0.5 / 0.3 / 0.2.
func DefaultVelocityWeights() VelocityWeights { return VelocityWeights{W7: 0.5, W14: 0.3, W30: 0.2} }

// SigmaDays is how many in-stock days sigma looks back over.
const SigmaDays = 30

// Window is one velocity window's average.
type Window struct {
	Days        int     // 7, 14 or 30
	InStockDays int     // the divisor
	Units       float64 // units sold in the window, stock-out days included
	Mean        float64 // Units / InStockDays; 0 when InStockDays is 0
}

// Demand is what a SKU's history says about its sales.
type Demand struct {
	// Velocity is the expected units a day.
	Velocity float64
	// Sigma is the standard deviation of daily units (sample, n−1) over
	// the last SigmaDays in-stock days; 0 with fewer than two such days.
	Sigma float64
	// SigmaDays is how many in-stock days Sigma was measured over.
	SigmaDays int
	// Windows are the 7-, 14- and 30-day averages.
	Windows [3]Window
	// Fallback is set when every window was out of stock the whole time:
	// Velocity is then the mean of the last SigmaDays in-stock days of
	// the older history.
	Fallback bool
	// NoInStockDays is set when the SKU had no stock on any day given:
	// its demand cannot be measured.
	NoInStockDays bool
}

// MeasureDemand computes velocity and sigma from a sales history. Windows
// without an in-stock day drop out and the remaining weights are scaled
// up to sum to one.
func MeasureDemand(s DailySales, w VelocityWeights) Demand {
	var d Demand
	n := len(s.Units)
	weights := [3]float64{w.W7, w.W14, w.W30}
	var wsum, vsum float64
	for k, days := range [3]int{7, 14, 30} {
		win := Window{Days: days}
		for i := max(0, n-days); i < n; i++ {
			win.Units += s.Units[i]
			if s.inStock(i) {
				win.InStockDays++
			}
		}
		if win.InStockDays > 0 {
			win.Mean = win.Units / float64(win.InStockDays)
			wsum += weights[k]
			vsum += weights[k] * win.Mean
		}
		d.Windows[k] = win
	}
	// The last SigmaDays in-stock days, newest first.
	recent := make([]float64, 0, SigmaDays)
	for i := n - 1; i >= 0 && len(recent) < SigmaDays; i-- {
		if s.inStock(i) {
			recent = append(recent, s.Units[i])
		}
	}
	d.SigmaDays = len(recent)
	if len(recent) == 0 {
		d.NoInStockDays = true
		return d
	}
	units := series.New(recent, series.Float, "units")
	if len(recent) >= 2 {
		d.Sigma = units.StdDev()
	}
	switch {
	case wsum > 0:
		d.Velocity = vsum / wsum
	default:
		d.Fallback = true
		d.Velocity = units.Mean()
	}
	if math.IsNaN(d.Velocity) || d.Velocity < 0 {
		d.Velocity = 0
	}
	if math.IsNaN(d.Sigma) {
		d.Sigma = 0
	}
	return d
}

// ReorderMode is a shipping mode as the reorder plan sees it.
type ReorderMode struct {
	Name string
	// TransitDays is the quoted transit time.
	TransitDays float64
	// ReceivingDays is the days Amazon takes to make goods sellable
	// (DefaultReceivingDays when the office has not said).
	ReceivingDays float64
	// Arrived are the measured transit days of this mode's arrived
	// shipments (departed to arrived); from MinMeasuredShipments on, their
	// median replaces TransitDays and their spread enters safety stock.
	Arrived []float64
	// CostPerKg is the freight per kilogram in Currency (0: unknown);
	// CostPerCbm the freight per cubic metre of a mode priced by volume
	// (0: by weight only). A unit pays the larger of the two (W/M), its
	// weight counted as its volumetric weight when that is more and the
	// mode has a VolumetricDivisor (cm³ per kg), as in Simulate.
	CostPerKg         float64
	CostPerCbm        float64
	VolumetricDivisor float64
	Currency          string
}

// DefaultReceivingDays is the receiving time when the office has not set
// one for a mode.
const DefaultReceivingDays = 7

// MinMeasuredShipments is how many arrived shipments a mode needs before
// its measured transit replaces the quoted one.
const MinMeasuredShipments = 5

// ReorderModes turns the office's shipping modes into reorder modes, with
// the measured transit days of each mode's arrived shipments (keyed by
// lower-case mode name; nil when none).
func ReorderModes(modes []Mode, arrived map[string][]float64) []ReorderMode {
	out := make([]ReorderMode, len(modes))
	for i, m := range modes {
		out[i] = ReorderMode{
			Name:              m.Name,
			TransitDays:       float64(m.TransitDays),
			ReceivingDays:     float64(m.ReceivingDays),
			Arrived:           arrived[strings.ToLower(strings.TrimSpace(m.Name))],
			CostPerKg:         m.CostPerKg,
			CostPerCbm:        m.CostPerM3,
			VolumetricDivisor: m.VolumetricDivisor,
			Currency:          m.Currency,
		}
	}
	return out
}

// Supply is every unit of a SKU that is or will be sellable.
type Supply struct {
	FBAFulfillable      int
	FBAInboundWorking   int
	FBAInboundShipped   int
	FBAInboundReceiving int
	InTransit           int
	Local               int // local warehouse
	Overseas            int // overseas warehouse
	Ordered             int // ordered, not yet shipped
}

// Total is S, the sum of all the parts.
func (s Supply) Total() int {
	return s.FBAFulfillable + s.FBAInboundWorking + s.FBAInboundShipped + s.FBAInboundReceiving +
		s.InTransit + s.Local + s.Overseas + s.Ordered
}

// negative reports whether any part is below zero (movements that took
// out more than came in): shown, never hidden.
func (s Supply) negative() bool {
	return min(s.FBAFulfillable, s.FBAInboundWorking, s.FBAInboundShipped, s.FBAInboundReceiving,
		s.InTransit, s.Local, s.Overseas, s.Ordered) < 0
}

// ReorderSKU is one SKU's inputs.
type ReorderSKU struct {
	SKU            string
	Sales          DailySales
	Supply         Supply
	ProductionDays int
	MOQ            int     // 0 or 1: none
	CasePack       int     // units per carton; 0 or 1: none
	UnitWeightKg   float64 // for freight cost; 0: unknown
	UnitVolumeM3   float64 // for freight by volume; 0: unknown
	// SafetyDays, when above zero, sets safety stock to SafetyDays × v
	// instead of the service-level formula.
	SafetyDays float64
}

// ReorderConfig holds the office's reorder settings.
type ReorderConfig struct {
	Weights VelocityWeights
	// ServiceLevel is the share of order cycles that should not run out
	// (0.5–0.9999); 0.95 gives z = 1.645.
	ServiceLevel float64
	// CycleDays is the days of stock one order should cover.
	CycleDays int
	// SoonDays: a mode whose order-by date is at most this many days away
	// is "order within" (7).
	SoonDays int
	// OverstockFactor: total cover above this × (L + cycle) is overstock
	// (1.5).
	OverstockFactor float64
	// Modes are planned side by side; the first is the SKU's usual mode
	// and gives the SKU's status.
	Modes []ReorderMode
}

// DefaultReorderConfig returns the defaults with the built-in
// shipping modes (sea first).
func DefaultReorderConfig() ReorderConfig {
	return ReorderConfig{
		Weights:         DefaultVelocityWeights(),
		ServiceLevel:    0.95,
		CycleDays:       30,
		SoonDays:        7,
		OverstockFactor: 1.5,
		Modes:           ReorderModes(DefaultModes(), nil),
	}
}

// ZScore is the standard normal quantile of a service level, rounded to
// three decimals as the printed tables people check against have it:
// 0.95 → 1.645, 0.98 → 2.054, 0.99 → 2.326. Levels outside (0.5, 1) are
// clamped to 0.5 (z = 0) and 0.9999.
func ZScore(level float64) float64 {
	if math.IsNaN(level) || level <= 0.5 {
		return 0
	}
	level = min(level, 0.9999)
	z := math.Sqrt2 * math.Erfinv(2*level-1)
	return math.Round(z*1000) / 1000
}

// ReorderStatus is the advice for a SKU or a mode.
type ReorderStatus string

// Reorder statuses, most urgent first.
const (
	ReorderNow       ReorderStatus = "order_now"  // order-by date is today or past
	ReorderSoon      ReorderStatus = "order_soon" // within SoonDays
	ReorderOK        ReorderStatus = "ok"
	ReorderOverstock ReorderStatus = "overstock" // total cover > factor × (L + cycle)
	ReorderNoSales   ReorderStatus = "no_sales"  // no velocity: nothing to plan with
)

// ModePlan is the plan for one shipping mode.
type ModePlan struct {
	Mode string
	// TransitDays used: quoted, or the measured median.
	TransitDays float64
	// Measured is set when TransitDays is the median of at least
	// MinMeasuredShipments arrived shipments; SigmaL is then their
	// standard deviation and Shipments their number.
	Measured  bool
	SigmaL    float64
	Shipments int
	// LeadDays is L = production + transit + receiving.
	LeadDays     float64
	SafetyStock  int
	ReorderPoint int
	// NeedQty is the quantity before rounding to MOQ and case packs; Qty
	// the suggestion (0: nothing to order).
	NeedQty int
	Qty     int
	// OrderByDays is floor((S − ROP) / v): days from today until the order
	// must go out; negative means "order now, that many days late".
	OrderByDays int
	OrderBy     app.Date
	// Arrival is when an order placed today would be sellable.
	Arrival app.Date
	// ShortDays is how many days FBA runs dry before an order placed
	// today arrives (lead time longer than the cover); 0 when it does not.
	ShortDays int
	// CoverAfterArrival is the days of sales the supply plus Qty still
	// covers when an order placed today arrives.
	CoverAfterArrival float64
	// FreightCost is Qty × the larger of unit weight × cost per kg and
	// unit volume × cost per cubic metre, in Currency; 0 when neither is
	// known.
	FreightCost float64
	Currency    string
	Status      ReorderStatus
}

// ReorderPlan is a SKU's figures and its plan per mode.
type ReorderPlan struct {
	SKU string
	Demand
	// Supply is S; NegativeSupply flags a part below zero.
	Supply         int
	NegativeSupply bool
	// FBACoverDays is FBA fulfillable / v, and TotalCoverDays S / v (0
	// when v is 0 or the stock negative).
	FBACoverDays   float64
	TotalCoverDays float64
	// StockoutDate is today + floor(FBACoverDays); zero without sales.
	StockoutDate app.Date
	// Status is the first mode's status (no_sales without modes or sales).
	Status ReorderStatus
	Modes  []ModePlan
}

// PlanReorders plans every SKU. One pass, no shared state: the caller may
// split the slice across goroutines.
func PlanReorders(skus []ReorderSKU, cfg ReorderConfig, today app.Date) []ReorderPlan {
	out := make([]ReorderPlan, len(skus))
	for i, s := range skus {
		out[i] = PlanReorder(s, cfg, today)
	}
	return out
}

// PlanReorder measures a SKU's demand from its history and plans it.
func PlanReorder(s ReorderSKU, cfg ReorderConfig, today app.Date) ReorderPlan {
	return PlanWithDemand(s, MeasureDemand(s.Sales, cfg.Weights), cfg, today)
}

// eps absorbs floating-point noise before rounding up: 10 × 8.7 must
// stay 87, not become 88.
const eps = 1e-9

func ceilInt(x float64) int { return int(math.Ceil(x - eps)) }

func floorInt(x float64) int { return int(math.Floor(x + eps)) }

// PlanWithDemand plans a SKU whose demand is already known (s.Sales is
// not read).
func PlanWithDemand(s ReorderSKU, d Demand, cfg ReorderConfig, today app.Date) ReorderPlan {
	p := ReorderPlan{
		SKU:            s.SKU,
		Demand:         d,
		Supply:         s.Supply.Total(),
		NegativeSupply: s.Supply.negative(),
		Status:         ReorderNoSales,
	}
	v := d.Velocity
	if v > 0 {
		p.FBACoverDays = max(0, float64(s.Supply.FBAFulfillable)/v)
		p.TotalCoverDays = max(0, float64(p.Supply)/v)
		p.StockoutDate = today.AddDays(floorInt(p.FBACoverDays))
	}
	z := ZScore(cfg.ServiceLevel)
	p.Modes = make([]ModePlan, len(cfg.Modes))
	for i, m := range cfg.Modes {
		p.Modes[i] = planMode(s, d, m, z, cfg, p.Supply, today)
	}
	if len(p.Modes) > 0 {
		p.Status = p.Modes[0].Status
	}
	return p
}

func planMode(s ReorderSKU, d Demand, m ReorderMode, z float64, cfg ReorderConfig, supply int, today app.Date) ModePlan {
	mp := ModePlan{Mode: m.Name, TransitDays: m.TransitDays, Currency: m.Currency, Shipments: len(m.Arrived)}
	if len(m.Arrived) >= MinMeasuredShipments {
		arrived := series.New(m.Arrived, series.Float, "transit")
		mp.TransitDays, mp.SigmaL, mp.Measured = arrived.Median(), arrived.StdDev(), true
	}
	mp.LeadDays = float64(s.ProductionDays) + mp.TransitDays + m.ReceivingDays
	L := mp.LeadDays
	v := d.Velocity
	switch {
	case s.SafetyDays > 0:
		mp.SafetyStock = ceilInt(s.SafetyDays * v)
	case mp.Measured:
		mp.SafetyStock = ceilInt(z * math.Sqrt(L*d.Sigma*d.Sigma+v*v*mp.SigmaL*mp.SigmaL))
	default:
		mp.SafetyStock = ceilInt(z * d.Sigma * math.Sqrt(L))
	}
	mp.SafetyStock = max(0, mp.SafetyStock)
	mp.ReorderPoint = ceilInt(v*L) + mp.SafetyStock
	mp.Arrival = today.AddDays(ceilInt(L))
	if v <= 0 {
		mp.Status = ReorderNoSales
		return mp
	}
	cycle := float64(cfg.CycleDays)
	mp.NeedQty = max(0, ceilInt(v*(L+cycle)+float64(mp.SafetyStock)-float64(supply)))
	mp.Qty = roundOrder(mp.NeedQty, s.MOQ, s.CasePack)
	mp.OrderByDays = floorInt(float64(supply-mp.ReorderPoint) / v)
	mp.OrderBy = today.AddDays(mp.OrderByDays)
	cover := float64(supply) / v
	if cover < L {
		mp.ShortDays = ceilInt(L - max(0, cover))
	}
	mp.CoverAfterArrival = (float64(supply+mp.Qty) - v*L) / v
	mp.FreightCost = float64(mp.Qty) * UnitFreight(s.UnitWeightKg, s.UnitVolumeM3, m)
	factor := cfg.OverstockFactor
	if factor <= 0 {
		factor = 1.5
	}
	switch {
	case mp.OrderByDays <= 0:
		mp.Status = ReorderNow
	case mp.OrderByDays <= cfg.SoonDays:
		mp.Status = ReorderSoon
	case cover > factor*(L+cycle):
		mp.Status = ReorderOverstock
	default:
		mp.Status = ReorderOK
	}
	return mp
}

// UnitFreight is the freight of one unit by mode m: the larger of its
// weight charge and its volume charge (the "W/M" rule of LCL freight);
// 0 when neither is known.
func UnitFreight(weightKg, volumeM3 float64, m ReorderMode) float64 {
	if m.VolumetricDivisor > 0 {
		weightKg = max(weightKg, volumeM3*1e6/m.VolumetricDivisor)
	}
	return max(0, weightKg*m.CostPerKg, volumeM3*m.CostPerCbm)
}

// roundOrder rounds a needed quantity up to the MOQ, then up to whole
// case packs. Nothing needed stays nothing.
func roundOrder(need, moq, pack int) int {
	if need <= 0 {
		return 0
	}
	q := max(need, moq)
	if pack > 1 {
		q = (q + pack - 1) / pack * pack
	}
	return q
}
