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
