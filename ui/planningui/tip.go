package planningui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/ui"
)

// tipWidth is the width of an explanation.
const tipWidth = 320

// infoMark is the sign before an explained figure's name: a character of
// the bundled font, cheap to draw again on every refresh (an SVG icon is
// parsed again on each, and a result refreshes a few dozen of them).
const infoMark = "ⓘ"

// explained is a key figure's name (or any content) with an ⓘ that
// explains it in one sentence: tapping it (or clicking it: the pointer
// says it can be clicked) shows the explanation under it, and tapping
// anywhere hides it. A hover tooltip cannot work in Fyne 2.7: any
// overlay takes the pointer from the widgets under it, so a tip shown on
// hover would hide itself at the next movement.
type explained struct {
	widget.BaseWidget
	content fyne.CanvasObject
	mark    *canvas.Text
	// Tip is the explanation.
	Tip string

	pop *widget.PopUp
}

// newExplained puts the ⓘ before content, on its first line of text.
func newExplained(content fyne.CanvasObject, tip string) *explained {
	e := &explained{content: content, mark: canvas.NewText(infoMark, nil), Tip: tip}
	e.ExtendBaseWidget(e)
	return e
}

// CreateRenderer implements fyne.Widget.
func (e *explained) CreateRenderer() fyne.WidgetRenderer {
	return &explainedRenderer{e: e}
}

type explainedRenderer struct{ e *explained }

// markGap is the room after the ⓘ; the content's own padding adds to it.
const markGap = 2

func (r *explainedRenderer) Layout(size fyne.Size) {
	m := r.e.mark.MinSize()
	// Labels pad their text by the inner padding: the mark sits on the
	// same line as the content's first.
	r.e.mark.Move(fyne.NewPos(0, theme.InnerPadding()))
	r.e.mark.Resize(m)
	r.e.content.Move(fyne.NewPos(m.Width+markGap, 0))
	r.e.content.Resize(fyne.NewSize(max(0, size.Width-m.Width-markGap), size.Height))
}

func (r *explainedRenderer) MinSize() fyne.Size {
	m, c := r.e.mark.MinSize(), r.e.content.MinSize()
	return fyne.NewSize(m.Width+markGap+c.Width, max(c.Height, m.Height+theme.InnerPadding()))
}

// Refresh colours the mark as the theme says now.
func (r *explainedRenderer) Refresh() {
	th := r.e.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.e.mark.Color = th.Color(theme.ColorNamePlaceHolder, v)
	r.e.mark.TextSize = th.Size(theme.SizeNameCaptionText)
	r.e.mark.Refresh()
	r.e.content.Refresh()
}

func (r *explainedRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.e.mark, r.e.content}
}

func (r *explainedRenderer) Destroy() {}

// Cursor implements desktop.Cursorable: the figure can be clicked.
func (e *explained) Cursor() desktop.Cursor { return desktop.PointerCursor }

// Tapped shows the explanation, or hides it when it shows.
func (e *explained) Tapped(*fyne.PointEvent) {
	if e.tipShown() {
		e.hideTip()
		return
	}
	e.showTip()
}

// showTip shows the explanation under the figure (above it near the
// window's bottom), inside the window.
func (e *explained) showTip() {
	if e.Tip == "" || e.tipShown() {
		return
	}
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(e)
	if c == nil {
		return
	}
	text := ui.WrapLabel(e.Tip)
	text.SizeName = theme.SizeNameCaptionText
	e.pop = widget.NewPopUp(ui.FixedWidth(min(tipWidth, c.Size().Width), text), c)
	size := e.pop.MinSize()
	pos := d.AbsolutePositionForObject(e)
	x := max(0, min(pos.X, c.Size().Width-size.Width))
	y := pos.Y + e.Size().Height
	if y+size.Height > c.Size().Height {
		y = max(0, pos.Y-size.Height)
	}
	e.pop.ShowAtPosition(fyne.NewPos(x, y))
}

func (e *explained) hideTip() {
	if e.pop != nil {
		e.pop.Hide()
		e.pop = nil
	}
}

var _ desktop.Cursorable = (*explained)(nil)

// tipShown reports whether the explanation is on screen.
func (e *explained) tipShown() bool { return e.pop != nil && e.pop.Visible() }
