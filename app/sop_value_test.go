package app

import (
	"errors"
	"testing"
)

func TestParseValue(t *testing.T) {
	num := FormField{Key: "rank", Label: "排名", Type: FieldNumber}
	pct := FormField{Key: "acos", Label: "ACoS", Type: FieldPercent}
	usd := FormField{Key: "price", Label: "价格", Type: FieldMoney, Currency: "USD"}
	jpy := FormField{Key: "price", Label: "价格", Type: FieldMoney, Currency: "JPY"}
	day := FormField{Key: "eta", Label: "到仓", Type: FieldDate}
	choice := FormField{Key: "level", Label: "等级", Type: FieldChoice, Choices: []string{"高", "中", "低"}}
	sku := FormField{Key: "sku", Label: "SKU", Type: FieldSKU}
	cases := []struct {
		f    FormField
		in   string
		want string // Value.String(); "" with set=false for empty
		code string // expected error code
	}{
		{num, "12", "12", ""},
		{num, " 1,234.5 ", "1234.5", ""},
		{num, "１２３", "123", ""}, // full-width digits from a Chinese input method
		{num, "-3", "-3", ""},
		{num, "", "", ""},
		{num, "twelve", "", CodeNotNumber},
		{num, "12abc", "", CodeNotNumber},
		{num, "1e300", "", CodeNotNumber}, // beyond any count a seller records
		{num, "NaN", "", CodeNotNumber},
		{pct, "23.5%", "23.5%", ""},
		{pct, "23.5 ％", "23.5%", ""},
		{pct, "23.5", "23.5%", ""},
		{pct, "%", "", CodeNotNumber},
		// Money: 12.99 USD is 1299 cents; a sign or code names the currency.
		{usd, "12.99", "12.99 USD", ""},
		{usd, "$1,299.50", "1299.50 USD", ""},
		{usd, "¥88", "88.00 CNY", ""},
		{usd, "88元", "88.00 CNY", ""},
		{usd, "12.99 EUR", "12.99 EUR", ""},
		{usd, "GBP 7", "7.00 GBP", ""},
		{usd, "0.005", "0.01 USD", ""}, // half a cent rounds away from zero
		{usd, "$", "", CodeNotNumber},
		{usd, "12,99 €", "1299.00 EUR", ""}, // a comma is a thousands separator here
		{jpy, "1500", "1500 JPY", ""},       // yen have no minor unit
		{day, "2024-03-05", "2024-03-05", ""},
		{day, "2024/3/5", "2024-03-05", ""},
		{day, "2024年3月5日", "2024-03-05", ""},
		{day, "2024-02-30", "", CodeNotDate},
		{day, "next friday", "", CodeNotDate},
		{choice, "中", "中", ""},
		{choice, "medium", "", CodeBadChoice},
		{sku, "MUG-01", "MUG-01", ""},
		{sku, "MUG\n01", "", CodeTooLong},
	}
	for _, tc := range cases {
		v, err := ParseValue(tc.f, tc.in)
		if tc.code != "" {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Code != tc.code || fe.Field != tc.f.Key || fe.Entity != "record" {
				t.Errorf("%s %q: got %v, want %s", tc.f.Type, tc.in, err, tc.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %q: %v", tc.f.Type, tc.in, err)
			continue
		}
		if v.String() != tc.want || v.Set != (tc.want != "") || v.Type != tc.f.Type {
			t.Errorf("%s %q: got %q (set %v), want %q", tc.f.Type, tc.in, v.String(), v.Set, tc.want)
		}
		// What String writes, ParseValue reads back as the same value.
		if v.Set {
			back, err := ParseValue(tc.f, v.String())
			if err != nil || back != v {
				t.Errorf("%s %q: round trip %+v -> %+v (%v)", tc.f.Type, tc.in, v, back, err)
			}
		}
	}
}

func TestValueFloat(t *testing.T) {
	usd := FormField{Key: "p", Type: FieldMoney, Currency: "USD"}
	v, _ := ParseValue(usd, "12.34")
	if x, ok := v.Float(); !ok || x != 12.34 || v.Minor != 1234 {
		t.Errorf("money %v %v minor %d", x, ok, v.Minor)
	}
	v, _ = ParseValue(FormField{Key: "r", Type: FieldNumber}, "7")
	if x, ok := v.Float(); !ok || x != 7 {
		t.Errorf("number %v %v", x, ok)
	}
	if _, ok := (Value{Type: FieldNumber}).Float(); ok {
		t.Error("an unset number charts as a point")
	}
	v, _ = ParseValue(FormField{Key: "t", Type: FieldText}, "x")
	if _, ok := v.Float(); ok {
		t.Error("text charts as a point")
	}
}

func TestMissingRequired(t *testing.T) {
	fields := []FormField{{Key: "a", Type: FieldText}, {Key: "b", Type: FieldNumber, Required: true}, {Key: "c", Type: FieldText, Required: true}}
	vals := map[string]Value{"c": {Type: FieldText, Text: "x", Set: true}}
	var fe *FieldError
	if err := MissingRequired(fields, vals); !errors.As(err, &fe) || fe.Field != "b" || fe.Code != CodeRequired {
		t.Fatalf("got %v", err)
	}
	// 0 is a value: a rank of 0 or a stock of 0 was recorded.
	vals["b"] = Value{Type: FieldNumber, Num: 0, Set: true}
	if err := MissingRequired(fields, vals); err != nil {
		t.Fatal(err)
	}
}

func TestValueID(t *testing.T) {
	a, b := ValueID("entry-1", "rank"), ValueID("entry-1", "rank")
	if a != b || !ValidID(a) || a == ValueID("entry-1", "price") || a == ValueID("entry-2", "rank") {
		t.Errorf("ValueID %s %s", a, b)
	}
	if ValueID("x", "y") == ChecklistInstanceID("x", 1) {
		t.Error("value and instance ids share a namespace")
	}
}
