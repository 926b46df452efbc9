package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/opsbench/opsbench/app"
)

const tableScenario = "scenario"

// SaveScenario creates the scenario (empty ID) or saves changes to it,
// writing only the fields, and of the file only the keys, that differ
// from what is stored. A new name must not be taken here (see
// checkNewName). The returned scenario holds the file as stored: in
// canonical form, so that desks merging it key by key agree byte for
// byte.
func (s *Store) SaveScenario(ctx context.Context, sc app.SavedScenario) (app.SavedScenario, error) {
	sc = sc.Normalize()
	if err := sc.Validate(); err != nil {
		return app.SavedScenario{}, err
	}
	sc.UpdatedAt = s.now().UTC().Truncate(time.Millisecond)
	fresh := sc.ID == ""
	if fresh {
		sc.ID = s.newID()
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkNewName(ctx, tx, tableScenario, sc.Name, sc.ID, "scenario"); err != nil {
			return err
		}
		r := record{"name": sc.Name, "body": sc.Body, "note": sc.Note}
		if fresh {
			r["updated_at"] = formatInstant(sc.UpdatedAt)
			if err := s.insertRecord(ctx, tx, tableScenario, sc.ID, r); err != nil {
				return err
			}
		} else if _, err := s.updateRecordTouching(ctx, tx, tableScenario, sc.ID, r, record{"updated_at": formatInstant(sc.UpdatedAt)}); err != nil {
			return err
		}
		// The file is stored in its canonical form (see sync_doc.go).
		var at string
		if err := tx.QueryRowContext(ctx, `SELECT body, updated_at FROM scenario WHERE id = ?`, sc.ID).Scan(&sc.Body, &at); err != nil {
			return err
		}
		sc.UpdatedAt, _ = time.Parse(time.RFC3339Nano, at)
		return nil
	})
	if err != nil {
		return app.SavedScenario{}, err
	}
	return sc, nil
}

// DeleteScenario removes a saved scenario (a tombstone that syncs).
func (s *Store) DeleteScenario(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableScenario, id) })
}

// Scenario returns one saved scenario.
func (s *Store) Scenario(ctx context.Context, id string) (app.SavedScenario, error) {
	rows, err := s.queryScenarios(ctx, `WHERE id = ? AND deleted = 0`, id)
	if err != nil {
		return app.SavedScenario{}, err
	}
	if len(rows) == 0 {
		return app.SavedScenario{}, fmt.Errorf("scenario %s: %w", id, app.ErrNotFound)
	}
	return rows[0], nil
}

// ScenarioSummary says how many scenarios are saved and which was saved
// last (zero when none); it reads indexes only, for the Today screen.
func (s *Store) ScenarioSummary(ctx context.Context) (count int, latest app.SavedScenario, err error) {
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM scenario WHERE deleted = 0`).Scan(&count); err != nil {
		return 0, latest, mapErr(err)
	}
	rows, err := s.queryScenarios(ctx, `WHERE deleted = 0 ORDER BY updated_at DESC, id DESC LIMIT 1`)
	if err != nil || len(rows) == 0 {
		return count, latest, err
	}
	return count, rows[0], nil
}

// Scenarios lists the saved scenarios by name.
func (s *Store) Scenarios(ctx context.Context) ([]app.SavedScenario, error) {
	out, err := s.queryScenarios(ctx, `WHERE deleted = 0`)
	if err != nil {
		return nil, err
	}
	sortByName(out, func(s app.SavedScenario) string { return s.Name }, func(s app.SavedScenario) string { return s.ID })
	return out, nil
}

func (s *Store) queryScenarios(ctx context.Context, where string, args ...any) ([]app.SavedScenario, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, body, note, updated_at FROM scenario `+where, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.SavedScenario
	for rows.Next() {
		var sc app.SavedScenario
		var at string
		if err := rows.Scan(&sc.ID, &sc.Name, &sc.Body, &sc.Note, &at); err != nil {
			return nil, mapErr(err)
		}
		sc.UpdatedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, sc)
	}
	return out, mapErr(rows.Err())
}

// checkNewName refuses a name another live row of table already has, when
// the row is new or its name changes. Only this desk's rows can be
// checked: two desks may each create the same name, and after a merge
// both rows stay editable (SameNameGroups lists them to merge or rename).
func checkNewName(ctx context.Context, tx *sql.Tx, table, name, id, entity string) error {
	var old string
	err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT name FROM %s WHERE id = ? AND deleted = 0`, table), id).Scan(&old)
	switch {
	case err == nil && old == name:
		return nil
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return err
	}
	var other string
	err = tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT id FROM %s WHERE deleted = 0 AND name = ? AND id <> ?`, table), name, id).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return &app.FieldError{Entity: entity, Field: "name", Code: app.CodeDuplicate}
}
