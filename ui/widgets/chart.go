package widgets

import (
	"image"
	"image/color"
	"math"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Kind is how a series is drawn.
type Kind int

// Series kinds.
const (
	// KindLine joins the points with a line; a non-finite value breaks it.
	KindLine Kind = iota
	// KindBar draws a bar from 0 to each value; bar series sit side by
	// side at each X.
	KindBar
)

// Shape is the glyph of a marker.
type Shape int

// Marker shapes.
const (
	ShapeCircle Shape = iota
	ShapeTriangleUp
	ShapeTriangleDown
	ShapeSquare
	ShapeDiamond
)

// Series is one named set of values.
type Series struct {
	// Name labels the series in the legend (empty: not in the legend).
	Name string
	Kind Kind
	// X holds the X values; nil means 0, 1, 2, … (e.g. days).
	X []float64
	// Y holds the values. NaN and ±Inf are skipped.
	Y []float64
	// Color is the series colour; nil picks the next of the palette.
	Color color.Color
	// Dashed draws a line series dashed.
	Dashed bool
}

// RefLine is a horizontal reference line across the plot, such as a cash
// reserve or a reorder point. Its Label is written above its right end.
type RefLine struct {
	Label string
	Y     float64
	// Color is the line colour; nil means the theme's muted foreground.
	Color color.Color
}

// Markers marks events at points, such as orders and payouts on a cash
// line. They appear in the legend with their shape.
type Markers struct {
	Name  string
	Shape Shape
	Color color.Color
	X, Y  []float64
}

// Axis describes one axis: its title, which should carry the unit (for
// example "天" or "余额（¥）"), and how tick values are written.
type Axis struct {
	Label string
	// Format writes a tick value; nil writes plain numbers.
	Format func(v float64) string
}

// LegendPlace says where the legend goes. Either way it sits outside the
// plot, so it never covers a line.
type LegendPlace int

// Legend places.
const (
	// LegendTop puts the legend above the plot, right-aligned on the row
	// of the Y axis title (the screens: no height lost under the plot).
	LegendTop LegendPlace = iota
	// LegendBelow puts it in a strip under the plot, centred, below the X
	// axis (an exported picture, whose top holds the title and caption).
	LegendBelow
)

// Data is everything a chart shows. Texts arrive translated: the widget
// translates nothing.
type Data struct {
	Series  []Series
	Lines   []RefLine
	Markers []Markers
	X, Y    Axis
	// Title, when set, is written large above the chart, and Caption (a
	// sentence or two, such as a verdict) wrapped under it: a picture
	// sent on must say what it shows and what it concludes.
	Title   string
	Caption string
	// Legend places the legend.
	Legend LegendPlace
	// NoData is the message shown when there is nothing to draw.
	NoData string
	// Hover, when set, writes the tooltip for the X value nearest the
	// pointer; otherwise the tooltip lists each series' value there.
	Hover func(x float64) string
}

// Chart is a line and bar chart widget. Give it data with SetData; it
// redraws at the screen's pixel density whenever it is resized.
type Chart struct {
	widget.BaseWidget

	mu      sync.Mutex
	data    Data
	version uint64
	cache   struct {
		key cacheKey
		img image.Image
	}
	geom geometry // where the last on-screen drawing put the data

	raster *canvas.Raster
	guide  *canvas.Line
	tipBG  *canvas.Rectangle
	tip    *fyne.Container // one canvas.Text per line of the tooltip
}

type cacheKey struct {
	version uint64
	w, h    int
	fg, bg  color.NRGBA
}

// NewChart returns a chart showing d.
func NewChart(d Data) *Chart {
	c := &Chart{}
	c.ExtendBaseWidget(c)
	c.raster = canvas.NewRaster(c.generate)
	c.guide = canvas.NewLine(color.Transparent)
	c.guide.Hide()
	c.tipBG = canvas.NewRectangle(color.Transparent)
	c.tipBG.CornerRadius = 4
	c.tipBG.Hide()
	c.tip = container.NewWithoutLayout()
	c.tip.Hide()
	c.SetData(d)
	return c
}

// SetData replaces what the chart shows. Non-finite values are dropped;
// the slices are copied, so the caller may reuse them.
func (c *Chart) SetData(d Data) {
	d = clean(d)
	c.mu.Lock()
	c.data = d
	c.version++
	c.mu.Unlock()
	c.hideTip()
	c.Refresh()
}

// Data returns what the chart shows (after dropping non-finite values).
func (c *Chart) Data() Data {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.data
}

// Empty reports whether the chart has no finite point to draw, so it
// shows its NoData message.
func (c *Chart) Empty() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return isEmpty(c.data)
}

// Image draws the chart at width × height pixels with scale pixels per
// Fyne unit on the given background and foreground colours (nil: white
// and near-black, for reports).
func (c *Chart) Image(width, height int, scale float64, bg, fg color.Color) image.Image {
	c.mu.Lock()
	d := c.data
	c.mu.Unlock()
	img, _ := render(d, width, height, scale, bg, fg)
	return img
}

// PNG encodes the chart as a PNG of width × height pixels on a white
// background (see EncodePNG). Safe to call from any goroutine.
func (c *Chart) PNG(width, height int) ([]byte, error) {
	c.mu.Lock()
	d := c.data
	c.mu.Unlock()
	return EncodePNG(d, width, height)
}

// generate draws the chart for the raster at its pixel size.
func (c *Chart) generate(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	size := c.Size()
	scale := 1.0
	if size.Width > 0 {
		scale = float64(w) / float64(size.Width)
	}
	fg := c.themeColor(theme.ColorNameForeground)
	key := cacheKey{w: w, h: h, fg: toNRGBA(fg), bg: color.NRGBA{}}
	c.mu.Lock()
	key.version = c.version
	if c.cache.img != nil && c.cache.key == key {
		img := c.cache.img
		c.mu.Unlock()
		return img
	}
	d := c.data
	c.mu.Unlock()

	img, g := render(d, w, h, scale, color.Transparent, fg)
	c.mu.Lock()
	if c.version == key.version {
		c.cache.key, c.cache.img = key, img
		c.geom = g
	}
	c.mu.Unlock()
	return img
}

func (c *Chart) themeColor(n fyne.ThemeColorName) color.Color {
	th := c.Theme()
	v := theme.VariantLight
	if app := fyne.CurrentApp(); app != nil {
		v = app.Settings().ThemeVariant()
	}
	return th.Color(n, v)
}

// CreateRenderer implements fyne.Widget.
func (c *Chart) CreateRenderer() fyne.WidgetRenderer {
	return &chartRenderer{c: c}
}

// MinSize keeps room for the axes and a legend.
func (c *Chart) MinSize() fyne.Size { return fyne.NewSize(240, 160) }

// MouseIn implements desktop.Hoverable.
func (c *Chart) MouseIn(e *desktop.MouseEvent) { c.MouseMoved(e) }

// MouseOut implements desktop.Hoverable.
func (c *Chart) MouseOut() { c.hideTip() }

// MouseMoved shows the value under the pointer.
func (c *Chart) MouseMoved(e *desktop.MouseEvent) {
	c.mu.Lock()
	g, d := c.geom, c.data
	c.mu.Unlock()
	x, ok := g.dataX(e.Position.X)
	if !ok || isEmpty(d) {
		c.hideTip()
		return
	}
	x, ok = nearestX(d, x)
	if !ok {
		c.hideTip()
		return
	}
	text := hoverText(d, x)
	if text == "" {
		c.hideTip()
		return
	}
	px := g.screenX(x)
	c.guide.StrokeColor = c.themeColor(theme.ColorNameDisabled)
	c.guide.StrokeWidth = 1
	c.guide.Position1 = fyne.NewPos(px, g.top)
	c.guide.Position2 = fyne.NewPos(px, g.bottom)

	// The tooltip: one text per line, on a rounded box beside the guide.
	lines := strings.Split(text, "\n")
	if len(lines) > maxTipLines {
		lines = append(lines[:maxTipLines-1], "…")
	}
	fg := c.themeColor(theme.ColorNameForeground)
	var w, h float32
	objects := make([]fyne.CanvasObject, len(lines))
	for i, line := range lines {
		t := canvas.NewText(line, fg)
		t.TextSize = tipTextSize
		t.TextStyle.Bold = i == 0
		size := t.MinSize()
		t.Move(fyne.NewPos(0, h))
		t.Resize(size)
		w, h = max(w, size.Width), h+size.Height
		objects[i] = t
	}
	c.tip.Objects = objects
	const pad = float32(6)
	boxW, boxH := w+2*pad, h+2*pad
	left := px + 10
	if left+boxW > c.Size().Width {
		left = px - 10 - boxW
	}
	left = max(0, left)
	top := max(g.top, e.Position.Y-boxH-6)
	c.tipBG.FillColor = c.themeColor(theme.ColorNameOverlayBackground)
	c.tipBG.StrokeColor = c.themeColor(theme.ColorNameSeparator)
	c.tipBG.StrokeWidth = 1
	c.tipBG.Move(fyne.NewPos(left, top))
	c.tipBG.Resize(fyne.NewSize(boxW, boxH))
	c.tip.Move(fyne.NewPos(left+pad, top+pad))
	c.tip.Resize(fyne.NewSize(w, h))
	c.guide.Show()
	c.tipBG.Show()
	c.tip.Show()
	c.guide.Refresh()
	c.tipBG.Refresh()
	c.tip.Refresh()
}

// Tooltip limits.
const (
	maxTipLines = 8
	tipTextSize = 12
)

// TipText is the tooltip on screen, lines joined by newlines ("" when
// hidden).
func (c *Chart) TipText() string {
	if !c.tip.Visible() {
		return ""
	}
	var lines []string
	for _, o := range c.tip.Objects {
		lines = append(lines, o.(*canvas.Text).Text)
	}
	return strings.Join(lines, "\n")
}

func (c *Chart) hideTip() {
	if c.tip == nil || !c.tip.Visible() {
		return
	}
	c.guide.Hide()
	c.tipBG.Hide()
	c.tip.Hide()
}

type chartRenderer struct{ c *Chart }

func (r *chartRenderer) Layout(size fyne.Size) {
	r.c.raster.Move(fyne.NewPos(0, 0))
	r.c.raster.Resize(size)
}

func (r *chartRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *chartRenderer) Refresh() {
	r.c.raster.Refresh()
}

func (r *chartRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.raster, r.c.guide, r.c.tipBG, r.c.tip}
}

func (r *chartRenderer) Destroy() {}

// geometry maps between the widget's coordinates and data X values.
type geometry struct {
	ok          bool
	left, right float32 // data area, Fyne units from the widget's left
	top, bottom float32 // and from its top
	xmin, xmax  float64 // the X values at left and right
}

func (g geometry) dataX(px float32) (float64, bool) {
	if !g.ok || g.right <= g.left || px < g.left || px > g.right {
		return 0, false
	}
	f := float64(px-g.left) / float64(g.right-g.left)
	return g.xmin + f*(g.xmax-g.xmin), true
}

func (g geometry) screenX(x float64) float32 {
	if g.xmax == g.xmin {
		return g.left
	}
	return g.left + float32((x-g.xmin)/(g.xmax-g.xmin))*(g.right-g.left)
}

// clean copies d, dropping points whose X or Y is not finite from bars
// and markers, and turning them into gaps (NaN) in line series.
func clean(d Data) Data {
	out := d
	out.Series = make([]Series, 0, len(d.Series))
	for _, s := range d.Series {
		cs := s
		n := len(s.Y)
		if s.X != nil {
			n = min(n, len(s.X))
		}
		cs.X, cs.Y = make([]float64, 0, n), make([]float64, 0, n)
		for i := 0; i < n; i++ {
			x := float64(i)
			if s.X != nil {
				x = s.X[i]
			}
			y := s.Y[i]
			if !finite(x) {
				continue
			}
			if !finite(y) {
				if s.Kind == KindLine && len(cs.Y) > 0 && !math.IsNaN(cs.Y[len(cs.Y)-1]) {
					cs.X, cs.Y = append(cs.X, x), append(cs.Y, math.NaN()) // a gap
				}
				continue
			}
			cs.X, cs.Y = append(cs.X, x), append(cs.Y, y)
		}
		out.Series = append(out.Series, cs)
	}
	out.Lines = make([]RefLine, 0, len(d.Lines))
	for _, l := range d.Lines {
		if finite(l.Y) {
			out.Lines = append(out.Lines, l)
		}
	}
	out.Markers = make([]Markers, 0, len(d.Markers))
	for _, m := range d.Markers {
		cm := m
		n := min(len(m.X), len(m.Y))
		cm.X, cm.Y = make([]float64, 0, n), make([]float64, 0, n)
		for i := 0; i < n; i++ {
			if finite(m.X[i]) && finite(m.Y[i]) {
				cm.X, cm.Y = append(cm.X, m.X[i]), append(cm.Y, m.Y[i])
			}
		}
		out.Markers = append(out.Markers, cm)
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// isEmpty reports whether d has no finite series or marker point.
func isEmpty(d Data) bool {
	for _, s := range d.Series {
		for _, y := range s.Y {
			if finite(y) {
				return false
			}
		}
	}
	for _, m := range d.Markers {
		if len(m.X) > 0 {
			return false
		}
	}
	return true
}

// nearestX returns the X value of any series closest to x.
func nearestX(d Data, x float64) (float64, bool) {
	best, found := 0.0, false
	for _, s := range d.Series {
		for i, v := range s.X {
			if !finite(s.Y[i]) {
				continue
			}
			if !found || math.Abs(v-x) < math.Abs(best-x) {
				best, found = v, true
			}
		}
	}
	return best, found
}

// hoverText is the tooltip at x: the caller's, or each series' value.
func hoverText(d Data, x float64) string {
	if d.Hover != nil {
		return d.Hover(x)
	}
	text := formatWith(d.X.Format, x)
	for _, s := range d.Series {
		for i, v := range s.X {
			if v == x && finite(s.Y[i]) {
				text += "  " + s.Name + " " + formatWith(d.Y.Format, s.Y[i])
				break
			}
		}
	}
	return text
}

func formatWith(f func(float64) string, v float64) string {
	if f != nil {
		return f(v)
	}
	return trimFloat(v)
}

func toNRGBA(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{}
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}
