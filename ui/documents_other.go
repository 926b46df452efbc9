//go:build !windows

package ui

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// documentsDir is the Documents folder of the Linux desktop
// (XDG_DOCUMENTS_DIR in user-dirs.dirs, named in the desktop's language),
// or "" to use ~/Documents (macOS, and Linux without the setting).
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	return xdgDocuments(bufio.NewScanner(f), home)
}

// xdgDocuments reads XDG_DOCUMENTS_DIR="$HOME/文档" from user-dirs.dirs.
func xdgDocuments(sc *bufio.Scanner, home string) string {
	for sc.Scan() {
		v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		if u, err := strconv.Unquote(v); err == nil {
			v = u
		}
		v = strings.Replace(v, "$HOME", home, 1)
		if !filepath.IsAbs(v) || filepath.Clean(v) == filepath.Clean(home) {
			return "" // the desktop has no Documents folder of its own
		}
		return v
	}
	return ""
}
