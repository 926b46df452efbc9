package data

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

func TestScenarios(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	body := "name = \"cups\"\ncapital = 100000\n"
	canonical := "capital = 100000\nname = 'cups'\n" // keys sorted, see sync_doc.go

	t.Run("OKSaveListUpdateDelete", func(t *testing.T) {
		sc, err := s.SaveScenario(ctx, app.SavedScenario{Name: " 两款杯子 海运 ", Body: body})
		if err != nil {
			t.Fatal(err)
		}
		if sc.Name != "两款杯子 海运" || sc.ID == "" || sc.UpdatedAt.IsZero() {
			t.Fatalf("saved %+v", sc)
		}
		sc.Note = "air is next"
		if _, err := s.SaveScenario(ctx, sc); err != nil {
			t.Fatal(err)
		}
		got, err := s.Scenario(ctx, sc.ID)
		if err != nil || got.Note != "air is next" || got.Body != canonical {
			t.Fatalf("Scenario = %+v, %v", got, err)
		}
		if list, _ := s.Scenarios(ctx); len(list) != 1 {
			t.Fatalf("%d scenarios", len(list))
		}
		if err := s.DeleteScenario(ctx, sc.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Scenario(ctx, sc.ID); !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("deleted scenario: %v", err)
		}
	})

	t.Run("OKSummary", func(t *testing.T) {
		tick := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		s, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), Options{Now: func() time.Time {
			tick = tick.Add(time.Second)
			return tick
		}})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if n, latest, err := s.ScenarioSummary(ctx); err != nil || n != 0 || latest.ID != "" {
			t.Fatalf("empty summary: %d %+v %v", n, latest, err)
		}
		a, _ := s.SaveScenario(ctx, app.SavedScenario{Name: "a", Body: body})
		b, _ := s.SaveScenario(ctx, app.SavedScenario{Name: "b", Body: body})
		a.Note = "edited last"
		if _, err := s.SaveScenario(ctx, a); err != nil {
			t.Fatal(err)
		}
		n, latest, err := s.ScenarioSummary(ctx)
		if err != nil || n != 2 || latest.ID != a.ID {
			t.Fatalf("summary %d %q (b is %q), %v", n, latest.Name, b.Name, err)
		}
	})

	t.Run("ErrDuplicateName", func(t *testing.T) {
		if _, err := s.SaveScenario(ctx, app.SavedScenario{Name: "dup", Body: body}); err != nil {
			t.Fatal(err)
		}
		_, err := s.SaveScenario(ctx, app.SavedScenario{Name: "dup", Body: body})
		var fe *app.FieldError
		if !errors.As(err, &fe) || fe.Code != app.CodeDuplicate {
			t.Fatalf("got %v, want duplicate", err)
		}
	})

	t.Run("ErrEmptyBody", func(t *testing.T) {
		if _, err := s.SaveScenario(ctx, app.SavedScenario{Name: "x", Body: "  "}); !errors.Is(err, app.ErrInvalidInput) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestShippingModes(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if list, err := s.ShippingModes(ctx); err != nil || len(list) != 0 {
		t.Fatalf("new database has modes %v, %v", list, err)
	}
	m, err := s.SaveShippingMode(ctx, app.ShippingMode{Name: " Sea ", TransitDays: 40, ReceivingDays: 7, CostPerKg: 1150, Currency: "cny"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "sea" || m.Currency != "CNY" {
		t.Fatalf("normalized to %+v", m)
	}
	m.TransitDays = 38
	if _, err := s.SaveShippingMode(ctx, m); err != nil {
		t.Fatal(err)
	}
	list, _ := s.ShippingModes(ctx)
	if len(list) != 1 || list[0].TransitDays != 38 || list[0].CostPerKg != 1150 {
		t.Fatalf("modes %+v", list)
	}
	if _, err := s.SaveShippingMode(ctx, app.ShippingMode{Name: "air", TransitDays: -1}); !errors.Is(err, app.ErrInvalidInput) {
		t.Fatalf("negative days: %v", err)
	}
	if _, err := s.SaveShippingMode(ctx, app.ShippingMode{Name: "SEA", TransitDays: 1}); !errors.Is(err, app.ErrInvalidInput) {
		t.Fatalf("duplicate name: %v", err)
	}
	if err := s.DeleteShippingMode(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.ShippingModes(ctx); len(list) != 0 {
		t.Fatalf("after delete: %v", list)
	}
}
