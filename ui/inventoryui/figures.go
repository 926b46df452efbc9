package inventoryui

import (
	"context"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
)

// The reorder figures of every SKU are computed (ReorderData, then the
// planning package in one pass) when the synced data or the day changed
// since they were last computed, and kept in the store's reorder cache,
// which the Stock and Reorder tables page through. Two refreshes at once
// (the Today card and a tab) both compute and save the same figures.

// refreshFigures brings the cached figures up to date and returns the day
// they are for. It runs off the UI thread.
func refreshFigures(ctx context.Context, s *data.Store) (app.Date, error) {
	day, err := s.PlanDay(ctx)
	if err != nil {
		return 0, err
	}
	version, err := s.DataVersion(ctx, day)
	if err != nil {
		return 0, err
	}
	if have, err := s.ReorderVersion(ctx); err != nil || have == version {
		return day, err
	}
	d, err := s.ReorderData(ctx, day)
	if err != nil {
		return 0, err
	}
	plans := planning.PlanInventory(d.Inputs, planning.InventoryConfig(d.Settings, d.Modes, d.Measured), day)
	return day, s.SaveReorderCache(ctx, version, reorderRows(plans, d.Settings))
}

// reorderRows are the plans as the cache keeps them.
func reorderRows(plans []planning.InventoryPlan, set app.InventorySettings) []data.ReorderRow {
	rows := make([]data.ReorderRow, len(plans))
	for i, p := range plans {
		pr, st := p.Input.Product, p.Input.Stock
		chosen := p.ChosenMode()
		r := data.ReorderRow{
			SKU: pr.SKU, Title: pr.Title, ASIN: pr.ASIN, Supplier: pr.Supplier, Marketplace: pr.Marketplace,
			Band: set.PriceBands.Band(pr.Price), Price: pr.Price, PriceCurrency: pr.PriceCurrency,
			Velocity: p.Velocity, Sigma: p.Sigma,
			FBAFulfillable: st.FBAFulfillable, FBAInbound: st.FBAInbound(), InTransit: st.InTransit, Local: st.Local,
			Overseas: st.Overseas, Ordered: st.Ordered, Supply: p.Supply,
			FBACover: data.NoSalesCover, TotalCover: data.NoSalesCover,
			Status: string(p.Status), Mode: chosen.Mode, OrderQty: chosen.Qty,
			Negative: p.NegativeSupply || len(st.Negative) > 0, SnapshotDay: st.SnapshotDay,
		}
		if p.Velocity > 0 {
			r.FBACover, r.TotalCover, r.StockoutDay, r.OrderBy = p.FBACoverDays, p.TotalCoverDays, p.StockoutDate, chosen.OrderBy
		}
		for _, m := range p.Modes {
			mf := data.ModeFigures{Mode: m.Mode, LeadDays: m.LeadDays, Measured: m.Measured, SafetyStock: m.SafetyStock,
				ReorderPoint: m.ReorderPoint, Qty: m.Qty, OrderByDays: m.OrderByDays, Arrival: m.Arrival,
				CoverAfterArrival: m.CoverAfterArrival, ShortDays: m.ShortDays, FreightCost: m.FreightCost, Currency: m.Currency,
				Status: string(m.Status)}
			if p.Velocity > 0 {
				mf.OrderBy = m.OrderBy
			}
			r.Modes = append(r.Modes, mf)
		}
		rows[i] = r
	}
	return rows
}
