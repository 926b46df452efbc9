package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// record holds the business columns of one synced row: column -> value.
// Values are string, int64 or bool (stored as 0/1); the bookkeeping
// columns (id, hlc, replica, deleted, field_hlc) are managed here.
type record map[string]any

// columns returns the record's column names in a stable order.
func (r record) columns() []string {
	cols := make([]string, 0, len(r))
	for c := range r {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	return cols
}

// sqlValue converts a record value to what the driver stores.
func sqlValue(v any) any {
	if b, ok := v.(bool); ok {
		if b {
			return int64(1)
		}
		return int64(0)
	}
	if i, ok := v.(int); ok {
		return int64(i)
	}
	return v
}

// text renders a stored value for the audit log.
func text(v any) string {
	switch x := sqlValue(v).(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	default:
		return fmt.Sprint(x)
	}
}

// fieldClocks is the field_hlc column: the HLC of each field's last change.
type fieldClocks map[string]string

// parseFieldClocks reads a field_hlc value; a damaged one only loses merge
// precision (its fields count as never written).
func parseFieldClocks(s string) fieldClocks {
	fc, err := parseClocksFast(s)
	if err != nil {
		return fieldClocks{}
	}
	return fc
}

// String is the canonical field_hlc text (see clocksString).
func (fc fieldClocks) String() string { return clocksString(fc) }

// docColumns lists the document columns of table (sync_column 'toml').
func docColumns(ctx context.Context, tx *sql.Tx, table string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT col FROM sync_column WHERE tbl = ? AND merge = ?`, table, MergeTOML)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out[c] = true
	}
	return out, rows.Err()
}

// stamp makes the timestamp of a local change and remembers it, inside tx,
// as the newest this replica wrote.
func (s *Store) stamp(ctx context.Context, tx *sql.Tx) (app.HLC, error) {
	h := s.Clock().Now()
	return h, setSetting(ctx, tx, SettingLastHLC, h.String())
}

// insertRecord adds a new synced row with every field stamped now, logs it
// and marks it for the next sync export. A document column is stored in
// its canonical form, its keys audited one by one.
func (s *Store) insertRecord(ctx context.Context, tx *sql.Tx, table, id string, r record) error {
	docs, err := docColumns(ctx, tx, table)
	if err != nil {
		return err
	}
	h, err := s.stamp(ctx, tx)
	if err != nil {
		return err
	}
	r = maps.Clone(r)
	var changes []app.Change
	for c := range docs {
		if _, ok := r[c]; !ok {
			continue
		}
		keys := DocumentKeys(text(r[c]))
		canon, err := RenderDocument(keys)
		if err != nil {
			return fmt.Errorf("%s: %w", c, err)
		}
		r[c], r[KeyClockColumn(c)] = canon, "{}"
		for _, k := range sortedKeys(keys) {
			changes = append(changes, app.Change{Field: DocumentField(c, k), New: keys[k]})
		}
	}
	cols := r.columns()
	fc := fieldClocks{fieldDeleted: h.String()}
	args := []any{id, h.String(), h.Replica, 0}
	for _, c := range cols {
		fc[c] = h.String()
		args = append(args, sqlValue(r[c]))
		if !docs[c] && !docs[strings.TrimSuffix(c, keyClockSuffix)] {
			changes = append(changes, app.Change{Field: c, New: text(r[c])})
		}
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Field < changes[j].Field })
	args = append(args, fc.String())
	q := fmt.Sprintf("INSERT INTO %s (id, hlc, replica, deleted, %s, field_hlc) VALUES (?, ?, ?, ?, %s?)",
		table, strings.Join(cols, ", "), strings.Repeat("?, ", len(cols)))
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return err
	}
	return s.afterChange(ctx, tx, h, table, id, app.ActionCreate, changes)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// updateRecord writes the fields of r that differ from the stored row,
// stamping only those, so that a concurrent edit of another field on
// another desk survives the merge. It reports whether anything changed.
func (s *Store) updateRecord(ctx context.Context, tx *sql.Tx, table, id string, r record) (bool, error) {
	return s.updateRecordTouching(ctx, tx, table, id, r, nil)
}

// updateRecordTouching is updateRecord that also writes the touch fields
// (such as updated_at) when anything in r changed. They are stamped and
// audited like every field, so they merge like every field. A document
// column changes key by key: only the keys whose value changed are
// stamped (a text that differs in layout only changes nothing).
func (s *Store) updateRecordTouching(ctx context.Context, tx *sql.Tx, table, id string, r, touch record) (bool, error) {
	docs, err := docColumns(ctx, tx, table)
	if err != nil {
		return false, err
	}
	cols := r.columns()
	sel := append([]string(nil), cols...)
	for _, c := range cols {
		if docs[c] {
			sel = append(sel, KeyClockColumn(c))
		}
	}
	for _, c := range touch.columns() {
		if _, ok := r[c]; !ok {
			sel = append(sel, c)
		}
	}
	old := make([]any, len(sel)+1)
	ptrs := make([]any, len(old))
	for i := range old {
		ptrs[i] = &old[i]
	}
	q := fmt.Sprintf("SELECT %s, field_hlc FROM %s WHERE id = ? AND deleted = 0", strings.Join(sel, ", "), table)
	if err := tx.QueryRowContext(ctx, q, id).Scan(ptrs...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("%s %s: %w", table, id, app.ErrNotFound)
		}
		return false, err
	}
	oldOf := func(c string) any { return old[slices.Index(sel, c)] }
	fc := parseFieldClocks(text(old[len(sel)]))
	var changed []string
	var changes []app.Change
	for _, c := range cols {
		if docs[c] {
			if keyChanges(DocumentKeys(text(oldOf(c))), DocumentKeys(text(r[c]))) {
				changed = append(changed, c)
			}
			continue
		}
		if text(oldOf(c)) != text(r[c]) {
			changed = append(changed, c)
			changes = append(changes, app.Change{Field: c, Old: text(oldOf(c)), New: text(r[c])})
		}
	}
	if len(changed) == 0 {
		return false, nil
	}
	h, err := s.stamp(ctx, tx)
	if err != nil {
		return false, err
	}
	sets := make([]string, 0, len(changed)+len(touch)+4)
	args := make([]any, 0, len(changed)+len(touch)+5)
	set := func(c string, v any) {
		fc[c] = h.String()
		sets = append(sets, c+" = ?")
		args = append(args, sqlValue(v))
	}
	for _, c := range changed {
		if !docs[c] {
			set(c, r[c])
			continue
		}
		kc := KeyClockColumn(c)
		prev := docState{keys: DocumentKeys(text(oldOf(c))), clocks: parseFieldClocks(text(oldOf(kc))), col: fc[c]}
		next, keyChanges := docEdit(prev, text(r[c]), h.String())
		body, err := next.text()
		if err != nil {
			return false, fmt.Errorf("%s: %w", c, err)
		}
		set(c, body)
		set(kc, clocksString(next.clocks))
		for _, k := range keyChanges {
			changes = append(changes, app.Change{Field: DocumentField(c, k[0]), Old: k[1], New: k[2]})
		}
	}
	for _, c := range touch.columns() {
		changes = append(changes, app.Change{Field: c, Old: text(oldOf(c)), New: text(touch[c])})
		set(c, touch[c])
	}
	sets = append(sets, "hlc = ?", "replica = ?", "field_hlc = ?")
	args = append(args, h.String(), h.Replica, fc.String(), id)
	q = fmt.Sprintf("UPDATE %s SET %s WHERE id = ?", table, strings.Join(sets, ", "))
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return false, err
	}
	return true, s.afterChange(ctx, tx, h, table, id, app.ActionUpdate, changes)
}

// keyChanges reports whether two documents' keys differ.
func keyChanges(a, b map[string]string) bool { return !maps.Equal(a, b) }

// deleteRecord tombstones a row: it stays (and travels) with deleted = 1.
func (s *Store) deleteRecord(ctx context.Context, tx *sql.Tx, table, id string) error {
	h, err := s.setDeleted(ctx, tx, table, id, true)
	if err != nil {
		return err
	}
	return s.afterChange(ctx, tx, h, table, id, app.ActionDelete, nil)
}

// undeleteRecord brings back a deleted row as a local edit: its tombstone
// gets a fresh clock with the value 0, which wins over the deletion.
func (s *Store) undeleteRecord(ctx context.Context, tx *sql.Tx, table, id string) error {
	h, err := s.setDeleted(ctx, tx, table, id, false)
	if err != nil {
		return err
	}
	return s.afterChange(ctx, tx, h, table, id, app.ActionUpdate, []app.Change{{Field: fieldDeleted, Old: "1", New: "0"}})
}

// setDeleted flips a row's deleted flag (the row must have the other
// value) with a fresh clock on the "deleted" field and returns that clock.
func (s *Store) setDeleted(ctx context.Context, tx *sql.Tx, table, id string, deleted bool) (app.HLC, error) {
	from, to := 0, 1
	if !deleted {
		from, to = 1, 0
	}
	var fcText string
	q := fmt.Sprintf("SELECT field_hlc FROM %s WHERE id = ? AND deleted = ?", table)
	if err := tx.QueryRowContext(ctx, q, id, from).Scan(&fcText); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return app.HLC{}, fmt.Errorf("%s %s: %w", table, id, app.ErrNotFound)
		}
		return app.HLC{}, err
	}
	h, err := s.stamp(ctx, tx)
	if err != nil {
		return app.HLC{}, err
	}
	fc := parseFieldClocks(fcText)
	fc[fieldDeleted] = h.String()
	q = fmt.Sprintf("UPDATE %s SET deleted = ?, hlc = ?, replica = ?, field_hlc = ? WHERE id = ?", table)
	if _, err := tx.ExecContext(ctx, q, to, h.String(), h.Replica, fc.String(), id); err != nil {
		return app.HLC{}, err
	}
	return h, nil
}

// appendRow adds an entry to an append-only synced table: stamped, marked
// for export, never changed afterwards (so no audit entry of its own).
func (s *Store) appendRow(ctx context.Context, tx *sql.Tx, table, id string, r record) error {
	h, err := s.stamp(ctx, tx)
	if err != nil {
		return err
	}
	cols := r.columns()
	args := []any{id, h.String(), h.Replica}
	for _, c := range cols {
		args = append(args, sqlValue(r[c]))
	}
	names := ""
	if len(cols) > 0 {
		names = ", " + strings.Join(cols, ", ")
	}
	q := fmt.Sprintf(`INSERT INTO %s (id, hlc, replica, deleted, field_hlc%s) VALUES (?, ?, ?, 0, '{}'%s)`,
		table, names, strings.Repeat(", ?", len(cols)))
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return err
	}
	return markChanged(ctx, tx, table, id)
}

// afterChange writes the audit entry for a change and marks the changed
// row (and the audit entry) for export.
func (s *Store) afterChange(ctx context.Context, tx *sql.Tx, h app.HLC, table, id, action string, changes []app.Change) error {
	if err := markChanged(ctx, tx, table, id); err != nil {
		return err
	}
	actor := s.Actor()
	entry := app.AuditEntry{
		ID:        s.newID(),
		At:        h.Time(),
		ActorID:   actor.ID,
		ActorName: actor.Name,
		Entity:    table,
		EntityID:  id,
		Action:    action,
		Changes:   changes,
	}
	return s.insertAudit(ctx, tx, h, entry)
}

// markChanged gives the row a new, higher change sequence number.
func markChanged(ctx context.Context, tx *sql.Tx, table, id string) error {
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO sync_change (tbl, row_id) VALUES (?, ?)`, table, id)
	return err
}

// formatInstant is how instants are stored: UTC RFC 3339 with milliseconds.
func formatInstant(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// appendBatch writes many entries of one synced table inside one
// transaction, as appendRow does one by one: each entry stamped with its
// own clock and marked for export, never changed afterwards. (The tables
// of imported report rows are record tables written this way: their ids
// follow from the report, so two desks importing one file write the same
// row with two clocks, which merge to the newer.) Entries go in multi-row statements
// (an import of 200,000 order lines would otherwise spend most of its
// time crossing into SQLite), and an entry whose id is already here (the
// same report line imported before, here or on another desk) is left as
// it is and not sent again.
type appendBatch struct {
	s       *Store
	ctx     context.Context
	tx      *sql.Tx
	table   string
	cols    []string
	full    *sql.Stmt // inserts appendBatchRows rows at once
	probe   *sql.Stmt // finds which of appendBatchRows ids are here
	mark    *sql.Stmt // appendBatchRows marks at once
	pending []any
	ids     []any
	seen    map[string]bool
	n       int
	last    app.HLC
	added   int
	marks   []any
}

// appendBatchRows is how many entries one statement writes: well under
// SQLite's limit of 32,766 parameters for tables of up to 40 columns.
const appendBatchRows = 128

// newAppendBatch prepares writing entries of table with the given
// business columns, in that order.
func (s *Store) newAppendBatch(ctx context.Context, tx *sql.Tx, table string, cols []string) *appendBatch {
	return &appendBatch{s: s, ctx: ctx, tx: tx, table: table, cols: cols}
}

// add queues an entry: vals are its business columns in the batch's
// order.
func (b *appendBatch) add(id string, vals ...any) error {
	if len(vals) != len(b.cols) {
		return fmt.Errorf("%s: %d values for %d columns", b.table, len(vals), len(b.cols))
	}
	h := b.s.Clock().Now()
	b.last = h
	b.pending = append(b.pending, id, h.String(), h.Replica)
	for _, v := range vals {
		b.pending = append(b.pending, sqlValue(v))
	}
	b.ids = append(b.ids, id)
	b.n++
	if b.n == appendBatchRows {
		return b.flush()
	}
	return nil
}

func (b *appendBatch) statement(rows int) string {
	row := "(?, ?, ?, 0, '{}'" + strings.Repeat(", ?", len(b.cols)) + ")"
	return fmt.Sprintf(`INSERT INTO %s (id, hlc, replica, deleted, field_hlc, %s) VALUES %s`,
		b.table, strings.Join(b.cols, ", "), strings.TrimSuffix(strings.Repeat(row+", ", rows), ", "))
}

func (b *appendBatch) probeStatement(rows int) string {
	return fmt.Sprintf(`SELECT id FROM %s WHERE id IN (%s)`, b.table, strings.TrimSuffix(strings.Repeat("?, ", rows), ", "))
}

// flush writes the queued entries that are not here yet, and marks them
// for export. Asking first which are here (a primary-key lookup each)
// costs less than having SQLite return the ids it inserted.
func (b *appendBatch) flush() error {
	if b.n == 0 {
		return nil
	}
	var err error
	full := b.n == appendBatchRows
	if full && b.probe == nil {
		if b.probe, err = b.tx.PrepareContext(b.ctx, b.probeStatement(appendBatchRows)); err != nil {
			return err
		}
	}
	var rows *sql.Rows
	if full {
		rows, err = b.probe.QueryContext(b.ctx, b.ids...)
	} else {
		rows, err = b.tx.QueryContext(b.ctx, b.probeStatement(b.n), b.ids...)
	}
	if err != nil {
		return err
	}
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	clear(b.seen)
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		b.seen[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// Write the ids not here yet, each once (one line twice in a file is
	// written once).
	args, n := b.pending, 0
	width := 3 + len(b.cols)
	for i := 0; i < b.n; i++ {
		id := b.ids[i].(string)
		if b.seen[id] {
			if n == i {
				args = append(args[:0:0], b.pending[:i*width]...)
			}
			continue
		}
		b.seen[id] = true
		if n != i {
			args = append(args, b.pending[i*width:(i+1)*width]...)
		}
		n++
		b.marks = append(b.marks, b.table, id)
	}
	if n > 0 {
		if n == appendBatchRows {
			if b.full == nil {
				if b.full, err = b.tx.PrepareContext(b.ctx, b.statement(appendBatchRows)); err != nil {
					return err
				}
			}
			_, err = b.full.ExecContext(b.ctx, args...)
		} else {
			_, err = b.tx.ExecContext(b.ctx, b.statement(n), args...)
		}
		if err != nil {
			return err
		}
	}
	b.added += n
	b.pending, b.ids, b.n = b.pending[:0], b.ids[:0], 0
	return b.flushMarks(false)
}

// flushMarks writes the sync_change marks queued, in full statements
// unless all is set.
func (b *appendBatch) flushMarks(all bool) error {
	for len(b.marks) >= 2*appendBatchRows || (all && len(b.marks) > 0) {
		n := min(len(b.marks), 2*appendBatchRows)
		var err error
		if n == 2*appendBatchRows {
			if b.mark == nil {
				q := `INSERT OR REPLACE INTO sync_change (tbl, row_id) VALUES (?, ?)` + strings.Repeat(", (?, ?)", appendBatchRows-1)
				if b.mark, err = b.tx.PrepareContext(b.ctx, q); err != nil {
					return err
				}
			}
			_, err = b.mark.ExecContext(b.ctx, b.marks[:n]...)
		} else {
			q := `INSERT OR REPLACE INTO sync_change (tbl, row_id) VALUES (?, ?)` + strings.Repeat(", (?, ?)", n/2-1)
			_, err = b.tx.ExecContext(b.ctx, q, b.marks[:n]...)
		}
		if err != nil {
			return err
		}
		b.marks = b.marks[:copy(b.marks, b.marks[n:])]
	}
	return nil
}

// close writes what is queued, remembers the newest clock as appendRow's
// stamp does, and reports how many entries were new.
func (b *appendBatch) close() (int, error) {
	defer func() {
		for _, st := range []*sql.Stmt{b.full, b.probe, b.mark} {
			if st != nil {
				st.Close()
			}
		}
	}()
	if err := b.flush(); err != nil {
		return 0, err
	}
	if err := b.flushMarks(true); err != nil {
		return 0, err
	}
	if !b.last.IsZero() {
		if err := setSetting(b.ctx, b.tx, SettingLastHLC, b.s.Clock().Last().String()); err != nil {
			return 0, err
		}
	}
	return b.added, nil
}

// BaseClock is the clock of base rows (see insertBaseRow): older than any
// clock a desk issues, with a replica id no desk has.
var BaseClock = app.HLC{WallMS: 1, Replica: "00000000-0000-0000-0000-000000000000"}

// insertBaseRow adds a row that every desk derives identically from the
// same inputs, unless a row with its id exists here (live or deleted): a
// built-in template loaded on first start, a checklist entry generated
// for a day. Its id must be derived from those inputs (a name-based
// UUID), and it is stamped with BaseClock instead of this desk's clock,
// so the copies two desks make are one identical row after sync, and any
// real edit, on any desk, wins over it. It is not a person's change, so
// it has no audit entry. appendOnly says whether table is an append
// table. It reports whether the row was added.
func (s *Store) insertBaseRow(ctx context.Context, tx *sql.Tx, table, id string, r record, appendOnly bool) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT 1 FROM %s WHERE id = ?`, table), id).Scan(&one)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	base := BaseClock.String()
	cols := r.columns()
	fc := fieldClocks{}
	if !appendOnly {
		fc[fieldDeleted] = base
	}
	args := []any{id, base, BaseClock.Replica}
	for _, c := range cols {
		if !appendOnly {
			fc[c] = base
		}
		args = append(args, sqlValue(r[c]))
	}
	args = append(args, fc.String())
	q := fmt.Sprintf("INSERT INTO %s (id, hlc, replica, deleted, %s, field_hlc) VALUES (?, ?, ?, 0, %s?)",
		table, strings.Join(cols, ", "), strings.Repeat("?, ", len(cols)))
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return false, err
	}
	return true, markChanged(ctx, tx, table, id)
}
