package syncui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// conflictView is a conflict with what names its record and reads its
// values: the record's fields now (a scenario's currency, its lines'
// names).
type conflictView struct {
	data.SyncConflict
	text ui.FieldText
	row  fyne.CanvasObject // the row showing it, once built
}

// describeConflicts reads the records of conflicts for their
// descriptions; it runs off the UI thread.
func describeConflicts(env Env, st *data.Store, list []data.SyncConflict) []conflictView {
	out := make([]conflictView, len(list))
	records := map[string]map[string]any{}
	for i, c := range list {
		key := c.Table + "/" + c.RowID
		rec, ok := records[key]
		if !ok {
			if snap, err := st.OpenRecord(env.Context(), c.Table, c.RowID); err == nil {
				rec = ui.SnapshotValues(snap)
			}
			records[key] = rec
		}
		out[i] = conflictView{SyncConflict: c, text: ui.NewFieldText(env.Translator(), c.Table, rec)}
	}
	return out
}

// entityName names a table's records ("scenario"), translated where the
// translations know it.
func (s *Screen) entityName(table string) string {
	if k := "entity." + table; s.env.Translator().Has(k) {
		return s.env.T(k)
	}
	return table
}

// who says which desk (and person) wrote a value, and when.
func (s *Screen) who(desk, actor string, h app.HLC) string {
	var at time.Time
	if !h.IsZero() {
		at = h.Time()
	}
	return ui.WhoText(s.env.Translator(), actor, desk, at)
}

func (s *Screen) conflictRow(c conflictView) fyne.CanvasObject {
	env := s.env
	record := s.entityName(c.Table)
	if c.Label != "" {
		record = env.T("sync.conflict.record", "Entity", record, "Name", c.Label)
	}
	lostBy := s.who(c.LoserDesk, c.LoserActor, c.LoserHLC)
	nowBy := s.who(c.CurrentDesk, c.CurrentActor, c.CurrentHLC)
	var what, lost, now string
	if c.Field == "deleted" {
		if ui.ValueFlag(c.Loser) {
			what = env.T("sync.conflict.undeleted", "Record", record)
			lost = env.T("sync.conflict.deleted_by", "Who", lostBy)
			now = env.T("sync.conflict.kept_by", "Who", nowBy)
		} else {
			what = env.T("sync.conflict.hidden", "Record", record)
			lost = env.T("sync.conflict.edited_by", "Who", lostBy)
			now = env.T("sync.conflict.deleted_now", "Who", nowBy)
		}
	} else {
		what = env.T("sync.conflict.field", "Record", record, "Field", c.text.Label(c.Field))
		lost = env.T("sync.conflict.lost", "Value", c.text.Value(c.Field, c.Loser), "Who", lostBy)
		now = env.T("sync.conflict.now", "Value", c.text.Value(c.Field, c.Current), "Who", nowBy)
	}
	title := ui.WrapLabel(what)
	title.TextStyle = fyne.TextStyle{Bold: true}
	row := container.NewVBox(title, ui.WrapLabel(lost), ui.WrapLabel(now))
	keep := widget.NewButton(env.T("sync.conflict.keep"), func() { s.resolve(c.ID, row, false) })
	restore := widget.NewButton(env.T("sync.conflict.restore"), func() { s.resolve(c.ID, row, true) })
	row.Add(container.NewHBox(keep, restore))
	row.Add(widget.NewSeparator())
	return row
}

// resolve keeps the current value or restores the losing one. The row
// leaves the list at once, the page staying where it is; the list is
// read again after.
func (s *Screen) resolve(id string, row *fyne.Container, restore bool) {
	env := s.env
	for _, o := range row.Objects {
		if b, ok := o.(*fyne.Container); ok {
			for _, x := range b.Objects {
				if w, ok := x.(*widget.Button); ok {
					w.Disable()
				}
			}
		}
	}
	env.Background(func(st *data.Store) func() {
		var err error
		if restore {
			err = st.RestoreSyncConflict(env.Context(), id)
		} else {
			err = st.KeepSyncConflict(env.Context(), id)
		}
		return func() {
			if err != nil {
				if errors.Is(err, data.ErrRecordDeleted) {
					env.ShowError(env.T("sync.conflict.failed"), ui.Problem(env.T("sync.conflict.record_deleted")))
				} else {
					env.ShowError(env.T("sync.conflict.failed"), err)
				}
				s.Load()
				return
			}
			s.conflicts.Remove(row)
			s.scroll.Refresh()
			s.Load()
		}
	})
}
