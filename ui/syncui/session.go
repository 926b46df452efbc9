package syncui

import (
	"context"
	"errors"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
)

// Env is what the sync screen, its Today card and the session need from
// the window (ui.Env has it).
type Env interface {
	T(key string, args ...any) string
	Translator() *ui.Translator
	Window() fyne.Window
	Context() context.Context
	Store() *data.Store
	Background(work func(s *data.Store) (apply func()))
	Go(fn func())
	Do(fn func())
	ErrorText(err error) string
	ShowError(title string, err error)
	Inform(title, message string)
	ShowFormDialog(title, saveLabel string, form *widget.Form, save func() (ui.Write, error), saved func()) *ui.FormDialog
	ShowProgress(title string, known bool, cancel func()) *ui.Progress
	Confirm(title, message, action string, do func())
	NewFolderOpen(callback func(fyne.ListableURI, error)) *dialog.FileDialog
	Navigate(id ui.ScreenID)
	AddSecret(s string)
}

// Interval is how often the shared folder is synced while the app runs.
const Interval = 5 * time.Minute

// keyringService names OpsBench's entries in the system keyring.
const keyringService = "OpsBench office passphrase"

// secretStore keeps the office passphrase across restarts: the system
// keyring (Windows Credential Manager, macOS Keychain, the Secret Service
// on Linux) when it works. Without one, the passphrase is kept in memory
// for the session only, and a salted scrypt verifier (a local setting)
// checks it when it is typed again. The passphrase is never stored in
// plain text.
type secretStore interface {
	Get(user string) (string, error)
	Set(user, secret string) error
}

type osKeyring struct{}

func (osKeyring) Get(user string) (string, error) { return keyring.Get(keyringService, user) }
func (osKeyring) Set(user, secret string) error   { return keyring.Set(keyringService, user, secret) }

// noKeyring stands for a system without a usable keyring.
type noKeyring struct{}

var errNoKeyring = errors.New("no system keyring")

func (noKeyring) Get(string) (string, error) { return "", errNoKeyring }
func (noKeyring) Set(string, string) error   { return errNoKeyring }

// systemKeyring picks the keyring: none in tests, and none on Linux
// without a D-Bus session (where asking would fail or hang).
func systemKeyring() secretStore {
	if testing.Testing() {
		return noKeyring{}
	}
	if runtime.GOOS == "linux" && os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return noKeyring{}
	}
	return osKeyring{}
}

// Session is the sync state of one window: the passphrase in memory, the
// round in progress and the timer. It outlives the screens (which are
// rebuilt when the language changes).
type Session struct {
	env      Env
	version  string
	delay    time.Duration // before the first round
	interval time.Duration
	keyring  secretStore

	mu         sync.Mutex
	pass       string
	inKeyring  bool
	running    bool
	cancel     context.CancelFunc
	started    bool
	store      *data.Store     // the database the passphrase was set up for
	asked      map[string]bool // databases asked "was this copied?" this session
	workFactor int             // scrypt work factor of written bundles (0: default; tests lower it)
	// onRound, when set, is told (on the UI thread) after every round.
	onRound func()
}

// NewSession makes the sync session of a window. version is OpsBench's
// release (written into bundles); delay is how long after start-up the
// first round waits, so the first screen draws first.
func NewSession(env Env, version string, delay time.Duration) *Session {
	return &Session{env: env, version: version, delay: delay, interval: Interval, keyring: systemKeyring()}
}

func (ss *Session) passphrase() string {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.pass
}

// Start, called on the UI thread once the store is open, reads the
// passphrase from the keyring, syncs the shared folder once and then every
// interval while the app runs. Calling it again for the same database
// does nothing; for another one (the demo database, a restored backup)
// the passphrase in memory is kept only if it is that database's too.
func (ss *Session) Start() {
	env := ss.env
	ss.mu.Lock()
	store := env.Store()
	if store == nil || store == ss.store {
		ss.mu.Unlock()
		return
	}
	first := !ss.started
	ss.started, ss.store = true, store
	interval := ss.interval
	pass := ss.pass
	if ss.cancel != nil {
		ss.cancel() // a round of the database before
	}
	ss.mu.Unlock()
	ctx := env.Context()
	env.Background(func(s *data.Store) func() {
		verifier, _ := s.Setting(ctx, data.SettingSyncVerifier)
		if pass != "" && (verifier == "" || !bundle.CheckVerifier(verifier, pass)) {
			ss.mu.Lock()
			ss.pass, ss.inKeyring = "", false
			ss.mu.Unlock()
		}
		select {
		case <-time.After(ss.delay):
		case <-ctx.Done():
			return nil
		}
		if verifier != "" && ss.passphrase() == "" {
			if p, err := ss.keyring.Get(s.Replica().ID); err == nil && bundle.CheckVerifier(verifier, p) {
				env.AddSecret(p)
				ss.mu.Lock()
				ss.pass, ss.inKeyring = p, true
				ss.mu.Unlock()
			}
		}
		return ss.autoSync
	})
	if !first {
		return
	}
	// The timer is not counted as background work (which tests wait on
	// for quiet): it only ever hands a round to the UI thread, and it
	// ends with the window.
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				env.Do(ss.autoSync)
			}
		}
	}()
}

// autoSync runs a round in the background when a folder is chosen, the
// passphrase is known and no round is running.
func (ss *Session) autoSync() {
	if ss.passphrase() == "" {
		return
	}
	ss.runRound(func(bundle.FolderReport, error) {})
}

// errNoFolder stops a round when no folder is chosen.
var errNoFolder = errors.New("no sync folder chosen")

// runRound syncs the shared folder off the UI thread; done runs on the UI
// thread with the result (errNoFolder when no folder is chosen). It
// reports false when a round is already running.
func (ss *Session) runRound(done func(rep bundle.FolderReport, err error)) bool {
	env := ss.env
	ss.mu.Lock()
	if ss.running || env.Store() == nil {
		ss.mu.Unlock()
		return false
	}
	ctx, cancel := context.WithCancel(env.Context())
	ss.running, ss.cancel = true, cancel
	pass, wf := ss.pass, ss.workFactor
	ss.mu.Unlock()
	env.Background(func(s *data.Store) func() {
		var rep bundle.FolderReport
		folder, err := s.Setting(ctx, data.SettingSyncFolder)
		if err == nil && folder == "" {
			err = errNoFolder
		}
		if err == nil {
			rep, err = bundle.SyncFolder(ctx, s, folder, bundle.FolderOptions{Passphrase: pass, WorkFactor: wf, AppVersion: ss.version})
		}
		return func() {
			cancel()
			ss.mu.Lock()
			ss.running, ss.cancel = false, nil
			onRound := ss.onRound
			ss.mu.Unlock()
			done(rep, err)
			if onRound != nil && !errors.Is(err, errNoFolder) {
				onRound()
			}
			if rep.ErrorCode == bundle.CodeDeskCopy {
				AskDeskCopy(env, ss)
			}
		}
	})
	return true
}

// cancelRound cancels the round in progress, if any.
func (ss *Session) cancelRound() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.cancel != nil {
		ss.cancel()
	}
}

// remember keeps pass for the session, and in the keyring when there is
// one. It runs off the UI thread (a keyring may take its time).
func (ss *Session) remember(replica, pass string) {
	ss.env.AddSecret(pass)
	inKeyring := ss.keyring.Set(replica, pass) == nil
	ss.mu.Lock()
	ss.pass, ss.inKeyring = pass, inKeyring
	ss.mu.Unlock()
}
