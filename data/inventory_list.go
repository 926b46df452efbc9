package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// The reorder figures of every SKU are computed by the planning package
// (from ReorderData) and kept here in a local table, reorder_cache, so
// that the Inventory and Reorder screens page, sort, filter and search
// them in SQL. The cache says which state of the synced data and which
// day it was computed for (ReorderVersion): a caller that finds it stale
// computes the figures again and saves them (SaveReorderCache).

// NoSalesCover is the cover in days stored for a SKU without sales, so it
// sorts after every SKU that sells.
const NoSalesCover = 1e9

// ReorderRow is one SKU's figures as the stock and reorder lists show
// them.
type ReorderRow struct {
	SKU           string
	Title         string
	ASIN          string
	Supplier      string
	Marketplace   string
	Band          int
	Price         int64
	PriceCurrency string
	Velocity      float64
	Sigma         float64
	// Stock where it is (see app.StockPosition).
	FBAFulfillable int
	FBAInbound     int
	InTransit      int
	Local          int
	Overseas       int
	Ordered        int
	Supply         int
	// FBACover and TotalCover are days of sales (NoSalesCover without
	// sales); StockoutDay is when FBA runs out (zero without sales).
	FBACover    float64
	TotalCover  float64
	StockoutDay app.Date
	// Status, order quantity and order-by date of the team's mode.
	Status   string
	Mode     string
	OrderBy  app.Date
	OrderQty int
	// Negative is set when a location's ledger balance is below zero.
	Negative    bool
	SnapshotDay app.Date
	// Modes is the plan of every shipping mode, side by side.
	Modes []ModeFigures
}

// ModeFigures is one shipping mode's plan for a SKU.
type ModeFigures struct {
	Mode              string   `json:"mode"`
	LeadDays          float64  `json:"lead_days"`
	Measured          bool     `json:"measured,omitempty"`
	SafetyStock       int      `json:"safety_stock"`
	ReorderPoint      int      `json:"reorder_point"`
	Qty               int      `json:"qty"`
	OrderBy           app.Date `json:"order_by"`
	OrderByDays       int      `json:"order_by_days"`
	Arrival           app.Date `json:"arrival"`
	CoverAfterArrival float64  `json:"cover_after_arrival"`
	ShortDays         int      `json:"short_days,omitempty"`
	FreightCost       float64  `json:"freight_cost"`
	Currency          string   `json:"currency"`
	Status            string   `json:"status"`
}

// statusRank orders statuses by urgency.
func statusRank(s string) int {
	switch s {
	case "order_now":
		return 0
	case "order_soon":
		return 1
	case "ok":
		return 2
	case "overstock":
		return 3
	}
	return 4
}

// DataVersion names the state of the synced data for a day: it changes
// with every change here or from another desk, and with the day.
func (s *Store) DataVersion(ctx context.Context, today app.Date) (string, error) {
	var seq int64
	if err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_change`).Scan(&seq); err != nil {
		return "", mapErr(err)
	}
	return strconv.FormatInt(seq, 10) + "/" + today.String(), nil
}

// SettingReorderCache is the local setting holding the version the
// reorder cache was computed for.
const SettingReorderCache = "reorder_cache"

// ReorderVersion is the version the cached figures were computed for
// ("" before the first computation).
func (s *Store) ReorderVersion(ctx context.Context) (string, error) {
	return s.Setting(ctx, SettingReorderCache)
}

// SaveReorderCache replaces the cached figures with rows, computed for
// version (DataVersion).
func (s *Store) SaveReorderCache(ctx context.Context, version string, rows []ReorderRow) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM reorder_cache`); err != nil {
			return err
		}
		const cols = 28
		const batch = 256
		stmtFor := func(n int) string {
			row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
			return `INSERT INTO reorder_cache (sku, title, asin, supplier, marketplace, band, price_minor, price_currency,
				velocity, sigma, fba_fulfillable, fba_inbound, in_transit, local_units, overseas, ordered, supply, fba_cover,
				total_cover, stockout_day, status, status_rank, mode, order_by, order_qty, negative, snapshot_day, modes)
				VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		}
		for start := 0; start < len(rows); start += batch {
			part := rows[start:min(len(rows), start+batch)]
			args := make([]any, 0, len(part)*cols)
			for _, r := range part {
				modes, err := json.Marshal(r.Modes)
				if err != nil {
					return err
				}
				args = append(args, r.SKU, r.Title, r.ASIN, r.Supplier, r.Marketplace, r.Band, r.Price, r.PriceCurrency,
					r.Velocity, r.Sigma, r.FBAFulfillable, r.FBAInbound, r.InTransit, r.Local, r.Overseas, r.Ordered, r.Supply,
					r.FBACover, r.TotalCover, dayText(r.StockoutDay), r.Status, statusRank(r.Status), r.Mode, dayText(r.OrderBy),
					r.OrderQty, boolInt(r.Negative), dayText(r.SnapshotDay), string(modes))
			}
			if _, err := tx.ExecContext(ctx, stmtFor(len(part)), args...); err != nil {
				return fmt.Errorf("reorder cache: %w", err)
			}
		}
		return setSetting(ctx, tx, SettingReorderCache, version)
	})
}

// inventoryList is the reorder cache as a list (2,000 rows in a large
// office: any order reads in a few milliseconds).
var inventoryList = listSpec{
	name:  "inventory",
	from:  "reorder_cache c",
	where: "1 = 1",
	id:    "c.sku",
	tie:   "c.rowid",
	sorts: map[string][]string{
		app.InventorySortCover:    {"c.fba_cover"},
		app.InventorySortSKU:      {"c.sku"},
		app.InventorySortTitle:    {"c.title"},
		app.InventorySortStatus:   {"c.status_rank", "c.order_by"},
		app.InventorySortVelocity: {"c.velocity"},
		app.InventorySortSupply:   {"c.supply"},
		app.InventorySortFBA:      {"c.fba_fulfillable"},
		app.InventorySortOrderBy:  {"CASE WHEN c.order_by = '' THEN '9999-12-31' ELSE c.order_by END"},
		app.InventorySortStockout: {"CASE WHEN c.stockout_day = '' THEN '9999-12-31' ELSE c.stockout_day END"},
	},
	defaultSort: app.InventorySortCover,
	filters: map[string]string{
		app.InventoryFilterStatus:      "c.status = ?",
		app.InventoryFilterMarketplace: "c.marketplace = ?",
		app.InventoryFilterBand:        "c.band = CAST(? AS INTEGER)",
		app.InventoryFilterSupplier:    "c.supplier = ?",
		app.InventoryFilterMode:        "c.mode = ?",
		app.InventoryFilterNegative:    "c.negative = CAST(? AS INTEGER)",
	},
	search: func(text string) (string, []any) {
		p := likeContains(text)
		return `(c.sku LIKE ? ESCAPE '\' OR c.title LIKE ? ESCAPE '\' OR c.asin LIKE ? ESCAPE '\' OR c.supplier LIKE ? ESCAPE '\')`,
			[]any{p, p, p, p}
	},
}

const reorderRowColumns = `c.sku, c.title, c.asin, c.supplier, c.marketplace, c.band, c.price_minor, c.price_currency,
	c.velocity, c.sigma, c.fba_fulfillable, c.fba_inbound, c.in_transit, c.local_units, c.overseas, c.ordered, c.supply,
	c.fba_cover, c.total_cover, c.stockout_day, c.status, c.mode, c.order_by, c.order_qty, c.negative, c.snapshot_day, c.modes`

// ListInventory returns a page of the cached reorder figures (see
// app.ListQuery and the app.InventorySort*/InventoryFilter* keys): low
// stock first unless sorted otherwise; the search matches SKU, title,
// ASIN and supplier.
//
// The page is found on the SKUs alone, then its rows are read: sorting
// and skipping narrow rows, not the per-mode figures of every SKU, keeps
// a deep page as quick as the first.
func (s *Store) ListInventory(ctx context.Context, q app.ListQuery) ([]ReorderRow, int, error) {
	l, err := inventoryList.build(ctx, s.read, q, "c.sku")
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]ReorderRow, error) {
		skus, err := stringsOf(ctx, s.read, query, args...)
		if err != nil || len(skus) == 0 {
			return nil, err
		}
		rows, err := queryReorderRows(ctx, s.read, `SELECT `+reorderRowColumns+` FROM reorder_cache c
			WHERE c.sku IN (SELECT value FROM json_each(?))`, jsonIDs(skus, func(sku string) string { return sku }))
		if err != nil {
			return nil, err
		}
		bySKU := make(map[string]ReorderRow, len(rows))
		for _, r := range rows {
			bySKU[r.SKU] = r
		}
		out := make([]ReorderRow, 0, len(skus))
		for _, sku := range skus {
			if r, ok := bySKU[sku]; ok {
				out = append(out, r)
			}
		}
		return out, nil
	})
}

// ReorderRowOf returns one SKU's cached figures.
func (s *Store) ReorderRowOf(ctx context.Context, sku string) (ReorderRow, error) {
	rows, err := queryReorderRows(ctx, s.read, `SELECT `+reorderRowColumns+` FROM reorder_cache c WHERE c.sku = ?`, sku)
	if err != nil {
		return ReorderRow{}, err
	}
	if len(rows) == 0 {
		return ReorderRow{}, fmt.Errorf("reorder figures of %s: %w", sku, app.ErrNotFound)
	}
	return rows[0], nil
}

func queryReorderRows(ctx context.Context, q querier, query string, args ...any) ([]ReorderRow, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []ReorderRow
	for rows.Next() {
		var r ReorderRow
		var stockout, orderBy, snap, modes string
		if err := rows.Scan(&r.SKU, &r.Title, &r.ASIN, &r.Supplier, &r.Marketplace, &r.Band, &r.Price, &r.PriceCurrency,
			&r.Velocity, &r.Sigma, &r.FBAFulfillable, &r.FBAInbound, &r.InTransit, &r.Local, &r.Overseas, &r.Ordered, &r.Supply,
			&r.FBACover, &r.TotalCover, &stockout, &r.Status, &r.Mode, &orderBy, &r.OrderQty, &r.Negative, &snap, &modes); err != nil {
			return nil, mapErr(err)
		}
		r.StockoutDay, r.OrderBy, r.SnapshotDay = parseDay(stockout), parseDay(orderBy), parseDay(snap)
		_ = json.Unmarshal([]byte(modes), &r.Modes) // written by SaveReorderCache; a bad value shows no modes
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// ReorderCounts counts the cached SKUs per status (the Today card).
func (s *Store) ReorderCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT status, count(*) FROM reorder_cache GROUP BY status`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, mapErr(err)
		}
		out[st] = n
	}
	return out, mapErr(rows.Err())
}

// StockoutsWithin counts the cached SKUs whose FBA stock runs out before
// day (exclusive).
func (s *Store) StockoutsWithin(ctx context.Context, day app.Date) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM reorder_cache WHERE stockout_day <> '' AND stockout_day < ?`, dayText(day)).Scan(&n)
	return n, mapErr(err)
}
