package sopui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// itemsShare is the item list's share of the checklists tab's width.
const itemsShare = 0.34

// entryRow is one checklist entry as the history table shows it.
type entryRow struct {
	id, day, title, owner, status, doneBy, note string
	late                                        bool
}

// checklistsTab lists the recurring items (each with its owner and
// schedule; a tap edits it) beside the history of their entries (a tap
// opens one).
type checklistsTab struct {
	env   Env
	root  fyne.CanvasObject
	list  *widget.List
	items []app.ChecklistItem
	table *widgets.PagedTable[entryRow]
}

func newChecklistsTab(env Env, forms *openForms) *checklistsTab {
	tr := env.Translator()
	t := &checklistsTab{env: env}
	t.list = widget.NewList(func() int { return len(t.items) },
		twoLines,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.items) {
				return
			}
			it := t.items[i]
			owner, imp := it.OwnerName, widget.MediumImportance
			if it.OwnerID == "" {
				owner, imp = tr.T("sop.checklists.no_owner"), widget.WarningImportance
			}
			setTwoLines(o, it.Title, tr.T("sop.checklists.item_line", "Owner", owner, "Schedule", scheduleText(tr, it.Schedule)), imp)
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		t.list.UnselectAll()
		if i < len(t.items) {
			editChecklistItem(env, t.items[i], t.changed, forms)
		}
	}
	add := widget.NewButtonWithIcon(tr.T("sop.checklists.new"), theme.ContentAddIcon(), func() {
		editChecklistItem(env, app.ChecklistItem{Schedule: app.Schedule{Kind: app.ScheduleWorkdays}}, t.changed, forms)
	})
	hint := ui.WrapLabel(tr.T("sop.checklists.hint"))
	left := container.NewBorder(container.NewVBox(container.NewHBox(add), hint), nil, nil, nil, t.list)

	statuses := []widgets.Option{}
	for _, c := range entryChoices(tr) {
		statuses = append(statuses, widgets.Option{Value: c.Value, Label: c.Label})
	}
	t.table = widgets.NewPagedTable(widgets.PagedTableConfig[entryRow]{
		Columns: []widgets.Column[entryRow]{
			{Label: tr.T("field.checklist_entry.day"), Width: 150, Sort: data.EntrySortDay, Text: func(r entryRow) string { return r.day },
				Importance: func(r entryRow) widget.Importance {
					if r.late {
						return widget.DangerImportance
					}
					return widget.MediumImportance
				}},
			{Label: tr.T("field.checklist_item.title"), Width: 230, Sort: data.EntrySortItem, Text: func(r entryRow) string { return r.title }},
			{Label: tr.T("field.checklist_item.owner_id"), Width: 80, Text: func(r entryRow) string { return r.owner }},
			{Label: tr.T("field.checklist_entry.status"), Width: 70, Sort: data.EntrySortStatus, Text: func(r entryRow) string { return r.status }},
			{Label: tr.T("field.checklist_entry.done_by"), Width: 80, Text: func(r entryRow) string { return r.doneBy }},
			{Label: tr.T("field.checklist_entry.note"), Width: 150, Text: func(r entryRow) string { return r.note }},
		},
		Filters: []widgets.Filter{
			{Key: data.EntryFilterItem, Label: tr.T("sop.checklists.filter_item")},
			{Key: data.EntryFilterOwner, Label: tr.T("field.checklist_item.owner_id")},
			{Key: data.EntryFilterStatus, Label: tr.T("field.checklist_entry.status"), Options: statuses},
		},
		Search: true,
		Sort:   data.EntrySortDay, Desc: true,
		Load: func(ctx context.Context, q app.ListQuery) ([]entryRow, int, error) {
			day := today()
			var entries []app.ChecklistEntry
			var total int
			err := withStore(env, func(s *data.Store) error {
				var err error
				entries, total, err = s.ListChecklistEntries(ctx, q)
				return err
			})
			rows := make([]entryRow, len(entries))
			for i, e := range entries {
				rows[i] = entryRow{id: e.ID, title: e.Title, owner: e.OwnerName, status: entryStatusText(tr, e.Status),
					doneBy: e.DoneByName, note: e.Note, day: shortDate(e.Day, day)}
				if e.Status == app.EntryTodo {
					rows[i].day = dueText(tr, e.Day, day)
					rows[i].late = e.Day < day
				}
				if e.Status == app.EntrySkipped {
					rows[i].note = e.Reason
				}
			}
			return rows, total, err
		},
		ID:         func(r entryRow) string { return r.id },
		T:          tr.T,
		OnSelected: func(id string) { openEntry(env, id, t.table.Reload, forms) },
		Export:     func(x *widgets.Export) { exportTable(env, x) },
		Title:      tr.T("sop.checklists.sheet"),
		Go:         env.Go,
		Do:         env.Do,
	})
	right := container.NewBorder(ui.SectionLabel(tr.T("sop.checklists.history")), nil, nil, nil, t.table)
	split := container.NewHSplit(left, right)
	split.Offset = itemsShare
	t.root = split
	return t
}

func (t *checklistsTab) changed() {
	t.load()
}

// load reads the items again (and makes today's entries of an item that
// just got its owner) and the history.
func (t *checklistsTab) load() {
	env := t.env
	day := today()
	env.Background(func(s *data.Store) func() {
		ctx := env.Context()
		_, err := s.GenerateChecklist(ctx, officeCalendar(), day)
		var items []app.ChecklistItem
		var people []app.Person
		if err == nil {
			items, err = s.ChecklistItems(ctx, false)
		}
		if err == nil {
			people, err = s.People(ctx)
		}
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			t.items = items
			t.list.Refresh()
			var opts []widgets.Option
			for _, it := range items {
				opts = append(opts, widgets.Option{Value: it.ID, Label: it.Title})
			}
			t.table.SetFilterOptions(data.EntryFilterItem, opts)
			t.table.SetFilterOptions(data.EntryFilterOwner, peopleOptions(people))
			t.table.Reload()
		}
	})
}
