package inventoryui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// The SKU detail lists the SKU's FBA returns; "open case" makes one case
// per return, owned by this desk's user, and goes to it; the return then
// shows its case, and going there again makes no second one.
func TestSKUReturnOpensACase(t *testing.T) {
	ctx := context.Background()
	e, s := openInventory(t, ui.LangChinese, nil) // 王芳 uses this desk
	importSales(t, e.Store(), filepath.Join("..", "..", "data", "reports", "testdata", "fba_returns.txt"))
	showReturns := func() {
		t.Helper()
		s.showSKU("MUG-11")
		e.Settle()
		uitest.Find(t, uitest.TopDialog(t, e.Window()), "the detail's tabs", func(*container.AppTabs) bool { return true }).SelectIndex(1)
	}
	showReturns()
	text := uitest.DialogText(t, e.Window())
	if !uitest.ContainsText([]string{text}, "DAMAGED_BY_CARRIER") || !uitest.ContainsText([]string{text}, "arrived dented") {
		t.Fatalf("SKU detail lacks the return:\n%s", text)
	}
	rs, err := e.Store().SKUReturns(ctx, "MUG-11")
	if err != nil || len(rs) != 1 {
		t.Fatalf("%+v %v", rs, err)
	}
	want := ui.ScreenService.Tab(ui.CaseTab(data.ReturnCaseID(rs[0].ID)))

	uitest.TapInDialog(t, e.Window(), e.T("inventory.sku.open_case"))
	e.Settle()
	if n := len(e.Navigated); n == 0 || e.Navigated[n-1] != want {
		t.Fatalf("navigated to %v, want %s", e.Navigated, want)
	}
	c, err := e.Store().Case(ctx, data.ReturnCaseID(rs[0].ID))
	if err != nil || c.Type != app.CaseReturnRefund || c.SKU != "MUG-11" || c.OwnerName != "王芳" {
		t.Fatalf("case %+v %v", c, err)
	}

	showReturns()
	test.Tap(uitest.FindButton(t, uitest.TopDialog(t, e.Window()), e.T("inventory.sku.case_open")))
	e.Settle()
	if n := len(e.Navigated); e.Navigated[n-1] != want {
		t.Fatalf("navigated to %v, want %s", e.Navigated, want)
	}
	if _, total, _ := e.Store().ListCases(ctx, app.ListQuery{}); total != 1 {
		t.Errorf("%d cases for one return", total)
	}
}
