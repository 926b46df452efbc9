package bundle

import (
	"fmt"
	"maps"
	"slices"
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
// merges.
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
)

func serviceStep(s *sim, i int, d *data.Store) error {
	ctx := s.ctx
	pick := func(xs []string) string { return xs[s.rnd.IntN(len(xs))] }
	ids := s.liveIDs(d, "service_case")
	switch op := s.rnd.IntN(20); {
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
	}
	view := func(d *data.Store) string {
		items, _, err := d.ListCases(s.ctx, app.ListQuery{Limit: app.MaxListLimit})
		if err != nil {
			s.tb.Fatal(err)
		}
		out := ""
		for _, it := range items {
			// Running, late and due soon differ only by when one looks.
			state := it.SLA
			if state == app.SLALate || state == app.SLADueSoon || state == app.SLAOK {
				state = "running"
			}
			out += fmt.Sprintf("%s %s %s %s\n", it.ID, state, it.Due.Format(time.RFC3339), it.FirstResponse.Format(time.RFC3339))
		}
		for _, q := range append(append([]string{"hello", "reply", "0000001"}, svcBuyers...), svcSummary...) {
			found, total, err := d.ListCases(s.ctx, app.ListQuery{Search: q, Limit: app.MaxListLimit})
			if err != nil {
				s.tb.Fatal(err)
			}
			out += fmt.Sprintf("search %q: %d", q, total)
			for _, it := range found {
				out += " " + it.ID
			}
			out += "\n"
		}
		return out
	}
	ref := view(s.desks[0])
	for i, d := range s.desks[1:] {
		if got := view(d); got != ref {
			s.fail("desk %d shows the cases otherwise than desk 0:\n%s\n---\n%s", i+1, got, ref)
		}
	}
}
