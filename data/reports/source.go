package reports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Format is the container a file was read as.
type Format string

// Formats.
const (
	FormatCSV  Format = "csv"
	FormatTSV  Format = "tsv"
	FormatXLSX Format = "xlsx"
)

// source yields a file's records one by one.
type source interface {
	// next returns the next record, or io.EOF. The slice is reused by the
	// next call.
	next() ([]string, error)
	// row is the 1-based row number of the record next returned last.
	row() int
	// terminated reports whether that record ended with a line break
	// (always true for XLSX).
	terminated() bool
}

// sniffDelimiter picks tab, comma or semicolon: whichever the first line
// has most of outside quotes. Comma when there is none.
func sniffDelimiter(line []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == '\t' || c == ',' || c == ';'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{'\t', ';', ','} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// tsvSource splits lines on tabs. Seller Central's flat files do not
// quote; a cell that Excel wrapped in quotes is unwrapped. A quoted cell
// spanning lines is not supported in TSV (Seller Central never writes
// one).
type tsvSource struct {
	br      *bufio.Reader
	n       int
	ended   bool
	fields  []string
	pending []byte
}

func (t *tsvSource) next() ([]string, error) {
	var line []byte
	for {
		chunk, err := t.br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			t.pending = append(t.pending, chunk...)
			continue
		}
		if len(t.pending) > 0 {
			line = append(t.pending, chunk...)
			t.pending = t.pending[:0]
		} else {
			line = chunk
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if len(line) == 0 {
			return nil, io.EOF
		}
		break
	}
	t.n++
	t.ended = line[len(line)-1] == '\n'
	line = bytes.TrimRight(line, "\r\n")
	s := string(line)
	t.fields = t.fields[:0]
	for {
		i := strings.IndexByte(s, '\t')
		cell := s
		if i >= 0 {
			cell = s[:i]
		}
		if len(cell) >= 2 && cell[0] == '"' && cell[len(cell)-1] == '"' {
			cell = strings.ReplaceAll(cell[1:len(cell)-1], `""`, `"`)
		}
		t.fields = append(t.fields, cell)
		if i < 0 {
			break
		}
		s = s[i+1:]
	}
	return t.fields, nil
}

func (t *tsvSource) row() int         { return t.n }
func (t *tsvSource) terminated() bool { return t.ended }

// csvSource reads RFC 4180 CSV (quoted cells, "" inside quotes, line
// breaks inside quoted cells) with any delimiter.
type csvSource struct {
	r       *csv.Reader
	in      *tracker
	n       int
	endLine int // the line the last record ended on
	ended   bool
}

func newCSVSource(r io.Reader, delim rune) *csvSource {
	in := &tracker{r: r}
	c := csv.NewReader(in)
	c.Comma = delim
	c.FieldsPerRecord = -1
	c.ReuseRecord = true
	return &csvSource{r: c, in: in}
}

func (c *csvSource) next() ([]string, error) {
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	// encoding/csv skips blank lines; a spreadsheet counts them as rows.
	if err == nil && len(rec) > 0 {
		start, _ := c.r.FieldPos(0)
		c.n += max(1, start-c.endLine)
		end, _ := c.r.FieldPos(len(rec) - 1)
		c.endLine = end + strings.Count(rec[len(rec)-1], "\n")
	} else {
		c.n++
	}
	// The parser has consumed everything there was: this record ran into
	// the end of the file.
	atEnd := c.in.eof && c.r.InputOffset() == c.in.total
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && atEnd {
		return nil, fmt.Errorf("row %d: a quoted cell is never closed: %w", c.n, ErrTruncated)
	}
	if errors.As(err, &pe) {
		// A stray quote spoils one row; the reader goes on with the next.
		return nil, &badRowError{row: c.n, err: pe.Err}
	}
	if err != nil {
		return nil, fmt.Errorf("row %d: %w", c.n, err)
	}
	c.ended = !atEnd || c.in.last == '\n' || c.in.last == '\r'
	return rec, nil
}

func (c *csvSource) row() int         { return c.n }
func (c *csvSource) terminated() bool { return c.ended }

// badRowError is a row the parser could not read; reading goes on.
type badRowError struct {
	row int
	err error
}

func (e *badRowError) Error() string { return fmt.Sprintf("row %d: %v", e.row, e.err) }

// tracker remembers how many bytes went through it, the last one, and
// whether the end was reached.
type tracker struct {
	r     io.Reader
	total int64
	last  byte
	eof   bool
}

func (t *tracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		t.total += int64(n)
		t.last = p[n-1]
	}
	if errors.Is(err, io.EOF) {
		t.eof = true
	}
	return n, err
}

// xlsxSource reads the rows of one worksheet. Cells come raw: numbers as
// numbers (a percentage as its fraction, a date as its serial), text as
// typed.
type xlsxSource struct {
	f        *excelize.File
	rows     *excelize.Rows
	n        int
	date1904 bool
}

func (x *xlsxSource) next() ([]string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, fmt.Errorf("worksheet row %d: %w", x.n+1, err)
		}
		return nil, io.EOF
	}
	x.n++
	rec, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("worksheet row %d: %w", x.n, err)
	}
	return rec, nil
}

func (x *xlsxSource) row() int         { return x.n }
func (x *xlsxSource) terminated() bool { return true }
