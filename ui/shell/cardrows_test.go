package shell

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Today's rows are each as tall as their own tallest card: a short card
// pair (Me, Team) is not stretched to the SOP card's height, and the
// columns share the width.
func TestCardRowsEachAsTallAsItsTallestCard(t *testing.T) {
	card := func(h float32) *canvas.Rectangle {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(100, h))
		return r
	}
	sop, cases, me := card(400), card(250), card(120)
	c := container.New(cardRows{columns: 2}, sop, cases, me)
	pad := theme.Padding()
	if got, want := c.MinSize(), fyne.NewSize(200+pad, 400+pad+120); got != want {
		t.Errorf("minimum size %v, want %v", got, want)
	}
	c.Resize(fyne.NewSize(600, 800))
	width := (600 - pad) / 2
	for _, tc := range []struct {
		name string
		o    fyne.CanvasObject
		pos  fyne.Position
		size fyne.Size
	}{
		{"SOP", sop, fyne.NewPos(0, 0), fyne.NewSize(width, 400)},
		{"cases (beside SOP)", cases, fyne.NewPos(width+pad, 0), fyne.NewSize(width, 400)},
		{"me (next row)", me, fyne.NewPos(0, 400+pad), fyne.NewSize(width, 120)},
	} {
		if tc.o.Position() != tc.pos || tc.o.Size() != tc.size {
			t.Errorf("%s at %v %v, want %v %v", tc.name, tc.o.Position(), tc.o.Size(), tc.pos, tc.size)
		}
	}
}
