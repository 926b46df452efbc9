package widgets

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// width measures text as if every character were one unit wide, so
// expected lines can be worked out by hand.
func width(s string) float32 { return float32(utf8.RuneCountInString(s)) }

func TestBreakLines(t *testing.T) {
	for _, tt := range []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		// 10 units a line: "需要资金" (4) and "¥18,000。" (8) make 12 > 10,
		// so the amount moves to the next line whole, with its "。", and
		// "可用" (2) joins it: 8 + 2 = 10.
		{"number stays whole", "需要资金¥18,000。可用", 10, []string{"需要资金", "¥18,000。可用"}},
		// At 9 units "可用" no longer fits after it.
		{"number stays whole, narrower", "需要资金¥18,000。可用", 9, []string{"需要资金", "¥18,000。可", "用"}},
		// "。" may not start a line: it goes with the character before it.
		{"closing punctuation stays", "一二三四五六七八九十。", 10, []string{"一二三四五六七八九", "十。"}},
		{"opening punctuation stays", "一二三四五六七八九（十）", 10, []string{"一二三四五六七八九", "（十）"}},
		// English breaks at spaces; the space is not drawn at the line's end.
		{"words", "cash runs out on day 20", 10, []string{"cash runs", "out on day", "20"}},
		{"own line breaks kept", "第一行\n第二行", 10, []string{"第一行", "第二行"}},
		{"empty line kept", "a\n\nb", 10, []string{"a", "", "b"}},
		// A piece wider than a line is cut between characters.
		{"long piece cut", "abcdefghijklmnop", 6, []string{"abcdef", "ghijkl", "mnop"}},
		{"fits", "短句。", 10, []string{"短句。"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := BreakLines(tt.text, tt.width, width)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("BreakLines(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

// The rules hold at every width a line can hold the text's longest
// unbreakable piece ("¥105,480，", 9 units): no line starts with closing
// punctuation and no amount is split.
func TestBreakLinesNeverSplitsNumbers(t *testing.T) {
	text := "不可行：第 20 天资金断裂；走海运，资金占用 87 天；2 个产品线资金峰值需求 ¥105,480，扣除预留后可用 ¥90,000。"
	for w := float32(9); w <= 60; w++ {
		for _, line := range BreakLines(text, w, width) {
			for _, bad := range []string{"。", "，", "；", "：", ",480", ",000", "480", "000"} {
				if strings.HasPrefix(line, bad) {
					t.Fatalf("width %v: a line starts with %q: %q", w, bad, line)
				}
			}
		}
	}
}

// A paragraph asks for the height of its lines at the width it gets, and
// little width; an empty one asks for nothing.
func TestParagraphSize(t *testing.T) {
	test.NewTempApp(t)
	p := NewParagraph(strings.Repeat("运营台把表格换成一个工作台。", 8))
	c := container.NewVBox(p)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(800, 600))
	wide := p.MinSize().Height
	w.Resize(fyne.NewSize(200, 600))
	c.Refresh()
	narrow := p.MinSize().Height
	if narrow <= wide {
		t.Fatalf("height %v at 200 wide, %v at 800: narrower should be taller", narrow, wide)
	}
	if p.MinSize().Width > maxMinWidth+50 {
		t.Fatalf("asks for %v width", p.MinSize().Width)
	}
	if got := NewParagraph("").MinSize(); got != (fyne.Size{}) {
		t.Fatalf("an empty paragraph asks for %v", got)
	}
}
