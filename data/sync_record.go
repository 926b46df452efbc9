package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opsbench/opsbench/app"
)

// EditRecord is the generic local edit of a row of a synced record table,
// by table and column names: it adds the row when id is new and otherwise
// changes the given fields, through the same path as the entity methods
// (CreatePerson, UpdatePerson…): a fresh clock per changed field, an audit
// entry, and change capture for the next export. It checks names against
// the schema but applies no entity rules, so screens use the entity
// methods; this serves tools and tests on tables without their own.
func (s *Store) EditRecord(ctx context.Context, table, id string, fields map[string]any) error {
	if !app.ValidID(id) {
		return fmt.Errorf("%s: id %q is not a UUID: %w", table, id, app.ErrInvalidInput)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		r, err := genericRecord(ctx, tx, table, SyncKindRecord, fields)
		if err != nil {
			return err
		}
		var deleted bool
		err = tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT deleted FROM %s WHERE id = ?`, table), id).Scan(&deleted)
		switch {
		case errors.Is(err, sql.ErrNoRows) && len(r) == 0:
			return fmt.Errorf("%s: a new record needs at least one field: %w", table, app.ErrInvalidInput)
		case errors.Is(err, sql.ErrNoRows):
			return s.insertRecord(ctx, tx, table, id, r)
		case err != nil:
			return err
		case deleted:
			return fmt.Errorf("%s %s: %w", table, id, app.ErrNotFound)
		case len(r) == 0:
			return nil
		}
		_, err = s.updateRecord(ctx, tx, table, id, r)
		return err
	})
}

// DeleteRecord tombstones a row of a synced record table by name.
func (s *Store) DeleteRecord(ctx context.Context, table, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := genericRecord(ctx, tx, table, SyncKindRecord, nil); err != nil {
			return err
		}
		return s.deleteRecord(ctx, tx, table, id)
	})
}

// AppendRecord adds an entry to a synced append-only table by name (a
// ledger movement, a timeline entry): stamped with a fresh clock and
// captured for export. Entries are never changed afterwards.
func (s *Store) AppendRecord(ctx context.Context, table, id string, fields map[string]any) error {
	if !app.ValidID(id) {
		return fmt.Errorf("%s: id %q is not a UUID: %w", table, id, app.ErrInvalidInput)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		r, err := genericRecord(ctx, tx, table, SyncKindAppend, fields)
		if err != nil {
			return err
		}
		return s.appendRow(ctx, tx, table, id, r)
	})
}

// genericRecord checks that table is synced as kind and that every field
// is one of its business columns.
func genericRecord(ctx context.Context, tx *sql.Tx, table, kind string, fields map[string]any) (record, error) {
	t, err := syncTableByName(ctx, tx, table)
	if err != nil {
		return nil, err
	}
	if t.Kind != kind {
		return nil, fmt.Errorf("table %s is synced as %s, not %s", table, t.Kind, kind)
	}
	r := record{}
	for k, v := range fields {
		if t.Column(k) < 0 {
			return nil, fmt.Errorf("table %s has no synced column %q: %w", table, k, app.ErrInvalidInput)
		}
		r[k] = v
	}
	return r, nil
}
