package data

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// sellDaily records units sold of sku on each day from..to (inclusive)
// as one order line a day.
func sellDaily(tb testing.TB, s *Store, sku string, from, to app.Date, units int) {
	tb.Helper()
	var lines []SaleLine
	for d := from; d <= to; d++ {
		lines = append(lines, SaleLine{OrderID: "113-" + sku + "-" + d.String(), SKU: sku, Seq: 1, Day: d,
			PurchasedAt: d.In(time.UTC).Add(20 * time.Hour), Qty: units, Marketplace: "US", Channel: "Amazon"})
	}
	if _, err := s.AddSaleLines(context.Background(), lines); err != nil {
		tb.Fatal(err)
	}
}

func snapshot(tb testing.TB, s *Store, d app.Date, body string) {
	tb.Helper()
	if _, err := importText(tb, s, body, ImportOptions{Day: d}); err != nil {
		tb.Fatal(err)
	}
}

func inputOf(tb testing.TB, data ReorderData, sku string) app.ReorderInput {
	tb.Helper()
	for _, in := range data.Inputs {
		if in.Product.SKU == sku {
			return in
		}
	}
	tb.Fatalf("no input for %s", sku)
	return app.ReorderInput{}
}

func TestReorderDataSupply(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	today := ymd(2026, 12, 1)
	mustProduct(t, s, app.Product{SKU: "MUG", ProductionDays: 15, MOQ: 100, Active: true})
	mustProduct(t, s, app.Product{SKU: "TOWEL", Active: true})
	wh := mustLocation(t, s, "深圳仓", app.LocationWarehouse)
	ow := mustLocation(t, s, "美西海外仓", app.LocationOverseas)
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	sellDaily(t, s, "MUG", ymd(2026, 10, 1), ymd(2026, 11, 30), 10)
	snapshot(t, s, ymd(2026, 11, 25), "sku\tafn-fulfillable-quantity\tafn-inbound-shipped-quantity\nMUG\t100\t50\n")
	move := func(sku, loc string, qty int, kind app.MovementKind, d app.Date) {
		t.Helper()
		m := app.Movement{Day: d, SKU: sku, LocationID: loc, Qty: qty, Kind: kind}
		if kind == app.MoveAdjustment {
			m.Reason = app.AdjustCount
		}
		if _, err := s.AddMovement(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	move("MUG", wh.ID, 500, app.MoveReceipt, ymd(2026, 11, 1))
	move("MUG", ow.ID, 80, app.MoveReceipt, ymd(2026, 11, 1))
	move("MUG", fba.ID, -2, app.MoveReplacement, ymd(2026, 11, 28)) // after the snapshot
	move("TOWEL", wh.ID, -5, app.MoveAdjustment, ymd(2026, 11, 2))
	ship := func(ref string, qty int, dep, arr app.Date) {
		t.Helper()
		sh, err := s.SaveShipment(ctx, app.Shipment{Ref: ref, FromID: wh.ID, ToID: fba.ID, Mode: "Sea",
			DepartedOn: dep, ArrivedOn: arr, Lines: []app.ShipmentLine{{SKU: "MUG", Qty: qty}}})
		if err != nil {
			t.Fatal(err, sh)
		}
	}
	ship("A", 50, ymd(2026, 11, 20), 0)                 // left before the snapshot: in its inbound
	ship("B", 200, ymd(2026, 11, 27), 0)                // left after: in transit
	ship("C", 30, ymd(2026, 11, 26), ymd(2026, 11, 29)) // left and arrived after: being received
	for _, po := range []app.PurchaseOrder{
		{Number: "P1", Supplier: "f", Status: app.POProduction, OrderedOn: ymd(2026, 11, 1), Lines: []app.POLine{{SKU: "MUG", Qty: 1000}}},
		{Number: "P2", Supplier: "f", Status: app.POClosed, OrderedOn: ymd(2026, 10, 1), Lines: []app.POLine{{SKU: "MUG", Qty: 999}}},
	} {
		if _, err := s.SavePurchaseOrder(ctx, po); err != nil {
			t.Fatal(err)
		}
	}
	p3, err := s.SavePurchaseOrder(ctx, app.PurchaseOrder{Number: "P3", Supplier: "f", Status: app.POReady, OrderedOn: ymd(2026, 11, 1),
		Lines: []app.POLine{{SKU: "MUG", Qty: 500}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReceivePurchaseOrder(ctx, p3.ID, ow.ID, ymd(2026, 11, 30), map[string]int{"MUG": 300}); err != nil {
		t.Fatal(err)
	}

	data, err := s.ReorderData(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	got := inputOf(t, data, "MUG").Stock
	inbound := got.Inbound
	got.InTransitByMode, got.Inbound = nil, nil
	// FBA: 100 on 25 Nov, less 6 days × 10 sold since (25–30 Nov) and the
	// replacement: 100 − 60 − 2 = 38. Inbound: the snapshot's 50 shipped
	// (shipment A) and shipment C's 30 received after it.
	// Transit: shipment B. Warehouse: 500 − 50 − 200 − 30 = 220.
	// Overseas: 80 + 300 from P3. Ordered: P1's 1000 and P3's 500 − 300.
	want := app.StockPosition{SKU: "MUG", FBAFulfillable: 38, FBAInboundShipped: 50, FBAInboundReceiving: 30,
		SnapshotDay: ymd(2026, 11, 25), SoldSinceSnapshot: 60, InTransit: 200, Local: 220, Overseas: 380,
		Ordered: 1200, FBALedger: 30 - 2}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MUG stock\n got %+v\nwant %+v", got, want)
	}
	if m := inputOf(t, data, "MUG").Stock.InTransitByMode; m["sea"] != 200 {
		t.Errorf("in transit by mode %v", m)
	}
	wantIn := []app.Inbound{
		{Kind: app.InboundTransit, Units: 200, Mode: "sea", Departed: ymd(2026, 11, 27), ToFBA: true},
		{Kind: app.InboundOrdered, Units: 1000},
		{Kind: app.InboundOrdered, Units: 200},
	}
	if !reflect.DeepEqual(inbound, wantIn) {
		t.Errorf("inbound %+v", inbound)
	}
	towel := inputOf(t, data, "TOWEL").Stock
	if !reflect.DeepEqual(towel.Negative, []string{"深圳仓"}) || towel.Local != -5 {
		t.Errorf("TOWEL negative %v, local %d", towel.Negative, towel.Local)
	}
	in := inputOf(t, data, "MUG")
	// 120 days of history ending yesterday; MUG sold 10 a day since 1 Oct.
	if len(in.Sales.Units) != HistoryDays || in.Sales.From != today.AddDays(-HistoryDays) || in.Sales.Units[HistoryDays-1] != 10 ||
		in.Sales.Units[0] != 0 || in.Sales.InStock != nil {
		t.Errorf("history from %s: last %v first %v, in stock %v", in.Sales.From, in.Sales.Units[HistoryDays-1], in.Sales.Units[0], in.Sales.InStock)
	}
	if got := data.Measured["sea"]; !reflect.DeepEqual(got, []float64{3}) {
		t.Errorf("measured sea transit %v", got)
	}
	// One SKU's inputs (its detail screen) are the same as in the whole.
	one, err := s.ReorderDataFor(ctx, today, "MUG")
	if err != nil || len(one.Inputs) != 1 || !reflect.DeepEqual(one.Inputs[0], inputOf(t, data, "MUG")) {
		t.Errorf("one SKU: %+v %v", one.Inputs, err)
	}
}

func TestReorderDataStockOutDays(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	today := ymd(2026, 12, 1)
	mustProduct(t, s, app.Product{SKU: "MUG", Active: true})
	wh := mustLocation(t, s, "仓", app.LocationWarehouse)
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	// 12 sold a day 1–9 Nov; the snapshot of 5 Nov says 48 left: 5, 6, 7,
	// 8 Nov sell 12 each (48 → 0), 9 Nov still sells (the snapshot day's
	// estimate is only an estimate; a day with sales had stock), then
	// nothing sells 10–14 Nov: out of stock. 100 arrive on 14 Nov (the
	// day's level was still 0: out), sales resume 15 Nov.
	sellDaily(t, s, "MUG", ymd(2026, 11, 1), ymd(2026, 11, 9), 12)
	sellDaily(t, s, "MUG", ymd(2026, 11, 15), ymd(2026, 11, 30), 6)
	snapshot(t, s, ymd(2026, 11, 5), "sku\tafn-fulfillable-quantity\nMUG\t48\n")
	if _, err := s.AddMovement(ctx, app.Movement{Day: ymd(2026, 11, 1), SKU: "MUG", LocationID: wh.ID, Qty: 100, Kind: app.MoveReceipt}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveShipment(ctx, app.Shipment{Ref: "R", FromID: wh.ID, ToID: fba.ID, Mode: "air", DepartedOn: ymd(2026, 11, 6),
		ArrivedOn: ymd(2026, 11, 14), Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 100}}}); err != nil {
		t.Fatal(err)
	}
	data, err := s.ReorderData(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	in := inputOf(t, data, "MUG")
	var out []string
	for i, ok := range in.Sales.InStock {
		if !ok {
			out = append(out, in.Sales.From.AddDays(i).String())
		}
	}
	want := []string{"2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14"}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("stock-out days %v, want %v", out, want)
	}
	// Days before the first snapshot count as in stock.
	if in.Sales.InStock[0] != true {
		t.Error("a day before any snapshot is out of stock")
	}
	// The shipment departed after the snapshot and arrived: 100 being
	// received; fulfillable 48 − (4 × 12 + 12 + 16 × 6) = 48 − 156 → 0.
	if st := in.Stock; st.FBAFulfillable != 0 || st.FBAInboundReceiving != 100 || st.SoldSinceSnapshot != 156 {
		t.Errorf("%+v", st)
	}
}

func TestReorderDataEmptyDatabase(t *testing.T) {
	s := openInv(t)
	data, err := s.ReorderData(context.Background(), ymd(2026, 12, 1))
	if err != nil || len(data.Inputs) != 0 || data.Settings.CycleDays != 30 {
		t.Errorf("%+v %v", data, err)
	}
}

func TestReorderDataPaymentsAndCash(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "仓", app.LocationWarehouse)
	fba, _ := s.EnsureLocation(ctx, FBALocation("US"))
	if _, err := s.SavePurchaseOrder(ctx, app.PurchaseOrder{Number: "P1", Supplier: "f", Status: app.POProduction,
		OrderedOn: ymd(2026, 11, 1), ProductionDue: ymd(2026, 11, 20), Deposit: 300_00, DepositPaid: ymd(2026, 11, 1),
		Lines: []app.POLine{{SKU: "MUG", Qty: 100, UnitCost: 10_00}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveShipment(ctx, app.Shipment{Ref: "S1", FromID: wh.ID, ToID: fba.ID, Mode: "sea", BookedOn: ymd(2026, 11, 25),
		Cost: 1500_00, Currency: "CNY", Lines: []app.ShipmentLine{{SKU: "MUG", Qty: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddCashEntry(ctx, app.CashEntry{Day: ymd(2026, 11, 30), Kind: app.CashBank, Amount: 80_000_00, Currency: "CNY"}); err != nil {
		t.Fatal(err)
	}
	d, err := s.ReorderData(ctx, ymd(2026, 12, 1))
	if err != nil {
		t.Fatal(err)
	}
	// The deposit is paid: the balance ¥1,000 − ¥300 is due with the
	// goods; the freight ¥1,500 when booked.
	want := []app.Payment{
		{Due: ymd(2026, 11, 20), Amount: 700_00, Currency: "CNY", Kind: app.PayBalance, Ref: "P1"},
		{Due: ymd(2026, 11, 25), Amount: 1500_00, Currency: "CNY", Kind: app.PayFreight, Ref: "S1"},
	}
	if !reflect.DeepEqual(d.Payments, want) {
		t.Errorf("payments %+v", d.Payments)
	}
	if c := d.Cash[app.CashBank]; c.Amount != 80_000_00 {
		t.Errorf("cash %+v", d.Cash)
	}
}
