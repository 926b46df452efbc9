package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opsbench/opsbench/app"
)

func productRecord(p app.Product) record {
	return record{
		"sku": p.SKU, "asin": p.ASIN, "fnsku": p.FNSKU, "title": p.Title,
		"unit_cost_minor": p.UnitCost, "cost_currency": p.CostCurrency,
		"price_minor": p.Price, "price_currency": p.PriceCurrency, "fba_fee_minor": p.FBAFee,
		"weight_g": p.WeightG, "volume_cm3": p.VolumeCm3, "supplier": p.Supplier,
		"moq": p.MOQ, "case_pack": p.CasePack, "production_days": p.ProductionDays,
		"marketplace": p.Marketplace, "mode": p.Mode, "safety_days": p.SafetyDays,
		"note": p.Note, "active": p.Active,
	}
}

const productColumns = `id, sku, asin, fnsku, title, unit_cost_minor, cost_currency, price_minor, price_currency,
	fba_fee_minor, weight_g, volume_cm3, supplier, moq, case_pack, production_days, marketplace, mode, safety_days, note, active`

type scanner interface{ Scan(dest ...any) error }

func scanProduct(r scanner) (app.Product, error) {
	var p app.Product
	err := r.Scan(&p.ID, &p.SKU, &p.ASIN, &p.FNSKU, &p.Title, &p.UnitCost, &p.CostCurrency, &p.Price, &p.PriceCurrency,
		&p.FBAFee, &p.WeightG, &p.VolumeCm3, &p.Supplier, &p.MOQ, &p.CasePack, &p.ProductionDays, &p.Marketplace,
		&p.Mode, &p.SafetyDays, &p.Note, &p.Active)
	return p, err
}

// CreateProduct adds a SKU to the catalog. A SKU already in the catalog
// is refused (CodeDuplicate on sku); one deleted earlier comes back with
// the new details.
func (s *Store) CreateProduct(ctx context.Context, p app.Product) (app.Product, error) {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return app.Product{}, err
	}
	p.ID = app.ProductID(p.SKU)
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		_, _, err := s.putProduct(ctx, tx, p, false)
		return err
	})
	if err != nil {
		return app.Product{}, err
	}
	return p, nil
}

// UpdateProduct saves changes to a product, writing only the fields that
// changed. Its SKU cannot change (the id derives from it).
func (s *Store) UpdateProduct(ctx context.Context, p app.Product) error {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if p.ID != app.ProductID(p.SKU) {
		return &app.FieldError{Entity: "product", Field: "sku", Code: app.CodeBadChoice}
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.updateRecord(ctx, tx, tableProduct, p.ID, productRecord(p))
		return err
	})
}

// putProduct creates p, or updates it when update is set and it exists;
// it reports whether it was created (or brought back).
func (s *Store) putProduct(ctx context.Context, tx *sql.Tx, p app.Product, update bool) (created, changed bool, err error) {
	var deleted int
	err = tx.QueryRowContext(ctx, `SELECT deleted FROM product WHERE id = ?`, p.ID).Scan(&deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return true, true, s.insertRecord(ctx, tx, tableProduct, p.ID, productRecord(p))
	case err != nil:
		return false, false, err
	case deleted != 0:
		if err := s.undeleteRecord(ctx, tx, tableProduct, p.ID); err != nil {
			return false, false, err
		}
		_, err := s.updateRecord(ctx, tx, tableProduct, p.ID, productRecord(p))
		return true, true, err
	case !update:
		return false, false, &app.FieldError{Entity: "product", Field: "sku", Code: app.CodeDuplicate}
	}
	changed, err = s.updateRecord(ctx, tx, tableProduct, p.ID, productRecord(p))
	return false, changed, err
}

// DeleteProduct removes a SKU from the catalog (a tombstone: its ledger,
// sales and orders stay).
func (s *Store) DeleteProduct(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableProduct, id) })
}

// Product returns one product (deleted ones are not found).
func (s *Store) Product(ctx context.Context, id string) (app.Product, error) {
	p, err := scanProduct(s.read.QueryRowContext(ctx, `SELECT `+productColumns+` FROM product WHERE id = ? AND deleted = 0`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return app.Product{}, fmt.Errorf("product %s: %w", id, app.ErrNotFound)
	}
	return p, mapErr(err)
}

// ProductBySKU returns the product with this SKU.
func (s *Store) ProductBySKU(ctx context.Context, sku string) (app.Product, error) {
	return s.Product(ctx, app.ProductID(sku))
}

// Products lists the whole catalog by SKU (2,000 rows at most in a
// large office: callers that page use ListProducts).
func (s *Store) Products(ctx context.Context) ([]app.Product, error) {
	return queryProducts(ctx, s.read, `SELECT `+productColumns+` FROM product WHERE deleted = 0 ORDER BY sku`)
}

func queryProducts(ctx context.Context, q querier, query string, args ...any) ([]app.Product, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.Product
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// knownSKUs is the set of SKUs in the catalog (live ones).
func knownSKUs(ctx context.Context, q querier) (map[string]app.Product, error) {
	ps, err := queryProducts(ctx, q, `SELECT `+productColumns+` FROM product WHERE deleted = 0`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]app.Product, len(ps))
	for _, p := range ps {
		out[p.SKU] = p
	}
	return out, nil
}

// productList is the catalog as a list.
var productList = listSpec{
	name:  "catalog",
	from:  "product p",
	where: "p.deleted = 0",
	id:    "p.id",
	tie:   "p.rowid",
	sorts: map[string][]string{
		app.ProductSortSKU:      {"p.sku"},
		app.ProductSortTitle:    {"p.title"},
		app.ProductSortSupplier: {"p.supplier", "p.sku"},
		app.ProductSortPrice:    {"p.price_minor"},
	},
	defaultSort: app.ProductSortSKU,
	filters: map[string]string{
		app.ProductFilterMarketplace: "p.marketplace = ?",
		app.ProductFilterSupplier:    "p.supplier = ?",
		app.ProductFilterActive:      "p.active = CAST(? AS INTEGER)",
	},
	search: func(text string) (string, []any) {
		p := likeContains(text)
		return `(p.sku LIKE ? ESCAPE '\' OR p.title LIKE ? ESCAPE '\' OR p.asin LIKE ? ESCAPE '\' OR p.fnsku LIKE ? ESCAPE '\')`,
			[]any{p, p, p, p}
	},
}

// ListProducts returns a page of the catalog (app.ProductSort*,
// ProductFilter*); the search matches SKU, title, ASIN and FNSKU.
func (s *Store) ListProducts(ctx context.Context, q app.ListQuery) ([]app.Product, int, error) {
	l, err := productList.build(ctx, s.read, q, productColumns)
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.Product, error) {
		return queryProducts(ctx, s.read, query, args...)
	})
}

// Suppliers lists the suppliers named in the catalog, for filters.
func (s *Store) Suppliers(ctx context.Context) ([]string, error) {
	return stringsOf(ctx, s.read, `SELECT DISTINCT supplier FROM product WHERE deleted = 0 AND supplier <> ''
		UNION SELECT DISTINCT supplier FROM purchase_order WHERE deleted = 0 ORDER BY 1`)
}
