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
		if err := s.SaveLineDefaults(ctx, LineDefaults{}, d); err != nil {
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
			if err := s.SaveLineDefaults(ctx, before, d); !errors.As(err, &fe) {
				t.Errorf("%s: saved or failed otherwise: %v", name, err)
			}
		}
		if after, _, _ := s.LineDefaults(ctx); after != before {
			t.Fatalf("refused defaults changed the stored ones: %+v", after)
		}
	})
	// A form saves only what its person changed: a field changed since
	// it was opened (by another desk, arrived by sync) stays.
	t.Run("OKFormKeepsOtherChanges", func(t *testing.T) {
		shown, _, _ := s.LineDefaults(ctx)
		other := shown
		other.AdPct = 20
		if err := s.SaveLineDefaults(ctx, shown, other); err != nil {
			t.Fatal(err)
		}
		mine := shown
		mine.ReferralPct = 8
		if err := s.SaveLineDefaults(ctx, shown, mine); err != nil {
			t.Fatal(err)
		}
		got, _, _ := s.LineDefaults(ctx)
		if got.AdPct != 20 || got.ReferralPct != 8 || got.FBAFee != shown.FBAFee {
			t.Fatalf("read %+v: one of the two changes was lost", got)
		}
	})
	// Every field is a synced office setting of its own.
	t.Run("OKStoredAsOfficeSettings", func(t *testing.T) {
		var n int
		if err := s.read.QueryRow(`SELECT count(*) FROM office_setting WHERE key LIKE 'line_defaults.%'`).Scan(&n); err != nil || n != 12 {
			t.Fatalf("%d office_setting rows for 12 fields: %v", n, err)
		}
	})
	t.Run("DamagedValueReadsAsNone", func(t *testing.T) {
		if _, err := s.write.Exec(`UPDATE office_setting SET value = '"thirty"' WHERE key = 'line_defaults.cycle_days'`); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.LineDefaults(ctx); ok || err != nil {
			t.Fatalf("a damaged value was read: %v, %v", ok, err)
		}
	})
}

// Line defaults a desk kept for itself (before they were an office
// setting) read as the office's until the office stores its own; the first
// save writes every field, so the other desks get them all.
func TestLineDefaultsCarryOver(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if err := s.SetSetting(ctx, settingLineDefaults,
		`{"currency":"","referral_pct":15,"ad_pct":9,"return_pct":3,"duty_pct":0,"deposit_pct":30,"fba_fee_minor":0,"storage_fee_minor":0,"inbound_fee_minor":0,"mode":"sea","cycle_days":45,"safety_days":14}`); err != nil {
		t.Fatal(err)
	}
	kept, ok, err := s.LineDefaults(ctx)
	if !ok || err != nil || kept.AdPct != 9 || kept.CycleDays != 45 {
		t.Fatalf("the desk's own defaults were not read: %+v %v %v", kept, ok, err)
	}
	changed := kept
	changed.ReturnPct = 5
	if err := s.SaveLineDefaults(ctx, kept, changed); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM office_setting WHERE key LIKE 'line_defaults.%'`).Scan(&n); err != nil || n != 12 {
		t.Fatalf("%d fields written for 12: %v", n, err)
	}
	if err := s.SetSetting(ctx, settingLineDefaults, `{"cycle_days": "thirty"`); err != nil {
		t.Fatal(err)
	}
	got, ok, _ := s.LineDefaults(ctx)
	if !ok || got != changed {
		t.Fatalf("read %+v, want the office's %+v", got, changed)
	}
}
