package data

import (
	"context"
	"database/sql"
	"errors"

	"github.com/opsbench/opsbench/app"
)

// Keys of local settings: they describe this desk and never travel with sync.
const (
	SettingReplicaID   = "replica_id"
	SettingReplicaName = "replica_name"
	SettingLastHLC     = "last_hlc"
	SettingMe          = "me"       // the person using this desk
	SettingLanguage    = "language" // "", "zh-Hans" or "en"
	SettingTheme       = "theme"    // "", "light" or "dark"
	SettingDemoLoaded  = "demo_loaded"
	SettingBackupKeep  = "backup_keep" // how many automatic backups to keep
)

// Setting returns a local setting, or "" when it is not set.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	return getSetting(ctx, s.read, key)
}

// SetSetting stores a local setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return setSetting(ctx, tx, key, value) })
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getSetting(ctx context.Context, q queryer, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM local_setting WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, mapErr(err)
}

func setSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO local_setting (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// Me returns the person using this desk, or app.ErrNoProfile before the
// first-start questions are answered.
func (s *Store) Me(ctx context.Context) (app.Person, error) {
	id, err := s.Setting(ctx, SettingMe)
	if err != nil {
		return app.Person{}, err
	}
	if id == "" {
		return app.Person{}, app.ErrNoProfile
	}
	p, err := s.Person(ctx, id)
	if errors.Is(err, app.ErrNotFound) {
		return app.Person{}, app.ErrNoProfile
	}
	return p, err
}

// SetMe records that person id uses this desk and makes them the actor of
// later changes.
func (s *Store) SetMe(ctx context.Context, id string) error {
	p, err := s.Person(ctx, id)
	if err != nil {
		return err
	}
	if err := s.SetSetting(ctx, SettingMe, id); err != nil {
		return err
	}
	s.SetActor(p)
	return nil
}
