package shell

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/inventoryui"
	"github.com/opsbench/opsbench/ui/serviceui"
	"github.com/opsbench/opsbench/ui/settingsui"
	"github.com/opsbench/opsbench/ui/sopui"
	"github.com/opsbench/opsbench/ui/syncui"
)

type navItem struct {
	id   ui.ScreenID
	icon fyne.Resource
	make func(u *UI) ui.Screen
}

// navItems is the sidebar, top to bottom.
func navItems() []navItem {
	return []navItem{
		{ui.ScreenToday, theme.HomeIcon(), func(u *UI) ui.Screen { return newTodayScreen(u) }},
		{ui.ScreenSOP, ui.ChecklistIcon(), func(u *UI) ui.Screen { return sopui.New(u) }},
		{ui.ScreenInventory, ui.InventoryIcon(), func(u *UI) ui.Screen { return inventoryui.New(u) }},
		{ui.ScreenPlanning, theme.GridIcon(), newPlanningScreen},
		{ui.ScreenService, ui.ServiceIcon(), func(u *UI) ui.Screen { return serviceui.New(u) }},
		{ui.ScreenSync, theme.ViewRefreshIcon(), func(u *UI) ui.Screen { return syncui.New(u, u.sync) }},
		{ui.ScreenSettings, theme.SettingsIcon(), func(u *UI) ui.Screen { return settingsui.New(u) }},
	}
}

// sidebarOffset is the share of the window's width the sidebar takes.
const sidebarOffset = 0.16

// shell is the main window layout: sidebar buttons and the current screen.
type shell struct {
	u       *UI
	items   []navItem
	buttons map[ui.ScreenID]*widget.Button
	screens map[ui.ScreenID]ui.Screen
	content *fyne.Container
	current ui.ScreenID
}

// showShell replaces the window content with a fresh shell on screen id.
func (u *UI) showShell(id ui.ScreenID) {
	s, view := u.newShell(id)
	u.setTitle()
	u.setContent(view)
	s.show(id)
}

// newShell makes a fresh shell, with screen id highlighted in the
// sidebar but not shown yet, and returns it and its view.
func (u *UI) newShell(id ui.ScreenID) (*shell, fyne.CanvasObject) {
	u.dropScreens()
	s := &shell{u: u, items: navItems(), buttons: map[ui.ScreenID]*widget.Button{}, screens: map[ui.ScreenID]ui.Screen{}}
	// The buttons are made as they will first be shown (the current
	// screen's highlighted) and put in the sidebar at once: each Add
	// would lay the sidebar out again, and each change of highlight
	// draws a button's icon again.
	first, _ := id.Split()
	var side []fyne.CanvasObject
	for _, it := range s.items {
		id := it.id
		label := u.T("nav." + string(id))
		b := widget.NewButtonWithIcon(label, it.icon, func() { s.show(id) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if id == first {
			b.Importance = widget.HighImportance
		}
		s.buttons[id] = b
		if id == ui.ScreenSettings {
			side = append(side, widget.NewSeparator())
		}
		side = append(side, b)
	}
	brand := widget.NewLabelWithStyle(u.T("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	sidebar := container.NewBorder(container.NewVBox(brand, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(container.NewVBox(side...)))
	s.content = container.NewStack()
	split := container.NewHSplit(sidebar, s.content)
	split.Offset = sidebarOffset
	u.shell = s
	var main fyne.CanvasObject = split
	if st := u.Store(); st != nil && st.IsDemo() {
		main = container.NewBorder(u.demoBanner(), nil, nil, nil, split)
	}
	return s, main
}

// demoBanner marks every screen while a demo database is open, with the
// way back to the real one.
func (u *UI) demoBanner() fyne.CanvasObject {
	bg := canvas.NewRectangle(demoBannerColor())
	text := ui.WrapLabel(u.T("demo.banner"))
	text.TextStyle = fyne.TextStyle{Bold: true}
	back := widget.NewButtonWithIcon(u.T("demo.back"), theme.NavigateBackIcon(), u.OpenReal)
	back.Importance = widget.HighImportance
	// At least a few words wide: Fyne's GL canvas lays new content out at
	// its minimum size first, and a narrow paragraph is a tall one.
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), back, ui.AtLeast(fyne.NewSize(bannerTextWidth, 0), text))
	return container.NewStack(bg, container.NewPadded(row))
}

// bannerTextWidth is the least width of the demo banner's text: two
// lines in either language.
const bannerTextWidth = 400

// demoBannerColor is the theme's warning colour, light enough for text.
func demoBannerColor() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNameWarning).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x55}
}

// navigate shows screen id (and its tab, if it names one).
func (u *UI) navigate(id ui.ScreenID) {
	if u.shell != nil {
		u.shell.show(id)
	}
}

// show switches to screen id, building it on first use, and opens the
// tab id names.
func (s *shell) show(id ui.ScreenID) {
	id, tab := id.Split()
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
		want := widget.LowImportance
		if bid == id {
			want = widget.HighImportance
		}
		if b.Importance != want { // a refresh draws the icon again
			b.Importance = want
			b.Refresh()
		}
	}
	s.current = id
	view := scr.View()
	s.content.Objects = []fyne.CanvasObject{view}
	if ok { // shown before: it may have missed a theme change while away
		s.content.Refresh()
	} else { // new: laid out once, nothing in it to refresh yet
		view.Resize(s.content.Size())
		canvas.Refresh(s.content)
	}
	scr.Load()
	if t, ok := scr.(ui.Tabbed); ok && tab != "" {
		t.ShowTab(tab)
	}
}
