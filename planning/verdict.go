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
	// ReasonNoLineStarts: every line's launch day is on or after the
	// horizon, so nothing happens within it.
	ReasonNoLineStarts Reason = "no_line_starts"
	// ReasonNegativeMargin: some line loses money on every unit sold, so
	// selling more only drains cash. Feasible may still be true when the
	// capital outlasts the horizon.
	ReasonNegativeMargin Reason = "negative_margin"
	// ReasonCashRunsOut: the balance falls below zero within the horizon.
	ReasonCashRunsOut Reason = "cash_runs_out"
	// ReasonCapitalShort: cash never runs out, but the lines eat into the
	// reserve (Verdict.ReserveBreachDay says when).
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
	// LineModes is each line's shipping mode, in the scenario's order,
	// when the lines use more than one mode (nil when they share one): the
	// verdict then names the mode per line.
	LineModes []string
	// TiedUpDays is the binding line's cash conversion cycle, rounded.
	TiedUpDays int
	// MarginPct is the binding line's margin.
	MarginPct float64
	// Lines is the number of lines in the scenario.
	Lines int
	// LineNames is each line's name, in the scenario's order.
	LineNames []string
	// CapitalNeeded is the peak capital need of the scenario's lines.
	CapitalNeeded int64
	// Capital is the whole pot; CapitalAvailable is what is left after the
	// reserve.
	Capital          int64
	CapitalAvailable int64
	// CashOutDay is the first day cash is below zero, or NoDay.
	CashOutDay int
	// ReserveBreached is true when the balance falls below the reserve
	// while cash never runs out (CashOutDay is NoDay): the plan is not
	// feasible because of the reserve, not because money runs out. Reserve
	// is the reserve's amount, ReserveBreachDay the first day below it.
	ReserveBreached  bool
	Reserve          int64
	ReserveBreachDay int
	// NotStarted lists the lines whose launch day is on or after the
	// horizon: they never start.
	NotStarted []LineRef
	// HorizonDays is the simulated horizon.
	HorizonDays int
	// ProductsSupported repeats Result.ProductsSupported.
	ProductsSupported int
	// Achieved says what the capital achieves as a hard limit; nil when
	// the plan is feasible (it achieves the plan).
	Achieved *Achievement
	// Currency is the currency of the amounts.
	Currency string
}

// LineRef names one line of the scenario.
type LineRef struct {
	Index     int // 0-based
	Name      string
	LaunchDay int
}

// Achievement is what an infeasible plan achieves with its capital as a
// hard limit (Result.Limited), for the verdict's sentence.
type Achievement struct {
	// Capital is the whole capital (the reserve is kept).
	Capital   int64
	UnitsSold int64
	Profit    int64
	// DelayedOrders and DelayDays count the orders held back and their
	// days of waiting; ShrunkOrders the orders placed smaller than planned.
	DelayedOrders int
	DelayDays     int
	ShrunkOrders  int
	// Shortfall is the extra capital that runs the plan as planned
	// (Result.CapitalShortfall), NoShortfall when none can.
	Shortfall int64
}

// verdictFor builds the verdict of a finished result.
func verdictFor(r *Result) Verdict {
	v := Verdict{
		Feasible:          r.Feasible,
		Lines:             len(r.Lines),
		CapitalNeeded:     r.PeakNeed,
		Capital:           r.Capital,
		CapitalAvailable:  r.CapitalAvailable,
		CashOutDay:        r.CashOutDay,
		Reserve:           r.Reserve,
		ReserveBreachDay:  r.ReserveBreachDay,
		HorizonDays:       r.HorizonDays,
		ProductsSupported: r.ProductsSupported,
		Currency:          r.Currency,
	}
	v.ReserveBreached = !r.Feasible && r.CashOutDay == NoDay
	started := 0
	v.LineNames = make([]string, len(r.Lines))
	for i, l := range r.Lines {
		v.LineNames[i] = l.Name
		if l.Started {
			started++
		} else {
			v.NotStarted = append(v.NotStarted, LineRef{Index: i, Name: l.Name, LaunchDay: l.StartDay})
		}
		if l.Mode != r.Lines[0].Mode && v.LineModes == nil {
			v.LineModes = make([]string, len(r.Lines))
		}
	}
	if v.LineModes != nil {
		for i, l := range r.Lines {
			v.LineModes[i] = l.Mode
		}
	}
	bind, worst := 0, math.Inf(1)
	for i, l := range r.Lines {
		if l.Started && l.UnitProfit < 0 && l.MarginPct < worst {
			bind, worst = i, l.MarginPct
		}
	}
	switch {
	case started == 0 && len(r.Lines) > 0:
		v.Reason = ReasonNoLineStarts
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
	if !r.Feasible {
		c := r.Limited
		v.Achieved = &Achievement{Capital: r.Capital, UnitsSold: c.UnitsSold, Profit: c.Profit,
			DelayedOrders: c.DelayedOrders, DelayDays: c.DelayDays, ShrunkOrders: c.ShrunkOrders,
			Shortfall: r.CapitalShortfall}
	}
	return v
}

// English renders the verdict as one English sentence, e.g.
//
//	not feasible: cash runs out on day 20; sea freight ties up cash for
//	87 days; 2 lines need ¥105,480, the capital after reserve is ¥90,000;
//	with ¥100,000 the 2 lines sell 4,860 units and earn ¥61,000 in 365
//	days; ¥17,200 more would remove the 38 days of delays
//
// The head, by Reason (… = the needs clause "N line(s) need(s) X, the
// capital after reserve is Y"):
//
//	ok:              "feasible: {mode} freight ties up cash for {days} days; …"
//	capital_short:   "not feasible: {mode} freight ties up cash for {days} days; …"
//	cash_runs_out:   "not feasible: cash runs out on day {day}; {mode} freight ties up cash for {days} days; …"
//	negative_margin: "feasible but loss-making: {line} loses money on every unit (margin {pct}%); …"
//	                 "not feasible: {line} loses money on every unit (margin {pct}%); …"
//	                 "not feasible: {line} loses money on every unit (margin {pct}%); cash runs out on day {day}; …"
//	no_line_starts:  "nothing happens: no line starts within the {h}-day horizon"
//
// When the lines use different modes, "{mode} freight" reads "{mode}
// freight of {line}" and "lines ship by {mode} ({lines}), …" follows the
// needs. Then, when they apply: "cash never runs out, but it falls into
// the {reserve} reserve on day {day}"; "{line} never starts: launch day
// {day} is past the {h}-day horizon"; for an infeasible plan "with
// {capital} the N lines sell {units} units and earn {profit} in {h} days"
// and "{amount} more would remove the {days} days of delays" (or "would
// let every order go out in full", "would keep the reserve intact").
func (v Verdict) English() string {
	noun, verb := "lines", "need"
	if v.Lines == 1 {
		noun, verb = "line", "needs"
	}
	money := func(m int64) string { return app.FormatMoney(m, v.Currency) }
	if v.Reason == ReasonNoLineStarts {
		return fmt.Sprintf("nothing happens: no line starts within the %d-day horizon", v.HorizonDays)
	}
	needs := fmt.Sprintf("%d %s %s %s, the capital after reserve is %s",
		v.Lines, noun, verb, money(v.CapitalNeeded), money(v.CapitalAvailable))
	freight := v.Mode + " freight"
	if v.LineModes != nil {
		freight += " of " + quoteName(v.Line, v.LineIndex)
	}
	tied := fmt.Sprintf("%s ties up cash for %d days", freight, v.TiedUpDays)
	cashOut := fmt.Sprintf("cash runs out on day %d", v.CashOutDay)
	var s string
	switch v.Reason {
	case ReasonNegativeMargin:
		loss := fmt.Sprintf("%s loses money on every unit (margin %s%%)", quoteName(v.Line, v.LineIndex), strconv.FormatFloat(v.MarginPct, 'f', 1, 64))
		switch {
		case v.Feasible:
			s = "feasible but loss-making: " + loss + "; " + needs
		case v.CashOutDay != NoDay:
			s = "not feasible: " + loss + "; " + cashOut + "; " + needs
		default:
			s = "not feasible: " + loss + "; " + needs
		}
	case ReasonCashRunsOut:
		s = "not feasible: " + cashOut + "; " + tied + "; " + needs
	case ReasonCapitalShort:
		s = "not feasible: " + tied + "; " + needs
	default:
		s = "feasible: " + tied + "; " + needs
	}
	if v.LineModes != nil {
		s += "; lines ship by " + v.modesByLine()
	}
	if v.ReserveBreached {
		s += fmt.Sprintf("; cash never runs out, but it falls into the %s reserve on day %d", money(v.Reserve), v.ReserveBreachDay)
	}
	for _, l := range v.NotStarted {
		s += fmt.Sprintf("; %s never starts: launch day %d is past the %d-day horizon", quoteName(l.Name, l.Index), l.LaunchDay, v.HorizonDays)
	}
	if a := v.Achieved; a != nil {
		subject, earn, lose := fmt.Sprintf("the %d lines sell", v.Lines), "earn ", "lose "
		if v.Lines == 1 {
			subject, earn, lose = "the line sells", "earns ", "loses "
		}
		units := "nothing"
		if a.UnitsSold > 0 {
			units = app.GroupDigits(strconv.FormatInt(a.UnitsSold, 10)) + " units"
			if a.UnitsSold == 1 {
				units = "1 unit"
			}
		}
		earn += money(a.Profit)
		if a.Profit < 0 {
			earn = lose + money(-a.Profit)
		}
		s += fmt.Sprintf("; with %s %s %s and %s in %d days", money(a.Capital), subject, units, earn, v.HorizonDays)
		if a.Shortfall > 0 {
			more := money(a.Shortfall) + " more would "
			switch {
			case a.DelayDays == 1:
				s += "; " + more + "remove the 1 day of delay"
			case a.DelayDays > 0:
				s += fmt.Sprintf("; %sremove the %d days of delays", more, a.DelayDays)
			case a.ShrunkOrders > 0:
				s += "; " + more + "let every order go out in full"
			default:
				s += "; " + more + "keep the reserve intact"
			}
		}
	}
	return s
}

// modesByLine writes "sea (yoga mat), air (phone grip, cup)": each mode
// in order of first use with the lines that use it, at most three names a
// mode.
func (v Verdict) modesByLine() string {
	var order []string
	byMode := map[string][]string{}
	for i, m := range v.LineModes {
		if _, seen := byMode[m]; !seen {
			order = append(order, m)
		}
		name := ""
		if i < len(v.LineNames) {
			name = v.LineNames[i]
		}
		byMode[m] = append(byMode[m], quoteName(name, i))
	}
	parts := make([]string, len(order))
	for i, m := range order {
		names := byMode[m]
		list := strings.Join(names[:min(3, len(names))], ", ")
		if len(names) > 3 {
			list += fmt.Sprintf(" and %d more", len(names)-3)
		}
		parts[i] = m + " (" + list + ")"
	}
	return strings.Join(parts, ", ")
}

// quoteName names a line in a sentence, falling back to its number.
func quoteName(name string, index int) string {
	if strings.TrimSpace(name) == "" {
		return fmt.Sprintf("line %d", index+1)
	}
	return name
}
