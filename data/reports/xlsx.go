package reports

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet of a workbook: a header row and data rows. Cell
// values are string, float64, int, int64 or nil.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]any
}

// maxSheetName is Excel's limit on worksheet names.
const maxSheetName = 31

// WriteXLSX writes the sheets as one workbook: bold frozen header, numbers
// as numbers, columns sized to their content.
func WriteXLSX(w io.Writer, sheets ...Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("no sheets to write")
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for i, sh := range sheets {
		name := sheetName(sh.Name, i, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, sh, bold); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, name string, sh Sheet, bold int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	widths := make([]int, len(sh.Header))
	note := func(col int, v any) {
		for col >= len(widths) {
			widths = append(widths, 0)
		}
		if n := utf8.RuneCountInString(fmt.Sprint(v)); n > widths[col] {
			widths[col] = n
		}
	}
	header := make([]any, len(sh.Header))
	for i, h := range sh.Header {
		header[i] = excelize.Cell{Value: h, StyleID: bold}
		note(i, h)
	}
	for _, row := range sh.Rows {
		for i, v := range row {
			note(i, v)
		}
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, float64(min(max(wd, 6), 60))*1.2+2); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for r, row := range sh.Rows {
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sheetName makes a valid, unique worksheet name.
func sheetName(name string, i int, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" {
		name = fmt.Sprintf("Sheet%d", i+1)
	}
	if r := []rune(name); len(r) > maxSheetName {
		name = string(r[:maxSheetName])
	}
	base := name
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		r := []rune(base)
		if len(r)+len(suffix) > maxSheetName {
			r = r[:maxSheetName-len(suffix)]
		}
		name = string(r) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}
