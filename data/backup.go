package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// DefaultKeepBackups is how many automatic backups are kept unless the
// user chooses otherwise.
const DefaultKeepBackups = 14

// Reasons for automatic backups, part of the file name.
const (
	BackupDaily      = "daily"
	BackupMigration  = "migration"
	BackupImport     = "import"
	BackupPreRestore = "pre-restore"
	BackupManual     = "manual"
)

// BackupPolicy says where automatic backups go and how many are kept.
type BackupPolicy struct {
	Dir  string // default: "backups" beside the database
	Keep int    // default: DefaultKeepBackups
	// Now stamps the names of backups made outside an open store (Restore
	// keeping the current database); time.Now when nil.
	Now func() time.Time
}

// MaxKeepBackups bounds how many automatic backups can be kept.
const MaxKeepBackups = 1000

// Backup is one backup file.
type Backup struct {
	Path   string
	At     time.Time
	Reason string
	Size   int64
}

const backupStamp = "20060102-150405"

// BackupTo writes a consistent copy of the database to dest with VACUUM
// INTO. The copy is written under a temporary name and renamed, so a full
// disk or a crash never leaves a partial file under dest. dest must not
// exist.
func (s *Store) BackupTo(ctx context.Context, dest string) error {
	return backupWith(ctx, s.read, dest)
}

// backupWith runs VACUUM INTO on db (the read pool normally; the writer
// before the read pool exists, when backing up ahead of a migration).
func backupWith(ctx context.Context, db *sql.DB, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s already exists: choose another file name", dest)
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w (%v)", filepath.Dir(dest), app.ErrReadOnly, err)
	}
	tmp := dest + ".partial"
	_ = os.Remove(tmp)
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", dest, mapErr(err))
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	return nil
}

// AutoBackup writes a backup into the backup folder, named after the
// database, the time and the reason, then deletes the oldest backups
// beyond the policy's count.
func (s *Store) AutoBackup(ctx context.Context, reason string) (Backup, error) {
	return s.autoBackup(ctx, s.read, reason)
}

func (s *Store) autoBackup(ctx context.Context, db *sql.DB, reason string) (Backup, error) {
	now := s.now()
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := fmt.Sprintf("%s-%s-%s.db", base, now.UTC().Format(backupStamp), reason)
	dest := filepath.Join(s.backups.Dir, name)
	for i := 2; fileExists(dest); i++ { // two backups in one second
		dest = filepath.Join(s.backups.Dir, fmt.Sprintf("%s-%s-%s-%d.db", base, now.UTC().Format(backupStamp), reason, i))
	}
	if err := backupWith(ctx, db, dest); err != nil {
		s.log.Error("backup failed", "reason", reason, "err", err)
		return Backup{}, err
	}
	if err := s.pruneBackups(); err != nil {
		return Backup{}, err
	}
	st, err := os.Stat(dest)
	if err != nil {
		return Backup{}, err
	}
	s.log.Info("backup", "reason", reason, "file", filepath.Base(dest), "bytes", st.Size())
	return Backup{Path: dest, At: now.UTC().Truncate(time.Second), Reason: reason, Size: st.Size()}, nil
}

// DailyBackupIfDue takes the daily backup unless one was already taken
// today (in the local time zone). It reports whether it took one.
func (s *Store) DailyBackupIfDue(ctx context.Context) (bool, error) {
	list, err := s.Backups()
	if err != nil {
		return false, err
	}
	today := s.now().Local().Format(time.DateOnly)
	for _, b := range list {
		if b.Reason == BackupDaily && b.At.Local().Format(time.DateOnly) == today {
			return false, nil
		}
	}
	_, err = s.AutoBackup(ctx, BackupDaily)
	return err == nil, err
}

// Backups lists this database's backups, newest first.
func (s *Store) Backups() ([]Backup, error) { return ListBackups(s.path, s.backups) }

// BackupPolicy returns where backups go and how many are kept.
func (s *Store) BackupPolicy() BackupPolicy { return s.backups }

// SetBackupKeep changes how many automatic backups are kept.
func (s *Store) SetBackupKeep(n int) error {
	if n < 1 || n > MaxKeepBackups {
		return &app.FieldError{Entity: "backup", Field: "keep", Code: app.CodeBadChoice}
	}
	s.backups.Keep = n
	return s.pruneBackups()
}

// ListBackups lists the backups of the database at dbPath found in the
// policy's folder (default: "backups" beside it), newest first.
func ListBackups(dbPath string, p BackupPolicy) ([]Backup, error) {
	dir := p.Dir
	if dir == "" {
		dir = filepath.Join(filepath.Dir(dbPath), "backups")
	}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath)) + "-"
	var out []Backup
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, base) || !strings.HasSuffix(name, ".db") {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(name, base), ".db")
		if len(rest) < len(backupStamp)+2 {
			continue
		}
		at, err := time.Parse(backupStamp, rest[:len(backupStamp)])
		if err != nil {
			continue
		}
		reason := rest[len(backupStamp)+1:]
		if i := strings.LastIndex(reason, "-"); i > 0 && strings.Trim(reason[i+1:], "0123456789") == "" {
			reason = reason[:i]
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Path: filepath.Join(dir, name), At: at, Reason: reason, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

func (s *Store) pruneBackups() error {
	list, err := s.Backups()
	if err != nil {
		return err
	}
	for i := s.backups.Keep; i < len(list); i++ {
		if err := os.Remove(list[i].Path); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// BackupContents says what a backup holds, so that an empty backup (taken
// before the first-start questions were answered) is not mistaken for one
// with the office's data.
type BackupContents struct {
	Backup
	People    int
	Scenarios int
	Desk      string    // the desk whose database it is
	Demo      bool      // a backup of a demo database
	LastEdit  time.Time // the newest change recorded (zero: none)
	// Problem says why it could not be read ("" when it could).
	Problem string
}

// Empty reports whether the backup holds no team and no scenario.
func (b BackupContents) Empty() bool { return b.Problem == "" && b.People == 0 && b.Scenarios == 0 }

// ListBackupContents lists the backups of the database at dbPath, newest
// first, each with what it holds (read without changing it).
func ListBackupContents(ctx context.Context, dbPath string, p BackupPolicy) ([]BackupContents, error) {
	list, err := ListBackups(dbPath, p)
	if err != nil {
		return nil, err
	}
	out := make([]BackupContents, len(list))
	for i, b := range list {
		out[i] = ReadBackupContents(ctx, b)
	}
	return out, nil
}

// ReadBackupContents reads what backup b holds.
func ReadBackupContents(ctx context.Context, b Backup) BackupContents {
	c := BackupContents{Backup: b}
	info, err := Inspect(ctx, b.Path)
	if err == nil {
		err = checkOurs(b.Path, info)
	}
	if err != nil {
		c.Problem = err.Error()
		return c
	}
	db, err := openReadOnly(b.Path)
	if err != nil {
		c.Problem = err.Error()
		return c
	}
	defer db.Close()
	var last, kind string
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM person WHERE deleted = 0),
		(SELECT count(*) FROM scenario WHERE deleted = 0),
		coalesce((SELECT value FROM local_setting WHERE key = ?), ''),
		coalesce((SELECT value FROM local_setting WHERE key = ?), ''),
		coalesce((SELECT max(at) FROM audit_log), '')`, SettingReplicaName, SettingDatabaseKind).
		Scan(&c.People, &c.Scenarios, &c.Desk, &kind, &last)
	if err != nil && info.UserVersion < 5 {
		// Before kinds: read without them.
		err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM person WHERE deleted = 0),
			(SELECT count(*) FROM scenario WHERE deleted = 0),
			coalesce((SELECT value FROM local_setting WHERE key = ?), ''),
			coalesce((SELECT max(at) FROM audit_log), '')`, SettingReplicaName).Scan(&c.People, &c.Scenarios, &c.Desk, &last)
	}
	if err != nil {
		c.Problem = mapErr(err).Error()
		return c
	}
	c.Demo = kind == KindDemo
	c.LastEdit, _ = time.Parse(time.RFC3339Nano, last)
	return c
}

// NewestUsefulBackup is the newest backup that holds data (people or
// scenarios), for "restore the newest backup" when the database is gone;
// ok false when there is none.
func NewestUsefulBackup(ctx context.Context, dbPath string, p BackupPolicy) (BackupContents, bool, error) {
	list, err := ListBackupContents(ctx, dbPath, p)
	if err != nil {
		return BackupContents{}, false, err
	}
	for _, b := range list {
		if b.Problem == "" && !b.Empty() {
			return b, true, nil
		}
	}
	return BackupContents{}, false, nil
}
