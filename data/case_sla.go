package data

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// The SLA standing of cases.
//
// The clocks are app's pure rules (sla.go), fed by the case and its
// timeline (app.SLAInput). Lists must filter and sort by SLA state in
// SQL, so each case also keeps its standing in local columns (migration
// 0008): the kind of standing (running, paused, met, none) and, for a
// running case, when its most urgent clock runs out. Those do not change
// with the passing of time, only with the case, its timeline or the
// office's settings: a running clock's due instant is fixed, a paused
// case stays paused (or, already late, stays late with a due instant in
// the past) until its status changes. So "late now" is a comparison of
// the stored due instant with now, which SQL does with an index.
//
// Writes here refresh the case they change in the same transaction;
// anything else (a merge, a changed target) marks cases stale through the
// triggers, and reads bring stale cases up to date first.

// Kinds of SLA standing (local_sla_kind).
const (
	slaRunning = "running"
	slaPaused  = "paused"
	slaMet     = "met"
	slaNone    = "none"
)

// Sort ranks after every running case (whose rank is its due instant in
// Unix ms, about 1.7e12 today): paused, then met, then no target.
const (
	rankPaused int64 = 4_000_000_000_000_000
	rankMet    int64 = 5_000_000_000_000_000
	rankNone   int64 = 6_000_000_000_000_000
)

// slaCols are the derived SLA columns of one case.
type slaCols struct {
	kind              string
	due, rank         int64
	firstAt, firstDue int64
	firstMinutes      int
	resolvedAt        int64
}

// deriveSLA evaluates case in at now and returns the columns to store.
func deriveSLA(policy app.SLAPolicy, cal *app.Calendar, in app.SLACase, now time.Time) slaCols {
	r := policy.Evaluate(cal, in, now)
	var k slaCols
	ms := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.UnixMilli()
	}
	switch r.State {
	case app.SLAMet:
		k.kind, k.rank = slaMet, rankMet
	case app.SLANone:
		k.kind, k.rank = slaNone, rankNone
	case app.SLAPaused:
		k.kind, k.rank = slaPaused, rankPaused
	default:
		k.kind = slaRunning
		for _, c := range []app.SLAClock{r.FirstResponse, r.Resolution} {
			switch c.State {
			case app.SLAOK, app.SLADueSoon, app.SLALate:
				if d := c.Due.UnixMilli(); k.due == 0 || d < k.due {
					k.due = d
				}
			}
		}
		k.rank = k.due
	}
	fr := r.FirstResponse
	k.firstAt = ms(fr.MetAt)
	if fr.State != app.SLAPaused && fr.State != app.SLANone {
		k.firstDue = ms(fr.Due)
	}
	if fr.State == app.SLAMet {
		k.firstMinutes = int(fr.Elapsed / time.Minute)
	}
	k.resolvedAt = ms(in.Resolved)
	return k
}

// slaStateAt is a case's SLA state at now from its stored standing, with
// how late it is and when it is due (running cases).
func slaStateAt(kind string, due int64, now time.Time, soon time.Duration) (app.SLAState, int, time.Time) {
	switch kind {
	case slaMet:
		return app.SLAMet, 0, time.Time{}
	case slaPaused:
		return app.SLAPaused, 0, time.Time{}
	case slaRunning:
		d := time.UnixMilli(due).UTC()
		n := now.UnixMilli()
		switch {
		case n > due:
			return app.SLALate, int((n - due + 59_999) / 60_000), d
		case time.Duration(due-n)*time.Millisecond <= soon:
			return app.SLADueSoon, 0, d
		}
		return app.SLAOK, 0, d
	}
	return app.SLANone, 0, time.Time{}
}

// slaCondition is the SQL condition keeping the cases in state at now.
// The instants are integers this code writes, never user text.
func slaCondition(state app.SLAState, now time.Time, soon time.Duration) (string, error) {
	n := now.UnixMilli()
	s := n + soon.Milliseconds()
	switch state {
	case app.SLALate:
		return fmt.Sprintf("(c.local_sla_kind = 'running' AND c.local_sla_due < %d)", n), nil
	case app.SLADueSoon:
		return fmt.Sprintf("(c.local_sla_kind = 'running' AND c.local_sla_due >= %d AND c.local_sla_due <= %d)", n, s), nil
	case app.SLAOK:
		return fmt.Sprintf("(c.local_sla_kind = 'running' AND c.local_sla_due > %d)", s), nil
	case app.SLAPaused:
		return "c.local_sla_kind = 'paused'", nil
	case app.SLAMet:
		return "c.local_sla_kind = 'met'", nil
	case app.SLANone:
		return "c.local_sla_kind = 'none'", nil
	}
	return "", fmt.Errorf("case list: unknown SLA state %q (known: late, due_soon, ok, paused, met, none): %w", state, app.ErrInvalidInput)
}

// slaCase is one case as the clocks read it.
type slaCase struct {
	id      string
	channel app.Channel
	created time.Time
	entries []app.Entry // status changes and answers
}

// slaBatch bounds the cases whose timelines one query reads.
const slaBatch = 500

// loadSLACases reads the cases query selects (id, channel, created_at
// first) with the timeline entries the clocks need, calling fn per batch.
func loadSLACases(ctx context.Context, q querier, query string, args []any, fn func([]slaCase) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return mapErr(err)
	}
	var all []slaCase
	for rows.Next() {
		var c slaCase
		var ch, created string
		if err := rows.Scan(&c.id, &ch, &created); err != nil {
			rows.Close()
			return mapErr(err)
		}
		c.channel, c.created = app.Channel(ch), parseCaseTime(created)
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	for start := 0; start < len(all); start += slaBatch {
		batch := all[start:min(start+slaBatch, len(all))]
		if err := slaEntries(ctx, q, batch); err != nil {
			return err
		}
		if err := fn(batch); err != nil {
			return err
		}
	}
	return nil
}

// slaEntries fills in the status changes and answers of a batch of cases.
func slaEntries(ctx context.Context, q querier, batch []slaCase) error {
	index := make(map[string]int, len(batch))
	args := make([]any, len(batch))
	for i, c := range batch {
		index[c.id] = i
		args[i] = c.id
	}
	rows, err := q.QueryContext(ctx, `SELECT case_id, at, kind, to_value FROM case_entry
		WHERE case_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(batch)), ",")+`)
		AND kind IN ('status', 'message_out', 'call') AND deleted = 0`, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at, kind, to string
		if err := rows.Scan(&id, &at, &kind, &to); err != nil {
			return mapErr(err)
		}
		i := index[id]
		batch[i].entries = append(batch[i].entries, app.Entry{At: parseCaseTime(at), Kind: app.EntryKind(kind), To: to})
	}
	return mapErr(rows.Err())
}

func (c slaCase) input() app.SLACase {
	return app.SLAInput(app.Case{Channel: c.channel, Created: c.created}, c.entries)
}

// refreshSLA brings the SLA columns of the cases ids (nil: every stale
// case) up to date inside tx.
func (s *Store) refreshSLA(ctx context.Context, tx *sql.Tx, ids []string) error {
	cfg, err := serviceConfig(ctx, tx)
	if err != nil {
		return err
	}
	query := `SELECT id, channel, created_at FROM service_case WHERE local_sla_stale = 1`
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return nil
		}
		query = `SELECT id, channel, created_at FROM service_case WHERE id IN (` +
			strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + `)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE service_case SET local_sla_stale = 0, local_sla_kind = ?, local_sla_due = ?,
		local_sla_rank = ?, local_first_at = ?, local_first_due = ?, local_first_minutes = ?, local_resolved_at = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	now := s.now()
	n := 0
	err = loadSLACases(ctx, tx, query, args, func(batch []slaCase) error {
		for _, c := range batch {
			k := deriveSLA(cfg.Policy, cfg.Calendar, c.input(), now)
			if _, err := upd.ExecContext(ctx, k.kind, k.due, k.rank, k.firstAt, k.firstDue, k.firstMinutes, k.resolvedAt, c.id); err != nil {
				return err
			}
		}
		n += len(batch)
		return nil
	})
	if err != nil || n < analyzeAfter {
		return err
	}
	return analyzeServiceIfGrown(ctx, tx)
}

// analyzeAfter is how many cases one write must bring (an import, a
// merge, a demo batch) before the planner's statistics are checked.
const analyzeAfter = 500

// analyzeServiceIfGrown refreshes SQLite's statistics of the case tables
// (ANALYZE, approximate) when there are none yet or the number of cases
// changed by more than a quarter since. Without them the planner cannot
// tell that "not deleted" keeps every case, and counts a search's few
// matches by reading all 50,000 cases instead of looking the few up.
// The statistics are local to this desk, like the indexes they describe.
func analyzeServiceIfGrown(ctx context.Context, tx *sql.Tx) error {
	var haveStats bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1')`).Scan(&haveStats); err != nil {
		return err
	}
	var before, now int64
	if haveStats {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(CAST(substr(stat, 1, instr(stat || ' ', ' ') - 1) AS INTEGER)), 0)
			FROM sqlite_stat1 WHERE tbl = 'service_case'`).Scan(&before); err != nil {
			return err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM service_case`).Scan(&now); err != nil {
		return err
	}
	if before > 0 && now-before <= before/4 && before-now <= before/4 {
		return nil
	}
	for _, q := range []string{`PRAGMA analysis_limit = 1000`, `ANALYZE service_case`, `ANALYZE case_entry`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// RefreshServiceSLA brings every stale case's SLA standing up to date
// (after a merge or a change of the office's targets). Lists call it
// themselves; it costs one indexed look when nothing is stale.
func (s *Store) RefreshServiceSLA(ctx context.Context) error {
	var stale bool
	if err := s.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM service_case WHERE local_sla_stale = 1)`).Scan(&stale); err != nil {
		return mapErr(err)
	}
	if !stale {
		return nil
	}
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.refreshSLA(ctx, tx, nil) })
}

// CaseSLA is a case with both of its SLA clocks at an instant.
type CaseSLA struct {
	Case app.Case
	SLA  app.SLAResult
}

// CaseClocks evaluates both SLA clocks of one case at now.
func (s *Store) CaseClocks(ctx context.Context, id string, now time.Time) (app.SLAResult, error) {
	c, err := s.Case(ctx, id)
	if err != nil {
		return app.SLAResult{}, err
	}
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return app.SLAResult{}, err
	}
	entries, err := s.Timeline(ctx, id)
	if err != nil {
		return app.SLAResult{}, err
	}
	return cfg.Policy.Evaluate(cfg.Calendar, app.SLAInput(c, entries), now), nil
}

// CasesWithSLA hands every case (only those not resolved or closed when
// openOnly), oldest first, with both SLA clocks evaluated at now, to fn:
// one query for the cases, one per 500 for their timelines, the clocks in
// Go. It is the SLA of every open case in one call (the command line's
// `cases --json --open`, the Today cards).
func (s *Store) CasesWithSLA(ctx context.Context, openOnly bool, now time.Time, fn func(CaseSLA) error) error {
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return err
	}
	where := "c.deleted = 0"
	if openOnly {
		where += " AND c.status IN " + activeStatuses
	}
	// Sorted here: the open cases come fastest through the status index,
	// not in the order of creation.
	rows, err := s.read.QueryContext(ctx, `SELECT `+caseColumns+` FROM `+caseFrom+` WHERE `+where)
	if err != nil {
		return mapErr(err)
	}
	var cases []app.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			rows.Close()
			return mapErr(err)
		}
		cases = append(cases, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	slices.SortFunc(cases, func(a, b app.Case) int { return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID)) })
	for start := 0; start < len(cases); start += slaBatch {
		batch := make([]slaCase, 0, slaBatch)
		for _, c := range cases[start:min(start+slaBatch, len(cases))] {
			batch = append(batch, slaCase{id: c.ID, channel: c.Channel, created: c.Created})
		}
		if err := slaEntries(ctx, s.read, batch); err != nil {
			return err
		}
		for i, b := range batch {
			r := cfg.Policy.Evaluate(cfg.Calendar, b.input(), now)
			if err := fn(CaseSLA{Case: cases[start+i], SLA: r}); err != nil {
				return err
			}
		}
	}
	return nil
}
