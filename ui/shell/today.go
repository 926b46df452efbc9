package shell

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
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

// firstCards is how many cards start-up reads before the first frame:
// the first two rows, the cards in view at every supported window size.
// The others are read right after.
const firstCards = 2 * todayColumns

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
	t.cards = container.New(revealing{t, cardRows{columns: todayColumns}})
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
//
// Wrapped text is only as tall as its width makes it, which it learns when
// it is laid out: so the rows are placed a second time, at their cards'
// true heights, or they would change height when they come into view.
func (t *todayScreen) placeCards() {
	c := t.scroll.Content
	place := func() {
		c.Resize(fyne.NewSize(c.Size().Width, max(c.MinSize().Height, t.scroll.Size().Height)))
		for _, b := range t.bodies {
			for _, o := range b.Objects {
				o.Resize(b.Size()) // nothing to do when the card's size changed
			}
		}
	}
	place()
	t.cards.Layout.Layout(t.cards.Objects, t.cards.Size())
	place()
	for _, b := range t.bodies {
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
	if d := u.prefetched; d != nil { // the first cards, read during start-up
		u.prefetched = nil
		t.apply(*d)
		u.Do(func() { t.read(firstCards, len(t.specs)) }) // after the first frame
		return
	}
	t.read(0, len(t.specs))
}

// read reads cards from up to to off the UI thread and shows them.
func (t *todayScreen) read(from, to int) {
	t.u.Background(func(s *data.Store) func() {
		d := fetchToday(s, t.specs, from, to)
		return func() { t.apply(d) }
	})
}

// todayData is what the Today cards read, ready to show (nothing for a
// card not read).
type todayData struct {
	builders []func() fyne.CanvasObject
	errs     []error
}

// fetchToday reads the data of the cards from up to to; it runs off the
// UI thread.
func fetchToday(s *data.Store, specs []ui.TodayCard, from, to int) todayData {
	d := todayData{builders: make([]func() fyne.CanvasObject, len(specs)), errs: make([]error, len(specs))}
	for i := from; i < min(to, len(specs)); i++ {
		d.builders[i], d.errs[i] = specs[i].Load(s)
	}
	return d
}

func (t *todayScreen) apply(d todayData) {
	for i := range t.boxes {
		if i >= len(d.builders) {
			break
		}
		if d.builders[i] == nil && d.errs[i] == nil {
			continue // not read this time
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

// cardRows lays cards out in rows of columns equal widths, each row as
// tall as its tallest card: a short card (Me, Team) is not stretched to
// the tallest on the screen, and a card that gets its content later moves
// only the rows below it.
type cardRows struct{ columns int }

// rows splits objs into rows of g.columns, each with its tallest card's
// minimum size in height and its widest's in width.
func (g cardRows) rows(objs []fyne.CanvasObject) (rows [][]fyne.CanvasObject, mins []fyne.Size) {
	for start := 0; start < len(objs); start += g.columns {
		cells := objs[start:min(start+g.columns, len(objs))]
		var m fyne.Size
		for _, o := range cells {
			m = m.Max(o.MinSize())
		}
		rows, mins = append(rows, cells), append(mins, m)
	}
	return rows, mins
}

func (g cardRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	_, mins := g.rows(objs)
	var width, height float32
	for i, m := range mins {
		if i > 0 {
			height += pad
		}
		width, height = max(width, m.Width), height+m.Height
	}
	return fyne.NewSize(width*float32(g.columns)+pad*float32(g.columns-1), height)
}

func (g cardRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	width := (size.Width - pad*float32(g.columns-1)) / float32(g.columns)
	rows, mins := g.rows(objs)
	var y float32
	for r, cells := range rows {
		for i, o := range cells {
			o.Move(fyne.NewPos(float32(i)*(width+pad), y))
			o.Resize(fyne.NewSize(width, mins[r].Height))
		}
		y += mins[r].Height + pad
	}
}
