package shell

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// A screen built while the window is made is put in the window at the
// gate, which waits for its build to finish: the UI thread never goes on
// while the start-up goroutine still builds.
func TestGateWaitsForTheBuildAndInstallsIt(t *testing.T) {
	g := newStartGate()
	root := container.NewStack()
	root.Layout = rootLayout{gate: g, screen: func() []fyne.CanvasObject { return root.Objects }}
	screen := canvas.NewRectangle(nil)
	screen.SetMinSize(fyne.NewSize(300, 200))
	building := make(chan struct{})
	built := make(chan struct{})
	go func() {
		if !g.begin() {
			t.Error("an armed gate refused the build")
			close(building)
			return
		}
		close(building)
		time.Sleep(50 * time.Millisecond) // building
		close(built)
		g.finish(screen, func(v fyne.CanvasObject) { root.Objects = []fyne.CanvasObject{v} })
	}()
	g.arm(fyne.NewSize(800, 600))
	<-building
	min := root.MinSize() // the question Fyne asks once the window is made
	select {
	case <-built:
	default:
		t.Fatal("the gate let the UI thread go on while the screen was being built")
	}
	if len(root.Objects) != 1 || root.Objects[0] != screen {
		t.Fatalf("the built screen is not in the window: %v", root.Objects)
	}
	if min != screen.MinSize() {
		t.Errorf("the window's minimum size is %v, not the built screen's %v", min, screen.MinSize())
	}
	if g.size != fyne.NewSize(800, 600) {
		t.Errorf("the screen is built for %v", g.size)
	}
	// Later questions change nothing.
	root.Objects = nil
	root.MinSize()
	if len(root.Objects) != 0 {
		t.Error("the gate installed the screen twice")
	}
}

// When the window is made before the start-up goroutine is ready to build,
// the gate closes: the UI thread does not wait, and no build begins (the
// screen is built on the UI thread instead).
func TestGatePassedFirstRefusesTheBuild(t *testing.T) {
	g := newStartGate()
	g.arm(fyne.NewSize(800, 600))
	if g.pass() {
		t.Fatal("the gate installed a screen nobody built")
	}
	if g.begin() {
		t.Fatal("a build began after the gate was passed")
	}
}

// A start that builds nothing (a new desk, a database that cannot be read)
// lets the UI thread pass at once, armed before or after.
func TestGateDeclinedDoesNotWait(t *testing.T) {
	for _, armFirst := range []bool{false, true} {
		g := newStartGate()
		if armFirst {
			g.arm(fyne.NewSize(800, 600))
		}
		g.decline()
		if !armFirst {
			g.arm(fyne.NewSize(800, 600))
		}
		passed := make(chan bool, 1)
		go func() { passed <- g.pass() }()
		select {
		case installed := <-passed:
			if installed {
				t.Error("a declined gate installed a screen")
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("the UI thread waits at a declined gate (armed first: %v)", armFirst)
		}
		if g.begin() {
			t.Error("a build began at a declined gate")
		}
	}
}

// A build that fails still lets the UI thread through, with no screen.
func TestGateBuildThatFailedLetsThrough(t *testing.T) {
	g := newStartGate()
	g.arm(fyne.NewSize(800, 600))
	if !g.begin() {
		t.Fatal("an armed gate refused the build")
	}
	var got fyne.CanvasObject = canvas.NewRectangle(nil)
	go g.finish(nil, func(v fyne.CanvasObject) { got = v })
	g.pass()
	if got != nil {
		t.Errorf("install got %v for a failed build, not nil", got)
	}
}

// Without a gate (tests, or the gate not used) nothing waits.
func TestNoGate(t *testing.T) {
	var g *startGate
	if g.begin() || g.pass() {
		t.Fatal("a missing gate began or installed a build")
	}
	g.decline()
}
