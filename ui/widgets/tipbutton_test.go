package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// Resting the pointer on a toolbar button shows what it does; leaving
// or tapping it hides the tip, and the tap still does its work.
func TestTipButtonShowsItsTip(t *testing.T) {
	test.NewTempApp(t)
	tapped := false
	b := NewTipButton("", theme.DeleteIcon(), "删除已保存的方案", func() { tapped = true })
	w := test.NewTempWindow(t, container.NewVBox(b))
	w.Resize(fyne.NewSize(300, 200))
	b.MouseIn(&desktop.MouseEvent{})
	if !b.TipShown() {
		t.Fatal("no tip on hover")
	}
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("the tip is not on the canvas")
	}
	if pos := b.tip.Content.Position(); pos.Y < b.Position().Y+b.Size().Height {
		t.Errorf("the tip at %v covers the button at %v", pos, b.Position())
	}
	b.MouseOut()
	if b.TipShown() {
		t.Fatal("the tip stays after the pointer left")
	}
	b.MouseIn(&desktop.MouseEvent{})
	test.Tap(b)
	if b.TipShown() || !tapped {
		t.Fatalf("after a tap: tip shown %v, tapped %v", b.TipShown(), tapped)
	}
}
