// Package assets holds the files OpsBench embeds: the bundled CJK font and
// its licence, the icons and the translations.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed window-icon.png icons/*.svg translations sop/*/*.toml
var files embed.FS

// font is embedded as a byte slice, not in files: embed.FS.ReadFile
// would copy its megabytes onto the heap on every read.
//
//go:embed fonts/NotoSansSC-OpsBench.otf
var font []byte

// Font is the bundled Noto Sans SC subset (GB2312, Latin-1, punctuation,
// kana and the JIS level-1 kanji), so Chinese and Japanese names render
// on machines without a CJK font. The slice is shared: never modify it.
func Font() []byte { return font }

// WindowIcon is the application icon for the window's title bar and task
// switcher: icon.png (512 px, what packages use) cut to 128 px and 8 bits
// per channel, because the window decodes and converts it while it is
// made, on the way to the first screen (the 16-bit original took tens of
// milliseconds there):
//
//	convert icon.png -resize 128x128 -depth 8 PNG32:window-icon.png
func WindowIcon() []byte { return mustRead("window-icon.png") }

// SVGIcon is the icon icons/<name>.svg (see icons/README.md).
func SVGIcon(name string) []byte { return mustRead("icons/" + name + ".svg") }

// Translations is the folder of translation files: en.json and
// zh-Hans.json with the keys every screen shares, and one folder per work
// area (planning/, sync/, ...) with that area's own en.json and
// zh-Hans.json. Each file is a flat object of key -> text, where text may
// use Go template fields such as {{.Name}}, or key -> plural forms
// ({"one": ..., "other": ...}). Adding an area's pair needs no code.
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
