// Package assets holds the files OpsBench embeds: the bundled CJK font and
// its licence, the icon and the translations.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed fonts/NotoSansSC-OpsBench.otf icon.png translations/*.json sop/*/*.toml
var files embed.FS

// Font is the bundled Noto Sans SC subset (GB2312, Latin-1, punctuation),
// so Chinese renders on machines without a Chinese font.
func Font() []byte { return mustRead("fonts/NotoSansSC-OpsBench.otf") }

// Icon is the application icon (PNG, 512 px).
func Icon() []byte { return mustRead("icon.png") }

// Translations is the folder of translation files, one per language
// (en.json, zh-Hans.json): flat objects of key -> text, where text may use
// Go template fields such as {{.Name}}.
func Translations() fs.FS {
	sub, err := fs.Sub(files, "translations")
	if err != nil {
		return files
	}
	return sub
}

// mustRead reads an embedded file. The names above are checked by the
// compiler's embed directive, so this cannot fail at run time.
func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil
	}
	return b
}

// SOP is the folder of built-in SOP templates and checklist items: one
// folder per language (zh-Hans, en) of TOML template files (see
// app.ParseSOPFile).
func SOP() fs.FS {
	sub, err := fs.Sub(files, "sop")
	if err != nil {
		return files
	}
	return sub
}
