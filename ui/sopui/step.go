package sopui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// stepChoices are the step statuses as choices.
func stepChoices(tr *ui.Translator) ui.Choices {
	var cs ui.Choices
	for _, s := range app.StepStatuses() {
		cs = append(cs, ui.Choice{Value: string(s), Label: stepStatusText(tr, s)})
	}
	return cs
}

// openStep reads a step of a run and shows its dialog: how to do it
// well, status (a reason when blocked or skipped), owner (a hand-off when
// it changes), due date, note and the record form. saved runs after a
// save.
func openStep(env Env, stepID string, saved func()) {
	day := today()
	env.Background(func(s *data.Store) func() {
		f, err := s.StepForm(env.Context(), stepID, day)
		var people []app.Person
		if err == nil {
			people, err = s.People(env.Context())
		}
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.step.open_failed"), err)
				return
			}
			showStepDialog(env, f, people, day, saved)
		}
	})
}

// stepDialog is the open dialog of a step.
type stepDialog struct {
	ed      *editDialog
	status  *widget.Select
	reason  *widget.Entry
	owner   *widget.Select
	handoff *widget.Entry
	due     *widget.Entry
	note    *widget.Entry
	form    *recordForm
	fields  fieldSet
	done    *widget.Button
}

func showStepDialog(env Env, f data.StepForm, people []app.Person, day app.Date, saved func()) *stepDialog {
	tr := env.Translator()
	st := f.Step
	d := &stepDialog{}
	statuses := stepChoices(tr)
	d.status = selectOf(statuses, string(st.Status), nil)
	d.reason = widget.NewEntry()
	d.reason.SetText(st.Reason)
	owners := personChoices(people, st.OwnerID)
	d.owner = selectOf(owners, st.OwnerID, nil)
	d.handoff = widget.NewEntry()
	d.handoff.SetPlaceHolder(tr.T("sop.step.handoff_placeholder"))
	d.due = dateEntry(st.Due)
	d.note = widget.NewMultiLineEntry()
	d.note.SetText(st.Note)
	d.note.SetMinRowsVisible(2)

	reasonF := newField("reason", tr.T("field.sop_step.reason"), d.reason, tr.T("sop.step.reason_hint"))
	ownerF := newField("owner", tr.T("field.sop_step.owner_id"), d.owner, tr.T("sop.step.owner_hint"))
	handoffF := newField("handoff_note", tr.T("sop.step.handoff_note"), d.handoff, "")
	dueF := newField("due", tr.T("field.sop_step.due"), d.due, tr.T("sop.step.due_hint", "Start", f.Run.Start.String()))
	noteF := newField("note", tr.T("field.sop_step.note"), d.note, "")
	statusF := newField("status", tr.T("field.sop_step.status"), d.status, "")
	d.fields = fieldSet{statusF, reasonF, ownerF, handoffF, dueF, noteF}
	d.form = newRecordForm(tr, f.Def.Fields, f.Values)

	due := shortDate(st.Due, day)
	if st.Status.Open() {
		due = dueText(tr, st.Due, day)
	}
	where := tr.T("sop.step.where", "Run", f.Run.Title, "Stage", st.StageTitle, "Due", due)
	if f.Run.SKU != "" {
		where = tr.T("sop.step.where_sku", "Run", f.Run.Title, "SKU", f.Run.SKU, "Stage", st.StageTitle, "Due", due)
	}
	parts := []fyne.CanvasObject{ui.SectionLabel(st.Title), ui.WrapLabel(where)}
	if f.Def.Description != "" {
		how := widget.NewAccordion(widget.NewAccordionItem(tr.T("sop.step.how"), ui.WrapLabel(f.Def.Description)))
		how.Open(0)
		parts = append(parts, how)
	}
	parts = append(parts, fieldGrid(statusF, reasonF, ownerF, handoffF, dueF, noteF))
	if len(f.Def.Fields) > 0 {
		parts = append(parts, widget.NewSeparator(), ui.SectionLabel(tr.T("sop.step.record")), d.form.root)
	}
	content := container.NewVBox(parts...)

	save := func() ui.Write {
		d.fields.clear()
		vals, bad := d.form.values()
		status := app.StepStatus(statuses.Value(d.status.Selected))
		due, ok := parseDay(d.due.Text)
		if !ok || due.IsZero() {
			dueF.setProblem(tr.T("sop.record.not_date"))
			bad = true
		}
		if status.NeedsReason() && d.reason.Text == "" {
			reasonF.setProblem(tr.T("sop.step.reason_required"))
			bad = true
		}
		if status == app.StepDone && st.Status != app.StepDone {
			if i := d.form.missingRequired(); i >= 0 {
				d.form.fields[i].setProblem(tr.T("sop.record.required_to_finish"))
				bad = true
			}
		}
		if bad {
			return nil
		}
		note := d.note.Text
		change := app.StepChange{Status: status, Reason: d.reason.Text, OwnerID: owners.Value(d.owner.Selected), Due: due,
			Note: &note, HandOffNote: d.handoff.Text}
		return func(s *data.Store) error {
			_, err := s.SaveStep(env.Context(), st.ID, day, change, vals)
			return err
		}
	}
	place := func(err error) bool { return d.form.showMissing(err) || d.fields.show(tr, err) }
	d.done = widget.NewButton(tr.T("sop.step.save_done"), nil)
	size := fyne.NewSize(editDialogWidth, editDialogHeight)
	d.ed = showEditDialog(env, tr.T("sop.step.title"), tr.T("action.save"), size, content, []fyne.CanvasObject{d.done}, save, place, saved)
	d.done.OnTapped = func() {
		d.status.SetSelected(stepStatusText(tr, app.StepDone))
		d.ed.run(save, saved)
	}
	if st.Status == app.StepDone {
		d.done.Disable()
	}
	return d
}
