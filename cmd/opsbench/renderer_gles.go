//go:build (gles || arm || arm64) && !android && !ios && !mobile && !darwin && !wasm && !test_web_driver

package main

// The build constraint is Fyne's for its OpenGL ES painter
// (fyne.io/fyne/v2/internal/painter/gl/gl_es.go): this file asks the
// same bindings, whose function pointers Fyne's painter loads (gl.Init)
// when the window is created.

import gl "github.com/go-gl/gl/v3.1/gles2"

// glRenderer names the OpenGL ES renderer. It must run while the
// window's context is current: the shell calls it while a frame is
// painted.
func glRenderer() string {
	if p := gl.GetString(gl.RENDERER); p != nil {
		return gl.GoStr(p)
	}
	return ""
}

// rendererName is what the GUI asks for the renderer's name.
func rendererName() func() string { return glRenderer }
