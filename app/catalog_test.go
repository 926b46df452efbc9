package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func fieldOf(err error) string {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Entity + "." + fe.Field + ":" + fe.Code
	}
	if err != nil {
		return "other:" + err.Error()
	}
	return ""
}

func TestProductNormalizeDefaults(t *testing.T) {
	p := Product{SKU: "  MUG-11 ", ASIN: " b0mug ", Marketplace: "uk", Mode: " Sea "}.Normalize()
	if p.SKU != "MUG-11" || p.ASIN != "B0MUG" || p.Marketplace != "UK" || p.Mode != "sea" {
		t.Errorf("normalized %+v", p)
	}
	// A UK SKU is priced in pounds, its cost in yuan unless said.
	if p.PriceCurrency != "GBP" || p.CostCurrency != "CNY" {
		t.Errorf("currencies %s / %s, want GBP / CNY", p.PriceCurrency, p.CostCurrency)
	}
	if q := (Product{SKU: "X"}).Normalize(); q.Marketplace != "US" || q.PriceCurrency != "USD" {
		t.Errorf("defaults %+v", q)
	}
}

func TestProductValidate(t *testing.T) {
	ok := Product{SKU: "MUG-11", Title: "Enamel mug", UnitCost: 1250, Price: 1699, MOQ: 100, CasePack: 24, ProductionDays: 15, Active: true}
	tests := []struct {
		name string
		edit func(*Product)
		want string
	}{
		{"OK", func(*Product) {}, ""},
		{"ErrSKURequired", func(p *Product) { p.SKU = " " }, "product.sku:required"},
		{"ErrSKUTooLong", func(p *Product) { p.SKU = strings.Repeat("x", 41) }, "product.sku:too_long"},
		{"ErrSKUTab", func(p *Product) { p.SKU = "A\tB" }, "product.sku:bad_choice"},
		{"ErrNegativeCost", func(p *Product) { p.UnitCost = -1 }, "product.unit_cost:out_of_range"},
		{"ErrNegativeMOQ", func(p *Product) { p.MOQ = -5 }, "product.moq:out_of_range"},
		{"ErrCurrency", func(p *Product) { p.CostCurrency = "yuan" }, "product.cost_currency:bad_choice"},
		{"ErrMarketplace", func(p *Product) { p.Marketplace = "XX" }, "product.marketplace:bad_choice"},
		{"ErrProductionDays", func(p *Product) { p.ProductionDays = 400 }, "product.production_days:out_of_range"},
		{"ErrWeight", func(p *Product) { p.WeightG = MaxUnitWeightG + 1 }, "product.weight:out_of_range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.edit(&p)
			if got := fieldOf(p.Normalize().Validate()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProductIDIsDerivedFromTheSKU(t *testing.T) {
	a, b := ProductID("MUG-11"), ProductID(" MUG-11 ")
	if a != b || !ValidID(a) {
		t.Errorf("ids %q and %q", a, b)
	}
	if a == ProductID("MUG-12") || a == DerivedID("location", "MUG-11") {
		t.Error("different keys give the same id")
	}
}

func TestPriceBands(t *testing.T) {
	b := DefaultPriceBands()
	tests := []struct {
		price int64
		band  int
		label string
	}{
		{0, 0, "<$20"},
		{1999, 0, "<$20"},
		{2000, 1, "$20–30"}, // a bound belongs to the band above it
		{2999, 1, "$20–30"},
		{3000, 2, "$30–50"},
		{4999, 2, "$30–50"},
		{5000, 3, ">$50"},
		{99999, 3, ">$50"},
	}
	for _, tt := range tests {
		if got := b.Band(tt.price); got != tt.band {
			t.Errorf("Band(%d) = %d, want %d", tt.price, got, tt.band)
		}
		if got := b.Label(b.Band(tt.price), "USD"); got != tt.label {
			t.Errorf("Label of %d = %q, want %q", tt.price, got, tt.label)
		}
	}
	if b.Count() != 4 {
		t.Errorf("%d bands", b.Count())
	}
	if got := b.Label(1, "EUR"); got != "€20–30" {
		t.Errorf("euro label %q", got)
	}
	if got := (PriceBands{Bounds: []int64{1999}}).Label(0, "USD"); got != "<$19.99" {
		t.Errorf("label with cents %q", got)
	}
}

func TestParsePriceBands(t *testing.T) {
	tests := []struct {
		in   string
		want []int64
		err  bool
	}{
		{"20, 30, 50", []int64{2000, 3000, 5000}, false},
		{"19.99；29.99", []int64{1999, 2999}, false},
		{"$15 $25", []int64{1500, 2500}, false},
		{"30, 20", nil, true},  // not ascending
		{"", nil, true},        // no band
		{"ten", nil, true},     // not a number
		{"0, 10", nil, true},   // 0 is no bound
		{"10, 10", nil, true},  // equal bounds
		{"-5, 10", nil, true},  // negative
		{"NaN, 10", nil, true}, // not a number either
	}
	for _, tt := range tests {
		b, err := ParsePriceBands(tt.in, "USD")
		if (err != nil) != tt.err {
			t.Errorf("%q: err %v", tt.in, err)
			continue
		}
		if !tt.err && !equalInts(b.Bounds, tt.want) {
			t.Errorf("%q: %v, want %v", tt.in, b.Bounds, tt.want)
		}
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMarketplaces(t *testing.T) {
	if m, ok := MarketplaceOfChannel("amazon.co.uk"); !ok || m.Code != "UK" || m.Currency != "GBP" {
		t.Errorf("UK channel: %+v %v", m, ok)
	}
	if _, ok := MarketplaceOfChannel("Non-Amazon"); ok {
		t.Error("Non-Amazon is no marketplace")
	}
	if m, ok := MarketplaceOf("gb"); !ok || m.Code != "UK" {
		t.Errorf("GB: %+v", m)
	}
	// Seller Central counts a US day in Pacific time: 2026-03-05 07:30 UTC
	// is still 4 March there.
	us, _ := MarketplaceOf("US")
	if d := DateOf(time.Date(2026, 3, 5, 7, 30, 0, 0, time.UTC), us.Location()); d != NewDate(2026, 3, 4) {
		t.Errorf("US day %s", d)
	}
	for _, m := range Marketplaces() {
		if m.Location() == time.UTC && m.Zone != "UTC" {
			t.Errorf("%s: zone %s not found", m.Code, m.Zone)
		}
	}
}

func TestTimeIDIsStableAndOrdered(t *testing.T) {
	t1 := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	a, b := TimeID(t1, "113-1/MUG"), TimeID(t1, "113-1/MUG")
	if a != b || !ValidID(a) {
		t.Fatalf("%q %q", a, b)
	}
	if c := TimeID(t1.Add(time.Millisecond), "000"); c <= a {
		t.Errorf("a later instant sorts first: %s <= %s", c, a)
	}
	if TimeID(t1, "113-2/MUG") == a {
		t.Error("two keys, one id")
	}
}
