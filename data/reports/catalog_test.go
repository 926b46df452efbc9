package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestCatalogTemplateInBothLanguages(t *testing.T) {
	for _, lang := range []string{"en", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteXLSX(&buf, CatalogTemplate(lang)); err != nil {
				t.Fatal(err)
			}
			f, err := Open(context.Background(), &buf, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Kind != KindCatalog {
				t.Fatalf("the %s template reads as %s", lang, f.Kind)
			}
			var rows []CatalogRow
			sum, err := f.Catalog(context.Background(), func(r CatalogRow) error { rows = append(rows, r); return nil })
			if err != nil || sum.Skipped != 0 || len(rows) != 1 {
				t.Fatalf("%+v %v", sum, err)
			}
			r := rows[0]
			// The example: $16.99, ¥12.50, 0.35 kg, 1,800 cm³, MOQ 500, sea.
			if r.SKU != "MUG-11" || r.Price != 1699 || r.PriceCurrency != "USD" || r.UnitCost != 1250 || r.CostCurrency != "CNY" ||
				r.WeightG != 350 || r.VolumeCm3 != 1800 || r.MOQ != 500 || r.CasePack != 24 || r.Mode != "sea" || !r.Active {
				t.Errorf("%+v", r)
			}
			if r.Has["length_cm"] || !r.Has["weight_kg"] {
				t.Errorf("cells with values: %v", r.Has)
			}
		})
	}
}

func TestCatalogNeedsMoreThanASKUColumnToBeDetected(t *testing.T) {
	// A file with only a SKU column is no catalog unless asked for.
	_, err := Open(context.Background(), strings.NewReader("SKU,Colour\nMUG,blue\n"), Options{})
	if err == nil {
		t.Fatal("a SKU list was taken for a catalog")
	}
	f, err := Open(context.Background(), strings.NewReader("卖家SKU,品名,采购价\nMUG,杯子,¥12.5\n"), Options{})
	if err != nil || f.Kind != KindCatalog {
		t.Fatalf("%v", err)
	}
	if f2, err := Open(context.Background(), strings.NewReader("SKU,Colour\nMUG,blue\n"), Options{Kind: KindCatalog}); err != nil || f2.Kind != KindCatalog {
		t.Errorf("asked for: %v", err)
	}
	// Every column a catalog column: a price update of SKU and Price.
	if f3, err := Open(context.Background(), strings.NewReader("SKU,Price\nMUG,16.99\n"), Options{}); err != nil || f3.Kind != KindCatalog {
		t.Errorf("SKU and Price: %v", err)
	}
	if _, err := Open(context.Background(), strings.NewReader("SKU\nMUG\n"), Options{}); err == nil {
		t.Error("a lone SKU column was taken for a catalog")
	}
}

func TestCatalogBadCells(t *testing.T) {
	f, err := Open(context.Background(), strings.NewReader("SKU,Title,Unit weight kg,Active\nA,a,heavy,yes\nB,b,0.2,maybe\nC,c,-1,no\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := f.Catalog(context.Background(), func(CatalogRow) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Good != 0 || sum.Skipped != 3 || sum.Problems[0].Code != ProblemNotNumber || sum.Problems[1].Code != ProblemBadChoice ||
		sum.Problems[2].Code != ProblemNegative {
		t.Errorf("%+v", sum)
	}
}
