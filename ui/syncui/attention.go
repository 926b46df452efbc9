package syncui

import (
	"math"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// showAttention lists what needs a person's answer before sync works as
// it should: a database that may be a copy, this desk's wrong clock, and
// other desks' files refused for a clock too far ahead.
func (s *Screen) showAttention(v syncView) {
	env := s.env
	s.attention.RemoveAll()
	if c := v.deskCopy; c != nil {
		newDesk := widget.NewButton(env.T("sync.copy.new"), func() { askNewDeskName(env, s.Load) })
		newDesk.Importance = widget.HighImportance
		moved := widget.NewButton(env.T("sync.copy.moved"), func() { resolveDeskCopy(env, data.DeskMoved, "", s.Load) })
		s.attention.Add(attentionCard(env.T("sync.copy.title"), deskCopyText(env, *c), newDesk, moved))
	}
	if v.ownAhead > 0 {
		repair := widget.NewButton(env.T("sync.clock.repair"), s.repairClock)
		s.attention.Add(attentionCard(env.T("sync.clock.title"),
			env.T("sync.clock.own", "Days", days(v.ownAhead), "Now", v.now.Local().Format(ui.MinuteLayout)), repair))
	}
	for _, r := range v.refused {
		desk := r.ReplicaName
		if desk == "" {
			desk = env.T("who.unknown_desk")
		}
		s.attention.Add(attentionCard(env.T("sync.refused.title", "Desk", desk),
			env.T("sync.refused.body", "Desk", desk, "Clock", r.Clock.Local().Format(ui.MinuteLayout),
				"Now", v.now.Local().Format(ui.MinuteLayout))))
	}
}

// days is how many whole days d is, at least 1.
func days(d time.Duration) int {
	return max(1, int(math.Floor(d.Hours()/24)))
}

// attentionCard is a card with a warning icon, a text and buttons.
func attentionCard(title, text string, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	body := container.NewVBox(ui.WrapLabel(text))
	if len(buttons) > 0 {
		body.Add(container.NewHBox(buttons...))
	}
	return widget.NewCard("", "", container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil,
		container.NewVBox(ui.SectionLabel(title), body)))
}

// deskCopyText explains why this database may be a copy of another
// desk's.
func deskCopyText(env Env, c data.DeskCopy) string {
	if c.Reason == data.CopyBundle {
		other := c.OtherName
		if other == "" {
			other = env.T("who.unknown_desk")
		}
		return env.T("sync.copy.bundle", "Desk", other, "Count", c.Changes)
	}
	was := c.WasHost
	if c.WasPath != "" {
		was = env.T("sync.copy.place", "Host", c.WasHost, "Folder", filepath.Dir(c.WasPath))
	}
	now := env.T("sync.copy.place", "Host", c.Host, "Folder", filepath.Dir(c.Path))
	return env.T("sync.copy.opened", "Was", was, "Now", now)
}

// AskDeskCopy asks once per database and session, when the database may
// be a copy of another desk's (data.DeskCopy): "this is a new desk" or
// "this database moved here". Until it is answered, the Sync screen
// keeps asking and this desk's file is not written to the shared folder.
func AskDeskCopy(env Env, ss *Session) {
	env.Background(func(st *data.Store) func() {
		c, ok, err := st.PendingDeskCopy(env.Context())
		path := st.Path()
		return func() {
			if err != nil || !ok {
				return
			}
			ss.mu.Lock()
			if ss.asked == nil {
				ss.asked = map[string]bool{}
			}
			asked := ss.asked[path]
			ss.asked[path] = true
			ss.mu.Unlock()
			if asked {
				return
			}
			showDeskCopyQuestion(env, c, ss.reload)
		}
	})
}

// reload shows what changed on the Sync screen, when it is built.
func (ss *Session) reload() {
	ss.mu.Lock()
	onRound := ss.onRound
	ss.mu.Unlock()
	if onRound != nil {
		onRound()
	}
}

func showDeskCopyQuestion(env Env, c data.DeskCopy, done func()) {
	var d *dialog.CustomDialog
	newDesk := widget.NewButton(env.T("sync.copy.new"), func() {
		d.Hide()
		askNewDeskName(env, done)
	})
	newDesk.Importance = widget.HighImportance
	moved := widget.NewButton(env.T("sync.copy.moved"), func() {
		d.Hide()
		resolveDeskCopy(env, data.DeskMoved, "", done)
	})
	later := widget.NewButton(env.T("sync.copy.later"), func() { d.Hide() })
	text := ui.WrapLabel(deskCopyText(env, c) + "\n\n" + env.T("sync.copy.explain"))
	d = dialog.NewCustomWithoutButtons(env.T("sync.copy.title"), ui.FixedWidth(ui.DialogWidth, text), env.Window())
	d.SetButtons([]fyne.CanvasObject{later, moved, newDesk})
	d.Show()
}

// askNewDeskName asks the new desk's name, then gives this database a
// new desk id under it.
func askNewDeskName(env Env, done func()) {
	name := widget.NewEntry()
	name.SetPlaceHolder(env.T("sync.copy.name_placeholder"))
	form := widget.NewForm(widget.NewFormItem(env.T("field.replica.name"), name))
	form.Append("", ui.WrapLabel(env.T("sync.copy.name_hint")))
	env.ShowFormDialog(env.T("sync.copy.new"), env.T("sync.copy.new_do"), form, func() (ui.Write, error) {
		n := name.Text
		return func(st *data.Store) error { return st.ResolveDeskCopy(env.Context(), data.DeskNew, n) }, nil
	}, done)
}

// resolveDeskCopy answers the question off the UI thread.
func resolveDeskCopy(env Env, answer, name string, done func()) {
	env.Background(func(st *data.Store) func() {
		err := st.ResolveDeskCopy(env.Context(), answer, name)
		return func() {
			if err != nil {
				env.ShowError(env.T("sync.copy.failed"), err)
			}
			done()
		}
	})
}

// repairClock stamps again the changes made while this desk's date was
// wrong, once it is right.
func (s *Screen) repairClock() {
	env := s.env
	env.Background(func(st *data.Store) func() {
		n, err := st.RepairClock(env.Context())
		ahead := st.OwnClockAhead()
		return func() {
			switch {
			case err != nil:
				env.ShowError(env.T("sync.clock.failed"), err)
			case ahead > 0:
				env.Inform(env.T("sync.clock.title"), env.T("sync.clock.still_wrong"))
			default:
				env.Inform(env.T("sync.clock.title"), env.T("sync.clock.repaired", "Count", n))
			}
			s.Load()
		}
	})
}

// describeDesk names a desk for a same-name record: its name, or that it
// is not known here.
func describeDesk(env Env, name string) string {
	if name == "" {
		return env.T("who.unknown_desk")
	}
	return name
}
