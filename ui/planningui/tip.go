package planningui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/ui"
)

// Sizes of an explained figure.
const (
	tipIconSize = 14
	tipWidth    = 320
)

// explained is a key figure's name (or any content) with an ⓘ that
// explains it in one sentence: tapping it (or clicking it: the pointer
// says it can be clicked) shows the explanation under it, and tapping
// anywhere hides it. A hover tooltip cannot work in Fyne 2.7: any
// overlay takes the pointer from the widgets under it, so a tip shown on
// hover would hide itself at the next movement.
type explained struct {
	widget.BaseWidget
	content fyne.CanvasObject
	// Tip is the explanation.
	Tip string

	pop *widget.PopUp
}

// newExplained puts the ⓘ before content (top-aligned, so a name that
// wraps keeps it on its first line).
func newExplained(content fyne.CanvasObject, tip string) *explained {
	icon := canvas.NewImageFromResource(theme.NewDisabledResource(theme.InfoIcon()))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(tipIconSize))
	// The icon sits on the first text line: labels pad their text by the
	// inner padding, so it does too.
	iconBox := container.NewVBox(container.New(layout.NewCustomPaddedLayout(theme.InnerPadding(), 0, 0, 0), icon))
	e := &explained{content: container.NewBorder(nil, nil, iconBox, nil, content), Tip: tip}
	e.ExtendBaseWidget(e)
	return e
}

// CreateRenderer implements fyne.Widget.
func (e *explained) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(e.content)
}

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
