package planning

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
)

// Metric names a measure of a result: what a sensitivity grid shows in
// each cell (see GridMetrics), or what a ranking orders by.
type Metric string

// Grid metrics.
const (
	// MetricProfit: Result.Profit in major units. The grid's default:
	// price moves it directly, where products supported barely moves.
	MetricProfit Metric = "profit"
	// MetricLimitedProfit: Result.Limited.Profit in major units, what the
	// capital earns as a hard limit.
	MetricLimitedProfit Metric = "capital_limited_profit"
	// MetricAnnualizedReturn: Result.ReturnPct (annualized, or the period
	// return for horizons under MinAnnualizedDays; a cell with no capital
	// tied up is n/a, see Grid.NA).
	MetricAnnualizedReturn Metric = "annualized_return_pct"
	// MetricProductsSupported: Result.ProductsSupported.
	MetricProductsSupported Metric = "products_supported"
	// MetricPeakNeed: Result.PeakNeed in major units.
	MetricPeakNeed Metric = "peak_capital_need"
)

// DefaultGridMetric is the figure a sensitivity grid shows unless the
// person picks another.
const DefaultGridMetric = MetricProfit

// GridMetrics lists the metrics Sensitivity computes, the default first.
func GridMetrics() []Metric {
	return []Metric{MetricProfit, MetricLimitedProfit, MetricAnnualizedReturn, MetricProductsSupported, MetricPeakNeed}
}

// Better says which way a metric improves, for a colour scale.
type Better string

// Directions.
const (
	HigherIsBetter Better = "higher"
	LowerIsBetter  Better = "lower"
)

// Better says which way m improves: lower for the capital a plan needs
// and the days cash is tied up, higher for everything else.
func (m Metric) Better() Better {
	switch m {
	case MetricPeakNeed, MetricCashConversionDays:
		return LowerIsBetter
	}
	return HigherIsBetter
}

// Unit is what m measures.
func (m Metric) Unit() Unit {
	switch m {
	case MetricProfit, MetricLimitedProfit, MetricPeakNeed, MetricMonthlyRevenueSupported:
		return UnitMoney
	case MetricAnnualizedReturn, MetricMarginPct:
		return UnitPct
	case MetricCashConversionDays:
		return UnitDays
	}
	return UnitCount
}

// gridMetric reports whether Sensitivity computes m.
func gridMetric(m Metric) bool {
	for _, g := range GridMetrics() {
		if g == m {
			return true
		}
	}
	return false
}

// MaxGridAxis is the most values one axis of a sensitivity grid takes.
const MaxGridAxis = 20

// Grid is a sensitivity grid: Values[i][j] is the metric with every line's
// price set to Prices[i] (in each line's own price currency) and daily
// units set to DailyUnits[j].
type Grid struct {
	Metric     Metric
	Prices     []float64
	DailyUnits []float64
	Values     [][]float64
	// NA[i][j] is true when the cell has no value (a return where no
	// capital is tied up): show "n/a", not Values[i][j]. nil when no cell
	// is n/a.
	NA [][]bool
	// Better says which way the metric improves; Currency is the currency
	// of money metrics.
	Better   Better
	Currency string
}

// Sensitivity computes the metric for every price × daily units pair
// (each axis 1..MaxGridAxis values). Cells run in parallel; each is
// computed on its own, so the grid is the same on every run.
func Sensitivity(s Scenario, builtins []Mode, prices, dailyUnits []float64, metric Metric) (Grid, error) {
	builtins = builtinsOrDefault(builtins)
	if !gridMetric(metric) {
		known := make([]string, 0, len(GridMetrics()))
		for _, m := range GridMetrics() {
			known = append(known, string(m))
		}
		return Grid{}, InputErrors{{Field: "metric", Code: CodeBadVariant, Value: string(metric),
			Detail: fmt.Sprintf("unknown metric %q (known: %s)", metric, strings.Join(known, ", "))}}
	}
	var errs InputErrors
	axis := func(name string, vals []float64) {
		if len(vals) == 0 || len(vals) > MaxGridAxis {
			errs = append(errs, &InputError{Field: name, Code: CodeBadVariant, Value: fmt.Sprint(len(vals)),
				Detail: fmt.Sprintf("takes 1 to %d values, got %d", MaxGridAxis, len(vals))})
			return
		}
		for _, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
				errs = append(errs, &InputError{Field: name, Code: CodeBadVariant, Value: fmtNum(v),
					Detail: fmt.Sprintf("%s must be greater than 0, got %s", name, fmtNum(v))})
			}
		}
	}
	axis("price", prices)
	axis("daily_units", dailyUnits)
	if len(errs) > 0 {
		return Grid{}, errs
	}
	if _, err := prepare(s, builtins); err != nil {
		return Grid{}, err
	}

	g := Grid{
		Metric:     metric,
		Better:     metric.Better(),
		Currency:   s.BaseCurrency,
		Prices:     append([]float64(nil), prices...),
		DailyUnits: append([]float64(nil), dailyUnits...),
		Values:     make([][]float64, len(prices)),
	}
	for i := range g.Values {
		g.Values[i] = make([]float64, len(dailyUnits))
	}
	cells := len(prices) * len(dailyUnits)
	cellErr := make([]error, cells)
	na := make([]bool, cells)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), cells); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				i, j := c/len(dailyUnits), c%len(dailyUnits)
				sc := s.Clone()
				for k := range sc.Lines {
					sc.Lines[k].Price = prices[i]
					sc.Lines[k].DailyUnits = dailyUnits[j]
				}
				p, err := prepare(sc, builtins)
				if err != nil {
					cellErr[c] = fmt.Errorf("price %s, daily units %s: %w", fmtNum(prices[i]), fmtNum(dailyUnits[j]), err)
					continue
				}
				r := p.run(runOpts{limited: metric == MetricLimitedProfit})
				switch metric {
				case MetricProductsSupported:
					g.Values[i][j] = float64(r.ProductsSupported)
				case MetricAnnualizedReturn:
					g.Values[i][j] = r.ReturnPct
					na[c] = r.ReturnBasis == ReturnNone
				case MetricProfit:
					g.Values[i][j] = major(r.Profit, r.Currency)
				case MetricLimitedProfit:
					g.Values[i][j] = major(r.Limited.Profit, r.Currency)
				case MetricPeakNeed:
					g.Values[i][j] = major(r.PeakNeed, r.Currency)
				}
			}
		}()
	}
	for c := 0; c < cells; c++ {
		next <- c
	}
	close(next)
	wg.Wait()
	for c, err := range cellErr {
		if err != nil {
			return Grid{}, err
		}
		if na[c] {
			if g.NA == nil {
				g.NA = make([][]bool, len(prices))
				for i := range g.NA {
					g.NA[i] = make([]bool, len(dailyUnits))
				}
			}
			g.NA[c/len(dailyUnits)][c%len(dailyUnits)] = true
		}
	}
	return g, nil
}
