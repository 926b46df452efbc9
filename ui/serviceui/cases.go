package serviceui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The case table: every case, a page at a time from the store, sorted and
// filtered in SQL (status, owner, type, SLA state, full-text search).
// Tapping a case opens its detail in place of the table.

// caseRow is one line of the table, its texts formatted off the UI thread.
type caseRow struct {
	id, created, customer, typ, channel, status, sla, owner, order, sku, priority string
	slaState                                                                      app.SLAState
}

type casesTab struct {
	s *Screen
	// store is the database the table reads, off the UI thread; set once,
	// on the UI thread, before the table is made.
	store  *data.Store
	root   *fyne.Container
	list   fyne.CanvasObject
	table  *widgets.PagedTable[caseRow]
	detail *caseDetail
	// built is set once the table exists: it loads as soon as it is made,
	// so it is made on the first load, when the store is open.
	built bool
}

func newCasesTab(s *Screen) *casesTab {
	c := &casesTab{s: s}
	c.root = container.NewStack(widget.NewLabel(s.tr.T("status.loading")))
	return c
}

func (c *casesTab) build() {
	s, tr := c.s, c.s.tr
	statusOpts := []widgets.Option{{Value: app.CaseStatusActive, Label: tr.T("service.status.active")}}
	for _, ch := range statusChoices(tr) {
		statusOpts = append(statusOpts, widgets.Option{Value: ch.Value, Label: ch.Label})
	}
	var typeOpts, slaOpts []widgets.Option
	for _, ch := range typeChoices(tr) {
		typeOpts = append(typeOpts, widgets.Option{Value: ch.Value, Label: ch.Label})
	}
	for _, st := range []app.SLAState{app.SLALate, app.SLADueSoon, app.SLAOK, app.SLAPaused, app.SLAMet} {
		slaOpts = append(slaOpts, widgets.Option{Value: string(st), Label: tr.T("service.sla." + string(st))})
	}
	text := func(f func(caseRow) string) func(caseRow) string { return f }
	c.table = widgets.NewPagedTable(widgets.PagedTableConfig[caseRow]{
		Columns: []widgets.Column[caseRow]{
			{Label: tr.T("service.col.created"), Width: 110, Sort: app.CaseSortCreated, Text: text(func(r caseRow) string { return r.created })},
			{Label: tr.T("service.col.sla"), Width: 150, Sort: app.CaseSortSLA, Text: text(func(r caseRow) string { return r.sla }),
				Importance: func(r caseRow) widget.Importance { return slaImportance(r.slaState) }},
			{Label: tr.T("service.col.status"), Width: 140, Sort: app.CaseSortStatus, Text: text(func(r caseRow) string { return r.status })},
			{Label: tr.T("service.col.customer"), Width: 150, Sort: app.CaseSortCustomer, Text: text(func(r caseRow) string { return r.customer })},
			{Label: tr.T("service.col.type"), Width: 140, Text: text(func(r caseRow) string { return r.typ })},
			{Label: tr.T("service.col.owner"), Width: 90, Text: text(func(r caseRow) string { return r.owner })},
			{Label: tr.T("service.col.channel"), Width: 150, Text: text(func(r caseRow) string { return r.channel })},
			{Label: tr.T("service.col.order"), Width: 170, Text: text(func(r caseRow) string { return r.order })},
			{Label: tr.T("service.col.sku"), Width: 100, Text: text(func(r caseRow) string { return r.sku })},
			{Label: tr.T("service.col.priority"), Width: 80, Text: text(func(r caseRow) string { return r.priority })},
		},
		Filters: []widgets.Filter{
			{Key: app.CaseFilterStatus, Label: tr.T("service.col.status"), Options: statusOpts},
			{Key: app.CaseFilterOwner, Label: tr.T("service.col.owner"), Options: c.ownerOptions()},
			{Key: app.CaseFilterType, Label: tr.T("service.col.type"), Options: typeOpts},
			{Key: app.CaseFilterSLA, Label: tr.T("service.col.sla"), Options: slaOpts},
		},
		Search: true,
		Sort:   app.CaseSortCreated, Desc: true,
		Load:       c.loadPage,
		ID:         func(r caseRow) string { return r.id },
		T:          func(key string, args ...any) string { return tr.T("service."+key, args...) },
		OnSelected: func(id string) { c.open(id) },
		Title:      tr.T("service.export.cases_title"),
		Export:     c.export,
		Go:         s.env.Go, Do: s.env.Do,
	})
	newCase := widget.NewButtonWithIcon(tr.T("service.case.new"), theme.ContentAddIcon(), func() { c.openNew() })
	newCase.Importance = widget.HighImportance
	importLog := widget.NewButtonWithIcon(tr.T("service.import.button"), theme.UploadIcon(), c.importLog)
	top := container.NewBorder(nil, nil, ui.Heading(tr.T("nav.service")), container.NewHBox(importLog, newCase))
	c.list = container.NewBorder(container.NewPadded(top), nil, nil, nil, c.table)
	if c.detail == nil { // a case opened before the table was made stays
		c.root.Objects = []fyne.CanvasObject{c.list}
		c.root.Refresh()
	}
	c.built = true
}

// ownerOptions are the owner filter's choices: nobody, then the team.
func (c *casesTab) ownerOptions() []widgets.Option {
	opts := []widgets.Option{{Value: app.CaseOwnerNobody, Label: c.s.tr.T("service.owner.nobody")}}
	for _, p := range c.s.people {
		opts = append(opts, widgets.Option{Value: p.ID, Label: p.Name})
	}
	return opts
}

// peopleChanged refreshes what shows the team.
func (c *casesTab) peopleChanged() {
	if c.built {
		c.table.SetFilterOptions(app.CaseFilterOwner, c.ownerOptions())
	}
}

// load shows the table again (from a detail) and reloads it.
func (c *casesTab) load() {
	if !c.built {
		if c.s.store == nil {
			return // the screen's first load brings it
		}
		c.store = c.s.store
		c.build()
		return
	}
	if c.detail != nil {
		c.detail.refresh()
		return
	}
	c.table.Reload()
}

// loadPage reads one page for the table; it runs off the UI thread.
func (c *casesTab) loadPage(ctx context.Context, q app.ListQuery) ([]caseRow, int, error) {
	s := c.s
	st := c.store
	items, total, err := st.ListCases(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	cfg, err := st.ServiceConfig(ctx)
	if err != nil {
		return nil, 0, err
	}
	loc := cfg.Calendar.Location()
	tr, now := s.tr, time.Now()
	rows := make([]caseRow, len(items))
	for i, it := range items {
		owner := it.OwnerName
		if it.OwnerID == "" {
			owner = tr.T("service.owner.nobody")
		}
		rows[i] = caseRow{
			id: it.ID, created: it.Created.In(loc).Format(ui.ShortTimeLayout), customer: it.Customer,
			typ: tr.T("service.type." + string(it.Type)), channel: tr.T("service.channel." + string(it.Channel)),
			status: tr.T("service.status." + string(it.Status)), sla: slaText(tr, it, now, loc), slaState: it.SLA,
			owner: owner, order: it.OrderID, sku: it.SKU, priority: tr.T("service.priority." + string(it.Priority)),
		}
	}
	return rows, total, nil
}

// export writes the filtered table to an XLSX file the user picks.
func (c *casesTab) export(x *widgets.Export) {
	s := c.s
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError(s.tr.T("service.export.failed"), err)
			return
		}
		if w == nil {
			return // cancelled
		}
		s.env.Go(func() {
			_, err := x.Write(s.env.Context(), w, nil)
			err = errors.Join(err, w.Close())
			if err != nil {
				_ = storage.Delete(w.URI())
				s.env.Do(func() { s.showError(s.tr.T("service.export.failed"), err) })
			}
		})
	}, s.env.Window())
	save.SetFileName(x.Name)
	save.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	save.Show()
}

// open shows case id in place of the table.
func (c *casesTab) open(id string) {
	if !c.built && c.s.store != nil {
		c.store = c.s.store
		c.build()
	}
	c.detail = newCaseDetail(c.s, id, c.close)
	c.root.Objects = []fyne.CanvasObject{c.detail.root}
	c.root.Refresh()
	c.detail.reload()
}

// openNew shows an empty case form.
func (c *casesTab) openNew() {
	c.detail = newCaseDetail(c.s, "", c.close)
	c.root.Objects = []fyne.CanvasObject{c.detail.root}
	c.root.Refresh()
	c.detail.reload()
}

// close goes back to the table, which reloads (the case may have changed).
func (c *casesTab) close() {
	if c.detail != nil {
		c.detail.closed()
	}
	c.detail = nil
	c.root.Objects = []fyne.CanvasObject{c.list}
	c.root.Refresh()
	if c.table != nil {
		c.table.Reload()
	}
}
