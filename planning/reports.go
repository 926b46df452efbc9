package planning

import (
	"slices"
	"strconv"
	"strings"

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
		{name: "end_day", nums: end, unit: UnitDay},
		{name: "balance", nums: bal, decimals: app.MoneyDecimals(r.Currency), unit: UnitMoney, currency: r.Currency},
	})
}

// DailyTable lists the cash at the end of each day: columns day, balance
// (the need run, unlimited cash) and balance_capital_limited (the
// capital-limited run), in major units.
func DailyTable(r Result) Table {
	n := len(r.Daily)
	day, bal, lim := make([]float64, n), make([]float64, n), make([]float64, n)
	for d, b := range r.Daily {
		day[d], bal[d] = float64(d), major(b, r.Currency)
		if d < len(r.Limited.Daily) {
			lim[d] = major(r.Limited.Daily[d], r.Currency)
		}
	}
	dec := app.MoneyDecimals(r.Currency)
	return newTable([]colSpec{
		{name: "day", nums: day, unit: UnitDay},
		{name: "balance", nums: bal, decimals: dec, unit: UnitMoney, currency: r.Currency},
		{name: "balance_capital_limited", nums: lim, decimals: dec, unit: UnitMoney, currency: r.Currency},
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
// stock_out_days. Money in major units of the first result's currency.
// CapitalLimitedTable has what the capital achieves as a hard limit.
func ComparisonTable(rs []Result) Table {
	n := len(rs)
	label, feasible, reason, cashOut, breakEven := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	num := func() []float64 { return make([]float64, n) }
	ps, peak, avail, low, lowDay, ccc, ann, profit, lost, so := num(), num(), num(), num(), num(), num(), num(), num(), num(), num()
	dec, cur := 2, ""
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
			dec, cur = app.MoneyDecimals(r.Currency), r.Currency
		}
	}
	return newTable([]colSpec{
		{name: "label", texts: label},
		{name: "feasible", texts: feasible},
		{name: "reason", texts: reason},
		{name: "products_supported", nums: ps},
		{name: "peak_need", nums: peak, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "capital_available", nums: avail, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "lowest_balance", nums: low, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "lowest_day", nums: lowDay, unit: UnitDay},
		{name: "cash_out_day", texts: cashOut},
		{name: "break_even_day", texts: breakEven},
		{name: "cash_conversion_days", nums: ccc, decimals: 1, unit: UnitDays},
		{name: "annualized_return_pct", nums: ann, decimals: 1, unit: UnitPct},
		{name: "profit", nums: profit, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "lost_units", nums: lost},
		{name: "stock_out_days", nums: so, unit: UnitDays},
	})
}

// CapitalLimitedTable sets side by side, one row per result, the figures
// issue 9 added: label; return_pct and return_basis of the need figures
// (see Result.ReturnBasis: "none" means n/a); self_funding_day (empty when
// never); capital_shortfall (the extra capital that runs the plan as
// planned); and what the capital achieves as a hard limit:
// limited_units_sold, limited_lost_units, limited_profit,
// limited_return_pct, limited_return_basis, delayed_orders, delay_days,
// orders_in_parts. Money in major units of the first result's currency.
func CapitalLimitedTable(rs []Result) Table {
	n := len(rs)
	label, basis, selfFunding, lBasis := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	num := func() []float64 { return make([]float64, n) }
	ret, short, lSold, lLost, lProfit, lRet, lDelayed, lDays, lParts := num(), num(), num(), num(), num(), num(), num(), num(), num()
	dec, cur := 2, ""
	for i, r := range rs {
		label[i] = r.Label
		ret[i], basis[i] = r.ReturnPct, string(r.ReturnBasis)
		selfFunding[i] = dayText(r.SelfFundingDay)
		short[i] = major(max(0, r.CapitalShortfall), r.Currency)
		c := r.Limited
		lSold[i], lLost[i], lProfit[i] = float64(c.UnitsSold), float64(c.LostUnits), major(c.Profit, r.Currency)
		lRet[i], lBasis[i] = c.ReturnPct, string(c.ReturnBasis)
		lDelayed[i], lDays[i], lParts[i] = float64(c.DelayedOrders), float64(c.DelayDays), float64(c.ShrunkOrders)
		if i == 0 {
			dec, cur = app.MoneyDecimals(r.Currency), r.Currency
		}
	}
	return newTable([]colSpec{
		{name: "label", texts: label},
		{name: "return_pct", nums: ret, decimals: 1, unit: UnitPct},
		{name: "return_basis", texts: basis},
		{name: "self_funding_day", texts: selfFunding},
		{name: "capital_shortfall", nums: short, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "limited_units_sold", nums: lSold},
		{name: "limited_lost_units", nums: lLost},
		{name: "limited_profit", nums: lProfit, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "limited_return_pct", nums: lRet, decimals: 1, unit: UnitPct},
		{name: "limited_return_basis", texts: lBasis},
		{name: "delayed_orders", nums: lDelayed},
		{name: "delay_days", nums: lDays, unit: UnitDays},
		{name: "orders_in_parts", nums: lParts},
	})
}

// LinesTable lists a result's lines: name, mode, lead_time_days,
// order_units, orders, units_sold, lost_units, stock_out_days,
// landed_unit_cost, unit_profit, margin_pct, cash_conversion_days.
// LineCostsTable has the costs and starts issue 9 added.
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
	dec, cur := app.MoneyDecimals(r.Currency), r.Currency
	return newTable([]colSpec{
		{name: "name", texts: name},
		{name: "mode", texts: mode},
		{name: "lead_time_days", nums: lead, unit: UnitDays},
		{name: "order_units", nums: q},
		{name: "orders", nums: orders},
		{name: "units_sold", nums: sold},
		{name: "lost_units", nums: lost},
		{name: "stock_out_days", nums: so, unit: UnitDays},
		{name: "landed_unit_cost", nums: landed, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "unit_profit", nums: profit, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "margin_pct", nums: margin, decimals: 1, unit: UnitPct},
		{name: "cash_conversion_days", nums: ccc, decimals: 1, unit: UnitDays},
	})
}

// LineCostsTable lists, per line, what issue 9 added: name, start_day
// (the launch day), first_stock_day (empty when never), duty_per_unit,
// inbound_per_unit, storage_per_unit (the estimate in the unit profit),
// and the capital-limited run's limited_units_sold, limited_delayed_orders
// and limited_delay_days.
func LineCostsTable(r Result) Table {
	n := len(r.Lines)
	name, first := make([]string, n), make([]string, n)
	num := func() []float64 { return make([]float64, n) }
	start, duty, inbound, storage, lSold, lDelayed, lDays := num(), num(), num(), num(), num(), num(), num()
	for i, l := range r.Lines {
		name[i], first[i] = quoteName(l.Name, i), dayText(l.FirstStockDay)
		start[i] = float64(l.StartDay)
		duty[i], inbound[i], storage[i] = major(l.DutyPerUnit, r.Currency), major(l.InboundPerUnit, r.Currency), major(l.StoragePerUnit, r.Currency)
		if i < len(r.Limited.Lines) {
			ll := r.Limited.Lines[i]
			lSold[i], lDelayed[i], lDays[i] = float64(ll.UnitsSold), float64(ll.DelayedOrders), float64(ll.DelayDays)
		}
	}
	dec, cur := app.MoneyDecimals(r.Currency), r.Currency
	return newTable([]colSpec{
		{name: "name", texts: name},
		{name: "start_day", nums: start, unit: UnitDay},
		{name: "first_stock_day", texts: first},
		{name: "duty_per_unit", nums: duty, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "inbound_per_unit", nums: inbound, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "storage_per_unit", nums: storage, decimals: dec, unit: UnitMoney, currency: cur},
		{name: "limited_units_sold", nums: lSold},
		{name: "limited_delayed_orders", nums: lDelayed},
		{name: "limited_delay_days", nums: lDays, unit: UnitDays},
	})
}

// EventsTable lists a result's events: day, kind, line, units, amount.
func EventsTable(r Result) Table {
	n := len(r.Events)
	day, units, amount := make([]float64, n), make([]float64, n), make([]float64, n)
	kind, line := make([]string, n), make([]string, n)
	for i, e := range r.Events {
		day[i], units[i], amount[i] = float64(e.Day), float64(e.Units), major(e.Amount, r.Currency)
		kind[i] = string(e.Kind)
		if e.Line != NoLine {
			line[i] = quoteName(e.LineName, e.Line)
		}
	}
	return newTable([]colSpec{
		{name: "day", nums: day, unit: UnitDay},
		{name: "kind", texts: kind},
		{name: "line", texts: line},
		{name: "units", nums: units},
		{name: "amount", nums: amount, decimals: app.MoneyDecimals(r.Currency), unit: UnitMoney, currency: r.Currency},
	})
}

// SensitivityTable lays a grid out with one row per price: a "price"
// column, then one column per daily-units value named "daily_units=<v>".
// Cells with no value (Grid.NA) read "n/a".
func SensitivityTable(g Grid) Table {
	unit, dec, cur := g.Metric.Unit(), 0, ""
	switch unit {
	case UnitPct:
		dec = 1
	case UnitMoney:
		cur = g.Currency
		dec = app.MoneyDecimals(cur)
	}
	cols := []colSpec{{name: "price", nums: append([]float64(nil), g.Prices...), decimals: 2, unit: UnitDecimal}}
	for j, u := range g.DailyUnits {
		v := make([]float64, len(g.Prices))
		for i := range g.Prices {
			if i < len(g.Values) && j < len(g.Values[i]) {
				v[i] = g.Values[i][j]
			}
		}
		cols = append(cols, colSpec{name: "daily_units=" + fmtNum(u), nums: v, decimals: dec, unit: unit, currency: cur})
	}
	t := newTable(cols)
	for i, row := range g.NA {
		for j, na := range row {
			if na && i < len(t.Rows) && j+1 < len(t.Rows[i]) {
				t.Rows[i][j+1].Text = "n/a"
			}
		}
	}
	return t
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
	valueUnit, valueCur := UnitDecimal, ""
	if len(rs) > 0 {
		valueUnit = rs[0].Reason.Metric.Unit()
		if valueUnit == UnitMoney {
			valueCur = rs[0].Reason.Currency
		}
	}
	return newTable([]colSpec{
		{name: "rank", nums: rank},
		{name: "name", texts: name},
		{name: "band", texts: band},
		{name: "price_usd", nums: usd, decimals: 2, unit: UnitMoney, currency: "USD"},
		{name: "metric", texts: metric},
		{name: "value", nums: value, decimals: 2, unit: valueUnit, currency: valueCur},
		{name: "products_supported", nums: ps},
		{name: "margin_pct", nums: margin, decimals: 1, unit: UnitPct},
		{name: "cash_conversion_days", nums: ccc, decimals: 1, unit: UnitDays},
		{name: "annualized_return_pct", nums: ann, decimals: 1, unit: UnitPct},
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
		{name: "mean_margin_pct", nums: meanMargin, decimals: 1, unit: UnitPct},
		{name: "max_products_supported", nums: maxPS},
	})
}

// AssumptionsTable lists every input of s, one row each, so an export
// says what its figures rest on: section ("scenario", "fx", "mode",
// "line"), item (the mode's or line's name), field (the scenario file's
// key), value (numeric inputs; its unit and currency are the row's "unit"
// and "currency" columns, see Table.CellUnit) and text (text inputs:
// names, currencies, modes). Modes are the ones the lines use, with the
// built-in values (builtins, nil for DefaultModes()) where the file does
// not set them, then any others the file defines.
func AssumptionsTable(s Scenario, builtins []Mode) Table {
	builtins = builtinsOrDefault(builtins)
	var section, item, field, text, unit, currency []string
	var value []float64
	row := func(sec, it, f string, v float64, txt string, u Unit, cur string) {
		section, item, field = append(section, sec), append(item, it), append(field, f)
		value, text = append(value, v), append(text, txt)
		unit, currency = append(unit, string(u)), append(currency, cur)
	}
	base := s.BaseCurrency
	row("scenario", "", "name", 0, s.Name, UnitText, "")
	row("scenario", "", "capital", s.Capital, "", UnitMoney, base)
	row("scenario", "", "base_currency", 0, base, UnitText, "")
	row("scenario", "", "reserve_pct", s.ReservePct, "", UnitPct, "")
	row("scenario", "", "horizon_days", float64(s.HorizonDays), "", UnitDays, "")
	row("scenario", "", "payout_period_days", float64(s.PayoutPeriodDays), "", UnitDays, "")
	row("scenario", "", "payout_delay_days", float64(s.PayoutDelayDays), "", UnitDays, "")
	row("scenario", "", "overhead_monthly", s.OverheadMonthly, "", UnitMoney, base)
	codes := make([]string, 0, len(s.FX))
	for k := range s.FX {
		codes = append(codes, k)
	}
	slices.Sort(codes)
	for _, k := range codes {
		// Base units per one unit of k.
		row("fx", k, "fx."+k, s.FX[k], "", UnitRate, base)
	}

	var modes []Mode
	seen := map[string]bool{}
	addMode := func(m Mode) {
		key := strings.ToLower(strings.TrimSpace(m.Name))
		if !seen[key] {
			seen[key] = true
			modes = append(modes, m)
		}
	}
	for _, l := range s.Lines {
		if m, ok := findMode(l.Mode, s.Modes, builtins); ok {
			addMode(m)
		}
	}
	for _, m := range s.Modes {
		addMode(m)
	}
	for _, m := range modes {
		cur := m.Currency
		if cur == "" {
			cur = base
		}
		row("mode", m.Name, "transit_days", float64(m.TransitDays), "", UnitDays, "")
		row("mode", m.Name, "receiving_days", float64(m.ReceivingDays), "", UnitDays, "")
		row("mode", m.Name, "cost_per_kg", m.CostPerKg, "", UnitMoney, cur)
		row("mode", m.Name, "cost_per_m3", m.CostPerM3, "", UnitMoney, cur)
		row("mode", m.Name, "volumetric_divisor", m.VolumetricDivisor, "", UnitDecimal, "")
		row("mode", m.Name, "currency", 0, cur, UnitText, "")
	}

	for i, l := range s.Lines {
		name := quoteName(l.Name, i)
		pc := l.priceCurrency(base)
		row("line", name, "price", l.Price, "", UnitMoney, pc)
		row("line", name, "price_currency", 0, pc, UnitText, "")
		row("line", name, "unit_cost", l.UnitCost, "", UnitMoney, base)
		row("line", name, "unit_weight_kg", l.UnitWeightKg, "", UnitKg, "")
		row("line", name, "unit_volume_m3", l.UnitVolumeM3, "", UnitM3, "")
		row("line", name, "daily_units", l.DailyUnits, "", UnitDecimal, "")
		row("line", name, "production_days", float64(l.ProductionDays), "", UnitDays, "")
		row("line", name, "deposit_pct", l.DepositPct, "", UnitPct, "")
		row("line", name, "mode", 0, l.Mode, UnitText, "")
		row("line", name, "cycle_days", float64(l.CycleDays), "", UnitDays, "")
		row("line", name, "safety_days", float64(l.SafetyDays), "", UnitDays, "")
		row("line", name, "moq", float64(l.MOQ), "", UnitCount, "")
		row("line", name, "referral_pct", l.ReferralPct, "", UnitPct, "")
		row("line", name, "fba_fee", l.FBAFee, "", UnitMoney, pc)
		row("line", name, "ad_pct", l.AdPct, "", UnitPct, "")
		row("line", name, "return_pct", l.ReturnPct, "", UnitPct, "")
		row("line", name, "duty_pct", l.DutyPct, "", UnitPct, "")
		row("line", name, "storage_fee", l.StorageFee, "", UnitMoney, pc)
		row("line", name, "inbound_fee", l.InboundFee, "", UnitMoney, pc)
		row("line", name, "launch_day", float64(l.LaunchDay), "", UnitDay, "")
		row("line", name, "ramp_days", float64(l.RampDays), "", UnitDays, "")
	}
	return newTable([]colSpec{
		{name: "section", texts: section},
		{name: "item", texts: item},
		{name: "field", texts: field},
		{name: "value", nums: value, decimals: 4, unit: UnitByRow},
		{name: "text", texts: text},
		{name: "unit", texts: unit},
		{name: "currency", texts: currency},
	})
}
