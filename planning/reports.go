package planning

import (
	"strconv"

	"github.com/opsbench/opsbench/app"
)

// major converts minor units to major units of currency.
func major(minor int64, currency string) float64 {
	return float64(minor) / float64(app.MinorPerMajor(currency))
}

// dayText renders a day, or "" for NoDay.
func dayText(d int) string {
	if d == NoDay {
		return ""
	}
	return strconv.Itoa(d)
}

// WeeklyTable lists the balance at the end of each week: columns week,
// end_day, balance (major units).
func WeeklyTable(r Result) Table {
	n := len(r.Weekly)
	week, end, bal := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, w := range r.Weekly {
		week[i], end[i], bal[i] = float64(w.Week), float64(w.EndDay), major(w.Balance, r.Currency)
	}
	return newTable([]colSpec{
		{name: "week", nums: week},
		{name: "end_day", nums: end},
		{name: "balance", nums: bal, decimals: app.MoneyDecimals(r.Currency)},
	})
}

// WeeklyStats summarises the weekly balances (major units).
func WeeklyStats(r Result) Stats {
	v := make([]float64, len(r.Weekly))
	for i, w := range r.Weekly {
		v[i] = major(w.Balance, r.Currency)
	}
	return statsOf(v)
}

// ComparisonTable sets results side by side, one row each: label,
// feasible, reason, products_supported, peak_need, capital_available,
// lowest_balance, lowest_day, cash_out_day and break_even_day (empty when
// never), cash_conversion_days, annualized_return_pct, profit, lost_units,
// stock_out_days. Money in major units of each result's currency.
func ComparisonTable(rs []Result) Table {
	n := len(rs)
	label, feasible, reason, cashOut, breakEven := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	num := func() []float64 { return make([]float64, n) }
	ps, peak, avail, low, lowDay, ccc, ann, profit, lost, so := num(), num(), num(), num(), num(), num(), num(), num(), num(), num()
	dec := 2
	for i, r := range rs {
		label[i] = r.Label
		feasible[i] = strconv.FormatBool(r.Feasible)
		reason[i] = string(r.Verdict.Reason)
		cashOut[i] = dayText(r.CashOutDay)
		breakEven[i] = dayText(r.BreakEvenDay)
		ps[i] = float64(r.ProductsSupported)
		peak[i] = major(r.PeakNeed, r.Currency)
		avail[i] = major(r.CapitalAvailable, r.Currency)
		low[i] = major(r.LowestBalance, r.Currency)
		lowDay[i] = float64(r.LowestDay)
		ccc[i] = r.CashConversionDays
		ann[i] = r.AnnualizedReturnPct
		profit[i] = major(r.Profit, r.Currency)
		lost[i] = float64(r.LostUnits)
		so[i] = float64(r.StockOutDays)
		if i == 0 {
			dec = app.MoneyDecimals(r.Currency)
		}
	}
	return newTable([]colSpec{
		{name: "label", texts: label},
		{name: "feasible", texts: feasible},
		{name: "reason", texts: reason},
		{name: "products_supported", nums: ps},
		{name: "peak_need", nums: peak, decimals: dec},
		{name: "capital_available", nums: avail, decimals: dec},
		{name: "lowest_balance", nums: low, decimals: dec},
		{name: "lowest_day", nums: lowDay},
		{name: "cash_out_day", texts: cashOut},
		{name: "break_even_day", texts: breakEven},
		{name: "cash_conversion_days", nums: ccc, decimals: 1},
		{name: "annualized_return_pct", nums: ann, decimals: 1},
		{name: "profit", nums: profit, decimals: dec},
		{name: "lost_units", nums: lost},
		{name: "stock_out_days", nums: so},
	})
}

// LinesTable lists a result's lines: name, mode, lead_time_days,
// order_units, orders, units_sold, lost_units, stock_out_days,
// landed_unit_cost, unit_profit, margin_pct, cash_conversion_days.
func LinesTable(r Result) Table {
	n := len(r.Lines)
	name, mode := make([]string, n), make([]string, n)
	num := func() []float64 { return make([]float64, n) }
	lead, q, orders, sold, lost, so, landed, profit, margin, ccc := num(), num(), num(), num(), num(), num(), num(), num(), num(), num()
	for i, l := range r.Lines {
		name[i], mode[i] = l.Name, l.Mode
		lead[i], q[i], orders[i] = float64(l.LeadTimeDays), float64(l.OrderUnits), float64(l.Orders)
		sold[i], lost[i], so[i] = float64(l.UnitsSold), float64(l.LostUnits), float64(l.StockOutDays)
		landed[i], profit[i] = major(l.LandedUnitCost, r.Currency), major(l.UnitProfit, r.Currency)
		margin[i], ccc[i] = l.MarginPct, l.CashConversionDays
	}
	dec := app.MoneyDecimals(r.Currency)
	return newTable([]colSpec{
		{name: "name", texts: name},
		{name: "mode", texts: mode},
		{name: "lead_time_days", nums: lead},
		{name: "order_units", nums: q},
		{name: "orders", nums: orders},
		{name: "units_sold", nums: sold},
		{name: "lost_units", nums: lost},
		{name: "stock_out_days", nums: so},
		{name: "landed_unit_cost", nums: landed, decimals: dec},
		{name: "unit_profit", nums: profit, decimals: dec},
		{name: "margin_pct", nums: margin, decimals: 1},
		{name: "cash_conversion_days", nums: ccc, decimals: 1},
	})
}

// EventsTable lists a result's events: day, kind, line, units, amount.
func EventsTable(r Result) Table {
	n := len(r.Events)
	day, units, amount := make([]float64, n), make([]float64, n), make([]float64, n)
	kind, line := make([]string, n), make([]string, n)
	for i, e := range r.Events {
		day[i], units[i], amount[i] = float64(e.Day), float64(e.Units), major(e.Amount, r.Currency)
		kind[i], line[i] = string(e.Kind), quoteName(e.LineName, e.Line)
	}
	return newTable([]colSpec{
		{name: "day", nums: day},
		{name: "kind", texts: kind},
		{name: "line", texts: line},
		{name: "units", nums: units},
		{name: "amount", nums: amount, decimals: app.MoneyDecimals(r.Currency)},
	})
}

// SensitivityTable lays a grid out with one row per price: a "price"
// column, then one column per daily-units value named "daily_units=<v>".
func SensitivityTable(g Grid) Table {
	dec := 0
	if g.Metric == MetricAnnualizedReturn {
		dec = 1
	}
	cols := []colSpec{{name: "price", nums: append([]float64(nil), g.Prices...), decimals: 2}}
	for j, u := range g.DailyUnits {
		v := make([]float64, len(g.Prices))
		for i := range g.Prices {
			if i < len(g.Values) && j < len(g.Values[i]) {
				v[i] = g.Values[i][j]
			}
		}
		cols = append(cols, colSpec{name: "daily_units=" + fmtNum(u), nums: v, decimals: dec})
	}
	return newTable(cols)
}

// GridStats summarises every cell of a grid.
func GridStats(g Grid) Stats {
	var v []float64
	for _, row := range g.Values {
		v = append(v, row...)
	}
	return statsOf(v)
}

// RankingTable lists ranked ideas: rank, name, band, price_usd, metric,
// value, products_supported, margin_pct, cash_conversion_days,
// annualized_return_pct, feasible. value is in major units for money
// metrics.
func RankingTable(rs []Ranked) Table {
	n := len(rs)
	name, band, metric, feasible := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	num := func() []float64 { return make([]float64, n) }
	rank, usd, value, ps, margin, ccc, ann := num(), num(), num(), num(), num(), num(), num()
	for i, r := range rs {
		rank[i], name[i], band[i], usd[i] = float64(r.Reason.Rank), r.Name, r.Band.Code(), r.PriceUSD
		metric[i], value[i] = string(r.Reason.Metric), r.Reason.Value
		if r.Reason.Metric == MetricMonthlyRevenueSupported {
			value[i] = r.Reason.Value / float64(app.MinorPerMajor(r.Reason.Currency))
		}
		ps[i], margin[i] = float64(r.Result.ProductsSupported), firstLine(r).MarginPct
		ccc[i], ann[i] = r.Result.CashConversionDays, r.Result.AnnualizedReturnPct
		feasible[i] = strconv.FormatBool(r.Result.Feasible)
	}
	return newTable([]colSpec{
		{name: "rank", nums: rank},
		{name: "name", texts: name},
		{name: "band", texts: band},
		{name: "price_usd", nums: usd, decimals: 2},
		{name: "metric", texts: metric},
		{name: "value", nums: value, decimals: 2},
		{name: "products_supported", nums: ps},
		{name: "margin_pct", nums: margin, decimals: 1},
		{name: "cash_conversion_days", nums: ccc, decimals: 1},
		{name: "annualized_return_pct", nums: ann, decimals: 1},
		{name: "feasible", texts: feasible},
	})
}

// BandTable summarises ranked ideas per price band, every band in
// ascending order: band, ideas, best (the best-ranked idea, "" if none),
// best_rank (0 if none), mean_margin_pct, max_products_supported.
func BandTable(rs []Ranked) Table {
	bands := Bands()
	n := len(bands)
	code, best := make([]string, n), make([]string, n)
	count, bestRank, meanMargin, maxPS := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, b := range bands {
		code[i] = b.Code()
		var margins, ps []float64
		for _, r := range rs {
			if r.Band != b {
				continue
			}
			margins = append(margins, firstLine(r).MarginPct)
			ps = append(ps, float64(r.Result.ProductsSupported))
			if best[i] == "" || float64(r.Reason.Rank) < bestRank[i] {
				best[i], bestRank[i] = quoteName(r.Name, r.Index), float64(r.Reason.Rank)
			}
		}
		count[i] = float64(len(margins))
		meanMargin[i] = statsOf(margins).Mean
		maxPS[i] = statsOf(ps).Max
	}
	return newTable([]colSpec{
		{name: "band", texts: code},
		{name: "ideas", nums: count},
		{name: "best", texts: best},
		{name: "best_rank", nums: bestRank},
		{name: "mean_margin_pct", nums: meanMargin, decimals: 1},
		{name: "max_products_supported", nums: maxPS},
	})
}
