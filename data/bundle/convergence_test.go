package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// sim is a random office: desks editing offline and exchanging bundles
// through mailboxes that lose, repeat and reorder them.
type sim struct {
	tb      testing.TB
	ctx     context.Context
	rnd     *rand.Rand
	desks   []*data.Store
	dir     string
	inbox   [][]string // per desk: bundles waiting to be imported
	dropped [][]string // per desk: bundles lost on the way, delivered again at the end
	files   int
	appends map[string]bool // every movement entry made anywhere
	log     []string        // what happened, for a failure message
	// area holds the areas' own bookkeeping (their steps' files): table ->
	// ids of the append entries made anywhere.
	area map[string]map[string]bool
}

// areaSteps are the areas' own edits of their tables, and areaChecks
// what each checks once the desks converged (given desk 0's dump); each
// area registers its pair in convergence_<area>_test.go.
var (
	areaSteps  []func(s *sim, i int, d *data.Store) error
	areaChecks []func(s *sim, ref string)
)

func newSim(tb testing.TB, seed uint64, n int) *sim {
	s := &sim{tb: tb, ctx: context.Background(), rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		dir: tb.TempDir(), appends: map[string]bool{}, area: map[string]map[string]bool{}}
	for i := 0; i < n; i++ {
		s.desks = append(s.desks, newDesk(tb, fmt.Sprintf("desk %d", i), true))
	}
	s.inbox = make([][]string, n)
	s.dropped = make([][]string, n)
	return s
}

func (s *sim) logf(format string, args ...any) { s.log = append(s.log, fmt.Sprintf(format, args...)) }

// liveIDs lists the ids of the live rows of table on desk d.
func (s *sim) liveIDs(d *data.Store, table string) []string {
	var ids []string
	_, err := d.ScanSyncRows(s.ctx, data.SyncScan{Full: true, Tables: []string{table}}, func(_ data.SyncTable, r data.SyncRow) error {
		if !r.Deleted {
			ids = append(ids, r.ID)
		}
		return nil
	})
	if err != nil {
		s.tb.Fatal(err)
	}
	return ids
}

func (s *sim) pick(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[s.rnd.IntN(len(ids))]
}

// lastEdited makes concurrent edits of the same field likely.
var simNames = []string{"杯子", "mug", "Tasse", "茶杯", "cup"}

func (s *sim) step() {
	i := s.rnd.IntN(len(s.desks))
	d := s.desks[i]
	ctx := s.ctx
	var err error
	if n := len(areaSteps); n > 0 && s.rnd.IntN(4) == 0 {
		if err := areaSteps[s.rnd.IntN(n)](s, i, d); err != nil && !errors.As(err, new(*app.FieldError)) {
			s.fail("desk %d: %v", i, err)
		}
		return
	}
	switch op := s.rnd.IntN(112); {
	case op >= 100:
		err = s.editInventory(i, d)
	case op < 10:
		// Few names: desks create the same name at once (王芳 on two desks).
		_, err = d.CreatePerson(ctx, app.Person{Name: fmt.Sprintf("p%d", s.rnd.IntN(6)), Role: app.RoleOperations, Active: true})
		s.logf("desk %d creates a person: %v", i, err)
	case op < 22:
		id := s.pick(s.liveIDs(d, "person"))
		if id == "" {
			return
		}
		p, _ := d.Person(ctx, id)
		rename := false
		switch s.rnd.IntN(3) {
		case 0:
			p.Name, rename = fmt.Sprintf("p%d", s.rnd.IntN(6)), true
		case 1:
			p.Role = app.Roles()[s.rnd.IntN(len(app.Roles()))]
		default:
			p.Active = !p.Active
		}
		err = d.UpdatePerson(ctx, p)
		s.logf("desk %d edits person %s: %v", i, id[:8], err)
		if err != nil && !rename {
			s.fail("editing a person without renaming failed (a merged same name must stay editable): %v", err)
		}
	case op < 26:
		id := s.pick(s.liveIDs(d, "person"))
		if id == "" {
			return
		}
		err = d.DeletePerson(ctx, id)
		s.logf("desk %d deletes person %s: %v", i, id[:8], err)
	case op < 34:
		id := app.NewID()
		err = d.EditRecord(ctx, "gadget", id, map[string]any{"name": simNames[s.rnd.IntN(len(simNames))], "qty": s.rnd.IntN(50),
			"price": float64(s.rnd.IntN(1000)) / 4, "note": nil, "photo": []byte{byte(s.rnd.IntN(256))}})
		s.logf("desk %d creates gadget %s: %v", i, id[:8], err)
	case op < 56:
		id := s.pick(s.liveIDs(d, "gadget"))
		if id == "" {
			return
		}
		fields := map[string]any{}
		for _, f := range []string{"name", "qty", "price", "note", "photo"} {
			if s.rnd.IntN(3) == 0 {
				switch f {
				case "name":
					fields[f] = simNames[s.rnd.IntN(len(simNames))]
				case "qty":
					fields[f] = s.rnd.IntN(5) // few values: equal values written concurrently too
				case "price":
					fields[f] = float64(s.rnd.IntN(8)) / 2
				case "note":
					if s.rnd.IntN(2) == 0 {
						fields[f] = nil
					} else {
						fields[f] = fmt.Sprintf("note %d", s.rnd.IntN(4))
					}
				case "photo":
					fields[f] = []byte{byte(s.rnd.IntN(3))}
				}
			}
		}
		err = d.EditRecord(ctx, "gadget", id, fields)
		s.logf("desk %d edits gadget %s %v: %v", i, id[:8], fields, err)
	case op < 62:
		id := s.pick(s.liveIDs(d, "gadget"))
		if id == "" {
			return
		}
		err = d.DeleteRecord(ctx, "gadget", id)
		s.logf("desk %d deletes gadget %s: %v", i, id[:8], err)
	case op < 70:
		id := app.NewID()
		err = d.AppendRecord(ctx, "movement", id, map[string]any{"sku": "MUG", "delta": s.rnd.IntN(21) - 10})
		if err == nil {
			s.appends[id] = true
		}
		s.logf("desk %d appends movement %s: %v", i, id[:8], err)
	case op < 76:
		err = s.editScenario(i, d)
	case op < 80:
		err = s.editShippingMode(i, d)
	case op < 86:
		err = s.editSOP(i, d) // SOP tables (sop_sim_test.go)
	case op < 90:
		j := s.rnd.IntN(len(s.desks))
		if j == i {
			return
		}
		s.send(i, j, s.rnd.IntN(5) == 0)
	default:
		s.receive(i)
	}
	var fe *app.FieldError
	if err != nil && !errors.As(err, &fe) {
		s.tb.Fatalf("desk %d: %v", i, err)
	}
}

// editScenario creates, edits or deletes a saved planning scenario through
// the store (the planning issue's synced table).
func (s *sim) editScenario(i int, d *data.Store) error {
	ctx := s.ctx
	ids := s.liveIDs(d, "scenario")
	switch op := s.rnd.IntN(6); {
	case op < 2 || len(ids) == 0:
		sc, err := d.SaveScenario(ctx, app.SavedScenario{Name: fmt.Sprintf("plan %d", s.rnd.IntN(8)),
			Body: fmt.Sprintf("name = \"x\"\ncapital = %d\n", 1000*(1+s.rnd.IntN(9)))})
		s.logf("desk %d creates scenario %s: %v", i, sc.ID, err)
		return err
	case op < 5:
		sc, err := d.Scenario(ctx, s.pick(ids))
		if err != nil {
			return err
		}
		rename := false
		switch s.rnd.IntN(4) {
		case 0:
			sc.Name, rename = fmt.Sprintf("plan %d", s.rnd.IntN(8)), true
		case 1:
			sc.Note = fmt.Sprintf("note %d", s.rnd.IntN(4))
		case 2:
			sc.Body = setKey(sc.Body, "capital", fmt.Sprint(1000*(1+s.rnd.IntN(9))))
		default:
			// Another key of the same file: merged key by key.
			sc.Body = setKey(sc.Body, "reserve_pct", fmt.Sprint(s.rnd.IntN(4)*5))
		}
		_, err = d.SaveScenario(ctx, sc)
		s.logf("desk %d edits scenario %s: %v", i, sc.ID[:8], err)
		if err != nil && !rename {
			s.fail("editing a scenario without renaming failed: %v", err)
		}
		return err
	default:
		id := s.pick(ids)
		err := d.DeleteScenario(ctx, id)
		s.logf("desk %d deletes scenario %s: %v", i, id[:8], err)
		return err
	}
}

// editShippingMode creates, edits or deletes an office shipping-mode
// default (the planning issue's other synced table).
func (s *sim) editShippingMode(i int, d *data.Store) error {
	ctx := s.ctx
	names := []string{"sea", "air", "express", "rail", "truck"}
	modes, err := d.ShippingModes(ctx)
	if err != nil {
		return err
	}
	switch op := s.rnd.IntN(5); {
	case op < 2 || len(modes) == 0:
		m, err := d.SaveShippingMode(ctx, app.ShippingMode{Name: names[s.rnd.IntN(len(names))],
			TransitDays: 5 + s.rnd.IntN(40), ReceivingDays: 7, CostPerKg: int64(500 + s.rnd.IntN(5000))})
		s.logf("desk %d creates mode %s: %v", i, m.Name, err)
		return err
	case op < 4:
		m := modes[s.rnd.IntN(len(modes))]
		if s.rnd.IntN(2) == 0 {
			m.TransitDays = 5 + s.rnd.IntN(40)
		} else {
			m.CostPerKg = int64(500 + s.rnd.IntN(5000))
		}
		_, err := d.SaveShippingMode(ctx, m)
		s.logf("desk %d edits mode %s: %v", i, m.Name, err)
		if err != nil {
			s.fail("editing a mode without renaming failed: %v", err)
		}
		return err
	default:
		m := modes[s.rnd.IntN(len(modes))]
		err := d.DeleteShippingMode(ctx, m.ID)
		s.logf("desk %d deletes mode %s: %v", i, m.Name, err)
		return err
	}
}

// send exports from desk i for desk j (incremental by target, sometimes
// full) and posts it: usually delivered, sometimes lost (retried at the
// end), sometimes delivered twice.
func (s *sim) send(i, j int, full bool) {
	s.files++
	path := filepath.Join(s.dir, fmt.Sprintf("b%04d-%d-to-%d.opsync", s.files, i, j))
	o := exportOpts()
	o.Full, o.Target = full, fmt.Sprintf("desk-%d", j)
	res, err := ExportFile(s.ctx, s.desks[i], path, o)
	if err != nil {
		s.tb.Fatal(err)
	}
	switch r := s.rnd.IntN(10); {
	case r < 2:
		s.dropped[j] = append(s.dropped[j], path)
		s.logf("desk %d sends %s (%d rows, full %v): lost", i, filepath.Base(path), res.Manifest.Rows, full)
	case r < 3:
		s.inbox[j] = append(s.inbox[j], path, path)
		s.logf("desk %d sends %s (%d rows, full %v): twice", i, filepath.Base(path), res.Manifest.Rows, full)
	default:
		s.inbox[j] = append(s.inbox[j], path)
		s.logf("desk %d sends %s (%d rows, full %v)", i, filepath.Base(path), res.Manifest.Rows, full)
	}
}

// receive imports some of desk i's inbox in random order; imported
// bundles sometimes stay to be imported again.
func (s *sim) receive(i int) {
	box := s.inbox[i]
	s.rnd.Shuffle(len(box), func(a, b int) { box[a], box[b] = box[b], box[a] })
	n := len(box)
	if n > 1 {
		n = 1 + s.rnd.IntN(n)
	}
	take := box[:n]
	var keep []string
	keep = append(keep, box[n:]...)
	for _, p := range take {
		if s.rnd.IntN(8) == 0 {
			keep = append(keep, p) // imported again later
		}
	}
	s.inbox[i] = keep
	if len(take) == 0 {
		return
	}
	rep, err := Import(s.ctx, s.desks[i], take, importOpts())
	for _, f := range rep.Files {
		s.logf("desk %d imports %s: %s %v", i, filepath.Base(f.Path), f.Status, f.Tables)
		if f.Err != nil && !errors.Is(f.Err, app.ErrClockAhead) {
			s.tb.Fatal(err)
		}
	}
}

// settle delivers every lost bundle, empties the inboxes, then exchanges
// incremental bundles until a round changes nothing.
func (s *sim) settle() {
	for i := range s.desks {
		s.inbox[i] = append(s.inbox[i], s.dropped[i]...)
		s.dropped[i] = nil
		for len(s.inbox[i]) > 0 {
			s.receive(i)
		}
	}
	for round := 0; ; round++ {
		if round > 6 {
			s.tb.Fatalf("no convergence after %d rounds", round)
		}
		changed := 0
		for i := range s.desks {
			for j := range s.desks {
				if i != j {
					s.send(i, j, false)
				}
			}
		}
		for i := range s.desks {
			s.inbox[i] = append(s.inbox[i], s.dropped[i]...)
			s.dropped[i] = nil
			rep, err := Import(s.ctx, s.desks[i], s.inbox[i], importOpts())
			if err != nil && !errors.Is(err, app.ErrClockAhead) {
				s.tb.Fatal(err)
			}
			s.inbox[i] = nil
			for _, f := range rep.Files {
				changed += f.Changed
			}
		}
		if changed == 0 {
			return
		}
	}
}

// check asserts convergence and that nothing was lost.
func (s *sim) check() {
	tb := s.tb
	ref := dump(tb, s.desks[0], true)
	for i, d := range s.desks[1:] {
		if got := dump(tb, d, true); got != ref {
			s.fail("desk %d's dump differs from desk 0's:\n%s\n---\n%s", i+1, got, ref)
		}
	}
	var doc struct {
		Tables []struct {
			Table string `json:"table"`
			Rows  []struct {
				ID      string                     `json:"id"`
				Deleted bool                       `json:"deleted"`
				Clocks  map[string]string          `json:"field_hlc"`
				Fields  map[string]json.RawMessage `json:"fields"`
				HLC     string                     `json:"hlc"`
			} `json:"rows"`
		} `json:"tables"`
	}
	if err := json.Unmarshal([]byte(ref), &doc); err != nil {
		tb.Fatalf("the dump is not JSON: %v", err)
	}
	type fieldKey struct{ table, id, field string }
	current := map[fieldKey]string{} // value text now
	clock := map[fieldKey]string{}
	conflicts := map[string]bool{}
	movements := 0
	type change struct {
		table, id, field, old, new, hlc string
	}
	var history []change
	for _, t := range doc.Tables {
		for _, r := range t.Rows {
			switch t.Table {
			case "movement":
				if !s.appends[r.ID] {
					s.fail("movement %s was never made", r.ID)
				}
				movements++
			case "sync_conflict":
				conflicts[r.ID] = true
			case "audit_log":
				var cs []app.Change
				var entity, entityID, changes string
				_ = json.Unmarshal(r.Fields["changes"], &changes)
				_ = json.Unmarshal([]byte(changes), &cs)
				_ = json.Unmarshal(r.Fields["entity"], &entity)
				_ = json.Unmarshal(r.Fields["entity_id"], &entityID)
				for _, c := range cs {
					history = append(history, change{entity, entityID, c.Field, c.Old, c.New, r.HLC})
				}
			}
			for f, raw := range r.Fields {
				v, err := data.ParseSyncValue(raw)
				if err != nil {
					tb.Fatal(err)
				}
				k := fieldKey{t.Table, r.ID, f}
				current[k] = auditText(textOf(v))
				clock[k] = r.Clocks[f]
				if _, isDoc := r.Fields[data.KeyClockColumn(f)]; isDoc {
					// A document merges key by key: each key is a value.
					for key, lit := range data.DocumentKeys(textOf(v)) {
						current[fieldKey{t.Table, r.ID, data.DocumentField(f, key)}] = lit
					}
				}
			}
		}
	}
	tombstones := 0
	for _, t := range doc.Tables {
		for _, r := range t.Rows {
			if r.Deleted {
				tombstones++
			}
		}
	}
	for _, c := range areaChecks {
		c(s, ref)
	}
	s.checkInventory()
	s.tb.Logf("%d changes in the audit log, %d conflicts recorded, %d tombstones, %d movements, %d bundles",
		len(history), len(conflicts), tombstones, movements, s.files)
	if movements != len(s.appends) {
		s.fail("%d movements made, %d in the dump", len(s.appends), movements)
	}
	// Every value ever written (the audit log's new values) is the value
	// now, or a recorded conflict, or was replaced by an edit that saw it
	// (an audit entry whose old value it is, after it).
	replaced := map[fieldKey]map[string][]string{} // old value -> clocks of edits replacing it
	for _, c := range history {
		k := fieldKey{c.table, c.id, c.field}
		if replaced[k] == nil {
			replaced[k] = map[string][]string{}
		}
		replaced[k][c.old] = append(replaced[k][c.old], c.hlc)
	}
	derived := map[fieldKey]bool{}
	tables, err := s.desks[0].SyncTables(s.ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, t := range tables {
		for _, c := range t.Columns {
			if c.Merge == data.MergeDerived {
				derived[fieldKey{t.Name, "", c.Name}] = true
			}
		}
	}
	for _, c := range history {
		if c.field == "deleted" || derived[fieldKey{c.table, "", c.field}] {
			continue // a derived value (updated_at) is not kept when it loses
		}
		k := fieldKey{c.table, c.id, c.field}
		if current[k] == c.new || conflicts[data.ConflictID(c.table, c.id, c.field, c.hlc)] {
			continue
		}
		ok := false
		for _, h := range replaced[k][c.new] {
			if h > c.hlc {
				ok = true
			}
		}
		if !ok {
			s.fail("value %q of %s.%s (row %s, written at %s) was lost silently; now %q at %s",
				c.new, c.table, c.field, c.id, c.hlc, current[k], clock[k])
		}
	}
}

// setKey sets a top-level key of a scenario file.
func setKey(body, key, value string) string {
	var out []string
	found := false
	for _, l := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
		if strings.HasPrefix(l, key+" =") {
			l, found = key+" = "+value, true
		}
		out = append(out, l)
	}
	if !found {
		out = append([]string{key + " = " + value}, out...)
	}
	return strings.Join(out, "\n") + "\n"
}

// auditText is s as the audit log keeps it (JSON text: invalid UTF-8
// becomes U+FFFD).
func auditText(s string) string {
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// textOf renders a dump value like the audit log does.
func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

func (s *sim) fail(format string, args ...any) {
	s.tb.Helper()
	if len(s.log) > 200 {
		s.log = s.log[len(s.log)-200:]
	}
	for _, l := range s.log {
		s.tb.Log(l)
	}
	s.tb.Fatalf(format, args...)
}

func runConvergence(tb testing.TB, seed uint64, steps int) {
	s := newSim(tb, seed, 3)
	for i := 0; i < steps; i++ {
		s.step()
	}
	s.settle()
	s.check()
	s.lateBundles()
}

// lateBundles delivers every bundle ever sent, again, in random order, to
// every desk after convergence: old bundles arriving late (a delete
// superseded by a later delete, an edit long replaced) change nothing and
// add no conflict.
func (s *sim) lateBundles() {
	files, err := filepath.Glob(filepath.Join(s.dir, "*.opsync"))
	if err != nil {
		s.tb.Fatal(err)
	}
	before := dump(s.tb, s.desks[0], true)
	for i, d := range s.desks {
		s.rnd.Shuffle(len(files), func(a, b int) { files[a], files[b] = files[b], files[a] })
		_, n0, _ := d.SyncConflicts(s.ctx, true, 0)
		rep, _ := Import(s.ctx, d, files, ImportOptions{Passphrase: testPass, NoBackup: true})
		for _, f := range rep.Files {
			if f.Err != nil && !errors.Is(f.Err, app.ErrClockAhead) { // bundles stamped years ahead stay refused
				s.tb.Fatal(f.Err)
			}
			if f.Changed != 0 {
				s.fail("desk %d: late bundle %s changed %d rows: %v", i, filepath.Base(f.Path), f.Changed, f.Tables)
			}
		}
		if _, n1, _ := d.SyncConflicts(s.ctx, true, 0); n1 != n0 {
			s.fail("desk %d: late bundles added %d conflicts", i, n1-n0)
		}
	}
	if dump(s.tb, s.desks[0], true) != before {
		s.fail("late bundles changed desk 0")
	}
}

// TestConvergence runs random offices for a few seconds (more with
// OPSBENCH_CONVERGENCE_SECONDS): every desk ends with the same data, every
// append entry once, and no value lost silently.
func TestConvergence(t *testing.T) {
	budget := 3 * time.Second
	if v, err := strconv.Atoi(os.Getenv("OPSBENCH_CONVERGENCE_SECONDS")); err == nil && v > 0 {
		budget = time.Duration(v) * time.Second
	}
	start := time.Now()
	seeds := 0
	for seed := uint64(1); seeds < 4 || time.Since(start) < budget; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) { runConvergence(t, seed, 60) })
		seeds++
		if t.Failed() {
			return
		}
	}
	t.Logf("%d seeds in %s", seeds, time.Since(start).Round(time.Millisecond))
}

// TestConvergenceWithWrongClockAndCopiedDatabase adds two office habits
// to the random office: a desk whose date is six years ahead, and a
// database copied to set up a new PC that goes on working under the same
// desk id. The other desks refuse the wrong desk's bundles and their
// clocks never jump; the copy is noticed, made a new desk, and converges
// with nothing lost; once the wrong date is corrected and its changes
// stamped again, every desk converges.
func TestConvergenceWithWrongClockAndCopiedDatabase(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) { runOfficeConvergence(t, seed) })
	}
}

func runOfficeConvergence(t *testing.T, seed uint64) {
	ctx := context.Background()
	s := newSim(t, seed, 3)
	// Desk 3: six years ahead.
	aheadPath := filepath.Join(t.TempDir(), "ahead.db")
	ahead, err := data.Open(ctx, aheadPath, data.Options{Now: func() time.Time { return time.Now().AddDate(6, 0, 0) }, ReplicaName: "ahead"})
	if err != nil {
		t.Fatal(err)
	}
	ahead.Close()
	execSQL(t, aheadPath, testTablesSQL)
	if ahead, err = data.Open(ctx, aheadPath, data.Options{Now: func() time.Time { return time.Now().AddDate(6, 0, 0) }}); err != nil {
		t.Fatal(err)
	}
	s.desks = append(s.desks, ahead)
	s.inbox, s.dropped = append(s.inbox, nil), append(s.dropped, nil)
	for i := 0; i < 40; i++ {
		s.step()
	}
	// Desk 4: a copy of desk 0's file, opened on another computer.
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := s.desks[0].BackupTo(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	twin, err := data.Open(ctx, copyPath, data.Options{Machine: data.Machine{Host: "NEW-PC", ID: fmt.Sprint(seed)}})
	if err != nil {
		t.Fatal(err)
	}
	defer twin.Close()
	if _, pending, _ := twin.PendingDeskCopy(ctx); !pending {
		t.Fatal("the copy was not noticed")
	}
	s.desks = append(s.desks, twin)
	s.inbox, s.dropped = append(s.inbox, nil), append(s.dropped, nil)
	for i := 0; i < 60; i++ {
		s.step()
	}
	// The copy becomes a new desk; the original stays where it was.
	if err := twin.ResolveDeskCopy(ctx, data.DeskNew, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.desks[0].ResolveDeskCopy(ctx, data.DeskMoved, ""); err != nil {
		t.Fatal(err)
	}
	s.settle()
	limit := time.Now().Add(app.MaxClockAhead)
	normal := []*data.Store{s.desks[0], s.desks[1], s.desks[2], twin}
	ref := dump(t, normal[0], true)
	for i, d := range normal {
		if d.Clock().Last().Time().After(limit) {
			t.Fatalf("desk %d's clock jumped to %s", i, d.Clock().Last().Time())
		}
		if got := dump(t, d, true); got != ref {
			s.fail("desk %d differs from desk 0 with the wrong desk refused", i)
		}
	}
	for i, d := range normal {
		if holdsClocksOf(t, d, ahead.Replica().ID) {
			t.Fatalf("desk %d took changes stamped six years ahead", i)
		}
	}
	// The date is corrected: its changes are stamped again and travel.
	ahead.Close()
	fixed, err := data.Open(ctx, aheadPath, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fixed.Close()
	if _, err := fixed.RepairClock(ctx); err != nil {
		t.Fatal(err)
	}
	s.desks[3] = fixed
	s.settle()
	s.check()
	s.lateBundles()
}

// holdsClocksOf reports whether desk d holds a row last written by replica.
func holdsClocksOf(t *testing.T, d *data.Store, replica string) bool {
	found := false
	_, err := d.ScanSyncRows(context.Background(), data.SyncScan{Full: true}, func(_ data.SyncTable, r data.SyncRow) error {
		if strings.HasSuffix(r.HLC, replica) {
			found = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func FuzzConvergence(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42, 20261127} {
		f.Add(seed, uint8(40))
	}
	f.Fuzz(func(t *testing.T, seed uint64, steps uint8) {
		runConvergence(t, seed, int(steps%80)+5)
	})
}
