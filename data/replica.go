package data

import (
	"context"
	"database/sql"
	"strings"

	"github.com/opsbench/opsbench/app"
)

const tableReplica = "replica"

// loadIdentity reads (or, on a new file, creates) this installation's
// replica id and name, and starts the clock after the newest timestamp
// this replica ever wrote, so that a wall clock set back while OpsBench
// was closed cannot reorder its changes. It reports whether the file was
// new.
func (s *Store) loadIdentity(ctx context.Context, newName string) (bool, error) {
	id, err := getSetting(ctx, s.write, SettingReplicaID)
	if err != nil {
		return false, err
	}
	name, err := getSetting(ctx, s.write, SettingReplicaName)
	if err != nil {
		return false, err
	}
	fresh := id == ""
	if fresh {
		id = app.NewID()
		name = strings.TrimSpace(newName)
		if name == "" {
			name = defaultReplicaName(s.machine.Host, id)
		}
	}
	s.clk.Store(app.NewClock(id, s.now))
	last, err := getSetting(ctx, s.write, SettingLastHLC)
	if err != nil {
		return false, err
	}
	if h, err := app.ParseHLC(last); err == nil {
		s.Clock().Resume(h)
	}
	s.replica.Store(&app.Replica{ID: id, Name: name})
	if !fresh {
		return false, nil
	}
	return true, s.withTx(ctx, func(tx *sql.Tx) error {
		if err := setSetting(ctx, tx, SettingReplicaID, id); err != nil {
			return err
		}
		if err := setSetting(ctx, tx, SettingReplicaName, name); err != nil {
			return err
		}
		return s.insertRecord(ctx, tx, tableReplica, id, record{"name": name})
	})
}

// defaultReplicaName names a desk after its computer and the end of its
// id ("FRONT-PC-3f2a"): offices set up several desks on machines with the
// same name (every virtual machine called "vm").
func defaultReplicaName(host, id string) string {
	h := strings.TrimSpace(host)
	if h == "" {
		h = "OpsBench"
	}
	suffix := "-" + id[max(len(id)-4, 0):]
	if r := []rune(h); len(r)+len(suffix) > app.MaxNameLen {
		h = string(r[:app.MaxNameLen-len(suffix)])
	}
	return h + suffix
}

// Replica is this installation's identity.
func (s *Store) Replica() app.Replica { return *s.replica.Load() }

// Clock is this installation's hybrid logical clock.
func (s *Store) Clock() *app.Clock { return s.clk.Load() }

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

// DeskName is the name of desk id as known here (from its replica row),
// or "" when this desk has never heard of it.
func (s *Store) DeskName(ctx context.Context, id string) string {
	var name string
	_ = s.read.QueryRowContext(ctx, `SELECT name FROM replica WHERE id = ?`, id).Scan(&name)
	return name
}
