package planning

import (
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestOfficeModes(t *testing.T) {
	modes := OfficeModes([]app.ShippingMode{
		{Name: "Sea", TransitDays: 40, ReceivingDays: 10, CostPerKg: 1150, Currency: "CNY"},
		{Name: "matson", TransitDays: 12, ReceivingDays: 5, CostPerKg: 250, Currency: "USD"},
	})
	sea, ok := findMode("sea", nil, modes)
	if !ok || sea.TransitDays != 40 || sea.CostPerKg != 11.5 {
		t.Fatalf("sea = %+v", sea)
	}
	if air, ok := findMode("air", nil, modes); !ok || air.TransitDays != 8 {
		t.Fatalf("built-in air lost: %+v", air)
	}
	truck, ok := findMode("matson", nil, modes)
	if !ok || truck.CostPerKg != 2.5 || truck.Currency != "USD" {
		t.Fatalf("matson = %+v", truck)
	}
	if len(modes) != len(DefaultModes())+1 {
		t.Fatalf("%d modes", len(modes))
	}
}
