package bundle

import (
	"context"
	"fmt"
	"strings"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// The inventory area's part of the random office (issue 11): desks add
// the same SKUs at once, edit them, record stock movements, book, depart
// and arrive the same shipments, and import overlapping All Orders files.

// simSKUs are few, so that desks add the same SKU at once.
var simSKUs = []string{"MUG", "CUP", "LAMP"}

// simOrders is the pool of order lines the desks' files are cut from:
// line i sells 1 + i%3 units of simSKUs[i%3]; every fifth is cancelled
// (in every file that has it).
const simOrders = 24

func simOrderLine(i int) string {
	status := "Shipped"
	if i%5 == 0 {
		status = "Cancelled"
	}
	return fmt.Sprintf("113-%07d\t2026-11-%02dT20:00:00+00:00\tAmazon.com\t%s\t%s\t%d\n", i, 1+i%28, simSKUs[i%3], status, 1+i%3)
}

// editInventory makes one random inventory change on desk i.
func (s *sim) editInventory(i int, d *data.Store) error {
	ctx := s.ctx
	sku := simSKUs[s.rnd.IntN(len(simSKUs))]
	switch op := s.rnd.IntN(10); {
	case op < 2:
		p, err := d.ProductBySKU(ctx, sku)
		if err != nil {
			p, err = d.CreateProduct(ctx, app.Product{SKU: sku, Title: "new " + sku, Active: true})
			s.logf("desk %d adds SKU %s: %v", i, sku, err)
			return err
		}
		switch s.rnd.IntN(3) {
		case 0:
			p.MOQ = 100 * (1 + s.rnd.IntN(3))
		case 1:
			p.Title = simNames[s.rnd.IntN(len(simNames))]
		default:
			p.Mode = []string{"sea", "air", "truck"}[s.rnd.IntN(3)]
		}
		err = d.UpdateProduct(ctx, p)
		s.logf("desk %d edits SKU %s: %v", i, sku, err)
		return err
	case op < 4:
		fba, err := d.EnsureLocation(ctx, data.FBALocation("US"))
		if err != nil {
			return err
		}
		qty, kind := 1+s.rnd.IntN(20), app.MoveReceipt
		if s.rnd.IntN(2) == 0 {
			qty, kind = -qty, app.MoveReplacement
		}
		_, err = d.AddMovement(ctx, app.Movement{Day: app.NewDate(2026, 11, 1+s.rnd.IntN(28)), SKU: sku, LocationID: fba.ID, Qty: qty, Kind: kind})
		s.logf("desk %d moves %d %s: %v", i, qty, sku, err)
		return err
	case op < 7:
		return s.editShipment(i, d, sku)
	default:
		// A file of consecutive order lines: desks' files overlap.
		from := s.rnd.IntN(simOrders)
		var b strings.Builder
		b.WriteString("amazon-order-id\tpurchase-date\tsales-channel\tsku\titem-status\tquantity\n")
		for k := from; k < min(simOrders, from+1+s.rnd.IntN(8)); k++ {
			b.WriteString(simOrderLine(k))
		}
		res, err := data.NewImporter(d, data.InventoryImportKinds()...).Import(ctx, strings.NewReader(b.String()), data.ImportOptions{})
		s.logf("desk %d imports order lines %d..: %d new: %v", i, from, res.Added, err)
		return err
	}
}

// editShipment books, departs, arrives or cancels a shipment.
func (s *sim) editShipment(i int, d *data.Store, sku string) error {
	ctx := s.ctx
	shs, err := d.Shipments(ctx)
	if err != nil {
		return err
	}
	day := app.NewDate(2026, 11, 1+s.rnd.IntN(28))
	if len(shs) == 0 || s.rnd.IntN(3) == 0 {
		from, err := d.EnsureLocation(ctx, data.SupplierLocation())
		if err != nil {
			return err
		}
		to, err := d.EnsureLocation(ctx, data.FBALocation("US"))
		if err != nil {
			return err
		}
		sh, err := d.SaveShipment(ctx, app.Shipment{Ref: fmt.Sprintf("S%d", s.rnd.IntN(1000)), FromID: from.ID, ToID: to.ID, Mode: "sea",
			Lines: []app.ShipmentLine{{SKU: sku, Qty: 1 + s.rnd.IntN(50)}}})
		s.logf("desk %d books shipment %s: %v", i, sh.Ref, err)
		return err
	}
	sh := shs[s.rnd.IntN(len(shs))]
	switch {
	case sh.Cancelled:
		return nil
	case sh.DepartedOn.IsZero() && s.rnd.IntN(4) == 0:
		sh.Cancelled = true
		_, err = d.SaveShipment(ctx, sh)
	case sh.DepartedOn.IsZero():
		_, err = d.DepartShipment(ctx, sh.ID, day)
	case sh.ArrivedOn.IsZero():
		_, err = d.ArriveShipment(ctx, sh.ID, max(day, sh.DepartedOn))
	default:
		return nil
	}
	s.logf("desk %d moves shipment %s on: %v", i, sh.Ref, err)
	return err
}

// checkInventory checks, on desk 0 after convergence, what the ledgers
// must add up to whichever desk recorded what: each order line counted
// once (and a cancelled one not at all), and the stock in transit exactly
// the lines of the shipments departed and not arrived (a shipment departed
// on two desks moves its stock once).
func (s *sim) checkInventory() {
	ctx := context.Background()
	d := s.desks[0]
	want := map[string]int{}
	for _, sku := range simSKUs {
		got, err := d.SKUDailySales(ctx, sku, app.NewDate(2026, 1, 1), app.NewDate(2026, 12, 31))
		if err != nil {
			s.tb.Fatal(err)
		}
		total := 0
		for _, g := range got {
			total += g.Units
		}
		want[sku] = total
	}
	// The units sold per SKU are those of the live lines some desk
	// imported: each once.
	counted := map[string]int{}
	for k := 0; k < simOrders; k++ {
		res, err := d.OrderSales(ctx, fmt.Sprintf("113-%07d", k))
		if err != nil {
			s.tb.Fatal(err)
		}
		if res.Lines == 0 {
			continue // no desk imported it
		}
		wantUnits, cancelled := 1+k%3, 0
		if k%5 == 0 {
			wantUnits, cancelled = 0, 1
		}
		if res.Units != wantUnits || res.Lines != 1 || res.Cancelled != cancelled {
			s.fail("order line %d: %+v, want %d units, 1 line, %d cancelled", k, res, wantUnits, cancelled)
		}
		counted[simSKUs[k%3]] += res.Units
	}
	for _, sku := range simSKUs {
		if counted[sku] != want[sku] {
			s.fail("%s: %d units sold, the lines say %d", sku, want[sku], counted[sku])
		}
	}
	shs, err := d.Shipments(ctx)
	if err != nil {
		s.tb.Fatal(err)
	}
	transit := map[string]int{}
	for _, sh := range shs {
		if sh.Status() == app.ShipmentInTransit {
			for _, l := range sh.Lines {
				transit[l.SKU] += l.Qty
			}
		}
	}
	for _, sku := range simSKUs {
		got := 0
		bs, err := d.SKUBalances(ctx, sku)
		if err != nil {
			s.tb.Fatal(err)
		}
		for _, b := range bs {
			if b.LocationID == app.TransitLocationID() {
				got = b.Qty
			}
		}
		if got != transit[sku] {
			s.fail("%s: %d in transit, the departed shipments carry %d", sku, got, transit[sku])
		}
	}
}
