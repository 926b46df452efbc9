package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/data"
)

func newBackupCmd(g *globals) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup --out FILE",
		Short: "Write a consistent copy of the database to FILE",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usageError{errors.New("--out FILE is required")}
			}
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if out, err = filepath.Abs(out); err != nil {
				return err
			}
			if err := s.BackupTo(ctx, out); err != nil {
				return err
			}
			size := int64(0)
			if st, err := os.Stat(out); err == nil {
				size = st.Size()
			}
			fmt.Fprintf(g.stdout, "backup of %s written to %s (%s)\n", s.Path(), out, sizeText(size))
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "backup `FILE` to write (must not exist)")
	return cmd
}

func newRestoreCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the database with a backup; the current database is kept as a backup first",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("give the backup file to restore")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			from, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			kept, err := data.Restore(context.Background(), path, from, data.BackupPolicy{})
			if err != nil {
				return fmt.Errorf("restore %s: %w; the database was not changed", from, err)
			}
			fmt.Fprintf(g.stdout, "restored %s into %s\n", from, path)
			if kept != "" {
				fmt.Fprintf(g.stdout, "the previous database was kept at %s\n", kept)
			}
			return nil
		},
	}
}

func newBackupsCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "backups",
		Short: "List the database's backups, newest first, with what each holds",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			list, err := data.ListBackupContents(context.Background(), path, data.BackupPolicy{})
			if err != nil {
				return err
			}
			if len(list) == 0 {
				fmt.Fprintf(g.stdout, "no backups of %s\n", path)
				return nil
			}
			for _, b := range list {
				fmt.Fprintf(g.stdout, "%s  %-11s %8s  %s\n", b.At.Local().Format("2006-01-02 15:04"), b.Reason, sizeText(b.Size), b.Path)
				fmt.Fprintf(g.stdout, "    %s\n", backupText(b))
			}
			return nil
		},
	}
}

// backupText says what a backup holds.
func backupText(b data.BackupContents) string {
	switch {
	case b.Problem != "":
		return "cannot be read: " + b.Problem
	case b.Empty():
		return "empty: no team and no scenario yet (taken before the first start was finished)"
	}
	last := "no changes recorded"
	if !b.LastEdit.IsZero() {
		last = "last change " + b.LastEdit.Local().Format("2006-01-02 15:04")
	}
	kind := ""
	if b.Demo {
		kind = ", demo data"
	}
	return fmt.Sprintf("desk %q: %d people, %d scenarios, %s%s", b.Desk, b.People, b.Scenarios, last, kind)
}
