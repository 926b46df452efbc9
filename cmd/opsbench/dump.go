package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/data/bundle"
)

func newDumpCmd(g *globals) *cobra.Command {
	var asJSON, tombstones bool
	cmd := &cobra.Command{
		Use:   "dump [--json]",
		Short: "Count the records of every synced table, or print them all as canonical JSON (to compare desks)",
		Long: `Without --json, count the live (and deleted) records of every synced table.
With --json, print every live record of every synced table as canonical
JSON: tables by name, records by id, keys sorted, without local-only
fields. Two desks that have exchanged all their changes print the same
bytes, clocks included.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := context.Background()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if asJSON {
				return bundle.Dump(ctx, s, g.stdout, bundle.DumpOptions{Tombstones: tombstones})
			}
			counts, err := s.SyncRowCounts(ctx)
			if err != nil {
				return err
			}
			for _, c := range counts {
				fmt.Fprintf(g.stdout, "%-16s %7d live  %7d deleted\n", c.Table, c.Live, c.Deleted)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the records as canonical JSON")
	cmd.Flags().BoolVar(&tombstones, "tombstones", false, `include deleted records (marked "deleted":true)`)
	return cmd
}
