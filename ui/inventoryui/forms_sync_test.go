package inventoryui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// An open SKU form follows the other desk: unedited, it reloads; with
// edits, it says what changed and saving keeps the other desk's price
// while writing this desk's MOQ. Cancel with edits asks first.
func TestInventoryProductFormFollowsSync(t *testing.T) {
	ctx := context.Background()
	e, s := openInventory(t, ui.LangEnglish, nil)
	b, err := data.Open(ctx, filepath.Join(t.TempDir(), "b.db"), data.Options{ReplicaName: "desk B"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	b.SetActor(app.Person{Name: "Bo"})
	e.Carry(t, e.Store(), b)

	p, _ := e.Store().ProductBySKU(ctx, "MUG")
	s.editProduct(p, false)
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	entry := func(text string) *widget.Entry {
		for _, x := range uitest.Entries(dlg) {
			if x.Text == text {
				return x
			}
		}
		t.Fatalf("no entry holds %q: %v", text, uitest.Texts(dlg))
		return nil
	}
	onB := func(change func(p *app.Product)) {
		t.Helper()
		q, _ := b.ProductBySKU(ctx, "MUG")
		change(&q)
		if err := b.UpdateProduct(ctx, q); err != nil {
			t.Fatal(err)
		}
		e.Carry(t, b, e.Store())
	}
	onB(func(p *app.Product) { p.Price = 17_99 })
	price := entry("17.99") // reloaded: no edits here
	uitest.Retype(entry("100"), "240")
	onB(func(p *app.Product) { p.Title = "Enamel mug, blue" })
	if text := strings.Join(uitest.Texts(dlg), "\n"); !strings.Contains(text, "Bo") || !strings.Contains(text, "desk B") {
		t.Errorf("no notice of desk B's change: %v", uitest.Texts(dlg))
	}
	shoot(t, e, "en-inventory-product-notice")
	if price.Text != "17.99" {
		t.Errorf("price %q", price.Text)
	}
	test.Tap(uitest.FindButton(t, dlg, e.T("action.cancel")))
	if text := uitest.DialogText(t, e.Window()); !strings.Contains(text, e.T("unsaved.discard")) {
		t.Errorf("Cancel with edits did not ask: %q", text)
	}
	uitest.TapInDialog(t, e.Window(), e.T("unsaved.keep_editing"))
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	got, _ := e.Store().ProductBySKU(ctx, "MUG")
	if got.MOQ != 240 || got.Price != 17_99 || got.Title != "Enamel mug, blue" {
		t.Errorf("saved %+v", got)
	}
	if s.open != nil {
		t.Error("the form is still counted as open")
	}
}

// An open purchase order keeps a line another desk added while the form
// saves its own edits; the screen reports its unsaved edits.
func TestInventoryOrderFormKeepsTheirLine(t *testing.T) {
	ctx := context.Background()
	e, s := openInventory(t, ui.LangEnglish, nil)
	po, err := e.Store().SavePurchaseOrder(ctx, app.PurchaseOrder{Number: "PO-1", Supplier: "义乌搪瓷厂", Status: app.POOrdered,
		OrderedOn: app.NewDate(2026, 11, 1), Lines: []app.POLine{{SKU: "MUG", Qty: 100, UnitCost: 12_50}}})
	if err != nil {
		t.Fatal(err)
	}
	s.editOrder(po)
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	// Meanwhile, on this desk's other window (or a sync): a TOWEL line.
	other := po
	other.Lines = append(other.Lines, app.POLine{SKU: "TOWEL", Qty: 50, UnitCost: 8_00})
	if _, err := e.Store().SavePurchaseOrder(ctx, other); err != nil {
		t.Fatal(err)
	}
	for _, x := range uitest.Entries(dlg) {
		if x.Text == "100" {
			uitest.Retype(x, "150")
		}
	}
	if got := s.UnsavedEdits(); len(got) != 1 {
		t.Errorf("unsaved edits %v", got)
	}
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	got, _ := e.Store().PurchaseOrder(ctx, po.ID)
	if len(got.Lines) != 2 || got.Lines[0].Qty != 150 {
		t.Errorf("lines %+v", got.Lines)
	}
}
