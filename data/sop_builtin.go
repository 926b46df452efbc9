package data

import (
	"fmt"
	"io/fs"
	"path"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/assets"
)

// Languages of the built-in templates.
const (
	BuiltinChinese = "zh-Hans"
	BuiltinEnglish = "en"
)

// BuiltinSOP reads the built-in templates and checklist items of a
// language (BuiltinChinese; anything else gets BuiltinEnglish) from the
// files shipped in assets/sop, for SeedBuiltins.
func BuiltinSOP(lang string) (app.SOPFile, error) {
	if lang != BuiltinChinese {
		lang = BuiltinEnglish
	}
	dir := assets.SOP()
	names, err := fs.Glob(dir, lang+"/*.toml")
	if err != nil {
		return app.SOPFile{}, err
	}
	var out app.SOPFile
	for _, name := range names {
		b, err := fs.ReadFile(dir, name)
		if err != nil {
			return app.SOPFile{}, err
		}
		f, err := app.ParseSOPFile(b)
		if err != nil {
			return app.SOPFile{}, fmt.Errorf("built-in file %s: %w", path.Join("assets/sop", name), err)
		}
		out.Templates = append(out.Templates, f.Templates...)
		out.Checklists = append(out.Checklists, f.Checklists...)
	}
	return out, nil
}
