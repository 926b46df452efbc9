package app

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reply templates: canned replies with placeholders, written in Chinese
// (for the team), English, and the languages of the marketplaces the shop
// sells in. A rep picks one, the case's values fill the placeholders, the
// rep edits the text and sends it (copied to the clipboard); the timeline
// records the message and the template it came from.

// Placeholder names. In a text they are written in braces, {customer};
// full-width braces and the Chinese names of PlaceholderAliases work too,
// so a template typed with a Chinese input method still fills.
const (
	PhCustomer = "customer"
	PhOrderID  = "order_id"
	PhTracking = "tracking_number"
	PhCarrier  = "carrier"
	PhSKU      = "sku"
	PhProduct  = "product"
)

// Placeholders lists every placeholder name.
func Placeholders() []string {
	return []string{PhCustomer, PhOrderID, PhTracking, PhCarrier, PhSKU, PhProduct}
}

// PlaceholderAliases maps other names people write to a placeholder.
func PlaceholderAliases() map[string]string {
	return map[string]string{
		"客户": PhCustomer, "买家": PhCustomer, "顾客": PhCustomer, "name": PhCustomer, "buyer": PhCustomer,
		"订单号": PhOrderID, "订单": PhOrderID, "order": PhOrderID,
		"运单号": PhTracking, "物流单号": PhTracking, "快递单号": PhTracking, "tracking": PhTracking,
		"承运商": PhCarrier, "物流商": PhCarrier, "快递公司": PhCarrier,
		"产品": PhProduct, "商品": PhProduct,
	}
}

// placeholderName reads the name inside braces: the canonical name of a
// known placeholder (and true), or the name as written (and false).
func placeholderName(inner string) (string, bool) {
	n := strings.TrimSpace(inner)
	lower := strings.ToLower(n)
	if slices.Contains(Placeholders(), lower) {
		return lower, true
	}
	if p, ok := PlaceholderAliases()[lower]; ok {
		return p, true
	}
	return n, false
}

// placeholderSpan is one {name} in a text, at bytes [start, end).
type placeholderSpan struct {
	start, end int
	name       string
	known      bool
}

// maxPlaceholderRunes bounds what may stand between braces: longer text in
// braces is prose ("{see the photo below}"), not a mistyped placeholder.
const maxPlaceholderRunes = 24

// scanPlaceholders finds every {name} (or ｛name｝) in text whose name is
// a word: letters, digits, underscores, spaces around.
func scanPlaceholders(text string) []placeholderSpan {
	var out []placeholderSpan
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '{' && r != '｛' {
			i += size
			continue
		}
		j := i + size
		closed := -1
		for k := j; k < len(text); {
			c, n := utf8.DecodeRuneInString(text[k:])
			if c == '}' || c == '｝' {
				closed = k
				k += n
				j = k
				break
			}
			if c == '{' || c == '｛' || c == '\n' || !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' || c == ' ') {
				break
			}
			k += n
		}
		inner := ""
		if closed >= 0 {
			inner = text[i+size : closed]
		}
		if closed < 0 || strings.TrimSpace(inner) == "" || utf8.RuneCountInString(inner) > maxPlaceholderRunes {
			i += size
			continue
		}
		name, known := placeholderName(inner)
		out = append(out, placeholderSpan{start: i, end: j, name: name, known: known})
		i = j
	}
	return out
}

// UnknownPlaceholders lists the {names} in text that are no placeholder
// (a typo such as {custmer}), each once, in order of appearance.
func UnknownPlaceholders(text string) []string {
	var out []string
	for _, p := range scanPlaceholders(text) {
		if !p.known && !slices.Contains(out, p.name) {
			out = append(out, p.name)
		}
	}
	return out
}

// ReplyValues are the values placeholders are filled with: placeholder
// name -> value. A missing or blank value leaves the placeholder in the
// text for the rep to fill.
type ReplyValues map[string]string

// ReplyValuesOf takes the values of case c; product is the product's name
// (from the catalog), "" when unknown.
func ReplyValuesOf(c Case, product string) ReplyValues {
	return ReplyValues{
		PhCustomer: c.Customer, PhOrderID: c.OrderID, PhTracking: c.Tracking,
		PhCarrier: c.Carrier, PhSKU: c.SKU, PhProduct: product,
	}
}

// FilledReply is a template text with its placeholders filled.
type FilledReply struct {
	Text string
	// Missing lists the known placeholders that had no value and are
	// still in Text, written canonically ({tracking_number}), each once.
	Missing []string
	// Unknown lists the {names} that are no placeholder, left as written.
	Unknown []string
}

// Ready reports whether the text can go to the buyer as it is.
func (f FilledReply) Ready() bool { return len(f.Missing) == 0 && len(f.Unknown) == 0 }

// FillReply fills the placeholders of text with v. A known placeholder
// without a value is written back canonically, {name}, so the rep sees
// what to fill in whichever way the template wrote it.
func FillReply(text string, v ReplyValues) FilledReply {
	var out FilledReply
	var b strings.Builder
	last := 0
	for _, p := range scanPlaceholders(text) {
		b.WriteString(text[last:p.start])
		last = p.end
		switch val := strings.TrimSpace(v[p.name]); {
		case !p.known:
			b.WriteString(text[p.start:p.end])
			if !slices.Contains(out.Unknown, p.name) {
				out.Unknown = append(out.Unknown, p.name)
			}
		case val == "":
			b.WriteString("{" + p.name + "}")
			if !slices.Contains(out.Missing, p.name) {
				out.Missing = append(out.Missing, p.name)
			}
		default:
			b.WriteString(val)
		}
	}
	b.WriteString(text[last:])
	out.Text = b.String()
	return out
}

// Reply languages: Chinese for the team, English, and the languages of
// the marketplaces (MarketplaceLang).
const (
	LangChinese = "zh"
	LangEnglish = "en"
)

// ReplyLangs lists every language a template may have, in display order.
func ReplyLangs() []string {
	return []string{LangChinese, LangEnglish, "de", "fr", "it", "es", "ja", "nl", "sv", "pl", "tr", "pt", "ar"}
}

// ValidReplyLang reports whether lang is one of ReplyLangs.
func ValidReplyLang(lang string) bool { return slices.Contains(ReplyLangs(), lang) }

// ReplyTemplate is a canned reply in several languages.
type ReplyTemplate struct {
	ID string
	// Builtin is the key of the built-in template this one is (or was
	// edited from); "" for the office's own.
	Builtin string
	Name    string
	// NameZh is the Chinese name of a built-in template the office has
	// not renamed (Name is then the English one).
	NameZh string
	// Type is the case type it is meant for; "" for any.
	Type CaseType
	// Texts maps a language (ReplyLangs) to the text.
	Texts map[string]string
	// Hidden marks a built-in template the office hid from the composer.
	Hidden bool
}

// DisplayName is the template's name for a reader of language lang
// ("zh…" for Chinese): a built-in's Chinese name while the office has not
// renamed it.
func (t ReplyTemplate) DisplayName(lang string) string {
	if t.NameZh != "" && strings.HasPrefix(lang, LangChinese) {
		return t.NameZh
	}
	return t.Name
}

// Limits of reply templates.
const (
	MaxReplyName = 80
	MaxReplyText = 8000 // characters
)

// Normalize trims the name and each text, dropping empty texts.
func (t ReplyTemplate) Normalize() ReplyTemplate {
	t.Name = strings.TrimSpace(t.Name)
	texts := make(map[string]string, len(t.Texts))
	for lang, s := range t.Texts {
		if s = strings.TrimSpace(s); s != "" {
			texts[strings.ToLower(strings.TrimSpace(lang))] = s
		}
	}
	t.Texts = texts
	return t
}

// LangsFor lists the template's languages to offer on a case in
// marketplace: Chinese and English first, then the marketplace's language
// when it is another one, then the rest; only languages with a text.
func (t ReplyTemplate) LangsFor(marketplace string) []string {
	order := []string{LangChinese, LangEnglish}
	if l, ok := MarketplaceLang(marketplace); ok && !slices.Contains(order, l) {
		order = append(order, l)
	}
	for _, l := range ReplyLangs() {
		if !slices.Contains(order, l) {
			order = append(order, l)
		}
	}
	var out []string
	for _, l := range order {
		if t.Texts[l] != "" {
			out = append(out, l)
		}
	}
	return out
}

// BuyerLang is the language to answer a buyer of marketplace in by
// default: the marketplace's language when the template has it, else
// English.
func (t ReplyTemplate) BuyerLang(marketplace string) string {
	if l, ok := MarketplaceLang(marketplace); ok && t.Texts[l] != "" {
		return l
	}
	if t.Texts[LangEnglish] != "" {
		return LangEnglish
	}
	if l := t.LangsFor(marketplace); len(l) > 0 {
		return l[0]
	}
	return LangEnglish
}

// Validate checks a normalized template: a name, a known type, at least
// one text, known languages, texts within MaxReplyText, and no unknown
// placeholder (field "text.<lang>", code CodeBadFormat: a typo in a
// placeholder would reach the buyer as "{custmer}").
func (t ReplyTemplate) Validate() error {
	switch {
	case t.Name == "":
		return &FieldError{Entity: "reply", Field: "name", Code: CodeRequired}
	case utf8.RuneCountInString(t.Name) > MaxReplyName:
		return &FieldError{Entity: "reply", Field: "name", Code: CodeTooLong, Limit: MaxReplyName}
	case t.Type != "" && !t.Type.Valid():
		return &FieldError{Entity: "reply", Field: "type", Code: CodeBadChoice}
	case len(t.Texts) == 0:
		return &FieldError{Entity: "reply", Field: "text", Code: CodeRequired}
	}
	for _, lang := range ReplyLangs() {
		s, ok := t.Texts[lang]
		if !ok {
			continue
		}
		if utf8.RuneCountInString(s) > MaxReplyText {
			return &FieldError{Entity: "reply", Field: "text." + lang, Code: CodeTooLong, Limit: MaxReplyText}
		}
		if len(UnknownPlaceholders(s)) > 0 {
			return &FieldError{Entity: "reply", Field: "text." + lang, Code: CodeBadFormat}
		}
	}
	for lang := range t.Texts {
		if !ValidReplyLang(lang) {
			return &FieldError{Entity: "reply", Field: "text." + lang, Code: CodeBadChoice}
		}
	}
	return nil
}
