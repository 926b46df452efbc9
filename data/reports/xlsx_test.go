package reports

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteXLSX(t *testing.T) {
	var buf bytes.Buffer
	err := WriteXLSX(&buf,
		Sheet{Name: "每周现金", Header: []string{"周", "现金 (¥)"}, Rows: [][]any{{0, 100000.0}, {1, 94550.5}}},
		Sheet{Name: "每周现金", Header: []string{"a/b"}, Rows: [][]any{{"x"}}},
		Sheet{Name: "a name that is much longer than thirty-one characters", Header: []string{"v"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) != 3 || names[0] != "每周现金" || names[1] != "每周现金 (2)" || len([]rune(names[2])) != 31 {
		t.Fatalf("sheets %q", names)
	}
	if v, _ := f.GetCellValue("每周现金", "B3"); v != "94550.5" {
		t.Fatalf("B3 = %q", v)
	}
	if v, _ := f.GetCellValue("每周现金", "A1"); v != "周" {
		t.Fatalf("A1 = %q", v)
	}
	typ, _ := f.GetCellType("每周现金", "B2")
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatalf("numbers written as text (%v)", typ)
	}
}

func TestWriteXLSXNoSheets(t *testing.T) {
	if err := WriteXLSX(&bytes.Buffer{}); err == nil {
		t.Fatal("no error for an empty workbook")
	}
}

// Numbers keep their value and carry a number format: money with its
// currency, percentages as percentages, days with their word; a money
// column's header names its currency.
func TestWriteXLSXFormats(t *testing.T) {
	var buf bytes.Buffer
	err := WriteXLSX(&buf, Sheet{
		Name:   "summary",
		Header: []string{"peak need", "price (USD)", "margin", "cycle", "units", "yen", "note"},
		Formats: []NumFormat{
			{Kind: NumMoney, Currency: "CNY"},
			{Kind: NumMoney, Currency: "USD"},
			{Kind: NumPercent},
			{Kind: NumDays, Unit: "天"},
			{Kind: NumInteger},
			{Kind: NumMoney, Currency: "JPY"},
		},
		Rows: [][]any{
			{105480.0, 35.0, 34.46, 87.4, int64(6060), 5000000.0, "text stays text"},
			{-5480.25, Cell{Value: 12.5, Format: NumFormat{Kind: NumPercent, Decimals: 2}}, 0.5, 12, 7, nil, Cell{Value: 3.25, Format: NumFormat{Kind: NumDecimal, Decimals: 3}}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := []struct {
		cell, shown, raw, format string
	}{
		{"A2", "¥105,480.00", "105480", `"¥"#,##0.00;-"¥"#,##0.00`},
		{"A3", "-¥5,480.25", "-5480.25", `"¥"#,##0.00;-"¥"#,##0.00`},
		{"B2", "$35.00", "35", `"$"#,##0.00;-"$"#,##0.00`},
		{"B3", "12.50%", "0.125", "0.00%"}, // a cell's own format wins
		{"C2", "34.5%", "0.3446", "0.0%"},
		{"D2", "87 天", "87.4", `#,##0" 天"`},
		{"E2", "6,060", "6060", "#,##0"},
		{"F2", "JP¥5,000,000", "5000000", `"JP¥"#,##0;-"JP¥"#,##0`},
		{"G3", "3.25", "3.25", "#,##0.###"},
	}
	for _, c := range cells {
		raw, _ := f.GetCellValue("summary", c.cell, excelize.Options{RawCellValue: true})
		if raw != c.raw {
			t.Errorf("%s holds %q, want %q", c.cell, raw, c.raw)
		}
		typ, _ := f.GetCellType("summary", c.cell)
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s is text", c.cell)
		}
		id, err := f.GetCellStyle("summary", c.cell)
		if err != nil {
			t.Fatal(err)
		}
		style, err := f.GetStyle(id)
		if err != nil || style.CustomNumFmt == nil || *style.CustomNumFmt != c.format {
			t.Errorf("%s format %v, want %q", c.cell, style.CustomNumFmt, c.format)
		}
		if shown, _ := f.GetCellValue("summary", c.cell); shown != c.shown {
			t.Errorf("%s shows %q, want %q", c.cell, shown, c.shown)
		}
	}
	// Headers: the money column without its currency gets it, the one
	// naming it already keeps its title.
	for cell, want := range map[string]string{"A1": "peak need (¥)", "B1": "price (USD)", "C1": "margin"} {
		if v, _ := f.GetCellValue("summary", cell); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
	}
	if v, _ := f.GetCellValue("summary", "G2"); v != "text stays text" {
		t.Errorf("G2 = %q", v)
	}
}
