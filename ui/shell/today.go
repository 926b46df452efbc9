package shell

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/inventoryui"
	"github.com/opsbench/opsbench/ui/planningui"
	"github.com/opsbench/opsbench/ui/serviceui"
	"github.com/opsbench/opsbench/ui/settingsui"
	"github.com/opsbench/opsbench/ui/sopui"
	"github.com/opsbench/opsbench/ui/syncui"
)

// recentActivity is how many changes the activity card lists.
const recentActivity = 6

// todayColumns is how many cards the Today screen shows side by side.
const todayColumns = 2

// todayCards composes the Today screen from the areas' cards. It is safe
// to call off the UI thread (start-up reads the cards with the fonts).
func (u *UI) todayCards() []ui.TodayCard {
	var cards []ui.TodayCard
	cards = append(cards, sopui.TodayCards(u)...)
	cards = append(cards, serviceui.TodayCards(u)...)
	cards = append(cards, settingsui.TodayCards(u)...)
	cards = append(cards, ui.TodayCard{Title: u.T("today.activity.title"), Load: u.loadActivityCard})
	cards = append(cards, planningui.TodayCards(u)...)
	cards = append(cards, inventoryui.TodayCards(u)...)
	cards = append(cards, syncui.TodayCards(u)...)
	return cards
}

// todayScreen is the start screen: a grid of cards about the day.
//
// A card is drawn only once it has been in view with its data: Fyne
// paints every visible object of the window in each frame, scrolled out
// of sight or not, and the first frame would otherwise rasterise the
// titles, shadows and text of the cards below the fold too (a third of
// the large demo's labels). A card kept out of sight is hidden but keeps
// its place and size, so no card moves when it is shown.
type todayScreen struct {
	u      *UI
	root   fyne.CanvasObject
	date   *widget.Label
	cards  *fyne.Container
	scroll *container.Scroll
	specs  []ui.TodayCard
	boxes  []*widget.Card
	// covers hide each card until it is in view; slots keep its place in
	// the grid meanwhile (the grid leaves hidden objects out).
	covers []*fyne.Container
	slots  []*fyne.Container
	// bodies hold each card's content; loaded says it is the card's data
	// (not "loading"), seen that the content has been in view.
	bodies []*fyne.Container
	loaded []bool
	seen   []bool
}

func newTodayScreen(u *UI) *todayScreen {
	t := &todayScreen{u: u, date: widget.NewLabel(""), specs: u.todayCards()}
	// Columns, not an adaptive grid: that one turns into rows when the
	// device says it is upright (Fyne's test device does), and a row of
	// every card is wider than the window.
	t.cards = container.New(revealing{t, layout.NewGridLayoutWithColumns(todayColumns)})
	for _, c := range t.specs {
		body := container.New(sizeKept{}, widget.NewLabel(u.T("status.loading")))
		card := widget.NewCard(c.Title, "", body)
		// A hidden container, not a hidden card: showing a widget
		// refreshes it, and a card's refresh lays it out and draws its
		// shadow again.
		cover := container.NewStack(card)
		cover.Hide()
		slot := container.New(sizeKept{}, cover)
		t.boxes = append(t.boxes, card)
		t.covers = append(t.covers, cover)
		t.slots = append(t.slots, slot)
		t.bodies = append(t.bodies, body)
		t.loaded = append(t.loaded, false)
		t.seen = append(t.seen, false)
		t.cards.Add(slot)
	}
	top := container.NewVBox(ui.Heading(u.T("nav.today")), t.date)
	t.scroll = container.NewVScroll(container.NewPadded(t.cards))
	t.scroll.OnScrolled = func(fyne.Position) { t.reveal() }
	t.root = container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.New(revealing{t, layout.NewStackLayout()}, t.scroll))
	return t
}

// setBody puts the content of card i in place, hidden until it has been
// in view. placeCards lays it out.
func (t *todayScreen) setBody(i int, content fyne.CanvasObject) {
	t.loaded[i] = true
	if !t.seen[i] {
		content.Hide()
	}
	t.bodies[i].Objects = []fyne.CanvasObject{content}
}

// placeCards lays the cards out for their new content now, as the scroll
// would before the next frame, so that reveal sees where they are. Each
// new content is laid out once, at its card's new size: refreshing the
// bodies instead would lay them out at the old size first and refresh
// every widget in them, measuring their text and drawing their icons
// again (a quarter of building Today on the large demo).
func (t *todayScreen) placeCards() {
	c := t.scroll.Content
	c.Resize(fyne.NewSize(c.Size().Width, max(c.MinSize().Height, t.scroll.Size().Height)))
	for _, b := range t.bodies {
		for _, o := range b.Objects {
			o.Resize(b.Size()) // nothing to do when the card's size changed
		}
		canvas.Refresh(b)
	}
}

// reveal shows the cards whose top is in view (or above it), and their
// content once it is in view too. Cards wait for their content: before,
// every card holds one short line, and all of them would be in view.
func (t *todayScreen) reveal() {
	if t.scroll == nil || t.scroll.Size().Height <= 0 {
		return // not built or laid out yet: the layout calls again
	}
	bottom := t.scroll.Offset.Y + t.scroll.Size().Height
	for i, slot := range t.slots {
		top := t.cards.Position().Y + slot.Position().Y
		if t.seen[i] || !t.loaded[i] || top >= bottom {
			continue
		}
		if cover := t.covers[i]; !cover.Visible() {
			cover.Show()
			canvas.Refresh(cover)
		}
		if top+t.bodies[i].Position().Y >= bottom {
			continue // only the title is in view
		}
		t.seen[i] = true
		for _, o := range t.bodies[i].Objects {
			o.Show()
		}
	}
}

// sizeKept lays out its one object over the whole container and takes
// its size even while it is hidden.
type sizeKept struct{}

func (sizeKept) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	return objs[0].MinSize()
}

func (sizeKept) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

// revealing is a layout that, once it has placed its objects, shows the
// cards that have come into view: around the scroll for a window that
// grows, and the grid's, for cards placed anew after getting content.
type revealing struct {
	t     *todayScreen
	inner fyne.Layout
}

func (r revealing) MinSize(objs []fyne.CanvasObject) fyne.Size { return r.inner.MinSize(objs) }

func (r revealing) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	r.inner.Layout(objs, size)
	r.t.reveal()
}

func (t *todayScreen) View() fyne.CanvasObject { return t.root }

func (t *todayScreen) Load() {
	u := t.u
	// The office's day, as the areas' cards count it (due today, late),
	// not this PC's: a desk whose clock is set to another zone would
	// otherwise head "today" with yesterday's date.
	day := app.MustDefaultCalendar().Today(time.Now())
	t.date.SetText(u.T("today.date", "Date", day.String(), "Weekday", u.T(fmt.Sprintf("weekday.%d", day.Weekday()))))
	if d := u.prefetched; d != nil { // read during start-up, with the fonts
		u.prefetched = nil
		t.apply(*d)
		return
	}
	u.Background(func(s *data.Store) func() {
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
func fetchToday(s *data.Store, specs []ui.TodayCard) todayData {
	d := todayData{builders: make([]func() fyne.CanvasObject, len(specs)), errs: make([]error, len(specs))}
	for i, c := range specs {
		d.builders[i], d.errs[i] = c.Load(s)
	}
	return d
}

func (t *todayScreen) apply(d todayData) {
	for i := range t.boxes {
		if i >= len(d.builders) {
			break
		}
		if d.errs[i] != nil {
			t.setBody(i, ui.WrapLabel(t.u.ErrorText(d.errs[i])))
			continue
		}
		t.setBody(i, d.builders[i]())
	}
	t.placeCards()
	t.reveal()
	t.u.probe.arm()
}

func (u *UI) loadActivityCard(s *data.Store) (func() fyne.CanvasObject, error) {
	entries, err := s.RecentActivity(u.Context(), recentActivity)
	if err != nil {
		return nil, err
	}
	return func() fyne.CanvasObject {
		if len(entries) == 0 {
			return ui.WrapLabel(u.T("today.activity.none"))
		}
		lines := make([]fyne.CanvasObject, len(entries))
		for i, e := range entries {
			l := widget.NewLabel(u.describeAudit(e))
			l.Truncation = fyne.TextTruncateEllipsis
			lines[i] = l
		}
		return ui.CompactList(lines...)
	}, nil
}

// auditSubjectFields are the fields that name a record in the activity
// list, most telling first: a product by its title rather than its SKU, a
// case by its customer, a review by the SKU it is about.
var auditSubjectFields = []string{"name", "title", "number", "ref", "sku", "customer", "metric", "label", "key"}

// auditSubject is what names the record an entry changed: the value set
// for the first of auditSubjectFields, "" when none is set.
func auditSubject(e app.AuditEntry) string {
	for _, f := range auditSubjectFields {
		for _, c := range e.Changes {
			if c.Field == f && strings.TrimSpace(c.New) != "" {
				return c.New
			}
		}
	}
	return ""
}

// describeAudit renders an audit entry as one line: time, who, what.
func (u *UI) describeAudit(e app.AuditEntry) string {
	who := e.ActorName
	if who == "" {
		who = u.T("audit.system")
	}
	var fields []string
	for _, c := range e.Changes {
		fields = append(fields, u.T("field."+e.Entity+"."+c.Field))
	}
	key := "audit.line." + e.Action
	subject := auditSubject(e)
	if e.Action == app.ActionCreate && subject == "" {
		key = "audit.line.create_unnamed"
	}
	return u.T(key,
		"Time", e.At.Local().Format(ui.ShortTimeLayout),
		"Who", who,
		"Entity", u.T("entity."+e.Entity),
		"Name", subject,
		"Fields", strings.Join(fields, u.T("list.separator")))
}
