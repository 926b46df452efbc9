package ui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"text/template"

	"fyne.io/fyne/v2/lang"

	"github.com/opsbench/opsbench/assets"
)

// Languages OpsBench speaks. The empty preference follows the system.
const (
	LangEnglish = "en"
	LangChinese = "zh-Hans"
)

// Translator turns message keys into text in one language. Screens call
// T for every string a person sees; assets/translations holds the texts.
//
// It does not use Fyne's lang.L directly because Fyne picks the language
// from the operating system only, and the Settings screen lets a person
// choose 简体中文 or English whatever the system says.
type Translator struct {
	lang     string
	messages map[string]string
	fallback map[string]string
}

// NewTranslator loads the translations for pref ("en", "zh-Hans", or ""
// for the system language).
func NewTranslator(pref string) (*Translator, error) {
	l := pref
	if l != LangEnglish && l != LangChinese {
		l = SystemLanguage()
	}
	msgs, err := loadMessages(assets.Translations(), l)
	if err != nil {
		return nil, err
	}
	fallback := msgs
	if l != LangEnglish {
		if fallback, err = loadMessages(assets.Translations(), LangEnglish); err != nil {
			return nil, err
		}
	}
	return &Translator{lang: l, messages: msgs, fallback: fallback}, nil
}

// SystemLanguage maps the operating system's locale onto a language
// OpsBench has: Chinese for any zh locale, English otherwise (including
// LANG=C, which Fyne cannot parse).
func SystemLanguage() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
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

func loadMessages(fsys fs.FS, l string) (map[string]string, error) {
	b, err := fs.ReadFile(fsys, l+".json")
	if err != nil {
		return nil, fmt.Errorf("translations for %s: %w", l, err)
	}
	msgs := map[string]string{}
	if err := json.Unmarshal(b, &msgs); err != nil {
		return nil, fmt.Errorf("translations for %s: %w", l, err)
	}
	return msgs, nil
}

// Lang is the language in use ("en" or "zh-Hans").
func (t *Translator) Lang() string { return t.lang }

// T returns the text for key. Arguments come in name, value pairs and
// fill the text's template fields: T("today.welcome", "Name", "王芳").
// A key missing from this language falls back to English, then to the
// key itself (the translation tests keep both files complete).
func (t *Translator) T(key string, args ...any) string {
	msg, ok := t.messages[key]
	if !ok {
		if msg, ok = t.fallback[key]; !ok {
			return key
		}
	}
	if len(args) == 0 || !strings.Contains(msg, "{{") {
		return msg
	}
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = args[i+1]
	}
	tpl, err := template.New(key).Option("missingkey=zero").Parse(msg)
	if err != nil {
		return msg
	}
	var sb strings.Builder
	if err := tpl.Execute(&sb, data); err != nil {
		return msg
	}
	return sb.String()
}

// Has reports whether key has a text in this language.
func (t *Translator) Has(key string) bool {
	_, ok := t.messages[key]
	return ok
}
