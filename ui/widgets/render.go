package widgets

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"strconv"
	"sync"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/opsbench/opsbench/assets"
)

// Palette is the series colours used when a series names none, chosen to
// read on both light and dark backgrounds.
var palette = []color.NRGBA{
	{0x25, 0x63, 0xeb, 0xff}, // blue
	{0xea, 0x58, 0x0c, 0xff}, // orange
	{0x16, 0xa3, 0x4a, 0xff}, // green
	{0x93, 0x33, 0xea, 0xff}, // purple
	{0xdb, 0x27, 0x77, 0xff}, // pink
	{0x0d, 0x94, 0x88, 0xff}, // teal
	{0xca, 0x8a, 0x04, 0xff}, // amber
	{0x64, 0x74, 0x8b, 0xff}, // slate
}

// PaletteColor returns the i-th default series colour (cycling).
func PaletteColor(i int) color.Color {
	if i < 0 {
		i = -i
	}
	return palette[i%len(palette)]
}

// chartFonts parses the bundled font once; gonum/plot draws every chart
// text with it, so Chinese labels never turn into boxes.
var chartFonts = sync.OnceValues(func() (text.Handler, error) {
	otf, err := opentype.Parse(assets.Font())
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	cache := font.NewCache(font.Collection{{Font: font.Font{Typeface: typeface}, Face: otf}})
	return text.Plain{Fonts: cache}, nil
})

const typeface = "NotoSansSC"

// Text sizes in Fyne units (one unit is drawn as one point).
const (
	tickSize   = 10.5
	labelSize  = 11.5
	legendSize = 11.5
	noDataSize = 13
)

// Render draws d on a width × height pixel image at scale pixels per Fyne
// unit. bg nil means white and fg nil near-black (for exported pictures);
// the widget passes a transparent background and the theme's foreground.
// Render is safe to call from any goroutine.
func Render(d Data, width, height int, scale float64, bg, fg color.Color) image.Image {
	img, _ := render(clean(d), width, height, scale, bg, fg)
	return img
}

// render draws cleaned data and also returns where the data area went,
// for the hover tooltip.
func render(d Data, width, height int, scale float64, bg, fg color.Color) (image.Image, geometry) {
	if width <= 0 || height <= 0 {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)), geometry{}
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		scale = 1
	}
	if bg == nil {
		bg = color.White
	}
	if fg == nil {
		fg = color.NRGBA{0x1f, 0x29, 0x37, 0xff}
	}
	dpi := max(1, int(math.Round(72*scale)))
	ptPerPx := 72 / float64(dpi)
	cv := vgimg.NewWith(
		vgimg.UseWH(vg.Length(float64(width)*ptPerPx), vg.Length(float64(height)*ptPerPx)),
		vgimg.UseDPI(dpi),
		vgimg.UseBackgroundColor(bg))
	dc := draw.New(cv)
	handler, err := chartFonts()
	if err != nil {
		return cv.Image(), geometry{}
	}
	r := renderer{d: d, h: handler, fg: fg, muted: mix(fg, bg, 0.55), grid: mix(fg, bg, 0.85)}
	whole := dc
	dc = r.heading(dc)
	if isEmpty(d) {
		r.noData(dc)
		return cv.Image(), geometry{}
	}
	g := r.draw(dc)
	// The geometry counts from the picture's top, above the heading.
	g.top += float32(whole.Max.Y - dc.Max.Y)
	g.bottom += float32(whole.Max.Y - dc.Max.Y)
	return cv.Image(), g
}

type renderer struct {
	d               Data
	h               text.Handler
	fg, muted, grid color.Color
}

func (r *renderer) style(size float64, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.Font{Typeface: typeface, Size: vg.Length(size)}, Handler: r.h}
}

func (r *renderer) noData(dc draw.Canvas) {
	msg := r.d.NoData
	if msg == "" {
		msg = "—"
	}
	st := r.style(noDataSize, r.muted)
	st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
	dc.FillText(st, dc.Center(), msg)
}

// legendItem is one legend entry: a sample and its label.
type legendItem struct {
	label  string
	sample func(c draw.Canvas, at vg.Point) // at: left end, vertical centre
}

const samplePt = 16

func (r *renderer) legend() []legendItem {
	var items []legendItem
	for i, s := range r.d.Series {
		if s.Name == "" || len(s.Y) == 0 {
			continue
		}
		col := seriesColor(s, i)
		switch s.Kind {
		case KindBar:
			items = append(items, legendItem{s.Name, func(c draw.Canvas, at vg.Point) {
				c.FillPolygon(col, []vg.Point{{X: at.X + 3, Y: at.Y - 5}, {X: at.X + 13, Y: at.Y - 5}, {X: at.X + 13, Y: at.Y + 5}, {X: at.X + 3, Y: at.Y + 5}})
			}})
		default:
			ls := lineStyle(s, col)
			items = append(items, legendItem{s.Name, func(c draw.Canvas, at vg.Point) {
				c.StrokeLine2(ls, at.X, at.Y, at.X+samplePt, at.Y)
			}})
		}
	}
	for i, m := range r.d.Markers {
		if m.Name == "" || len(m.X) == 0 {
			continue
		}
		gs := glyphStyle(m, i)
		items = append(items, legendItem{m.Name, func(c draw.Canvas, at vg.Point) {
			c.DrawGlyphNoClip(gs, vg.Point{X: at.X + samplePt/2, Y: at.Y})
		}})
	}
	return items
}

// draw lays out the header strip (Y axis title left, legend right, or
// the legend in a strip of its own under the plot) and the plot.
func (r *renderer) draw(dc draw.Canvas) geometry {
	below := r.d.Legend == LegendBelow
	const pad = 6
	lst := r.style(legendSize, r.fg)
	ext := lst.FontExtents()
	rowH := ext.Height + 4
	titleSt := r.style(labelSize, r.muted)
	title := r.d.Y.Label
	titleW := vg.Length(0)
	if title != "" {
		titleW = titleSt.Width(title) + 12
	}

	// Legend rows, right-aligned; the first row shares its line with the
	// Y axis title.
	items := r.legend()
	avail := dc.Max.X - dc.Min.X - 2*pad
	type placed struct {
		item legendItem
		x    vg.Length
		row  int
	}
	var rows [][]legendItem
	var cur []legendItem
	var curW vg.Length
	widthOf := func(it legendItem) vg.Length { return samplePt + 4 + lst.Width(it.label) + 12 }
	for _, it := range items {
		w := widthOf(it)
		limit := avail
		if len(rows) == 0 && !below {
			limit -= titleW
		}
		if len(cur) > 0 && curW+w > limit {
			rows = append(rows, cur)
			cur, curW = nil, 0
		}
		cur = append(cur, it)
		curW += w
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	nrows := max(1, len(rows))
	stripH := vg.Length(nrows)*rowH + 4
	var legendH vg.Length // the strip under the plot
	if below {
		stripH = rowH + 4
		if len(rows) > 0 {
			legendH = vg.Length(len(rows))*rowH + 4
		}
	}
	top := dc.Max.Y - pad
	if title != "" {
		st := titleSt
		st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
		dc.FillText(st, vg.Point{X: dc.Min.X + pad, Y: top - rowH/2}, title)
	}
	var placedItems []placed
	for ri, row := range rows {
		var w vg.Length
		for _, it := range row {
			w += widthOf(it)
		}
		x := dc.Max.X - pad - w + 12
		if below {
			x = (dc.Min.X+dc.Max.X)/2 - (w-12)/2
		}
		for _, it := range row {
			placedItems = append(placedItems, placed{it, x, ri})
			x += widthOf(it)
		}
	}
	legendTop := top
	if below {
		legendTop = dc.Min.Y + pad + legendH
	}
	for _, p := range placedItems {
		y := legendTop - vg.Length(p.row)*rowH - rowH/2
		p.item.sample(dc, vg.Point{X: p.x, Y: y})
		st := lst
		st.XAlign, st.YAlign = draw.XLeft, draw.YCenter
		dc.FillText(st, vg.Point{X: p.x + samplePt + 4, Y: y}, p.item.label)
	}

	p := plot.New()
	p.BackgroundColor = nil
	p.TextHandler = r.h
	p.Legend.TextStyle = r.style(legendSize, r.fg)
	p.Title.TextStyle = r.style(labelSize, r.fg)
	r.styleAxis(&p.X)
	r.styleAxis(&p.Y)
	p.X.Label.Text = r.d.X.Label
	p.X.Label.Position = draw.PosRight
	p.X.Tick.Marker = ticker{format: r.d.X.Format}
	p.Y.Tick.Marker = ticker{format: r.d.Y.Format}
	p.Y.AutoRescale = true
	p.Y.LineStyle.Width = 0
	p.Y.Tick.LineStyle.Width = 0
	p.Y.Padding = 0
	p.X.Padding = 2

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: r.grid, Width: 0.6}
	p.Add(grid)
	r.addSeries(p)
	// Reference labels sit at the right end, side by side so that lines
	// close together do not write over each other.
	var shift vg.Length
	for _, l := range r.d.Lines {
		col := l.Color
		if col == nil {
			col = r.muted
		}
		st := r.style(tickSize, col)
		st.XAlign, st.YAlign = draw.XRight, draw.YBottom
		p.Add(refLine{y: l.Y, label: l.Label, shift: shift, style: draw.LineStyle{Color: col, Width: 1.2, Dashes: []vg.Length{5, 3}}, text: st})
		if l.Label != "" {
			shift += st.Width(l.Label) + 10
		}
	}
	for i, m := range r.d.Markers {
		if len(m.X) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(m.X))
		for j := range m.X {
			xys[j] = plotter.XY{X: m.X[j], Y: m.Y[j]}
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			continue
		}
		sc.GlyphStyle = glyphStyle(m, i)
		p.Add(sc)
	}

	plotArea := draw.Crop(dc, pad, -pad-4, pad+legendH, -stripH-pad)
	p.Draw(plotArea)
	da := p.DataCanvas(plotArea)
	full := dc.Max.Y
	return geometry{
		ok:     true,
		left:   float32(da.Min.X),
		right:  float32(da.Max.X),
		top:    float32(full - da.Max.Y),
		bottom: float32(full - da.Min.Y),
		xmin:   p.X.Min,
		xmax:   p.X.Max,
	}
}

func (r *renderer) styleAxis(a *plot.Axis) {
	// Keep gonum's alignments (they differ per axis); set font and colour.
	for _, st := range []*text.Style{&a.Label.TextStyle, &a.Tick.Label} {
		size := tickSize
		if st == &a.Label.TextStyle {
			size = labelSize
		}
		st.Color, st.Handler = r.muted, r.h
		st.Font = font.Font{Typeface: typeface, Size: vg.Length(size)}
	}
	a.LineStyle = draw.LineStyle{Color: r.grid, Width: 1}
	a.Tick.LineStyle = draw.LineStyle{Color: r.grid, Width: 1}
	a.Tick.Length = 4
}

// addSeries adds bars (side by side) and lines (split at gaps).
func (r *renderer) addSeries(p *plot.Plot) {
	var bars []int
	for i, s := range r.d.Series {
		if s.Kind == KindBar && len(s.Y) > 0 {
			bars = append(bars, i)
		}
	}
	if len(bars) > 0 {
		step := barStep(r.d.Series, bars)
		group := step * 0.8
		each := group / float64(len(bars))
		for k, i := range bars {
			s := r.d.Series[i]
			p.Add(barSet{x: s.X, y: s.Y, color: seriesColor(s, i), offset: -group/2 + float64(k)*each, width: each})
		}
	}
	for i, s := range r.d.Series {
		if s.Kind != KindLine || len(s.Y) == 0 {
			continue
		}
		ls := lineStyle(s, seriesColor(s, i))
		var seg plotter.XYs
		flush := func() {
			if len(seg) == 0 {
				return
			}
			if l, err := plotter.NewLine(seg); err == nil {
				l.LineStyle = ls
				p.Add(l)
			}
			seg = nil
		}
		for j, y := range s.Y {
			if !finite(y) {
				flush()
				continue
			}
			seg = append(seg, plotter.XY{X: s.X[j], Y: y})
		}
		flush()
	}
}

// barStep is the smallest distance between two X values of the bars.
func barStep(series []Series, bars []int) float64 {
	var xs []float64
	for _, i := range bars {
		xs = append(xs, series[i].X...)
	}
	sort.Float64s(xs)
	step := math.Inf(1)
	for i := 1; i < len(xs); i++ {
		if d := xs[i] - xs[i-1]; d > 0 && d < step {
			step = d
		}
	}
	if math.IsInf(step, 1) {
		return 1
	}
	return step
}

func seriesColor(s Series, i int) color.Color {
	if s.Color != nil {
		return s.Color
	}
	return PaletteColor(i)
}

func lineStyle(s Series, col color.Color) draw.LineStyle {
	ls := draw.LineStyle{Color: col, Width: 1.8}
	if s.Dashed {
		ls.Dashes = []vg.Length{6, 3}
	}
	return ls
}

func glyphStyle(m Markers, i int) draw.GlyphStyle {
	col := m.Color
	if col == nil {
		col = PaletteColor(i + 3)
	}
	var shape draw.GlyphDrawer = draw.CircleGlyph{}
	switch m.Shape {
	case ShapeTriangleUp:
		shape = draw.PyramidGlyph{}
	case ShapeTriangleDown:
		shape = downTriangle{}
	case ShapeSquare:
		shape = draw.BoxGlyph{}
	case ShapeDiamond:
		shape = diamond{}
	}
	return draw.GlyphStyle{Color: col, Radius: 3.5, Shape: shape}
}

// downTriangle is a filled triangle pointing down (money going out).
type downTriangle struct{}

func (downTriangle) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.15
	c.Fill(vg.Path{
		{Type: vg.MoveComp, Pos: vg.Point{X: pt.X, Y: pt.Y - r}},
		{Type: vg.LineComp, Pos: vg.Point{X: pt.X - r*0.87, Y: pt.Y + r*0.5}},
		{Type: vg.LineComp, Pos: vg.Point{X: pt.X + r*0.87, Y: pt.Y + r*0.5}},
		{Type: vg.CloseComp},
	})
}

// diamond is a filled diamond.
type diamond struct{}

func (diamond) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.2
	c.Fill(vg.Path{
		{Type: vg.MoveComp, Pos: vg.Point{X: pt.X, Y: pt.Y - r}},
		{Type: vg.LineComp, Pos: vg.Point{X: pt.X - r, Y: pt.Y}},
		{Type: vg.LineComp, Pos: vg.Point{X: pt.X, Y: pt.Y + r}},
		{Type: vg.LineComp, Pos: vg.Point{X: pt.X + r, Y: pt.Y}},
		{Type: vg.CloseComp},
	})
}

// refLine draws a horizontal dashed line with its label.
type refLine struct {
	y     float64
	label string
	shift vg.Length // how far left of the right end the label ends
	style draw.LineStyle
	text  text.Style
}

func (l refLine) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(l.y)
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
	if l.label != "" {
		c.FillText(l.text, vg.Point{X: c.Max.X - 2 - l.shift, Y: y + 2}, l.label)
	}
}

func (l refLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), l.y, l.y
}

// barSet draws one bar series, shifted by offset within each X's group.
type barSet struct {
	x, y          []float64
	color         color.Color
	offset, width float64
}

func (b barSet) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	y0 := trY(0)
	for i, v := range b.y {
		if !finite(v) {
			continue
		}
		x0, x1 := trX(b.x[i]+b.offset), trX(b.x[i]+b.offset+b.width)
		y1 := trY(v)
		pts := c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		c.FillPolygon(b.color, pts)
	}
}

func (b barSet) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), 0, 0
	for i, v := range b.y {
		if !finite(v) {
			continue
		}
		xmin = math.Min(xmin, b.x[i]+b.offset)
		xmax = math.Max(xmax, b.x[i]+b.offset+b.width)
		ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
	}
	return
}

// ticker keeps gonum's major ticks and writes their labels with format.
type ticker struct{ format func(float64) string }

func (t ticker) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, tk := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if tk.IsMinor() {
			continue
		}
		if t.format != nil {
			tk.Label = t.format(tk.Value)
		}
		out = append(out, tk)
	}
	return out
}

// trimFloat writes v without trailing zeros.
func trimFloat(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// mix blends a towards b: f=0 gives a, f=1 gives b. A transparent b
// blends a's alpha instead.
func mix(a, b color.Color, f float64) color.Color {
	ca, cb := toNRGBA(a), toNRGBA(b)
	if cb.A == 0 {
		return color.NRGBA{ca.R, ca.G, ca.B, uint8(float64(ca.A) * (1 - f))}
	}
	lerp := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-f) + float64(y)*f)) }
	return color.NRGBA{lerp(ca.R, cb.R), lerp(ca.G, cb.G), lerp(ca.B, cb.B), 255}
}
