package widgets

import (
	"bytes"
	"fmt"
	"image/png"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sizes of a chart's heading, in Fyne units like the other texts.
const (
	titleSize   = 16
	captionSize = 12
	// maxCaptionLines bounds the caption: a verdict of two or three
	// lines, not a page.
	maxCaptionLines = 4
)

// heading writes the title and the caption at the top of dc and returns
// the canvas left under them (dc itself when there is neither).
func (r *renderer) heading(dc draw.Canvas) draw.Canvas {
	if r.d.Title == "" && r.d.Caption == "" {
		return dc
	}
	const pad = 8
	width := dc.Max.X - dc.Min.X - 2*pad
	y := dc.Max.Y - pad
	write := func(st text.Style, lines []string) {
		st.XAlign, st.YAlign = draw.XLeft, draw.YTop
		for _, l := range lines {
			dc.FillText(st, vg.Point{X: dc.Min.X + pad, Y: y}, l)
			y -= st.FontExtents().Height + 2
		}
	}
	if r.d.Title != "" {
		st := r.style(titleSize, r.fg)
		write(st, captionLines(r.d.Title, width, st.Width, 1))
		y -= 2
	}
	if r.d.Caption != "" {
		st := r.style(captionSize, r.fg)
		write(st, captionLines(r.d.Caption, width, st.Width, maxCaptionLines))
	}
	return draw.Crop(dc, 0, 0, 0, y-pad-dc.Max.Y)
}

// captionLines breaks text into at most max lines of at most width, as a
// paragraph on screen breaks (never inside a number); a cut last line
// ends in "…".
func captionLines(text string, width vg.Length, measure func(string) vg.Length, max int) []string {
	lines := BreakLines(text, float32(width), func(s string) float32 { return float32(measure(s)) })
	if len(lines) <= max {
		return lines
	}
	lines = lines[:max]
	last := []rune(lines[max-1])
	for len(last) > 0 && measure(string(last)+"…") > width {
		last = last[:len(last)-1]
	}
	lines[max-1] = string(last) + "…"
	return lines
}

// EncodePNG draws d as a PNG of width × height pixels on a white
// background, with text sized for a picture of that size (the scale grows
// with the picture, from 1 at 960 × 540). Safe to call from any goroutine.
func EncodePNG(d Data, width, height int) ([]byte, error) {
	if width <= 0 || height <= 0 || width > 10000 || height > 10000 {
		return nil, fmt.Errorf("chart size %d×%d is out of range", width, height)
	}
	scale := math.Max(1, math.Min(float64(width)/960, float64(height)/540))
	img := Render(d, width, height, scale, nil, nil)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}
