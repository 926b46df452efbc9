package sopui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// editChecklistItem reads the team and shows the form of a checklist
// item (a new one when it.ID is ""); saved runs after a save or removal;
// forms, when set, holds the dialog while it is open.
func editChecklistItem(env Env, it app.ChecklistItem, saved func(), forms *openForms) {
	env.Background(func(s *data.Store) func() {
		people, err := s.People(env.Context())
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			forms.add(showChecklistItem(env, it, people, saved))
		}
	})
}

// itemForm is a checklist item's form. An existing item's follows the
// item while other desks change it (ui.RecordForm: it reads and fills
// the item's columns, data.ChecklistItemValues).
type itemForm struct {
	tr       *ui.Translator
	item     app.ChecklistItem // as typed: its Fields are edited in place
	title    *widget.Entry
	desc     *widget.Entry
	owners   ui.Choices
	owner    *widget.Select
	kinds    ui.Choices
	kind     *widget.Select
	days     []*widget.Check // by weekday, Sunday 0
	weekdays ui.Choices
	weekday  *widget.Select
	monthDay *widget.Entry
	archived *widget.Check
	form     *formEditor
	// shown hides the schedule fields the chosen kind does not use.
	shown func(app.ScheduleKind)
}

// read is the item the form describes.
func (f *itemForm) read() app.ChecklistItem {
	q := f.item
	q.Title, q.Description, q.OwnerID, q.Archived = f.title.Text, f.desc.Text, f.owners.Value(f.owner.Selected), f.archived.Checked
	q.Fields = slices.Clone(f.item.Fields)
	q.Schedule = app.Schedule{Kind: app.ScheduleKind(f.kinds.Value(f.kind.Selected)), OffDay: f.item.Schedule.OffDay,
		Start: f.item.Schedule.Start, End: f.item.Schedule.End}
	switch q.Schedule.Kind {
	case app.ScheduleWeekdays:
		for d, c := range f.days {
			if c.Checked {
				q.Schedule.Weekdays = append(q.Schedule.Weekdays, time.Weekday(d))
			}
		}
	case app.ScheduleWeekly:
		n, _ := strconv.Atoi(f.weekdays.Value(f.weekday.Selected))
		q.Schedule.Weekday = time.Weekday(n)
	case app.ScheduleMonthly:
		n, err := strconv.Atoi(strings.TrimSpace(f.monthDay.Text))
		if err != nil {
			n = 0 // refused by Validate, beside the entry
		}
		q.Schedule.MonthDay = n
	}
	return q
}

// Values implements ui.RecordFields.
func (f *itemForm) Values() (map[string]any, error) { return data.ChecklistItemValues(f.read()) }

// Fill implements ui.RecordFields.
func (f *itemForm) Fill(v map[string]any) error {
	it, err := data.ChecklistItemFromValues(v)
	if err != nil {
		return err
	}
	it.ID, it.Builtin, it.Position, it.Schedule.Start, it.Schedule.End = f.item.ID, f.item.Builtin, f.item.Position, f.item.Schedule.Start, f.item.Schedule.End
	f.fill(it)
	return nil
}

func (f *itemForm) fill(it app.ChecklistItem) {
	f.item = it
	f.item.Fields = slices.Clone(it.Fields)
	f.title.SetText(it.Title)
	f.desc.SetText(it.Description)
	f.owner.SetSelected(f.owners.Label(it.OwnerID))
	f.kind.SetSelected(f.kinds.Label(string(it.Schedule.Kind)))
	for d, c := range f.days {
		c.SetChecked(slices.Contains(it.Schedule.Weekdays, time.Weekday(d)))
	}
	f.weekday.SetSelected(f.weekdays.Label(strconv.Itoa(int(it.Schedule.Weekday))))
	f.monthDay.SetText("")
	if it.Schedule.MonthDay > 0 {
		f.monthDay.SetText(strconv.Itoa(it.Schedule.MonthDay))
	}
	f.archived.SetChecked(it.Archived)
	if f.form != nil {
		f.form.fields = &f.item.Fields
		f.form.rebuild()
	}
	if f.shown != nil {
		f.shown(it.Schedule.Kind)
	}
}

func newItemForm(tr *ui.Translator, it app.ChecklistItem, people []app.Person) *itemForm {
	f := &itemForm{tr: tr, title: widget.NewEntry(), desc: widget.NewMultiLineEntry(), monthDay: widget.NewEntry(),
		archived: widget.NewCheck(tr.T("sop.checklists.archived"), nil), days: make([]*widget.Check, 7)}
	f.desc.Wrapping = fyne.TextWrapWord
	f.desc.SetMinRowsVisible(2)
	f.owners = append(ui.Choices{{Value: "", Label: tr.T("sop.checklists.no_owner")}}, personChoices(people, it.OwnerID)...)
	f.owner = widget.NewSelect(f.owners.Labels(), nil)
	for _, k := range []app.ScheduleKind{app.ScheduleWorkdays, app.ScheduleWeekdays, app.ScheduleWeekly, app.ScheduleMonthly} {
		f.kinds = append(f.kinds, ui.Choice{Value: string(k), Label: tr.T("sop.schedule.kind." + string(k))})
	}
	f.kind = widget.NewSelect(f.kinds.Labels(), nil)
	for i := 0; i < 7; i++ {
		d := time.Weekday((i + 1) % 7) // Monday first
		f.days[d] = widget.NewCheck(weekdayText(tr, d), nil)
		f.weekdays = append(f.weekdays, ui.Choice{Value: strconv.Itoa(int(d)), Label: weekdayText(tr, d)})
	}
	f.weekday = widget.NewSelect(f.weekdays.Labels(), nil)
	f.fill(it)
	f.form = newFormEditor(tr, &f.item.Fields, nil)
	return f
}

func showChecklistItem(env Env, it app.ChecklistItem, people []app.Person, saved func()) *editDialog {
	tr := env.Translator()
	f := newItemForm(tr, it, people)
	var dayBoxes []fyne.CanvasObject
	for i := 0; i < 7; i++ {
		dayBoxes = append(dayBoxes, f.days[(i+1)%7])
	}
	weekdaysF := newField("weekdays", tr.T("field.schedule.weekdays"), container.NewGridWithColumns(7, dayBoxes...), "")
	weekdayF := newField("weekday", tr.T("field.schedule.weekday"), f.weekday, "")
	monthDayF := newField("month_day", tr.T("field.schedule.month_day"), f.monthDay, tr.T("sop.checklists.month_day_hint"))
	f.shown = func(k app.ScheduleKind) {
		for fl, on := range map[*field]bool{weekdaysF: k == app.ScheduleWeekdays, weekdayF: k == app.ScheduleWeekly, monthDayF: k == app.ScheduleMonthly} {
			for _, o := range []fyne.CanvasObject{fl.label, fl.input, fl.line} {
				if on {
					o.Show()
				} else {
					o.Hide()
				}
			}
		}
	}
	f.kind.OnChanged = func(label string) { f.shown(app.ScheduleKind(f.kinds.Value(label))) }
	f.shown(it.Schedule.Kind)

	titleF := newField("title", tr.T("field.checklist_item.title"), f.title, "")
	descF := newField("description", tr.T("field.checklist_item.description"), f.desc, tr.T("sop.checklists.description_hint"))
	ownerF := newField("owner", tr.T("field.checklist_item.owner_id"), f.owner, tr.T("sop.checklists.owner_hint"))
	kindF := newField("kind", tr.T("field.schedule.kind"), f.kind, "")
	fields := fieldSet{titleF, descF, ownerF, kindF, weekdaysF, weekdayF, monthDayF}
	formMsg := ui.ErrorLabel("")
	content := container.NewVBox(fieldGrid(titleF, descF, ownerF, kindF, weekdaysF, weekdayF, monthDayF), f.archived,
		widget.NewSeparator(), ui.SectionLabel(tr.T("sop.editor.record_form")), f.form.box, formMsg)

	place := func(err error) bool {
		f.form.mark(-1, nil, "")
		formMsg.SetText("")
		var at *app.FieldAt
		if errors.As(err, &at) {
			text := ui.ErrorText(tr, at.Err)
			f.form.mark(at.Index, at.Err, text)
			formMsg.SetText(tr.T("sop.checklists.field_problem", "N", at.Index+1, "Problem", text))
			return true
		}
		return fields.show(tr, err)
	}
	// check shows what is wrong with the item as typed, before a save.
	check := func() (app.ChecklistItem, bool) {
		fields.clear()
		n := f.read().Normalize()
		if err := n.Validate(); err != nil {
			place(err)
			return n, false
		}
		place(nil)
		return n, true
	}
	spec := editSpec{title: tr.T("sop.checklists.new_title"), saveLabel: tr.T("action.save"), size: fyne.NewSize(wideDialogWidth, editDialogHeight),
		content: content, place: place, what: tr.T("sop.checklists.what", "Title", it.Title), saved: saved}
	var ed *editDialog
	if it.ID == "" {
		blank, _ := f.Values()
		spec.unsaved = func() bool { v, _ := f.Values(); return !sameMaps(v, blank) }
		spec.save = func(done func(error)) {
			n, ok := check()
			if !ok {
				done(errMarked)
				return
			}
			day := today()
			writeSave(env, func(s *data.Store) error {
				_, err := s.SaveChecklistItem(env.Context(), n, day)
				return err
			})(done)
		}
		ed = showEdit(env, spec)
		return ed
	}
	rf := ui.NewRecordForm(env, "checklist_item", f)
	rf.Adopt(it.ID)
	spec.title, spec.top, spec.unsaved, spec.closed = tr.T("sop.checklists.edit_title"), rf.Notice(), rf.Dirty, rf.Close
	spec.save = func(done func(error)) {
		if _, ok := check(); !ok {
			done(errMarked)
			return
		}
		rf.Save(func(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
			return s.SaveChecklistItemChanges(ctx, snap, v, keep)
		}, done)
	}
	spec.extra = []fyne.CanvasObject{removeButton(env, tr.T("sop.checklists.remove"), tr.T("sop.checklists.remove_title"),
		tr.T("sop.checklists.remove_confirm", "Title", it.Title), tr.T("sop.checklists.remove_failed"), &ed,
		func(s *data.Store) error { return s.DeleteChecklistItem(env.Context(), it.ID) }, saved)}
	ed = showEdit(env, spec)
	return ed
}

// sameMaps reports whether two forms' values are the same.
func sameMaps(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !ui.SameValue(k, v, b[k]) {
			return false
		}
	}
	return true
}
