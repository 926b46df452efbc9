package planningui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
)

// TodayCards are Planning's cards on the Today screen: how many
// scenarios the office saved and what the latest one concludes.
func TodayCards(env Env) []ui.TodayCard {
	return []ui.TodayCard{{Title: env.T("today.planning.title"), Load: func(s *data.Store) (func() fyne.CanvasObject, error) {
		return loadTodayCard(env, s)
	}}}
}

func loadTodayCard(env Env, s *data.Store) (func() fyne.CanvasObject, error) {
	ctx := env.Context()
	count, latest, err := s.ScenarioSummary(ctx)
	if err != nil {
		return nil, err
	}
	office, err := s.ShippingModes(ctx)
	if err != nil {
		return nil, err
	}
	tr := env.Translator()
	var lines []string
	if count == 0 {
		lines = append(lines, tr.T("today.planning.none"))
	} else {
		lines = append(lines, tr.T("today.planning.count", "Count", count),
			tr.T("today.planning.latest", "Name", latest.Name, "Time", latest.UpdatedAt.Local().Format(ui.ShortTimeLayout)))
		builtins := planning.OfficeModes(office)
		sc, err := planning.ParseScenarioWith([]byte(latest.Body), builtins)
		var r planning.Result
		if err == nil {
			r, err = planning.SimulateWith(sc, builtins, noEvents)
		}
		if err == nil {
			lines = append(lines, tr.T("today.planning.verdict", "Verdict", verdictHeadline(tr, r.Verdict),
				"Products", tr.T("planning.count", "Count", r.ProductsSupported), "Need", app.FormatMoney(r.PeakNeed, r.Currency)))
		}
	}
	return func() fyne.CanvasObject {
		labels := make([]fyne.CanvasObject, len(lines))
		for i, l := range lines {
			lbl := widget.NewLabel(l)
			lbl.Truncation = fyne.TextTruncateEllipsis
			labels[i] = lbl
		}
		open := widget.NewButton(tr.T("today.planning.open"), func() { env.Navigate(ui.ScreenPlanning) })
		return container.NewVBox(ui.CompactList(labels...), container.NewHBox(open))
	}, nil
}
