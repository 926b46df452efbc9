package data

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestShipmentMovesStockWhenItDepartsAndArrives(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "深圳仓", app.LocationWarehouse)
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	if _, err := s.AddMovement(ctx, app.Movement{Day: ymd(2026, 11, 1), SKU: "MUG", LocationID: wh.ID, Qty: 500, Kind: app.MoveReceipt}); err != nil {
		t.Fatal(err)
	}
	sh, err := s.SaveShipment(ctx, app.Shipment{Ref: "SEA-1", FromID: wh.ID, ToID: fba.ID, Mode: "sea", Forwarder: "顺丰",
		QuotedDays: 35, Cost: 4200_00, Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 300}}})
	if err != nil {
		t.Fatal(err)
	}
	transit := app.TransitLocationID()
	check := func(whant, tr, at int) {
		t.Helper()
		if a, b, c := balanceOf(t, s, "MUG", wh.ID), balanceOf(t, s, "MUG", transit), balanceOf(t, s, "MUG", fba.ID); a != whant || b != tr || c != at {
			t.Errorf("warehouse %d, transit %d, FBA %d; want %d, %d, %d", a, b, c, whant, tr, at)
		}
	}
	check(500, 0, 0) // booked: nothing moves yet
	if sh, err = s.DepartShipment(ctx, sh.ID, ymd(2026, 11, 3)); err != nil {
		t.Fatal(err)
	}
	check(200, 300, 0)
	if sh.BookedOn != ymd(2026, 11, 3) || sh.Status() != app.ShipmentInTransit {
		t.Errorf("%+v", sh)
	}
	// The lines of a departed shipment are fixed.
	sh.Lines[0].Qty = 250
	if _, err := s.SaveShipment(ctx, sh); err == nil {
		t.Error("changed the lines of a departed shipment")
	}
	sh.Lines[0].Qty = 300
	if sh, err = s.ArriveShipment(ctx, sh.ID, ymd(2026, 12, 8)); err != nil {
		t.Fatal(err)
	}
	check(200, 0, 300)
	if n, ok := sh.TransitDays(); !ok || n != 35 {
		t.Errorf("transit %d days", n)
	}
	moves, err := s.ShipmentMovements(ctx, sh.ID)
	if err != nil || len(moves) != 4 {
		t.Errorf("%d moves: %+v %v", len(moves), moves, err)
	}
	// Recording the departure again (another day) moves nothing twice.
	sh.DepartedOn = ymd(2026, 11, 4)
	if _, err := s.SaveShipment(ctx, sh); err != nil {
		t.Fatal(err)
	}
	check(200, 0, 300)
	if err := s.DeleteShipment(ctx, sh.ID); err == nil {
		t.Error("deleted a departed shipment")
	}
}

func TestShipmentStraightFromTheFactory(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	sup, _ := s.EnsureLocation(ctx, SupplierLocation())
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	po, err := s.SavePurchaseOrder(ctx, app.PurchaseOrder{Number: "PO-9", Supplier: "厂", Status: app.POReady, OrderedOn: ymd(2026, 11, 1),
		Lines: []app.POLine{{SKU: "MUG", Qty: 200, UnitCost: 1000}}})
	if err != nil {
		t.Fatal(err)
	}
	sh, err := s.SaveShipment(ctx, app.Shipment{Ref: "AIR-1", FromID: sup.ID, ToID: fba.ID, Mode: "air",
		Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 200, PurchaseOrderID: po.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.POReceived(ctx, po.ID); got["MUG"] != 0 {
		t.Errorf("received before departure: %v", got)
	}
	if _, err := s.DepartShipment(ctx, sh.ID, ymd(2026, 11, 20)); err != nil {
		t.Fatal(err)
	}
	// Received against the order at the factory and gone the same day.
	if got, _ := s.POReceived(ctx, po.ID); got["MUG"] != 200 {
		t.Errorf("received %v", got)
	}
	if b := balanceOf(t, s, "MUG", sup.ID); b != 0 {
		t.Errorf("factory balance %d", b)
	}
	if b := balanceOf(t, s, "MUG", app.TransitLocationID()); b != 200 {
		t.Errorf("transit %d", b)
	}
}

func TestShipmentValidation(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "仓", app.LocationWarehouse)
	_, err := s.SaveShipment(ctx, app.Shipment{Ref: "X", FromID: wh.ID, ToID: app.NewID(), Mode: "sea"})
	var fe *app.FieldError
	if !errors.As(err, &fe) || fe.Entity != "shipment" || fe.Field != "to" {
		t.Errorf("unknown destination: %v", err)
	}
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	sh, err := s.SaveShipment(ctx, app.Shipment{Ref: "X", FromID: wh.ID, ToID: fba.ID, Mode: "sea", Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.AttachShipmentFile(ctx, sh.ID, "invoice.pdf", []byte("%PDF-1.4 freight invoice"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Shipment(ctx, sh.ID)
	if len(got.Files) != 1 || got.Files[0].ID != f.ID || got.Files[0].Name != "invoice.pdf" {
		t.Errorf("files %+v", got.Files)
	}
	a, err := s.Attachment(ctx, f.AttachmentID)
	if err != nil || string(a.Content) != "%PDF-1.4 freight invoice" {
		t.Errorf("attachment %v", err)
	}
	// Saving the shipment as loaded keeps its file.
	if got, err = s.SaveShipment(ctx, got); err != nil || len(got.Files) != 1 {
		t.Errorf("files after save: %+v %v", got.Files, err)
	}
	if err := s.RemoveShipmentFile(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Shipment(ctx, sh.ID); len(got.Files) != 0 {
		t.Errorf("files after removal: %+v", got.Files)
	}
	if err := s.DeleteShipment(ctx, sh.ID); err != nil {
		t.Errorf("delete a booked shipment: %v", err)
	}
}

func TestShipmentsArrivingBy(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "深圳仓", app.LocationWarehouse)
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	d := ymd(2026, 11, 1)
	save := func(ref string, departed, arrived app.Date, quoted int) {
		t.Helper()
		if _, err := s.SaveShipment(ctx, app.Shipment{Ref: ref, FromID: wh.ID, ToID: fba.ID, Mode: "air", QuotedDays: quoted,
			BookedOn: departed, DepartedOn: departed, ArrivedOn: arrived, Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 10}}}); err != nil {
			t.Fatal(err)
		}
	}
	save("DUE-SOON", d, 0, 8)          // due Nov 9
	save("LATE", d.AddDays(-20), 0, 5) // due Oct 17, not in
	save("LATER", d, 0, 30)            // due Dec 1
	save("IN", d.AddDays(-10), d, 8)   // arrived
	save("DRAFT", 0, 0, 8)             // not booked
	got, err := s.ShipmentsArrivingBy(ctx, d.AddDays(8))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, sh := range got {
		refs = append(refs, sh.Ref)
	}
	if strings.Join(refs, ",") != "LATE,DUE-SOON" {
		t.Errorf("arriving: %v", refs)
	}
}
