package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/opsbench/opsbench/app"
)

// Sheet is one worksheet of a workbook: a header row and data rows. Cell
// values are string, float64, int, int64, nil, or a Cell carrying its own
// format.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]any
	// Formats holds each column's number format, by column index; columns
	// past its end, and the zero NumFormat, are shown as Excel shows them.
	// A money column's header gets its currency, "Peak need (¥)", unless
	// it already names it.
	Formats []NumFormat
}

// Cell is a value with its own number format, for sheets whose rows
// measure different things (an assumptions sheet).
type Cell struct {
	Value  any
	Format NumFormat
}

// NumKind is what a number is.
type NumKind int

// Number formats.
const (
	// NumGeneral leaves the number as Excel shows it.
	NumGeneral NumKind = iota
	// NumInteger: 1,234.
	NumInteger
	// NumDecimal: 1,234.5 with up to Decimals decimals.
	NumDecimal
	// NumMoney: ¥1,234.50, with the currency's sign and decimals.
	NumMoney
	// NumPercent: the value is in percentage points (21.5 means
	// 21.5%); the cell holds 0.215 formatted 21.5%, so Excel sums and
	// charts it as a percentage. Decimals default to 1.
	NumPercent
	// NumDays: 87 days (Unit is the word, "days" when empty).
	NumDays
)

// NumFormat is a number format.
type NumFormat struct {
	Kind NumKind
	// Currency is the ISO 4217 code of NumMoney.
	Currency string
	// Decimals is the number of decimals of NumDecimal (at most) and
	// NumPercent (exactly).
	Decimals int
	// Unit is the word after a NumDays number, in the reader's
	// language ("days", "天").
	Unit string
}

// code is the Excel number format code.
func (f NumFormat) code() string {
	switch f.Kind {
	case NumInteger:
		return "#,##0"
	case NumDecimal:
		if f.Decimals <= 0 {
			return "#,##0"
		}
		return "#,##0." + strings.Repeat("#", f.Decimals)
	case NumMoney:
		n := "#,##0"
		if d := app.MoneyDecimals(f.Currency); d > 0 {
			n += "." + strings.Repeat("0", d)
		}
		sym := app.CurrencySymbol(f.Currency)
		if sym == strings.ToUpper(f.Currency) {
			sym += " "
		}
		q := quoteFormat(sym)
		return q + n + ";-" + q + n
	case NumPercent:
		d := f.Decimals
		if d <= 0 {
			d = 1
		}
		return "0." + strings.Repeat("0", d) + "%"
	case NumDays:
		unit := f.Unit
		if unit == "" {
			unit = "days"
		}
		return "#,##0" + quoteFormat(" "+unit)
	}
	return ""
}

// quoteFormat makes text a literal of an Excel number format.
func quoteFormat(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// value is what the cell stores for v in format f.
func (f NumFormat) value(v any) any {
	if f.Kind != NumPercent {
		return v
	}
	switch n := v.(type) {
	case float64:
		return n / 100
	case int:
		return float64(n) / 100
	case int64:
		return float64(n) / 100
	}
	return v
}

// maxSheetName is Excel's limit on worksheet names.
const maxSheetName = 31

// WriteXLSX writes the sheets as one workbook: bold frozen header, numbers
// as numbers in their formats, columns sized to their content.
func WriteXLSX(w io.Writer, sheets ...Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("no sheets to write")
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
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
		if err := writeSheet(f, name, sh, st); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return f.Write(w)
}

// styles makes one excelize style per number format, on first use.
type styles struct {
	f    *excelize.File
	bold int
	ids  map[string]int
}

func newStyles(f *excelize.File) (*styles, error) {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	return &styles{f: f, bold: bold, ids: map[string]int{}}, nil
}

// of returns the style of format fm, 0 for the general format.
func (s *styles) of(fm NumFormat) (int, error) {
	code := fm.code()
	if code == "" {
		return 0, nil
	}
	if id, ok := s.ids[code]; ok {
		return id, nil
	}
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return 0, fmt.Errorf("number format %s: %w", code, err)
	}
	s.ids[code] = id
	return id, nil
}

// cell turns a row value into what the stream writer takes.
func (s *styles) cell(v any, col NumFormat) (any, error) {
	fm := col
	if c, ok := v.(Cell); ok {
		v, fm = c.Value, c.Format
	}
	switch v.(type) {
	case float64, int, int64:
	default:
		return v, nil // text and empty cells keep the general format
	}
	id, err := s.of(fm)
	if err != nil || id == 0 {
		return fm.value(v), err
	}
	return excelize.Cell{Value: fm.value(v), StyleID: id}, nil
}

// header is column i's title, with the currency of a money column.
func header(title string, fm NumFormat) string {
	if fm.Kind != NumMoney || fm.Currency == "" {
		return title
	}
	sym := app.CurrencySymbol(fm.Currency)
	if strings.Contains(title, sym) || strings.Contains(strings.ToUpper(title), strings.ToUpper(fm.Currency)) {
		return title
	}
	return title + " (" + sym + ")"
}

func writeSheet(f *excelize.File, name string, sh Sheet, st *styles) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	formatOf := func(col int) NumFormat {
		if col < len(sh.Formats) {
			return sh.Formats[col]
		}
		return NumFormat{}
	}
	widths := make([]int, len(sh.Header))
	note := func(col int, v any) {
		for col >= len(widths) {
			widths = append(widths, 0)
		}
		text := fmt.Sprint(v)
		if c, ok := v.(Cell); ok {
			text = fmt.Sprint(c.Value)
		}
		if n, ok := v.(float64); ok {
			text = strconv.FormatFloat(n, 'f', 2, 64) + "xxx" // room for a sign and separators
		}
		if n := utf8.RuneCountInString(text); n > widths[col] {
			widths[col] = n
		}
	}
	head := make([]any, len(sh.Header))
	for i, h := range sh.Header {
		title := header(h, formatOf(i))
		head[i] = excelize.Cell{Value: title, StyleID: st.bold}
		note(i, title)
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
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for r, row := range sh.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			if cells[i], err = st.cell(v, formatOf(i)); err != nil {
				return err
			}
		}
		at, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(at, cells); err != nil {
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
