package ui

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/assets"
	"github.com/opsbench/opsbench/data"
)

var languages = []string{LangEnglish, LangChinese}

// messages is the merged translations of l.
func messages(t *testing.T, l string) map[string]Message {
	t.Helper()
	m, err := LoadMessages(assets.Translations(), l)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// translationDirs lists the folders of translation files: "." (shared)
// and one per area.
func translationDirs(t *testing.T) []string {
	t.Helper()
	dirs := []string{"."}
	entries, err := fs.ReadDir(assets.Translations(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		} else if !strings.HasSuffix(e.Name(), ".json") {
			t.Errorf("translations/%s: not a translation file", e.Name())
		}
	}
	return dirs
}

// uiDirs are the folders of the ui tree holding Go code.
func uiDirs(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			if names, _ := filepath.Glob(filepath.Join(p, "*.go")); len(names) > 0 {
				dirs = append(dirs, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// sourceFiles parses the Go files of dir (test files too when tests).
func sourceFiles(t *testing.T, fset *token.FileSet, dir string, tests bool) []*ast.File {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") != tests {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// usedKeys returns the literal keys passed to T(...) by the code in dir.
func usedKeys(t *testing.T, dir string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	keys := map[string]string{}
	for _, f := range sourceFiles(t, fset, dir, false) {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "T" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				k, _ := strconv.Unquote(lit.Value)
				keys[k] = fset.Position(lit.Pos()).String()
			}
			return true
		})
	}
	return keys
}

// dynamicKeys are keys the shared code and the shell build at run time
// from domain values (areas test their own).
func dynamicKeys() []string {
	var keys []string
	for _, r := range app.Roles() {
		keys = append(keys, "role."+string(r))
	}
	for _, id := range []ScreenID{ScreenToday, ScreenSOP, ScreenInventory, ScreenPlanning, ScreenService, ScreenSync, ScreenSettings} {
		keys = append(keys, "nav."+string(id))
	}
	for d := 0; d < 7; d++ {
		keys = append(keys, fmt.Sprintf("weekday.%d", d))
	}
	for _, c := range []string{app.CodeRequired, app.CodeTooLong, app.CodeBadChoice, app.CodeDuplicate, app.CodeOutOfRange} {
		keys = append(keys, "error.field."+c)
	}
	keys = append(keys, "field.backup.keep")
	for _, a := range []string{app.ActionCreate, app.ActionUpdate, app.ActionDelete} {
		keys = append(keys, "audit.line."+a)
	}
	for _, r := range []string{data.BackupDaily, data.BackupMigration, data.BackupImport, data.BackupPreRestore, data.BackupManual} {
		keys = append(keys, "backup.reason."+r)
	}
	return keys
}

// recordKeys are the names the audit lines use for every synced record
// table and its fields ("entity.person", "field.person.name"), read from a
// fresh database so a new table cannot be forgotten.
func recordKeys(t *testing.T) []string {
	s, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "keys.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tables, err := s.SyncTables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, tb := range tables {
		if tb.Kind != data.SyncKindRecord {
			continue
		}
		keys = append(keys, "entity."+tb.Name, "field."+tb.Name+".deleted")
		for _, c := range tb.Columns {
			keys = append(keys, "field."+tb.Name+"."+c.Name)
		}
	}
	return keys
}

// Every folder holds a pair with the same keys: a key added in English
// is added in Chinese in the same file.
func TestTranslationFilesArePaired(t *testing.T) {
	fsys := assets.Translations()
	for _, dir := range translationDirs(t) {
		en, err := ReadMessageFile(fsys, path.Join(dir, LangEnglish+".json"))
		if err != nil {
			t.Error(err)
			continue
		}
		zh, err := ReadMessageFile(fsys, path.Join(dir, LangChinese+".json"))
		if err != nil {
			t.Error(err)
			continue
		}
		for k := range en {
			if _, ok := zh[k]; !ok {
				t.Errorf("%s/zh-Hans.json lacks %s", dir, k)
			}
		}
		for k := range zh {
			if _, ok := en[k]; !ok {
				t.Errorf("%s/en.json lacks %s", dir, k)
			}
		}
	}
}

// The embedded files define each key once; a second definition is
// refused, not silently merged.
func TestTranslationKeyDefinedOnce(t *testing.T) {
	for _, l := range languages {
		if _, err := LoadMessages(assets.Translations(), l); err != nil {
			t.Error(err)
		}
	}
	dup := fstest.MapFS{
		"en.json":          {Data: []byte(`{"app.title": "OpsBench", "nav.today": "Today"}`)},
		"planning/en.json": {Data: []byte(`{"nav.today": "Today again"}`)},
	}
	_, err := LoadMessages(dup, LangEnglish)
	if err == nil || !strings.Contains(err.Error(), "nav.today") || !strings.Contains(err.Error(), "planning/en.json") {
		t.Fatalf("a key defined twice gave %v", err)
	}
}

// Adding an area's pair of files needs no code: the translator finds it.
func TestTranslatorFindsEveryAreaFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"en.json":                {Data: []byte(`{"app.title": "OpsBench"}`)},
		"zh-Hans.json":           {Data: []byte(`{"app.title": "运营台"}`)},
		"inventory/en.json":      {Data: []byte(`{"inventory.title": "Stock"}`)},
		"inventory/zh-Hans.json": {Data: []byte(`{"inventory.title": "库存"}`)},
	}
	tr, err := LoadTranslator(fsys, LangChinese)
	if err != nil {
		t.Fatal(err)
	}
	if got := tr.T("inventory.title"); got != "库存" {
		t.Fatalf("inventory.title = %q", got)
	}
}

func TestTranslationsComplete(t *testing.T) {
	all := map[string]map[string]Message{}
	for _, l := range languages {
		all[l] = messages(t, l)
	}
	var missing []string
	need := func(k, why string) {
		for _, l := range languages {
			if _, ok := all[l][k]; !ok {
				missing = append(missing, fmt.Sprintf("%s lacks %q (%s)", l, k, why))
			}
		}
	}
	for _, dir := range uiDirs(t) {
		for k, where := range usedKeys(t, dir) {
			need(k, "used at "+where)
		}
	}
	for _, k := range append(dynamicKeys(), recordKeys(t)...) {
		need(k, "built at run time")
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
}

// A key an area uses lives in that area's files or in the shared pair,
// so each engineer edits their own area's files.
func TestAreaKeysLiveInTheirFiles(t *testing.T) {
	fsys := assets.Translations()
	shared, err := ReadMessageFile(fsys, LangEnglish+".json")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range uiDirs(t) {
		area, ok := strings.CutSuffix(filepath.Base(dir), "ui")
		if !ok || area == "" || filepath.Dir(dir) != "." {
			continue
		}
		own, err := ReadMessageFile(fsys, path.Join(area, LangEnglish+".json"))
		if err != nil && !os.IsNotExist(err) && !strings.Contains(err.Error(), "file does not exist") {
			t.Fatal(err)
		}
		for k, where := range usedKeys(t, dir) {
			_, inShared := shared[k]
			_, inOwn := own[k]
			if !inShared && !inOwn {
				t.Errorf("%s: %s is in neither translations/%s nor the shared files", where, k, area)
			}
		}
	}
}

var templateField = regexp.MustCompile(`\{\{\s*\.(\w+)`)

func fields(s string) string {
	var fs []string
	for _, m := range templateField.FindAllStringSubmatch(s, -1) {
		fs = append(fs, m[1])
	}
	sort.Strings(fs)
	return strings.Join(slices.Compact(fs), ",")
}

// pluralFormsOf lists the CLDR categories language l has, found by
// asking for the form of many numbers.
func pluralFormsOf(l string) map[string]bool {
	forms := map[string]bool{}
	for n := 0; n < 1000; n++ {
		forms[PluralForm(l, n)] = true
		forms[PluralForm(l, fmt.Sprintf("%d.5", n))] = true
	}
	return forms
}

func TestTranslationsAreValidTemplatesWithSameFields(t *testing.T) {
	en, zh := messages(t, LangEnglish), messages(t, LangChinese)
	forms := map[string]map[string]bool{LangEnglish: pluralFormsOf(LangEnglish), LangChinese: pluralFormsOf(LangChinese)}
	for k, e := range en {
		z, ok := zh[k]
		if !ok {
			continue
		}
		for l, m := range map[string]Message{LangEnglish: e, LangChinese: z} {
			for form, text := range m {
				if _, err := template.New(k).Parse(text); err != nil {
					t.Errorf("%s (%s %s): %v", k, l, form, err)
				}
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s (%s %s): empty text", k, l, form)
				}
				if strings.Contains(text, "{{if") {
					t.Errorf("%s (%s): a plural made with {{if}}; use plural forms", k, l)
				}
				if !forms[l][form] {
					t.Errorf("%s (%s): %s has no %q plural form", k, l, l, form)
				}
				if fields(text) != fields(e["other"]) {
					t.Errorf("%s: %s %s uses fields [%s], English [%s]", k, l, form, fields(text), fields(e["other"]))
				}
			}
			if len(m) > 1 && !strings.Contains(m["other"], "{{."+CountArg) {
				t.Errorf("%s (%s): plural forms without a {{.%s}} field", k, l, CountArg)
			}
		}
		if len(e) > 1 && len(e) != len(forms[LangEnglish]) {
			t.Errorf("%s: English plural forms %v, want one of each of %v", k, e, forms[LangEnglish])
		}
	}
}

// displayCalls are the Fyne calls whose string arguments a person reads.
var displayCalls = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true,
	"NewCheck": true, "NewCard": true, "NewFormItem": true, "NewTabItem": true, "NewTabItemWithIcon": true,
	"SetText": true, "SetPlaceHolder": true, "SetTitle": true, "SetSubTitle": true, "NewWindow": true,
	"NewCustom": true, "NewCustomConfirm": true, "NewCustomWithoutButtons": true, "NewConfirm": true,
	"NewInformation": true, "ShowInformation": true, "Append": true, "NewHyperlink": true,
	"NewRichTextFromMarkdown": true, "NewRichTextWithText": true, "NewText": true, "WrapLabel": true,
	"ErrorLabel": true, "Heading": true, "SectionLabel": true, "Inform": true, "Confirm": true, "ShowError": true,
	"NewRadioGroup": true, "NewSelect": true, "SetOptions": true, "NewMenuItem": true, "NewMenu": true,
	"NewToolbarAction": true, "NewParagraph": true, "NewTipButton": true, "NewAccordionItem": true,
	"ShowProgress": true, "Problem": true,
}

// displayFields are widget fields holding text a person reads.
var displayFields = map[string]bool{"PlaceHolder": true, "Text": true, "Title": true, "SubTitle": true, "Label": true, "Tip": true}

// TestNoUntranslatedStrings fails when UI code anywhere in the ui tree
// passes a literal with letters to a Fyne text call instead of a
// translation.
func TestNoUntranslatedStrings(t *testing.T) {
	letters := regexp.MustCompile(`\p{L}`)
	fset := token.NewFileSet()
	for _, dir := range uiDirs(t) {
		for _, f := range sourceFiles(t, fset, dir, false) {
			check := func(e ast.Expr) {
				ast.Inspect(e, func(n ast.Node) bool {
					if call, ok := n.(*ast.CallExpr); ok {
						if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "T" {
							return false // a translation call: its literal is a key
						}
					}
					lit, ok := n.(*ast.BasicLit)
					if ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						if letters.MatchString(s) {
							t.Errorf("%s: untranslated text %s", fset.Position(lit.Pos()), lit.Value)
						}
					}
					return true
				})
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					name := ""
					switch fn := x.Fun.(type) {
					case *ast.SelectorExpr:
						name = fn.Sel.Name
					case *ast.Ident:
						name = fn.Name
					}
					if displayCalls[name] {
						for _, a := range x.Args {
							check(a)
						}
					}
				case *ast.AssignStmt:
					for i, l := range x.Lhs {
						if sel, ok := l.(*ast.SelectorExpr); ok && displayFields[sel.Sel.Name] && i < len(x.Rhs) {
							check(x.Rhs[i])
						}
					}
				}
				return true
			})
		}
	}
}

func TestTranslatorFillsFieldsAndFallsBack(t *testing.T) {
	zh := NewTranslator(LangChinese)
	if zh.Lang() != LangChinese {
		t.Fatalf("lang %s", zh.Lang())
	}
	got := zh.T("today.me.hello", "Name", "王芳")
	if !strings.Contains(got, "王芳") || got == "today.me.hello" {
		t.Fatalf("T = %q", got)
	}
	en := NewTranslator(LangEnglish)
	if en.T("nav.today") == zh.T("nav.today") {
		t.Fatal("English and Chinese texts are the same")
	}
	if got := en.T("no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key gave %q", got)
	}
}

// English says "1 more problem" and "2 more problems"; Chinese has one
// form. The form follows CLDR's rules, also for counts given as text.
func TestPlurals(t *testing.T) {
	en, zh := NewTranslator(LangEnglish), NewTranslator(LangChinese)
	for _, tt := range []struct {
		tr    *Translator
		key   string
		count any
		want  string
	}{
		{en, "planning.more_problems", 1, "1 more problem"},
		{en, "planning.more_problems", 2, "2 more problems"},
		{en, "planning.more_problems", 0, "0 more problems"},
		{en, "team.count", 1, "1 person"},
		{en, "team.count", 12, "12 people"},
		{en, "planning.days", "1", "1 day"},
		{en, "planning.days", "52.4", "52.4 days"},
		{en, "planning.days", "1.0", "1.0 days"}, // CLDR: a visible decimal is plural
		{en, "planning.units", "1,001", "1,001 units"},
		{zh, "planning.more_problems", 1, "还有 1 个问题"},
		{zh, "team.count", 1, "共 1 人"},
	} {
		if got := tt.tr.T(tt.key, CountArg, tt.count); got != tt.want {
			t.Errorf("%s T(%s, %v) = %q, want %q", tt.tr.Lang(), tt.key, tt.count, got, tt.want)
		}
	}
	for _, tt := range []struct {
		lang  string
		count any
		want  string
	}{
		{LangEnglish, 1, "one"}, {LangEnglish, int64(1), "one"}, {LangEnglish, 0, "other"}, {LangEnglish, 21, "other"},
		{LangEnglish, 1.5, "other"}, {LangEnglish, "1", "one"}, {LangEnglish, "-1", "one"}, {LangEnglish, "x", "other"},
		{LangChinese, 1, "other"},
	} {
		if got := PluralForm(tt.lang, tt.count); got != tt.want {
			t.Errorf("PluralForm(%s, %v) = %s, want %s", tt.lang, tt.count, got, tt.want)
		}
	}
}
