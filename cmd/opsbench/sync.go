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
	"time"

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

// openStore opens the database for a command, with the support log
// beside it (what the command changes is logged like the app's work).
func (g *globals) openStore(ctx context.Context) (*data.Store, error) {
	path, err := g.dbPath()
	if err != nil {
		return nil, err
	}
	return data.Open(ctx, path, data.Options{Log: g.supportLog(path)})
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
		if g.log != nil {
			g.log.AddSecret(pass)
		}
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
	cmd.AddCommand(newSyncExportCmd(g, f), newSyncImportCmd(g, f), newSyncFolderCmd(g, f), newSyncStatusCmd(g),
		newSyncDeskCmd(g), newSyncNamesCmd(g), newSyncClockCmd(g))
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
			for _, fr := range rep.Files {
				name := fr.Name
				if d := fr.Desk(); d != fr.Name {
					name = fmt.Sprintf("%s (desk %q)", fr.Name, d)
				}
				printFileResult(g.stdout, name, fr.Status, nil, fr.Tables, fr.Err)
				if fr.Status == bundle.StatusFailed && fr.Err == nil {
					fmt.Fprintf(g.stdout, "  %s\n", fr.Reason)
				}
				if fr.Copy && (fr.Status == bundle.StatusImported || fr.Status == bundle.StatusUnchanged) {
					fmt.Fprintln(g.stdout, "  a copy made by the sync program, read like the desk's own file; it can be deleted once every desk is in step")
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
			if rep.Outcome == bundle.OutcomePartial {
				return exitError{code: exitFail, msg: "some files could not be imported (see above)"}
			}
			return nil
		}),
	}
}

func newSyncStatusCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show this desk, the desks seen, the last round, refused bundles and open conflicts",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			return printSyncStatus(ctx, g.stdout, s)
		},
	}
}

// statusConflictLimit is how many conflicts sync status lists.
const statusConflictLimit = 50

func printSyncStatus(ctx context.Context, w io.Writer, s *data.Store) error {
	rep := s.Replica()
	kind := "real database"
	if s.IsDemo() {
		kind = "DEMO database (syncs only with demo databases)"
	}
	fmt.Fprintf(w, "this desk: %s (%s), %s\n", rep.Name, rep.ID, kind)
	if c, ok, err := s.PendingDeskCopy(ctx); err != nil {
		return err
	} else if ok {
		fmt.Fprintf(w, "COPIED DATABASE? %s\n", deskCopyText(c))
		fmt.Fprintln(w, "  until this is answered, this desk does not write its file in the shared folder;")
		fmt.Fprintln(w, "  answer with: opsbench sync desk --new [--name NAME]   (a new desk; the data stays)")
		fmt.Fprintln(w, "           or: opsbench sync desk --moved               (this database moved here)")
	}
	if d := s.OwnClockAhead(); d > 0 {
		fmt.Fprintf(w, "CLOCK: this desk's changes are stamped %s ahead of its computer's date (%s): the date was wrong when they were made; other desks refuse them. Once the date is right: opsbench sync clock --repair\n",
			d.Round(time.Hour), s.Now().Format("2006-01-02 15:04"))
	}
	refused, err := s.RefusedBundles(ctx)
	if err != nil {
		return err
	}
	for _, r := range refused {
		fmt.Fprintf(w, "REFUSED: %s from desk %q: %v\n", r.File, r.ReplicaName, r.Err)
	}
	peers, err := s.SyncPeers(ctx)
	if err != nil {
		return err
	}
	if len(peers) == 0 {
		fmt.Fprintln(w, "no bundle from another desk imported yet")
	}
	for _, p := range peers {
		fmt.Fprintf(w, "desk %s: last bundle written %s, %d rows, %d changed here\n",
			p.Name, p.LastBundleAt.Local().Format("2006-01-02 15:04"), p.Rows, p.Changed)
	}
	exp, imp, err := s.LastSyncEvents(ctx)
	if err != nil {
		return err
	}
	if !exp.At.IsZero() {
		fmt.Fprintf(w, "last export: %s, %d rows to %s\n", exp.At.Local().Format("2006-01-02 15:04"), exp.Rows, exp.File)
	}
	if !imp.At.IsZero() {
		fmt.Fprintf(w, "last import: %s, %s\n", imp.At.Local().Format("2006-01-02 15:04"), imp.File)
	}
	if st, err := bundle.LoadFolderState(ctx, s); err != nil {
		return err
	} else if last := st.Last; last != nil {
		switch last.Outcome {
		case bundle.OutcomeFailed:
			fmt.Fprintf(w, "last folder round %s: FAILED: %s\n", last.At.Local().Format("2006-01-02 15:04"), last.Error)
		default:
			changed, conflicts := last.Changed()
			fmt.Fprintf(w, "last folder round %s: %d changed, %d conflicts\n", last.At.Local().Format("2006-01-02 15:04"), changed, conflicts)
		}
		for _, f := range last.Failed() {
			fmt.Fprintf(w, "  not imported: %s (desk %q): %s\n", f.Name, f.Desk(), f.Reason)
		}
	}
	groups, err := s.SameNameGroups(ctx)
	if err != nil {
		return err
	}
	for _, gr := range groups {
		fmt.Fprintf(w, "same name on two desks: %s %q (%d records; opsbench sync names)\n", gr.Table, gr.Name, len(gr.Records))
	}
	conflicts, n, err := s.SyncConflicts(ctx, false, statusConflictLimit)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "open conflicts: %d\n", n)
	for _, c := range conflicts {
		fmt.Fprintf(w, "  %s %q field %s: lost %s (desk %s %s, %s); now %s (desk %s %s, %s)\n", c.Table, c.Label, c.Field,
			valueText(c.Loser), c.LoserDesk, c.LoserActor, c.LoserHLC.Time().Local().Format("2006-01-02 15:04"),
			valueText(c.Current), c.CurrentDesk, c.CurrentActor, c.CurrentHLC.Time().Local().Format("2006-01-02 15:04"))
	}
	return nil
}

// deskCopyText explains a pending DeskCopy.
func deskCopyText(c data.DeskCopy) string {
	if c.Reason == data.CopyBundle {
		return fmt.Sprintf("the bundle %s claims to be from this desk but holds %d changes this desk never made (desk name there: %q): this database was copied to or from another computer", c.File, c.Changes, c.OtherName)
	}
	return fmt.Sprintf("this database was last opened on %s at %s, now on %s at %s: it was copied or moved", c.WasHost, c.WasPath, c.Host, c.Path)
}

func newSyncDeskCmd(g *globals) *cobra.Command {
	var isNew, moved bool
	var name string
	cmd := &cobra.Command{
		Use:   "desk --new [--name NAME] | --moved",
		Short: "Answer \"was this database copied?\": a new desk (new desk id, data kept) or moved here (same desk)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if isNew == moved {
				return usageError{errors.New("give --new or --moved")}
			}
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			answer := data.DeskMoved
			if isNew {
				answer = data.DeskNew
			}
			old := s.Replica()
			if err := s.ResolveDeskCopy(ctx, answer, name); err != nil {
				return err
			}
			if now := s.Replica(); isNew {
				fmt.Fprintf(g.stdout, "this database is now desk %q (%s); the changes made as desk %s stay that desk's\n", now.Name, now.ID, old.ID)
			} else {
				fmt.Fprintf(g.stdout, "this database stays desk %q (%s), now opened here\n", now.Name, now.ID)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&isNew, "new", false, "this is a new desk: give it a new desk id, keep the data")
	cmd.Flags().BoolVar(&moved, "moved", false, "this database moved here: keep its desk id")
	cmd.Flags().StringVar(&name, "name", "", "the new desk's `NAME` (default: the computer's name and part of the id)")
	return cmd
}

func newSyncNamesCmd(g *globals) *cobra.Command {
	var merge, rename []string
	cmd := &cobra.Command{
		Use:   "names [--merge KEEP_ID,DROP_ID | --rename ID,NAME]",
		Short: "List records with the same name made on two desks; merge two (keep one) or rename one",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			groups, err := s.SameNameGroups(ctx)
			if err != nil {
				return err
			}
			tableOf := func(id string) string {
				for _, gr := range groups {
					for _, r := range gr.Records {
						if r.ID == id {
							return gr.Table
						}
					}
				}
				return ""
			}
			switch {
			case len(merge) > 0:
				if len(merge) != 2 || tableOf(merge[0]) == "" || tableOf(merge[0]) != tableOf(merge[1]) {
					return usageError{errors.New("--merge takes KEEP_ID,DROP_ID of one group listed by sync names")}
				}
				n, err := s.MergeSameName(ctx, tableOf(merge[0]), merge[0], merge[1])
				if err != nil {
					return err
				}
				fmt.Fprintf(g.stdout, "kept %s, removed %s; %d references moved\n", merge[0], merge[1], n)
				return nil
			case len(rename) > 0:
				if len(rename) != 2 || tableOf(rename[0]) == "" {
					return usageError{errors.New("--rename takes ID,NAME of a record listed by sync names")}
				}
				if err := s.RenameRecord(ctx, tableOf(rename[0]), rename[0], rename[1]); err != nil {
					return err
				}
				fmt.Fprintf(g.stdout, "renamed %s to %q\n", rename[0], rename[1])
				return nil
			}
			if len(groups) == 0 {
				fmt.Fprintln(g.stdout, "no two records share a name")
			}
			for _, gr := range groups {
				fmt.Fprintf(g.stdout, "%s %q:\n", gr.Table, gr.Name)
				for _, r := range gr.Records {
					keep := ""
					if r.ID == gr.Keep {
						keep = "  (suggested to keep: the oldest)"
					}
					fmt.Fprintf(g.stdout, "  %s  made on desk %s %s, changed %s%s\n", r.ID, r.Desk,
						r.Created.Local().Format("2006-01-02 15:04"), r.Changed.Local().Format("2006-01-02 15:04"), keep)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&merge, "merge", nil, "keep the first record, point references to the second at it, delete the second")
	cmd.Flags().StringSliceVar(&rename, "rename", nil, "give the record a new name")
	return cmd
}

func newSyncClockCmd(g *globals) *cobra.Command {
	var repair bool
	cmd := &cobra.Command{
		Use:   "clock [--repair]",
		Short: "Show whether this desk's changes were stamped with a wrong date; --repair stamps them again",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			ahead := s.OwnClockAhead()
			fmt.Fprintf(g.stdout, "computer date: %s\n", s.Now().Format("2006-01-02 15:04 MST"))
			if ahead == 0 {
				fmt.Fprintln(g.stdout, "this desk's clock is fine")
				return nil
			}
			fmt.Fprintf(g.stdout, "this desk's changes are stamped up to %s ahead of the computer's date\n", ahead.Round(time.Hour))
			if !repair {
				return exitError{code: exitFail, msg: "if the computer's date is right now, run: opsbench sync clock --repair"}
			}
			n, err := s.RepairClock(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "%d records stamped again with today's date; they travel with the next sync\n", n)
			return nil
		},
	}
	cmd.Flags().BoolVar(&repair, "repair", false, "stamp again the changes made while the date was wrong (after correcting the date)")
	return cmd
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
