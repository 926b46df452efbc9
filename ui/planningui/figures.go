package planningui

import (
	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
)

// This file writes planning's key figures (planning.KeyFigures) for the
// screen and the exports: each figure's name, value and one-sentence
// explanation, translated and keyed on its planning.FigureID. Pure and
// safe off the UI thread.

// figureName names a key figure ("Peak need"); a return over a horizon
// too short to annualize says over how many days.
func figureName(tr *ui.Translator, id planning.FigureID, horizon int) string {
	return tr.T("planning.fig."+string(id), "Days", horizon)
}

// figureExplain is a key figure's one-sentence explanation.
func figureExplain(tr *ui.Translator, id planning.FigureID) string {
	return tr.T("planning.explain." + string(id))
}

// figureValue writes a key figure as the screen shows it. Figures with
// no value say why: n/a for a return with no capital tied up, "never"
// for a day that does not come. That cash never runs out while the plan
// is not feasible says that the reserve is what is breached.
func figureValue(tr *ui.Translator, f planning.Figure, r planning.Result) string {
	if f.NA {
		switch f.ID {
		case planning.FigCashOutDay:
			if r.Verdict.ReserveBreached {
				return tr.T("planning.never_but_reserve", "N", r.ReserveBreachDay)
			}
			return tr.T("planning.never_runs_out")
		case planning.FigReserveBreachDay:
			return tr.T("planning.reserve_kept")
		case planning.FigBreakEvenDay, planning.FigSelfFundingDay, planning.FigLimitedSelfFundingDay:
			return tr.T("planning.no_break_even")
		}
		return tr.T("planning.na")
	}
	switch f.Unit {
	case planning.UnitMoney:
		return app.FormatMajor(f.Value, f.Currency)
	case planning.UnitPct:
		return app.FormatPct(f.Value)
	case planning.UnitDay:
		return tr.T("planning.day_n", "N", int(f.Value))
	case planning.UnitDays:
		return tr.T("planning.days", "Count", app.FormatNumber(f.Value, 1))
	}
	n := app.FormatNumber(f.Value, 0)
	switch f.ID {
	case planning.FigProductsSupported:
		if int(f.Value) >= planning.MaxProductsSupported {
			return tr.T("planning.count_at_least", "Count", n)
		}
		return tr.T("planning.count", "Count", n)
	case planning.FigLimitedDelayedOrders:
		return tr.T("planning.orders", "Count", n)
	}
	return tr.T("planning.units", "Count", n)
}

// figureOf finds a figure in a result's key figures; a return is found
// by its annualized ID whichever basis it has.
func figureOf(figs []planning.Figure, id planning.FigureID) (planning.Figure, bool) {
	for _, f := range figs {
		if f.ID == id || f.ID == periodTwin(id) {
			return f, true
		}
	}
	return planning.Figure{}, false
}

// periodTwin is the period return's ID of an annualized return's ID.
func periodTwin(id planning.FigureID) planning.FigureID {
	switch id {
	case planning.FigAnnualizedReturn:
		return planning.FigPeriodReturn
	case planning.FigLimitedAnnualized:
		return planning.FigLimitedPeriodReturn
	}
	return id
}

// needFigures are the figures of the plan with unlimited cash, in the
// grid's order (the capital-limited ones and the need figures set beside
// them are in limitRows).
var needFigures = []planning.FigureID{
	planning.FigPeakNeed, planning.FigCapitalAvailable, planning.FigCapitalShortfall, planning.FigProductsSupported,
	planning.FigLowestCash, planning.FigLowestCashDay, planning.FigCashOutDay, planning.FigReserveBreachDay,
	planning.FigCCC, planning.FigMargin, planning.FigBreakEvenDay, planning.FigStockOutDays,
	planning.FigOverhead,
}

// limitRow is one row of the table setting what the plan needs (cash
// unlimited) beside what the capital achieves as a hard limit. need is
// "" for a figure only the limited run has.
type limitRow struct {
	need, limited planning.FigureID
}

// limitRows are the figures compared. Units sold has no need figure of
// its own: the row shows the need run's units sold (figUnitsSold).
var limitRows = []limitRow{
	{figUnitsSold, planning.FigLimitedUnitsSold},
	{planning.FigLostSales, planning.FigLimitedLostSales},
	{planning.FigProfit, planning.FigLimitedProfit},
	{planning.FigAnnualizedReturn, planning.FigLimitedAnnualized},
	{planning.FigSelfFundingDay, planning.FigLimitedSelfFundingDay},
	{"", planning.FigLimitedDelayedOrders},
	{"", planning.FigLimitedDelayDays},
	{"", planning.FigLimitedUnpaid},
}

// figUnitsSold is the units the need run sells: not among planning's key
// figures (it is the plan itself), shown beside the capital-limited run's.
const figUnitsSold planning.FigureID = "units_sold"

// unitsSold is the need run's figUnitsSold.
func unitsSold(r planning.Result) planning.Figure {
	var n int64
	for _, l := range r.Lines {
		n += l.UnitsSold
	}
	return planning.Figure{ID: figUnitsSold, Value: float64(n), Unit: planning.UnitCount}
}
