package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
)

func newReorderCmd(g *globals) *cobra.Command {
	var asJSON bool
	var date string
	cmd := &cobra.Command{
		Use:   "reorder [--json]",
		Short: "The reorder plan of every SKU: velocity, cover, stock-out date, what to order by when, per shipping mode",
		Long: `Print the reorder plan of every SKU in the catalog, for today in the
marketplace most SKUs sell in (--date to plan another day). The database is
only read: the app may have it open.

--json prints one object per SKU: sku, velocity (units a day), sigma,
safety_stock, reorder_point (of the SKU's own shipping mode), supply,
fba_cover_days, stockout_date, status (order_now, order_soon, ok,
overstock, no_sales) and modes: [{mode, lead_days, qty, order_by}].`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, today, err := parseDateFlag(date)
			if err != nil || strings.Contains(date, "..") {
				return usageError{fmt.Errorf("--date %q: use one day, YYYY-MM-DD", date)}
			}
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			d, err := data.ReadReorderData(context.Background(), path, today)
			if err != nil {
				return exitError{code: exitFail, msg: fmt.Sprintf("opsbench: %v", err)}
			}
			plans := planning.PlanInventory(d.Inputs, planning.InventoryConfig(d.Settings, d.Modes, d.Measured), d.Today)
			if asJSON {
				return writeReorderJSON(g.stdout, plans)
			}
			writeReorderText(g.stdout, d.Today, plans)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per SKU")
	cmd.Flags().StringVar(&date, "date", "", "plan for this day (YYYY-MM-DD) instead of today")
	return cmd
}

// reorderJSON is the --json shape of one SKU. Dates are YYYY-MM-DD, null
// when there is none (no sales: no stock-out date, no order-by date).
type reorderJSON struct {
	SKU          string          `json:"sku"`
	Velocity     float64         `json:"velocity"`
	Sigma        float64         `json:"sigma"`
	SafetyStock  int             `json:"safety_stock"`
	ReorderPoint int             `json:"reorder_point"`
	Supply       int             `json:"supply"`
	FBACoverDays float64         `json:"fba_cover_days"`
	StockoutDate *string         `json:"stockout_date"`
	Status       string          `json:"status"`
	Modes        []reorderModeJS `json:"modes"`
}

type reorderModeJS struct {
	Mode     string  `json:"mode"`
	LeadDays float64 `json:"lead_days"`
	Qty      int     `json:"qty"`
	OrderBy  *string `json:"order_by"`
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func datePtr(d app.Date, ok bool) *string {
	if !ok || d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func writeReorderJSON(w io.Writer, plans []planning.InventoryPlan) error {
	enc := json.NewEncoder(w)
	for _, p := range plans {
		chosen := p.ChosenMode()
		o := reorderJSON{SKU: p.SKU, Velocity: round3(p.Velocity), Sigma: round3(p.Sigma), SafetyStock: chosen.SafetyStock,
			ReorderPoint: chosen.ReorderPoint, Supply: p.Supply, FBACoverDays: round3(p.FBACoverDays),
			StockoutDate: datePtr(p.StockoutDate, p.Velocity > 0), Status: string(p.Status), Modes: []reorderModeJS{}}
		for _, m := range p.Modes {
			o.Modes = append(o.Modes, reorderModeJS{Mode: m.Mode, LeadDays: round3(m.LeadDays), Qty: m.Qty,
				OrderBy: datePtr(m.OrderBy, m.Status != planning.ReorderNoSales)})
		}
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	return nil
}

func writeReorderText(w io.Writer, today app.Date, plans []planning.InventoryPlan) {
	if len(plans) == 0 {
		fmt.Fprintln(w, "no SKUs in the catalog: import a catalog file or an FBA inventory report with --add-skus")
		return
	}
	fmt.Fprintf(w, "reorder plan for %s, %d SKUs\n", today, len(plans))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SKU\tstatus\tunits/day\tFBA cover\tstock-out\tsupply\tmode\tlead days\torder\torder by\t")
	for _, p := range plans {
		m := p.ChosenMode()
		cover, stockout, orderBy := "-", "-", "-"
		if p.Velocity > 0 {
			cover = app.FormatNumber(p.FBACoverDays, 1)
			stockout = p.StockoutDate.String()
			orderBy = m.OrderBy.String()
			if m.OrderByDays < 0 {
				orderBy += fmt.Sprintf(" (%d days late)", -m.OrderByDays)
			}
		}
		lead := app.FormatNumber(m.LeadDays, 1)
		if m.Measured {
			lead += " measured"
		}
		flags := ""
		if p.NegativeSupply || len(p.Input.Stock.Negative) > 0 {
			flags = " NEGATIVE STOCK at " + strings.Join(p.Input.Stock.Negative, ", ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%d\t%s\t%s\n", p.SKU, p.Status, app.FormatNumber(p.Velocity, 2),
			cover, stockout, p.Supply, m.Mode, lead, m.Qty, orderBy, flags)
	}
	tw.Flush()
}
