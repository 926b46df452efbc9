package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/opsbench/opsbench/ui"
)

// Fyne needs OpenGL 2.1 and a display. When either is missing it does not
// return an error: glfw panics inside NewWindow when it cannot start at all
// (no display), and a window it cannot create (no OpenGL: virtual machines,
// remote desktops, old office PCs) is only logged, after which the event
// loop waits forever for a window that will never exist. startWatch sees
// both, so OpsBench can say what is missing and exit instead of hanging
// or crashing.

// failureKind is why the window could not be created.
type failureKind int

const (
	failNone failureKind = iota
	failNoDisplay
	failNoOpenGL
	failWindow // some other reason the window could not be created
	failCrash  // the window was up, then the app stopped on an error
)

func (k failureKind) String() string {
	return [...]string{"none", "no_display", "no_opengl", "window", "crash"}[k]
}

// startFailure says why the window did not appear, for the message and the
// log.
type startFailure struct {
	kind   failureKind
	detail string // what Fyne or glfw said, for the log and support
}

// startWatch stands between Fyne's log output and the log file during
// start-up and remembers what Fyne reported about the window and OpenGL.
type startWatch struct {
	next io.Writer

	mu    sync.Mutex
	lines []string
	buf   bytes.Buffer // an unfinished line
}

func newStartWatch(next io.Writer) *startWatch {
	if next == nil {
		next = io.Discard
	}
	return &startWatch{next: next}
}

func (w *startWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.Reset()
			w.buf.WriteString(line)
			break
		}
		w.lines = append(w.lines, strings.TrimRight(line, "\r\n"))
	}
	w.mu.Unlock()
	return w.next.Write(p)
}

// failed reports a failure Fyne logged (no panic needed): a window it
// could not create, or OpenGL it could not start.
func (w *startWatch) failed() (startFailure, bool) {
	f := w.classify(nil)
	return f, f.kind != failNone
}

// classify decides from a recovered panic (nil when none) and the lines
// logged so far whether and why the window failed.
func (w *startWatch) classify(panicked any) startFailure {
	w.mu.Lock()
	lines := append([]string(nil), w.lines...)
	w.mu.Unlock()
	return classifyStart(panicked, lines)
}

// Markers of glfw's and Fyne's messages (glfw's own texts, per platform).
var (
	displayMarkers = []string{
		"DISPLAY environment variable is missing", "Failed to open display", "X11: Failed to open",
		"Wayland: Failed to connect", "failed to initialise GLFW", "The GLFW library is not initialized",
	}
	openGLMarkers = []string{
		"does not appear to support OpenGL", "VersionUnavailable", "APIUnavailable", "Failed to create OpenGL context",
		"GLX: ", "WGL: ", "NSGL: ", "EGL: ", "failed to initialise OpenGL", "OpenGL program", "Requested OpenGL version",
	}
)

// classifyStart is the decision, apart from Fyne so it can be tested on
// every OS: OpenGL trouble wins over display trouble, since a display
// without a usable OpenGL also fails to initialise glfw.
func classifyStart(panicked any, lines []string) startFailure {
	var said []string
	windowFailed := false
	for _, l := range lines {
		if strings.Contains(l, "window creation error") || strings.Contains(l, "failed to initialise") ||
			strings.Contains(l, "Cause:") || strings.Contains(l, "PlatformError") {
			said = append(said, strings.TrimSpace(l))
		}
		if strings.Contains(l, "window creation error") {
			windowFailed = true
		}
	}
	if panicked != nil {
		said = append(said, fmt.Sprint(panicked))
	}
	if panicked == nil && !windowFailed && !mentions(said, openGLMarkers) && !mentions(said, displayMarkers) {
		return startFailure{}
	}
	detail := strings.Join(said, "\n")
	switch {
	case mentions(said, openGLMarkers):
		return startFailure{kind: failNoOpenGL, detail: detail}
	case mentions(said, displayMarkers):
		return startFailure{kind: failNoDisplay, detail: detail}
	}
	return startFailure{kind: failWindow, detail: detail}
}

func mentions(lines, markers []string) bool {
	for _, l := range lines {
		for _, m := range markers {
			if strings.Contains(l, m) {
				return true
			}
		}
	}
	return false
}

// message is the text a person sees: what is missing, what to do, and
// where the log is.
func (f startFailure) message(tr *ui.Translator, logPath string) (title, body string) {
	key := "startfail.window"
	switch f.kind {
	case failNoDisplay:
		key = "startfail.no_display"
	case failNoOpenGL:
		key = "startfail.no_opengl"
	case failCrash:
		key = "startfail.crash"
	}
	body = tr.T(key+".body") + "\n\n" + tr.T("startfail.log", "Path", logPath)
	return tr.T("startfail.title"), body
}
