package sopui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Sizes of the SOP dialogs: they fit a 1280x720 window and scroll inside.
const (
	editDialogWidth  = 640
	editDialogHeight = 460
	wideDialogWidth  = 860
)

// editDialog is a form in a dialog whose save writes off the UI thread
// (like ui.FormDialog, for forms that are not a widget.Form): the content
// scrolls inside a fixed size; a problem the save finds is shown beside
// its field when place puts it there, otherwise in a line kept for it
// under the form. The dialog stays open with everything typed until the
// write succeeds.
type editDialog struct {
	env  Env
	d    *dialog.CustomDialog
	msg  *widgets.Paragraph
	save *widget.Button
	// place shows a write's error beside its field and reports whether
	// it could.
	place func(err error) bool
}

// showEditDialog shows content. save runs on the UI thread: it returns
// the write to run, or nil when it found problems and showed them. After
// a successful write the dialog closes and saved (if not nil) runs.
func showEditDialog(env Env, title, saveLabel string, size fyne.Size, content fyne.CanvasObject, extra []fyne.CanvasObject,
	save func() ui.Write, place func(error) bool, saved func()) *editDialog {
	ed := &editDialog{env: env, msg: ui.ErrorLabel(""), place: place}
	scroll := container.NewVScroll(container.NewPadded(content))
	body := container.NewBorder(nil, ui.AtLeast(fyne.NewSize(0, 2*theme.TextSize()+theme.InnerPadding()), ed.msg), nil, nil,
		ui.AtLeast(fyne.NewSize(size.Width, size.Height), scroll))
	ed.d = dialog.NewCustomWithoutButtons(title, body, env.Window())
	cancel := widget.NewButton(env.T("action.cancel"), ed.d.Hide)
	ed.save = widget.NewButtonWithIcon(saveLabel, theme.ConfirmIcon(), func() { ed.run(save, saved) })
	ed.save.Importance = widget.HighImportance
	buttons := append([]fyne.CanvasObject{}, extra...)
	buttons = append(buttons, cancel, ed.save)
	ed.d.SetButtons(buttons)
	ed.d.Resize(fyne.NewSize(size.Width+4*theme.Padding(), size.Height+8*theme.Padding()))
	ed.d.Show()
	return ed
}

func (ed *editDialog) run(save func() ui.Write, saved func()) {
	ed.msg.SetText("")
	write := save()
	if write == nil {
		ed.msg.SetText(ed.env.T("sop.form.fix_marked"))
		return
	}
	ed.save.Disable()
	ed.env.Background(func(s *data.Store) func() {
		err := write(s)
		return func() {
			ed.save.Enable()
			if err != nil {
				if ed.place != nil && ed.place(err) {
					ed.msg.SetText(ed.env.T("sop.form.fix_marked"))
				} else {
					ed.msg.SetText(ed.env.ErrorText(err))
				}
				return
			}
			ed.d.Hide()
			if saved != nil {
				saved()
			}
		}
	})
}

// Hide closes the dialog.
func (ed *editDialog) Hide() { ed.d.Hide() }

// removeButton is a dialog's danger button: it asks (title, confirm),
// removes off the UI thread, closes the dialog *ed and runs done; a
// failure is shown under failed and the dialog stays.
func removeButton(env Env, label, title, confirm, failed string, ed **editDialog, remove func(s *data.Store) error, done func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, theme.DeleteIcon(), func() {
		env.Confirm(title, confirm, label, func() {
			env.Background(func(s *data.Store) func() {
				err := remove(s)
				return func() {
					if err != nil {
						env.ShowError(failed, err)
						return
					}
					(*ed).Hide()
					if done != nil {
						done()
					}
				}
			})
		})
	})
	b.Importance = widget.DangerImportance
	return b
}
