package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// Local settings about this database file and desk.
const (
	// SettingDatabaseKind is "demo" for a demo database; a real database
	// has "real" (or nothing: files made before kinds existed).
	SettingDatabaseKind = "database_kind"
	// SettingOpenedOn is where the file was last opened (JSON openedOn):
	// the machine's fingerprint, host name and the file's path.
	SettingOpenedOn = "opened_on"
	// SettingDeskCopy is a pending "was this database copied?" question
	// (JSON DeskCopy); absent when there is none.
	SettingDeskCopy = "desk_copy"
)

// Database kinds.
const (
	KindReal = "real"
	KindDemo = "demo"
)

// ErrDemoDatabase and ErrRealDatabase refuse mixing demo and real data.
var (
	ErrRealDatabase = errors.New("this is a real database: demo data goes in a demo database of its own (opsbench demo makes one beside the real one)")
	ErrDemoMismatch = errors.New("demo and real data never mix")
)

// IsDemo reports whether this is a demo database.
func (s *Store) IsDemo() bool { return s.kind == KindDemo }

// loadKind reads whether this is a demo database; a new file gets the
// kind asked for, an existing real one refuses to become a demo.
func (s *Store) loadKind(ctx context.Context, fresh, demo bool) error {
	kind, err := getSetting(ctx, s.write, SettingDatabaseKind)
	if err != nil {
		return err
	}
	if fresh || kind == "" {
		kind = KindReal
		if demo && (fresh || !s.holdsData(ctx)) {
			kind = KindDemo
		}
		if err := s.SetSetting(ctx, SettingDatabaseKind, kind); err != nil {
			return err
		}
	}
	s.kind = kind
	if demo && kind != KindDemo {
		return ErrRealDatabase
	}
	return nil
}

// holdsData reports whether a database made before kinds existed holds
// anything but its own desk (a real database to keep apart from demo
// data).
func (s *Store) holdsData(ctx context.Context) bool {
	var n int
	err := s.write.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM scenario)
		+ (SELECT count(*) FROM shipping_mode) + (SELECT count(*) FROM sync_bundle)`).Scan(&n)
	return err != nil || n > 0
}

// DemoPath is where the demo database of the database at dbPath lives:
// beside it, "<name>-demo<ext>" (opsbench-demo.db beside opsbench.db).
func DemoPath(dbPath string) string {
	ext := ""
	if i := strings.LastIndexByte(dbPath, '.'); i > strings.LastIndexAny(dbPath, `/\`) {
		ext = dbPath[i:]
	}
	return strings.TrimSuffix(dbPath, ext) + "-demo" + ext
}

// DefaultDemoPath is DemoPath of DefaultPath.
func DefaultDemoPath() (string, error) {
	p, err := DefaultPath()
	if err != nil {
		return "", err
	}
	return DemoPath(p), nil
}

// openedOn is where a database was last opened.
type openedOn struct {
	Machine string `json:"machine"`
	Host    string `json:"host"`
	Path    string `json:"path"`
}

// Reasons for a pending DeskCopy.
const (
	// CopyOpened: the file was last opened on another computer or at
	// another path.
	CopyOpened = "opened_elsewhere"
	// CopyBundle: a bundle claiming this desk's id, written by another
	// database file, held changes this desk never made.
	CopyBundle = "bundle"
)

// DeskCopy is the question "was this database copied?", pending until
// ResolveDeskCopy answers it. Meanwhile this desk does not write its file
// in the shared folder (a copy would write the same file as the desk it
// was copied from) and the sync status says so.
type DeskCopy struct {
	Reason string `json:"reason"`
	// Where the file was last opened before, and where it is now.
	WasHost string `json:"was_host,omitempty"`
	WasPath string `json:"was_path,omitempty"`
	Host    string `json:"host,omitempty"`
	Path    string `json:"path,omitempty"`
	// CopyBundle: the desk name in the bundle, its file and how many of
	// its changes, stamped with this desk's id, this desk never made.
	OtherName string    `json:"other_name,omitempty"`
	File      string    `json:"file,omitempty"`
	Changes   int       `json:"changes,omitempty"`
	At        time.Time `json:"at"`
}

// Answers to a DeskCopy.
const (
	// DeskNew: this is a new desk: it gets a new desk id and keeps the
	// data; changes made under the old id stay the old desk's.
	DeskNew = "new"
	// DeskMoved: this database moved here; it keeps its desk id.
	DeskMoved = "moved"
)

// Writer identifies this database file on this machine in the bundles it
// writes, so a desk can tell its own bundles from a copy's.
func (s *Store) Writer() string { return s.writer }

func writerOf(m Machine, path string) string {
	sum := sha256.Sum256([]byte(m.Fingerprint() + "\x00" + strings.ToLower(path)))
	return hex.EncodeToString(sum[:8])
}

// checkOpenedOn compares where the file was last opened with here: the
// first time (or after an upgrade) it records it; elsewhere, it raises a
// DeskCopy unless one is pending already.
func (s *Store) checkOpenedOn(ctx context.Context, fresh bool) error {
	here := openedOn{Machine: s.machine.Fingerprint(), Host: s.machine.Host, Path: s.path}
	raw, err := getSetting(ctx, s.write, SettingOpenedOn)
	if err != nil {
		return err
	}
	var was openedOn
	_ = json.Unmarshal([]byte(raw), &was)
	if raw != "" && was.Machine == here.Machine && samePath(was.Path, here.Path) {
		return nil
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if raw == "" || fresh {
			return setJSONSetting(ctx, tx, SettingOpenedOn, here)
		}
		if pending, err := getSetting(ctx, tx, SettingDeskCopy); err != nil || pending != "" {
			return err
		}
		return s.noteCopy(ctx, tx, DeskCopy{Reason: CopyOpened, WasHost: was.Host, WasPath: was.Path,
			Host: here.Host, Path: here.Path, At: s.now().UTC()})
	})
}

// noteCopy records a pending DeskCopy (a bundle's proof replaces a mere
// change of place).
func (s *Store) noteCopy(ctx context.Context, tx *sql.Tx, c DeskCopy) error {
	if c.Host == "" {
		c.Host, c.Path = s.machine.Host, s.path
	}
	return setJSONSetting(ctx, tx, SettingDeskCopy, c)
}

func setJSONSetting(ctx context.Context, tx *sql.Tx, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return setSetting(ctx, tx, key, string(b))
}

// PendingDeskCopy returns the pending "was this database copied?"
// question (ok false when there is none).
func (s *Store) PendingDeskCopy(ctx context.Context) (c DeskCopy, ok bool, err error) {
	raw, err := getSetting(ctx, s.read, SettingDeskCopy)
	if err != nil || raw == "" {
		return c, false, err
	}
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		c = DeskCopy{Reason: CopyOpened}
	}
	return c, true, nil
}

// ResolveDeskCopy answers the pending question: DeskNew gives this
// database a new desk id (named name, or a distinct default when empty)
// and keeps the data; DeskMoved keeps the id. Either way this place is
// recorded as where the file is opened. Without a pending question it
// still works (a desk can always be made new), so scripts can run it.
func (s *Store) ResolveDeskCopy(ctx context.Context, answer, name string) error {
	here := openedOn{Machine: s.machine.Fingerprint(), Host: s.machine.Host, Path: s.path}
	switch answer {
	case DeskMoved:
		return s.withTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `DELETE FROM local_setting WHERE key = ?`, SettingDeskCopy); err != nil {
				return err
			}
			return setJSONSetting(ctx, tx, SettingOpenedOn, here)
		})
	case DeskNew:
	default:
		return fmt.Errorf("answer %q: use %q or %q: %w", answer, DeskNew, DeskMoved, app.ErrInvalidInput)
	}
	id := app.NewID()
	name = strings.TrimSpace(name)
	if name == "" {
		name = defaultReplicaName(s.machine.Host, id)
	}
	r := app.Replica{ID: id, Name: name}
	if err := r.Validate(); err != nil {
		return err
	}
	clock := app.NewClock(id, s.now)
	clock.Resume(s.Clock().Last())
	old := s.clk.Swap(clock)
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		for _, kv := range [][2]string{{SettingReplicaID, id}, {SettingReplicaName, name}} {
			if err := setSetting(ctx, tx, kv[0], kv[1]); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM local_setting WHERE key = ?`, SettingDeskCopy); err != nil {
			return err
		}
		if err := setJSONSetting(ctx, tx, SettingOpenedOn, here); err != nil {
			return err
		}
		return s.insertRecord(ctx, tx, tableReplica, id, record{"name": name})
	})
	if err != nil {
		s.clk.Store(old)
		return err
	}
	s.replica.Store(&r)
	return nil
}
