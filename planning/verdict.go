package planning

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// Reason is the stable code of a verdict. The UI and CLI translate it.
type Reason string

// Verdict reasons, in the order they are chosen: the first that applies
// wins.
const (
	// ReasonNegativeMargin: some line loses money on every unit sold, so
	// selling more only drains cash. Feasible may still be true when the
	// capital outlasts the horizon.
	ReasonNegativeMargin Reason = "negative_margin"
	// ReasonCashRunsOut: the balance falls below zero within the horizon.
	ReasonCashRunsOut Reason = "cash_runs_out"
	// ReasonCapitalShort: cash stays above zero but the lines eat into the
	// reserve.
	ReasonCapitalShort Reason = "capital_short"
	// ReasonOK: the lines fit in the capital after reserve.
	ReasonOK Reason = "ok"
)

// Verdict is the structured answer to "can this capital carry these
// lines?". It holds every number a sentence needs; English renders one,
// the UI renders its own translations from Reason and these fields.
type Verdict struct {
	// Feasible is true when the peak capital need fits in the capital
	// after reserve (and so cash never runs out).
	Feasible bool
	// Reason explains the verdict.
	Reason Reason
	// Line and LineIndex (0-based) name the binding line: the one with the
	// lowest margin for ReasonNegativeMargin, otherwise the one tying up
	// the most cash on the lowest-balance day.
	Line      string
	LineIndex int
	// Mode is the binding line's shipping mode.
	Mode string
	// TiedUpDays is the binding line's cash conversion cycle, rounded.
	TiedUpDays int
	// MarginPct is the binding line's margin.
	MarginPct float64
	// Lines is the number of lines in the scenario.
	Lines int
	// CapitalNeeded is the peak capital need of the scenario's lines.
	CapitalNeeded int64
	// CapitalAvailable is the capital after reserve.
	CapitalAvailable int64
	// CashOutDay is the first day cash is below zero, or NoDay.
	CashOutDay int
	// ProductsSupported repeats Result.ProductsSupported.
	ProductsSupported int
	// Currency is the currency of the amounts.
	Currency string
}

// verdictFor builds the verdict of a finished result.
func verdictFor(r *Result) Verdict {
	v := Verdict{
		Feasible:          r.Feasible,
		Lines:             len(r.Lines),
		CapitalNeeded:     r.PeakNeed,
		CapitalAvailable:  r.CapitalAvailable,
		CashOutDay:        r.CashOutDay,
		ProductsSupported: r.ProductsSupported,
		Currency:          r.Currency,
	}
	bind, worst := 0, math.Inf(1)
	for i, l := range r.Lines {
		if l.UnitProfit < 0 && l.MarginPct < worst {
			bind, worst = i, l.MarginPct
		}
	}
	switch {
	case !math.IsInf(worst, 1):
		v.Reason = ReasonNegativeMargin
	case r.CashOutDay != NoDay:
		v.Reason = ReasonCashRunsOut
	case !r.Feasible:
		v.Reason = ReasonCapitalShort
	default:
		v.Reason = ReasonOK
	}
	if v.Reason != ReasonNegativeMargin {
		for i, l := range r.Lines {
			if l.CashAtLow < r.Lines[bind].CashAtLow {
				bind = i
			}
		}
	}
	if len(r.Lines) > 0 {
		l := r.Lines[bind]
		v.Line, v.LineIndex, v.Mode = l.Name, bind, l.Mode
		v.TiedUpDays = int(math.Round(l.CashConversionDays))
		v.MarginPct = l.MarginPct
	}
	return v
}

// English renders the verdict as one English sentence, e.g.
//
//	not feasible: cash runs out on day 20; sea freight ties up cash for
//	87 days; 2 lines need ¥105,480, the capital after reserve is ¥90,000
//
// The templates, by Reason (… = the needs clause "N line(s) need(s) X,
// the capital after reserve is Y"):
//
//	ok:              "feasible: {mode} freight ties up cash for {days} days; …"
//	capital_short:   "not feasible: {mode} freight ties up cash for {days} days; …"
//	cash_runs_out:   "not feasible: cash runs out on day {day}; {mode} freight ties up cash for {days} days; …"
//	negative_margin: "feasible but loss-making: {line} loses money on every unit (margin {pct}%); …"
//	                 "not feasible: {line} loses money on every unit (margin {pct}%); …"
//	                 "not feasible: {line} loses money on every unit (margin {pct}%); cash runs out on day {day}; …"
func (v Verdict) English() string {
	noun, verb := "lines", "need"
	if v.Lines == 1 {
		noun, verb = "line", "needs"
	}
	needs := fmt.Sprintf("%d %s %s %s, the capital after reserve is %s",
		v.Lines, noun, verb, app.FormatMoney(v.CapitalNeeded, v.Currency), app.FormatMoney(v.CapitalAvailable, v.Currency))
	tied := fmt.Sprintf("%s freight ties up cash for %d days", v.Mode, v.TiedUpDays)
	cashOut := fmt.Sprintf("cash runs out on day %d", v.CashOutDay)
	switch v.Reason {
	case ReasonNegativeMargin:
		loss := fmt.Sprintf("%s loses money on every unit (margin %s%%)", quoteName(v.Line, v.LineIndex), strconv.FormatFloat(v.MarginPct, 'f', 1, 64))
		switch {
		case v.Feasible:
			return "feasible but loss-making: " + loss + "; " + needs
		case v.CashOutDay != NoDay:
			return "not feasible: " + loss + "; " + cashOut + "; " + needs
		default:
			return "not feasible: " + loss + "; " + needs
		}
	case ReasonCashRunsOut:
		return "not feasible: " + cashOut + "; " + tied + "; " + needs
	case ReasonCapitalShort:
		return "not feasible: " + tied + "; " + needs
	default:
		return "feasible: " + tied + "; " + needs
	}
}

// quoteName names a line in a sentence, falling back to its number.
func quoteName(name string, index int) string {
	if strings.TrimSpace(name) == "" {
		return fmt.Sprintf("line %d", index+1)
	}
	return name
}
