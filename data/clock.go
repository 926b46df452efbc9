package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
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
		// New clocks in the order of the old ones, so that the history
		// keeps its order (an edit stays after what it replaced).
		var fixes []rowFix
		ahead := map[string]bool{}
		for _, t := range tables {
			f, err := clocksAhead(ctx, tx, t, limit, ahead)
			if err != nil {
				return fmt.Errorf("%s: %w", t.Name, err)
			}
			fixes = append(fixes, f...)
		}
		if len(fixes) == 0 {
			return nil
		}
		old := make([]string, 0, len(ahead))
		for c := range ahead {
			old = append(old, c)
		}
		sort.Strings(old)
		s.Clock().Restart()
		fresh := make(map[string]string, len(old))
		for _, c := range old {
			fresh[c] = s.Clock().Now().String()
		}
		if err := setSetting(ctx, tx, SettingLastHLC, s.Clock().Last().String()); err != nil {
			return err
		}
		for _, f := range fixes {
			if err := f.apply(ctx, tx, fresh); err != nil {
				return err
			}
		}
		n = len(fixes)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// rowFix is a row with clocks ahead: its field clocks and, for document
// columns, its key clocks.
type rowFix struct {
	table, id string
	fc        fieldClocks
	keys      map[string]fieldClocks // key-clock column -> key clocks
}

func isAhead(c, limit string) bool { return len(c) >= 13 && c[:13] > limit }

// clocksAhead finds the rows of t with a clock ahead of limit and adds
// every such clock to ahead.
func clocksAhead(ctx context.Context, tx *sql.Tx, t SyncTable, limit string, ahead map[string]bool) ([]rowFix, error) {
	var kcs []string
	for _, c := range t.Columns {
		if c.Merge == MergeTOML {
			kcs = append(kcs, KeyClockColumn(c.Name))
		}
	}
	cols := append([]string{"id", "hlc", "field_hlc"}, kcs...)
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE substr(hlc, 1, 13) > ?`, strings.Join(cols, ", "), t.Name), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []rowFix
	for rows.Next() {
		vals := make([]string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		f := rowFix{table: t.Name, id: vals[0], fc: parseFieldClocks(vals[2]), keys: map[string]fieldClocks{}}
		ahead[vals[1]] = true
		for _, c := range f.fc {
			if isAhead(c, limit) {
				ahead[c] = true
			}
		}
		for i, kc := range kcs {
			f.keys[kc] = parseFieldClocks(vals[3+i])
			for _, c := range f.keys[kc] {
				if isAhead(c, limit) {
					ahead[c] = true
				}
			}
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// apply writes the row's clocks again through fresh (old -> new).
func (f rowFix) apply(ctx context.Context, tx *sql.Tx, fresh map[string]string) error {
	hlc := ""
	for k, c := range f.fc {
		if n, ok := fresh[c]; ok {
			f.fc[k] = n
		}
		hlc = max(hlc, f.fc[k])
	}
	sets := []string{"field_hlc = ?"}
	args := []any{f.fc.String()}
	for kc, keys := range f.keys {
		for k, c := range keys {
			if n, ok := fresh[c]; ok {
				keys[k] = n
			}
		}
		sets = append(sets, kc+" = ?")
		args = append(args, keys.String())
	}
	var rowHLC string
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT hlc FROM %s WHERE id = ?`, f.table), f.id).Scan(&rowHLC); err != nil {
		return err
	}
	if n, ok := fresh[rowHLC]; ok {
		rowHLC = n
	}
	hlc = max(hlc, rowHLC)
	sets = append(sets, "hlc = ?", "replica = ?")
	args = append(args, hlc, replicaOf(hlc), f.id)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s WHERE id = ?`, f.table, strings.Join(sets, ", ")), args...); err != nil {
		return err
	}
	return markChanged(ctx, tx, f.table, f.id)
}
