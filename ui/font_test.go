package ui

import (
	"bytes"
	"image"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"
	"golang.org/x/text/encoding/japanese"

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

// TestBundledFontCoversJapaneseNames checks the kana and the JIS X 0208
// level-1 kanji are in the bundled font: JP-marketplace buyers' names and
// addresses (鈴木, 美咲, ヤマト運輸) render without Fyne loading a large
// system fallback font, which would slow the first screen showing them
// and show boxes on a desk without a Japanese font.
func TestBundledFontCoversJapaneseNames(t *testing.T) {
	face, err := font.ParseTTF(bytes.NewReader(assets.Font()))
	if err != nil {
		t.Fatalf("bundled font does not parse: %v", err)
	}
	dec := japanese.EUCJP.NewDecoder()
	// EUC-JP lead bytes: 0xA4 hiragana, 0xA5 katakana, 0xB0-0xCF the
	// level-1 kanji (rows 16-47).
	rows := append([]byte{0xA4, 0xA5}, func() []byte {
		var b []byte
		for hi := byte(0xB0); hi <= 0xCF; hi++ {
			b = append(b, hi)
		}
		return b
	}()...)
	checked, missing := 0, 0
	for _, hi := range rows {
		for lo := byte(0xA1); lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{hi, lo})
			if err != nil {
				continue
			}
			r := []rune(string(s))[0]
			if r == utf8.RuneError {
				continue // an unassigned cell
			}
			checked++
			if _, ok := face.NominalGlyph(r); !ok {
				missing++
				if missing <= 10 {
					t.Errorf("no glyph for %q (U+%04X, EUC-JP %X%X)", r, r, hi, lo)
				}
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d kana and level-1 kanji have no glyph", missing, checked)
	}
	if checked < 3000 { // 2,965 kanji and about 170 kana
		t.Errorf("checked only %d characters: the table is read wrong", checked)
	}
}

// TestBundledFontLayoutIsLean guards how the font is cut: Fyne shapes
// every string it measures with a fresh shaper, which first builds an
// accelerator for each GSUB and GPOS lookup in the font. With all of Noto
// CJK's features (vertical, width and per-language forms) that was 0.1 ms
// per label, most of the first screen's build time; make-subset.sh keeps
// only the default horizontal features of the default language systems.
func TestBundledFontLayoutIsLean(t *testing.T) {
	face, err := font.ParseTTF(bytes.NewReader(assets.Font()))
	if err != nil {
		t.Fatalf("bundled font does not parse: %v", err)
	}
	const most = 8
	if n := len(face.GSUB.Lookups) + len(face.GPOS.Lookups); n > most {
		t.Errorf("the bundled font has %d GSUB and %d GPOS lookups, more than %d: cut it with assets/fonts/make-subset.sh",
			len(face.GSUB.Lookups), len(face.GPOS.Lookups), most)
	}
}
