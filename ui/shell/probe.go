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
// one-pixel raster behind the screen whose generator runs while a frame is
// painted. Once the first screen has applied its data (arm), the next
// paint prints the elapsed time and quits the app.
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
	p.raster.SetMinSize(fyne.NewSize(1, 1))
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

// wrap puts the probe behind content (content unchanged when there is no probe).
func (p *startProbe) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	if p == nil {
		return content
	}
	return container.NewStack(p.raster, content)
}
