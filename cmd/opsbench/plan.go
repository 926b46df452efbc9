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
	var asJSON bool
	var compare []string
	cmd := &cobra.Command{
		Use:   "plan FILE.toml",
		Short: "Simulate a capital and cash-flow scenario file (--json, --compare mode=sea,air,express)",
		Long: `Simulates the scenario day by day and prints the verdict: whether the capital
carries the product lines, the peak capital need, the lowest cash and when it
occurs, how many such products the capital supports, and the weekly cash.

--compare runs variants side by side, applying each value to every line:
  --compare mode=sea,air,express   --compare price=29.9,35   --compare daily_units=5,10,20
Shipping modes the file does not define come from the office's defaults in the
database when it exists (Planning → Modes), otherwise the built-in ones.`,
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
			var results []planning.Result
			if len(variants) == 0 {
				r, err := planning.Simulate(s, builtins)
				if err != nil {
					return exitError{code: exitFail, msg: fmt.Sprintf("%s: %v", args[0], err)}
				}
				results = []planning.Result{r}
			} else if results, err = planning.Compare(s, variants, builtins); err != nil {
				return exitError{code: exitFail, msg: fmt.Sprintf("%s: %v", args[0], err)}
			}
			if asJSON {
				return writePlanJSON(g.stdout, results)
			}
			writePlanText(g.stdout, results)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per scenario or variant")
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
// that never comes is null.
type planJSON struct {
	Name                string         `json:"name"`
	Currency            string         `json:"currency"`
	Feasible            bool           `json:"feasible"`
	Verdict             string         `json:"verdict"`
	Reason              string         `json:"reason"`
	Capital             float64        `json:"capital"`
	CapitalAvailable    float64        `json:"capital_after_reserve"`
	PeakCapitalNeed     float64        `json:"peak_capital_need"`
	LowestCash          float64        `json:"lowest_cash"`
	LowestCashDay       int            `json:"lowest_cash_day"`
	CashOutDay          *int           `json:"cash_out_day"`
	ProductsSupported   int            `json:"products_supported"`
	CCCDays             float64        `json:"ccc_days"`
	MarginPct           float64        `json:"margin_pct"`
	AnnualizedReturnPct float64        `json:"annualized_return_pct"`
	BreakEvenDay        *int           `json:"break_even_day"`
	LostSalesUnits      int64          `json:"lost_sales_units"`
	StockOutDays        int            `json:"stock_out_days"`
	Profit              float64        `json:"profit"`
	Lines               []planLineJSON `json:"lines"`
	Weekly              []planWeekJSON `json:"weekly"`
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
}

type planWeekJSON struct {
	Week int     `json:"week"`
	Cash float64 `json:"cash"`
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

func toPlanJSON(r planning.Result) planJSON {
	c := r.Currency
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
		AnnualizedReturnPct: round2(r.AnnualizedReturnPct),
		BreakEvenDay:        dayOrNull(r.BreakEvenDay),
		LostSalesUnits:      r.LostUnits,
		StockOutDays:        r.StockOutDays,
		Profit:              major(r.Profit, c),
		Lines:               []planLineJSON{},
		Weekly:              []planWeekJSON{},
	}
	for _, l := range r.Lines {
		out.Lines = append(out.Lines, planLineJSON{
			Name: l.Name, Mode: l.Mode,
			LandedUnitCost: major(l.LandedUnitCost, c), UnitProfit: major(l.UnitProfit, c),
			MarginPct: round2(l.MarginPct), OrderUnits: l.OrderUnits, Orders: l.Orders, LostSalesUnits: l.LostUnits,
		})
	}
	for _, w := range r.Weekly {
		out.Weekly = append(out.Weekly, planWeekJSON{Week: w.Week, Cash: major(w.Balance, c)})
	}
	return out
}

// writePlanJSON prints one JSON object per result, one per line.
func writePlanJSON(w io.Writer, results []planning.Result) error {
	enc := json.NewEncoder(w)
	for _, r := range results {
		if err := enc.Encode(toPlanJSON(r)); err != nil {
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
	row("annualized return", func(r planning.Result) string { return fmt.Sprintf("%.1f%%", r.AnnualizedReturnPct) })
	row("lost sales (units)", func(r planning.Result) string { return fmt.Sprint(r.LostUnits) })
	tw.Flush()
	fmt.Fprintln(w)
	for _, r := range results {
		fmt.Fprintf(w, "%s: %s\n", r.Label, r.Verdict.English())
	}
}
