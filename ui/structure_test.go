package ui

import (
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/opsbench/opsbench/"

// areaImports are the project packages a work area's package may import.
// Areas never import each other or the shell: the shell composes them.
var areaImports = map[string]bool{
	"app": true, "data": true, "data/applog": true, "data/bundle": true, "data/demo": true, "data/reports": true,
	"planning": true, "ui": true, "ui/widgets": true,
}

// allowed says whether the package in dir (relative to the module, "ui/x")
// may import the project package imp, and why not.
func allowed(dir, imp string, test bool) (bool, string) {
	switch {
	case test && imp == dir: // an external test package (x_test) uses its package
		return true, ""
	case imp == "ui/uitest":
		return test && dir != "ui", "only tests use ui/uitest"
	case dir == "ui/shell":
		return true, ""
	case dir == "ui/widgets":
		return imp == "assets" || imp == "app" || (test && imp == "data"),
			"widgets take plain data: the domain's types at most, never the store, planning or a screen"
	case dir == "ui/uitest":
		return imp == "ui" || imp == "ui/widgets" || imp == "app" || imp == "data" || imp == "data/bundle",
			"ui/uitest knows only ui, its widgets, the store and its sync bundles (to carry changes between two desks)"
	case dir == "ui":
		return imp == "app" || imp == "data" || imp == "assets" || imp == "ui/widgets" || (test && imp == "data/bundle"),
			"the shared ui package knows no area and not the shell"
	case strings.HasSuffix(dir, "ui"): // an area
		return areaImports[imp] || (test && imp == "assets"), "an area imports only ui, ui/widgets, app, data (and its sub-packages) and planning; never another area or the shell"
	}
	return false, "unknown package in the ui tree"
}

// TestPackageStructure enforces the layout of DESIGN.md over the ui tree:
// one package per work area, areas never importing each other.
func TestPackageStructure(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range uiDirs(t) {
		rel := filepath.ToSlash(filepath.Join("ui", dir))
		if dir == "." {
			rel = "ui"
		}
		for _, test := range []bool{false, true} {
			for _, f := range sourceFiles(t, fset, dir, test) {
				for _, is := range f.Imports {
					p, _ := strconv.Unquote(is.Path.Value)
					imp, ok := strings.CutPrefix(p, module)
					if !ok {
						continue
					}
					if ok, why := allowed(rel, imp, test); !ok {
						t.Errorf("%s imports %s: %s", fset.Position(is.Pos()), imp, why)
					}
				}
			}
		}
	}
}

// The rule itself: an area importing another area or the shell fails.
func TestPackageStructureRule(t *testing.T) {
	for _, tt := range []struct {
		dir, imp string
		test     bool
		ok       bool
	}{
		{"ui/planningui", "ui", false, true},
		{"ui/planningui", "planning", false, true},
		{"ui/syncui", "data/bundle", false, true},
		{"ui/planningui", "ui/syncui", false, false},
		{"ui/sopui", "ui/inventoryui", false, false},
		{"ui/syncui", "ui/shell", false, false},
		{"ui/planningui", "ui/uitest", false, false},
		{"ui/planningui", "ui/uitest", true, true},
		{"ui/uitest", "data/bundle", false, true},
		{"ui/uitest", "planning", false, false},
		{"ui", "ui/planningui", false, false},
		{"ui/widgets", "ui", false, false},
		{"ui/widgets", "data", false, false},
		{"ui/widgets", "app", false, true},
		{"ui/shell", "ui/planningui", false, true},
	} {
		if ok, _ := allowed(tt.dir, tt.imp, tt.test); ok != tt.ok {
			t.Errorf("%s importing %s (test %v): allowed %v, want %v", tt.dir, tt.imp, tt.test, ok, tt.ok)
		}
	}
}
