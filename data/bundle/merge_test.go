package bundle

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "desk A", true), newDesk(t, "desk B", true)
	p, err := a.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	g := app.NewID()
	if err := a.EditRecord(ctx, "gadget", g, map[string]any{
		"name": "杯子 \"mug\"\n\t\x01", "qty": 3, "price": 2.0, "note": nil, "photo": []byte{0, 1, 2, 255},
	}); err != nil {
		t.Fatal(err)
	}
	if err := a.AppendRecord(ctx, "movement", app.NewID(), map[string]any{"sku": "MUG", "delta": -2}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	res := export(t, a, filepath.Join(dir, "a.opsync"), false)
	if !res.Manifest.Full || res.Manifest.Rows == 0 {
		t.Fatalf("first export to a target is not full: %+v", res.Manifest)
	}
	rep := importFiles(t, b, res.Path)
	f := rep.Files[0]
	if f.Status != StatusImported || f.Tables["person"].Inserted != 1 || f.Tables["gadget"].Inserted != 1 || f.Tables["movement"].Inserted != 1 {
		t.Fatalf("import: %+v", f)
	}
	if rep.Backup == "" {
		t.Error("no backup was taken before the import")
	}
	got, err := b.Person(ctx, p.ID)
	if err != nil || got != p {
		t.Fatalf("person on B = %+v, %v; want %+v", got, err, p)
	}
	exchange(t, a, b)
	if da, db := dump(t, a, true), dump(t, b, true); da != db {
		t.Fatalf("dumps differ after exchange:\n%s\n---\n%s", da, db)
	}
	if !strings.Contains(dump(t, a, false), `"photo":{"b":"AAEC/w=="}`) || !strings.Contains(dump(t, a, false), `"price":2.0`) {
		t.Errorf("typed values lost: %s", dump(t, a, false))
	}
	if strings.Contains(dump(t, a, true), "local_seen") || strings.Contains(dump(t, a, true), `"replica":"`) {
		t.Error("the dump shows local-only fields")
	}
}

func TestIncrementalExportSendsOnlyChanges(t *testing.T) {
	ctx := context.Background()
	a := newDesk(t, "A", false)
	path := filepath.Join(t.TempDir(), "out.opsync")
	first := export(t, a, path, false)
	if first.Manifest.Rows == 0 {
		t.Fatal("first export empty")
	}
	again := export(t, a, path, false)
	if again.Manifest.Rows != 0 || again.Manifest.Full {
		t.Fatalf("second export without changes: %+v", again.Manifest)
	}
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Li", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	third := export(t, a, path, false)
	if c := third.Manifest.Counts(); c["person"] != 1 || c["audit_log"] != 1 || third.Manifest.Rows != 2 {
		t.Fatalf("third export counts %v", c)
	}
	// Another target starts from scratch; --full resends everything.
	other := export(t, a, filepath.Join(t.TempDir(), "usb.opsync"), false)
	full := export(t, a, path, true)
	if other.Manifest.Rows != full.Manifest.Rows || full.Manifest.Rows <= third.Manifest.Rows {
		t.Fatalf("other target %d rows, full %d rows", other.Manifest.Rows, full.Manifest.Rows)
	}
}

func TestImportTwiceAndOwnBundleChangeNothing(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	path := export(t, a, filepath.Join(t.TempDir(), "a.opsync"), true).Path
	importFiles(t, b, path)
	seq, _ := b.SyncChangeSeq(ctx)
	before := dump(t, b, true)
	backups, _ := b.Backups()

	rep := importFiles(t, b, path)
	if rep.Files[0].Status != StatusSeen {
		t.Fatalf("second import: %+v", rep.Files[0])
	}
	// The same content written again (new file, same rows) is seen too.
	again := export(t, a, filepath.Join(t.TempDir(), "again.opsync"), true).Path
	if st := importFiles(t, b, again).Files[0].Status; st != StatusSeen {
		t.Fatalf("same content in a new file: %s", st)
	}
	if rep := importFiles(t, a, path); rep.Files[0].Status != StatusOwn {
		t.Fatalf("own bundle: %+v", rep.Files[0])
	}
	seq2, _ := b.SyncChangeSeq(ctx)
	backups2, _ := b.Backups()
	if seq2 != seq || dump(t, b, true) != before || len(backups2) != len(backups) {
		t.Fatal("importing a seen bundle changed something")
	}
}

func TestMergeUnchangedBundleWritesNoRows(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "A", false), newDesk(t, "B", false)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	seq, _ := b.SyncChangeSeq(ctx)
	// A new bundle with the same rows but another encryption and time.
	p := export(t, a, filepath.Join(t.TempDir(), "x.opsync"), true).Path
	if _, err := a.CreatePerson(ctx, app.Person{Name: "Bo", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	rep := importFiles(t, b, p)
	if rep.Files[0].Status != StatusImported && rep.Files[0].Status != StatusSeen {
		t.Fatalf("%+v", rep.Files[0])
	}
	if rep.Files[0].Changed != 0 {
		t.Fatalf("a bundle of rows already here changed %d rows", rep.Files[0].Changed)
	}
	if seq2, _ := b.SyncChangeSeq(ctx); seq2 != seq {
		t.Fatalf("change sequence moved from %d to %d", seq, seq2)
	}
}

// twoDesksWithPerson returns two desks that both hold the same person.
func twoDesksWithPerson(t *testing.T) (a, b *data.Store, p app.Person) {
	t.Helper()
	ctx := context.Background()
	a, b = newDesk(t, "A", true), newDesk(t, "B", true)
	p, err := a.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleService, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	return a, b, p
}

func TestDifferentFieldsBothKept(t *testing.T) {
	ctx := context.Background()
	a, b, p := twoDesksWithPerson(t)
	pa, pb := p, p
	pa.Name = "Ann Li"
	pb.Role = app.RoleFinance
	if err := a.UpdatePerson(ctx, pa); err != nil {
		t.Fatal(err)
	}
	if err := b.UpdatePerson(ctx, pb); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for _, s := range []*data.Store{a, b} {
		got, _ := s.Person(ctx, p.ID)
		if got.Name != "Ann Li" || got.Role != app.RoleFinance {
			t.Fatalf("%s: %+v", s.Replica().Name, got)
		}
		if cs, n, _ := s.SyncConflicts(ctx, true, 0); n != 0 {
			t.Fatalf("%s: conflicts for edits of different fields: %+v", s.Replica().Name, cs)
		}
	}
}

func TestSameFieldNewerWinsAndLoserIsKept(t *testing.T) {
	ctx := context.Background()
	a, b, p := twoDesksWithPerson(t)
	pa, pb := p, p
	pa.Name = "Ann from A"
	pb.Name = "Ann from B" // later: wins
	if err := a.UpdatePerson(ctx, pa); err != nil {
		t.Fatal(err)
	}
	if err := b.UpdatePerson(ctx, pb); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for _, s := range []*data.Store{a, b} {
		got, _ := s.Person(ctx, p.ID)
		if got.Name != "Ann from B" {
			t.Fatalf("%s: name %q", s.Replica().Name, got.Name)
		}
		cs, n, err := s.SyncConflicts(ctx, false, 0)
		if err != nil || n != 1 {
			t.Fatalf("%s: %d conflicts %+v %v", s.Replica().Name, n, cs, err)
		}
		c := cs[0]
		if c.Field != "name" || c.Loser != "Ann from A" || c.Current != "Ann from B" || c.Label != "Ann from B" {
			t.Fatalf("%s: conflict %+v", s.Replica().Name, c)
		}
		if c.LoserDesk != "A" || c.CurrentDesk != "B" {
			t.Errorf("desks %q %q", c.LoserDesk, c.CurrentDesk)
		}
	}
	// Keep dismisses on one desk only.
	cs, _, _ := b.SyncConflicts(ctx, false, 0)
	if err := b.KeepSyncConflict(ctx, cs[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := b.SyncConflicts(ctx, false, 0); n != 0 {
		t.Errorf("B lists %d open conflicts after keep", n)
	}
	if _, n, _ := b.SyncConflicts(ctx, true, 0); n != 1 {
		t.Errorf("the kept conflict vanished from the full list (%d)", n)
	}
	if _, n, _ := a.SyncConflicts(ctx, false, 0); n != 1 {
		t.Errorf("keeping on B dismissed it on A too (%d)", n)
	}
	// Restoring on A writes A's value as a new edit, which then wins on B.
	cs, _, _ = a.SyncConflicts(ctx, false, 0)
	if err := a.RestoreSyncConflict(ctx, cs[0].ID); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for _, s := range []*data.Store{a, b} {
		if got, _ := s.Person(ctx, p.ID); got.Name != "Ann from A" {
			t.Fatalf("%s after restore: %q", s.Replica().Name, got.Name)
		}
		if cs, n, _ := s.SyncConflicts(ctx, false, 0); n != 0 {
			t.Errorf("%s still lists open conflicts after the restore: %+v", s.Replica().Name, cs)
		}
	}
}

func TestSequentialEditsAreNoConflict(t *testing.T) {
	ctx := context.Background()
	a, b, p := twoDesksWithPerson(t)
	p.Name = "edit 1 on A"
	if err := a.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	p.Name = "edit 2 on B"
	if err := b.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Name = "edit 3 on B"
	if err := b.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for _, s := range []*data.Store{a, b} {
		if got, _ := s.Person(ctx, p.ID); got.Name != "edit 3 on B" {
			t.Fatalf("%s: %q", s.Replica().Name, got.Name)
		}
		if cs, n, _ := s.SyncConflicts(ctx, true, 0); n != 0 {
			t.Fatalf("%s: sequential edits gave conflicts %+v", s.Replica().Name, cs)
		}
	}
}

func TestDeleteAndEdit(t *testing.T) {
	ctx := context.Background()
	t.Run("DeleteAfterUnseenEditHidesItAndSaysSo", func(t *testing.T) {
		a, b, p := twoDesksWithPerson(t)
		p.Name = "edited on A"
		if err := a.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		if err := b.DeletePerson(ctx, p.ID); err != nil { // later, without seeing the edit
			t.Fatal(err)
		}
		exchange(t, a, b)
		for _, s := range []*data.Store{a, b} {
			if _, err := s.Person(ctx, p.ID); !errors.Is(err, app.ErrNotFound) {
				t.Fatalf("%s: person still there (%v)", s.Replica().Name, err)
			}
		}
		cs, _, _ := a.SyncConflicts(ctx, false, 0)
		if len(cs) != 1 || cs[0].Field != "deleted" || cs[0].Loser != int64(0) {
			t.Fatalf("A's conflicts: %+v", cs)
		}
		// Restoring brings the record back everywhere, with A's edit.
		if err := a.RestoreSyncConflict(ctx, cs[0].ID); err != nil {
			t.Fatal(err)
		}
		exchange(t, a, b)
		for _, s := range []*data.Store{a, b} {
			if got, err := s.Person(ctx, p.ID); err != nil || got.Name != "edited on A" {
				t.Fatalf("%s after restore: %+v %v", s.Replica().Name, got, err)
			}
		}
	})
	t.Run("EditAfterDeleteBringsTheRowBack", func(t *testing.T) {
		a, b, p := twoDesksWithPerson(t)
		if err := a.DeletePerson(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		p.Name = "edited on B later"
		if err := b.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		exchange(t, a, b)
		for _, s := range []*data.Store{a, b} {
			if got, err := s.Person(ctx, p.ID); err != nil || got.Name != "edited on B later" {
				t.Fatalf("%s: %+v %v", s.Replica().Name, got, err)
			}
		}
		cs, _, _ := a.SyncConflicts(ctx, false, 0)
		if len(cs) != 1 || cs[0].Field != "deleted" || cs[0].Loser != int64(1) {
			t.Fatalf("A's conflicts: %+v", cs)
		}
		// Restoring the deletion deletes it again, everywhere.
		if err := a.RestoreSyncConflict(ctx, cs[0].ID); err != nil {
			t.Fatal(err)
		}
		exchange(t, a, b)
		for _, s := range []*data.Store{a, b} {
			if _, err := s.Person(ctx, p.ID); !errors.Is(err, app.ErrNotFound) {
				t.Fatalf("%s: not deleted again (%v)", s.Replica().Name, err)
			}
		}
	})
	t.Run("DeleteAfterSeenEditIsNoConflict", func(t *testing.T) {
		a, b, p := twoDesksWithPerson(t)
		p.Name = "edited on A"
		if err := a.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		exchange(t, a, b)
		if err := b.DeletePerson(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		exchange(t, a, b)
		for _, s := range []*data.Store{a, b} {
			if cs, n, _ := s.SyncConflicts(ctx, true, 0); n != 0 {
				t.Fatalf("%s: %+v", s.Replica().Name, cs)
			}
		}
	})
}

// TestImportObservesClocks: a desk whose wall clock is behind still makes
// edits that win over everything it imported, also after a restart.
func TestImportObservesClocks(t *testing.T) {
	ctx := context.Background()
	ahead := func() time.Time { return time.Now().Add(2 * time.Hour) }
	dirA := t.TempDir()
	a, err := data.Open(ctx, filepath.Join(dirA, "a.db"), data.Options{ReplicaName: "fast clock", Now: ahead})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	p, err := a.CreatePerson(ctx, app.Person{Name: "from the future", Role: app.RoleOwner, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	bundle := export(t, a, filepath.Join(dirA, "a.opsync"), true).Path
	bPath := filepath.Join(t.TempDir(), "b.db")
	b, err := data.Open(ctx, bPath, data.Options{ReplicaName: "B"})
	if err != nil {
		t.Fatal(err)
	}
	importFiles(t, b, bundle)
	if b.Clock().Last().WallMS < time.Now().Add(time.Hour).UnixMilli() {
		t.Fatal("the import did not move the clock forward")
	}
	b.Close()
	b, err = data.Open(ctx, bPath, data.Options{}) // the clock is remembered
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	p.Name = "edited later on B"
	if err := b.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for _, s := range []*data.Store{a, b} {
		if got, _ := s.Person(ctx, p.ID); got.Name != "edited later on B" {
			t.Fatalf("%s: %q: the later edit lost to an imported clock", s.Replica().Name, got.Name)
		}
	}
}

// TestAttachmentsTravel: a file attached on one desk arrives whole on
// another through a bundle, with no sync code of its own.
func TestAttachmentsTravel(t *testing.T) {
	ctx := context.Background()
	a, b := newDesk(t, "desk A", false), newDesk(t, "desk B", false)
	content := bytes.Repeat([]byte("photo of a damaged parcel \x00\xff"), 4000)
	att, err := a.AddAttachment(ctx, "破损.jpg", content)
	if err != nil {
		t.Fatal(err)
	}
	res := export(t, a, filepath.Join(t.TempDir(), "a.opsync"), false)
	if f := importFiles(t, b, res.Path).Files[0]; f.Tables["attachment"].Inserted != 1 {
		t.Fatalf("import: %+v", f)
	}
	got, err := b.Attachment(ctx, att.ID)
	if err != nil || !bytes.Equal(got.Content, content) || got.SHA256 != att.SHA256 || got.Name != "破损.jpg" {
		t.Fatalf("attachment on B: %q %d bytes, %v", got.Name, len(got.Content), err)
	}
}
