package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gofrs/flock"
	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"github.com/opsbench/opsbench/app"
)

// Store is an open OpsBench database: one writer connection, a pool of
// read-only connections, this installation's identity and clock.
type Store struct {
	path    string
	write   *sql.DB
	read    *sql.DB
	lock    *flock.Flock
	clk     atomic.Pointer[app.Clock]
	replica atomic.Pointer[app.Replica]
	// kind is KindDemo or KindReal; machine and writer say where the file
	// is open (see desk.go).
	kind    string
	machine Machine
	writer  string
	// file is the database file as opened: writes stop (ErrDatabaseGone)
	// once the path holds no file or another one.
	file    os.FileInfo
	gone    atomic.Bool
	feed    feed
	now     func() time.Time
	newID   func() string
	backups BackupPolicy
	actor   atomic.Pointer[app.Person]
	log     *slog.Logger
}

// Options adjust Open. The zero value is what the application uses.
type Options struct {
	// Now is the wall clock (time.Now when nil); tests fix it.
	Now func() time.Time
	// NewID makes record IDs (app.NewID when nil); the demo generator
	// passes a seeded one.
	NewID func() string
	// Backups says where automatic backups go and how many are kept.
	Backups BackupPolicy
	// ReplicaName names a new installation (the host name and a short
	// part of its id when empty, so that desks set up from the command
	// line on machines with one name can be told apart).
	ReplicaName string
	// Demo makes a new file a demo database; an existing real database is
	// then refused with ErrRealDatabase.
	Demo bool
	// Machine is the computer the file is opened on (ThisMachine when
	// zero); tests pretend to be another computer.
	Machine Machine
	// Log receives the support log's events: migrations, backups, a
	// database that disappeared (nothing when nil). Ids and counts only.
	Log *slog.Logger
}

// DefaultPath is where the database lives unless --db or OPSBENCH_DB say
// otherwise: OpsBench/opsbench.db in the user's configuration directory
// (%AppData% on Windows, ~/Library/Application Support on macOS,
// $XDG_CONFIG_HOME or ~/.config on Linux).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the user's configuration folder: %w", err)
	}
	return filepath.Join(dir, "OpsBench", "opsbench.db"), nil
}

// uri makes a SQLite URI for path with the given query parameters. A
// relative path is made absolute first: a file: URI has no relative form.
func uri(path string, params string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive paths: SQLite drops the slash before "C:"
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file:" + p + "?" + params
}

const (
	writerParams = "_fk=1&_journal_mode=WAL&_busy_timeout=5000&_txlock=immediate&_synchronous=NORMAL"
	readerParams = "mode=ro&_fk=1&_busy_timeout=5000"
	probeParams  = "mode=ro"
)

// FileInfo is what Inspect learns about a database file without changing it.
type FileInfo struct {
	Exists        bool
	ApplicationID int
	UserVersion   int
	Tables        int
}

// Inspect reads a file's application id and schema version through a
// read-only connection, so a foreign or newer file is never modified.
func Inspect(ctx context.Context, path string) (FileInfo, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return FileInfo{}, nil
	}
	if err != nil {
		return FileInfo{}, fmt.Errorf("%s: %w (%v)", path, app.ErrReadOnly, err)
	}
	if st.IsDir() {
		return FileInfo{}, fmt.Errorf("%s is a folder, not a database file", path)
	}
	info := FileInfo{Exists: true}
	if st.Size() == 0 {
		return info, nil
	}
	db, err := sql.Open("sqlite3", uri(path, probeParams))
	if err != nil {
		return info, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	row := db.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema WHERE type = 'table')`)
	if err := row.Scan(&info.ApplicationID, &info.UserVersion, &info.Tables); err != nil {
		return info, fmt.Errorf("%s: %w", path, mapErr(err))
	}
	return info, nil
}

// checkOurs refuses files that are not OpsBench databases or that a newer
// OpsBench wrote.
func checkOurs(path string, info FileInfo) error {
	if !info.Exists {
		return nil
	}
	if info.ApplicationID != ApplicationID && (info.ApplicationID != 0 || info.Tables > 0 || info.UserVersion > 0) {
		return fmt.Errorf("%s: %w; open an OpsBench database or choose a new file name", path, app.ErrForeignFile)
	}
	if supported := SchemaVersion(); info.UserVersion > supported {
		return &app.SchemaError{Path: path, Found: info.UserVersion, Supported: supported}
	}
	return nil
}

// Open opens (creating and migrating when needed) the database at path and
// takes the single-instance lock beside it. A second Open of the same path,
// from this or another process, fails with app.ErrLocked until Close.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path %q: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the data folder %s: %w (%v)", filepath.Dir(abs), app.ErrReadOnly, err)
	}
	lock := flock.New(abs + ".lock")
	locked, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock file %s.lock: %w (%v)", abs, app.ErrReadOnly, err)
	}
	if !locked {
		return nil, fmt.Errorf("%s: %w", abs, app.ErrLocked)
	}
	s, err := open(ctx, abs, lock, opts)
	if err != nil {
		_ = lock.Unlock()
		return nil, err
	}
	return s, nil
}

func open(ctx context.Context, path string, lock *flock.Flock, opts Options) (*Store, error) {
	info, err := Inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := checkOurs(path, info); err != nil {
		return nil, err
	}
	s := &Store{path: path, lock: lock, now: opts.Now, newID: opts.NewID, backups: opts.Backups, log: opts.Log}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = app.NewID
	}
	if s.backups.Dir == "" {
		s.backups.Dir = filepath.Join(filepath.Dir(path), "backups")
	}
	if s.backups.Keep <= 0 {
		s.backups.Keep = DefaultKeepBackups
	}
	s.write, err = sql.Open("sqlite3", uri(path, writerParams))
	if err != nil {
		return nil, err
	}
	s.write.SetMaxOpenConns(1)
	s.write.SetConnMaxIdleTime(0)
	if err := s.write.PingContext(ctx); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("%s: %w", path, mapErr(err))
	}
	if s.file, err = os.Stat(path); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if info.UserVersion > 0 && info.UserVersion < SchemaVersion() {
		// An older file is about to be upgraded: keep a copy first.
		if _, err := s.autoBackup(ctx, s.write, BackupMigration); err != nil {
			s.write.Close()
			return nil, fmt.Errorf("backup before upgrading %s: %w", path, err)
		}
	}
	if err := migrate(ctx, s.write, s.log); err != nil {
		s.log.Error("migration failed", "err", err)
		s.write.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.read, err = sql.Open("sqlite3", uri(path, readerParams))
	if err != nil {
		s.write.Close()
		return nil, err
	}
	s.read.SetMaxOpenConns(4)
	s.machine = opts.Machine
	if s.machine == (Machine{}) {
		s.machine = ThisMachine(path)
	}
	s.writer = writerOf(s.machine, path)
	fresh, err := s.loadIdentity(ctx, opts.ReplicaName)
	if err == nil {
		err = s.loadKind(ctx, fresh, opts.Demo)
	}
	if err == nil {
		err = s.checkOpenedOn(ctx, fresh)
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if opts.Backups.Keep <= 0 {
		if v, _ := getSetting(ctx, s.read, SettingBackupKeep); v != "" {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				s.backups.Keep = n
			}
		}
	}
	return s, nil
}

// Close releases the connections and the single-instance lock.
func (s *Store) Close() error {
	var errs []error
	if s.read != nil {
		errs = append(errs, s.read.Close())
	}
	if s.write != nil {
		errs = append(errs, s.write.Close())
	}
	if s.lock != nil {
		errs = append(errs, s.lock.Unlock())
	}
	return errors.Join(errs...)
}

// Path is the database file's absolute path.
func (s *Store) Path() string { return s.path }

// Dir is the folder holding the database (the data folder).
func (s *Store) Dir() string { return filepath.Dir(s.path) }

// Now is the store's wall clock.
func (s *Store) Now() time.Time { return s.now() }

// SetActor names the person whose changes the audit log records from now on.
func (s *Store) SetActor(p app.Person) { s.actor.Store(&p) }

// Actor is the person set by SetActor (zero when none: changes are then
// logged as made by the system, e.g. the demo generator or the CLI).
func (s *Store) Actor() app.Person {
	if p := s.actor.Load(); p != nil {
		return *p
	}
	return app.Person{}
}

// CheckFile reports app.ErrDatabaseGone when the database file was
// deleted, moved away or replaced since it was opened (its folder
// removed, a sync program or a person replacing it): SQLite would go on
// writing into a file nobody will ever open again. It is checked before
// every write; the GUI also calls it now and then to tell the user early.
// Once gone, the store stays gone until it is closed.
func (s *Store) CheckFile() error {
	if s.gone.Load() {
		return s.goneErr()
	}
	st, err := os.Stat(s.path)
	if err == nil && os.SameFile(st, s.file) && st.Size() > 0 {
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil // unreadable for a moment (a network drive): SQLite will say if it cannot write
	}
	if s.gone.CompareAndSwap(false, true) {
		s.log.Error("database file gone: writes stopped", "path", s.path, "stat", fmt.Sprint(err))
	}
	return s.goneErr()
}

// Log is the store's support log, for the sync and import code that
// works on it.
func (s *Store) Log() *slog.Logger { return s.log }

func (s *Store) goneErr() error {
	return fmt.Errorf("%s: %w", s.path, app.ErrDatabaseGone)
}

// withTx runs fn in one write transaction and commits, or rolls back
// everything when fn or the commit fails.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.CheckFile(); err != nil {
		return err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}
