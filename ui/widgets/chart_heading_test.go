package widgets

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// An exported chart says what it shows and what it concludes: the title
// and the caption are drawn, and they take room from the plot rather
// than being drawn over it.
func TestChartTitleAndCaption(t *testing.T) {
	plain := sample()
	titled := sample()
	titled.Title = "两款杯子 · 海运：现金余额"
	titled.Caption = "不可行：第 20 天资金断裂；走海运，资金占用 87 天；2 个产品线资金峰值需求 ¥105,480，扣除预留后可用 ¥90,000"
	a, ga := render(clean(plain), 960, 540, 1, nil, nil)
	b, gb := render(clean(titled), 960, 540, 1, nil, nil)
	if same(a, b) {
		t.Fatal("the title and caption draw nothing")
	}
	if gb.top <= ga.top+20 {
		t.Fatalf("the plot starts at %v with a heading, %v without: the heading is drawn over it", gb.top, ga.top)
	}
	// With the caption alone, the heading is shorter than with both.
	caption := sample()
	caption.Caption = titled.Caption
	_, gc := render(clean(caption), 960, 540, 1, nil, nil)
	if !(ga.top < gc.top && gc.top < gb.top) {
		t.Fatalf("plot tops: none %v, caption %v, title and caption %v", ga.top, gc.top, gb.top)
	}
}

// The legend never covers a line: whatever its labels say, the pixels
// inside the plot's data area are the same, at the top and below.
func TestChartLegendOutsidePlot(t *testing.T) {
	for _, place := range []LegendPlace{LegendTop, LegendBelow} {
		t.Run(fmt.Sprint(place), func(t *testing.T) {
			labelled := func(a, b string) Data {
				d := sample()
				// A line along the top of the plot, where a legend inside it would sit.
				d.Series = append(d.Series, Series{Name: a, Y: days(120, func(int) float64 { return 120000 }), Color: color.NRGBA{0, 0, 0xff, 0xff}})
				d.Series[0].Name = b
				d.Legend = place
				return d
			}
			one, g1 := render(clean(labelled("AAAA AAAA", "BBBB BBBB")), 640, 360, 1, nil, nil)
			two, g2 := render(clean(labelled("CCCC CCCC", "DDDD DDDD")), 640, 360, 1, nil, nil)
			if g1 != g2 {
				t.Fatalf("the plot moved with the legend's words: %+v, %+v", g1, g2)
			}
			if same(one, two) {
				t.Fatal("the legend is not drawn")
			}
			area := image.Rect(int(g1.left), int(g1.top), int(g1.right), int(g1.bottom))
			if !sameIn(one, two, area) {
				t.Fatal("the legend is drawn inside the plot")
			}
		})
	}
	// Below the plot, the legend leaves the whole top for the plot.
	top, gTop := render(clean(sample()), 640, 360, 1, nil, nil)
	d := sample()
	d.Legend = LegendBelow
	below, gBelow := render(clean(d), 640, 360, 1, nil, nil)
	if same(top, below) || gBelow.bottom >= gTop.bottom {
		t.Fatalf("the legend below did not take room under the plot: bottom %v, at the top %v", gBelow.bottom, gTop.bottom)
	}
}

func TestCaptionLines(t *testing.T) {
	// Each rune is 1 wide.
	measure := func(s string) vg.Length { return vg.Length(len([]rune(s))) }
	for _, tc := range []struct {
		name, text string
		width      vg.Length
		max        int
		want       []string
	}{
		{"fits", "cash runs out", 20, 3, []string{"cash runs out"}},
		{"breaks at spaces", "cash runs out on day 20", 12, 3, []string{"cash runs", "out on day", "20"}},
		{"never inside a number", "need ¥105,480 now", 9, 3, []string{"need", "¥105,480", "now"}},
		{"Chinese between characters", "第二十天资金断裂", 4, 3, []string{"第二十天", "资金断裂"}},
		{"cut with an ellipsis", "one two three four", 6, 2, []string{"one", "two…"}},
		{"a long word cut", "one twothreefour", 6, 2, []string{"one", "twoth…"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := captionLines(tc.text, tc.width, measure, tc.max)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("lines %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEncodePNG(t *testing.T) {
	d := sample()
	d.Title, d.Caption, d.Legend = "Cash", "Feasible", LegendBelow
	b, err := EncodePNG(d, 1600, 900)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() != 1600 || img.Bounds().Dy() != 900 {
		t.Fatalf("PNG %v, %v", img.Bounds(), err)
	}
	if _, err := EncodePNG(d, 10, 20000); err == nil {
		t.Fatal("a picture 20000 pixels high was accepted")
	}
}
