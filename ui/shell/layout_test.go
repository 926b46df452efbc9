package shell

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/ui"
)

// rect is an object's place in the window.
type rect struct{ x0, y0, x1, y1 float32 }

func (r rect) empty() bool { return r.x1 <= r.x0 || r.y1 <= r.y0 }

func (r rect) intersect(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}

// slack forgives rounding: a pixel of touching is not an overlap.
const slack = 1

// placedText is a visible line of text and the part of it not clipped
// away by a scroller.
type placedText struct {
	text    string
	visible rect
}

// survey walks the window's content with each object's place: it lists
// the objects outside the window (those not inside something that
// scrolls, where being outside the view is normal) and the visible
// lines of text.
func survey(root fyne.CanvasObject, window fyne.Size) (outside []string, texts []placedText) {
	win := rect{0, 0, window.Width, window.Height}
	var walk func(o fyne.CanvasObject, at fyne.Position, clip rect, scrolled bool)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip rect, scrolled bool) {
		if o == nil || !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		size := o.Size()
		r := rect{pos.X, pos.Y, pos.X + size.Width, pos.Y + size.Height}
		if !scrolled && size.Width > 0 && size.Height > 0 &&
			(r.x0 < win.x0-slack || r.y0 < win.y0-slack || r.x1 > win.x1+slack || r.y1 > win.y1+slack) {
			outside = append(outside, fmt.Sprintf("%T at %v size %v", o, pos, size))
		}
		switch w := o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(w.Text) != "" {
				if v := r.intersect(clip); !v.empty() {
					texts = append(texts, placedText{w.Text, v})
				}
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c, pos, clip, scrolled)
			}
		case fyne.Widget:
			switch w.(type) {
			case *container.Scroll, *widget.Table, *widget.List, *widget.Entry, *widget.Tree:
				scrolled, clip = true, clip.intersect(r)
			}
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c, pos, clip, scrolled)
			}
		}
	}
	walk(root, fyne.NewPos(-root.Position().X, -root.Position().Y), win, false)
	return outside, texts
}

// overlaps lists pairs of lines of text drawn over each other.
func overlaps(texts []placedText) []string {
	var out []string
	for i, a := range texts {
		for _, b := range texts[i+1:] {
			o := a.visible.intersect(b.visible)
			if o.x1-o.x0 > slack && o.y1-o.y0 > slack {
				out = append(out, fmt.Sprintf("%q over %q", a.text, b.text))
			}
		}
	}
	return out
}

// TestLayoutFitsTheWindow shows every main screen at the smallest and
// the largest supported window in both languages: the content never
// asks for more than the window (forms scroll inside it instead of
// growing it), nothing is placed outside the window, and no two lines of
// text are drawn over each other.
func TestLayoutFitsTheWindow(t *testing.T) {
	for _, lang := range []string{ui.LangChinese, ui.LangEnglish} {
		for _, size := range []fyne.Size{smallest, largest} {
			t.Run(fmt.Sprintf("%s-%vx%v", lang, size.Width, size.Height), func(t *testing.T) {
				u, _ := newDemoUI(t, lang)
				mainViews(t, u, size, func(name string) {
					content := u.Window().Content()
					if min := content.MinSize(); min.Width > size.Width || min.Height > size.Height {
						t.Errorf("%s asks for %vx%v, more than the %vx%v window", name, min.Width, min.Height, size.Width, size.Height)
					}
					if got := u.Window().Canvas().Size(); got != size {
						t.Errorf("%s resized the window to %v", name, got)
					}
					outside, texts := survey(content, size)
					for _, o := range outside {
						t.Errorf("%s: %s is outside the window", name, o)
					}
					for _, o := range overlaps(texts) {
						t.Errorf("%s: %s", name, o)
					}
				})
			})
		}
	}
}

// The survey itself finds what it is meant to find.
func TestLayoutSurvey(t *testing.T) {
	test.NewTempApp(t)
	a, b := canvas.NewText("left", nil), canvas.NewText("right", nil)
	a.Move(fyne.NewPos(10, 10))
	a.Resize(fyne.NewSize(50, 20))
	b.Move(fyne.NewPos(40, 15))
	b.Resize(fyne.NewSize(50, 20))
	far := canvas.NewText("far", nil)
	far.Move(fyne.NewPos(500, 10))
	far.Resize(fyne.NewSize(50, 20))
	root := container.NewWithoutLayout(a, b, far)
	root.Resize(fyne.NewSize(200, 100))
	outside, texts := survey(root, fyne.NewSize(200, 100))
	if len(outside) != 1 || !strings.Contains(outside[0], "500") {
		t.Errorf("outside: %v", outside)
	}
	if got := overlaps(texts); len(got) != 1 || !strings.Contains(got[0], "left") {
		t.Errorf("overlaps: %v", got)
	}
}

// Fyne's GL canvas, given new content, lays it out at its minimum size
// and asks again, and the window grows to the answer. The demo banner's
// text, wrapped by Fyne's label, asked there for a line per character
// and opened the window 2,100 pixels high: at its minimum size the banner
// must keep to a few lines.
func TestDemoBannerStaysShortAtItsMinimumSize(t *testing.T) {
	for _, lang := range []string{ui.LangChinese, ui.LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			u, _ := newDemoUI(t, lang)
			b := u.demoBanner()
			b.Resize(b.MinSize())
			if h := b.MinSize().Height; h > smallest.Height/4 {
				t.Errorf("the banner at its minimum size asks for %v pixels of height, more than a quarter of the %v-high window", h, smallest.Height)
			}
		})
	}
}
