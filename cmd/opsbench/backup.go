package main

import (
	"context"
	"errors"
	"fmt"
	"os"

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
			kept, err := data.Restore(context.Background(), path, args[0], data.BackupPolicy{})
			if err != nil {
				return fmt.Errorf("restore %s: %w; the database was not changed", args[0], err)
			}
			fmt.Fprintf(g.stdout, "restored %s into %s\n", args[0], path)
			if kept != "" {
				fmt.Fprintf(g.stdout, "the previous database was kept at %s\n", kept)
			}
			return nil
		},
	}
}
