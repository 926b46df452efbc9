package sopui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui/widgets"
)

// exportTable asks where to save a table's XLSX export and writes it off
// the UI thread behind a cancellable progress dialog. A failed or
// cancelled export leaves no half-written file.
func exportTable(env Env, x *widgets.Export) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			env.ShowError(env.T("sop.export.failed"), err)
			return
		}
		if w == nil {
			return // cancelled
		}
		rows := 0
		env.RunWithProgress(env.T("sop.export.running"), func(ctx context.Context, _ *data.Store, progress func(n, total int)) error {
			n, err := x.Write(ctx, w, progress)
			rows = n
			err = errors.Join(err, w.Close())
			if err != nil {
				_ = storage.Delete(w.URI())
			}
			return err
		}, func(err error) {
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					env.ShowError(env.T("sop.export.failed"), err)
				}
				return
			}
			env.Inform(env.T("sop.export.done_title"), env.T("sop.export.done", "Count", rows, "Path", w.URI().Path()))
		})
	}, env.Window())
	save.SetFileName(x.Name)
	save.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	save.Show()
}
