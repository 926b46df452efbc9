package app

import (
	"reflect"
	"testing"
)

func TestPurchaseOrderMoney(t *testing.T) {
	po := PurchaseOrder{Number: "PO-1", Supplier: "义乌工厂", Status: POOrdered, OrderedOn: NewDate(2026, 3, 1),
		ProductionDue: NewDate(2026, 3, 16),
		Lines:         []POLine{{SKU: "MUG-11", Qty: 500, UnitCost: 1250}, {SKU: "MUG-12", Qty: 300, UnitCost: 1800}}}
	// 500 × ¥12.50 + 300 × ¥18.00 = ¥6,250 + ¥5,400 = ¥11,650.
	if po.Total() != 1_165_000 || po.Units() != 800 {
		t.Fatalf("total %d units %d", po.Total(), po.Units())
	}
	po.Deposit = DepositFor(po.Total(), 30) // ¥3,495
	if po.Deposit != 349_500 || po.Balance() != 815_500 {
		t.Fatalf("deposit %d balance %d", po.Deposit, po.Balance())
	}
	want := []Payment{
		{Due: NewDate(2026, 3, 1), Amount: 349_500, Currency: "", Kind: PayDeposit, Ref: "PO-1"},
		{Due: NewDate(2026, 3, 16), Amount: 815_500, Currency: "", Kind: PayBalance, Ref: "PO-1"},
	}
	if got := po.OpenPayments(); !reflect.DeepEqual(got, want) {
		t.Errorf("payments %+v, want %+v", got, want)
	}
	po.DepositPaid = NewDate(2026, 3, 1)
	if got := po.OpenPayments(); len(got) != 1 || got[0].Kind != PayBalance {
		t.Errorf("after the deposit: %+v", got)
	}
	po.Status = POClosed
	if got := po.OpenPayments(); got != nil {
		t.Errorf("a closed order still pays %+v", got)
	}
}

func TestPurchaseOrderValidate(t *testing.T) {
	ok := PurchaseOrder{Number: "PO-1", Supplier: "义乌工厂", Status: POOrdered, OrderedOn: NewDate(2026, 3, 1),
		Lines: []POLine{{SKU: "MUG-11", Qty: 500, UnitCost: 1250}}}
	tests := []struct {
		name string
		edit func(*PurchaseOrder)
		want string
	}{
		{"OK", func(*PurchaseOrder) {}, ""},
		{"OKDraftWithoutLines", func(p *PurchaseOrder) { p.Status, p.Lines, p.OrderedOn = PODraft, nil, 0 }, ""},
		{"ErrNumber", func(p *PurchaseOrder) { p.Number = "" }, "purchase_order.number:required"},
		{"ErrSupplier", func(p *PurchaseOrder) { p.Supplier = "" }, "purchase_order.supplier:required"},
		{"ErrOrderedWithoutDate", func(p *PurchaseOrder) { p.OrderedOn = 0 }, "purchase_order.ordered_on:required"},
		{"ErrOrderedWithoutLines", func(p *PurchaseOrder) { p.Lines = nil }, "purchase_order.lines:required"},
		{"ErrDueBeforeOrder", func(p *PurchaseOrder) { p.ProductionDue = NewDate(2026, 2, 1) }, "purchase_order.production_due:bad_choice"},
		{"ErrDepositAboveTotal", func(p *PurchaseOrder) { p.Deposit = 625_001 }, "purchase_order.deposit:bad_choice"},
		{"ErrLineQty", func(p *PurchaseOrder) { p.Lines[0].Qty = 0 }, "purchase_order_line.qty:out_of_range"},
		{"ErrLineSKU", func(p *PurchaseOrder) { p.Lines[0].SKU = " " }, "purchase_order_line.sku:required"},
		{"ErrDuplicateSKU", func(p *PurchaseOrder) { p.Lines = append(p.Lines, p.Lines[0]) }, "purchase_order_line.sku:duplicate"},
		{"ErrStatus", func(p *PurchaseOrder) { p.Status = "lost" }, "purchase_order.status:bad_choice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			p.Lines = append([]POLine(nil), ok.Lines...)
			tt.edit(&p)
			if got := fieldOf(p.Normalize().Validate()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShipmentStatusAndDates(t *testing.T) {
	d := NewDate(2026, 3, 1)
	s := Shipment{QuotedDays: 35}
	if s.Status() != ShipmentDraft || s.ExpectedArrival() != 0 {
		t.Errorf("draft: %s %s", s.Status(), s.ExpectedArrival())
	}
	s.BookedOn = d
	if s.Status() != ShipmentBooked || s.ExpectedArrival() != d.AddDays(35) {
		t.Errorf("booked: %s %s", s.Status(), s.ExpectedArrival())
	}
	s.DepartedOn = d.AddDays(3)
	if s.Status() != ShipmentInTransit || s.ExpectedArrival() != d.AddDays(38) {
		t.Errorf("departed: %s %s", s.Status(), s.ExpectedArrival())
	}
	s.ETA = d.AddDays(40)
	if s.ExpectedArrival() != d.AddDays(40) {
		t.Errorf("ETA: %s", s.ExpectedArrival())
	}
	if _, ok := s.TransitDays(); ok {
		t.Error("transit days before arrival")
	}
	s.ArrivedOn = d.AddDays(45)
	if n, ok := s.TransitDays(); s.Status() != ShipmentArrived || !ok || n != 42 {
		t.Errorf("arrived: %s %d %v", s.Status(), n, ok)
	}
	s.Cancelled = true
	if s.Status() != ShipmentCancelled {
		t.Errorf("cancelled: %s", s.Status())
	}
}

func TestShipmentValidate(t *testing.T) {
	ok := Shipment{Ref: "SEA-1", FromID: "a", ToID: "b", Mode: "sea", Lines: []ShipmentLine{{SKU: "MUG-11", Qty: 100}}}
	tests := []struct {
		name string
		edit func(*Shipment)
		want string
	}{
		{"OK", func(*Shipment) {}, ""},
		{"ErrSameEnds", func(s *Shipment) { s.ToID = "a" }, "shipment.to:bad_choice"},
		{"ErrNoMode", func(s *Shipment) { s.Mode = " " }, "shipment.mode:required"},
		{"ErrArrivedNotDeparted", func(s *Shipment) { s.ArrivedOn = NewDate(2026, 3, 1) }, "shipment.departed_on:required"},
		{"ErrArrivedBeforeDeparture", func(s *Shipment) {
			s.DepartedOn, s.ArrivedOn = NewDate(2026, 3, 5), NewDate(2026, 3, 1)
		}, "shipment.arrived_on:bad_choice"},
		{"ErrDepartedEmpty", func(s *Shipment) { s.DepartedOn, s.Lines = NewDate(2026, 3, 1), nil }, "shipment.lines:required"},
		{"ErrLineQty", func(s *Shipment) { s.Lines[0].Qty = -1 }, "shipment_line.qty:out_of_range"},
		{"ErrCost", func(s *Shipment) { s.Cost = -1 }, "shipment.cost:out_of_range"},
		{"OKSameSKUFromTwoOrders", func(s *Shipment) {
			s.Lines = []ShipmentLine{{SKU: "MUG-11", Qty: 1, PurchaseOrderID: "po1"}, {SKU: "MUG-11", Qty: 1, PurchaseOrderID: "po2"}}
		}, ""},
		{"ErrSameSKUTwice", func(s *Shipment) { s.Lines = append(s.Lines, s.Lines[0]) }, "shipment_line.sku:duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			s.Lines = append([]ShipmentLine(nil), ok.Lines...)
			tt.edit(&s)
			if got := fieldOf(s.Normalize().Validate()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShipmentOpenPayment(t *testing.T) {
	s := Shipment{Ref: "SEA-1", Cost: 420_000, Currency: "CNY", BookedOn: NewDate(2026, 3, 1)}
	if p, ok := s.OpenPayment(); !ok || p.Due != NewDate(2026, 3, 1) || p.Kind != PayFreight {
		t.Errorf("booked: %+v %v", p, ok)
	}
	s.DepartedOn = NewDate(2026, 3, 4)
	if p, _ := s.OpenPayment(); p.Due != NewDate(2026, 3, 4) {
		t.Errorf("departed: %+v", p)
	}
	s.CostPaidOn = NewDate(2026, 3, 4)
	if _, ok := s.OpenPayment(); ok {
		t.Error("paid freight is still open")
	}
}
