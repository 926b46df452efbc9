package planning

import (
	"math"
	"reflect"
	"testing"
)

// A capital that covers the peak need runs the plan as planned: the
// capital-limited figures are the need figures.
func TestLimitedAboveNeedIsUnlimited(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		s := randomFullScenario(seed)
		r, err := Simulate(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Capital so that the budget after reserve is above the need.
		s.Capital = math.Ceil((float64(r.PeakNeed)/100+1000)/(1-s.ReservePct/100)) + 1
		r, err = Simulate(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Feasible {
			t.Fatalf("seed %d: capital %v does not cover need %d", seed, s.Capital, r.PeakNeed)
		}
		c := r.Limited
		var sold int64
		for _, l := range r.Lines {
			sold += l.UnitsSold
		}
		if c.UnitsSold != sold || c.LostUnits != r.LostUnits || c.Profit != r.Profit || c.ReturnPct != r.ReturnPct ||
			c.DelayedOrders != 0 || c.DelayDays != 0 || c.ShrunkOrders != 0 || c.SelfFundingDay != r.SelfFundingDay ||
			!reflect.DeepEqual(c.Daily, r.Daily) {
			t.Errorf("seed %d: limited %+v differs from the need run (sold %d, lost %d, profit %d)", seed, c, sold, r.LostUnits, r.Profit)
		}
		if r.CapitalShortfall != 0 || r.Verdict.Achieved != nil {
			t.Errorf("seed %d: feasible plan with shortfall %d", seed, r.CapitalShortfall)
		}
	}
}

// With no capital nothing can be bought, so nothing sells.
func TestLimitedZeroCapitalSellsNothing(t *testing.T) {
	for seed := uint64(1); seed <= 100; seed++ {
		s := randomScenario(seed)
		s.Capital = 0.01 // the least capital there is: one fen
		for i := range s.Lines {
			s.Lines[i].UnitCost = max(s.Lines[i].UnitCost, 1)
		}
		r, err := Simulate(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Limited.UnitsSold != 0 || r.Limited.Profit > 0 {
			t.Errorf("seed %d: one fen sells %d units, profit %d", seed, r.Limited.UnitsSold, r.Limited.Profit)
		}
		if r.Limited.ReturnBasis != ReturnNone && r.Limited.CapitalUsed == 0 {
			t.Errorf("seed %d: return basis %s with no capital used", seed, r.Limited.ReturnBasis)
		}
	}
}

// More capital never sells fewer units in the capital-limited run: it buys
// the same planned units in the same sequence, each no later (see the
// engine's comment), so its stock arrives, sells and pays out no later.
// Lines that lose money and lines with MOQs, duty, overhead, staggered
// launches and ramps included; 4,000 seeds were checked once.
//
// Storage fees are left out: there the property does not hold, and the
// simulation is right about it. Buying closer to the plan keeps more
// stock on the shelf, its storage fees take cash the next purchase needed,
// and lean buying can sell more (randomFullScenario(1738): ¥164,540 sells
// 19,237 units, ¥219,387 sells 17,025; without storage fees 21,963 and
// 23,440).
func TestPropertyMoreCapitalNeverSellsFewerUnits(t *testing.T) {
	for seed := uint64(1); seed <= 400; seed++ {
		s := randomScenario(seed)
		if seed%2 == 0 {
			s = randomFullScenario(seed)
			for i := range s.Lines {
				s.Lines[i].StorageFee = 0
			}
		}
		r, err := Simulate(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		need := float64(r.PeakNeed) / 100 / (1 - s.ReservePct/100)
		prev, prevCap := int64(-1), 0.0
		for _, f := range []float64{0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 0.97, 1.01, 1.5} {
			sc := s.Clone()
			sc.Capital = math.Max(0.01, math.Round(need*f*100)/100)
			r, err := Simulate(sc, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkFinite(t, r)
			if r.Limited.UnitsSold < prev {
				t.Errorf("seed %d: capital %.2f sells %d units, %.2f sold %d", seed, sc.Capital, r.Limited.UnitsSold, prevCap, prev)
			}
			prev, prevCap = r.Limited.UnitsSold, sc.Capital
		}
	}
}
