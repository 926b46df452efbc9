package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// The inventory tables (migration 0007; see its comments).
const (
	inventoryVersion = 7

	tableProduct        = "product"
	tableLocation       = "location"
	tableMovement       = "stock_movement"
	tablePurchaseOrder  = "purchase_order"
	tablePOLine         = "purchase_order_line"
	tableShipment       = "shipment"
	tableShipmentLine   = "shipment_line"
	tableShipmentFile   = "shipment_file"
	tableSaleLine       = "sale_line"
	tableFBASnapshot    = "fba_snapshot"
	tableBusinessReport = "business_report"
	tableFBAReturn      = "fba_return"
	tableImportLog      = "import_log"
	tableOfficeSetting  = "office_setting"
	tableCashEntry      = "cash_entry"
)

// dayText stores a day: YYYY-MM-DD, or "" for none.
func dayText(d app.Date) string { return d.String() }

// parseDay reads a stored day; a damaged value reads as no day.
func parseDay(s string) app.Date {
	d, err := app.ParseDate(s)
	if err != nil {
		return 0
	}
	return d
}

// parseInstant reads a stored instant; a damaged value reads as zero.
func parseInstant(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// inventorySettingKeys maps each stored setting to how it is written and
// read. Each is a row of its own (id derived from the key): two desks
// changing different settings both keep theirs.
var inventorySettingKeys = []struct {
	key string
	get func(app.InventorySettings) string
	set func(*app.InventorySettings, string) error
}{
	{"price_bands", func(s app.InventorySettings) string { return joinInts(s.PriceBands.Bounds) },
		func(s *app.InventorySettings, v string) (err error) { s.PriceBands.Bounds, err = splitInts(v); return }},
	{"velocity_weights", func(s app.InventorySettings) string { return joinFloats(s.Weight7, s.Weight14, s.Weight30) },
		func(s *app.InventorySettings, v string) error {
			f, err := splitFloats(v, 3)
			if err == nil {
				s.Weight7, s.Weight14, s.Weight30 = f[0], f[1], f[2]
			}
			return err
		}},
	{"service_level_pct", func(s app.InventorySettings) string { return ftoa(s.ServiceLevelPct) }, floatSetting(func(s *app.InventorySettings) *float64 { return &s.ServiceLevelPct })},
	{"cycle_days", func(s app.InventorySettings) string { return strconv.Itoa(s.CycleDays) }, intSetting(func(s *app.InventorySettings) *int { return &s.CycleDays })},
	{"soon_days", func(s app.InventorySettings) string { return strconv.Itoa(s.SoonDays) }, intSetting(func(s *app.InventorySettings) *int { return &s.SoonDays })},
	{"overstock_factor", func(s app.InventorySettings) string { return ftoa(s.OverstockFactor) }, floatSetting(func(s *app.InventorySettings) *float64 { return &s.OverstockFactor })},
	{"base_currency", func(s app.InventorySettings) string { return s.BaseCurrency },
		func(s *app.InventorySettings, v string) error { s.BaseCurrency = v; return nil }},
	{"fx", func(s app.InventorySettings) string { return joinFX(s.FX) },
		func(s *app.InventorySettings, v string) (err error) { s.FX, err = splitFX(v); return }},
	{"reserve_minor", func(s app.InventorySettings) string { return strconv.FormatInt(s.Reserve, 10) },
		func(s *app.InventorySettings, v string) (err error) {
			s.Reserve, err = strconv.ParseInt(v, 10, 64)
			return
		}},
	{"referral_pct", func(s app.InventorySettings) string { return ftoa(s.ReferralPct) }, floatSetting(func(s *app.InventorySettings) *float64 { return &s.ReferralPct })},
	{"ad_pct", func(s app.InventorySettings) string { return ftoa(s.AdPct) }, floatSetting(func(s *app.InventorySettings) *float64 { return &s.AdPct })},
	{"return_pct", func(s app.InventorySettings) string { return ftoa(s.ReturnPct) }, floatSetting(func(s *app.InventorySettings) *float64 { return &s.ReturnPct })},
	{"payout_period_days", func(s app.InventorySettings) string { return strconv.Itoa(s.PayoutPeriodDays) }, intSetting(func(s *app.InventorySettings) *int { return &s.PayoutPeriodDays })},
	{"payout_delay_days", func(s app.InventorySettings) string { return strconv.Itoa(s.PayoutDelayDays) }, intSetting(func(s *app.InventorySettings) *int { return &s.PayoutDelayDays })},
	{"deposit_pct", func(s app.InventorySettings) string { return ftoa(s.DepositPct) }, floatSetting(func(s *app.InventorySettings) *float64 { return &s.DepositPct })},
}

func floatSetting(field func(*app.InventorySettings) *float64) func(*app.InventorySettings, string) error {
	return func(s *app.InventorySettings, v string) (err error) {
		*field(s), err = strconv.ParseFloat(v, 64)
		return err
	}
}

func intSetting(field func(*app.InventorySettings) *int) func(*app.InventorySettings, string) error {
	return func(s *app.InventorySettings, v string) (err error) {
		*field(s), err = strconv.Atoi(v)
		return err
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func joinInts(v []int64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.FormatInt(x, 10)
	}
	return strings.Join(parts, ",")
}

func splitInts(s string) ([]int64, error) {
	var out []int64
	for _, p := range strings.Split(s, ",") {
		v, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func joinFloats(v ...float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = ftoa(x)
	}
	return strings.Join(parts, ",")
}

func splitFloats(s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("%d values, want %d", len(parts), n)
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func joinFX(fx map[string]float64) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(fx)) {
		parts = append(parts, k+"="+ftoa(fx[k]))
	}
	return strings.Join(parts, ",")
}

func splitFX(s string) (map[string]float64, error) {
	out := map[string]float64{}
	if s == "" {
		return out, nil
	}
	for _, p := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(p, "=")
		r, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("bad rate %q", p)
		}
		out[strings.TrimSpace(k)] = r
	}
	return out, nil
}

// InventorySettings returns the office's inventory settings: the stored
// ones over the defaults. A stored value this version cannot read (a
// damaged row) keeps the default.
func (s *Store) InventorySettings(ctx context.Context) (app.InventorySettings, error) {
	return inventorySettings(ctx, s.read)
}

func inventorySettings(ctx context.Context, q querier) (app.InventorySettings, error) {
	set := app.DefaultInventorySettings()
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM office_setting WHERE deleted = 0`)
	if err != nil {
		return set, mapErr(err)
	}
	defer rows.Close()
	stored := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return set, mapErr(err)
		}
		stored[k] = v
	}
	if err := rows.Err(); err != nil {
		return set, mapErr(err)
	}
	for _, k := range inventorySettingKeys {
		v, ok := stored[k.key]
		if !ok {
			continue
		}
		try := set
		if k.key == "fx" {
			try.FX = nil
		}
		if err := k.set(&try, v); err == nil && try.Validate() == nil {
			set = try
		}
	}
	return set, nil
}

// SaveInventorySettings validates and stores the settings, writing only
// the ones that changed.
func (s *Store) SaveInventorySettings(ctx context.Context, set app.InventorySettings) error {
	set.BaseCurrency = strings.ToUpper(strings.TrimSpace(set.BaseCurrency))
	if err := set.Validate(); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		cur, err := inventorySettings(ctx, tx)
		if err != nil {
			return err
		}
		for _, k := range inventorySettingKeys {
			v := k.get(set)
			if v == k.get(cur) {
				continue
			}
			if err := s.putOfficeSetting(ctx, tx, k.key, v); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) putOfficeSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	id := app.DerivedID(tableOfficeSetting, key)
	var deleted int
	err := tx.QueryRowContext(ctx, `SELECT deleted FROM office_setting WHERE id = ?`, id).Scan(&deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return s.insertRecord(ctx, tx, tableOfficeSetting, id, record{"key": key, "value": value})
	case err != nil:
		return err
	case deleted != 0:
		if err := s.undeleteRecord(ctx, tx, tableOfficeSetting, id); err != nil {
			return err
		}
	}
	_, err = s.updateRecord(ctx, tx, tableOfficeSetting, id, record{"value": value})
	return err
}

// AddCashEntry records the cash on hand (or Amazon's balance) on a day.
func (s *Store) AddCashEntry(ctx context.Context, c app.CashEntry) (app.CashEntry, error) {
	c.Currency = strings.ToUpper(strings.TrimSpace(c.Currency))
	c.Note = strings.TrimSpace(c.Note)
	if err := c.Validate(); err != nil {
		return app.CashEntry{}, err
	}
	c.ID = s.newID()
	c.EnteredAt = s.now().UTC()
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return s.appendRow(ctx, tx, tableCashEntry, c.ID, record{"day": dayText(c.Day), "kind": string(c.Kind),
			"amount_minor": c.Amount, "currency": c.Currency, "note": c.Note, "entered_at": formatInstant(c.EnteredAt)})
	})
	if err != nil {
		return app.CashEntry{}, err
	}
	return c, nil
}

// CashEntries lists the cash entries, newest first.
func (s *Store) CashEntries(ctx context.Context) ([]app.CashEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, day, kind, amount_minor, currency, note, entered_at
		FROM cash_entry WHERE deleted = 0 ORDER BY day DESC, entered_at DESC, id DESC`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.CashEntry
	for rows.Next() {
		var c app.CashEntry
		var day, kind, at string
		if err := rows.Scan(&c.ID, &day, &kind, &c.Amount, &c.Currency, &c.Note, &at); err != nil {
			return nil, mapErr(err)
		}
		c.Day, c.Kind, c.EnteredAt = parseDay(day), app.CashKind(kind), parseInstant(at)
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

// LatestCash returns the newest entry of each kind (by day, then when it
// was entered); a kind never entered is missing from the map.
func (s *Store) LatestCash(ctx context.Context) (map[app.CashKind]app.CashEntry, error) {
	return latestCash(ctx, s.read)
}
