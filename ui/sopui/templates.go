package sopui

import (
	"errors"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// templatesShare is the template list's share of the tab's width.
const templatesShare = 0.24

// templatesTab lists the templates beside the editor of the one picked,
// with new, import and export; a picked template starts runs, is archived
// or deleted (archived when runs use it).
type templatesTab struct {
	env       Env
	root      fyne.CanvasObject
	list      *widget.List
	templates []app.Template
	archived  *widget.Check
	right     *fyne.Container
	editor    *templateEditor
	// runsChanged runs after a run was started here.
	runsChanged func()
}

func newTemplatesTab(env Env, runsChanged func()) *templatesTab {
	tr := env.Translator()
	t := &templatesTab{env: env, runsChanged: runsChanged, right: container.NewStack()}
	t.list = widget.NewList(func() int { return len(t.templates) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.templates) {
				return
			}
			tp := t.templates[i]
			text := tr.T("sop.templates.item", "Name", tp.Name, "Version", tp.Version, "Count", tp.Runs)
			if tp.Archived {
				text = tr.T("sop.templates.item_archived", "Item", text)
			}
			o.(*widget.Label).SetText(text)
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		if i < len(t.templates) {
			t.pick(t.templates[i])
		}
	}
	t.archived = widget.NewCheck(tr.T("sop.templates.show_archived"), func(bool) { t.load() })
	add := widgets.NewTipButton(tr.T("sop.templates.new"), theme.ContentAddIcon(), tr.T("sop.templates.new_tip"), func() {
		t.pick(app.Template{Body: app.TemplateBody{Stages: []app.Stage{{Steps: []app.Step{{Days: 1, Count: app.CountWorkdays}}}}}})
	})
	imp := widgets.NewTipButton(tr.T("sop.templates.import"), theme.FolderOpenIcon(), tr.T("sop.templates.import_tip"), t.importFile)
	exp := widgets.NewTipButton(tr.T("sop.templates.export_all"), theme.DocumentSaveIcon(), tr.T("sop.templates.export_tip"), func() { t.exportFile(nil, true) })
	left := container.NewBorder(container.NewVBox(container.NewGridWithColumns(3, add, imp, exp), t.archived), nil, nil, nil, t.list)
	t.right.Objects = []fyne.CanvasObject{container.NewPadded(ui.WrapLabel(tr.T("sop.templates.pick")))}
	split := container.NewHSplit(left, t.right)
	split.Offset = templatesShare
	t.root = split
	return t
}

func (t *templatesTab) load() {
	env := t.env
	withArchived := t.archived.Checked
	env.Background(func(s *data.Store) func() {
		ts, err := s.Templates(env.Context(), withArchived)
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			t.templates = ts
			t.list.Refresh()
		}
	})
}

// pick opens template tp in the editor, asking first when the one open
// has unsaved edits.
func (t *templatesTab) pick(tp app.Template) {
	env := t.env
	open := func() {
		if t.editor != nil {
			t.editor.close()
		}
		t.editor = newTemplateEditor(env, tp, func(saved app.Template) {
			t.load()
			if tp.ID == "" {
				t.pick(saved) // a new template is edited as stored from now on
			}
		})
		actions := t.actions(tp)
		t.right.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(actions), nil, nil, nil, container.NewPadded(t.editor.root))}
		t.right.Refresh()
	}
	if t.editor != nil && t.editor.unsaved() && (t.editor.tpl.ID != tp.ID || tp.ID == "") {
		env.ConfirmDiscard([]string{t.editor.what()}, open)
		return
	}
	open()
}

// actions are the picked template's buttons: start a run, export,
// archive or bring back, delete.
func (t *templatesTab) actions(tp app.Template) fyne.CanvasObject {
	env, tr := t.env, t.env.Translator()
	if tp.ID == "" {
		return container.NewHBox()
	}
	start := widgets.NewTipButton(tr.T("sop.runs.start"), theme.MediaPlayIcon(), tr.T("sop.templates.start_tip"), func() {
		startRun(env, tp.ID, func(app.Run) {
			env.Inform(tr.T("sop.start.title"), tr.T("sop.start.started"))
			if t.runsChanged != nil {
				t.runsChanged()
			}
		}, nil)
	})
	if tp.Archived {
		start.Disable()
	}
	export := widgets.NewTipButton(tr.T("sop.templates.export"), theme.DocumentSaveIcon(), tr.T("sop.templates.export_one_tip"), func() {
		t.exportFile([]string{tp.ID}, false)
	})
	archive := widgets.NewTipButton(tr.T("sop.templates.archive"), theme.FolderIcon(), tr.T("sop.templates.archive_tip"), func() {
		t.write(func(s *data.Store) error { return s.SetTemplateArchived(env.Context(), tp.ID, !tp.Archived) }, nil)
	})
	if tp.Archived {
		archive.SetText(tr.T("sop.templates.unarchive"))
	}
	del := widgets.NewTipButton(tr.T("sop.templates.delete"), theme.DeleteIcon(), tr.T("sop.templates.delete_tip"), func() {
		env.Confirm(tr.T("sop.templates.delete_title"), tr.T("sop.templates.delete_confirm", "Name", tp.Name), tr.T("sop.templates.delete"), func() {
			var archived bool
			t.write(func(s *data.Store) error {
				var err error
				archived, err = s.DeleteTemplate(env.Context(), tp.ID)
				return err
			}, func() {
				if archived {
					env.Inform(tr.T("sop.templates.delete_title"), tr.T("sop.templates.archived_instead", "Name", tp.Name, "Runs", tp.Runs))
				}
				t.editor = nil
				t.right.Objects = []fyne.CanvasObject{container.NewPadded(ui.WrapLabel(tr.T("sop.templates.pick")))}
				t.right.Refresh()
			})
		})
	})
	del.Importance = widget.DangerImportance
	return container.NewHBox(start, export, archive, del)
}

func (t *templatesTab) write(w func(s *data.Store) error, after func()) {
	env := t.env
	env.Background(func(s *data.Store) func() {
		err := w(s)
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.templates.failed"), err)
				return
			}
			if after != nil {
				after()
			}
			t.list.UnselectAll()
			t.load()
		}
	})
}

// importFile asks for a template file and imports it whole, or says
// what is wrong with it and imports nothing.
func (t *templatesTab) importFile() {
	env, tr := t.env, t.env.Translator()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			env.ShowError(tr.T("sop.templates.import_failed"), err)
			return
		}
		if r == nil {
			return
		}
		day := today()
		env.Background(func(s *data.Store) func() {
			defer r.Close()
			b, err := io.ReadAll(io.LimitReader(r, app.MaxSOPFile+1))
			var res data.ImportResult
			if err == nil {
				var f app.SOPFile
				if f, err = app.ParseSOPFile(b); err == nil {
					res, err = s.ImportSOPFile(env.Context(), f, day)
				}
			}
			return func() {
				if err != nil {
					env.Inform(tr.T("sop.templates.import_failed"), fileProblem(tr, r.URI().Name(), err))
					return
				}
				env.Inform(tr.T("sop.templates.import"), tr.T("sop.templates.imported", "Templates", len(res.Templates), "Items", len(res.Checklists)))
				t.load()
			}
		})
	}, env.Window())
	d.SetFilter(storage.NewExtensionFileFilter([]string{".toml", ".json", ".txt"}))
	d.Show()
}

// fileProblem explains what is wrong with a template file: where, and
// what, in the user's language; nothing was imported.
func fileProblem(tr *ui.Translator, name string, err error) string {
	var fe *app.SOPFileError
	if !errors.As(err, &fe) {
		return ui.ErrorText(tr, err)
	}
	var at []string
	if fe.Line > 0 {
		at = append(at, tr.T("sop.file.line", "Line", fe.Line))
	}
	if fe.Template > 0 {
		at = append(at, tr.T("sop.file.template", "N", fe.Template, "Name", fe.Name))
	}
	if fe.Checklist > 0 {
		at = append(at, tr.T("sop.file.checklist", "N", fe.Checklist, "Name", fe.Name))
	}
	what := fe.Detail
	if fe.Err != nil {
		what = ui.ErrorText(tr, fe.Err)
		var ref *app.StepRef
		if errors.As(fe.Err, &ref) && ref.Stage >= 0 {
			at = append(at, tr.T("sop.editor.at_step", "Stage", ref.Stage+1, "Step", ref.Step+1))
		}
	}
	return tr.T("sop.file.problem", "File", name, "Where", strings.Join(at, tr.T("list.separator")), "Problem", what)
}

// exportFile asks where to save and writes the templates (all when ids
// is empty) and, when asked, the checklist items as a template file.
func (t *templatesTab) exportFile(ids []string, withChecklists bool) {
	env, tr := t.env, t.env.Translator()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			env.ShowError(tr.T("sop.templates.export_failed"), err)
			return
		}
		if w == nil {
			return
		}
		env.Background(func(s *data.Store) func() {
			f, err := s.ExportSOPFile(env.Context(), ids, withChecklists)
			var b []byte
			if err == nil {
				b, err = app.MarshalSOPFile(f)
			}
			if err == nil {
				_, err = w.Write(b)
			}
			err = errors.Join(err, w.Close())
			if err != nil {
				_ = storage.Delete(w.URI())
			}
			return func() {
				if err != nil {
					env.ShowError(tr.T("sop.templates.export_failed"), err)
					return
				}
				env.Inform(tr.T("sop.templates.export"), tr.T("sop.templates.exported", "Templates", len(f.Templates), "Items", len(f.Checklists), "Path", w.URI().Path()))
			}
		})
	}, env.Window())
	d.SetFileName(tr.T("sop.templates.file_name"))
	d.Show()
}
