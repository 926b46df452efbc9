package widgets

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func days(n int, f func(i int) float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func sample() Data {
	y := days(120, func(i int) float64 { return 100000 - 800*float64(i) + 30*float64(i*i%97) })
	return Data{
		Series:  []Series{{Name: "现金余额", Y: y}},
		Lines:   []RefLine{{Label: "预留 ¥10,000", Y: 10000}},
		Markers: []Markers{{Name: "下单", Shape: ShapeTriangleDown, X: []float64{0, 30}, Y: []float64{y[0], y[30]}}},
		X:       Axis{Label: "天"},
		Y:       Axis{Label: "余额（¥）"},
		NoData:  "暂无数据",
	}
}

// drawn counts the pixels that differ from the top-left corner's.
func drawn(img image.Image) int {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return n
}

func same(a, b image.Image) bool {
	return a.Bounds() == b.Bounds() && sameIn(a, b, a.Bounds())
}

// sameIn reports whether a and b have the same pixels in r.
func sameIn(a, b image.Image, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

func TestChartRenders(t *testing.T) {
	img := Render(sample(), 640, 360, 1, nil, nil)
	if img.Bounds().Dx() != 640 || img.Bounds().Dy() != 360 {
		t.Fatalf("size %v", img.Bounds())
	}
	if n := drawn(img); n < 2000 {
		t.Fatalf("only %d pixels drawn", n)
	}
}

func TestChartDifferentSeriesDifferentImages(t *testing.T) {
	a := sample()
	b := sample()
	b.Series[0].Y = days(120, func(i int) float64 { return 20000 + 500*float64(i) })
	if same(Render(a, 400, 240, 1, nil, nil), Render(b, 400, 240, 1, nil, nil)) {
		t.Fatal("two different series drew the same picture")
	}
}

// Missing glyphs all draw the same box (tofu), so two different Chinese
// axis titles of the same length would draw the same picture.
func TestChartChineseLabelsRender(t *testing.T) {
	with := func(label string) image.Image {
		d := sample()
		d.Y.Label = label
		return Render(d, 400, 240, 2, nil, nil)
	}
	yun, ying, none := with("运"), with("营"), with("")
	if same(yun, ying) {
		t.Fatal("运 and 营 draw the same: Chinese glyphs are missing")
	}
	if same(yun, none) {
		t.Fatal("the Chinese axis title draws nothing")
	}
}

func TestChartEmptyShowsNoData(t *testing.T) {
	for name, d := range map[string]Data{
		"nothing":    {NoData: "暂无数据"},
		"no points":  {Series: []Series{{Name: "a"}}, NoData: "暂无数据"},
		"all NaN":    {Series: []Series{{Name: "a", Y: []float64{math.NaN(), math.Inf(1)}}}, NoData: "暂无数据"},
		"only lines": {Lines: []RefLine{{Label: "x", Y: 5}}, NoData: "暂无数据"},
	} {
		t.Run(name, func(t *testing.T) {
			c := NewChart(d)
			if !c.Empty() {
				t.Fatal("not empty")
			}
			img := c.Image(300, 200, 1, nil, nil)
			if drawn(img) == 0 {
				t.Fatal("the no-data message is not drawn")
			}
			blank := NewChart(Data{}).Image(300, 200, 1, nil, nil)
			if same(img, blank) {
				t.Fatal("the no-data message is missing")
			}
		})
	}
}

func TestChartSkipsNonFiniteValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	c := NewChart(Data{
		Series:  []Series{{Name: "a", Y: []float64{1, nan, 3, inf, 5}}, {Name: "b", Kind: KindBar, X: []float64{0, inf, 2}, Y: []float64{1, 2, nan}}},
		Lines:   []RefLine{{Label: "bad", Y: nan}},
		Markers: []Markers{{Name: "m", X: []float64{1, nan}, Y: []float64{1, 2}}},
	})
	d := c.Data()
	if got := d.Series[0].Y; len(got) != 5 || got[0] != 1 || !math.IsNaN(got[1]) || got[2] != 3 || !math.IsNaN(got[3]) || got[4] != 5 {
		t.Errorf("line kept %v, want 1 gap 3 gap 5", got)
	}
	if got := d.Series[1].Y; len(got) != 1 || got[0] != 1 {
		t.Errorf("bars kept %v, want [1]", got)
	}
	if len(d.Lines) != 0 || len(d.Markers[0].X) != 1 {
		t.Errorf("lines %v markers %v", d.Lines, d.Markers)
	}
	if c.Empty() {
		t.Fatal("finite points were lost")
	}
	if drawn(c.Image(300, 200, 1, nil, nil)) == 0 {
		t.Fatal("nothing drawn")
	}
}

func TestChartPNG(t *testing.T) {
	c := NewChart(sample())
	b, err := c.PNG(1600, 900)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 1600 || img.Bounds().Dy() != 900 || drawn(img) < 5000 {
		t.Fatalf("PNG %v with %d pixels drawn", img.Bounds(), drawn(img))
	}
	if _, err := c.PNG(0, 10); err == nil {
		t.Fatal("a zero size was accepted")
	}
}

// The widget draws at the canvas' pixel size: at scale 2 the picture has
// twice the pixels, so lines stay crisp.
func TestChartWidgetDrawsAtPixelSize(t *testing.T) {
	test.NewTempApp(t)
	c := NewChart(sample())
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 260))
	c.Resize(fyne.NewSize(400, 260))
	if capture := w.Canvas().Capture(); drawn(capture) < 1000 {
		t.Fatal("the window shows no chart")
	}
	img := c.generate(800, 520)
	if img.Bounds().Dx() != 800 || img.Bounds().Dy() != 520 || drawn(img) < 2000 {
		t.Fatalf("generated %v", img.Bounds())
	}
	// The same size again comes from the cache.
	if again := c.generate(800, 520); again != img {
		t.Fatal("the picture was drawn twice for the same size and data")
	}
	c.SetData(Data{NoData: "x"})
	if again := c.generate(800, 520); again == img {
		t.Fatal("new data did not redraw")
	}
}

func TestChartHoverShowsValue(t *testing.T) {
	test.NewTempApp(t)
	d := sample()
	d.Hover = func(x float64) string { return fmt.Sprintf("第 %d 天\n余额 %.0f", int(x), x) }
	c := NewChart(d)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 260))
	c.Resize(fyne.NewSize(400, 260))
	c.generate(400, 260)
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(200, 130)}})
	if tip := c.TipText(); !strings.HasPrefix(tip, "第 ") || strings.Count(tip, "\n") != 1 {
		t.Fatalf("tooltip %q", tip)
	}
	c.MouseOut()
	if c.TipText() != "" {
		t.Fatal("tooltip stays after the pointer left")
	}
}

func TestBarsSideBySide(t *testing.T) {
	d := Data{Series: []Series{
		{Name: "a", Kind: KindBar, X: []float64{0, 7, 14}, Y: []float64{5, 6, 7}, Color: color.NRGBA{255, 0, 0, 255}},
		{Name: "b", Kind: KindBar, X: []float64{0, 7, 14}, Y: []float64{3, 2, 1}, Color: color.NRGBA{0, 0, 255, 255}},
	}}
	img := Render(d, 400, 240, 1, nil, nil)
	reds, blues := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r > 0xf000 && g < 0x1000 && bl < 0x1000 {
				reds++
			}
			if bl > 0xf000 && r < 0x1000 && g < 0x1000 {
				blues++
			}
		}
	}
	if reds < 100 || blues < 100 {
		t.Fatalf("bars not drawn: %d red, %d blue pixels", reds, blues)
	}
}

func TestTextTable(t *testing.T) {
	test.NewTempApp(t)
	tt := NewTextTable()
	w := test.NewTempWindow(t, tt)
	w.Resize(fyne.NewSize(400, 200))
	tt.SetData(TableData{Header: []string{"指标", "海运", "空运"}, Rows: [][]string{{"可行", "否", "是"}}})
	if d := tt.Data(); len(d.Header) != 3 || d.Rows[0][2] != "是" {
		t.Fatalf("data %+v", d)
	}
	if r, c := tt.length(); r != 1 || c != 3 {
		t.Fatalf("length %d×%d", r, c)
	}
}

// BenchmarkChartRender draws a year of daily cash with markers at the
// size the Planning screen shows it, at 1× and 2× pixel density.
func BenchmarkChartRender(b *testing.B) {
	d := sample()
	d.Series[0].Y = days(365, func(i int) float64 { return 100000 - 300*float64(i%90) + 400*float64(i) })
	for _, scale := range []float64{1, 2} {
		b.Run(fmt.Sprintf("x%g", scale), func(b *testing.B) {
			w, h := int(480*scale), int(260*scale)
			for i := 0; i < b.N; i++ {
				Render(d, w, h, scale, color.Transparent, color.White)
			}
		})
	}
}
