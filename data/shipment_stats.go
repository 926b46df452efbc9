package data

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// The logistics view: how each shipping mode and forwarder keeps its
// word (quoted against actual transit days) and what it costs per
// kilogram over time — what a team chooses its logistics by.

// TransitStat is the transit record of one mode and forwarder (Forwarder
// "" is the mode over all forwarders).
type TransitStat struct {
	Mode      string
	Forwarder string
	// Arrived counts the arrived shipments; Quoted those with a quote.
	Arrived int
	Quoted  int
	// QuotedMedian is the median quote; ActualMedian and ActualP90 the
	// median and 90th percentile of the days from departure to arrival.
	QuotedMedian float64
	ActualMedian float64
	ActualP90    float64
	// Late counts quoted shipments that took longer than quoted;
	// LateShare is Late / Quoted (0 without quotes).
	Late      int
	LateShare float64
}

// FreightCost is what one mode and forwarder cost in a month.
type FreightCost struct {
	Mode      string
	Forwarder string
	Month     string // YYYY-MM of departure (or booking)
	Currency  string
	Shipments int
	Cost      int64   // minor units of Currency
	Kg        float64 // chargeable weight
	// PerKg is Cost / Kg in major units (0 when no weight is known).
	PerKg float64
}

// Logistics is the logistics view.
type Logistics struct {
	Transit []TransitStat
	Costs   []FreightCost
}

// Logistics computes the logistics view from every shipment. A shipment
// without a chargeable weight of its own counts its lines' catalog
// weight.
func (s *Store) Logistics(ctx context.Context) (Logistics, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT s.mode, s.forwarder, s.booked_on, s.departed_on, s.arrived_on, s.quoted_days,
		s.cost_minor, s.currency, s.weight_g, coalesce(sum(l.qty * coalesce(p.weight_g, 0)), 0)
		FROM shipment s
		LEFT JOIN shipment_line l ON l.shipment_id = s.id AND l.deleted = 0
		LEFT JOIN product p ON p.deleted = 0 AND p.sku = l.sku
		WHERE s.deleted = 0 AND s.cancelled = 0
		GROUP BY s.id ORDER BY s.mode, s.forwarder`)
	if err != nil {
		return Logistics{}, mapErr(err)
	}
	defer rows.Close()
	type key struct{ mode, forwarder string }
	actual := map[key][]float64{}
	quoted := map[key][]float64{}
	late := map[key]int{}
	costs := map[[4]string]*FreightCost{}
	for rows.Next() {
		var mode, fwd, booked, departed, arrived, cur string
		var quote, weight, lineWeight int
		var cost int64
		if err := rows.Scan(&mode, &fwd, &booked, &departed, &arrived, &quote, &cost, &cur, &weight, &lineWeight); err != nil {
			return Logistics{}, mapErr(err)
		}
		mode = strings.ToLower(mode)
		dep, arr := parseDay(departed), parseDay(arrived)
		for _, k := range []key{{mode, fwd}, {mode, ""}} {
			if dep.IsZero() || arr.IsZero() || arr < dep {
				break
			}
			days := float64(arr - dep)
			actual[k] = append(actual[k], days)
			if quote > 0 {
				quoted[k] = append(quoted[k], float64(quote))
				if days > float64(quote) {
					late[k]++
				}
			}
		}
		if cost <= 0 {
			continue
		}
		when := departed
		if when == "" {
			when = booked
		}
		if len(when) < 7 {
			continue
		}
		grams := weight
		if grams <= 0 {
			grams = lineWeight
		}
		ck := [4]string{mode, fwd, when[:7], cur}
		fc := costs[ck]
		if fc == nil {
			fc = &FreightCost{Mode: mode, Forwarder: fwd, Month: when[:7], Currency: cur}
			costs[ck] = fc
		}
		fc.Shipments++
		fc.Cost += cost
		fc.Kg += float64(grams) / 1000
	}
	if err := rows.Err(); err != nil {
		return Logistics{}, mapErr(err)
	}
	var out Logistics
	for k, days := range actual {
		ts := TransitStat{Mode: k.mode, Forwarder: k.forwarder, Arrived: len(days), Quoted: len(quoted[k]), Late: late[k],
			ActualMedian: percentile(days, 50), ActualP90: percentile(days, 90), QuotedMedian: percentile(quoted[k], 50)}
		if ts.Quoted > 0 {
			ts.LateShare = float64(ts.Late) / float64(ts.Quoted)
		}
		out.Transit = append(out.Transit, ts)
	}
	slices.SortFunc(out.Transit, func(a, b TransitStat) int {
		if c := strings.Compare(a.Mode, b.Mode); c != 0 {
			return c
		}
		return strings.Compare(a.Forwarder, b.Forwarder)
	})
	for _, fc := range costs {
		if fc.Kg > 0 {
			fc.PerKg = float64(fc.Cost) / float64(app.MinorPerMajor(fc.Currency)) / fc.Kg
		}
		out.Costs = append(out.Costs, *fc)
	}
	slices.SortFunc(out.Costs, func(a, b FreightCost) int {
		for _, c := range []int{strings.Compare(a.Mode, b.Mode), strings.Compare(a.Forwarder, b.Forwarder),
			strings.Compare(a.Month, b.Month), strings.Compare(a.Currency, b.Currency)} {
			if c != 0 {
				return c
			}
		}
		return 0
	})
	return out, nil
}

// percentile is the p-th percentile of vs: the median averages the two
// middle values; other percentiles take the nearest rank (the value below
// which p% of the shipments arrived). 0 for no values.
func percentile(vs []float64, p float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if p == 50 {
		if n%2 == 1 {
			return s[n/2]
		}
		return (s[n/2-1] + s[n/2]) / 2
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	return s[min(max(rank, 1), n)-1]
}
