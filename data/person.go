package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/opsbench/opsbench/app"
)

const tablePerson = "person"

func personRecord(p app.Person) record {
	return record{"name": p.Name, "role": string(p.Role), "active": p.Active, "note": p.Note}
}

// CreatePerson adds a team member. Two colleagues may share a name, but
// then a note must tell them apart: a name already on the team is refused
// (app.CodeDuplicate on "name") unless the new person's note differs from
// every same-named colleague's and is not empty.
func (s *Store) CreatePerson(ctx context.Context, p app.Person) (app.Person, error) {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return app.Person{}, err
	}
	p.ID = s.newID()
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkPersonName(ctx, tx, p); err != nil {
			return err
		}
		return s.insertRecord(ctx, tx, tablePerson, p.ID, personRecord(p))
	})
	if err != nil {
		return app.Person{}, err
	}
	return p, nil
}

// UpdatePerson saves a changed team member, writing only the fields that
// changed. The name rule of CreatePerson applies only when the name or
// the note changes: two people with one name merged from two desks can
// still be edited.
func (s *Store) UpdatePerson(ctx context.Context, p app.Person) error {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkPersonName(ctx, tx, p); err != nil {
			return err
		}
		_, err := s.updateRecord(ctx, tx, tablePerson, p.ID, personRecord(p))
		return err
	})
	if err == nil && s.Actor().ID == p.ID {
		s.SetActor(p)
	}
	return err
}

// DeletePerson removes a team member from the list (a tombstone: their
// name stays on what they did).
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tablePerson, id) })
}

func checkPersonName(ctx context.Context, tx *sql.Tx, p app.Person) error {
	var oldName, oldNote string
	err := tx.QueryRowContext(ctx, `SELECT name, note FROM person WHERE id = ? AND deleted = 0`, p.ID).Scan(&oldName, &oldNote)
	if err == nil && oldName == p.Name && oldNote == p.Note {
		return nil // neither changes: what merged stays editable
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var clash int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM person WHERE deleted = 0 AND name = ? AND id <> ?
		AND (? = '' OR note = ?)`, p.Name, p.ID, p.Note, p.Note).Scan(&clash); err != nil {
		return err
	}
	if clash > 0 {
		return &app.FieldError{Entity: "person", Field: "name", Code: app.CodeDuplicate}
	}
	return nil
}

// Person returns one team member (deleted ones are not found).
func (s *Store) Person(ctx context.Context, id string) (app.Person, error) {
	var p app.Person
	var role string
	err := s.read.QueryRowContext(ctx, `SELECT id, name, role, active, note FROM person WHERE id = ? AND deleted = 0`, id).
		Scan(&p.ID, &p.Name, &role, &p.Active, &p.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return app.Person{}, fmt.Errorf("person %s: %w", id, app.ErrNotFound)
	}
	p.Role = app.Role(role)
	return p, mapErr(err)
}

// People lists the team, by name.
func (s *Store) People(ctx context.Context) ([]app.Person, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, role, active, note FROM person WHERE deleted = 0 ORDER BY name, id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.Person
	for rows.Next() {
		var p app.Person
		var role string
		if err := rows.Scan(&p.ID, &p.Name, &role, &p.Active, &p.Note); err != nil {
			return nil, mapErr(err)
		}
		p.Role = app.Role(role)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	sortByName(out, func(p app.Person) string { return p.Name }, func(p app.Person) string { return p.ID })
	return out, nil
}
