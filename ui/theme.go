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

// appTheme is Fyne's default theme with the bundled CJK font for all text
// (monospace too: Fyne's monospace font has no Chinese glyphs, and a
// folder called 共享盘 must not show as boxes) and an optional fixed light
// or dark variant.
type appTheme struct {
	font    fyne.Resource
	variant string
}

// BundledFont is the Noto Sans SC subset as a Fyne resource. Load it once
// per window: it is a few megabytes.
func BundledFont() fyne.Resource {
	return fyne.NewStaticResource("NotoSansSC-OpsBench.otf", assets.Font())
}

// NewTheme is the app theme over font in a variant (ThemeSystem,
// ThemeLight, ThemeDark).
func NewTheme(font fyne.Resource, variant string) fyne.Theme {
	return &appTheme{font: font, variant: variant}
}

// ApplyTheme sets the app theme in variant. The shell calls it before it
// shows anything, problem windows included, so every text has the font.
func (e *Env) ApplyTheme(variant string) {
	if e.font == nil {
		e.font = BundledFont()
	}
	e.app.Settings().SetTheme(NewTheme(e.font, variant))
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
	if s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	return t.font
}

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// Icon is the application icon.
func Icon() fyne.Resource { return fyne.NewStaticResource("icon.png", assets.Icon()) }

// Icons Fyne's theme lacks (assets/icons), recoloured with the theme.
var (
	keyIcon       = themedSVG("key")
	checklistIcon = themedSVG("checklist")
	inventoryIcon = themedSVG("inventory")
	headsetIcon   = themedSVG("headset")
)

func themedSVG(name string) fyne.Resource {
	return theme.NewThemedResource(fyne.NewStaticResource(name+".svg", assets.SVGIcon(name)))
}

// KeyIcon stands for a passphrase.
func KeyIcon() fyne.Resource { return keyIcon }

// ChecklistIcon stands for SOPs and checklists.
func ChecklistIcon() fyne.Resource { return checklistIcon }

// InventoryIcon stands for stock.
func InventoryIcon() fyne.Resource { return inventoryIcon }

// ServiceIcon stands for after-sales service.
func ServiceIcon() fyne.Resource { return headsetIcon }
