package planningui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// extraTab is a tab another area adds to Planning (the business cash
// forecast of the Inventory area); the shell composes them, so the areas
// never import each other.
type extraTab struct {
	name string
	load func()
}

// AddTab appends a tab named name (for navigation:
// ui.ScreenPlanning.Tab(name)) showing content; load runs each time it is
// shown.
func (p *Screen) AddTab(name, title string, icon fyne.Resource, content fyne.CanvasObject, load func()) {
	p.tabs.Append(container.NewTabItemWithIcon(title, icon, content))
	p.extra = append(p.extra, extraTab{name: name, load: load})
}

// extraIndex is the tab index of the added tab called name (-1: none).
func (p *Screen) extraIndex(name string) int {
	i := slices.IndexFunc(p.extra, func(t extraTab) bool { return t.name == name })
	if i < 0 {
		return -1
	}
	return len(tabNames) + i
}

// refreshExtra loads the added tab shown, if one is.
func (p *Screen) refreshExtra() {
	if i := p.tabs.SelectedIndex() - len(tabNames); i >= 0 && i < len(p.extra) && p.extra[i].load != nil {
		p.extra[i].load()
	}
}
