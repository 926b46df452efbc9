package shell

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
)

// startGate lets the first screen be built off the UI thread while Fyne
// makes the window, and be in the window for its very first frame.
//
// Making the window (the OpenGL context, the painter's shaders) takes the
// UI thread a good 100 ms with a software renderer, and building the
// shell and Today on the large demo a further 25 ms; after that the first
// frame waits for the event loop's next tick. Fyne's widget caches are
// plain maps in this build (migrated_fynedo), so no two goroutines may
// build or draw widgets at once. While Fyne makes the window, though, the
// UI thread touches none of them: it only starts once the window is made
// and Fyne asks the content for its minimum size (fitContent), before
// anything is drawn. The gate is that question. The start-up goroutine
// builds the first screen once the gate is armed (just before the window
// is shown), and the UI thread, at the gate, either waits for that build
// to finish and puts it in the window, or, when the build has not begun,
// closes the gate so that it never does (the screen is then built on the
// UI thread as usual). Either way the two never build at once.
//
// That the UI thread touches no widget cache before the gate holds for
// Fyne 2.7.3 (checked with a copy that logged every cache access); check
// it again before upgrading Fyne.
type startGate struct {
	state atomic.Int32
	armed chan struct{}
	done  chan struct{}
	// size is the window root's size, to lay the screen out at; view is
	// the built screen and install puts it in the window (on the UI
	// thread, at the gate).
	size    fyne.Size
	view    fyne.CanvasObject
	install func(view fyne.CanvasObject)
}

const (
	gateIdle     = iota // not armed yet
	gateArmed           // the window is being made: a build may begin
	gateBuilding        // a build began: the UI thread waits for it at the gate
	gateClosed          // passed: after a build was installed, or with none
)

func newStartGate() *startGate {
	return &startGate{armed: make(chan struct{}), done: make(chan struct{})}
}

// arm opens the gate for a build of a screen of size; call it on the UI
// thread just before the window is shown.
func (g *startGate) arm(size fyne.Size) {
	g.size = size
	if g.state.CompareAndSwap(gateIdle, gateArmed) {
		close(g.armed)
	}
}

// begin reports whether the start-up goroutine may build the first
// screen now. It waits for the gate to be armed; false when the gate was
// closed before (nil gate: never).
func (g *startGate) begin() bool {
	if g == nil {
		return false
	}
	select {
	case <-g.armed:
	case <-g.done:
		return false
	}
	return g.state.CompareAndSwap(gateArmed, gateBuilding)
}

// decline says the start-up goroutine builds nothing (the screen is not
// one it builds): the UI thread passes the gate without waiting.
func (g *startGate) decline() {
	if g == nil {
		return
	}
	if g.state.CompareAndSwap(gateIdle, gateClosed) || g.state.CompareAndSwap(gateArmed, gateClosed) {
		close(g.done)
	}
}

// finish hands over the built screen (after begin returned true).
func (g *startGate) finish(view fyne.CanvasObject, install func(fyne.CanvasObject)) {
	g.view, g.install = view, install
	close(g.done)
}

// pass is the gate, on the UI thread: it puts a screen built meanwhile in
// the window, waiting for its build to finish, and closes the gate. It
// reports whether it put a screen in the window.
func (g *startGate) pass() bool {
	if g == nil {
		return false
	}
	if g.state.CompareAndSwap(gateArmed, gateClosed) {
		close(g.done)
		return false
	}
	if g.state.Load() != gateBuilding {
		return false
	}
	<-g.done
	g.state.Store(gateClosed)
	g.install(g.view)
	return true
}

// rootLayout stacks the window root's screen. Its minimum size is the
// question Fyne asks once the window is made: the start gate's.
type rootLayout struct {
	gate *startGate
	// screen is what the root shows (after the gate, a screen may be in
	// it that the layout was not asked about).
	screen func() []fyne.CanvasObject
}

func (r rootLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if r.gate.pass() {
		objs = r.screen()
	}
	return layout.NewStackLayout().MinSize(objs)
}

func (r rootLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	layout.NewStackLayout().Layout(objs, size)
}
