package settingsui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// TodayCards are the Today cards about the user, the team and the data,
// each with a button to the Settings tab that changes it.
func TodayCards(env Env) []ui.TodayCard {
	card := func(title string, load func(Env, *data.Store) (func() fyne.CanvasObject, error)) ui.TodayCard {
		return ui.TodayCard{Title: title, Load: func(s *data.Store) (func() fyne.CanvasObject, error) { return load(env, s) }}
	}
	return []ui.TodayCard{
		card(env.T("today.me.title"), loadMeCard),
		card(env.T("today.team.title"), loadTeamCard),
		card(env.T("today.data.title"), loadDataCard),
	}
}

// openTab is a button that opens a Settings tab.
func openTab(env Env, label, tab string) *widget.Button {
	return widget.NewButton(label, func() { env.Navigate(ui.ScreenSettings.Tab(tab)) })
}

func loadMeCard(env Env, s *data.Store) (func() fyne.CanvasObject, error) {
	me, err := s.Me(env.Context())
	if err != nil {
		return nil, err
	}
	desk := s.Replica().Name
	return func() fyne.CanvasObject {
		hello := widget.NewLabelWithStyle(env.T("today.me.hello", "Name", me.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		role := widget.NewLabel(env.T("today.me.role", "Role", env.T("role."+string(me.Role))))
		deskL := widget.NewLabel(env.T("today.me.desk", "Desk", desk))
		return container.NewVBox(ui.CompactList(hello, role, deskL), container.NewHBox(openTab(env, env.T("today.me.edit"), TabProfile)))
	}, nil
}

func loadTeamCard(env Env, s *data.Store) (func() fyne.CanvasObject, error) {
	people, err := s.People(env.Context())
	if err != nil {
		return nil, err
	}
	byRole := map[app.Role]int{}
	active := 0
	for _, p := range people {
		if p.Active {
			active++
			byRole[p.Role]++
		}
	}
	return func() fyne.CanvasObject {
		var roles []string
		for _, r := range app.Roles() {
			if byRole[r] > 0 {
				roles = append(roles, env.T("today.team.role_count", "Role", env.T("role."+string(r)), "Count", byRole[r]))
			}
		}
		count := widget.NewLabel(env.T("today.team.count", "Active", active, "Count", len(people)))
		mix := widget.NewLabel(strings.Join(roles, env.T("list.separator")))
		mix.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(ui.CompactList(count, mix), container.NewHBox(openTab(env, env.T("today.team.manage"), TabTeam)))
	}, nil
}

func loadDataCard(env Env, s *data.Store) (func() fyne.CanvasObject, error) {
	backups, err := s.Backups()
	if err != nil {
		return nil, err
	}
	path := s.Path()
	return func() fyne.CanvasObject {
		last := env.T("today.data.no_backup")
		if len(backups) > 0 {
			last = env.T("today.data.last_backup", "Time", backups[0].At.Local().Format(ui.MinuteLayout))
		}
		where := widget.NewLabel(env.T("today.data.where", "Path", path))
		where.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(ui.CompactList(widget.NewLabel(last), where), container.NewHBox(openTab(env, env.T("today.data.manage"), TabData)))
	}, nil
}
