package reports

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// textRecords reads a text fixture's records with the package's own
// decoding and splitting.
func textRecords(t *testing.T, name string) [][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open(context.Background(), bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := [][]string{append([]string(nil), f.Header...)}
	for {
		rec, err := f.src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, append([]string(nil), rec...))
	}
	return out
}

// TestXLSXEveryKind saves every text fixture as an XLSX workbook (cells
// as text, the way a team re-saves a download in Excel or WPS) and reads
// it back: the rows must be the same as from the text file.
func TestXLSXEveryKind(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	for _, name := range []string{
		"all_orders.txt", "all_orders_zh_gb18030.csv", "fba_manage_inventory.txt", "fba_inventory_zh.csv",
		"business_report_en.csv", "business_report_zh.csv", "business_report_zh_gb18030.csv",
		"fba_returns.txt", "fba_returns_zh_utf16.txt", "cases_en.csv", "cases_zh.csv", "cases_zh_gb18030.csv",
	} {
		t.Run(name, func(t *testing.T) {
			recs := textRecords(t, name)
			sheet := Sheet{Name: "Report", Header: recs[0]}
			for _, r := range recs[1:] {
				row := make([]any, len(r))
				for i, c := range r {
					row[i] = c
				}
				sheet.Rows = append(sheet.Rows, row)
			}
			var buf bytes.Buffer
			if err := WriteXLSX(&buf, sheet); err != nil {
				t.Fatal(err)
			}
			fx, err := Open(context.Background(), &buf, Options{Location: sh})
			if err != nil {
				t.Fatal(err)
			}
			defer fx.Close()
			got, gotSum := readAll(t, fx)
			want, wantSum := readAll(t, openFixture(t, name, Options{Location: sh}))
			if fx.Format != FormatXLSX || gotSum.Good != wantSum.Good || gotSum.Skipped != 0 {
				t.Fatalf("format %s: %d good, %d skipped; text %d good", fx.Format, gotSum.Good, gotSum.Skipped, wantSum.Good)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("rows differ\n xlsx %+v\n text %+v", got[0], want[0])
			}
		})
	}
}

// TestXLSXTypedCells reads a workbook as Excel makes one when a report is
// opened and saved: numbers, percentages and dates as typed cells, a
// title row above the header, a second sheet.
func TestXLSXTypedCells(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	const s = "Sheet1"
	pct, _ := x.NewStyle(&excelize.Style{NumFmt: 10})  // 0.00%
	date, _ := x.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	money, _ := x.NewStyle(&excelize.Style{NumFmt: 8}) // $#,##0.00
	set := func(cell string, v any, style int) {
		if err := x.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
		if style != 0 {
			if err := x.SetCellStyle(s, cell, cell, style); err != nil {
				t.Fatal(err)
			}
		}
	}
	set("A1", "Detail Page Sales and Traffic by Child Item", 0)
	for i, h := range []string{"（父）ASIN", "（子）ASIN", "会话次数 – 总计", "会话百分比 – 总计", "已订购商品数量", "已订购商品销售额"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(cell, h, 0)
	}
	set("A3", "B0MUG00010", 0)
	set("B3", "B0MUG00011", 0)
	set("C3", 2310, 0)
	set("D3", 0.142, pct)
	set("E3", 182, 0)
	set("F3", 3092.18, money)
	if _, err := x.NewSheet("Notes"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := Open(context.Background(), &buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := readAll(t, f)
	if f.HeaderRow != 2 || len(rows) != 1 {
		t.Fatalf("header row %d, %d rows", f.HeaderRow, len(rows))
	}
	r := rows[0].(BusinessRow)
	if r.Row != 3 || r.Sessions != 2310 || r.SessionPct != 14.2 || r.UnitsOrdered != 182 || r.Sales != 309218 || r.Currency != "USD" {
		t.Errorf("%+v", r)
	}

	// Dates typed as Excel dates in a case log, read in office time.
	x2 := excelize.NewFile()
	defer x2.Close()
	for i, h := range []string{"创建时间", "渠道", "类型", "首次回复时间"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		_ = x2.SetCellValue("Sheet1", cell, h)
	}
	_ = x2.SetCellValue("Sheet1", "A2", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC))
	_ = x2.SetCellStyle("Sheet1", "A2", "A2", date)
	_ = x2.SetCellValue("Sheet1", "B2", "邮件")
	_ = x2.SetCellValue("Sheet1", "C2", "咨询")
	_ = x2.SetCellValue("Sheet1", "D2", 45356.625) // 2024-03-05 15:00
	buf.Reset()
	if err := x2.Write(&buf); err != nil {
		t.Fatal(err)
	}
	sh, _ := time.LoadLocation("Asia/Shanghai")
	f, err = Open(context.Background(), bufio.NewReader(&buf), Options{Location: sh})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, sum := readAll(t, f)
	if len(rows) != 1 {
		t.Fatalf("summary %+v", sum)
	}
	c := rows[0].(CaseRow)
	// 14:30 and 15:00 Shanghai are 06:30 and 07:00 UTC.
	if !c.Created.Equal(time.Date(2024, 3, 5, 6, 30, 0, 0, time.UTC)) || !c.FirstReply.Equal(time.Date(2024, 3, 5, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("created %s, first reply %s", c.Created, c.FirstReply)
	}
}
