package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/opsbench/opsbench/app"
)

// Conflict statuses (on this desk).
const (
	ConflictOpen     = "open"
	ConflictKept     = "kept"     // dismissed: the winner stays
	ConflictRestored = "restored" // the losing value was written again as a new edit
)

// SyncConflict is a value that lost a merge, kept so that nothing is lost
// silently, with the value that holds now. Field "deleted" is a record
// deleted on one desk and edited on another: Loser 1 is a deletion that
// did not hold, Loser 0 edits that a deletion now hides.
type SyncConflict struct {
	ID    string
	Table string
	RowID string
	Field string
	Loser any
	// Current is the field's value now (for "deleted", 1 when the record
	// is deleted now) and CurrentHLC its clock.
	Current any
	// LoserHLC says who (which desk) wrote the losing value, and when.
	LoserHLC, CurrentHLC app.HLC
	// Desk names (from the replica table) and, when the audit log knows
	// them, the people who wrote each value.
	LoserDesk, CurrentDesk   string
	LoserActor, CurrentActor string
	// Label names the record for people: its "name" column when it has one.
	Label      string
	Status     string
	ResolvedAt time.Time
}

// Resolved reports whether the conflict needs no decision any more: kept,
// restored, or the losing value holds again anyway.
func (c SyncConflict) Resolved() bool {
	return c.Status != ConflictOpen || syncValueEqual(c.Loser, c.Current)
}

// SyncConflicts lists conflicts, newest losing value first: only the open
// ones (not kept, not restored, and whose losing value does not hold again)
// unless all; at most limit (0: no limit). It also returns how many there
// are in all (open ones unless all).
func (s *Store) SyncConflicts(ctx context.Context, all bool, limit int) ([]SyncConflict, int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT c.id, c.tbl, c.row_id, c.field, c.value, c.hlc,
		coalesce(st.status, 'open'), coalesce(st.resolved_at, '')
		FROM sync_conflict c LEFT JOIN sync_conflict_status st ON st.id = c.id
		WHERE c.deleted = 0 ORDER BY c.hlc DESC, c.id`)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	var list []SyncConflict
	for rows.Next() {
		var c SyncConflict
		var value, lh, resolved string
		if err := rows.Scan(&c.ID, &c.Table, &c.RowID, &c.Field, &value, &lh, &c.Status, &resolved); err != nil {
			rows.Close()
			return nil, 0, mapErr(err)
		}
		c.Loser, _ = ParseSyncValue([]byte(value))
		c.LoserHLC, _ = app.ParseHLC(lh)
		c.ResolvedAt, _ = time.Parse(time.RFC3339Nano, resolved)
		list = append(list, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	var out []SyncConflict
	total := 0
	for i := range list {
		c := &list[i]
		s.currentValue(ctx, c)
		if !all && c.Resolved() {
			continue
		}
		total++
		if limit > 0 && len(out) >= limit {
			continue
		}
		s.describeConflict(ctx, c)
		out = append(out, *c)
	}
	return out, total, nil
}

// currentValue fills in the field's value and clock now. A document key
// ("body/capital") holds TOML values: both sides are read as typed values
// (a number, a text, true or false), and nil for a key not there.
func (s *Store) currentValue(ctx context.Context, c *SyncConflict) {
	if col, key, ok := splitDocumentField(c.Field); ok {
		c.Loser = docValue(text(c.Loser))
		if !validIdent(c.Table) || !validIdent(col) {
			return
		}
		var body, kc, fc string
		q := fmt.Sprintf(`SELECT %s, %s, field_hlc FROM %s WHERE id = ?`, col, KeyClockColumn(col), c.Table)
		if err := s.read.QueryRowContext(ctx, q, c.RowID).Scan(&body, &kc, &fc); err != nil {
			return
		}
		d := docState{keys: DocumentKeys(body), clocks: parseFieldClocks(kc), col: parseFieldClocks(fc)[col]}
		c.Current = docValue(d.keys[key])
		c.CurrentHLC, _ = app.ParseHLC(d.clock(key))
		return
	}
	if !validIdent(c.Table) || (c.Field != fieldDeleted && !validIdent(c.Field)) {
		return
	}
	var fc string
	var deleted int64
	var v any
	q := fmt.Sprintf(`SELECT field_hlc, deleted, %s FROM %s WHERE id = ?`, c.Field, c.Table)
	if err := s.read.QueryRowContext(ctx, q, c.RowID).Scan(&fc, &deleted, &v); err != nil {
		return
	}
	clocks := parseFieldClocks(fc)
	c.Current = v
	if c.Field == fieldDeleted {
		c.Current = deleted
	}
	c.CurrentHLC, _ = app.ParseHLC(clocks[c.Field])
}

// docValue reads a TOML literal of a document key ("" or unreadable:
// nil, the key is not there).
func docValue(lit string) any {
	if lit == "" {
		return nil
	}
	v, err := parseTOMLLiteral(lit)
	if err != nil {
		return lit
	}
	switch x := v.(type) {
	case int64, float64, string, bool:
		return x
	}
	return lit
}

// describeConflict fills in names: desks, people and the record's label.
// What cannot be found stays empty.
func (s *Store) describeConflict(ctx context.Context, c *SyncConflict) {
	desk := func(id string) string {
		var name string
		_ = s.read.QueryRowContext(ctx, `SELECT name FROM replica WHERE id = ?`, id).Scan(&name)
		return name
	}
	actor := func(h app.HLC) string {
		var name string
		_ = s.read.QueryRowContext(ctx, `SELECT actor_name FROM audit_log WHERE hlc = ? AND entity = ? AND entity_id = ? LIMIT 1`,
			h.String(), c.Table, c.RowID).Scan(&name)
		return name
	}
	c.LoserDesk, c.CurrentDesk = desk(c.LoserHLC.Replica), desk(c.CurrentHLC.Replica)
	c.LoserActor, c.CurrentActor = actor(c.LoserHLC), actor(c.CurrentHLC)
	if !validIdent(c.Table) {
		return
	}
	var label any
	if err := s.read.QueryRowContext(ctx, fmt.Sprintf(`SELECT name FROM %s WHERE id = ?`, c.Table), c.RowID).Scan(&label); err == nil {
		c.Label = text(label)
	}
}

// KeepSyncConflict dismisses a conflict on this desk: the winner stays.
func (s *Store) KeepSyncConflict(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := conflictExists(ctx, tx, id); err != nil {
			return err
		}
		return setConflictStatus(ctx, tx, id, ConflictKept, formatInstant(s.now()))
	})
}

func conflictExists(ctx context.Context, tx *sql.Tx, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_conflict WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("conflict %s: %w", id, app.ErrNotFound)
	}
	return nil
}

func setConflictStatus(ctx context.Context, tx *sql.Tx, id, status, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_conflict_status (id, status, resolved_at) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET status = excluded.status, resolved_at = excluded.resolved_at`, id, status, at)
	return err
}

// ErrRecordDeleted is returned when restoring a value of a record that is
// deleted now: restore the record first (its own conflict), or keep.
var ErrRecordDeleted = errors.New("the record was deleted; restore the record first or keep the conflict")

// RestoreSyncConflict writes the losing value again as a new edit on this
// desk, through the same path as any edit (a fresh clock that wins
// everywhere, an audit entry, export on the next sync), and marks the
// conflict restored. A losing deletion deletes the record again; losing
// edits hidden by a deletion bring the record back.
func (s *Store) RestoreSyncConflict(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var table, rowID, field, loser string
		err := tx.QueryRowContext(ctx, `SELECT tbl, row_id, field, value FROM sync_conflict WHERE id = ?`, id).
			Scan(&table, &rowID, &field, &loser)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("conflict %s: %w", id, app.ErrNotFound)
		}
		if err != nil {
			return err
		}
		t, err := syncTableByName(ctx, tx, table)
		if err != nil {
			return err
		}
		if t.Kind != SyncKindRecord {
			return fmt.Errorf("table %s is not a record table", table)
		}
		v, err := ParseSyncValue([]byte(loser))
		if err != nil {
			return fmt.Errorf("conflict %s: damaged value: %w", id, err)
		}
		var deleted bool
		if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT deleted FROM %s WHERE id = ?`, table), rowID).Scan(&deleted); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%s %s: %w", table, rowID, app.ErrNotFound)
			}
			return err
		}
		col, key, isDoc := splitDocumentField(field)
		switch {
		case isDoc:
			if deleted {
				return ErrRecordDeleted
			}
			if t.Column(col) < 0 || t.Columns[t.Column(col)].Merge != MergeTOML {
				return fmt.Errorf("table %s has no document column %s any more", table, col)
			}
			var body string
			if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE id = ?`, col, table), rowID).Scan(&body); err != nil {
				return err
			}
			keys := DocumentKeys(body)
			if lit := text(v); lit == "" {
				delete(keys, key)
			} else {
				keys[key] = lit
			}
			out, err := RenderDocument(keys)
			if err != nil {
				return err
			}
			if _, err := s.updateRecord(ctx, tx, table, rowID, record{col: out}); err != nil {
				return err
			}
		case field == fieldDeleted && text(v) == "1":
			if !deleted {
				if err := s.deleteRecord(ctx, tx, table, rowID); err != nil {
					return err
				}
			}
		case field == fieldDeleted:
			if deleted {
				if err := s.undeleteRecord(ctx, tx, table, rowID); err != nil {
					return err
				}
			}
		default:
			if t.Column(field) < 0 {
				return fmt.Errorf("table %s has no column %s any more", table, field)
			}
			if deleted {
				return ErrRecordDeleted
			}
			if _, err := s.updateRecord(ctx, tx, table, rowID, record{field: v}); err != nil {
				return err
			}
		}
		return setConflictStatus(ctx, tx, id, ConflictRestored, formatInstant(s.now()))
	})
}

func syncTableByName(ctx context.Context, q querier, name string) (SyncTable, error) {
	tables, err := syncTables(ctx, q)
	if err != nil {
		return SyncTable{}, err
	}
	for _, t := range tables {
		if t.Name == name {
			return t, nil
		}
	}
	return SyncTable{}, fmt.Errorf("table %q is not synced", name)
}
