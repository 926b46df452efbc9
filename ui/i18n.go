package ui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/opsbench/opsbench/assets"
)

// Languages OpsBench speaks. The empty preference follows the system.
const (
	LangEnglish = "en"
	LangChinese = "zh-Hans"
)

// CountArg is the template field that chooses a plural message's form:
// T("team.count", "Count", 3).
const CountArg = "Count"

// Translator turns message keys into text in one language. Screens call
// T for every string a person sees. The texts are in assets/translations:
// a top-level en.json and zh-Hans.json with the shared keys and one
// folder per work area with its own pair; all are merged into one set.
//
// A text is a Go template ("Hello {{.Name}}"), or, when it names a count,
// an object of CLDR plural forms chosen by the Count field, e.g.
// {"one": "{{.Count}} person", "other": "{{.Count}} people"} (Chinese
// needs only "other").
//
// It does not use Fyne's lang.L because Fyne picks the language from the
// operating system only, and the Settings screen lets a person choose
// 简体中文 or English whatever the system says. It is safe for concurrent
// use: background work formats text with it.
type Translator struct {
	lang     string
	tag      language.Tag
	messages map[string]Message
	fallback map[string]Message
	parsed   sync.Map // key + "/" + form -> *template.Template
}

// Message is one translated text: its plural forms by CLDR category
// ("one", "other", ...); a plain text has only "other".
type Message map[string]string

// NewTranslator loads the embedded translations for pref ("en",
// "zh-Hans", or "" for the system language). The embedded files are
// checked by tests; should they fail to load all the same, texts show as
// their keys rather than stopping the app.
func NewTranslator(pref string) *Translator {
	t, err := LoadTranslator(assets.Translations(), pref)
	if err != nil {
		return &Translator{lang: LangEnglish, tag: language.English}
	}
	return t
}

// LoadTranslator loads the translations in fsys for pref.
func LoadTranslator(fsys fs.FS, pref string) (*Translator, error) {
	l := ResolveLanguage(pref)
	msgs, err := LoadMessages(fsys, l)
	if err != nil {
		return nil, err
	}
	fallback := msgs
	if l != LangEnglish {
		if fallback, err = LoadMessages(fsys, LangEnglish); err != nil {
			return nil, err
		}
	}
	return &Translator{lang: l, tag: language.Make(l), messages: msgs, fallback: fallback}, nil
}

// ResolveLanguage is the language a preference means: pref itself when it
// is one OpsBench has, otherwise (""; a language no longer offered) the
// system's.
func ResolveLanguage(pref string) string {
	if pref == LangEnglish || pref == LangChinese {
		return pref
	}
	return SystemLanguage()
}

// SystemLanguage maps the operating system's locale onto a language
// OpsBench has: Chinese for any zh locale, English otherwise (including
// the C and POSIX locales, which Fyne cannot parse).
func SystemLanguage() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
				return LangEnglish // Fyne cannot parse these; skip its error
			}
			break
		}
	}
	if strings.HasPrefix(strings.ToLower(string(lang.SystemLocale())), "zh") {
		return LangChinese
	}
	return LangEnglish
}

// TranslationFiles lists the files of language l in fsys: the top-level
// <l>.json first, then <area>/<l>.json in name order.
func TranslationFiles(fsys fs.FS, l string) ([]string, error) {
	files := []string{l + ".json"}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("translations: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := path.Join(e.Name(), l+".json")
		if _, err := fs.Stat(fsys, name); err == nil {
			files = append(files, name)
		}
	}
	return files, nil
}

// LoadMessages reads and merges every translation file of language l. A
// key defined in two files is an error: each key has one home.
func LoadMessages(fsys fs.FS, l string) (map[string]Message, error) {
	files, err := TranslationFiles(fsys, l)
	if err != nil {
		return nil, err
	}
	msgs := map[string]Message{}
	where := map[string]string{}
	for _, name := range files {
		one, err := ReadMessageFile(fsys, name)
		if err != nil {
			return nil, err
		}
		for k, m := range one {
			if prev, dup := where[k]; dup {
				return nil, fmt.Errorf("translations: %q is defined in both %s and %s", k, prev, name)
			}
			where[k], msgs[k] = name, m
		}
	}
	return msgs, nil
}

// ReadMessageFile reads one translation file: an object of key -> text or
// key -> plural forms.
func ReadMessageFile(fsys fs.FS, name string) (map[string]Message, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("translations %s: %w", name, err)
	}
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("translations %s: %w", name, err)
	}
	out := make(map[string]Message, len(raw))
	for k, v := range raw {
		var text string
		if err := json.Unmarshal(v, &text); err == nil {
			out[k] = Message{"other": text}
			continue
		}
		forms := Message{}
		if err := json.Unmarshal(v, &forms); err != nil {
			return nil, fmt.Errorf("translations %s: %s is neither a text nor plural forms", name, k)
		}
		if _, ok := forms["other"]; !ok {
			return nil, fmt.Errorf("translations %s: %s has no \"other\" form", name, k)
		}
		for f := range forms {
			if _, ok := pluralForms[f]; !ok {
				return nil, fmt.Errorf("translations %s: %s has an unknown plural form %q", name, k, f)
			}
		}
		out[k] = forms
	}
	return out, nil
}

// pluralForms are the CLDR plural categories by their names in the files.
var pluralForms = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two, "few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// PluralForm is the CLDR plural category of count in language l ("one",
// "other", ...). count is an integer, a float or a number as text
// ("1,234.5").
func PluralForm(l string, count any) string {
	digits, exp, scale, ok := decimalDigits(count)
	if !ok {
		return "other"
	}
	f := plural.Cardinal.MatchDigits(language.Make(l), digits, exp, scale)
	for name, form := range pluralForms {
		if form == f {
			return name
		}
	}
	return "other"
}

// decimalDigits splits a number into the digit values, the count of
// integer digits and the count of fraction digits, as MatchDigits wants.
func decimalDigits(v any) (digits []byte, exp, scale int, ok bool) {
	var s string
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s = strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s = strconv.FormatUint(rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		s = strconv.FormatFloat(rv.Float(), 'f', -1, 64)
	case reflect.String:
		s = rv.String()
	default:
		return nil, 0, 0, false
	}
	exp = -1
	for _, r := range strings.TrimPrefix(s, "-") {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r-'0'))
		case r == '.' && exp < 0:
			exp = len(digits)
		case r == ',':
		default:
			return nil, 0, 0, false
		}
	}
	if len(digits) == 0 {
		return nil, 0, 0, false
	}
	if exp < 0 {
		exp = len(digits)
	}
	return digits, exp, len(digits) - exp, true
}

// Lang is the language in use ("en" or "zh-Hans").
func (t *Translator) Lang() string { return t.lang }

// T returns the text for key. Arguments come in name, value pairs and
// fill the text's template fields: T("today.me.hello", "Name", "王芳").
// A plural text picks its form from the Count argument. A key missing
// from this language falls back to English, then to the key itself (the
// translation tests keep every language complete).
func (t *Translator) T(key string, args ...any) string {
	msg, ok := t.messages[key]
	l := t.lang
	if !ok {
		if msg, ok = t.fallback[key]; !ok {
			return key
		}
		l = LangEnglish
	}
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	form := "other"
	if len(msg) > 1 {
		if n, ok := data[CountArg]; ok {
			form = PluralForm(l, n)
		}
		if _, ok := msg[form]; !ok {
			form = "other"
		}
	}
	text := msg[form]
	if len(args) == 0 || !strings.Contains(text, "{{") {
		return text
	}
	tpl, err := t.template(key+"/"+form, text)
	if err != nil {
		return text
	}
	var sb strings.Builder
	if err := tpl.Execute(&sb, data); err != nil {
		return text
	}
	return sb.String()
}

// template parses a text once.
func (t *Translator) template(id, text string) (*template.Template, error) {
	if v, ok := t.parsed.Load(id); ok {
		return v.(*template.Template), nil
	}
	tpl, err := template.New(id).Option("missingkey=zero").Parse(text)
	if err != nil {
		return nil, err
	}
	t.parsed.Store(id, tpl)
	return tpl, nil
}

// Has reports whether key has a text in this language.
func (t *Translator) Has(key string) bool {
	_, ok := t.messages[key]
	return ok
}
