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

func newReviewTab(env Env) *reviewTab {
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
		OnSelected: func(id string) { openReview(env, id, t.table.Reload) },
		Export:     func(x *widgets.Export) { exportTable(env, x) },
		Title:      tr.T("sop.review.sheet"),
		Go:         env.Go,
		Do:         env.Do,
	})
	add := widget.NewButtonWithIcon(tr.T("sop.review.new"), theme.ContentAddIcon(), func() {
		editReview(env, app.NewReview(today()), t.table.Reload)
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
func openReview(env Env, id string, saved func()) {
	env.Background(func(s *data.Store) func() {
		r, err := s.Review(env.Context(), id)
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.review.open_failed"), err)
				return
			}
			editReview(env, r, saved)
		}
	})
}

// editReview reads the team and shows the form of a review entry.
func editReview(env Env, r app.Review, saved func()) {
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
			showReview(env, r, people, saved)
		}
	})
}

func showReview(env Env, r app.Review, people []app.Person, saved func()) {
	tr := env.Translator()
	entry := func(text string, multi bool) *widget.Entry {
		var e *widget.Entry
		if multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(2)
		} else {
			e = widget.NewEntry()
		}
		e.SetText(text)
		return e
	}
	week := dateEntry(r.Week)
	metric, change, sku := entry(r.Metric, false), entry(r.Change, false), entry(r.SKU, false)
	change.SetPlaceHolder(tr.T("sop.review.change_placeholder"))
	diagnosis, action := entry(r.Diagnosis, true), entry(r.Action, true)
	owners := personChoices(people, r.OwnerID)
	owner := selectOf(owners, r.OwnerID, nil)
	follow := dateEntry(r.FollowUp)
	result, why := entry(r.Result, true), entry(r.Why, true)
	weekF := newField("week", tr.T("field.review.week"), week, tr.T("sop.review.week_hint"))
	followF := newField("follow_up", tr.T("field.review.follow_up"), follow, tr.T("sop.review.follow_hint"))
	fields := fieldSet{
		weekF,
		newField("metric", tr.T("field.review.metric"), metric, tr.T("sop.review.metric_hint")),
		newField("change", tr.T("field.review.change"), change, ""),
		newField("sku", tr.T("field.review.sku"), sku, ""),
		newField("diagnosis", tr.T("field.review.diagnosis"), diagnosis, ""),
		newField("action", tr.T("field.review.action"), action, ""),
		newField("owner", tr.T("field.review.owner_id"), owner, ""),
		followF,
	}
	later := fieldSet{
		newField("result", tr.T("field.review.result"), result, tr.T("sop.review.result_hint")),
		newField("why", tr.T("field.review.why"), why, ""),
	}
	all := append(append(fieldSet{}, fields...), later...)
	content := container.NewVBox(fieldGrid(fields...), widget.NewSeparator(), ui.SectionLabel(tr.T("sop.review.a_week_later")), fieldGrid(later...))
	save := func() ui.Write {
		all.clear()
		q := r
		bad := false
		var ok bool
		if q.Week, ok = parseDay(week.Text); !ok {
			weekF.setProblem(tr.T("sop.record.not_date"))
			bad = true
		}
		if q.FollowUp, ok = parseDay(follow.Text); !ok {
			followF.setProblem(tr.T("sop.record.not_date"))
			bad = true
		}
		if bad {
			return nil
		}
		q.Week = app.WeekOf(q.Week)
		q.Metric, q.Change, q.SKU, q.Diagnosis, q.Action = metric.Text, change.Text, sku.Text, diagnosis.Text, action.Text
		q.OwnerID, q.Result, q.Why = owners.Value(owner.Selected), result.Text, why.Text
		q.Closed = q.Result != ""
		n := q.Normalize()
		if err := n.Validate(); err != nil {
			all.show(tr, err)
			return nil
		}
		return func(s *data.Store) error {
			_, err := s.SaveReview(env.Context(), n)
			return err
		}
	}
	var extra []fyne.CanvasObject
	var ed *editDialog
	if r.ID != "" {
		del := removeButton(env, tr.T("sop.review.delete"), tr.T("sop.review.delete"),
			tr.T("sop.review.delete_confirm", "Metric", r.Metric), tr.T("sop.review.delete_failed"), &ed,
			func(s *data.Store) error { return s.DeleteReview(env.Context(), r.ID) }, saved)
		extra = append(extra, del)
	}
	title := tr.T("sop.review.edit_title")
	if r.ID == "" {
		title = tr.T("sop.review.new_title")
	}
	ed = showEditDialog(env, title, tr.T("action.save"), fyne.NewSize(editDialogWidth, editDialogHeight), content, extra,
		save, func(err error) bool { return all.show(tr, err) }, saved)
}
