package widgets_test

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui/widgets"
)

// changeRow is the audit log's view row: every text formatted in Load.
type changeRow struct{ id, when, who, what string }

// An owner wires a PagedTable to its store, its translator and its
// window; here the export goes through a save dialog and runs off the UI
// thread, and a failed or cancelled export leaves no half-written file.
func ExampleNewPagedTable() {
	var (
		store *data.Store
		win   fyne.Window
		ctx   = context.Background()
		tr    = func(key string, args ...any) string { return key } // the owner's translator
	)
	table := widgets.NewPagedTable(widgets.PagedTableConfig[changeRow]{
		Columns: []widgets.Column[changeRow]{
			{Label: tr("audit.when"), Width: 140, Sort: app.AuditSortTime, Text: func(r changeRow) string { return r.when }},
			{Label: tr("audit.who"), Width: 100, Sort: app.AuditSortPerson, Text: func(r changeRow) string { return r.who }},
			{Label: tr("audit.what"), Width: 420, Text: func(r changeRow) string { return r.what }},
		},
		Search: true,
		Sort:   app.AuditSortTime, Desc: true,
		Load: func(ctx context.Context, q app.ListQuery) ([]changeRow, int, error) {
			entries, total, err := store.ListAudit(ctx, q)
			rows := make([]changeRow, len(entries))
			for i, e := range entries {
				var fields []string
				for _, c := range e.Changes {
					fields = append(fields, c.Field)
				}
				rows[i] = changeRow{id: e.ID, when: e.At.Local().Format("2006-01-02 15:04"), who: e.ActorName, what: strings.Join(fields, ", ")}
			}
			return rows, total, err
		},
		ID:    func(r changeRow) string { return r.id },
		T:     tr,
		Title: tr("audit.title"),
		Export: func(x *widgets.Export) {
			save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
				if w == nil {
					return // cancelled
				}
				go func() {
					_, err := x.Write(ctx, w, nil)
					err = errors.Join(err, w.Close())
					if err != nil {
						_ = storage.Delete(w.URI())
					}
					fyne.Do(func() {
						if err != nil {
							dialog.ShowError(err, win)
						}
					})
				}()
			}, win)
			save.SetFileName(x.Name)
			save.Show()
		},
	})
	win.SetContent(table)
}
