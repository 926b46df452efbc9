package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/opsbench/opsbench/assets"
)

// Theme preferences.
const (
	ThemeSystem = ""
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// appTheme is Fyne's default theme with the bundled CJK font for all
// proportional text and an optional fixed light or dark variant.
type appTheme struct {
	font    fyne.Resource
	variant string
}

// bundledFont is the Noto Sans SC subset as a Fyne resource. Load it once
// per UI: it is a few megabytes.
func bundledFont() fyne.Resource {
	return fyne.NewStaticResource("NotoSansSC-OpsBench.otf", assets.Font())
}

func newAppTheme(font fyne.Resource, variant string) *appTheme {
	return &appTheme{font: font, variant: variant}
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case ThemeLight:
		v = theme.VariantLight
	case ThemeDark:
		v = theme.VariantDark
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	return t.font
}

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// Icon is the application icon.
func Icon() fyne.Resource { return fyne.NewStaticResource("icon.png", assets.Icon()) }
