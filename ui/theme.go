package ui

import (
	"image/color"
	"sync/atomic"

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
	font fyne.Resource
	// variant is ThemeSystem, ThemeLight or ThemeDark. It is atomic
	// because start-up sets it while another goroutine loads font faces
	// through the theme (see InstallTheme).
	variant atomic.Value
}

// BundledFont is the Noto Sans SC subset as a Fyne resource. Load it once
// per window: it is a few megabytes.
func BundledFont() fyne.Resource {
	return fyne.NewStaticResource("NotoSansSC-OpsBench.otf", assets.Font())
}

// NewTheme is the app theme over font in a variant (ThemeSystem,
// ThemeLight, ThemeDark).
func NewTheme(font fyne.Resource, variant string) fyne.Theme {
	return newAppTheme(font, variant)
}

func newAppTheme(font fyne.Resource, variant string) *appTheme {
	t := &appTheme{font: font}
	t.variant.Store(variant)
	return t
}

// InstallTheme makes the app theme, with the bundled font, the app's
// before anything is shown, so that font faces can start loading (they
// are the slowest part of start-up) while the window is made. Settings
// apply their variant with PresetTheme or ApplyTheme; either keeps this
// theme, so the loaded faces stay valid.
func InstallTheme(a fyne.App) {
	a.Settings().SetTheme(newAppTheme(BundledFont(), ThemeSystem))
}

// PresetTheme sets the theme's variant before anything is shown. Unlike
// ApplyTheme it leaves Fyne's settings alone, which may be read on
// another goroutine loading fonts at that time.
func (e *Env) PresetTheme(variant string) {
	if e.theme == nil {
		e.ApplyTheme(variant)
		return
	}
	e.theme.variant.Store(variant)
}

// ApplyTheme sets the app theme in variant and redraws everything in it.
func (e *Env) ApplyTheme(variant string) {
	if e.theme == nil {
		e.theme = newAppTheme(BundledFont(), variant)
	}
	e.theme.variant.Store(variant)
	e.app.Settings().SetTheme(e.theme)
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant.Load() {
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

// Icon is the application icon, sized for windows (see assets.WindowIcon).
func Icon() fyne.Resource { return fyne.NewStaticResource("window-icon.png", assets.WindowIcon()) }

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
