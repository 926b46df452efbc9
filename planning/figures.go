package planning

// FigureID names a key figure of a result. IDs are stable: the screens key
// their one-sentence explanations (tooltips, info buttons) and their
// translations on them, and they are the field names of `opsbench plan
// --json` (capital_limited.* inside its "capital_limited" object).
type FigureID string

// Key figures.
const (
	FigPeakNeed          FigureID = "peak_capital_need"
	FigCapitalAvailable  FigureID = "capital_after_reserve"
	FigLowestCash        FigureID = "lowest_cash"
	FigLowestCashDay     FigureID = "lowest_cash_day"
	FigCashOutDay        FigureID = "cash_out_day"
	FigReserveBreachDay  FigureID = "reserve_breach_day"
	FigProductsSupported FigureID = "products_supported"
	FigCCC               FigureID = "ccc_days"
	FigMargin            FigureID = "margin_pct"
	// FigAnnualizedReturn or FigPeriodReturn, whichever the rule picks
	// (Result.ReturnBasis); n/a when no capital is tied up.
	FigAnnualizedReturn FigureID = "annualized_return_pct"
	FigPeriodReturn     FigureID = "period_return_pct"
	FigBreakEvenDay     FigureID = "break_even_day"
	FigSelfFundingDay   FigureID = "self_funding_day"
	FigLostSales        FigureID = "lost_sales_units"
	FigStockOutDays     FigureID = "stock_out_days"
	FigProfit           FigureID = "profit"
	FigOverhead         FigureID = "overhead"
	FigCapitalShortfall FigureID = "capital_shortfall"

	FigLimitedUnitsSold      FigureID = "capital_limited.units_sold"
	FigLimitedLostSales      FigureID = "capital_limited.lost_sales_units"
	FigLimitedProfit         FigureID = "capital_limited.profit"
	FigLimitedAnnualized     FigureID = "capital_limited.annualized_return_pct"
	FigLimitedPeriodReturn   FigureID = "capital_limited.period_return_pct"
	FigLimitedDelayedOrders  FigureID = "capital_limited.delayed_orders"
	FigLimitedDelayDays      FigureID = "capital_limited.delay_days"
	FigLimitedSelfFundingDay FigureID = "capital_limited.self_funding_day"
	FigLimitedUnpaid         FigureID = "capital_limited.unpaid"
)

// Figure is one key figure, ready to show: Value in Unit (money in major
// units of Currency), or NA when it has none ("n/a" for a return with no
// capital tied up, "never" for a day that does not come).
type Figure struct {
	ID       FigureID
	Value    float64
	Unit     Unit
	Currency string
	NA       bool
}

// KeyFigures lists the result's key figures in the order a summary shows
// them: the need figures, then what the capital achieves as a hard limit.
func KeyFigures(r Result) []Figure {
	c := r.Currency
	money := func(id FigureID, v int64) Figure {
		return Figure{ID: id, Value: major(v, c), Unit: UnitMoney, Currency: c}
	}
	count := func(id FigureID, v int64) Figure { return Figure{ID: id, Value: float64(v), Unit: UnitCount} }
	day := func(id FigureID, d int) Figure {
		if d == NoDay {
			return Figure{ID: id, Unit: UnitDay, NA: true}
		}
		return Figure{ID: id, Value: float64(d), Unit: UnitDay}
	}
	ret := func(annual, period FigureID, pct float64, basis ReturnBasis) Figure {
		f := Figure{ID: annual, Value: pct, Unit: UnitPct}
		switch basis {
		case ReturnPeriod:
			f.ID = period
		case ReturnNone:
			f.Value, f.NA = 0, true
		}
		return f
	}
	l := r.Limited
	out := []Figure{
		money(FigPeakNeed, r.PeakNeed),
		money(FigCapitalAvailable, r.CapitalAvailable),
		money(FigLowestCash, r.LowestBalance),
		day(FigLowestCashDay, r.LowestDay),
		day(FigCashOutDay, r.CashOutDay),
		day(FigReserveBreachDay, r.ReserveBreachDay),
		count(FigProductsSupported, int64(r.ProductsSupported)),
		{ID: FigCCC, Value: r.CashConversionDays, Unit: UnitDays},
		{ID: FigMargin, Value: r.MarginPct(), Unit: UnitPct},
		ret(FigAnnualizedReturn, FigPeriodReturn, r.ReturnPct, r.ReturnBasis),
		day(FigBreakEvenDay, r.BreakEvenDay),
		day(FigSelfFundingDay, r.SelfFundingDay),
		count(FigLostSales, r.LostUnits),
		{ID: FigStockOutDays, Value: float64(r.StockOutDays), Unit: UnitDays},
		money(FigProfit, r.Profit),
		money(FigOverhead, r.Overhead),
		money(FigCapitalShortfall, max(0, r.CapitalShortfall)),
		count(FigLimitedUnitsSold, l.UnitsSold),
		count(FigLimitedLostSales, l.LostUnits),
		money(FigLimitedProfit, l.Profit),
		ret(FigLimitedAnnualized, FigLimitedPeriodReturn, l.ReturnPct, l.ReturnBasis),
		count(FigLimitedDelayedOrders, int64(l.DelayedOrders)),
		{ID: FigLimitedDelayDays, Value: float64(l.DelayDays), Unit: UnitDays},
		day(FigLimitedSelfFundingDay, l.SelfFundingDay),
		money(FigLimitedUnpaid, l.Unpaid),
	}
	if r.CapitalShortfall == NoShortfall {
		for i := range out {
			if out[i].ID == FigCapitalShortfall {
				out[i].Value, out[i].NA = 0, true
			}
		}
	}
	return out
}

// Explain is the figure's one-sentence explanation in English, for the
// command line and as the source the screens translate (they key on the
// ID). Every FigureID has one.
func (id FigureID) Explain() string {
	switch id {
	case FigPeakNeed:
		return "The most cash the plan has tied up at once, with unlimited cash: capital minus the lowest balance."
	case FigCapitalAvailable:
		return "The capital less the reserve you keep untouched: what the plan may use."
	case FigLowestCash:
		return "The lowest cash balance at the end of any day, with unlimited cash; below zero means the capital runs out."
	case FigLowestCashDay:
		return "The first day the cash is at its lowest."
	case FigCashOutDay:
		return "The first day the cash would fall below zero; never means the capital always covers the plan."
	case FigReserveBreachDay:
		return "The first day the cash falls into the reserve; a plan can breach the reserve while its cash never runs out."
	case FigProductsSupported:
		return "How many product lines like these, taken in turn from the plan (1, 2, 3, … lines), the capital after reserve carries; every smaller number must fit too, and 0 means the first line alone does not."
	case FigCCC:
		return "How many days money spent on stock takes to come back as a payout, weighted by the money: deposit, balance and freight until the sale is paid out."
	case FigMargin:
		return "What a unit earns after referral fee, FBA fee, ads, returns, landed cost and storage, as a share of its price, weighted by each line's sales."
	case FigAnnualizedReturn:
		return "The profit over the horizon divided by the peak capital need, scaled to a year; n/a when the plan ties up no capital."
	case FigPeriodReturn:
		return "The profit over the horizon divided by the peak capital need, not annualized: horizons under 90 days would inflate a yearly figure."
	case FigBreakEvenDay:
		return "The first day after the lowest point on which the cash is back at the capital you started with."
	case FigSelfFundingDay:
		return "The day after the cash was last at its lowest: from then on the payouts pay for every order and the plan needs no more of the capital."
	case FigLostSales:
		return "Units customers wanted but the stock could not serve, including the wait for the first stock."
	case FigStockOutDays:
		return "Days on which some demand went unserved, added up over the lines."
	case FigProfit:
		return "Cash gained over the horizon, plus payouts earned but not yet received and the stock paid for but not yet sold, less the overhead."
	case FigOverhead:
		return "Salaries, rent and software paid within the horizon: the monthly overhead on day 0 and every 30 days after."
	case FigCapitalShortfall:
		return "How much more capital would run the plan as planned, with no order waiting and the reserve kept; n/a when the whole capital is reserve."
	case FigLimitedUnitsSold:
		return "Units sold when the capital is a hard limit: orders wait for cash and are bought in parts."
	case FigLimitedLostSales:
		return "Units customers wanted but the stock could not serve when the capital is a hard limit."
	case FigLimitedProfit:
		return "The profit when the capital is a hard limit, less any overhead still unpaid."
	case FigLimitedAnnualized:
		return "The capital-limited profit divided by the capital it used, scaled to a year; n/a when it used none."
	case FigLimitedPeriodReturn:
		return "The capital-limited profit divided by the capital it used, for the horizon itself (under 90 days)."
	case FigLimitedDelayedOrders:
		return "Planned orders bought later than planned, or not by the end, because the cash was not there."
	case FigLimitedDelayDays:
		return "The days those orders waited for cash, added up."
	case FigLimitedSelfFundingDay:
		return "When the capital is a hard limit: the day after the cash was last at its lowest."
	case FigLimitedUnpaid:
		return "Overhead and storage fees the cash could not pay by the end of the horizon, when the capital is a hard limit."
	}
	return ""
}
