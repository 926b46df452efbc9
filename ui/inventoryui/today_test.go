package inventoryui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/ui"
)

// The stock card's arrivals line: none says so (not "0 shipments
// arriving this week:" and nothing after it); many name the first four.
func TestTodayArrivingLine(t *testing.T) {
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		tr := ui.NewTranslator(lang)
		if got, want := arrivingLine(tr, nil), tr.T("inventory.today.arriving_none"); got != want {
			t.Errorf("%s: no arrivals shown as %q, want %q", lang, got, want)
		}
		eta, err := app.ParseDate("2026-12-03")
		if err != nil {
			t.Fatal(err)
		}
		var ships []app.Shipment
		for i := 1; i <= 5; i++ {
			ships = append(ships, app.Shipment{Ref: fmt.Sprintf("SEA-%d", i), ETA: eta})
		}
		got := arrivingLine(tr, ships)
		if !strings.Contains(got, "SEA-4 12-03") || strings.Contains(got, "SEA-5") || !strings.Contains(got, "…") || !strings.Contains(got, "5") {
			t.Errorf("%s: five arrivals shown as %q", lang, got)
		}
	}
}
