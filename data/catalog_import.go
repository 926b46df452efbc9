package data

import (
	"context"
	"errors"
	"fmt"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

// catalogKind imports the catalog template: new SKUs are added, known
// ones get the columns the file has (a file of SKU and Price changes
// prices only).
type catalogKind struct{}

func (catalogKind) Kind() reports.Kind { return reports.KindCatalog }
func (catalogKind) Dates() DateNeed    { return NeedNoDate }

func (catalogKind) read(ctx context.Context, run *importRun, f *reports.File) (*reports.Summary, error) {
	seen := map[string]int{}
	return f.Catalog(ctx, func(r reports.CatalogRow) error {
		if first, dup := seen[r.SKU]; dup {
			run.reject(r.Row, "SKU", r.SKU, fmt.Errorf("the same SKU as row %d", first))
			return nil
		}
		seen[r.SKU] = r.Row
		old, exists := run.catalog[r.SKU]
		p := mergeCatalogRow(old, r, exists)
		p = p.Normalize()
		if err := p.Validate(); err != nil {
			var fe *app.FieldError
			col := ""
			if errors.As(err, &fe) {
				col = fe.Field
			}
			run.reject(r.Row, col, r.SKU, err)
			return nil
		}
		run.queued++
		if run.tx == nil {
			return nil
		}
		p.ID = app.ProductID(p.SKU)
		created, changed, err := run.s.putProduct(ctx, run.tx, p, true)
		switch {
		case created:
			run.added++
		case changed:
			run.updated++
		}
		run.catalog[p.SKU] = p
		return err
	})
}

// mergeCatalogRow applies the columns a catalog row has to a product.
func mergeCatalogRow(p app.Product, r reports.CatalogRow, exists bool) app.Product {
	if !exists {
		p = app.Product{SKU: r.SKU, Active: true}
	}
	set := func(key string, apply func()) {
		if r.Has[key] {
			apply()
		}
	}
	set("title", func() { p.Title = r.Title })
	set("asin", func() { p.ASIN = r.ASIN })
	set("fnsku", func() { p.FNSKU = r.FNSKU })
	set("marketplace", func() { p.Marketplace = r.Marketplace })
	set("price", func() { p.Price = r.Price })
	if r.PriceCurrencyGiven {
		p.PriceCurrency = r.PriceCurrency
	}
	set("unit_cost", func() { p.UnitCost = r.UnitCost })
	if r.CostCurrencyGiven {
		p.CostCurrency = r.CostCurrency
	}
	set("fba_fee", func() { p.FBAFee = r.FBAFee })
	set("weight_kg", func() { p.WeightG = r.WeightG })
	set("volume_cm3", func() { p.VolumeCm3 = r.VolumeCm3 })
	set("supplier", func() { p.Supplier = r.Supplier })
	set("moq", func() { p.MOQ = r.MOQ })
	set("case_pack", func() { p.CasePack = r.CasePack })
	set("production_days", func() { p.ProductionDays = r.ProductionDays })
	set("mode", func() { p.Mode = r.Mode })
	set("safety_days", func() { p.SafetyDays = r.SafetyDays })
	set("active", func() { p.Active = r.Active })
	set("note", func() { p.Note = r.Note })
	return p
}

// ExportCatalog is the whole catalog as the template's sheet (header in
// lang), which imports back unchanged.
func (s *Store) ExportCatalog(ctx context.Context, lang string) (reports.Sheet, error) {
	ps, err := s.Products(ctx)
	if err != nil {
		return reports.Sheet{}, err
	}
	sh := reports.CatalogTemplate(lang)
	sh.Rows = nil
	money := func(v int64, cur string) any {
		return float64(v) / float64(app.MinorPerMajor(cur))
	}
	orNil := func(n int) any {
		if n == 0 {
			return nil
		}
		return n
	}
	active := map[bool]string{true: "yes", false: "no"}
	if sh.Name != "Catalog" {
		active = map[bool]string{true: "是", false: "否"}
	}
	for _, p := range ps {
		sh.Rows = append(sh.Rows, []any{p.SKU, p.Title, p.ASIN, p.FNSKU, p.Marketplace, money(p.Price, p.PriceCurrency),
			p.PriceCurrency, money(p.UnitCost, p.CostCurrency), p.CostCurrency, money(p.FBAFee, p.PriceCurrency),
			float64(p.WeightG) / 1000, orNil(p.VolumeCm3), nil, nil, nil, p.Supplier, orNil(p.MOQ), orNil(p.CasePack),
			p.ProductionDays, p.Mode, orNil(p.SafetyDays), active[p.Active], p.Note})
	}
	return sh, nil
}
