package data

import (
	"context"
	"database/sql"
	"maps"
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
	search: caseSearch,
}

// minFTSRunes: the trigram index finds text of three characters or more.
const minFTSRunes = 3

// caseSearch keeps the cases matching every word of text somewhere: in
// the buyer's name or contact, the order id, tracking number, SKU or
// summary, or (words of three characters or more, through the FTS5
// indexes) anywhere in the timeline. Shorter words (a two-character
// Chinese name, "UPS"-like codes are three) are looked for in the case's
// own fields. A tracking number pasted with spaces also matches as one.
func caseSearch(text string) (string, []any) {
	var conds []string
	var args []any
	words := strings.Fields(text)
	for _, w := range words {
		if utf8.RuneCountInString(w) >= minFTSRunes {
			m := ftsPhrase(w)
			conds = append(conds, `(c.rowid IN (SELECT rowid FROM service_case_fts WHERE service_case_fts MATCH ?)
				OR c.id IN (SELECT e.case_id FROM case_entry_fts f JOIN case_entry e ON e.rowid = f.rowid WHERE case_entry_fts MATCH ?))`)
			args = append(args, m, m)
			continue
		}
		p := likeContains(w)
		conds = append(conds, `(c.customer LIKE ? ESCAPE '\' OR c.contact LIKE ? ESCAPE '\' OR c.order_id LIKE ? ESCAPE '\'
			OR c.tracking LIKE ? ESCAPE '\' OR c.sku LIKE ? ESCAPE '\' OR c.summary LIKE ? ESCAPE '\')`)
		args = append(args, p, p, p, p, p, p)
	}
	cond := "(" + strings.Join(conds, " AND ") + ")"
	if joined := app.NormalizeTracking(text); len(words) > 1 && utf8.RuneCountInString(joined) >= minFTSRunes {
		cond = "(" + cond + " OR c.rowid IN (SELECT rowid FROM service_case_fts WHERE service_case_fts MATCH ?))"
		args = append(args, "tracking : "+ftsPhrase(joined))
	}
	return cond, args
}

// ftsPhrase quotes a word as an FTS5 string, so that no character of it
// is query syntax.
func ftsPhrase(w string) string { return `"` + strings.ReplaceAll(w, `"`, `""`) + `"` }

// ListCases returns a page of the case list (see app.ListQuery) with each
// case's SLA standing now: sorted by app.CaseSortCreated (the default,
// newest first), CaseSortUpdated, CaseSortCustomer, CaseSortStatus or
// CaseSortSLA (most urgent first); filtered by status (or
// app.CaseStatusActive), owner (a person id or app.CaseOwnerNobody),
// type, channel, SKU and SLA state; searched as caseSearch says.
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
	switch q.Filters[app.CaseFilterStatus] {
	case app.CaseStatusActive:
		sp.where += " AND c.status NOT IN ('resolved', 'closed')"
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
