// Package applog keeps OpsBench's log for support: a few size-limited
// files in a logs folder beside the database, with start-up, migrations,
// backups, sync rounds, imports and every error a person was shown. An
// office with no IT person sends these files when something goes wrong,
// so they hold no passphrases and no customer data beyond record ids:
// callers log ids and counts, and secrets registered with AddSecret are
// replaced wherever they appear.
package applog

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Defaults: three files of at most 1 MiB each, a few weeks of an office's
// normal use, small enough to attach to a chat message.
const (
	FileName    = "opsbench.log"
	DefaultSize = 1 << 20
	DefaultKeep = 3
)

// Dir is the log folder for the database at dbPath.
func Dir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "logs") }

// PathFor is the current log file for the database at dbPath.
func PathFor(dbPath string) string { return filepath.Join(Dir(dbPath), FileName) }

// File is a log file that rotates by size: opsbench.log, then
// opsbench.1.log, opsbench.2.log, ... up to Keep files; the oldest goes.
type File struct {
	path    string
	maxSize int64
	keep    int

	mu      sync.Mutex
	f       *os.File
	size    int64
	secrets []string
}

// Options adjust Open; the zero value takes the defaults.
type Options struct {
	MaxSize int64 // bytes per file
	Keep    int   // files kept, the current one included
}

// Open opens (creating the folder and file when needed) the log at path
// for appending.
func Open(path string, o Options) (*File, error) {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultSize
	}
	if o.Keep <= 0 {
		o.Keep = DefaultKeep
	}
	l := &File{path: path, maxSize: o.MaxSize, keep: o.Keep}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("log folder: %w", err)
	}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *File) open() error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("log file: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("log file: %w", err)
	}
	l.f, l.size = f, st.Size()
	return nil
}

// Path is the current log file.
func (l *File) Path() string { return l.path }

// AddSecret makes every later write replace s (a passphrase, say) with
// "[redacted]". Short strings are ignored: they would blank ordinary words.
func (l *File) AddSecret(s string) {
	if len(s) < 4 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, x := range l.secrets {
		if x == s {
			return
		}
	}
	l.secrets = append(l.secrets, s)
}

// Write appends p (one or more whole lines), redacted, rotating first when
// the file would grow past its size. Logging never fails the caller's work:
// errors are returned but callers may ignore them.
func (l *File) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return 0, os.ErrClosed
	}
	out := p
	if len(l.secrets) > 0 {
		s := string(p)
		for _, x := range l.secrets {
			s = strings.ReplaceAll(s, x, "[redacted]")
		}
		out = []byte(s)
	}
	if l.size > 0 && l.size+int64(len(out)) > l.maxSize {
		if err := l.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := l.f.Write(out)
	l.size += int64(n)
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

// rotate closes the current file, shifts the older ones up by one (the
// oldest is removed) and starts a new file. The file is closed before it
// is renamed: Windows cannot rename an open file.
func (l *File) rotate() error {
	if err := l.f.Close(); err != nil {
		return err
	}
	l.f = nil
	_ = os.Remove(l.numbered(l.keep - 1))
	for i := l.keep - 2; i >= 1; i-- {
		_ = os.Rename(l.numbered(i), l.numbered(i+1))
	}
	if l.keep > 1 {
		if err := os.Rename(l.path, l.numbered(1)); err != nil {
			return err
		}
	} else if err := os.Remove(l.path); err != nil {
		return err
	}
	return l.open()
}

// numbered is the i-th older file: opsbench.1.log.
func (l *File) numbered(i int) string {
	ext := filepath.Ext(l.path)
	return fmt.Sprintf("%s.%d%s", strings.TrimSuffix(l.path, ext), i, ext)
}

// Files lists the log files, newest first, that exist now.
func (l *File) Files() []string {
	out := []string{}
	for i := 0; i < l.keep; i++ {
		p := l.path
		if i > 0 {
			p = l.numbered(i)
		}
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// Close closes the file; later writes fail with os.ErrClosed.
func (l *File) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// New is the structured logger writing to w: one text line per event,
// time in UTC.
func New(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				a.Value = slog.StringValue(a.Value.Time().UTC().Format("2006-01-02T15:04:05.000Z"))
			}
			return a
		},
	}))
}

// Discard is a logger that writes nothing, for tests and tools.
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
