package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/opsbench/opsbench/app"
)

// Local settings of sync (they never travel).
const (
	// SettingSyncFolder is the shared folder chosen on the Sync screen.
	SettingSyncFolder = "sync_folder"
	// SettingSyncVerifier is a salted scrypt hash of the office passphrase,
	// to check a passphrase typed again; never the passphrase itself.
	SettingSyncVerifier = "sync_verifier"
	// SettingSyncFolderState is the last shared-folder round and the files
	// seen there (JSON, written by package sync).
	SettingSyncFolderState = "sync_folder_state"
)

// SyncTarget is what was last exported to one target.
type SyncTarget struct {
	Name       string
	Seq        int64 // the change sequence the export went up to
	ExportedAt time.Time
	Rows       int
	File       string
}

// SyncTarget returns the last export to target name (ok false when none).
func (s *Store) SyncTarget(ctx context.Context, name string) (t SyncTarget, ok bool, err error) {
	var at string
	err = s.read.QueryRowContext(ctx, `SELECT name, seq, exported_at, rows, file FROM sync_target WHERE name = ?`, name).
		Scan(&t.Name, &t.Seq, &at, &t.Rows, &t.File)
	if errors.Is(err, sql.ErrNoRows) {
		return SyncTarget{}, false, nil
	}
	if err != nil {
		return SyncTarget{}, false, mapErr(err)
	}
	t.ExportedAt, _ = time.Parse(time.RFC3339Nano, at)
	return t, true, nil
}

// RecordSyncExport remembers an export written to target t.Name (the next
// export to it sends only rows changed after t.Seq) and logs it with its
// row counts by table.
func (s *Store) RecordSyncExport(ctx context.Context, t SyncTarget, counts map[string]int) error {
	at := formatInstant(t.ExportedAt)
	c, _ := json.Marshal(counts)
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_target (name, seq, exported_at, rows, file) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET seq = excluded.seq, exported_at = excluded.exported_at,
				rows = excluded.rows, file = excluded.file`, t.Name, t.Seq, at, t.Rows, t.File); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_log (at, kind, file, rows, counts) VALUES (?, 'export', ?, ?, ?)`,
			at, t.File, t.Rows, string(c))
		return err
	})
}

// SyncChangeSeq is the highest change sequence: it grows with every change
// to a synced row, local or merged.
func (s *Store) SyncChangeSeq(ctx context.Context) (int64, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_change`).Scan(&n)
	return n, mapErr(err)
}

// SyncBundleSeen reports whether a bundle with this file hash, or (when
// contentSHA is not empty) this content hash, was already merged here.
func (s *Store) SyncBundleSeen(ctx context.Context, fileSHA, contentSHA string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sync_bundle WHERE file_sha256 = ? OR (? <> '' AND content_sha256 = ?)`,
		fileSHA, contentSHA, contentSHA).Scan(&n)
	return n > 0, mapErr(err)
}

// SyncBundleDesk returns the desk that wrote the bundle merged here with
// this file hash (ok false when none was).
func (s *Store) SyncBundleDesk(ctx context.Context, fileSHA string) (replica, name string, ok bool, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT replica, replica_name FROM sync_bundle WHERE file_sha256 = ?`, fileSHA).Scan(&replica, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	return replica, name, err == nil, mapErr(err)
}

// SyncPeer is another desk whose bundles were imported here.
type SyncPeer struct {
	Replica      string
	Name         string
	AppVersion   string
	LastBundleAt time.Time // when its newest imported bundle was written
	LastImportAt time.Time
	HLCMax       string
	Bundles      int
	Rows         int // rows in its last imported bundle
	Changed      int // rows that bundle changed here
}

// SyncPeers lists the desks whose bundles were imported here, by name.
func (s *Store) SyncPeers(ctx context.Context) ([]SyncPeer, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT p.replica, coalesce(r.name, p.name), p.app_version, p.last_bundle_at,
		p.last_import_at, p.hlc_max, p.bundles, p.rows, p.changed
		FROM sync_peer p LEFT JOIN replica r ON r.id = p.replica ORDER BY 2, 1`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []SyncPeer
	for rows.Next() {
		var p SyncPeer
		var bundleAt, importAt string
		if err := rows.Scan(&p.Replica, &p.Name, &p.AppVersion, &bundleAt, &importAt, &p.HLCMax, &p.Bundles, &p.Rows, &p.Changed); err != nil {
			return nil, mapErr(err)
		}
		p.LastBundleAt, _ = time.Parse(time.RFC3339Nano, bundleAt)
		p.LastImportAt, _ = time.Parse(time.RFC3339Nano, importAt)
		out = append(out, p)
	}
	return out, mapErr(rows.Err())
}

// SyncEvent is one export or import done here.
type SyncEvent struct {
	At      time.Time
	Kind    string // "export" or "import"
	File    string
	Replica string // imports: the desk that wrote the bundle
	Rows    int    // rows in the bundle
	// Counts: exports, rows by table; imports, what changed by table.
	Counts map[string]SyncCounts
	// Exported rows by table (exports only).
	Exported map[string]int
}

// LastSyncEvents returns the newest export and the newest import (zero
// values when there was none).
func (s *Store) LastSyncEvents(ctx context.Context) (export, imp SyncEvent, err error) {
	for _, kind := range []string{"export", "import"} {
		var e SyncEvent
		var at, counts string
		err := s.read.QueryRowContext(ctx, `SELECT at, kind, file, replica, rows, counts FROM sync_log
			WHERE kind = ? ORDER BY seq DESC LIMIT 1`, kind).Scan(&at, &e.Kind, &e.File, &e.Replica, &e.Rows, &counts)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return export, imp, mapErr(err)
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		if kind == "export" {
			_ = json.Unmarshal([]byte(counts), &e.Exported)
			export = e
		} else {
			_ = json.Unmarshal([]byte(counts), &e.Counts)
			imp = e
		}
	}
	return export, imp, nil
}

// RefusedBundle is a bundle refused because its clock is too far ahead
// of this desk's: the Sync screen names the desk and its clock, and the
// file is tried again every round until its desk's date is right.
type RefusedBundle struct {
	FileSHA256  string
	File        string
	Replica     string
	ReplicaName string
	// Clock is the offending clock's time; Err says what was wrong.
	Clock     time.Time
	RefusedAt time.Time
	Err       error
}

// RefuseBundle remembers a refused bundle (refusals other than a clock
// ahead are not kept) and returns its error, naming the desk.
func (s *Store) RefuseBundle(ctx context.Context, r RefusedBundle) error {
	var ae *app.ClockAheadError
	if !errors.As(r.Err, &ae) {
		return r.Err
	}
	err := fmt.Errorf("desk %q: %w", r.ReplicaName, r.Err)
	werr := s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_refused (file_sha256, file, replica, replica_name, reason, clock, refused_at)
			VALUES (?, ?, ?, ?, 'clock_ahead', ?, ?)
			ON CONFLICT (file_sha256) DO UPDATE SET refused_at = excluded.refused_at`,
			r.FileSHA256, r.File, r.Replica, r.ReplicaName, formatInstant(ae.Clock.Time()), formatInstant(s.now()))
		return err
	})
	return errors.Join(err, werr)
}

// RefusedBundles lists the bundles refused for a clock too far ahead
// whose desk has not sent an importable bundle since, newest first.
func (s *Store) RefusedBundles(ctx context.Context) ([]RefusedBundle, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT file_sha256, file, replica, replica_name, clock, refused_at FROM sync_refused
		ORDER BY refused_at DESC, file_sha256`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []RefusedBundle
	for rows.Next() {
		var r RefusedBundle
		var clock, at string
		if err := rows.Scan(&r.FileSHA256, &r.File, &r.Replica, &r.ReplicaName, &clock, &at); err != nil {
			return nil, mapErr(err)
		}
		r.Clock, _ = time.Parse(time.RFC3339Nano, clock)
		r.RefusedAt, _ = time.Parse(time.RFC3339Nano, at)
		h := app.HLC{WallMS: r.Clock.UnixMilli(), Replica: r.Replica}
		r.Err = &app.ClockAheadError{Clock: h, Wall: r.RefusedAt}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}
