//go:build (!gles && !arm && !arm64 && !android && !ios && !mobile && !test_web_driver && !wasm) || (darwin && !mobile && !ios && !wasm && !test_web_driver)

package main

// The build constraint is Fyne's for its desktop OpenGL painter
// (fyne.io/fyne/v2/internal/painter/gl/gl_core.go): this file asks the
// same bindings, whose function pointers Fyne's painter loads (gl.Init)
// when the window is created.

import "github.com/go-gl/gl/v2.1/gl"

// glRenderer names the OpenGL renderer ("Mesa Intel(R) UHD Graphics 620",
// "llvmpipe"). It must run while the window's OpenGL context is current:
// the shell calls it while a frame is painted.
func glRenderer() string {
	if p := gl.GetString(gl.RENDERER); p != nil {
		return gl.GoStr(p)
	}
	return ""
}

// rendererName is what the GUI asks for the renderer's name.
func rendererName() func() string { return glRenderer }
