package shell

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// rendererProbe learns the name of the OpenGL renderer for the
// diagnostics. Fyne does not say it, and OpenGL answers only on the
// thread where the window's context is current, which Fyne makes so only
// while it paints: so the question is asked from the generator of a
// one-pixel raster behind the content, which runs while a frame is
// painted. The answer is kept; later frames ask nothing.
type rendererProbe struct {
	ask    func() string
	told   func(name string) // the answer, for the support log
	raster *canvas.Raster

	mu     sync.Mutex
	asked  bool
	answer string
}

// newRendererProbe makes the probe; nil when ask is nil (no OpenGL, as
// in tests).
func newRendererProbe(ask func() string, told func(name string)) *rendererProbe {
	if ask == nil {
		return nil
	}
	p := &rendererProbe{ask: ask, told: told}
	p.raster = canvas.NewRaster(p.draw)
	return p
}

func (p *rendererProbe) draw(w, h int) image.Image {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.asked {
		p.asked = true
		p.answer = p.ask()
		p.told(p.answer)
	}
	// One transparent pixel: a bounded image, which every painter scales.
	return image.NewNRGBA(image.Rect(0, 0, 1, 1))
}

// name is the renderer's name, "" until a frame was painted.
func (p *rendererProbe) name() string {
	if p == nil {
		return ""
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.answer
}

// wrap puts the probe behind content until it has its answer.
func (p *rendererProbe) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	if p == nil {
		return content
	}
	p.mu.Lock()
	asked := p.asked
	p.mu.Unlock()
	if asked {
		return content
	}
	return container.NewStack(pixel(p.raster), content)
}
