package reports

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Options tune how a file is read. The zero value reads any kind, with
// times without a zone in UTC, US month-first dates and USD for bare
// amounts.
type Options struct {
	// Kind, when set, is the only kind accepted (the command line's
	// --kind); otherwise the header row decides.
	Kind Kind
	// Location is the zone of dates and times written without an offset
	// or zone: the marketplace's for Amazon reports, the office's for the
	// case log. Nil means UTC.
	Location *time.Location
	// DayFirst reads 05/03/2024 as 5 March (UK and EU exports). A first
	// number above 12 is a day either way.
	DayFirst bool
	// DecimalComma reads "1,234" as 1.234 and "1.234" as 1234 (EU
	// exports). Files using ';' between cells are read this way anyway.
	DecimalComma bool
	// Currency is the currency of amounts written without a sign, and of
	// a bare $ or ¥ (USD/CAD/AUD..., JPY/CNY). Empty means USD.
	Currency string
	// Size is the file's size in bytes, for Progress; 0 if unknown.
	Size int64
	// Progress, if set, is called as the file is read with the bytes
	// read so far and Size; at most every 256 KiB, and once at the end.
	// XLSX files are read whole before their rows, so their progress
	// jumps to the end at once.
	Progress func(done, total int64)
	// MaxProblems is how many row problems Summary keeps (the count goes
	// on); 0 means 1000.
	MaxProblems int
}

// headerSearchRows is how many rows may come before the header row
// (report titles, notes).
const headerSearchRows = 10

// File is an opened report: its kind and header known, its rows not yet
// read. Read the rows once, with the method of its kind (Orders,
// Inventory, BusinessRows, Returns, Cases) or with Each.
type File struct {
	Kind     Kind
	Format   Format
	Encoding Encoding
	// Header is the header row as written; HeaderRow its row number.
	Header    []string
	HeaderRow int

	opt      Options
	src      source
	match    match
	counter  *tracker
	xlsx     *xlsxSource
	sniff    *sniffer
	read     bool
	decComma bool
}

// Open reads the start of r to tell the file's format (CSV, TSV or XLSX),
// encoding and kind. It reads no more rows than the header needs; r must
// stay readable until the rows are read. Errors: ErrEmpty, an
// *UnknownKindError, a *MissingColumnsError, ErrTruncated for a damaged
// XLSX, or the reader's own error.
func Open(ctx context.Context, r io.Reader, opt Options) (*File, error) {
	if opt.Currency == "" {
		opt.Currency = "USD"
	}
	opt.Currency = strings.ToUpper(opt.Currency)
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	if opt.MaxProblems <= 0 {
		opt.MaxProblems = 1000
	}
	f := &File{opt: opt, counter: &tracker{r: r}, decComma: opt.DecimalComma}
	raw := bufio.NewReaderSize(f.counter, 64<<10)
	head, err := raw.Peek(8)
	if len(head) == 0 {
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		return nil, ErrEmpty
	}
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if err := f.openXLSX(ctx, raw); err != nil {
			return nil, err
		}
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, errors.New("this is an old Excel 97-2003 (.xls) workbook: save it as .xlsx or CSV and import that")
	default:
		if err := f.openText(ctx, raw); err != nil {
			return nil, err
		}
	}
	return f, nil
}

func (f *File) openText(ctx context.Context, raw *bufio.Reader) error {
	text, enc := decodeText(raw)
	f.Encoding = enc
	if s, ok := text.(*sniffer); ok {
		f.sniff = s
	}
	br := bufio.NewReaderSize(text, 64<<10)
	first, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	switch d := sniffDelimiter(first); d {
	case '\t':
		f.Format, f.src = FormatTSV, &tsvSource{br: br}
	default:
		f.Format, f.src = FormatCSV, newCSVSource(br, d)
		if d == ';' {
			f.decComma = true
		}
	}
	err := f.findHeader(ctx)
	if f.sniff != nil {
		f.Encoding = f.sniff.encoding()
	}
	return err
}

func (f *File) openXLSX(ctx context.Context, raw *bufio.Reader) error {
	f.Format = FormatXLSX
	x, err := excelize.OpenReader(raw)
	if err != nil {
		return fmt.Errorf("the XLSX workbook cannot be opened (%v): %w", err, ErrTruncated)
	}
	props, _ := x.GetWorkbookProps()
	var firstErr error
	for _, sheet := range x.GetSheetList() {
		rows, err := x.Rows(sheet)
		if err != nil {
			continue
		}
		f.xlsx = &xlsxSource{f: x, rows: rows, date1904: props.Date1904 != nil && *props.Date1904}
		f.src = f.xlsx
		err = f.findHeader(ctx)
		if err == nil {
			return nil
		}
		_ = rows.Close()
		if firstErr == nil && !errors.Is(err, ErrEmpty) {
			firstErr = err
		}
	}
	_ = x.Close()
	if firstErr == nil {
		firstErr = ErrEmpty
	}
	return firstErr
}

// findHeader reads rows until one is the header of a kind, skipping
// blank rows and up to headerSearchRows others.
func (f *File) findHeader(ctx context.Context) error {
	var firstErr error
	for seen := 0; seen < headerSearchRows; {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := f.src.next()
		var bad *badRowError
		if errors.As(err, &bad) {
			seen++
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if blank(rec) {
			continue
		}
		seen++
		m, err := detect(rec, f.opt.Kind)
		if err == nil {
			f.Kind, f.match, f.HeaderRow = m.spec.kind, m, f.src.row()
			f.Header = cleanHeader(rec)
			return nil
		}
		var mc *MissingColumnsError
		if firstErr == nil || (errors.As(err, &mc) && !errors.As(firstErr, &mc)) {
			firstErr = err
		}
	}
	if firstErr == nil {
		return ErrEmpty
	}
	return firstErr
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(strings.TrimPrefix(c, "\ufeff")) != "" {
			return false
		}
	}
	return true
}

// Close releases an XLSX workbook's resources. Text files need nothing,
// but Close is always safe to call.
func (f *File) Close() error {
	if f.xlsx != nil {
		_ = f.xlsx.rows.Close()
		return f.xlsx.f.Close()
	}
	return nil
}

// Summary is what reading a file's rows found.
type Summary struct {
	Kind Kind
	// Rows is the number of data rows read; Good of them went to the
	// caller, Skipped had problems. Blank rows are not counted.
	Rows, Good, Skipped int
	// Problems are the first Options.MaxProblems problems, in row order;
	// ProblemCount counts them all.
	Problems     []Problem
	ProblemCount int
	// From and To are the earliest and latest main date of the good rows
	// (purchase date, return date, case created); zero for kinds without
	// one.
	From, To time.Time
	// Bytes is the size of the file read.
	Bytes int64
	// Truncated is set when the last row is short and has no line break:
	// the file was most likely cut off.
	Truncated bool
}

// ErrAlreadyRead is returned when a file's rows are read a second time.
var ErrAlreadyRead = errors.New("the rows of this file were already read")

// Row is any typed row: OrderLine, InventoryRow, BusinessRow, ReturnRow,
// CaseRow or CatalogRow.
type Row interface {
	// RowNumber is the row as a spreadsheet shows it.
	RowNumber() int
}

// Each hands every good row to fn as a Row of the file's kind. Use it
// when one code path imports every kind; otherwise the typed methods
// save a type switch.
func (f *File) Each(ctx context.Context, fn func(Row) error) (*Summary, error) {
	switch f.Kind {
	case KindAllOrders:
		return f.Orders(ctx, func(r OrderLine) error { return fn(r) })
	case KindFBAInventory:
		return f.Inventory(ctx, func(r InventoryRow) error { return fn(r) })
	case KindBusinessReport:
		return f.BusinessRows(ctx, func(r BusinessRow) error { return fn(r) })
	case KindFBAReturns:
		return f.Returns(ctx, func(r ReturnRow) error { return fn(r) })
	case KindCases:
		return f.Cases(ctx, func(r CaseRow) error { return fn(r) })
	case KindCatalog:
		return f.Catalog(ctx, func(r CatalogRow) error { return fn(r) })
	}
	return nil, fmt.Errorf("unknown kind %q", f.Kind)
}

// cells reads one record's values, collecting its problems.
type cells struct {
	f     *File
	rec   []string
	row   int
	probs []Problem
	// when is the row's main date, for Summary.From/To.
	when time.Time
}

// each drives a kind's conversion over the rows: cancellation, progress,
// problems and the summary are handled here once for every kind.
func each[T any](ctx context.Context, f *File, kind Kind, conv func(*cells) T, fn func(T) error) (*Summary, error) {
	if f.Kind != kind {
		return nil, fmt.Errorf("this file is %s, not %s", f.Kind.Title(), kind.Title())
	}
	if f.read {
		return nil, ErrAlreadyRead
	}
	f.read = true
	sum := &Summary{Kind: kind}
	c := &cells{f: f}
	var lastProgress int64
	progress := func() {
		if f.opt.Progress != nil {
			f.opt.Progress(f.counter.total, f.opt.Size)
		}
		lastProgress = f.counter.total
	}
	var lastShort bool
	for i := 0; ; i++ {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return sum, err
			}
			if f.counter.total-lastProgress >= 256<<10 {
				progress()
			}
		}
		rec, err := f.src.next()
		var bad *badRowError
		if errors.As(err, &bad) {
			sum.Rows++
			sum.Skipped++
			sum.addProblem(Problem{Row: bad.row, Code: ProblemBadRow, Detail: bad.err.Error()}, f.opt.MaxProblems)
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return sum, err
		}
		if blank(rec) {
			continue
		}
		sum.Rows++
		c.rec, c.row, c.probs, c.when = rec, f.src.row(), c.probs[:0], time.Time{}
		lastShort = c.checkShort()
		v := conv(c)
		if len(c.probs) > 0 {
			sum.Skipped++
			for _, p := range c.probs {
				sum.addProblem(p, f.opt.MaxProblems)
			}
			continue
		}
		if !c.when.IsZero() {
			if sum.From.IsZero() || c.when.Before(sum.From) {
				sum.From = c.when
			}
			if c.when.After(sum.To) {
				sum.To = c.when
			}
		}
		if err := fn(v); err != nil {
			return sum, err
		}
		sum.Good++
	}
	sum.Truncated = lastShort && !f.src.terminated()
	sum.Bytes = f.counter.total
	progress()
	return sum, nil
}

func (s *Summary) addProblem(p Problem, limit int) {
	s.ProblemCount++
	if len(s.Problems) < limit {
		s.Problems = append(s.Problems, p)
	}
}

// checkShort flags a text row that stops before a required column.
func (c *cells) checkShort() bool {
	if c.f.Format == FormatXLSX || len(c.rec) >= len(c.f.Header) {
		return false
	}
	for i, col := range c.f.match.spec.cols {
		if p := c.f.match.pos[i]; col.required && p >= len(c.rec) {
			c.probs = append(c.probs, Problem{Row: c.row, Code: ProblemShortRow,
				Detail: fmt.Sprintf("%d of %d cells", len(c.rec), len(c.f.Header))})
			return true
		}
	}
	return false
}

// raw is the cell of column col, unwrapped; "" when absent.
func (c *cells) raw(col int) string {
	p := c.f.match.pos[col]
	if p < 0 || p >= len(c.rec) {
		return ""
	}
	return unwrapCell(c.rec[p])
}

// text is a cell as text, with invalid UTF-8 replaced.
func (c *cells) text(col int) string {
	s := c.raw(col)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

func (c *cells) name(col int) string {
	if p := c.f.match.pos[col]; p >= 0 && p < len(c.f.Header) {
		return c.f.Header[p]
	}
	return c.f.match.spec.cols[col].names[0]
}

func (c *cells) problem(col int, code ProblemCode, value, detail string) {
	if len(c.probs) > 0 && c.probs[0].Code == ProblemShortRow {
		return // one problem says it all
	}
	c.probs = append(c.probs, Problem{Row: c.row, Column: c.name(col), Value: value, Code: code, Detail: detail})
}

// required reports a missing value for an empty required cell.
func (c *cells) required(col int) string {
	s := c.text(col)
	if s == "" {
		c.problem(col, ProblemMissing, "", "")
	}
	return s
}

// count reads a whole number of units, 0 or more. Blank is 0 unless the
// column is required.
func (c *cells) count(col int, required bool) int {
	s := c.raw(col)
	if s == "" {
		if required {
			c.problem(col, ProblemMissing, "", "a whole number of units")
		}
		return 0
	}
	n, whole, ok := parseInt(s, c.f.decComma)
	switch {
	case !ok:
		c.problem(col, ProblemNotNumber, s, "a whole number of units")
	case !whole:
		c.problem(col, ProblemNotWhole, s, "")
	case n < 0:
		c.problem(col, ProblemNegative, s, "")
	}
	return n
}

// money reads an amount in minor units; blank is 0. cur is the file's
// currency column value, if any, else the options' currency.
func (c *cells) money(col int, cur string) (int64, string) {
	if cur == "" {
		cur = c.f.opt.Currency
	}
	s := c.raw(col)
	if s == "" {
		return 0, cur
	}
	v, got, ok := parseMoney(s, cur, c.f.decComma)
	switch {
	case got == "":
		c.problem(col, ProblemUnknownCurrency, s, "")
	case !ok:
		c.problem(col, ProblemNotNumber, s, "an amount such as 1,234.56")
	}
	return v, got
}

// pct reads a percentage in percent points; blank is 0.
func (c *cells) pct(col int) float64 {
	s := c.raw(col)
	if s == "" {
		return 0
	}
	v, ok := parsePercent(s, c.f.decComma, c.f.Format == FormatXLSX)
	if !ok {
		c.problem(col, ProblemNotNumber, s, "a percentage such as 12.5%")
	}
	return v
}

// time reads a date or date-time, in UTC; blank is the zero time.
func (c *cells) time(col int, required bool) time.Time {
	s := c.raw(col)
	if s == "" {
		if required {
			c.problem(col, ProblemMissing, "", "a date")
		}
		return time.Time{}
	}
	date1904 := c.f.xlsx != nil && c.f.xlsx.date1904
	t, ok := parseTime(s, c.f.opt.Location, c.f.opt.DayFirst, c.f.Format == FormatXLSX, date1904)
	if !ok {
		c.problem(col, ProblemNotDate, s, "e.g. 2024-03-05T10:20:30+00:00, 03/05/2024 or 2024/3/5")
		return time.Time{}
	}
	return t.UTC()
}

// EncodingUsed is the encoding the text was read in; for a file without a
// byte-order mark it is known for sure only once its first non-ASCII
// character was read.
func (f *File) EncodingUsed() Encoding {
	if f.sniff != nil {
		return f.sniff.encoding()
	}
	return f.Encoding
}
