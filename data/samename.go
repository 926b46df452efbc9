package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// sameNameTables are the synced tables whose names are meant to be unique
// in the office: a name taken on two desks at once shows up in
// SameNameGroups. People are not among them (colleagues may share a
// name): two people appear only when name, role and note are all equal,
// when they are most likely one person entered on two desks.
var sameNameTables = []string{tableScenario, tableShippingMode, tablePerson}

// SameNameRecord is one record of a SameNameGroup.
type SameNameRecord struct {
	ID string
	// Desk made it (its name here) and when; Changed is its last change.
	Desk    string
	Created time.Time
	Changed time.Time
}

// SameNameGroup is records of one table with the same name, created on
// different desks and met by sync. Keep is the one to keep by default
// (the oldest): two desks merging the group each on their own then keep
// the same one.
type SameNameGroup struct {
	Table   string
	Name    string
	Records []SameNameRecord
	Keep    string
}

// SameNameGroups lists every group of live records sharing a name in the
// tables whose names are meant to be unique (see sameNameTables), by
// table and name. MergeSameName and RenameRecord resolve them.
func (s *Store) SameNameGroups(ctx context.Context) ([]SameNameGroup, error) {
	var out []SameNameGroup
	for _, table := range sameNameTables {
		key := "name"
		if table == tablePerson {
			key = "name || char(0) || role || char(0) || note"
		}
		q := fmt.Sprintf(`SELECT t.id, t.name, t.hlc, t.field_hlc FROM %[1]s t
			WHERE t.deleted = 0 AND %[2]s IN (SELECT %[2]s FROM %[1]s WHERE deleted = 0 GROUP BY 1 HAVING count(*) > 1)
			ORDER BY t.name, t.id`, table, key)
		rows, err := s.read.QueryContext(ctx, q)
		if err != nil {
			return nil, mapErr(err)
		}
		var cur *SameNameGroup
		for rows.Next() {
			var r SameNameRecord
			var name, hlc, fc string
			if err := rows.Scan(&r.ID, &name, &hlc, &fc); err != nil {
				rows.Close()
				return nil, mapErr(err)
			}
			created, _ := app.ParseHLC(parseFieldClocks(fc)[fieldDeleted])
			changed, _ := app.ParseHLC(hlc)
			r.Created, r.Changed = created.Time(), changed.Time()
			r.Desk = created.Replica
			if cur == nil || cur.Name != name {
				out = append(out, SameNameGroup{Table: table, Name: name, Keep: r.ID})
				cur = &out[len(out)-1]
			}
			cur.Records = append(cur.Records, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, mapErr(err)
		}
	}
	for i := range out {
		g := &out[i]
		oldest := g.Records[0]
		for j := range g.Records {
			r := &g.Records[j]
			if name := s.DeskName(ctx, r.Desk); name != "" {
				r.Desk = name
			}
			if r.Created.Before(oldest.Created) || (r.Created.Equal(oldest.Created) && r.ID < oldest.ID) {
				oldest = *r
			}
		}
		g.Keep = oldest.ID
	}
	return out, nil
}

// References lists the columns that refer to rows of table by id
// (sync_reference): table.column pairs.
func (s *Store) References(ctx context.Context, table string) ([][2]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT tbl, col FROM sync_reference WHERE target = ? ORDER BY tbl, col`, table)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var r [2]string
		if err := rows.Scan(&r[0], &r[1]); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// MergeSameName keeps record keep and removes drop (two records of table
// with the same name): every reference to drop (the columns listed in
// sync_reference, and this desk's "me" for a person) is pointed at keep
// first, each as an ordinary edit that syncs; then drop is deleted. A
// scenario names its shipping modes by name, which both records share,
// so scenarios need no change. It returns how many references moved.
func (s *Store) MergeSameName(ctx context.Context, table, keep, drop string) (int, error) {
	if keep == drop {
		return 0, fmt.Errorf("keep and drop are the same record: %w", app.ErrInvalidInput)
	}
	refs, err := s.References(ctx, table)
	if err != nil {
		return 0, err
	}
	moved := 0
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var a, b string
		q := fmt.Sprintf(`SELECT name FROM %s WHERE id = ? AND deleted = 0`, table)
		if err := tx.QueryRowContext(ctx, q, keep).Scan(&a); err != nil {
			return notFound(err, table, keep)
		}
		if err := tx.QueryRowContext(ctx, q, drop).Scan(&b); err != nil {
			return notFound(err, table, drop)
		}
		if a != b {
			return fmt.Errorf("%s %q and %q do not have the same name: %w", table, a, b, app.ErrInvalidInput)
		}
		for _, ref := range refs {
			ids, err := idsWhere(ctx, tx, fmt.Sprintf(`SELECT id FROM %s WHERE %s = ? AND deleted = 0`, ref[0], ref[1]), drop)
			if err != nil {
				return err
			}
			for _, id := range ids {
				if _, err := s.updateRecord(ctx, tx, ref[0], id, record{ref[1]: keep}); err != nil {
					return err
				}
				moved++
			}
		}
		if table == tablePerson {
			if me, err := getSetting(ctx, tx, SettingMe); err != nil {
				return err
			} else if me == drop {
				if err := setSetting(ctx, tx, SettingMe, keep); err != nil {
					return err
				}
			}
		}
		return s.deleteRecord(ctx, tx, table, drop)
	})
	return moved, err
}

func notFound(err error, table, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %s: %w", table, id, app.ErrNotFound)
	}
	return err
}

func idsWhere(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// RenameRecord gives a record of one of the same-name tables a new name
// (refused when the name is taken here too), as an edit that syncs.
func (s *Store) RenameRecord(ctx context.Context, table, id, name string) error {
	name = strings.TrimSpace(name)
	switch table {
	case tablePerson:
		p, err := s.Person(ctx, id)
		if err != nil {
			return err
		}
		p.Name = name
		return s.UpdatePerson(ctx, p)
	case tableScenario, tableShippingMode:
	default:
		return fmt.Errorf("table %q has no names to keep apart: %w", table, app.ErrInvalidInput)
	}
	entity := table
	if table == tableShippingMode {
		name = strings.ToLower(name) // as app.ShippingMode.Normalize
	}
	if err := (app.Replica{Name: name}).Validate(); err != nil {
		var fe *app.FieldError
		if errors.As(err, &fe) {
			fe.Entity = entity
		}
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkNewName(ctx, tx, table, name, id, entity); err != nil {
			return err
		}
		var touch record
		if table == tableScenario {
			touch = record{"updated_at": formatInstant(s.now())}
		}
		_, err := s.updateRecordTouching(ctx, tx, table, id, record{"name": name}, touch)
		return err
	})
}
