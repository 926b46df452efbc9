package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/opsbench/opsbench/app"
)

// OwnClockAhead says how far this desk's clock is ahead of its computer's
// date when that is more than app.MaxClockAhead (0 otherwise): its date
// was wrong (set years ahead) when changes were made here, or is wrong
// now the other way. Other desks refuse its bundles meanwhile; once the
// date is right, RepairClock stamps those changes again.
func (s *Store) OwnClockAhead() time.Duration {
	if d := s.Clock().Ahead(); d > app.MaxClockAhead {
		return d
	}
	return 0
}

// RepairClock stamps again, with the clock of now, every change this desk
// stamped more than app.MaxClockAhead ahead of its computer's date (made
// while the date was wrong; other desks refused them, so none of them
// ever left), and restarts the clock from the date. Their values are kept
// and travel with the next sync. It returns how many rows it stamped
// again; with a right date and nothing ahead it changes nothing.
func (s *Store) RepairClock(ctx context.Context) (int, error) {
	limit := fmt.Sprintf("%013d", s.Clock().Limit().UnixMilli())
	n := 0
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		tables, err := syncTables(ctx, tx)
		if err != nil {
			return err
		}
		s.Clock().Restart()
		h, err := s.stamp(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			m, err := s.restampTable(ctx, tx, t, limit, h.String())
			if err != nil {
				return fmt.Errorf("%s: %w", t.Name, err)
			}
			n += m
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// restampTable replaces the clocks ahead of limit in one table.
func (s *Store) restampTable(ctx context.Context, tx *sql.Tx, t SyncTable, limit, h string) (int, error) {
	ahead := func(c string) bool { return len(c) >= 13 && c[:13] > limit }
	type fix struct{ id, fc string }
	var fixes []fix
	var docs []string
	for _, c := range t.Columns {
		if c.Merge == MergeTOML {
			docs = append(docs, KeyClockColumn(c.Name))
		}
	}
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT id, field_hlc FROM %s WHERE substr(hlc, 1, 13) > ?`, t.Name), limit)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var f fix
		if err := rows.Scan(&f.id, &f.fc); err != nil {
			rows.Close()
			return 0, err
		}
		fixes = append(fixes, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, f := range fixes {
		fc := parseFieldClocks(f.fc)
		for k, v := range fc {
			if ahead(v) {
				fc[k] = h
			}
		}
		for _, kc := range docs {
			var raw string
			if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE id = ?`, kc, t.Name), f.id).Scan(&raw); err != nil {
				return 0, err
			}
			keys := parseFieldClocks(raw)
			for k, v := range keys {
				if ahead(v) {
					keys[k] = h
				}
			}
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s = ? WHERE id = ?`, t.Name, kc), clocksString(keys), f.id); err != nil {
				return 0, err
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET hlc = ?, replica = ?, field_hlc = ? WHERE id = ?`, t.Name),
			h, replicaOf(h), fc.String(), f.id); err != nil {
			return 0, err
		}
		if err := markChanged(ctx, tx, t.Name, f.id); err != nil {
			return 0, err
		}
	}
	return len(fixes), nil
}
