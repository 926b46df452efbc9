package main

import (
	"bytes"
	"errors"
	"log"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/ui"
)

// What glfw and Fyne print on the PCs where the window cannot be created
// (taken from the Fyne issues #409, #410, #4565 and a run here without a
// display).
func TestClassifyStart(t *testing.T) {
	for _, tt := range []struct {
		name    string
		panic   any
		lines   []string
		want    failureKind
		mention string
	}{
		{"no display (Linux, no DISPLAY)", "NotInitialized: The GLFW library is not initialized",
			[]string{"2026/11/29 16:16:08 PlatformError: X11: The DISPLAY environment variable is missing"}, failNoDisplay, "DISPLAY"},
		{"no OpenGL 2.1 (Windows VM, remote desktop)", nil,
			[]string{"Fyne error:  window creation error", "  Cause: VersionUnavailable: WGL: The driver does not appear to support OpenGL", "  At: window_desktop.go:760"},
			failNoOpenGL, "WGL"},
		{"no GLX on the X server", nil,
			[]string{"Fyne error:  window creation error", "  Cause: APIUnavailable: GLX: GLX extension not found"}, failNoOpenGL, "GLX"},
		{"OpenGL functions missing", nil,
			[]string{"Fyne error:  failed to initialise OpenGL", "  Cause: glGetString not found"}, failNoOpenGL, "OpenGL"},
		{"another window error", nil,
			[]string{"Fyne error:  window creation error", "  Cause: FormatUnavailable: something else"}, failWindow, "FormatUnavailable"},
		{"a panic with nothing logged", "runtime error: index out of range", nil, failWindow, "index out of range"},
		{"a normal start that logged a harmless error", nil,
			[]string{"Fyne error:  Failed to decode image for window icon", "  Cause: unknown format"}, failNone, ""},
		{"nothing wrong", nil, nil, failNone, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := classifyStart(tt.panic, tt.lines)
			if got.kind != tt.want {
				t.Fatalf("kind = %d, want %d (detail %q)", got.kind, tt.want, got.detail)
			}
			if !strings.Contains(got.detail, tt.mention) {
				t.Errorf("detail %q does not carry %q", got.detail, tt.mention)
			}
		})
	}
}

// The message says what is missing and what to do, in the person's
// language, and names the log file.
func TestStartFailureMessage(t *testing.T) {
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		tr := ui.NewTranslator(lang)
		seen := map[string]bool{}
		for _, k := range []failureKind{failNoDisplay, failNoOpenGL, failWindow, failCrash} {
			title, body := startFailure{kind: k}.message(tr, `C:\Users\张三\AppData\Roaming\OpsBench\logs\opsbench.log`)
			if title == "" || strings.HasPrefix(title, "startfail.") || strings.Contains(body, "startfail.") {
				t.Fatalf("%s: untranslated message %q / %q", lang, title, body)
			}
			if !strings.Contains(body, `张三\AppData`) {
				t.Errorf("%s: the log path is not named: %q", lang, body)
			}
			if seen[body] {
				t.Errorf("%s: two kinds share the message %q", lang, body)
			}
			seen[body] = true
		}
		_, gl := startFailure{kind: failNoOpenGL}.message(tr, "log")
		want := map[string]string{ui.LangEnglish: "graphics driver", ui.LangChinese: "显卡驱动"}[lang]
		if !strings.Contains(gl, want) {
			t.Errorf("%s: the OpenGL message does not say to update the graphics driver: %q", lang, gl)
		}
	}
}

// failingApp is a test app whose window creation fails the way Fyne's GLFW
// driver fails: logged, or a panic.
type failingApp struct {
	fyne.App
	fail func()
}

func (a failingApp) NewWindow(title string) fyne.Window {
	a.fail()
	return a.App.NewWindow(title)
}

// runWindow turns both ways a window fails into a startFailure, restores
// the log output, and forwards Fyne's lines to the log file.
func TestRunWindowFailures(t *testing.T) {
	prev := log.Writer()
	for _, tt := range []struct {
		name string
		fail func()
		want failureKind
	}{
		{"glfw panics without a display", func() {
			log.Print("PlatformError: X11: The DISPLAY environment variable is missing")
			panic(errors.New("NotInitialized: The GLFW library is not initialized"))
		}, failNoDisplay},
		{"the window is only logged as failed", func() {
			log.Print("Fyne error:  window creation error")
			log.Print("  Cause: VersionUnavailable: WGL: The driver does not appear to support OpenGL")
		}, failNoOpenGL},
		{"a window that works", func() {}, failNone},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var logFile bytes.Buffer
			a := failingApp{App: test.NewTempApp(t), fail: tt.fail}
			got := runWindow(func() fyne.App { return a }, func(a fyne.App) {
				a.NewWindow("OpsBench")
			}, &logFile)
			if got.kind != tt.want {
				t.Fatalf("kind = %d, want %d (%q)", got.kind, tt.want, got.detail)
			}
			if log.Writer() != prev {
				t.Error("the log output was not restored")
			}
			if tt.want != failNone && !strings.Contains(logFile.String(), "PlatformError") && !strings.Contains(logFile.String(), "WGL") {
				t.Errorf("Fyne's lines did not reach the log file: %q", logFile.String())
			}
		})
	}
}

// A window toolkit stuck after its window closed is ended with the exit
// code the app would have returned; one that stops in time, or a window
// that never closed, is left alone.
func TestExitIfStuck(t *testing.T) {
	const grace = 20 * time.Millisecond
	run := func(act func(closed chan int, returned chan struct{})) (code int, exited bool) {
		closed, returned := make(chan int, 1), make(chan struct{})
		done := make(chan struct{})
		code = -1
		go func() {
			defer close(done)
			exitIfStuck(closed, returned, grace, func(c int) { code, exited = c, true })
		}()
		act(closed, returned)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("exitIfStuck never returned")
		}
		return code, exited
	}
	if code, exited := run(func(closed chan int, _ chan struct{}) { closed <- exitFail }); !exited || code != exitFail {
		t.Errorf("stuck after the window closed: exited %v with %d, want exit %d", exited, code, exitFail)
	}
	if _, exited := run(func(closed chan int, returned chan struct{}) {
		closed <- 0
		close(returned)
	}); exited {
		t.Error("exited although the toolkit stopped in time")
	}
	if _, exited := run(func(_ chan int, returned chan struct{}) { close(returned) }); exited {
		t.Error("exited although the window never closed (the toolkit returned on its own)")
	}
}
