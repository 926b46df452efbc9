package app

import (
	"testing"
)

func TestMovementValidate(t *testing.T) {
	day := NewDate(2026, 3, 5)
	ok := Movement{Day: day, SKU: "MUG-11", LocationID: "loc", Qty: 10, Kind: MoveReceipt}
	tests := []struct {
		name string
		edit func(*Movement)
		want string
	}{
		{"OKReceipt", func(*Movement) {}, ""},
		{"OKSaleNegative", func(m *Movement) { m.Kind, m.Qty = MoveSale, -2 }, ""},
		{"OKAdjustDown", func(m *Movement) { m.Kind, m.Qty, m.Reason = MoveAdjustment, -3, AdjustDamaged }, ""},
		{"OKAdjustUp", func(m *Movement) { m.Kind, m.Qty, m.Reason = MoveAdjustment, 3, AdjustFound }, ""},
		{"ErrSalePositive", func(m *Movement) { m.Kind, m.Qty = MoveSale, 2 }, "movement.qty:bad_choice"},
		{"ErrReceiptNegative", func(m *Movement) { m.Qty = -1 }, "movement.qty:bad_choice"},
		{"ErrReplacementPositive", func(m *Movement) { m.Kind = MoveReplacement }, "movement.qty:bad_choice"},
		{"ErrZero", func(m *Movement) { m.Qty = 0 }, "movement.qty:required"},
		{"ErrHuge", func(m *Movement) { m.Qty = MaxMovementQty + 1 }, "movement.qty:out_of_range"},
		{"ErrAdjustWithoutReason", func(m *Movement) { m.Kind = MoveAdjustment }, "movement.reason:required"},
		{"ErrOtherWithoutNote", func(m *Movement) { m.Kind, m.Reason = MoveAdjustment, AdjustOther }, "movement.note:required"},
		{"ErrReasonOnReceipt", func(m *Movement) { m.Reason = AdjustLost }, "movement.reason:bad_choice"},
		{"ErrNoDay", func(m *Movement) { m.Day = 0 }, "movement.day:required"},
		{"ErrNoLocation", func(m *Movement) { m.LocationID = "" }, "movement.location:required"},
		{"ErrKind", func(m *Movement) { m.Kind = "gift" }, "movement.kind:bad_choice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok
			tt.edit(&m)
			if got := fieldOf(m.Normalize().Validate()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReplacementSentIsANegativeMovement(t *testing.T) {
	m := ReplacementSent{SKU: "MUG-11", LocationID: "fba", Qty: 1, Day: NewDate(2026, 3, 5), CaseID: "case-1", OrderID: "113-1"}.Movement()
	if m.Qty != -1 || m.Kind != MoveReplacement || m.CaseID != "case-1" || m.Ref != "113-1" {
		t.Errorf("%+v", m)
	}
	if err := m.Validate(); err != nil {
		t.Error(err)
	}
}

func TestLocationValidate(t *testing.T) {
	tests := []struct {
		l    Location
		want string
	}{
		{Location{Name: "深圳仓", Kind: LocationWarehouse}, ""},
		{Location{Name: "FBA US", Kind: LocationFBA, Marketplace: "US"}, ""},
		{Location{Name: "FBA", Kind: LocationFBA}, "location.marketplace:required"},
		{Location{Name: "FBA", Kind: LocationFBA, Marketplace: "ZZ"}, "location.marketplace:bad_choice"},
		{Location{Name: "", Kind: LocationWarehouse}, "location.name:required"},
		{Location{Name: "x", Kind: "shop"}, "location.kind:bad_choice"},
	}
	for _, tt := range tests {
		if got := fieldOf(tt.l.Normalize().Validate()); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.l, got, tt.want)
		}
	}
	if TransitLocationID() == FBALocationID("US") || FBALocationID("us") != FBALocationID("US") {
		t.Error("built-in location ids")
	}
}

func TestSettingsToBase(t *testing.T) {
	s := DefaultInventorySettings()
	tests := []struct {
		minor int64
		cur   string
		want  int64
		ok    bool
	}{
		{1699, "USD", 12233, true}, // $16.99 × 7.2 = ¥122.328 → 12233 fen
		{500, "CNY", 500, true},
		{1000, "JPY", 4800, true}, // ¥1000 (no minor unit) × 0.048 = 48 yuan
		{-1000, "USD", -7200, true},
		{100, "CHF", 0, false},
	}
	for _, tt := range tests {
		got, ok := s.ToBase(tt.minor, tt.cur)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ToBase(%d %s) = %d %v, want %d %v", tt.minor, tt.cur, got, ok, tt.want, tt.ok)
		}
	}
	if err := s.Validate(); err != nil {
		t.Errorf("defaults invalid: %v", err)
	}
	bad := s
	bad.ServiceLevelPct = 100
	if fieldOf(bad.Validate()) != "inventory_settings.service_level:out_of_range" {
		t.Errorf("service level 100%%: %v", bad.Validate())
	}
	bad = s
	bad.Weight7, bad.Weight14, bad.Weight30 = 0, 0, 0
	if fieldOf(bad.Validate()) != "inventory_settings.weights:bad_choice" {
		t.Errorf("zero weights: %v", bad.Validate())
	}
}

func TestStockPositionTotal(t *testing.T) {
	p := StockPosition{FBAFulfillable: 100, FBAInboundWorking: 1, FBAInboundShipped: 2, FBAInboundReceiving: 3,
		InTransit: 40, Local: 50, Overseas: 60, Ordered: 700}
	if p.FBAInbound() != 6 || p.Total() != 956 {
		t.Errorf("inbound %d total %d", p.FBAInbound(), p.Total())
	}
}
