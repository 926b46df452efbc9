package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opsbench/opsbench/app"
)

// The case list: paged, sorted and filtered in SQL (see list.go), with
// the full-text search of migration 0008. Migration 0008 indexes every
// sort, alone and under the status and owner filters.
var caseList = listSpec{
	name:  "case list",
	from:  caseFrom,
	where: "c.deleted = 0",
	id:    "c.id",
	tie:   "c.rowid",
	sorts: map[string][]string{
		app.CaseSortCreated:  {"c.created_at"},
		app.CaseSortUpdated:  {"c.updated_at"},
		app.CaseSortCustomer: {"c.customer COLLATE NOCASE", "c.created_at"},
		app.CaseSortStatus:   {"c.status", "c.created_at"},
		app.CaseSortSLA:      {"c.local_sla_rank"},
	},
	defaultSort: app.CaseSortCreated,
	defaultDesc: true,
	filters: map[string]string{
		app.CaseFilterStatus:  "c.status = ?",
		app.CaseFilterOwner:   "c.owner_id = ?",
		app.CaseFilterType:    "c.type = ?",
		app.CaseFilterChannel: "c.channel = ?",
		app.CaseFilterSKU:     "c.sku = ?",
	},
}

// minFTSRunes: the trigram index finds text of three characters or more.
const minFTSRunes = 3

// maxSearchWords bounds the words of a search (a pasted paragraph).
const maxSearchWords = 8

// searchLookupMax is the most cases a search finds that a page looks up
// one by one; beyond, walking the sort's index is cheaper.
const searchLookupMax = 300

// searchCases finds the cases matching every word of text somewhere: a
// word of three characters or more anywhere inside the buyer's name or
// contact, the order id, tracking number, SKU or summary, or any timeline
// entry (the FTS5 trigram indexes); a shorter word (a two-character name)
// at the start of a word of the case's own fields (the FTS5 word index).
// A tracking number pasted with spaces also matches as one.
//
// The rarest word's cases are read first (each match of an entry costs a
// look-up of its case); the other words are then only checked against
// those, through the indexes' own sets of rows. The page and its count
// then look up only the cases found.
func (s *Store) searchCases(ctx context.Context, text string) (map[int64]string, error) {
	fields := strings.Fields(text)
	if len(fields) > maxSearchWords {
		fields = fields[:maxSearchWords]
	}
	words := make([]searchWord, 0, len(fields))
	for _, f := range fields {
		w := searchWord{match: ftsPhrase(f), long: utf8.RuneCountInString(f) >= minFTSRunes}
		if !w.long {
			w.match += " *" // a prefix
		}
		if len(fields) > 1 {
			n, err := w.count(ctx, s.read)
			if err != nil {
				return nil, err
			}
			w.n = n
		}
		words = append(words, w)
	}
	slices.SortStableFunc(words, func(a, b searchWord) int { return a.n - b.n })
	// found maps the rowid of each case found to its id ("" while unread).
	var found map[int64]string
	for i, w := range words {
		if i == 0 {
			found = map[int64]string{}
			for _, q := range w.all() {
				if err := s.collectCases(ctx, found, q, w.match); err != nil {
					return nil, err
				}
			}
		} else {
			var err error
			if found, err = s.keepMatching(ctx, found, w); err != nil {
				return nil, err
			}
		}
		if len(found) == 0 {
			break
		}
	}
	if joined := app.NormalizeTracking(text); len(fields) > 1 && utf8.RuneCountInString(joined) >= minFTSRunes {
		if found == nil {
			found = map[int64]string{}
		}
		if err := s.collectCases(ctx, found, `SELECT rowid, '' FROM service_case_fts WHERE service_case_fts MATCH ?`,
			"tracking : "+ftsPhrase(joined)); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// keepMatching keeps the cases of found that word w also matches: in
// their fields (a set of rowids from the index, intersected) or in their
// timelines (their entries, through the index on case ids, tested against
// the index's set of entry rowids): nothing but indexes is read.
func (s *Store) keepMatching(ctx context.Context, found map[int64]string, w searchWord) (map[int64]string, error) {
	rowids, err := json.Marshal(slices.Collect(maps.Keys(found)))
	if err != nil {
		return nil, err
	}
	keep := map[int64]string{}
	fields := `SELECT value, '' FROM json_each(?1) WHERE value IN (SELECT rowid FROM service_case_fts WHERE service_case_fts MATCH ?2)`
	if !w.long {
		fields = `SELECT value, '' FROM json_each(?1) WHERE value IN (SELECT rowid FROM service_case_words WHERE service_case_words MATCH ?2)`
	}
	if err := s.collectCases(ctx, keep, fields, string(rowids), w.match); err != nil {
		return nil, err
	}
	if !w.long {
		return keep, nil
	}
	// The timelines name cases by id: read the ids not known yet.
	var unread []int64
	for r, id := range found {
		if id == "" {
			unread = append(unread, r)
		}
	}
	if len(unread) > 0 {
		q, err := json.Marshal(unread)
		if err != nil {
			return nil, err
		}
		if err := s.collectCases(ctx, found, `SELECT rowid, id FROM service_case WHERE rowid IN (SELECT value FROM json_each(?))`, string(q)); err != nil {
			return nil, err
		}
	}
	byID := make(map[string]int64, len(found))
	ids := make([]string, 0, len(found))
	for r, id := range found {
		byID[id] = r
		ids = append(ids, id)
	}
	idJSON, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT DISTINCT e.case_id FROM case_entry e WHERE e.case_id IN (SELECT value FROM json_each(?1))
		AND e.rowid IN (SELECT rowid FROM case_entry_fts WHERE case_entry_fts MATCH ?2)`, string(idJSON), w.match)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, mapErr(err)
		}
		keep[byID[id]] = id
	}
	return keep, mapErr(rows.Err())
}

// searchWord is one word of a search, as an FTS5 query of the index that
// finds it, with how many rows it matches there.
type searchWord struct {
	match string
	long  bool // three characters or more: the trigram indexes
	n     int
}

// count is how many rows of the indexes the word matches (no look-ups).
func (w searchWord) count(ctx context.Context, q queryer) (int, error) {
	var n int
	query := `SELECT (SELECT count(*) FROM service_case_fts WHERE service_case_fts MATCH ?1)
		+ (SELECT count(*) FROM case_entry_fts WHERE case_entry_fts MATCH ?1)`
	if !w.long {
		query = `SELECT count(*) FROM service_case_words WHERE service_case_words MATCH ?1`
	}
	err := q.QueryRowContext(ctx, query, w.match).Scan(&n)
	return n, mapErr(err)
}

// all are the queries giving every case the word matches: its rowid, and
// its id when known without reading the case.
func (w searchWord) all() []string {
	if !w.long {
		return []string{`SELECT rowid, '' FROM service_case_words WHERE service_case_words MATCH ?`}
	}
	return []string{
		`SELECT rowid, '' FROM service_case_fts WHERE service_case_fts MATCH ?`,
		`SELECT c.rowid, e.case_id FROM case_entry_fts f JOIN case_entry e ON e.rowid = f.rowid JOIN service_case c ON c.id = e.case_id
			WHERE case_entry_fts MATCH ?`,
	}
}

// collectCases adds the cases q gives (rowid, id or "") to into, keeping
// an id already known.
func (s *Store) collectCases(ctx context.Context, into map[int64]string, q string, args ...any) error {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r int64
		var id string
		if err := rows.Scan(&r, &id); err != nil {
			return mapErr(err)
		}
		if id != "" || into[r] == "" {
			into[r] = id
		}
	}
	return mapErr(rows.Err())
}

// ftsPhrase quotes a word as an FTS5 string, so that no character of it
// is query syntax.
func ftsPhrase(w string) string { return `"` + strings.ReplaceAll(w, `"`, `""`) + `"` }

// ListCases returns a page of the case list (see app.ListQuery) with each
// case's SLA standing now: sorted by app.CaseSortCreated (the default,
// newest first), CaseSortUpdated, CaseSortCustomer, CaseSortStatus or
// CaseSortSLA (most urgent first); filtered by status (or
// app.CaseStatusActive), owner (a person id or app.CaseOwnerNobody),
// type, channel, SKU and SLA state; searched as searchCases says.
func (s *Store) ListCases(ctx context.Context, q app.ListQuery) ([]app.CaseItem, int, error) {
	if err := s.RefreshServiceSLA(ctx); err != nil {
		return nil, 0, err
	}
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return nil, 0, err
	}
	now := s.now()
	sp := caseList
	q.Filters = maps.Clone(q.Filters)
	if v := q.Filters[app.CaseFilterSLA]; v != "" {
		cond, err := slaCondition(app.SLAState(v), now, cfg.dueSoon())
		if err != nil {
			return nil, 0, err
		}
		sp.where += " AND " + cond
	}
	delete(q.Filters, app.CaseFilterSLA)
	if text := strings.TrimSpace(q.Search); text != "" {
		if r := []rune(text); len(r) > maxSearchRunes {
			text = string(r[:maxSearchRunes])
		}
		found, err := s.searchCases(ctx, text)
		if err != nil {
			return nil, 0, err
		}
		rowids, err := json.Marshal(slices.Sorted(maps.Keys(found)))
		if err != nil {
			return nil, 0, err
		}
		// A few cases found: looked up one by one. Many: the page walks its
		// sort's index and keeps those found (the unary + stops SQLite from
		// looking up thousands of rows only to sort them).
		cond := "c.rowid IN (SELECT value FROM json_each(?))"
		if len(found) > searchLookupMax {
			cond = "+" + cond
		}
		sp.search = func(string) (string, []any) { return cond, []any{string(rowids)} }
	}
	switch q.Filters[app.CaseFilterStatus] {
	case app.CaseStatusActive:
		sp.where += " AND c.status IN " + activeStatuses
		delete(q.Filters, app.CaseFilterStatus)
	}
	if q.Filters[app.CaseFilterOwner] == app.CaseOwnerNobody {
		sp.where += " AND c.owner_id = ''"
		delete(q.Filters, app.CaseFilterOwner)
	}
	l, err := sp.build(ctx, s.read, q, caseColumns+`, c.local_sla_kind, c.local_sla_due, c.local_first_at, c.local_resolved_at`)
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.CaseItem, error) {
		return s.queryCaseItems(ctx, query, now, cfg.dueSoon(), args...)
	})
}

func (s *Store) queryCaseItems(ctx context.Context, query string, now time.Time, soon time.Duration, args ...any) ([]app.CaseItem, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.CaseItem
	for rows.Next() {
		var kind string
		var due, first, resolved int64
		c, err := scanCase(rows, &kind, &due, &first, &resolved)
		if err != nil {
			return nil, mapErr(err)
		}
		it := app.CaseItem{Case: c}
		it.SLA, it.LateMinutes, it.Due = slaStateAt(kind, due, now, soon)
		it.FirstResponse, it.Resolved = msTime(first), msTime(resolved)
		out = append(out, it)
	}
	return out, mapErr(rows.Err())
}

func msTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// RebuildServiceSearch rebuilds the full-text indexes of cases and
// timelines from the rows (they are derived and local; the triggers keep
// them in step, this makes them whole again should they ever not be).
func (s *Store) RebuildServiceSearch(ctx context.Context) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`INSERT INTO service_case_fts (service_case_fts) VALUES ('rebuild')`,
			`INSERT INTO case_entry_fts (case_entry_fts) VALUES ('rebuild')`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
}
