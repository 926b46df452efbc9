package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/applog"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and found a problem or failed
	exitUsage = 2 // unknown command or flag, bad arguments
)

// usageError marks mistakes in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// globals are the flags every command shares.
type globals struct {
	db      string
	stdout  io.Writer
	stderr  io.Writer
	started time.Time
	// log is the support log beside the database, opened by the first
	// command that opens the database and closed when the command ends.
	log *applog.File
}

// supportLog opens the support log of the database at dbPath (once) and
// returns a logger on it; logging to nowhere when the folder is not
// writable, which the command then reports on its own.
func (g *globals) supportLog(dbPath string) *slog.Logger {
	if g.log == nil {
		f, err := applog.Open(applog.PathFor(dbPath), applog.Options{})
		if err != nil {
			return applog.Discard()
		}
		g.log = f
	}
	return applog.New(g.log)
}

// dbPath resolves the database: --db, then OPSBENCH_DB, then the default
// location in the user's configuration folder; always as an absolute path
// (relative to the working folder), so every later step names one file.
func (g *globals) dbPath() (string, error) {
	p, _, err := g.chosenPath()
	return p, err
}

// chosenPath is dbPath, and whether the user named the file (--db or
// OPSBENCH_DB) rather than taking the default.
func (g *globals) chosenPath() (string, bool, error) {
	p, named := g.db, true
	if p == "" {
		p = strings.TrimSpace(os.Getenv("OPSBENCH_DB"))
	}
	if p == "" {
		var err error
		if p, err = data.DefaultPath(); err != nil {
			return "", false, err
		}
		named = false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", named, fmt.Errorf("database path %q: %w", p, err)
	}
	return abs, named, nil
}

// run executes the command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer, started time.Time) int {
	g := &globals{stdout: stdout, stderr: stderr, started: started}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	if g.log != nil {
		defer g.log.Close()
	}
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) || isCobraUsageError(err) {
		fmt.Fprintf(stderr, "opsbench: %v\n\n%s", err, cmd.UsageString())
		return exitUsage
	}
	var ee exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, ee.msg)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "opsbench: %v\n", err)
	return exitFail
}

// exitError ends a command with a code, after its own output.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return fmt.Sprintf("exit %d: %s", e.code, e.msg) }

// isCobraUsageError recognises cobra's own errors for unknown commands.
func isCobraUsageError(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") ||
		strings.HasPrefix(err.Error(), "unknown shorthand flag")
}

func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "opsbench",
		Short: "OpsBench (运营台): SOP, inventory, planning and service for small Amazon seller teams",
		Long: `OpsBench (运营台) is a desktop workbench for small cross-border e-commerce teams.
Without a command it starts the desktop app on the database given by --db,
the OPSBENCH_DB environment variable, or OpsBench/opsbench.db in your
configuration folder.`,
		Args:          noArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGUI(g, false)
		},
	}
	root.PersistentFlags().StringVar(&g.db, "db", "", "database `file` (default: $OPSBENCH_DB or the user's config folder)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newGUICmd(g), newVersionCmd(g), newCheckCmd(g), newDemoCmd(g), newPlanCmd(g), newSyncCmd(g), newDumpCmd(g),
		newBackupCmd(g), newBackupsCmd(g), newRestoreCmd(g))
	root.AddCommand(newCasesCmd(g))
	root.AddCommand(newImportCmd(g))
	root.AddCommand(newReorderCmd(g))
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(newTodayCmd(g), newSOPCmd(g)) // SOP tracking (today.go, sop.go)
	return root
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
	}
	return nil
}

func newGUICmd(g *globals) *cobra.Command {
	var exitAfterStart bool
	cmd := &cobra.Command{
		Use:   "gui",
		Short: "Start the desktop app (the default)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGUI(g, exitAfterStart)
		},
	}
	cmd.Flags().BoolVar(&exitAfterStart, "exit-after-start", false, `print "started in N ms" once the first frame with data is drawn, then exit (start-up benchmarks)`)
	return cmd
}

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and data format",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(g.stdout, "opsbench %s (data format %d)\n", version, data.SchemaVersion())
			return nil
		},
	}
}

func newCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the database: format current, integrity, foreign keys (exit 1 on a problem)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			rep, err := data.Check(context.Background(), path)
			if err != nil {
				return exitError{code: exitFail, msg: fmt.Sprintf("check %s: %v", path, err)}
			}
			if rep.OK() {
				fmt.Fprintf(g.stdout, "ok: %s (data format %d)\n", path, rep.Version)
				return nil
			}
			fmt.Fprintf(g.stdout, "problems in %s:\n", path)
			for _, p := range rep.Messages() {
				fmt.Fprintf(g.stdout, "  - %s\n", p)
			}
			return exitError{code: exitFail}
		},
	}
}
