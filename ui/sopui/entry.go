package sopui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// entryChoices are the checklist entry statuses as choices.
func entryChoices(tr *ui.Translator) ui.Choices {
	var cs ui.Choices
	for _, s := range []app.EntryStatus{app.EntryTodo, app.EntryDone, app.EntrySkipped} {
		cs = append(cs, ui.Choice{Value: string(s), Label: entryStatusText(tr, s)})
	}
	return cs
}

// openEntry reads a checklist entry with its item and shows its dialog:
// the item's description, status (a reason when skipped), note and the
// record form. saved runs after a save; forms, when set, holds the
// dialog while it is open.
func openEntry(env Env, entryID string, saved func(), forms *openForms) {
	env.Background(func(s *data.Store) func() {
		ctx := env.Context()
		e, err := s.ChecklistEntry(ctx, entryID)
		var it app.ChecklistItem
		var vals map[string]app.Value
		if err == nil {
			it, err = s.ChecklistItem(ctx, e.ItemID)
		}
		if err == nil {
			vals, err = s.Values(ctx, entryID)
		}
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.entry.open_failed"), err)
				return
			}
			forms.add(showEntryDialog(env, e, it, vals, saved))
		}
	})
}

// entryFields are a checklist entry dialog's fields, read and filled by
// column name for its record form (ui.RecordFields).
type entryFields struct {
	statuses ui.Choices
	status   *widget.Select
	reason   *widget.Entry
	note     *widget.Entry
}

func (f *entryFields) Values() (map[string]any, error) {
	return map[string]any{colStatus: f.statuses.Value(f.status.Selected), colReason: f.reason.Text, colNote: f.note.Text}, nil
}

func (f *entryFields) Fill(v map[string]any) error {
	f.status.SetSelected(f.statuses.Label(ui.ValueText(v[colStatus])))
	f.reason.SetText(ui.ValueText(v[colReason]))
	f.note.SetText(ui.ValueText(v[colNote]))
	return nil
}

func showEntryDialog(env Env, e app.ChecklistEntry, it app.ChecklistItem, vals map[string]app.Value, saved func()) *editDialog {
	tr := env.Translator()
	day := today()
	ef := &entryFields{statuses: entryChoices(tr), reason: widget.NewEntry(), note: widget.NewMultiLineEntry()}
	ef.status = widget.NewSelect(ef.statuses.Labels(), nil)
	ef.note.SetMinRowsVisible(2)
	_ = ef.Fill(map[string]any{colStatus: string(e.Status), colReason: e.Reason, colNote: e.Note})
	statusF := newField("status", tr.T("field.checklist_entry.status"), ef.status, "")
	reasonF := newField("reason", tr.T("field.checklist_entry.reason"), ef.reason, tr.T("sop.entry.reason_hint"))
	noteF := newField("note", tr.T("field.checklist_entry.note"), ef.note, "")
	fields := fieldSet{statusF, reasonF, noteF}
	form := newRecordForm(tr, it.Fields, vals)
	recorded := false
	form.onChange = func() { recorded = true }
	rf := ui.NewRecordForm(env, "checklist_entry", ef)
	rf.Adopt(e.ID)

	who := tr.T("sop.entry.where", "Day", dueText(tr, e.Day, day), "Owner", personName(tr, e.OwnerName), "Schedule", scheduleText(tr, it.Schedule))
	parts := []fyne.CanvasObject{ui.SectionLabel(it.Title), ui.WrapLabel(who)}
	if it.Description != "" {
		parts = append(parts, ui.WrapLabel(it.Description))
	}
	parts = append(parts, fieldGrid(statusF, reasonF, noteF))
	if len(it.Fields) > 0 {
		parts = append(parts, widget.NewSeparator(), ui.SectionLabel(tr.T("sop.step.record")), form.root)
	}
	save := func(done func(error)) {
		fields.clear()
		values, bad := form.values()
		st := app.EntryStatus(ef.statuses.Value(ef.status.Selected))
		if st == app.EntrySkipped && ef.reason.Text == "" {
			reasonF.setProblem(tr.T("sop.step.reason_required"))
			bad = true
		}
		if st == app.EntryDone && e.Status != app.EntryDone {
			if i := form.missingRequired(); i >= 0 {
				form.fields[i].setProblem(tr.T("sop.record.required_to_finish"))
				bad = true
			}
		}
		if bad {
			done(errMarked)
			return
		}
		rf.Save(func(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
			return s.SaveChecklistEntryChanges(ctx, snap, v, keep, values)
		}, done)
	}
	doneBtn := widget.NewButton(tr.T("sop.step.save_done"), nil)
	ed := showEdit(env, editSpec{title: tr.T("sop.entry.title"), saveLabel: tr.T("action.save"), size: fyne.NewSize(editDialogWidth, editDialogHeight),
		top: rf.Notice(), content: container.NewVBox(parts...), extra: []fyne.CanvasObject{doneBtn}, save: save,
		place:   func(err error) bool { return form.showMissing(err) || fields.show(tr, err) },
		unsaved: func() bool { return rf.Dirty() || recorded },
		what:    tr.T("sop.entry.what", "Title", it.Title, "Day", e.Day.String()), closed: rf.Close, saved: saved})
	doneBtn.OnTapped = func() {
		ef.status.SetSelected(entryStatusText(tr, app.EntryDone))
		ed.run()
	}
	if e.Status == app.EntryDone {
		doneBtn.Disable()
	}
	return ed
}
