package data

import (
	"context"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestPurchaseOrderLinesAndReceipts(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "深圳仓", app.LocationWarehouse)
	po, err := s.SavePurchaseOrder(ctx, app.PurchaseOrder{Number: "PO-1", Supplier: "义乌工厂", Status: app.POOrdered,
		OrderedOn: ymd(2026, 11, 1), ProductionDue: ymd(2026, 11, 16), Deposit: 300_00, ReceiveAt: wh.ID,
		Lines: []app.POLine{{SKU: "MUG", Qty: 100, UnitCost: 12_50}, {SKU: "TOWEL", Qty: 50, UnitCost: 8_00}}})
	if err != nil {
		t.Fatal(err)
	}
	// 100 × ¥12.50 + 50 × ¥8.00 = ¥1,650; balance ¥1,650 − ¥300.
	if len(po.Lines) != 2 || po.Total() != 1650_00 || po.Balance() != 1350_00 {
		t.Fatalf("%+v", po)
	}
	// Edit: drop TOWEL, change MUG, add CUP. The MUG line keeps its id.
	mugID := po.Lines[0].ID
	po.Lines = []app.POLine{{ID: mugID, SKU: "MUG", Qty: 120, UnitCost: 12_50}, {SKU: "CUP", Qty: 10, UnitCost: 5_00}}
	po, err = s.SavePurchaseOrder(ctx, po)
	if err != nil {
		t.Fatal(err)
	}
	if len(po.Lines) != 2 || po.Lines[0].ID != mugID || po.Lines[0].Qty != 120 || po.Lines[1].SKU != "CUP" {
		t.Errorf("%+v", po.Lines)
	}
	if _, err := s.SavePurchaseOrder(ctx, app.PurchaseOrder{Number: "PO-1", Supplier: "x", Status: app.PODraft}); err == nil {
		t.Error("a second PO-1")
	}
	// Part received, then the rest: the order closes itself.
	if _, err := s.ReceivePurchaseOrder(ctx, po.ID, wh.ID, ymd(2026, 11, 17), map[string]int{"MUG": 100}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.POReceived(ctx, po.ID)
	if got["MUG"] != 100 || balanceOf(t, s, "MUG", wh.ID) != 100 {
		t.Errorf("received %v", got)
	}
	if p, _ := s.PurchaseOrder(ctx, po.ID); p.Status != app.POOrdered {
		t.Errorf("closed early: %s", p.Status)
	}
	if _, err := s.ReceivePurchaseOrder(ctx, po.ID, wh.ID, ymd(2026, 11, 18), map[string]int{"MUG": 20, "CUP": 10}); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.PurchaseOrder(ctx, po.ID); p.Status != app.POClosed {
		t.Errorf("status %s after everything came in", p.Status)
	}
	if _, err := s.ReceivePurchaseOrder(ctx, po.ID, wh.ID, ymd(2026, 11, 18), map[string]int{"LAMP": 1}); err == nil {
		t.Error("received a SKU the order does not have")
	}
	if n, _ := s.NextPONumber(ctx, ymd(2026, 11, 18)); n != "PO-261118-1" {
		t.Errorf("next number %s", n)
	}
}
