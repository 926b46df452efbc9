package main

import (
	"context"
	"encoding/binary"
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
		Short: "Fill the database with demo data (--size small|large)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sz, err := demo.ParseSize(size)
			if err != nil {
				return usageError{err}
			}
			path, err := g.dbPath()
			if err != nil {
				return err
			}
			ctx := context.Background()
			start := time.Now()
			store, err := data.Open(ctx, path, data.Options{NewID: seededIDs(seed)})
			if err != nil {
				return err
			}
			defer store.Close()
			sum, err := demo.Load(ctx, store, sz, seed, nil)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "demo %s (seed %d) loaded into %s in %s: %d people, %d scenarios\n",
				sz, seed, store.Path(), time.Since(start).Round(time.Millisecond), sum.People, sum.Scenarios)
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
