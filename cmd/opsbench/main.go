// Command opsbench is the OpsBench desktop app and its command line.
// Without a subcommand it starts the GUI.
package main

import (
	"os"
	"time"
)

func main() {
	started := time.Now()
	attachConsole()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, started))
}
