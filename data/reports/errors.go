package reports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrEmpty is returned for a file of 0 bytes, or one with no header row.
var ErrEmpty = errors.New("the file is empty: export the report again from Seller Central")

// ErrTruncated is wrapped by errors about a file that ends too early (a
// quoted field never closed, a damaged XLSX).
var ErrTruncated = errors.New("the file is incomplete: it may have been cut short while downloading or copying")

// UnknownKindError says no known kind of file has this header row.
type UnknownKindError struct {
	// Header is the header row the file has (the first non-empty row).
	Header []string
}

func (e *UnknownKindError) Error() string {
	return fmt.Sprintf("unknown kind of file: the first row has %s; OpsBench reads %s",
		quoteList(e.Header, 12), knownKinds())
}

// MissingColumnsError names the columns a kind needs that the file lacks.
type MissingColumnsError struct {
	Kind    Kind
	Missing []string // Seller Central's English names
	Header  []string // the header the file has
}

func (e *MissingColumnsError) Error() string {
	return fmt.Sprintf("this looks like %s but lacks the column%s %s (the file has %s)",
		e.Kind.Title(), plural(len(e.Missing)), quoteList(e.Missing, 0), quoteList(e.Header, 12))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// quoteList writes names quoted and comma-separated, at most limit of
// them (0: all).
func quoteList(names []string, limit int) string {
	if len(names) == 0 {
		return "no columns"
	}
	var parts []string
	for i, n := range names {
		if limit > 0 && i == limit {
			parts = append(parts, fmt.Sprintf("and %d more", len(names)-limit))
			break
		}
		parts = append(parts, strconv.Quote(n))
	}
	return strings.Join(parts, ", ")
}

// ProblemCode classifies a problem with one value of one row. Codes are
// stable: screens key their translated messages on them.
type ProblemCode string

// Problem codes.
const (
	// ProblemMissing: a value the row cannot do without is empty.
	ProblemMissing ProblemCode = "missing"
	// ProblemNotNumber: text where a number belongs ("abc" as quantity).
	ProblemNotNumber ProblemCode = "not_number"
	// ProblemNotWhole: a fraction where a whole number belongs (2.5 units).
	ProblemNotWhole ProblemCode = "not_whole"
	// ProblemNegative: a negative number where only 0 or more makes sense.
	ProblemNegative ProblemCode = "negative"
	// ProblemNotDate: text that is no date or time OpsBench knows.
	ProblemNotDate ProblemCode = "not_date"
	// ProblemBadChoice: not one of the values the column allows (a case
	// channel, type or status).
	ProblemBadChoice ProblemCode = "bad_choice"
	// ProblemUnknownCurrency: a money sign or code OpsBench does not know.
	ProblemUnknownCurrency ProblemCode = "unknown_currency"
	// ProblemShortRow: the row has fewer cells than the header; at the end
	// of a file it usually means the file was cut short.
	ProblemShortRow ProblemCode = "short_row"
	// ProblemBadRow: the row cannot be read at all (a stray quote in a
	// CSV line); Detail says what the parser met.
	ProblemBadRow ProblemCode = "bad_row"
)

// Problem is one thing wrong with one row. A row with a problem is not
// handed to the caller's function; Summary lists it.
type Problem struct {
	// Row is the row number as a spreadsheet shows it: the header row is
	// 1 (or later, when lines come before it), the first data row 2.
	Row int
	// Column is the header text of the column at fault ("" for the row).
	Column string
	// Value is the cell as written.
	Value string
	Code  ProblemCode
	// Detail adds what was expected.
	Detail string
}

func (p Problem) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d", p.Row)
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %q", p.Column)
	}
	switch p.Code {
	case ProblemMissing:
		b.WriteString(": empty, a value is needed")
	case ProblemNotNumber:
		fmt.Fprintf(&b, ": %q is not a number", p.Value)
	case ProblemNotWhole:
		fmt.Fprintf(&b, ": %q is not a whole number", p.Value)
	case ProblemNegative:
		fmt.Fprintf(&b, ": %q is negative", p.Value)
	case ProblemNotDate:
		fmt.Fprintf(&b, ": %q is not a date", p.Value)
	case ProblemBadChoice:
		fmt.Fprintf(&b, ": %q is not one of the allowed values", p.Value)
	case ProblemUnknownCurrency:
		fmt.Fprintf(&b, ": unknown currency in %q", p.Value)
	case ProblemShortRow:
		b.WriteString(": the row has fewer cells than the header")
	case ProblemBadRow:
		b.WriteString(": the row cannot be read")
	default:
		fmt.Fprintf(&b, ": %s %q", p.Code, p.Value)
	}
	if p.Detail != "" {
		b.WriteString(" (" + p.Detail + ")")
	}
	return b.String()
}
