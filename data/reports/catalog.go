package reports

import (
	"context"
	"math"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// The catalog template.
//
// The catalog goes in and out as one sheet (XLSX or CSV), one SKU a row,
// headed in English or Chinese (either name works, in any order; other
// columns are ignored). Only SKU is required: a file with SKU and Price
// updates prices and leaves everything else as it is, and so does an
// empty cell (type 0 to clear a number).
//
//	SKU              SKU              required  the seller SKU, as in Seller Central
//	Title            商品名称                    the product's name
//	ASIN             ASIN
//	FNSKU            FNSKU
//	Marketplace      站点                        US, UK, DE, JP... (default US)
//	Price            售价                        selling price: 16.99, $16.99
//	Price currency   售价币种                    default: the marketplace's (USD for US)
//	Unit cost        采购成本                    factory price of one unit: 12.5, ¥12.50
//	Cost currency    成本币种                    default CNY
//	FBA fee          FBA配送费                   Amazon's fulfilment fee per unit, price currency
//	Unit weight kg   单件重量kg                  packed weight of one unit in kilograms: 0.35
//	Unit volume cm3  单件体积cm3                 packed volume of one unit in cubic centimetres
//	Length cm        长cm                        or the three sides of the packed unit,
//	Width cm         宽cm                        multiplied into the volume when the
//	Height cm        高cm                        volume column is empty
//	Supplier         供应商
//	MOQ              起订量                      the supplier's minimum order quantity
//	Case pack        装箱数                      units per carton
//	Production days  生产天数                    days from order to goods ready
//	Shipping mode    运输方式                    sea 海运, air 空运, express 快递, rail 铁路, truck 卡航, or the office's own
//	Safety days      安全库存天数                days of sales kept as safety stock (empty: by service level)
//	Active           在售                        yes/no, 是/否 (default yes)
//	Note             备注

// CatalogColumn describes one column of the catalog template.
type CatalogColumn struct {
	Key      string
	English  string
	Chinese  string
	Required bool
}

// CatalogColumns lists the template's columns in order.
func CatalogColumns() []CatalogColumn {
	return []CatalogColumn{
		{"sku", "SKU", "SKU", true},
		{"title", "Title", "商品名称", false},
		{"asin", "ASIN", "ASIN", false},
		{"fnsku", "FNSKU", "FNSKU", false},
		{"marketplace", "Marketplace", "站点", false},
		{"price", "Price", "售价", false},
		{"price_currency", "Price currency", "售价币种", false},
		{"unit_cost", "Unit cost", "采购成本", false},
		{"cost_currency", "Cost currency", "成本币种", false},
		{"fba_fee", "FBA fee", "FBA配送费", false},
		{"weight_kg", "Unit weight kg", "单件重量kg", false},
		{"volume_cm3", "Unit volume cm3", "单件体积cm3", false},
		{"length_cm", "Length cm", "长cm", false},
		{"width_cm", "Width cm", "宽cm", false},
		{"height_cm", "Height cm", "高cm", false},
		{"supplier", "Supplier", "供应商", false},
		{"moq", "MOQ", "起订量", false},
		{"case_pack", "Case pack", "装箱数", false},
		{"production_days", "Production days", "生产天数", false},
		{"mode", "Shipping mode", "运输方式", false},
		{"safety_days", "Safety days", "安全库存天数", false},
		{"active", "Active", "在售", false},
		{"note", "Note", "备注", false},
	}
}

// catalogAliases are further header names people give these columns.
var catalogAliases = map[string][]string{
	"sku":             {"Seller SKU", "卖家SKU", "MSKU"},
	"title":           {"Product name", "Name", "品名", "产品名称", "标题"},
	"marketplace":     {"Site", "Country", "国家", "市场"},
	"price":           {"Selling price", "Your price", "销售价格", "价格"},
	"unit_cost":       {"Cost", "Purchase price", "采购价", "成本", "进货价"},
	"fba_fee":         {"Fulfilment fee", "Fulfillment fee", "FBA fee per unit", "配送费", "FBA费用"},
	"weight_kg":       {"Weight kg", "Weight", "重量kg", "重量", "单件重量"},
	"volume_cm3":      {"Volume cm3", "Volume", "体积cm3", "体积", "单件体积"},
	"length_cm":       {"Length", "长", "长度"},
	"width_cm":        {"Width", "宽", "宽度"},
	"height_cm":       {"Height", "高", "高度"},
	"supplier":        {"Vendor", "Factory", "工厂", "厂家"},
	"moq":             {"Minimum order quantity", "最小起订量"},
	"case_pack":       {"Units per carton", "Carton qty", "每箱数量", "箱规"},
	"production_days": {"Lead time days", "生产周期", "生产周期天数", "交期"},
	"mode":            {"Mode", "Shipping", "物流方式", "头程方式"},
	"safety_days":     {"Safety stock days", "安全天数"},
	"active":          {"Status", "状态", "是否在售"},
	"note":            {"Notes", "Remarks", "备注说明"},
}

func catalogSpecColumns() []column {
	var cols []column
	for _, c := range CatalogColumns() {
		names := append([]string{c.English, c.Chinese}, catalogAliases[c.Key]...)
		cols = append(cols, column{key: c.Key, required: c.Required, names: names})
	}
	return cols
}

// CatalogTemplate is the template's header in lang ("zh-Hans" for
// Chinese, anything else English) with one example row; ExportCatalog
// fills the rows of the same columns.
func CatalogTemplate(lang string) Sheet {
	zh := strings.HasPrefix(strings.ToLower(lang), "zh")
	sh := Sheet{Name: "Catalog", Header: CatalogHeader(lang)}
	mode, active, note := "sea", "yes", "blue, 12 oz"
	if zh {
		sh.Name, mode, active, note = "商品目录", "海运", "是", "蓝色 12盎司"
	}
	sh.Rows = [][]any{{"MUG-11", "Enamel Camping Mug", "B0MUG00011", "X001MUG011", "US", 16.99, "USD", 12.5, "CNY",
		5.1, 0.35, 1800, nil, nil, nil, "义乌搪瓷厂", 500, 24, 15, mode, nil, active, note}}
	return sh
}

// CatalogHeader is the template's header row in lang.
func CatalogHeader(lang string) []string {
	zh := strings.HasPrefix(strings.ToLower(lang), "zh")
	var header []string
	for _, c := range CatalogColumns() {
		if zh {
			header = append(header, c.Chinese)
		} else {
			header = append(header, c.English)
		}
	}
	return header
}

// CatalogRow is one SKU of a catalog file. Has tells which cells of the
// row hold a value (by CatalogColumn.Key): an empty cell, or a column the
// file lacks, leaves the stored value alone. Money is in minor units of
// its currency.
type CatalogRow struct {
	Row           int
	Has           map[string]bool
	SKU           string
	Title         string
	ASIN          string
	FNSKU         string
	Marketplace   string
	Price         int64
	PriceCurrency string
	UnitCost      int64
	CostCurrency  string
	// PriceCurrencyGiven and CostCurrencyGiven say whether the row named
	// the currency (its column, the marketplace, or a sign in the amount).
	PriceCurrencyGiven bool
	CostCurrencyGiven  bool
	FBAFee             int64
	WeightG            int
	VolumeCm3          int
	Supplier           string
	MOQ                int
	CasePack           int
	ProductionDays     int
	Mode               string
	SafetyDays         int
	Active             bool
	Note               string
}

// RowNumber implements Row.
func (r CatalogRow) RowNumber() int { return r.Row }

// catalogModes are the Chinese names of the built-in shipping modes.
var catalogModes = map[string]string{"海运": "sea", "空运": "air", "快递": "express", "铁路": "rail", "卡航": "truck", "卡车": "truck", "陆运": "truck"}

// Catalog hands every good row of a catalog file to fn.
func (f *File) Catalog(ctx context.Context, fn func(CatalogRow) error) (*Summary, error) {
	s := specOf(KindCatalog)
	idx := map[string]int{}
	for i, c := range s.cols {
		idx[c.key] = i
	}
	conv := func(c *cells) CatalogRow {
		has := map[string]bool{}
		for key, i := range idx {
			if c.raw(i) != "" {
				has[key] = true
			}
		}
		if has["length_cm"] && has["width_cm"] && has["height_cm"] {
			has["volume_cm3"] = true
		}
		r := CatalogRow{Row: c.row, Has: has, SKU: c.required(idx["sku"]), Title: c.text(idx["title"]),
			ASIN: strings.ToUpper(c.text(idx["asin"])), FNSKU: strings.ToUpper(c.text(idx["fnsku"])),
			Marketplace: strings.ToUpper(c.text(idx["marketplace"])), Supplier: c.text(idx["supplier"]),
			MOQ: c.count(idx["moq"], false), CasePack: c.count(idx["case_pack"], false),
			ProductionDays: c.count(idx["production_days"], false), SafetyDays: c.count(idx["safety_days"], false),
			Note: c.text(idx["note"]), Active: true,
		}
		// A currency is given by its column, by the marketplace, or by a
		// sign in the amount ("$24.50", "¥8.80"); without one the stored
		// product's currency stays.
		priceDef := strings.ToUpper(c.text(idx["price_currency"]))
		if m, ok := app.MarketplaceOf(r.Marketplace); ok && priceDef == "" && r.Marketplace != "" {
			priceDef = m.Currency
		}
		r.PriceCurrencyGiven = priceDef != ""
		if priceDef == "" {
			priceDef = "USD"
		}
		r.Price, r.PriceCurrency = c.money(idx["price"], priceDef)
		r.PriceCurrencyGiven = r.PriceCurrencyGiven || r.PriceCurrency != priceDef
		r.FBAFee, _ = c.money(idx["fba_fee"], r.PriceCurrency)
		costDef := strings.ToUpper(c.text(idx["cost_currency"]))
		r.CostCurrencyGiven = costDef != ""
		if costDef == "" {
			costDef = "CNY"
		}
		r.UnitCost, r.CostCurrency = c.money(idx["unit_cost"], costDef)
		r.CostCurrencyGiven = r.CostCurrencyGiven || r.CostCurrency != costDef
		r.WeightG = int(math.Round(c.decimal(idx["weight_kg"], 1000) * 1000))
		if v := c.raw(idx["volume_cm3"]); v != "" {
			r.VolumeCm3 = int(math.Round(c.decimal(idx["volume_cm3"], 1e7)))
		} else if has["volume_cm3"] {
			r.VolumeCm3 = int(math.Round(c.decimal(idx["length_cm"], 1e4) * c.decimal(idx["width_cm"], 1e4) * c.decimal(idx["height_cm"], 1e4)))
		}
		mode := strings.TrimSpace(c.text(idx["mode"]))
		if m, ok := catalogModes[mode]; ok {
			mode = m
		}
		r.Mode = strings.ToLower(mode)
		if a := strings.ToLower(c.text(idx["active"])); a != "" {
			switch a {
			case "no", "n", "false", "0", "否", "停售", "inactive", "下架":
				r.Active = false
			case "yes", "y", "true", "1", "是", "在售", "active", "上架":
			default:
				c.problem(idx["active"], ProblemBadChoice, a, "yes or no, 是 or 否")
			}
		}
		return r
	}
	return each(ctx, f, KindCatalog, conv, fn)
}

// decimal reads a number of 0 or more, at most limit; blank is 0.
func (c *cells) decimal(col int, limit float64) float64 {
	s := c.raw(col)
	if s == "" {
		return 0
	}
	v, ok := parseNumber(s, c.f.decComma)
	switch {
	case !ok:
		c.problem(col, ProblemNotNumber, s, "a number such as 0.35")
	case v < 0:
		c.problem(col, ProblemNegative, s, "")
	case v > limit:
		c.problem(col, ProblemNotNumber, s, "too large")
	}
	return v
}
