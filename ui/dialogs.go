package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui/widgets"
)

// ErrorText explains an error in the user's language: what went wrong and
// what to do. The technical detail follows on its own line.
func (e *Env) ErrorText(err error) string { return ErrorText(e.tr, err) }

// ErrorText explains err with tr (see Env.ErrorText); it is safe to call
// off the UI thread.
func ErrorText(tr *Translator, err error) string {
	var fe *app.FieldError
	var se *app.SchemaError
	switch {
	case errors.As(err, &fe):
		return tr.T("error.field."+fe.Code, "Field", tr.T("field."+fe.Entity+"."+fe.Field), "Limit", fe.Limit)
	case errors.As(err, &se):
		return tr.T("error.newer_schema", "Found", se.Found, "Supported", se.Supported)
	case errors.Is(err, app.ErrDiskFull):
		return tr.T("error.disk_full")
	case errors.Is(err, app.ErrReadOnly):
		return tr.T("error.read_only") + "\n" + err.Error()
	case errors.Is(err, app.ErrCorrupt):
		return tr.T("error.corrupt")
	case errors.Is(err, app.ErrLocked):
		return tr.T("error.locked")
	case errors.Is(err, app.ErrDatabaseGone):
		return tr.T("error.database_gone")
	case errors.Is(err, data.ErrRecordDeleted):
		return tr.T("error.record_deleted")
	case errors.Is(err, data.ErrRealDatabase), errors.Is(err, data.ErrDemoMismatch):
		return tr.T("error.demo_mismatch")
	case errors.Is(err, context.Canceled):
		return tr.T("error.cancelled")
	case errors.Is(err, errBackgroundPanic):
		return tr.T("error.background_panic") + "\n" + err.Error()
	}
	var pr Problem
	if errors.As(err, &pr) {
		return pr.Error()
	}
	return fmt.Sprintf("%s\n%s", tr.T("error.generic"), err.Error())
}

// Problem is an error whose text is already in the user's language (a
// form's own check), shown as it is.
type Problem string

func (p Problem) Error() string { return string(p) }

// ShowError tells the user an action failed: title says which action, the
// body what went wrong and what to do. The form behind it keeps its input.
func (e *Env) ShowError(title string, err error) {
	e.log.Warn("error shown", "title", title, "err", err)
	if e.noteGone(err) {
		return // the window says so instead
	}
	d := dialog.NewCustom(title, e.T("action.close"), FixedWidth(DialogWidth, WrapLabel(e.ErrorText(err))), e.win)
	d.SetIcon(theme.ErrorIcon())
	d.Show()
}

// Inform shows a short message with a close button.
func (e *Env) Inform(title, message string) {
	dialog.NewCustom(title, e.T("action.close"), FixedWidth(DialogWidth, WrapLabel(message)), e.win).Show()
}

// Confirm asks before doing something that cannot be undone.
func (e *Env) Confirm(title, message, action string, do func()) {
	dialog.NewCustomConfirm(title, action, e.T("action.cancel"), FixedWidth(DialogWidth, WrapLabel(message)), func(ok bool) {
		if ok {
			do()
		}
	}, e.win).Show()
}

// Write is a change to the store, run off the UI thread.
type Write func(s *data.Store) error

// FormDialog is a form in a dialog whose save button writes off the UI
// thread. When the write (or the form's own check) fails, the dialog
// stays open with everything typed and the problem shown under the form,
// in space kept for it so nothing moves.
type FormDialog struct {
	d    *dialog.CustomDialog
	msg  *widgets.Paragraph
	save *widget.Button
}

// formMessageLines is how many lines of problem text the form dialog
// keeps room for.
const formMessageLines = 2

// ShowFormDialog shows form. save runs on the UI thread when the save
// button is tapped: it reads the form and returns the write to run off
// the UI thread, or an error to show at once. After a write succeeds the
// dialog closes and saved (if not nil) runs on the UI thread.
func (e *Env) ShowFormDialog(title, saveLabel string, form *widget.Form, save func() (Write, error), saved func()) *FormDialog {
	return e.ShowForm(FormSpec{Title: title, SaveLabel: saveLabel, Form: form, Saved: saved,
		Save: func(done func(error)) {
			write, err := save()
			if err != nil {
				done(err)
				return
			}
			e.Background(func(s *data.Store) func() {
				err := write(s)
				return func() { done(err) }
			})
		}})
}

// FormSpec is a form dialog for ShowForm.
type FormSpec struct {
	Title, SaveLabel string
	Form             *widget.Form
	// Top, when set, is shown above the form (a RecordForm's Notice).
	Top fyne.CanvasObject
	// Save runs on the UI thread when the save button is tapped and calls
	// done on the UI thread: nil once saved (the dialog closes), or the
	// problem to show under the form (ErrNotSaved: nothing to show).
	Save func(done func(error))
	// Saved, when set, runs after a successful save closed the dialog.
	Saved func()
	// Unsaved, when set, says whether the form holds edits: Cancel then
	// asks before dropping them.
	Unsaved func() bool
	// Closed, when set, runs when the dialog closes, saved or not.
	Closed func()
}

// ShowForm shows a form dialog (see FormSpec). The save button is
// disabled while a save runs.
func (e *Env) ShowForm(spec FormSpec) *FormDialog {
	fd := &FormDialog{msg: ErrorLabel("")}
	lineHeight := fyne.MeasureText("Ag运", theme.TextSize(), fyne.TextStyle{}).Height
	room := AtLeast(fyne.NewSize(0, formMessageLines*lineHeight+2*theme.InnerPadding()), fd.msg)
	content := container.NewVBox(spec.Form, room)
	if spec.Top != nil {
		content = container.NewVBox(spec.Top, spec.Form, room)
	}
	fd.d = dialog.NewCustomWithoutButtons(spec.Title, FixedWidth(FormDialogWidth, content), e.win)
	if spec.Closed != nil {
		fd.d.SetOnClosed(spec.Closed)
	}
	cancel := widget.NewButton(e.T("action.cancel"), func() {
		if spec.Unsaved != nil && spec.Unsaved() {
			e.ConfirmDiscard([]string{spec.Title}, fd.d.Hide)
			return
		}
		fd.d.Hide()
	})
	fd.save = widget.NewButtonWithIcon(spec.SaveLabel, theme.ConfirmIcon(), func() {
		fd.save.Disable()
		fd.msg.SetText("")
		spec.Save(func(err error) {
			fd.save.Enable()
			switch {
			case errors.Is(err, ErrNotSaved):
			case err != nil:
				e.noteGone(err)
				fd.msg.SetText(e.ErrorText(err))
			default:
				fd.d.Hide()
				if spec.Saved != nil {
					spec.Saved()
				}
			}
		})
	})
	fd.save.Importance = widget.HighImportance
	fd.d.SetButtons([]fyne.CanvasObject{cancel, fd.save})
	fd.d.Show()
	return fd
}

// Unsaved is a screen that may hold edits not saved yet. Switching
// screens keeps every screen as it is, so nothing is lost by navigating;
// the shell asks (ConfirmDiscard) before it would drop a screen with
// edits: closing the window, changing the language, restoring a backup,
// opening another database.
type Unsaved interface {
	// UnsavedEdits names what holds edits not saved yet (a scenario's
	// name, "team member 王芳"); none when everything is saved.
	UnsavedEdits() []string
}

// ConfirmDiscard asks before dropping unsaved edits to what: keep
// editing (nothing happens) or discard them (discard runs).
func (e *Env) ConfirmDiscard(what []string, discard func()) {
	msg := e.T("unsaved.message", "What", strings.Join(what, e.T("list.separator")))
	d := dialog.NewCustomConfirm(e.T("unsaved.title"), e.T("unsaved.discard"), e.T("unsaved.keep_editing"),
		FixedWidth(DialogWidth, WrapLabel(msg)), func(ok bool) {
			if ok {
				discard()
			}
		}, e.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// Hide closes the dialog.
func (fd *FormDialog) Hide() { fd.d.Hide() }

// Progress is a dialog showing long work with a Cancel button.
type Progress struct {
	d        *dialog.CustomDialog
	bar      *widget.ProgressBar
	finished bool
}

// ShowProgress shows a progress dialog titled title: a bar that fills
// with SetValue, or a moving bar when the amount of work is not known.
// cancel runs (on the UI thread) when the person cancels; Done closes the
// dialog without it.
func (e *Env) ShowProgress(title string, known bool, cancel func()) *Progress {
	p := &Progress{}
	var bar fyne.CanvasObject = widget.NewProgressBarInfinite()
	if known {
		p.bar = widget.NewProgressBar()
		bar = p.bar
	}
	p.d = dialog.NewCustom(title, e.T("action.cancel"), FixedWidth(ProgressWidth, bar), e.win)
	p.d.SetOnClosed(func() {
		if !p.finished && cancel != nil {
			cancel()
		}
	})
	p.d.Show()
	return p
}

// SetValue shows how much is done, from 0 to 1.
func (p *Progress) SetValue(f float64) {
	if p.bar != nil {
		p.bar.SetValue(f)
	}
}

// Done closes the dialog once the work ended.
func (p *Progress) Done() {
	p.finished = true
	p.d.Hide()
}

// RunWithProgress runs work off the UI thread behind a progress dialog
// whose Cancel button cancels work's context; progress reports may come
// from any goroutine. done runs on the UI thread with work's error.
func (e *Env) RunWithProgress(title string, work func(ctx context.Context, s *data.Store, progress func(n, total int)) error, done func(error)) {
	ctx, cancel := context.WithCancel(e.ctx)
	p := e.ShowProgress(title, true, cancel)
	e.Background(func(s *data.Store) func() {
		err := work(ctx, s, func(n, total int) {
			if total > 0 {
				e.do(func() { p.SetValue(float64(n) / float64(total)) })
			}
		})
		return func() {
			cancel()
			p.Done()
			done(err)
		}
	})
}
