package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestThemeVariants: the theme installed before the window keeps its
// font while the variant changes, before anything is shown (PresetTheme)
// and from Settings (ApplyTheme).
func TestThemeVariants(t *testing.T) {
	a := test.NewTempApp(t)
	InstallTheme(a)
	installed := a.Settings().Theme()
	e := NewEnv(a, a.NewWindow(""), nil)
	bg := func() any {
		return a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant())
	}
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)

	e.PresetTheme(ThemeDark)
	if bg() != dark {
		t.Errorf("preset dark: background %v", bg())
	}
	e.ApplyTheme(ThemeLight)
	if bg() != light {
		t.Errorf("applied light: background %v", bg())
	}
	e.ApplyTheme(ThemeDark)
	if bg() != dark {
		t.Errorf("applied dark: background %v", bg())
	}
	if a.Settings().Theme() != installed || installed.Font(fyne.TextStyle{}) != e.theme.font {
		t.Error("changing the variant replaced the installed theme: the loaded font faces would be thrown away")
	}
}
