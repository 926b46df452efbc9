// Package inventoryui is the Inventory area: stock by SKU and location,
// the reorder plan, shipments and the logistics view, purchase orders,
// report import, the catalog and the area's settings. One file per screen
// (tab); the shell composes it. The business cash forecast (CashView) is
// shown on Planning: the shell adds it there as a tab.
//
// Figures (velocity, cover, what to order when) come from the planning
// package over the store's reorder inputs and are kept in the store's
// reorder cache (see figures.go), so the tables page, sort and search them
// in SQL.
package inventoryui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
)

// Env is what the Inventory screens need from their window (ui.Env has
// it).
type Env interface {
	T(key string, args ...any) string
	Translator() *ui.Translator
	Window() fyne.Window
	Context() context.Context
	Background(work func(s *data.Store) (apply func()))
	Go(fn func())
	Do(fn func())
	ErrorText(err error) string
	ShowError(title string, err error)
	Inform(title, message string)
	Confirm(title, message, action string, do func())
	ShowFormDialog(title, saveLabel string, form *widget.Form, save func() (ui.Write, error), saved func()) *ui.FormDialog
	ShowForm(spec ui.FormSpec) *ui.FormDialog
	ConfirmDiscard(what []string, discard func())
	ShowProgress(title string, known bool, cancel func()) *ui.Progress
	Navigate(id ui.ScreenID)
	// Store is the open database; the screen takes it on the UI thread
	// for its tables, whose pages load off it.
	Store() *data.Store
}

// Screen is the Inventory area.
type Screen struct {
	env  Env
	tr   *ui.Translator
	root fyne.CanvasObject
	tabs *container.AppTabs
	// store is the open database as the UI thread last saw it: the
	// tables' pages, loaded off the UI thread, read it.
	store atomic.Pointer[data.Store]

	// What the forms choose from, read on Load.
	locations []app.Location
	products  []app.Product
	modes     []string // shipping mode names: built-in and the office's
	settings  app.InventorySettings
	// kinds are the kinds of file the Import tab reads.
	kinds []data.ImportKind
	// open is the form dialog open over the area (forms.go).
	open *openForm
	// unsubscribe stops reloading the tab shown after sync imports.
	unsubscribe func()

	stock     *stockTab
	reorder   *reorderTab
	shipments *shipmentsTab
	orders    *ordersTab
	imports   *importTab
	catalog   *catalogTab
	setup     *settingsTab
}

// Tabs, in order, by the names navigation uses
// (ui.ScreenInventory.Tab("import")).
var tabNames = []string{"stock", tabReorder, "shipments", "orders", tabImport, "catalog", tabSettings}

// TabNames lists the area's tabs by the names navigation uses.
func TabNames() []string { return slices.Clone(tabNames) }

// Tabs other screens open.
const (
	tabReorder  = "reorder"
	tabImport   = "import"
	tabSettings = "settings"
)

// New builds the Inventory area.
func New(env Env) *Screen {
	s := &Screen{env: env, tr: env.Translator(), settings: app.DefaultInventorySettings(), kinds: data.InventoryImportKinds()}
	s.store.Store(env.Store())
	tr := s.tr
	s.stock = newStockTab(s)
	s.reorder = newReorderTab(s)
	s.shipments = newShipmentsTab(s)
	s.orders = newOrdersTab(s)
	s.imports = newImportTab(s)
	s.catalog = newCatalogTab(s)
	s.setup = newSettingsTab(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr.T("inventory.tab.stock"), ui.InventoryIcon(), s.stock.root),
		container.NewTabItemWithIcon(tr.T("inventory.tab.reorder"), theme.ListIcon(), s.reorder.root),
		container.NewTabItemWithIcon(tr.T("inventory.tab.shipments"), theme.MailSendIcon(), s.shipments.root),
		container.NewTabItemWithIcon(tr.T("inventory.tab.orders"), theme.DocumentIcon(), s.orders.root),
		container.NewTabItemWithIcon(tr.T("inventory.tab.import"), theme.DownloadIcon(), s.imports.root),
		container.NewTabItemWithIcon(tr.T("inventory.tab.catalog"), theme.StorageIcon(), s.catalog.root),
		container.NewTabItemWithIcon(tr.T("inventory.tab.settings"), theme.SettingsIcon(), s.setup.root),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.loadVisible() }
	s.root = container.NewBorder(container.NewPadded(ui.Heading(tr.T("nav.inventory"))), nil, nil, nil, s.tabs)
	return s
}

// View implements ui.Screen.
func (s *Screen) View() fyne.CanvasObject { return s.root }

// ShowTab implements ui.Tabbed.
func (s *Screen) ShowTab(tab string) {
	if i := slices.Index(tabNames, tab); i >= 0 {
		s.tabs.SelectIndex(i)
	}
}

// Load implements ui.Screen: it reads what the forms choose from and
// loads the tab shown.
func (s *Screen) Load() {
	s.store.Store(s.env.Store())
	if s.unsubscribe == nil && s.env.Store() != nil {
		// Another desk's changes arrive by sync: the tab shown follows.
		s.unsubscribe = s.env.Store().Subscribe(func(data.ChangeSet) { s.env.Do(s.Load) })
	}
	s.env.Background(func(st *data.Store) func() {
		ctx := s.env.Context()
		locs, err1 := st.Locations(ctx)
		prods, err2 := st.Products(ctx)
		office, err3 := st.ShippingModes(ctx)
		set, err4 := st.InventorySettings(ctx)
		return func() {
			for _, err := range []error{err1, err2, err3, err4} {
				if err != nil {
					s.env.ShowError(s.tr.T("inventory.load_failed"), err)
					return
				}
			}
			s.locations, s.products, s.settings = locs, prods, set
			s.modes = modeNames(office)
			s.loadVisible()
		}
	})
}

// Dropped imports files dropped onto the window: it shows the Import tab
// with the first file's preview. It reports whether it took them.
func (s *Screen) Dropped(uris []fyne.URI) bool {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return false
	}
	s.tabs.SelectIndex(slices.Index(tabNames, tabImport))
	s.imports.open(paths...)
	return true
}

// loadVisible (re)loads the tab shown.
func (s *Screen) loadVisible() {
	switch s.tabs.SelectedIndex() {
	case 0:
		s.stock.load()
	case 1:
		s.reorder.load()
	case 2:
		s.shipments.load()
	case 3:
		s.orders.load()
	case 4:
		s.imports.load()
	case 5:
		s.catalog.load()
	case 6:
		s.setup.load()
	}
}

// changed is called after a write: what the tabs show is read again.
func (s *Screen) changed() { s.Load() }

// openStore is the open database for work off the UI thread.
func (s *Screen) openStore() (*data.Store, error) {
	if st := s.store.Load(); st != nil {
		return st, nil
	}
	return nil, errNoDatabase
}

// errNoDatabase: no database is open (the window is between two).
var errNoDatabase = errors.New("no database is open")

// modeNames lists the shipping modes a shipment or a SKU can name: the
// built-in ones, then the office's own.
func modeNames(office []app.ShippingMode) []string {
	var names []string
	for _, m := range planning.OfficeModes(office) {
		names = append(names, strings.ToLower(m.Name))
	}
	return names
}

// location finds a location by id.
func (s *Screen) location(id string) (app.Location, bool) {
	for _, l := range s.locations {
		if l.ID == id {
			return l, true
		}
	}
	return app.Location{}, false
}

// product finds a product by SKU.
func (s *Screen) product(sku string) (app.Product, bool) {
	for _, p := range s.products {
		if p.SKU == sku {
			return p, true
		}
	}
	return app.Product{}, false
}
