package planning

import (
	"fmt"
	"math"
	"runtime"
	"sync"
)

// Metric names a measure of a result: what a sensitivity grid shows in
// each cell (MetricProductsSupported or MetricAnnualizedReturn), or what a
// ranking orders by.
type Metric string

// Grid metrics.
const (
	// MetricProductsSupported: Result.ProductsSupported.
	MetricProductsSupported Metric = "products_supported"
	// MetricAnnualizedReturn: Result.AnnualizedReturnPct.
	MetricAnnualizedReturn Metric = "annualized_return_pct"
)

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
}

// Sensitivity computes the metric for every price × daily units pair
// (each axis 1..MaxGridAxis values). Cells run in parallel; each is
// computed on its own, so the grid is the same on every run.
func Sensitivity(s Scenario, builtins []Mode, prices, dailyUnits []float64, metric Metric) (Grid, error) {
	builtins = builtinsOrDefault(builtins)
	if metric != MetricProductsSupported && metric != MetricAnnualizedReturn {
		return Grid{}, InputErrors{{Field: "metric", Code: CodeBadVariant, Value: string(metric),
			Detail: fmt.Sprintf("unknown metric %q (known: %s, %s)", metric, MetricProductsSupported, MetricAnnualizedReturn)}}
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
		Prices:     append([]float64(nil), prices...),
		DailyUnits: append([]float64(nil), dailyUnits...),
		Values:     make([][]float64, len(prices)),
	}
	for i := range g.Values {
		g.Values[i] = make([]float64, len(dailyUnits))
	}
	cells := len(prices) * len(dailyUnits)
	cellErr := make([]error, cells)
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
				r := p.run(false)
				if metric == MetricProductsSupported {
					g.Values[i][j] = float64(r.ProductsSupported)
				} else {
					g.Values[i][j] = r.AnnualizedReturnPct
				}
			}
		}()
	}
	for c := 0; c < cells; c++ {
		next <- c
	}
	close(next)
	wg.Wait()
	for _, err := range cellErr {
		if err != nil {
			return Grid{}, err
		}
	}
	return g, nil
}
