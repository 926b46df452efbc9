package bundle

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
)

// The cases of issue 8, each over real databases exchanging bundles
// through the real export and import.

// mustScenario saves a scenario or fails.
func mustScenario(t *testing.T, s *data.Store, sc app.SavedScenario) app.SavedScenario {
	t.Helper()
	sc, err := s.SaveScenario(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// 1. Same names on two desks stay editable, are listed, and merge or rename.
func TestSameNamesOnTwoDesks(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	fa, err := a.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	ma, _ := a.SaveShippingMode(ctx, app.ShippingMode{Name: "sea", TransitDays: 30, ReceivingDays: 7, CostPerKg: 1200})
	if _, err := b.SaveShippingMode(ctx, app.ShippingMode{Name: "sea", TransitDays: 40, ReceivingDays: 7, CostPerKg: 1100}); err != nil {
		t.Fatal(err)
	}
	mustScenario(t, a, app.SavedScenario{Name: "Plan", Body: "capital = 1000\n"})
	mustScenario(t, b, app.SavedScenario{Name: "Plan", Body: "capital = 2000\n"})
	exchange(t, a, b)

	// Only the role of one 王芳 changes: allowed on both desks.
	fa.Role = app.RoleOperations
	if err := a.UpdatePerson(ctx, fa); err != nil {
		t.Fatalf("editing a merged same-named person: %v", err)
	}
	ma.TransitDays = 33
	if _, err := a.SaveShippingMode(ctx, ma); err != nil {
		t.Fatalf("editing a merged same-named mode: %v", err)
	}
	// A new record with a name taken here is still refused; a colleague
	// with the same name and a note is not.
	var fe *app.FieldError
	if _, err := a.SaveShippingMode(ctx, app.ShippingMode{Name: "sea", TransitDays: 1}); !errors.As(err, &fe) || fe.Code != app.CodeDuplicate {
		t.Fatalf("new same-named mode: %v", err)
	}
	if _, err := a.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleFinance, Active: true}); !errors.As(err, &fe) {
		t.Fatalf("new same-named person without a note: %v", err)
	}
	if _, err := a.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleFinance, Active: true, Note: "财务, 深圳"}); err != nil {
		t.Fatalf("a colleague with the same name and a note: %v", err)
	}

	groups, err := b.SameNameGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byTable := map[string]data.SameNameGroup{}
	for _, g := range groups {
		byTable[g.Table] = g
	}
	if g := byTable["shipping_mode"]; len(g.Records) != 2 || g.Name != "sea" {
		t.Fatalf("mode group %+v", g)
	}
	if g := byTable["scenario"]; len(g.Records) != 2 || g.Records[0].Desk == "" {
		t.Fatalf("scenario group %+v", g)
	}
	if g, ok := byTable["person"]; !ok || len(g.Records) != 2 {
		t.Fatalf("two identical 王芳 are not listed: %+v", groups)
	}
	// Merge the modes on B (keep the suggested one), rename a scenario;
	// both travel to A.
	mg := byTable["shipping_mode"]
	drop := mg.Records[0].ID
	if drop == mg.Keep {
		drop = mg.Records[1].ID
	}
	if _, err := b.MergeSameName(ctx, "shipping_mode", mg.Keep, drop); err != nil {
		t.Fatal(err)
	}
	sg := byTable["scenario"]
	if err := b.RenameRecord(ctx, "scenario", sg.Records[1].ID, "Plan (desk B)"); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for _, s := range []*data.Store{a, b} {
		groups, _ := s.SameNameGroups(ctx)
		for _, g := range groups {
			if g.Table != "person" {
				t.Errorf("%s: still %+v", s.Replica().Name, g)
			}
		}
	}
	if dump(t, a, true) != dump(t, b, true) {
		t.Fatal("desks differ after merging")
	}
}

// MergeSameName points references (sync_reference) at the record kept.
func TestMergeSameNameMovesReferences(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "A", true), newDesk(t, "B", true)
	for _, s := range []*data.Store{a, b} {
		if err := s.SetSetting(ctx, "x", "y"); err != nil { // any write: the reference table is local
			t.Fatal(err)
		}
	}
	ma, _ := a.SaveShippingMode(ctx, app.ShippingMode{Name: "air", TransitDays: 8, ReceivingDays: 7, CostPerKg: 4000})
	mb, _ := b.SaveShippingMode(ctx, app.ShippingMode{Name: "air", TransitDays: 9, ReceivingDays: 7, CostPerKg: 4100})
	// A record that refers to B's mode by id (a column registered as a
	// reference in sync_reference).
	for _, path := range []string{a.Path(), b.Path()} {
		_ = path
	}
	g := app.NewID()
	if err := b.EditRecord(ctx, "gadget", g, map[string]any{"name": "mug", "note": mb.ID}); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	execOpen(t, a, `INSERT INTO sync_reference (tbl, col, target) VALUES ('gadget', 'note', 'shipping_mode')`)
	n, err := a.MergeSameName(ctx, "shipping_mode", ma.ID, mb.ID)
	if err != nil || n != 1 {
		t.Fatalf("moved %d: %v", n, err)
	}
	snap, err := a.OpenRecord(ctx, "gadget", g)
	if err != nil || snap.Fields["note"].Value != ma.ID {
		t.Fatalf("reference not moved: %+v %v", snap.Fields["note"], err)
	}
}

// execOpen runs a statement on an open store's file (local tables only).
func execOpen(t *testing.T, s *data.Store, q string) {
	t.Helper()
	execSQL(t, s.Path(), q)
}

// 2. Demo and real databases never exchange data; demo databases sync.
func TestDemoDataStaysApart(t *testing.T) {
	ctx := context.Background()
	real := newDesk(t, "real", false)
	if _, err := demo.Load(ctx, real, demo.Small, 1, nil); !errors.Is(err, data.ErrRealDatabase) {
		t.Fatalf("demo data into a real database: %v", err)
	}
	demoDesk := func(name string) *data.Store {
		s, err := data.Open(ctx, data.DemoPath(filepath.Join(t.TempDir(), "opsbench.db")), data.Options{Demo: true, ReplicaName: name})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	d1, d2 := demoDesk("demo 1"), demoDesk("demo 2")
	if !d1.IsDemo() || real.IsDemo() || !strings.HasSuffix(d1.Path(), "opsbench-demo.db") {
		t.Fatalf("kinds: %v %v %s", d1.IsDemo(), real.IsDemo(), d1.Path())
	}
	if _, err := demo.Load(ctx, d1, demo.Small, 1, nil); err != nil {
		t.Fatal(err)
	}
	// A real database file is not turned into a demo one.
	real.Close()
	if _, err := data.Open(ctx, real.Path(), data.Options{Demo: true}); !errors.Is(err, data.ErrRealDatabase) {
		t.Fatalf("opening a real database as demo: %v", err)
	}
	real = newDesk(t, "real", false)
	if _, err := real.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	demoBundle := export(t, d1, filepath.Join(dir, "demo.opsync"), true).Path
	realBundle := export(t, real, filepath.Join(dir, "real.opsync"), true).Path
	for _, c := range []struct {
		to   *data.Store
		file string
	}{{real, demoBundle}, {d2, realBundle}} {
		before := dump(t, c.to, true)
		rep, err := Import(ctx, c.to, []string{c.file}, importOpts())
		if !errors.Is(err, ErrKindMismatch) || rep.Backup != "" || ReasonCode(rep.Files[0].Err) != CodeKindMismatch {
			t.Fatalf("%s into %s: %v, backup %q", filepath.Base(c.file), c.to.Replica().Name, err, rep.Backup)
		}
		if !strings.Contains(err.Error(), "demo") || dump(t, c.to, true) != before {
			t.Fatalf("refusal changed something or says nothing: %v", err)
		}
	}
	importFiles(t, d2, demoBundle)
	if people, _ := d2.People(ctx); len(people) != 8 {
		t.Fatalf("demo databases do not sync: %d people", len(people))
	}
}

// 3. A copied database is noticed on open and by a bundle with this
// desk's id and changes it never made; both answers work.
func TestCopiedDatabase(t *testing.T) {
	ctx := context.Background()
	a := newDesk(t, "A", false)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	// Setting up a new PC by copying the file.
	copyPath := filepath.Join(t.TempDir(), "opsbench.db")
	raw, err := os.ReadFile(a.Path())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(copyPath, raw, 0o644)
	a, err = data.Open(ctx, a.Path(), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, pending, _ := a.PendingDeskCopy(ctx); pending {
		t.Fatal("the original, opened where it always was, asks")
	}
	b, err := data.Open(ctx, copyPath, data.Options{Machine: data.Machine{Host: "NEW-PC", ID: "another"}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c, pending, err := b.PendingDeskCopy(ctx)
	if err != nil || !pending || c.Reason != data.CopyOpened || c.WasPath != a.Path() {
		t.Fatalf("the copy did not notice: %+v %v %v", c, pending, err)
	}
	// Meanwhile it does not write its file into the shared folder.
	dir := t.TempDir()
	if _, err := SyncFolder(ctx, b, dir, folderOpts()); !errors.Is(err, ErrDeskCopyPending) {
		t.Fatalf("folder round of a suspected copy: %v", err)
	}
	// The copy's own edits under the old id reach A, which never made them.
	if _, err := b.CreatePerson(ctx, app.Person{Name: "Bo", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	bundle := export(t, b, filepath.Join(dir, "from-copy.opsync"), true).Path
	rep := importFiles(t, a, bundle)
	if !rep.Files[0].CopiedDesk {
		t.Fatalf("A did not see the proof: %+v", rep.Files[0])
	}
	if c, pending, _ := a.PendingDeskCopy(ctx); !pending || c.Reason != data.CopyBundle || c.Changes == 0 {
		t.Fatalf("A: %+v", c)
	}
	if _, err := a.Person(ctx, mustPersonID(t, a, "Bo")); err != nil {
		t.Fatal("the copy's changes were not kept")
	}
	// B becomes a new desk; A says it stayed where it was.
	oldID := b.Replica().ID
	if err := b.ResolveDeskCopy(ctx, data.DeskNew, ""); err != nil {
		t.Fatal(err)
	}
	if b.Replica().ID == oldID || !strings.HasPrefix(b.Replica().Name, "NEW-PC-") {
		t.Fatalf("new desk %+v", b.Replica())
	}
	if err := a.ResolveDeskCopy(ctx, data.DeskMoved, ""); err != nil {
		t.Fatal(err)
	}
	if _, pending, _ := a.PendingDeskCopy(ctx); pending {
		t.Fatal("still pending")
	}
	// Now they are two desks in one folder and converge.
	for i := 0; i < 2; i++ {
		round(t, a, dir)
		round(t, b, dir)
	}
	if dump(t, a, true) != dump(t, b, true) {
		t.Fatal("the two desks differ")
	}
	if _, err := os.Stat(filepath.Join(dir, OwnFileName(b.Replica().ID))); err != nil {
		t.Fatal("the new desk wrote no file of its own")
	}
}

// 4. A bundle from a desk whose clock is years ahead is refused and
// named; this desk's clock does not move; the bundle is retried.
func TestClockFarAheadIsRefused(t *testing.T) {
	ctx := context.Background()
	future := func() time.Time { return time.Now().AddDate(6, 0, 0) }
	dir := t.TempDir()
	ahead, err := data.Open(ctx, filepath.Join(dir, "ahead.db"), data.Options{Now: future, ReplicaName: "2032 PC"})
	if err != nil {
		t.Fatal(err)
	}
	defer ahead.Close()
	if _, err := ahead.CreatePerson(ctx, app.Person{Name: "Zed", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	a := newDesk(t, "A", false)
	before := dump(t, a, true)
	folder := t.TempDir()
	if _, err := SyncFolder(ctx, ahead, folder, folderOpts()); err != nil {
		t.Fatal(err)
	}
	rep := round(t, a, folder)
	f, _ := fileStatus(rep, OwnFileName(ahead.Replica().ID))
	if f.Status != StatusFailed || f.Code != CodeClockAhead || !strings.Contains(f.Reason, "2032 PC") || rep.Backup != "" {
		t.Fatalf("%+v, backup %q", f, rep.Backup)
	}
	if a.Clock().Ahead() > 0 || a.Clock().Now().Time().After(time.Now().Add(time.Minute)) {
		t.Fatal("this desk's clock jumped")
	}
	refused, err := a.RefusedBundles(ctx)
	if err != nil || len(refused) != 1 || refused[0].ReplicaName != "2032 PC" || refused[0].Clock.Year() < time.Now().Year()+5 {
		t.Fatalf("refused %+v %v", refused, err)
	}
	// Retried next round (still refused), nothing changed meanwhile.
	if f, _ := fileStatus(round(t, a, folder), OwnFileName(ahead.Replica().ID)); f.Code != CodeClockAhead {
		t.Fatalf("second round %+v", f)
	}
	if strings.Contains(dump(t, a, true), "Zed") || before == "" {
		t.Fatal("the refused bundle changed something")
	}
	// The desk with the wrong date knows, and once its date is right it
	// stamps its changes again; then they are accepted.
	ahead.Close()
	fixed, err := data.Open(ctx, filepath.Join(dir, "ahead.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer fixed.Close()
	if fixed.OwnClockAhead() < 5*365*24*time.Hour {
		t.Fatalf("own clock ahead: %s", fixed.OwnClockAhead())
	}
	if n, err := fixed.RepairClock(ctx); err != nil || n == 0 {
		t.Fatalf("repair: %d %v", n, err)
	}
	if fixed.OwnClockAhead() != 0 {
		t.Fatal("still ahead after the repair")
	}
	round(t, fixed, folder)
	round(t, a, folder)
	if !strings.Contains(dump(t, a, true), "Zed") {
		t.Fatal("the repaired desk's data did not arrive")
	}
	if refused, _ := a.RefusedBundles(ctx); len(refused) != 0 {
		t.Fatalf("still listed as refused: %+v", refused)
	}
}

// 5. A form opened before a sync: its save writes only what the user
// changed; the same field changed elsewhere is found before saving.
func TestStaleFormSavesOnlyItsChanges(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	body := "name = \"cups\"\ncapital = 100000\nreserve_pct = 10\n\n[[line]]\nname = \"cup\"\nprice = 35.0\n"
	sc := mustScenario(t, a, app.SavedScenario{Name: "Cups", Body: body, Note: "first"})
	exchange(t, a, b)

	changes := make(chan data.ChangeSet, 4)
	cancel := a.Subscribe(func(c data.ChangeSet) { changes <- c })
	defer cancel()
	snap, err := a.OpenRecord(ctx, "scenario", sc.ID) // the form on desk A
	if err != nil {
		t.Fatal(err)
	}
	if snap.Fields["body/capital"].Value != "100000" || snap.Fields["note"].Desk != "A" {
		t.Fatalf("snapshot %+v", snap.Fields)
	}
	// Desk B changes the capital meanwhile; A imports it.
	other, _ := b.Scenario(ctx, sc.ID)
	other.Body = strings.Replace(other.Body, "capital = 100000", "capital = 80000", 1)
	mustScenario(t, b, other)
	exchange(t, a, b)
	select {
	case c := <-changes:
		if !c.Has("scenario", sc.ID) {
			t.Fatalf("change feed %+v", c)
		}
	default:
		t.Fatal("no change notified")
	}
	got, deleted, err := a.ChangedSince(ctx, snap)
	if err != nil || deleted || len(got) == 0 || got[0].Field != "body/capital" || got[0].Desk != "B" {
		t.Fatalf("changed since: %+v %v", got, err)
	}
	// The form changes the reserve and the note: the capital from B stays.
	form := sc
	form.Body = strings.Replace(body, "reserve_pct = 10", "reserve_pct = 20", 1)
	form.Note = "second"
	saved, err := a.SaveScenarioChanges(ctx, snap, form, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(saved.Body, "capital = 80000") || !strings.Contains(saved.Body, "reserve_pct = 20") || saved.Note != "second" {
		t.Fatalf("saved %q %q", saved.Body, saved.Note)
	}
	// The same key changed on both sides: refused, naming desk B, until
	// the user keeps theirs.
	snap, _ = a.OpenRecord(ctx, "scenario", sc.ID)
	other, _ = b.Scenario(ctx, sc.ID)
	exchange(t, a, b)
	other, _ = b.Scenario(ctx, sc.ID)
	other.Body = strings.Replace(other.Body, "reserve_pct = 20", "reserve_pct = 25", 1)
	mustScenario(t, b, other)
	exchange(t, a, b)
	form.Body = strings.Replace(saved.Body, "reserve_pct = 20", "reserve_pct = 30", 1)
	_, err = a.SaveScenarioChanges(ctx, snap, form, nil)
	var stale *data.StaleError
	if !errors.As(err, &stale) || !errors.Is(err, app.ErrStale) || len(stale.Fields) != 1 ||
		stale.Fields[0].Field != "body/reserve_pct" || stale.Fields[0].Desk != "B" || stale.Fields[0].Theirs != "25" {
		t.Fatalf("stale: %v", err)
	}
	if now, _ := a.Scenario(ctx, sc.ID); !strings.Contains(now.Body, "reserve_pct = 25") {
		t.Fatal("a refused save wrote something")
	}
	if saved, err = a.SaveScenarioChanges(ctx, snap, form, []string{"body/reserve_pct"}); err != nil || !strings.Contains(saved.Body, "reserve_pct = 30") {
		t.Fatalf("keep mine: %v %q", err, saved.Body)
	}
}

// 7. Two founders change different keys of one scenario: both keep their
// edit; updated_at never conflicts; a conflict names record, field and
// both writers.
func TestScenarioMergesKeyByKey(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	fa, _ := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true})
	a.SetActor(fa)
	fb, _ := b.CreatePerson(ctx, app.Person{Name: "Bo", Role: app.RoleOwner, Active: true})
	b.SetActor(fb)
	sc := mustScenario(t, a, app.SavedScenario{Name: "Cups", Body: "capital = 100000\nreserve_pct = 10\n[fx]\nUSD = 7.2\n"})
	exchange(t, a, b)
	x, _ := a.Scenario(ctx, sc.ID)
	x.Body = strings.Replace(x.Body, "capital = 100000", "capital = 120000", 1)
	mustScenario(t, a, x)
	y, _ := b.Scenario(ctx, sc.ID)
	y.Body = strings.Replace(y.Body, "USD = 7.2", "USD = 7.1", 1)
	mustScenario(t, b, y)
	exchange(t, a, b)
	for _, s := range []*data.Store{a, b} {
		got, _ := s.Scenario(ctx, sc.ID)
		if !strings.Contains(got.Body, "capital = 120000") || !strings.Contains(got.Body, "USD = 7.1") {
			t.Fatalf("%s lost an edit: %q", s.Replica().Name, got.Body)
		}
		if list, n, _ := s.SyncConflicts(ctx, true, 0); n != 0 {
			t.Fatalf("%s: conflicts %+v", s.Replica().Name, list)
		}
	}
	// The same key on both: one conflict, readable.
	x, _ = a.Scenario(ctx, sc.ID)
	x.Body = strings.Replace(x.Body, "capital = 120000", "capital = 130000", 1)
	mustScenario(t, a, x)
	y, _ = b.Scenario(ctx, sc.ID)
	y.Body = strings.Replace(y.Body, "capital = 120000", "capital = 140000", 1)
	mustScenario(t, b, y)
	exchange(t, a, b)
	list, n, err := b.SyncConflicts(ctx, false, 0)
	if err != nil || n != 1 {
		t.Fatalf("conflicts %d %+v %v", n, list, err)
	}
	c := list[0]
	if c.Table != "scenario" || c.Label != "Cups" || c.Field != "body/capital" || c.LoserDesk == "" || c.CurrentDesk == "" ||
		c.LoserActor == "" || c.CurrentActor == "" || c.LoserDesk == c.CurrentDesk {
		t.Fatalf("conflict %+v", c)
	}
	// Restoring the other value: the list is consistent afterwards.
	if err := b.RestoreSyncConflict(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := b.SyncConflicts(ctx, false, 0); n != 0 {
		t.Fatalf("%d open conflicts after restoring", n)
	}
	got, _ := b.Scenario(ctx, sc.ID)
	if !strings.Contains(got.Body, fmt.Sprintf("capital = %v", c.Loser)) || c.Loser != int64(130000) && c.Loser != int64(140000) {
		t.Fatalf("restored %q, body %q", c.Loser, got.Body)
	}
}

// The planning form's line defaults are the office's: saved on one desk,
// every desk starts new lines from them, and two desks changing different
// defaults at once both keep theirs.
func TestLineDefaultsAreOfficeWide(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	first := data.LineDefaults{ReferralPct: 15, AdPct: 10, ReturnPct: 3, DepositPct: 30, FBAFee: 500, Mode: "sea", CycleDays: 30, SafetyDays: 14}
	if err := a.SaveLineDefaults(ctx, data.LineDefaults{}, first); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	if got, ok, err := b.LineDefaults(ctx); !ok || err != nil || got != first {
		t.Fatalf("desk B reads %+v %v %v, want desk A's %+v", got, ok, err, first)
	}
	onA, onB := first, first
	onA.ReferralPct = 8
	onB.AdPct = 12
	if err := a.SaveLineDefaults(ctx, first, onA); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveLineDefaults(ctx, first, onB); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	want := first
	want.ReferralPct, want.AdPct = 8, 12
	for _, s := range []*data.Store{a, b} {
		if got, _, _ := s.LineDefaults(ctx); got != want {
			t.Fatalf("%s reads %+v, want both changes %+v", s.Replica().Name, got, want)
		}
		if list, n, _ := s.SyncConflicts(ctx, true, 0); n != 0 {
			t.Fatalf("%s: conflicts %+v", s.Replica().Name, list)
		}
	}
}

// 8. The database file disappears while the app runs: writes stop with
// ErrDatabaseGone; the backups say what they hold.
func TestDatabaseGone(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := data.Open(ctx, filepath.Join(dir, "data", "opsbench.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AutoBackup(ctx, data.BackupDaily); err != nil { // empty: before onboarding
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // backups are named by the second
	if _, err := s.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AutoBackup(ctx, data.BackupDaily); err != nil {
		t.Fatal(err)
	}
	list, err := data.ListBackupContents(ctx, s.Path(), data.BackupPolicy{})
	if err != nil || len(list) != 2 || list[0].People != 1 || !list[1].Empty() || list[0].Desk == "" {
		t.Fatalf("backups %+v %v", list, err)
	}
	os.Rename(s.Path(), s.Path()+".moved") // the folder's content moved away
	if _, err := s.CreatePerson(ctx, app.Person{Name: "Bo", Role: app.RoleService, Active: true}); !errors.Is(err, app.ErrDatabaseGone) {
		t.Fatalf("write after the file went: %v", err)
	}
	if err := s.CheckFile(); !errors.Is(err, app.ErrDatabaseGone) {
		t.Fatal(err)
	}
	best, ok, err := data.NewestUsefulBackup(ctx, s.Path(), data.BackupPolicy{})
	if err != nil || !ok || best.People != 1 {
		t.Fatalf("newest useful backup %+v %v %v", best, ok, err)
	}
}

// 9. Folder details: the data folder is refused; a read-only folder is
// explained; a failed round is not "0 changed".
func TestFolderDetails(t *testing.T) {
	ctx := context.Background()
	a := newDesk(t, "A", false)
	for _, dir := range []string{a.Dir(), filepath.Join(a.Dir(), "backups")} {
		os.MkdirAll(dir, 0o755)
		if _, err := SyncFolder(ctx, a, dir, folderOpts()); !errors.Is(err, ErrDataFolder) {
			t.Fatalf("%s: %v", dir, err)
		}
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: a read-only folder cannot be made here")
		return
	}
	ro := t.TempDir()
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	rep, err := SyncFolder(ctx, a, ro, folderOpts())
	if !errors.Is(err, ErrFolderReadOnly) || rep.Outcome != OutcomeFailed || rep.ErrorCode != CodeFolderReadOnly ||
		strings.Contains(err.Error(), ".tmp") || strings.Contains(err.Error(), "--db") {
		t.Fatalf("read-only folder: %v %+v", err, rep)
	}
}

// 9. A mistyped passphrase is a named condition.
func TestWrongPassphraseIsNamed(t *testing.T) {
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	p := export(t, a, filepath.Join(t.TempDir(), "a.opsync"), true).Path
	rep, err := Import(context.Background(), b, []string{p}, ImportOptions{Passphrase: "wrong one"})
	if !errors.Is(err, ErrWrongPassphrase) || ReasonCode(rep.Files[0].Err) != CodeWrongPassphrase || rep.Backup != "" {
		t.Fatalf("%v", err)
	}
}

// 10. A damaged bundle costs no backup; an import that changes nothing
// costs none either.
func TestBackupOnlyBeforeAWritingMerge(t *testing.T) {
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	p := export(t, a, filepath.Join(t.TempDir(), "a.opsync"), true).Path
	raw, _ := os.ReadFile(p)
	bad := filepath.Join(t.TempDir(), "bad.opsync")
	damagedRaw := append([]byte(nil), raw...)
	damagedRaw[len(damagedRaw)-40] ^= 1
	os.WriteFile(bad, damagedRaw, 0o644)
	if rep, _ := Import(context.Background(), b, []string{bad}, importOpts()); rep.Backup != "" {
		t.Fatal("a damaged bundle took a backup")
	}
	if rep := importFiles(t, b, p); rep.Backup == "" {
		t.Fatal("no backup before a merge that wrote")
	}
	// A new bundle holding nothing new: merged, no backup.
	q := export(t, a, filepath.Join(t.TempDir(), "again.opsync"), true).Path
	if rep := importFiles(t, b, q); rep.Backup != "" || rep.Files[0].Changed != 0 {
		t.Fatalf("an import that changed nothing took a backup: %+v", rep)
	}
}
