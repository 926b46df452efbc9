package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// auditPeople are the fixture's authors: Chinese and Latin names, upper
// and lower case, and the system (no id, no name).
var auditPeople = []app.Person{
	{ID: "p0", Name: "王芳"}, {ID: "p1", Name: "李雷"}, {ID: "p2", Name: "Anna"},
	{ID: "p3", Name: "bob"}, {ID: "p4", Name: "张伟"}, {ID: "p5", Name: "Zoe"}, {},
}

var auditEntities = []string{"person", "scenario", "shipping_mode", "sop_run", "service_case"}

// auditFixture makes n audit entries in insertion order. Twenty entries
// share each instant and the people and entities repeat within those
// twenty, so every sort has runs of equal keys for the tie-breaker.
func auditFixture(n int) []app.AuditEntry {
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	out := make([]app.AuditEntry, n)
	for i := range out {
		p := auditPeople[i%len(auditPeople)]
		changes := []app.Change{{Field: "name", Old: fmt.Sprintf("old-%d", i), New: fmt.Sprintf("new value %d", i*7%100)}}
		if i%10 == 0 {
			changes = append(changes, app.Change{Field: "note", New: `R&D <plan> "quoted" 50%_off`})
		}
		out[i] = app.AuditEntry{
			ID:        fmt.Sprintf("0190a000-0000-7000-8000-%012d", i),
			At:        base.Add(time.Duration(i/20) * time.Second),
			ActorID:   p.ID,
			ActorName: p.Name,
			Entity:    auditEntities[(i/3)%len(auditEntities)],
			EntityID:  fmt.Sprintf("e%d", i%50),
			Action:    app.ActionUpdate,
			Changes:   changes,
		}
	}
	return out
}

// fillAudit writes entries through the store's own audit writer, in one
// transaction, and returns the whole log in insertion (rowid) order: the
// entries the store wrote itself when it was created, then these.
func fillAudit(tb testing.TB, s *Store, entries []app.AuditEntry) []app.AuditEntry {
	tb.Helper()
	ctx := context.Background()
	before, err := s.queryAudit(ctx, `SELECT id, at, actor_id, actor_name, entity, entity_id, action, changes FROM audit_log ORDER BY rowid`)
	if err != nil {
		tb.Fatal(err)
	}
	// A clock of the fixture's own: the entries come from another desk.
	clock := app.NewClock("fixture", time.Now)
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		for _, e := range entries {
			if err := s.insertAudit(ctx, tx, clock.Now(), e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return append(before, entries...)
}

// expectAudit is what ListAudit must return for q (without paging),
// worked out in Go: SQLite compares text byte-wise as Go does, LIKE folds
// ASCII case only, and ties keep insertion (rowid) order, reversed when
// descending.
func expectAudit(all []app.AuditEntry, q app.ListQuery) []string {
	type row struct {
		i int
		e app.AuditEntry
	}
	var rows []row
	for i, e := range all {
		if v := q.Filters[app.AuditFilterPerson]; v != "" && e.ActorID != v {
			continue
		}
		if v := q.Filters[app.AuditFilterEntity]; v != "" && e.Entity != v {
			continue
		}
		if q.Search != "" && !auditMatches(e, q.Search) {
			continue
		}
		rows = append(rows, row{i, e})
	}
	sortKey, desc := q.Sort, q.Desc
	if sortKey == "" {
		sortKey, desc = app.AuditSortTime, true
	}
	at := func(e app.AuditEntry) string { return formatInstant(e.At) }
	slices.SortFunc(rows, func(a, b row) int {
		var c int
		switch sortKey {
		case app.AuditSortTime:
			c = cmp.Compare(at(a.e), at(b.e))
		case app.AuditSortPerson:
			c = cmp.Or(cmp.Compare(a.e.ActorName, b.e.ActorName), cmp.Compare(at(a.e), at(b.e)))
		case app.AuditSortEntity:
			c = cmp.Or(cmp.Compare(a.e.Entity, b.e.Entity), cmp.Compare(at(a.e), at(b.e)))
		}
		c = cmp.Or(c, cmp.Compare(a.i, b.i))
		if desc {
			c = -c
		}
		return c
	})
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.e.ID
	}
	return ids
}

func auditMatches(e app.AuditEntry, text string) bool {
	has := func(s string) bool { return strings.Contains(asciiLower(s), asciiLower(text)) }
	if has(e.ActorName) {
		return true
	}
	for _, c := range e.Changes {
		if has(c.Old) || has(c.New) {
			return true
		}
	}
	return false
}

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func ids(entries []app.AuditEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.ID
	}
	return out
}

// pageThrough reads every page of q, each continuing after the previous
// page's last row, checking each page's total.
func pageThrough(t *testing.T, s *Store, q app.ListQuery, want int) []string {
	t.Helper()
	var got []string
	for page := 0; ; page++ {
		rows, total, err := s.ListAudit(context.Background(), q)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if total != want {
			t.Fatalf("page %d: total %d, want %d", page, total, want)
		}
		got = append(got, ids(rows)...)
		if len(rows) < q.PageLimit() {
			return got
		}
		q.After = rows[len(rows)-1].ID
		if page > want {
			t.Fatal("paging does not end")
		}
	}
}

func TestListAudit(t *testing.T) {
	s := mustOpen(t)
	all := fillAudit(t, s, auditFixture(2000))
	person := func(id string) map[string]string { return map[string]string{app.AuditFilterPerson: id} }
	entity := func(e string) map[string]string { return map[string]string{app.AuditFilterEntity: e} }

	everything := len(all) // the fixture's 2000 and the store's own first entries
	tests := []struct {
		name string
		q    app.ListQuery
		want int // rows, worked out from the fixture where it is simple
	}{
		{name: "default is newest first", q: app.ListQuery{}, want: everything},
		{name: "time ascending", q: app.ListQuery{Sort: app.AuditSortTime}, want: everything},
		{name: "time descending", q: app.ListQuery{Sort: app.AuditSortTime, Desc: true}, want: everything},
		{name: "person ascending", q: app.ListQuery{Sort: app.AuditSortPerson}, want: everything},
		{name: "person descending", q: app.ListQuery{Sort: app.AuditSortPerson, Desc: true}, want: everything},
		{name: "entity ascending", q: app.ListQuery{Sort: app.AuditSortEntity}, want: everything},
		{name: "entity descending", q: app.ListQuery{Sort: app.AuditSortEntity, Desc: true}, want: everything},
		// Person p3 wrote every 7th entry from i=3: i = 3, 10, …, 1998,
		// that is (1998-3)/7+1 = 286 entries.
		{name: "one person", q: app.ListQuery{Filters: person("p3")}, want: 286},
		// Entries from the system have an empty actor id: filtering by ""
		// does not filter.
		{name: "empty filter value keeps all", q: app.ListQuery{Filters: person("")}, want: everything},
		// Entity index (i/3)%5 == 1 ("scenario"): 3 of every 15 entries,
		// 2000 = 133*15 + 5 and the last 5 (i=1995..1999) hold 2 of them:
		// 133*3+2 = 401.
		{name: "one entity by person", q: app.ListQuery{Sort: app.AuditSortPerson, Filters: entity("scenario")}, want: 401},
		{name: "person and entity", q: app.ListQuery{Sort: app.AuditSortEntity, Desc: true,
			Filters: map[string]string{app.AuditFilterPerson: "p0", app.AuditFilterEntity: "sop_run"}}, want: -1},
		// new value = i*7 mod 100 = 42 for i ≡ 6 (mod 100): 20 entries.
		{name: "search a new value", q: app.ListQuery{Search: "new value 42"}, want: 20},
		{name: "search an old value", q: app.ListQuery{Search: "old-1999"}, want: 1},
		{name: "search a person, ASCII case ignored", q: app.ListQuery{Search: "ANNA"}, want: -1},
		{name: "search Chinese", q: app.ListQuery{Search: "王"}, want: -1},
		// Every 10th entry carries the note: 200 entries.
		{name: "search text the JSON escapes", q: app.ListQuery{Search: "r&d <PLAN> \"quoted\""}, want: 200},
		{name: "wildcards are literal", q: app.ListQuery{Search: "50%_off"}, want: 200},
		{name: "wildcards match nothing else", q: app.ListQuery{Search: "5_%"}, want: 0},
		// "field", "old" and "new" are JSON keys of every change, not values.
		{name: "keys of the stored JSON do not match", q: app.ListQuery{Search: "field"}, want: 0},
		{name: "search within a filter and sort", q: app.ListQuery{Sort: app.AuditSortPerson, Desc: true, Search: "value 4", Filters: entity("person")}, want: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := expectAudit(all, tc.q)
			if tc.want >= 0 && len(want) != tc.want {
				t.Fatalf("the fixture has %d rows for this query, the test expects %d", len(want), tc.want)
			}
			// Odd page sizes put page ends inside runs of equal keys.
			for _, limit := range []int{37, 1000} {
				q := tc.q
				q.Limit = limit
				if got := pageThrough(t, s, q, len(want)); !slices.Equal(got, want) {
					t.Fatalf("limit %d: %d rows, want %d; first difference at %d", limit, len(got), len(want), firstDiff(got, want))
				}
			}
			// Offset pages are the same rows.
			q := tc.q
			q.Limit, q.Offset, q.SkipTotal = 37, 74, true
			rows, total, err := s.ListAudit(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if total != -1 {
				t.Errorf("total %d with SkipTotal, want -1", total)
			}
			if got, w := ids(rows), want[min(74, len(want)):min(111, len(want))]; !slices.Equal(got, w) {
				t.Errorf("offset page: %v, want %v", got, w)
			}
		})
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestListAuditReturnsEntries(t *testing.T) {
	s := mustOpen(t)
	all := auditFixture(3)
	fillAudit(t, s, all)
	rows, total, err := s.ListAudit(context.Background(), app.ListQuery{Search: "old-0"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(rows) != 1 {
		t.Fatalf("%d rows, total %d", len(rows), total)
	}
	e := rows[0]
	if e.ID != all[0].ID || !e.At.Equal(all[0].At) || e.ActorName != "王芳" || e.Entity != "person" ||
		len(e.Changes) != 2 || e.Changes[1].New != `R&D <plan> "quoted" 50%_off` {
		t.Errorf("first entry %+v, want %+v", e, all[0])
	}
}

func TestListAuditSeesChangesMadeThroughTheStore(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	p, err := s.CreatePerson(ctx, app.Person{Name: "R&D 王芳", Role: app.RoleOperations, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "研发 王芳"
	if err := s.UpdatePerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		search string
		want   []string
	}{
		{"R&D", []string{app.ActionUpdate, app.ActionCreate}}, // old value of the update, new of the create
		{"研发", []string{app.ActionUpdate}},
	} {
		rows, total, err := s.ListAudit(ctx, app.ListQuery{Search: tc.search, Filters: map[string]string{app.AuditFilterEntity: tablePerson}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range rows {
			got = append(got, e.Action)
		}
		if !slices.Equal(got, tc.want) || total != len(tc.want) {
			t.Errorf("search %q: %v (total %d), want %v", tc.search, got, total, tc.want)
		}
	}
}

func TestListAuditRefusesBadQueries(t *testing.T) {
	s := mustOpen(t)
	n := len(fillAudit(t, s, auditFixture(5)))
	for _, tc := range []struct {
		name string
		q    app.ListQuery
		want error
	}{
		{"unknown sort", app.ListQuery{Sort: "at; DROP TABLE audit_log"}, app.ErrInvalidInput},
		{"unknown filter", app.ListQuery{Filters: map[string]string{"changes": "x"}}, app.ErrInvalidInput},
		{"negative offset", app.ListQuery{Offset: -1}, app.ErrInvalidInput},
		{"negative limit", app.ListQuery{Limit: -5}, app.ErrInvalidInput},
		{"cursor row unknown", app.ListQuery{After: "no-such-id"}, app.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.ListAudit(context.Background(), tc.q)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
		})
	}
	var count int
	if err := s.read.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&count); err != nil || count != n {
		t.Fatalf("audit log has %d rows (%v) after the bad queries, want %d", count, err, n)
	}
}

func TestListAuditPageSize(t *testing.T) {
	s := mustOpen(t)
	fillAudit(t, s, auditFixture(1500))
	for _, tc := range []struct{ limit, want int }{{0, app.DefaultListLimit}, {1, 1}, {5000, app.MaxListLimit}} {
		rows, _, err := s.ListAudit(context.Background(), app.ListQuery{Limit: tc.limit})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != tc.want {
			t.Errorf("limit %d: %d rows, want %d", tc.limit, len(rows), tc.want)
		}
	}
}

// TestListAuditPlans keeps the list on its indexes: no sort of all rows
// and no scan of the table for any sort alone or under one filter, so a
// page costs the same at 100 or 1,000,000 rows.
func TestListAuditPlans(t *testing.T) {
	s := mustOpen(t)
	fillAudit(t, s, auditFixture(200))
	if _, err := s.write.Exec(`ANALYZE`); err != nil {
		t.Fatal(err)
	}
	filters := map[string]map[string]string{
		"no filter": nil,
		"person":    {app.AuditFilterPerson: "p1"},
		"entity":    {app.AuditFilterEntity: "person"},
	}
	for _, sortKey := range []string{app.AuditSortTime, app.AuditSortPerson, app.AuditSortEntity} {
		for fname, f := range filters {
			for _, desc := range []bool{false, true} {
				for _, after := range []string{"", auditFixture(1)[0].ID} {
					q := app.ListQuery{Sort: sortKey, Desc: desc, Filters: f, After: after}
					l, err := auditList.build(context.Background(), s.read, q, "a.id")
					if err != nil {
						t.Fatal(err)
					}
					plan := queryPlan(t, s, l.page, l.pageArgs...) + queryPlan(t, s, l.count, l.countArgs...)
					// One person's changes sorted by person or entity are
					// few enough to sort: only those combinations may.
					maySort := fname == "person" && sortKey != app.AuditSortTime
					if strings.Contains(plan, "SCAN a") || (!maySort && strings.Contains(plan, "TEMP B-TREE")) {
						t.Errorf("sort %s desc=%v, filter %s, after %q:\n%s", sortKey, desc, fname, after, plan)
					}
				}
			}
		}
	}
}

// Today's "recent changes" reads the newest entries off an index, however
// long the log: no scan, no sort of every entry.
func TestRecentActivityPlan(t *testing.T) {
	s := mustOpen(t)
	fillAudit(t, s, auditFixture(200))
	if _, err := s.write.Exec(`ANALYZE`); err != nil {
		t.Fatal(err)
	}
	if plan := queryPlan(t, s, recentActivitySQL, 8); strings.Contains(plan, "TEMP B-TREE") || !strings.Contains(plan, "audit_log_hlc") {
		t.Errorf("recent activity:\n%s", plan)
	}
}

func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.read.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	return b.String()
}

// BenchmarkListAuditPage reads a sorted, filtered page of a 100,000-entry
// audit log with its total, as the table does when a filter changes; and
// the next page by keyset, as it does when scrolling on.
func BenchmarkListAuditPage(b *testing.B) {
	path := filepath.Join(b.TempDir(), "opsbench.db")
	s, err := Open(context.Background(), path, Options{ReplicaName: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	fillAudit(b, s, auditFixture(100_000))
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    app.ListQuery
	}{
		{"time/person", app.ListQuery{Sort: app.AuditSortTime, Desc: true, Filters: map[string]string{app.AuditFilterPerson: "p3"}}},
		{"person/entity", app.ListQuery{Sort: app.AuditSortPerson, Filters: map[string]string{app.AuditFilterEntity: "scenario"}}},
		{"entity/none", app.ListQuery{Sort: app.AuditSortEntity, Desc: true}},
		{"time/person+entity", app.ListQuery{Sort: app.AuditSortTime, Filters: map[string]string{app.AuditFilterPerson: "p0", app.AuditFilterEntity: "sop_run"}}},
		{"time/search", app.ListQuery{Sort: app.AuditSortTime, Desc: true, Search: "new value 42"}},
		{"time/deep-offset", app.ListQuery{Sort: app.AuditSortTime, Offset: 90_000, SkipTotal: true}},
	} {
		b.Run(bc.name+"/first", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ListAudit(ctx, bc.q); err != nil {
					b.Fatal(err)
				}
			}
		})
		first, _, err := s.ListAudit(ctx, bc.q)
		if err != nil || len(first) == 0 {
			b.Fatalf("no first page: %v", err)
		}
		next := bc.q
		next.After, next.SkipTotal = first[len(first)-1].ID, true
		b.Run(bc.name+"/next", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ListAudit(ctx, next); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
