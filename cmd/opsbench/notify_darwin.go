//go:build darwin

package main

import "os/exec"

// showNativeError shows a system alert through AppleScript, which needs no
// OpenGL.
func showNativeError(title, body string) {
	script := `on run argv
display alert (item 1 of argv) message (item 2 of argv) as critical
end run`
	_ = exec.Command("osascript", "-e", script, title, body).Run()
}
