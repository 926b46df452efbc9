package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
)

// loadPlanningCard is the Today card of capital planning: how many
// scenarios the office saved and what the latest one concludes.
func (u *UI) loadPlanningCard(s *data.Store) (func() fyne.CanvasObject, error) {
	count, latest, err := s.ScenarioSummary(u.ctx)
	if err != nil {
		return nil, err
	}
	office, err := s.ShippingModes(u.ctx)
	if err != nil {
		return nil, err
	}
	tr := u.tr
	var lines []string
	if count == 0 {
		lines = append(lines, tr.T("today.planning.none"))
	} else {
		lines = append(lines, tr.T("today.planning.count", "N", count),
			tr.T("today.planning.latest", "Name", latest.Name, "Time", latest.UpdatedAt.Local().Format("01-02 15:04")))
		builtins := planning.OfficeModes(office)
		sc, err := planning.ParseScenarioWith([]byte(latest.Body), builtins)
		var r planning.Result
		if err == nil {
			r, err = planning.Simulate(sc, builtins)
		}
		if err == nil {
			lines = append(lines, tr.T("today.planning.verdict", "Verdict", verdictHeadline(tr, r.Verdict), "N", r.ProductsSupported,
				"Need", app.FormatMoney(r.PeakNeed, r.Currency)))
		}
	}
	return func() fyne.CanvasObject {
		labels := make([]fyne.CanvasObject, len(lines))
		for i, l := range lines {
			lbl := widget.NewLabel(l)
			lbl.Truncation = fyne.TextTruncateEllipsis
			labels[i] = lbl
		}
		open := widget.NewButton(tr.T("today.planning.open"), func() {
			if u.shell != nil {
				u.shell.show(navPlanning)
			}
		})
		return container.NewVBox(compactList(labels...), container.NewHBox(open))
	}, nil
}
