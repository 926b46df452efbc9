package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// replacementCase opens a store at invNow with a damaged-mug case and a
// warehouse holding 10 mugs.
func replacementCase(t *testing.T) (*Store, app.Case, app.Location) {
	t.Helper()
	s := openInv(t)
	ctx := context.Background()
	wh := mustLocation(t, s, "Shenzhen", app.LocationWarehouse)
	if _, err := s.AddMovement(ctx, app.Movement{SKU: "MUG-11", LocationID: wh.ID, Qty: 10, Kind: app.MoveReceipt, Day: ymd(2026, 11, 1)}); err != nil {
		t.Fatal(err)
	}
	c := emailCase(invNow.Add(-24 * time.Hour))
	c.Resolution = app.ResolveReplacement
	c, err := s.CreateCase(ctx, c, "the mug arrived dented")
	if err != nil {
		t.Fatal(err)
	}
	return s, c, wh
}

func TestSendCaseReplacement(t *testing.T) {
	s, c, wh := replacementCase(t)
	ctx := context.Background()
	res, err := s.SendCaseReplacement(ctx, CaseReplacement{
		ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Qty: 2, Day: ymd(2026, 12, 1), CaseID: c.ID, Note: "new mug, double boxed"},
		Carrier:         "DHL", Tracking: "JD 0146 0000 1234"})
	if err != nil {
		t.Fatal(err)
	}
	// The stock left the warehouse: 10 - 2 = 8.
	if got := balanceOf(t, s, "MUG-11", wh.ID); got != 8 {
		t.Errorf("warehouse holds %d mugs, want 8", got)
	}
	ms, err := s.CaseMovements(ctx, c.ID)
	if err != nil || len(ms) != 1 || ms[0].ID != res.Movement.ID || ms[0].Qty != -2 || ms[0].SKU != "MUG-11" ||
		ms[0].Ref != c.OrderID || ms[0].Kind != app.MoveReplacement {
		t.Errorf("case movements %+v %v", ms, err)
	}
	// The parcel waits for its tracking number to go to the buyer.
	orders, err := s.CaseOrders(ctx, c.ID)
	if err != nil || len(orders) != 1 || orders[0].Tracking != "JD014600001234" || orders[0].Carrier != "DHL" ||
		orders[0].Quantity != 2 || orders[0].Customer != "John Doe" || !orders[0].ShippedAt.Equal(invNow) {
		t.Errorf("orders %+v %v", orders, err)
	}
	f, err := s.FollowUps(ctx, invNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range f.All() {
		found = found || it.Kind == app.FollowTracking && it.Ref == orders[0].ID
	}
	if !found {
		t.Errorf("the parcel's tracking number is not on the follow-up list: %+v", f.All())
	}
	// The timeline says goods left stock, pointing at the movement.
	tl, err := s.Timeline(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := tl[len(tl)-1]
	if last.Kind != app.EntryAction || last.Action != app.ActionStockMoved || last.Ref != res.Movement.ID || last.Body != "new mug, double boxed" {
		t.Errorf("last entry %+v", last)
	}
}

func TestSendCaseReplacementTwiceMustBeDeliberate(t *testing.T) {
	s, c, wh := replacementCase(t)
	ctx := context.Background()
	send := CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Qty: 1, Day: ymd(2026, 12, 1), CaseID: c.ID}}
	if _, err := s.SendCaseReplacement(ctx, send); err != nil {
		t.Fatal(err)
	}
	// The same form sent again (a double click): refused, nothing recorded.
	_, err := s.SendCaseReplacement(ctx, send)
	var changed *ReplacementsChangedError
	if !errors.As(err, &changed) || changed.Sent != 1 || changed.Known != 0 || !errors.Is(err, app.ErrInvalidInput) {
		t.Fatalf("second send: %v", err)
	}
	if got := balanceOf(t, s, "MUG-11", wh.ID); got != 9 {
		t.Errorf("warehouse holds %d mugs after a refused second send, want 9", got)
	}
	// Knowing about the first, the rep sends a second one.
	send.Known = 1
	if _, err := s.SendCaseReplacement(ctx, send); err != nil {
		t.Fatal(err)
	}
	if ms, _ := s.CaseMovements(ctx, c.ID); len(ms) != 2 {
		t.Errorf("%d replacements, want 2", len(ms))
	}
}

func TestSendCaseReplacementRollsBackWhole(t *testing.T) {
	s, c, wh := replacementCase(t)
	ctx := context.Background()
	noSKU, err := s.CreateCase(ctx, app.Case{Type: app.CaseLostParcel, Channel: app.ChannelChat, Created: invNow}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		r     CaseReplacement
		field string
	}{
		{"no such location", CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: app.NewID(), Qty: 1, Day: ymd(2026, 12, 1), CaseID: c.ID}}, "location"},
		{"no units", CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Day: ymd(2026, 12, 1), CaseID: c.ID}}, "qty"},
		{"no day", CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Qty: 1, CaseID: c.ID}}, "day"},
		{"no SKU on the case or the form", CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Qty: 1, Day: ymd(2026, 12, 1), CaseID: noSKU.ID}}, "sku"},
		// The movement is valid, the parcel is not: the movement goes too.
		{"too many for a parcel", CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Qty: app.MaxOrderQuantity + 1, Day: ymd(2026, 12, 1), CaseID: c.ID}}, "quantity"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := rowCount(t, s, "stock_movement") + rowCount(t, s, "service_order") + rowCount(t, s, "case_entry")
			_, err := s.SendCaseReplacement(ctx, tt.r)
			var fe *app.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("got %v, want a problem with %s", err, tt.field)
			}
			if after := rowCount(t, s, "stock_movement") + rowCount(t, s, "service_order") + rowCount(t, s, "case_entry"); after != before {
				t.Errorf("%d rows written by a refused send", after-before)
			}
		})
	}
	if _, err := s.SendCaseReplacement(ctx, CaseReplacement{ReplacementSent: app.ReplacementSent{LocationID: wh.ID, Qty: 1,
		Day: ymd(2026, 12, 1), CaseID: app.NewID()}}); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("a replacement for no case: %v", err)
	}
}

func TestShippedAtFollowsTheDaySent(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC) // 18:00 in Shanghai
	for _, tt := range []struct {
		day  app.Date
		want time.Time
	}{
		{ymd(2026, 12, 1), now},
		{ymd(2026, 12, 2), now},
		// Sent yesterday, recorded today: noon of that day in the office,
		// 2026-11-30 12:00 +08:00 = 04:00 UTC.
		{ymd(2026, 11, 30), time.Date(2026, 11, 30, 4, 0, 0, 0, time.UTC)},
	} {
		if got := shippedAt(tt.day, now, shanghaiLoc); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.day, got, tt.want)
		}
	}
}

// returnsOf imports the returns fixture and lists MUG-11's returns.
func returnsOf(t *testing.T, s *Store) []FBAReturn {
	t.Helper()
	if _, err := importFixture(t, s, "fba_returns.txt", ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rs, err := s.SKUReturns(context.Background(), "MUG-11")
	if err != nil || len(rs) == 0 {
		t.Fatalf("MUG-11 returns %+v %v", rs, err)
	}
	return rs
}

func TestOpenReturnCase(t *testing.T) {
	s := openInv(t)
	ctx := context.Background()
	me, err := s.CreatePerson(ctx, app.Person{Name: "Lily", Role: app.RoleService, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	rs := returnsOf(t, s)
	r := rs[0]
	if r.CaseID != "" {
		t.Fatalf("a return has a case before one was opened: %+v", r)
	}
	c, created, err := s.OpenReturnCase(ctx, r.ID, me.ID)
	if err != nil || !created {
		t.Fatalf("%v %v", created, err)
	}
	if c.ID != ReturnCaseID(r.ID) || c.Type != app.CaseReturnRefund || c.SKU != "MUG-11" || c.OrderID != r.OrderID ||
		c.Marketplace != "US" || c.OwnerID != me.ID || c.Status != app.CaseNew || !strings.Contains(c.Summary, r.Reason) {
		t.Errorf("case %+v from return %+v", c, r)
	}
	tl, err := s.Timeline(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var msg string
	for _, e := range tl {
		if e.Kind == app.EntryMessageIn {
			msg = e.Body
		}
	}
	for _, want := range []string{r.Reason, r.Comments, r.OrderID, r.Disposition} {
		if !strings.Contains(msg, want) {
			t.Errorf("the first message %q lacks %q", msg, want)
		}
	}
	// Opened again: the same case, nothing added.
	entries := rowCount(t, s, "case_entry")
	again, created, err := s.OpenReturnCase(ctx, r.ID, "")
	if err != nil || created || again.ID != c.ID || again.OwnerID != me.ID {
		t.Errorf("opened again: %+v %v %v", again, created, err)
	}
	if rowCount(t, s, "case_entry") != entries || rowCount(t, s, "service_case") != 1 {
		t.Error("opening the case again wrote something")
	}
	// The SKU's returns show the case.
	rs, err = s.SKUReturns(ctx, "MUG-11")
	if err != nil || rs[0].CaseID != c.ID {
		t.Errorf("%+v %v", rs, err)
	}
	// Deleted by mistake, the case comes back when opened from the return.
	if err := s.DeleteCase(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if rs, _ = s.SKUReturns(ctx, "MUG-11"); rs[0].CaseID != "" {
		t.Errorf("a deleted case still shows: %+v", rs[0])
	}
	back, created, err := s.OpenReturnCase(ctx, r.ID, me.ID)
	if err != nil || !created || back.ID != c.ID {
		t.Errorf("reopened: %+v %v %v", back, created, err)
	}
	if _, _, err := s.OpenReturnCase(ctx, app.NewID(), ""); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("a case for no return: %v", err)
	}
}

// Two desks open a case for the same return before they sync: the case
// id is the same, so the merge makes one case.
func TestOpenReturnCaseSameIDOnEveryDesk(t *testing.T) {
	a, b := openInv(t), openInv(t)
	ra, rb := returnsOf(t, a), returnsOf(t, b)
	if ra[0].ID != rb[0].ID {
		t.Fatalf("the desks imported the return with different ids: %s %s", ra[0].ID, rb[0].ID)
	}
	ca, _, err := a.OpenReturnCase(context.Background(), ra[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	cb, _, err := b.OpenReturnCase(context.Background(), rb[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if ca.ID != cb.ID {
		t.Errorf("two cases for one return: %s %s", ca.ID, cb.ID)
	}
}

// The weekly statistics count the returns of the FBA returns report,
// whether or not a case was opened for them.
func TestServiceStatsCountFBAReturns(t *testing.T) {
	s := openInv(t)
	returnsOf(t, s) // MUG-11 returned 26 November, TOWEL-22 23 November
	for _, tt := range []struct {
		from, to app.Date
		want     []ReturnCount
	}{
		{ymd(2026, 11, 23), ymd(2026, 11, 29), []ReturnCount{
			{SKU: "MUG-11", Reason: "DAMAGED_BY_CARRIER", Units: 1, Returns: 1},
			{SKU: "TOWEL-22", Reason: "NOT_AS_DESCRIBED", Units: 1, Returns: 1}}},
		{ymd(2026, 11, 24), ymd(2026, 11, 30), []ReturnCount{{SKU: "MUG-11", Reason: "DAMAGED_BY_CARRIER", Units: 1, Returns: 1}}},
		{ymd(2026, 11, 27), ymd(2026, 12, 3), nil},
	} {
		st, err := s.ServiceStats(context.Background(), tt.from, tt.to, invNow)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(st.FBAReturns) != fmt.Sprint(tt.want) {
			t.Errorf("%s..%s: %+v, want %+v", tt.from, tt.to, st.FBAReturns, tt.want)
		}
	}
}

// Returns added without a file (the demo) get the ids importing the
// report gives them, so a case opened from one is the same case.
func TestAddFBAReturnsSameIDsAsImport(t *testing.T) {
	a, b := openInv(t), openInv(t)
	imported := returnsOf(t, a)[0]
	n, err := b.AddFBAReturns(context.Background(), []ReturnLine{{ReturnedAt: time.Date(2026, 11, 26, 10, 12, 0, 0, time.UTC),
		Day: ymd(2026, 11, 26), Marketplace: "US", OrderID: "113-0000004-4000004", SKU: "MUG-11", Qty: 1,
		Disposition: "CUSTOMER_DAMAGED", Reason: "DAMAGED_BY_CARRIER", LicensePlate: "LPNRR0000001", Comments: "arrived dented"}})
	if err != nil || n != 1 {
		t.Fatalf("%d %v", n, err)
	}
	added, err := b.SKUReturns(context.Background(), "MUG-11")
	if err != nil || len(added) != 1 || added[0].ID != imported.ID {
		t.Errorf("added %+v, imported %+v (%v)", added, imported, err)
	}
}
