package sopui

import (
	"errors"

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

// errMarked is a save refused by the form's own checks, which marked the
// fields at fault: the line under the form says so.
var errMarked = errors.New("problems are marked beside their fields")

// editSpec is a SOP form in a dialog (like ui.FormSpec, for forms that are
// not a widget.Form).
type editSpec struct {
	title, saveLabel string
	size             fyne.Size
	// top, when set, shows above the content (a RecordForm's notice).
	top     fyne.CanvasObject
	content fyne.CanvasObject
	// extra are buttons left of Cancel and Save (remove, save as done).
	extra []fyne.CanvasObject
	// save starts the save and calls done on the UI thread: nil once
	// saved, errMarked when its checks marked fields, ui.ErrNotSaved when
	// the person cancelled a question, or the store's problem.
	save func(done func(error))
	// place shows a store's problem beside its field and reports whether
	// it could.
	place func(err error) bool
	// unsaved says whether the form holds edits: Cancel then asks.
	unsaved func() bool
	// what names the form for that question.
	what string
	// closed runs when the dialog closes, saved or not; saved after a
	// successful save.
	closed, saved func()
}

// editDialog is a SOP form in a dialog: the content scrolls inside a
// fixed size; a problem the save finds is shown beside its field when
// place puts it there, otherwise in a line kept for it under the form;
// the dialog stays open with everything typed until the save succeeds.
type editDialog struct {
	env  Env
	spec editSpec
	d    *dialog.CustomDialog
	msg  *widgets.Paragraph
	save *widget.Button
}

func showEdit(env Env, spec editSpec) *editDialog {
	ed := &editDialog{env: env, spec: spec, msg: ui.ErrorLabel("")}
	scroll := container.NewVScroll(container.NewPadded(spec.content))
	body := container.NewBorder(spec.top, ui.AtLeast(fyne.NewSize(0, 2*theme.TextSize()+theme.InnerPadding()), ed.msg), nil, nil,
		ui.AtLeast(spec.size, scroll))
	ed.d = dialog.NewCustomWithoutButtons(spec.title, body, env.Window())
	if spec.closed != nil {
		ed.d.SetOnClosed(spec.closed)
	}
	cancel := widget.NewButton(env.T("action.cancel"), ed.cancel)
	ed.save = widget.NewButtonWithIcon(spec.saveLabel, theme.ConfirmIcon(), ed.run)
	ed.save.Importance = widget.HighImportance
	buttons := append([]fyne.CanvasObject{}, spec.extra...)
	buttons = append(buttons, cancel, ed.save)
	ed.d.SetButtons(buttons)
	ed.d.Resize(fyne.NewSize(spec.size.Width+4*theme.Padding(), spec.size.Height+8*theme.Padding()))
	ed.d.Show()
	return ed
}

// cancel closes the dialog, asking first when it holds edits.
func (ed *editDialog) cancel() {
	if ed.spec.unsaved != nil && ed.spec.unsaved() {
		ed.env.ConfirmDiscard([]string{ed.spec.what}, ed.d.Hide)
		return
	}
	ed.d.Hide()
}

// run saves.
func (ed *editDialog) run() {
	ed.msg.SetText("")
	ed.save.Disable()
	ed.spec.save(func(err error) {
		ed.save.Enable()
		switch {
		case err == nil:
			ed.d.Hide()
			if ed.spec.saved != nil {
				ed.spec.saved()
			}
		case errors.Is(err, ui.ErrNotSaved):
		case errors.Is(err, errMarked), ed.spec.place != nil && ed.spec.place(err):
			ed.msg.SetText(ed.env.T("sop.form.fix_marked"))
		default:
			ed.msg.SetText(ed.env.ErrorText(err))
		}
	})
}

// Hide closes the dialog.
func (ed *editDialog) Hide() { ed.d.Hide() }

// writeSave is a save that runs write off the UI thread.
func writeSave(env Env, write ui.Write) func(done func(error)) {
	return func(done func(error)) {
		env.Background(func(s *data.Store) func() {
			err := write(s)
			return func() { done(err) }
		})
	}
}

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

// openForms are the SOP dialogs open now, for the question about unsaved
// edits before the window closes (the screen reports them).
type openForms struct {
	forms map[*editDialog]bool
}

// add notes ed until it closes.
func (o *openForms) add(ed *editDialog) {
	if o == nil {
		return
	}
	if o.forms == nil {
		o.forms = map[*editDialog]bool{}
	}
	o.forms[ed] = true
	closed := ed.spec.closed
	ed.d.SetOnClosed(func() {
		delete(o.forms, ed)
		if closed != nil {
			closed()
		}
	})
}

// unsaved names the open dialogs holding edits.
func (o *openForms) unsaved() []string {
	if o == nil {
		return nil
	}
	var out []string
	for ed := range o.forms {
		if ed.spec.unsaved != nil && ed.spec.unsaved() {
			out = append(out, ed.spec.what)
		}
	}
	return out
}
