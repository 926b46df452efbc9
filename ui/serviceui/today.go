package serviceui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// todayCases is how many cases the Today card lists.
const todayCases = 6

// TodayCards are the Service area's card on the Today screen: the late
// cases, then those due within the hour, most urgent first.
func TodayCards(env Env) []ui.TodayCard {
	return []ui.TodayCard{{Title: env.T("today.service.title"), Load: func(s *data.Store) (func() fyne.CanvasObject, error) {
		return loadTodayCard(env, s)
	}}}
}

func loadTodayCard(env Env, s *data.Store) (func() fyne.CanvasObject, error) {
	ctx := env.Context()
	late, nLate, err := s.ListCases(ctx, app.ListQuery{Sort: app.CaseSortSLA, Limit: todayCases,
		Filters: map[string]string{app.CaseFilterSLA: string(app.SLALate)}})
	if err != nil {
		return nil, err
	}
	soon, nSoon, err := s.ListCases(ctx, app.ListQuery{Sort: app.CaseSortSLA, Limit: todayCases,
		Filters: map[string]string{app.CaseFilterSLA: string(app.SLADueSoon)}})
	if err != nil {
		return nil, err
	}
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return nil, err
	}
	tr, loc, now := env.Translator(), cfg.Calendar.Location(), time.Now()
	items := append(late, soon...)
	if len(items) > todayCases {
		items = items[:todayCases]
	}
	return func() fyne.CanvasObject {
		head := ui.WrapLabel(tr.T("today.service.counts", "Late", nLate, "Soon", nSoon))
		if nLate+nSoon == 0 {
			head = ui.WrapLabel(tr.T("today.service.none"))
		}
		lines := []fyne.CanvasObject{head}
		for _, it := range items {
			l := widget.NewLabel(tr.T("today.service.line", "SLA", slaText(tr, it, now, loc),
				"Customer", nonEmpty(it.Customer, tr.T("service.case.no_customer")), "Type", tr.T("service.type."+string(it.Type))))
			l.Truncation = fyne.TextTruncateEllipsis
			l.Importance = slaImportance(it.SLA)
			lines = append(lines, l)
		}
		open := widget.NewButton(tr.T("today.service.open"), func() { env.Navigate(ui.ScreenService) })
		return container.NewVBox(ui.CompactList(lines...), container.NewHBox(open))
	}, nil
}
