package reports

import (
	"testing"
	"time"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in     string
		eu     bool
		want   float64
		wantOK bool
	}{
		{"1234.56", false, 1234.56, true},
		{"1,234.56", false, 1234.56, true},
		{"1,234", false, 1234, true},          // thousands in a US file
		{"1,234", true, 1.234, true},          // a decimal comma in an EU file
		{"1.234", true, 1234, true},           // thousands in an EU file
		{"1.234", false, 1.234, true},         // a decimal point in a US file
		{"1.234,56", false, 1234.56, true},    // both: the last one is the decimal
		{"1 234,56", false, 1234.56, true},    // French
		{"1\u00a0234,5", false, 1234.5, true}, // no-break space
		{"1'234.50", false, 1234.5, true},     // Swiss
		{"12,5", false, 12.5, true},           // not three digits: a decimal comma
		{"1,234,567", false, 1234567, true},
		{"-3", false, -3, true},
		{"(4.99)", false, -4.99, true},
		{"4.99-", false, -4.99, true},
		{"−2", false, -2, true}, // minus sign U+2212
		{"+7", false, 7, true},
		{"", false, 0, false},
		{"abc", false, 0, false},
		{"1.2.3,4.5", false, 0, false},
		{",", false, 0, false},
		{"12a", false, 0, false},
	}
	for _, tc := range tests {
		got, ok := parseNumber(tc.in, tc.eu)
		if ok != tc.wantOK || (ok && got != tc.want) {
			t.Errorf("parseNumber(%q, eu=%v) = %v %v, want %v %v", tc.in, tc.eu, got, ok, tc.want, tc.wantOK)
		}
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in        string
		n         int
		whole, ok bool
	}{
		{"12", 12, true, true},
		{"1,234", 1234, true, true},
		{"12.0", 12, true, true},
		{"2.5", 0, false, true},
		{"two", 0, false, false},
	}
	for _, tc := range tests {
		n, whole, ok := parseInt(tc.in, false)
		if n != tc.n || whole != tc.whole || ok != tc.ok {
			t.Errorf("parseInt(%q) = %d %v %v", tc.in, n, whole, ok)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in, def string
		eu      bool
		minor   int64
		cur     string
		ok      bool
	}{
		{"$1,234.56", "USD", false, 123456, "USD", true},
		{"US$3,092.18", "USD", false, 309218, "USD", true},
		{"1.234,56 €", "USD", false, 123456, "EUR", true},
		{"€1.234,56", "USD", false, 123456, "EUR", true},
		{"EUR 12.00", "USD", false, 1200, "EUR", true},
		{"12.00 GBP", "USD", false, 1200, "GBP", true},
		{"£4.5", "USD", false, 450, "GBP", true},
		{"¥1,200", "USD", false, 1200, "JPY", true}, // no minor unit
		{"¥1,200", "CNY", false, 120000, "CNY", true},
		{"$12.99", "CAD", false, 1299, "CAD", true}, // amazon.ca writes a bare $
		{"CA$12.99", "USD", false, 1299, "CAD", true},
		{"-$4.99", "USD", false, -499, "USD", true},
		{"($4.99)", "USD", false, -499, "USD", true},
		{"16.99", "USD", false, 1699, "USD", true},
		{"0.005", "USD", false, 1, "USD", true}, // half a cent rounds up
		{"0.004", "USD", false, 0, "USD", true},
		{"3,50", "EUR", true, 350, "EUR", true},
		{"$abc", "USD", false, 0, "USD", false},
		{"₩1000", "USD", false, 0, "", true}, // unknown sign: cur is empty
	}
	for _, tc := range tests {
		minor, cur, ok := parseMoney(tc.in, tc.def, tc.eu)
		if minor != tc.minor || cur != tc.cur || ok != tc.ok {
			t.Errorf("parseMoney(%q, %s) = %d %q %v, want %d %q %v", tc.in, tc.def, minor, cur, ok, tc.minor, tc.cur, tc.ok)
		}
	}
}

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in   string
		xlsx bool
		want float64
	}{
		{"12.5%", false, 12.5},
		{"14.20%", false, 14.2},
		{"12,5 %", false, 12.5},
		{"12.5", false, 12.5},
		{"0.125", true, 12.5}, // the fraction behind an Excel percentage cell
		{"12.5%", true, 12.5},
	}
	for _, tc := range tests {
		if got, ok := parsePercent(tc.in, false, tc.xlsx); !ok || got != tc.want {
			t.Errorf("parsePercent(%q, xlsx=%v) = %v %v, want %v", tc.in, tc.xlsx, got, ok, tc.want)
		}
	}
	if _, ok := parsePercent("high", false, false); ok {
		t.Error("a word parsed as a percentage")
	}
}

func TestParseTime(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		in       string
		loc      *time.Location
		dayFirst bool
		xlsx     bool
		want     time.Time
	}{
		{"2024-03-05T10:20:30+00:00", la, false, false, utc("2024-03-05T10:20:30Z")},
		{"2024-03-05T10:20:30-08:00", time.UTC, false, false, utc("2024-03-05T18:20:30Z")},
		{"2024-03-05T10:20:30Z", la, false, false, utc("2024-03-05T10:20:30Z")},
		{"2024-03-05T10:20:30.123+00:00", la, false, false, utc("2024-03-05T10:20:30.123Z")},
		// Without a zone, in the location given: 10:20 in Los Angeles
		// (PST, UTC-8) is 18:20 UTC.
		{"2024-03-05 10:20:30", la, false, false, utc("2024-03-05T18:20:30Z")},
		{"2024-03-05", la, false, false, utc("2024-03-05T08:00:00Z")},
		// US month first; UK day first; a first number above 12 is a day.
		{"03/05/2024", time.UTC, false, false, utc("2024-03-05T00:00:00Z")},
		{"03/05/2024", time.UTC, true, false, utc("2024-05-03T00:00:00Z")},
		{"25/12/2024", time.UTC, false, false, utc("2024-12-25T00:00:00Z")},
		{"3/5/2024 2:30 PM", time.UTC, false, false, utc("2024-03-05T14:30:00Z")},
		{"3/5/24", time.UTC, false, false, utc("2024-03-05T00:00:00Z")},
		// Chinese exports: 2024/3/5 in the office's zone (UTC+8).
		{"2024/3/5", sh, false, false, utc("2024-03-04T16:00:00Z")},
		{"2024/3/5 9:15", sh, false, false, utc("2024-03-05T01:15:00Z")},
		{"2024年3月7日 18:05", sh, false, false, utc("2024-03-07T10:05:00Z")},
		{"05.03.2024", time.UTC, false, false, utc("2024-03-05T00:00:00Z")},
		// Zone abbreviations as payment reports write them.
		{"Mar 5, 2024 10:20:30 AM PST", time.UTC, false, false, utc("2024-03-05T18:20:30Z")},
		{"Jul 5, 2024 10:20:30 AM PDT", time.UTC, false, false, utc("2024-07-05T17:20:30Z")},
		{"2024-03-05 10:20:30 UTC", la, false, false, utc("2024-03-05T10:20:30Z")},
		{"5 Mar 2024", time.UTC, false, false, utc("2024-03-05T00:00:00Z")},
		// An Excel serial date: 45356.5 is 2024-03-05 12:00, wall time in
		// the location.
		{"45356.5", sh, false, true, utc("2024-03-05T04:00:00Z")},
	}
	for _, tc := range tests {
		got, ok := parseTime(tc.in, tc.loc, tc.dayFirst, tc.xlsx, false)
		if !ok || !got.Equal(tc.want) {
			t.Errorf("parseTime(%q, %s, dayFirst=%v) = %s %v, want %s", tc.in, tc.loc, tc.dayFirst, got.UTC(), ok, tc.want)
		}
	}
	for _, bad := range []string{"yesterday", "2024-13-01", "31/31/2024", "45356.5", "2024/02/30"} {
		if got, ok := parseTime(bad, time.UTC, false, false, false); ok {
			t.Errorf("parseTime(%q) = %s, want an error", bad, got)
		}
	}
}

func TestNormHeader(t *testing.T) {
	same := [][]string{
		{"(Child) ASIN", "（Child）ASIN", "child-asin", "CHILD ASIN"},
		{"会话次数 – 总计", "会话次数 - 总计", "会话次数—总计", "会话次数总计"},
		{"afn-fulfillable-quantity", "afn_fulfillable_quantity", "AFN Fulfillable Quantity", "\ufeffafn-fulfillable-quantity"},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if normHeader(s) != normHeader(group[0]) {
				t.Errorf("%q and %q should match (%q, %q)", s, group[0], normHeader(s), normHeader(group[0]))
			}
		}
	}
	if normHeader("(Parent) ASIN") == normHeader("(Child) ASIN") {
		t.Error("parent and child ASIN must differ")
	}
}
