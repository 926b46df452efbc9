package data

import (
	"context"
	"database/sql"

	"github.com/opsbench/opsbench/app"
)

const tableShippingMode = "shipping_mode"

// ShippingModes lists the office's shipping-mode defaults by name. An
// office that never edited them has none: callers then use the built-in
// defaults of the planning package.
func (s *Store) ShippingModes(ctx context.Context) ([]app.ShippingMode, error) {
	return shippingModes(ctx, s.read, true)
}

// shippingModes reads the modes; withCbm is false for a file older than
// the inventory migration (0007), which has no cost per cubic metre or
// volumetric divisor.
func shippingModes(ctx context.Context, db querier, withCbm bool) ([]app.ShippingMode, error) {
	cbm := "0, 0"
	if withCbm {
		cbm = "cost_per_cbm_minor, volumetric_divisor"
	}
	rows, err := db.QueryContext(ctx, `SELECT id, name, transit_days, receiving_days, cost_per_kg_minor, currency, `+cbm+`
		FROM shipping_mode WHERE deleted = 0 ORDER BY name, id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.ShippingMode
	for rows.Next() {
		var m app.ShippingMode
		if err := rows.Scan(&m.ID, &m.Name, &m.TransitDays, &m.ReceivingDays, &m.CostPerKg, &m.Currency, &m.CostPerCbm, &m.VolumetricDivisor); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// SaveShippingMode creates (empty ID) or updates a shipping-mode default.
// A new name must not be taken here (see checkNewName).
func (s *Store) SaveShippingMode(ctx context.Context, m app.ShippingMode) (app.ShippingMode, error) {
	m = m.Normalize()
	if err := m.Validate(); err != nil {
		return app.ShippingMode{}, err
	}
	fresh := m.ID == ""
	if fresh {
		m.ID = s.newID()
	}
	r := record{"name": m.Name, "transit_days": int64(m.TransitDays), "receiving_days": int64(m.ReceivingDays),
		"cost_per_kg_minor": m.CostPerKg, "currency": m.Currency, "cost_per_cbm_minor": m.CostPerCbm,
		"volumetric_divisor": int64(m.VolumetricDivisor)}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkNewName(ctx, tx, tableShippingMode, m.Name, m.ID, "shipping_mode"); err != nil {
			return err
		}
		if fresh {
			return s.insertRecord(ctx, tx, tableShippingMode, m.ID, r)
		}
		_, err := s.updateRecord(ctx, tx, tableShippingMode, m.ID, r)
		return err
	})
	if err != nil {
		return app.ShippingMode{}, err
	}
	return m, nil
}

// DeleteShippingMode removes an office default; the built-in default of
// that name applies again.
func (s *Store) DeleteShippingMode(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableShippingMode, id) })
}
