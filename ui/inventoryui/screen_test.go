package inventoryui

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/reports"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// ordersHeader is an All Orders file's header with the columns OpsBench
// reads.
const ordersHeader = "amazon-order-id\tpurchase-date\tsales-channel\tsku\tproduct-name\titem-status\tquantity\titem-price\tcurrency\n"

// salesFile writes an All Orders file of days days of sales ending
// yesterday (in Los Angeles): MUG sells 10 a day, TOWEL 3; extra rows
// are appended as they are.
func salesFile(t *testing.T, days int, extra string) string {
	t.Helper()
	la, _ := time.LoadLocation("America/Los_Angeles")
	today := app.DateOf(time.Now(), la)
	var b strings.Builder
	b.WriteString(ordersHeader)
	for d := days; d >= 1; d-- {
		at := today.AddDays(-d).In(la).Add(12 * time.Hour).UTC().Format(time.RFC3339)
		fmt.Fprintf(&b, "111-%d-1\t%s\tAmazon.com\tMUG\tEnamel mug\tShipped\t10\t169.90\tUSD\n", d, at)
		fmt.Fprintf(&b, "111-%d-2\t%s\tAmazon.com\tTOWEL\tTowel\tShipped\t3\t73.50\tUSD\n", d, at)
	}
	b.WriteString(extra)
	path := filepath.Join(t.TempDir(), "All Orders 全部订单.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// withCatalog adds the owner, MUG and TOWEL, a warehouse and US FBA.
func withCatalog(s *data.Store) {
	ctx := context.Background()
	uitest.WithMe("王芳", app.RoleOwner)(s)
	for _, p := range []app.Product{
		{SKU: "MUG", Title: "Enamel mug", Price: 16_99, UnitCost: 12_50, Supplier: "义乌搪瓷厂", MOQ: 100, CasePack: 24,
			ProductionDays: 15, WeightG: 350, Marketplace: "US", Active: true},
		{SKU: "TOWEL", Title: "Towel", Price: 24_50, UnitCost: 18_00, Supplier: "宁波纺织", MOQ: 50, ProductionDays: 10,
			WeightG: 200, Marketplace: "US", Active: true},
	} {
		if _, err := s.CreateProduct(ctx, p.Normalize()); err != nil {
			panic(err)
		}
	}
	if _, err := s.SaveLocation(ctx, app.Location{Name: "深圳仓", Kind: app.LocationWarehouse, Active: true}); err != nil {
		panic(err)
	}
	if _, err := s.EnsureLocation(ctx, data.FBALocation("US")); err != nil {
		panic(err)
	}
}

// openInventory shows the Inventory area in lang over a catalog.
func openInventory(t *testing.T, lang string, prepare func(s *data.Store)) (*uitest.Env, *Screen) {
	t.Helper()
	e := uitest.NewEnv(t, lang, func(s *data.Store) {
		withCatalog(s)
		if prepare != nil {
			prepare(s)
		}
	})
	s := New(e)
	e.Show(s)
	return e, s
}

// importSales imports path into s (set-up, outside the screen).
func importSales(t *testing.T, s *data.Store, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := data.NewImporter(s, data.InventoryImportKinds()...).Import(context.Background(), f, data.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

// shoot saves the window as a PNG in $OPSBENCH_SCREENSHOTS (to look at
// dialogs the shell's screenshots do not open).
func shoot(t *testing.T, e *uitest.Env, name string) {
	dir := os.Getenv("OPSBENCH_SCREENSHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, e.Window().Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// A file dropped onto the window is previewed on the Import tab (kind,
// rows, days, SKUs not in the catalog) and imported whole; the figures
// follow.
func TestInventoryDropPreviewImport(t *testing.T) {
	for _, lang := range []string{ui.LangChinese, ui.LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			e, s := openInventory(t, lang, nil)
			path := salesFile(t, 40, "999-1\t2026-01-05T10:00:00+00:00\tAmazon.com\tLAMP\tLamp\tShipped\t1\t30.00\tUSD\n")
			if !s.Dropped([]fyne.URI{storage.NewFileURI(path)}) {
				t.Fatal("the drop was not taken")
			}
			e.Settle()
			if s.tabs.SelectedIndex() != 4 {
				t.Errorf("tab %d shown, not Import", s.tabs.SelectedIndex())
			}
			im := s.imports
			sum := im.summary.Text
			for _, want := range []string{kindLabel(e.Translator(), "all_orders"), "81", "LAMP", "2026-01-05"} {
				if !strings.Contains(sum, want) {
					t.Errorf("preview %q lacks %q", sum, want)
				}
			}
			if im.run.Disabled() {
				t.Fatal("Import disabled for a good file")
			}
			shoot(t, e, lang+"-inventory-import-preview")
			test.Tap(im.run)
			e.Settle()
			if text := uitest.DialogText(t, e.Window()); !strings.Contains(text, "81") {
				t.Errorf("import result %q", text)
			}
			log, _ := e.Store().ImportLog(context.Background(), 5)
			if len(log) != 1 || log[0].Added != 81 || log[0].FileName != filepath.Base(path) {
				t.Fatalf("import log %+v", log)
			}
			if !strings.Contains(im.history.Text, filepath.Base(path)) {
				t.Errorf("history %q", im.history.Text)
			}
			// The figures are computed from the imported sales (when a
			// figures tab is shown next).
			if _, err := refreshFigures(context.Background(), e.Store()); err != nil {
				t.Fatal(err)
			}
			r, err := e.Store().ReorderRowOf(context.Background(), "MUG")
			if err != nil || r.Velocity < 9.9 || r.Velocity > 10.1 {
				t.Errorf("MUG figures %+v %v", r, err)
			}
		})
	}
}

// A file with a bad row is refused whole until the user chooses to skip
// bad rows; the problem names the row and the value.
func TestInventoryImportBadRows(t *testing.T) {
	e, s := openInventory(t, ui.LangEnglish, nil)
	path := salesFile(t, 3, "111-x\t2026-01-05T10:00:00+00:00\tAmazon.com\tMUG\tEnamel mug\tShipped\ttwo\t16.99\tUSD\n")
	s.imports.open(path)
	e.Settle()
	im := s.imports
	if !im.run.Disabled() {
		t.Error("Import enabled for a file with a bad row")
	}
	if !strings.Contains(im.problems.Text, "Row 8") || !strings.Contains(im.problems.Text, "“two”") {
		t.Errorf("problems %q", im.problems.Text)
	}
	im.skip.SetChecked(true)
	if im.run.Disabled() {
		t.Fatal("Import still disabled with skip chosen")
	}
	test.Tap(im.run)
	e.Settle()
	log, _ := e.Store().ImportLog(context.Background(), 5)
	if len(log) != 1 || log[0].Added != 6 || log[0].Skipped != 1 {
		t.Fatalf("import log %+v", log)
	}
}

// An unknown file says which kinds OpsBench reads and the header it
// found; an empty one says so.
func TestInventoryImportUnknownAndEmpty(t *testing.T) {
	e, s := openInventory(t, ui.LangEnglish, nil)
	dir := t.TempDir()
	unknown := filepath.Join(dir, "x.csv")
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(unknown, []byte("foo,bar\n1,2\n"), 0o644)
	os.WriteFile(empty, nil, 0o644)
	s.imports.open(unknown, empty)
	e.Settle()
	sum := s.imports.summary.Text
	if !strings.Contains(sum, "“foo”") || !strings.Contains(sum, "All Orders") || !strings.Contains(sum, "Catalog") {
		t.Errorf("unknown kind: %q", sum)
	}
	if !s.imports.run.Disabled() || s.imports.next.Hidden {
		t.Error("an unknown file can be imported, or the next file cannot be reached")
	}
	test.Tap(s.imports.next)
	e.Settle()
	if got := s.imports.summary.Text; got != e.T("inventory.import.empty") {
		t.Errorf("empty file: %q", got)
	}
}

// The Stock tab lists every SKU, those running out first; the SKU detail
// shows its figures, sales with the stock-out days marked, the
// projection with and without the suggested order, and its ledger.
func TestInventoryStockAndSKUDetail(t *testing.T) {
	e, s := openInventory(t, ui.LangChinese, nil)
	importSales(t, e.Store(), salesFile(t, 40, ""))
	s.Load()
	e.Settle()
	shown := uitest.Texts(s.stock.root)
	if !uitest.Contains(shown, "MUG") || !uitest.Contains(shown, "TOWEL") {
		t.Fatalf("stock table %v", shown)
	}
	s.showSKU("MUG")
	e.Settle()
	text := uitest.DialogText(t, e.Window())
	if !strings.Contains(text, "日销 10") || !strings.Contains(text, "立即下单") {
		t.Errorf("SKU figures: %q", text)
	}
	shoot(t, e, "zh-Hans-inventory-sku")
	det, err := loadSKU(context.Background(), e.Store(), "MUG")
	if err != nil || !det.hasPlan {
		t.Fatal(err)
	}
	if d := s.projectionChart(det); len(d.Series) != 2 || d.Series[1].Y[len(d.Series[1].Y)-1] <= d.Series[0].Y[len(d.Series[0].Y)-1] {
		t.Errorf("projection with the order does not end above without: %+v", d.Series)
	}
	if d := s.salesChart(det); len(d.Series) != 1 || len(d.Series[0].Y) != data.HistoryDays || d.Series[0].Y[data.HistoryDays-40] != 10 {
		t.Errorf("sales chart %+v", d.Series)
	}
}

// The reorder plan makes a purchase order of the suggested quantity from
// the SKU's supplier, numbered by the store.
func TestInventoryReorderCreatesPO(t *testing.T) {
	e, s := openInventory(t, ui.LangEnglish, nil)
	importSales(t, e.Store(), salesFile(t, 40, ""))
	s.Load()
	e.Settle()
	s.ShowTab(tabReorder)
	e.Settle()
	if s.reorder.table == nil {
		t.Fatal("no reorder table")
	}
	r, err := e.Store().ReorderRowOf(context.Background(), "MUG")
	if err != nil {
		t.Fatal(err)
	}
	s.reorder.pick(r)
	if s.reorder.newPO.Disabled() {
		t.Fatal("Create PO disabled with a SKU picked")
	}
	shoot(t, e, "en-inventory-reorder-picked")
	test.Tap(s.reorder.newPO)
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	shoot(t, e, "en-inventory-po-form")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	pos, err := e.Store().PurchaseOrders(context.Background(), true)
	if err != nil || len(pos) != 1 {
		t.Fatalf("orders %+v %v", pos, err)
	}
	po := pos[0]
	want := r.Modes[0].Qty
	for _, m := range r.Modes {
		if m.Mode == r.Mode {
			want = m.Qty
		}
	}
	if po.Supplier != "义乌搪瓷厂" || len(po.Lines) != 1 || po.Lines[0].Qty != want || po.Lines[0].UnitCost != 12_50 ||
		!strings.HasPrefix(po.Number, "PO-") || po.Deposit != app.DepositFor(po.Total(), 30) {
		t.Errorf("PO %+v (want %d units)", po, want)
	}
	// Choosing another mode makes it the SKU's.
	s.reorder.chooseMode(modeLabel(s.tr, "air"))
	e.Settle()
	if p, _ := e.Store().ProductBySKU(context.Background(), "MUG"); p.Mode != "air" {
		t.Errorf("mode %q", p.Mode)
	}
}

// Marking a shipment departed and arrived moves its stock through
// transit to the destination.
func TestInventoryShipmentDepartArrive(t *testing.T) {
	e, s := openInventory(t, ui.LangEnglish, nil)
	ctx := context.Background()
	st := e.Store()
	_, err := st.EnsureLocation(ctx, data.SupplierLocation())
	if err != nil {
		t.Fatal(err)
	}
	sh, err := st.SaveShipment(ctx, app.Shipment{Ref: "SEA-1", FromID: app.SupplierLocationID(), ToID: app.FBALocationID("US"), Mode: "sea",
		Forwarder: "深圳环球货代", QuotedDays: 30, Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 500}}})
	if err != nil {
		t.Fatal(err)
	}
	s.Load()
	e.Settle()
	s.ShowTab("shipments")
	e.Settle()
	if !uitest.Contains(uitest.Texts(s.shipments.root), "SEA-1") {
		t.Fatalf("shipments %v", uitest.Texts(s.shipments.root))
	}
	s.shipments.sel.set(sh)
	s.shipments.mark(true)
	e.Settle()
	test.Tap(uitest.FindButton(t, uitest.TopDialog(t, e.Window()), e.T("action.save")))
	e.Settle()
	bal := func(loc string) int {
		bs, _ := st.SKUBalances(ctx, "MUG")
		for _, b := range bs {
			if b.LocationID == loc {
				return b.Qty
			}
		}
		return 0
	}
	if bal(app.TransitLocationID()) != 500 {
		t.Errorf("in transit %d", bal(app.TransitLocationID()))
	}
	sh, _ = st.Shipment(ctx, sh.ID)
	s.shipments.sel.set(sh)
	s.shipments.mark(false)
	e.Settle()
	test.Tap(uitest.FindButton(t, uitest.TopDialog(t, e.Window()), e.T("action.save")))
	e.Settle()
	if bal(app.TransitLocationID()) != 0 || bal(app.FBALocationID("US")) != 500 {
		t.Errorf("after arrival: transit %d, FBA %d", bal(app.TransitLocationID()), bal(app.FBALocationID("US")))
	}
	s.editShipment(app.Shipment{})
	e.Settle()
	shoot(t, e, "en-inventory-shipment-form")
}

// A product edited in its form is saved; a bad number is refused with
// the field named and the form kept.
func TestInventoryCatalogForm(t *testing.T) {
	e, s := openInventory(t, ui.LangEnglish, nil)
	p, _ := e.Store().ProductBySKU(context.Background(), "MUG")
	s.editProduct(p, false)
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	shoot(t, e, "en-inventory-product-form")
	var moq *widget.Entry
	for _, x := range uitest.Entries(dlg) {
		if x.Text == "100" {
			moq = x
		}
	}
	if moq == nil {
		t.Fatal("no MOQ entry holding 100")
	}
	uitest.Retype(moq, "lots")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	if !strings.Contains(strings.Join(uitest.Texts(dlg), "\n"), e.T("field.product.moq")) {
		t.Errorf("no problem shown: %v", uitest.Texts(dlg))
	}
	uitest.Retype(moq, "240")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	if p, _ := e.Store().ProductBySKU(context.Background(), "MUG"); p.MOQ != 240 {
		t.Errorf("MOQ %d", p.MOQ)
	}
}

// The settings tab saves the reserve and the price bands.
func TestInventorySettingsSave(t *testing.T) {
	e, s := openInventory(t, ui.LangChinese, nil)
	s.ShowTab(tabSettings)
	e.Settle()
	st := s.setup
	uitest.Retype(st.reserve, "250000")
	uitest.Retype(st.bands, "15，25，40")
	// A reload (another tab's save, a sync) keeps what was typed.
	s.Load()
	e.Settle()
	if st.reserve.Text != "250000" || len(s.UnsavedEdits()) != 1 {
		t.Errorf("reserve %q after a reload, unsaved %v", st.reserve.Text, s.UnsavedEdits())
	}
	test.Tap(st.save)
	e.Settle()
	set, _ := e.Store().InventorySettings(context.Background())
	if set.Reserve != 250_000_00 || len(set.PriceBands.Bounds) != 3 || set.PriceBands.Bounds[0] != 15_00 {
		t.Errorf("settings %+v (%s)", set, st.msg.Text)
	}
	uitest.Retype(st.fx, "USD=seven")
	test.Tap(st.save)
	e.Settle()
	if st.msg.Importance != widget.DangerImportance {
		t.Errorf("a bad rate was not refused: %q", st.msg.Text)
	}
}

// The cash forecast starts from the cash entered, marks the week below
// the reserve, and the Today card says it to the owner.
func TestInventoryCashForecast(t *testing.T) {
	e, _ := openInventory(t, ui.LangEnglish, func(s *data.Store) {
		ctx := context.Background()
		set := app.DefaultInventorySettings()
		set.Reserve = 50_000_00
		if err := s.SaveInventorySettings(ctx, set); err != nil {
			panic(err)
		}
	})
	importSales(t, e.Store(), salesFile(t, 40, ""))
	v := NewCashView(e)
	e.Show(v)
	test.Tap(uitest.FindButton(t, v.View(), e.T("inventory.cash.enter")))
	dlg := uitest.TopDialog(t, e.Window())
	uitest.Retype(uitest.Entries(dlg)[0], "20000")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	if !strings.Contains(v.head.Text, "below the reserve of ¥50,000 in week 1") {
		t.Errorf("headline %q", v.head.Text)
	}
	if d := v.chart.Data(); len(d.Markers) != 1 || len(d.Series) != 2 {
		t.Errorf("chart %+v", d)
	}
	shoot(t, e, "en-planning-cash-below")
	cards := TodayCards(e)
	build, err := cards[1].Load(e.Store())
	if err != nil {
		t.Fatal(err)
	}
	obj := build()
	e.WaitFor(t, "the cash card", func() bool {
		e.Settle()
		return uitest.ContainsText(uitest.Texts(obj), "below the reserve")
	})
	build, err = cards[0].Load(e.Store())
	if err != nil {
		t.Fatal(err)
	}
	obj = build()
	e.WaitFor(t, "the stock card", func() bool {
		e.Settle()
		return uitest.ContainsText(uitest.Texts(obj), "to order now")
	})
}

// Every key the area builds from a value exists in both languages.
func TestInventoryDynamicKeys(t *testing.T) {
	var keys []string
	for _, m := range builtinModes {
		keys = append(keys, "inventory.mode."+m)
	}
	for _, st := range statusChoices(nil) {
		keys = append(keys, "inventory.status."+st)
	}
	for _, k := range app.LocationKinds() {
		keys = append(keys, "inventory.location_kind."+string(k))
	}
	for _, k := range app.MovementKinds() {
		keys = append(keys, "inventory.move."+string(k))
	}
	for _, r := range app.AdjustReasons() {
		keys = append(keys, "inventory.reason."+string(r))
	}
	for _, st := range app.ShipmentStatuses() {
		keys = append(keys, "inventory.shipment."+string(st))
	}
	for _, st := range app.POStatuses() {
		keys = append(keys, "inventory.po."+string(st))
	}
	for _, k := range data.InventoryImportKinds() {
		keys = append(keys, "inventory.kind."+string(k.Kind()))
	}
	for _, c := range []string{"missing", "not_number", "not_whole", "negative", "not_date", "future", "bad_choice",
		"unknown_currency", "short_row", "bad_row"} {
		keys = append(keys, "inventory.problem."+c)
	}
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		tr := ui.NewTranslator(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
	if string(planning.ReorderNow) != "order_now" {
		t.Error("status names changed")
	}
}

// The summary after an import says what a catalog file did to the SKUs it
// names, in both languages; a report's rows stay "already imported".
func TestImportedTextSaysCatalogUpdates(t *testing.T) {
	catalog := data.ReportImportResult{Added: 1, Updated: 2, Already: 3}
	catalog.Kind, catalog.Rows = reports.KindCatalog, 6
	orders := data.ReportImportResult{Added: 4, Already: 5}
	orders.Kind, orders.Rows = reports.KindAllOrders, 9
	for _, tt := range []struct {
		lang          string
		catalog, rows string
	}{
		{ui.LangEnglish, "6 rows, 1 new, 2 updated, 3 unchanged.", "9 rows, 4 new, 5 already imported."},
		{ui.LangChinese, "6 行，新增 SKU 1 个，更新 2 个，未变 3 个。", "9 行，新增 4，已导入过 5。"},
	} {
		tr := ui.NewTranslator(tt.lang)
		if got := importedText(tr, catalog); !strings.Contains(got, tt.catalog) {
			t.Errorf("%s catalog: %q, want %q", tt.lang, got, tt.catalog)
		}
		if got := importedText(tr, orders); !strings.Contains(got, tt.rows) {
			t.Errorf("%s orders: %q, want %q", tt.lang, got, tt.rows)
		}
	}
}
