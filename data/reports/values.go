package reports

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/opsbench/opsbench/app"
)

// Cell values as Seller Central, Excel and WPS write them.

// unwrapCell removes what spreadsheets put around a value: spaces, the
// ="..." wrapper that keeps long ids from turning into numbers, and a
// byte-order mark left on the first cell.
func unwrapCell(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = strings.ReplaceAll(s[2:len(s)-1], `""`, `"`)
	}
	return s
}

// decimalText normalizes a written number to plain ASCII "-1234.56".
// It reads thousands separators (, . space NBSP ' ’), a decimal comma
// ("1.234,56", "12,5"), a minus sign, a trailing minus, or brackets for
// negatives. A lone comma or dot followed by exactly three digits is a
// thousands separator ("1,234" is 1234) unless decimalComma says the file
// writes decimals with a comma, in which case "1,234" is 1.234 and "1.234"
// is 1234. ok is false for anything that is not a number.
func decimalText(s string, decimalComma bool) (string, bool) {
	if s == "" {
		return "", false
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
		_, size := utf8.DecodeRuneInString(s)
		neg, s = true, strings.TrimSpace(s[size:])
	case strings.HasSuffix(s, "-"):
		neg, s = true, strings.TrimSpace(s[:len(s)-1])
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	var digits strings.Builder
	digits.Grow(len(s) + 1)
	lastComma, lastDot, commas, dots := -1, -1, 0, 0
	clean := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			clean = append(clean, byte(r))
		case r == ',':
			lastComma, commas = len(clean), commas+1
			clean = append(clean, ',')
		case r == '.':
			lastDot, dots = len(clean), dots+1
			clean = append(clean, '.')
		case r == ' ', r == '\u00a0', r == '\u202f', r == '\u2009', r == '\'', r == '’':
			// thousands separators
		default:
			return "", false
		}
	}
	if len(clean) == 0 {
		return "", false
	}
	dec := byte(0) // the decimal separator, 0 for none
	switch {
	case commas > 0 && dots > 0:
		dec = '.'
		if lastComma > lastDot {
			dec = ','
		}
	case commas == 1 && !grouped(clean, ','):
		dec = ','
	case commas == 1 && decimalComma:
		dec = ','
	case dots == 1 && !(decimalComma && grouped(clean, '.')):
		dec = '.'
	}
	if neg {
		digits.WriteByte('-')
	}
	seenDec := false
	for _, c := range clean {
		switch {
		case c == dec:
			if seenDec {
				return "", false
			}
			seenDec = true
			digits.WriteByte('.')
		case c == ',' || c == '.':
			// a thousands separator
		default:
			digits.WriteByte(c)
		}
	}
	out := digits.String()
	if strings.IndexFunc(out, func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
		return "", false
	}
	if dec != 0 && !validGrouping(clean, dec) {
		return "", false
	}
	return out, true
}

// grouped reports whether sep appears only as a thousands separator: every
// group after it has exactly three digits.
func grouped(b []byte, sep byte) bool {
	parts := strings.Split(string(b), string(sep))
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

// validGrouping rejects separators after the decimal one ("1.234,5.6").
func validGrouping(b []byte, dec byte) bool {
	i := strings.LastIndexByte(string(b), dec)
	return strings.IndexAny(string(b[i+1:]), ",.") < 0
}

// parseNumber reads a number as decimalText does.
func parseNumber(s string, decimalComma bool) (float64, bool) {
	t, ok := decimalText(s, decimalComma)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	return v, err == nil && !math.IsInf(v, 0)
}

// parseInt reads a whole number: "1,234", "12", "12.0". whole is false for
// a number with a fraction.
func parseInt(s string, decimalComma bool) (n int, whole, ok bool) {
	if v, err := strconv.Atoi(s); err == nil {
		return v, true, true
	}
	f, ok := parseNumber(s, decimalComma)
	if !ok || math.Abs(f) > 1e15 {
		return 0, false, false
	}
	if f != math.Trunc(f) {
		return 0, false, true
	}
	return int(f), true, true
}

// parsePercent reads "12.5%", "12,5 %" or "12.5" as percent points
// (12.5). A bare number read from an XLSX cell is the fraction Excel
// stores behind a percentage format (0.125 shown as 12.5%).
func parsePercent(s string, decimalComma, xlsx bool) (float64, bool) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	t = strings.TrimSpace(strings.TrimSuffix(t, "％"))
	v, ok := parseNumber(t, decimalComma)
	if ok && xlsx && t == strings.TrimSpace(s) {
		v *= 100
	}
	return v, ok
}

// currencySigns maps money signs to ISO 4217 codes, longest first where
// one begins another. A bare $ or ¥ is resolved by the file's default
// currency (moneyDefault).
var currencySigns = []struct{ sign, code string }{
	{"US$", "USD"}, {"CA$", "CAD"}, {"C$", "CAD"}, {"AU$", "AUD"}, {"A$", "AUD"}, {"MX$", "MXN"},
	{"S$", "SGD"}, {"R$", "BRL"}, {"NZ$", "NZD"}, {"HK$", "HKD"}, {"JP¥", "JPY"}, {"CN¥", "CNY"},
	{"RMB", "CNY"}, {"€", "EUR"}, {"£", "GBP"}, {"₹", "INR"}, {"₺", "TRY"}, {"zł", "PLN"},
	{"kr", "SEK"}, {"￥", "JPY"}, {"¥", "JPY"}, {"$", "USD"},
}

// dollarLike are the currencies written with a bare $; ¥ stands for CNY
// when that is the file's default and JPY otherwise.
func resolveSign(code, def string) string {
	switch code {
	case "USD":
		switch def {
		case "CAD", "AUD", "MXN", "SGD", "NZD", "HKD":
			return def
		}
	case "JPY":
		if def == "CNY" {
			return def
		}
	}
	return code
}

// parseMoney reads an amount with an optional currency sign or code
// ("$1,234.56", "US$3,092.18", "1.234,56 €", "EUR 12.00", "(4.99)") into
// minor units. A bare number is in def. It rounds half away from zero to
// the currency's minor unit. ok is false for a non-number; cur is "" for
// an unknown sign.
func parseMoney(s, def string, decimalComma bool) (minor int64, cur string, ok bool) {
	if !decimalComma && plainDecimal(s) {
		// Flat files write bare "12.99": skip the sign and separator work.
		minor, ok = minorUnits(s, app.MinorPerMajor(def))
		return minor, def, ok
	}
	t := strings.TrimSpace(s)
	cur = def
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg, t = true, strings.TrimSpace(t[1:len(t)-1])
	}
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		_, size := utf8.DecodeRuneInString(t)
		neg, t = true, strings.TrimSpace(t[size:])
	}
	// A sign or code before the number.
	if i := strings.IndexFunc(t, func(r rune) bool { return (r >= '0' && r <= '9') || r == '(' || r == '-' || r == '.' || r == ',' }); i > 0 {
		sign := strings.TrimSpace(t[:i])
		t = strings.TrimSpace(t[i:])
		if cur = currencyOf(sign, def); cur == "" {
			return 0, "", true
		}
	}
	// A sign or code after it.
	if i := strings.LastIndexFunc(t, func(r rune) bool { return (r >= '0' && r <= '9') || r == ')' }); i >= 0 && i < len(t)-1 {
		sign := strings.TrimSpace(t[i+1:])
		t = strings.TrimSpace(t[:i+1])
		if cur = currencyOf(sign, def); cur == "" {
			return 0, "", true
		}
	}
	text, ok := decimalText(t, decimalComma)
	if !ok {
		return 0, cur, false
	}
	if neg && !strings.HasPrefix(text, "-") {
		text = "-" + text
	}
	minor, ok = minorUnits(text, app.MinorPerMajor(cur))
	return minor, cur, ok
}

func currencyOf(sign, def string) string {
	for _, c := range currencySigns {
		if sign == c.sign {
			return resolveSign(c.code, def)
		}
	}
	if len(sign) == 3 && strings.Trim(strings.ToUpper(sign), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return strings.ToUpper(sign)
	}
	return ""
}

// plainDecimal reports whether s is digits with at most one '.' and at
// least one digit before it: "12.99", "0", "1234.5".
func plainDecimal(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0:
			dot = true
		default:
			return false
		}
	}
	return len(s) > 0
}

// minorUnits converts "-1234.567" exactly into minor units (per per
// major unit), rounding half away from zero.
func minorUnits(text string, per int64) (int64, bool) {
	neg := strings.HasPrefix(text, "-")
	text = strings.TrimPrefix(text, "-")
	whole, frac, _ := strings.Cut(text, ".")
	if whole == "" {
		whole = "0"
	}
	if len(whole) > 15 {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	decimals := 0
	for p := per; p > 1; p /= 10 {
		decimals++
	}
	v := w * per
	for i := 0; i < decimals; i++ {
		d := int64(0)
		if i < len(frac) {
			d = int64(frac[i] - '0')
		}
		v += d * pow10(decimals-1-i)
	}
	if len(frac) > decimals && frac[decimals] >= '5' {
		v++
	}
	if neg {
		v = -v
	}
	return v, true
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// zoneOffsets are the zone abbreviations Seller Central and US/EU/JP
// exports write after a time, in seconds east of UTC. CST is left out: it
// is US Central to Amazon and China Standard to the people reading it.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0,
	"PST": -8 * 3600, "PDT": -7 * 3600, "MST": -7 * 3600, "MDT": -6 * 3600,
	"CDT": -5 * 3600, "EST": -5 * 3600, "EDT": -4 * 3600,
	"BST": 3600, "CET": 3600, "CEST": 2 * 3600, "JST": 9 * 3600,
	"AEST": 10 * 3600, "AEDT": 11 * 3600,
}

// dateLayouts are tried in order after the fast ISO path. "1/2/2006"
// style (month first) and its day-first twin are handled by slashDate.
var dateLayouts = []string{
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006-1-2 15:04:05",
	"2006-1-2 15:04",
	"2006-1-2",
	"2006/1/2 15:04:05",
	"2006/1/2 15:04",
	"2006/1/2",
	"2006.1.2 15:04:05",
	"2006.1.2",
	"2.1.2006 15:04:05",
	"2.1.2006 15:04",
	"2.1.2006",
	"2006年1月2日 15:04:05",
	"2006年1月2日 15:04",
	"2006年1月2日",
	"Jan 2, 2006 3:04:05 PM",
	"Jan 2, 2006 15:04:05",
	"Jan 2, 2006",
	"January 2, 2006",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006",
	"02-Jan-2006",
	"2-Jan-06",
	"Mon Jan 2 15:04:05 2006",
	"Mon, 02 Jan 2006 15:04:05",
}

// slashLayouts are the month-first layouts for dates like 03/05/2024.
var slashLayouts = []string{
	"1/2/2006 15:04:05", "1/2/2006 15:04", "1/2/2006 3:04:05 PM", "1/2/2006 3:04 PM", "1/2/2006",
	"1/2/06 15:04:05", "1/2/06 15:04", "1/2/06 3:04 PM", "1/2/06",
}

// parseTime reads a date or date-time as Seller Central and spreadsheets
// write them. A time without an offset or zone is in loc. dayFirst reads
// 05/03/2024 as 5 March (UK, EU); either way a first number above 12 is
// a day. From XLSX a bare number is an Excel serial date (date1904 for
// Mac workbooks). ok is false for anything else.
func parseTime(s string, loc *time.Location, dayFirst, xlsx, date1904 bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	// The common case first: ISO 8601 with an offset.
	if len(s) >= 20 && s[4] == '-' && s[10] == 'T' {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, true
		}
	}
	if xlsx {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			if f <= 0 || f > 2958465 { // 9999-12-31
				return time.Time{}, false
			}
			t, err := excelize.ExcelDateToTime(f, date1904)
			if err != nil {
				return time.Time{}, false
			}
			return wallIn(t.Round(time.Second), loc), true
		}
	}
	// A trailing zone abbreviation: "Mar 5, 2024 10:20:30 AM PST".
	off, hasZone := 0, false
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		if o, ok := zoneOffsets[strings.ToUpper(s[i+1:])]; ok {
			off, hasZone, s = o, true, strings.TrimSpace(s[:i])
		}
	}
	s = strings.ReplaceAll(s, "  ", " ")
	in := loc
	if hasZone {
		in = time.FixedZone("", off)
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, in); err == nil {
			return t, true
		}
	}
	if strings.Count(s, "/") == 2 {
		first, _, _ := strings.Cut(s, "/")
		if n, err := strconv.Atoi(first); err == nil && n > 12 {
			dayFirst = true
		}
		for _, l := range slashLayouts {
			if dayFirst {
				l = strings.Replace(l, "1/2/", "2/1/", 1)
			}
			if t, err := time.ParseInLocation(l, s, in); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// wallIn reads the wall-clock time of a UTC time.Time as a time in loc:
// Excel dates carry no zone.
func wallIn(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, loc)
}

// parseBool reads yes/no cells: true, yes, y, 1, 是; anything else false.
func parseBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "y", "1", "是":
		return true
	}
	return false
}
