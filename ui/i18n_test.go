package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/assets"
	"github.com/opsbench/opsbench/data"
)

func readMessages(t *testing.T, l string) map[string]string {
	t.Helper()
	b, err := fs.ReadFile(assets.Translations(), l+".json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", l, err)
	}
	return m
}

// sourceFiles parses the non-test Go files of the given package folders.
func sourceFiles(t *testing.T, dirs ...string) (*token.FileSet, []*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, dir := range dirs {
		names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	return fset, files
}

// uiDirs are the packages holding screens.
func uiDirs() []string {
	dirs := []string{"."}
	if entries, err := os.ReadDir("."); err == nil {
		for _, e := range entries {
			if e.IsDir() && e.Name() != "testdata" {
				dirs = append(dirs, e.Name())
			}
		}
	}
	return dirs
}

// usedKeys returns the literal keys passed to T(...) in the UI code.
func usedKeys(t *testing.T) map[string]string {
	fset, files := sourceFiles(t, uiDirs()...)
	keys := map[string]string{}
	for _, f := range files {
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

// dynamicKeys are keys built at run time from domain values.
func dynamicKeys() []string {
	var keys []string
	for _, r := range app.Roles() {
		keys = append(keys, "role."+string(r))
	}
	for _, it := range navItems() {
		keys = append(keys, "nav."+it.id)
	}
	for d := 0; d < 7; d++ {
		keys = append(keys, fmt.Sprintf("weekday.%d", d))
	}
	for _, c := range []string{app.CodeRequired, app.CodeTooLong, app.CodeBadChoice, app.CodeDuplicate} {
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

func TestTranslationsComplete(t *testing.T) {
	en, zh := readMessages(t, LangEnglish), readMessages(t, LangChinese)
	var missing []string
	for k := range en {
		if _, ok := zh[k]; !ok {
			missing = append(missing, "zh-Hans.json lacks "+k)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			missing = append(missing, "en.json lacks "+k)
		}
	}
	for k, where := range usedKeys(t) {
		for l, m := range map[string]map[string]string{"en": en, "zh-Hans": zh} {
			if _, ok := m[k]; !ok {
				missing = append(missing, fmt.Sprintf("%s.json lacks %q (used at %s)", l, k, where))
			}
		}
	}
	for _, k := range append(dynamicKeys(), recordKeys(t)...) {
		for l, m := range map[string]map[string]string{"en": en, "zh-Hans": zh} {
			if _, ok := m[k]; !ok {
				missing = append(missing, fmt.Sprintf("%s.json lacks %q (built at run time)", l, k))
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
}

func TestTranslationsAreValidTemplatesWithSameFields(t *testing.T) {
	en, zh := readMessages(t, LangEnglish), readMessages(t, LangChinese)
	field := regexp.MustCompile(`\{\{\s*\.(\w+)`)
	fields := func(s string) string {
		var fs []string
		for _, m := range field.FindAllStringSubmatch(s, -1) {
			fs = append(fs, m[1])
		}
		sort.Strings(fs)
		return strings.Join(fs, ",")
	}
	for k, e := range en {
		z, ok := zh[k]
		if !ok {
			continue
		}
		for _, s := range []string{e, z} {
			if _, err := template.New(k).Parse(s); err != nil {
				t.Errorf("%s: %v", k, err)
			}
		}
		if fields(e) != fields(z) {
			t.Errorf("%s: English uses fields [%s], Chinese [%s]", k, fields(e), fields(z))
		}
		if strings.TrimSpace(z) == "" || strings.TrimSpace(e) == "" {
			t.Errorf("%s: empty text", k)
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
	"NewRichTextFromMarkdown": true, "NewRichTextWithText": true, "NewText": true, "wrapLabel": true,
	"heading": true, "inform": true, "confirm": true, "showError": true, "NewRadioGroup": true,
	"NewSelect": true, "SetOptions": true, "NewMenuItem": true, "NewMenu": true, "NewToolbarAction": true,
}

// displayFields are widget fields holding text a person reads.
var displayFields = map[string]bool{"PlaceHolder": true, "Text": true, "Title": true, "SubTitle": true, "Label": true}

// TestNoUntranslatedStrings fails when UI code passes a literal with
// letters to a Fyne text call instead of a translation.
func TestNoUntranslatedStrings(t *testing.T) {
	fset, files := sourceFiles(t, uiDirs()...)
	letters := regexp.MustCompile(`\p{L}`)
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
	for _, f := range files {
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

func TestTranslatorFillsFieldsAndFallsBack(t *testing.T) {
	zh, err := NewTranslator(LangChinese)
	if err != nil {
		t.Fatal(err)
	}
	if zh.Lang() != LangChinese {
		t.Fatalf("lang %s", zh.Lang())
	}
	got := zh.T("today.me.hello", "Name", "王芳")
	if !strings.Contains(got, "王芳") || got == "today.me.hello" {
		t.Fatalf("T = %q", got)
	}
	en, _ := NewTranslator(LangEnglish)
	if en.T("nav.today") == zh.T("nav.today") {
		t.Fatal("English and Chinese texts are the same")
	}
	if got := en.T("no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key gave %q", got)
	}
}
