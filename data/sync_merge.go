package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/opsbench/opsbench/app"
)

// fieldDeleted is the field_hlc key of the tombstone.
const fieldDeleted = "deleted"

// SyncCounts says what a merge did to one table.
type SyncCounts struct {
	Inserted  int `json:"inserted,omitempty"`
	Updated   int `json:"updated,omitempty"`
	Deleted   int `json:"deleted,omitempty"`
	Conflicts int `json:"conflicts,omitempty"`
	Unchanged int `json:"unchanged,omitempty"`
}

// Changed is the number of rows the merge wrote.
func (c SyncCounts) Changed() int { return c.Inserted + c.Updated + c.Deleted }

// SyncMerge is an open merge of one bundle: a write transaction into which
// rows are merged one by one, committed with Commit (which also records the
// bundle as imported) or abandoned with Rollback. Nothing is visible to
// other connections before Commit.
type SyncMerge struct {
	s        *Store
	ctx      context.Context
	tx       *sql.Tx
	tables   map[string]SyncTable
	handles  map[string]*SyncMergeTable
	counts   map[string]*SyncCounts
	maxHLC   string
	now      string
	mark     *sql.Stmt
	marks    []any // (table, id) pairs not yet written to sync_change
	markMany *sql.Stmt
	audit    *sql.Stmt
	confl    *sql.Stmt
	closed   bool
	// limit is the newest wall time (13 digits, as in an HLC string) a
	// merged clock may have: MaxClockAhead past this desk's wall clock.
	limit string
	// own is this desk's replica id; ownTaken counts merged values stamped
	// with it that this desk did not have (see Commit).
	own      string
	ownTaken int
	aheadErr error
	changes  ChangeSet
}

// BeginSyncMerge starts a merge. It holds the database's single writer
// until Commit or Rollback, so local edits wait meanwhile; cancelling ctx
// rolls it back.
func (s *Store) BeginSyncMerge(ctx context.Context) (*SyncMerge, error) {
	if err := s.CheckFile(); err != nil {
		return nil, err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, mapErr(err)
	}
	m := &SyncMerge{s: s, ctx: ctx, tx: tx, tables: map[string]SyncTable{}, handles: map[string]*SyncMergeTable{},
		counts: map[string]*SyncCounts{}, now: formatInstant(s.now()),
		limit: fmt.Sprintf("%013d", s.Clock().Limit().UnixMilli()), own: s.Replica().ID,
		changes: ChangeSet{Tables: map[string][]string{}}}
	fail := func(err error) (*SyncMerge, error) {
		m.Rollback()
		return nil, mapErr(err)
	}
	// A bigger page cache while merging: a bundle touches many pages.
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
		return fail(err)
	}
	tables, err := syncTables(ctx, tx)
	if err != nil {
		return fail(err)
	}
	for _, t := range tables {
		m.tables[t.Name] = t
	}
	if m.mark, err = tx.PrepareContext(ctx, `INSERT OR REPLACE INTO sync_change (tbl, row_id) VALUES (?, ?)`); err != nil {
		return fail(err)
	}
	if m.audit, err = tx.PrepareContext(ctx, `SELECT changes, action FROM audit_log
		WHERE entity = ? AND entity_id = ? AND hlc > ? AND hlc <= ?`); err != nil {
		return fail(err)
	}
	if m.confl, err = tx.PrepareContext(ctx, `INSERT INTO sync_conflict
		(id, hlc, replica, deleted, field_hlc, tbl, row_id, field, value) VALUES (?, ?, ?, 0, '{}', ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`); err != nil {
		return fail(err)
	}
	return m, nil
}

// Rollback abandons the merge: the database is as before Begin.
func (m *SyncMerge) Rollback() {
	if m.closed {
		return
	}
	m.closed = true
	_ = m.tx.Rollback()
	m.resetCache()
}

// resetCache gives the writer its usual page cache back.
func (m *SyncMerge) resetCache() {
	_, _ = m.s.write.ExecContext(context.WithoutCancel(m.ctx), `PRAGMA cache_size = -2000`)
}

// Counts returns what the merge did so far, by table.
func (m *SyncMerge) Counts() map[string]SyncCounts {
	out := make(map[string]SyncCounts, len(m.counts))
	for k, v := range m.counts {
		out[k] = *v
	}
	return out
}

// SyncMergeTable merges the rows of one table sent with a given list of
// columns.
type SyncMergeTable struct {
	m       *SyncMerge
	t       SyncTable
	cols    []int // for each sent column: its index in t.Columns, or -1 (ignored)
	sent    []string
	counts  *SyncCounts
	sel     *sql.Stmt
	ins     *sql.Stmt
	upd     *sql.Stmt
	insCols []int // sent-column indexes written by ins, in order
	// add inserts a record row unless its id exists. While most rows are
	// new here (a first import), rows are added with it first, saving a
	// lookup; while most exist, they are looked up first.
	add         *sql.Stmt
	found, miss int
	// docs are the document columns sent (merged key by key).
	docs []sentDoc
}

// sentDoc is a document column of a merged table: its index and its key
// clocks' index in the table's columns, and where the bundle sends them
// (-1: not sent).
type sentDoc struct {
	col, kc       int
	sentCol, sent int
}

// Table prepares merging rows of table name (of the given kind) whose
// values come in the order of columns. A table this database does not sync,
// or syncs as another kind, is refused. A column this database does not
// have is refused too, unless ignoreUnknown is set (a bundle from an older
// data format may carry a column that a later migration removed).
func (m *SyncMerge) Table(name, kind string, columns []string, ignoreUnknown bool) (*SyncMergeTable, error) {
	if h, ok := m.handles[name]; ok {
		if strings.Join(h.sent, ",") != strings.Join(columns, ",") {
			return nil, fmt.Errorf("table %s is sent twice with different columns", name)
		}
		return h, nil
	}
	t, ok := m.tables[name]
	if !ok {
		return nil, fmt.Errorf("table %q is not synced by this database: %w", name, app.ErrNewerSchema)
	}
	if t.Kind != kind {
		return nil, fmt.Errorf("table %s is synced as %q here but sent as %q", name, t.Kind, kind)
	}
	h := &SyncMergeTable{m: m, t: t, sent: append([]string(nil), columns...)}
	seen := map[string]bool{}
	for i, c := range columns {
		if seen[c] {
			return nil, fmt.Errorf("table %s: column %s is sent twice", name, c)
		}
		seen[c] = true
		idx := t.Column(c)
		if idx < 0 && !ignoreUnknown {
			return nil, fmt.Errorf("table %s has no column %q here: %w", name, c, app.ErrNewerSchema)
		}
		h.cols = append(h.cols, idx)
		if idx >= 0 {
			h.insCols = append(h.insCols, i)
		}
	}
	for j, c := range t.Columns {
		if c.Merge != MergeTOML {
			continue
		}
		d := sentDoc{col: j, kc: t.Column(KeyClockColumn(c.Name)), sentCol: -1, sent: -1}
		for i, idx := range h.cols {
			switch idx {
			case d.col:
				d.sentCol = i
			case d.kc:
				d.sent = i
			}
		}
		if d.sentCol >= 0 {
			h.docs = append(h.docs, d)
		}
	}
	names := t.ColumnNames()
	insNames := []string{"id", "hlc", "replica", "deleted", "field_hlc"}
	for _, i := range h.insCols {
		insNames = append(insNames, columns[i])
	}
	var err error
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(insNames)), ", ")
	if t.Kind == SyncKindAppend {
		h.ins, err = m.tx.PrepareContext(m.ctx, fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO NOTHING`,
			name, strings.Join(insNames, ", "), ph))
	} else {
		h.ins, err = m.tx.PrepareContext(m.ctx, fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s)`, name, strings.Join(insNames, ", "), ph))
	}
	if err != nil {
		return nil, mapErr(err)
	}
	if t.Kind == SyncKindRecord {
		if h.add, err = m.tx.PrepareContext(m.ctx, fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO NOTHING`,
			name, strings.Join(insNames, ", "), ph)); err != nil {
			return nil, mapErr(err)
		}
		sel := append([]string{"hlc", "deleted", "field_hlc"}, names...)
		if h.sel, err = m.tx.PrepareContext(m.ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE id = ?`, strings.Join(sel, ", "), name)); err != nil {
			return nil, mapErr(err)
		}
		sets := []string{"hlc = ?", "replica = ?", "deleted = ?", "field_hlc = ?"}
		for _, c := range names {
			sets = append(sets, c+" = ?")
		}
		if h.upd, err = m.tx.PrepareContext(m.ctx, fmt.Sprintf(`UPDATE %s SET %s WHERE id = ?`, name, strings.Join(sets, ", "))); err != nil {
			return nil, mapErr(err)
		}
	}
	h.counts = &SyncCounts{}
	m.counts[name] = h.counts
	m.handles[name] = h
	return h, nil
}

// Merge merges one incoming row: an append row is added unless its id is
// already here; a record row is merged field by field (see the package
// sync documentation for the rules). Malformed rows are refused.
func (h *SyncMergeTable) Merge(r SyncRow) error {
	if err := h.check(&r); err != nil {
		return fmt.Errorf("table %s row %.40q: %w", h.t.Name, r.ID, err)
	}
	if h.t.Kind == SyncKindAppend {
		return h.mergeAppend(r)
	}
	return h.mergeRecord(r)
}

// check validates an incoming row, keeps only the clocks of known fields
// and converts its values to the local column types.
func (h *SyncMergeTable) check(r *SyncRow) error {
	if !app.ValidID(r.ID) {
		return errors.New("the id is not a UUID")
	}
	if len(r.Values) != len(h.sent) {
		return fmt.Errorf("%d values for %d columns", len(r.Values), len(h.sent))
	}
	if hh, err := app.ParseHLC(r.HLC); err != nil || hh.IsZero() {
		return fmt.Errorf("bad row clock %.60q", r.HLC)
	}
	h.m.observe(r.HLC)
	clocks := make(map[string]string, len(r.Clocks))
	for k, v := range r.Clocks {
		if k != fieldDeleted && h.t.Column(k) < 0 {
			continue
		}
		if v == r.HLC { // checked above; most fields were last written with the row
			clocks[k] = v
			continue
		}
		if _, err := app.ParseHLC(v); err != nil {
			return fmt.Errorf("bad clock for %s: %.60q", k, v)
		}
		if v == "" {
			continue
		}
		h.m.observe(v)
		clocks[k] = v
	}
	r.Clocks = clocks
	if h.m.aheadErr != nil {
		return h.m.aheadErr
	}
	for i, v := range r.Values {
		if idx := h.cols[i]; idx >= 0 {
			r.Values[i] = normalizeSyncValue(v, h.t.Columns[idx].Type)
		}
	}
	return nil
}

// observe notes a merged clock (already parsed): the newest is observed
// into the local clock on Commit. A clock too far ahead is refused.
func (m *SyncMerge) observe(h string) {
	if h > m.maxHLC {
		m.maxHLC = h
		if h[:13] > m.limit && m.aheadErr == nil {
			hh, _ := app.ParseHLC(h)
			m.aheadErr = &app.ClockAheadError{Clock: hh, Wall: m.s.now()}
		}
	}
}

// takenOwn counts a merged value stamped with this desk's own id that this
// desk did not hold.
func (m *SyncMerge) takenOwn(clock string) {
	if len(clock) > 25 && clock[25:] == m.own {
		m.ownTaken++
	}
}

func replicaOf(h string) string {
	if hh, err := app.ParseHLC(h); err == nil {
		return hh.Replica
	}
	return ""
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (h *SyncMergeTable) insertArgs(r SyncRow, hlc string, deleted bool, fc fieldClocks) []any {
	args := make([]any, 0, 5+len(h.insCols))
	args = append(args, r.ID, hlc, replicaOf(hlc), boolInt(deleted), clocksString(fc))
	for _, i := range h.insCols {
		args = append(args, sqlValue(r.Values[i]))
	}
	return args
}

func (h *SyncMergeTable) mergeAppend(r SyncRow) error {
	res, err := h.ins.ExecContext(h.m.ctx, h.insertArgs(r, r.HLC, r.Deleted, fieldClocks(r.Clocks))...)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		h.counts.Unchanged++
		return nil
	}
	h.counts.Inserted++
	h.m.takenOwn(r.HLC)
	return h.m.markChanged(h.t.Name, r.ID)
}

// markChanged gives the row a new change sequence, so it travels on in the
// next export. Marks are written in batches (flushMarks).
func (m *SyncMerge) markChanged(table, id string) error {
	m.marks = append(m.marks, table, id)
	if ids := m.changes.Tables[table]; len(ids) < changeFeedCap {
		m.changes.Tables[table] = append(ids, id)
	} else if len(ids) == changeFeedCap && !slices.Contains(m.changes.Truncated, table) {
		m.changes.Truncated = append(m.changes.Truncated, table)
	}
	if len(m.marks) >= 2*markBatch {
		return m.flushMarks()
	}
	return nil
}

const markBatch = 400

func (m *SyncMerge) flushMarks() error {
	for len(m.marks) > 0 {
		n := min(len(m.marks), 2*markBatch)
		var err error
		if n == 2*markBatch {
			if m.markMany == nil {
				q := `INSERT OR REPLACE INTO sync_change (tbl, row_id) VALUES (?, ?)` + strings.Repeat(", (?, ?)", markBatch-1)
				if m.markMany, err = m.tx.PrepareContext(m.ctx, q); err != nil {
					return mapErr(err)
				}
			}
			_, err = m.markMany.ExecContext(m.ctx, m.marks[:n]...)
		} else {
			for i := 0; i < n && err == nil; i += 2 {
				_, err = m.mark.ExecContext(m.ctx, m.marks[i:i+2]...)
			}
		}
		if err != nil {
			return mapErr(err)
		}
		m.marks = m.marks[n:]
	}
	m.marks = nil
	return nil
}

// maxOther is the newest clock of any field but the tombstone.
func maxOther(fc map[string]string) string {
	var max string
	for k, v := range fc {
		if k != fieldDeleted && v > max {
			max = v
		}
	}
	return max
}

// newestNewer is the newest clock among the fields (other than the
// tombstone) where a is newer than b: the last edit a holds that b has not
// seen ("" when none).
func newestNewer(a, b map[string]string) string {
	var max string
	for k, v := range a {
		if k != fieldDeleted && v > b[k] && v > max {
			max = v
		}
	}
	return max
}

// pendingConflict is a losing value found while merging a row.
type pendingConflict struct {
	field      string
	loser      any
	loserHLC   string
	winnerHLC  string
	checkAudit bool
}

func (h *SyncMergeTable) mergeRecord(r SyncRow) error {
	m := h.m
	if h.miss >= h.found {
		added, err := h.insertRecord(r, h.add)
		if err != nil || added {
			h.miss++
			return err
		}
	}
	n := len(h.t.Columns)
	local := make([]any, n+3)
	ptrs := make([]any, n+3)
	var lhlc, lfc string
	var ldel int64
	ptrs[0], ptrs[1], ptrs[2] = &lhlc, &ldel, &lfc
	for i := 0; i < n; i++ {
		ptrs[i+3] = &local[i+3]
	}
	err := h.sel.QueryRowContext(m.ctx, r.ID).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		h.miss++
		_, err := h.insertRecord(r, h.ins)
		return err
	}
	if err != nil {
		return mapErr(err)
	}
	h.found++
	lvals := local[3:]
	lc, err := parseClocksFast(lfc)
	if err != nil {
		lc = fieldClocks{} // a damaged value only loses merge precision, as in parseFieldClocks
	}
	localDeleted := ldel != 0

	vals := append([]any(nil), lvals...)
	fc := fieldClocks{}
	for k, v := range lc {
		fc[k] = v
	}
	changed := false
	var conflicts []pendingConflict
	for i, idx := range h.cols {
		if idx < 0 || h.isDoc(idx) {
			continue
		}
		col := h.t.Columns[idx]
		name := col.Name
		iv, ic := r.Values[i], r.Clocks[name]
		lv, lcl := lvals[idx], lc[name]
		// A derived value (updated_at) that loses is not a conflict.
		noteLoss := col.Merge != MergeDerived
		switch {
		case ic > lcl:
			fc[name] = ic
			changed = true
			h.m.takenOwn(ic)
			if !syncValueEqual(iv, lv) {
				vals[idx] = iv
				if lcl != "" && noteLoss {
					conflicts = append(conflicts, pendingConflict{field: name, loser: lv, loserHLC: lcl, winnerHLC: ic, checkAudit: true})
				}
			}
		case ic == lcl:
			// Two values under one clock: only a copied database (two desks
			// with one id) makes them. The larger wins on every desk; the
			// other is kept as a conflict, so nothing is lost silently.
			if !syncValueEqual(iv, lv) {
				loser := iv
				if syncValueLess(lv, iv) {
					vals[idx], loser = iv, lv
					changed = true
				}
				if noteLoss && ic != "" {
					conflicts = append(conflicts, pendingConflict{field: name, loser: loser, loserHLC: ic, winnerHLC: ic})
				}
			}
		default:
			if ic != "" && !syncValueEqual(iv, lv) && noteLoss {
				conflicts = append(conflicts, pendingConflict{field: name, loser: iv, loserHLC: ic, winnerHLC: lcl, checkAudit: true})
			}
		}
	}
	for _, d := range h.docs {
		dc, docChanged, err := h.mergeDoc(d, r, lvals, lc, vals, fc)
		if err != nil {
			return err
		}
		changed = changed || docChanged
		conflicts = append(conflicts, dc...)
	}

	// The tombstone: the newer "deleted" clock says whether the row was
	// deleted; it holds only while no other field is newer.
	ldc, idc := lc[fieldDeleted], r.Clocks[fieldDeleted]
	var raw bool
	switch {
	case idc > ldc:
		raw = r.Deleted
		fc[fieldDeleted] = idc
		changed = true
	case idc < ldc:
		raw = localDeleted
	default:
		raw = localDeleted || r.Deleted
	}
	deleted := raw && fc[fieldDeleted] > maxOther(fc)
	hlc := lhlc
	if r.HLC > hlc {
		hlc = r.HLC
	}
	if mo := maxOther(fc); mo > hlc {
		hlc = mo
	}
	if fc[fieldDeleted] > hlc {
		hlc = fc[fieldDeleted]
	}
	// A deletion that hides edits its author had not seen, and an edit that
	// brings back a row deleted without its author seeing the deletion, are
	// conflicts on the field "deleted". They are keyed by the clock of the
	// hidden edits or of the deletion, so every desk that notices the same
	// loss records the same row.
	if deleted {
		if !localDeleted {
			if e := newestNewer(lc, r.Clocks); e != "" {
				conflicts = append(conflicts, pendingConflict{field: fieldDeleted, loser: int64(0), loserHLC: e, winnerHLC: fc[fieldDeleted]})
			}
		}
		if !r.Deleted {
			if e := newestNewer(r.Clocks, lc); e != "" {
				conflicts = append(conflicts, pendingConflict{field: fieldDeleted, loser: int64(0), loserHLC: e, winnerHLC: fc[fieldDeleted]})
			}
		}
	} else {
		if localDeleted && idc != ldc {
			conflicts = append(conflicts, pendingConflict{field: fieldDeleted, loser: int64(1), loserHLC: ldc, winnerHLC: hlc})
		}
		if r.Deleted && idc != ldc {
			conflicts = append(conflicts, pendingConflict{field: fieldDeleted, loser: int64(1), loserHLC: idc, winnerHLC: hlc})
		}
	}
	if deleted != localDeleted || hlc != lhlc {
		changed = true
	}
	for _, c := range conflicts {
		if err := h.recordConflict(r.ID, c); err != nil {
			return err
		}
	}
	if !changed {
		h.counts.Unchanged++
		return nil
	}
	args := make([]any, 0, n+5)
	args = append(args, hlc, replicaOf(hlc), boolInt(deleted), clocksString(fc))
	for _, v := range vals {
		args = append(args, sqlValue(v))
	}
	args = append(args, r.ID)
	if _, err := h.upd.ExecContext(m.ctx, args...); err != nil {
		return mapErr(err)
	}
	switch {
	case deleted && !localDeleted:
		h.counts.Deleted++
	default:
		h.counts.Updated++
	}
	return m.markChanged(h.t.Name, r.ID)
}

// isDoc reports whether table column idx is a document column or its key
// clocks (merged by mergeDoc).
func (h *SyncMergeTable) isDoc(idx int) bool {
	for _, d := range h.docs {
		if idx == d.col || idx == d.kc {
			return true
		}
	}
	return false
}

// mergeDoc merges a document column key by key into vals and fc (see
// sync_doc.go) and returns the key values that lost.
func (h *SyncMergeTable) mergeDoc(d sentDoc, r SyncRow, lvals []any, lc map[string]string, vals []any, fc fieldClocks) ([]pendingConflict, bool, error) {
	name, kcName := h.t.Columns[d.col].Name, h.t.Columns[d.kc].Name
	iText, lText := text(r.Values[d.sentCol]), text(lvals[d.col])
	iKC, lKC := "{}", text(lvals[d.kc])
	if d.sent >= 0 {
		iKC = text(r.Values[d.sent])
	}
	ic, lcl := r.Clocks[name], lc[name]
	if ic == "" || (iText == lText && iKC == lKC && ic == lcl) {
		return nil, false, nil
	}
	l := docState{keys: DocumentKeys(lText), clocks: parseFieldClocks(lKC), col: lcl}
	in := docState{keys: DocumentKeys(iText), clocks: parseFieldClocks(iKC), col: ic}
	merged, lost := mergeDocs(l, in)
	var out string
	switch sameL, sameI := merged.same(l), merged.same(in); {
	case sameL && sameI:
		out = min(lText, iText) // the same keys written twice: either text, the same on every desk
	case sameL:
		out = lText
	case sameI:
		out = iText
	default:
		var err error
		if out, err = merged.text(); err != nil {
			return nil, false, fmt.Errorf("column %s: %w", name, err)
		}
	}
	kc := clocksString(merged.clocks)
	changed := out != lText || kc != lKC || merged.col != lcl
	vals[d.col], vals[d.kc] = out, kc
	fc[name], fc[kcName] = merged.col, merged.col
	var conflicts []pendingConflict
	for _, c := range lost {
		conflicts = append(conflicts, pendingConflict{field: DocumentField(name, c.key), loser: c.loser,
			loserHLC: c.loserHLC, winnerHLC: c.winnerHLC, checkAudit: true})
	}
	return conflicts, changed, nil
}

// insertRecord adds a row not here yet with stmt (h.ins, or h.add which
// does nothing when the id exists: added is then false).
func (h *SyncMergeTable) insertRecord(r SyncRow, stmt *sql.Stmt) (added bool, err error) {
	fc := fieldClocks(r.Clocks)
	deleted := r.Deleted && fc[fieldDeleted] > maxOther(fc)
	hlc := r.HLC
	for _, v := range fc {
		if v > hlc {
			hlc = v
		}
	}
	res, err := stmt.ExecContext(h.m.ctx, h.insertArgs(r, hlc, deleted, fc)...)
	if err != nil {
		return false, fmt.Errorf("cannot add the row: %w", mapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if deleted {
		h.counts.Deleted++
	} else {
		h.counts.Inserted++
	}
	h.m.takenOwn(hlc)
	return true, h.m.markChanged(h.t.Name, r.ID)
}

// recordConflict keeps a losing value in sync_conflict, unless the audit
// log shows that whoever wrote the winner replaced exactly that value (an
// ordinary edit of a value they had seen, not a conflict).
func (h *SyncMergeTable) recordConflict(id string, c pendingConflict) error {
	m := h.m
	if c.checkAudit {
		seen, err := m.knowinglyReplaced(h.t.Name, id, c.field, c.loser, c.loserHLC, c.winnerHLC)
		if err != nil || seen {
			return err
		}
	}
	cid := ConflictID(h.t.Name, id, c.field, c.loserHLC)
	res, err := m.confl.ExecContext(m.ctx, cid, c.loserHLC, replicaOf(c.loserHLC), h.t.Name, id, c.field,
		string(AppendSyncValue(nil, c.loser)))
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		h.counts.Conflicts++
		if m.counts[tableConflict] == nil {
			m.counts[tableConflict] = &SyncCounts{}
		}
		m.counts[tableConflict].Inserted++
		return m.markChanged(tableConflict, cid)
	}
	return nil
}

const tableConflict = "sync_conflict"

// ConflictID is the id of the conflict row for a losing value: derived
// from where it was and its clock, so that desks noticing the same loss
// independently record the same row.
func ConflictID(table, rowID, field, loserHLC string) string {
	sum := sha256.Sum256([]byte(table + "\x00" + rowID + "\x00" + field + "\x00" + loserHLC))
	sum[6] = 0x80 | sum[6]&0x0f // version 8: custom
	sum[8] = 0x80 | sum[8]&0x3f // RFC 4122 variant
	return uuid.UUID(sum[:16]).String()
}

// knowinglyReplaced reports whether an audited edit of field, made after
// loserHLC and no later than winnerHLC, replaced the value loser.
func (m *SyncMerge) knowinglyReplaced(table, id, field string, loser any, loserHLC, winnerHLC string) (bool, error) {
	rows, err := m.audit.QueryContext(m.ctx, table, id, loserHLC, winnerHLC)
	if err != nil {
		return false, mapErr(err)
	}
	defer rows.Close()
	want := auditText(text(loser))
	for rows.Next() {
		var changes, action string
		if err := rows.Scan(&changes, &action); err != nil {
			return false, mapErr(err)
		}
		var cs []app.Change
		if json.Unmarshal([]byte(changes), &cs) != nil {
			continue
		}
		for _, c := range cs {
			if c.Field == field && c.Old == want {
				return true, nil
			}
		}
	}
	return false, mapErr(rows.Err())
}

// auditText is s as the audit log keeps it: JSON text, where bytes that
// are not UTF-8 become U+FFFD.
func auditText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// SyncBundleInfo describes a merged bundle, recorded by Commit.
type SyncBundleInfo struct {
	FileSHA256    string
	ContentSHA256 string
	BundleID      string
	Replica       string
	ReplicaName   string
	AppVersion    string
	Created       time.Time
	HLCMax        string
	Rows          int
	File          string
	// Writer identifies the database file that wrote the bundle (machine
	// and path, see Store.Writer); "" for bundles of older versions.
	Writer string
}

// SyncMergeResult is what a committed merge did.
type SyncMergeResult struct {
	Tables    map[string]SyncCounts
	Changed   int
	Conflicts int
	// MaxHLC is the newest clock seen in the merged rows; the local clock
	// now issues only newer ones.
	MaxHLC string
	// Changes lists the records the merge changed (see Subscribe).
	Changes ChangeSet
	// CopiedDesk is set when the bundle claims this desk's id, was written
	// by another database file, and held changes stamped with this desk's
	// id that this desk never made: proof that the database was copied
	// (see DeskCopy).
	CopiedDesk bool
}

// Commit records the bundle as imported, moves the local clock past every
// clock merged, and commits. beforeWrite (when not nil) runs first when
// the merge changed any row, while the database is still as before it:
// that is when a backup is taken, and a failure abandons the merge. After
// a failed Commit nothing is changed.
func (m *SyncMerge) Commit(info SyncBundleInfo, beforeWrite func() error) (SyncMergeResult, error) {
	if m.closed {
		return SyncMergeResult{}, errors.New("the merge is already finished")
	}
	defer m.Rollback()
	if err := m.flushMarks(); err != nil {
		return SyncMergeResult{}, err
	}
	res := SyncMergeResult{Tables: m.Counts(), MaxHLC: m.maxHLC}
	for _, c := range res.Tables {
		res.Changed += c.Changed()
		res.Conflicts += c.Conflicts
	}
	if info.HLCMax > m.maxHLC {
		if _, err := app.ParseHLC(info.HLCMax); err == nil {
			m.observe(info.HLCMax)
		}
	}
	if m.aheadErr != nil {
		return res, m.aheadErr
	}
	if res.Changed > 0 && beforeWrite != nil {
		if err := beforeWrite(); err != nil {
			return res, err
		}
	}
	ctx, tx := m.ctx, m.tx
	if info.Replica == m.own && info.Writer != "" && info.Writer != m.s.Writer() && m.ownTaken > 0 {
		res.CopiedDesk = true
		if err := m.s.noteCopy(ctx, tx, DeskCopy{Reason: CopyBundle, OtherName: info.ReplicaName, File: info.File,
			Changes: m.ownTaken, At: m.s.now().UTC()}); err != nil {
			return res, mapErr(err)
		}
	}
	created := formatInstant(info.Created)
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO sync_bundle
		(file_sha256, content_sha256, bundle_id, replica, replica_name, created, hlc_max, rows, changed, imported_at, file)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		info.FileSHA256, info.ContentSHA256, info.BundleID, info.Replica, info.ReplicaName, created, info.HLCMax,
		info.Rows, res.Changed, m.now, info.File); err != nil {
		return res, mapErr(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_peer
		(replica, name, app_version, last_bundle_at, last_import_at, hlc_max, bundles, rows, changed)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
		ON CONFLICT (replica) DO UPDATE SET name = excluded.name, app_version = excluded.app_version,
			last_bundle_at = max(last_bundle_at, excluded.last_bundle_at), last_import_at = excluded.last_import_at,
			hlc_max = max(hlc_max, excluded.hlc_max), bundles = bundles + 1, rows = excluded.rows, changed = excluded.changed`,
		info.Replica, info.ReplicaName, info.AppVersion, created, m.now, info.HLCMax, info.Rows, res.Changed); err != nil {
		return res, mapErr(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_refused WHERE replica = ?`, info.Replica); err != nil {
		return res, mapErr(err)
	}
	counts, _ := json.Marshal(nonEmpty(res.Tables))
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_log (at, kind, file, replica, rows, counts) VALUES (?, 'import', ?, ?, ?, ?)`,
		m.now, info.File, info.Replica, info.Rows, string(counts)); err != nil {
		return res, mapErr(err)
	}
	// Later local edits must sort after everything merged, also after a
	// restart: observe before the writer is released, and remember it.
	if h, err := app.ParseHLC(m.maxHLC); err == nil && !h.IsZero() {
		if err := m.s.Clock().Observe(h); err != nil {
			return res, err
		}
		if err := setSetting(ctx, tx, SettingLastHLC, m.s.Clock().Last().String()); err != nil {
			return res, mapErr(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return res, mapErr(err)
	}
	m.closed = true
	m.resetCache()
	res.Changes = m.changes
	if res.Changed > 0 {
		m.s.publish(m.changes)
	}
	return res, nil
}

// nonEmpty drops tables the merge did not touch.
func nonEmpty(t map[string]SyncCounts) map[string]SyncCounts {
	out := map[string]SyncCounts{}
	for k, v := range t {
		v.Unchanged = 0
		if v != (SyncCounts{}) {
			out[k] = v
		}
	}
	return out
}
