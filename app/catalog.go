package app

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Product is one SKU of the catalog: what it is, what it costs, what it
// sells for and how it is bought (supplier, MOQ, case pack, production
// days). The SKU is the seller SKU as Seller Central knows it; it never
// changes once saved (Amazon does not rename a SKU either), so the
// product's id is derived from it and two desks adding the same SKU add
// the same record.
type Product struct {
	ID    string
	SKU   string
	ASIN  string
	FNSKU string
	Title string
	// UnitCost is the factory price of one unit in minor units of
	// CostCurrency (CNY unless said otherwise).
	UnitCost     int64
	CostCurrency string
	// Price is the selling price in minor units of PriceCurrency, the
	// marketplace's currency.
	Price         int64
	PriceCurrency string
	// FBAFee is Amazon's fulfilment fee per unit in PriceCurrency (0:
	// unknown), for the cash forecast.
	FBAFee int64
	// WeightG and VolumeCm3 are one packed unit's weight (grams) and
	// volume (cubic centimetres): freight by weight or by volume.
	WeightG   int
	VolumeCm3 int
	Supplier  string
	// MOQ is the supplier's minimum order quantity and CasePack the units
	// in one carton (0 or 1: none).
	MOQ      int
	CasePack int
	// ProductionDays is the days from placing an order to goods ready.
	ProductionDays int
	// Marketplace is the marketplace code (US, UK, DE...).
	Marketplace string
	// Mode is the shipping mode the team usually picks for this SKU: the
	// first mode of its reorder plan ("" = sea).
	Mode string
	// SafetyDays, when above 0, sets safety stock to that many days of
	// sales instead of the service-level formula.
	SafetyDays int
	Note       string
	Active     bool
}

// Limits of catalog fields.
const (
	MaxSKULen          = 40 // Seller Central allows 40 characters
	MaxProductTitleLen = 500
	MaxProductUnits    = 10_000_000 // MOQ, case pack
	MaxUnitWeightG     = 1_000_000  // one tonne
	MaxUnitVolume      = 10_000_000 // ten cubic metres, in cm³
	MaxMoneyMinor      = 1_000_000_000_00
	maxProductDays     = MaxModeDays
	maxNoteLen         = 500
	maxShortTextLen    = 100
)

// idNamespace derives the ids of records that several desks must agree
// on without talking to each other (a SKU, an imported order line).
var idNamespace = uuid.MustParse("a1f0c5e2-6b1d-4c8f-9e3a-7d2b5c4e8f10")

// DerivedID is a stable UUID (version 5) for a natural key: the same
// parts give the same id on every desk.
func DerivedID(kind string, parts ...string) string {
	return uuid.NewHash(sha1.New(), idNamespace, []byte(kind+"\x00"+strings.Join(parts, "\x00")), 5).String()
}

// ProductID is the id of the product with this SKU.
func ProductID(sku string) string { return DerivedID("product", strings.TrimSpace(sku)) }

// Normalize trims text fields, upper-cases currency and marketplace codes
// and fills in the default currencies.
func (p Product) Normalize() Product {
	p.SKU = strings.TrimSpace(p.SKU)
	p.ASIN = strings.ToUpper(strings.TrimSpace(p.ASIN))
	p.FNSKU = strings.ToUpper(strings.TrimSpace(p.FNSKU))
	p.Title = strings.TrimSpace(p.Title)
	p.Supplier = strings.TrimSpace(p.Supplier)
	p.Note = strings.TrimSpace(p.Note)
	p.Mode = strings.ToLower(strings.TrimSpace(p.Mode))
	p.Marketplace = strings.ToUpper(strings.TrimSpace(p.Marketplace))
	p.CostCurrency = strings.ToUpper(strings.TrimSpace(p.CostCurrency))
	p.PriceCurrency = strings.ToUpper(strings.TrimSpace(p.PriceCurrency))
	if p.Marketplace == "" {
		p.Marketplace = DefaultMarketplace
	}
	if p.CostCurrency == "" {
		p.CostCurrency = "CNY"
	}
	if p.PriceCurrency == "" {
		if m, ok := MarketplaceOf(p.Marketplace); ok {
			p.PriceCurrency = m.Currency
		} else {
			p.PriceCurrency = "USD"
		}
	}
	return p
}

// Validate checks a normalized product; the first problem is returned as
// a *FieldError.
func (p Product) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "product", Field: field, Code: code, Limit: limit}
	}
	switch {
	case p.SKU == "":
		return bad("sku", CodeRequired, 0)
	case utf8.RuneCountInString(p.SKU) > MaxSKULen:
		return bad("sku", CodeTooLong, MaxSKULen)
	case strings.ContainsAny(p.SKU, "\t\r\n"):
		return bad("sku", CodeBadChoice, 0)
	case utf8.RuneCountInString(p.ASIN) > maxShortTextLen:
		return bad("asin", CodeTooLong, maxShortTextLen)
	case utf8.RuneCountInString(p.FNSKU) > maxShortTextLen:
		return bad("fnsku", CodeTooLong, maxShortTextLen)
	case utf8.RuneCountInString(p.Title) > MaxProductTitleLen:
		return bad("title", CodeTooLong, MaxProductTitleLen)
	case utf8.RuneCountInString(p.Supplier) > maxShortTextLen:
		return bad("supplier", CodeTooLong, maxShortTextLen)
	case utf8.RuneCountInString(p.Note) > maxNoteLen:
		return bad("note", CodeTooLong, maxNoteLen)
	case !ValidCurrency(p.CostCurrency):
		return bad("cost_currency", CodeBadChoice, 0)
	case !ValidCurrency(p.PriceCurrency):
		return bad("price_currency", CodeBadChoice, 0)
	case p.UnitCost < 0 || p.UnitCost > MaxMoneyMinor:
		return bad("unit_cost", CodeOutOfRange, int(MaxMoneyMinor/100))
	case p.Price < 0 || p.Price > MaxMoneyMinor:
		return bad("price", CodeOutOfRange, int(MaxMoneyMinor/100))
	case p.FBAFee < 0 || p.FBAFee > MaxMoneyMinor:
		return bad("fba_fee", CodeOutOfRange, int(MaxMoneyMinor/100))
	case p.WeightG < 0 || p.WeightG > MaxUnitWeightG:
		return bad("weight", CodeOutOfRange, MaxUnitWeightG)
	case p.VolumeCm3 < 0 || p.VolumeCm3 > MaxUnitVolume:
		return bad("volume", CodeOutOfRange, MaxUnitVolume)
	case p.MOQ < 0 || p.MOQ > MaxProductUnits:
		return bad("moq", CodeOutOfRange, MaxProductUnits)
	case p.CasePack < 0 || p.CasePack > MaxProductUnits:
		return bad("case_pack", CodeOutOfRange, MaxProductUnits)
	case p.ProductionDays < 0 || p.ProductionDays > maxProductDays:
		return bad("production_days", CodeOutOfRange, maxProductDays)
	case p.SafetyDays < 0 || p.SafetyDays > maxProductDays:
		return bad("safety_days", CodeOutOfRange, maxProductDays)
	case utf8.RuneCountInString(p.Mode) > MaxNameLen:
		return bad("mode", CodeTooLong, MaxNameLen)
	}
	if _, ok := MarketplaceOf(p.Marketplace); !ok {
		return bad("marketplace", CodeBadChoice, 0)
	}
	return nil
}

// ValidCurrency reports whether c looks like an ISO 4217 code (three
// upper-case letters).
func ValidCurrency(c string) bool {
	return len(c) == 3 && strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// UnitWeightKg is the unit weight in kilograms.
func (p Product) UnitWeightKg() float64 { return float64(p.WeightG) / 1000 }

// UnitVolumeM3 is the unit volume in cubic metres.
func (p Product) UnitVolumeM3() float64 { return float64(p.VolumeCm3) / 1e6 }

// PriceBands split the catalog by selling price. Bounds are the upper
// ends of every band but the last, ascending, in minor units of the
// price's own currency: {2000, 3000, 5000} gives "<20", "20–30", "30–50"
// and ">50" (a $ or € sign is the SKU's). Prices are compared as numbers
// in their own currency: a team selling in one region sets bands for its
// currency; bands do not convert between currencies.
type PriceBands struct {
	Bounds []int64
}

// DefaultPriceBands are the bands: <20, 20–30, 30–50, >50.
func DefaultPriceBands() PriceBands { return PriceBands{Bounds: []int64{2000, 3000, 5000}} }

// MaxPriceBands bounds how many bands a team sets.
const MaxPriceBands = 12

// Validate checks that the bounds are positive and ascending.
func (b PriceBands) Validate() error {
	if len(b.Bounds) == 0 {
		return &FieldError{Entity: "price_bands", Field: "bounds", Code: CodeRequired}
	}
	if len(b.Bounds) >= MaxPriceBands {
		return &FieldError{Entity: "price_bands", Field: "bounds", Code: CodeOutOfRange, Limit: MaxPriceBands - 1}
	}
	for i, v := range b.Bounds {
		if v <= 0 || v > MaxMoneyMinor || (i > 0 && v <= b.Bounds[i-1]) {
			return &FieldError{Entity: "price_bands", Field: "bounds", Code: CodeBadChoice}
		}
	}
	return nil
}

// Band is the index of the band a price falls into: 0 for below the
// first bound, len(Bounds) for at or above the last. A price equal to a
// bound belongs to the band above it ($20.00 is "20–30").
func (b PriceBands) Band(price int64) int {
	i, found := slices.BinarySearch(b.Bounds, price)
	if found {
		return i + 1
	}
	return i
}

// Count is the number of bands.
func (b PriceBands) Count() int { return len(b.Bounds) + 1 }

// Label names band i with the currency's sign: "<$20", "$20–30",
// "$30–50", ">$50".
func (b PriceBands) Label(i int, currency string) string {
	sym := CurrencySymbol(currency)
	major := func(v int64) string {
		per := MinorPerMajor(currency)
		if v%per == 0 {
			return GroupDigits(strconv.FormatInt(v/per, 10))
		}
		return FormatNumber(float64(v)/float64(per), MoneyDecimals(currency))
	}
	n := len(b.Bounds)
	switch {
	case n == 0:
		return "*"
	case i <= 0:
		return "<" + sym + major(b.Bounds[0])
	case i >= n:
		return ">" + sym + major(b.Bounds[n-1])
	}
	return fmt.Sprintf("%s%s–%s", sym, major(b.Bounds[i-1]), major(b.Bounds[i]))
}

// ParsePriceBands reads bounds typed as major units separated by commas,
// spaces or semicolons ("20, 30, 50", "19.99 29.99") into minor units of
// currency.
func ParsePriceBands(s, currency string) (PriceBands, error) {
	var b PriceBands
	per := float64(MinorPerMajor(currency))
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '，' || r == '；' }) {
		v, err := strconv.ParseFloat(strings.TrimPrefix(f, CurrencySymbol(currency)), 64)
		if err != nil || v != v {
			return PriceBands{}, &FieldError{Entity: "price_bands", Field: "bounds", Code: CodeBadChoice}
		}
		b.Bounds = append(b.Bounds, int64(v*per+0.5))
	}
	return b, b.Validate()
}
