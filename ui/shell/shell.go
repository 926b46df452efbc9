package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// screen is one work area shown right of the sidebar.
type screen interface {
	// view is the screen's widget tree, built once per language.
	view() fyne.CanvasObject
	// load (re)reads the screen's data off the UI thread and applies it
	// with fyne.Do; it is called each time the screen is shown.
	load()
}

// Navigation ids.
const (
	navToday     = "today"
	navSOP       = "sop"
	navInventory = "inventory"
	navPlanning  = "planning"
	navService   = "service"
	navSync      = "sync"
	navSettings  = "settings"
)

type navItem struct {
	id   string
	icon fyne.Resource
	make func(u *UI) screen
}

// navItems is the sidebar, top to bottom.
func navItems() []navItem {
	return []navItem{
		{navToday, theme.HomeIcon(), func(u *UI) screen { return newTodayScreen(u) }},
		{navSOP, theme.ListIcon(), func(u *UI) screen { return newComingScreen(u, navSOP) }},
		{navInventory, theme.StorageIcon(), func(u *UI) screen { return newComingScreen(u, navInventory) }},
		{navPlanning, theme.GridIcon(), func(u *UI) screen { return newPlanningScreen(u) }},
		{navService, theme.MailComposeIcon(), func(u *UI) screen { return newComingScreen(u, navService) }},
		{navSync, theme.ViewRefreshIcon(), func(u *UI) screen { return newSyncScreen(u) }},
		{navSettings, theme.SettingsIcon(), func(u *UI) screen { return newSettingsScreen(u) }},
	}
}

// shell is the main window layout: sidebar buttons and the current screen.
type shell struct {
	u       *UI
	items   []navItem
	buttons map[string]*widget.Button
	screens map[string]screen
	content *fyne.Container
	current string
}

// showShell replaces the window content with a fresh shell on screen nav.
func (u *UI) showShell(nav string) {
	s := &shell{u: u, items: navItems(), buttons: map[string]*widget.Button{}, screens: map[string]screen{}}
	side := container.NewVBox()
	for _, it := range s.items {
		id := it.id
		b := widget.NewButtonWithIcon(u.tr.T("nav."+id), it.icon, func() { s.show(id) })
		b.Alignment = widget.ButtonAlignLeading
		s.buttons[id] = b
		if id == navSettings {
			side.Add(widget.NewSeparator())
		}
		side.Add(b)
	}
	brand := widget.NewLabelWithStyle(u.tr.T("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	sidebar := container.NewBorder(container.NewVBox(brand, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(side))
	s.content = container.NewStack()
	split := container.NewHSplit(sidebar, s.content)
	split.Offset = 0.16
	u.shell = s
	u.win.SetContent(u.probe.wrap(split))
	s.show(nav)
}

// show switches to screen id, building it on first use.
func (s *shell) show(id string) {
	scr, ok := s.screens[id]
	if !ok {
		for _, it := range s.items {
			if it.id == id {
				scr = it.make(s.u)
			}
		}
		if scr == nil {
			return
		}
		s.screens[id] = scr
	}
	for bid, b := range s.buttons {
		if bid == id {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
	s.current = id
	s.content.Objects = []fyne.CanvasObject{scr.view()}
	s.content.Refresh()
	scr.load()
}

// heading is the large title at the top of a screen.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// comingScreen stands for an area that is not built yet and says so.
type comingScreen struct {
	root fyne.CanvasObject
}

func newComingScreen(u *UI, id string) *comingScreen {
	msg := wrapLabel(u.tr.T("coming.message"))
	return &comingScreen{root: container.NewPadded(container.NewVBox(heading(u.tr.T("nav."+id)), msg))}
}

func (c *comingScreen) view() fyne.CanvasObject { return c.root }
func (c *comingScreen) load()                   {}
