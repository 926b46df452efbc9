package bundle

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// The service area in the random office: cases created, edited (status,
// owner, buyer, summary, priority) and deleted on every desk, timeline
// entries added, the same built-in reply edited in several languages, the
// SLA targets and the office calendar changed, orders to follow up made
// and done. Once converged, every desk holds every entry, and shows every
// case with the same SLA standing and finds the same cases by search:
// the local, derived SLA columns and full-text indexes followed the
// merges. Where service meets inventory, two desks at once send a
// replacement for the same case (both units leave stock: two movements
// everywhere) and open a case from the same FBA return (its derived id
// makes one case everywhere).
func init() {
	areaSteps = append(areaSteps, serviceStep)
	areaChecks = append(areaChecks, serviceCheck)
}

// Few values, so that desks write the same fields at once.
var (
	svcBuyers   = []string{"Ann Lee", "王芳", "Jonas Müller", "佐藤 花子"}
	svcSummary  = []string{"dented mug", "杯子压坏", "lost parcel", "wrong colour"}
	svcStatuses = app.CaseStatuses()
	svcLangs    = []string{"en", "de", "zh"}
	// svcReturns are the FBA returns both desks import (the same report):
	// the same rows everywhere.
	svcReturns = []data.ReturnLine{
		{ReturnedAt: time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC), Day: app.NewDate(2025, 6, 2), Marketplace: "US",
			OrderID: "114-0000000-0000001", SKU: "MUG", Qty: 1, Reason: "DEFECTIVE", LicensePlate: "LPN1", Comments: "handle broke"},
		{ReturnedAt: time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC), Day: app.NewDate(2025, 6, 3), Marketplace: "US",
			OrderID: "114-0000000-0000002", SKU: "CUP", Qty: 2, Reason: "NOT_AS_DESCRIBED", LicensePlate: "LPN2"},
	}
)

// otherDesk picks a desk other than i.
func (s *sim) otherDesk(i int) int {
	return (i + 1 + s.rnd.IntN(len(s.desks)-1)) % len(s.desks)
}

// noteArea remembers an append row made (table -> id), checked by
// serviceCheck.
func (s *sim) noteArea(table, id string) {
	if s.area[table] == nil {
		s.area[table] = map[string]bool{}
	}
	s.area[table][id] = true
}

// sendOnTwoDesks sends a replacement for one case from desk i and,
// before they sync, from another desk that has the case too.
func sendOnTwoDesks(s *sim, i int, id string) error {
	for _, k := range []int{i, s.otherDesk(i)} {
		d := s.desks[k]
		if _, err := d.Case(s.ctx, id); err != nil {
			continue // not here yet, or deleted here
		}
		fba, err := d.EnsureLocation(s.ctx, data.FBALocation("US"))
		if err != nil {
			return err
		}
		known, err := d.CaseMovements(s.ctx, id)
		if err != nil {
			return err
		}
		res, err := d.SendCaseReplacement(s.ctx, data.CaseReplacement{ReplacementSent: app.ReplacementSent{SKU: "MUG",
			LocationID: fba.ID, Qty: 1, Day: app.DateOf(time.Now(), nil), CaseID: id}, Tracking: "SF2", Known: len(known)})
		s.logf("desk %d sends a replacement for case %s: %v", k, id[:8], err)
		if err != nil {
			return err
		}
		s.noteArea("stock_movement", res.Movement.ID)
		s.noteArea("case_entry", res.Entry.ID)
	}
	return nil
}

// openOnTwoDesks: desk i and another import the same return and open a
// case from it before they sync.
func openOnTwoDesks(s *sim, i int) error {
	r := svcReturns[s.rnd.IntN(len(svcReturns))]
	for _, k := range []int{i, s.otherDesk(i)} {
		d := s.desks[k]
		if _, err := d.AddFBAReturns(s.ctx, []data.ReturnLine{r}); err != nil {
			return err
		}
		rs, err := d.SKUReturns(s.ctx, r.SKU)
		if err != nil || len(rs) != 1 {
			return fmt.Errorf("desk %d: returns of %s %+v: %w", k, r.SKU, rs, err)
		}
		c, created, err := d.OpenReturnCase(s.ctx, rs[0].ID, "")
		s.logf("desk %d opens case %s from return %s (new %v): %v", k, c.ID, r.OrderID, created, err)
		if err != nil {
			return err
		}
		s.noteArea("return_case", c.ID)
	}
	return nil
}

func serviceStep(s *sim, i int, d *data.Store) error {
	ctx := s.ctx
	pick := func(xs []string) string { return xs[s.rnd.IntN(len(xs))] }
	ids := s.liveIDs(d, "service_case")
	switch op := s.rnd.IntN(22); {
	case op == 20 && len(ids) > 0:
		return sendOnTwoDesks(s, i, s.pick(ids))
	case op == 21:
		return openOnTwoDesks(s, i)
	case op < 4 || len(ids) == 0:
		c, err := d.CreateCase(ctx, app.Case{Type: app.CaseTypes()[s.rnd.IntN(len(app.CaseTypes()))], Channel: app.ChannelChat,
			Customer: pick(svcBuyers), Summary: pick(svcSummary), OrderID: fmt.Sprintf("113-%07d-0000001", s.rnd.IntN(4)),
			Created: time.Now().Add(-time.Duration(s.rnd.IntN(48)) * time.Hour)}, "hello "+pick(svcBuyers))
		s.logf("desk %d creates case %s: %v", i, c.ID, err)
		return err
	case op < 10:
		id := s.pick(ids)
		c, err := d.Case(ctx, id)
		if err != nil {
			return err
		}
		switch s.rnd.IntN(5) {
		case 0:
			c.Status = svcStatuses[s.rnd.IntN(len(svcStatuses))]
			if c.Status.Done() && (c.Resolution == "" || s.rnd.IntN(2) == 0) {
				c.Resolution = app.Resolutions()[s.rnd.IntN(len(app.Resolutions()))]
			}
		case 1:
			c.OwnerID = s.pick(append(s.liveIDs(d, "person"), ""))
		case 2:
			c.Customer = pick(svcBuyers)
		case 3:
			c.Summary = pick(svcSummary)
		default:
			c.Priority = app.Priorities()[s.rnd.IntN(len(app.Priorities()))]
		}
		_, err = d.UpdateCase(ctx, c)
		s.logf("desk %d edits case %s: %v", i, id[:8], err)
		return err
	case op < 14:
		kind := app.EntryMessageOut
		if s.rnd.IntN(2) == 0 {
			kind = app.EntryNote
		}
		e, err := d.AddEntry(ctx, app.Entry{CaseID: s.pick(ids), Kind: kind, Body: "reply " + pick(svcBuyers)})
		if err == nil {
			if s.area["case_entry"] == nil {
				s.area["case_entry"] = map[string]bool{}
			}
			s.area["case_entry"][e.ID] = true
		}
		s.logf("desk %d adds entry %s: %v", i, e.ID, err)
		return err
	case op < 15:
		id := s.pick(ids)
		err := d.DeleteCase(ctx, id)
		s.logf("desk %d deletes case %s: %v", i, id[:8], err)
		return err
	case op < 17:
		base, err := d.ReplyTemplate(ctx, data.BuiltinReplyID(app.ReplyDelayApology))
		if err != nil {
			return err
		}
		edited := base
		edited.Texts = maps.Clone(base.Texts)
		lang := pick(svcLangs)
		edited.Texts[lang] = fmt.Sprintf("text %d for {customer}", s.rnd.IntN(3))
		_, err = d.SaveReplyTemplate(ctx, base, edited)
		s.logf("desk %d edits the %s reply: %v", i, lang, err)
		return err
	case op < 18:
		cfg, err := d.ServiceConfig(ctx)
		if err != nil {
			return err
		}
		edited := app.SLAPolicy{Channels: maps.Clone(cfg.Policy.Channels), DueSoon: cfg.Policy.DueSoon}
		edited.Channels[app.ChannelChat] = app.ChannelSLA{FirstResponse: app.OfficeHours(float64(1 + s.rnd.IntN(3))),
			Resolution: edited.Channels[app.ChannelChat].Resolution}
		err = d.SaveSLAPolicy(ctx, cfg.Policy, edited)
		s.logf("desk %d edits the chat target: %v", i, err)
		return err
	case op < 19:
		cfg, err := d.ServiceConfig(ctx)
		if err != nil {
			return err
		}
		edited := cfg.Office
		day := app.DateOf(time.Now(), nil).AddDays(-s.rnd.IntN(3))
		if slices.Contains(edited.Holidays, day) {
			edited.Holidays = slices.DeleteFunc(slices.Clone(edited.Holidays), func(x app.Date) bool { return x == day })
		} else {
			edited.Holidays = append(slices.Clone(edited.Holidays), day)
		}
		err = d.SaveOffice(ctx, cfg.Office, edited)
		s.logf("desk %d toggles holiday %s: %v", i, day, err)
		return err
	default:
		f, err := d.FollowUps(ctx, time.Now())
		if err != nil {
			return err
		}
		if all := f.All(); len(all) > 0 {
			item := all[s.rnd.IntN(len(all))]
			err = d.DoFollowUp(ctx, item, "")
			s.logf("desk %d does follow-up %s %s: %v", i, item.Kind, item.Ref[:8], err)
			return err
		}
		o, err := d.CreateServiceOrder(ctx, app.ServiceOrder{CaseID: s.pick(ids), Tracking: "SF1", ShippedAt: time.Now()})
		s.logf("desk %d creates order %s: %v", i, o.ID, err)
		return err
	}
}

// serviceCheck: every entry made anywhere is on every desk, and every
// desk shows the same SLA standing and search results.
func serviceCheck(s *sim, _ string) {
	s.tb.Logf("service: %d timeline entries, %d replacements sent, %d return cases opened", len(s.area["case_entry"]),
		len(s.area["stock_movement"]), len(s.area["return_case"]))
	for i, d := range s.desks {
		have := map[string]bool{}
		for _, id := range s.liveIDs(d, "case_entry") {
			have[id] = true
		}
		for id := range s.area["case_entry"] {
			if !have[id] {
				s.fail("desk %d lacks timeline entry %s", i, id)
			}
		}
		// Every replacement sent anywhere left stock on every desk: two
		// desks sending for one case at once sent two units.
		moved := map[string]bool{}
		for _, id := range s.liveIDs(d, "stock_movement") {
			moved[id] = true
		}
		for id := range s.area["stock_movement"] {
			if !moved[id] {
				s.fail("desk %d lacks replacement movement %s", i, id)
			}
		}
		// One case per return, however many desks opened it.
		perOrder := map[string]int{}
		for _, id := range s.liveIDs(d, "service_case") {
			c, err := d.Case(s.ctx, id)
			if err != nil {
				s.tb.Fatal(err)
			}
			perOrder[c.OrderID]++
		}
		for _, r := range svcReturns {
			if perOrder[r.OrderID] > 1 {
				s.fail("desk %d has %d cases for the return of order %s", i, perOrder[r.OrderID], r.OrderID)
			}
		}
		for id := range s.area["return_case"] {
			if _, err := d.Case(s.ctx, id); err != nil && !deletedCase(s, d, id) {
				s.fail("desk %d lacks the case %s opened from a return: %v", i, id, err)
			}
		}
	}
	view := func(d *data.Store) string {
		items, _, err := d.ListCases(s.ctx, app.ListQuery{Limit: app.MaxListLimit})
		if err != nil {
			s.tb.Fatal(err)
		}
		// Cases created in the same minute (two returns' cases opened at
		// once) tie in the list's order, which breaks ties by each desk's
		// own row numbers: what is compared is what each desk shows, in
		// the order of the ids.
		var lines []string
		for _, it := range items {
			// Running, late and due soon differ only by when one looks.
			state := it.SLA
			if state == app.SLALate || state == app.SLADueSoon || state == app.SLAOK {
				state = "running"
			}
			lines = append(lines, fmt.Sprintf("%s %s %s %s", it.ID, state, it.Due.Format(time.RFC3339), it.FirstResponse.Format(time.RFC3339)))
		}
		for _, q := range append(append([]string{"hello", "reply", "0000001"}, svcBuyers...), svcSummary...) {
			found, total, err := d.ListCases(s.ctx, app.ListQuery{Search: q, Limit: app.MaxListLimit})
			if err != nil {
				s.tb.Fatal(err)
			}
			ids := make([]string, len(found))
			for k, it := range found {
				ids[k] = it.ID
			}
			slices.Sort(ids)
			lines = append(lines, fmt.Sprintf("search %q: %d %s", q, total, strings.Join(ids, " ")))
		}
		slices.Sort(lines)
		return strings.Join(lines, "\n")
	}
	ref := view(s.desks[0])
	for i, d := range s.desks[1:] {
		if got := view(d); got != ref {
			s.fail("desk %d shows the cases otherwise than desk 0:\n%s\n---\n%s", i+1, got, ref)
		}
	}
}

// deletedCase reports whether case id is here as a tombstone (a desk
// deleted it).
func deletedCase(s *sim, d *data.Store, id string) bool {
	found := false
	_, err := d.ScanSyncRows(s.ctx, data.SyncScan{Full: true, Tables: []string{"service_case"}}, func(_ data.SyncTable, r data.SyncRow) error {
		found = found || r.ID == id && r.Deleted
		return nil
	})
	if err != nil {
		s.tb.Fatal(err)
	}
	return found
}

// Two desks, offline, both send a replacement for the same case and both
// open a case from the same FBA return; once they synced, each holds one
// case for the return and both replacements (the ledger counts both
// units), and their data is the same.
func TestServiceLinksOnTwoDesksAtOnce(t *testing.T) {
	s := newSim(t, 7, 2)
	c, err := s.desks[0].CreateCase(s.ctx, app.Case{Type: app.CaseDamagedInTransit, Channel: app.ChannelChat, Customer: "Ann Lee",
		SKU: "MUG", Resolution: app.ResolveReplacement, Created: time.Now().Add(-time.Hour)}, "dented")
	if err != nil {
		t.Fatal(err)
	}
	s.settle()
	// otherDesk of 0 is 1 with two desks: both act before syncing.
	if err := sendOnTwoDesks(s, 0, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := openOnTwoDesks(s, 0); err != nil {
		t.Fatal(err)
	}
	if len(s.area["stock_movement"]) != 2 || len(s.area["return_case"]) != 1 {
		t.Fatalf("made %d replacements and %d return cases, want 2 and 1", len(s.area["stock_movement"]), len(s.area["return_case"]))
	}
	s.settle()
	s.check()
	for i, d := range s.desks {
		ms, err := d.CaseMovements(s.ctx, c.ID)
		if err != nil || len(ms) != 2 {
			t.Errorf("desk %d: %d replacements for the case (%v), want both desks' 2", i, len(ms), err)
		}
		_, total, err := d.ListCases(s.ctx, app.ListQuery{Filters: map[string]string{app.CaseFilterType: string(app.CaseReturnRefund)}})
		if err != nil || total != 1 {
			t.Errorf("desk %d: %d return cases (%v), want 1", i, total, err)
		}
	}
}
