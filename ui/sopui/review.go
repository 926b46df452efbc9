package sopui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// reviewRow is one weekly review entry as the table shows it.
type reviewRow struct {
	id, week, metric, change, action, owner, follow, status string
	late                                                    bool
}

// reviewTab is the weekly review (复盘): what was seen, why, what was
// decided and by whom; a week later, what it achieved. Open actions also
// show on their owner's Today.
type reviewTab struct {
	env   Env
	root  fyne.CanvasObject
	table *widgets.PagedTable[reviewRow]
}

func newReviewTab(env Env, forms *openForms) *reviewTab {
	tr := env.Translator()
	t := &reviewTab{env: env}
	open := []widgets.Option{{Value: "1", Label: tr.T("sop.review.open")}, {Value: "0", Label: tr.T("sop.review.closed")}}
	t.table = widgets.NewPagedTable(widgets.PagedTableConfig[reviewRow]{
		Columns: []widgets.Column[reviewRow]{
			{Label: tr.T("field.review.week"), Width: 96, Sort: data.ReviewSortWeek, Text: func(r reviewRow) string { return r.week }},
			{Label: tr.T("field.review.metric"), Width: 100, Sort: data.ReviewSortMetric, Text: func(r reviewRow) string { return r.metric }},
			{Label: tr.T("field.review.change"), Width: 110, Text: func(r reviewRow) string { return r.change }},
			{Label: tr.T("field.review.action"), Width: 260, Text: func(r reviewRow) string { return r.action }},
			{Label: tr.T("field.review.owner_id"), Width: 80, Text: func(r reviewRow) string { return r.owner }},
			{Label: tr.T("field.review.follow_up"), Width: 150, Sort: data.ReviewSortFollowUp, Text: func(r reviewRow) string { return r.follow },
				Importance: func(r reviewRow) widget.Importance {
					if r.late {
						return widget.DangerImportance
					}
					return widget.MediumImportance
				}},
			{Label: tr.T("sop.review.status"), Width: 70, Text: func(r reviewRow) string { return r.status }},
		},
		Filters: []widgets.Filter{
			{Key: data.ReviewFilterOpen, Label: tr.T("sop.review.status"), Options: open},
			{Key: data.ReviewFilterOwner, Label: tr.T("field.review.owner_id")},
		},
		Search: true,
		Sort:   data.ReviewSortWeek, Desc: true,
		Load: func(ctx context.Context, q app.ListQuery) ([]reviewRow, int, error) {
			day := today()
			var rs []app.Review
			var total int
			err := withStore(env, func(s *data.Store) error {
				var err error
				rs, total, err = s.ListReviews(ctx, q)
				return err
			})
			rows := make([]reviewRow, len(rs))
			for i, r := range rs {
				rows[i] = reviewRow{id: r.ID, week: r.Week.String(), metric: r.Metric, change: r.Change, action: r.Action,
					owner: r.OwnerName, follow: r.FollowUp.String(), status: tr.T("sop.review.closed")}
				if !r.Closed {
					rows[i].status = tr.T("sop.review.open")
					rows[i].follow = dueText(tr, r.FollowUp, day)
					rows[i].late = r.FollowUp < day
				}
			}
			return rows, total, err
		},
		ID:         func(r reviewRow) string { return r.id },
		T:          tr.T,
		OnSelected: func(id string) { openReview(env, id, t.table.Reload, forms) },
		Export:     func(x *widgets.Export) { exportTable(env, x) },
		Title:      tr.T("sop.review.sheet"),
		Go:         env.Go,
		Do:         env.Do,
	})
	add := widget.NewButtonWithIcon(tr.T("sop.review.new"), theme.ContentAddIcon(), func() {
		editReview(env, app.NewReview(today()), t.table.Reload, forms)
	})
	add.Importance = widget.HighImportance
	top := container.NewVBox(container.NewHBox(add), ui.WrapLabel(tr.T("sop.review.hint")))
	t.root = container.NewBorder(top, nil, nil, nil, t.table)
	return t
}

func (t *reviewTab) load() {
	env := t.env
	env.Background(func(s *data.Store) func() {
		people, err := s.People(env.Context())
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			t.table.SetFilterOptions(data.ReviewFilterOwner, peopleOptions(people))
			t.table.Reload()
		}
	})
}

// openReview reads a review entry and shows its form.
func openReview(env Env, id string, saved func(), forms *openForms) {
	env.Background(func(s *data.Store) func() {
		r, err := s.Review(env.Context(), id)
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.review.open_failed"), err)
				return
			}
			editReview(env, r, saved, forms)
		}
	})
}

// editReview reads the team and shows the form of a review entry;
// forms, when set, holds the dialog while it is open.
func editReview(env Env, r app.Review, saved func(), forms *openForms) {
	env.Background(func(s *data.Store) func() {
		people, err := s.People(env.Context())
		me := s.Actor().ID
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.load_failed"), err)
				return
			}
			if r.OwnerID == "" {
				r.OwnerID = me
			}
			forms.add(showReview(env, r, people, saved))
		}
	})
}

// The review record's fields, by column name.
var reviewColumns = []string{"week", "metric", "change", "sku", "diagnosis", "action", "owner_id", "follow_up", "result", "why"}

// reviewFields are a review entry's form fields by column name (entries
// and the owner's choice), read and filled for its record form.
type reviewFields struct {
	entries map[string]*widget.Entry
	owners  ui.Choices
	owner   *widget.Select
}

func (f *reviewFields) Values() (map[string]any, error) {
	v := map[string]any{}
	for c, e := range f.entries {
		v[c] = e.Text
	}
	v["owner_id"] = f.owners.Value(f.owner.Selected)
	v["closed"] = strings.TrimSpace(f.entries["result"].Text) != ""
	return v, nil
}

func (f *reviewFields) Fill(v map[string]any) error {
	for c, e := range f.entries {
		e.SetText(ui.ValueText(v[c]))
	}
	f.owner.SetSelected(f.owners.Label(ui.ValueText(v["owner_id"])))
	return nil
}

// review is the entry the values describe.
func reviewOf(id string, v map[string]any) (app.Review, bool) {
	r := app.Review{ID: id}
	t := func(c string) string { return ui.ValueText(v[c]) }
	r.Metric, r.Change, r.SKU, r.Diagnosis, r.Action = t("metric"), t("change"), t("sku"), t("diagnosis"), t("action")
	r.OwnerID, r.Result, r.Why = t("owner_id"), t("result"), t("why")
	var ok1, ok2 bool
	r.Week, ok1 = parseDay(t("week"))
	r.FollowUp, ok2 = parseDay(t("follow_up"))
	r.Week = app.WeekOf(r.Week)
	r.Closed = strings.TrimSpace(r.Result) != ""
	return r, ok1 && ok2
}

func showReview(env Env, r app.Review, people []app.Person, saved func()) *editDialog {
	tr := env.Translator()
	rf := &reviewFields{entries: map[string]*widget.Entry{}, owners: personChoices(people, r.OwnerID)}
	for _, c := range reviewColumns {
		if c == "owner_id" {
			continue
		}
		var e *widget.Entry
		switch c {
		case "diagnosis", "action", "result", "why":
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(2)
		default:
			e = widget.NewEntry()
		}
		rf.entries[c] = e
	}
	rf.entries["week"].SetPlaceHolder(app.DayLayout)
	rf.entries["follow_up"].SetPlaceHolder(app.DayLayout)
	rf.entries["change"].SetPlaceHolder(tr.T("sop.review.change_placeholder"))
	rf.owner = widget.NewSelect(rf.owners.Labels(), nil)
	_ = rf.Fill(map[string]any{"week": r.Week.String(), "metric": r.Metric, "change": r.Change, "sku": r.SKU, "diagnosis": r.Diagnosis,
		"action": r.Action, "owner_id": r.OwnerID, "follow_up": r.FollowUp.String(), "result": r.Result, "why": r.Why})
	e := rf.entries
	weekF := newField("week", tr.T("field.review.week"), e["week"], tr.T("sop.review.week_hint"))
	followF := newField("follow_up", tr.T("field.review.follow_up"), e["follow_up"], tr.T("sop.review.follow_hint"))
	fields := fieldSet{
		weekF,
		newField("metric", tr.T("field.review.metric"), e["metric"], tr.T("sop.review.metric_hint")),
		newField("change", tr.T("field.review.change"), e["change"], ""),
		newField("sku", tr.T("field.review.sku"), e["sku"], ""),
		newField("diagnosis", tr.T("field.review.diagnosis"), e["diagnosis"], ""),
		newField("action", tr.T("field.review.action"), e["action"], ""),
		newField("owner", tr.T("field.review.owner_id"), rf.owner, ""),
		followF,
	}
	later := fieldSet{
		newField("result", tr.T("field.review.result"), e["result"], tr.T("sop.review.result_hint")),
		newField("why", tr.T("field.review.why"), e["why"], ""),
	}
	all := append(append(fieldSet{}, fields...), later...)
	content := container.NewVBox(fieldGrid(fields...), widget.NewSeparator(), ui.SectionLabel(tr.T("sop.review.a_week_later")), fieldGrid(later...))
	// check shows what is wrong with the entry as typed, before a save.
	check := func() (app.Review, bool) {
		all.clear()
		v, _ := rf.Values()
		q, ok := reviewOf(r.ID, v)
		if _, good := parseDay(e["week"].Text); !good {
			weekF.setProblem(tr.T("sop.record.not_date"))
		}
		if _, good := parseDay(e["follow_up"].Text); !good {
			followF.setProblem(tr.T("sop.record.not_date"))
		}
		if !ok {
			return q, false
		}
		n := q.Normalize()
		if err := n.Validate(); err != nil {
			all.show(tr, err)
			return n, false
		}
		return n, true
	}
	spec := editSpec{title: tr.T("sop.review.new_title"), saveLabel: tr.T("action.save"), size: fyne.NewSize(editDialogWidth, editDialogHeight),
		content: content, place: func(err error) bool { return all.show(tr, err) }, saved: saved,
		what: tr.T("sop.review.what", "Metric", r.Metric)}
	var ed *editDialog
	if r.ID == "" {
		blank, _ := rf.Values()
		spec.unsaved = func() bool { v, _ := rf.Values(); return !sameMaps(v, blank) }
		spec.save = func(done func(error)) {
			n, ok := check()
			if !ok {
				done(errMarked)
				return
			}
			writeSave(env, func(s *data.Store) error {
				_, err := s.SaveReview(env.Context(), n)
				return err
			})(done)
		}
		ed = showEdit(env, spec)
		return ed
	}
	form := ui.NewRecordForm(env, "review", rf)
	form.Adopt(r.ID)
	spec.title, spec.top, spec.unsaved, spec.closed = tr.T("sop.review.edit_title"), form.Notice(), form.Dirty, form.Close
	spec.save = func(done func(error)) {
		if _, ok := check(); !ok {
			done(errMarked)
			return
		}
		form.Save(func(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
			q, ok := reviewOf(snap.ID, v)
			if !ok {
				return &app.FieldError{Entity: "review", Field: "week", Code: app.CodeNotDate}
			}
			return s.SaveReviewChanges(ctx, snap, q, keep)
		}, done)
	}
	spec.extra = []fyne.CanvasObject{removeButton(env, tr.T("sop.review.delete"), tr.T("sop.review.delete"),
		tr.T("sop.review.delete_confirm", "Metric", r.Metric), tr.T("sop.review.delete_failed"), &ed,
		func(s *data.Store) error { return s.DeleteReview(env.Context(), r.ID) }, saved)}
	ed = showEdit(env, spec)
	return ed
}
