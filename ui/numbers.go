package ui

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// FormatInput writes a number for a form field: no separators, no
// needless decimals (35, 0.3, 29.99).
func FormatInput(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ParseNumber reads a number as people type it: spaces and thousands
// separators are ignored, full-width digits accepted, and a trailing %
// or a leading currency symbol dropped.
func ParseNumber(text string) (float64, bool) {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		case r == '－':
			return '-'
		case r == ',' || r == '，' || r == '_' || unicode.IsSpace(r):
			return -1
		}
		return r
	}, text)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), "％")
	for _, sym := range []string{"¥", "￥", "$", "€", "£"} {
		s = strings.TrimPrefix(s, sym)
	}
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// ParseWhole reads a whole number in [lo, hi].
func ParseWhole(text string, lo, hi int) (int, bool) {
	v, ok := ParseNumber(text)
	if !ok || v != math.Trunc(v) || v < float64(lo) || v > float64(hi) {
		return 0, false
	}
	return int(v), true
}

// ParseList reads "29.99, 34.99；39.99" into numbers.
func ParseList(text string) ([]float64, bool) {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == '，' || r == ';' || r == '；' || r == '、' || r == '/' || unicode.IsSpace(r)
	})
	if len(fields) == 0 {
		return nil, false
	}
	out := make([]float64, 0, len(fields))
	for _, f := range fields {
		v, ok := ParseNumber(f)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}
