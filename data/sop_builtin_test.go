package data

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/assets"
)

// TestBuiltinSOP: both languages ship the same templates and checklist
// items, step for step and field for field, so a Chinese and an English
// office run the same process; only the words differ.
func TestBuiltinSOP(t *testing.T) {
	zh, err := BuiltinSOP(BuiltinChinese)
	if err != nil {
		t.Fatal(err)
	}
	en, err := BuiltinSOP(BuiltinEnglish)
	if err != nil {
		t.Fatal(err)
	}
	wantTemplates := []string{"competitor", "inventory", "keyword", "new-listing", "product", "reorder-plan"}
	var got []string
	for _, tf := range zh.Templates {
		got = append(got, tf.Builtin)
	}
	if strings.Join(got, ",") != strings.Join(wantTemplates, ",") {
		t.Errorf("built-in templates %v, want %v", got, wantTemplates)
	}
	if len(en.Templates) != len(zh.Templates) || len(en.Checklists) != len(zh.Checklists) || len(zh.Checklists) != 9 {
		t.Fatalf("%d/%d templates, %d/%d checklist items", len(zh.Templates), len(en.Templates), len(zh.Checklists), len(en.Checklists))
	}
	shape := func(f app.FormField) string {
		return strings.Join([]string{f.Key, string(f.Type), f.Currency, boolText(f.Required), string(rune('0' + len(f.Choices)))}, "|")
	}
	for i := range zh.Templates {
		a, b := zh.Templates[i].Template(), en.Templates[i].Template()
		if a.Builtin != b.Builtin {
			t.Fatalf("template %d: %s vs %s", i, a.Builtin, b.Builtin)
		}
		sa, sb := a.Body.Steps(), b.Body.Steps()
		if len(sa) != len(sb) {
			t.Errorf("%s: %d steps in Chinese, %d in English", a.Builtin, len(sa), len(sb))
			continue
		}
		for j := range sa {
			x, y := sa[j], sb[j]
			if x.Stage.Key != y.Stage.Key || x.Step.Key != y.Step.Key || x.Step.Role != y.Step.Role ||
				x.Step.Days != y.Step.Days || x.Step.Count != y.Step.Count || len(x.Step.Fields) != len(y.Step.Fields) {
				t.Errorf("%s step %d: %+v vs %+v", a.Builtin, j, x, y)
				continue
			}
			if x.Step.Description == "" || y.Step.Description == "" {
				t.Errorf("%s step %s has no description", a.Builtin, x.Step.Key)
			}
			for k := range x.Step.Fields {
				if shape(x.Step.Fields[k]) != shape(y.Step.Fields[k]) {
					t.Errorf("%s step %s field %d: %s vs %s", a.Builtin, x.Step.Key, k, shape(x.Step.Fields[k]), shape(y.Step.Fields[k]))
				}
			}
		}
	}
	for i := range zh.Checklists {
		a, b := zh.Checklists[i], en.Checklists[i]
		ia, _ := a.Item()
		ib, _ := b.Item()
		if a.Builtin != b.Builtin || ia.Schedule.Kind != ib.Schedule.Kind || ia.Schedule.Weekday != ib.Schedule.Weekday || len(a.Fields) != len(b.Fields) {
			t.Errorf("checklist item %d: %+v vs %+v", i, a, b)
			continue
		}
		for k := range a.Fields {
			if shape(a.Fields[k]) != shape(b.Fields[k]) {
				t.Errorf("checklist %s field %d differs", a.Builtin, k)
			}
		}
	}
	// The product SOP: seven stages in order, with the steps it
	// names among them.
	var product app.Template
	for _, tf := range zh.Templates {
		if tf.Builtin == "product" {
			product = tf.Template()
		}
	}
	var stages []string
	for _, st := range product.Body.Stages {
		stages = append(stages, st.Title)
	}
	if strings.Join(stages, " → ") != "选品 → 产品资料 → 出货 → 推广 → 返单 → 售后 → 财务" {
		t.Errorf("product stages %v", stages)
	}
	for _, key := range []string{"market-research", "keyword-research", "competitor-analysis", "profit-check", "title", "bullets",
		"images", "a-plus", "listing-review", "packing", "labels", "fba-plan", "freight", "ad-launch", "keyword-ranking", "reviews",
		"velocity-check", "reorder-plan", "purchase-order", "settlement", "profit-review"} {
		if _, ok := product.Body.Step(key); !ok {
			t.Errorf("product SOP lacks step %s", key)
		}
	}
	// Review requests only through Amazon's own programmes.
	reviews, _ := product.Body.Step("reviews")
	if !strings.Contains(reviews.Step.Description, "Vine") || !strings.Contains(reviews.Step.Description, "请求评论") {
		t.Errorf("the review step does not name Amazon's programmes: %s", reviews.Step.Description)
	}
}

func boolText(b bool) string {
	if b {
		return "required"
	}
	return ""
}

// TestBuiltinSOPRendersInTheBundledFont: every character of the built-in
// templates, in both languages, has a glyph in the bundled font subset
// (the UI's font for all text), so they render on a PC without a Chinese
// font.
func TestBuiltinSOPRendersInTheBundledFont(t *testing.T) {
	f, err := sfnt.Parse(assets.Font())
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, lang := range []string{BuiltinChinese, BuiltinEnglish} {
		texts = append(texts, builtinTexts(t, lang)...)
	}
	var buf sfnt.Buffer
	missing := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if unicode.IsSpace(r) || missing[r] {
				continue
			}
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				missing[r] = true
			}
		}
	}
	if len(missing) > 0 {
		var rs []string
		for r := range missing {
			rs = append(rs, string(r))
		}
		t.Errorf("no glyph in the bundled font for %q", strings.Join(rs, ""))
	}
}

// builtinTexts lists every text of a language's built-ins.
func builtinTexts(t *testing.T, lang string) []string {
	zh, err := BuiltinSOP(lang)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, tf := range zh.Templates {
		texts = append(texts, tf.Name, tf.Description)
		for _, st := range tf.Stages {
			texts = append(texts, st.Title)
			for _, s := range st.Steps {
				texts = append(texts, s.Title, s.Description)
				for _, fl := range s.Fields {
					texts = append(texts, fl.Label, fl.Unit, fl.Help, strings.Join(fl.Choices, ""))
				}
			}
		}
	}
	for _, cf := range zh.Checklists {
		texts = append(texts, cf.Title, cf.Description)
		for _, fl := range cf.Fields {
			texts = append(texts, fl.Label, strings.Join(fl.Choices, ""))
		}
	}
	return texts
}

// TestSeedBuiltinSOP loads the real built-ins into a database: every
// template and item arrives, items without an owner make no entries.
func TestSeedBuiltinSOP(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	f, err := BuiltinSOP(BuiltinChinese)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.SeedBuiltins(ctx, BuiltinChinese, f)
	if err != nil || res.Templates != 6 || res.Checklists != 9 {
		t.Fatalf("%+v %v", res, err)
	}
	if n, err := s.GenerateChecklist(ctx, app.MustDefaultCalendar(), day(t, "2024-03-04")); err != nil || n != 0 {
		t.Errorf("unowned items made %d entries, %v", n, err)
	}
	items, _ := s.ChecklistItems(ctx, false)
	if len(items) != 9 || items[0].Title != "订单统计" || !items[4].Weekly() || items[8].Position != 8 {
		t.Errorf("items %+v", items)
	}
}
