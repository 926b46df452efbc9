//go:build windows

package main

import "golang.org/x/sys/windows"

// showNativeError shows a system message box: it needs no OpenGL, so it
// works on exactly the PCs where the window could not be created.
func showNativeError(title, body string) {
	t, err1 := windows.UTF16PtrFromString(title)
	b, err2 := windows.UTF16PtrFromString(body)
	if err1 != nil || err2 != nil {
		return
	}
	const mbOK, mbIconError, mbSetForeground = 0x0, 0x10, 0x10000
	_, _ = windows.MessageBox(0, b, t, mbOK|mbIconError|mbSetForeground)
}
