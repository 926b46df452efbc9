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

	label  *widget.Label
	pieces pieceCache
	lines  lineCache
}

// pieceCache holds the text's unbreakable pieces and their widths, made
// again only when the text or its style changes: layouts ask for the
// minimum size often, and measuring is the costly part.
type pieceCache struct {
	text     string
	style    fyne.TextStyle
	size     float32
	pieces   [][]measuredPiece // per line of the text
	minWidth float32
}

// lineCache remembers the last breaking, which is redone only when the
// pieces or the width change.
type lineCache struct {
	pieces *pieceCache
	width  float32
	broken string
}

// measuredPiece is an unbreakable piece of text with its width with and
// without its trailing spaces.
type measuredPiece struct {
	text        string
	width, full float32
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

// measured splits the text into measured pieces, once per text and style.
func (p *Paragraph) measured() *pieceCache {
	size := p.textSize()
	c := &p.pieces
	if c.pieces != nil && c.text == p.Text && c.style == p.TextStyle && c.size == size {
		return c
	}
	measure := func(s string) float32 { return fyne.MeasureText(s, size, p.TextStyle).Width }
	*c = pieceCache{text: p.Text, style: p.TextStyle, size: size}
	for _, line := range strings.Split(p.Text, "\n") {
		pieces := measurePieces(line, measure)
		for _, pc := range pieces {
			c.minWidth = max(c.minWidth, min(pc.width, maxMinWidth))
		}
		c.pieces = append(c.pieces, pieces)
	}
	p.lines = lineCache{}
	return c
}

// broken is the text with line breaks for width (the label's outer width).
func (p *Paragraph) broken(width float32) string {
	c := p.measured()
	inner := width - 2*theme.InnerPadding()
	if width <= 0 || inner <= 0 {
		return p.Text
	}
	if p.lines.pieces == c && p.lines.width == width {
		return p.lines.broken
	}
	measure := func(s string) float32 { return fyne.MeasureText(s, c.size, c.style).Width }
	var lines []string
	for _, pieces := range c.pieces {
		lines = append(lines, fillLines(pieces, inner, measure)...)
	}
	p.lines = lineCache{pieces: c, width: width, broken: strings.Join(lines, "\n")}
	return p.lines.broken
}

// minWidth is the widest unbreakable piece of the text, capped.
func (p *Paragraph) minWidth() float32 {
	return p.measured().minWidth + 2*theme.InnerPadding()
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
		lines = append(lines, fillLines(measurePieces(hard, measure), width, measure)...)
	}
	return lines
}

// measurePieces splits one line at its break opportunities and measures
// each piece.
func measurePieces(line string, measure func(string) float32) []measuredPiece {
	segs := segments(line)
	out := make([]measuredPiece, len(segs))
	for i, seg := range segs {
		trimmed := strings.TrimRight(seg, " ")
		out[i] = measuredPiece{text: seg, width: measure(trimmed)}
		out[i].full = out[i].width
		if len(trimmed) < len(seg) {
			out[i].full = measure(seg)
		}
	}
	return out
}

// fillLines puts measured pieces on lines of at most width.
func fillLines(pieces []measuredPiece, width float32, measure func(string) float32) []string {
	if len(pieces) == 0 {
		return []string{""}
	}
	var lines []string
	var cur strings.Builder
	var curFull float32 // the width of cur, trailing spaces included
	flush := func() {
		lines = append(lines, strings.TrimRight(cur.String(), " "))
		cur.Reset()
		curFull = 0
	}
	for _, pc := range pieces {
		if cur.Len() > 0 && curFull+pc.width > width {
			flush()
		}
		if cur.Len() == 0 && pc.width > width { // too wide for any line: cut it
			trimmed := strings.TrimRight(pc.text, " ")
			cut := cutRunes(trimmed, width, measure)
			lines = append(lines, cut[:len(cut)-1]...)
			last := cut[len(cut)-1] + pc.text[len(trimmed):]
			cur.WriteString(last)
			curFull = measure(last)
			continue
		}
		cur.WriteString(pc.text)
		curFull += pc.full
	}
	flush()
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
