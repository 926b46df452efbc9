package ui

import "testing"

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		text string
		want float64
		ok   bool
	}{
		{"100,000", 100000, true}, {" ３５ ", 35, true}, {"10%", 10, true}, {"¥55", 55, true}, {"0.3", 0.3, true},
		{"-35", -35, true}, {"１２。５", 12.5, true}, {"", 0, false}, {"abc", 0, false}, {"NaN", 0, false}, {"1e999", 0, false},
	} {
		got, ok := ParseNumber(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseNumber(%q) = %v, %v", tt.text, got, ok)
		}
	}
	if got, ok := ParseList("29.99，34.99; 39.99"); !ok || len(got) != 3 || got[2] != 39.99 {
		t.Errorf("ParseList = %v, %v", got, ok)
	}
	if _, ok := ParseList("29.99, x"); ok {
		t.Error("ParseList accepted a word")
	}
}

func TestParseWhole(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"365", 365, true}, {"366", 0, false}, {"-1", 0, false}, {"1.5", 0, false}, {"１０", 10, true}, {"", 0, false},
	} {
		got, ok := ParseWhole(tt.text, 0, 365)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseWhole(%q) = %v, %v; want %v, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}
