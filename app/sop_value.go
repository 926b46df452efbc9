package app

import (
	"crypto/sha1"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Values recorded in record forms are kept typed, so that a keyword's
// rank or a competitor's price over time can be charted and exported as
// numbers, not as the text someone typed.

// Value is one typed value of a record form. Which fields are used
// depends on Type: Num for numbers and percentages (12.5 means 12.5 %),
// Minor and Currency for money, Day for dates, Text for text, choices and
// SKUs. The zero Value of a type is "nothing entered".
type Value struct {
	Type     FieldType
	Num      float64
	Minor    int64
	Currency string
	Day      Date
	Text     string
	// Set is true when a value was entered (a number may be 0).
	Set bool
}

// Validation codes of record values.
const (
	// CodeNotNumber: the text is not a number (or not an amount of money).
	CodeNotNumber = "not_number"
	// CodeNotDate: the text is not a date (YYYY-MM-DD).
	CodeNotDate = "not_date"
)

// MaxValueText bounds a text value (characters).
const MaxValueText = 4000

// maxAmount bounds numbers and amounts: beyond it a value is a typo, and
// float64 no longer holds every integer exactly.
const maxAmount = 1e13

// ParseValue reads what a person typed into field f. Empty text is an
// unset value (whether that is allowed is MissingRequired's business).
// A problem is a *FieldError on entity "record" naming the field's key.
//
// Numbers accept thousands separators and a decimal point ("1,234.5"),
// full-width digits, and for percentages a trailing "%"; money also a
// currency sign or code before or after ("$12.99", "¥1,200", "12.99
// USD"), taking the field's currency unless the text names another.
// Dates are YYYY-MM-DD (also 2024/3/5 and 2024年3月5日).
func ParseValue(f FormField, s string) (Value, error) {
	s = strings.TrimSpace(s)
	v := Value{Type: f.Type}
	if s == "" {
		if f.Type == FieldMoney {
			v.Currency = f.Currency
		}
		return v, nil
	}
	bad := func(code string, limit int) (Value, error) {
		return Value{Type: f.Type}, &FieldError{Entity: "record", Field: f.Key, Code: code, Limit: limit}
	}
	v.Set = true
	switch f.Type {
	case FieldNumber, FieldPercent:
		t := s
		if f.Type == FieldPercent {
			t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "%"), "％"))
		}
		n, ok := parseDecimal(t)
		if !ok {
			return bad(CodeNotNumber, 0)
		}
		v.Num = n
	case FieldMoney:
		cur, rest := splitCurrency(s)
		if cur == "" {
			cur = f.Currency
		}
		n, ok := parseDecimal(rest)
		if !ok || !validCurrency(cur) {
			return bad(CodeNotNumber, 0)
		}
		v.Currency = cur
		v.Minor = int64(math.Round(n * float64(MinorPerMajor(cur))))
	case FieldDate:
		d, ok := parseLooseDate(s)
		if !ok {
			return bad(CodeNotDate, 0)
		}
		v.Day = d
	case FieldChoice:
		found := false
		for _, c := range f.Choices {
			if c == s {
				found = true
			}
		}
		if !found {
			return bad(CodeBadChoice, 0)
		}
		v.Text = s
	case FieldText, FieldSKU:
		if utf8.RuneCountInString(s) > MaxValueText {
			return bad(CodeTooLong, MaxValueText)
		}
		if f.Type == FieldSKU && (strings.ContainsAny(s, "\n\t") || utf8.RuneCountInString(s) > MaxTitleLen) {
			return bad(CodeTooLong, MaxTitleLen)
		}
		v.Text = s
	default:
		return bad(CodeBadChoice, 0)
	}
	return v, nil
}

// parseDecimal reads a plain decimal number with optional thousands
// separators and sign, in ASCII or full-width digits.
func parseDecimal(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == '－':
			return '-'
		case r == ',' || r == '，' || r == ' ' || r == '\u00a0':
			return -1
		}
		return r
	}, s)
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || math.Abs(n) > maxAmount {
		return 0, false
	}
	return n, true
}

// currencySigns maps the signs people type before amounts to currencies.
var currencySigns = []struct{ sign, code string }{
	{"US$", "USD"}, {"CA$", "CAD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"JP¥", "JPY"}, {"RMB", "CNY"},
	{"$", "USD"}, {"¥", "CNY"}, {"￥", "CNY"}, {"€", "EUR"}, {"£", "GBP"}, {"元", "CNY"},
}

// splitCurrency takes a currency sign or ISO code off either end of s.
func splitCurrency(s string) (code, rest string) {
	for _, c := range currencySigns {
		if strings.HasPrefix(s, c.sign) {
			return c.code, strings.TrimSpace(s[len(c.sign):])
		}
		if strings.HasSuffix(s, c.sign) {
			return c.code, strings.TrimSpace(s[:len(s)-len(c.sign)])
		}
	}
	if len(s) > 3 {
		if head := strings.ToUpper(s[:3]); validCurrency(head) && !strings.ContainsAny(s[:3], "0123456789") {
			return head, strings.TrimSpace(s[3:])
		}
		if tail := strings.ToUpper(s[len(s)-3:]); validCurrency(tail) {
			return tail, strings.TrimSpace(s[:len(s)-3])
		}
	}
	return "", s
}

// parseLooseDate reads 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日.
func parseLooseDate(s string) (Date, bool) {
	t := strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	parts := strings.Split(t, "-")
	if len(parts) != 3 {
		return 0, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return 0, false
		}
		n[i] = v
	}
	if n[0] < 1900 || n[0] > 9999 || n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > DaysIn(n[0], time.Month(n[1])) {
		return 0, false
	}
	return NewDate(n[0], time.Month(n[1]), n[2]), true
}

// String writes the value the way ParseValue reads it back, in English
// notation without thousands separators ("12.5", "12.99 USD",
// "2024-03-05"): for the audit log, files and the command line. Screens
// format with FormatMoney and FormatNumber instead.
func (v Value) String() string {
	if !v.Set {
		return ""
	}
	switch v.Type {
	case FieldNumber, FieldPercent:
		s := strconv.FormatFloat(v.Num, 'f', -1, 64)
		if v.Type == FieldPercent {
			s += "%"
		}
		return s
	case FieldMoney:
		return formatMinorPlain(v.Minor, v.Currency) + " " + v.Currency
	case FieldDate:
		return v.Day.String()
	}
	return v.Text
}

func formatMinorPlain(minor int64, currency string) string {
	per := MinorPerMajor(currency)
	dec := MoneyDecimals(currency)
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	s := sign + strconv.FormatInt(minor/per, 10)
	if dec > 0 {
		frac := strconv.FormatInt(minor%per, 10)
		s += "." + strings.Repeat("0", dec-len(frac)) + frac
	}
	return s
}

// Float is the value as a number for charts: numbers and percentages as
// they are, money in major units. ok is false for other types and unset
// values.
func (v Value) Float() (x float64, ok bool) {
	if !v.Set {
		return 0, false
	}
	switch v.Type {
	case FieldNumber, FieldPercent:
		return v.Num, true
	case FieldMoney:
		return float64(v.Minor) / float64(MinorPerMajor(v.Currency)), true
	}
	return 0, false
}

// MissingRequired returns a *FieldError (entity "record", code required)
// for the first required field of fields without a value in values
// (keyed by field key), or nil.
func MissingRequired(fields []FormField, values map[string]Value) error {
	for _, f := range fields {
		if f.Required && !values[f.Key].Set {
			return &FieldError{Entity: "record", Field: f.Key, Code: CodeRequired}
		}
	}
	return nil
}

// Subjects of recorded values: what a record form belongs to.
const (
	SubjectStep      = "step"      // a step of a run (RunStep.ID)
	SubjectChecklist = "checklist" // a checklist entry (ChecklistEntry.ID)
)

// RecordedValue is one stored value with what it belongs to.
type RecordedValue struct {
	ID        string
	Subject   string // SubjectStep or SubjectChecklist
	SubjectID string
	// Series groups the values of the same question asked again and
	// again: the checklist item's id, or for a step its template id and
	// step key ("<template id>/<step key>").
	Series   string
	FieldKey string
	Label    string
	// Day is the day the value is about: the checklist entry's day, or
	// the day it was recorded for a step.
	Day   Date
	Value Value
	// SKU is the run's SKU (steps) or "" (checklists).
	SKU        string
	RecordedAt time.Time
	RecordedBy string // person name
}

// valueNamespace is the UUID namespace of recorded value ids.
var valueNamespace = uuid.MustParse("9a4b7d0e-53c1-4f3a-8c2e-6d1f0b2a7e55")

// ValueID is the id of the value of field key on subject subjectID: one
// row per field and subject, however many desks record it, so two desks
// filling in the same checklist entry meet on one row (the later edit
// wins, the other is kept as a conflict).
func ValueID(subjectID, key string) string {
	return uuid.NewHash(sha1.New(), valueNamespace, []byte(subjectID+"/"+key), 5).String()
}

// StepSeries is the series of a template step's values.
func StepSeries(templateID, stepKey string) string { return templateID + "/" + stepKey }
