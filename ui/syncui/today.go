package syncui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
)

// TodayCards are Sync's cards on the Today screen: the last round and the
// open conflicts.
func TodayCards(env Env) []ui.TodayCard {
	return []ui.TodayCard{{Title: env.T("sync.card.title"), Load: func(s *data.Store) (func() fyne.CanvasObject, error) {
		return loadTodayCard(env, s)
	}}}
}

func loadTodayCard(env Env, s *data.Store) (func() fyne.CanvasObject, error) {
	ctx := env.Context()
	state, err := bundle.LoadFolderState(ctx, s)
	if err != nil {
		return nil, err
	}
	folder, err := s.Setting(ctx, data.SettingSyncFolder)
	if err != nil {
		return nil, err
	}
	_, open, err := s.SyncConflicts(ctx, false, 1)
	if err != nil {
		return nil, err
	}
	// What needs a person's answer before sync works as it should.
	_, copied, err := s.PendingDeskCopy(ctx)
	if err != nil {
		return nil, err
	}
	refused, err := s.RefusedBundles(ctx)
	if err != nil {
		return nil, err
	}
	names, err := s.SameNameGroups(ctx)
	if err != nil {
		return nil, err
	}
	attention := copied || len(refused) > 0 || len(names) > 0 || s.OwnClockAhead() > 0
	return func() fyne.CanvasObject {
		line := env.T("sync.card.no_folder")
		if folder != "" {
			line = env.T("sync.card.never")
			if state.Last != nil && state.Folder == folder {
				line = env.T("sync.card.last", "Time", state.Last.At.Local().Format(ui.MinuteLayout))
				if state.Last.Outcome == bundle.OutcomeFailed || state.Last.Error != "" {
					line = env.T("sync.card.failed", "Time", state.Last.At.Local().Format(ui.MinuteLayout))
				}
			}
		}
		box := container.NewVBox(ui.WrapLabel(line))
		if attention {
			l := ui.WrapLabel(env.T("sync.card.attention"))
			l.Importance = widget.WarningImportance
			box.Add(l)
		}
		if open > 0 {
			l := widget.NewLabel(env.T("sync.card.conflicts", "Count", open))
			l.Importance = widget.WarningImportance
			box.Add(l)
		}
		box.Add(container.NewHBox(widget.NewButton(env.T("sync.card.open"), func() { env.Navigate(ui.ScreenSync) })))
		return box
	}, nil
}
