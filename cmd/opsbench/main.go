// Command opsbench is the OpsBench desktop app and its command line.
// Without a subcommand it starts the GUI.
package main

import (
	"os"
	"time"

	// Before Fyne starts: a C locale means English, not an error on stderr.
	_ "github.com/opsbench/opsbench/cmd/opsbench/internal/posixlocale"
)

func main() {
	started := time.Now()
	attachConsole()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, started))
}
