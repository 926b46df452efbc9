package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/reports"
)

// importKinds are the kinds of report `import` reads through the
// importer. Each area adds its own here (one line): the inventory area's
// reports and catalog first. The service area's after-sales case log
// (reports.KindCases) has its own import in the store, with its own
// result (new cases, owners not on the team), so importOne routes it
// there.
func importKinds() []data.ImportKind {
	return data.InventoryImportKinds()
}

func newImportCmd(g *globals) *cobra.Command {
	var kind, date, market string
	var skipBad, addSKUs bool
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import Amazon reports (All Orders, FBA inventory, Business Report, FBA returns), a catalog file or the after-sales case log",
		Long: `Import files downloaded from Seller Central, in English or Chinese, CSV, TSV
or XLSX. The kind is told from the header row (--kind to insist). Each file
is imported whole or not at all: a file with a bad row is refused unless
--skip-bad-rows, and importing a file again, or an overlapping period,
adds nothing twice.

The after-sales case log (--kind cases; the template is in the README)
brings the office's old log along as cases with their timelines, by the
same rules: previewed, imported whole or not at all, nothing twice.

--date gives what a report does not say: the day of an FBA inventory
snapshot (default today in the marketplace), or the period of a Business
Report (required: --date 2026-03-01..2026-03-31).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("import needs at least one file")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opt := data.ImportOptions{SkipBadRows: skipBad, AddUnknownSKUs: addSKUs, Marketplace: strings.ToUpper(market)}
			if kind != "" {
				k, err := reports.ParseKind(kind)
				if err != nil {
					return usageError{err}
				}
				opt.Kind = k
			}
			if market != "" {
				if _, ok := app.MarketplaceOf(market); !ok {
					return usageError{fmt.Errorf("--marketplace %q: use a code such as US, UK, DE, JP", market)}
				}
			}
			var err error
			if opt.From, opt.Day, err = parseDateFlag(date); err != nil {
				return usageError{err}
			}
			ctx, stop := interruptible()
			defer stop()
			s, err := g.openStore(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			im := data.NewImporter(s, importKinds()...)
			if opt.Kind != "" && opt.Kind != reports.KindCases && !supports(im, opt.Kind) {
				return usageError{fmt.Errorf("--kind %s: files of this kind are not imported by this command", opt.Kind)}
			}
			failed := 0
			for _, path := range args {
				if err := importOne(ctx, g.stdout, s, im, path, opt); err != nil {
					failed++
					fmt.Fprintf(g.stdout, "%s: %v\n", path, err)
				}
				if ctx.Err() != nil {
					break
				}
			}
			if failed > 0 {
				return exitError{code: exitFail, msg: fmt.Sprintf("opsbench: %d of %d files not imported", failed, len(args))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&kind, "kind", "", "the kind of every file: all_orders, fba_inventory, business_report, fba_returns, catalog, cases (default: told from the header)")
	cmd.Flags().StringVar(&date, "date", "", "snapshot day (YYYY-MM-DD) or Business Report period (FIRST..LAST)")
	cmd.Flags().BoolVar(&skipBad, "skip-bad-rows", false, "import the good rows of a file that has bad ones (listed)")
	cmd.Flags().StringVar(&market, "marketplace", "", "marketplace of rows whose SKU is not in the catalog and whose file does not say (default US)")
	cmd.Flags().BoolVar(&addSKUs, "add-skus", false, "add SKUs the files name but the catalog lacks, with what the files say about them")
	return cmd
}

func supports(im *data.Importer, k reports.Kind) bool {
	for _, x := range im.Kinds() {
		if x == k {
			return true
		}
	}
	return false
}

// parseDateFlag reads --date: one day, or FIRST..LAST.
func parseDateFlag(s string) (from, to app.Date, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	a, b, isRange := strings.Cut(s, "..")
	if to, err = app.ParseDate(strings.TrimSpace(b)); isRange && err != nil {
		return 0, 0, fmt.Errorf("--date %q: the last day is not a YYYY-MM-DD date", s)
	}
	if from, err = app.ParseDate(strings.TrimSpace(a)); err != nil {
		return 0, 0, fmt.Errorf("--date %q: use YYYY-MM-DD, or FIRST..LAST for a period", s)
	}
	if !isRange {
		return 0, from, nil
	}
	if to < from {
		return 0, 0, fmt.Errorf("--date %q: the period ends before it starts", s)
	}
	return from, to, nil
}

// importOne imports one file and says what it did, or why not.
func importOne(ctx context.Context, w io.Writer, s *data.Store, im *data.Importer, path string, opt data.ImportOptions) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read it: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		opt.Size = st.Size()
	}
	opt.Name = filepath.Base(path)
	if isCaseLog(ctx, f, opt.Kind) {
		return importCaseLog(ctx, w, s, f, path, opt)
	}
	res, err := im.Import(ctx, f, opt)
	var bad *data.BadRowsError
	var dates *data.DatesNeededError
	switch {
	case errors.As(err, &bad):
		fmt.Fprintf(w, "%s: %s, %d row%s: not imported, %d row%s cannot be imported (--skip-bad-rows imports the other %d):\n",
			path, res.Kind.Title(), res.Rows, plural(res.Rows), bad.Count, plural(bad.Count), res.Rows-res.Skipped)
		writeProblems(w, res.Problems, res.ProblemCount)
		return errors.New("refused")
	case errors.As(err, &dates):
		return fmt.Errorf("%v: --date FIRST..LAST, e.g. --date 2026-03-01..2026-03-31", err)
	case errors.Is(err, context.Canceled):
		return errors.New("cancelled: nothing imported")
	case err != nil:
		return err
	}
	fmt.Fprintf(w, "%s: %s (%s, %s), %d row%s", path, res.Kind.Title(), strings.ToUpper(string(res.Format)), res.Encoding, res.Rows, plural(res.Rows))
	if !res.From.IsZero() {
		if res.From == res.To {
			fmt.Fprintf(w, ", %s", res.From)
		} else {
			fmt.Fprintf(w, ", %s..%s", res.From, res.To)
		}
	}
	if res.Kind == reports.KindCatalog {
		fmt.Fprintf(w, ": %d new, %d updated, %d unchanged", res.Added, res.Updated, res.Already)
	} else {
		fmt.Fprintf(w, ": %d new, %d already imported", res.Added, res.Already)
	}
	if res.Skipped > 0 {
		fmt.Fprintf(w, ", %d skipped", res.Skipped)
	}
	fmt.Fprintln(w)
	if res.Skipped > 0 {
		writeProblems(w, res.Problems, res.ProblemCount)
	}
	if res.SKUsAdded > 0 {
		fmt.Fprintf(w, "  %d SKU%s added to the catalog\n", res.SKUsAdded, plural(res.SKUsAdded))
	} else if res.UnknownCount > 0 && res.Kind != reports.KindCatalog {
		fmt.Fprintf(w, "  %d SKU%s not in the catalog (--add-skus adds them): %s\n", res.UnknownCount, plural(res.UnknownCount),
			listShort(res.UnknownSKUs, res.UnknownCount, 10))
	}
	return nil
}

// maxProblemsShown bounds the problems printed per file.
const maxProblemsShown = 20

func writeProblems(w io.Writer, ps []reports.Problem, count int) {
	for i, p := range ps {
		if i == maxProblemsShown {
			break
		}
		fmt.Fprintf(w, "  %v\n", p)
	}
	if count > min(len(ps), maxProblemsShown) {
		fmt.Fprintf(w, "  and %d more\n", count-min(len(ps), maxProblemsShown))
	}
}

func listShort(items []string, total, limit int) string {
	if len(items) > limit {
		items = items[:limit]
	}
	s := strings.Join(items, ", ")
	if total > len(items) {
		s += fmt.Sprintf(" and %d more", total-len(items))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// isCaseLog reports whether f is to be imported as the after-sales case
// log: --kind cases, or no --kind and a header the readers tell as one.
// f is read from its start again afterwards.
func isCaseLog(ctx context.Context, f *os.File, kind reports.Kind) bool {
	if kind != "" {
		return kind == reports.KindCases
	}
	defer func() { _, _ = f.Seek(0, io.SeekStart) }() // a failed seek fails the import's read
	rf, err := reports.Open(ctx, f, reports.Options{})
	if err != nil {
		return false // the import says what is wrong with the file
	}
	defer rf.Close()
	return rf.Kind == reports.KindCases
}

// importCaseLog imports an after-sales case log and says what it did, or
// why not, like a report.
func importCaseLog(ctx context.Context, w io.Writer, s *data.Store, f *os.File, path string, opt data.ImportOptions) error {
	res, err := s.ImportCaseLog(ctx, f, data.CaseLogOptions{SkipBadRows: opt.SkipBadRows, Size: opt.Size})
	title := reports.KindCases.Title()
	var bad *data.CaseLogBadRowsError
	switch {
	case errors.As(err, &bad):
		fmt.Fprintf(w, "%s: %s, %d row%s: not imported, %d row%s cannot be imported (--skip-bad-rows imports the other %d):\n",
			path, title, res.Rows, plural(res.Rows), bad.Count, plural(bad.Count), res.Rows-res.Skipped)
		writeProblems(w, res.Problems, res.ProblemCount)
		return errors.New("refused")
	case errors.Is(err, context.Canceled):
		return errors.New("cancelled: nothing imported")
	case err != nil:
		return err
	}
	fmt.Fprintf(w, "%s: %s (%s, %s), %d row%s", path, title, strings.ToUpper(string(res.Format)), res.Encoding, res.Rows, plural(res.Rows))
	if !res.From.IsZero() {
		if res.From == res.To {
			fmt.Fprintf(w, ", %s", res.From)
		} else {
			fmt.Fprintf(w, ", %s..%s", res.From, res.To)
		}
	}
	fmt.Fprintf(w, ": %d new case%s, %d already imported", res.Added, plural(res.Added), res.Already)
	if res.Skipped > 0 {
		fmt.Fprintf(w, ", %d skipped", res.Skipped)
	}
	fmt.Fprintln(w)
	if res.Skipped > 0 {
		writeProblems(w, res.Problems, res.ProblemCount)
	}
	if len(res.UnknownOwners) > 0 {
		fmt.Fprintf(w, "  owners not on the team (their cases have no owner, the name is in a note): %s\n",
			listShort(res.UnknownOwners, len(res.UnknownOwners), 10))
	}
	if res.NoContact > 0 {
		fmt.Fprintf(w, "  %d e-mail or phone case%s without a contact\n", res.NoContact, plural(res.NoContact))
	}
	if res.NoResolution > 0 {
		fmt.Fprintf(w, "  %d resolved or closed case%s without a resolution\n", res.NoResolution, plural(res.NoResolution))
	}
	return nil
}
