package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
)

// syncFlags are shared by the sync subcommands.
type syncFlags struct {
	passFile   string
	workFactor int
}

// passphrase reads the office passphrase from --passphrase-file or the
// OPSBENCH_PASSPHRASE environment variable; never from the command line,
// where other users of the computer could see it.
func (f *syncFlags) passphrase() (string, error) {
	if f.passFile != "" {
		b, err := os.ReadFile(f.passFile)
		if err != nil {
			return "", fmt.Errorf("cannot read the passphrase file %s: %w", f.passFile, err)
		}
		p := strings.TrimRight(string(b), "\r\n")
		if p == "" {
			return "", fmt.Errorf("the passphrase file %s is empty: put the office passphrase on its first line", f.passFile)
		}
		return p, nil
	}
	if p := os.Getenv("OPSBENCH_PASSPHRASE"); p != "" {
		return p, nil
	}
	return "", bundle.ErrNoPassphrase
}

// openStore opens the database for a command.
func (g *globals) openStore(ctx context.Context) (*data.Store, error) {
	path, err := g.dbPath()
	if err != nil {
		return nil, err
	}
	return data.Open(ctx, path, data.Options{})
}

// interruptible is a context cancelled by Ctrl-C.
// withStore makes a RunE that reads the passphrase, opens the database
// (Ctrl-C cancels cleanly) and runs fn.
func (f *syncFlags) withStore(g *globals, fn func(ctx context.Context, s *data.Store, pass string, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		pass, err := f.passphrase()
		if err != nil {
			return err
		}
		ctx, stop := interruptible()
		defer stop()
		s, err := g.openStore(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		return fn(ctx, s, pass, args)
	}
}

func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

func newSyncCmd(g *globals) *cobra.Command {
	f := &syncFlags{}
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Sync with the other desks of the office by bundle files (export, import, folder, status)",
		Long: `Each desk keeps its own database; desks stay in step by exchanging encrypted
bundle files (.opsync) through a shared folder, a USB stick or mail.
The office passphrase comes from --passphrase-file FILE or the
OPSBENCH_PASSPHRASE environment variable, never from the command line.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.PersistentFlags().StringVar(&f.passFile, "passphrase-file", "", "read the office passphrase from `FILE` (else $OPSBENCH_PASSPHRASE)")
	cmd.PersistentFlags().IntVar(&f.workFactor, "scrypt-work-factor", 0, "scrypt work factor of written bundles (tests)")
	_ = cmd.PersistentFlags().MarkHidden("scrypt-work-factor")
	cmd.AddCommand(newSyncExportCmd(g, f), newSyncImportCmd(g, f), newSyncFolderCmd(g, f), newSyncStatusCmd(g))
	return cmd
}

func newSyncExportCmd(g *globals, f *syncFlags) *cobra.Command {
	var out, target string
	var full bool
	cmd := &cobra.Command{
		Use:   "export --out FILE",
		Short: "Write a bundle with every change since the last export to the same target (or --full)",
		Args:  noArgs,
		PreRunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usageError{errors.New("--out FILE is required")}
			}
			return nil
		},
		RunE: f.withStore(g, func(ctx context.Context, s *data.Store, pass string, args []string) error {
			res, err := bundle.ExportFile(ctx, s, out, bundle.ExportOptions{
				Passphrase: pass, WorkFactor: f.workFactor, Target: target, Full: full, AppVersion: version,
			})
			if err != nil {
				return err
			}
			m := res.Manifest
			what := "changes since the last export to this target"
			if m.Full {
				what = "every row (full)"
			}
			fmt.Fprintf(g.stdout, "exported %d rows, %s, to %s (%s)\n", m.Rows, what, res.Path, sizeText(res.Bytes))
			for _, name := range sortedKeys(m.Counts()) {
				fmt.Fprintf(g.stdout, "  %-16s %d\n", name, m.Counts()[name])
			}
			fmt.Fprintf(g.stdout, "target: %s\n", res.Target)
			return nil
		}),
	}
	cmd.Flags().StringVar(&out, "out", "", "bundle `FILE` to write (.opsync)")
	cmd.Flags().StringVar(&target, "target", "", "name of the target for \"since the last export\" (default: the --out path)")
	cmd.Flags().BoolVar(&full, "full", false, "export every row, not only the changes")
	return cmd
}

func newSyncImportCmd(g *globals, f *syncFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE...",
		Short: "Merge bundles from other desks (each file all or nothing; a backup is taken first)",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("give one or more bundle files to import")}
			}
			return nil
		},
		RunE: f.withStore(g, func(ctx context.Context, s *data.Store, pass string, args []string) error {
			rep, err := bundle.Import(ctx, s, args, bundle.ImportOptions{Passphrase: pass})
			for _, fr := range rep.Files {
				printFileResult(g.stdout, fr.Path, fr.Status, fr.Manifest, fr.Tables, fr.Err)
			}
			if rep.Backup != "" {
				fmt.Fprintf(g.stdout, "backup taken before importing: %s\n", rep.Backup)
			}
			if err != nil {
				failed := 0
				for _, fr := range rep.Files {
					if fr.Status == bundle.StatusFailed {
						failed++
					}
				}
				return exitError{code: exitFail, msg: fmt.Sprintf("%d of %d files not imported (see above); each file is imported whole or not at all", failed, len(rep.Files))}
			}
			return nil
		}),
	}
}

// printFileResult prints what importing one file did.
func printFileResult(w io.Writer, name, status string, m *bundle.Manifest, tables map[string]data.SyncCounts, err error) {
	from := ""
	if m != nil {
		from = fmt.Sprintf(" from desk %q (written %s)", m.ReplicaName, m.Created.Local().Format("2006-01-02 15:04"))
	}
	switch status {
	case bundle.StatusImported:
		fmt.Fprintf(w, "%s: imported%s\n", name, from)
		printCounts(w, tables)
	case bundle.StatusSeen, bundle.StatusUnchanged:
		fmt.Fprintf(w, "%s: already imported%s; nothing to do\n", name, from)
	case bundle.StatusOwn:
		fmt.Fprintf(w, "%s: written by this desk; skipped\n", name)
	case bundle.StatusFailed:
		fmt.Fprintf(w, "%s: NOT IMPORTED: %v\n", name, unwrapPath(err, name))
	default:
		fmt.Fprintf(w, "%s: skipped (%s)\n", name, skipReason(status))
	}
}

// unwrapPath drops the file name the error repeats after it was printed.
func unwrapPath(err error, name string) string {
	if err == nil {
		return ""
	}
	return strings.TrimPrefix(err.Error(), name+": ")
}

func printCounts(w io.Writer, tables map[string]data.SyncCounts) {
	changed := false
	for _, name := range sortedKeys(tables) {
		c := tables[name]
		if c.Changed() == 0 && c.Conflicts == 0 {
			continue
		}
		changed = true
		fmt.Fprintf(w, "  %-16s %d inserted, %d updated, %d deleted, %d conflicts\n", name, c.Inserted, c.Updated, c.Deleted, c.Conflicts)
	}
	if !changed {
		fmt.Fprintln(w, "  nothing changed: this desk had all of it")
	}
}

func skipReason(status string) string {
	switch status {
	case bundle.StatusChanging:
		return "still being written or copied; it is read in the next round"
	case bundle.StatusEmpty:
		return "empty, probably still being copied; it is read in the next round"
	case bundle.StatusTemporary:
		return "a temporary file of a sync program or of OpsBench"
	case bundle.StatusConflicted:
		return "a conflicted copy made by the sync program; once every desk is in step it can be deleted"
	case bundle.StatusOddName:
		return "not named like a desk's file (<desk id>.opsync); import it with sync import if it is wanted"
	case bundle.StatusMismatch:
		return "the name and the content are of different desks"
	}
	return status
}

func newSyncFolderCmd(g *globals, f *syncFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "folder DIR",
		Short: "One round in a shared folder: import the other desks' files, write this desk's",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("give the shared folder")}
			}
			return nil
		},
		RunE: f.withStore(g, func(ctx context.Context, s *data.Store, pass string, args []string) error {
			rep, err := bundle.SyncFolder(ctx, s, args[0], bundle.FolderOptions{Passphrase: pass, WorkFactor: f.workFactor, AppVersion: version})
			failed := false
			for _, fr := range rep.Files {
				printFileResult(g.stdout, fr.Name, fr.Status, nil, fr.Tables, fr.Err)
				if fr.Status == bundle.StatusFailed {
					failed = true
				}
			}
			if rep.Backup != "" {
				fmt.Fprintf(g.stdout, "backup taken before importing: %s\n", rep.Backup)
			}
			if err != nil {
				return err
			}
			if rep.Exported {
				fmt.Fprintf(g.stdout, "wrote this desk's file %s (%d rows)\n", rep.ExportFile, rep.ExportRows)
			} else {
				fmt.Fprintf(g.stdout, "this desk's file %s is up to date\n", rep.ExportFile)
			}
			if failed {
				return exitError{code: exitFail, msg: "some files could not be imported (see above)"}
			}
			return nil
		}),
	}
}

func newSyncStatusCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show the desks seen, the last export and import, and open conflicts",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			rep := s.Replica()
			fmt.Fprintf(g.stdout, "this desk: %s (%s)\n", rep.Name, rep.ID)
			peers, err := s.SyncPeers(ctx)
			if err != nil {
				return err
			}
			if len(peers) == 0 {
				fmt.Fprintln(g.stdout, "no bundle from another desk imported yet")
			}
			for _, p := range peers {
				fmt.Fprintf(g.stdout, "desk %s: last bundle written %s, %d rows, %d changed here\n",
					p.Name, p.LastBundleAt.Local().Format("2006-01-02 15:04"), p.Rows, p.Changed)
			}
			exp, imp, err := s.LastSyncEvents(ctx)
			if err != nil {
				return err
			}
			if !exp.At.IsZero() {
				fmt.Fprintf(g.stdout, "last export: %s, %d rows to %s\n", exp.At.Local().Format("2006-01-02 15:04"), exp.Rows, exp.File)
			}
			if !imp.At.IsZero() {
				fmt.Fprintf(g.stdout, "last import: %s, %s\n", imp.At.Local().Format("2006-01-02 15:04"), imp.File)
			}
			conflicts, n, err := s.SyncConflicts(ctx, false, 50)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "open conflicts: %d\n", n)
			for _, c := range conflicts {
				fmt.Fprintf(g.stdout, "  %s %s %q field %s: lost %s (desk %s, %s); now %s\n", c.Table, c.RowID, c.Label, c.Field,
					valueText(c.Loser), c.LoserDesk, c.LoserHLC.Time().Local().Format("2006-01-02 15:04"), valueText(c.Current))
			}
			return nil
		},
	}
}

func valueText(v any) string {
	return string(data.AppendSyncValue(nil, v))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
