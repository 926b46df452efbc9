//go:build !((!gles && !arm && !arm64 && !android && !ios && !mobile && !test_web_driver && !wasm) || (darwin && !mobile && !ios && !wasm && !test_web_driver)) && !((gles || arm || arm64) && !android && !ios && !mobile && !darwin && !wasm && !test_web_driver)

package main

// rendererName is nil where Fyne draws without the OpenGL bindings the
// desktop painters use: the diagnostics then say the renderer is unknown.
func rendererName() func() string { return nil }
