package planning

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// windowsEncodings returns data (UTF-8, LF) as Windows editors save it.
func windowsEncodings(data []byte) map[string][]byte {
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	utf16le, utf16be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(string(crlf))) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
		utf16be = append(utf16be, byte(u>>8), byte(u))
	}
	return map[string][]byte{
		"CRLF":                   crlf,
		"UTF-8 BOM":              append([]byte{0xEF, 0xBB, 0xBF}, data...),
		"UTF-8 BOM + CRLF":       append([]byte{0xEF, 0xBB, 0xBF}, crlf...),
		"UTF-16 LE BOM + CRLF":   utf16le,
		"UTF-16 BE BOM + CRLF":   utf16be,
		"classic Mac CR endings": bytes.ReplaceAll(data, []byte("\n"), []byte("\r")),
	}
}

func TestDecodeText(t *testing.T) {
	// Chinese names survive every encoding.
	src := []byte("name = \"两款杯子\"\ncapital = 1\n")
	for name, body := range windowsEncodings(src) {
		got, err := DecodeText(body)
		if err != nil || !bytes.Equal(got, src) {
			t.Errorf("%s: %q, %v; want %q", name, got, err, src)
		}
	}
	if got, err := DecodeText(src); err != nil || !bytes.Equal(got, src) {
		t.Errorf("plain UTF-8 changed: %q %v", got, err)
	}
	// A UTF-16 file cut in the middle of a character is refused, not
	// misread.
	if _, err := DecodeText([]byte{0xFF, 0xFE, 'a', 0, 'b'}); err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("odd-length UTF-16: %v", err)
	}
}

func TestParseScenarioEncodings(t *testing.T) {
	src := []byte(`name = "两款杯子"
capital = 100000
[[line]]
name = "礼品杯"
price = 35
unit_cost = 20
unit_weight_kg = 0.3
daily_units = 10
production_days = 20
`)
	for name, body := range windowsEncodings(src) {
		s, err := ParseScenario(body)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Name != "两款杯子" || s.Lines[0].Name != "礼品杯" {
			t.Errorf("%s: names %q %q", name, s.Name, s.Lines[0].Name)
		}
	}
	// Errors in a CRLF file still name the right line of the file and the
	// right [[line]].
	bad := bytes.ReplaceAll([]byte("capital = 1\n[[line]]\nprice = \"x\"\n"), []byte("\n"), []byte("\r\n"))
	_, err := ParseScenario(append([]byte{0xEF, 0xBB, 0xBF}, bad...))
	var ie *InputError
	if !errors.As(err, &ie) || ie.Row != 3 || ie.Line != 1 || ie.Field != "price" {
		t.Errorf("error in a BOM + CRLF file: %+v", ie)
	}
	if _, err := ParseScenario([]byte{0xFE, 0xFF, 0}); err == nil {
		t.Error("a damaged UTF-16 file parsed")
	}
}
