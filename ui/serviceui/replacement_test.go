package serviceui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

// A replacement case: "send replacement" takes the unit out of the
// warehouse chosen, lists it on the case and on its timeline; a second
// one must be ticked, having seen the first.
func TestSendReplacementFromTheCase(t *testing.T) {
	ctx := context.Background()
	var id string
	var wh app.Location
	e, s := openService(t, ui.LangChinese, func(st *data.Store) {
		var err error
		if wh, err = st.SaveLocation(ctx, app.Location{Name: "深圳仓", Kind: app.LocationWarehouse, Active: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.AddMovement(ctx, app.Movement{SKU: "MUG-11", LocationID: wh.ID, Qty: 5, Kind: app.MoveReceipt,
			Day: app.DateOf(time.Now(), nil).AddDays(-10)}); err != nil {
			t.Fatal(err)
		}
		id = mustCase(t, st, app.Case{Type: app.CaseDamagedInTransit, Channel: app.ChannelChat, Customer: "张伟", SKU: "MUG-11",
			OrderID: "113-1234567-1234567", Carrier: "UPS", Resolution: app.ResolveReplacement, Created: time.Now()}).ID
	})
	s.ShowTab(CaseTab(id))
	e.Settle()
	d := s.cases.detail
	tl := d.timeline
	if !tl.replaceBtn.Visible() || tl.sendBtn.Visible() || tl.sentBox.Visible() {
		t.Fatalf("replacement case: replace %v, send goods %v, sent list %v", tl.replaceBtn.Visible(), tl.sendBtn.Visible(), tl.sentBox.Visible())
	}
	// A refund sends nothing: the plain "send goods" comes back.
	d.resolution.SetSelected(e.T("service.resolution.refund"))
	if tl.replaceBtn.Visible() || !tl.sendBtn.Visible() {
		t.Fatal("the replacement action stays on a refund")
	}
	d.resolution.SetSelected(e.T("service.resolution.replacement"))

	test.Tap(tl.replaceBtn)
	dlg := uitest.TopDialog(t, e.Window())
	if got := uitest.FindEntry(t, dlg, e.T("service.case.sku_hint")).Text; got != "MUG-11" {
		t.Errorf("SKU %q, want the case's", got)
	}
	// The one warehouse is chosen already; the new parcel's number.
	test.Type(uitest.FindEntry(t, dlg, e.T("service.replace.tracking_hint")), "SF 1234 5678")
	uitest.TapInDialog(t, e.Window(), e.T("service.replace.save"))
	e.Settle()

	ms, err := e.Store().CaseMovements(ctx, id)
	if err != nil || len(ms) != 1 || ms[0].Qty != -1 || ms[0].LocationID != wh.ID || ms[0].Day != app.DateOf(time.Now(), s.loc()) {
		t.Fatalf("movements %+v %v", ms, err)
	}
	bal, _ := e.Store().SKUBalances(ctx, "MUG-11")
	if len(bal) != 1 || bal[0].Qty != 4 {
		t.Errorf("balances %+v, want 4 left in the warehouse", bal)
	}
	orders, _ := e.Store().CaseOrders(ctx, id)
	if len(orders) != 1 || orders[0].Tracking != "SF12345678" || orders[0].Carrier != "UPS" {
		t.Errorf("parcel %+v", orders)
	}
	what := e.T("service.replace.units", "Count", 1, "SKU", "MUG-11", "Location", "深圳仓")
	if !tl.sentBox.Visible() || !strings.Contains(tl.sent.Text, what) || !strings.Contains(tl.sent.Text, "王芳") {
		t.Errorf("sent list %q, want %q", tl.sent.Text, what)
	}
	if shown := texts(tl.list); !strings.Contains(shown, e.T("service.action.stock_moved")) || !strings.Contains(shown, what) {
		t.Errorf("timeline %q", shown)
	}

	// Again: what was sent is shown, and sending one more must be ticked.
	test.Tap(tl.replaceBtn)
	dlg = uitest.TopDialog(t, e.Window())
	if text := uitest.DialogText(t, e.Window()); !strings.Contains(text, e.T("service.replace.already", "Count", 1)) || !strings.Contains(text, what) {
		t.Fatalf("second send dialog:\n%s", text)
	}
	uitest.TapInDialog(t, e.Window(), e.T("service.replace.save"))
	e.Settle()
	if text := uitest.DialogText(t, e.Window()); !strings.Contains(text, e.T("service.replace.tick_again")) {
		t.Fatalf("sent again without ticking:\n%s", text)
	}
	if ms, _ := e.Store().CaseMovements(ctx, id); len(ms) != 1 {
		t.Fatalf("%d movements after an unticked second send", len(ms))
	}
	test.Tap(uitest.FindCheck(t, dlg, e.T("service.replace.again", "Count", 1)))
	uitest.TapInDialog(t, e.Window(), e.T("service.replace.save"))
	e.Settle()
	if ms, _ := e.Store().CaseMovements(ctx, id); len(ms) != 2 {
		t.Fatalf("%d movements after a ticked second send", len(ms))
	}
}

// A colleague on this desk sent one while the dialog was open: the send
// is refused with what to do, and nothing leaves stock twice.
func TestSendReplacementRefusedWhenOneWasSentMeanwhile(t *testing.T) {
	ctx := context.Background()
	var id string
	var wh app.Location
	e, s := openService(t, ui.LangEnglish, func(st *data.Store) {
		var err error
		if wh, err = st.SaveLocation(ctx, app.Location{Name: "Shenzhen", Kind: app.LocationWarehouse, Active: true}); err != nil {
			t.Fatal(err)
		}
		id = mustCase(t, st, app.Case{Type: app.CaseLostParcel, Channel: app.ChannelChat, Customer: "Ann", SKU: "MUG-11",
			Resolution: app.ResolveReship, Created: time.Now()}).ID
	})
	s.ShowTab(CaseTab(id))
	e.Settle()
	tl := s.cases.detail.timeline
	test.Tap(tl.replaceBtn)
	if _, err := e.Store().SendCaseReplacement(ctx, data.CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Qty: 1,
		Day: app.DateOf(time.Now(), nil), CaseID: id}}); err != nil {
		t.Fatal(err)
	}
	uitest.TapInDialog(t, e.Window(), e.T("service.replace.save"))
	e.Settle()
	if text := uitest.DialogText(t, e.Window()); !strings.Contains(text, e.T("service.replace.changed", "Count", 1)) {
		t.Fatalf("dialog:\n%s", text)
	}
	if ms, _ := e.Store().CaseMovements(ctx, id); len(ms) != 1 {
		t.Fatalf("%d movements, want the colleague's one", len(ms))
	}
	_ = uitest.Find(t, uitest.TopDialog(t, e.Window()), "location select", func(w *widget.Select) bool { return w.Selected == "Shenzhen" })
}
