package app

import (
	"math"
	"strconv"
	"strings"
)

// Money is stored as an integer in minor units (fen, cent) of an ISO 4217
// currency; these functions are the one place that converts and writes
// it, for the command line, the screens and the exports alike.

// MinorPerMajor is how many minor units make one major unit of currency:
// 100 for most, 1 for currencies without minor units (JPY, KRW, ...).
func MinorPerMajor(currency string) int64 {
	switch strings.ToUpper(currency) {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
		"RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
		return 1
	}
	return 100
}

// MoneyDecimals is the number of decimals currency shows (2 or 0).
func MoneyDecimals(currency string) int {
	dec := 0
	for p := MinorPerMajor(currency); p > 1; p /= 10 {
		dec++
	}
	return dec
}

// CurrencySymbol is the sign written before an amount: ¥, $, €, £, JP¥,
// or the ISO code itself for currencies without a well-known sign.
func CurrencySymbol(code string) string {
	switch strings.ToUpper(code) {
	case "CNY":
		return "¥"
	case "USD":
		return "$"
	case "EUR":
		return "€"
	case "GBP":
		return "£"
	case "JPY":
		return "JP¥"
	}
	return strings.ToUpper(code)
}

// prefix is the symbol with a space after a bare ISO code ("CHF 12").
func prefix(currency string) string {
	sym := CurrencySymbol(currency)
	if sym == strings.ToUpper(currency) {
		sym += " "
	}
	return sym
}

// FormatMoney writes minor units as whole major units with thousands
// separators and the currency's sign: ¥105,480, $1,200, -€35, CHF 12.
func FormatMoney(minor int64, currency string) string {
	major := int64(math.Round(float64(minor) / float64(MinorPerMajor(currency))))
	neg := major < 0
	if neg {
		major = -major
	}
	s := prefix(currency) + GroupDigits(strconv.FormatInt(major, 10))
	if neg {
		return "-" + s
	}
	return s
}

// FormatMoneyExact writes minor units with the currency's decimals, for
// unit prices and costs: ¥58.60, $4.99, JP¥120.
func FormatMoneyExact(minor int64, currency string) string {
	per := MinorPerMajor(currency)
	neg := minor < 0
	if neg {
		minor = -minor
	}
	s := GroupDigits(strconv.FormatInt(minor/per, 10))
	if dec := MoneyDecimals(currency); dec > 0 {
		f := strconv.FormatInt(minor%per, 10)
		s += "." + strings.Repeat("0", dec-len(f)) + f
	}
	s = prefix(currency) + s
	if neg {
		return "-" + s
	}
	return s
}

// FormatMajor writes an amount given in major units, rounded to whole
// units, with sign and separators (chart ticks, planning figures).
func FormatMajor(v float64, currency string) string {
	return FormatMoney(int64(math.Round(v*float64(MinorPerMajor(currency)))), currency)
}

// GroupDigits puts thousands separators into a string of digits.
func GroupDigits(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// FormatNumber writes v with at most dec decimals, trailing zeros
// removed, and thousands separators: 1,234.5.
func FormatNumber(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	if dec > 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	out := GroupDigits(whole)
	if hasFrac {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// FormatPct writes a percentage with one decimal: 12.3%.
func FormatPct(v float64) string {
	return strconv.FormatFloat(v, 'f', 1, 64) + "%"
}

// Layouts for dates and times shown to people (in their own time zone)
// and for day-level dates stored in the database.
const (
	DayLayout     = "2006-01-02"
	MinuteLayout  = "2006-01-02 15:04"
	SecondLayout  = "2006-01-02 15:04:05"
	InstantLayout = "2006-01-02T15:04:05.000Z07:00" // stored instants, UTC
)
