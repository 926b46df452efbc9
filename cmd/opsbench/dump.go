package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/data/bundle"
)

func newDumpCmd(g *globals) *cobra.Command {
	var asJSON, tombstones bool
	cmd := &cobra.Command{
		Use:   "dump --json",
		Short: "Print every live record of every synced table as canonical JSON (to compare desks)",
		Long: `Print every live record of every synced table as canonical JSON: tables by
name, records by id, keys sorted, without local-only fields. Two desks that
have exchanged all their changes print the same bytes, clocks included.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			return bundle.Dump(ctx, s, g.stdout, bundle.DumpOptions{Tombstones: tombstones})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", true, "JSON output (the only format)")
	cmd.Flags().BoolVar(&tombstones, "tombstones", false, `include deleted records (marked "deleted":true)`)
	return cmd
}
