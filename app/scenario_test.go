package app

import (
	"errors"
	"strings"
	"testing"
)

func TestShippingModeValidate(t *testing.T) {
	// CostPerKg is in minor units; the limit is MaxModeCostPerKg major
	// units: 1,000,000,000 fen (¥10,000,000) but 10,000,000 yen.
	tests := []struct {
		name  string
		mode  ShippingMode
		field string
	}{
		{"OKAtLimitCNY", ShippingMode{Name: "sea", CostPerKg: 1_000_000_000, Currency: "CNY"}, ""},
		{"ErrAboveLimitCNY", ShippingMode{Name: "sea", CostPerKg: 1_000_000_001, Currency: "CNY"}, "cost_per_kg"},
		{"OKAtLimitJPY", ShippingMode{Name: "sea", CostPerKg: 10_000_000, Currency: "JPY"}, ""},
		{"ErrAboveLimitJPY", ShippingMode{Name: "sea", CostPerKg: 10_000_001, Currency: "JPY"}, "cost_per_kg"},
		{"ErrNegativeCost", ShippingMode{Name: "sea", CostPerKg: -1}, "cost_per_kg"},
		{"ErrTransit", ShippingMode{Name: "sea", TransitDays: MaxModeDays + 1}, "transit_days"},
		{"ErrReceiving", ShippingMode{Name: "sea", ReceivingDays: -1}, "receiving_days"},
		{"ErrCurrency", ShippingMode{Name: "sea", Currency: "yuan"}, "currency"},
		{"ErrName", ShippingMode{Name: " "}, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.mode.Normalize().Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("got %v, want an error on %s", err, tt.field)
			}
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("%v does not wrap ErrInvalidInput", err)
			}
		})
	}
}

// The message must state the limit that is checked: 10,000,000 a
// kilogram, in the unit the person typed.
func TestShippingModeCostLimitMessage(t *testing.T) {
	err := ShippingMode{Name: "air", CostPerKg: 1_000_000_001, Currency: "CNY"}.Normalize().Validate()
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Limit != MaxModeCostPerKg {
		t.Fatalf("got %v (limit %d), want limit %d", err, fe.Limit, MaxModeCostPerKg)
	}
	if !strings.Contains(err.Error(), "10000000") {
		t.Errorf("message %q does not state the limit 10000000", err)
	}
}
