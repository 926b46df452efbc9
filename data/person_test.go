package data

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestPeople(t *testing.T) {
	ctx := context.Background()

	t.Run("OKCreateUpdateDelete", func(t *testing.T) {
		s := mustOpen(t)
		boss, err := s.CreatePerson(ctx, app.Person{Name: "  张伟 ", Role: app.RoleOwner, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if boss.Name != "张伟" || !app.ValidID(boss.ID) {
			t.Fatalf("created %+v", boss)
		}
		s.SetActor(boss)
		fang, err := s.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		fang.Role = app.RoleOperations
		if err := s.UpdatePerson(ctx, fang); err != nil {
			t.Fatal(err)
		}
		got, err := s.Person(ctx, fang.ID)
		if err != nil || got != fang {
			t.Fatalf("Person = %+v, %v; want %+v", got, err, fang)
		}
		people, err := s.People(ctx)
		if err != nil || len(people) != 2 {
			t.Fatalf("People = %v, %v", people, err)
		}
		if err := s.DeletePerson(ctx, fang.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Person(ctx, fang.ID); !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("deleted person: %v, want ErrNotFound", err)
		}
		// The row stays as a tombstone so the deletion can travel.
		var deleted int
		if err := s.read.QueryRow(`SELECT deleted FROM person WHERE id = ?`, fang.ID).Scan(&deleted); err != nil || deleted != 1 {
			t.Fatalf("tombstone: deleted=%d, %v", deleted, err)
		}
		// Every change is in the audit log, with who made it.
		hist, err := s.History(ctx, "person", fang.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range hist {
			actions = append(actions, e.Action)
			if e.ActorID != boss.ID || e.ActorName != "张伟" {
				t.Errorf("%s logged as made by %q", e.Action, e.ActorName)
			}
		}
		if strings.Join(actions, ",") != "create,update,delete" {
			t.Fatalf("history actions %v", actions)
		}
		if c := hist[1].Changes; len(c) != 1 || c[0].Field != "role" || c[0].Old != "service" || c[0].New != "operations" {
			t.Fatalf("update changes = %+v, want role service -> operations", c)
		}
	})

	t.Run("OKUpdateStampsOnlyChangedFields", func(t *testing.T) {
		s := mustOpen(t)
		p, err := s.CreatePerson(ctx, app.Person{Name: "Li", Role: app.RoleFinance, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		before := fieldHLCs(t, s, p.ID)
		p.Active = false
		if err := s.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		after := fieldHLCs(t, s, p.ID)
		if after["active"] <= before["active"] {
			t.Errorf("active's clock did not move: %s -> %s", before["active"], after["active"])
		}
		for _, f := range []string{"name", "role", "deleted"} {
			if after[f] != before[f] {
				t.Errorf("%s's clock moved although it did not change", f)
			}
		}
		if rowHLC(t, s, "person", p.ID) != after["active"] {
			t.Error("row hlc is not the newest field clock")
		}
	})

	t.Run("OKNoOpUpdateWritesNothing", func(t *testing.T) {
		s := mustOpen(t)
		p, _ := s.CreatePerson(ctx, app.Person{Name: "Li", Role: app.RoleFinance, Active: true})
		if err := s.UpdatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		if hist, _ := s.History(ctx, "person", p.ID); len(hist) != 1 {
			t.Fatalf("an unchanged save logged %d entries, want 1", len(hist))
		}
	})

	t.Run("ErrDuplicateName", func(t *testing.T) {
		s := mustOpen(t)
		if _, err := s.CreatePerson(ctx, app.Person{Name: "Li", Role: app.RoleFinance}); err != nil {
			t.Fatal(err)
		}
		_, err := s.CreatePerson(ctx, app.Person{Name: "Li", Role: app.RoleService})
		var fe *app.FieldError
		if !errors.As(err, &fe) || fe.Code != app.CodeDuplicate {
			t.Fatalf("got %v, want a duplicate-name error", err)
		}
		if people, _ := s.People(ctx); len(people) != 1 {
			t.Fatalf("%d people after a refused insert", len(people))
		}
	})

	t.Run("ErrValidationChangesNothing", func(t *testing.T) {
		s := mustOpen(t)
		before, _ := s.RecentActivity(ctx, 100)
		if _, err := s.CreatePerson(ctx, app.Person{Name: "", Role: app.RoleFinance}); !errors.Is(err, app.ErrInvalidInput) {
			t.Fatalf("got %v, want ErrInvalidInput", err)
		}
		if after, _ := s.RecentActivity(ctx, 100); len(after) != len(before) {
			t.Fatal("a refused insert was logged")
		}
	})

	t.Run("ErrUpdateMissing", func(t *testing.T) {
		s := mustOpen(t)
		err := s.UpdatePerson(ctx, app.Person{ID: app.NewID(), Name: "Ghost", Role: app.RoleOwner})
		if !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("got %v, want ErrNotFound", err)
		}
	})
}

func TestMeAndChangesMarkedForSync(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.Me(ctx); !errors.Is(err, app.ErrNoProfile) {
		t.Fatalf("Me on a new file: %v, want ErrNoProfile", err)
	}
	p, err := s.CreatePerson(ctx, app.Person{Name: "Ann", Role: app.RoleOwner, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetMe(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	me, err := s.Me(ctx)
	if err != nil || me.ID != p.ID || s.Actor().ID != p.ID {
		t.Fatalf("Me = %+v, %v; actor %+v", me, err, s.Actor())
	}
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM sync_change WHERE tbl = 'person' AND row_id = ?`, p.ID).Scan(&n); err != nil || n != 1 {
		t.Fatalf("person change marked %d times (%v), want 1", n, err)
	}
	var synced int
	if err := s.read.QueryRow(`SELECT count(*) FROM sync_table WHERE name IN ('person','audit_log','replica')`).Scan(&synced); err != nil || synced != 3 {
		t.Fatalf("sync_table lists %d of the foundation tables", synced)
	}
}

func fieldHLCs(t *testing.T, s *Store, id string) fieldClocks {
	t.Helper()
	var fc string
	if err := s.read.QueryRow(`SELECT field_hlc FROM person WHERE id = ?`, id).Scan(&fc); err != nil {
		t.Fatal(err)
	}
	return parseFieldClocks(fc)
}

func TestPeopleInPinyinOrder(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	for _, n := range []string{"王芳", "张伟", "bob", "李强", "Ann", "刘丹", "安娜"} {
		if _, err := s.CreatePerson(ctx, app.Person{Name: n, Role: app.RoleOperations}); err != nil {
			t.Fatal(err)
		}
	}
	people, _ := s.People(ctx)
	var names []string
	for _, p := range people {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, " "); got != "Ann bob 安娜 李强 刘丹 王芳 张伟" {
		t.Fatalf("order %s", got)
	}
}
