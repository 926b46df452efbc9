package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
)

func newDemoCmd(g *globals) *cobra.Command {
	var size string
	var seed uint64
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Make a demo database with demo data (--size small|large), beside the real one unless --db names it",
		Long: `Make a demo database: a database of its own, marked as demo, filled with
a sample office. Without --db (or OPSBENCH_DB) it is opsbench-demo.db beside
the default database. A real database is refused: demo data never mixes
with real data, and demo databases sync only with demo databases.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sz, err := demo.ParseSize(size)
			if err != nil {
				return usageError{err}
			}
			path, named, err := g.chosenPath()
			if err != nil {
				return err
			}
			if !named {
				path = data.DemoPath(path)
			}
			ctx := context.Background()
			start := time.Now()
			store, err := data.Open(ctx, path, data.Options{NewID: seededIDs(seed), Demo: true})
			if errors.Is(err, data.ErrRealDatabase) {
				return fmt.Errorf("%s is a real database: demo data is not put into it; make a demo database with --db %s", path, data.DemoPath(path))
			}
			if err != nil {
				return err
			}
			defer store.Close()
			sum, err := demo.Load(ctx, store, sz, seed, nil)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "demo %s (seed %d) loaded into %s in %s: %d people, %d scenarios, %d SKUs, %d shipments, %d cases\n",
				sz, seed, store.Path(), time.Since(start).Round(time.Millisecond), sum.People, sum.Scenarios,
				sum.Inventory.SKUs, sum.Inventory.Shipments, sum.Service.Cases)
			return nil
		},
	}
	cmd.Flags().StringVar(&size, "size", string(demo.Small), "small (a first look) or large (performance work)")
	cmd.Flags().Uint64Var(&seed, "seed", demo.DefaultSeed, "random seed: the same seed gives the same data")
	return cmd
}

// seededIDs makes record IDs whose random part follows the seed.
func seededIDs(seed uint64) func() string {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], seed)
	src := rand.NewChaCha8(key)
	var mu sync.Mutex
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		return app.IDAt(time.Now(), src)
	}
}
