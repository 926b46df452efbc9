package sopui

import (
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
// record form. saved runs after a save.
func openEntry(env Env, entryID string, saved func()) {
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
			showEntryDialog(env, e, it, vals, saved)
		}
	})
}

func showEntryDialog(env Env, e app.ChecklistEntry, it app.ChecklistItem, vals map[string]app.Value, saved func()) {
	tr := env.Translator()
	day := today()
	statuses := entryChoices(tr)
	status := selectOf(statuses, string(e.Status), nil)
	reason := widget.NewEntry()
	reason.SetText(e.Reason)
	note := widget.NewMultiLineEntry()
	note.SetText(e.Note)
	note.SetMinRowsVisible(2)
	statusF := newField("status", tr.T("field.checklist_entry.status"), status, "")
	reasonF := newField("reason", tr.T("field.checklist_entry.reason"), reason, tr.T("sop.entry.reason_hint"))
	noteF := newField("note", tr.T("field.checklist_entry.note"), note, "")
	fields := fieldSet{statusF, reasonF, noteF}
	form := newRecordForm(tr, it.Fields, vals)

	who := tr.T("sop.entry.where", "Day", dueText(tr, e.Day, day), "Owner", personName(tr, e.OwnerName), "Schedule", scheduleText(tr, it.Schedule))
	parts := []fyne.CanvasObject{ui.SectionLabel(it.Title), ui.WrapLabel(who)}
	if it.Description != "" {
		parts = append(parts, ui.WrapLabel(it.Description))
	}
	parts = append(parts, fieldGrid(statusF, reasonF, noteF))
	if len(it.Fields) > 0 {
		parts = append(parts, widget.NewSeparator(), ui.SectionLabel(tr.T("sop.step.record")), form.root)
	}
	save := func() ui.Write {
		fields.clear()
		values, bad := form.values()
		st := app.EntryStatus(statuses.Value(status.Selected))
		if st == app.EntrySkipped && reason.Text == "" {
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
			return nil
		}
		n := note.Text
		change := data.EntryChange{Status: st, Reason: reason.Text, Note: &n, Values: values}
		return func(s *data.Store) error {
			_, err := s.SaveChecklistEntry(env.Context(), e.ID, change)
			return err
		}
	}
	place := func(err error) bool { return form.showMissing(err) || fields.show(tr, err) }
	done := widget.NewButton(tr.T("sop.step.save_done"), nil)
	ed := showEditDialog(env, tr.T("sop.entry.title"), tr.T("action.save"), fyne.NewSize(editDialogWidth, editDialogHeight),
		container.NewVBox(parts...), []fyne.CanvasObject{done}, save, place, saved)
	done.OnTapped = func() {
		status.SetSelected(entryStatusText(tr, app.EntryDone))
		ed.run(save, saved)
	}
	if e.Status == app.EntryDone {
		done.Disable()
	}
}
