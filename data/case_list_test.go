package data

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// caseFixture makes n cases through the store, in insertion order: few
// buyers (so the customer sort has ties), every status, type and channel,
// two owners and nobody, creation times with repeats.
func caseFixture(tb testing.TB, s *Store, clk *svcClock, n int) ([]app.Case, []app.Person) {
	tb.Helper()
	ctx := context.Background()
	var people []app.Person
	for _, name := range []string{"王芳", "Lily"} {
		p, err := s.CreatePerson(ctx, app.Person{Name: name, Role: app.RoleService, Active: true})
		if err != nil {
			tb.Fatal(err)
		}
		people = append(people, p)
	}
	buyers := []string{"John Doe", "anna", "Zoe", "张伟", "Émile", "bob", ""}
	base := clk.now().Add(-30 * 24 * time.Hour)
	var out []app.Case
	for i := 0; i < n; i++ {
		c := app.Case{
			Type:     app.CaseTypes()[i%len(app.CaseTypes())],
			Channel:  app.Channels()[i%len(app.Channels())],
			Customer: buyers[i%len(buyers)],
			Contact:  fmt.Sprintf("buyer%d@example.com", i),
			OrderID:  fmt.Sprintf("113-%07d-%07d", i, i*7),
			SKU:      []string{"MUG-11", "TOWEL-22", "LAMP-3"}[i%3],
			Summary:  fmt.Sprintf("case %d", i),
			Created:  base.Add(time.Duration(i/3) * time.Hour),
		}
		if i%4 != 3 {
			c.OwnerID = people[i%2].ID
		}
		st := app.CaseStatuses()[(i/2)%len(app.CaseStatuses())]
		c.Status = st
		if st.Done() {
			c.Resolution = app.ResolveRefund
		}
		got, err := s.CreateCase(ctx, c, "")
		if err != nil {
			tb.Fatalf("case %d: %v", i, err)
		}
		out = append(out, got)
	}
	return out, people
}

func caseIDs(items []app.CaseItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

// pageCases reads every page of q by keyset, checking each total.
func pageCases(t *testing.T, s *Store, q app.ListQuery, want int) []string {
	t.Helper()
	var got []string
	for page := 0; ; page++ {
		rows, total, err := s.ListCases(context.Background(), q)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if total != want {
			t.Fatalf("page %d: total %d, want %d", page, total, want)
		}
		got = append(got, caseIDs(rows)...)
		if len(rows) < q.PageLimit() {
			return got
		}
		q.After = rows[len(rows)-1].ID
		if page > want {
			t.Fatal("paging does not end")
		}
	}
}

func nocaseFold(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// TestListCases pages through every sort, both ways, under each filter,
// and compares with the order worked out in Go: SQLite's NOCASE folds
// ASCII letters only, ties go by creation time, then insertion order.
func TestListCases(t *testing.T) {
	ctx := context.Background()
	s, clk := openClocked(t, shAt(t, "2024-03-20 10:00"))
	cases, people := caseFixture(t, s, clk, searchLookupMax+20)
	rank := map[string]int64{}
	rows, err := s.read.Query(`SELECT id, local_sla_rank FROM service_case`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var r int64
		if err := rows.Scan(&id, &r); err != nil {
			t.Fatal(err)
		}
		rank[id] = r
	}
	rows.Close()
	order := map[int]int{} // fixture index -> insertion order (rowid order)
	for i := range cases {
		order[i] = i
	}
	sortKeys := map[string]func(a, b app.Case) int{
		app.CaseSortCreated: func(a, b app.Case) int { return a.Created.Compare(b.Created) },
		app.CaseSortUpdated: func(a, b app.Case) int { return a.Updated.Compare(b.Updated) },
		app.CaseSortCustomer: func(a, b app.Case) int {
			return cmp.Or(strings.Compare(nocaseFold(a.Customer), nocaseFold(b.Customer)), a.Created.Compare(b.Created))
		},
		app.CaseSortStatus: func(a, b app.Case) int {
			return cmp.Or(strings.Compare(string(a.Status), string(b.Status)), a.Created.Compare(b.Created))
		},
		app.CaseSortSLA: func(a, b app.Case) int { return cmp.Compare(rank[a.ID], rank[b.ID]) },
	}
	filters := []struct {
		name string
		f    map[string]string
		keep func(app.Case) bool
	}{
		{"all", nil, func(app.Case) bool { return true }},
		{"status open", map[string]string{app.CaseFilterStatus: "open"}, func(c app.Case) bool { return c.Status == app.CaseOpen }},
		{"active", map[string]string{app.CaseFilterStatus: app.CaseStatusActive}, func(c app.Case) bool { return !c.Status.Done() }},
		{"owner", map[string]string{app.CaseFilterOwner: people[0].ID}, func(c app.Case) bool { return c.OwnerID == people[0].ID }},
		{"nobody", map[string]string{app.CaseFilterOwner: app.CaseOwnerNobody}, func(c app.Case) bool { return c.OwnerID == "" }},
		{"type+sku", map[string]string{app.CaseFilterType: "lost_parcel", app.CaseFilterSKU: "LAMP-3"},
			func(c app.Case) bool { return c.Type == app.CaseLostParcel && c.SKU == "LAMP-3" }},
		{"channel", map[string]string{app.CaseFilterChannel: "email"}, func(c app.Case) bool { return c.Channel == app.ChannelEmail }},
	}
	for key, less := range sortKeys {
		for _, f := range filters {
			for _, desc := range []bool{false, true} {
				var want []app.Case
				idx := map[string]int{}
				for i, c := range cases {
					if f.keep(c) {
						want = append(want, c)
						idx[c.ID] = i
					}
				}
				slices.SortStableFunc(want, func(a, b app.Case) int {
					c := cmp.Or(less(a, b), cmp.Compare(idx[a.ID], idx[b.ID]))
					if desc {
						return -c
					}
					return c
				})
				var wantIDs []string
				for _, c := range want {
					wantIDs = append(wantIDs, c.ID)
				}
				q := app.ListQuery{Sort: key, Desc: desc, Filters: f.f, Limit: 17}
				if got := pageCases(t, s, q, len(want)); !slices.Equal(got, wantIDs) {
					t.Fatalf("sort %s desc=%v filter %s: got %d rows, want %d; first difference at %d",
						key, desc, f.name, len(got), len(wantIDs), firstDiff(got, wantIDs))
				}
			}
		}
	}
	// A search finding more cases than are looked up one by one pages
	// the same way: every summary says "case N"; with "31", the cases
	// whose N starts with 31 (a short word matches the start of a word).
	for _, search := range []string{"case", "case 31"} {
		var want []string
		for i := len(cases) - 1; i >= 0; i-- {
			if strings.HasPrefix(cases[i].Summary, search) {
				want = append(want, cases[i].ID)
			}
		}
		q := app.ListQuery{Search: search, Limit: 50}
		if got := pageCases(t, s, q, len(want)); !slices.Equal(got, want) {
			t.Fatalf("search %q: %d rows, want %d", search, len(got), len(want))
		}
	}
	if _, _, err := s.ListCases(ctx, app.ListQuery{Sort: "priority"}); !errors.Is(err, app.ErrInvalidInput) {
		t.Errorf("unknown sort: %v", err)
	}
	if _, _, err := s.ListCases(ctx, app.ListQuery{Filters: map[string]string{app.CaseFilterSLA: "sleepy"}}); !errors.Is(err, app.ErrInvalidInput) {
		t.Errorf("unknown SLA state: %v", err)
	}
	if _, _, err := s.ListCases(ctx, app.ListQuery{Filters: map[string]string{"color": "red"}}); !errors.Is(err, app.ErrInvalidInput) {
		t.Errorf("unknown filter: %v", err)
	}
}

// The search finds a case by any word of its buyer, contact, order id,
// tracking number, SKU, summary or timeline: words of three characters or
// more anywhere inside (trigram index), shorter ones at the start of a
// word of the case's fields (word index).
func TestListCasesSearch(t *testing.T) {
	ctx := context.Background()
	s, clk := openClocked(t, shAt(t, "2024-03-20 10:00"))
	mk := func(c app.Case, message string) string {
		t.Helper()
		c.Created = clk.now().Add(-time.Hour)
		got, err := s.CreateCase(ctx, c, message)
		if err != nil {
			t.Fatal(err)
		}
		return got.ID
	}
	john := mk(emailCase(time.Time{}), "The handle of the mug broke off")
	wang := mk(app.Case{Type: app.CaseLostParcel, Channel: app.ChannelBuyerMessage, Customer: "王芳", OrderID: "113-7654321-7654321",
		Tracking: "YT1234567890", Carrier: "圆通", SKU: "TOWEL-22"}, "包裹一直没有更新物流信息")
	zhang := mk(app.Case{Type: app.CaseInquiry, Channel: app.ChannelChat, Customer: "张伟", SKU: "LAMP-3", Summary: "50% off? R&D_team"}, "")
	if _, err := s.AddEntry(ctx, app.Entry{CaseID: zhang, Kind: app.EntryNote, Body: "customer wants the blue lamp shade"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		search string
		want   []string
	}{
		{"john", []string{john}},
		{"JOHN doe", []string{john}},                // case ignored, every word must match
		{"1234567", []string{john, wang}},           // inside both order ids
		{"1z 999 aa1 0123 4567 84", []string{john}}, // a tracking number pasted with spaces
		{"handle", []string{john}},                  // the timeline's first message
		{"lamp shade", []string{zhang}},             // a note added later
		{"物流信息", []string{wang}},                    // Chinese inside a timeline message
		{"王芳", []string{wang}},                      // a two-character name: the case's fields
		{"Do", []string{john}},                      // two letters: the start of a word
		{"oe", nil},                                 // not inside one
		{"圆通", nil},                                 // the carrier is not searched
		{"50%", []string{zhang}},                    // LIKE wildcards taken literally
		{"R&D_", []string{zhang}},                   //
		{`"quoted" OR x`, nil},                      // FTS5 syntax taken literally
		{"TOWEL mug", nil},                          // two cases' words: none has both
		{"  ", []string{john, wang, zhang}},         // blank: everything
		{"Handle broke", []string{john}},            // words in one entry
		{"dented mug", []string{john}},              // summary and timeline words together
		{"YT123", []string{wang}},                   //
		{"no such thing", nil},                      //
		{strings.Repeat("x", 300), nil},             // over-long pastes are cut, not refused
		{"ZHANG zhang", nil},                        //
		{"blue 张伟", []string{zhang}},                // a long and a short word
		{"113-7654321-7654321", []string{wang}},     // a whole order id
		{"buyer message", nil},                      // the channel is not text
		{"lamp", []string{zhang}},                   // SKU and note
		{"john@example", []string{john}},            // contact
		{"TOWEL-22", []string{wang}},                //
		{"mug-11", []string{john}},                  //
		{"更新物流", []string{wang}},                    //
		{"新物", nil},                                 // two characters of a timeline: not searched
		{"一直", nil},                                 //
		{"包裹一直没有更新物流信息 YT", []string{wang}},         //
	}
	for _, tt := range tests {
		items, total, err := s.ListCases(ctx, app.ListQuery{Search: tt.search, Sort: app.CaseSortCreated})
		if err != nil {
			t.Fatalf("search %q: %v", tt.search, err)
		}
		got := caseIDs(items)
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) || total != len(tt.want) {
			t.Errorf("search %q: %v (total %d), want %v", tt.search, got, total, tt.want)
		}
	}
	// The index follows edits: a new buyer name is found, the old one not.
	c, _ := s.Case(ctx, wang)
	c.Customer = "Fang Wang"
	if _, err := s.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	for search, want := range map[string]int{"Fang": 1, "王芳": 0} {
		if _, total, _ := s.ListCases(ctx, app.ListQuery{Search: search}); total != want {
			t.Errorf("after renaming, %q finds %d, want %d", search, total, want)
		}
	}
	if err := s.RebuildServiceSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := s.ListCases(ctx, app.ListQuery{Search: "lamp shade"}); total != 1 {
		t.Errorf("after a rebuild, the note is found %d times", total)
	}
}

// TestListCasesPlans keeps every sort on its index, alone and under the
// status and owner filters.
func TestListCasesPlans(t *testing.T) {
	s, clk := openClocked(t, shAt(t, "2024-03-20 10:00"))
	_, people := caseFixture(t, s, clk, 60)
	if _, err := s.write.Exec(`ANALYZE`); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{app.CaseSortCreated, app.CaseSortUpdated, app.CaseSortCustomer, app.CaseSortStatus, app.CaseSortSLA} {
		for fname, f := range map[string]map[string]string{
			"none": nil, "status": {app.CaseFilterStatus: "open"}, "owner": {app.CaseFilterOwner: people[0].ID},
		} {
			sp := caseList
			l, err := sp.build(context.Background(), s.read, app.ListQuery{Sort: key, Filters: f}, "c.id")
			if err != nil {
				t.Fatal(err)
			}
			plan := queryPlan(t, s, l.page, l.pageArgs...)
			// A sort other than by creation under a filter may sort the
			// filtered rows (one status or one person's cases).
			maySort := fname != "none" && key != app.CaseSortCreated && key != app.CaseSortSLA
			if strings.Contains(plan, "SCAN c\n") || (!maySort && strings.Contains(plan, "TEMP B-TREE")) {
				t.Errorf("sort %s filter %s:\n%s", key, fname, plan)
			}
		}
	}
}
