package data

import (
	"context"
	"errors"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func balanceOf(tb testing.TB, s *Store, sku, loc string) int {
	tb.Helper()
	bs, err := s.SKUBalances(context.Background(), sku)
	if err != nil {
		tb.Fatal(err)
	}
	for _, b := range bs {
		if b.LocationID == loc {
			return b.Qty
		}
	}
	return 0
}

func TestMovementsAreALedger(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "深圳仓", app.LocationWarehouse)
	add := func(m app.Movement) app.Movement {
		t.Helper()
		m.LocationID, m.SKU, m.Day = wh.ID, "MUG", ymd(2026, 11, 20)
		out, err := s.AddMovement(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	add(app.Movement{Qty: 100, Kind: app.MoveReceipt})
	add(app.Movement{Qty: -30, Kind: app.MoveSale, Ref: "B2B-7"})
	add(app.Movement{Qty: -2, Kind: app.MoveAdjustment, Reason: app.AdjustDamaged})
	m := add(app.Movement{Qty: 5, Kind: app.MoveReturn})
	// 100 − 30 − 2 + 5 = 73.
	if got := balanceOf(t, s, "MUG", wh.ID); got != 73 {
		t.Errorf("balance %d, want 73", got)
	}
	if m.ID == "" || m.CreatedAt.IsZero() {
		t.Errorf("movement %+v", m)
	}
	ledger, err := s.Movements(ctx, "MUG")
	if err != nil || len(ledger) != 4 {
		t.Fatalf("%d entries, %v", len(ledger), err)
	}

	t.Run("ErrUnknownLocation", func(t *testing.T) {
		_, err := s.AddMovement(ctx, app.Movement{Day: ymd(2026, 11, 20), SKU: "MUG", LocationID: app.NewID(), Qty: 1, Kind: app.MoveReceipt})
		var fe *app.FieldError
		if !errors.As(err, &fe) || fe.Field != "location" {
			t.Errorf("%v", err)
		}
	})
	t.Run("ErrAdjustmentWithoutReason", func(t *testing.T) {
		_, err := s.AddMovement(ctx, app.Movement{Day: ymd(2026, 11, 20), SKU: "MUG", LocationID: wh.ID, Qty: -1, Kind: app.MoveAdjustment})
		var fe *app.FieldError
		if !errors.As(err, &fe) || fe.Field != "reason" {
			t.Errorf("%v", err)
		}
	})
}

// More taken out than came in: the balance goes below zero and is listed,
// never clipped to zero.
func TestNegativeStockIsFlagged(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "仓库", app.LocationWarehouse)
	for _, q := range []int{10, -12} {
		kind := app.MoveReceipt
		if q < 0 {
			kind = app.MoveSale
		}
		if _, err := s.AddMovement(ctx, app.Movement{Day: ymd(2026, 11, 20), SKU: "MUG", LocationID: wh.ID, Qty: q, Kind: kind}); err != nil {
			t.Fatal(err)
		}
	}
	neg, err := s.NegativeStock(ctx)
	if err != nil || len(neg) != 1 || neg[0].Qty != -2 || neg[0].SKU != "MUG" || neg[0].LocationID != wh.ID {
		t.Errorf("%+v %v", neg, err)
	}
}

func TestReplacementSentForACase(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	fba, err := s.EnsureLocation(ctx, FBALocation("US"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.SendReplacement(ctx, app.ReplacementSent{SKU: "MUG", LocationID: fba.ID, Qty: 1, Day: ymd(2026, 11, 30),
		CaseID: "case-7", OrderID: "113-1"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.CaseMovements(ctx, "case-7")
	if err != nil || len(got) != 1 || got[0].ID != m.ID || got[0].Qty != -1 || got[0].Kind != app.MoveReplacement || got[0].Ref != "113-1" {
		t.Errorf("%+v %v", got, err)
	}
	if _, err := s.SendReplacement(ctx, app.ReplacementSent{SKU: "MUG", LocationID: fba.ID, Qty: 0, Day: ymd(2026, 11, 30)}); err == nil {
		t.Error("a replacement of 0 units was recorded")
	}
}

func TestBuiltInLocationsAreMadeOnce(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := s.EnsureLocation(ctx, FBALocation("us")); err != nil {
			t.Fatal(err)
		}
	}
	ls, err := s.Locations(ctx)
	if err != nil || len(ls) != 1 || ls[0].ID != app.FBALocationID("US") || ls[0].Marketplace != "US" {
		t.Errorf("%+v %v", ls, err)
	}
	// Removed, then needed again: it comes back.
	if err := s.DeleteLocation(ctx, ls[0].ID); err != nil {
		t.Fatal(err)
	}
	if l, err := s.EnsureLocation(ctx, FBALocation("US")); err != nil || l.ID != ls[0].ID {
		t.Errorf("%+v %v", l, err)
	}
	if _, err := s.SaveLocation(ctx, app.Location{Name: "FBA US", Kind: app.LocationWarehouse}); err == nil {
		t.Error("a second location took the name FBA US")
	}
}

func TestProductsByDerivedID(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	p := mustProduct(t, s, app.Product{SKU: "MUG-11", Title: "Mug", Active: true})
	if p.ID != app.ProductID("MUG-11") {
		t.Errorf("id %s", p.ID)
	}
	_, err := s.CreateProduct(ctx, app.Product{SKU: "MUG-11", Title: "again"})
	var fe *app.FieldError
	if !errors.As(err, &fe) || fe.Code != app.CodeDuplicate {
		t.Errorf("second MUG-11: %v", err)
	}
	p.Title, p.MOQ = "Enamel mug", 200
	if err := s.UpdateProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.SKU = "MUG-12"
	if err := s.UpdateProduct(ctx, p); err == nil {
		t.Error("a SKU was renamed")
	}
	if err := s.DeleteProduct(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProductBySKU(ctx, "MUG-11"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted product: %v", err)
	}
	back, err := s.CreateProduct(ctx, app.Product{SKU: "MUG-11", Title: "back", Active: true})
	if err != nil || back.ID != p.ID {
		t.Errorf("re-created: %+v %v", back, err)
	}
}
