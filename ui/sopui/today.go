package sopui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// todayShown is how many items the Today card lists before "N more".
const todayShown = 8

// TodayCards are the SOP area's cards on the Today screen: my steps,
// checklist entries and review follow-ups due today or overdue, each a
// tap away from done (or from its record form).
func TodayCards(env Env) []ui.TodayCard {
	c := &todayCard{env: env}
	return []ui.TodayCard{{Title: env.T("sop.today.title"), Load: c.load}}
}

// todayCard is the card's live content: it reloads itself after a tap.
type todayCard struct {
	env Env
	box *fyne.Container
}

// todayView is what the card shows, read off the UI thread.
type todayView struct {
	noProfile bool
	items     []app.TodayItem
	open      int // open review actions, due or not
	day       app.Date
}

func (c *todayCard) read(s *data.Store) (todayView, error) {
	ctx := c.env.Context()
	v := todayView{day: today()}
	me, err := s.Me(ctx)
	if errors.Is(err, app.ErrNoProfile) {
		v.noProfile = true
		return v, nil
	}
	if err != nil {
		return v, err
	}
	// The first read on a new day (the morning's start, a database just
	// opened) makes the day's checklist entries first, or the card would
	// list none of them until something reloaded it. Should that fail (the
	// writer busy with a merge), the card still shows what there is: the
	// same run at start (Start) says what went wrong.
	if through, _ := s.Setting(ctx, data.SettingChecklistThrough); through < v.day.String() {
		_, _ = s.GenerateChecklist(ctx, officeCalendar(), v.day)
	}
	if v.items, err = s.Today(ctx, me.ID, v.day); err != nil {
		return v, err
	}
	reviews, err := s.OpenReviews(ctx, me.ID)
	v.open = len(reviews)
	return v, err
}

func (c *todayCard) load(s *data.Store) (func() fyne.CanvasObject, error) {
	v, err := c.read(s)
	if err != nil {
		return nil, err
	}
	return func() fyne.CanvasObject {
		// New, so laid out by the card it goes in: no refresh yet.
		c.box = container.NewVBox(c.rows(v)...)
		return c.box
	}, nil
}

// reload reads the card again and shows it (after a tap).
func (c *todayCard) reload() {
	c.env.Background(func(s *data.Store) func() {
		v, err := c.read(s)
		return func() {
			if err != nil {
				c.box.Objects = []fyne.CanvasObject{ui.WrapLabel(c.env.ErrorText(err))}
				c.box.Refresh()
				return
			}
			c.show(v)
		}
	})
}

// show puts v in the card in place of what it shows.
func (c *todayCard) show(v todayView) {
	c.box.Objects = c.rows(v)
	c.box.Refresh()
}

// rows are the card's lines for v.
func (c *todayCard) rows(v todayView) []fyne.CanvasObject {
	env, tr := c.env, c.env.Translator()
	var rows []fyne.CanvasObject
	switch {
	case v.noProfile:
		rows = append(rows, ui.WrapLabel(tr.T("sop.today.no_profile")))
	case len(v.items) == 0:
		rows = append(rows, ui.WrapLabel(tr.T("sop.today.nothing")))
	default:
		late := 0
		for _, it := range v.items {
			if it.OverdueDays > 0 {
				late++
			}
		}
		summary := widget.NewLabel(tr.T("sop.today.summary", "Count", len(v.items), "Late", late))
		if late > 0 {
			summary.Importance = widget.DangerImportance
		}
		rows = append(rows, summary)
		for i, it := range v.items {
			if i == todayShown {
				break
			}
			rows = append(rows, c.row(it, v.day))
		}
	}
	more := widget.NewButton(tr.T("sop.today.open"), func() { env.Navigate(ui.ScreenSOP) })
	buttons := []fyne.CanvasObject{more}
	if n := len(v.items) - todayShown; n > 0 {
		more.SetText(tr.T("sop.today.more", "Count", n))
	}
	if v.open > 0 {
		buttons = append(buttons, widget.NewButton(tr.T("sop.today.reviews", "Count", v.open), func() { env.Navigate(ui.ScreenSOP.Tab(tabNames[tabReview])) }))
	}
	return append(rows, container.NewHBox(buttons...))
}

// row is one item: what and where, when, and its button: done at once,
// or the form when values are to be recorded (or a review to follow up).
func (c *todayCard) row(it app.TodayItem, day app.Date) fyne.CanvasObject {
	env, tr := c.env, c.env.Translator()
	what := it.Title
	switch it.Kind {
	case app.TodayStep:
		run := it.RunTitle
		if it.SKU != "" {
			run = tr.T("sop.run_with_sku", "Run", it.RunTitle, "SKU", it.SKU)
		}
		what = tr.T("sop.today.step", "Step", it.Title, "Run", run, "Stage", it.Stage)
	case app.TodayChecklist:
		what = tr.T("sop.today.checklist", "Title", it.Title)
	case app.TodayReview:
		what = tr.T("sop.today.review", "Action", it.Title, "Metric", it.Stage)
	}
	label := widget.NewLabel(what)
	label.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel(dueText(tr, it.Due, day))
	if it.OverdueDays > 0 {
		when.Importance = widget.DangerImportance
	}
	var btn *widgets.TipButton
	switch {
	case it.Kind == app.TodayReview:
		btn = widgets.NewTipButton(tr.T("sop.today.follow_up"), theme.DocumentCreateIcon(), tr.T("sop.today.follow_up_tip"), func() {
			openReview(env, it.ID, c.reload, nil)
		})
	case it.HasForm:
		btn = widgets.NewTipButton(tr.T("sop.today.record"), theme.DocumentCreateIcon(), tr.T("sop.today.record_tip"), func() {
			if it.Kind == app.TodayStep {
				openStep(env, it.ID, c.reload, nil)
			} else {
				openEntry(env, it.ID, c.reload, nil)
			}
		})
	default:
		btn = widgets.NewTipButton(tr.T("sop.today.done"), theme.ConfirmIcon(), tr.T("sop.today.done_tip"), nil)
		btn.OnTapped = func() {
			btn.Disable()
			c.markDone(it, day, func() { btn.Enable() })
		}
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(when, btn), label)
}

// markDone completes an item without a record form, off the UI thread.
func (c *todayCard) markDone(it app.TodayItem, day app.Date, failed func()) {
	env := c.env
	env.Background(func(s *data.Store) func() {
		var err error
		if it.Kind == app.TodayStep {
			_, err = s.SaveStep(env.Context(), it.ID, day, app.StepChange{Status: app.StepDone}, nil)
		} else {
			_, err = s.SaveChecklistEntry(env.Context(), it.ID, data.EntryChange{Status: app.EntryDone})
		}
		return func() {
			if err != nil {
				failed()
				env.ShowError(env.T("sop.today.done_failed"), err)
				return
			}
			c.reload()
		}
	})
}
