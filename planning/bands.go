package planning

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// Band is a price band in US dollars.
type Band int

// Price bands: [0,20), [20,30), [30,50), [50,100), [100,∞) USD.
const (
	BandUnder20 Band = iota
	Band20To30
	Band30To50
	Band50To100
	Band100Plus
)

// Bands lists every band in ascending order.
func Bands() []Band {
	return []Band{BandUnder20, Band20To30, Band30To50, Band50To100, Band100Plus}
}

// BandOf returns the band of a USD price.
func BandOf(usd float64) Band {
	switch {
	case usd < 20:
		return BandUnder20
	case usd < 30:
		return Band20To30
	case usd < 50:
		return Band30To50
	case usd < 100:
		return Band50To100
	}
	return Band100Plus
}

// String is the English label: "under $20", "$20–30", "$30–50",
// "$50–100", "$100+".
func (b Band) String() string {
	switch b {
	case BandUnder20:
		return "under $20"
	case Band20To30:
		return "$20–30"
	case Band30To50:
		return "$30–50"
	case Band50To100:
		return "$50–100"
	case Band100Plus:
		return "$100+"
	}
	return "band " + strconv.Itoa(int(b))
}

// Code is the stable identifier: under_20, 20_30, 30_50, 50_100, 100_plus.
func (b Band) Code() string {
	switch b {
	case BandUnder20:
		return "under_20"
	case Band20To30:
		return "20_30"
	case Band30To50:
		return "30_50"
	case Band50To100:
		return "50_100"
	case Band100Plus:
		return "100_plus"
	}
	return "band_" + strconv.Itoa(int(b))
}

// PriceUSD converts a line's price to US dollars through s's FX table
// (USD itself, the base currency at rate 1, or base → USD via FX["USD"]).
func PriceUSD(s Scenario, l Line) (float64, error) {
	cur := l.priceCurrency(s.BaseCurrency)
	if cur == "USD" {
		return l.Price, nil
	}
	toBase, ok := s.rate(cur)
	if !ok {
		return 0, &InputError{Field: "price_currency", Code: CodeUnknownCurrency, Value: cur, Detail: s.BaseCurrency, LineName: l.Name}
	}
	usd, ok := s.rate("USD")
	if !ok || !(usd > 0) {
		return 0, &InputError{Field: "fx.USD", Code: CodeUnknownCurrency, Value: "USD", Detail: s.BaseCurrency}
	}
	return l.Price * toBase / usd, nil
}

// Objective is what the founder optimises when comparing product ideas.
type Objective string

// Objectives and how RankIdeas orders by them (ties: the tie-break, then
// name, then input order).
const (
	// ObjectiveScale: highest monthly revenue the capital supports
	// (products supported × 30 days of one line's gross sales); tie-break
	// higher margin.
	ObjectiveScale Objective = "scale"
	// ObjectiveMargin: highest margin %; tie-break higher annualized return.
	ObjectiveMargin Objective = "margin"
	// ObjectiveTurnover: shortest cash conversion cycle; tie-break higher
	// annualized return.
	ObjectiveTurnover Objective = "turnover"
	// ObjectiveProductLine: most products supported; tie-break higher
	// annualized return.
	ObjectiveProductLine Objective = "product_line"
)

// Ranking metrics, besides MetricProductsSupported.
const (
	// MetricMonthlyRevenueSupported: products supported × 30 days of one
	// line's gross sales, in minor units.
	MetricMonthlyRevenueSupported Metric = "monthly_revenue_supported"
	// MetricMarginPct: LineResult.MarginPct.
	MetricMarginPct Metric = "margin_pct"
	// MetricCashConversionDays: Result.CashConversionDays.
	MetricCashConversionDays Metric = "cash_conversion_days"
)

// ParseObjective accepts an objective's code (scale, margin, turnover,
// product_line).
func ParseObjective(text string) (Objective, error) {
	switch o := Objective(strings.ToLower(strings.TrimSpace(text))); o {
	case ObjectiveScale, ObjectiveMargin, ObjectiveTurnover, ObjectiveProductLine:
		return o, nil
	}
	return "", fmt.Errorf("unknown objective %q (known: scale, margin, turnover, product_line)", text)
}

// RankReason is why an idea sits where it does. English renders it; the
// UI translates from the fields.
type RankReason struct {
	Objective Objective
	// Name is the ranked idea's name.
	Name string
	// Metric names the primary measure; Value is the idea's value of it
	// (money in minor units of Currency).
	Metric Metric
	Value  float64
	// Rank is 1-based, of Of ideas.
	Rank, Of int
	// Next is the name of the idea ranked just below, "" for the last;
	// Gap is |Value − Next's Value|, how far ahead this idea is.
	Next string
	Gap  float64
	// Currency is the currency of money values.
	Currency string
}

// Ranked is one product idea in a ranking.
type Ranked struct {
	// Name is the idea's name; Index its position in the input.
	Name  string
	Index int
	// Band is the idea's price band; PriceUSD its price in US dollars.
	Band     Band
	PriceUSD float64
	// Result is the idea simulated alone with the scenario's capital.
	Result Result
	// Reason explains the rank.
	Reason RankReason
}

// RankIdeas simulates each idea as the single line of s (same capital,
// reserve, FX, payout terms and modes; s.Lines is ignored) and ranks them
// by the objective. Every idea's input problems are reported together,
// with Line set to the idea's 1-based index.
func RankIdeas(s Scenario, ideas []Line, builtins []Mode, obj Objective) ([]Ranked, error) {
	if _, err := ParseObjective(string(obj)); err != nil {
		return nil, err
	}
	out := make([]Ranked, 0, len(ideas))
	var errs InputErrors
	for i, idea := range ideas {
		sc := s.Clone()
		sc.Name = idea.Name
		sc.Lines = []Line{idea}
		res, err := Simulate(sc, builtins)
		if err == nil {
			var usd float64
			usd, err = PriceUSD(sc, idea)
			if err == nil {
				out = append(out, Ranked{Name: idea.Name, Index: i, Band: BandOf(usd), PriceUSD: usd, Result: res})
				continue
			}
		}
		var list InputErrors
		var one *InputError
		switch {
		case errors.As(err, &list):
		case errors.As(err, &one):
			list = InputErrors{one}
		default:
			return nil, fmt.Errorf("idea %d: %w", i+1, err)
		}
		for _, e := range list {
			c := *e
			if c.Line > 0 || c.Field == "price_currency" {
				c.Line, c.LineName = i+1, idea.Name
			}
			errs = append(errs, &c)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	metric, better, tie := objectiveOrder(obj)
	sort.SliceStable(out, func(a, b int) bool {
		ra, rb := out[a], out[b]
		if va, vb := metric(ra), metric(rb); va != vb {
			return better(va, vb)
		}
		if ta, tb := tie(ra), tie(rb); ta != tb {
			return ta > tb
		}
		if ra.Name != rb.Name {
			return ra.Name < rb.Name
		}
		return ra.Index < rb.Index
	})
	name := metricName(obj)
	for i := range out {
		r := RankReason{Objective: obj, Name: out[i].Name, Metric: name, Value: metric(out[i]),
			Rank: i + 1, Of: len(out), Currency: out[i].Result.Currency}
		if i+1 < len(out) {
			r.Next = quoteName(out[i+1].Name, out[i+1].Index)
			r.Gap = math.Abs(r.Value - metric(out[i+1]))
		}
		out[i].Reason = r
	}
	return out, nil
}

// objectiveOrder returns the primary metric, its "is better" order and the
// tie-break metric (higher is better).
func objectiveOrder(obj Objective) (metric func(Ranked) float64, better func(a, b float64) bool, tie func(Ranked) float64) {
	desc := func(a, b float64) bool { return a > b }
	annual := func(r Ranked) float64 { return r.Result.AnnualizedReturnPct }
	margin := func(r Ranked) float64 { return firstLine(r).MarginPct }
	switch obj {
	case ObjectiveScale:
		return func(r Ranked) float64 {
			return float64(r.Result.ProductsSupported) * float64(firstLine(r).MonthlyRevenue)
		}, desc, margin
	case ObjectiveMargin:
		return margin, desc, annual
	case ObjectiveTurnover:
		return func(r Ranked) float64 { return r.Result.CashConversionDays },
			func(a, b float64) bool { return a < b }, annual
	default:
		return func(r Ranked) float64 { return float64(r.Result.ProductsSupported) }, desc, annual
	}
}

func metricName(obj Objective) Metric {
	switch obj {
	case ObjectiveScale:
		return MetricMonthlyRevenueSupported
	case ObjectiveMargin:
		return MetricMarginPct
	case ObjectiveTurnover:
		return MetricCashConversionDays
	}
	return MetricProductsSupported
}

func firstLine(r Ranked) LineResult {
	if len(r.Result.Lines) == 0 {
		return LineResult{}
	}
	return r.Result.Lines[0]
}

// English renders the reason as one sentence. Templates, by objective
// (the part from ", " on is left out for the last idea; ", level with
// {next}" replaces it when the gap rounds to 0 as displayed):
//
//	scale:        "#{rank} of {of} for sales scale: {name} supports {money} of monthly sales, {gap money} more than {next}"
//	margin:       "#{rank} of {of} for margin: {name} keeps a {pct}% margin, {gap} points more than {next}"
//	turnover:     "#{rank} of {of} for cash turnover: {name} ties up cash for {days} days, {gap} days less than {next}"
//	product_line: "#{rank} of {of} for building a product line: the capital carries {n} lines of {name}, {gap} more than {next}"
func (r RankReason) English() string {
	name := r.Name
	if strings.TrimSpace(name) == "" {
		name = "this idea"
	}
	var head, gap, than string
	var level bool // the gap rounds to nothing at the displayed precision
	switch r.Objective {
	case ObjectiveScale:
		head = fmt.Sprintf("for sales scale: %s supports %s of monthly sales", name, app.FormatMoney(int64(r.Value), r.Currency))
		gap, than = app.FormatMoney(int64(r.Gap), r.Currency), "more"
		level = math.Round(r.Gap/float64(app.MinorPerMajor(r.Currency))) == 0
	case ObjectiveMargin:
		head = fmt.Sprintf("for margin: %s keeps a %s%% margin", name, strconv.FormatFloat(r.Value, 'f', 1, 64))
		gap, than = strconv.FormatFloat(r.Gap, 'f', 1, 64)+" points", "more"
		level = math.Round(r.Gap*10) == 0
	case ObjectiveTurnover:
		head = fmt.Sprintf("for cash turnover: %s ties up cash for %d days", name, int(math.Round(r.Value)))
		gap, than = fmt.Sprintf("%d days", int(math.Round(r.Gap))), "less"
		level = math.Round(r.Gap) == 0
	default:
		noun := "lines"
		if r.Value == 1 {
			noun = "line"
		}
		head = fmt.Sprintf("for building a product line: the capital carries %d %s of %s", int(r.Value), noun, name)
		gap, than = strconv.Itoa(int(r.Gap)), "more"
		level = r.Gap == 0
	}
	s := fmt.Sprintf("#%d of %d %s", r.Rank, r.Of, head)
	switch {
	case r.Next == "":
	case level:
		s += ", level with " + r.Next
	default:
		s += fmt.Sprintf(", %s %s than %s", gap, than, r.Next)
	}
	return s
}
