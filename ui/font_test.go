package ui

import (
	"bytes"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/go-text/typesetting/font"

	"github.com/opsbench/opsbench/assets"
)

// renderText draws s with the app theme and returns the picture.
func renderText(t *testing.T, s string) image.Image {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newAppTheme(bundledFont(), ThemeLight))
	txt := canvas.NewText(s, nil)
	txt.TextSize = 48
	w := test.NewTempWindow(t, container.NewCenter(txt))
	w.Resize(fyne.NewSize(120, 120))
	return w.Canvas().Capture()
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestChineseRendersWithBundledFont fails when Chinese glyphs are missing:
// every missing glyph draws the same box, so two different characters
// would give identical pictures.
func TestChineseRendersWithBundledFont(t *testing.T) {
	blank := renderText(t, " ")
	yun := renderText(t, "运")
	ying := renderText(t, "营")
	if samePixels(yun, ying) {
		t.Fatal("运 and 营 render identically: the Chinese glyphs are missing")
	}
	if samePixels(yun, blank) {
		t.Fatal("运 renders as nothing")
	}
}

// TestBundledFontCoversChineseUI checks the font itself, independent of
// any system font Fyne might fall back to: every character of the Chinese
// translations has a glyph.
func TestBundledFontCoversChineseUI(t *testing.T) {
	face, err := font.ParseTTF(bytes.NewReader(assets.Font()))
	if err != nil {
		t.Fatalf("bundled font does not parse: %v", err)
	}
	zh := readMessages(t, LangChinese)
	missing := map[rune]string{}
	for k, v := range zh {
		for _, r := range v {
			if r < 0x20 {
				continue
			}
			if _, ok := face.NominalGlyph(r); !ok {
				missing[r] = k
			}
		}
	}
	for r, k := range missing {
		t.Errorf("no glyph for %q (U+%04X) used by %s", r, r, k)
	}
}
