package planningui

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
)

// This file turns planning's structured answers (verdict reasons, input
// error codes, rank reasons, table columns) into text in the user's
// language, and formats money, percentages and days. Everything here is
// pure and safe to call off the UI thread with a translator captured on
// it.

// currencyCodes are the currencies offered in the scenario form: the
// Amazon marketplaces' currencies and the yuan. A scenario file may use
// others; they are added to the choices when it is opened.
var currencyCodes = []string{"CNY", "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "MXN"}

// builtinModeNames are the modes whose names are translated.
var builtinModeNames = []string{planning.ModeSea, planning.ModeAir, planning.ModeExpress, planning.ModeRail, planning.ModeTruck}

// modeLabel is how a shipping mode is named on screen: 海运 for sea, the
// name itself for a mode the office added.
func modeLabel(tr *ui.Translator, name string) string {
	key := strings.ToLower(strings.TrimSpace(name))
	for _, b := range builtinModeNames {
		if key == b {
			return tr.T("planning.mode." + b)
		}
	}
	return name
}

// modeText is a shipping mode inside a sentence ("sea freight" where
// the label says "Sea").
func modeText(tr *ui.Translator, name string) string {
	key := strings.ToLower(strings.TrimSpace(name))
	for _, b := range builtinModeNames {
		if key == b {
			return tr.T("planning.mode_text." + b)
		}
	}
	return name
}

// quoted names a product line in a sentence: 「杯子」 / “cups”, or
// 产品线 2 when it has no name (index is 0-based).
func quoted(tr *ui.Translator, name string, index int) string {
	if strings.TrimSpace(name) == "" {
		return tr.T("planning.line_n", "N", index+1)
	}
	return tr.T("planning.quote", "Name", name)
}

// lineName names a product line in a table: its name, or 产品线 2.
func lineName(tr *ui.Translator, name string, index int) string {
	if strings.TrimSpace(name) == "" {
		return tr.T("planning.line_n", "N", index+1)
	}
	return name
}

// verdictHeadline is the short verdict: 可行 / 不可行 / 可行但亏损; a plan
// whose cash never runs out is not feasible because of its reserve, and
// says so.
func verdictHeadline(tr *ui.Translator, v planning.Verdict) string {
	switch {
	case v.Reason == planning.ReasonNoLineStarts:
		return tr.T("planning.verdict.head.nothing")
	case v.Reason == planning.ReasonNegativeMargin && v.Feasible:
		return tr.T("planning.verdict.head.loss")
	case v.Feasible:
		return tr.T("planning.verdict.head.ok")
	case v.ReserveBreached:
		return tr.T("planning.verdict.head.reserve")
	}
	return tr.T("planning.verdict.head.no")
}

// verdictText renders the verdict sentence in the user's language from
// its reason and numbers (never from Verdict.English): the reason, how
// long the binding line's freight ties up cash, what the lines need
// against what the capital allows; then, when they apply, the mode of
// each line (lines shipping differently), the reserve breached while
// cash never runs out, and the lines that never start.
func verdictText(tr *ui.Translator, v planning.Verdict) string {
	if v.Reason == planning.ReasonNoLineStarts {
		return tr.T("planning.verdict.no_line_starts", "Days", v.HorizonDays)
	}
	needs := tr.T("planning.verdict.needs", "Count", v.Lines,
		"Need", app.FormatMoney(v.CapitalNeeded, v.Currency), "Available", app.FormatMoney(v.CapitalAvailable, v.Currency))
	days := tr.T("planning.days", "Count", v.TiedUpDays)
	line := quoted(tr, v.Line, v.LineIndex)
	tied := tr.T("planning.verdict.tied", "Mode", modeText(tr, v.Mode), "Days", days)
	if v.LineModes != nil {
		tied = tr.T("planning.verdict.tied_line", "Mode", modeText(tr, v.Mode), "Line", line, "Days", days)
	}
	pct := strconv.FormatFloat(v.MarginPct, 'f', 1, 64)
	var s string
	switch v.Reason {
	case planning.ReasonNegativeMargin:
		switch {
		case v.Feasible:
			s = tr.T("planning.verdict.negative_margin_feasible", "Line", line, "Pct", pct, "Needs", needs)
		case v.CashOutDay != planning.NoDay:
			s = tr.T("planning.verdict.negative_margin_cash_out", "Line", line, "Pct", pct, "Day", v.CashOutDay, "Needs", needs)
		default:
			s = tr.T("planning.verdict.negative_margin", "Line", line, "Pct", pct, "Needs", needs)
		}
	case planning.ReasonCashRunsOut:
		s = tr.T("planning.verdict.cash_runs_out", "Day", v.CashOutDay, "Tied", tied, "Needs", needs)
	case planning.ReasonCapitalShort:
		s = tr.T("planning.verdict.capital_short", "Tied", tied, "Needs", needs)
	default:
		s = tr.T("planning.verdict.ok", "Tied", tied, "Needs", needs)
	}
	sep := tr.T("planning.verdict.sep")
	if v.LineModes != nil {
		s += sep + tr.T("planning.verdict.modes", "List", modesByLine(tr, v))
	}
	if v.ReserveBreached {
		s += sep + tr.T("planning.verdict.reserve_breached", "Reserve", app.FormatMoney(v.Reserve, v.Currency), "Day", v.ReserveBreachDay)
	}
	for _, l := range v.NotStarted {
		s += sep + tr.T("planning.verdict.not_started", "Line", quoted(tr, l.Name, l.Index), "Day", l.LaunchDay, "Days", v.HorizonDays)
	}
	return s
}

// maxNamesPerMode is how many lines the verdict names per shipping mode.
const maxNamesPerMode = 3

// modesByLine names each mode in order of first use with the lines that
// use it: 海运（「杯子」）、空运（「杯垫」「杯刷」）.
func modesByLine(tr *ui.Translator, v planning.Verdict) string {
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
		byMode[m] = append(byMode[m], quoted(tr, name, i))
	}
	sep := tr.T("list.separator")
	parts := make([]string, len(order))
	for i, m := range order {
		names := byMode[m]
		list := strings.Join(names[:min(maxNamesPerMode, len(names))], sep)
		if len(names) > maxNamesPerMode {
			list = tr.T("planning.verdict.more_lines", "Names", list, "Count", len(names)-maxNamesPerMode)
		}
		parts[i] = tr.T("planning.verdict.mode_item", "Mode", modeLabel(tr, m), "Lines", list)
	}
	return strings.Join(parts, sep)
}

// achievedText says what the capital achieves when the plan does not fit
// in it ("" when it does): what the lines sell and earn with the capital
// as a hard limit, and how much more capital would run the plan as
// planned.
func achievedText(tr *ui.Translator, v planning.Verdict) string {
	a := v.Achieved
	if a == nil || v.Reason == planning.ReasonNoLineStarts {
		return ""
	}
	money := func(m int64) string { return app.FormatMoney(m, v.Currency) }
	units := tr.T("planning.units", "Count", app.FormatNumber(float64(a.UnitsSold), 0))
	key, amount := "planning.achieved.earn", a.Profit
	if a.Profit < 0 {
		key, amount = "planning.achieved.lose", -a.Profit
	}
	s := tr.T(key, "Capital", money(a.Capital), "Count", v.Lines, "Units", units, "Amount", money(amount), "Days", v.HorizonDays)
	if a.Shortfall > 0 {
		more := money(a.Shortfall)
		sep := tr.T("planning.verdict.sep")
		switch {
		case a.DelayDays > 0:
			s += sep + tr.T("planning.achieved.more_delays", "Amount", more, "Count", a.DelayDays)
		case a.ShrunkOrders > 0:
			s += sep + tr.T("planning.achieved.more_full", "Amount", more)
		default:
			s += sep + tr.T("planning.achieved.more_reserve", "Amount", more)
		}
	}
	return s + tr.T("planning.achieved.end")
}

// reasonShort is a verdict reason in two or three words (tables).
func reasonShort(tr *ui.Translator, r planning.Reason) string {
	return tr.T("planning.reason." + string(r))
}

// dayText is "第 20 天" / "day 20", or the never text for NoDay.
func dayText(tr *ui.Translator, d int, never string) string {
	if d == planning.NoDay {
		return tr.T(never)
	}
	return tr.T("planning.day_n", "N", d)
}

// yesNo translates a boolean.
func yesNo(tr *ui.Translator, b bool) string {
	if b {
		return tr.T("planning.yes")
	}
	return tr.T("planning.no")
}

// fieldName translates a scenario field key as planning reports it
// ("price", "fx.USD", "mode.cost_per_kg").
func fieldName(tr *ui.Translator, field string) string {
	if cur, ok := strings.CutPrefix(field, "fx."); ok {
		return tr.T("planning.fname.fx", "Cur", cur)
	}
	if rest, ok := strings.CutPrefix(field, "mode."); ok {
		return tr.T("planning.fname.mode_of", "Field", fieldName(tr, rest))
	}
	if field == "" {
		return tr.T("planning.fname.scenario")
	}
	key := "planning.fname." + field
	if tr.Has(key) {
		return tr.T(key)
	}
	return field
}

// Codes the form adds to planning's for text it cannot read.
const (
	codeNotNumber planning.Code = "not_number"
	codeNotWhole  planning.Code = "not_whole"
	codeTooMany   planning.Code = "too_many"
	// codeNameTaken: another saved scenario has the name (Value).
	codeNameTaken planning.Code = "name_taken"
)

// inputErrorText explains one input problem, naming where it is (file
// position, product line or shipping mode) and the field.
func inputErrorText(tr *ui.Translator, e *planning.InputError) string {
	var where string
	if e.Row > 0 {
		where += tr.T("planning.err.at_row", "Row", e.Row, "Col", e.Col)
	}
	switch {
	case e.Line > 0 && e.LineName != "":
		where += tr.T("planning.err.at_line_named", "N", e.Line, "Name", e.LineName)
	case e.Line > 0:
		where += tr.T("planning.err.at_line", "N", e.Line)
	case e.Mode > 0 && e.ModeName != "":
		where += tr.T("planning.err.at_mode_named", "N", e.Mode, "Name", modeLabel(tr, e.ModeName))
	case e.Mode > 0:
		where += tr.T("planning.err.at_mode", "N", e.Mode)
	}
	detail := e.Detail
	switch e.Code {
	case planning.CodeOutOfRange:
		detail = strings.Replace(detail, " and ", " – ", 1)
	case planning.CodeUnknownMode:
		names := strings.Split(detail, ", ")
		for i, n := range names {
			names[i] = modeLabel(tr, n)
		}
		detail = strings.Join(names, tr.T("list.separator"))
	}
	value := e.Value
	if e.Code == planning.CodeUnknownMode {
		value = modeLabel(tr, value)
	}
	key := "planning.err." + string(e.Code)
	if !tr.Has(key) {
		key = "planning.err.other"
	}
	return where + tr.T(key, "Field", fieldName(tr, e.Field), "Value", value, "Detail", detail)
}

// inputErrorsOf unpacks err into input problems; ok is false for other
// errors.
func inputErrorsOf(err error) (planning.InputErrors, bool) {
	var list planning.InputErrors
	if errors.As(err, &list) {
		return list, true
	}
	var one *planning.InputError
	if errors.As(err, &one) {
		return planning.InputErrors{one}, true
	}
	return nil, false
}

// planningErrorLines explains err: one line per input problem, or the
// generic error text. It is safe to call off the UI thread.
func planningErrorLines(tr *ui.Translator, err error) []string {
	list, ok := inputErrorsOf(err)
	if !ok {
		return []string{ui.ErrorText(tr, err)}
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = inputErrorText(tr, e)
	}
	return out
}

// objectives in the order the screen offers them.
var objectives = []planning.Objective{planning.ObjectiveScale, planning.ObjectiveMargin, planning.ObjectiveTurnover, planning.ObjectiveProductLine}

// rankReasonText renders a planning.RankReason in the user's language;
// name and next name the idea and the one ranked below it ("" for the
// last), as the screen shows them.
func rankReasonText(tr *ui.Translator, r planning.RankReason, name, next string) string {
	var value, gap string
	var level bool
	switch r.Objective {
	case planning.ObjectiveScale:
		value, gap = app.FormatMoney(int64(r.Value), r.Currency), app.FormatMoney(int64(r.Gap), r.Currency)
		level = math.Round(r.Gap/float64(app.MinorPerMajor(r.Currency))) == 0
	case planning.ObjectiveMargin:
		value, gap = strconv.FormatFloat(r.Value, 'f', 1, 64), strconv.FormatFloat(r.Gap, 'f', 1, 64)
		level = math.Round(r.Gap*10) == 0
	case planning.ObjectiveTurnover:
		value, gap = tr.T("planning.days", "Count", int(math.Round(r.Value))), tr.T("planning.days", "Count", int(math.Round(r.Gap)))
		level = math.Round(r.Gap) == 0
	default:
		value, gap = strconv.Itoa(int(r.Value)), strconv.Itoa(int(r.Gap))
		level = r.Gap == 0
	}
	obj := string(r.Objective)
	s := tr.T("planning.rank."+obj, "Rank", r.Rank, "Of", r.Of, "Name", tr.T("planning.quote", "Name", name), "Value", value)
	if next != "" {
		next = tr.T("planning.quote", "Name", next)
	}
	switch {
	case next == "":
	case level:
		s += tr.T("planning.rank.level", "Next", next)
	default:
		s += tr.T("planning.rank."+obj+".gap", "Gap", gap, "Next", next)
	}
	return s
}

// bandLabel names a price band.
func bandLabel(tr *ui.Translator, code string) string {
	key := "planning.band." + code
	if tr.Has(key) {
		return tr.T(key)
	}
	return code
}

// variantLabel names a comparison column: 海运, 售价 29.99, or the label.
func variantLabel(tr *ui.Translator, label string) string {
	key, value, ok := strings.Cut(label, "=")
	if !ok {
		return label
	}
	switch key {
	case planning.VariantMode:
		return modeLabel(tr, value)
	case planning.VariantPrice, planning.VariantDailyUnits, planning.VariantCapital,
		planning.VariantUnitCost, planning.VariantCycleDays, planning.VariantDeposit:
		return tr.T("planning.variant."+key, "Value", value)
	}
	return label
}
