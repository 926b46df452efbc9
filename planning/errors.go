package planning

import (
	"fmt"
	"strconv"
	"strings"
)

// Code classifies an input problem. Codes are stable: the UI keys its
// translated messages on them.
type Code string

// Input problem codes.
const (
	// CodeSyntax: the TOML does not parse (Row and Col say where).
	CodeSyntax Code = "syntax"
	// CodeUnknownKey: a key the scenario format does not have.
	CodeUnknownKey Code = "unknown_key"
	// CodeWrongType: a value of the wrong TOML type (text for a number...).
	CodeWrongType Code = "wrong_type"
	// CodeMissing: a required field is absent.
	CodeMissing Code = "missing"
	// CodeNotPositive: zero or negative where only positive values work.
	CodeNotPositive Code = "not_positive"
	// CodeNegative: a negative weight, cost, fee or day count.
	CodeNegative Code = "negative"
	// CodeOutOfRange: outside the allowed range (Detail holds it).
	CodeOutOfRange Code = "out_of_range"
	// CodeNotFinite: NaN or infinity.
	CodeNotFinite Code = "not_finite"
	// CodeBadCurrency: not an ISO 4217 currency code (Value is what was
	// typed).
	CodeBadCurrency Code = "bad_currency"
	// CodeTooSmall: a positive value too small to represent, which would
	// be rounded to 0 (Detail holds the smallest value).
	CodeTooSmall Code = "too_small"
	// CodeUnknownCurrency: a currency with no exchange rate under [fx].
	CodeUnknownCurrency Code = "unknown_currency"
	// CodeUnknownMode: a line names a shipping mode defined nowhere.
	CodeUnknownMode Code = "unknown_mode"
	// CodeDuplicate: two [[mode]] entries share a name, or two [fx] keys
	// name the same currency.
	CodeDuplicate Code = "duplicate"
	// CodeNoLines: the scenario has no product line.
	CodeNoLines Code = "no_lines"
	// CodeTooLarge: the amounts together are too large to simulate.
	CodeTooLarge Code = "too_large"
	// CodeBadVariant: a --compare spec or grid axis that cannot be used.
	CodeBadVariant Code = "bad_variant"
)

// InputError is one problem with a scenario or with a request about it.
type InputError struct {
	// Line is the 1-based product line at fault; 0 when the problem is not
	// about a line.
	Line int
	// LineName is that line's name, if it has one.
	LineName string
	// Mode is the 1-based [[mode]] entry at fault; 0 when not about one.
	Mode int
	// ModeName is that mode's name, if it has one.
	ModeName string
	// Field is the key at fault as written in the file, e.g. "price",
	// "horizon_days", "fx.EUR".
	Field string
	// Code classifies the problem.
	Code Code
	// Value is the offending value as text, when there is one.
	Value string
	// Row and Col locate the problem in the TOML file (1-based); 0 when
	// unknown.
	Row, Col int
	// Detail is extra context: the allowed range, the known modes, the
	// parser's own message.
	Detail string
}

// Error describes the problem in English, naming the line and field.
func (e *InputError) Error() string {
	var b strings.Builder
	if e.Row > 0 {
		fmt.Fprintf(&b, "toml line %d, column %d: ", e.Row, e.Col)
	}
	switch {
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d", e.Line)
		if e.LineName != "" {
			fmt.Fprintf(&b, " %q", e.LineName)
		}
		b.WriteString(": ")
	case e.Mode > 0:
		fmt.Fprintf(&b, "mode %d", e.Mode)
		if e.ModeName != "" {
			fmt.Fprintf(&b, " %q", e.ModeName)
		}
		b.WriteString(": ")
	case e.Code != CodeSyntax && e.Code != CodeUnknownKey:
		b.WriteString("scenario: ")
	}
	f := e.Field
	if f == "" {
		f = "value"
	}
	switch e.Code {
	case CodeSyntax:
		b.WriteString("invalid TOML: " + e.Detail)
	case CodeUnknownKey:
		b.WriteString("unknown key " + strconv.Quote(f))
	case CodeWrongType:
		fmt.Fprintf(&b, "%s has the wrong type: %s", f, e.Detail)
	case CodeMissing:
		fmt.Fprintf(&b, "%s is required", f)
	case CodeNotPositive:
		fmt.Fprintf(&b, "%s must be greater than 0, got %s", f, e.Value)
	case CodeNegative:
		fmt.Fprintf(&b, "%s must not be negative, got %s", f, e.Value)
	case CodeOutOfRange:
		fmt.Fprintf(&b, "%s must be between %s, got %s", f, e.Detail, e.Value)
	case CodeNotFinite:
		fmt.Fprintf(&b, "%s must be a finite number, got %s", f, e.Value)
	case CodeBadCurrency:
		fmt.Fprintf(&b, "%s: %q is not a currency code; write a three-letter ISO 4217 code such as CNY, USD or EUR", f, e.Value)
	case CodeTooSmall:
		fmt.Fprintf(&b, "%s %s is too small to count with: the smallest is %s", f, e.Value, e.Detail)
	case CodeUnknownCurrency:
		fmt.Fprintf(&b, "%s: no exchange rate for %s; add %s = <%s per %s> under [fx]",
			f, e.Value, e.Value, e.Detail, e.Value)
	case CodeUnknownMode:
		fmt.Fprintf(&b, "%s: unknown shipping mode %q (known: %s)", f, e.Value, e.Detail)
	case CodeDuplicate:
		fmt.Fprintf(&b, "%s: %q is defined more than once", f, e.Value)
	case CodeNoLines:
		b.WriteString("no product lines; add at least one [[line]]")
	case CodeTooLarge:
		fmt.Fprintf(&b, "the amounts are too large to simulate (%s)", e.Detail)
	case CodeBadVariant:
		fmt.Fprintf(&b, "%s: %s", f, e.Detail)
	default:
		fmt.Fprintf(&b, "%s: %s %s", f, e.Code, e.Detail)
	}
	return b.String()
}

// InputErrors collects every problem found in one input, so the user can
// fix them all at once. errors.As finds the single *InputError values.
type InputErrors []*InputError

// Error lists every problem, separated by semicolons.
func (es InputErrors) Error() string {
	switch len(es) {
	case 0:
		return "no input errors"
	case 1:
		return es[0].Error()
	}
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return fmt.Sprintf("%d problems: %s", len(es), strings.Join(parts, "; "))
}

// Unwrap returns the individual errors.
func (es InputErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// orNil returns es as an error, or nil when it is empty.
func (es InputErrors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// fmtNum formats a number for an error message.
func fmtNum(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}
