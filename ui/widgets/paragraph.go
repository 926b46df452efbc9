package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/segmenter"
)

// Paragraph is a label that wraps its text where Unicode's line breaking
// rules (UAX #14) allow: between Chinese characters and after spaces, but
// never inside a number such as "¥18,000", never before closing
// punctuation such as "。" or "）" and never after opening punctuation.
// Fyne's own wrapping either breaks anywhere (splitting numbers) or only
// at spaces (moving a whole Chinese sentence to the next line).
//
// It asks for little width and for the height its lines need at the
// width it is given, so it reads as a paragraph in a VBox, a card or a
// dialog.
type Paragraph struct {
	widget.BaseWidget

	Text       string
	TextStyle  fyne.TextStyle
	Importance widget.Importance
	Alignment  fyne.TextAlign
	// SizeName is the theme size of the text (default: normal text).
	SizeName fyne.ThemeSizeName

	label *widget.Label
	lines lineCache
}

// lineCache remembers the last breaking, which is redone only when the
// text, its style or the width changes.
type lineCache struct {
	text   string
	style  fyne.TextStyle
	size   float32
	width  float32
	broken string
}

// maxMinWidth caps the width a paragraph insists on (its widest
// unbreakable piece), so a long path cannot widen a window.
const maxMinWidth = 160

// NewParagraph returns a wrapping label showing text.
func NewParagraph(text string) *Paragraph {
	p := &Paragraph{Text: text, label: widget.NewLabel("")}
	p.ExtendBaseWidget(p)
	return p
}

// SetText changes the text.
func (p *Paragraph) SetText(text string) {
	if p.Text == text {
		return
	}
	p.Text = text
	p.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (p *Paragraph) CreateRenderer() fyne.WidgetRenderer {
	return &paragraphRenderer{p: p}
}

// MinSize implements fyne.CanvasObject.
func (p *Paragraph) MinSize() fyne.Size {
	p.ExtendBaseWidget(p)
	return p.BaseWidget.MinSize()
}

// textSize is the point size of the text.
func (p *Paragraph) textSize() float32 {
	if p.SizeName == "" {
		return theme.TextSize()
	}
	return theme.Size(p.SizeName)
}

// broken is the text with line breaks for width (the label's outer width).
func (p *Paragraph) broken(width float32) string {
	size := p.textSize()
	c := &p.lines
	if c.text == p.Text && c.style == p.TextStyle && c.size == size && c.width == width && c.broken != "" {
		return c.broken
	}
	inner := width - 2*theme.InnerPadding()
	broken := p.Text
	if width > 0 && inner > 0 {
		measure := func(s string) float32 { return fyne.MeasureText(s, size, p.TextStyle).Width }
		broken = strings.Join(BreakLines(p.Text, inner, measure), "\n")
	}
	*c = lineCache{text: p.Text, style: p.TextStyle, size: size, width: width, broken: broken}
	return broken
}

// minWidth is the widest unbreakable piece of the text, capped.
func (p *Paragraph) minWidth() float32 {
	size := p.textSize()
	var w float32
	for _, seg := range segments(p.Text) {
		w = max(w, fyne.MeasureText(strings.TrimRight(seg, " "), size, p.TextStyle).Width)
		if w >= maxMinWidth {
			w = maxMinWidth
			break
		}
	}
	return w + 2*theme.InnerPadding()
}

type paragraphRenderer struct{ p *Paragraph }

func (r *paragraphRenderer) sync(width float32) {
	l, p := r.p.label, r.p
	text := p.broken(width)
	if l.Text != text || l.TextStyle != p.TextStyle || l.Importance != p.Importance || l.Alignment != p.Alignment || l.SizeName != p.SizeName {
		l.Text, l.TextStyle, l.Importance, l.Alignment, l.SizeName = text, p.TextStyle, p.Importance, p.Alignment, p.SizeName
		l.Refresh()
	}
}

func (r *paragraphRenderer) Layout(size fyne.Size) {
	r.sync(size.Width)
	r.p.label.Move(fyne.NewPos(0, 0))
	r.p.label.Resize(size)
}

// MinSize is nothing for an empty paragraph: a status line with no
// message takes no room.
func (r *paragraphRenderer) MinSize() fyne.Size {
	if r.p.Text == "" {
		return fyne.Size{}
	}
	r.sync(r.p.Size().Width)
	return fyne.NewSize(r.p.minWidth(), r.p.label.MinSize().Height)
}

func (r *paragraphRenderer) Refresh() {
	r.sync(r.p.Size().Width)
	r.p.label.Resize(r.p.Size())
}

func (r *paragraphRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.label} }

func (r *paragraphRenderer) Destroy() {}

// segments splits text at its line-break opportunities (UAX #14); each
// piece keeps its trailing spaces.
func segments(text string) []string {
	var out []string
	var sg segmenter.Segmenter
	sg.Init([]rune(text))
	it := sg.LineIterator()
	for it.Next() {
		out = append(out, string(it.Line().Text))
	}
	return out
}

// BreakLines fills lines of at most width (as measure measures text) with
// the text's unbreakable pieces, keeping its own line breaks. A piece
// wider than a whole line is cut between characters.
func BreakLines(text string, width float32, measure func(string) float32) []string {
	var lines []string
	for _, hard := range strings.Split(text, "\n") {
		var cur strings.Builder
		var curFull float32 // the width of cur, trailing spaces included
		flush := func() {
			lines = append(lines, strings.TrimRight(cur.String(), " "))
			cur.Reset()
			curFull = 0
		}
		segs := segments(hard)
		if len(segs) == 0 {
			lines = append(lines, "")
			continue
		}
		for _, seg := range segs {
			trimmed := strings.TrimRight(seg, " ")
			w, full := measure(trimmed), measure(seg)
			if cur.Len() > 0 && curFull+w > width {
				flush()
			}
			if cur.Len() == 0 && w > width { // too wide for any line: cut it
				pieces := cutRunes(trimmed, width, measure)
				for _, pc := range pieces[:len(pieces)-1] {
					lines = append(lines, pc)
				}
				last := pieces[len(pieces)-1] + seg[len(trimmed):]
				cur.WriteString(last)
				curFull = measure(last)
				continue
			}
			cur.WriteString(seg)
			curFull += full
		}
		flush()
	}
	return lines
}

// cutRunes cuts s into pieces no wider than width (at least one rune each).
func cutRunes(s string, width float32, measure func(string) float32) []string {
	var out []string
	rs := []rune(s)
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && measure(string(rs[:n+1])) <= width {
			n++
		}
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	return out
}
