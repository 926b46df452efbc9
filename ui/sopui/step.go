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
// save; forms, when set, holds the dialog while it is open.
func openStep(env Env, stepID string, saved func(), forms *openForms) {
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
			forms.add(showStepDialog(env, f, people, day, saved).ed)
		}
	})
}

// The step record's fields the dialog edits, by column name.
const (
	colStatus = "status"
	colReason = "reason"
	colOwner  = "owner_id"
	colDue    = "due"
	colNote   = "note"
)

// stepDialog is the open dialog of a step. It follows the step while
// other desks change it (ui.RecordForm) and saves only what was changed
// in it.
type stepDialog struct {
	ed       *editDialog
	rf       *ui.RecordForm
	statuses ui.Choices
	owners   ui.Choices
	status   *widget.Select
	reason   *widget.Entry
	owner    *widget.Select
	handoff  *widget.Entry
	due      *widget.Entry
	note     *widget.Entry
	form     *recordForm
	fields   fieldSet
	done     *widget.Button
	// recorded is set once a record-form value was typed in.
	recorded bool
}

// Values implements ui.RecordFields: the step's columns as the dialog
// shows them (the due date as typed; it is checked before saving).
func (d *stepDialog) Values() (map[string]any, error) {
	return map[string]any{colStatus: d.statuses.Value(d.status.Selected), colReason: d.reason.Text,
		colOwner: d.owners.Value(d.owner.Selected), colDue: d.due.Text, colNote: d.note.Text}, nil
}

// Fill implements ui.RecordFields.
func (d *stepDialog) Fill(v map[string]any) error {
	d.status.SetSelected(d.statuses.Label(ui.ValueText(v[colStatus])))
	d.reason.SetText(ui.ValueText(v[colReason]))
	d.owner.SetSelected(d.owners.Label(ui.ValueText(v[colOwner])))
	d.due.SetText(ui.ValueText(v[colDue]))
	d.note.SetText(ui.ValueText(v[colNote]))
	return nil
}

func showStepDialog(env Env, f data.StepForm, people []app.Person, day app.Date, saved func()) *stepDialog {
	tr := env.Translator()
	st := f.Step
	d := &stepDialog{statuses: stepChoices(tr), owners: personChoices(people, st.OwnerID)}
	d.status = widget.NewSelect(d.statuses.Labels(), nil)
	d.reason = widget.NewEntry()
	d.owner = widget.NewSelect(d.owners.Labels(), nil)
	d.handoff = widget.NewEntry()
	d.handoff.SetPlaceHolder(tr.T("sop.step.handoff_placeholder"))
	d.due = widget.NewEntry()
	d.due.SetPlaceHolder(app.DayLayout)
	d.note = widget.NewMultiLineEntry()
	d.note.SetMinRowsVisible(2)
	_ = d.Fill(map[string]any{colStatus: string(st.Status), colReason: st.Reason, colOwner: st.OwnerID, colDue: st.Due.String(), colNote: st.Note})

	reasonF := newField("reason", tr.T("field.sop_step.reason"), d.reason, tr.T("sop.step.reason_hint"))
	ownerF := newField("owner", tr.T("field.sop_step.owner_id"), d.owner, tr.T("sop.step.owner_hint"))
	handoffF := newField("handoff_note", tr.T("sop.step.handoff_note"), d.handoff, "")
	dueF := newField("due", tr.T("field.sop_step.due"), d.due, tr.T("sop.step.due_hint", "Start", f.Run.Start.String()))
	noteF := newField("note", tr.T("field.sop_step.note"), d.note, "")
	statusF := newField("status", tr.T("field.sop_step.status"), d.status, "")
	d.fields = fieldSet{statusF, reasonF, ownerF, handoffF, dueF, noteF}
	d.form = newRecordForm(tr, f.Def.Fields, f.Values)
	d.form.onChange = func() { d.recorded = true }
	d.rf = ui.NewRecordForm(env, "sop_step", d)
	d.rf.Adopt(st.ID)

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

	save := func(done func(error)) {
		d.fields.clear()
		vals, bad := d.form.values()
		status := app.StepStatus(d.statuses.Value(d.status.Selected))
		if due, ok := parseDay(d.due.Text); !ok || due.IsZero() {
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
			done(errMarked)
			return
		}
		handoff := d.handoff.Text
		d.rf.Save(func(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
			return s.SaveStepChanges(ctx, snap, v, keep, day, vals, handoff)
		}, done)
	}
	d.done = widget.NewButton(tr.T("sop.step.save_done"), nil)
	d.ed = showEdit(env, editSpec{title: tr.T("sop.step.title"), saveLabel: tr.T("action.save"), size: fyne.NewSize(editDialogWidth, editDialogHeight),
		top: d.rf.Notice(), content: container.NewVBox(parts...), extra: []fyne.CanvasObject{d.done}, save: save,
		place:   func(err error) bool { return d.form.showMissing(err) || d.fields.show(tr, err) },
		unsaved: func() bool { return d.rf.Dirty() || d.recorded || d.handoff.Text != "" },
		what:    tr.T("sop.step.what", "Step", st.Title), closed: d.rf.Close, saved: saved})
	d.done.OnTapped = func() {
		d.status.SetSelected(stepStatusText(tr, app.StepDone))
		d.ed.run()
	}
	if st.Status == app.StepDone {
		d.done.Disable()
	}
	return d
}
