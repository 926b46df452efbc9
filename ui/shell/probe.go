package shell

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// startProbe measures start-up for `opsbench gui --exit-after-start`: a
// one-pixel raster on top of the screen, so the last thing a frame paints,
// whose generator runs while a frame is painted. Once the first screen has
// applied its data (arm), the next paint prints the elapsed time, when
// every other object of that frame has been drawn, and quits the app.
type startProbe struct {
	raster  *canvas.Raster
	started time.Time
	out     io.Writer
	quit    func()
	armed   atomic.Bool
	done    atomic.Bool
}

func newStartProbe(started time.Time, out io.Writer, quit func()) *startProbe {
	p := &startProbe{started: started, out: out, quit: quit}
	p.raster = canvas.NewRaster(p.draw)
	return p
}

func (p *startProbe) draw(w, h int) image.Image {
	if p.armed.Load() && p.done.CompareAndSwap(false, true) {
		fmt.Fprintf(p.out, "started in %d ms\n", time.Since(p.started).Milliseconds())
		go fyne.Do(p.quit)
	}
	return image.NewUniform(color.Transparent)
}

// arm says the first screen now shows its data; call it on the UI thread.
func (p *startProbe) arm() {
	if p == nil {
		return
	}
	p.armed.Store(true)
	p.raster.Refresh()
}

// wrap puts the probe on top of content (content unchanged when there is
// no probe).
func (p *startProbe) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	if p == nil {
		return content
	}
	return container.NewStack(content, pixel(p.raster))
}

// pixel keeps a probe raster at one pixel: stretched over the window, as
// a stack would, it would cost a window-sized texture in the first frame.
func pixel(r *canvas.Raster) fyne.CanvasObject {
	r.Resize(fyne.NewSize(1, 1))
	return container.NewWithoutLayout(r)
}
