// Package posixlocale keeps Fyne quiet under the C and POSIX locales.
//
// With LANG=C.UTF-8 (or LC_ALL, LC_MESSAGES; common in containers and
// minimal installs) Fyne asks go-locale for the user's language while its
// packages are being initialised, gets "C", cannot parse it, and logs
// "Fyne error: Error parsing user locale C" to stderr: on every command
// of the command line, before main runs, and again when the window
// opens. Such a locale means English, so this package says so in
// LANGUAGE, which go-locale reads first and gettext ignores under the C
// locale, before Fyne looks.
//
// It must run before fyne.io/fyne/v2/lang is initialised, and it does:
// Go initialises packages in import-path order among those whose imports
// are ready (the spec, since Go 1.21), and this package needs only os
// and strings, while Fyne's lang package waits for text/template and
// others whose paths sort after this one. The command's locale test
// checks it on the built binary.
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		if IsPOSIX(v) && os.Getenv("LANGUAGE") == "" {
			_ = os.Setenv("LANGUAGE", "en")
		}
		return
	}
}

// IsPOSIX reports whether a locale name is the C or POSIX locale, with or
// without a codeset ("C", "C.UTF-8", "POSIX.utf8").
func IsPOSIX(locale string) bool {
	name, _, _ := strings.Cut(locale, ".")
	return name == "C" || name == "POSIX"
}
