package sopui

import (
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
// item (a new one when it.ID is ""); saved runs after a save or removal.
func editChecklistItem(env Env, it app.ChecklistItem, saved func()) {
	env.Background(func(s *data.Store) func() {
		people, err := s.People(env.Context())
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			showChecklistItem(env, it, people, saved)
		}
	})
}

func showChecklistItem(env Env, it app.ChecklistItem, people []app.Person, saved func()) {
	tr := env.Translator()
	item := it
	item.Fields = slices.Clone(it.Fields)
	title := widget.NewEntry()
	title.SetText(it.Title)
	desc := widget.NewMultiLineEntry()
	desc.SetText(it.Description)
	desc.Wrapping = fyne.TextWrapWord
	desc.SetMinRowsVisible(2)
	owners := append(ui.Choices{{Value: "", Label: tr.T("sop.checklists.no_owner")}}, personChoices(people, it.OwnerID)...)
	owner := selectOf(owners, it.OwnerID, nil)
	if it.OwnerID == "" {
		owner.SetSelected(owners[0].Label)
	}

	kinds := ui.Choices{}
	for _, k := range []app.ScheduleKind{app.ScheduleWorkdays, app.ScheduleWeekdays, app.ScheduleWeekly, app.ScheduleMonthly} {
		kinds = append(kinds, ui.Choice{Value: string(k), Label: tr.T("sop.schedule.kind." + string(k))})
	}
	days := make([]*widget.Check, 7)
	var dayBoxes []fyne.CanvasObject
	for i := range days {
		d := time.Weekday((i + 1) % 7) // Monday first
		days[d] = widget.NewCheck(weekdayText(tr, d), nil)
		days[d].SetChecked(slices.Contains(it.Schedule.Weekdays, d))
		dayBoxes = append(dayBoxes, days[d])
	}
	weekdays := ui.Choices{}
	for i := 0; i < 7; i++ {
		d := time.Weekday((i + 1) % 7)
		weekdays = append(weekdays, ui.Choice{Value: strconv.Itoa(int(d)), Label: weekdayText(tr, d)})
	}
	weekday := selectOf(weekdays, strconv.Itoa(int(it.Schedule.Weekday)), nil)
	monthDay := widget.NewEntry()
	if it.Schedule.MonthDay > 0 {
		monthDay.SetText(strconv.Itoa(it.Schedule.MonthDay))
	}
	dayRow := container.NewGridWithColumns(7, dayBoxes...)
	weekdaysF := newField("weekdays", tr.T("field.schedule.weekdays"), dayRow, "")
	weekdayF := newField("weekday", tr.T("field.schedule.weekday"), weekday, "")
	monthDayF := newField("month_day", tr.T("field.schedule.month_day"), monthDay, tr.T("sop.checklists.month_day_hint"))
	kind := selectOf(kinds, string(it.Schedule.Kind), nil)
	showKind := func(k app.ScheduleKind) {
		for f, on := range map[*field]bool{weekdaysF: k == app.ScheduleWeekdays, weekdayF: k == app.ScheduleWeekly, monthDayF: k == app.ScheduleMonthly} {
			for _, o := range []fyne.CanvasObject{f.label, f.input, f.line} {
				if on {
					o.Show()
				} else {
					o.Hide()
				}
			}
		}
	}
	kind.OnChanged = func(label string) { showKind(app.ScheduleKind(kinds.Value(label))) }
	showKind(it.Schedule.Kind)
	archived := widget.NewCheck(tr.T("sop.checklists.archived"), nil)
	archived.SetChecked(it.Archived)

	titleF := newField("title", tr.T("field.checklist_item.title"), title, "")
	descF := newField("description", tr.T("field.checklist_item.description"), desc, tr.T("sop.checklists.description_hint"))
	ownerF := newField("owner", tr.T("field.checklist_item.owner_id"), owner, tr.T("sop.checklists.owner_hint"))
	kindF := newField("kind", tr.T("field.schedule.kind"), kind, "")
	fields := fieldSet{titleF, descF, ownerF, kindF, weekdaysF, weekdayF, monthDayF}
	fe := newFormEditor(tr, &item.Fields, nil)
	formMsg := ui.ErrorLabel("")
	content := container.NewVBox(fieldGrid(titleF, descF, ownerF, kindF, weekdaysF, weekdayF, monthDayF), archived,
		widget.NewSeparator(), ui.SectionLabel(tr.T("sop.editor.record_form")), fe.box, formMsg)

	read := func() (app.ChecklistItem, bool) {
		q := item
		q.Title, q.Description, q.OwnerID, q.Archived = title.Text, desc.Text, owners.Value(owner.Selected), archived.Checked
		q.Fields = slices.Clone(item.Fields)
		q.Schedule = app.Schedule{Kind: app.ScheduleKind(kinds.Value(kind.Selected)), OffDay: it.Schedule.OffDay,
			Start: it.Schedule.Start, End: it.Schedule.End}
		switch q.Schedule.Kind {
		case app.ScheduleWeekdays:
			for d, c := range days {
				if c.Checked {
					q.Schedule.Weekdays = append(q.Schedule.Weekdays, time.Weekday(d))
				}
			}
		case app.ScheduleWeekly:
			n, _ := strconv.Atoi(weekdays.Value(weekday.Selected))
			q.Schedule.Weekday = time.Weekday(n)
		case app.ScheduleMonthly:
			n, err := strconv.Atoi(strings.TrimSpace(monthDay.Text))
			if err != nil {
				n = 0 // refused by Validate, beside the entry
			}
			q.Schedule.MonthDay = n
		}
		return q, true
	}
	place := func(err error) bool {
		fe.mark(-1, nil, "")
		formMsg.SetText("")
		var at *app.FieldAt
		if errors.As(err, &at) {
			text := ui.ErrorText(tr, at.Err)
			fe.mark(at.Index, at.Err, text)
			formMsg.SetText(tr.T("sop.checklists.field_problem", "N", at.Index+1, "Problem", text))
			return true
		}
		return fields.show(tr, err)
	}
	save := func() ui.Write {
		fields.clear()
		q, _ := read()
		n := q.Normalize()
		if err := n.Validate(); err != nil {
			place(err)
			return nil
		}
		place(nil)
		day := today()
		return func(s *data.Store) error {
			_, err := s.SaveChecklistItem(env.Context(), n, day)
			return err
		}
	}
	var extra []fyne.CanvasObject
	var ed *editDialog
	if it.ID != "" {
		remove := removeButton(env, tr.T("sop.checklists.remove"), tr.T("sop.checklists.remove_title"),
			tr.T("sop.checklists.remove_confirm", "Title", it.Title), tr.T("sop.checklists.remove_failed"), &ed,
			func(s *data.Store) error { return s.DeleteChecklistItem(env.Context(), it.ID) }, saved)
		extra = append(extra, remove)
	}
	name := tr.T("sop.checklists.edit_title")
	if it.ID == "" {
		name = tr.T("sop.checklists.new_title")
	}
	ed = showEditDialog(env, name, tr.T("action.save"), fyne.NewSize(wideDialogWidth, editDialogHeight), content, extra, save, place, saved)
}
