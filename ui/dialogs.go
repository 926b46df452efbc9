package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wrapLabel is a label that wraps long text: between words, or, for
// Chinese (written without spaces), between characters; Fyne's word
// wrapping would otherwise move a whole Chinese sentence to the next line.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = wrapModeFor(text)
	return l
}

// statusLabel is an empty wrapping label for messages set later in the
// UI's language.
func statusLabel(tr *Translator) *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	if tr.Lang() == LangChinese {
		l.Wrapping = fyne.TextWrapBreak
	}
	return l
}

func wrapModeFor(text string) fyne.TextWrap {
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			return fyne.TextWrapBreak
		}
	}
	return fyne.TextWrapWord
}

// showError tells the user an action failed: title says which action, the
// body what went wrong and what to do. The form behind it keeps its input.
func (u *UI) showError(title string, err error) {
	body := wrapLabel(u.errorText(err))
	d := dialog.NewCustom(title, u.tr.T("action.close"), fixedWidth(440, body), u.win)
	d.SetIcon(theme.ErrorIcon())
	d.Show()
}

// inform shows a short message with a close button.
func (u *UI) inform(title, message string) {
	d := dialog.NewCustom(title, u.tr.T("action.close"), fixedWidth(440, wrapLabel(message)), u.win)
	d.Show()
}

// confirm asks before doing something that cannot be undone.
func (u *UI) confirm(title, message, action string, do func()) {
	d := dialog.NewCustomConfirm(title, action, u.tr.T("action.cancel"),
		fixedWidth(440, wrapLabel(message)), func(ok bool) {
			if ok {
				do()
			}
		}, u.win)
	d.Show()
}

// formDialog shows a form whose save button runs save; the dialog stays
// open with everything typed when save returns an error, which is shown
// under the form.
type formDialog struct {
	d   *dialog.CustomDialog
	msg *widget.Label
}

func (u *UI) showFormDialog(title, saveLabel string, form *widget.Form, save func() error) *formDialog {
	fd := &formDialog{msg: statusLabel(u.tr)}
	fd.msg.Importance = widget.DangerImportance
	fd.msg.Hide()
	content := container.NewVBox(form, fd.msg)
	fd.d = dialog.NewCustomWithoutButtons(title, fixedWidth(460, content), u.win)
	cancel := widget.NewButton(u.tr.T("action.cancel"), fd.d.Hide)
	ok := widget.NewButtonWithIcon(saveLabel, theme.ConfirmIcon(), func() {
		if err := save(); err != nil {
			fd.msg.SetText(u.errorText(err))
			fd.msg.Show()
			return
		}
		fd.d.Hide()
	})
	ok.Importance = widget.HighImportance
	fd.d.SetButtons([]fyne.CanvasObject{cancel, ok})
	fd.d.Show()
	return fd
}

// widthLayout gives its objects a fixed width and the height they need at
// that width, so wrapped text in dialogs reads as paragraphs.
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

func fixedWidth(width float32, content fyne.CanvasObject) *fyne.Container {
	return container.New(widthLayout{width: width}, content)
}
