//go:build !windows && !darwin

package main

import (
	"os"
	"os/exec"
)

// showNativeError shows the message with the desktop's own dialog tool
// when there is a display and one is installed (zenity on GNOME, kdialog
// on KDE; xmessage is not used: it shows Chinese as mojibake); the text is
// always on stderr too.
func showNativeError(title, body string) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return
	}
	for _, c := range [][]string{
		{"zenity", "--error", "--no-wrap", "--title", title, "--text", body},
		{"kdialog", "--title", title, "--error", body},
	} {
		if p, err := exec.LookPath(c[0]); err == nil {
			_ = exec.Command(p, c[1:]...).Run()
			return
		}
	}
}
