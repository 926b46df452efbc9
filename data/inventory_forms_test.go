package data

import (
	"context"
	"errors"
	"testing"

	"github.com/opsbench/opsbench/app"
)

// A product form saves only what was changed in it: a colleague's new
// price survives a save of the MOQ; the price changed on both sides is
// asked about before anything is written.
func TestUpdateProductChanges(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	p, err := s.CreateProduct(ctx, app.Product{SKU: "MUG", Title: "Mug", Price: 16_99, MOQ: 100, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.OpenRecord(ctx, tableProduct, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	other := p
	other.Price = 17_99 // another desk, meanwhile
	if err := s.UpdateProduct(ctx, other); err != nil {
		t.Fatal(err)
	}
	mine := p
	mine.MOQ = 240
	if err := s.UpdateProductChanges(ctx, snap, mine, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Product(ctx, p.ID); got.Price != 17_99 || got.MOQ != 240 {
		t.Errorf("price %d, MOQ %d", got.Price, got.MOQ)
	}
	// A new form; meanwhile another desk changes the price again.
	if snap, err = s.OpenRecord(ctx, tableProduct, p.ID); err != nil {
		t.Fatal(err)
	}
	other.Price, other.MOQ = 18_99, 240
	if err := s.UpdateProduct(ctx, other); err != nil {
		t.Fatal(err)
	}
	mine.Price = 15_99
	var stale *StaleError
	if err := s.UpdateProductChanges(ctx, snap, mine, nil); !errors.As(err, &stale) || len(stale.Fields) != 1 || stale.Fields[0].Field != "price_minor" {
		t.Fatalf("both changed the price: %v", err)
	}
	if err := s.UpdateProductChanges(ctx, snap, mine, []string{"price_minor"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Product(ctx, p.ID); got.Price != 15_99 {
		t.Errorf("kept mine: price %d", got.Price)
	}
	mine.SKU = "CUP"
	if err := s.UpdateProductChanges(ctx, snap, mine, nil); err == nil {
		t.Error("the SKU changed")
	}
}

// An order's lines: what the form changed is written, a line another
// desk added meanwhile stays, a line another desk changed keeps their
// change when the form left it alone.
func TestUpdatePurchaseOrderChanges(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	po, err := s.SavePurchaseOrder(ctx, app.PurchaseOrder{Number: "PO-1", Supplier: "义乌工厂", Status: app.POOrdered, OrderedOn: ymd(2026, 11, 1),
		Lines: []app.POLine{{SKU: "MUG", Qty: 100, UnitCost: 12_50}, {SKU: "TOWEL", Qty: 50, UnitCost: 8_00}}})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.OpenRecord(ctx, tablePurchaseOrder, po.ID)
	if err != nil {
		t.Fatal(err)
	}
	before := append([]app.POLine(nil), po.Lines...)
	// Another desk: MUG 100 -> 150, a CUP line, a new supplier name.
	other := po
	other.Supplier = "义乌搪瓷厂"
	other.Lines = []app.POLine{{ID: po.Lines[0].ID, SKU: "MUG", Qty: 150, UnitCost: 12_50}, po.Lines[1], {SKU: "CUP", Qty: 10, UnitCost: 5_00}}
	if _, err := s.SavePurchaseOrder(ctx, other); err != nil {
		t.Fatal(err)
	}
	// The form: TOWEL's cost, a note.
	mine := po
	mine.Note = "加急"
	mine.Lines = []app.POLine{po.Lines[0], {ID: po.Lines[1].ID, SKU: "TOWEL", Qty: 50, UnitCost: 7_50}}
	if err := s.UpdatePurchaseOrderChanges(ctx, snap, mine, before, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := s.PurchaseOrder(ctx, po.ID)
	byS := map[string]app.POLine{}
	for _, l := range got.Lines {
		byS[l.SKU] = l
	}
	if got.Supplier != "义乌搪瓷厂" || got.Note != "加急" || len(got.Lines) != 3 || byS["MUG"].Qty != 150 || byS["TOWEL"].UnitCost != 7_50 || byS["CUP"].Qty != 10 {
		t.Errorf("%+v", got)
	}
	// The form removes TOWEL: it goes; CUP stays.
	snap, _ = s.OpenRecord(ctx, tablePurchaseOrder, po.ID)
	before = got.Lines
	mine = got
	mine.Lines = []app.POLine{byS["MUG"], byS["CUP"]}
	if err := s.UpdatePurchaseOrderChanges(ctx, snap, mine, before, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.PurchaseOrder(ctx, po.ID); len(got.Lines) != 2 {
		t.Errorf("lines %+v", got.Lines)
	}
}

// A shipment form keeps SaveShipment's rules.
func TestUpdateShipmentChanges(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "深圳仓", app.LocationWarehouse)
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	sh, err := s.SaveShipment(ctx, app.Shipment{Ref: "SEA-1", FromID: wh.ID, ToID: fba.ID, Mode: "sea",
		Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 300}}})
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := s.OpenRecord(ctx, tableShipment, sh.ID)
	before := sh.Lines
	mine := sh
	mine.DepartedOn, mine.Tracking = ymd(2026, 11, 3), "MSKU123"
	if err := s.UpdateShipmentChanges(ctx, snap, mine, before, nil); err != nil {
		t.Fatal(err)
	}
	if balanceOf(t, s, "MUG", app.TransitLocationID()) != 300 {
		t.Error("departing through the form moved nothing")
	}
	snap, _ = s.OpenRecord(ctx, tableShipment, sh.ID)
	mine.Lines = []app.ShipmentLine{{ID: sh.Lines[0].ID, SKU: "MUG", Qty: 250}}
	if err := s.UpdateShipmentChanges(ctx, snap, mine, before, nil); err == nil {
		t.Error("changed the lines of a departed shipment")
	}
}

// Settings: only what the form changed is written; another desk's change
// of another setting stays.
func TestSaveInventorySettingsChanges(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	before, _ := s.InventorySettings(ctx)
	other := before
	other.Reserve = 80_000_00
	if err := s.SaveInventorySettings(ctx, other); err != nil {
		t.Fatal(err)
	}
	mine := before
	mine.DepositPct = 40
	if err := s.SaveInventorySettingsChanges(ctx, before, mine); err != nil {
		t.Fatal(err)
	}
	got, _ := s.InventorySettings(ctx)
	if got.Reserve != 80_000_00 || got.DepositPct != 40 {
		t.Errorf("reserve %d, deposit %v", got.Reserve, got.DepositPct)
	}
	mine.ServiceLevelPct = 100
	if err := s.SaveInventorySettingsChanges(ctx, before, mine); err == nil {
		t.Error("a 100% service level was saved")
	}
}
