package app

import "testing"

func TestFormatMoney(t *testing.T) {
	for _, tt := range []struct {
		name string
		got  string
		want string
	}{
		{"whole yuan", FormatMoney(10548000, "CNY"), "¥105,480"},
		{"rounds to whole units", FormatMoney(149, "USD"), "$1"},
		{"negative", FormatMoney(-3500, "EUR"), "-€35"},
		{"ISO code without a sign", FormatMoney(1200, "CHF"), "CHF 12"},
		{"no minor units", FormatMoney(1200, "JPY"), "JP¥1,200"},
		{"exact with decimals", FormatMoneyExact(5860, "CNY"), "¥58.60"},
		{"exact negative", FormatMoneyExact(-123456789, "USD"), "-$1,234,567.89"},
		{"exact without minor units", FormatMoneyExact(1200, "JPY"), "JP¥1,200"},
		{"exact pads the cents", FormatMoneyExact(1205, "usd"), "$12.05"},
		{"major units", FormatMajor(18000, "CNY"), "¥18,000"},
		{"number", FormatNumber(1234567.5, 1), "1,234,567.5"},
		{"number trims zeros", FormatNumber(2.50, 2), "2.5"},
		{"number negative zero", FormatNumber(-0.0001, 2), "0"},
		{"percent", FormatPct(12.345), "12.3%"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if MoneyDecimals("JPY") != 0 || MoneyDecimals("CNY") != 2 {
		t.Errorf("MoneyDecimals: JPY %d, CNY %d", MoneyDecimals("JPY"), MoneyDecimals("CNY"))
	}
}
