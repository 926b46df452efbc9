package data

import (
	"context"
	"errors"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestLineDefaults(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)

	t.Run("NoneStored", func(t *testing.T) {
		if _, ok, err := s.LineDefaults(ctx); ok || err != nil {
			t.Fatalf("a fresh database has line defaults: %v, %v", ok, err)
		}
	})
	t.Run("OKSaveAndRead", func(t *testing.T) {
		d := LineDefaults{Currency: " usd ", ReferralPct: 15, AdPct: 12.5, ReturnPct: 4, DutyPct: 7.5, DepositPct: 30,
			FBAFee: 540, StorageFee: 78, InboundFee: 27, Mode: " Air ", CycleDays: 30, SafetyDays: 10}
		if err := s.SaveLineDefaults(ctx, d); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.LineDefaults(ctx)
		want := d
		want.Currency, want.Mode = "USD", "air"
		if !ok || err != nil || got != want {
			t.Fatalf("read %+v, %v, %v; want %+v", got, ok, err, want)
		}
	})
	t.Run("ErrOutOfRangeChangesNothing", func(t *testing.T) {
		before, _, _ := s.LineDefaults(ctx)
		for name, d := range map[string]LineDefaults{
			"referral over 100": {ReferralPct: 101, Mode: "sea", CycleDays: 30},
			"negative fee":      {FBAFee: -1, Mode: "sea", CycleDays: 30},
			"no cycle":          {Mode: "sea"},
			"no mode":           {CycleDays: 30},
			"bad currency":      {Currency: "dollars", Mode: "sea", CycleDays: 30},
		} {
			var fe *app.FieldError
			if err := s.SaveLineDefaults(ctx, d); !errors.As(err, &fe) {
				t.Errorf("%s: saved or failed otherwise: %v", name, err)
			}
		}
		if after, _, _ := s.LineDefaults(ctx); after != before {
			t.Fatalf("refused defaults changed the stored ones: %+v", after)
		}
	})
	t.Run("DamagedValueReadsAsNone", func(t *testing.T) {
		if err := s.SetSetting(ctx, settingLineDefaults, `{"cycle_days": "thirty"`); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.LineDefaults(ctx); ok || err != nil {
			t.Fatalf("a damaged value was read: %v, %v", ok, err)
		}
	})
}
