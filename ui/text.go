package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/ui/widgets"
)

// WrapLabel is a label that wraps long text as a paragraph, Chinese and
// English alike (see widgets.Paragraph).
func WrapLabel(text string) *widgets.Paragraph { return widgets.NewParagraph(text) }

// StatusLabel is an empty wrapping label for messages set later.
func StatusLabel() *widgets.Paragraph { return widgets.NewParagraph("") }

// ErrorLabel is a wrapping label for a problem, in the danger colour.
func ErrorLabel(text string) *widgets.Paragraph {
	p := widgets.NewParagraph(text)
	p.Importance = widget.DangerImportance
	return p
}

// Heading is the large title at the top of a screen.
func Heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// SectionLabel is a bold section title inside a screen or form.
func SectionLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// CompactList stacks lines without the extra gap between labels.
func CompactList(lines ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(0), lines...)
}

// Widths of dialogs and fixed controls, in Fyne units, named once.
const (
	DialogWidth     = 440 // messages and confirmations
	FormDialogWidth = 460 // forms
	ProgressWidth   = 360 // progress bars
)

// FixedWidth gives content a fixed width and the height it needs at that
// width, so wrapped text in dialogs reads as paragraphs.
func FixedWidth(width float32, content fyne.CanvasObject) *fyne.Container {
	return container.New(widthLayout{width: width}, content)
}

type widthLayout struct{ width float32 }

func (l widthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l widthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// AtLeast stacks objects and asks for at least size (and what they need).
func AtLeast(size fyne.Size, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(minLayout{size}, objects...)
}

type minLayout struct{ size fyne.Size }

func (m minLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := m.size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func (m minLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// Layouts of times shown to people (in their local zone); day dates use
// app.DayLayout.
const (
	MinuteLayout    = "2006-01-02 15:04"
	SecondLayout    = "2006-01-02 15:04:05"
	ShortTimeLayout = "01-02 15:04"
)
