package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TipButton is a button that says what it does when the pointer rests on
// it: Tip shows in a small box under the button. Fyne 2.7 has no
// tooltips, and an icon-only toolbar button needs one.
type TipButton struct {
	widget.Button
	Tip string

	tip *widget.PopUp
}

// NewTipButton returns a button with label (may be empty), icon and tip.
func NewTipButton(label string, icon fyne.Resource, tip string, tapped func()) *TipButton {
	b := &TipButton{Tip: tip}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn shows the tip.
func (b *TipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	b.ShowTip()
}

// MouseOut hides the tip.
func (b *TipButton) MouseOut() {
	b.Button.MouseOut()
	b.HideTip()
}

// Tapped hides the tip and taps the button.
func (b *TipButton) Tapped(e *fyne.PointEvent) {
	b.HideTip()
	b.Button.Tapped(e)
}

// ShowTip shows the tip under the button (above it at the window's
// bottom edge), inside the window.
func (b *TipButton) ShowTip() {
	if b.Tip == "" || b.tip != nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(b)
	if c == nil {
		return
	}
	text := widget.NewLabel(b.Tip)
	text.SizeName = theme.SizeNameCaptionText
	b.tip = widget.NewPopUp(text, c)
	size := b.tip.MinSize()
	pos := d.AbsolutePositionForObject(b)
	gap := theme.Padding()
	x := max(0, min(pos.X, c.Size().Width-size.Width))
	y := pos.Y + b.Size().Height + gap
	if y+size.Height > c.Size().Height {
		y = max(0, pos.Y-size.Height-gap)
	}
	b.tip.ShowAtPosition(fyne.NewPos(x, y))
}

// HideTip hides the tip if it shows.
func (b *TipButton) HideTip() {
	if b.tip != nil {
		b.tip.Hide()
		b.tip = nil
	}
}

// TipShown reports whether the tip is on screen (tests).
func (b *TipButton) TipShown() bool { return b.tip != nil && b.tip.Visible() }
