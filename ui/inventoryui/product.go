package inventoryui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// The SKU form. An existing SKU's form follows sync changes (a
// ui.RecordForm over the product record) and saves only what was changed
// in it; a new SKU is created as typed.

// productFields are the SKU form's fields, read and filled by the product
// record's column names (ui.RecordFields).
type productFields struct {
	s                                                 *Screen
	sku, title, asin, fnsku, price, fee, cost, weight *widget.Entry
	volume, moq, pack, days, safety, note             *widget.Entry
	supplier                                          *widget.SelectEntry
	market, priceCur, costCur, mode                   *widget.Select
	modes                                             ui.Choices
	active                                            *widget.Check
}

func newProductFields(s *Screen) *productFields {
	tr := s.tr
	f := &productFields{s: s, modes: modeChoices(tr, s.modes)}
	for _, e := range []**widget.Entry{&f.sku, &f.title, &f.asin, &f.fnsku, &f.price, &f.fee, &f.cost, &f.weight,
		&f.volume, &f.moq, &f.pack, &f.days, &f.safety} {
		*e = widget.NewEntry()
	}
	f.note = widget.NewMultiLineEntry()
	f.note.SetMinRowsVisible(2)
	f.weight.SetPlaceHolder(tr.T("inventory.catalog.kg_hint"))
	f.volume.SetPlaceHolder(tr.T("inventory.catalog.cm3_hint"))
	f.safety.SetPlaceHolder(tr.T("inventory.catalog.safety_hint"))
	f.supplier = widget.NewSelectEntry(s.suppliers())
	var markets []string
	for _, m := range app.Marketplaces() {
		markets = append(markets, m.Code)
	}
	f.market = widget.NewSelect(markets, nil)
	f.priceCur = widget.NewSelect(currencyCodes, nil)
	f.costCur = widget.NewSelect(currencyCodes, nil)
	f.mode = widget.NewSelect(f.modes.Labels(), nil)
	f.active = widget.NewCheck(tr.T("inventory.catalog.active"), nil)
	return f
}

// form lays the fields out.
func (f *productFields) form() *widget.Form {
	tr := f.s.tr
	withCur := func(e *widget.Entry, cur *widget.Select) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, ui.FixedWidth(90, cur), e)
	}
	return widget.NewForm(
		widget.NewFormItem(tr.T("field.product.sku"), f.sku),
		widget.NewFormItem(tr.T("field.product.title"), f.title),
		widget.NewFormItem(tr.T("field.product.asin"), f.asin),
		widget.NewFormItem(tr.T("field.product.fnsku"), f.fnsku),
		widget.NewFormItem(tr.T("field.product.marketplace"), f.market),
		widget.NewFormItem(tr.T("field.product.price"), withCur(f.price, f.priceCur)),
		widget.NewFormItem(tr.T("field.product.fba_fee"), f.fee),
		widget.NewFormItem(tr.T("field.product.unit_cost"), withCur(f.cost, f.costCur)),
		widget.NewFormItem(tr.T("field.product.supplier"), f.supplier),
		widget.NewFormItem(tr.T("field.product.moq"), f.moq),
		widget.NewFormItem(tr.T("field.product.case_pack"), f.pack),
		widget.NewFormItem(tr.T("field.product.production_days"), f.days),
		widget.NewFormItem(tr.T("field.product.weight"), f.weight),
		widget.NewFormItem(tr.T("field.product.volume"), f.volume),
		widget.NewFormItem(tr.T("field.product.mode"), f.mode),
		widget.NewFormItem(tr.T("field.product.safety_days"), f.safety),
		widget.NewFormItem(tr.T("field.product.active"), f.active),
		widget.NewFormItem(tr.T("field.product.note"), f.note),
	)
}

// Values implements ui.RecordFields.
func (f *productFields) Values() (map[string]any, error) {
	p, err := f.product()
	if err != nil {
		return nil, err
	}
	return productValues(p), nil
}

// Fill implements ui.RecordFields.
func (f *productFields) Fill(v map[string]any) error {
	p := productOf(v)
	f.sku.SetText(p.SKU)
	f.title.SetText(p.Title)
	f.asin.SetText(p.ASIN)
	f.fnsku.SetText(p.FNSKU)
	f.market.SetSelected(firstNonEmpty(p.Marketplace, app.DefaultMarketplace))
	f.priceCur.SetSelected(p.PriceCurrency)
	f.costCur.SetSelected(firstNonEmpty(p.CostCurrency, "CNY"))
	f.price.SetText(majorText(p.Price, p.PriceCurrency))
	f.fee.SetText(majorText(p.FBAFee, p.PriceCurrency))
	f.cost.SetText(majorText(p.UnitCost, p.CostCurrency))
	f.weight.SetText("")
	if p.WeightG > 0 {
		f.weight.SetText(ui.FormatInput(p.UnitWeightKg()))
	}
	whole := func(e *widget.Entry, n int) {
		e.SetText("")
		if n != 0 {
			e.SetText(itoa(n))
		}
	}
	whole(f.volume, p.VolumeCm3)
	whole(f.moq, p.MOQ)
	whole(f.pack, p.CasePack)
	whole(f.days, p.ProductionDays)
	whole(f.safety, p.SafetyDays)
	f.supplier.SetText(p.Supplier)
	f.mode.SetSelected(f.modes.Label(firstNonEmpty(p.Mode, "sea")))
	f.active.SetChecked(p.Active)
	f.note.SetText(p.Note)
	return nil
}

// product reads the form; a number that is not one is a *FieldError.
func (f *productFields) product() (app.Product, error) {
	p := app.Product{SKU: f.sku.Text, Title: f.title.Text, ASIN: f.asin.Text, FNSKU: f.fnsku.Text, Supplier: f.supplier.Text,
		Note: f.note.Text, Marketplace: f.market.Selected, PriceCurrency: f.priceCur.Selected, CostCurrency: f.costCur.Selected,
		Mode: f.modes.Value(f.mode.Selected), Active: f.active.Checked}
	for _, m := range []struct {
		e     *widget.Entry
		cur   string
		to    *int64
		field string
	}{{f.price, p.PriceCurrency, &p.Price, "price"}, {f.cost, p.CostCurrency, &p.UnitCost, "unit_cost"}, {f.fee, p.PriceCurrency, &p.FBAFee, "fba_fee"}} {
		v, ok := moneyMajor(m.e.Text, m.cur)
		if !ok {
			return p, &app.FieldError{Entity: "product", Field: m.field, Code: app.CodeOutOfRange, Limit: int(app.MaxMoneyMinor / 100)}
		}
		*m.to = v
	}
	for _, w := range []struct {
		e     *widget.Entry
		to    *int
		max   int
		field string
	}{{f.moq, &p.MOQ, app.MaxProductUnits, "moq"}, {f.pack, &p.CasePack, app.MaxProductUnits, "case_pack"},
		{f.days, &p.ProductionDays, app.MaxModeDays, "production_days"}, {f.safety, &p.SafetyDays, app.MaxModeDays, "safety_days"},
		{f.volume, &p.VolumeCm3, app.MaxUnitVolume, "volume"}} {
		if strings.TrimSpace(w.e.Text) == "" {
			continue
		}
		v, ok := ui.ParseWhole(w.e.Text, 0, w.max)
		if !ok {
			return p, &app.FieldError{Entity: "product", Field: w.field, Code: app.CodeOutOfRange, Limit: w.max}
		}
		*w.to = v
	}
	if text := strings.TrimSpace(f.weight.Text); text != "" {
		kg, ok := ui.ParseNumber(text)
		if !ok || kg < 0 || kg*1000 > app.MaxUnitWeightG {
			return p, &app.FieldError{Entity: "product", Field: "weight", Code: app.CodeOutOfRange, Limit: app.MaxUnitWeightG / 1000}
		}
		p.WeightG = int(kg*1000 + 0.5)
	}
	return p, nil
}

// productValues is a product by its record's column names.
func productValues(p app.Product) map[string]any {
	return map[string]any{
		"sku": p.SKU, "asin": p.ASIN, "fnsku": p.FNSKU, "title": p.Title,
		"unit_cost_minor": p.UnitCost, "cost_currency": p.CostCurrency,
		"price_minor": p.Price, "price_currency": p.PriceCurrency, "fba_fee_minor": p.FBAFee,
		"weight_g": int64(p.WeightG), "volume_cm3": int64(p.VolumeCm3), "supplier": p.Supplier,
		"moq": int64(p.MOQ), "case_pack": int64(p.CasePack), "production_days": int64(p.ProductionDays),
		"marketplace": p.Marketplace, "mode": p.Mode, "safety_days": int64(p.SafetyDays),
		"note": p.Note, "active": p.Active,
	}
}

// productOf reads a product from its record's values (as stored, or as
// productValues writes them).
func productOf(v map[string]any) app.Product {
	return app.Product{SKU: ui.ValueText(v["sku"]), ASIN: ui.ValueText(v["asin"]), FNSKU: ui.ValueText(v["fnsku"]),
		Title: ui.ValueText(v["title"]), UnitCost: valueInt(v["unit_cost_minor"]), CostCurrency: ui.ValueText(v["cost_currency"]),
		Price: valueInt(v["price_minor"]), PriceCurrency: ui.ValueText(v["price_currency"]), FBAFee: valueInt(v["fba_fee_minor"]),
		WeightG: int(valueInt(v["weight_g"])), VolumeCm3: int(valueInt(v["volume_cm3"])), Supplier: ui.ValueText(v["supplier"]),
		MOQ: int(valueInt(v["moq"])), CasePack: int(valueInt(v["case_pack"])), ProductionDays: int(valueInt(v["production_days"])),
		Marketplace: ui.ValueText(v["marketplace"]), Mode: ui.ValueText(v["mode"]), SafetyDays: int(valueInt(v["safety_days"])),
		Note: ui.ValueText(v["note"]), Active: ui.ValueFlag(v["active"])}
}

// saveProduct writes a SKU form's edits (see ui.SaveFunc).
func saveProduct(ctx context.Context, st *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
	return st.UpdateProductChanges(ctx, snap, productOf(v), keep)
}

// newProduct opens the form of a new SKU.
func (s *Screen) newProduct() {
	s.editProduct(app.Product{Active: true, CostCurrency: "CNY", Marketplace: app.DefaultMarketplace}, true)
}

// editProduct opens a SKU's form (a new SKU when fresh).
func (s *Screen) editProduct(p app.Product, fresh bool) {
	tr := s.tr
	f := newProductFields(s)
	p = p.Normalize()
	_ = f.Fill(productValues(p))
	f.market.OnChanged = func(code string) {
		if m, ok := app.MarketplaceOf(code); ok && fresh {
			f.priceCur.SetSelected(m.Currency)
		}
	}
	r := recordForm{Table: "product", Fields: f,
		Create: func() (ui.Write, error) {
			out, err := f.product()
			if err == nil {
				out = out.Normalize()
				err = out.Validate()
			}
			if err != nil {
				return nil, err
			}
			return func(st *data.Store) error {
				_, err := st.CreateProduct(s.env.Context(), out)
				return err
			}, nil
		},
		Update: func(rf *ui.RecordForm, done func(error)) { rf.Save(saveProduct, done) }}
	if !fresh {
		r.ID = p.ID
		f.sku.Disable() // a SKU is its identity: a new SKU is a new product
	}
	spec := longFormSpec{Title: tr.T("inventory.catalog.new"), SaveLabel: tr.T("action.save"), Content: f.form(), Saved: s.changed}
	s.showRecordForm(spec, r, tr.T("inventory.catalog.edit_title", "SKU", p.SKU))
}
