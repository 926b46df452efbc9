package ui

import (
	"bytes"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"

	"github.com/opsbench/opsbench/assets"
)

// renderText draws s in style with the app theme and returns the picture.
func renderText(t *testing.T, s string, style fyne.TextStyle) image.Image {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme(BundledFont(), ThemeLight))
	txt := canvas.NewText(s, nil)
	txt.TextSize = 48
	txt.TextStyle = style
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
// would give identical pictures. Monospace text (paths, folder names)
// too: 共享盘 must not be boxes.
func TestChineseRendersWithBundledFont(t *testing.T) {
	for name, style := range map[string]fyne.TextStyle{"regular": {}, "bold": {Bold: true}, "monospace": {Monospace: true}} {
		t.Run(name, func(t *testing.T) {
			blank := renderText(t, " ", style)
			yun := renderText(t, "运", style)
			ying := renderText(t, "营", style)
			if samePixels(yun, ying) {
				t.Fatal("运 and 营 render identically: the Chinese glyphs are missing")
			}
			if samePixels(yun, blank) {
				t.Fatal("运 renders as nothing")
			}
		})
	}
}

// A monospace label with a Chinese folder name gets every glyph from the
// theme's font.
func TestMonospaceLabelHasChineseGlyphs(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme(BundledFont(), ThemeLight))
	l := widget.NewLabel(`D:\共享盘\运营台 OneDrive`)
	l.TextStyle = fyne.TextStyle{Monospace: true}
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(400, 80))
	var texts int
	var missing []rune
	face, err := font.ParseTTF(bytes.NewReader(a.Settings().Theme().Font(l.TextStyle).Content()))
	if err != nil {
		t.Fatal(err)
	}
	walkTexts(w.Content(), func(txt *canvas.Text) {
		texts++
		for _, r := range txt.Text {
			if _, ok := face.NominalGlyph(r); !ok {
				missing = append(missing, r)
			}
		}
	})
	if texts == 0 || len(missing) > 0 {
		t.Fatalf("%d texts, no glyph for %q", texts, string(missing))
	}
}

func walkTexts(o fyne.CanvasObject, visit func(*canvas.Text)) {
	switch x := o.(type) {
	case *canvas.Text:
		visit(x)
	case *fyne.Container:
		for _, c := range x.Objects {
			walkTexts(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkTexts(c, visit)
		}
	}
}

// TestBundledFontCoversChineseUI checks the font itself, independent of
// any system font Fyne might fall back to: every character of every
// translation has a glyph.
func TestBundledFontCoversChineseUI(t *testing.T) {
	face, err := font.ParseTTF(bytes.NewReader(assets.Font()))
	if err != nil {
		t.Fatalf("bundled font does not parse: %v", err)
	}
	missing := map[rune]string{}
	for _, l := range languages {
		for k, m := range messages(t, l) {
			for _, text := range m {
				for _, r := range text {
					if r < 0x20 {
						continue
					}
					if _, ok := face.NominalGlyph(r); !ok {
						missing[r] = k
					}
				}
			}
		}
	}
	for r, k := range missing {
		t.Errorf("no glyph for %q (U+%04X) used by %s", r, r, k)
	}
}
