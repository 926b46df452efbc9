package app

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestFillReply(t *testing.T) {
	v := ReplyValues{PhCustomer: "John Doe", PhOrderID: "113-1234567-1234567", PhTracking: "1Z999AA10123456784",
		PhCarrier: "UPS", PhSKU: "MUG-11", PhProduct: ""}
	tests := []struct {
		name    string
		text    string
		want    string
		missing []string
		unknown []string
	}{
		{"every placeholder", "Dear {customer}, order {order_id} is with {carrier} ({tracking_number}), SKU {sku}.",
			"Dear John Doe, order 113-1234567-1234567 is with UPS (1Z999AA10123456784), SKU MUG-11.", nil, nil},
		{"twice", "{customer} {customer}", "John Doe John Doe", nil, nil},
		{"no value stays for the rep", "your {product} and {Product}", "your {product} and {product}", []string{"product"}, nil},
		{"full-width braces from a Chinese input method", "｛customer｝您好，运单号｛tracking_number｝",
			"John Doe您好，运单号1Z999AA10123456784", nil, nil},
		{"Chinese names", "{客户}您好，订单{订单号}，{承运商}", "John Doe您好，订单113-1234567-1234567，UPS", nil, nil},
		{"spaces and capitals", "Hi { Customer }", "Hi John Doe", nil, nil},
		{"unknown is left as written", "Hi {custmer}, {custmer}!", "Hi {custmer}, {custmer}!", nil, []string{"custmer"}},
		{"prose in braces is no placeholder", "see {the photo below, please}", "see {the photo below, please}", nil, nil},
		{"json is no placeholder", `{"a": 1}`, `{"a": 1}`, nil, nil},
		{"an open brace", "{customer and {sku}", "{customer and MUG-11", nil, nil},
		{"empty braces", "{} { }", "{} { }", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FillReply(tt.text, v)
			if got.Text != tt.want {
				t.Errorf("text %q, want %q", got.Text, tt.want)
			}
			if !slices.Equal(got.Missing, tt.missing) || !slices.Equal(got.Unknown, tt.unknown) {
				t.Errorf("missing %v unknown %v, want %v %v", got.Missing, got.Unknown, tt.missing, tt.unknown)
			}
			if got.Ready() != (len(tt.missing) == 0 && len(tt.unknown) == 0) {
				t.Errorf("Ready() = %v", got.Ready())
			}
		})
	}
}

func TestReplyValuesOf(t *testing.T) {
	c := Case{Customer: "张伟", OrderID: "113-1", Tracking: "SF1", Carrier: "顺丰", SKU: "MUG"}
	got := FillReply("{customer}/{order_id}/{tracking_number}/{carrier}/{sku}/{product}", ReplyValuesOf(c, "杯子"))
	if got.Text != "张伟/113-1/SF1/顺丰/MUG/杯子" {
		t.Fatalf("got %q", got.Text)
	}
}

func TestReplyTemplateValidate(t *testing.T) {
	tests := []struct {
		name  string
		tmpl  ReplyTemplate
		field string
	}{
		{"OK", ReplyTemplate{Name: "thanks", Texts: map[string]string{"en": "Thanks {customer}", "zh": "谢谢{客户}"}}, ""},
		{"ErrNoName", ReplyTemplate{Name: " ", Texts: map[string]string{"en": "x"}}, "name"},
		{"ErrNoText", ReplyTemplate{Name: "x", Texts: map[string]string{"en": "  "}}, "text"},
		{"ErrUnknownPlaceholder", ReplyTemplate{Name: "x", Texts: map[string]string{"de": "Hallo {kunde}"}}, "text.de"},
		{"ErrUnknownLanguage", ReplyTemplate{Name: "x", Texts: map[string]string{"xx": "hi"}}, "text.xx"},
		{"ErrUnknownType", ReplyTemplate{Name: "x", Type: "angry", Texts: map[string]string{"en": "hi"}}, "type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.tmpl.Normalize().Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Validate() = %v, want a problem with %s", err, tt.field)
			}
		})
	}
}

func TestReplyLangsFor(t *testing.T) {
	tm := ReplyTemplate{Texts: map[string]string{"zh": "a", "en": "b", "de": "c", "ja": "d"}}
	tests := []struct {
		marketplace string
		langs       []string
		buyer       string
	}{
		{"DE", []string{"zh", "en", "de", "ja"}, "de"},
		{"JP", []string{"zh", "en", "ja", "de"}, "ja"},
		{"US", []string{"zh", "en", "de", "ja"}, "en"},
		{"FR", []string{"zh", "en", "de", "ja"}, "en"}, // no French text: English
		{"", []string{"zh", "en", "de", "ja"}, "en"},
	}
	for _, tt := range tests {
		if got := tm.LangsFor(tt.marketplace); !slices.Equal(got, tt.langs) {
			t.Errorf("LangsFor(%q) = %v, want %v", tt.marketplace, got, tt.langs)
		}
		if got := tm.BuyerLang(tt.marketplace); got != tt.buyer {
			t.Errorf("BuyerLang(%q) = %q, want %q", tt.marketplace, got, tt.buyer)
		}
	}
}

// Every built-in template is valid, has Chinese and English, fills every
// placeholder it uses from a full case, and the review follow-up never
// asks for a review to be changed or removed (Amazon's rules).
func TestBuiltinReplies(t *testing.T) {
	full := ReplyValues{PhCustomer: "A", PhOrderID: "B", PhTracking: "C", PhCarrier: "D", PhSKU: "E", PhProduct: "F"}
	seen := map[string]bool{}
	for _, tm := range BuiltinReplies() {
		if seen[tm.Builtin] {
			t.Errorf("built-in %s twice", tm.Builtin)
		}
		seen[tm.Builtin] = true
		if err := tm.Normalize().Validate(); err != nil {
			t.Errorf("%s: %v", tm.Builtin, err)
		}
		if tm.Texts[LangChinese] == "" || tm.Texts[LangEnglish] == "" || tm.NameZh == "" {
			t.Errorf("%s lacks Chinese or English", tm.Builtin)
		}
		for lang, text := range tm.Texts {
			if f := FillReply(text, full); !f.Ready() {
				t.Errorf("%s/%s: not ready after filling: %+v", tm.Builtin, lang, f)
			}
		}
		if _, ok := BuiltinReply(tm.Builtin); !ok {
			t.Errorf("BuiltinReply(%s) not found", tm.Builtin)
		}
	}
	review, _ := BuiltinReply(ReplyReviewFollowUp)
	for lang, text := range review.Texts {
		low := strings.ToLower(text)
		for _, bad := range []string{"remove", "change your review", "update your review", "star", "http", "删除", "修改评论", "好评"} {
			if strings.Contains(low, bad) {
				t.Errorf("review follow-up (%s) says %q", lang, bad)
			}
		}
	}
}
