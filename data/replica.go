package data

import (
	"context"
	"database/sql"
	"os"
	"strings"

	"github.com/opsbench/opsbench/app"
)

const tableReplica = "replica"

// loadIdentity reads (or, on a new file, creates) this installation's
// replica id and name, and starts the clock after the newest timestamp
// this replica ever wrote, so that a wall clock set back while OpsBench
// was closed cannot reorder its changes.
func (s *Store) loadIdentity(ctx context.Context, newName string) error {
	id, err := getSetting(ctx, s.write, SettingReplicaID)
	if err != nil {
		return err
	}
	name, err := getSetting(ctx, s.write, SettingReplicaName)
	if err != nil {
		return err
	}
	fresh := id == ""
	if fresh {
		id = app.NewID()
		name = strings.TrimSpace(newName)
		if name == "" {
			name = defaultReplicaName()
		}
	}
	s.clock = app.NewClock(id, s.now)
	last, err := getSetting(ctx, s.write, SettingLastHLC)
	if err != nil {
		return err
	}
	if h, err := app.ParseHLC(last); err == nil {
		s.clock.Observe(h)
	}
	s.replica.Store(&app.Replica{ID: id, Name: name})
	if !fresh {
		return nil
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := setSetting(ctx, tx, SettingReplicaID, id); err != nil {
			return err
		}
		if err := setSetting(ctx, tx, SettingReplicaName, name); err != nil {
			return err
		}
		return s.insertRecord(ctx, tx, tableReplica, id, record{"name": name})
	})
}

func defaultReplicaName() string {
	h, err := os.Hostname()
	if err != nil || strings.TrimSpace(h) == "" {
		return "OpsBench"
	}
	if r := []rune(h); len(r) > app.MaxNameLen {
		h = string(r[:app.MaxNameLen])
	}
	return h
}

// Replica is this installation's identity.
func (s *Store) Replica() app.Replica { return *s.replica.Load() }

// Clock is this installation's hybrid logical clock.
func (s *Store) Clock() *app.Clock { return s.clock }

// RenameReplica changes this desk's name; other desks learn it by sync.
func (s *Store) RenameReplica(ctx context.Context, name string) error {
	r := app.Replica{ID: s.Replica().ID, Name: strings.TrimSpace(name)}
	if err := r.Validate(); err != nil {
		return err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := setSetting(ctx, tx, SettingReplicaName, r.Name); err != nil {
			return err
		}
		_, err := s.updateRecord(ctx, tx, tableReplica, r.ID, record{"name": r.Name})
		return err
	})
	if err == nil {
		s.replica.Store(&r)
	}
	return err
}

// Replicas lists every installation known here (this one included).
func (s *Store) Replicas(ctx context.Context) ([]app.Replica, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name FROM replica WHERE deleted = 0 ORDER BY name, id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.Replica
	for rows.Next() {
		var r app.Replica
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}
