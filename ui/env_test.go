package ui

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// lockedBuffer is a log sink safe for the background goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A panic in background work is logged with its stack and shown as an
// error; the window (and what was typed in it) stays.
func TestBackgroundPanicIsShownAndLogged(t *testing.T) {
	e, q := newTestEnv(t)
	var logged lockedBuffer
	var secrets []string
	e.SetLog(slog.New(slog.NewTextHandler(&logged, nil)), func(s string) { secrets = append(secrets, s) })
	typed := widget.NewEntry()
	typed.SetText("王芳 typed this")
	e.Window().SetContent(typed)
	e.Go(func() { panic("index out of range [3] with length 3") })
	q.settle(e)
	if !strings.Contains(logged.String(), "panic in background work") || !strings.Contains(logged.String(), "env_test.go") {
		t.Errorf("the panic and its stack are not in the log:\n%s", logged.String())
	}
	if !strings.Contains(logged.String(), "error shown") {
		t.Errorf("the error shown is not in the log:\n%s", logged.String())
	}
	overlay := e.Window().Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no error dialog shown")
	}
	if typed.Text != "王芳 typed this" {
		t.Errorf("the typing was lost: %q", typed.Text)
	}
	if got := e.ErrorText(errors.Join(errBackgroundPanic)); !strings.Contains(got, e.T("error.background_panic")) {
		t.Errorf("ErrorText = %q", got)
	}
	e.AddSecret("office passphrase")
	if len(secrets) != 1 || secrets[0] != "office passphrase" {
		t.Errorf("AddSecret did not reach the log: %v", secrets)
	}
}
