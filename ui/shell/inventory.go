package shell

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/inventoryui"
	"github.com/opsbench/opsbench/ui/planningui"
)

// newPlanningScreen is Planning with the Inventory area's business cash
// forecast as one more tab (ui.ScreenPlanning.Tab(inventoryui.CashTabName)).
func newPlanningScreen(u *UI) ui.Screen {
	p := planningui.New(u)
	cash := inventoryui.NewCashView(u)
	p.AddTab(inventoryui.CashTabName, u.T("inventory.tab.cash"), theme.InfoIcon(), cash.View(), cash.Load)
	return p
}

// dropTarget is a screen that takes files dropped onto the window.
type dropTarget interface {
	Dropped(uris []fyne.URI) bool
}

// dropped hands files dropped onto the window to the screen shown when it
// takes them, else to Inventory, which imports them.
func (u *UI) dropped(_ fyne.Position, uris []fyne.URI) {
	s := u.shell
	if s == nil || len(uris) == 0 {
		return
	}
	if t, ok := s.screens[s.current].(dropTarget); ok && t.Dropped(uris) {
		return
	}
	s.show(ui.ScreenInventory)
	if t, ok := s.screens[ui.ScreenInventory].(dropTarget); ok {
		t.Dropped(uris)
	}
}
