package sopui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// runRow is one run as the table shows it, formatted off the UI thread.
type runRow struct {
	id, title, sku, template, lead, start, next, state, progress string
	late                                                         bool
	done                                                         float64
	stepsDone, stepsTotal                                        int
}

func toRunRow(tr *ui.Translator, r app.Run, day app.Date) runRow {
	row := runRow{id: r.ID, title: r.Title, sku: r.SKU, lead: r.OwnerName, start: r.Start.String(),
		state: runStateText(tr, r.State), done: r.Progress(), stepsDone: r.StepsDone, stepsTotal: r.StepsTotal,
		template: tr.T("sop.template_version", "Name", r.TemplateName, "Version", r.Version)}
	row.progress = tr.T("sop.runs.progress", "Done", r.StepsDone, "Total", r.StepsTotal)
	if r.State == app.RunActive && !r.NextDue.IsZero() {
		row.next = dueText(tr, r.NextDue, day)
		row.late = r.NextDue < day
	}
	return row
}

// runsTab is the runs table (paged, sortable, filtered by owner, state,
// template and SKU, a progress bar per run); picking a run shows it in
// the table's place, with a way back.
type runsTab struct {
	env    Env
	root   *fyne.Container
	list   fyne.CanvasObject
	page   fyne.CanvasObject
	table  *widgets.PagedTable[runRow]
	detail *runDetail
	// onChanged runs after a run or step changed (other tabs go stale).
	onChanged func()
}

func newRunsTab(env Env, forms *openForms) *runsTab {
	tr := env.Translator()
	t := &runsTab{env: env}
	t.detail = newRunDetail(env, forms, func() {
		t.table.Reload()
		if t.onChanged != nil {
			t.onChanged()
		}
	})
	var states []widgets.Option
	for _, s := range app.RunStates() {
		states = append(states, widgets.Option{Value: string(s), Label: runStateText(tr, s)})
	}
	t.table = widgets.NewPagedTable(widgets.PagedTableConfig[runRow]{
		Columns: []widgets.Column[runRow]{
			{Label: tr.T("field.sop_run.title"), Width: 160, Sort: data.RunSortTitle, Text: func(r runRow) string { return r.title }},
			{Label: tr.T("field.sop_run.sku"), Width: 90, Sort: data.RunSortSKU, Text: func(r runRow) string { return r.sku }},
			{Label: tr.T("sop.runs.progress_col"), Width: 110, Sort: data.RunSortProgress, Text: func(r runRow) string { return r.progress },
				Progress: func(r runRow) float64 { return r.done }, Value: func(r runRow) any { return r.stepsDone }},
			{Label: tr.T("sop.runs.next_due"), Width: 150, Sort: data.RunSortNextDue, Text: func(r runRow) string { return r.next },
				Importance: func(r runRow) widget.Importance {
					if r.late {
						return widget.DangerImportance
					}
					return widget.MediumImportance
				}},
			{Label: tr.T("field.sop_run.owner_id"), Width: 80, Sort: data.RunSortOwner, Text: func(r runRow) string { return r.lead }},
			{Label: tr.T("field.sop_run.template_id"), Width: 180, Sort: data.RunSortTemplate, Text: func(r runRow) string { return r.template }},
			{Label: tr.T("field.sop_run.start_day"), Width: 96, Sort: data.RunSortStart, Text: func(r runRow) string { return r.start }},
			{Label: tr.T("sop.runs.state"), Width: 70, Text: func(r runRow) string { return r.state }},
		},
		Filters: []widgets.Filter{
			{Key: data.RunFilterOwner, Label: tr.T("sop.runs.filter_owner")},
			{Key: data.RunFilterState, Label: tr.T("sop.runs.state"), Options: states},
			{Key: data.RunFilterTemplate, Label: tr.T("field.sop_run.template_id")},
		},
		// The search finds runs by title or SKU (the SKU filter of the
		// store is for exact SKUs; the row has no room for a fourth list).
		Search: true,
		Sort:   data.RunSortStart, Desc: true,
		Load: func(ctx context.Context, q app.ListQuery) ([]runRow, int, error) {
			day := today()
			var runs []app.Run
			var total int
			err := withStore(env, func(s *data.Store) error {
				var err error
				runs, total, err = s.ListRuns(ctx, day, q)
				return err
			})
			rows := make([]runRow, len(runs))
			for i, r := range runs {
				rows[i] = toRunRow(tr, r, day)
			}
			return rows, total, err
		},
		ID:         func(r runRow) string { return r.id },
		T:          tr.T,
		OnSelected: func(id string) { t.open(id) },
		Export:     func(x *widgets.Export) { exportTable(env, x) },
		Title:      tr.T("sop.runs.sheet"),
		Go:         env.Go,
		Do:         env.Do,
	})
	start := widget.NewButtonWithIcon(tr.T("sop.runs.start"), theme.ContentAddIcon(), func() { startRun(env, "", t.started, forms) })
	start.Importance = widget.HighImportance
	t.list = container.NewBorder(container.NewHBox(start), nil, nil, nil, t.table)
	back := widget.NewButtonWithIcon(tr.T("sop.run.back"), theme.NavigateBackIcon(), t.back)
	t.page = container.NewBorder(container.NewHBox(back), nil, nil, nil, t.detail.root)
	t.page.Hide()
	t.detail.deleted = t.back
	t.root = container.NewStack(t.list, t.page)
	return t
}

// open shows run id in the table's place.
func (t *runsTab) open(id string) {
	t.detail.show(id)
	t.list.Hide()
	t.page.Show()
}

// back shows the table again, the run still selected.
func (t *runsTab) back() {
	t.page.Hide()
	t.list.Show()
	t.table.Reload()
}

// withStore runs fn with the open store on the calling goroutine: a
// table's Load, already off the UI thread.
func withStore(env Env, fn func(s *data.Store) error) error {
	s := env.Store()
	if s == nil {
		return errNoDatabase
	}
	return fn(s)
}

// errNoDatabase is a table's load while no database is open.
var errNoDatabase = errors.New("no database is open")

func (t *runsTab) started(run app.Run) {
	t.table.Reload()
	t.table.Select(run.ID)
	t.open(run.ID)
	if t.onChanged != nil {
		t.onChanged()
	}
}

// load fills the filters' choices and reads the table again.
func (t *runsTab) load() {
	env, tr := t.env, t.env.Translator()
	env.Background(func(s *data.Store) func() {
		ctx := env.Context()
		people, err := s.People(ctx)
		var templates []app.Template
		if err == nil {
			templates, err = s.Templates(ctx, true)
		}
		return func() {
			if err != nil {
				env.ShowError(tr.T("sop.load_failed"), err)
				return
			}
			var tpls []widgets.Option
			for _, tp := range templates {
				tpls = append(tpls, widgets.Option{Value: tp.ID, Label: tp.Name})
			}
			t.table.SetFilterOptions(data.RunFilterOwner, peopleOptions(people))
			t.table.SetFilterOptions(data.RunFilterTemplate, tpls)
			t.table.Reload()
			t.detail.reload()
		}
	})
}

func (t *runsTab) reload() { t.table.Reload() }

// runTitle is a run's title with its SKU.
func runTitle(tr *ui.Translator, r app.Run) string {
	if r.SKU == "" {
		return r.Title
	}
	return tr.T("sop.run_with_sku", "Run", r.Title, "SKU", r.SKU)
}
