package inventoryui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/reports"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// productRow is one SKU of the catalog as the table shows it.
type productRow struct {
	sku, title, asin, market, price, band, cost, supplier, moq, pack, days, mode, weight, active string
	inactive                                                                                     bool
	p                                                                                            app.Product
}

// catalogTab is the catalog: every SKU with what the plan needs of it
// (supplier, cost, MOQ, case pack, production days, weight, usual mode),
// edited one by one or imported and exported as the catalog template.
type catalogTab struct {
	s     *Screen
	root  fyne.CanvasObject
	table *widgets.PagedTable[productRow]
	sel   selection[app.Product]
}

func newCatalogTab(s *Screen) *catalogTab {
	tr := s.tr
	t := &catalogTab{s: s}
	dim := func(r productRow) widget.Importance {
		if r.inactive {
			return widget.LowImportance
		}
		return widget.MediumImportance
	}
	col := func(label string, width float32, sort string, text func(productRow) string) widgets.Column[productRow] {
		return widgets.Column[productRow]{Label: label, Width: width, Sort: sort, Text: text, Importance: dim}
	}
	num := func(label string, text func(productRow) string, value func(productRow) any) widgets.Column[productRow] {
		c := col(label, numberWidth, "", text)
		c.Align, c.Value = fyne.TextAlignTrailing, value
		return c
	}
	var markets []widgets.Option
	for _, m := range app.Marketplaces() {
		markets = append(markets, widgets.Option{Value: m.Code, Label: m.Code})
	}
	t.table = widgets.NewPagedTable(tableConfig(s, tr.T("inventory.tab.catalog"), widgets.PagedTableConfig[productRow]{
		Columns: []widgets.Column[productRow]{
			col(tr.T("field.product.sku"), skuWidth, app.ProductSortSKU, func(r productRow) string { return r.sku }),
			col(tr.T("field.product.title"), titleWidth, app.ProductSortTitle, func(r productRow) string { return r.title }),
			col(tr.T("field.product.asin"), 110, "", func(r productRow) string { return r.asin }),
			col(tr.T("field.product.marketplace"), 70, "", func(r productRow) string { return r.market }),
			{Label: tr.T("field.product.price"), Width: 90, Align: fyne.TextAlignTrailing, Sort: app.ProductSortPrice,
				Text: func(r productRow) string { return r.price }, Importance: dim,
				Value: func(r productRow) any { return float64(r.p.Price) / float64(app.MinorPerMajor(r.p.PriceCurrency)) }},
			col(tr.T("inventory.col.band"), 90, "", func(r productRow) string { return r.band }),
			{Label: tr.T("field.product.unit_cost"), Width: 90, Align: fyne.TextAlignTrailing, Text: func(r productRow) string { return r.cost },
				Importance: dim, Value: func(r productRow) any { return float64(r.p.UnitCost) / float64(app.MinorPerMajor(r.p.CostCurrency)) }},
			col(tr.T("field.product.supplier"), 150, app.ProductSortSupplier, func(r productRow) string { return r.supplier }),
			num(tr.T("field.product.moq"), func(r productRow) string { return r.moq }, func(r productRow) any { return r.p.MOQ }),
			num(tr.T("field.product.case_pack"), func(r productRow) string { return r.pack }, func(r productRow) any { return r.p.CasePack }),
			num(tr.T("field.product.production_days"), func(r productRow) string { return r.days }, func(r productRow) any { return r.p.ProductionDays }),
			col(tr.T("field.product.mode"), 80, "", func(r productRow) string { return r.mode }),
			num(tr.T("inventory.col.weight"), func(r productRow) string { return r.weight }, func(r productRow) any { return r.p.UnitWeightKg() }),
			col(tr.T("field.product.active"), 70, "", func(r productRow) string { return r.active }),
		},
		Filters: []widgets.Filter{
			{Key: app.ProductFilterMarketplace, Label: tr.T("field.product.marketplace"), Options: markets},
			{Key: app.ProductFilterActive, Label: tr.T("field.product.active"), Options: []widgets.Option{
				{Value: "1", Label: tr.T("inventory.catalog.active")}, {Value: "0", Label: tr.T("inventory.catalog.inactive")}}},
		},
		Search: true,
		Sort:   app.ProductSortSKU,
		Load:   t.page,
		ID:     func(r productRow) string { return r.p.ID },
		OnSelected: func(id string) {
			selectFrom(s, &t.sel, func(ctx context.Context, st *data.Store) (app.Product, error) { return st.Product(ctx, id) })
		},
	}))
	add := widget.NewButtonWithIcon(tr.T("inventory.catalog.new"), theme.ContentAddIcon(), s.newProduct)
	add.Importance = widget.HighImportance
	edit := widget.NewButtonWithIcon(tr.T("inventory.catalog.edit"), theme.DocumentCreateIcon(), func() { s.editProduct(t.sel.value, false) })
	remove := widget.NewButtonWithIcon(tr.T("inventory.catalog.remove"), theme.DeleteIcon(), t.remove)
	imp := widget.NewButtonWithIcon(tr.T("inventory.catalog.import"), theme.UploadIcon(), t.importFile)
	exp := widget.NewButtonWithIcon(tr.T("inventory.catalog.export"), theme.DownloadIcon(), func() {
		s.saveSheet(tr.T("inventory.catalog.export_name"), func(ctx context.Context, st *data.Store) (reports.Sheet, error) {
			return st.ExportCatalog(ctx, tr.Lang())
		})
	})
	tmpl := widget.NewButtonWithIcon(tr.T("inventory.catalog.template"), theme.FileIcon(), func() {
		s.saveSheet(tr.T("inventory.catalog.template_name"), func(context.Context, *data.Store) (reports.Sheet, error) {
			return reports.CatalogTemplate(tr.Lang()), nil
		})
	})
	t.sel.buttons = []fyne.Disableable{edit, remove}
	t.sel.enable()
	hint := ui.WrapLabel(tr.T("inventory.catalog.hint"))
	top := container.NewVBox(hint, container.NewHBox(add, edit, remove, widget.NewSeparator(), imp, exp, tmpl))
	t.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, t.table)
	return t
}

func (t *catalogTab) page(ctx context.Context, q app.ListQuery) ([]productRow, int, error) {
	st, err := t.s.openStore()
	if err != nil {
		return nil, 0, err
	}
	ps, total, err := st.ListProducts(ctx, q)
	rows := make([]productRow, len(ps))
	for i, p := range ps {
		rows[i] = t.row(p)
	}
	return rows, total, err
}

func (t *catalogTab) row(p app.Product) productRow {
	tr, set := t.s.tr, t.s.settings
	opt := func(n int) string {
		if n == 0 {
			return "–"
		}
		return units(n)
	}
	r := productRow{sku: p.SKU, title: p.Title, asin: p.ASIN, market: p.Marketplace, supplier: p.Supplier,
		moq: opt(p.MOQ), pack: opt(p.CasePack), days: opt(p.ProductionDays), mode: modeLabel(tr, firstNonEmpty(p.Mode, "sea")),
		active: tr.T("inventory.catalog.yes"), inactive: !p.Active, p: p, price: "–", cost: "–", band: "–", weight: "–"}
	if !p.Active {
		r.active = tr.T("inventory.catalog.no")
	}
	if p.Price > 0 {
		r.price = app.FormatMoneyExact(p.Price, p.PriceCurrency)
		r.band = bandLabel(set, set.PriceBands.Band(p.Price), p.PriceCurrency)
	}
	if p.UnitCost > 0 {
		r.cost = app.FormatMoneyExact(p.UnitCost, p.CostCurrency)
	}
	if p.WeightG > 0 {
		r.weight = tr.T("inventory.kg", "Kg", app.FormatNumber(p.UnitWeightKg(), 2))
	}
	return r
}

func (t *catalogTab) load() { t.table.Reload() }

// remove takes the picked SKU out of the catalog (its sales and ledger
// stay).
func (t *catalogTab) remove() {
	s, tr := t.s, t.s.tr
	p := t.sel.value
	s.env.Confirm(tr.T("inventory.catalog.remove_title", "SKU", p.SKU), tr.T("inventory.catalog.remove_body"), tr.T("inventory.catalog.remove"), func() {
		s.env.Background(func(st *data.Store) func() {
			err := st.DeleteProduct(s.env.Context(), p.ID)
			return func() {
				if err != nil {
					s.env.ShowError(tr.T("inventory.save_failed"), err)
					return
				}
				t.sel.clear()
				s.changed()
			}
		})
	})
}

// importFile picks a catalog file and previews it on the Import tab.
func (t *catalogTab) importFile() {
	s := t.s
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				s.env.ShowError(s.tr.T("inventory.import.failed"), err)
			}
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		s.ShowTab(tabImport)
		s.imports.open(path)
		s.imports.kind.SetSelected(s.imports.kinds.Label(string(reports.KindCatalog)))
	}, s.env.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv", ".tsv", ".txt"}))
	d.Show()
}

// saveSheet asks where to save an XLSX file and writes the sheet made
// off the UI thread into it.
func (s *Screen) saveSheet(name string, sheet func(ctx context.Context, st *data.Store) (reports.Sheet, error)) {
	tr := s.tr
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.env.ShowError(tr.T("inventory.export_failed"), err)
			return
		}
		if w == nil {
			return
		}
		s.env.Background(func(st *data.Store) func() {
			sh, err := sheet(s.env.Context(), st)
			if err == nil {
				err = reports.WriteXLSX(w, sh)
			}
			err = errors.Join(err, w.Close())
			if err != nil {
				_ = storage.Delete(w.URI())
			}
			return func() {
				if err != nil {
					s.env.ShowError(tr.T("inventory.export_failed"), err)
					return
				}
				s.env.Inform(tr.T("inventory.exported_title"), tr.T("inventory.exported", "Count", len(sh.Rows), "Path", w.URI().Path()))
			}
		})
	}, s.env.Window())
	d.SetFileName(name + ".xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Show()
}
