package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
)

func newPlanCmd(g *globals) *cobra.Command {
	var asJSON, events bool
	var compare []string
	cmd := &cobra.Command{
		Use:   "plan FILE.toml",
		Short: "Simulate a capital and cash-flow scenario file (--json, --compare mode=sea,air,express)",
		Long: `Simulates the scenario day by day and prints the verdict: whether the capital
carries the product lines, the peak capital need, the lowest cash and when it
occurs, how many such products the capital supports, the weekly cash, and what
the capital achieves when it is a hard limit (orders wait for cash).

--compare runs variants side by side, applying each value to every line:
  --compare mode=sea,air,express   --compare price=29.9,35   --compare daily_units=5,10,20
Shipping modes the file does not define come from the office's defaults in the
database when it exists (Planning → Modes), otherwise the built-in ones.
The file may be UTF-8 (with or without a byte order mark) or UTF-16 with one.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("plan takes one scenario file, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var variants []planning.Variant
			for _, spec := range compare {
				vs, err := planning.ParseVariants(spec)
				if err != nil {
					return usageError{fmt.Errorf("--compare %s: %w", spec, err)}
				}
				variants = append(variants, vs...)
			}
			if events && !asJSON {
				return usageError{fmt.Errorf("--events lists the events in the JSON: use it with --json")}
			}
			builtins, err := officeModes(g)
			if err != nil {
				return err
			}
			body, err := os.ReadFile(args[0])
			if err != nil {
				return exitError{code: exitFail, msg: fmt.Sprintf("cannot read the scenario: %v", err)}
			}
			s, err := planning.ParseScenarioWith(body, builtins)
			if err != nil {
				return exitError{code: exitFail, msg: fmt.Sprintf("%s: %v", args[0], err)}
			}
			results, err := planning.CompareWith(s, variants, builtins, planning.Options{Events: events})
			if err != nil {
				return exitError{code: exitFail, msg: fmt.Sprintf("%s: %v", args[0], err)}
			}
			if asJSON {
				return writePlanJSON(g.stdout, results, events)
			}
			writePlanText(g.stdout, results)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per scenario or variant")
	cmd.Flags().BoolVar(&events, "events", false, "with --json: list every order, payment, arrival and payout")
	cmd.Flags().StringArrayVar(&compare, "compare", nil, "run variants: key=v1,v2,... (mode, price, daily_units, unit_cost, cycle_days, deposit_pct, capital)")
	return cmd
}

// officeModes reads the office's shipping-mode defaults from the database
// when the file exists (read-only: it may be open in the app), and falls
// back to the built-in modes.
func officeModes(g *globals) ([]planning.Mode, error) {
	path, err := g.dbPath()
	if err != nil {
		return planning.DefaultModes(), nil
	}
	saved, err := data.ReadShippingModes(context.Background(), path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return planning.DefaultModes(), nil
		}
		return nil, exitError{code: exitFail, msg: fmt.Sprintf("shipping modes from %s: %v", path, err)}
	}
	return planning.OfficeModes(saved), nil
}

// planJSON is the --json shape of one simulated scenario. Money is in major
// units of currency; days are 0-based days from the first order; a day
// that never comes is null, and so is a return there is none of.
type planJSON struct {
	Name                string   `json:"name"`
	Currency            string   `json:"currency"`
	Feasible            bool     `json:"feasible"`
	Verdict             string   `json:"verdict"`
	Reason              string   `json:"reason"`
	Capital             float64  `json:"capital"`
	CapitalAvailable    float64  `json:"capital_after_reserve"`
	PeakCapitalNeed     float64  `json:"peak_capital_need"`
	LowestCash          float64  `json:"lowest_cash"`
	LowestCashDay       int      `json:"lowest_cash_day"`
	CashOutDay          *int     `json:"cash_out_day"`
	ProductsSupported   int      `json:"products_supported"`
	CCCDays             float64  `json:"ccc_days"`
	MarginPct           float64  `json:"margin_pct"`
	AnnualizedReturnPct *float64 `json:"annualized_return_pct"`
	BreakEvenDay        *int     `json:"break_even_day"`
	LostSalesUnits      int64    `json:"lost_sales_units"`
	StockOutDays        int      `json:"stock_out_days"`
	Profit              float64  `json:"profit"`
	// Added by issue 9.
	ReturnPct        *float64           `json:"return_pct"`
	ReturnBasis      string             `json:"return_basis"`
	ReserveBreachDay *int               `json:"reserve_breach_day"`
	SelfFundingDay   *int               `json:"self_funding_day"`
	Overhead         float64            `json:"overhead"`
	CapitalShortfall *float64           `json:"capital_shortfall"`
	BindingLine      string             `json:"binding_line"`
	BindingLineIndex int                `json:"binding_line_index"`
	BindingMode      string             `json:"binding_mode"`
	NotStarted       []string           `json:"lines_not_started"`
	CapitalLimited   capitalLimitedJSON `json:"capital_limited"`
	Lines            []planLineJSON     `json:"lines"`
	Weekly           []planWeekJSON     `json:"weekly"`
	DailyCash        []float64          `json:"daily_cash"`
	Events           []planEventJSON    `json:"events,omitempty"`
}

// capitalLimitedJSON is what the capital achieves as a hard limit.
type capitalLimitedJSON struct {
	UnitsSold           int64     `json:"units_sold"`
	LostSalesUnits      int64     `json:"lost_sales_units"`
	Profit              float64   `json:"profit"`
	AnnualizedReturnPct *float64  `json:"annualized_return_pct"`
	ReturnPct           *float64  `json:"return_pct"`
	ReturnBasis         string    `json:"return_basis"`
	DelayedOrders       int       `json:"delayed_orders"`
	DelayDays           int       `json:"delay_days"`
	OrdersInParts       int       `json:"orders_in_parts"`
	SelfFundingDay      *int      `json:"self_funding_day"`
	CapitalUsed         float64   `json:"capital_used"`
	Unpaid              float64   `json:"unpaid"`
	DailyCash           []float64 `json:"daily_cash"`
}

type planLineJSON struct {
	Name           string  `json:"name"`
	Mode           string  `json:"mode"`
	LandedUnitCost float64 `json:"landed_unit_cost"`
	UnitProfit     float64 `json:"unit_profit"`
	MarginPct      float64 `json:"margin_pct"`
	OrderUnits     int64   `json:"order_units"`
	Orders         int     `json:"orders"`
	LostSalesUnits int64   `json:"lost_sales_units"`
	// Added by issue 9.
	UnitsSold               int64   `json:"units_sold"`
	LaunchDay               int     `json:"launch_day"`
	Started                 bool    `json:"started"`
	FirstStockDay           *int    `json:"first_stock_day"`
	DutyPerUnit             float64 `json:"duty_per_unit"`
	InboundFeePerUnit       float64 `json:"inbound_fee_per_unit"`
	StoragePerUnit          float64 `json:"storage_per_unit"`
	CapitalLimitedUnitsSold int64   `json:"capital_limited_units_sold"`
}

type planWeekJSON struct {
	Week int     `json:"week"`
	Cash float64 `json:"cash"`
}

type planEventJSON struct {
	Day    int     `json:"day"`
	Kind   string  `json:"kind"`
	Line   string  `json:"line"`
	Units  int64   `json:"units"`
	Amount float64 `json:"amount"`
}

func major(minor int64, currency string) float64 {
	return float64(minor) / float64(app.MinorPerMajor(currency))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func dayOrNull(d int) *int {
	if d == planning.NoDay {
		return nil
	}
	return &d
}

// returns gives the return to show and the annualized one, null where
// the rule says there is none.
func returns(pct float64, basis planning.ReturnBasis) (shown, annualized *float64) {
	if basis == planning.ReturnNone {
		return nil, nil
	}
	v := round2(pct)
	if basis == planning.ReturnAnnualized {
		return &v, &v
	}
	return &v, nil
}

func cashSeries(daily []int64, currency string) []float64 {
	out := make([]float64, len(daily))
	for d, b := range daily {
		out[d] = major(b, currency)
	}
	return out
}

func toPlanJSON(r planning.Result, events bool) planJSON {
	c := r.Currency
	shown, annual := returns(r.ReturnPct, r.ReturnBasis)
	l := r.Limited
	lShown, lAnnual := returns(l.ReturnPct, l.ReturnBasis)
	out := planJSON{
		Name:                r.Label,
		Currency:            c,
		Feasible:            r.Feasible,
		Verdict:             r.Verdict.English(),
		Reason:              string(r.Verdict.Reason),
		Capital:             major(r.Capital, c),
		CapitalAvailable:    major(r.CapitalAvailable, c),
		PeakCapitalNeed:     major(r.PeakNeed, c),
		LowestCash:          major(r.LowestBalance, c),
		LowestCashDay:       r.LowestDay,
		CashOutDay:          dayOrNull(r.CashOutDay),
		ProductsSupported:   r.ProductsSupported,
		CCCDays:             round2(r.CashConversionDays),
		MarginPct:           round2(r.MarginPct()),
		AnnualizedReturnPct: annual,
		BreakEvenDay:        dayOrNull(r.BreakEvenDay),
		LostSalesUnits:      r.LostUnits,
		StockOutDays:        r.StockOutDays,
		Profit:              major(r.Profit, c),
		ReturnPct:           shown,
		ReturnBasis:         string(r.ReturnBasis),
		ReserveBreachDay:    dayOrNull(r.ReserveBreachDay),
		SelfFundingDay:      dayOrNull(r.SelfFundingDay),
		Overhead:            major(r.Overhead, c),
		BindingLine:         r.Verdict.Line,
		BindingLineIndex:    r.Verdict.LineIndex,
		BindingMode:         r.Verdict.Mode,
		NotStarted:          []string{},
		CapitalLimited: capitalLimitedJSON{
			UnitsSold:           l.UnitsSold,
			LostSalesUnits:      l.LostUnits,
			Profit:              major(l.Profit, c),
			AnnualizedReturnPct: lAnnual,
			ReturnPct:           lShown,
			ReturnBasis:         string(l.ReturnBasis),
			DelayedOrders:       l.DelayedOrders,
			DelayDays:           l.DelayDays,
			OrdersInParts:       l.ShrunkOrders,
			SelfFundingDay:      dayOrNull(l.SelfFundingDay),
			CapitalUsed:         major(l.CapitalUsed, c),
			Unpaid:              major(l.Unpaid, c),
			DailyCash:           cashSeries(l.Daily, c),
		},
		Lines:     []planLineJSON{},
		Weekly:    []planWeekJSON{},
		DailyCash: cashSeries(r.Daily, c),
	}
	if r.CapitalShortfall != planning.NoShortfall {
		v := major(r.CapitalShortfall, c)
		out.CapitalShortfall = &v
	}
	for _, n := range r.Verdict.NotStarted {
		out.NotStarted = append(out.NotStarted, n.Name)
	}
	for i, l := range r.Lines {
		lj := planLineJSON{
			Name: l.Name, Mode: l.Mode,
			LandedUnitCost: major(l.LandedUnitCost, c), UnitProfit: major(l.UnitProfit, c),
			MarginPct: round2(l.MarginPct), OrderUnits: l.OrderUnits, Orders: l.Orders, LostSalesUnits: l.LostUnits,
			UnitsSold: l.UnitsSold, LaunchDay: l.StartDay, Started: l.Started, FirstStockDay: dayOrNull(l.FirstStockDay),
			DutyPerUnit: major(l.DutyPerUnit, c), InboundFeePerUnit: major(l.InboundPerUnit, c), StoragePerUnit: major(l.StoragePerUnit, c),
		}
		if i < len(r.Limited.Lines) {
			lj.CapitalLimitedUnitsSold = r.Limited.Lines[i].UnitsSold
		}
		out.Lines = append(out.Lines, lj)
	}
	for _, w := range r.Weekly {
		out.Weekly = append(out.Weekly, planWeekJSON{Week: w.Week, Cash: major(w.Balance, c)})
	}
	if events {
		out.Events = make([]planEventJSON, len(r.Events))
		for i, e := range r.Events {
			out.Events[i] = planEventJSON{Day: e.Day, Kind: string(e.Kind), Line: e.LineName, Units: e.Units, Amount: major(e.Amount, c)}
		}
	}
	return out
}

// writePlanJSON prints one JSON object per result, one per line.
func writePlanJSON(w io.Writer, results []planning.Result, events bool) error {
	enc := json.NewEncoder(w)
	for _, r := range results {
		if err := enc.Encode(toPlanJSON(r, events)); err != nil {
			return err
		}
	}
	return nil
}

// writePlanText prints the results side by side for a person to read.
func writePlanText(w io.Writer, results []planning.Result) {
	day := func(d int) string {
		if d == planning.NoDay {
			return "never"
		}
		return fmt.Sprintf("day %d", d)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	row := func(label string, f func(r planning.Result) string) {
		cells := []string{label}
		for _, r := range results {
			cells = append(cells, f(r))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	row("", func(r planning.Result) string { return r.Label })
	row("feasible", func(r planning.Result) string { return fmt.Sprint(r.Feasible) })
	row("products supported", func(r planning.Result) string { return fmt.Sprint(r.ProductsSupported) })
	row("peak capital need", func(r planning.Result) string { return app.FormatMoney(r.PeakNeed, r.Currency) })
	row("capital after reserve", func(r planning.Result) string { return app.FormatMoney(r.CapitalAvailable, r.Currency) })
	row("lowest cash", func(r planning.Result) string {
		return fmt.Sprintf("%s (%s)", app.FormatMoney(r.LowestBalance, r.Currency), day(r.LowestDay))
	})
	row("cash runs out", func(r planning.Result) string { return day(r.CashOutDay) })
	row("break-even", func(r planning.Result) string { return day(r.BreakEvenDay) })
	row("cash conversion cycle", func(r planning.Result) string { return fmt.Sprintf("%.0f days", r.CashConversionDays) })
	row("margin", func(r planning.Result) string { return fmt.Sprintf("%.1f%%", r.MarginPct()) })
	row("return", func(r planning.Result) string { return returnText(r.ReturnPct, r.ReturnBasis) })
	row("self-funding from", func(r planning.Result) string { return day(r.SelfFundingDay) })
	row("lost sales (units)", func(r planning.Result) string { return fmt.Sprint(r.LostUnits) })
	row("profit", func(r planning.Result) string { return app.FormatMoney(r.Profit, r.Currency) })
	row("capital as a hard limit:", func(r planning.Result) string { return "" })
	row("  units sold", func(r planning.Result) string { return fmt.Sprint(r.Limited.UnitsSold) })
	row("  lost sales (units)", func(r planning.Result) string { return fmt.Sprint(r.Limited.LostUnits) })
	row("  profit", func(r planning.Result) string { return app.FormatMoney(r.Limited.Profit, r.Currency) })
	row("  return", func(r planning.Result) string { return returnText(r.Limited.ReturnPct, r.Limited.ReturnBasis) })
	row("  orders delayed", func(r planning.Result) string {
		return fmt.Sprintf("%d (%d days)", r.Limited.DelayedOrders, r.Limited.DelayDays)
	})
	row("  self-funding from", func(r planning.Result) string { return day(r.Limited.SelfFundingDay) })
	tw.Flush()
	fmt.Fprintln(w)
	for _, r := range results {
		fmt.Fprintf(w, "%s: %s\n", r.Label, r.Verdict.English())
	}
}

// returnText writes a return by its rule: annualized, for the period
// (horizons under 90 days), or n/a (no capital tied up).
func returnText(pct float64, basis planning.ReturnBasis) string {
	switch basis {
	case planning.ReturnNone:
		return "n/a"
	case planning.ReturnPeriod:
		return fmt.Sprintf("%.1f%% over the period", pct)
	}
	return fmt.Sprintf("%.1f%% a year", pct)
}
