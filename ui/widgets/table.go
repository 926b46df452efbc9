package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TableData is what a TextTable shows, already formatted: prepare it off
// the UI thread, then hand it to SetData on it.
type TableData struct {
	Header []string
	Rows   [][]string
	// Right aligns a column's cells to the right (numbers); nil aligns
	// every column but the first to the right.
	Right []bool
	// Fill, when set, colours cell backgrounds (nil entries: none), e.g.
	// a heat map.
	Fill [][]color.Color
	// Bold makes a row's text bold (e.g. the current scenario).
	Bold []bool
}

// TextTable is a read-only table of text with a header row and a sticky
// first column, columns sized to their content.
type TextTable struct {
	widget.BaseWidget

	data   TableData
	table  *widget.Table
	widths map[int]float32 // the widths set, to skip unchanged ones
	fit    int             // rows to ask room for (0: no more than Fyne's table asks)
}

// Column width limits, in Fyne units.
const (
	minColumn = 56
	maxColumn = 320
)

// NewTextTable returns an empty table.
func NewTextTable() *TextTable {
	t := &TextTable{widths: map[int]float32{}}
	t.ExtendBaseWidget(t)
	t.table = widget.NewTable(t.length, t.createCell, t.updateCell)
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		text, align := "", fyne.TextAlignLeading
		if id.Col >= 0 && id.Col < len(t.data.Header) {
			text, align = t.data.Header[id.Col], t.align(id.Col)
		}
		if l.Text != text || l.Alignment != align {
			l.Text, l.Alignment = text, align
			l.Refresh()
		}
	}
	t.table.StickyColumnCount = 1
	t.table.OnSelected = func(widget.TableCellID) { t.table.UnselectAll() }
	return t
}

// SetData replaces the table's content. Call it on the UI thread.
func (t *TextTable) SetData(d TableData) {
	t.data = d
	for c := range d.Header {
		w := float32(minColumn)
		measure := func(s string, bold bool) {
			size := fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold})
			w = max(w, size.Width+2*theme.InnerPadding()+2*theme.Padding()+2)
		}
		measure(d.Header[c], true)
		for _, row := range d.Rows {
			if c < len(row) {
				measure(row[c], false)
			}
		}
		// Each SetColumnWidth refreshes the whole table: skip unchanged.
		if w = min(w, maxColumn); t.widths[c] != w {
			t.widths[c] = w
			t.table.SetColumnWidth(c, w)
		}
	}
	t.table.Refresh()
}

// FitRows makes the table ask for the height of its header and up to max
// rows, so it shows them all instead of a clipped two (in a scrolled
// panel, say). 0 turns it off.
func (t *TextTable) FitRows(max int) {
	t.fit = max
	t.Refresh()
}

// MinSize implements fyne.CanvasObject.
func (t *TextTable) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	base := t.BaseWidget.MinSize()
	if t.fit <= 0 {
		return base
	}
	// Fyne's table puts a padding between rows (the header is one); the
	// last padding leaves room for the horizontal scroll bar.
	rows := min(len(t.data.Rows), t.fit)
	row := t.createCell().MinSize().Height + theme.Padding()
	return fyne.NewSize(base.Width, max(base.Height, float32(rows+1)*row+theme.Padding()))
}

// Data returns what the table shows.
func (t *TextTable) Data() TableData { return t.data }

// CreateRenderer implements fyne.Widget.
func (t *TextTable) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.table)
}

func (t *TextTable) length() (int, int) {
	return len(t.data.Rows), len(t.data.Header)
}

func (t *TextTable) align(col int) fyne.TextAlign {
	right := col > 0
	if t.data.Right != nil {
		right = col < len(t.data.Right) && t.data.Right[col]
	}
	if right {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

func (t *TextTable) createCell() fyne.CanvasObject {
	// No truncation: columns fit their content, and truncating labels
	// shape their text again on every refresh.
	l := widget.NewLabel("")
	return container.NewStack(canvas.NewRectangle(color.Transparent), l)
}

func (t *TextTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	stack := o.(*fyne.Container)
	bg := stack.Objects[0].(*canvas.Rectangle)
	l := stack.Objects[1].(*widget.Label)
	text := ""
	if id.Row < len(t.data.Rows) && id.Col < len(t.data.Rows[id.Row]) {
		text = t.data.Rows[id.Row][id.Col]
	}
	var fill color.Color = color.Transparent
	if id.Row < len(t.data.Fill) && id.Col < len(t.data.Fill[id.Row]) && t.data.Fill[id.Row][id.Col] != nil {
		fill = t.data.Fill[id.Row][id.Col]
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	bold := id.Row < len(t.data.Bold) && t.data.Bold[id.Row]
	align, style := t.align(id.Col), fyne.TextStyle{Bold: bold || id.Col == 0}
	if l.Text == text && l.Alignment == align && l.TextStyle == style {
		return
	}
	l.Alignment, l.TextStyle, l.Text = align, style, text
	l.Refresh()
}
