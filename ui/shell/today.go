package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// todayCard is one card on the Today screen. load runs off the UI thread
// and returns a function that builds the card's body on the UI thread.
// Each work area adds its cards to todayCards.
type todayCard struct {
	title string
	load  func(s *data.Store) (func() fyne.CanvasObject, error)
}

func (u *UI) todayCards() []todayCard {
	return []todayCard{
		{u.tr.T("today.me.title"), u.loadMeCard},
		{u.tr.T("today.team.title"), u.loadTeamCard},
		{u.tr.T("today.activity.title"), u.loadActivityCard},
		{u.tr.T("today.data.title"), u.loadDataCard},
		{u.tr.T("today.planning.title"), u.loadPlanningCard},
		{u.tr.T("sync.card.title"), u.loadSyncCard},
	}
}

// todayScreen is the start screen: a grid of cards about the day.
type todayScreen struct {
	u     *UI
	root  fyne.CanvasObject
	date  *widget.Label
	cards *fyne.Container
	specs []todayCard
	boxes []*widget.Card
}

func newTodayScreen(u *UI) *todayScreen {
	t := &todayScreen{u: u, date: widget.NewLabel(""), specs: u.todayCards()}
	t.cards = container.NewAdaptiveGrid(2)
	for _, c := range t.specs {
		card := widget.NewCard(c.title, "", widget.NewLabel(u.tr.T("status.loading")))
		t.boxes = append(t.boxes, card)
		t.cards.Add(card)
	}
	top := container.NewVBox(heading(u.tr.T("nav.today")), t.date)
	t.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(t.cards))
	return t
}

func (t *todayScreen) view() fyne.CanvasObject { return t.root }

func (t *todayScreen) load() {
	u := t.u
	now := time.Now()
	t.date.SetText(u.tr.T("today.date", "Date", now.Format("2006-01-02"), "Weekday", u.tr.T(fmt.Sprintf("weekday.%d", now.Weekday()))))
	if d := u.prefetched; d != nil { // read during start-up, with the fonts
		u.prefetched = nil
		t.apply(*d)
		return
	}
	u.background(func(s *data.Store) func() {
		d := fetchToday(s, t.specs)
		return func() { t.apply(d) }
	})
}

// todayData is what the Today cards read, ready to show.
type todayData struct {
	builders []func() fyne.CanvasObject
	errs     []error
}

// fetchToday reads every card's data; it runs off the UI thread.
func fetchToday(s *data.Store, specs []todayCard) todayData {
	d := todayData{builders: make([]func() fyne.CanvasObject, len(specs)), errs: make([]error, len(specs))}
	for i, c := range specs {
		d.builders[i], d.errs[i] = c.load(s)
	}
	return d
}

func (t *todayScreen) apply(d todayData) {
	for i, card := range t.boxes {
		if i >= len(d.builders) {
			break
		}
		if d.errs[i] != nil {
			card.SetContent(wrapLabel(t.u.errorText(d.errs[i])))
			continue
		}
		card.SetContent(d.builders[i]())
	}
	t.u.probe.arm()
}

func (u *UI) loadMeCard(s *data.Store) (func() fyne.CanvasObject, error) {
	me, err := s.Me(u.ctx)
	if err != nil {
		return nil, err
	}
	desk := s.Replica().Name
	return func() fyne.CanvasObject {
		hello := widget.NewLabelWithStyle(u.tr.T("today.me.hello", "Name", me.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		role := widget.NewLabel(u.tr.T("today.me.role", "Role", u.tr.T("role."+string(me.Role))))
		deskL := widget.NewLabel(u.tr.T("today.me.desk", "Desk", desk))
		edit := widget.NewButton(u.tr.T("today.me.edit"), func() { u.showSettingsTab(settingsProfile) })
		return container.NewVBox(compactList(hello, role, deskL), container.NewHBox(edit))
	}, nil
}

func (u *UI) loadTeamCard(s *data.Store) (func() fyne.CanvasObject, error) {
	people, err := s.People(u.ctx)
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
				roles = append(roles, u.tr.T("today.team.role_count", "Role", u.tr.T("role."+string(r)), "Count", byRole[r]))
			}
		}
		count := widget.NewLabel(u.tr.T("today.team.count", "Active", active, "Total", len(people)))
		mix := widget.NewLabel(strings.Join(roles, u.tr.T("list.separator")))
		mix.Truncation = fyne.TextTruncateEllipsis
		manage := widget.NewButton(u.tr.T("today.team.manage"), func() { u.showSettingsTab(settingsTeam) })
		return container.NewVBox(compactList(count, mix), container.NewHBox(manage))
	}, nil
}

func (u *UI) loadActivityCard(s *data.Store) (func() fyne.CanvasObject, error) {
	entries, err := s.RecentActivity(u.ctx, 6)
	if err != nil {
		return nil, err
	}
	return func() fyne.CanvasObject {
		if len(entries) == 0 {
			return wrapLabel(u.tr.T("today.activity.none"))
		}
		lines := make([]fyne.CanvasObject, len(entries))
		for i, e := range entries {
			l := widget.NewLabel(u.describeAudit(e))
			l.Truncation = fyne.TextTruncateEllipsis
			lines[i] = l
		}
		return compactList(lines...)
	}, nil
}

// describeAudit renders an audit entry as one line: time, who, what.
func (u *UI) describeAudit(e app.AuditEntry) string {
	who := e.ActorName
	if who == "" {
		who = u.tr.T("audit.system")
	}
	subject := ""
	var fields []string
	for _, c := range e.Changes {
		if c.Field == "name" {
			subject = c.New
		}
		fields = append(fields, u.tr.T("field."+e.Entity+"."+c.Field))
	}
	return u.tr.T("audit.line."+e.Action,
		"Time", e.At.Local().Format("01-02 15:04"),
		"Who", who,
		"Entity", u.tr.T("entity."+e.Entity),
		"Name", subject,
		"Fields", strings.Join(fields, u.tr.T("list.separator")))
}

func (u *UI) loadDataCard(s *data.Store) (func() fyne.CanvasObject, error) {
	backups, err := s.Backups()
	if err != nil {
		return nil, err
	}
	path := s.Path()
	return func() fyne.CanvasObject {
		last := u.tr.T("today.data.no_backup")
		if len(backups) > 0 {
			last = u.tr.T("today.data.last_backup", "Time", backups[0].At.Local().Format("2006-01-02 15:04"))
		}
		where := widget.NewLabel(u.tr.T("today.data.where", "Path", path))
		where.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(compactList(widget.NewLabel(last), where),
			container.NewHBox(widget.NewButton(u.tr.T("today.data.manage"), func() { u.showSettingsTab(settingsData) })))
	}, nil
}

// compactList stacks lines without the extra gap between labels.
func compactList(lines ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(0), lines...)
}
