package bundle

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// simDays are the office days the SOP part of the simulation works on:
// desks generate the checklist entries of these days, often the same day
// on several desks before they have synced.
var simDays = []app.Date{app.NewDate(2024, 3, 4), app.NewDate(2024, 3, 5), app.NewDate(2024, 3, 6)}

// editSOP makes one SOP change on desk i: templates created and edited
// (new versions), runs started, steps moved along and handed over with
// values recorded, checklist items created, entries generated and done,
// reviews written; the SOP issue's synced tables.
func (s *sim) editSOP(i int, d *data.Store) error {
	ctx := s.ctx
	cal := app.MustDefaultCalendar()
	people := s.liveIDs(d, "person")
	if len(people) == 0 {
		return nil
	}
	who := func() string { return s.pick(people) }
	var err error
	switch op := s.rnd.IntN(10); op {
	case 0:
		// Few names: two desks make the same template at once.
		t := app.Template{Name: fmt.Sprintf("tpl %d", s.rnd.IntN(3)), Body: app.TemplateBody{Stages: []app.Stage{
			{Key: "a", Title: "选品", Steps: []app.Step{{Key: "s1", Title: "调研", Days: 1 + s.rnd.IntN(3)},
				{Key: "s2", Title: "核算", Days: 1, Fields: []app.FormField{{Key: "price", Label: "售价", Type: app.FieldMoney, Currency: "USD", Required: true}}}}},
		}}}
		t, err = d.CreateTemplate(ctx, t)
		s.logf("desk %d creates template %q: %v", i, t.Name, err)
	case 1:
		id := s.pick(s.liveIDs(d, "sop_template"))
		if id == "" {
			return nil
		}
		t, err := d.Template(ctx, id)
		if err != nil || t.Version == 0 {
			return err // Version 0: its content has not arrived yet
		}
		if s.rnd.IntN(2) == 0 {
			t.Description = fmt.Sprintf("note %d", s.rnd.IntN(4))
		} else {
			t.Body.Stages[0].Steps[0].Days = 1 + s.rnd.IntN(4)
		}
		_, err = d.SaveTemplate(ctx, t)
		s.logf("desk %d edits template %s: %v", i, id[:8], err)
		return err
	case 2:
		id := s.pick(s.liveIDs(d, "sop_template"))
		if id == "" {
			return nil
		}
		t, err := d.Template(ctx, id)
		if err != nil || t.Archived {
			return err
		}
		v, err := d.TemplateVersion(ctx, t.VersionID)
		if errors.Is(err, app.ErrNotFound) {
			return nil // the version has not arrived here yet
		} else if err != nil {
			return err
		}
		p := app.PlanRun(cal, t.ID, v, simDays[0], func(app.Role) string { return who() })
		p.Title, p.SKU = fmt.Sprintf("run %d", s.rnd.IntN(100)), "MUG"
		r, err := d.StartRun(ctx, p)
		s.logf("desk %d starts run %q: %v", i, r.ID, err)
		return err
	case 3, 4:
		id := s.pick(s.liveIDs(d, "sop_step"))
		if id == "" {
			return nil
		}
		c := app.StepChange{}
		vals := map[string]app.Value{}
		switch s.rnd.IntN(4) {
		case 0:
			c.OwnerID, c.HandOffNote = who(), "交接"
		case 1:
			c.Status, c.Reason = app.StepBlocked, "等报价"
		case 2:
			c.Status = app.StepDoing
		default:
			c.Status = app.StepDone
			v, _ := app.ParseValue(app.FormField{Key: "price", Type: app.FieldMoney, Currency: "USD"}, fmt.Sprintf("%d.99", 9+s.rnd.IntN(3)))
			vals["price"] = v
		}
		_, err = d.SaveStep(ctx, id, simDays[s.rnd.IntN(len(simDays))], c, vals)
		s.logf("desk %d changes step %s %+v: %v", i, id[:8], c, err)
		if errors.Is(err, app.ErrNotFound) {
			return nil // its run or template version has not arrived yet
		}
		return err
	case 5:
		it, err := d.SaveChecklistItem(ctx, app.ChecklistItem{Title: fmt.Sprintf("item %d", s.rnd.IntN(5)), OwnerID: who(),
			Schedule: app.Schedule{Kind: app.ScheduleWorkdays},
			Fields:   []app.FormField{{Key: "rank", Label: "排名", Type: app.FieldNumber, Required: true}}}, simDays[0])
		s.logf("desk %d creates checklist item %s: %v", i, it.ID, err)
		return err
	case 6, 7:
		day := simDays[s.rnd.IntN(len(simDays))]
		n, err := d.GenerateChecklist(ctx, cal, day)
		s.logf("desk %d generates %s: %d, %v", i, day, n, err)
		return err
	case 8:
		id := s.pick(s.liveIDs(d, "checklist_entry"))
		if id == "" {
			return nil
		}
		c := data.EntryChange{Status: app.EntryDone}
		if s.rnd.IntN(3) == 0 {
			c = data.EntryChange{Status: app.EntrySkipped, Reason: "请假"}
		} else {
			v, _ := app.ParseValue(app.FormField{Key: "rank", Type: app.FieldNumber}, fmt.Sprint(1+s.rnd.IntN(30)))
			c.Values = map[string]app.Value{"rank": v}
		}
		_, err = d.SaveChecklistEntry(ctx, id, c)
		s.logf("desk %d saves entry %s: %v", i, id[:8], err)
		if errors.Is(err, app.ErrNotFound) {
			return nil // its item was deleted or has not arrived yet
		}
		return err
	default:
		r := app.NewReview(simDays[0])
		r.Metric, r.Action, r.OwnerID = "CVR", fmt.Sprintf("action %d", s.rnd.IntN(4)), who()
		if id := s.pick(s.liveIDs(d, "review")); id != "" && s.rnd.IntN(2) == 0 {
			if r, err = d.Review(ctx, id); err != nil {
				return err
			}
			r.Result, r.Why = fmt.Sprintf("result %d", s.rnd.IntN(3)), "why"
		}
		_, err = d.SaveReview(ctx, r)
		s.logf("desk %d saves review: %v", i, err)
		if errors.Is(err, app.ErrNotFound) {
			return nil
		}
	}
	return err
}

// stepSOP is a step of an office busy with SOP work: mostly SOP changes,
// some new people, bundles sent and received.
func (s *sim) stepSOP() {
	i := s.rnd.IntN(len(s.desks))
	d := s.desks[i]
	var err error
	switch op := s.rnd.IntN(100); {
	case op < 55:
		err = s.editSOP(i, d)
	case op < 62:
		_, err = d.CreatePerson(s.ctx, app.Person{Name: fmt.Sprintf("p%d", s.rnd.IntN(6)), Role: app.RoleOperations, Active: true})
		s.logf("desk %d creates a person: %v", i, err)
	case op < 85:
		if j := s.rnd.IntN(len(s.desks)); j != i {
			s.send(i, j, s.rnd.IntN(5) == 0)
		}
	default:
		s.receive(i)
	}
	var fe *app.FieldError
	if err != nil && !errors.As(err, &fe) {
		s.tb.Fatalf("desk %d: %v", i, err)
	}
}

// TestConvergenceSOP runs offices busy with SOP work for a while (more
// with OPSBENCH_CONVERGENCE_SECONDS): templates, runs, hand-offs, values,
// checklist entries generated on several desks for the same days, reviews.
// Every desk ends with the same data, nothing lost silently, and one
// entry per item and day.
func TestConvergenceSOP(t *testing.T) {
	budget := 2 * time.Second
	if v, err := strconv.Atoi(os.Getenv("OPSBENCH_CONVERGENCE_SECONDS")); err == nil && v > 0 {
		budget = time.Duration(v) * time.Second
	}
	start := time.Now()
	seeds := 0
	for seed := uint64(1); seeds < 3 || time.Since(start) < budget; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			s := newSim(t, seed, 3)
			// Each desk starts with someone to give work to and an item
			// of its own; entries of the same item and day are then made
			// on several desks once the items have travelled.
			for i, d := range s.desks {
				p, err := d.CreatePerson(s.ctx, app.Person{Name: fmt.Sprintf("desk %d person", i), Role: app.RoleOperations, Active: true})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := d.SaveChecklistItem(s.ctx, app.ChecklistItem{Title: fmt.Sprintf("desk %d item", i), OwnerID: p.ID,
					Schedule: app.Schedule{Kind: app.ScheduleWorkdays}}, simDays[0]); err != nil {
					t.Fatal(err)
				}
			}
			for i := 0; i < 150; i++ {
				s.stepSOP()
			}
			s.settle()
			s.check()
			s.oneEntryPerItemAndDay()
		})
		seeds++
		if t.Failed() {
			return
		}
	}
	t.Logf("%d seeds in %s", seeds, time.Since(start).Round(time.Millisecond))
}

// oneEntryPerItemAndDay checks that every checklist entry has the id its
// item and day make, so no item has two entries for one day.
func (s *sim) oneEntryPerItemAndDay() {
	entries, total, err := s.desks[0].ListChecklistEntries(s.ctx, app.ListQuery{Limit: app.MaxListLimit})
	if err != nil {
		s.tb.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		k := e.ItemID + "/" + e.Day.String()
		if seen[k] || e.ID != app.ChecklistInstanceID(e.ItemID, e.Day) {
			s.fail("entry %s: item %s day %s seen twice or with a foreign id", e.ID, e.ItemID, e.Day)
		}
		seen[k] = true
	}
	s.tb.Logf("%d checklist entries", total)
}
