package shell

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/opsbench/opsbench/ui"
)

// TestScreenshots renders every main screen with demo data in both
// languages into $OPSBENCH_SCREENSHOTS (make screenshots writes
// docs/screenshots): at the window's start size for the README, and the
// main screens again at the smallest and largest supported sizes
// (name-1280x720.png, name-1920x1080.png). Without the variable it is
// skipped. Each file must be written, decode, have the window's size and
// show more than a blank window.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("OPSBENCH_SCREENSHOTS")
	if dir == "" {
		t.Skip("set OPSBENCH_SCREENSHOTS to a folder to render the screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	sizes := []struct {
		size   fyne.Size
		suffix string
	}{{WindowSize, ""}, {smallest, "-1280x720"}, {largest, "-1920x1080"}}
	for _, lang := range []string{ui.LangChinese, ui.LangEnglish} {
		for _, sz := range sizes {
			t.Run(lang+sz.suffix, func(t *testing.T) {
				u, _ := newDemoUI(t, lang)
				mainViews(t, u, sz.size, func(name string) {
					if sz.suffix != "" && !mainScreen(name) {
						return
					}
					save(t, u, filepath.Join(dir, lang+"-"+name+sz.suffix+".png"), sz.size)
				})
			})
		}
	}
}

// mainScreen says which views are rendered at every size.
func mainScreen(name string) bool {
	switch name {
	case "today", "planning", "planning-compare", "planning-new-line", "sync", "settings", "settings-team",
		"service", "service-case", "service-followups", "service-stats",
		"inventory", "inventory-reorder", "inventory-shipments", "inventory-import", "planning-cash":
		return true
	}
	return false
}

// save writes the window as a PNG and checks what was written.
func save(t *testing.T, u *testUI, path string, size fyne.Size) {
	t.Helper()
	img := u.Window().Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := checkPicture(path, size); err != nil {
		t.Error(err)
	}
}

// minDrawnShare is the share of a screenshot's pixels that must differ
// from the background: a window with a sidebar, a title and content is
// far above it, a blank or failed render far below.
const minDrawnShare = 0.02

// checkPicture reads back a written screenshot: it must decode, have the
// window's size and not be blank.
func checkPicture(path string, size fyne.Size) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("screenshot not written: %w", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	b := img.Bounds()
	if b.Dx() != int(size.Width) || b.Dy() != int(size.Height) {
		return fmt.Errorf("%s is %dx%d, want %vx%v", path, b.Dx(), b.Dy(), size.Width, size.Height)
	}
	if share := drawnShare(img); share < minDrawnShare {
		return fmt.Errorf("%s is blank: %.1f%% of its pixels differ from the background", path, share*100)
	}
	return nil
}

// drawnShare is the share of pixels that differ from the bottom-right
// corner's colour (the window's background).
func drawnShare(img image.Image) float64 {
	b := img.Bounds()
	bg := img.At(b.Max.X-1, b.Max.Y-1)
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// The check itself: a blank picture, a wrong size and a missing file fail.
func TestScreenshotCheck(t *testing.T) {
	dir := t.TempDir()
	size := fyne.NewSize(40, 30)
	blank := image.NewRGBA(image.Rect(0, 0, 40, 30))
	write := func(name string, img image.Image) string {
		p := filepath.Join(dir, name)
		f, _ := os.Create(p)
		png.Encode(f, img)
		f.Close()
		return p
	}
	if err := checkPicture(write("blank.png", blank), size); err == nil {
		t.Error("a blank picture passed")
	}
	drawn := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := 0; x < 40; x++ {
		for y := 0; y < 10; y++ {
			drawn.Pix[(y*40+x)*4] = 0xff
			drawn.Pix[(y*40+x)*4+3] = 0xff
		}
	}
	if err := checkPicture(write("drawn.png", drawn), size); err != nil {
		t.Errorf("a drawn picture failed: %v", err)
	}
	if err := checkPicture(write("small.png", image.NewRGBA(image.Rect(0, 0, 20, 30))), size); err == nil {
		t.Error("a picture of the wrong size passed")
	}
	if err := checkPicture(filepath.Join(dir, "none.png"), size); err == nil {
		t.Error("a missing file passed")
	}
}
